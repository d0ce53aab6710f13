/* oomreport.c: parsers for the lines of an OOM report (see oomreport.h). */
#include "model/oomreport.h"

#include <string.h>

#include "model/klog.h"

#define LIT(s) s, sizeof(s) - 1

/* Where the comm of "(comm)" may end, most specific first; the first
 * two only end a Killed line's comm. */
static const char *const comm_markers[] = {") total-vm:", "), UID ", ") score ",
                                           ")."};

/* oom-kill: constraint names. */
static const struct {
	const char *name;
	enum oom_constraint c;
} constraint_names[] = {
    {"CONSTRAINT_NONE", OOM_CONSTRAINT_GLOBAL},
    {"CONSTRAINT_MEMCG", OOM_CONSTRAINT_MEMCG},
    {"CONSTRAINT_CPUSET", OOM_CONSTRAINT_CPUSET},
    {"CONSTRAINT_MEMORY_POLICY", OOM_CONSTRAINT_MEMPOLICY},
};

/* Task table columns we use; any other column is parsed and ignored. */
static const struct {
	const char *name;
	enum oom_column col;
} table_columns[] = {
    {"uid", OOM_COL_UID},           {"tgid", OOM_COL_TGID},
    {"total_vm", OOM_COL_TOTAL_VM}, {"rss", OOM_COL_RSS},
    {"swapents", OOM_COL_SWAPENTS}, {"oom_score_adj", OOM_COL_OOM_SCORE_ADJ},
};

/* Name of a constraint, or NULL. */
const char *
oomreport_constraint_name(enum oom_constraint c)
{
	switch (c) {
	case OOM_CONSTRAINT_GLOBAL:
		return "global";
	case OOM_CONSTRAINT_MEMCG:
		return "memcg";
	case OOM_CONSTRAINT_CPUSET:
		return "cpuset";
	case OOM_CONSTRAINT_MEMPOLICY:
		return "mempolicy";
	case OOM_CONSTRAINT_UNKNOWN:
	default:
		return NULL;
	}
}

/* Just past the first key in [s, s+len), or NULL when it is not there. */
static const char *
after(const char *s, size_t len, const char *key, size_t key_len)
{
	const char *p = kscan_memmem(s, len, key, key_len);

	return p != NULL ? p + key_len : NULL;
}

/* Signed number right after the first key in [s, s+len), or KLOG_NA. */
static int64_t
num_after(const char *s, size_t len, const char *key, size_t key_len)
{
	const char *p = after(s, len, key, key_len);
	struct kscan k;
	int64_t v;

	if (p == NULL)
		return KLOG_NA;
	kscan_init(&k, p, len - (size_t)(p - s));
	kscan_spaces(&k);
	return kscan_i64(&k, &v) ? v : KLOG_NA;
}

/* Slice from a to b. */
static struct kslice
slice(const char *a, const char *b)
{
	struct kslice sl = {a, (size_t)(b - a)};
	return sl;
}

/* "<comm> invoked oom-killer: gfp_mask=..., order=N, oom_score_adj=N" */
bool
oomreport_parse_invoked(const char *s, size_t len, struct oom_invoked *out)
{
	const char *p, *end = s + len, *g, *ge;
	struct oom_invoked r;

	p = kscan_memrmem(s, len, LIT(" invoked oom-killer:"));
	if (p == NULL)
		return false;
	memset(&r, 0, sizeof r);
	r.comm = slice(s, p);
	p += sizeof(" invoked oom-killer:") - 1;
	g = kscan_memmem(p, (size_t)(end - p), LIT("gfp_mask="));
	if (g != NULL) {
		g += sizeof("gfp_mask=") - 1;
		ge = kscan_memmem(g, (size_t)(end - g), LIT(", "));
		r.gfp_mask = slice(g, ge ? ge : end);
	}
	r.order = num_after(p, (size_t)(end - p), LIT("order="));
	r.oom_score_adj =
	    num_after(p, (size_t)(end - p), LIT("oom_score_adj="));
	*out = r;
	return true;
}

/* The kB and id fields that follow the comm of a Killed line. */
static void
killed_fields(const char *s, size_t len, struct oom_killed *r)
{
	r->total_vm_kb = num_after(s, len, LIT("total-vm:"));
	r->anon_rss_kb = num_after(s, len, LIT("anon-rss:"));
	r->file_rss_kb = num_after(s, len, LIT("file-rss:"));
	r->shmem_rss_kb = num_after(s, len, LIT("shmem-rss:"));
	r->pgtables_kb = num_after(s, len, LIT("pgtables:"));
	r->oom_score_adj = num_after(s, len, LIT("oom_score_adj:"));
	if (r->uid == KLOG_NA)
		r->uid = num_after(s, len, LIT("UID:"));
}

/* Find where the comm of "(comm)" ends: the last of the given markers. */
static const char *
comm_end(const char *c, const char *end, bool chosen)
{
	const char *p;
	size_t i;

	for (i = chosen ? 2 : 0;
	     i < sizeof comm_markers / sizeof comm_markers[0]; i++) {
		p = kscan_memrmem(c, (size_t)(end - c), comm_markers[i],
		                  strlen(comm_markers[i]));
		if (p != NULL)
			return p;
	}
	return kscan_memrmem(c, (size_t)(end - c), LIT(")"));
}

/* Every "Killed process" / "Kill process" variant. */
bool
oomreport_parse_killed(const char *s, size_t len, struct oom_killed *out)
{
	const char *p, *end = s + len, *ce;
	struct oom_killed r;
	struct kscan k;
	uint64_t pid;

	memset(&r, 0, sizeof r);
	p = after(s, len, LIT("Killed process "));
	if (p == NULL) {
		p = after(s, len, LIT("Kill process "));
		if (p == NULL)
			return false;
		r.chosen_only = true;
	}
	/* before the marker: no match can overlap it (it holds no 'M', the
	 * phrase no 'K') */
	if (kscan_memmem(s, (size_t)(p - s),
	                 LIT("Memory cgroup out of memory")))
		r.constraint = OOM_CONSTRAINT_MEMCG;
	kscan_init(&k, p, (size_t)(end - p));
	if (!kscan_u64(&k, &pid) || pid > INT32_MAX)
		return false;
	r.pid = (int64_t)pid;
	r.uid = KLOG_NA;
	if (kscan_lit(&k, ", UID ")) { /* RHEL6: "N, UID N, (comm)" */
		r.uid = kscan_i64(&k, &r.uid) ? r.uid : KLOG_NA;
		if (!kscan_lit(&k, ","))
			return false;
	}
	kscan_spaces(&k);
	if (!kscan_char(&k, '('))
		return false;
	ce = comm_end(k.p, end, r.chosen_only);
	if (ce == NULL)
		return false;
	r.comm = slice(k.p, ce);
	if (kscan_memmem(ce, (size_t)(end - ce), LIT("), UID ")) == ce) {
		kscan_init(&k, ce + 7, (size_t)(end - ce - 7));
		r.uid = kscan_i64(&k, &r.uid) ? r.uid : KLOG_NA;
	}
	if (r.chosen_only) {
		r.total_vm_kb = r.anon_rss_kb = r.file_rss_kb = KLOG_NA;
		r.shmem_rss_kb = r.pgtables_kb = r.oom_score_adj = KLOG_NA;
	} else {
		killed_fields(ce, (size_t)(end - ce), &r);
	}
	*out = r;
	return true;
}

/* A page-counted kB value: unknown, or >= 0 and whole pages. */
static bool
pages_kb_ok(int64_t kb)
{
	return kb == KLOG_NA || (kb >= 0 && kb % 4 == 0);
}

/* Numbers a kernel could have printed. */
bool
oomreport_killed_plausible(const struct oom_killed *k)
{
	if (!pages_kb_ok(k->total_vm_kb) || !pages_kb_ok(k->anon_rss_kb) ||
	    !pages_kb_ok(k->file_rss_kb) || !pages_kb_ok(k->shmem_rss_kb))
		return false;
	if (k->total_vm_kb == KLOG_NA || k->anon_rss_kb == KLOG_NA ||
	    k->file_rss_kb == KLOG_NA)
		return true;
	/* in pages, each < 2^61: the sum of three cannot overflow */
	return k->anon_rss_kb / 4 + k->file_rss_kb / 4 +
	           (k->shmem_rss_kb == KLOG_NA ? 0 : k->shmem_rss_kb / 4) <=
	       k->total_vm_kb / 4;
}

/* Value of ",key=" (or "key=" at the start) up to the next stop marker. */
static struct kslice
kv_until(const char *s, const char *end, const char *key, const char *stop)
{
	struct kslice v = {NULL, 0};
	const char *p = kscan_memmem(s, (size_t)(end - s), key, strlen(key)),
	           *q;

	if (p == NULL)
		return v;
	p += strlen(key);
	q = stop ? kscan_memrmem(p, (size_t)(end - p), stop, strlen(stop))
	         : NULL;
	if (q == NULL)
		q = memchr(p, ',', (size_t)(end - p));
	return slice(p, q ? q : end);
}

/* "oom-kill:constraint=CONSTRAINT_*,...,task=comm,pid=N,uid=N" */
bool
oomreport_parse_constraint(const char *s, size_t len,
                           struct oom_constraint_line *out)
{
	const char *p = kscan_memmem(s, len, LIT("oom-kill:")), *end = s + len;
	const char *tail, *pidp;
	struct oom_constraint_line r;
	struct kslice c;
	size_t i;

	if (p == NULL)
		return false;
	memset(&r, 0, sizeof r);
	r.pid = r.uid = KLOG_NA;
	c = kv_until(p, end, "constraint=", NULL);
	for (i = 0;
	     c.s && i < sizeof constraint_names / sizeof constraint_names[0];
	     i++)
		if (c.len == strlen(constraint_names[i].name) &&
		    memcmp(c.s, constraint_names[i].name, c.len) == 0)
			r.constraint = constraint_names[i].c;
	r.global_oom =
	    kscan_memmem(p, (size_t)(end - p), LIT(",global_oom")) != NULL;
	/* The comm after task= may hold commas: anchor on the last pid=. */
	pidp = kscan_memrmem(p, (size_t)(end - p), LIT(",pid="));
	tail = kscan_memrmem(p, (size_t)(end - p), LIT(",task="));
	if (tail != NULL && pidp != NULL && pidp > tail) {
		r.task = slice(tail + 6, pidp);
		r.pid = num_after(pidp, (size_t)(end - pidp), LIT(",pid="));
		r.uid = num_after(pidp, (size_t)(end - pidp), LIT(",uid="));
	} else {
		tail = end;
	}
	r.oom_memcg = kv_until(p, tail, ",oom_memcg=", ",task_memcg=");
	r.task_memcg = kv_until(p, tail, ",task_memcg=", NULL);
	if (r.task_memcg.s != NULL) /* a path may hold commas: up to task= */
		r.task_memcg = slice(r.task_memcg.s, tail);
	*out = r;
	return true;
}

/* "oom_reaper: reaped process N (comm), now ..." / "unable to reap pid:N" */
bool
oomreport_parse_reaper(const char *s, size_t len, struct oom_reaper_line *out)
{
	const char *p, *end = s + len, *ce;
	struct oom_reaper_line r;
	struct kscan k;
	uint64_t pid;

	memset(&r, 0, sizeof r);
	if ((p = after(s, len, LIT("oom_reaper: reaped process "))))
		r.reaped = true;
	else if (!(p = after(s, len, LIT("oom_reaper: unable to reap pid:"))))
		return false;
	kscan_init(&k, p, (size_t)(end - p));
	if (!kscan_u64(&k, &pid) || pid > INT32_MAX)
		return false;
	r.pid = (int64_t)pid;
	if (kscan_lit(&k, " (")) {
		ce = kscan_memrmem(k.p, (size_t)(end - k.p), LIT("), now "));
		if (ce == NULL)
			ce = kscan_memrmem(k.p, (size_t)(end - k.p), LIT(")"));
		if (ce != NULL)
			r.comm = slice(k.p, ce);
	}
	*out = r;
	return true;
}

/* True for the memory.oom.group announcement. */
bool
oomreport_is_oom_group(const char *s, size_t len)
{
	return kscan_memmem(s, len,
	                    LIT(" are going to be killed due to "
	                        "memory.oom.group set")) != NULL;
}

/* Path of "Memory cgroup stats for PATH:": up to the first ':' that ends
 * the line or comes before a space (3.x-4.18 print " cache:0KB ..." after
 * it); a path may hold ':' followed by anything else. */
static const char *
stats_path_end(const char *p, const char *end)
{
	const char *q;

	for (q = p; q < end; q++)
		if (*q == ':' && (q + 1 == end || q[1] == ' ' || q[1] == '\t'))
			return q;
	return end;
}

/* A line that names a memory cgroup (see enum oom_memcg_kind). */
bool
oomreport_parse_memcg_line(const char *s, size_t len,
                           struct oom_memcg_line *out)
{
	const char *p, *q, *end = s + len;
	struct oom_memcg_line r;

	memset(&r, 0, sizeof r);
	if ((p = after(s, len, LIT("Memory cgroup stats for ")))) {
		r.kind = OOM_MEMCG_STATS;
		q = stats_path_end(p, end);
	} else if ((p = after(s, len, LIT("Tasks in ")))) {
		r.kind = OOM_MEMCG_GROUP;
		q = kscan_memrmem(p, (size_t)(end - p),
		                  LIT(" are going to be killed due to "));
	} else if ((q = kscan_memmem(
	                s, len, LIT(" killed as a result of limit of ")))) {
		r.kind = OOM_MEMCG_LIMIT;
		p = kscan_memmem(s, (size_t)(q - s), LIT("Task in "));
		if (p != NULL && p + 8 < q)
			r.task = slice(p + 8, q);
		p = q + sizeof(" killed as a result of limit of ") - 1;
		q = end;
		while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
	} else {
		return false;
	}
	if (q == NULL || q <= p)
		return false;
	r.path = slice(p, q);
	*out = r;
	return true;
}

/* The path of a memcg line. */
bool
oomreport_parse_memcg(const char *s, size_t len, struct kslice *path)
{
	struct oom_memcg_line m;

	if (!oomreport_parse_memcg_line(s, len, &m))
		return false;
	*path = m.path;
	return true;
}

/* Column kind of one header word. */
static enum oom_column
column_of(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof table_columns / sizeof table_columns[0]; i++)
		if (n == strlen(table_columns[i].name) &&
		    memcmp(w, table_columns[i].name, n) == 0)
			return table_columns[i].col;
	return OOM_COL_OTHER;
}

/* "[  pid  ]   uid  tgid total_vm      rss ... oom_score_adj name" */
bool
oomreport_parse_table_header(const char *s, size_t len, struct oom_table *out)
{
	struct oom_table t;
	struct kscan k;
	const char *w;
	size_t n;

	kscan_init(&k, s, len);
	kscan_spaces(&k);
	if (!kscan_char(&k, '['))
		return false;
	kscan_spaces(&k);
	if (!kscan_lit(&k, "pid"))
		return false;
	kscan_spaces(&k);
	if (!kscan_char(&k, ']'))
		return false;
	t.ncols = 0;
	for (;;) {
		if (!kscan_spaces(&k) || kscan_left(&k) == 0)
			return false;
		w = k.p;
		while (k.p < k.end && *k.p != ' ' && *k.p != '\t')
			k.p++;
		n = (size_t)(k.p - w);
		if (n == 4 && memcmp(w, "name", 4) == 0) {
			kscan_spaces(&k);
			break;
		}
		if (t.ncols == OOM_TABLE_MAX_COLS)
			return false;
		t.col[t.ncols++] = column_of(w, n);
	}
	if (kscan_left(&k) != 0)
		return false;
	*out = t;
	return true;
}

/* One row: "[pid]" then one number per column, then the name. */
bool
oomreport_parse_table_row(const struct oom_table *t, const char *s, size_t len,
                          struct oom_task_row *out)
{
	struct oom_task_row r;
	struct kscan k;
	uint64_t pid;
	int64_t v;
	size_t i;
	const char *end;

	kscan_init(&k, s, len);
	kscan_spaces(&k);
	if (!kscan_char(&k, '['))
		return false;
	kscan_spaces(&k);
	if (!kscan_u64(&k, &pid) || pid > INT32_MAX || !kscan_char(&k, ']'))
		return false;
	r.pid = (int64_t)pid;
	r.uid = r.tgid = r.total_vm_pages = r.rss_pages = KLOG_NA;
	r.swapents = r.oom_score_adj = KLOG_NA;
	for (i = 0; i < t->ncols; i++) {
		if (!kscan_spaces(&k) || !kscan_i64(&k, &v))
			return false;
		switch (t->col[i]) {
		case OOM_COL_UID:
			r.uid = v;
			break;
		case OOM_COL_TGID:
			r.tgid = v;
			break;
		case OOM_COL_TOTAL_VM:
			r.total_vm_pages = v;
			break;
		case OOM_COL_RSS:
			r.rss_pages = v;
			break;
		case OOM_COL_SWAPENTS:
			r.swapents = v;
			break;
		case OOM_COL_OOM_SCORE_ADJ:
			r.oom_score_adj = v;
			break;
		case OOM_COL_OTHER:
		default:
			break;
		}
	}
	if (!kscan_spaces(&k) || kscan_left(&k) == 0)
		return false;
	end = k.end;
	while (end > k.p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	r.name = slice(k.p, end);
	*out = r;
	return true;
}
