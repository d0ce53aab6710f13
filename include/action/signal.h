/*
 * signal: send a signal to a held target, and follow a kill to its end
 * without blocking the UI loop.
 *
 * A target that exited or whose PID was reused is never signalled: in
 * pidfd mode pidfd_send_signal cannot reach another process; in racy mode
 * (no pidfd) target_check re-reads the start time right before kill(2).
 * After SIGKILL, process_mrelease(2) (Linux 5.15+) reaps the address space
 * at once instead of waiting for the victim's own exit path; ENOSYS (old
 * kernel), EINVAL (mm shared with a live process) and ESRCH (already gone)
 * are recorded, not errors.
 *
 * Following the exit: put signal_watch_fd() (the pidfd; -1 in racy mode,
 * then use the tick) in the loop's poll set; when it is readable or on
 * each tick call signal_exit_poll(), which never blocks, and show
 * signal_exit_describe(): "exited after 12 ms" or "still exiting (D
 * state) after 2000 ms". Time is the monotonic clock, passed in.
 */
#ifndef OOMWATCH_ACTION_SIGNAL_H
#define OOMWATCH_ACTION_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action/action.h"
#include "action/target.h"
#include "model/policy.h"

#define SIGNAL_MRELEASE_NOT_TRIED 1

/* The outcome of one signal_send. */
struct signal_result {
	int32_t pid;
	char comm[16]; /* raw */
	int sig;
	int err;      /* 0 sent; -EROFS read-only; -ECANCELED refused
	                 (policy says why); -ESRCH exited; -ESTALE PID
	                 reused; -EPERM not permitted; other -errno */
	bool racy;    /* sent by kill(2) after a start-time re-check */
	int mrelease; /* SIGKILL: 0 memory released, -errno, or
	                 SIGNAL_MRELEASE_NOT_TRIED */
	uint32_t owner_uid;
	uint64_t sent_mono_ms;
	struct policy_decision policy;
};

/* How a signalled process is doing. */
enum signal_exit_state {
	SIGNAL_EXIT_RUNNING = 0, /* still there (state letter in state) */
	SIGNAL_EXIT_D,           /* still exiting, in uninterruptible sleep */
	SIGNAL_EXIT_GONE,        /* exited (zombie or reaped) */
};

struct signal_exit {
	enum signal_exit_state state;
	int sig;             /* the signal sent */
	char proc_state;     /* last stat state letter, 0 when gone */
	uint64_t elapsed_ms; /* since the signal was sent */
};

/*
 * The dialog's decision for sending sig to t: refuse (and why), confirm,
 * or confirm twice. Reads t's oom_score_adj for the -1000 rule.
 */
void signal_check(const struct action_ctx *ctx, struct target *t,
                  struct policy_decision *out);

/*
 * Send sig to t, unless --read-only or the policy refuses. Always fills
 * *res and writes one audit line. After SIGKILL also tries
 * process_mrelease. Returns res->err.
 */
int signal_send(const struct action_ctx *ctx, struct target *t, int sig,
                uint64_t now_mono_ms, struct signal_result *res);

/* The fd that becomes readable (POLLIN) when t exits, or -1 (racy). */
int signal_watch_fd(const struct target *t);

/* Where t stands now_mono_ms after res; never blocks. */
void signal_exit_poll(struct target *t, const struct signal_result *res,
                      uint64_t now_mono_ms, struct signal_exit *out);

/* "sent SIGTERM to pid 42 name" or the failure in words. */
size_t signal_describe(const struct signal_result *res, char *buf, size_t size);

/* "exited after 12 ms", "still exiting (D state) after 900 ms", after
 * SIGKILL "still exiting (state R) after 900 ms", after other signals
 * "still running (state S) after 900 ms". */
size_t signal_exit_describe(const struct signal_exit *e, char *buf,
                            size_t size);

#endif
