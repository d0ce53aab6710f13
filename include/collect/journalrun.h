/*
 * journalrun: journalctl's output, line by line, with a deadline. The
 * child runs with standard input on /dev/null and its output on pipes;
 * the caller is never blocked past the deadline: the child is killed
 * (SIGKILL) and reaped, and the lines read until then were given; the
 * same at once when the caller's cancel descriptor becomes readable (a
 * reader thread being stopped: collect/bootjob.h). The
 * output is bounded too (max_bytes: the child is killed beyond it). A
 * fixture file of the same output (--proc-root trees) is read through the
 * same line splitter.
 */
#ifndef OOMWATCH_COLLECT_JOURNALRUN_H
#define OOMWATCH_COLLECT_JOURNALRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JOURNALRUN_LINE_MAX 65536 /* a longer line is dropped (counted) */

/* Called once per line (without its '\n'). */
typedef void (*journalrun_line_fn)(void *ctx, const char *line, size_t len);

struct journalrun_result {
	uint64_t lines;   /* lines given */
	uint64_t dropped; /* lines longer than JOURNALRUN_LINE_MAX */
	bool timed_out;   /* killed at the deadline */
	bool cut;         /* killed at max_bytes */
	bool cancelled;   /* killed when cancel_fd became readable */
	int status;       /* exit status, or -1 (killed, not started) */
};

/*
 * Run argv (argv[0] is looked up in PATH) and give each line of its
 * standard output to fn. 0 when it ran to its end with status 0 (an empty
 * output included); else -1 with why: "journalctl: not found" (argv[0]'s name),
 * "timed out after N ms", "output cut at N bytes", "cancelled" (the lines
 * before were given), or the first line of its standard error ("No journal
 * files were found."), else "exit status N". cancel_fd: -1, or a
 * descriptor that, once readable, ends the run at once (child killed and
 * reaped).
 */
int journalrun_spawn(const char *const *argv, journalrun_line_fn fn, void *ctx,
                     uint64_t timeout_ms, size_t max_bytes, int cancel_fd,
                     struct journalrun_result *res, char *why, size_t why_size);
/* The same for a saved output file: 0, or -1 with why ("PATH: No such
 * file or directory"). */
int journalrun_file(const char *path, journalrun_line_fn fn, void *ctx,
                    size_t max_bytes, struct journalrun_result *res, char *why,
                    size_t why_size);

#endif
