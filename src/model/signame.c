/*
 * signame.c: signal names <-> numbers and default actions (signame.h).
 * The table is Linux's (x86 and arm numbering, signal(7)); real-time
 * signals are spelled relative to SIGRTMIN / SIGRTMAX as kill(1) does.
 */
#include "model/signame.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* One classic signal. */
struct sig_info {
	int sig;
	const char *name; /* without "SIG" */
	enum signame_default def;
};

static const struct sig_info sig_table[] = {
    {SIGHUP, "HUP", SIGNAME_TERM},     {SIGINT, "INT", SIGNAME_TERM},
    {SIGQUIT, "QUIT", SIGNAME_CORE},   {SIGILL, "ILL", SIGNAME_CORE},
    {SIGTRAP, "TRAP", SIGNAME_CORE},   {SIGABRT, "ABRT", SIGNAME_CORE},
    {SIGBUS, "BUS", SIGNAME_CORE},     {SIGFPE, "FPE", SIGNAME_CORE},
    {SIGKILL, "KILL", SIGNAME_TERM},   {SIGUSR1, "USR1", SIGNAME_TERM},
    {SIGSEGV, "SEGV", SIGNAME_CORE},   {SIGUSR2, "USR2", SIGNAME_TERM},
    {SIGPIPE, "PIPE", SIGNAME_TERM},   {SIGALRM, "ALRM", SIGNAME_TERM},
    {SIGTERM, "TERM", SIGNAME_TERM},   {SIGSTKFLT, "STKFLT", SIGNAME_TERM},
    {SIGCHLD, "CHLD", SIGNAME_IGNORE}, {SIGCONT, "CONT", SIGNAME_CONT},
    {SIGSTOP, "STOP", SIGNAME_STOP},   {SIGTSTP, "TSTP", SIGNAME_STOP},
    {SIGTTIN, "TTIN", SIGNAME_STOP},   {SIGTTOU, "TTOU", SIGNAME_STOP},
    {SIGURG, "URG", SIGNAME_IGNORE},   {SIGXCPU, "XCPU", SIGNAME_CORE},
    {SIGXFSZ, "XFSZ", SIGNAME_CORE},   {SIGVTALRM, "VTALRM", SIGNAME_TERM},
    {SIGPROF, "PROF", SIGNAME_TERM},   {SIGWINCH, "WINCH", SIGNAME_IGNORE},
    {SIGIO, "IO", SIGNAME_TERM},       {SIGPWR, "PWR", SIGNAME_TERM},
    {SIGSYS, "SYS", SIGNAME_CORE},
};
#define SIG_TABLE_LEN (sizeof sig_table / sizeof sig_table[0])

const struct signame_menu_item signame_menu[] = {
    {SIGTERM, "SIGTERM", "ask it to exit (it may clean up)"},
    {SIGKILL, "SIGKILL", "end it now; memory comes back at once"},
    {SIGINT, "SIGINT", "interrupt, as Ctrl-C"},
    {SIGHUP, "SIGHUP", "hang up (many daemons reload instead)"},
    {SIGSTOP, "SIGSTOP", "pause it: frees no memory"},
    {SIGCONT, "SIGCONT", "resume a paused process: frees no memory"},
};
const size_t signame_menu_len = sizeof signame_menu / sizeof signame_menu[0];

/* Parse an unsigned decimal of len bytes (1..3 digits); -1 if not. */
static int
parse_small_uint(const char *s, size_t len)
{
	int v = 0;
	size_t i;

	if (len == 0 || len > 3)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parse "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" (no "SIG"); -1 if not. */
static int
parse_rt(const char *s, size_t len)
{
	int base, off = 0, sign;

	if (len < 5)
		return -1;
	if (strncasecmp(s, "RTMIN", 5) == 0)
		base = SIGRTMIN, sign = 1;
	else if (strncasecmp(s, "RTMAX", 5) == 0)
		base = SIGRTMAX, sign = -1;
	else
		return -1;
	if (len > 5) {
		if (s[5] != (sign > 0 ? '+' : '-'))
			return -1;
		off = parse_small_uint(s + 6, len - 6);
		if (off < 0)
			return -1;
	}
	base += sign * off;
	return base >= SIGRTMIN && base <= SIGRTMAX ? base : -1;
}

/* Parse a signal name or number. */
int
signame_parse(const char *text, size_t len, int *sig)
{
	size_t i;
	int v;

	while (len > 0 && (*text == ' ' || *text == '\t'))
		text++, len--;
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0)
		return -1;
	if (text[0] >= '0' && text[0] <= '9') {
		v = parse_small_uint(text, len);
		if (v < 1 || v > SIGRTMAX)
			return -1;
		*sig = v;
		return 0;
	}
	if (len > 3 && strncasecmp(text, "SIG", 3) == 0)
		text += 3, len -= 3;
	for (i = 0; i < SIG_TABLE_LEN; i++) {
		if (strlen(sig_table[i].name) == len &&
		    strncasecmp(text, sig_table[i].name, len) == 0) {
			*sig = sig_table[i].sig;
			return 0;
		}
	}
	v = parse_rt(text, len);
	if (v < 0)
		return -1;
	*sig = v;
	return 0;
}

/* The table entry for sig, or NULL. */
static const struct sig_info *
find(int sig)
{
	size_t i;

	for (i = 0; i < SIG_TABLE_LEN; i++)
		if (sig_table[i].sig == sig)
			return &sig_table[i];
	return NULL;
}

/* The name of sig. */
const char *
signame_name(int sig, char *buf, size_t size)
{
	const struct sig_info *si = find(sig);

	if (si != NULL)
		snprintf(buf, size, "SIG%s", si->name);
	else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buf, size, "SIGRTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(buf, size, "signal %d", sig);
	return buf;
}

/* The default action of sig. */
enum signame_default
signame_default_action(int sig)
{
	const struct sig_info *si = find(sig);

	return si != NULL ? si->def : SIGNAME_TERM;
}

/* True when the default action ends the process. */
bool
signame_frees_memory(int sig)
{
	enum signame_default d = signame_default_action(sig);

	return d == SIGNAME_TERM || d == SIGNAME_CORE;
}

/* A note for signals that free nothing or are slow to. */
const char *
signame_note(int sig)
{
	switch (signame_default_action(sig)) {
	case SIGNAME_STOP:
		return "frees no memory: only stops the process";
	case SIGNAME_CONT:
		return "frees no memory: only resumes a stopped process";
	case SIGNAME_IGNORE:
		return "ignored by default: frees no memory";
	case SIGNAME_CORE:
		return "ends it with a core dump (writing it takes time)";
	case SIGNAME_TERM:
	default:
		return NULL;
	}
}
