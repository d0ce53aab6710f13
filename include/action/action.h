/*
 * action: what every action needs to know about oomwatch itself, gathered
 * once at start-up: who we are (uid, login name), our capabilities, our
 * own chain of ancestors, --read-only, and where audit lines go.
 *
 * The UI makes one struct action_ctx, then for each key:
 *   target_open -> action_facts -> policy_decide (dialog: refuse / confirm)
 *   -> adjust_* or signal_send -> *_describe for the status line
 *   -> target_close.
 * Every attempt (refusals included) is written to the audit log.
 */
#ifndef OOMWATCH_ACTION_ACTION_H
#define OOMWATCH_ACTION_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action/target.h"
#include "model/policy.h"

#define ACTION_CHAIN_MAX 64
#define ACTION_CAP_KILL 5
#define ACTION_CAP_DAC_OVERRIDE 1
#define ACTION_CAP_SYS_RESOURCE 24

/* Where audit lines go: syslog by default; tests capture them. */
typedef void action_audit_fn(void *arg, int priority, const char *line);

struct action_ctx {
	int proc_root_fd; /* borrowed: the live /proc */
	bool read_only;   /* --read-only: every action refused */
	int32_t self_pid;
	uint32_t uid, euid;
	char login[64]; /* raw login name; sanitized when written */
	bool cap_sys_resource, cap_kill, cap_dac_override;
	int32_t chain[ACTION_CHAIN_MAX]; /* ppid walk from oomwatch, nearest */
	uint64_t chain_start[ACTION_CHAIN_MAX]; /* their start times */
	size_t nchain;
	action_audit_fn *audit; /* never NULL after init */
	void *audit_arg;
};

/*
 * Fill *ctx: our ids, login name, capabilities (capget, never uid == 0),
 * the ppid chain read through proc_root_fd, and the syslog audit sink
 * (openlog "oomwatch", LOG_AUTHPRIV). Returns 0, or -errno when the
 * capabilities cannot be read (ctx is usable then, with no capabilities).
 */
int action_ctx_init(struct action_ctx *ctx, int proc_root_fd, bool read_only);

/* Close the syslog connection. */
void action_ctx_fini(struct action_ctx *ctx);

/* Our effective capability cap (0..63)? Reads capget(2) each call. */
bool action_has_cap(int cap);

/* Is (pid, start_time) one of oomwatch's ancestors? */
bool action_in_chain(const struct action_ctx *ctx, int32_t pid,
                     uint64_t start_time);

/* The policy facts for a held target whose current adj is adj (SNAP_NA
 * when unknown). */
void action_facts(const struct action_ctx *ctx, const struct target *t,
                  int64_t adj, struct policy_facts *out);

/* Words for the errors every action shares: 0 "ok", -EROFS and
 * -ECANCELED the policy's refusal reason, else target_strerror. */
const char *action_strerror(int err, const struct policy_decision *policy);

/*
 * One audit line: "uid=U login=L pid=P comm=C start=S action=A result=R".
 * what and result are oomwatch's own words; comm and login are sanitized.
 * Returns the length (truncated to fit).
 */
size_t action_audit_format(const struct action_ctx *ctx, const struct target *t,
                           const char *what, const char *result, char *buf,
                           size_t size);

/* Format and send one audit line (LOG_NOTICE, or LOG_WARNING when the
 * result is not "ok"). */
void action_audit(const struct action_ctx *ctx, const struct target *t,
                  const char *what, const char *result);

#endif
