/*
 * signame: signal names, numbers and what each does to memory, for the
 * signal menu and its "others by name or number" prompt. Pure: no I/O.
 *
 * The parser accepts "TERM", "SIGTERM", "sigterm", "15", "RTMIN+2",
 * "SIGRTMAX-1"; surrounding blanks are ignored, nothing else is. Signal 0
 * (the existence probe) and numbers past SIGRTMAX are rejected.
 */
#ifndef OOMWATCH_MODEL_SIGNAME_H
#define OOMWATCH_MODEL_SIGNAME_H

#include <stdbool.h>
#include <stddef.h>

/* What a signal does to a process that does not handle it. */
enum signame_default {
	SIGNAME_TERM = 0, /* terminates: its memory is freed */
	SIGNAME_CORE,   /* terminates with a core dump (slow under pressure) */
	SIGNAME_STOP,   /* stops it: frees no memory */
	SIGNAME_CONT,   /* continues it: frees no memory */
	SIGNAME_IGNORE, /* ignored by default: frees no memory */
};

/* One entry of the signal menu. */
struct signame_menu_item {
	int sig;
	const char *name;  /* "SIGTERM" */
	const char *label; /* one line for the menu */
};

/* The menu, in display order; entry 0 (SIGTERM) is preselected. */
extern const struct signame_menu_item signame_menu[];
extern const size_t signame_menu_len;

/* Parse a signal name or number (len bytes of text). Returns 0 and sets
 * *sig, or -1 and leaves *sig untouched. */
int signame_parse(const char *text, size_t len, int *sig);

/* The name of sig ("SIGTERM", "SIGRTMIN+3") written into buf; returns buf.
 * Unknown numbers come out as "signal N". */
const char *signame_name(int sig, char *buf, size_t size);

/* The default action of sig. Real-time signals terminate. */
enum signame_default signame_default_action(int sig);

/* True when sig, left to its default action, ends the process and so
 * frees its memory. */
bool signame_frees_memory(int sig);

/* A note for the dialog ("frees no memory: only stops the process"), or
 * NULL when the signal ends the process. */
const char *signame_note(int sig);

#endif
