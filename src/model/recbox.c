/* recbox.c: recorded events matched and merged with the live ones (see
 * recbox.h). */
#include "model/recbox.h"

#include <string.h>

#include "model/recjson.h"

/* The kind named name, or KEVENT_KIND_COUNT. */
static enum kevent_kind
recbox_kind(const char *name)
{
	for (int k = 0; k < KEVENT_KIND_COUNT; k++)
		if (strcmp(kevent_kind_name((enum kevent_kind)k), name) == 0)
			return (enum kevent_kind)k;
	return KEVENT_KIND_COUNT;
}

/* A JSON integer member, or KLOG_NA. */
static int64_t
recbox_num(const char *json, size_t len, const char *key)
{
	int64_t v = KLOG_NA;

	return recjson_int(json, len, key, &v) ? v : KLOG_NA;
}

/* The OOM kill's fields of json into o. */
static void
recbox_oom(struct kevent_oom *o, const char *json, size_t len)
{
	char c[32];

	o->uid = recbox_num(json, len, "uid");
	o->total_vm_kb = recbox_num(json, len, "total_vm_kb");
	o->anon_rss_kb = recbox_num(json, len, "anon_rss_kb");
	o->file_rss_kb = recbox_num(json, len, "file_rss_kb");
	o->shmem_rss_kb = recbox_num(json, len, "shmem_rss_kb");
	o->pgtables_kb = recbox_num(json, len, "pgtables_kb");
	o->oom_score_adj = recbox_num(json, len, "oom_score_adj");
	o->order = recbox_num(json, len, "order");
	o->constraint = OOM_CONSTRAINT_UNKNOWN;
	if (recjson_str(json, len, "constraint", c, sizeof c))
		for (int k = 0; k <= OOM_CONSTRAINT_MEMPOLICY; k++) {
			const char *n =
			    oomreport_constraint_name((enum oom_constraint)k);

			if (n != NULL && strcmp(n, c) == 0)
				o->constraint = (enum oom_constraint)k;
		}
	o->memcg.set =
	    recjson_str(json, len, "memcg", o->memcg.s, sizeof o->memcg.s);
	o->memcg.len = o->memcg.set ? strlen(o->memcg.s) : 0;
}

/* Rebuild a stored event (see the header). */
bool
recbox_event(struct kevent *e, const char *kind, int time_kind, int64_t time_us,
             int64_t seq, int64_t pid, const char *json, size_t len)
{
	memset(e, 0, sizeof *e);
	e->kind = recbox_kind(kind != NULL ? kind : "");
	if (e->kind == KEVENT_KIND_COUNT)
		return false;
	e->time.kind =
	    time_kind >= KLOG_TIME_NONE && time_kind <= KLOG_TIME_LOCAL
	        ? (enum klog_time_kind)time_kind
	        : KLOG_TIME_NONE;
	e->time.usec = time_us;
	e->has_seq = seq >= 0;
	e->seq = seq >= 0 ? (uint64_t)seq : 0;
	e->pid = pid >= 0 ? pid : KLOG_NA;
	e->cpu = recbox_num(json, len, "cpu");
	e->seconds = recbox_num(json, len, "seconds");
	e->order = recbox_num(json, len, "order");
	e->comm.set =
	    recjson_str(json, len, "comm", e->comm.s, sizeof e->comm.s);
	e->comm.len = e->comm.set ? strlen(e->comm.s) : 0;
	e->text.set =
	    recjson_str(json, len, "message", e->text.s, sizeof e->text.s);
	e->text.len = e->text.set ? strlen(e->text.s) : 0;
	if (e->kind == KEVENT_OOM_KILL)
		recbox_oom(&e->oom, json, len);
	return true;
}

/* True when recorded event r is live event e. */
static bool
recbox_same(const struct kevent *r, const struct kevent *e)
{
	if (r->kind != e->kind)
		return false;
	if (r->has_seq && e->has_seq)
		return r->seq == e->seq;
	return r->time.kind == e->time.kind && r->time.usec == e->time.usec &&
	       r->pid == e->pid;
}

/* The record of a live event (see the header). */
long
recbox_match(const struct recbox *b, size_t n, const struct kevent *e)
{
	for (size_t i = 0; e != NULL && i < n; i++)
		if (recbox_same(&b[i].ev, e))
			return (long)i;
	return -1;
}

/* True when recorded kill r goes before (is newer than) live event e. */
static bool
recbox_newer(const struct kevent *r, const struct kevent *e)
{
	return r->time.kind != KLOG_TIME_NONE && r->time.kind == e->time.kind &&
	       r->time.usec > e->time.usec;
}

/* Merge the live and recorded-only events (see the header). */
size_t
recbox_merge(const struct kevents *live, const struct recbox *b, size_t n,
             struct recbox_row *rows, size_t max)
{
	bool matched[RECBOX_MAX] = {false};
	size_t nl = live != NULL ? kevents_count(live) : 0, li = 0, bi = 0,
	       out = 0, nr = n < RECBOX_MAX ? n : RECBOX_MAX;
	long m;

	for (size_t i = 0; i < nl; i++)
		if ((m = recbox_match(b, n, kevents_get(live, i))) >= 0 &&
		    (size_t)m < nr)
			matched[m] = true;
	while (out < max && (li < nl || bi < nr)) {
		const struct kevent *e = li < nl ? kevents_get(live, li) : NULL;

		if (bi < nr &&
		    (matched[bi] || b[bi].ev.kind != KEVENT_OOM_KILL)) {
			bi++;
			continue;
		}
		if (bi < nr && (e == NULL || recbox_newer(&b[bi].ev, e))) {
			rows[out++] =
			    (struct recbox_row){&b[bi].ev, &b[bi], true};
			bi++;
			continue;
		}
		m = recbox_match(b, n, e);
		rows[out++] =
		    (struct recbox_row){e, m >= 0 ? &b[m] : NULL, false};
		li++;
	}
	return out;
}
