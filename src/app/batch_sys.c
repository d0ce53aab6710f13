/* batch_sys.c: "blocked" and "settings" in --batch --json (see
 * batch_sys.h). */
#include "app/batch_sys.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "collect/sysfiles.h"
#include "core/json.h"
#include "model/dtasks.h"
#include "model/sysctl.h"

/* The run's state: the reader (kept for the process's life) and the D
 * tasks seen so far. */
struct batch_sys {
	struct sysfiles *sf; /* NULL: the root could not be opened */
	struct dtasks d;
	struct sysfiles_sample sample;
};

/* The "blocked" array. */
static void
batch_sys_blocked(FILE *f, const struct dtasks *d)
{
	fputs(", \"blocked\": [", f);
	for (size_t i = 0; i < d->n; i++) {
		const struct dtask *t = &d->item[i];

		fprintf(f, "%s{\"pid\": %d, \"tid\": %d, \"comm\": ",
		        i ? ", " : "", (int)t->pid, (int)t->id.pid);
		json_string(f, t->comm, strnlen(t->comm, sizeof t->comm));
		fputs(", \"state_s\": ", f);
		json_double_or_null(f, (double)dtasks_in_d_ms(d, i) / 1000.0,
		                    1);
		fputs(", \"wchan\": ", f);
		json_cstr_or_null(f, t->wchan_err == 0 ? t->wchan : NULL);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The "settings" object (sv NULL: none could be read). */
static void
batch_sys_settings(FILE *f, const struct sysctl_values *sv)
{
	char meaning[512];

	fputs(", \"settings\": {", f);
	for (int i = 0; i < SYSCTL_COUNT; i++) {
		enum sysctl_id id = (enum sysctl_id)i;

		fprintf(f, "%s\"%s\": ", i ? ", " : "", sysctl_def(id)->name);
		if (sv == NULL || sv->err[i] != 0) {
			fputs("null", f);
			continue;
		}
		fputs("{\"value\": ", f);
		json_int_or_null(f, sv->v[i], SNAP_NA);
		fputs(", \"meaning\": ", f);
		sysctl_meaning(sv, id, meaning, sizeof meaning);
		json_string(f, meaning, strlen(meaning));
		fputc('}', f);
	}
	fputc('}', f);
}

/* The run's reader over proc_root (NULL: /proc), or NULL (no memory). */
struct batch_sys *
batch_sys_new(const char *proc_root)
{
	struct batch_sys *st = calloc(1, sizeof *st);
	char err[256];

	if (st == NULL)
		return NULL;
	/* a root that cannot be opened leaves sf NULL: settings null */
	st->sf = sysfiles_new(proc_root, err, sizeof err);
	dtasks_init(&st->d);
	return st;
}

/* Free st (NULL is fine). */
void
batch_sys_free(struct batch_sys *st)
{
	if (st == NULL)
		return;
	sysfiles_free(st->sf);
	free(st);
}

/* Write "blocked" and "settings" for sample s (st NULL: both empty). */
void
batch_sys_json(FILE *f, struct batch_sys *st, const struct snapshot *s)
{
	if (st == NULL) {
		fputs(", \"blocked\": null, \"settings\": null", f);
		return;
	}
	if (st->sf != NULL)
		sysfiles_update_dtasks(st->sf, &st->d, s);
	else
		dtasks_update(&st->d, s, s->mono_ms);
	if (st->sf != NULL) {
		sysfiles_read_tasks(st->sf, &st->d, false);
		sysfiles_read(st->sf, &st->sample);
	}
	batch_sys_blocked(f, &st->d);
	batch_sys_settings(f, st->sf != NULL ? &st->sample.sysctl : NULL);
}
