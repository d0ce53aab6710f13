/* promtally.c: kernel events counted for the metrics (promtally.h). */
#include "model/promtally.h"

#include <string.h>

_Static_assert(OOM_CONSTRAINT_MEMPOLICY + 1 == PROMTALLY_CONSTRAINTS,
               "PROMTALLY_CONSTRAINTS counts enum oom_constraint");

/* An empty tally. */
void
promtally_init(struct promtally *t)
{
	memset(t, 0, sizeof *t);
}

/* The kernel's name of a constraint, "unknown" when not given. */
const char *
promtally_constraint_name(enum oom_constraint c)
{
	static const char *const names[PROMTALLY_CONSTRAINTS] = {
	    "unknown", "CONSTRAINT_NONE", "CONSTRAINT_MEMCG",
	    "CONSTRAINT_CPUSET", "CONSTRAINT_MEMORY_POLICY"};

	if ((unsigned)c >= PROMTALLY_CONSTRAINTS)
		return "unknown";
	return names[c];
}

/* Count one OOM kill by its constraint and memcg. */
static void
promtally_kill(struct promtally *t, const struct kevent_oom *o)
{
	enum oom_constraint c = o->constraint;
	size_t len = o->memcg.set ? o->memcg.len : 0;
	struct promtally_kill *k;

	if ((unsigned)c >= PROMTALLY_CONSTRAINTS)
		c = OOM_CONSTRAINT_UNKNOWN;
	if (len > 0 && o->memcg.s[0] != '/')
		len = 0; /* not a path: unknown */
	for (size_t i = 0; i < t->nkills; i++) {
		k = &t->kills[i];
		if (k->constraint == c && k->memcg_len == len &&
		    memcmp(k->memcg, o->memcg.s, len) == 0) {
			k->count++;
			return;
		}
	}
	if (t->nkills == PROMTALLY_KILLS_MAX) {
		t->kills_other[c]++;
		return;
	}
	k = &t->kills[t->nkills++];
	k->constraint = c;
	k->memcg_len = len;
	memcpy(k->memcg, o->memcg.s, len);
	k->count = 1;
}

/* Count event e. */
void
promtally_add(struct promtally *t, const struct kevent *e)
{
	if ((unsigned)e->kind >= KEVENT_KIND_COUNT)
		return;
	t->events[e->kind]++;
	if (e->kind == KEVENT_OOM_KILL)
		promtally_kill(t, &e->oom);
}
