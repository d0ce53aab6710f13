/*
 * kclass.c: the keyword table and the one-pass matcher (see kclass.h).
 *
 * The matcher walks the line once; at each byte it looks only at keywords
 * that start with that byte (a per-call index of 256 entries chained by
 * first byte), so a line costs about one table lookup per byte however
 * many keywords there are.
 */
#include "model/kclass.h"

#include <stdint.h>
#include <string.h>

struct keyword {
	const char *text;
	size_t len;
	enum kclass cls;
};

#define KW(s, c)                                                               \
	{                                                                      \
		s, sizeof(s) - 1, c                                            \
	}

/* Priority order: the first keyword in this table that occurs wins. */
static const struct keyword keywords[] = {
    KW("Kernel panic - not syncing", KCLASS_PANIC),
    KW("ard LOCKUP", KCLASS_HARD_LOCKUP), /* "hard LOCKUP", "Hard LOCKUP" */
    KW("soft lockup - CPU#", KCLASS_SOFT_LOCKUP),
    KW("blocked for more than", KCLASS_HUNG_TASK),
    KW("hung_task_timeout_secs", KCLASS_HUNG_TASK),
    KW("Killed process ", KCLASS_OOM_KILL),
    KW("Kill process ", KCLASS_OOM_KILL),
    KW("oom_reaper: ", KCLASS_OOM_REAPER),
    KW(" invoked oom-killer", KCLASS_OOM_INVOKED),
    KW("Memory cgroup out of memory", KCLASS_OOM_MEMCG),
    KW("Memory cgroup stats for", KCLASS_OOM_MEMCG),
    KW("Memory cgroup min protection", KCLASS_OOM_MEMCG),
    KW("killed as a result of limit of", KCLASS_OOM_MEMCG),
    KW("memory+swap: usage ", KCLASS_OOM_MEMCG),
    KW("memory: usage ", KCLASS_OOM_MEMCG),
    KW("due to memory.oom.group", KCLASS_OOM_MEMCG),
    KW("oom-kill:", KCLASS_OOM_REPORT),
    KW("Tasks state (memory values in pages)", KCLASS_OOM_REPORT),
    KW("Out of memory", KCLASS_OOM_REPORT),
    KW("Mem-Info:", KCLASS_OOM_REPORT),
    KW("oom_score_adj name", KCLASS_OOM_REPORT), /* task table header */
    KW("is already exiting. Skip killing", KCLASS_OOM_REPORT),
    KW("NULL pointer dereference", KCLASS_OOPS),
    KW("Oops: ", KCLASS_OOPS),
    KW("BUG: ", KCLASS_OOPS),
    KW("general protection fault", KCLASS_OOPS),
    KW("kernel BUG at", KCLASS_OOPS),
    KW("page allocation failure", KCLASS_ALLOC_FAILURE),
    KW("WARNING: ", KCLASS_WARNING),
    KW("------------[ cut here ]", KCLASS_WARNING),
};

#define NKEYWORDS (sizeof keywords / sizeof keywords[0])
_Static_assert(NKEYWORDS < 255, "keyword index must fit a uint8_t");

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

/* Index of the highest-priority keyword in text, or NKEYWORDS. */
static size_t
best_keyword(const char *text, size_t len)
{
	uint8_t first[256], next[NKEYWORDS];
	size_t i, j, best = NKEYWORDS;
	unsigned char c;

	memset(first, 0xff, sizeof first);
	for (j = NKEYWORDS; j-- > 0;) {
		c = (unsigned char)keywords[j].text[0];
		next[j] = first[c];
		first[c] = (uint8_t)j;
	}
	for (i = 0; i < len; i++) {
		for (j = first[(unsigned char)text[i]]; j < best; j = next[j]) {
			if (keywords[j].len <= len - i &&
			    memcmp(text + i, keywords[j].text,
			           keywords[j].len) == 0) {
				best = j;
				break;
			}
		}
		if (best == 0)
			break;
	}
	return best;
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
