/* fuzz_oomreport.c: libFuzzer harness for the report line parsers
 * (model/oomreport.c, model/kreport.c). The first line of the input is
 * tried as a task-table header (a 6.8 header when it is not one); every
 * parser then runs on the second line. Slices must stay inside it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/kreport.h"
#include "model/oomreport.h"

static const char default_header[] =
    "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem "
    "pgtables_bytes swapents oom_score_adj name";

/* Abort when a slice points outside [s, s+len). */
static void
inside(struct kslice k, const char *s, size_t len)
{
	if (k.s != NULL && (k.s < s || k.s + k.len > s + len))
		abort();
}

/* Every parser on one line. */
static void
parse_all(const struct oom_table *t, const char *s, size_t len)
{
	struct oom_invoked inv;
	struct oom_killed k;
	struct oom_constraint_line c;
	struct oom_reaper_line r;
	struct oom_task_row row;
	struct kreport_hung_task h;
	struct kreport_soft_lockup sl;
	struct kreport_alloc_failure af;
	struct kslice p;
	int64_t cpu;

	if (oomreport_parse_invoked(s, len, &inv)) {
		inside(inv.comm, s, len);
		inside(inv.gfp_mask, s, len);
	}
	if (oomreport_parse_killed(s, len, &k)) {
		inside(k.comm, s, len);
		(void)oomreport_killed_plausible(&k);
	}
	if (oomreport_parse_constraint(s, len, &c)) {
		inside(c.oom_memcg, s, len);
		inside(c.task_memcg, s, len);
		inside(c.task, s, len);
	}
	if (oomreport_parse_reaper(s, len, &r))
		inside(r.comm, s, len);
	if (oomreport_parse_memcg(s, len, &p))
		inside(p, s, len);
	(void)oomreport_is_oom_group(s, len);
	if (oomreport_parse_table_row(t, s, len, &row))
		inside(row.name, s, len);
	if (kreport_parse_hung_task(s, len, &h))
		inside(h.comm, s, len);
	if (kreport_parse_soft_lockup(s, len, &sl))
		inside(sl.comm, s, len);
	(void)kreport_parse_hard_lockup(s, len, &cpu);
	if (kreport_parse_panic(s, len, &p))
		inside(p, s, len);
	if (kreport_parse_null_deref(s, len, &p))
		inside(p, s, len);
	if (kreport_parse_alloc_failure(s, len, &af))
		inside(af.comm, s, len);
}

/* Header line, then the line to parse. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	struct oom_table t;
	size_t hlen = nl ? (size_t)(nl - s) : size;
	char *copy;

	if (!oomreport_parse_table_header(s, hlen, &t) &&
	    !oomreport_parse_table_header(default_header,
	                                  sizeof default_header - 1, &t))
		abort();
	if (t.ncols > OOM_TABLE_MAX_COLS)
		abort();
	/* an exact-size heap copy, so reading past the end is caught */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, s, size);
	parse_all(&t, copy, size);
	if (nl != NULL)
		parse_all(&t, copy + hlen + 1, size - hlen - 1);
	free(copy);
	return 0;
}
