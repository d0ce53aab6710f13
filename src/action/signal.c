/*
 * signal.c: pidfd_send_signal (or a re-checked kill(2)), process_mrelease
 * after SIGKILL, and a non-blocking exit watch (signal.h).
 */
#include "action/signal.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "action/adjust.h"
#include "core/sanitize.h"
#include "model/signame.h"
#include "model/snapshot.h"

/* pidfd_send_signal(2) without relying on the libc wrapper. */
static int
sys_pidfd_send_signal(int pidfd, int sig)
{
#ifdef SYS_pidfd_send_signal
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0u);
#else
	errno = ENOSYS;
	return -1;
#endif
}

/* process_mrelease(2) without relying on the libc wrapper. */
static int
sys_process_mrelease(int pidfd)
{
#ifdef SYS_process_mrelease
	return (int)syscall(SYS_process_mrelease, pidfd, 0u);
#else
	errno = ENOSYS;
	return -1;
#endif
}

/* The policy facts for t, with its adj read now. */
static void
decide(const struct action_ctx *ctx, struct target *t,
       struct policy_decision *out)
{
	struct policy_facts facts;
	int adj;

	action_facts(ctx, t, adjust_read(t, &adj) == 0 ? adj : SNAP_NA, &facts);
	policy_decide(&facts, POLICY_SIGNAL, 0, out);
}

/* The dialog's decision. */
void
signal_check(const struct action_ctx *ctx, struct target *t,
             struct policy_decision *out)
{
	(void)target_check(t); /* refresh the state letter (zombie) */
	decide(ctx, t, out);
}

/* Words for res->err. */
static const char *
explain(const struct signal_result *r, char *buf, size_t size)
{
	switch (r->err) {
	case -EPERM:
		snprintf(buf, size, "not permitted: process owned by uid %u",
		         (unsigned)r->owner_uid);
		return buf;
	default:
		return action_strerror(r->err, &r->policy);
	}
}

/* Send sig to t. */
int
signal_send(const struct action_ctx *ctx, struct target *t, int sig,
            uint64_t now_mono_ms, struct signal_result *res)
{
	char what[48], name[32], why[96];
	int rc;

	memset(res, 0, sizeof *res);
	res->pid = t->pid;
	memcpy(res->comm, t->comm, sizeof res->comm);
	res->sig = sig;
	res->racy = t->racy;
	res->mrelease = SIGNAL_MRELEASE_NOT_TRIED;
	res->owner_uid = t->uid;
	res->sent_mono_ms = now_mono_ms;
	if (ctx->read_only) {
		res->policy.verdict = POLICY_REFUSE;
		res->policy.refuse = res->policy.reasons = POLICY_R_READ_ONLY;
		rc = -EROFS;
		goto out;
	}
	rc = target_check(t);
	if (rc != 0)
		goto out;
	decide(ctx, t, &res->policy);
	if (res->policy.verdict == POLICY_REFUSE) {
		rc = -ECANCELED;
		goto out;
	}
	if (!t->racy) {
		rc = sys_pidfd_send_signal(t->pidfd, sig) == 0 ? 0 : -errno;
	} else {
		/* racy fallback: the re-check above is the last look before
		 * kill(2); see target.h */
		rc = kill((pid_t)t->pid, sig) == 0 ? 0 : -errno;
	}
	if (rc == 0 && sig == SIGKILL && !t->racy)
		res->mrelease =
		    sys_process_mrelease(t->pidfd) == 0 ? 0 : -errno;
out:
	res->err = rc;
	snprintf(what, sizeof what, "signal %s%s",
	         signame_name(sig, name, sizeof name),
	         res->racy ? " (kill after start-time check)" : "");
	action_audit(ctx, t, what, explain(res, why, sizeof why));
	return rc;
}

/* The fd that becomes readable when t exits. */
int
signal_watch_fd(const struct target *t)
{
	return t->racy ? -1 : t->pidfd;
}

/* Where t stands now; never blocks. */
void
signal_exit_poll(struct target *t, const struct signal_result *res,
                 uint64_t now_mono_ms, struct signal_exit *out)
{
	int rc = target_check(t);

	out->sig = res->sig;
	out->elapsed_ms = now_mono_ms >= res->sent_mono_ms
	                      ? now_mono_ms - res->sent_mono_ms
	                      : 0;
	if (rc != 0) {
		out->state = SIGNAL_EXIT_GONE;
		out->proc_state = 0;
		return;
	}
	out->proc_state = t->state;
	out->state = t->state == 'D' ? SIGNAL_EXIT_D : SIGNAL_EXIT_RUNNING;
}

/* "sent SIGTERM to pid 42 name" or the failure. */
size_t
signal_describe(const struct signal_result *res, char *buf, size_t size)
{
	char name[16 * 4 + 1], sig[32], why[96];
	const char *note = "";
	int n;

	if (size == 0)
		return 0;
	sanitize_text(name, sizeof name, res->comm,
	              strnlen(res->comm, sizeof res->comm), 0, NULL);
	signame_name(res->sig, sig, sizeof sig);
	if (res->err != 0) {
		n = snprintf(buf, size, "%s not sent to pid %d %s: %s", sig,
		             (int)res->pid, name,
		             explain(res, why, sizeof why));
	} else {
		if (res->mrelease == 0)
			note = ", memory released";
		else if (res->racy)
			note = " (kill(2) after start-time check)";
		n = snprintf(buf, size, "sent %s to pid %d %s%s", sig,
		             (int)res->pid, name, note);
	}
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* "exited after N ms" or "still exiting ...". */
size_t
signal_exit_describe(const struct signal_exit *e, char *buf, size_t size)
{
	int n;

	if (size == 0)
		return 0;
	switch (e->state) {
	case SIGNAL_EXIT_GONE:
		n = snprintf(buf, size, "exited after %llu ms",
		             (unsigned long long)e->elapsed_ms);
		break;
	case SIGNAL_EXIT_D:
		n = snprintf(buf, size, "still exiting (D state) after %llu ms",
		             (unsigned long long)e->elapsed_ms);
		break;
	case SIGNAL_EXIT_RUNNING:
	default:
		n = snprintf(buf, size, "still %s (state %c) after %llu ms",
		             e->sig == SIGKILL ? "exiting" : "running",
		             e->proc_state ? e->proc_state : '?',
		             (unsigned long long)e->elapsed_ms);
		break;
	}
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}
