/*
 * cglimit.c: a memory cgroup's limit, written through an fd on the
 * cgroup's directory, with its journal and words (see cglimit.h).
 */
#include "action/cglimit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/sanitize.h"
#include "model/cgmem.h"

/* v1 prints PAGE_COUNTER_MAX pages in bytes for "no limit": anything this
 * high is unlimited whatever the page size. */
#define CGLIMIT_V1_UNLIMITED 0x7ffffffffff00000LL

/* The file of a limit. */
const char *
cglimit_file(enum snap_cgroup_mode mode, enum cglimit_which which)
{
	if (mode == SNAP_CGROUP_V1)
		return which == CGLIMIT_MAX ? "memory.limit_in_bytes" : NULL;
	return which == CGLIMIT_MAX ? "memory.max" : "memory.high";
}

/* The root? */
bool
cglimit_is_root(const char *path, size_t len)
{
	return len == 0 || (len == 1 && path[0] == '/');
}

/* No hierarchy open yet. */
void
cglimit_root_init(struct cglimit_root *r)
{
	r->fd = -1;
	r->prefix[0] = '\0';
	r->prefix_len = 0;
}

/* Open the hierarchy's mount (see the header). */
int
cglimit_root_open(struct cglimit_root *r, const char *mnt, const char *prefix)
{
	size_t plen = strlen(prefix);
	int fd;

	while (plen > 0 && prefix[plen - 1] == '/')
		plen--; /* "/" is the hierarchy's root: nothing to strip */
	if (plen >= sizeof r->prefix)
		return -ENAMETOOLONG;
	fd = open(mnt, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	cglimit_root_close(r);
	r->fd = fd;
	memcpy(r->prefix, prefix, plen);
	r->prefix[plen] = '\0';
	r->prefix_len = plen;
	return 0;
}

/* Close it. */
void
cglimit_root_close(struct cglimit_root *r)
{
	if (r->fd >= 0)
		close(r->fd);
	cglimit_root_init(r);
}

/* Where path goes under the mount (see the header). */
int
cglimit_root_rel(const struct cglimit_root *r, const char *path, size_t len,
                 size_t *skip)
{
	size_t p = r->prefix_len;

	if (p > 0 && (len < p || memcmp(path, r->prefix, p) != 0 ||
	              (len > p && path[p] != '/')))
		return -ENOENT;
	*skip = p;
	return 0;
}

/* Open the cgroup directory at path under the mount of root: the fd or
 * -errno. */
static int
cglimit_open_dir(const struct cglimit_root *root, const char *path, size_t len)
{
	char rel[CGLIMIT_PATH_MAX];
	size_t skip;
	int fd;

	if (root->fd < 0)
		return -EBADF;
	if ((fd = cglimit_root_rel(root, path, len, &skip)) != 0)
		return fd;
	path += skip;
	len -= skip;
	while (len > 0 && path[0] == '/') {
		path++;
		len--;
	}
	if (len >= sizeof rel)
		return -ENAMETOOLONG;
	memcpy(rel, path, len);
	rel[len] = '\0';
	fd = openat(root->fd, len ? rel : ".",
	            O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	return fd < 0 ? -errno : fd;
}

/* Read the size in file name under dfd: 0 or -errno. */
static int
cglimit_read_at(int dfd, const char *name, int64_t *bytes)
{
	char buf[64];
	ssize_t n;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC), err;
	long long v;
	char *end;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof buf - 1);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	buf[n] = '\0';
	if (strncmp(buf, "max", 3) == 0) {
		*bytes = CGMEM_UNLIMITED;
		return 0;
	}
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (end == buf || errno != 0 || v < 0 || (*end != '\n' && *end != '\0'))
		return -EINVAL;
	*bytes = v >= CGLIMIT_V1_UNLIMITED ? CGMEM_UNLIMITED : (int64_t)v;
	return 0;
}

/* Read a file of the cgroup at path. */
int
cglimit_read(const struct cglimit_root *root, const char *path, size_t len,
             const char *name, int64_t *bytes)
{
	int dfd = cglimit_open_dir(root, path, len), rc;

	if (dfd < 0)
		return dfd;
	rc = cglimit_read_at(dfd, name, bytes);
	close(dfd);
	return rc;
}

/* Write bytes to file name under dfd with one write(2): 0 or -errno. */
static int
cglimit_write_at(int dfd, const char *name, enum snap_cgroup_mode mode,
                 int64_t bytes)
{
	char buf[32];
	int fd = openat(dfd, name, O_WRONLY | O_TRUNC | O_CLOEXEC), n, err = 0;
	ssize_t w;

	if (fd < 0)
		return -errno;
	if (bytes == CGMEM_UNLIMITED)
		n = snprintf(buf, sizeof buf, "%s",
		             mode == SNAP_CGROUP_V1 ? "-1" : "max");
	else
		n = snprintf(buf, sizeof buf, "%lld", (long long)bytes);
	w = write(fd, buf, (size_t)n);
	if (w < 0)
		err = -errno;
	else if (w != n)
		err = -EIO;
	if (close(fd) != 0 && err == 0)
		err = -errno;
	return err;
}

/* The audit line for res. */
static void
cglimit_audit(const struct action_ctx *ctx, const struct cglimit_result *res)
{
	char path[CGLIMIT_PATH_MAX], login[64 * 4 + 1], line[1024], o[24],
	    nw[24], words[160];
	int n;

	if (ctx == NULL || ctx->audit == NULL)
		return;
	sanitize_text(path, sizeof path, res->path,
	              strnlen(res->path, sizeof res->path), SANITIZE_ASCII,
	              NULL);
	sanitize_text(login, sizeof login, ctx->login,
	              strnlen(ctx->login, sizeof ctx->login), SANITIZE_ASCII,
	              NULL);
	memsize_format(res->old_bytes, o, sizeof o);
	memsize_format(res->requested, nw, sizeof nw);
	if (res->err == 0)
		snprintf(words, sizeof words, "ok");
	else
		cglimit_describe(res, words, sizeof words);
	n = snprintf(line, sizeof line,
	             "uid=%u login=%s cgroup=%s action=%s%s %s -> %s result=%s",
	             (unsigned)ctx->uid, login, path, res->undo ? "undo " : "",
	             res->file ? res->file : "memory.high", o, nw, words);
	if (n > 0)
		ctx->audit(ctx->audit_arg,
		           LOG_AUTHPRIV |
		               (res->err == 0 ? LOG_NOTICE : LOG_WARNING),
		           line);
}

/* Start a result for path. */
static void
cglimit_result_init(struct cglimit_result *res, enum snap_cgroup_mode mode,
                    enum cglimit_which which, const char *path, size_t len,
                    int64_t new_bytes)
{
	memset(res, 0, sizeof *res);
	if (len >= sizeof res->path)
		len = sizeof res->path - 1;
	memcpy(res->path, path, len);
	res->mode = mode;
	res->file = cglimit_file(mode, which);
	res->which = which;
	res->old_bytes = res->new_bytes = res->usage_bytes = SNAP_NA;
	res->memsw_old = res->memsw_new = SNAP_NA;
	res->requested = new_bytes;
}

/* v1: the memory + swap limit must stay at or above the memory limit
 * (else EINVAL). Raising memory above it raises memsw by as much (the
 * swap allowance kept); an undo (restore != SNAP_NA) puts it back after
 * the memory limit. 0 or -errno; res->memsw_* set when it changed. */
static int
cglimit_memsw(int dfd, struct cglimit_result *res, int64_t restore, bool after)
{
	const char *f = "memory.memsw.limit_in_bytes";
	int64_t want, cur;
	int rc;

	if (res->mode != SNAP_CGROUP_V1 || cglimit_read_at(dfd, f, &cur) != 0)
		return 0;
	if (after)
		want = restore;
	else if (restore == SNAP_NA && cur != CGMEM_UNLIMITED &&
	         res->requested > cur)
		want = res->requested == CGMEM_UNLIMITED ||
		               res->old_bytes == CGMEM_UNLIMITED
		           ? res->requested
		           : cur + (res->requested - res->old_bytes);
	else
		return 0;
	if (want == SNAP_NA || want == cur)
		return 0;
	rc = cglimit_write_at(dfd, f, res->mode, want);
	if (rc == 0) {
		res->memsw_old = cur;
		if (cglimit_read_at(dfd, f, &res->memsw_new) != 0)
			res->memsw_new = want;
	}
	return rc;
}

/* Open, read, write and re-read; res->err set. */
static void
cglimit_apply(const struct cglimit_root *root, const char *path, size_t len,
              int64_t restore, struct cglimit_result *res)
{
	const char *usage = res->mode == SNAP_CGROUP_V1
	                        ? "memory.usage_in_bytes"
	                        : "memory.current";
	int dfd = cglimit_open_dir(root, path, len);

	if (dfd < 0) {
		res->err = dfd;
		return;
	}
	res->err = cglimit_read_at(dfd, res->file, &res->old_bytes);
	(void)cglimit_read_at(dfd, usage, &res->usage_bytes);
	if (res->err == 0)
		res->err = cglimit_memsw(dfd, res, restore, false);
	if (res->err == 0)
		res->err =
		    cglimit_write_at(dfd, res->file, res->mode, res->requested);
	if (res->err != 0 && res->memsw_old != SNAP_NA) /* put memsw back */
		(void)cglimit_write_at(dfd, "memory.memsw.limit_in_bytes",
		                       res->mode, res->memsw_old);
	res->written = res->err == 0;
	if (res->written && restore != SNAP_NA)
		(void)cglimit_memsw(dfd, res, restore, true);
	if (res->written &&
	    cglimit_read_at(dfd, res->file, &res->new_bytes) != 0)
		res->new_bytes = SNAP_NA;
	close(dfd);
}

/* Set a limit; restore: v1's memsw limit to put back (undo), SNAP_NA. */
static int
cglimit_set_restore(const struct action_ctx *ctx,
                    const struct cglimit_root *root, enum snap_cgroup_mode mode,
                    enum cglimit_which which, const char *path, size_t len,
                    int64_t new_bytes, int64_t restore,
                    struct cglimit_journal *j, struct cglimit_result *res)
{
	struct cglimit_change *c;

	cglimit_result_init(res, mode, which, path, len, new_bytes);
	if (ctx != NULL && ctx->read_only) {
		res->err = -EROFS;
		res->reason = MEMSIZE_R_READ_ONLY;
	} else if (cglimit_is_root(path, len)) {
		res->err = -ECANCELED;
		res->reason = MEMSIZE_R_ROOT;
	} else if (res->file == NULL)
		res->err = -EOPNOTSUPP;
	else if (len >= CGLIMIT_PATH_MAX)
		res->err = -ENAMETOOLONG;
	else
		cglimit_apply(root, path, len, restore, res);
	cglimit_audit(ctx, res);
	if (res->written && j != NULL) {
		if (j->n == CGLIMIT_JOURNAL_MAX) {
			memmove(j->items, j->items + 1,
			        (j->n - 1) * sizeof j->items[0]);
			j->n--;
			j->dropped++;
		}
		c = &j->items[j->n++];
		memcpy(c->path, res->path, sizeof c->path);
		c->mode = mode;
		c->which = which;
		c->old_bytes = res->old_bytes;
		c->new_bytes = res->new_bytes;
		c->memsw_old = res->memsw_old;
		c->time_unix_ms = clock_wall_ms();
	}
	return res->err;
}

/* Set a limit. */
int
cglimit_set(const struct action_ctx *ctx, const struct cglimit_root *root,
            enum snap_cgroup_mode mode, enum cglimit_which which,
            const char *path, size_t len, int64_t new_bytes,
            struct cglimit_journal *j, struct cglimit_result *res)
{
	return cglimit_set_restore(ctx, root, mode, which, path, len, new_bytes,
	                           SNAP_NA, j, res);
}

/* Undo the newest change. */
int
cglimit_undo(const struct action_ctx *ctx, const struct cglimit_root *root,
             struct cglimit_journal *j, struct cglimit_result *res)
{
	struct cglimit_change c;

	if (j->n == 0) {
		cglimit_result_init(res, SNAP_CGROUP_V2, CGLIMIT_MAX, "", 0,
		                    SNAP_NA);
		res->undo = true;
		res->err = -ENOENT;
		return res->err;
	}
	c = j->items[--j->n];
	cglimit_set_restore(ctx, root, c.mode, c.which, c.path, strlen(c.path),
	                    c.old_bytes, c.memsw_old, NULL, res);
	res->undo = true;
	return res->err;
}

/* Words for a failed write of res. */
static const char *
cglimit_strerror(const struct cglimit_result *res)
{
	switch (res->err) {
	case -EROFS:
	case -ECANCELED:
		return memsize_reason_text(res->reason);
	case -EBUSY:
		return "the kernel could not reclaim the usage below the new "
		       "limit (EBUSY, v1): free memory there first";
	case -EACCES:
	case -EPERM:
		return "permission denied: changing a cgroup limit needs root "
		       "or a cgroup delegated to you";
	case -EINVAL:
		return res->mode == SNAP_CGROUP_V1
		           ? "the kernel refused the value (EINVAL): v1 keeps "
		             "the limit at or below memsw.limit_in_bytes"
		           : "the kernel refused the value (EINVAL)";
	case -ENOENT:
	case -ENODEV:
		return "the cgroup is gone (removed since the last refresh)";
	case -EOPNOTSUPP:
		return "cgroup v1 has no memory.high: only limit_in_bytes";
	default:
		return strerror(-res->err);
	}
}

/* The status line for res. */
size_t
cglimit_describe(const struct cglimit_result *res, char *buf, size_t size)
{
	char o[24], nw[24], u[24], path[CGLIMIT_PATH_MAX];
	int n;

	if (res->undo && res->err == -ENOENT && res->path[0] == '\0')
		n = snprintf(buf, size, "no cgroup limit change to undo");
	else if (res->err != 0)
		n = snprintf(buf, size, "%s%s not changed: %s",
		             res->undo ? "undo: " : "",
		             res->file ? res->file : "limit",
		             cglimit_strerror(res));
	else {
		sanitize_text(path, sizeof path, res->path,
		              strnlen(res->path, sizeof res->path),
		              SANITIZE_ASCII, NULL);
		memsize_format(res->old_bytes, o, sizeof o);
		memsize_format(res->new_bytes, nw, sizeof nw);
		memsize_format(res->usage_bytes, u, sizeof u);
		n = snprintf(buf, size, "%s%s %s -> %s, usage %s (%s)",
		             res->undo ? "undone: " : "", res->file, o, nw, u,
		             path);
		if (res->memsw_new != SNAP_NA && n > 0 && (size_t)n < size) {
			memsize_format(res->memsw_old, o, sizeof o);
			memsize_format(res->memsw_new, nw, sizeof nw);
			n += snprintf(buf + n, size - (size_t)n,
			              "; memsw.limit_in_bytes %s -> %s", o, nw);
		}
	}
	if (n < 0 || size == 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}
