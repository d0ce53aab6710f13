/*
 * target: a process held by identity from the moment a dialog opens until
 * the action is done, so the row the user chose is the process acted on
 * even if the table re-sorts, the process exits or its PID is reused.
 *
 * Identity = (pid, start time) plus two kernel handles taken at open:
 *  - a pidfd (pidfd_open, Linux 5.3+): signals go through
 *    pidfd_send_signal, which can never reach another process;
 *  - a /proc/PID directory fd: reads and the oom_score_adj write go
 *    through it (openat), and fail with ESRCH once that process is gone,
 *    even when a new process got the same PID.
 * Where the kernel has no pidfd (ENOSYS) the target is "racy": a signal is
 * sent with kill(2) right after re-checking the start time through a fresh
 * /proc/PID/stat. A PID reused between that check and kill(2) would be
 * hit; pidfd mode has no such window.
 *
 * Errors (0 or -errno): -ESRCH the process exited (or is a zombie);
 * -ESTALE the PID now belongs to another process (start time differs);
 * -EINVAL the id is a thread of another process, not a process; other
 * values come from the kernel as they are (-EMFILE, -EACCES...).
 */
#ifndef OOMWATCH_ACTION_TARGET_H
#define OOMWATCH_ACTION_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* expected_start for target_open: take the current process, whatever its
 * start time (a pid typed by the user). */
#define TARGET_ANY_START UINT64_MAX
/* target_open flag: do not use pidfd even when the kernel has it (tests,
 * and a kernel whose pidfd is broken). */
#define TARGET_NO_PIDFD 0x1u

struct target {
	int32_t pid, ppid;
	uint64_t start_time; /* clock ticks after boot (stat field 22) */
	char state;          /* at the last check */
	bool kthread;
	uint32_t uid;     /* real uid */
	uint32_t euid;    /* owner of its oom_score_adj (euid) */
	char comm[16];    /* raw: sanitize before output */
	int pidfd;        /* owned; -1 in racy mode */
	int dirfd;        /* owned: /proc/PID */
	int proc_root_fd; /* borrowed: the live /proc */
	bool racy;        /* no pidfd: start-time re-check + kill(2) */
};

/*
 * Hold process pid. proc_root_fd is an open directory fd of the live /proc
 * (borrowed; it must outlive the target). expected_start is the start time
 * the caller saw (from its snapshot row) or TARGET_ANY_START. On success
 * *out owns two fds and must be closed with target_close; on failure *out
 * holds no fds (pidfd = dirfd = -1).
 */
int target_open(int proc_root_fd, int32_t pid, uint64_t expected_start,
                unsigned flags, struct target *out);

/*
 * Is the held process still there and still the same? Refreshes state.
 * Returns 0, -ESRCH (exited, zombie included) or -ESTALE. In racy mode it
 * also compares the start time behind a fresh /proc/PID (the check done
 * just before kill(2)).
 */
int target_check(struct target *t);

/*
 * Read a file of the held process (name relative to /proc/PID) into buf,
 * NUL-terminated; *len gets the length. Returns 0 or -errno (-ESRCH when
 * the process is gone, whatever the kernel said).
 */
int target_read(const struct target *t, const char *name, char *buf,
                size_t size, size_t *len);

/* Close the fds (safe to call twice and on a failed open). */
void target_close(struct target *t);

/* Words for a target error ("process exited"). */
const char *target_strerror(int rc);

#endif
