/*
 * recfix: the pieces the replay unit tests build their history databases
 * from (persist/recdb.h, the recorder's own writer) and open them with
 * (persist/recreplay.h): a boot's samples written through a fill
 * callback, rows and identities, the common meminfo, a process looked
 * up in a snapshot. No cmocka asserts here (the fuzz replays link the
 * helpers too): failures print the reason on stderr and return NULL or
 * -1, and callers check the results.
 */
#ifndef OOMWATCH_TESTS_RECFIX_H
#define OOMWATCH_TESTS_RECFIX_H

#include <stddef.h>
#include <stdint.h>

#include "persist/recdb.h"
#include "persist/recreplay.h"

/* Fill sample i of a boot: s is zeroed with its time_ms set. */
typedef void recfix_fill_fn(struct recdb_sample *s, int i, void *arg);

/* recdb_open(path, boot_id) for writing: the store, or NULL (with the
 * message on stderr) unless it opened with RECDB_OK. */
struct recdb *recfix_db(const char *path, const char *boot_id);

/* recreplay_open(path): the replay, or NULL (with the message on stderr)
 * unless it opened with RECREAD_OK. */
struct recreplay *recfix_replay(const char *path);

/* Write, in boot boot_id of the database at path, samples i = from ..
 * to - 1 at t0 + (i - from) * step_ms, each filled by fill(s, i, arg):
 * 0, or -1 with the writer's message on stderr. */
int recfix_write(const char *path, const char *boot_id, int from, int to,
                 int64_t t0, int64_t step_ms, recfix_fill_fn *fill, void *arg);

/* Sample i's meminfo and vmstat counters as the replay fixtures record
 * them: 8000000 kB total, MemAvailable 4000000 - 1000 * i kB, swap
 * 2000000 kB with 1999000 free; oom_kill i / 30, pswpout 10 * i. */
void recfix_mem(struct recdb_sample *s, int i);

/* An identity started at 7 (comm, and cmdline and cgroup when not NULL,
 * strdup'ed). */
struct recdb_ident recfix_ident(int32_t pid, uint32_t uid, const char *comm,
                                const char *cmdline, const char *cgroup);

/* A row started at 7: anon half the RSS, file and shmem unknown. */
struct recdb_row recfix_row(int32_t pid, int64_t rss_kb, int64_t swap_kb,
                            int64_t oom_score, int64_t adj);

/* The row of pid in snap, or NULL. */
const struct proc_row *recfix_pid(const struct snapshot *snap, int32_t pid);

/* The store tests' sample at t (zeroed first): n rows of pids 100.. with
 * RSS and anon rss kB, started at 7, the first nid of them with an
 * identity ("worker", "worker --big", uid 1000); meminfo, counters and
 * PSI some avg10 1.5 fixed. */
void recfix_sample(struct recdb_sample *s, int64_t t, size_t n, size_t nid,
                   int64_t rss);

#endif
