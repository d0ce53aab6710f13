/*
 * cgmap.c: the pid -> memory cgroup map (see cgmap.h).
 *
 * A walk is breadth-first over relative paths kept in one queue buffer,
 * with one read buffer for cgroup.procs and getdents64, so a walk
 * allocates only when the tree or the process count outgrows the last
 * one. The map is an open-addressing table keyed by pid whose value is
 * the index of the cgroup that listed it (CGMAP_AMBIG when two did).
 */
#include "collect/cgmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/cgfiles.h"
#include "core/pidhash.h"
#include "model/snapcg.h"

#define CGMAP_PATH_MAX 4096
#define CGMAP_BUF 16384
#define CGMAP_AMBIG UINT32_MAX
#define CGMAP_NONE UINT32_MAX /* cgroup not pooled yet */

/* Before each queued path: its inode, parent entry and depth. */
struct cgmap_qhdr {
	uint64_t ino;
	uint32_t parent, depth;
};
#define CGMAP_QHDR sizeof(struct cgmap_qhdr)

/* One cgroup that listed a process: its pooled path. */
struct cgmap_cg {
	uint32_t off, len;
};

struct cgmap {
	int rootfd;
	size_t prefix_len;
	bool valid;
	uint64_t boot_ticks;
	size_t dirs;
	int32_t *keys; /* pid, 0 = empty; cap is a power of two */
	uint32_t *vals;
	size_t cap, n;
	struct cgmap_cg *cgs;
	size_t ncgs, cgs_cap;
	char *queue; /* header + NUL-ended path under the root, to visit */
	size_t qhead, qlen, qcap;
	struct cgfiles *files;     /* NULL: the walk reads no memory files */
	uint32_t cur_off, cur_len; /* the visited cgroup's pooled path */
	int64_t cur_cg;            /* its entry in snap->cgroups, or -1 */
	char prefix[CGMAP_PATH_MAX];
	char path[CGMAP_PATH_MAX];
	char buf[CGMAP_BUF];
};

/* A map over the hierarchy at dirfd. */
struct cgmap *
cgmap_new(int dirfd, const char *prefix)
{
	struct cgmap *m = calloc(1, sizeof *m);
	size_t plen = strlen(prefix);

	if (plen == 1 && prefix[0] == '/')
		plen = 0;
	if (m == NULL || plen >= sizeof m->prefix) {
		free(m);
		close(dirfd);
		errno = m == NULL ? ENOMEM : ENAMETOOLONG;
		return NULL;
	}
	m->rootfd = dirfd;
	memcpy(m->prefix, prefix, plen);
	m->prefix_len = plen;
	return m;
}

/* Free the map. */
void
cgmap_free(struct cgmap *m)
{
	if (m == NULL)
		return;
	close(m->rootfd);
	free(m->keys);
	free(m->vals);
	free(m->cgs);
	free(m->queue);
	free(m);
}

/* A pid sought in a table of keys. */
struct cgmap_key {
	const int32_t *keys;
	int32_t pid;
};

/* pidhash_look_fn: what slot i holds for the pid sought. */
static enum pidhash_slot
cgmap_look(const void *ctx, size_t i)
{
	const struct cgmap_key *k = ctx;

	if (k->keys[i] == 0)
		return PIDHASH_EMPTY;
	return k->keys[i] == k->pid ? PIDHASH_MATCH : PIDHASH_OTHER;
}

/* The table slot of pid (its own, or the empty one where it would go). */
static size_t
cgmap_slot(const int32_t *keys, size_t cap, int32_t pid)
{
	struct cgmap_key k = {keys, pid};

	return pidhash_probe((uint32_t)pid, cap, cgmap_look, &k);
}

/* Make room for one more pid (the table stays at most 3/4 full). */
static int
cgmap_reserve(struct cgmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 4096, i, s;
	int32_t *nk;
	uint32_t *nv;

	if ((m->n + 1) * 4 <= m->cap * 3)
		return 0;
	nk = calloc(ncap, sizeof *nk);
	nv = malloc(ncap * sizeof *nv);
	if (nk == NULL || nv == NULL) {
		free(nk);
		free(nv);
		return -ENOMEM;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == 0)
			continue;
		s = cgmap_slot(nk, ncap, m->keys[i]);
		nk[s] = m->keys[i];
		nv[s] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = nk;
	m->vals = nv;
	m->cap = ncap;
	return 0;
}

/* Record that cgroup cg lists pid. */
static int
cgmap_put(struct cgmap *m, int32_t pid, uint32_t cg)
{
	size_t s;

	if (cgmap_reserve(m) != 0)
		return -ENOMEM;
	s = cgmap_slot(m->keys, m->cap, pid);
	if (m->keys[s] == pid) {
		if (m->vals[s] != cg)
			m->vals[s] = CGMAP_AMBIG;
		return 0;
	}
	m->keys[s] = pid;
	m->vals[s] = cg;
	m->n++;
	return 0;
}

/* Pool the path of the visited cgroup at rel once: 0 or -ENOMEM. */
static int
cgmap_pool_path(struct cgmap *m, struct snapshot *snap, const char *rel)
{
	size_t rlen = strlen(rel), len = m->prefix_len;

	if (m->cur_off != SNAP_NO_STR)
		return 0;
	memcpy(m->path, m->prefix, len);
	if (rlen > 0 || len == 0)
		m->path[len++] = '/';
	memcpy(m->path + len, rel, rlen); /* fits: checked when queued */
	len += rlen;
	if (snapshot_str_append(snap, m->path, len, &m->cur_off) != 0)
		return -ENOMEM;
	m->cur_len = (uint32_t)len;
	return 0;
}

/* Register the cgroup at rel as listing processes; its index, or -ENOMEM. */
static int64_t
cgmap_pool(struct cgmap *m, struct snapshot *snap, const char *rel)
{
	struct cgmap_cg *ncg;

	if (m->ncgs == m->cgs_cap) {
		size_t cap = m->cgs_cap ? m->cgs_cap * 2 : 64;
		ncg = realloc(m->cgs, cap * sizeof *ncg);
		if (ncg == NULL)
			return -ENOMEM;
		m->cgs = ncg;
		m->cgs_cap = cap;
	}
	if (cgmap_pool_path(m, snap, rel) != 0)
		return -ENOMEM;
	m->cgs[m->ncgs].off = m->cur_off;
	m->cgs[m->ncgs].len = m->cur_len;
	return (int64_t)m->ncgs++;
}

/*
 * Read the cgroup.procs of the directory dfd (path rel) into the map.
 * Pids print as decimal lines; 0 (a process of another pid namespace) is
 * skipped. 0, or -errno (-EINVAL for anything else in the file).
 */
static int
cgmap_procs(struct cgmap *m, struct snapshot *snap, int dfd, const char *rel)
{
	int fd = openat(dfd, "cgroup.procs", O_RDONLY | O_CLOEXEC), rc = 0;
	int64_t cg = -1;
	uint64_t v = 0;
	bool digits = false;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (rc == 0 && (n = read(fd, m->buf, sizeof m->buf)) != 0) {
		if (n < 0) {
			if (errno != EINTR)
				rc = -errno;
			continue;
		}
		for (ssize_t i = 0; i < n && rc == 0; i++) {
			char ch = m->buf[i];
			if (ch >= '0' && ch <= '9') {
				v = v * 10 + (uint64_t)(ch - '0');
				digits = true;
				if (v > INT32_MAX)
					rc = -EINVAL;
				continue;
			}
			if (ch != '\n' || !digits) {
				rc = -EINVAL;
				continue;
			}
			if (v > 0 && cg < 0 &&
			    (cg = cgmap_pool(m, snap, rel)) < 0)
				rc = (int)cg;
			if (v > 0 && rc == 0)
				rc = cgmap_put(m, (int32_t)v, (uint32_t)cg);
			if (v > 0 && rc == 0 && m->cur_cg >= 0)
				snap->cgroups[m->cur_cg].nprocs++;
			v = 0;
			digits = false;
		}
	}
	close(fd);
	return rc == 0 && digits ? -EINVAL : rc;
}

/*
 * Queue the subdirectory name of rel with its header h; 0 (also when its
 * path is too long: its processes read their own file) or -ENOMEM.
 */
static int
cgmap_enqueue(struct cgmap *m, const char *rel, const char *name,
              const struct cgmap_qhdr *h)
{
	size_t rlen = strlen(rel), nlen = strlen(name), need;
	char *nq;

	need = CGMAP_QHDR + rlen + (rlen ? 1 : 0) + nlen + 1;
	if (m->prefix_len + 1 + need - CGMAP_QHDR > CGMAP_PATH_MAX)
		return 0; /* its processes will read their own file */
	if (m->qlen + need > m->qcap) {
		size_t cap = m->qcap ? m->qcap : 4096;
		while (cap < m->qlen + need)
			cap *= 2;
		nq = realloc(m->queue, cap);
		if (nq == NULL)
			return -ENOMEM;
		m->queue = nq;
		m->qcap = cap;
	}
	nq = m->queue + m->qlen;
	memcpy(nq, h, CGMAP_QHDR);
	nq += CGMAP_QHDR;
	if (rlen) {
		memcpy(nq, rel, rlen);
		nq[rlen++] = '/';
	}
	memcpy(nq + rlen, name, nlen + 1);
	m->qlen += need;
	return 0;
}

/* True when the entry of dfd is a directory. */
static bool
cgmap_is_dir(int dfd, const struct dirent64 *de)
{
	struct stat st;

	if (de->d_type != DT_UNKNOWN)
		return de->d_type == DT_DIR;
	return fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* Queue the subdirectories of dfd (queued at at, depth). 0 or -errno. */
static int
cgmap_children(struct cgmap *m, int dfd, size_t at, uint32_t depth)
{
	const char *rel = m->queue + at + CGMAP_QHDR;
	struct cgmap_qhdr h = {
	    0, m->cur_cg < 0 ? SNAPCG_NONE : (uint32_t)m->cur_cg, depth + 1};
	struct dirent64 *de;
	ssize_t n;
	int rc;

	/* the queue may move as it grows: work on a copy of the path */
	memcpy(m->path, rel, strlen(rel) + 1);
	for (;;) {
		n = getdents64(dfd, m->buf, sizeof m->buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : 0;
		for (ssize_t i = 0; i < n; i += de->d_reclen) {
			de = (struct dirent64 *)(void *)(m->buf + i);
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 ||
			    !cgmap_is_dir(dfd, de))
				continue;
			h.ino = de->d_ino;
			rc = cgmap_enqueue(m, m->path, de->d_name, &h);
			if (rc != 0)
				return rc;
		}
	}
}

/* Pool the path of the visited cgroup and read its memory files. */
static int
cgmap_files(struct cgmap *m, struct snapshot *snap, int dfd, const char *rel,
            const struct cgmap_qhdr *h)
{
	int64_t cg;

	if (m->files == NULL)
		return 0;
	if (cgmap_pool_path(m, snap, rel) != 0)
		return -ENOMEM;
	cg = cgfiles_read(m->files, snap, dfd, m->cur_off, m->cur_len, h->ino,
	                  h->parent, h->depth,
	                  rel[0] == '\0' && m->prefix_len == 0);
	if (cg < 0)
		return (int)cg;
	m->cur_cg = cg;
	return 0;
}

/* Visit one queued directory. 0, or -errno to abandon the walk. */
static int
cgmap_visit(struct cgmap *m, struct snapshot *snap, size_t at)
{
	const char *rel = m->queue + at + CGMAP_QHDR;
	struct cgmap_qhdr h;
	int dfd, rc;

	memcpy(&h, m->queue + at, CGMAP_QHDR);
	m->cur_off = SNAP_NO_STR;
	m->cur_cg = -1;
	dfd = openat(m->rootfd, rel[0] ? rel : ".",
	             O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (dfd < 0)
		return errno == ENOENT ? 0 : -errno; /* removed meanwhile */
	rc = cgmap_files(m, snap, dfd, rel, &h);
	if (rc == 0)
		rc = cgmap_procs(m, snap, dfd, rel);
	if (rc == -ENOENT)
		rc = 0; /* removed meanwhile */
	if (rc == 0)
		rc = cgmap_children(m, dfd, at, h.depth);
	close(dfd);
	return rc;
}

/* Walk the hierarchy again. */
int
cgmap_load(struct cgmap *m, struct snapshot *snap, uint64_t boot_ticks,
           size_t max_dirs)
{
	struct cgmap_qhdr root = {0, SNAPCG_NONE, 0};
	struct stat st;
	int rc = 0;

	if (m->files != NULL && fstat(m->rootfd, &st) == 0)
		root.ino = (uint64_t)st.st_ino;
	m->valid = false;
	m->boot_ticks = boot_ticks;
	m->n = 0;
	m->ncgs = 0;
	m->dirs = 0;
	if (m->cap > 0)
		memset(m->keys, 0, m->cap * sizeof *m->keys);
	m->qhead = m->qlen = 0;
	rc = cgmap_enqueue(m, "", "", &root);
	if (m->files != NULL)
		cgfiles_begin(m->files, snap);
	while (rc == 0 && m->qhead < m->qlen) {
		size_t at = m->qhead;
		if (++m->dirs > max_dirs) {
			rc = -E2BIG;
			break;
		}
		m->qhead += CGMAP_QHDR + strlen(m->queue + at + CGMAP_QHDR) + 1;
		rc = cgmap_visit(m, snap, at);
	}
	if (m->files != NULL)
		cgfiles_end(m->files, snap, rc == 0, -rc);
	/*
	 * EOPNOTSUPP: a threaded cgroup (v2). Its processes are listed by
	 * its threaded domain while their /proc/PID/cgroup names the
	 * threaded child, so the map cannot be trusted for that tree.
	 */
	if (rc == 0)
		m->valid = true;
	return rc;
}

/* The path of (pid, start_time), if the map can answer. */
bool
cgmap_find(const struct cgmap *m, int32_t pid, uint64_t start_time,
           uint32_t *off, uint32_t *len)
{
	size_t s;
	uint32_t cg;

	if (!m->valid || m->cap == 0 || pid <= 0 || start_time >= m->boot_ticks)
		return false;
	s = cgmap_slot(m->keys, m->cap, pid);
	if (m->keys[s] != pid || (cg = m->vals[s]) == CGMAP_AMBIG)
		return false;
	*off = m->cgs[cg].off;
	*len = m->cgs[cg].len;
	return true;
}

/* True when the last walk listed pid in exactly one cgroup. */
bool
cgmap_lists(const struct cgmap *m, int32_t pid)
{
	size_t s;

	if (!m->valid || m->cap == 0 || pid <= 0)
		return false;
	s = cgmap_slot(m->keys, m->cap, pid);
	return m->keys[s] == pid && m->vals[s] != CGMAP_AMBIG;
}

/* Read the memory files of every cgroup from now on. */
void
cgmap_set_files(struct cgmap *m, struct cgfiles *files)
{
	m->files = files;
}

/* Directories visited by the last walk. */
size_t
cgmap_dirs(const struct cgmap *m)
{
	return m->dirs;
}

/* Copy a mountinfo field (octal escapes decoded); -1 if it does not fit. */
static int
cgmap_unescape(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '\\' && i + 3 < n && s[i + 1] >= '0' &&
		    s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			ch = (char)((s[i + 1] - '0') * 64 +
			            (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		}
		if (o + 1 >= size)
			return -1;
		out[o++] = ch;
	}
	out[o] = '\0';
	return 0;
}

/* True when the comma-separated list s (n bytes) has the item want. */
static bool
cgmap_has_item(const char *s, size_t n, const char *want)
{
	size_t wl = strlen(want), i = 0, j;

	while (i <= n) {
		for (j = i; j < n && s[j] != ','; j++)
			;
		if (j - i == wl && memcmp(s + i, want, wl) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

/* Split the line [p, end) into at most max space-separated fields. */
static size_t
cgmap_fields(const char *p, const char *end, const char **f, size_t *fl,
             size_t max)
{
	size_t n = 0;

	while (p < end && n < max) {
		const char *s = p;
		while (p < end && *p != ' ')
			p++;
		f[n] = s;
		fl[n++] = (size_t)(p - s);
		if (p < end)
			p++;
	}
	return n;
}

/* True when the fields after the " - " separator name our hierarchy. */
static bool
cgmap_is_memory_mount(const char *const *f, const size_t *fl, size_t nf,
                      enum snap_cgroup_mode mode)
{
	/* f[0] fstype, f[1] source, f[2] super options */
	if (mode == SNAP_CGROUP_V2)
		return nf >= 1 && fl[0] == 7 && memcmp(f[0], "cgroup2", 7) == 0;
	return nf >= 3 && fl[0] == 6 && memcmp(f[0], "cgroup", 6) == 0 &&
	       cgmap_has_item(f[2], fl[2], "memory");
}

/* Find the memory hierarchy's mount in a mountinfo text. */
int
cgmap_parse_mountinfo(const char *buf, size_t len, enum snap_cgroup_mode mode,
                      char *mnt, size_t mntsz, char *root, size_t rootsz)
{
	const char *p = buf, *end = buf + len, *nl, *f[64];
	size_t fl[64], nf, dash;

	if (mode != SNAP_CGROUP_V1 && mode != SNAP_CGROUP_V2)
		return -1;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return -1; /* truncated: the last line is not whole */
		/* id parent maj:min root mountpoint options [tags] - ... */
		nf = cgmap_fields(p, nl, f, fl, 64);
		for (dash = 6; dash < nf; dash++)
			if (fl[dash] == 1 && f[dash][0] == '-')
				break;
		if (dash >= nf ||
		    !cgmap_is_memory_mount(f + dash + 1, fl + dash + 1,
		                           nf - dash - 1, mode))
			continue;
		if (cgmap_unescape(f[3], fl[3], root, rootsz) != 0 ||
		    cgmap_unescape(f[4], fl[4], mnt, mntsz) != 0 ||
		    root[0] != '/' || strcmp(root, "/..") == 0 ||
		    strncmp(root, "/../", 4) == 0)
			return -1;
		return 0;
	}
	return -1;
}
