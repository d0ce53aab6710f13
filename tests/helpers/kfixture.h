/*
 * kfixture: the kernel-log fixtures (tests/fixtures/kmsg/, copied from the
 * shared corpus) for the kernel-log unit tests. Each file starts with
 * "# src:" / "# note:" lines that describe it; they are test metadata, not
 * log lines, and are stripped here (the reader itself has no comment
 * syntax: a kernel line may start with '#', as "#PF:" does).
 */
#ifndef OOMWATCH_TESTS_KFIXTURE_H
#define OOMWATCH_TESTS_KFIXTURE_H

#include <stddef.h>

#include "model/kevents.h"
#include "model/klogring.h"

/* The log lines of fixture name ("09.txt"), '\n'-separated, without the
 * "# src:"/"# note:" header lines; malloc'd and NUL-terminated (the caller
 * frees it). NULL when the file cannot be read. */
char *kfixture_load(const char *name, size_t *len);

/* Feed every line of buf to ev, then kevents_finish. Returns events added. */
size_t kfixture_feed(struct kevents *ev, const char *buf, size_t len);

/* A new engine (64 events, display ring or NULL) fed fixture name; NULL
 * when the fixture cannot be read or memory runs out. */
struct kevents *kfixture_run(const char *name, struct klogring *ring);

/* Feed built lines (a NULL-terminated list of C strings) to ev. */
void kfixture_feed_lines(struct kevents *ev, const char *const *lines);

#endif
