/*
 * prom.c: one sample as Prometheus text exposition (see prom.h). Families
 * come in a fixed order: memory and swap, PSI, the vmstat OOM count, the
 * kernel log's counts, the next victim, the forecast, the cgroups, the
 * top processes.
 */
#include "model/prom.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numround.h"
#include "core/sanitize.h"
#include "model/cgmem.h"
#include "model/snapcg.h"
#include "model/victim.h"

/* One label of a sample: key="value" (value as raw bytes). */
struct prom_label {
	const char *key;
	const char *raw;
	size_t len;
};

/* A family: its name, TYPE and HELP. */
struct prom_family {
	const char *name, *type, *help;
};

/* An empty buffer. */
void
prom_text_init(struct prom_text *t)
{
	memset(t, 0, sizeof *t);
}

/* Free the buffer's memory. */
void
prom_text_fini(struct prom_text *t)
{
	free(t->s);
	free(t->scratch);
	free(t->top);
	memset(t, 0, sizeof *t);
}

/* Room for n more bytes and a NUL: the place to put them, or NULL (and
 * failed set) when out of memory. */
static char *
prom_reserve(struct prom_text *t, size_t n)
{
	size_t cap = t->cap ? t->cap : 4096;
	char *s;

	if (t->failed)
		return NULL;
	while (cap - t->len < n + 1)
		cap *= 2;
	if (cap != t->cap || t->s == NULL) {
		s = realloc(t->s, cap);
		if (s == NULL) {
			t->failed = true;
			return NULL;
		}
		t->s = s;
		t->cap = cap;
	}
	return t->s + t->len;
}

/* Append len bytes. */
static void
prom_put(struct prom_text *t, const char *p, size_t len)
{
	char *d = prom_reserve(t, len);

	if (d == NULL)
		return;
	memcpy(d, p, len);
	t->len += len;
	t->s[t->len] = '\0';
}

/* Append a NUL-ended string. */
static void
prom_puts(struct prom_text *t, const char *s)
{
	prom_put(t, s, strlen(s));
}

/* Append printf-formatted text (short: numbers and names). */
static void prom_printf(struct prom_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
prom_printf(struct prom_text *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		prom_put(t, buf,
		         (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* True when name matches [a-zA-Z_:][a-zA-Z0-9_:]*. */
bool
prom_name_is_valid(const char *name)
{
	for (size_t i = 0; name[i]; i++) {
		char c = name[i];
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             c == '_' || c == ':';

		if (!alpha && (i == 0 || c < '0' || c > '9'))
			return false;
	}
	return name[0] != '\0';
}

/* Append sanitized bytes (no backslash among them) escaped for a label
 * value: the sanitizer's own "\xNN" backslashes, quotes and newlines. */
static void
prom_label_segment(struct prom_text *t, const char *raw, size_t len)
{
	size_t need = 4 * len + 1, n;

	if (len == 0 || t->failed)
		return;
	if (t->scratch_cap < need) {
		char *s = realloc(t->scratch, need);
		if (s == NULL) {
			t->failed = true;
			return;
		}
		t->scratch = s;
		t->scratch_cap = need;
	}
	n = sanitize_text(t->scratch, need, raw, len, 0, NULL);
	for (size_t i = 0; i < n; i++) {
		char c = t->scratch[i];
		if (c == '\\')
			prom_put(t, "\\\\", 2);
		else if (c == '"')
			prom_put(t, "\\\"", 2);
		else if (c == '\n')
			prom_put(t, "\\n", 2);
		else
			prom_put(t, &c, 1);
	}
}

/* A label value: raw backslashes as "\x5c", the rest sanitized, then
 * escaped for the format (see prom.h). */
void
prom_label_value(struct prom_text *t, const char *raw, size_t len)
{
	size_t from = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && raw[i] != '\\')
			continue;
		prom_label_segment(t, raw + from, i - from);
		if (i < len)
			prom_puts(t, "\\\\x5c"); /* \x5c, escaped */
		from = i + 1;
	}
}

/* "# HELP" and "# TYPE" of a family. */
static void
prom_family_head(struct prom_text *t, const struct prom_family *f)
{
	const char *parts[] = {"# HELP ", f->name,     " ",
	                       f->help,   "\n# TYPE ", f->name,
	                       " ",       f->type,     "\n"};

	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		prom_puts(t, parts[i]);
}

/* One sample line: name{labels} value. */
static void
prom_sample(struct prom_text *t, const char *name, const struct prom_label *l,
            size_t nl, const char *value)
{
	prom_puts(t, name);
	for (size_t i = 0; i < nl; i++) {
		prom_printf(t, "%s%s=\"", i ? "," : "{", l[i].key);
		prom_label_value(t, l[i].raw, l[i].len);
		prom_put(t, "\"", 1);
	}
	prom_printf(t, "%s %s\n", nl ? "}" : "", value);
}

/* One sample of an integer value. */
static void
prom_sample_int(struct prom_text *t, const char *name,
                const struct prom_label *l, size_t nl, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	prom_sample(t, name, l, nl, buf);
}

/* kB as bytes, SNAP_NA when unknown (or too large to hold). */
static int64_t
prom_kb_bytes(int64_t kb)
{
	if (kb == SNAP_NA || kb < 0 || kb > INT64_MAX / 1024)
		return SNAP_NA;
	return kb * 1024;
}

/* A family of one unlabelled sample, left out when v is SNAP_NA. */
static void
prom_single(struct prom_text *t, const struct prom_family *f, int64_t v)
{
	if (v == SNAP_NA)
		return;
	prom_family_head(t, f);
	prom_sample_int(t, f->name, NULL, 0, v);
}

/* A PSI average (percent, two decimals) as a ratio, without a double's
 * printf (the locale's decimal point never shows). */
static void
prom_psi_ratio(struct prom_text *t, const struct prom_family *f, double pct)
{
	long h;
	char buf[32];

	if (!isfinite(pct) || pct < 0 || pct > 100)
		return;
	h = (long)numround_ll(pct * 100); /* ten-thousandths of 1 */
	snprintf(buf, sizeof buf, "%ld.%04ld", h / 10000, h % 10000);
	prom_family_head(t, f);
	prom_sample(t, f->name, NULL, 0, buf);
}

/* Memory, swap, commit, PSI and the vmstat OOM kill count. */
static void
prom_system(struct prom_text *t, const struct snapshot *s)
{
	static const struct prom_family fam[] = {
	    {"oomwatch_memory_total_bytes", "gauge", "MemTotal."},
	    {"oomwatch_memory_available_bytes", "gauge", "MemAvailable."},
	    {"oomwatch_swap_total_bytes", "gauge", "SwapTotal."},
	    {"oomwatch_swap_used_bytes", "gauge", "SwapTotal - SwapFree."},
	    {"oomwatch_memory_committed_bytes", "gauge", "Committed_AS."},
	    {"oomwatch_memory_commit_limit_bytes", "gauge", "CommitLimit."},
	    {"oomwatch_oom_kills_total", "counter",
	     "OOM kills since boot (/proc/vmstat oom_kill)."},
	    {"oomwatch_psi_memory_some_avg10_ratio", "gauge",
	     "Share of the last 10 s some task stalled on memory (0-1)."},
	    {"oomwatch_psi_memory_full_avg10_ratio", "gauge",
	     "Share of the last 10 s all tasks stalled on memory (0-1)."},
	};
	const struct mem_info *m = &s->mem;
	int64_t swap_used = SNAP_NA;

	if (m->swap_total_kb != SNAP_NA && m->swap_free_kb != SNAP_NA)
		swap_used = m->swap_total_kb - m->swap_free_kb;
	prom_single(t, &fam[0], prom_kb_bytes(m->total_kb));
	prom_single(t, &fam[1], prom_kb_bytes(m->available_kb));
	prom_single(t, &fam[2], prom_kb_bytes(m->swap_total_kb));
	prom_single(t, &fam[3], prom_kb_bytes(swap_used));
	prom_single(t, &fam[4], prom_kb_bytes(m->committed_as_kb));
	prom_single(t, &fam[5], prom_kb_bytes(m->commit_limit_kb));
	prom_single(t, &fam[6], s->vmstat.oom_kill);
	if (s->psi.valid)
		prom_psi_ratio(t, &fam[7], s->psi.some.avg10);
	if (s->psi.valid && s->psi.full_valid)
		prom_psi_ratio(t, &fam[8], s->psi.full.avg10);
}

/* One kill series: constraint, memcg (raw bytes), count. */
static void
prom_kill_sample(struct prom_text *t, const char *name, enum oom_constraint c,
                 const char *memcg, size_t len, uint64_t count)
{
	const char *cn = promtally_constraint_name(c);
	struct prom_label l[] = {{"constraint", cn, strlen(cn)},
	                         {"memcg", memcg, len}};
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRIu64, count);
	prom_sample(t, name, l, 2, buf);
}

/* The OOM kills by constraint and memcg: the PROM_MEMCG_TOP pairs with
 * the most kills, the others summed per constraint as memcg="other". */
static void
prom_kills(struct prom_text *t, const struct promtally *k,
           enum prom_klog_span span)
{
	static const struct prom_family fam[] = {
	    {"oomwatch_kernel_oom_kills_total", "counter",
	     "OOM kills in the kernel log as far as the kernel's buffer "
	     "still holds it, by constraint and memcg (the limited memcg, "
	     "or the victim's for a global OOM)."},
	    {"oomwatch_kernel_oom_kills_total", "counter",
	     "OOM kills the recorder read in the kernel log since it "
	     "started (its backlog then included), by constraint and memcg "
	     "(the limited memcg, or the victim's for a global OOM)."},
	};
	const struct prom_family f = fam[span == PROM_KLOG_SINCE_START];
	size_t ix[PROMTALLY_KILLS_MAX], n = k->nkills;
	uint64_t other[PROMTALLY_CONSTRAINTS], sum = 0;

	memcpy(other, k->kills_other, sizeof other);
	for (size_t i = 0; i < n; i++) { /* by count, stable */
		size_t j = i;
		for (; j > 0 && k->kills[ix[j - 1]].count < k->kills[i].count;
		     j--)
			ix[j] = ix[j - 1];
		ix[j] = i;
	}
	for (size_t i = PROM_MEMCG_TOP; i < n; i++)
		other[k->kills[ix[i]].constraint] += k->kills[ix[i]].count;
	for (size_t c = 0; c < PROMTALLY_CONSTRAINTS; c++)
		sum += other[c];
	if (n == 0 && sum == 0)
		return;
	prom_family_head(t, &f);
	for (size_t i = 0; i < n && i < PROM_MEMCG_TOP; i++) {
		const struct promtally_kill *e = &k->kills[ix[i]];
		prom_kill_sample(t, f.name, e->constraint,
		                 e->memcg_len ? e->memcg : "unknown",
		                 e->memcg_len ? e->memcg_len : 7, e->count);
	}
	for (size_t c = 0; c < PROMTALLY_CONSTRAINTS; c++)
		if (other[c] > 0)
			prom_kill_sample(t, f.name, (enum oom_constraint)c,
			                 "other", 5, other[c]);
}

/* Whether the kernel log was read, and what it counted (over span). */
static void
prom_kernel(struct prom_text *t, const struct promtally *k,
            enum prom_klog_span span)
{
	static const struct prom_family up = {
	    "oomwatch_kernel_log_up", "gauge",
	    "1 when the kernel log was read (the kernel_* metrics below), "
	    "0 when it could not be."};
	static const struct prom_family lost = {
	    "oomwatch_kernel_log_lost_messages", "gauge",
	    "Kernel log messages overwritten before they were read (at "
	    "least): the counts miss their events."};
	static const struct prom_family evs[] = {
	    {"oomwatch_kernel_events_total", "counter",
	     "Kernel events in the log since boot, as far as the kernel's "
	     "buffer still holds it, by kind."},
	    {"oomwatch_kernel_events_total", "counter",
	     "Kernel events the recorder read in the log since it started "
	     "(its backlog then included), by kind."},
	};
	const struct prom_family ev = evs[span == PROM_KLOG_SINCE_START];

	prom_single(t, &up, k != NULL);
	if (k == NULL)
		return;
	prom_single(t, &lost, (int64_t)k->lost);
	prom_family_head(t, &ev);
	for (int i = 0; i < KEVENT_KIND_COUNT; i++) {
		const char *name = kevent_kind_name((enum kevent_kind)i);
		struct prom_label l = {"kind", name, strlen(name)};
		char buf[32];

		snprintf(buf, sizeof buf, "%" PRIu64, k->events[i]);
		prom_sample(t, ev.name, &l, 1, buf);
	}
	prom_kills(t, k, span);
}

/* The pid and comm labels of row r (pidbuf holds the pid's text). */
static void
prom_proc_labels(const struct proc_row *r, char *pidbuf, size_t size,
                 struct prom_label l[2])
{
	snprintf(pidbuf, size, "%d", (int)r->pid);
	l[0] = (struct prom_label){"pid", pidbuf, strlen(pidbuf)};
	l[1] = (struct prom_label){"comm", r->comm,
	                           strnlen(r->comm, sizeof r->comm)};
}

/* The next victim's oom_score, and the forecast when it is a number. */
static void
prom_victim(struct prom_text *t, const struct prom_input *in)
{
	static const struct prom_family vf = {
	    "oomwatch_next_victim_oom_score", "gauge",
	    "oom_score of the process a global OOM would kill now (a memcg "
	    "OOM scales by its limit and may choose another)."};
	static const struct prom_family ff = {
	    "oomwatch_forecast_mem_oom_seconds", "gauge",
	    "Seconds until MemAvailable reaches the low watermarks at the "
	    "recent trend; absent without a steady trend."};
	const struct snapshot *s = in->snap;

	if (in->victim >= 0 && (size_t)in->victim < s->nprocs &&
	    s->procs[in->victim].oom_score != SNAP_NA) {
		const struct proc_row *r = &s->procs[in->victim];
		struct prom_label l[2];
		char pid[16];

		prom_proc_labels(r, pid, sizeof pid, l);
		prom_family_head(t, &vf);
		prom_sample_int(t, vf.name, l, 2, r->oom_score);
	}
	if (in->mem_oom != NULL && in->mem_oom->valid)
		prom_single(t, &ff, in->mem_oom->eta_s);
}

/* Which value of a cgroup a family shows. */
enum prom_cg_value { PROM_CG_USAGE, PROM_CG_LIMIT };

/* The usage or limit family of every cgroup, SNAP_NA and unlimited left
 * out. */
static void
prom_cgroup_bytes(struct prom_text *t, const struct snapshot *s,
                  const struct prom_family *f, enum prom_cg_value which)
{
	bool head = false;

	for (size_t i = 0; i < s->ncgroups; i++) {
		const struct cgmem *m = &s->cgroups[i].mem;
		int64_t v =
		    which == PROM_CG_USAGE ? m->current_bytes : m->max_bytes;
		struct prom_label l = {"cgroup", NULL, 0};

		l.raw = snapcg_path(s, i, &l.len);
		if (v == SNAP_NA || v == CGMEM_UNLIMITED || v < 0 ||
		    l.raw == NULL)
			continue;
		if (!head)
			prom_family_head(t, f);
		head = true;
		prom_sample_int(t, f->name, &l, 1, v);
	}
}

/* memory.events of every cgroup, one series per (cgroup, event). */
static void
prom_cgroup_events(struct prom_text *t, const struct snapshot *s)
{
	static const struct prom_family f = {
	    "oomwatch_cgroup_memory_events_total", "counter",
	    "memory.events of each memory cgroup (cgroup2: this cgroup and "
	    "below; v1: oom_kill only)."};
	static const char *const names[] = {
	    "low", "high", "max", "oom", "oom_kill", "oom_group_kill"};
	bool head = false;

	for (size_t i = 0; i < s->ncgroups; i++) {
		const struct cgmem_events *e = &s->cgroups[i].mem.events;
		int64_t v[] = {e->low, e->high,     e->max,
		               e->oom, e->oom_kill, e->oom_group_kill};
		struct prom_label l[2] = {{"cgroup", NULL, 0},
		                          {"event", NULL, 0}};

		l[0].raw = snapcg_path(s, i, &l[0].len);
		for (size_t j = 0; l[0].raw != NULL && j < 6; j++) {
			if (v[j] == SNAP_NA || v[j] < 0)
				continue;
			if (!head)
				prom_family_head(t, &f);
			head = true;
			l[1].raw = names[j];
			l[1].len = strlen(names[j]);
			prom_sample_int(t, f.name, l, 2, v[j]);
		}
	}
}

/* The memory cgroups: usage, limit (when limited), events. */
static void
prom_cgroups(struct prom_text *t, const struct snapshot *s)
{
	static const struct prom_family usage = {
	    "oomwatch_cgroup_memory_usage_bytes", "gauge",
	    "memory.current (v1: memory.usage_in_bytes) of each memory "
	    "cgroup; the root is the host."};
	static const struct prom_family limit = {
	    "oomwatch_cgroup_memory_limit_bytes", "gauge",
	    "memory.max (v1: memory.limit_in_bytes); absent when unlimited."};

	prom_cgroup_bytes(t, s, &usage, PROM_CG_USAGE);
	prom_cgroup_bytes(t, s, &limit, PROM_CG_LIMIT);
	prom_cgroup_events(t, s);
}

/* True when row a ranks before row b: the kernel's victim order
 * (model/victim.h: oom_score first), total_kb as victim_cmp takes it. */
static bool
prom_before(const struct proc_row *a, const struct proc_row *b,
            int64_t total_kb)
{
	return victim_cmp(a, b, total_kb) < 0;
}

/* Pick the top n rows by oom_score (unknown scores left out) into
 * t->top, best first: the number picked. */
static size_t
prom_pick_top(struct prom_text *t, const struct prom_input *in, size_t n)
{
	const struct snapshot *s = in->snap;
	size_t rows = in->rows ? in->nrows : s->nprocs, got = 0;
	int64_t total_kb = SNAP_NA;

	if (t->top_cap < n) {
		size_t *p = realloc(t->top, n * sizeof *p);
		if (p == NULL) {
			t->failed = true;
			return 0;
		}
		t->top = p;
		t->top_cap = n;
	}
	if (s->mem.total_kb != SNAP_NA && s->mem.swap_total_kb != SNAP_NA)
		total_kb = s->mem.total_kb + s->mem.swap_total_kb;
	for (size_t i = 0; i < rows; i++) {
		size_t r = in->rows ? in->rows[i] : i, j;

		if (r >= s->nprocs || s->procs[r].oom_score == SNAP_NA)
			continue;
		if (got == n &&
		    !prom_before(&s->procs[r], &s->procs[t->top[n - 1]],
		                 total_kb))
			continue;
		j = got < n ? got++ : n - 1;
		for (; j > 0 && prom_before(&s->procs[r],
		                            &s->procs[t->top[j - 1]], total_kb);
		     j--)
			t->top[j] = t->top[j - 1];
		t->top[j] = r;
	}
	return got;
}

/* The top processes by oom_score: score, adj and RSS, one family each. */
static void
prom_processes(struct prom_text *t, const struct prom_input *in)
{
	static const struct prom_family fam[] = {
	    {"oomwatch_process_oom_score", "gauge",
	     "oom_score of the top processes by oom_score."},
	    {"oomwatch_process_oom_score_adj", "gauge",
	     "oom_score_adj of the same processes."},
	    {"oomwatch_process_rss_bytes", "gauge",
	     "Resident memory (VmRSS) of the same processes."},
	};
	const struct snapshot *s = in->snap;
	size_t n = in->top_n ? prom_pick_top(t, in, in->top_n) : 0;

	for (size_t f = 0; f < 3 && n > 0; f++) {
		prom_family_head(t, &fam[f]);
		for (size_t i = 0; i < n; i++) {
			const struct proc_row *r = &s->procs[t->top[i]];
			int64_t v = f == 0   ? r->oom_score
			            : f == 1 ? r->oom_score_adj
			                     : prom_kb_bytes(r->rss_kb);
			struct prom_label l[2];
			char pid[16];

			if (v == SNAP_NA)
				continue;
			prom_proc_labels(r, pid, sizeof pid, l);
			prom_sample_int(t, fam[f].name, l, 2, v);
		}
	}
}

/* The whole exposition of in. */
int
prom_render(struct prom_text *t, const struct prom_input *in)
{
	t->len = 0;
	t->failed = false;
	if (prom_reserve(t, 0) != NULL)
		t->s[0] = '\0';
	prom_system(t, in->snap);
	prom_kernel(t, in->klog, in->klog_span);
	prom_victim(t, in);
	prom_cgroups(t, in->snap);
	prom_processes(t, in);
	return t->failed ? -ENOMEM : 0;
}
