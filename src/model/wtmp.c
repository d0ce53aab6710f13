/* wtmp.c: boots from utmpx records, as last -x sees them (see wtmp.h). */
#include "model/wtmp.h"

#include <string.h>
#include <utmpx.h>

/* What one record means for the boots. */
enum rec_kind { REC_OTHER, REC_BOOT, REC_SHUTDOWN };

/* The size of one record. */
size_t
wtmp_record_size(void)
{
	return sizeof(struct utmpx);
}

/* A fixed-size field equals a word (NUL-padded or full). */
static bool
field_is(const char *field, size_t size, const char *word)
{
	size_t n = strlen(word);

	return n <= size && memcmp(field, word, n) == 0 &&
	       (n == size || field[n] == '\0');
}

/* The record's meaning, as util-linux last.c reads it. */
static enum rec_kind
kind_of(const struct utmpx *u)
{
	bool tilde = field_is(u->ut_line, sizeof u->ut_line, "~");
	int lvl = u->ut_pid & 255;

	if (u->ut_type == BOOT_TIME ||
	    (tilde && field_is(u->ut_user, sizeof u->ut_user, "reboot")))
		return REC_BOOT;
	if (tilde && field_is(u->ut_user, sizeof u->ut_user, "shutdown"))
		return REC_SHUTDOWN;
	if (u->ut_type == RUN_LVL && (lvl == '0' || lvl == '6'))
		return REC_SHUTDOWN;
	return REC_OTHER;
}

/* The slot of a new boot: the ring keeps the newest max. */
static struct wtmp_boot *
new_boot(struct wtmp_boot *out, size_t max, size_t *n, struct wtmp_stats *st)
{
	if (*n == max) {
		memmove(out, out + 1, (max - 1) * sizeof *out);
		st->dropped++;
		(*n)--;
	}
	memset(&out[*n], 0, sizeof *out);
	return &out[(*n)++];
}

/* Apply one record to the boots so far. */
static void
apply(const struct utmpx *u, struct wtmp_boot *out, size_t max, size_t *n,
      struct wtmp_stats *st)
{
	int64_t t = (int64_t)u->ut_tv.tv_sec;
	struct wtmp_boot *b = *n ? &out[*n - 1] : NULL;
	size_t hl;

	switch (kind_of(u)) {
	case REC_BOOT:
		if (b != NULL && b->end == WTMP_RUNNING)
			b->end = WTMP_CRASH;
		st->boots++;
		b = new_boot(out, max, n, st);
		b->start_unix_s = b->last_seen_unix_s = t;
		b->end_unix_s = INT64_MIN;
		hl = strnlen(u->ut_host, sizeof u->ut_host);
		if (hl >= sizeof b->kernel)
			hl = sizeof b->kernel - 1;
		memcpy(b->kernel, u->ut_host, hl);
		return;
	case REC_SHUTDOWN:
		if (b != NULL && b->end == WTMP_RUNNING) {
			b->end = WTMP_SHUTDOWN;
			b->end_unix_s = t;
		}
		break;
	case REC_OTHER:
	default:
		break;
	}
	if (b != NULL && b->end != WTMP_CRASH) {
		if (t < b->last_seen_unix_s)
			st->bad_time = true;
		else
			b->last_seen_unix_s = t;
	}
}

/* Read the records (see wtmp.h). */
size_t
wtmp_parse(const void *data, size_t len, struct wtmp_boot *out, size_t max,
           struct wtmp_stats *st)
{
	struct wtmp_stats local;
	struct utmpx u;
	const char *p = data;
	size_t n = 0, i;

	if (st == NULL)
		st = &local;
	memset(st, 0, sizeof *st);
	if (max == 0)
		return 0;
	for (i = 0; i + sizeof u <= len; i += sizeof u) {
		memcpy(&u, p + i, sizeof u);
		st->records++;
		apply(&u, out, max, &n, st);
	}
	st->partial = len - i;
	return n;
}

/* The end's name. */
const char *
wtmp_end_name(enum wtmp_end e)
{
	switch (e) {
	case WTMP_SHUTDOWN:
		return "shutdown";
	case WTMP_CRASH:
		return "crash";
	case WTMP_RUNNING:
	default:
		return "running";
	}
}
