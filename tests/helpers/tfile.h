/*
 * tfile: small file and audit helpers for unit tests that build fake
 * /proc or cgroup files in a temporary directory. No cmocka asserts here
 * (the fuzz replays link the helpers too): callers check the results.
 */
#ifndef OOMWATCH_TESTS_TFILE_H
#define OOMWATCH_TESTS_TFILE_H

#include <stddef.h>

/* Write text to path (created or truncated): 0, or -1. */
int tfile_put(const char *path, const char *text);

/* Read up to size - 1 bytes of path into buf, NUL-ended: 0, or -1. */
int tfile_get(const char *path, char *buf, size_t size);

/*
 * Copy the fixture tree dir (with proc/ and sys/ in it) into a new
 * temporary directory made from tmpl (a mkdtemp template, changed in
 * place); its proc and sys paths into proc and sys (size bytes each).
 * 0, or -1. The caller removes tmpl.
 */
int tfile_fixture_copy(const char *dir, char *tmpl, char *proc, char *sys,
                       size_t size);

/* Audit lines an action wrote (the first TFILE_LINES of them). */
#define TFILE_LINES 8
struct tfile_lines {
	char lines[TFILE_LINES][1024];
	size_t nlines;
};

/* An action_audit_fn: keep line in the struct tfile_lines arg. */
void tfile_keep_line(void *arg, int priority, const char *line);

#endif
