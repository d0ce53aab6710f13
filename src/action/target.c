/* target.c: hold a process by pidfd + /proc dirfd + start time (target.h). */
#include "action/target.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "model/procstat.h"
#include "model/textscan.h"

static const struct textscan_key tgid_key = TEXTSCAN_KEY("Tgid");

/* pidfd_open(2) without relying on the libc wrapper. */
static int
sys_pidfd_open(int32_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, (pid_t)pid, 0u);
#else
	errno = ENOSYS;
	return -1;
#endif
}

/* Read all of dirfd/name into buf (NUL-terminated). 0 or -errno. */
static int
read_at(int dirfd, const char *name, char *buf, size_t size, size_t *len)
{
	size_t got = 0;
	ssize_t n;
	int fd, err = 0;

	if (size == 0)
		return -EINVAL;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < size - 1) {
		n = read(fd, buf + got, size - 1 - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return err;
}

/* Map "the file is not there any more" to -ESRCH. */
static int
gone_errno(int rc)
{
	return rc == -ENOENT || rc == -ESRCH ? -ESRCH : rc;
}

/* Read and parse stat through a directory fd. */
static int
stat_at(int dirfd, const char *name, struct procstat_stat *st)
{
	char buf[1024];
	size_t len;
	int rc = read_at(dirfd, name, buf, sizeof buf, &len);

	if (rc != 0)
		return gone_errno(rc);
	if (len == 0)
		return -ESRCH; /* an exited process's stat reads empty */
	return procstat_parse_stat(buf, len, st) == 0 ? 0 : -EIO;
}

/* Is the pidfd's process exited (POLLIN)? 1 yes, 0 no. */
static int
pidfd_exited(int pidfd)
{
	struct pollfd p = {pidfd, POLLIN, 0};

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP));
}

/* Close the fds. */
void
target_close(struct target *t)
{
	if (t->pidfd >= 0)
		close(t->pidfd);
	if (t->dirfd >= 0)
		close(t->dirfd);
	t->pidfd = t->dirfd = -1;
}

/* A pidfd for pid into *pidfd (-1 without one: TARGET_NO_PIDFD, or a
 * kernel without pidfd_open); 0, or -ESRCH, -EINVAL for a thread, -errno. */
static int
target_pidfd(int32_t pid, unsigned flags, int *pidfd)
{
	int rc;

	*pidfd = -1;
	if (flags & TARGET_NO_PIDFD)
		return 0;
	*pidfd = sys_pidfd_open(pid);
	if (*pidfd >= 0)
		return 0;
	rc = errno;
	if (rc == ESRCH)
		return -ESRCH;
	if (rc == EINVAL || rc == ENOENT)
		return -EINVAL; /* a thread, not a process */
	return rc == ENOSYS ? 0 : -rc;
}

/*
 * Read stat and status through t->dirfd into *st and *ps and check that
 * they are the process pid started at expected_start, still alive (by
 * t->pidfd when there is one) and not a zombie: 0 or -errno.
 */
static int
target_identity(const struct target *t, int32_t pid, uint64_t expected_start,
                struct procstat_stat *st, struct procstat_status *ps)
{
	int64_t tgid = SNAP_NA;
	char buf[4096];
	size_t len;
	int rc;

	rc = stat_at(t->dirfd, "stat", st);
	if (rc != 0)
		return rc;
	rc = read_at(t->dirfd, "status", buf, sizeof buf, &len);
	if (rc != 0)
		return gone_errno(rc);
	if (procstat_parse_status(buf, len, ps) != 0 ||
	    textscan_keyed(buf, len, ':', &tgid_key, 1, &tgid, SNAP_NA) != 1)
		return len == 0 ? -ESRCH : -EIO;
	if (tgid != pid)
		return -EINVAL; /* /proc/TID is reachable but is not a process
		                 */
	if (expected_start != TARGET_ANY_START &&
	    st->start_time != expected_start)
		return -ESTALE;
	/* The pidfd was taken before the dirfd: if its process still runs
	 * now, the PID could not have been reused in between. */
	if (t->pidfd >= 0 && pidfd_exited(t->pidfd))
		return -ESRCH;
	if (st->state == 'Z' || st->state == 'X')
		return -ESRCH;
	return 0;
}

/* Hold process pid. */
int
target_open(int proc_root_fd, int32_t pid, uint64_t expected_start,
            unsigned flags, struct target *out)
{
	struct target t;
	struct procstat_stat st;
	struct procstat_status ps;
	struct stat fst;
	char name[24];
	int rc;

	memset(&t, 0, sizeof t);
	t.pidfd = t.dirfd = -1;
	t.proc_root_fd = proc_root_fd;
	*out = t;
	if (pid <= 0)
		return -EINVAL;
	rc = target_pidfd(pid, flags, &t.pidfd);
	if (rc != 0)
		return rc;
	t.racy = t.pidfd < 0;
	snprintf(name, sizeof name, "%d", (int)pid);
	t.dirfd =
	    openat(proc_root_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	rc = t.dirfd < 0 ? gone_errno(-errno)
	                 : target_identity(&t, pid, expected_start, &st, &ps);
	if (rc != 0) {
		target_close(&t);
		return rc;
	}
	t.pid = pid;
	t.ppid = st.ppid;
	t.start_time = st.start_time;
	t.state = st.state;
	t.kthread = (st.flags & PROCSTAT_PF_KTHREAD) != 0 || ps.kthread == 1;
	t.uid = ps.uid;
	/* who may write oom_score_adj: its owner (the task's euid, or root
	 * for a non-dumpable task) */
	t.euid = fstatat(t.dirfd, "oom_score_adj", &fst, 0) == 0
	             ? (uint32_t)fst.st_uid
	             : ps.uid;
	memcpy(t.comm, st.comm, sizeof t.comm);
	*out = t;
	return 0;
}

/* Is the held process still there and the same? */
int
target_check(struct target *t)
{
	struct procstat_stat st;
	char name[24];
	int rc, fresh;

	if (t->dirfd < 0)
		return -ESRCH;
	if (t->pidfd >= 0 && pidfd_exited(t->pidfd))
		return -ESRCH;
	rc = stat_at(t->dirfd, "stat", &st);
	if (rc != 0)
		return rc;
	if (st.start_time != t->start_time)
		return -ESTALE;
	t->state = st.state;
	if (st.state == 'Z' || st.state == 'X')
		return -ESRCH;
	if (!t->racy)
		return 0;
	/* Racy mode: what a fresh /proc/PID shows is what kill(2) hits. */
	snprintf(name, sizeof name, "%d", (int)t->pid);
	fresh =
	    openat(t->proc_root_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fresh < 0)
		return -ESRCH;
	rc = stat_at(fresh, "stat", &st);
	close(fresh);
	if (rc != 0)
		return rc;
	if (st.start_time != t->start_time)
		return -ESTALE;
	return 0;
}

/* Read a file of the held process. */
int
target_read(const struct target *t, const char *name, char *buf, size_t size,
            size_t *len)
{
	int rc;

	if (t->dirfd < 0)
		return -ESRCH;
	rc = read_at(t->dirfd, name, buf, size, len);
	return rc == -ENOENT ? -ESRCH : rc;
}

/* Words for a target error. */
const char *
target_strerror(int rc)
{
	switch (rc) {
	case 0:
		return "ok";
	case -ESRCH:
		return "process exited";
	case -ESTALE:
		return "PID now belongs to another process";
	case -EINVAL:
		return "not a process (a thread of another process)";
	case -EIO:
		return "unreadable /proc entry";
	default:
		return strerror(-rc);
	}
}
