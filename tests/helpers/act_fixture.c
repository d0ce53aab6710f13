/* act_fixture.c: shared scaffolding of the action-layer tests. */
#include "act_fixture.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int act_proc_fd = -1;
char act_audit_last[512];
int act_audit_count;

/* Capture audit lines instead of syslog. */
static void
capture(void *arg, int priority, const char *line)
{
	(void)arg;
	(void)priority;
	snprintf(act_audit_last, sizeof act_audit_last, "%s", line);
	act_audit_count++;
}

/* Group setup: open /proc. */
int
act_group_setup(void **state)
{
	(void)state;
	act_proc_fd = act_proc_root();
	return act_proc_fd >= 0 ? 0 : -1;
}

/* Group teardown: close /proc. */
int
act_group_teardown(void **state)
{
	(void)state;
	close(act_proc_fd);
	return 0;
}

/* After each test: no child of ours is left running. */
int
act_reap(void **state)
{
	(void)state;
	act_child_kill_all();
	return 0;
}

/* An action context with the audit captured. */
void
act_ctx_init(struct action_ctx *ctx, bool read_only)
{
	action_ctx_init(ctx, act_proc_fd, read_only);
	action_ctx_fini(ctx);
	ctx->audit = capture;
	act_audit_count = 0;
	act_audit_last[0] = '\0';
}

/* Start a child and hold it. */
int
act_hold(struct act_child *c, struct target *t)
{
	if (act_child_start(c, 0) != 0)
		return -1;
	return target_open(act_proc_fd, c->pid, c->start_time, 0, t) == 0 ? 0
	                                                                  : -1;
}

/* In the forked process: become nobody, hold c, run op; exit -err. */
static int
nobody_run(const struct act_child *c, act_op_fn *op, char *line, size_t size)
{
	struct action_ctx ctx;
	struct target t;
	int rc;

	if (setresgid(65534, 65534, 65534) != 0 ||
	    setresuid(65534, 65534, 65534) != 0)
		return 97;
	act_ctx_init(&ctx, false);
	if (target_open(act_proc_fd, c->pid, c->start_time, 0, &t) != 0)
		return 99;
	rc = -op(&ctx, &t, line, size);
	target_close(&t);
	return rc;
}

/* Run op on a root child as nobody and report the outcome. */
int
act_nobody_run(act_op_fn *op, struct act_nobody *out)
{
	struct act_child c;
	int fds[2], status, rc;
	pid_t pid;
	ssize_t n;

	memset(out, 0, sizeof *out);
	out->exit_code = -1;
	if (getuid() != 0 || act_child_start(&c, 0) != 0)
		return -1;
	out->adj_before = act_read_long(c.pid, "oom_score_adj");
	if (pipe(fds) != 0) {
		act_child_kill(&c);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		rc = nobody_run(&c, op, out->line, sizeof out->line);
		if (write(fds[1], out->line, strlen(out->line)) < 0)
			_exit(98);
		_exit(rc);
	}
	close(fds[1]);
	n = pid > 0 ? read(fds[0], out->line, sizeof out->line - 1) : 0;
	close(fds[0]);
	out->line[n > 0 ? n : 0] = '\0';
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		out->exit_code = WEXITSTATUS(status);
	out->alive = act_alive(c.pid);
	out->adj_after = act_read_long(c.pid, "oom_score_adj");
	act_child_kill(&c);
	return pid > 0 ? 0 : -1;
}
