/*
 * adjust.c: oom_score_adj read / validate / write / re-read / undo, with
 * failures explained in words (adjust.h).
 */
#include "action/adjust.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sanitize.h"
#include "model/adjvalue.h"
#include "model/snapshot.h"

/* Empty journal. */
void
adjust_journal_init(struct adjust_journal *j)
{
	ring_init(&j->ring, ADJUST_JOURNAL_MAX);
	j->dropped = 0;
	j->group = 0;
	j->group_open = false;
}

/* Open a group of changes. */
void
adjust_journal_begin(struct adjust_journal *j)
{
	j->group++;
	j->group_open = true;
}

/* Close the open group. */
void
adjust_journal_end(struct adjust_journal *j)
{
	j->group_open = false;
}

/* The size of the newest group. */
size_t
adjust_journal_last_group(const struct adjust_journal *j)
{
	const struct ring *r = &j->ring;
	uint32_t g;
	size_t n = 0;

	if (r->len == 0)
		return 0;
	g = j->items[ring_newest(r, 0)].group;
	while (n < r->len && j->items[ring_newest(r, n)].group == g)
		n++;
	return n;
}

/* The i-th change, oldest first. */
const struct adjust_change *
adjust_journal_at(const struct adjust_journal *j, size_t i)
{
	if (i >= j->ring.len)
		return NULL;
	return &j->items[ring_oldest(&j->ring, i)];
}

/* Append one change (to the open group, else to a new one), dropping
 * the oldest when full. */
static void
journal_push(struct adjust_journal *j, struct adjust_change *c)
{
	bool replaced;

	if (!j->group_open)
		j->group++;
	c->group = j->group;
	j->items[ring_push(&j->ring, &replaced)] = *c;
	if (replaced)
		j->dropped++;
}

/* Read oom_score_adj under a /proc/PID directory fd. */
int
adjust_read_at(int dirfd, int *adj)
{
	char buf[32];
	ssize_t n;
	size_t len;
	int fd, v;

	fd = openat(dirfd, "oom_score_adj", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	do
		n = read(fd, buf, sizeof buf);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		n = errno == ENOENT ? -ESRCH : -errno;
	close(fd);
	if (n <= 0)
		return n == 0 ? -ESRCH : (int)n;
	len = (size_t)n;
	if (buf[len - 1] == '\n')
		len--;
	if (adjvalue_parse(buf, len, &v, NULL) != 0)
		return -EIO;
	*adj = v;
	return 0;
}

/* Read the target's oom_score_adj. */
int
adjust_read(const struct target *t, int *adj)
{
	return t->dirfd < 0 ? -ESRCH : adjust_read_at(t->dirfd, adj);
}

/* Write adj as decimal with one checked write(2) under a /proc/PID fd. */
int
adjust_write_at(int dirfd, int adj)
{
	char buf[16];
	ssize_t n;
	int fd, len, err = 0;

	if (adj < ADJVALUE_MIN || adj > ADJVALUE_MAX)
		return -ERANGE;
	len = snprintf(buf, sizeof buf, "%d\n", adj);
	fd = openat(dirfd, "oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	do
		n = write(fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		err = errno == ENOENT ? -ESRCH : -errno;
	else if (n != len)
		err = -EIO;
	if (close(fd) != 0 && err == 0 && errno != EINTR)
		err = -errno;
	return err;
}

/* Write the target's oom_score_adj. */
int
adjust_write(const struct target *t, int adj)
{
	if (adj < ADJVALUE_MIN || adj > ADJVALUE_MAX)
		return -ERANGE;
	return t->dirfd < 0 ? -ESRCH : adjust_write_at(t->dirfd, adj);
}

/* The reason part of a result, in words. */
static const char *
explain(const struct adjust_result *r, char *buf, size_t size)
{
	switch (r->err) {
	case -ERANGE:
		return "out of range: -1000 to 1000";
	case -ENOENT:
		return "process exited";
	case -EPERM:
		snprintf(buf, size, "owned by uid %u", (unsigned)r->owner_uid);
		return buf;
	case -EACCES:
		if (r->not_owner) {
			snprintf(buf, size,
			         "not your process (owned by uid %u)",
			         (unsigned)r->owner_uid);
		} else if (r->old_adj != ADJUST_UNKNOWN &&
		           r->requested < r->old_adj && !r->cap_sys_resource) {
			/* the kernel's floor (signal->oom_score_adj_min) is
			 * not in /proc: it is above the value refused and at
			 * most the current one, so name both, not a floor */
			snprintf(buf, size,
			         "lowering %d -> %d needs CAP_SYS_RESOURCE, "
			         "which oomwatch lacks here",
			         r->old_adj, r->requested);
		} else {
			snprintf(buf, size, "permission denied");
		}
		return buf;
	case -EIO:
		if (r->written && r->new_adj != ADJUST_UNKNOWN) {
			snprintf(buf, size, "wrote %d but it reads %d",
			         r->requested, r->new_adj);
			return buf;
		}
		return "unreadable oom_score_adj";
	default:
		return action_strerror(r->err, &r->policy);
	}
}

/* Write one audit line for r. */
static void
audit(const struct action_ctx *ctx, const struct target *t,
      const struct adjust_result *r)
{
	char what[64], why[160];

	if (r->old_adj == ADJUST_UNKNOWN)
		snprintf(what, sizeof what, "%s ? -> %d",
		         r->undo ? "adj-undo" : "adj", r->requested);
	else
		snprintf(what, sizeof what, "%s %d -> %d",
		         r->undo ? "adj-undo" : "adj", r->old_adj,
		         r->new_adj == ADJUST_UNKNOWN ? r->requested
		                                      : r->new_adj);
	action_audit(ctx, t, what, explain(r, why, sizeof why));
}

/* Start a result for target t. */
static void
result_init(const struct action_ctx *ctx, const struct target *t, int requested,
            struct adjust_result *r)
{
	memset(r, 0, sizeof *r);
	r->pid = t->pid;
	memcpy(r->comm, t->comm, sizeof r->comm);
	r->old_adj = r->new_adj = ADJUST_UNKNOWN;
	r->requested = requested;
	r->owner_uid = t->euid;
	r->not_owner = ctx->euid != t->euid && !ctx->cap_dac_override;
	r->cap_sys_resource = ctx->cap_sys_resource;
}

/* Set, step or undo: the one path every adj change takes. When step is
 * true, value is a delta applied to the value read now. */
static int
apply(const struct action_ctx *ctx, struct target *t, struct adjust_journal *j,
      bool step, int value, bool undo, int64_t now_unix_ms,
      struct adjust_result *r)
{
	struct policy_facts facts;
	struct adjust_change c;
	int rc, old;

	result_init(ctx, t, value, r);
	r->undo = undo;
	if (ctx->read_only) {
		r->policy.verdict = POLICY_REFUSE;
		r->policy.refuse = r->policy.reasons = POLICY_R_READ_ONLY;
		r->err = -EROFS;
		goto out;
	}
	if (!step && (value < ADJVALUE_MIN || value > ADJVALUE_MAX)) {
		r->err = -ERANGE;
		goto out;
	}
	rc = target_check(t);
	if (rc == 0)
		rc = adjust_read(t, &old);
	if (rc != 0) {
		r->err = rc;
		goto out;
	}
	r->old_adj = old;
	if (step)
		r->requested = adjvalue_step(old, value);
	action_facts(ctx, t, old, &facts);
	policy_decide(&facts, step ? POLICY_ADJ_STEP : POLICY_ADJ_SET,
	              r->requested, &r->policy);
	if (r->policy.verdict == POLICY_REFUSE) {
		r->err = -ECANCELED;
		goto out;
	}
	rc = adjust_write(t, r->requested);
	r->written = rc == 0;
	if (adjust_read(t, &r->new_adj) != 0)
		r->new_adj = ADJUST_UNKNOWN;
	if (rc == 0 && r->new_adj != r->requested)
		rc = r->new_adj == ADJUST_UNKNOWN ? -ESRCH : -EIO;
	r->err = rc;
	if (rc == 0 && j != NULL && !undo && r->new_adj != r->old_adj) {
		memset(&c, 0, sizeof c);
		c.pid = t->pid;
		c.start_time = t->start_time;
		memcpy(c.comm, t->comm, sizeof c.comm);
		c.old_adj = r->old_adj;
		c.new_adj = r->new_adj;
		c.time_unix_ms = now_unix_ms;
		journal_push(j, &c);
	}
out:
	audit(ctx, t, r);
	return r->err;
}

/* Set the target's adj to new_adj. */
int
adjust_set(const struct action_ctx *ctx, struct target *t,
           struct adjust_journal *j, int new_adj, int64_t now_unix_ms,
           struct adjust_result *res)
{
	return apply(ctx, t, j, false, new_adj, false, now_unix_ms, res);
}

/* Step the target's adj by delta. */
int
adjust_step(const struct action_ctx *ctx, struct target *t,
            struct adjust_journal *j, int delta, int64_t now_unix_ms,
            struct adjust_result *res)
{
	return apply(ctx, t, j, true, delta, false, now_unix_ms, res);
}

/* Undo the last change of j. */
int
adjust_undo(const struct action_ctx *ctx, struct adjust_journal *j,
            int64_t now_unix_ms, struct adjust_result *res)
{
	struct adjust_change c;
	struct target t;
	int rc;

	if (j->ring.len == 0) {
		memset(res, 0, sizeof *res);
		res->old_adj = res->new_adj = ADJUST_UNKNOWN;
		res->undo = true;
		res->err = -ENOENT;
		return -ENOENT;
	}
	c = j->items[ring_newest(&j->ring, 0)];
	ring_pop_newest(&j->ring);
	rc = target_open(ctx->proc_root_fd, c.pid, c.start_time, 0, &t);
	if (rc != 0) {
		/* report on the journal's copy of the identity */
		t.pid = c.pid;
		t.start_time = c.start_time;
		t.euid = 0;
		memcpy(t.comm, c.comm, sizeof t.comm);
		result_init(ctx, &t, c.old_adj, res);
		res->undo = true;
		res->err = rc == -ESTALE ? -ESTALE : -ESRCH;
		audit(ctx, &t, res);
		return res->err;
	}
	rc = apply(ctx, &t, NULL, false, c.old_adj, true, now_unix_ms, res);
	target_close(&t);
	return rc;
}

/* The status line for res. */
size_t
adjust_describe(const struct adjust_result *res, char *buf, size_t size)
{
	char name[16 * 4 + 1], why[160];
	int n;

	if (size == 0)
		return 0;
	if (res->undo && res->err == -ENOENT && res->pid == 0) {
		n = snprintf(buf, size, "nothing to undo");
	} else {
		sanitize_text(name, sizeof name, res->comm,
		              strnlen(res->comm, sizeof res->comm), 0, NULL);
		if (res->err == 0)
			n = snprintf(buf, size, "%sadj %d -> %d (pid %d %s)",
			             res->undo ? "undone: " : "", res->old_adj,
			             res->new_adj, (int)res->pid, name);
		else
			n = snprintf(buf, size, "%sadj of pid %d %s: %s",
			             res->undo ? "cannot undo " : "",
			             (int)res->pid, name,
			             explain(res, why, sizeof why));
	}
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}
