/*
 * kevents.c: the incremental event assembler and the event ring (see
 * kevents.h). One struct report holds what the open OOM report has said so
 * far; each line is classified (kclass), parsed by the matching line
 * parser (oomreport, kreport) and either updates the report or completes
 * an event.
 */
#include "model/kevents.h"

#include <stdlib.h>
#include <string.h>

#include "core/ring.h"
#include "model/kclass.h"
#include "model/kreport.h"

/* Context further than this from a kill (printk clock) is not its own. */
#define REPORT_WINDOW_USEC (30 * 1000000LL)
/* How many recent events an oom_reaper line is matched against. */
#define REAPER_LOOKBACK 64

/* Where the report's memcg came from, weakest first: a line replaces it
 * only with a stronger source, so the memcg is the one whose limit was
 * hit (oom-kill: oom_memcg=, else "limit of", else the first stats line,
 * whose cgroup comes first in the kernel's walk of the OOM's subtree). */
enum memcg_source {
	MEMCG_NONE = 0,
	MEMCG_FROM_STATS, /* the first "Memory cgroup stats for" */
	MEMCG_FROM_LIMIT, /* "Task in .. killed as a result of limit of" */
	MEMCG_FROM_OOM,   /* "oom-kill:...,oom_memcg=" (4.19+) */
};

/* What the open OOM report has said so far. */
struct report {
	bool active;
	struct klog_time start; /* clock of its first line */
	bool group;             /* memory.oom.group: several kills follow */
	bool killed;            /* at least one kill seen */
	struct kevent_name trigger;
	struct kevent_text gfp_mask;
	int64_t order;
	enum oom_constraint constraint;
	struct kevent_text memcg; /* limit that was hit */
	enum memcg_source memcg_from;
	struct kevent_text task_memcg; /* victim's cgroup */
	int64_t constraint_pid;
	bool table_open;
	struct oom_table table;
	size_t ntasks, tasks_listed;
	struct kevent_task tasks[KEVENT_TASKS_MAX];
	bool chosen; /* old "Kill process" seen, "Killed" pending */
	int64_t chosen_pid;
	struct kevent_name chosen_comm;
	struct klog_time chosen_time;
};

/* The last display line of the previous kmsg record, which a fragment
 * record may continue (see continues). */
struct last_line {
	bool set;
	uint64_t seq;
	int facility;
	int64_t caller;
	enum klog_frag frag;
	enum kclass cls;
	size_t events; /* events it added: the newest in the ring */
	size_t len;
	char text[KLOG_TEXT_MAX]; /* raw, as the assembler saw it */
};

/* A pooled task table and the event holding it (NULL: none yet). */
struct table {
	struct kevent *owner;
	struct kevent_task rows[KEVENT_TASKS_MAX];
};

struct kevents {
	struct kevent *slots; /* ring.cap events (owned) */
	struct table *tables; /* ntables, reused oldest first (owned) */
	size_t ntables, table_next;
	struct ring ring; /* over slots */
	struct kevents_stats stats;
	struct klogring *lines; /* borrowed, may be NULL */
	struct report report;
	struct last_line last;
	struct klog_record rec; /* scratch for kevents_feed_line */
};

static const char *const kind_names[KEVENT_KIND_COUNT] = {
    [KEVENT_OOM_KILL] = "oom_kill",
    [KEVENT_HUNG_TASK] = "hung_task",
    [KEVENT_SOFT_LOCKUP] = "soft_lockup",
    [KEVENT_HARD_LOCKUP] = "hard_lockup",
    [KEVENT_PANIC] = "panic",
    [KEVENT_NULL_DEREF] = "null_deref",
    [KEVENT_PAGE_ALLOC_FAILURE] = "page_alloc_failure",
};

/* JSON kind name. */
const char *
kevent_kind_name(enum kevent_kind k)
{
	if ((unsigned)k >= KEVENT_KIND_COUNT)
		return "?";
	return kind_names[k];
}

/* Copy a slice into a fixed name/text field (cut to fit). */
static void
str_set(char *dst, size_t cap, size_t *len, bool *set, struct kslice src)
{
	size_t n = src.len < cap ? src.len : cap;

	if (src.s == NULL) {
		*set = false;
		*len = 0;
		return;
	}
	memcpy(dst, src.s, n);
	*len = n;
	*set = true;
}

#define STR_SET(f, slice)                                                      \
	str_set((f)->s, sizeof(f)->s, &(f)->len, &(f)->set, slice)

/* Copy a task table's name column (cut to KEVENT_COMM_MAX, marked). */
static void
comm_set(struct kevent_comm *c, struct kslice src)
{
	size_t n = src.len < sizeof c->s ? src.len : sizeof c->s;

	c->set = src.s != NULL;
	c->cut = c->set && src.len > sizeof c->s;
	c->len = c->set ? (unsigned char)n : 0;
	if (c->set)
		memcpy(c->s, src.s, n);
}

/* A new engine keeping KEVENT_TABLES_KEPT task tables. */
struct kevents *
kevents_new(size_t capacity)
{
	return kevents_new_kept(capacity, KEVENT_TABLES_KEPT);
}

/* A new engine keeping at most tables task tables. */
struct kevents *
kevents_new_kept(size_t capacity, size_t tables)
{
	struct kevents *ev = calloc(1, sizeof *ev);

	if (ev == NULL)
		return NULL;
	if (capacity == 0)
		capacity = 1;
	if (tables == 0)
		tables = 1;
	ev->ntables = capacity < tables ? capacity : tables;
	ev->slots = calloc(capacity, sizeof *ev->slots);
	ev->tables = calloc(ev->ntables, sizeof *ev->tables);
	if (ev->slots == NULL || ev->tables == NULL) {
		kevents_free(ev);
		return NULL;
	}
	ring_init(&ev->ring, capacity);
	return ev;
}

/* Free an engine. */
void
kevents_free(struct kevents *ev)
{
	if (ev == NULL)
		return;
	free(ev->slots);
	free(ev->tables);
	free(ev);
}

/* Attach the display ring. */
void
kevents_set_ring(struct kevents *ev, struct klogring *lines)
{
	ev->lines = lines;
}

/* Events held. */
size_t
kevents_count(const struct kevents *ev)
{
	return ev->ring.len;
}

/* The i-th newest event. */
const struct kevent *
kevents_get(const struct kevents *ev, size_t i)
{
	if (i >= ev->ring.len)
		return NULL;
	return &ev->slots[ring_newest(&ev->ring, i)];
}

/* Counters. */
struct kevents_stats
kevents_stats(const struct kevents *ev)
{
	return ev->stats;
}

/* A fresh event of kind at the head of the ring (oldest overwritten). */
static struct kevent *
new_event(struct kevents *ev, enum kevent_kind kind,
          const struct klog_record *rec)
{
	bool replaced;
	struct kevent *e = &ev->slots[ring_push(&ev->ring, &replaced)];

	if (replaced)
		ev->stats.dropped++;
	ev->stats.events++;
	ev->stats.by_kind[kind]++;
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->time = rec->time;
	e->has_seq = rec->has_seq;
	e->seq = rec->seq;
	e->pid = e->cpu = e->seconds = e->order = KLOG_NA;
	return e;
}

/* Forget the open report. */
static void
report_reset(struct report *r)
{
	memset(r, 0, sizeof *r);
	r->order = KLOG_NA;
	r->constraint_pid = KLOG_NA;
}

/* Open a report if none is (a report may start anywhere after a gap). */
static void
report_touch(struct report *r, const struct klog_record *rec)
{
	if (r->active)
		return;
	report_reset(r);
	r->active = true;
	r->start = rec->clock;
}

/* True when t (a line's clock) is too far after the report's first line
 * to belong to it. Clocks of different kinds are not compared. */
static bool
report_stale(const struct report *r, const struct klog_time *t)
{
	return r->start.kind != KLOG_TIME_NONE && r->start.kind == t->kind &&
	       (t->usec - r->start.usec > REPORT_WINDOW_USEC ||
	        t->usec < r->start.usec);
}

/* Keep a task row: the KEVENT_TASKS_MAX largest by rss. */
static void
report_add_task(struct report *r, const struct oom_task_row *row)
{
	struct kevent_task *t;
	size_t i, min = 0;

	r->tasks_listed++;
	if (r->ntasks < KEVENT_TASKS_MAX) {
		t = &r->tasks[r->ntasks++];
	} else {
		for (i = 1; i < r->ntasks; i++)
			if (r->tasks[i].rss_pages < r->tasks[min].rss_pages)
				min = i;
		if (row->rss_pages <= r->tasks[min].rss_pages)
			return;
		t = &r->tasks[min];
	}
	t->pid = row->pid;
	t->uid = row->uid;
	t->total_vm_pages = row->total_vm_pages;
	t->rss_pages = row->rss_pages;
	t->swapents = row->swapents;
	t->oom_score_adj = row->oom_score_adj;
	comm_set(&t->name, row->name);
}

/* Order for the task rows: rss descending, then pid. */
static int
task_cmp(const void *a, const void *b)
{
	const struct kevent_task *x = a, *y = b;

	if (x->rss_pages != y->rss_pages)
		return x->rss_pages > y->rss_pages ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The pool's oldest table for e: the kill holding it loses it (its
 * rows, not the count of rows listed) and says so. */
static struct kevent_task *
table_take(struct kevents *ev, struct kevent *e)
{
	struct table *t = &ev->tables[ev->table_next];
	struct kevent *old = t->owner;

	ev->table_next = (ev->table_next + 1) % ev->ntables;
	if (old != NULL && old->kind == KEVENT_OOM_KILL &&
	    old->oom.tasks == t->rows) {
		old->oom.tasks = NULL;
		old->oom.ntasks = 0;
		old->oom.tasks_dropped = true;
	}
	t->owner = e;
	return t->rows;
}

/* Fill an OOM event's context from the open report. */
static void
attach_context(struct kevents *ev, struct kevent *e, const struct report *r)
{
	struct kevent_task *rows;

	struct kevent_oom *o = &e->oom;

	o->trigger = r->trigger;
	o->gfp_mask = r->gfp_mask;
	o->order = r->order;
	if (r->constraint != OOM_CONSTRAINT_UNKNOWN)
		o->constraint = r->constraint;
	if (r->memcg.set)
		o->memcg = r->memcg;
	else if (r->task_memcg.set) /* global OOM: the victim's cgroup */
		o->memcg = r->task_memcg;
	o->tasks_listed = r->tasks_listed;
	if (r->ntasks == 0)
		return;
	rows = table_take(ev, e);
	memcpy(rows, r->tasks, r->ntasks * sizeof r->tasks[0]);
	qsort(rows, r->ntasks, sizeof rows[0], task_cmp);
	o->tasks = rows;
	o->ntasks = r->ntasks;
}

/* A kill event with no numbers yet. */
static struct kevent *
new_kill(struct kevents *ev, const struct klog_record *rec, int64_t pid)
{
	struct kevent *e = new_event(ev, KEVENT_OOM_KILL, rec);
	struct kevent_oom *o = &e->oom;

	e->pid = pid;
	o->uid = o->total_vm_kb = o->anon_rss_kb = o->file_rss_kb = KLOG_NA;
	o->shmem_rss_kb = o->pgtables_kb = o->oom_score_adj = KLOG_NA;
	o->order = KLOG_NA;
	return e;
}

/* An old kernel chose a victim but its kill line never came: report the
 * choice as the kill. */
static size_t
flush_chosen(struct kevents *ev)
{
	struct report *r = &ev->report;
	struct klog_record when;
	struct kevent *e;

	if (!r->chosen)
		return 0;
	memset(&when, 0, sizeof when);
	when.time = r->chosen_time;
	e = new_kill(ev, &when, r->chosen_pid);
	e->comm = r->chosen_comm;
	attach_context(ev, e, r);
	r->chosen = false;
	return 1;
}

/* Does the report's context belong to the kill of pid? */
static bool
context_matches(const struct report *r, int64_t pid, const struct klog_time *t)
{
	if (!r->active || report_stale(r, t))
		return false;
	if (r->group || r->constraint_pid == KLOG_NA ||
	    r->constraint_pid == pid)
		return true;
	return r->chosen && r->chosen_pid == r->constraint_pid;
}

/* "Killed process" / "Kill process". A kill line with numbers no kernel
 * prints is shown as written from userspace (*cls) and is no event. */
static size_t
on_kill(struct kevents *ev, const struct klog_record *rec, const char *s,
        size_t len, enum kclass *cls)
{
	struct report *r = &ev->report;
	struct oom_killed k;
	struct kevent *e;
	size_t n = 0;

	if (!oomreport_parse_killed(s, len, &k))
		return 0;
	if (!oomreport_killed_plausible(&k)) {
		*cls = KCLASS_USER;
		return 0;
	}
	if (k.chosen_only) {
		if (r->chosen)
			n += flush_chosen(ev);
		if (r->active && report_stale(r, &rec->clock))
			report_reset(r);
		report_touch(r, rec);
		r->chosen = true;
		r->chosen_pid = k.pid;
		r->chosen_time = rec->time;
		STR_SET(&r->chosen_comm, k.comm);
		return n;
	}
	e = new_kill(ev, rec, k.pid);
	STR_SET(&e->comm, k.comm);
	e->oom.uid = k.uid;
	e->oom.total_vm_kb = k.total_vm_kb;
	e->oom.anon_rss_kb = k.anon_rss_kb;
	e->oom.file_rss_kb = k.file_rss_kb;
	e->oom.shmem_rss_kb = k.shmem_rss_kb;
	e->oom.pgtables_kb = k.pgtables_kb;
	e->oom.oom_score_adj = k.oom_score_adj;
	e->oom.constraint = k.constraint;
	if (context_matches(r, k.pid, &rec->clock))
		attach_context(ev, e, r);
	r->chosen = false;
	if (r->active && r->group && !report_stale(r, &rec->clock))
		r->killed = true;
	else
		report_reset(r);
	return 1;
}

/* "oom_reaper: reaped process N": mark the recent kill of N. */
static void
on_reaper(struct kevents *ev, const char *s, size_t len)
{
	struct oom_reaper_line rl;
	struct kevent *e;
	size_t i;

	if (!oomreport_parse_reaper(s, len, &rl))
		return;
	for (i = 0; i < ev->ring.len && i < REAPER_LOOKBACK; i++) {
		e = &ev->slots[ring_newest(&ev->ring, i)];
		if (e->kind == KEVENT_OOM_KILL && e->pid == rl.pid) {
			e->oom.reaped = e->oom.reaped || rl.reaped;
			return;
		}
	}
}

/* "<comm> invoked oom-killer:": a new report begins. */
static size_t
on_invoked(struct kevents *ev, const struct klog_record *rec, const char *s,
           size_t len)
{
	struct report *r = &ev->report;
	struct oom_invoked inv;
	size_t n;

	if (!oomreport_parse_invoked(s, len, &inv))
		return 0;
	n = flush_chosen(ev);
	report_reset(r);
	report_touch(r, rec);
	STR_SET(&r->trigger, inv.comm);
	STR_SET(&r->gfp_mask, inv.gfp_mask);
	r->order = inv.order;
	return n;
}

/* Take path as the report's memcg unless a stronger source gave one. */
static void
report_set_memcg(struct report *r, struct kslice path, enum memcg_source from)
{
	if (path.s == NULL || from <= r->memcg_from)
		return;
	STR_SET(&r->memcg, path);
	r->memcg_from = from;
}

/* A line naming a memory cgroup (stats, "limit of", oom.group). */
static void
on_memcg_line(struct report *r, const char *s, size_t len,
              const struct oom_memcg_line *m)
{
	switch (m->kind) {
	case OOM_MEMCG_STATS:
		report_set_memcg(r, m->path, MEMCG_FROM_STATS);
		r->constraint = OOM_CONSTRAINT_MEMCG;
		break;
	case OOM_MEMCG_LIMIT:
		report_set_memcg(r, m->path, MEMCG_FROM_LIMIT);
		if (m->task.s != NULL && !r->task_memcg.set)
			STR_SET(&r->task_memcg, m->task);
		r->constraint = OOM_CONSTRAINT_MEMCG;
		break;
	case OOM_MEMCG_GROUP:
		/* not the memcg: the group may sit below the one whose
		 * limit was hit, and global OOMs print the line too */
		if (oomreport_is_oom_group(s, len))
			r->group = true;
		break;
	}
}

/* The other lines of a report: oom-kill:, memcg, table header. */
static void
on_report_line(struct kevents *ev, const struct klog_record *rec, const char *s,
               size_t len)
{
	struct report *r = &ev->report;
	struct oom_constraint_line c;
	struct oom_memcg_line m;
	struct oom_table t;

	if (r->active && report_stale(r, &rec->clock))
		report_reset(r);
	if (oomreport_parse_constraint(s, len, &c)) {
		report_touch(r, rec);
		r->table_open = false;
		if (c.constraint != OOM_CONSTRAINT_UNKNOWN)
			r->constraint = c.constraint;
		report_set_memcg(r, c.oom_memcg, MEMCG_FROM_OOM);
		if (c.task_memcg.s != NULL)
			STR_SET(&r->task_memcg, c.task_memcg);
		r->constraint_pid = c.pid;
	} else if (oomreport_parse_table_header(s, len, &t)) {
		report_touch(r, rec);
		r->table = t;
		r->table_open = true;
		r->ntasks = 0;
		r->tasks_listed = 0;
	} else if (oomreport_parse_memcg_line(s, len, &m)) {
		report_touch(r, rec);
		on_memcg_line(r, s, len, &m);
	} else if (kscan_memmem(s, len, "Memory cgroup out of memory", 27)) {
		/* not "Memory cgroup min protection": global OOMs and
		 * allocation failures print it too */
		report_touch(r, rec);
		r->constraint = OOM_CONSTRAINT_MEMCG;
	}
}

/* The non-OOM events: one line, one event. */
static size_t
on_trouble(struct kevents *ev, const struct klog_record *rec, enum kclass cls,
           const char *s, size_t len)
{
	struct kreport_hung_task h;
	struct kreport_soft_lockup sl;
	struct kreport_alloc_failure af;
	struct kslice sli;
	struct kevent *e;
	int64_t cpu;

	switch (cls) {
	case KCLASS_HUNG_TASK:
		if (!kreport_parse_hung_task(s, len, &h))
			return 0;
		e = new_event(ev, KEVENT_HUNG_TASK, rec);
		STR_SET(&e->comm, h.comm);
		e->pid = h.pid;
		e->seconds = h.seconds;
		return 1;
	case KCLASS_SOFT_LOCKUP:
		if (!kreport_parse_soft_lockup(s, len, &sl))
			return 0;
		e = new_event(ev, KEVENT_SOFT_LOCKUP, rec);
		e->cpu = sl.cpu;
		e->seconds = sl.seconds;
		e->pid = sl.pid;
		STR_SET(&e->comm, sl.comm);
		return 1;
	case KCLASS_HARD_LOCKUP:
		if (!kreport_parse_hard_lockup(s, len, &cpu))
			return 0;
		e = new_event(ev, KEVENT_HARD_LOCKUP, rec);
		e->cpu = cpu;
		return 1;
	case KCLASS_PANIC:
		if (!kreport_parse_panic(s, len, &sli))
			return 0;
		e = new_event(ev, KEVENT_PANIC, rec);
		STR_SET(&e->text, sli);
		return 1;
	case KCLASS_OOPS:
		if (!kreport_parse_null_deref(s, len, &sli))
			return 0;
		e = new_event(ev, KEVENT_NULL_DEREF, rec);
		STR_SET(&e->text, sli);
		return 1;
	case KCLASS_ALLOC_FAILURE:
		if (!kreport_parse_alloc_failure(s, len, &af))
			return 0;
		e = new_event(ev, KEVENT_PAGE_ALLOC_FAILURE, rec);
		if (af.comm.len > 0)
			STR_SET(&e->comm, af.comm);
		e->order = af.order;
		return 1;
	default:
		return 0;
	}
}

/* Assemble one display line; *cls may be promoted to KCLASS_OOM_REPORT
 * for report lines without a keyword. Returns the events added. */
static size_t
assemble(struct kevents *ev, const struct klog_record *rec, const char *s,
         size_t len, enum kclass *cls)
{
	struct report *r = &ev->report;
	struct oom_task_row row;

	if (*cls == KCLASS_USER)
		return 0;
	if (r->active && r->table_open &&
	    oomreport_parse_table_row(&r->table, s, len, &row)) {
		report_add_task(r, &row);
		*cls = KCLASS_OOM_REPORT;
		return 0;
	}
	switch (*cls) {
	case KCLASS_OOM_INVOKED:
		return on_invoked(ev, rec, s, len);
	case KCLASS_OOM_KILL:
		return on_kill(ev, rec, s, len, cls);
	case KCLASS_OOM_REAPER:
		on_reaper(ev, s, len);
		return 0;
	case KCLASS_OOM_MEMCG:
	case KCLASS_OOM_REPORT:
		on_report_line(ev, rec, s, len);
		return 0;
	case KCLASS_NORMAL:
	case KCLASS_WARNING:
	case KCLASS_ERROR:
		if (r->active && !r->killed && !report_stale(r, &rec->clock))
			*cls = KCLASS_OOM_REPORT;
		return 0;
	default:
		return on_trouble(ev, rec, *cls, s, len);
	}
}

/* Does rec continue the previous record's last line? Only a fragment of
 * the same writer, right after it (consecutive SEQ) and of the same
 * facility: a '+' record (3.5-4.8) after a 'c' or '+' one; a 'c' record
 * only when both records name the same caller. Without caller ids a 'c'
 * record stays a line of its own, as dmesg shows it: on 3.5-4.8 it
 * starts a line, and on 4.9+ the kernel joins a continuation to its line
 * itself whenever that line is the last record, so a 'c' record mostly
 * follows an unrelated record (67.txt: an SMP line cut by another CPU's
 * message). Its level says nothing: an unjoined pr_cont has the default
 * level (4), whatever its line's. */
static bool
continues(const struct kevents *ev, const struct klog_record *rec)
{
	const struct last_line *l = &ev->last;

	if (!l->set || !rec->has_seq || rec->seq != l->seq + 1 ||
	    rec->facility != l->facility)
		return false;
	if (rec->frag == KLOG_FRAG_PLUS)
		return l->frag != KLOG_FRAG_NONE &&
		       (rec->caller == KLOG_NA || rec->caller == l->caller);
	return rec->frag == KLOG_FRAG_C && rec->caller != KLOG_NA &&
	       rec->caller == l->caller;
}

/* Take back the newest n events (the ones a line added). */
static void
unpush_events(struct kevents *ev, size_t n)
{
	const struct kevent *e;

	for (; n > 0 && (e = kevents_get(ev, 0)) != NULL; n--) {
		ev->stats.by_kind[e->kind]--; /* the slot, before its pop */
		ev->stats.events--;
		ring_pop_newest(&ev->ring);
	}
}

/* One line, one event: the classes on_trouble completes. */
static bool
is_trouble(enum kclass c)
{
	return c == KCLASS_ALLOC_FAILURE || c == KCLASS_OOPS ||
	       c == KCLASS_HUNG_TASK || c == KCLASS_SOFT_LOCKUP ||
	       c == KCLASS_HARD_LOCKUP || c == KCLASS_PANIC;
}

/* Join a fragment (one display line, len bytes) to the previous record's
 * last line: the display line grows, and the assembler sees the whole
 * line again in place of the part it saw. The event a trouble line's
 * part completed is taken back first; report lines are parsed again
 * (that only fills in more); a kill line is left as assembled: it is one
 * printk in every kernel, and its event already took the report's
 * context. */
static size_t
merge_fragment(struct kevents *ev, const struct klog_record *rec, const char *s,
               size_t len)
{
	struct last_line *l = &ev->last;
	size_t room = sizeof l->text - 1 - l->len, n;
	enum kclass cls;

	if (ev->lines != NULL)
		(void)klogring_append(ev->lines, s, len);
	memcpy(l->text + l->len, s, len < room ? len : room);
	l->len += len < room ? len : room;
	l->text[l->len] = '\0';
	if (l->cls == KCLASS_OOM_KILL)
		return 0;
	if (is_trouble(l->cls))
		unpush_events(ev, l->events);
	cls = kclass_of(l->text, l->len, rec->level, rec->from_user);
	n = assemble(ev, rec, l->text, l->len, &cls);
	l->cls = cls;
	l->events = n;
	return n;
}

/* Remember the last display line of a kmsg record for a fragment. */
static void
keep_last(struct kevents *ev, const struct klog_record *rec, const char *s,
          size_t len, enum kclass cls, size_t events)
{
	struct last_line *l = &ev->last;

	l->set = rec->has_seq;
	if (!l->set)
		return;
	l->seq = rec->seq;
	l->facility = rec->facility;
	l->caller = rec->caller;
	l->frag = rec->frag;
	l->cls = cls;
	l->events = events;
	l->len = len < sizeof l->text ? len : sizeof l->text - 1;
	memcpy(l->text, s, l->len);
	l->text[l->len] = '\0';
}

/* Feed a parsed record: split it into display lines, classify, assemble. */
size_t
kevents_feed_record(struct kevents *ev, const struct klog_record *rec)
{
	const char *s = rec->text, *end = rec->text + rec->text_len, *nl;
	enum kclass cls = KCLASS_NORMAL;
	size_t n = 0, len, added = 0;

	if (rec->format == KLOG_FMT_DICT)
		return 0;
	nl = memchr(s, '\n', rec->text_len);
	if (continues(ev, rec)) {
		len = (size_t)((nl ? nl : end) - s);
		n += merge_fragment(ev, rec, s, len);
		ev->last.seq = rec->seq;
		ev->last.frag = rec->frag;
		if (nl == NULL)
			return n;
		s = nl + 1;
	}
	for (;;) {
		nl = memchr(s, '\n', (size_t)(end - s));
		len = (size_t)((nl ? nl : end) - s);
		cls = kclass_of(s, len, rec->level, rec->from_user);
		ev->stats.lines++;
		if (rec->from_user)
			ev->stats.user_lines++;
		added = assemble(ev, rec, s, len, &cls);
		n += added;
		if (ev->lines != NULL)
			klogring_push(ev->lines, rec, s, len, cls);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	keep_last(ev, rec, s, len, cls, added);
	return n;
}

/* Parse one raw line and feed it. */
size_t
kevents_feed_line(struct kevents *ev, const char *line, size_t len)
{
	klog_parse(line, len, &ev->rec);
	return kevents_feed_record(ev, &ev->rec);
}

/* Messages were lost. */
void
kevents_lost(struct kevents *ev, uint64_t n, bool at_least)
{
	if (n == 0)
		return;
	ev->stats.lost += n;
	report_reset(&ev->report);
	ev->last.set = false;
	if (ev->lines != NULL)
		klogring_push_lost(ev->lines, n, at_least);
}

/* End of input. */
size_t
kevents_finish(struct kevents *ev)
{
	size_t n = flush_chosen(ev);

	report_reset(&ev->report);
	return n;
}
