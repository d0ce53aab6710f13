/*
 * policy: may oomwatch act on this process, and how much confirmation does
 * it take? Pure: decided from plain facts the action layer gathers, so
 * every rule is unit-tested without touching a process.
 *
 * Signals: refused for --read-only, PID <= 1, kernel threads (they ignore
 * signals, "killed" would be a lie), oomwatch itself and zombies (already
 * dead; only their parent can reap them). Every signal is confirmed with
 * `y`; the user's own chain (its shell, tmux, sshd: the ppid walk from
 * oomwatch) and processes at adj -1000 need an extra confirmation.
 * adj changes: refused for --read-only, PID <= 1, kernel threads (never
 * OOM candidates, so a value means nothing) and oomwatch itself (its own
 * protection is start-up's business). Steps and exact values apply at
 * once; -1000 and 1000 (protect, prefer, or typed) are confirmed; raising
 * a process of the own chain or one protected at -1000 needs the extra
 * confirmation.
 */
#ifndef OOMWATCH_MODEL_POLICY_H
#define OOMWATCH_MODEL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The facts a decision is made from. */
struct policy_facts {
	int32_t pid;
	char state; /* stat state letter, 0 if unknown */
	bool is_kthread;
	bool is_self;
	bool in_own_chain; /* an ancestor of oomwatch (shell, tmux, sshd) */
	int64_t adj;       /* current oom_score_adj, SNAP_NA if unknown */
	uint32_t uid, our_uid;
	bool read_only;
};

/* What the user asked for. */
enum policy_action {
	POLICY_SIGNAL = 0, /* any signal */
	POLICY_ADJ_STEP,   /* F7 / F8: applied at once */
	POLICY_ADJ_SET,    /* `a` exact value, `P` protect, `X` prefer */
};

/* The outcome. */
enum policy_verdict {
	POLICY_ALLOW = 0,     /* do it now */
	POLICY_CONFIRM,       /* ask `y` once */
	POLICY_CONFIRM_TWICE, /* ask again, naming the reasons */
	POLICY_REFUSE,        /* never; say why */
};

/* Reasons, as bits; policy_reason_text names each. */
enum policy_reason {
	POLICY_R_READ_ONLY = 1u << 0,
	POLICY_R_INIT = 1u << 1,
	POLICY_R_KTHREAD = 1u << 2,
	POLICY_R_SELF = 1u << 3,
	POLICY_R_ZOMBIE = 1u << 4,
	POLICY_R_OWN_CHAIN = 1u << 5,
	POLICY_R_PROTECTED = 1u << 6,  /* adj -1000 */
	POLICY_R_OTHER_USER = 1u << 7, /* warning only: likely EPERM */
	POLICY_R_COUNT = 8,
};

struct policy_decision {
	enum policy_verdict verdict;
	unsigned reasons; /* every reason that applied */
	unsigned refuse;  /* the one refusal reason, 0 unless REFUSE */
};

/*
 * Decide. new_adj is the proposed value for adj actions (ignored for
 * signals). Always fills *out.
 */
void policy_decide(const struct policy_facts *f, enum policy_action act,
                   int new_adj, struct policy_decision *out);

/* One line for a reason bit ("kernel thread: it ignores signals"). */
const char *policy_reason_text(unsigned reason);

/* Join the texts of every bit in reasons with "; " into buf. Returns the
 * length written (truncated to fit, NUL-terminated). */
size_t policy_explain(unsigned reasons, char *buf, size_t size);

#endif
