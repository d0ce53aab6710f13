/* policy.c: refuse / confirm / confirm twice, from plain facts (policy.h). */
#include "model/policy.h"

#include <stdio.h>
#include <string.h>

#include "model/adjvalue.h"
#include "model/snapshot.h"

/* Texts, indexed by bit number. */
static const char *const reason_text[POLICY_R_COUNT] = {
    "read-only mode (--read-only): actions are disabled",
    "PID 1 (init): never signalled or adjusted",
    "kernel thread: it ignores signals and is never an OOM victim",
    "this is oomwatch itself",
    "zombie: already dead, only its parent can reap it",
    "part of your own session (an ancestor of oomwatch)",
    "protected with oom_score_adj -1000",
    "owned by another user: likely not permitted",
};
_Static_assert(1u << (POLICY_R_COUNT - 1) == POLICY_R_OTHER_USER,
               "reason_text must name every policy_reason");

/* Refusal reasons, the first that applies is the one reported. */
static const unsigned refuse_order[] = {POLICY_R_READ_ONLY, POLICY_R_INIT,
                                        POLICY_R_KTHREAD, POLICY_R_SELF,
                                        POLICY_R_ZOMBIE};

/* Decide what an action on the process described by f takes. */
void
policy_decide(const struct policy_facts *f, enum policy_action act, int new_adj,
              struct policy_decision *out)
{
	struct policy_decision d = {POLICY_ALLOW, 0, 0};
	size_t i;
	bool raising;

	if (f->read_only)
		d.reasons |= POLICY_R_READ_ONLY;
	if (f->pid <= 1)
		d.reasons |= POLICY_R_INIT;
	if (f->is_kthread)
		d.reasons |= POLICY_R_KTHREAD;
	if (f->is_self)
		d.reasons |= POLICY_R_SELF;
	if (act == POLICY_SIGNAL && f->state == 'Z')
		d.reasons |= POLICY_R_ZOMBIE;
	if (f->in_own_chain)
		d.reasons |= POLICY_R_OWN_CHAIN;
	if (f->adj == ADJVALUE_MIN)
		d.reasons |= POLICY_R_PROTECTED;
	if (f->our_uid != 0 && f->uid != f->our_uid)
		d.reasons |= POLICY_R_OTHER_USER;
	for (i = 0; i < sizeof refuse_order / sizeof refuse_order[0]; i++) {
		if (d.reasons & refuse_order[i]) {
			d.verdict = POLICY_REFUSE;
			d.refuse = refuse_order[i];
			*out = d;
			return;
		}
	}
	raising = f->adj == SNAP_NA || new_adj > f->adj;
	switch (act) {
	case POLICY_SIGNAL:
		d.verdict =
		    d.reasons & (POLICY_R_OWN_CHAIN | POLICY_R_PROTECTED)
		        ? POLICY_CONFIRM_TWICE
		        : POLICY_CONFIRM;
		break;
	case POLICY_ADJ_STEP:
	case POLICY_ADJ_SET:
		/* Enter applies an exact value at once; the extremes (what
		 * P and X set: never killed, killed first) are confirmed */
		d.verdict = act == POLICY_ADJ_SET && (new_adj <= ADJVALUE_MIN ||
		                                      new_adj >= ADJVALUE_MAX)
		                ? POLICY_CONFIRM
		                : POLICY_ALLOW;
		if (raising &&
		    (d.reasons & (POLICY_R_OWN_CHAIN | POLICY_R_PROTECTED)))
			d.verdict = POLICY_CONFIRM_TWICE;
		break;
	}
	*out = d;
}

/* One line for a reason bit. */
const char *
policy_reason_text(unsigned reason)
{
	unsigned i;

	for (i = 0; i < POLICY_R_COUNT; i++)
		if (reason == 1u << i)
			return reason_text[i];
	return "unknown reason";
}

/* Join the texts of every reason bit. */
size_t
policy_explain(unsigned reasons, char *buf, size_t size)
{
	size_t len = 0;
	unsigned i;
	int n;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	for (i = 0; i < POLICY_R_COUNT; i++) {
		if (!(reasons & (1u << i)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
		             reason_text[i]);
		if (n < 0 || (size_t)n >= size - len)
			return strlen(buf);
		len += (size_t)n;
	}
	return len;
}
