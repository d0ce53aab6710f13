/*
 * idcache: the processes whose stat an earlier refresh read, so that the
 * next refresh can read their status only (collect/procfs.h, light mode).
 *
 * getdents on /proc gives each pid directory's inode number (d_ino), and
 * procfs gives a /proc/PID directory and every file under it a new inode
 * whenever a new process holds the pid: the old dentries are flushed when
 * the old process is reaped. A dentry evicted and looked up again also
 * gets a new inode (that costs one stat read, never a wrong row); a live
 * process keeps its inodes, across exec too (checked by forcing PID
 * reuse through ns_last_pid: every reused pid showed a new d_ino and a
 * new status inode, every live process kept both). So a pid listed with the
 * d_ino it had last time, whose status file still has the inode the last read
 * saw, is the same process: its start time and PF_KTHREAD, read once from stat,
 * still hold. Anything else is new to the cache and is read in full. (Inode
 * numbers come from a 32-bit counter: a false match needs it to wrap 2^32 times
 * onto the same pid.)
 *
 * Entries live in two arrays: the last refresh's, sorted by pid, for
 * lookups, and this refresh's, appended as the scan goes (in pid order on
 * /proc, sorted when the next refresh begins otherwise). A lookup tries
 * the entry after the last hit first, so a scan in pid order costs O(1)
 * per pid, else a binary search. A refresh forgets every entry it did not
 * add again. Pure: no I/O.
 */
#ifndef OOMWATCH_COLLECT_IDCACHE_H
#define OOMWATCH_COLLECT_IDCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What one stat read established about a process. */
struct idcache_entry {
	int32_t pid;
	bool kthread;        /* PF_KTHREAD (or status Kthread: 1) */
	uint64_t dir_ino;    /* d_ino of /proc/PID when it was read */
	uint64_t status_ino; /* inode of /proc/PID/status when it was read */
	uint64_t start_time; /* stat field 22 */
};

struct idcache;

/* An empty cache, or NULL when out of memory. */
struct idcache *idcache_new(void);
/* Free it (NULL is fine). */
void idcache_free(struct idcache *ic);

/*
 * Start a refresh: what the last one added becomes what idcache_find
 * answers from, and nothing is added yet.
 */
void idcache_begin(struct idcache *ic);

/*
 * The last refresh's entry for pid when its directory inode was dir_ino,
 * else NULL. The pointer stays valid until the next idcache_begin.
 */
const struct idcache_entry *idcache_find(struct idcache *ic, int32_t pid,
                                         uint64_t dir_ino);

/* Remember a process for the next refresh. 0, or -ENOMEM (it is then
 * simply read in full next time). */
int idcache_add(struct idcache *ic, const struct idcache_entry *e);

/* How many entries the current refresh has added. */
size_t idcache_count(const struct idcache *ic);

#endif
