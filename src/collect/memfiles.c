/* memfiles.c: the Memory screen's files (see memfiles.h). */
#include "collect/memfiles.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "collect/procroot.h"
#include "model/textscan.h"

#define MEMFILES_BUF (512 * 1024)

struct memfiles {
	char proc[MEMMAP_PATH_MAX], sys[2 * MEMMAP_PATH_MAX];
	bool fixture;   /* a --proc-root tree: no statvfs */
	bool hp_listed; /* the hugepage sizes were listed */
	int64_t hp_size_kb[MEMMAP_HPSIZES_MAX];
	size_t nhp;
	char buf[MEMFILES_BUF];
};

/* A new reader. */
struct memfiles *
memfiles_new(const char *proc_root, const char *sys_root)
{
	struct memfiles *mf = calloc(1, sizeof *mf);

	if (mf == NULL)
		return NULL;
	mf->fixture =
	    proc_root != NULL && strcmp(proc_root, PROCROOT_DEFAULT) != 0;
	snprintf(mf->proc, sizeof mf->proc, "%s",
	         proc_root ? proc_root : PROCROOT_DEFAULT);
	if (sys_root != NULL)
		snprintf(mf->sys, sizeof mf->sys, "%s", sys_root);
	else if (mf->fixture)
		snprintf(mf->sys, sizeof mf->sys, "%s/sysfs", mf->proc);
	else
		snprintf(mf->sys, sizeof mf->sys, "/sys");
	return mf;
}

/* Free the reader. */
void
memfiles_free(struct memfiles *mf)
{
	free(mf);
}

/* Read root/rel into mf->buf to its end (cut back to its last newline
 * when the buffer filled): the length, or -errno. Read to EOF, not one
 * read: /proc/slabinfo and /proc/mounts come about a page per read. */
static ssize_t
memfiles_get(struct memfiles *mf, const char *root, const char *rel)
{
	char path[4 * MEMMAP_PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	n = procroot_read_all(AT_FDCWD, path, mf->buf, sizeof mf->buf);
	if (n == (ssize_t)sizeof mf->buf) {
		while (n > 0 && mf->buf[n - 1] != '\n')
			n--;
	}
	return n;
}

/* One integer file under root: its value, or SNAP_NA. */
static int64_t
memfiles_int(struct memfiles *mf, const char *root, const char *rel)
{
	ssize_t n = memfiles_get(mf, root, rel);
	int64_t v;

	if (n < 0 || textscan_int_file(mf->buf, (size_t)n, &v) != 0)
		return SNAP_NA;
	return v;
}

/* The used and size of each tmpfs mount: statvfs, or the fixture file;
 * ramfs stays N/A. */
static void
memfiles_usage(struct memfiles *mf, struct memmap_all *a)
{
	ssize_t n = mf->fixture ? memfiles_get(mf, mf->proc, "tmpfs-usage") : 0;
	struct statvfs sv;

	for (size_t i = 0; i < a->nmounts; i++) {
		struct memmap_mount *m = &a->mounts[i];
		/* ramfs keeps no size accounting: statvfs says 0 and 0 */
		if (strcmp(m->fstype, "ramfs") == 0)
			continue;
		if (mf->fixture) {
			if (n < 0 ||
			    memmapparse_usage(mf->buf, (size_t)n, m->path,
			                      &m->used_kb, &m->size_kb) != 0)
				m->err = ENOENT;
			continue;
		}
		if (statvfs(m->path, &sv) != 0) {
			m->err = errno;
			continue;
		}
		m->size_kb = (int64_t)(sv.f_blocks * sv.f_frsize / 1024);
		m->used_kb =
		    (int64_t)((sv.f_blocks - sv.f_bfree) * sv.f_frsize / 1024);
	}
	memmapparse_sort_mounts(a->mounts, a->nmounts);
}

/* meminfo, mounts, slabinfo and swaps from the proc root. */
static void
memfiles_proc(struct memfiles *mf, struct memmap_all *a)
{
	ssize_t n;
	int rc;

	n = memfiles_get(mf, mf->proc, "meminfo");
	a->meminfo_err = n < 0 ? (int)n
	                 : memmap_parse(mf->buf, (size_t)n, &a->mi) != 0
	                     ? -EINVAL
	                     : 0;
	n = memfiles_get(mf, mf->proc, "mounts");
	rc = n < 0 ? (int)n
	           : memmapparse_mounts(mf->buf, (size_t)n, a->mounts,
	                                MEMMAP_MOUNTS_MAX, &a->mounts_found);
	a->mounts_err = n < 0 ? (int)n : rc < 0 ? -EINVAL : 0;
	a->nmounts = rc > 0 ? (size_t)rc : 0;
	memfiles_usage(mf, a);
	n = memfiles_get(mf, mf->proc, "slabinfo");
	rc = n < 0 ? (int)n
	           : memmapparse_slabinfo(mf->buf, (size_t)n, a->slabs,
	                                  MEMMAP_SLABS_MAX, &a->slab_caches,
	                                  &a->slab_bytes);
	a->slab_err = n < 0 ? (int)n : rc < 0 ? -EINVAL : 0;
	a->nslabs = rc > 0 ? (size_t)rc : 0;
	n = memfiles_get(mf, mf->proc, "swaps");
	rc = n < 0 ? (int)n
	           : memmapparse_swaps(mf->buf, (size_t)n, a->swaps,
	                               MEMMAP_SWAPS_MAX, &a->swaps_found);
	a->swaps_err = n < 0 ? (int)n : rc < 0 ? -EINVAL : 0;
	a->nswaps = rc > 0 ? (size_t)rc : 0;
	a->swappiness = memfiles_int(mf, mf->proc, "sys/vm/swappiness");
}

/* The hugepage sizes, listed once ("hugepages-2048kB"). */
static void
memfiles_list_hugepages(struct memfiles *mf)
{
	char path[4 * MEMMAP_PATH_MAX];
	struct dirent *d;
	DIR *dir;

	mf->hp_listed = true;
	snprintf(path, sizeof path, "%s/kernel/mm/hugepages", mf->sys);
	dir = opendir(path);
	if (dir == NULL)
		return;
	while ((d = readdir(dir)) != NULL && mf->nhp < MEMMAP_HPSIZES_MAX) {
		const char *p = d->d_name + 10,
		           *end = d->d_name + strlen(d->d_name);
		uint64_t kb;
		if (strncmp(d->d_name, "hugepages-", 10) != 0 ||
		    textscan_u64(&p, end, &kb) != 0 || strcmp(p, "kB") != 0 ||
		    kb > INT64_MAX)
			continue;
		mf->hp_size_kb[mf->nhp++] = (int64_t)kb;
	}
	closedir(dir);
}

/* Each hugepage size's counts. */
static void
memfiles_hugepages(struct memfiles *mf, struct memmap_all *a)
{
	static const char *const files[] = {"nr_hugepages", "free_hugepages",
	                                    "resv_hugepages",
	                                    "surplus_hugepages"};
	char rel[96];

	if (!mf->hp_listed)
		memfiles_list_hugepages(mf);
	for (size_t i = 0; i < mf->nhp; i++) {
		struct memmap_hpsize *h = &a->hp[i];
		int64_t *v[] = {&h->total, &h->free, &h->rsvd, &h->surp};
		h->size_kb = mf->hp_size_kb[i];
		for (size_t k = 0; k < 4; k++) {
			snprintf(rel, sizeof rel,
			         "kernel/mm/hugepages/hugepages-%lldkB/%s",
			         (long long)h->size_kb, files[k]);
			*v[k] = memfiles_int(mf, mf->sys, rel);
		}
	}
	a->nhp = mf->nhp;
}

/* zram devices, zswap and hugepages from the sys root. */
static void
memfiles_sys(struct memfiles *mf, struct memmap_all *a)
{
	char rel[64];
	ssize_t n;

	a->nzram = 0;
	for (int i = 0; i < MEMMAP_ZRAM_MAX; i++) {
		snprintf(rel, sizeof rel, "block/zram%d/mm_stat", i);
		n = memfiles_get(mf, mf->sys, rel);
		if (n < 0 || memmapparse_mm_stat(mf->buf, (size_t)n,
		                                 &a->zram[a->nzram]) != 0)
			continue;
		snprintf(rel, sizeof rel, "block/zram%d/disksize", i);
		a->zram[a->nzram].disksize_bytes =
		    memfiles_int(mf, mf->sys, rel);
		a->zram[a->nzram++].index = i;
	}
	n = memfiles_get(mf, mf->sys, "module/zswap/parameters/enabled");
	if (n > 0)
		a->zswap_enabled = mf->buf[0] == 'Y' || mf->buf[0] == '1';
	a->zswap_stored_pages =
	    memfiles_int(mf, mf->sys, "kernel/debug/zswap/stored_pages");
	memfiles_hugepages(mf, a);
}

/* Read everything. */
void
memfiles_read(struct memfiles *mf, struct memmap_all *out)
{
	memmapparse_clear(out);
	memfiles_proc(mf, out);
	memfiles_sys(mf, out);
}
