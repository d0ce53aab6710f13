/*
 * cgfiles.c: the memory files of each cgroup of a walk (see cgfiles.h).
 *
 * What a cgroup keeps lives in two tables: the last complete walk's, with
 * an open-addressing index by path hash, for lookups, and this walk's,
 * appended as it goes; cgfiles_end swaps them. Both keep their paths in
 * their own string pool and are reused, so a steady walk allocates
 * nothing.
 */
#include "collect/cgfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/procroot.h"
#include "core/pidhash.h"
#include "model/cgseries.h"
#include "model/snapcg.h"

#define CGFILES_BUF 16384
/* Where Docker keeps its containers, under the file tree's root. */
#define CGFILES_DOCKER_DIR "/var/lib/docker/containers"
#define CGFILES_DIR_MAX 4096
/* A config.v2.json of this size or more is not read (the id stays). */
#define CGFILES_DOCKER_MAX (128 * 1024)
/* A container name this long or longer is not shown (the id stays). */
#define CGFILES_CNAME_MAX 128

/* What is known of a container's own name. */
enum cgfiles_cname {
	CGFILES_CNAME_UNREAD, /* not a Docker container, or not read yet */
	CGFILES_CNAME_KNOWN,  /* read: its name follows the path in the pool */
	CGFILES_CNAME_NONE,   /* read, and no name came of it (the id stays) */
};

/* What one cgroup carries from walk to walk. */
struct cgfiles_keep {
	uint32_t hash;
	uint32_t path_off, path_len; /* in the table's pool */
	enum cgfiles_cname cname;    /* KNOWN: cname_len bytes after the path */
	uint32_t cname_len;
	struct cgmem mem;
	struct cgmem_base base;
};

/* One walk's cgroups. */
struct cgfiles_table {
	struct cgfiles_keep *v;
	size_t n, cap;
	char *pool;
	size_t plen, pcap;
	uint32_t *idx; /* index + 1, 0 = empty; icap a power of two */
	size_t icap;
};

struct cgfiles {
	enum snap_cgroup_mode mode;
	int64_t page_kb;
	bool light;
	uint64_t walks;
	struct cgfiles_table t[2]; /* t[cur] this walk, t[!cur] the last */
	int cur;
	struct cgseries *series;          /* NULL: no memory for forecasts */
	char docker_dir[CGFILES_DIR_MAX]; /* Docker's containers directory */
	enum cgfiles_cname cname;         /* the visited cgroup's ... */
	uint32_t cname_len;
	char cname_buf[CGFILES_CNAME_MAX]; /* ... container name */
	char buf[CGFILES_BUF];
};

/* The reader for a hierarchy. */
struct cgfiles *
cgfiles_new(enum snap_cgroup_mode mode, int64_t page_kb)
{
	struct cgfiles *f = calloc(1, sizeof *f);

	if (f == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	f->mode = mode;
	f->page_kb = page_kb;
	f->series = cgseries_new();
	snprintf(f->docker_dir, sizeof f->docker_dir, "%s", CGFILES_DOCKER_DIR);
	return f;
}

/* Free it. */
void
cgfiles_free(struct cgfiles *f)
{
	if (f == NULL)
		return;
	for (int i = 0; i < 2; i++) {
		free(f->t[i].v);
		free(f->t[i].pool);
		free(f->t[i].idx);
	}
	cgseries_free(f->series);
	free(f);
}

/* Light walks or full ones. */
void
cgfiles_set_light(struct cgfiles *f, bool light)
{
	f->light = light;
}

/* Docker's files under the tree of the roots (see the header). */
void
cgfiles_set_roots(struct cgfiles *f, const char *proc_root,
                  const char *sys_root)
{
	if (sys_root != NULL)
		snprintf(f->docker_dir, sizeof f->docker_dir, "%s/..%s",
		         sys_root, CGFILES_DOCKER_DIR);
	else if (proc_root != NULL && strcmp(proc_root, PROCROOT_DEFAULT) != 0)
		snprintf(f->docker_dir, sizeof f->docker_dir, "%s/..%s",
		         proc_root, CGFILES_DOCKER_DIR);
	else
		snprintf(f->docker_dir, sizeof f->docker_dir, "%s",
		         CGFILES_DOCKER_DIR);
}

/* FNV-1a of a path. */
static uint32_t
cgfiles_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* A path sought in a table. */
struct cgfiles_key {
	const struct cgfiles_table *t;
	const char *path;
	size_t len;
	uint32_t hash;
};

/* pidhash_look_fn: what index slot i holds for the path sought. */
static enum pidhash_slot
cgfiles_look(const void *ctx, size_t i)
{
	const struct cgfiles_key *k = ctx;
	const struct cgfiles_keep *e;

	if (k->t->idx[i] == 0)
		return PIDHASH_EMPTY;
	e = &k->t->v[k->t->idx[i] - 1];
	return e->hash == k->hash && e->path_len == k->len &&
	               memcmp(k->t->pool + e->path_off, k->path, k->len) == 0
	           ? PIDHASH_MATCH
	           : PIDHASH_OTHER;
}

/* The last walk's entry for path, or NULL. */
static const struct cgfiles_keep *
cgfiles_find(const struct cgfiles_table *t, const char *path, size_t len,
             uint32_t hash)
{
	struct cgfiles_key k = {t, path, len, hash};
	size_t s;

	if (t->icap == 0)
		return NULL;
	s = pidhash_probe(hash, t->icap, cgfiles_look, &k);
	return t->idx[s] ? &t->v[t->idx[s] - 1] : NULL;
}

/* Grow *buf (of *cap elements of sz) to hold need; 0 or -ENOMEM. */
static int
cgfiles_grow(void **buf, size_t *cap, size_t need, size_t sz)
{
	size_t ncap = *cap ? *cap : 64;
	void *nb;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	nb = realloc(*buf, ncap * sz);
	if (nb == NULL)
		return -ENOMEM;
	*buf = nb;
	*cap = ncap;
	return 0;
}

/* Build t's index over its entries; -ENOMEM leaves it without one. */
static int
cgfiles_index(struct cgfiles_table *t)
{
	size_t need = 64;

	while (need * 3 < t->n * 4 + 4)
		need *= 2;
	if (need > t->icap) {
		free(t->idx);
		t->idx = malloc(need * sizeof *t->idx);
		t->icap = t->idx ? need : 0;
		if (t->idx == NULL)
			return -ENOMEM;
	}
	memset(t->idx, 0, t->icap * sizeof *t->idx);
	for (size_t i = 0; i < t->n; i++) {
		struct cgfiles_keep *e = &t->v[i];
		struct cgfiles_key k = {t, t->pool + e->path_off, e->path_len,
		                        e->hash};
		size_t s = pidhash_probe(e->hash, t->icap, cgfiles_look, &k);
		if (t->idx[s] == 0)
			t->idx[s] = (uint32_t)i + 1;
	}
	return 0;
}

/* The hashes of the paths to read in full at the next walk (0: free);
 * a hash collision only costs one more full read. */
static uint32_t cgfiles_forced[CGFILES_FORCE_MAX];

/* Read the cgroup at path in full at the next walk. */
void
cgfiles_force_full(const char *path, size_t len)
{
	uint32_t h = cgfiles_hash(path, len) | 1u; /* never 0 */
	size_t free_slot = 0;

	for (size_t i = 0; i < CGFILES_FORCE_MAX; i++) {
		if (cgfiles_forced[i] == h)
			return;
		if (cgfiles_forced[i] == 0)
			free_slot = i;
	}
	cgfiles_forced[free_slot] = h; /* full: the first one waits no more */
}

/* Is the path of hash due for a full read? Takes it off the list. */
static bool
cgfiles_take_forced(uint32_t hash)
{
	for (size_t i = 0; i < CGFILES_FORCE_MAX; i++)
		if (cgfiles_forced[i] == (hash | 1u)) {
			cgfiles_forced[i] = 0;
			return true;
		}
	return false;
}

/* Start a walk. */
void
cgfiles_begin(struct cgfiles *f, struct snapshot *snap)
{
	struct cgfiles_table *t = &f->t[f->cur];

	t->n = 0;
	t->plen = 0;
	snap->ncgroups = 0;
	f->walks++;
}

/* Read file fi of the cgroup at dfd into mem. */
static void
cgfiles_file(struct cgfiles *f, int dfd, struct cgmem *mem, enum cgmem_file fi)
{
	const char *name = cgmem_file_name(f->mode, fi);
	ssize_t n;

	if (name == NULL)
		return;
	n = procroot_read(dfd, name, f->buf, sizeof f->buf);
	if (n < 0)
		cgmem_set_err(mem, fi, (int)-n);
	else if ((size_t)n >= sizeof f->buf)
		cgmem_set_err(mem, fi, EFBIG);
	else
		cgmem_parse(mem, fi, f->buf, (size_t)n, f->page_kb);
}

/* Keep the entry of this walk for the next one: 0 or -ENOMEM. */
static int
cgfiles_keep(struct cgfiles *f, const char *path, size_t len, uint32_t hash,
             const struct snap_cgroup *cg)
{
	struct cgfiles_table *t = &f->t[f->cur];
	struct cgfiles_keep *e;

	size_t clen = f->cname == CGFILES_CNAME_KNOWN ? f->cname_len : 0;

	if (cgfiles_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v) !=
	        0 ||
	    cgfiles_grow((void **)&t->pool, &t->pcap, t->plen + len + clen + 1,
	                 1) != 0)
		return -ENOMEM;
	e = &t->v[t->n++];
	e->hash = hash;
	e->path_off = (uint32_t)t->plen;
	e->path_len = (uint32_t)len;
	memcpy(t->pool + t->plen, path, len);
	memcpy(t->pool + t->plen + len, f->cname_buf, clen);
	t->plen += len + clen;
	e->cname = f->cname;
	e->cname_len = (uint32_t)clen;
	e->mem = cg->mem;
	e->base = cg->base;
	return 0;
}

/*
 * A Docker container's own name from the config.v2.json file into out:
 * a regular file under CGFILES_DOCKER_MAX bytes, read once. 0, or -1
 * (missing, unreadable, not a regular file, too big, malformed).
 */
static int
cgfiles_docker_name(const char *file, char *out, size_t size)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
	                        O_NOCTTY),
	    rc = -1;
	struct stat st;
	ssize_t n;
	char *buf;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size < CGFILES_DOCKER_MAX &&
	    (buf = malloc(CGFILES_DOCKER_MAX)) != NULL) {
		n = procroot_read_fd(fd, buf, CGFILES_DOCKER_MAX);
		if (n > 0 && n < CGFILES_DOCKER_MAX)
			rc = cgname_docker_name(buf, (size_t)n, out, size);
		free(buf);
	}
	close(fd);
	return rc;
}

/*
 * The visited Docker cgroup's container name into f->cname: the last
 * walk's for the same cgroup (path and inode), else read once from
 * config.v2.json; pooled into cg. Nothing for other cgroups.
 */
static void
cgfiles_container(struct cgfiles *f, struct snapshot *snap,
                  const struct cgfiles_keep *last, struct snap_cgroup *cg,
                  const char *path, size_t len)
{
	char id[CGNAME_FULL_ID_SIZE], file[CGFILES_DIR_MAX + 96];
	const struct cgfiles_table *lt = &f->t[!f->cur];

	f->cname = CGFILES_CNAME_UNREAD;
	f->cname_len = 0;
	if (cgname_docker_id(&cg->name, path, len, id) != 0)
		return;
	if (last != NULL && last->mem.ino == cg->mem.ino &&
	    last->cname != CGFILES_CNAME_UNREAD) {
		f->cname = last->cname;
		f->cname_len = last->cname_len;
		memcpy(f->cname_buf, lt->pool + last->path_off + last->path_len,
		       last->cname_len);
	} else {
		snprintf(file, sizeof file, "%s/%s/config.v2.json",
		         f->docker_dir, id);
		f->cname = cgfiles_docker_name(file, f->cname_buf,
		                               sizeof f->cname_buf) == 0
		               ? CGFILES_CNAME_KNOWN
		               : CGFILES_CNAME_NONE;
		if (f->cname == CGFILES_CNAME_KNOWN)
			f->cname_len = (uint32_t)strlen(f->cname_buf);
	}
	if (f->cname == CGFILES_CNAME_KNOWN &&
	    snapshot_str_append(snap, f->cname_buf, f->cname_len,
	                        &cg->cname_off) == 0)
		cg->cname_len = f->cname_len;
}

/* Read one cgroup and append its entry. */
int64_t
cgfiles_read(struct cgfiles *f, struct snapshot *snap, int dfd, uint32_t off,
             uint32_t len, uint64_t ino, uint32_t parent, uint32_t depth,
             bool root)
{
	const char *path = snapshot_str(snap, off, len);
	uint32_t hash = cgfiles_hash(path, len);
	const struct cgfiles_keep *last =
	    cgfiles_find(&f->t[!f->cur], path, len, hash);
	/* light: a limited cgroup's events every walk (a memcg OOM starts
	 * there); the others' hierarchical counters move with a limited
	 * descendant's and follow in turn */
	bool all = !f->light || last == NULL || last->mem.ino != ino ||
	           (f->walks + snap->ncgroups) % CGFILES_ROTATE == 0;
	bool forced = cgfiles_take_forced(hash);
	struct snap_cgroup cg;

	snapcg_init(&cg, f->mode, ino);
	cg.path_off = off;
	cg.path_len = len;
	cg.parent = parent;
	cg.depth = depth;
	cg.root = root;
	all = all || forced;
	if (!all)
		cg.mem = last->mem;
	for (int fi = 0; fi < CGMEM_FILE_COUNT; fi++)
		if (all || fi == CGMEM_F_CURRENT ||
		    (fi == CGMEM_F_EVENTS && snapcg_limited(&cg.mem)))
			cgfiles_file(f, dfd, &cg.mem, (enum cgmem_file)fi);
	if (last != NULL)
		cg.base = last->base;
	cgmem_base_track(&cg.base, &cg.mem);
	cgmem_base_delta(&cg.base, &cg.mem, &cg.since);
	cgname_parse(path, len, &cg.name);
	cgfiles_container(f, snap, last, &cg, path, len);
	if (cgfiles_keep(f, path, len, hash, &cg) != 0 ||
	    snapshot_push_cgroup(snap, &cg) != 0)
		return -ENOMEM;
	return (int64_t)snap->ncgroups - 1;
}

/* kB of bytes, or SNAP_NA (also for unlimited). */
static int64_t
cgfiles_kb(int64_t bytes)
{
	return bytes == SNAP_NA || bytes == CGMEM_UNLIMITED ? SNAP_NA
	                                                    : bytes / 1024;
}

/* A round of the usage series and each cgroup's forecast. */
static void
cgfiles_forecast(struct cgfiles *f, struct snapshot *snap)
{
	size_t i;

	if (f->series == NULL ||
	    cgseries_begin(f->series, snap->mono_ms, snap->time_unix_ms) != 0)
		return;
	for (i = 0; i < snap->ncgroups; i++)
		(void)cgseries_put(
		    f->series, snap->cgroups[i].mem.ino,
		    cgfiles_kb(snap->cgroups[i].mem.current_bytes));
	cgseries_end(f->series);
	for (i = 0; i < snap->ncgroups; i++) {
		struct snap_cgroup *cg = &snap->cgroups[i];
		cgseries_forecast(f->series, cg->mem.ino,
		                  cgfiles_kb(cg->mem.max_bytes), &cg->fore);
	}
}

/* End the walk. */
void
cgfiles_end(struct cgfiles *f, struct snapshot *snap, bool ok, int err)
{
	if (!ok) {
		snap->ncgroups = 0;
		snap->cgroups_err = err;
		return;
	}
	snap->cgroups_err = 0;
	cgfiles_forecast(f, snap);
	f->cur = !f->cur;
	if (cgfiles_index(&f->t[!f->cur]) != 0)
		f->t[!f->cur].n = 0; /* no index: the next walk starts fresh */
}
