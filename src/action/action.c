/*
 * action.c: the action context (who we are, what we may do, our ancestors)
 * and the audit log (action.h).
 */
#include "action/action.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <unistd.h>

#include "core/sanitize.h"
#include "model/snapshot.h"

/* Our effective capability set, 64 bits; 0 or -errno. */
static int
cap_effective(uint64_t *eff)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof data);
	if (syscall(SYS_capget, &hdr, data) != 0)
		return -errno;
	*eff = (uint64_t)data[1].effective << 32 | data[0].effective;
	return 0;
}

/* Our effective capability cap? */
bool
action_has_cap(int cap)
{
	uint64_t eff;

	if (cap < 0 || cap > 63 || cap_effective(&eff) != 0)
		return false;
	return (eff >> cap) & 1u;
}

/* The default audit sink: syslog(3). */
static void
audit_syslog(void *arg, int priority, const char *line)
{
	(void)arg;
	syslog(priority, "%s", line);
}

/* Walk the ppid chain from oomwatch upwards, through the target code's
 * identity check so each entry's start time is known. */
static void
walk_chain(struct action_ctx *ctx)
{
	int32_t pid = (int32_t)getppid();
	struct target t;

	ctx->nchain = 0;
	while (pid > 0 && ctx->nchain < ACTION_CHAIN_MAX) {
		if (target_open(ctx->proc_root_fd, pid, TARGET_ANY_START,
		                TARGET_NO_PIDFD, &t) != 0)
			break;
		ctx->chain[ctx->nchain] = pid;
		ctx->chain_start[ctx->nchain] = t.start_time;
		ctx->nchain++;
		pid = t.ppid;
		target_close(&t);
	}
}

/* Fill the action context. */
int
action_ctx_init(struct action_ctx *ctx, int proc_root_fd, bool read_only)
{
	struct passwd pw, *pwp = NULL;
	char pwbuf[1024];
	uint64_t eff = 0;
	int rc;

	memset(ctx, 0, sizeof *ctx);
	ctx->proc_root_fd = proc_root_fd;
	ctx->read_only = read_only;
	ctx->self_pid = (int32_t)getpid();
	ctx->uid = (uint32_t)getuid();
	ctx->euid = (uint32_t)geteuid();
	if (getlogin_r(ctx->login, sizeof ctx->login) != 0) {
		if (getpwuid_r(ctx->uid, &pw, pwbuf, sizeof pwbuf, &pwp) == 0 &&
		    pwp != NULL)
			snprintf(ctx->login, sizeof ctx->login, "%s",
			         pw.pw_name);
		else
			snprintf(ctx->login, sizeof ctx->login, "%u",
			         (unsigned)ctx->uid);
	}
	rc = cap_effective(&eff);
	ctx->cap_sys_resource = (eff >> ACTION_CAP_SYS_RESOURCE) & 1u;
	ctx->cap_kill = (eff >> ACTION_CAP_KILL) & 1u;
	ctx->cap_dac_override = (eff >> ACTION_CAP_DAC_OVERRIDE) & 1u;
	walk_chain(ctx);
	openlog("oomwatch", LOG_PID, LOG_AUTHPRIV);
	ctx->audit = audit_syslog;
	return rc;
}

/* Close the syslog connection. */
void
action_ctx_fini(struct action_ctx *ctx)
{
	if (ctx->audit == audit_syslog)
		closelog();
}

/* Is (pid, start_time) an ancestor of oomwatch? */
bool
action_in_chain(const struct action_ctx *ctx, int32_t pid, uint64_t start_time)
{
	size_t i;

	for (i = 0; i < ctx->nchain; i++)
		if (ctx->chain[i] == pid && ctx->chain_start[i] == start_time)
			return true;
	return false;
}

/* The policy facts for a held target. */
void
action_facts(const struct action_ctx *ctx, const struct target *t, int64_t adj,
             struct policy_facts *out)
{
	memset(out, 0, sizeof *out);
	out->pid = t->pid;
	out->state = t->state;
	out->is_kthread = t->kthread;
	out->is_self = t->pid == ctx->self_pid;
	out->in_own_chain = action_in_chain(ctx, t->pid, t->start_time);
	out->adj = adj;
	out->uid = t->uid;
	out->our_uid = ctx->uid;
	out->read_only = ctx->read_only;
}

/* Words for the shared errors. */
const char *
action_strerror(int err, const struct policy_decision *policy)
{
	switch (err) {
	case 0:
		return "ok";
	case -EROFS:
	case -ECANCELED:
		return policy_reason_text(policy->refuse);
	default:
		return target_strerror(err);
	}
}

/* One audit line. */
size_t
action_audit_format(const struct action_ctx *ctx, const struct target *t,
                    const char *what, const char *result, char *buf,
                    size_t size)
{
	char comm[16 * 4 + 1], login[64 * 4 + 1];
	int n;

	sanitize_text(comm, sizeof comm, t->comm, strnlen(t->comm, 16),
	              SANITIZE_ASCII, NULL);
	sanitize_text(login, sizeof login, ctx->login,
	              strnlen(ctx->login, sizeof ctx->login), SANITIZE_ASCII,
	              NULL);
	n = snprintf(buf, size,
	             "uid=%u login=%s pid=%d comm=%s start=%llu action=%s "
	             "result=%s",
	             (unsigned)ctx->uid, login, (int)t->pid, comm,
	             (unsigned long long)t->start_time, what, result);
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* Format and send one audit line. */
void
action_audit(const struct action_ctx *ctx, const struct target *t,
             const char *what, const char *result)
{
	char line[512];

	if (ctx->audit == NULL)
		return;
	action_audit_format(ctx, t, what, result, line, sizeof line);
	ctx->audit(ctx->audit_arg,
	           LOG_AUTHPRIV |
	               (strcmp(result, "ok") == 0 ? LOG_NOTICE : LOG_WARNING),
	           line);
}
