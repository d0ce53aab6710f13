/* sysctl.c: the settings that decide what happens next, explained (see
 * sysctl.h). */
#include "model/sysctl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "model/textscan.h"

/* Writes the meaning of value v into buf (size bytes); sv for settings
 * that depend on another one. */
typedef void (*sysctl_explain_fn)(const struct sysctl_values *sv, int64_t v,
                                  char *buf, size_t size);

static void sysctl_x_hung(const struct sysctl_values *, int64_t, char *,
                          size_t);
static void sysctl_x_watchdog(const struct sysctl_values *, int64_t, char *,
                              size_t);
static void sysctl_x_soft(const struct sysctl_values *, int64_t, char *,
                          size_t);
static void sysctl_x_nmi(const struct sysctl_values *, int64_t, char *, size_t);
static void sysctl_x_panic(const struct sysctl_values *, int64_t, char *,
                           size_t);
static void sysctl_x_oom(const struct sysctl_values *, int64_t, char *, size_t);
static void sysctl_x_overcommit(const struct sysctl_values *, int64_t, char *,
                                size_t);
static void sysctl_x_ratio(const struct sysctl_values *, int64_t, char *,
                           size_t);
static void sysctl_x_kbytes(const struct sysctl_values *, int64_t, char *,
                            size_t);
static void sysctl_x_minfree(const struct sysctl_values *, int64_t, char *,
                             size_t);
static void sysctl_x_swappiness(const struct sysctl_values *, int64_t, char *,
                                size_t);
static void sysctl_x_tainted(const struct sysctl_values *, int64_t, char *,
                             size_t);

/* A 0/1 setting: what 0 means and what non-zero means. */
struct sysctl_flag {
	const char *off, *on;
};

static const struct sysctl_def sysctl_defs[SYSCTL_COUNT] = {
    {"kernel.hung_task_timeout_secs", "sys/kernel/hung_task_timeout_secs",
     "kernel built without the hung-task detector"},
    {"kernel.hung_task_panic", "sys/kernel/hung_task_panic",
     "kernel built without the hung-task detector"},
    {"kernel.watchdog", "sys/kernel/watchdog",
     "kernel built without the lockup detectors"},
    {"kernel.soft_watchdog", "sys/kernel/soft_watchdog",
     "kernel older than 4.5 or without the soft-lockup detector"},
    {"kernel.watchdog_thresh", "sys/kernel/watchdog_thresh",
     "kernel built without the lockup detectors"},
    {"kernel.softlockup_panic", "sys/kernel/softlockup_panic",
     "kernel built without the soft-lockup detector"},
    {"kernel.hardlockup_panic", "sys/kernel/hardlockup_panic",
     "kernel built without the hard-lockup detector"},
    {"kernel.nmi_watchdog", "sys/kernel/nmi_watchdog",
     "kernel built without the hard-lockup detector"},
    {"kernel.panic_on_oops", "sys/kernel/panic_on_oops", "not in /proc/sys"},
    {"kernel.panic_on_warn", "sys/kernel/panic_on_warn",
     "kernel older than 3.19"},
    {"kernel.panic", "sys/kernel/panic", "not in /proc/sys"},
    {"vm.panic_on_oom", "sys/vm/panic_on_oom", "not in /proc/sys"},
    {"vm.oom_kill_allocating_task", "sys/vm/oom_kill_allocating_task",
     "not in /proc/sys"},
    {"vm.overcommit_memory", "sys/vm/overcommit_memory", "not in /proc/sys"},
    {"vm.overcommit_ratio", "sys/vm/overcommit_ratio", "not in /proc/sys"},
    {"vm.overcommit_kbytes", "sys/vm/overcommit_kbytes",
     "kernel older than 3.14"},
    {"vm.min_free_kbytes", "sys/vm/min_free_kbytes", "not in /proc/sys"},
    {"vm.swappiness", "sys/vm/swappiness", "not in /proc/sys"},
    {"kernel.tainted", "sys/kernel/tainted", "not in /proc/sys"},
};

/* The 0/1 settings' meanings (NULL off: not a flag). */
static const struct sysctl_flag sysctl_flags[SYSCTL_COUNT] = {
    [SYSCTL_HUNG_TASK_PANIC] = {"a hung task is logged, no panic",
                                "a hung task panics the machine"},
    [SYSCTL_SOFTLOCKUP_PANIC] = {"a soft lockup is logged, no panic",
                                 "a soft lockup panics the machine"},
    [SYSCTL_HARDLOCKUP_PANIC] = {"a hard lockup is logged, no panic",
                                 "a hard lockup panics the machine"},
    [SYSCTL_WATCHDOG] = {"lockup detectors off, soft and hard alike",
                         "lockup detectors on, each as its own switch says"},
    [SYSCTL_PANIC_ON_OOPS] = {"an oops kills the task, the machine goes on",
                              "an oops panics the machine"},
    [SYSCTL_PANIC_ON_WARN] = {"a kernel warning is logged, no panic",
                              "a kernel warning panics the machine"},
    [SYSCTL_OOM_KILL_ALLOCATING] =
        {"the OOM killer kills the task with the highest oom_score",
         "the OOM killer kills the task that asked for memory"},
};

/* The other settings' explainers (NULL: a flag above). */
static const sysctl_explain_fn sysctl_explain[SYSCTL_COUNT] = {
    [SYSCTL_HUNG_TASK_TIMEOUT] = sysctl_x_hung,
    [SYSCTL_WATCHDOG_THRESH] = sysctl_x_watchdog,
    [SYSCTL_SOFT_WATCHDOG] = sysctl_x_soft,
    [SYSCTL_NMI_WATCHDOG] = sysctl_x_nmi,
    [SYSCTL_PANIC] = sysctl_x_panic,
    [SYSCTL_PANIC_ON_OOM] = sysctl_x_oom,
    [SYSCTL_OVERCOMMIT_MEMORY] = sysctl_x_overcommit,
    [SYSCTL_OVERCOMMIT_RATIO] = sysctl_x_ratio,
    [SYSCTL_OVERCOMMIT_KBYTES] = sysctl_x_kbytes,
    [SYSCTL_MIN_FREE_KBYTES] = sysctl_x_minfree,
    [SYSCTL_SWAPPINESS] = sysctl_x_swappiness,
    [SYSCTL_TAINTED] = sysctl_x_tainted,
};

/* The taint flags, bit by bit. */
static const struct {
	char letter;
	const char *what;
} sysctl_taints[] = {
    {'P', "proprietary module"},    {'F', "module force-loaded"},
    {'S', "out-of-spec system"},    {'R', "module force-unloaded"},
    {'M', "machine check"},         {'B', "bad page"},
    {'U', "tainted by user"},       {'D', "kernel died (oops or BUG)"},
    {'A', "ACPI table overridden"}, {'W', "kernel warning"},
    {'C', "staging driver"},        {'I', "firmware bug workaround"},
    {'O', "out-of-tree module"},    {'E', "unsigned module"},
    {'L', "soft lockup"},           {'K', "live patched"},
    {'X', "auxiliary taint"},       {'T', "randomized struct layout"},
    {'N', "in-kernel test run"},    {'J', "fwctl debug write"},
};
#define SYSCTL_NTAINTS (sizeof sysctl_taints / sizeof sysctl_taints[0])

/* The definition of setting id. */
const struct sysctl_def *
sysctl_def(enum sysctl_id id)
{
	return &sysctl_defs[id];
}

/* Every value unknown. */
void
sysctl_values_clear(struct sysctl_values *sv, int err)
{
	for (size_t i = 0; i < SYSCTL_COUNT; i++) {
		sv->v[i] = SNAP_NA;
		sv->err[i] = err;
	}
}

/* Parse one setting's text. */
int
sysctl_parse(struct sysctl_values *sv, enum sysctl_id id, const char *buf,
             size_t len)
{
	int64_t v;

	if (textscan_int_file(buf, len, &v) != 0 || v == SNAP_NA) {
		sv->v[id] = SNAP_NA;
		sv->err[id] = EINVAL;
		return -1;
	}
	sv->v[id] = v;
	sv->err[id] = 0;
	return 0;
}

/* kernel.hung_task_timeout_secs. */
static void
sysctl_x_hung(const struct sysctl_values *sv, int64_t v, char *buf, size_t size)
{
	if (v <= 0)
		snprintf(buf, size,
		         "hung-task check off: a task stuck in D "
		         "is never reported");
	else
		snprintf(buf, size,
		         "a task in D for %" PRId64
		         " s is logged as hung unless its wait is killable",
		         v);
}

/* Whether a lockup detector runs: kernel.watchdog and its own switch
 * (own: SYSCTL_SOFT_WATCHDOG or SYSCTL_NMI_WATCHDOG). 1 on, 0 off, -1
 * unknown. An absent nmi_watchdog means no hard-lockup detector. */
static int
sysctl_detector_on(const struct sysctl_values *sv, enum sysctl_id own)
{
	int64_t w = sv->v[SYSCTL_WATCHDOG], s = sv->v[own];

	if (own == SYSCTL_NMI_WATCHDOG && sv->err[own] == ENOENT)
		return 0;
	if ((w != SNAP_NA && w == 0) || (s != SNAP_NA && s == 0))
		return 0;
	return w == SNAP_NA || s == SNAP_NA ? -1 : 1;
}

/* kernel.watchdog_thresh: only the detectors that run. */
static void
sysctl_x_watchdog(const struct sysctl_values *sv, int64_t v, char *buf,
                  size_t size)
{
	int soft = sysctl_detector_on(sv, SYSCTL_SOFT_WATCHDOG);
	int hard = sysctl_detector_on(sv, SYSCTL_NMI_WATCHDOG);
	char s[80], h[80];

	if (v <= 0 || (soft == 0 && hard == 0)) {
		snprintf(buf, size, "lockup detectors off");
		return;
	}
	if (soft == 0)
		snprintf(s, sizeof s, "soft lockups not detected");
	else
		snprintf(s, sizeof s, "a soft lockup after %" PRId64 " s%s",
		         2 * v, soft < 0 ? " if its detector is on" : "");
	if (hard == 0)
		snprintf(h, sizeof h, "hard lockups not detected");
	else
		snprintf(h, sizeof h, "a hard lockup after %" PRId64 " s%s", v,
		         hard < 0 ? " if the NMI watchdog is on" : "");
	snprintf(buf, size, "%s, %s", s, h);
}

/* A detector's own switch v: on only while kernel.watchdog is on too. */
static void
sysctl_x_switch(const struct sysctl_values *sv, int64_t v, const char *what,
                char *buf, size_t size)
{
	int64_t w = sv->v[SYSCTL_WATCHDOG];

	if (v == 0)
		snprintf(buf, size, "%s off", what);
	else if (w != SNAP_NA && w == 0)
		snprintf(buf, size, "%s off: kernel.watchdog is 0", what);
	else
		snprintf(buf, size, "%s on%s", what,
		         w == SNAP_NA ? " if kernel.watchdog is" : "");
}

/* kernel.soft_watchdog. */
static void
sysctl_x_soft(const struct sysctl_values *sv, int64_t v, char *buf, size_t size)
{
	sysctl_x_switch(sv, v, "soft-lockup detector", buf, size);
}

/* kernel.nmi_watchdog. */
static void
sysctl_x_nmi(const struct sysctl_values *sv, int64_t v, char *buf, size_t size)
{
	sysctl_x_switch(sv, v, "hard-lockup detector (NMI watchdog)", buf,
	                size);
}

/* kernel.panic. */
static void
sysctl_x_panic(const struct sysctl_values *sv, int64_t v, char *buf,
               size_t size)
{
	if (v > 0)
		snprintf(buf, size,
		         "after a panic the machine reboots in %" PRId64 " s",
		         v);
	else if (v == 0)
		snprintf(buf, size,
		         "after a panic the machine stays halted, "
		         "never reboots");
	else
		snprintf(buf, size,
		         "after a panic the machine reboots at once");
}

/* The text for a setting of three values (0, 1, anything else). */
static void
sysctl_say3(int64_t v, const char *const texts[3], char *buf, size_t size)
{
	snprintf(buf, size, "%s", texts[v == 0 ? 0 : v == 1 ? 1 : 2]);
}

/* vm.panic_on_oom. */
static void
sysctl_x_oom(const struct sysctl_values *sv, int64_t v, char *buf, size_t size)
{
	static const char *const texts[3] = {
	    "out of memory: the OOM killer kills a process, no panic",
	    "out of memory: panic, unless confined to a cgroup, cpuset or "
	    "mempolicy",
	    "out of memory: panic always, even in a cgroup"};

	sysctl_say3(v, texts, buf, size);
}

/* vm.overcommit_memory. */
static void
sysctl_x_overcommit(const struct sysctl_values *sv, int64_t v, char *buf,
                    size_t size)
{
	static const char *const texts[3] = {
	    "heuristic: only obvious overcommits are refused",
	    "always overcommit: allocations never fail, the OOM killer "
	    "decides",
	    "strict: allocations past CommitLimit fail (swap + ratio or "
	    "kbytes of RAM)"};

	sysctl_say3(v, texts, buf, size);
}

/* vm.overcommit_ratio. */
static void
sysctl_x_ratio(const struct sysctl_values *sv, int64_t v, char *buf,
               size_t size)
{
	int64_t kb = sv->v[SYSCTL_OVERCOMMIT_KBYTES];

	if (kb != SNAP_NA && kb > 0)
		snprintf(buf, size, "unused: overcommit_kbytes is set");
	else
		snprintf(buf, size,
		         "in strict mode CommitLimit is swap + %" PRId64
		         "%% of RAM",
		         v);
}

/* vm.overcommit_kbytes. */
static void
sysctl_x_kbytes(const struct sysctl_values *sv, int64_t v, char *buf,
                size_t size)
{
	if (v <= 0)
		snprintf(buf, size, "unused: overcommit_ratio applies");
	else
		snprintf(buf, size,
		         "in strict mode CommitLimit is swap + %" PRId64 " kB",
		         v);
}

/* vm.min_free_kbytes. */
static void
sysctl_x_minfree(const struct sysctl_values *sv, int64_t v, char *buf,
                 size_t size)
{
	snprintf(buf, size,
	         "the kernel keeps %" PRId64
	         " kB free; below it allocations reclaim or wait",
	         v);
}

/* vm.swappiness. */
static void
sysctl_x_swappiness(const struct sysctl_values *sv, int64_t v, char *buf,
                    size_t size)
{
	snprintf(buf, size, "%s (of 0-200: higher swaps sooner)",
	         v == 0     ? "no swapping while cache can be dropped"
	         : v < 60   ? "swaps anonymous memory reluctantly"
	         : v <= 100 ? "swaps anonymous memory as usual"
	                    : "prefers swapping to dropping cache");
}

/* kernel.tainted. */
static void
sysctl_x_tainted(const struct sysctl_values *sv, int64_t v, char *buf,
                 size_t size)
{
	char l[80], w[400];

	if (v == 0) {
		snprintf(buf, size, "not tainted");
		return;
	}
	sysctl_taint_letters((uint64_t)v, l, sizeof l);
	sysctl_taint_words((uint64_t)v, w, sizeof w);
	snprintf(buf, size, "tainted %s: %s", l, w);
}

/* softlockup_panic, hardlockup_panic (v) while their detector is off:
 * true with the words (they change nothing until it is on). */
static bool
sysctl_x_idle_panic(const struct sysctl_values *sv, enum sysctl_id id,
                    int64_t v, char *buf, size_t size)
{
	bool soft = id == SYSCTL_SOFTLOCKUP_PANIC;

	if ((!soft && id != SYSCTL_HARDLOCKUP_PANIC) ||
	    sysctl_detector_on(sv, soft ? SYSCTL_SOFT_WATCHDOG
	                                : SYSCTL_NMI_WATCHDOG) != 0)
		return false;
	snprintf(buf, size,
	         "no effect while the %s-lockup detector is off (with it on: "
	         "%s)",
	         soft ? "soft" : "hard",
	         v != 0 ? "a panic" : "logged, no panic");
	return true;
}

/* The meaning of one setting. */
const char *
sysctl_meaning(const struct sysctl_values *sv, enum sysctl_id id, char *buf,
               size_t size)
{
	int64_t v = sv->v[id];

	if (sv->err[id] != 0 || v == SNAP_NA) {
		snprintf(buf, size, "N/A: %s",
		         sv->err[id] == ENOENT   ? sysctl_defs[id].why_missing
		         : sv->err[id] == EINVAL ? "not a number"
		                                 : strerror(sv->err[id]));
		return buf;
	}
	if (sysctl_x_idle_panic(sv, id, v, buf, size))
		return buf;
	if (sysctl_flags[id].off != NULL)
		snprintf(buf, size, "%s",
		         v != 0 ? sysctl_flags[id].on : sysctl_flags[id].off);
	else
		sysctl_explain[id](sv, v, buf, size);
	return buf;
}

/* The hung-task clause of the summary. */
static void
sysctl_sum_hung(const struct sysctl_values *sv, char *buf, size_t size)
{
	int64_t t = sv->v[SYSCTL_HUNG_TASK_TIMEOUT];
	int64_t p = sv->v[SYSCTL_HUNG_TASK_PANIC];

	if (t == SNAP_NA)
		snprintf(buf, size, "no hung-task check is known");
	else if (t <= 0)
		snprintf(buf, size, "a task stuck in D is never reported");
	else
		snprintf(buf, size,
		         "a task in D for %" PRId64
		         " s is logged unless killable, %s",
		         t,
		         p == SNAP_NA ? "panic unknown"
		         : p != 0     ? "the machine panics"
		                      : "the machine does not panic");
}

/* The soft-lockup clause of the summary. */
static void
sysctl_sum_lockup(const struct sysctl_values *sv, char *buf, size_t size)
{
	int64_t t = sv->v[SYSCTL_WATCHDOG_THRESH];
	int64_t p = sv->v[SYSCTL_SOFTLOCKUP_PANIC];
	int soft = sysctl_detector_on(sv, SYSCTL_SOFT_WATCHDOG);

	if (t == SNAP_NA)
		snprintf(buf, size, "no lockup detector is known");
	else if (t <= 0 || sv->v[SYSCTL_WATCHDOG] == 0)
		snprintf(buf, size, "lockups are not detected");
	else if (soft == 0)
		snprintf(buf, size, "soft lockups are not detected");
	else
		snprintf(buf, size, "a soft lockup is %s after %" PRId64 " s%s",
		         p != SNAP_NA && p != 0 ? "a panic" : "logged", 2 * t,
		         soft < 0 ? " if its detector is on" : "");
}

/* The oops clause of the summary (with kernel.panic's reboot). */
static void
sysctl_sum_oops(const struct sysctl_values *sv, char *buf, size_t size)
{
	int64_t o = sv->v[SYSCTL_PANIC_ON_OOPS];
	int64_t p = sv->v[SYSCTL_PANIC];
	char after[48] = "";

	if (o == SNAP_NA) {
		snprintf(buf, size, "what an oops does is unknown");
		return;
	}
	if (o == 0) {
		snprintf(buf, size, "an oops kills the task, no panic");
		return;
	}
	if (p > 0)
		snprintf(after, sizeof after,
		         " and reboots after %" PRId64 " s", p);
	else if (p == 0)
		snprintf(after, sizeof after, " and stays down");
	else if (p != SNAP_NA)
		snprintf(after, sizeof after, " and reboots at once");
	snprintf(buf, size, "an oops panics%s", after);
}

/* The summary sentence. */
const char *
sysctl_summary(const struct sysctl_values *sv, char *buf, size_t size)
{
	char h[96], l[96], o[96];

	sysctl_sum_hung(sv, h, sizeof h);
	sysctl_sum_lockup(sv, l, sizeof l);
	sysctl_sum_oops(sv, o, sizeof o);
	snprintf(buf, size, "%s; %s; %s", h, l, o);
	return buf;
}

/* Append bit b of a taint mask to buf (at *at), as its letter or its
 * words; a bit the table does not name is "bitN". */
static void
sysctl_taint_add(char *buf, size_t size, size_t *at, unsigned b, bool words)
{
	const char *sep = *at == 0 ? "" : words ? ", " : " ";
	int n;

	if (size == 0 || *at >= size - 1)
		return;
	if (b >= SYSCTL_NTAINTS)
		n = snprintf(buf + *at, size - *at, "%sbit%u", sep, b);
	else if (words)
		n = snprintf(buf + *at, size - *at, "%s%s", sep,
		             sysctl_taints[b].what);
	else
		n = snprintf(buf + *at, size - *at, "%s%c", sep,
		             sysctl_taints[b].letter);
	if (n > 0)
		*at = *at + (size_t)n < size ? *at + (size_t)n : size - 1;
}

/* Every set bit of mask into buf, letters or words. */
static const char *
sysctl_taint_text(uint64_t mask, char *buf, size_t size, bool words)
{
	size_t at = 0;

	if (size > 0)
		buf[0] = '\0';
	for (unsigned b = 0; b < 64; b++)
		if (mask & ((uint64_t)1 << b))
			sysctl_taint_add(buf, size, &at, b, words);
	return buf;
}

/* The taint letters. */
const char *
sysctl_taint_letters(uint64_t mask, char *buf, size_t size)
{
	return sysctl_taint_text(mask, buf, size, false);
}

/* The taint words. */
const char *
sysctl_taint_words(uint64_t mask, char *buf, size_t size)
{
	return sysctl_taint_text(mask, buf, size, true);
}
