/* batch_cg.c: the memory cgroups in --batch (see batch_cg.h). */
#include "app/batch_cg.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/sanitize.h"
#include "model/forecast.h"
#include "model/snapcg.h"

#define BATCH_CG_TEXT_MAX 10

/* Bytes in kB, or SNAP_NA when unknown or unlimited. */
static int64_t
batch_cg_kb(int64_t bytes)
{
	if (bytes == SNAP_NA || bytes == CGMEM_UNLIMITED)
		return SNAP_NA;
	return bytes / 1024;
}

/* The swap limit in bytes: cgroup2 swap.max, v1 memsw - memory. */
static int64_t
batch_cg_swap_limit(const struct cgmem *m)
{
	if (m->mode != SNAP_CGROUP_V1)
		return m->swap_max_bytes;
	if (m->memsw_max_bytes == SNAP_NA || m->max_bytes == SNAP_NA ||
	    m->memsw_max_bytes == CGMEM_UNLIMITED)
		return m->memsw_max_bytes == CGMEM_UNLIMITED ? CGMEM_UNLIMITED
		                                             : SNAP_NA;
	if (m->max_bytes == CGMEM_UNLIMITED)
		return SNAP_NA;
	return m->memsw_max_bytes - m->max_bytes;
}

/* `"key": int-or-null` with a leading ", " unless first. */
static void
batch_cg_int(FILE *f, const char *key, int64_t v, bool first)
{
	fprintf(f, "%s\"%s\": ", first ? "" : ", ", key);
	json_int_or_null(f, v, SNAP_NA);
}

/* The "events" object. */
static void
batch_cg_events(FILE *f, const struct cgmem_events *e)
{
	fputs(", \"events\": {", f);
	batch_cg_int(f, "low", e->low, true);
	batch_cg_int(f, "high", e->high, false);
	batch_cg_int(f, "max", e->max, false);
	batch_cg_int(f, "oom", e->oom, false);
	batch_cg_int(f, "oom_kill", e->oom_kill, false);
	batch_cg_int(f, "oom_group_kill", e->oom_group_kill, false);
	fputc('}', f);
}

/* The "psi" object or null. */
static void
batch_cg_psi(FILE *f, const struct psi_memory *p)
{
	static const char *const names[] = {"some_avg10",  "some_avg60",
	                                    "some_avg300", "full_avg10",
	                                    "full_avg60",  "full_avg300"};
	double v[] = {p->some.avg10, p->some.avg60, p->some.avg300,
	              p->full.avg10, p->full.avg60, p->full.avg300};

	fputs(", \"psi\": ", f);
	if (!p->valid) {
		fputs("null", f);
		return;
	}
	for (int i = 0; i < 6; i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "{", names[i]);
		json_double_or_null(f, v[i], i < 3 || p->full_valid);
	}
	fputc('}', f);
}

/* The "victim" object or null. */
static void
batch_cg_victim(FILE *f, const struct snapshot *s, const struct cgvictim *v)
{
	const struct proc_row *r;

	fputs(", \"victim\": ", f);
	if (v->victim == CGVICTIM_NONE || v->victim >= s->nprocs) {
		fputs("null", f);
		return;
	}
	r = &s->procs[v->victim];
	fprintf(f, "{\"pid\": %d, \"comm\": ", r->pid);
	json_string(f, r->comm, strnlen(r->comm, sizeof r->comm));
	fputs(", \"points\": ", f);
	json_int_or_null(f, v->points, SNAP_NA);
	fputc('}', f);
}

/* `, "forecast": {"limit_in_s", "basis"}`: seconds to memory.max or
 * null without an honest number. */
static void
batch_cg_forecast(FILE *f, const struct cgseries_fore *fore)
{
	fputs(", \"forecast\": {\"limit_in_s\": ", f);
	json_int_or_null(f, fore->valid ? fore->eta_s : SNAP_NA, SNAP_NA);
	fprintf(
	    f, ", \"basis\": \"%s\"}",
	    forecast_basis_name(fore->valid ? FORECAST_STEADY : fore->basis));
}

/* One cgroup as a JSON object (with its forecast when forecast). */
static void
batch_cg_json_one(FILE *f, const struct snapshot *s, size_t i, bool forecast)
{
	const struct snap_cgroup *cg = &s->cgroups[i];
	const struct cgmem *m = &cg->mem;
	char name[256];
	size_t len;
	const char *path = snapcg_path(s, i, &len);

	fputs("{\"path\": ", f);
	json_string(f, path ? path : "", path ? len : 0);
	fputs(", \"name\": ", f);
	snapcg_format_name(s, i, false, name, sizeof name);
	json_string(f, name, strlen(name));
	batch_cg_int(f, "usage_kb", batch_cg_kb(m->current_bytes), false);
	batch_cg_int(f, "limit_kb", batch_cg_kb(m->max_bytes), false);
	batch_cg_int(f, "high_kb", batch_cg_kb(m->high_bytes), false);
	batch_cg_int(f, "swap_kb", batch_cg_kb(cgmem_swap_used_bytes(m)),
	             false);
	batch_cg_int(f, "swap_limit_kb", batch_cg_kb(batch_cg_swap_limit(m)),
	             false);
	batch_cg_events(f, &m->events);
	batch_cg_psi(f, &m->psi);
	fputs(", \"oom_group\": ", f);
	fputs(m->oom_group == SNAP_NA ? "null"
	      : m->oom_group          ? "true"
	                              : "false",
	      f);
	batch_cg_victim(f, s, &cg->victim);
	if (forecast)
		batch_cg_forecast(f, &cg->fore);
	fputc('}', f);
}

/* The "cgroups" array. */
void
batch_cg_json(FILE *f, const struct snapshot *s, bool forecast)
{
	fputs("\"cgroups\": [", f);
	for (size_t i = 0; i < s->ncgroups; i++) {
		if (i)
			fputs(", ", f);
		batch_cg_json_one(f, s, i, forecast);
	}
	fputc(']', f);
}

/* qsort_r: the cgroup nearest its limit first, then by path order. */
static int
batch_cg_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct snapshot *s = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int ua = cgmem_used_permille(&s->cgroups[a].mem);
	int ub = cgmem_used_permille(&s->cgroups[b].mem);

	if (ua != ub)
		return ua > ub ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* A byte count as kB, or "N/A" / "max", into buf. */
static const char *
batch_cg_kb_text(char *buf, size_t size, int64_t bytes)
{
	if (bytes == SNAP_NA)
		snprintf(buf, size, "N/A");
	else if (bytes == CGMEM_UNLIMITED)
		snprintf(buf, size, "max");
	else
		snprintf(buf, size, "%" PRId64, bytes / 1024);
	return buf;
}

/* One text line: used %, usage, limit, oom_kill, victim, name. */
static void
batch_cg_text_one(FILE *f, const struct snapshot *s, size_t i,
                  unsigned san_flags)
{
	const struct snap_cgroup *cg = &s->cgroups[i];
	char name[256], clean[1024], a[32], b[32], k[32], vic[96];
	const struct cgvictim *v = &cg->victim;

	snapcg_format_name(s, i, false, name, sizeof name);
	sanitize_text(clean, sizeof clean, name, strlen(name), san_flags, NULL);
	snprintf(k, sizeof k, "N/A");
	if (cg->mem.events.oom_kill != SNAP_NA)
		snprintf(k, sizeof k, "%" PRId64, cg->mem.events.oom_kill);
	snprintf(vic, sizeof vic, "none");
	if (v->victim != CGVICTIM_NONE && v->victim < s->nprocs) {
		char c[64];
		const struct proc_row *r = &s->procs[v->victim];
		sanitize_text(c, sizeof c, r->comm,
		              strnlen(r->comm, sizeof r->comm),
		              san_flags | SANITIZE_NUL_SPACE, NULL);
		snprintf(vic, sizeof vic, "%d %s", r->pid, c);
	}
	fprintf(f, "  %5.1f%% %11s %11s %8s  %-24s %s\n",
	        cgmem_used_permille(&cg->mem) / 10.0,
	        batch_cg_kb_text(a, sizeof a, cg->mem.current_bytes),
	        batch_cg_kb_text(b, sizeof b, cg->mem.max_bytes), k, vic,
	        clean);
}

/* The cgroups nearest their limit. */
void
batch_cg_text(FILE *f, const struct snapshot *s, unsigned san_flags)
{
	size_t *ix = s->ncgroups ? malloc(s->ncgroups * sizeof *ix) : NULL;
	size_t n = 0;

	for (size_t i = 0; ix != NULL && i < s->ncgroups; i++)
		if (cgmem_used_permille(&s->cgroups[i].mem) >= 0)
			ix[n++] = i;
	fprintf(f, "memory cgroups: %zu, %zu with a limit%s\n", s->ncgroups, n,
	        s->ncgroups ? "" : " (none read)");
	if (n > 0) {
		qsort_r(ix, n, sizeof *ix, batch_cg_cmp, (void *)s);
		fprintf(f, "  %6s %11s %11s %8s  %-24s %s\n", "USED",
		        "USAGE_KB", "LIMIT_KB", "OOM_KILL", "VICTIM", "CGROUP");
		for (size_t i = 0; i < n && i < BATCH_CG_TEXT_MAX; i++)
			batch_cg_text_one(f, s, ix[i], san_flags);
	}
	free(ix);
}
