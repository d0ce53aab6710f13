/* procfix: read fixture files under tests/fixtures/proc/ for unit tests. */
#ifndef OOMWATCH_TESTS_PROCFIX_H
#define OOMWATCH_TESTS_PROCFIX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROCFIX_DIR "tests/fixtures/proc/"

/* Read PROCFIX_DIR + rel into buf (cap bytes); the length, or -1. */
ssize_t procfix_read(const char *rel, char *buf, size_t cap);

struct snapshot;
struct proc_row;
/* The row of pid in s, or NULL. */
const struct proc_row *procfix_row_of(const struct snapshot *s, int32_t pid);

#endif
