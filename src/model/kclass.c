/*
 * kclass.c: the keyword table and the matcher (see kclass.h).
 *
 * Every keyword is anchored where the kernel prints it: at the start of
 * the message (after blanks and a "[T123]" printk caller field), after
 * one of a few fixed prefixes (the watchdog's pr_fmt, the OOM killer's
 * message), or after a task's comm. A phrase elsewhere in a line (a
 * driver's "Out of memory", a quoted report) is no keyword. Each pattern
 * costs a compare at a fixed place, so a line costs the same whatever its
 * length.
 */
#include "model/kclass.h"

#include <stdint.h>
#include <string.h>

#include "model/kscan.h"

/* Where a keyword stands in the message. */
enum anchor {
	AT_START,       /* the message starts with it */
	AFTER_WATCHDOG, /* at the start, or after "watchdog: " or "NMI
	                   watchdog: " (the watchdog's pr_fmt) */
	AFTER_OOM,      /* at the start, or after the OOM killer's message
	                   ("Out of memory: ", "Memory cgroup out of memory: ") */
	AFTER_COMM,     /* after a comm of 1-15 bytes (TASK_COMM_LEN - 1) */
	AT_START_OR_AFTER_COMM, /* at the start or after "<comm>: " */
};

struct keyword {
	const char *text;
	size_t len;
	enum kclass cls;
	enum anchor at;
	const char *also; /* must occur later in the line too, or NULL */
};

#define KW(s, c, at, also)                                                     \
	{                                                                      \
		s, sizeof(s) - 1, c, at, also                                  \
	}

/* The comm in front of "invoked oom-killer" / "page allocation failure". */
#define COMM_MAX 15

/* What the OOM killer prints before "Killed process" / "Kill process"
 * (oom_kill_process's message argument; "Out of Memory" on 2.6.x). */
static const char *const oom_messages[] = {
    "Out of memory: ",
    "Memory cgroup out of memory: ",
    "Out of memory (oom_kill_allocating_task): ",
    "Out of Memory: ",
};

static const char *const watchdog_prefixes[] = {"watchdog: ", "NMI watchdog: "};

/* Priority order: the first keyword in this table that matches wins. The
 * message forms are those kernels 2.6.32 to 6.18 print. */
static const struct keyword keywords[] = {
    KW("Kernel panic - not syncing", KCLASS_PANIC, AT_START, NULL),
    KW("---[ end Kernel panic - not syncing", KCLASS_PANIC, AT_START, NULL),
    /* perf NMI detector, 3.x WARN() form, 6.x buddy detector */
    KW("Watchdog detected hard LOCKUP", KCLASS_HARD_LOCKUP, AFTER_WATCHDOG,
       NULL),
    KW("Watchdog CPU:", KCLASS_HARD_LOCKUP, AT_START, "Hard LOCKUP"),
    KW("watchdog: CPU ", KCLASS_HARD_LOCKUP, AT_START, " hard LOCKUP"),
    KW("BUG: soft lockup - CPU#", KCLASS_SOFT_LOCKUP, AFTER_WATCHDOG, NULL),
    KW("INFO: task ", KCLASS_HUNG_TASK, AT_START, " blocked for more than "),
    KW("\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\"", KCLASS_HUNG_TASK,
       AT_START, NULL),
    KW("Killed process ", KCLASS_OOM_KILL, AFTER_OOM, NULL),
    KW("Kill process ", KCLASS_OOM_KILL, AFTER_OOM, NULL),
    KW("oom_reaper: ", KCLASS_OOM_REAPER, AT_START, NULL),
    KW(" invoked oom-killer:", KCLASS_OOM_INVOKED, AFTER_COMM, NULL),
    KW("Memory cgroup out of memory", KCLASS_OOM_MEMCG, AT_START, NULL),
    KW("Memory cgroup stats for", KCLASS_OOM_MEMCG, AT_START, NULL),
    KW("Memory cgroup min protection", KCLASS_OOM_MEMCG, AT_START, NULL),
    KW("Task in ", KCLASS_OOM_MEMCG, AT_START,
       " killed as a result of limit of "),
    KW("memory+swap: usage ", KCLASS_OOM_MEMCG, AT_START, NULL),
    KW("memory: usage ", KCLASS_OOM_MEMCG, AT_START, NULL),
    KW("Tasks in ", KCLASS_OOM_MEMCG, AT_START, "due to memory.oom.group"),
    KW("oom-kill:", KCLASS_OOM_REPORT, AT_START, NULL),
    KW("Tasks state (memory values in pages)", KCLASS_OOM_REPORT, AT_START,
       NULL),
    /* "Out of memory and no killable processes...", "Out of memory: OOM
     * victim N (x) is already exiting. Skip killing the task" */
    KW("Out of memory", KCLASS_OOM_REPORT, AT_START, NULL),
    KW("Mem-Info:", KCLASS_OOM_REPORT, AT_START, NULL),
    KW("[", KCLASS_OOM_REPORT, AT_START, "oom_score_adj name"), /* header */
    KW("BUG: ", KCLASS_OOPS, AT_START, NULL), /* NULL deref (x86, ppc) */
    KW("Unable to handle kernel NULL pointer dereference", KCLASS_OOPS,
       AT_START, NULL), /* arm, arm64, riscv */
    KW("Oops: ", KCLASS_OOPS, AT_START, NULL),
    KW("Internal error: Oops", KCLASS_OOPS, AT_START, NULL),
    KW("general protection fault", KCLASS_OOPS, AT_START, NULL),
    KW("kernel BUG at ", KCLASS_OOPS, AT_START, NULL),
    KW("page allocation failure", KCLASS_ALLOC_FAILURE, AT_START_OR_AFTER_COMM,
       NULL),
    KW("WARNING: ", KCLASS_WARNING, AT_START, NULL),
    KW("------------[ cut here ]", KCLASS_WARNING, AT_START, NULL),
};

#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

static const char *const class_names[KCLASS_COUNT] = {
    [KCLASS_NORMAL] = "normal",
    [KCLASS_WARNING] = "warning",
    [KCLASS_ERROR] = "error",
    [KCLASS_USER] = "user",
    [KCLASS_ALLOC_FAILURE] = "page_alloc_failure",
    [KCLASS_OOPS] = "oops",
    [KCLASS_HUNG_TASK] = "hung_task",
    [KCLASS_SOFT_LOCKUP] = "soft_lockup",
    [KCLASS_HARD_LOCKUP] = "hard_lockup",
    [KCLASS_PANIC] = "panic",
    [KCLASS_OOM_INVOKED] = "oom_invoked",
    [KCLASS_OOM_REPORT] = "oom_report",
    [KCLASS_OOM_MEMCG] = "oom_memcg",
    [KCLASS_OOM_KILL] = "oom_kill",
    [KCLASS_OOM_REAPER] = "oom_reaper",
};

/* Short name of a class. */
const char *
kclass_name(enum kclass c)
{
	if ((unsigned)c >= KCLASS_COUNT)
		return "?";
	return class_names[c];
}

/* OOM classes. */
bool
kclass_is_oom(enum kclass c)
{
	return c >= KCLASS_OOM_INVOKED && c <= KCLASS_OOM_REAPER;
}

/* Classes that draw attention. */
bool
kclass_is_alert(enum kclass c)
{
	return c != KCLASS_NORMAL && c != KCLASS_USER && c < KCLASS_COUNT;
}

/* Does kw stand at s (len bytes left), the rest of the line holding its
 * "also" text? */
static bool
keyword_at(const struct keyword *kw, const char *s, size_t len)
{
	const char *rest;

	/* the first byte rules out most keywords without a call */
	if (kw->len > len || s[0] != kw->text[0] ||
	    memcmp(s, kw->text, kw->len) != 0)
		return false;
	rest = s + kw->len;
	return kw->also == NULL || kscan_memmem(rest, len - kw->len, kw->also,
	                                        strlen(kw->also)) != NULL;
}

/* Length of the prefix of s that is one of prefixes[n], or 0. */
static size_t
prefix_len(const char *s, size_t len, const char *const *prefixes, size_t n)
{
	size_t i, plen;

	for (i = 0; i < n; i++) {
		if (len == 0 || s[0] != prefixes[i][0])
			continue;
		plen = strlen(prefixes[i]);
		if (plen <= len && memcmp(s, prefixes[i], plen) == 0)
			return plen;
	}
	return 0;
}

/* Does kw match the message m (len bytes) where its anchor puts it? */
static bool
keyword_matches(const struct keyword *kw, const char *m, size_t len)
{
	size_t i, p;

	switch (kw->at) {
	case AFTER_WATCHDOG:
		p = prefix_len(m, len, watchdog_prefixes,
		               sizeof watchdog_prefixes /
		                   sizeof watchdog_prefixes[0]);
		return keyword_at(kw, m + p, len - p);
	case AFTER_OOM:
		p = prefix_len(m, len, oom_messages,
		               sizeof oom_messages / sizeof oom_messages[0]);
		return keyword_at(kw, m + p, len - p);
	case AFTER_COMM: /* the keyword starts with the blank after it */
		for (i = 1; i <= COMM_MAX && i < len; i++)
			if (m[i] == kw->text[0] &&
			    keyword_at(kw, m + i, len - i))
				return true;
		return false;
	case AT_START_OR_AFTER_COMM:
		if (keyword_at(kw, m, len))
			return true;
		for (i = 1; i <= COMM_MAX && i + 2 < len; i++)
			if (m[i] == ':' && m[i + 1] == ' ' &&
			    keyword_at(kw, m + i + 2, len - i - 2))
				return true;
		return false;
	case AT_START:
	default:
		return keyword_at(kw, m, len);
	}
}

/* Index of the highest-priority keyword of the message, or NKEYWORDS. */
static size_t
best_keyword(const char *text, size_t len)
{
	size_t at = kscan_message_start(text, len), i;

	for (i = 0; i < NKEYWORDS; i++)
		if (keyword_matches(&keywords[i], text + at, len - at))
			return i;
	return NKEYWORDS;
}

/* Class of one line. */
enum kclass
kclass_of(const char *text, size_t len, int level, bool from_user)
{
	size_t k;

	if (from_user)
		return KCLASS_USER;
	k = best_keyword(text, len);
	if (k < NKEYWORDS && keywords[k].cls != KCLASS_WARNING)
		return keywords[k].cls;
	if (level >= 0 && level <= 3)
		return KCLASS_ERROR;
	if (level == 4 || k < NKEYWORDS)
		return KCLASS_WARNING;
	return KCLASS_NORMAL;
}
