/*
 * events_cli.c: `oomwatch --events [--json] [--kmsg-file FILE|-]`. Reads
 * the kernel log (the live backlog up to "caught up", or a saved file to
 * its end) through the engine and prints the events found, oldest first:
 * a readable list, or one JSON object per line with the field names of
 * the README (a field the log does not give is null). Strings from the
 * log go through the one sanitizer; times are seconds since boot, or unix
 * time when the log gives a date.
 */
#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/events_cli.h"
#include "app/modes.h"
#include "collect/bootsrc.h"
#include "collect/kmsg.h"
#include "collect/procroot.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/sanitize.h"
#include "model/cgname.h"
#include "model/kevents.h"
#include "model/vmstat.h"

/* Events kept: older ones are dropped (and counted) beyond this. */
#define EVENTS_CAPACITY 1024
/* Records fed per pump. */
#define EVENTS_BUDGET 10000
/* The live log is read until it is caught up. A kernel writing faster than
 * it is read would never let that happen: stop after this many records and
 * say so (far more than any kernel buffer holds). A --kmsg-file is read to
 * its end whatever its size: the engine's memory is bounded by its rings. */
#define EVENTS_LIVE_MAX_RECORDS 10000000u

struct out {
	FILE *f;
	unsigned san_flags;
	char text[4 * KEVENT_TEXT_MAX + 1];
};

/* An int64_t field of an event struct, as both outputs name it. */
struct num_field {
	size_t off;
	const char *key;   /* JSON: the member's name */
	const char *label; /* readable list */
	const char *unit;  /* readable list, after the value */
};

#define TASK(m) offsetof(struct kevent_task, m), #m
#define OOM(m) offsetof(struct kevent_oom, m), #m

/* The numbers of an OOM kill (struct kevent_oom, JSON order), then those
 * of a task row (struct kevent_task, the order of both outputs). */
static const struct num_field num_fields[] = {
    {OOM(uid), "uid", ""},
    {OOM(total_vm_kb), "total-vm", " kB"},
    {OOM(anon_rss_kb), "anon-rss", " kB"},
    {OOM(file_rss_kb), "file-rss", " kB"},
    {OOM(shmem_rss_kb), "shmem-rss", " kB"},
    {OOM(pgtables_kb), "pgtables", " kB"},
    {OOM(oom_score_adj), "oom_score_adj", ""},
    {TASK(pid), "pid", ""},
    {TASK(uid), "uid", ""},
    {TASK(total_vm_pages), "total_vm", " pages"},
    {TASK(rss_pages), "rss", " pages"},
    {TASK(swapents), "swapents", ""},
    {TASK(oom_score_adj), "oom_score_adj", ""},
};

/* Where each struct's rows start and end in num_fields. */
enum { OOM_FIRST = 0, TASK_FIRST = 7, TASK_END = 13 };

/* The readable list's order of the OOM rows: total-vm after the RSS. */
static const unsigned char oom_text_order[] = {0, 2, 3, 4, 1, 5, 6};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(COUNT(num_fields) == TASK_END, "TASK_END ends num_fields");
_Static_assert(COUNT(oom_text_order) == TASK_FIRST - OOM_FIRST,
               "oom_text_order lists every OOM row once");

/* The value of field fd in the struct at base. */
static int64_t
field_value(const void *base, const struct num_field *fd)
{
	int64_t v;

	memcpy(&v, (const char *)base + fd->off, sizeof v);
	return v;
}

/* Unix seconds of a klog time; false when the log gave no usable time. */
static bool
unix_usec(const struct klog_time *t, int64_t *usec)
{
	struct tm tm;
	time_t secs;

	if (t->kind == KLOG_TIME_UNIX) {
		*usec = t->usec;
		return true;
	}
	if (t->kind != KLOG_TIME_LOCAL)
		return false;
	/* a local wall time stored as if UTC: read it back, then let
	 * mktime apply this machine's zone (dmesg -T used the same). */
	secs = (time_t)(t->usec / 1000000);
	if (gmtime_r(&secs, &tm) == NULL)
		return false;
	tm.tm_isdst = -1;
	secs = mktime(&tm);
	if (secs == (time_t)-1)
		return false;
	*usec = (int64_t)secs * 1000000 + t->usec % 1000000;
	return true;
}

/* Microseconds as seconds with six decimals ("-1.500000"), from two
 * integers: never the locale's decimal comma, never a double's rounding.
 * Right-aligned in width columns (0: no padding). */
static void
print_usec(FILE *f, int64_t usec, int width)
{
	uint64_t m = usec < 0 ? 0 - (uint64_t)usec : (uint64_t)usec;
	char buf[48];

	snprintf(buf, sizeof buf, "%s%" PRIu64 ".%06" PRIu64,
	         usec < 0 ? "-" : "", m / 1000000, m % 1000000);
	fprintf(f, "%*s", width, buf);
}

/* "time": seconds since boot, unix seconds, or null. */
static void
json_time(FILE *f, const struct klog_time *t)
{
	int64_t us;

	if (t->kind == KLOG_TIME_BOOT)
		print_usec(f, t->usec, 0);
	else if (!unix_usec(t, &us))
		fputs("null", f);
	else if (us % 1000000 == 0)
		fprintf(f, "%" PRId64, us / 1000000);
	else
		print_usec(f, us, 0);
}

/* `, "key": ` */
static void
key(FILE *f, const char *name)
{
	fprintf(f, ", \"%s\": ", name);
}

/* A string field as JSON, or null when the log did not give it. */
static void
json_bytes(FILE *f, const char *name, bool set, const char *s, size_t len)
{
	key(f, name);
	if (set)
		json_string(f, s, len);
	else
		fputs("null", f);
}

#define json_name(f, name, n) json_bytes(f, name, (n)->set, (n)->s, (n)->len)
#define json_text(f, name, t) json_bytes(f, name, (t)->set, (t)->s, (t)->len)

/*
 * The name people use for the report's cgroup (model/cgname.h, as the
 * cgroup screen shows it) into buf; 0 when the report names none.
 */
static size_t
memcg_name(const struct kevent_text *memcg, char *buf, size_t size)
{
	struct cgname n;
	size_t len;

	if (!memcg->set || memcg->len == 0)
		return 0;
	cgname_parse(memcg->s, memcg->len, &n);
	len = cgname_format(&n, memcg->s, memcg->len, false, buf, size);
	return len < size ? len : size - 1;
}

/* An integer field, or null. */
static void
json_num(FILE *f, const char *name, int64_t v)
{
	key(f, name);
	json_int_or_null(f, v, KLOG_NA);
}

/* The rows [from, end) of num_fields, of the struct at base. */
static void
json_nums(FILE *f, const void *base, size_t from, size_t end)
{
	for (size_t i = from; i < end; i++)
		json_num(f, num_fields[i].key,
		         field_value(base, &num_fields[i]));
}

/* The task table of an OOM event. */
static void
json_tasks(FILE *f, const struct kevent_oom *o)
{
	const struct kevent_task *t;
	size_t i;

	key(f, "tasks");
	fputc('[', f);
	for (i = 0; i < o->ntasks; i++) {
		t = &o->tasks[i];
		fprintf(f, "%s{\"pid\": ", i ? ", " : "");
		json_int_or_null(f, t->pid, KLOG_NA);
		json_nums(f, t, TASK_FIRST + 1, TASK_END);
		json_name(f, "name", &t->name);
		fputc('}', f);
	}
	fputc(']', f);
}

/* One event as a JSON object on one line. */
static void
print_json(FILE *f, const struct kevent *e)
{
	const struct kevent_oom *o = &e->oom;
	char name[KEVENT_TEXT_MAX];
	size_t nlen;
	const char *c;

	fprintf(f, "{\"kind\": \"%s\", \"time\": ", kevent_kind_name(e->kind));
	json_time(f, &e->time);
	switch (e->kind) {
	case KEVENT_OOM_KILL:
		json_num(f, "pid", e->pid);
		json_name(f, "comm", &e->comm);
		json_nums(f, o, OOM_FIRST, TASK_FIRST);
		key(f, "constraint");
		c = oomreport_constraint_name(o->constraint);
		json_cstr_or_null(f, c);
		json_text(f, "memcg", &o->memcg);
		nlen = memcg_name(&o->memcg, name, sizeof name);
		json_bytes(f, "memcg_name", nlen > 0, name, nlen);
		json_name(f, "trigger", &o->trigger);
		json_text(f, "gfp_mask", &o->gfp_mask);
		json_num(f, "order", o->order);
		key(f, "reaped");
		fputs(o->reaped ? "true" : "false", f);
		json_tasks(f, o);
		break;
	case KEVENT_HUNG_TASK:
		json_name(f, "comm", &e->comm);
		json_num(f, "pid", e->pid);
		json_num(f, "seconds", e->seconds);
		break;
	case KEVENT_SOFT_LOCKUP:
		json_num(f, "cpu", e->cpu);
		json_num(f, "seconds", e->seconds);
		json_name(f, "comm", &e->comm);
		json_num(f, "pid", e->pid);
		break;
	case KEVENT_HARD_LOCKUP:
		json_num(f, "cpu", e->cpu);
		break;
	case KEVENT_PANIC:
		json_text(f, "message", &e->text);
		break;
	case KEVENT_NULL_DEREF:
		json_text(f, "address", &e->text);
		break;
	case KEVENT_PAGE_ALLOC_FAILURE:
		json_name(f, "comm", &e->comm);
		json_num(f, "order", e->order);
		break;
	case KEVENT_KIND_COUNT:
	default:
		break;
	}
	fputs("}\n", f);
}

/* One event as JSON (see events_cli.h). */
void
events_cli_json(FILE *f, const struct kevent *e)
{
	print_json(f, e);
}

/* Sanitized text of a field for the readable list. */
static const char *
clean(struct out *o, const char *s, size_t len)
{
	sanitize_text(o->text, sizeof o->text, s, len, o->san_flags, NULL);
	return o->text;
}

/* " label value" when the number is known. */
static void
text_num(FILE *f, const char *label, int64_t v, const char *unit)
{
	if (v != KLOG_NA)
		fprintf(f, " %s %" PRId64 "%s", label, v, unit);
}

/* " label value" when the string is known. */
static void
text_bytes(struct out *o, const char *label, bool set, const char *s,
           size_t len)
{
	if (set)
		fprintf(o->f, " %s %s", label, clean(o, s, len));
}

#define text_name(o, label, n) text_bytes(o, label, (n)->set, (n)->s, (n)->len)
#define text_text(o, label, t) text_bytes(o, label, (t)->set, (t)->s, (t)->len)

/* "[  228.226428]", "[2018-12-19 03:36:07]" or "[-]". */
static void
text_time(FILE *f, const struct klog_time *t)
{
	char buf[32];
	struct tm tm;
	time_t secs = (time_t)(t->usec / 1000000);

	if (t->kind == KLOG_TIME_BOOT) {
		fputc('[', f);
		print_usec(f, t->usec, 12); /* "[    1.000000]" as dmesg */
		fputc(']', f);
		return;
	}
	if ((t->kind == KLOG_TIME_LOCAL && gmtime_r(&secs, &tm) != NULL) ||
	    (t->kind == KLOG_TIME_UNIX && localtime_r(&secs, &tm) != NULL)) {
		strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(f, "[%s]", buf);
		return;
	}
	fputs("[-]", f);
}

/* The OOM part of the readable list. */
static void
text_oom(struct out *o, const struct kevent *e)
{
	const struct kevent_oom *m = &e->oom;
	const struct kevent_task *t;
	const struct num_field *fd;
	const char *c = oomreport_constraint_name(m->constraint);
	char name[KEVENT_TEXT_MAX];
	size_t i, nlen = memcg_name(&m->memcg, name, sizeof name);

	for (i = 0; i < COUNT(oom_text_order); i++) {
		fd = &num_fields[OOM_FIRST + oom_text_order[i]];
		text_num(o->f, fd->label, field_value(m, fd), fd->unit);
	}
	if (c != NULL)
		fprintf(o->f, " constraint %s", c);
	text_text(o, "memcg", &m->memcg);
	text_bytes(o, "memcg_name", nlen > 0, name, nlen);
	text_name(o, "trigger", &m->trigger);
	text_text(o, "gfp_mask", &m->gfp_mask);
	text_num(o->f, "order", m->order, "");
	fprintf(o->f, " %s\n", m->reaped ? "reaped" : "not-reaped");
	for (i = 0; i < m->ntasks; i++) {
		t = &m->tasks[i];
		fprintf(o->f, "    task");
		for (fd = num_fields + TASK_FIRST; fd < num_fields + TASK_END;
		     fd++)
			text_num(o->f, fd->label, field_value(t, fd), fd->unit);
		text_name(o, "name", &t->name);
		fputc('\n', o->f);
	}
}

/* One event as a readable line (plus task rows for OOM kills). */
static void
print_text(struct out *o, const struct kevent *e)
{
	text_time(o->f, &e->time);
	fprintf(o->f, " %s:", kevent_kind_name(e->kind));
	text_name(o, "comm", &e->comm);
	text_num(o->f, "pid", e->pid, "");
	text_num(o->f, "cpu", e->cpu, "");
	text_num(o->f, "seconds", e->seconds, "");
	text_num(o->f, "order", e->order, "");
	if (e->kind == KEVENT_OOM_KILL) {
		text_oom(o, e);
		return;
	}
	if (e->kind == KEVENT_PANIC)
		text_text(o, "message", &e->text);
	if (e->kind == KEVENT_NULL_DEREF)
		text_text(o, "address", &e->text);
	fputc('\n', o->f);
}

/* "; /proc/vmstat oom_kill=N since boot": what is left to say when the
 * kernel log cannot be read (or why even that is not known). */
static void
print_oom_count(FILE *f, const char *proc_root)
{
	struct vmstat_counters c;
	char buf[32768];
	const char *root = proc_root ? proc_root : PROCROOT_DEFAULT;
	ssize_t n = -ENOENT;
	int dir = procroot_open(proc_root);

	if (dir >= 0) {
		n = procroot_read(dir, "vmstat", buf, sizeof buf);
		close(dir);
	}
	vmstat_clear(&c);
	if (n < 0)
		fprintf(f, "; %s/vmstat: %s", root, strerror((int)-n));
	else if (vmstat_parse(buf, (size_t)n, &c) != 0 || c.oom_kill == SNAP_NA)
		fprintf(f, "; %s/vmstat has no oom_kill count", root);
	else
		fprintf(f, "; %s/vmstat oom_kill=%" PRId64 " since boot", root,
		        c.oom_kill);
}

/* Open the source the options name; NULL (message printed) on failure. */
static struct kmsg_reader *
open_source(const struct options *opt)
{
	struct kmsg_reader *r;
	int rc;

	if (opt->kmsg_file != NULL) {
		rc = kmsg_new_file(&r, opt->kmsg_file, NULL, NULL);
		if (rc < 0) {
			fprintf(stderr, "oomwatch: %s: %s\n", opt->kmsg_file,
			        strerror(-rc));
			return NULL;
		}
		return r;
	}
	if (kmsg_new_live(&r, NULL, NULL) < 0) {
		fprintf(stderr, "oomwatch: out of memory\n");
		return NULL;
	}
	if (kmsg_source(r) == KMSG_SRC_NONE) {
		/* no events to show: say why, and the one number left */
		fprintf(stderr, "oomwatch: kernel log: %s", kmsg_reason(r));
		print_oom_count(stderr, opt->proc_root);
		fputc('\n', stderr);
		kmsg_free(r);
		return NULL;
	}
	if (kmsg_source(r) == KMSG_SRC_KLOGCTL)
		fprintf(stderr, "oomwatch: %s\n", kmsg_status(r));
	return r;
}

/* Read the log: a file to its end (standard input waited for), the live
 * log until caught up or EVENTS_LIVE_MAX_RECORDS. False (message printed)
 * when it could not be read to there. */
static bool
read_log(const struct options *opt, struct kmsg_reader *r, struct kevents *ev)
{
	struct kmsg_drain d = {
	    .budget = EVENTS_BUDGET,
	    .until_ms = UINT64_MAX,
	    .max_records = opt->kmsg_file ? 0 : EVENTS_LIVE_MAX_RECORDS,
	    .wait = true,
	};
	int rc = kmsg_drain(r, ev, &d);

	if (rc < 0) {
		fprintf(stderr, "oomwatch: reading the kernel log: %s\n",
		        strerror(-rc));
		return false;
	}
	if (!kmsg_caught_up(r)) {
		fprintf(
		    stderr,
		    "oomwatch: the kernel log grew faster than it was read; "
		    "stopped after %" PRIu64 " records (the events up to "
		    "there are shown)\n",
		    kmsg_records(r));
		return false;
	}
	return true;
}

/* The history's row for BOOT (an index or a boot id), or NULL. */
static const struct boots_row *
history_row(const struct bootsrc_data *d, const char *boot)
{
	char *end;
	long n = strtol(boot, &end, 10);
	bool index = end != boot && *end == '\0';

	for (size_t i = 0; i < d->nrows; i++)
		if ((index && d->rows[i].index == n) ||
		    (!index && strcmp(d->rows[i].boot_id, boot) == 0))
			return &d->rows[i];
	return NULL;
}

/* --boot BOOT (not 0): that boot's kernel messages from the journal (with
 * a fixture --proc-root, its saved journal), else, when the journal has
 * none of them, from the boot's pstore dumps (the boot history says
 * which); where they came from on stderr. False (one line printed) when
 * neither can give them. */
static bool
read_boot(const struct options *opt, struct kevents *ev)
{
	static struct bootsrc_data d;
	struct pstore_record dumps[BOOTSRC_PSTORE_MAX];
	const struct boots_row *r;
	struct bootsrc_paths p;
	enum bootsrc_from from;
	char why[BOOTSRC_WHY_MAX + 64], clean_why[4 * sizeof why];
	size_t n = 0;
	int rc;

	bootsrc_paths(&p, opt->proc_root, opt->sys_root);
	bootsrc_load(&d, &p, BOOTSRC_JOURNAL_MS, clock_wall_ms() / 1000);
	if ((r = history_row(&d, opt->boot)) != NULL)
		n = bootsrc_row_dumps(&d, r, dumps, BOOTSRC_PSTORE_MAX);
	rc = bootsrc_events(&p,
	                    r == NULL       ? opt->boot
	                    : r->in_journal ? r->boot_id
	                                    : NULL,
	                    dumps, n, ev, BOOTSRC_JOURNAL_MS, &from, why,
	                    sizeof why);
	bootsrc_free(&d);
	if (rc == 0 && from == BOOTSRC_FROM_PSTORE) {
		sanitize_text(clean_why, sizeof clean_why, dumps[0].name,
		              strlen(dumps[0].name), 0, NULL);
		fprintf(stderr,
		        "oomwatch: --boot %s: from its pstore dump%s %s\n",
		        opt->boot, n > 1 ? "s" : "", clean_why);
	} else if (rc == 0) {
		fprintf(stderr, "oomwatch: --boot %s: from the journal\n",
		        opt->boot);
	}
	if (rc == 0)
		return true;
	sanitize_text(clean_why, sizeof clean_why, why, strlen(why), 0, NULL);
	fprintf(stderr, "oomwatch: --boot %s: %s\n", opt->boot, clean_why);
	return false;
}

/* "N kernel messages lost" on stderr, when some were. */
static void
print_lost(const struct kmsg_reader *r)
{
	bool at_least;
	uint64_t lost = kmsg_lost(r, &at_least);

	if (lost > 0)
		fprintf(stderr,
		        "oomwatch: %s%" PRIu64 " kernel message%s lost%s\n",
		        at_least ? "at least " : "", lost, lost == 1 ? "" : "s",
		        at_least ? " (overwritten before the first was "
		                   "read: how many is unknown)"
		                 : "");
}

/* Print the kernel events of the live log or a saved one. */
int
events_run(const struct options *opt)
{
	struct kmsg_reader *r;
	struct kevents *ev;
	struct kevents_stats st;
	struct out o = {.f = stdout, .san_flags = 0};
	size_t i;
	int status = 0;

	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		o.san_flags = SANITIZE_ASCII;
	/* every event is printed after the whole log: keep every table */
	ev = kevents_new_kept(EVENTS_CAPACITY, EVENTS_CAPACITY);
	if (ev == NULL) {
		fprintf(stderr, "oomwatch: out of memory\n");
		return 1;
	}
	if (opt->boot != NULL && strcmp(opt->boot, "0") != 0) {
		r = NULL; /* boot 0: the kernel log, as without --boot */
		if (!read_boot(opt, ev)) {
			kevents_free(ev);
			return 1;
		}
	} else if ((r = open_source(opt)) == NULL) {
		kevents_free(ev);
		return 1;
	}
	if (r != NULL && !read_log(opt, r, ev))
		status = 1;
	kevents_finish(ev);
	for (i = kevents_count(ev); i-- > 0;) {
		if (opt->json)
			print_json(stdout, kevents_get(ev, i));
		else
			print_text(&o, kevents_get(ev, i));
	}
	st = kevents_stats(ev);
	if (st.dropped > 0)
		fprintf(stderr,
		        "oomwatch: %" PRIu64 " older events not shown "
		        "(only the last %d are kept)\n",
		        st.dropped, EVENTS_CAPACITY);
	if (r != NULL)
		print_lost(r);
	kmsg_free(r);
	kevents_free(ev);
	if (fflush(stdout) != 0 && errno != EPIPE)
		status = 1;
	return status;
}
