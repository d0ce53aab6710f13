/*
 * ui_protect.c: keep the dashboard alive on a machine in trouble.
 * mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) (pages are locked as
 * they are touched, so nothing is faulted in up front; retried without
 * MCL_ONFAULT on kernels before 4.4) when locking is affordable: with
 * CAP_IPC_LOCK or an unlimited RLIMIT_MEMLOCK; under a small limit a
 * locked MCL_FUTURE would make later allocations fail, so it is skipped
 * and the header says why. Then our own oom_score_adj is lowered to
 * UI_SELF_ADJ (never -1000): the kernel allows it only with
 * CAP_SYS_RESOURCE, which is read from our capabilities, not guessed from
 * the uid.
 */
#include "app/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "action/action.h"

#define UI_SELF_ADJ (-500)
#define CAP_IPC_LOCK_BIT 14

#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

/* Lock our memory; 0, or -errno; *onfault tells which flags worked. */
static int
lock_memory(bool *onfault)
{
	*onfault = true;
	if (mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0)
		return 0;
	if (errno != EINVAL)
		return -errno;
	*onfault = false;
	return mlockall(MCL_CURRENT | MCL_FUTURE) == 0 ? 0 : -errno;
}

/* Read our oom_score_adj; 0 and *adj, or -errno. */
static int
read_adj(int *adj)
{
	char buf[32];
	ssize_t n;
	int fd = open("/proc/self/oom_score_adj", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = '\0';
	*adj = atoi(buf);
	return 0;
}

/* Write our oom_score_adj; 0 or -errno. */
static int
write_adj(int adj)
{
	char buf[16];
	int n = snprintf(buf, sizeof buf, "%d\n", adj), rc = 0;
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (write(fd, buf, (size_t)n) != n)
		rc = -errno;
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	return rc;
}

/* Protect ourselves and describe the outcome. */
void
ui_protect(struct dash_protect *p, bool disabled)
{
	char lock[80], adj_text[96];
	struct rlimit rl;
	bool onfault = false, locked = false, lowered = false;
	int rc, adj = 0;

	memset(p, 0, sizeof *p);
	if (disabled) {
		p->disabled = true;
		snprintf(p->text, sizeof p->text,
		         "protection off (--no-protect)");
		return;
	}
	if (!action_has_cap(CAP_IPC_LOCK_BIT) &&
	    (getrlimit(RLIMIT_MEMLOCK, &rl) != 0 ||
	     rl.rlim_cur != RLIM_INFINITY)) {
		snprintf(lock, sizeof lock,
		         "not locked (no CAP_IPC_LOCK; memlock limit %lu kB)",
		         (unsigned long)(rl.rlim_cur / 1024));
	} else if ((rc = lock_memory(&onfault)) != 0) {
		snprintf(lock, sizeof lock, "mlockall failed: %s",
		         strerror(-rc));
	} else {
		locked = true;
		snprintf(lock, sizeof lock, "locked%s",
		         onfault ? " (on fault)" : "");
	}
	if (read_adj(&adj) != 0)
		adj = 0;
	if (adj <= UI_SELF_ADJ) {
		lowered = true;
		snprintf(adj_text, sizeof adj_text, "oom_score_adj %d", adj);
	} else if ((rc = write_adj(UI_SELF_ADJ)) == 0) {
		lowered = true;
		read_adj(&adj);
		snprintf(adj_text, sizeof adj_text, "oom_score_adj %d", adj);
	} else if (rc == -EACCES && !action_has_cap(ACTION_CAP_SYS_RESOURCE)) {
		snprintf(adj_text, sizeof adj_text,
		         "adj %d (no CAP_SYS_RESOURCE)", adj);
	} else {
		snprintf(adj_text, sizeof adj_text, "adj %d: %s", adj,
		         strerror(-rc));
	}
	p->ok = locked && lowered;
	snprintf(p->text, sizeof p->text, "%s, %s", lock, adj_text);
}
