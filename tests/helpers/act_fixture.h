/*
 * act_fixture: what the action-layer tests share: the /proc fd, an action
 * context whose audit lines are captured instead of sent to syslog,
 * cleanup of every child after each test, and running a piece of a test
 * as user nobody without capabilities.
 */
#ifndef OOMWATCH_TESTS_ACT_FIXTURE_H
#define OOMWATCH_TESTS_ACT_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "act_child.h"
#include "action/action.h"
#include "action/target.h"

extern int act_proc_fd;          /* /proc, open during the group */
extern char act_audit_last[512]; /* the last audit line */
extern int act_audit_count;      /* audit lines since act_ctx_init */

/* cmocka group setup / teardown (open and close act_proc_fd) and the
 * per-test teardown that kills and reaps every child left. */
int act_group_setup(void **state);
int act_group_teardown(void **state);
int act_reap(void **state);

/* An action context on act_proc_fd with the audit captured. */
void act_ctx_init(struct action_ctx *ctx, bool read_only);

/* Start a sleeping child and hold it: 0 or -1. */
int act_hold(struct act_child *c, struct target *t);

/* An action run on a held target; returns 0 or -errno and writes its
 * status line into line. */
typedef int act_op_fn(struct action_ctx *ctx, struct target *t, char *line,
                      size_t size);

/* What act_nobody_run saw. */
struct act_nobody {
	int exit_code;  /* -err of op, 97 (not nobody), 99 (open failed) */
	char line[256]; /* op's status line */
	bool alive;     /* the child, after op */
	long adj_before, adj_after; /* the child's oom_score_adj */
};

/*
 * Start a child as root, then in a forked process become uid/gid 65534
 * (no capabilities left) and run op on the child. Returns 0 with *out
 * filled, or -1 when not root (the caller skips) or on a fork failure.
 */
int act_nobody_run(act_op_fn *op, struct act_nobody *out);

#endif
