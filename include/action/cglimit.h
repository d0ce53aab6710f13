/*
 * cglimit: read and write a memory cgroup's limit (cgroup2 memory.max or
 * memory.high, v1 memory.limit_in_bytes), explain failures in words, and
 * keep a journal so `u` undoes the newest change first. Never draws.
 *
 * The cgroup is reached from root (struct cglimit_root), the mount of the
 * hierarchy the collector walks, with openat on its path ("/a/b", as the
 * snapshot names it) after the mount's root: inside a container (a
 * mount whose mountinfo root is "/docker/abc", not "/") the snapshot
 * names "/docker/abc/x", which is "x" under the mount. The file is
 * opened under that directory fd and written with one checked write(2)
 * ("max" / "-1" for unlimited, else decimal bytes), then re-read. Kernel
 * errors: EBUSY (v1: the usage cannot be reclaimed below the new limit),
 * EINVAL (v1: above memsw.limit_in_bytes; a malformed value), EACCES or
 * EPERM (not ours to change), ENOENT or ENODEV (the cgroup is gone).
 * On v1 a raise above memory.memsw.limit_in_bytes raises that one first
 * by as much (keeping the swap allowance; else the kernel says EINVAL),
 * and the undo puts it back after the memory limit.
 *
 * Every attempt, refusals included, writes one audit line through
 * ctx->audit: "uid=U login=L cgroup=PATH action=memory.max 512M -> 768M
 * result=R". --read-only (-EROFS) and the root cgroup (-ECANCELED) are
 * refused before anything is opened.
 */
#ifndef OOMWATCH_ACTION_CGLIMIT_H
#define OOMWATCH_ACTION_CGLIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action/action.h"
#include "model/memsize.h"
#include "model/snapshot.h"

#define CGLIMIT_PATH_MAX 512
#define CGLIMIT_JOURNAL_MAX 64

/* Which limit. */
enum cglimit_which {
	CGLIMIT_MAX = 0, /* memory.max, v1 memory.limit_in_bytes */
	CGLIMIT_HIGH,    /* memory.high (cgroup2 only) */
};

/* One change made by oomwatch. */
struct cglimit_change {
	char path[CGLIMIT_PATH_MAX];
	enum snap_cgroup_mode mode;
	enum cglimit_which which;
	int64_t old_bytes, new_bytes; /* CGMEM_UNLIMITED for max */
	int64_t memsw_old;    /* v1 memsw limit before, SNAP_NA: unchanged */
	int64_t time_unix_ms; /* when it was made (wall clock) */
};

/* The changes, oldest first; the oldest is dropped when full. */
struct cglimit_journal {
	struct cglimit_change items[CGLIMIT_JOURNAL_MAX];
	size_t n, dropped;
};

/* The outcome of one limit action. */
struct cglimit_result {
	char path[CGLIMIT_PATH_MAX];
	const char *file; /* "memory.max", ... (NULL: none on v1) */
	enum cglimit_which which;
	int64_t old_bytes;   /* before, SNAP_NA when not read */
	int64_t requested;   /* the value asked for */
	int64_t new_bytes;   /* re-read after writing, SNAP_NA */
	int64_t usage_bytes; /* memory.current / usage_in_bytes, SNAP_NA */
	int64_t memsw_old, memsw_new; /* v1 memsw limit, SNAP_NA: unchanged */
	int err;                      /* 0 or -errno: see cglimit_describe */
	bool written;                 /* the kernel accepted the write */
	bool undo;                    /* this was an undo */
	enum snap_cgroup_mode mode;
	enum memsize_reason reason; /* READ_ONLY or ROOT for a refusal */
};

/* The hierarchy's mount, as the collector walks it. */
struct cglimit_root {
	int fd;                        /* the mount's directory, -1: none */
	char prefix[CGLIMIT_PATH_MAX]; /* the mount's root ("" for "/") */
	size_t prefix_len;
};

/* No hierarchy open (fd -1). */
void cglimit_root_init(struct cglimit_root *r);

/*
 * Open the directory mnt, the mount of the hierarchy whose root is
 * prefix (mountinfo field 4: "/", or "/docker/abc" inside a container;
 * cgmap_parse_mountinfo finds both), replacing what r held. 0, or
 * -errno with r unchanged.
 */
int cglimit_root_open(struct cglimit_root *r, const char *mnt,
                      const char *prefix);

/* Close it (r as cglimit_root_init leaves it). */
void cglimit_root_close(struct cglimit_root *r);

/*
 * How many bytes of path (len bytes, as the snapshot names it) are the
 * mount's root: 0 with *skip (the rest, "" or "/x", is the path under
 * the mount), or -ENOENT when path is outside it ("/docker/abcd" or
 * "/other" under "/docker/abc").
 */
int cglimit_root_rel(const struct cglimit_root *r, const char *path, size_t len,
                     size_t *skip);

/* The file of which for mode, or NULL (v1 has no memory.high). */
const char *cglimit_file(enum snap_cgroup_mode mode, enum cglimit_which which);

/* Is path (len bytes) the hierarchy's root ("", "/")? */
bool cglimit_is_root(const char *path, size_t len);

/*
 * Read file name of the cgroup at path under root as bytes into *bytes
 * ("max" and v1's unlimited value as CGMEM_UNLIMITED). 0 or -errno
 * (-EINVAL for text that is no size, -EBADF when root is not open).
 */
int cglimit_read(const struct cglimit_root *root, const char *path, size_t len,
                 const char *name, int64_t *bytes);

/*
 * Set the limit which of the cgroup at path to new_bytes (CGMEM_UNLIMITED
 * for none): refused with ctx->read_only or on the root; else the old
 * value and the usage are read, the new one written and re-read. The
 * change goes to j (when not NULL). Fills *res, writes one audit line;
 * returns res->err.
 */
int cglimit_set(const struct action_ctx *ctx, const struct cglimit_root *root,
                enum snap_cgroup_mode mode, enum cglimit_which which,
                const char *path, size_t len, int64_t new_bytes,
                struct cglimit_journal *j, struct cglimit_result *res);

/*
 * Undo the newest change of j: write its old value back (the entry is
 * removed either way: a cgroup that is gone cannot be undone). -ENOENT
 * when the journal is empty (res->err too).
 */
int cglimit_undo(const struct action_ctx *ctx, const struct cglimit_root *root,
                 struct cglimit_journal *j, struct cglimit_result *res);

/*
 * The status line for res: "memory.max 512M -> 768M, usage 498M (path)"
 * or the failure in words. Returns the length (truncated to fit).
 */
size_t cglimit_describe(const struct cglimit_result *res, char *buf,
                        size_t size);

#endif
