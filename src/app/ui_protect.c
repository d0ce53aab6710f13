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
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "action/action.h"
#include "action/adjust.h"

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

/* Describe whether memory is locked (locking it when affordable); true
 * when it is. */
static bool
lock_text(char *buf, size_t size)
{
	struct rlimit rl;
	bool onfault = false;
	int rc;

	if (!action_has_cap(CAP_IPC_LOCK_BIT)) {
		if (getrlimit(RLIMIT_MEMLOCK, &rl) != 0) {
			snprintf(buf, size,
			         "not locked (no CAP_IPC_LOCK; memlock limit "
			         "unknown)");
			return false;
		}
		if (rl.rlim_cur != RLIM_INFINITY) {
			snprintf(buf, size,
			         "not locked (no CAP_IPC_LOCK; memlock limit "
			         "%lu kB)",
			         (unsigned long)(rl.rlim_cur / 1024));
			return false;
		}
	}
	if ((rc = lock_memory(&onfault)) != 0) {
		snprintf(buf, size, "mlockall failed: %s", strerror(-rc));
		return false;
	}
	snprintf(buf, size, "locked%s", onfault ? " (on fault)" : "");
	return true;
}

/* Lower our oom_score_adj to UI_SELF_ADJ unless it is that low already,
 * and describe it; true when it is that low now. */
static bool
adj_text(char *buf, size_t size)
{
	int self = open("/proc/self", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc, adj = 0;
	bool lowered = false;

	if (self < 0) {
		snprintf(buf, size, "adj unknown: %s", strerror(errno));
		return false;
	}
	if (adjust_read_at(self, &adj) != 0)
		adj = 0;
	if (adj <= UI_SELF_ADJ) {
		lowered = true;
		snprintf(buf, size, "oom_score_adj %d", adj);
	} else if ((rc = adjust_write_at(self, UI_SELF_ADJ)) == 0) {
		lowered = true;
		if (adjust_read_at(self, &adj) != 0)
			adj = UI_SELF_ADJ;
		snprintf(buf, size, "oom_score_adj %d", adj);
	} else if (rc == -EACCES && !action_has_cap(ACTION_CAP_SYS_RESOURCE)) {
		snprintf(buf, size, "adj %d (no CAP_SYS_RESOURCE)", adj);
	} else {
		snprintf(buf, size, "adj %d: %s", adj, strerror(-rc));
	}
	close(self);
	return lowered;
}

/* Protect ourselves and describe the outcome. */
void
ui_protect(struct dash_protect *p, bool disabled)
{
	char lock[80], adj[96];
	bool locked, lowered;

	memset(p, 0, sizeof *p);
	if (disabled) {
		p->disabled = true;
		snprintf(p->text, sizeof p->text,
		         "protection off (--no-protect)");
		return;
	}
	locked = lock_text(lock, sizeof lock);
	lowered = adj_text(adj, sizeof adj);
	p->ok = locked && lowered;
	snprintf(p->text, sizeof p->text, "%s, %s", lock, adj);
}
