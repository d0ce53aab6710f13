/*
 * dbtimes: a history database's samples at chosen times, written by the
 * recorder's own writer (persist/recdb.h), for the tests of a record
 * with gaps in it and of one that grows while it is read. No cmocka
 * asserts here: callers check the results.
 */
#ifndef OOMWATCH_TESTS_DBTIMES_H
#define OOMWATCH_TESTS_DBTIMES_H

#include <stddef.h>
#include <stdint.h>

/* 2027-01-15 08:00:00 UTC: the times are seconds after it. */
#define DBTIMES_T0 1800000000000LL

/*
 * Write, in boot boot_id of the database at path (created when missing),
 * one sample at DBTIMES_T0 + t_s[k] seconds for each of the n times: the
 * k-th with MemAvailable 4000000 kB and pswpout 100 * (k + k0) pages; the
 * one at kill_at_s (-1: none) with an OOM kill of pid 4000 + kill_at_s
 * ("hog"). 0, or -1 with the writer's message on stderr.
 */
int dbtimes_write(const char *path, const char *boot_id, const int *t_s,
                  size_t n, int k0, int kill_at_s);

#endif
