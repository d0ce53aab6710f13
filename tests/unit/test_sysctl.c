/* Unit tests for model/sysctl.c: every meaning sentence from sysctl
 * fixtures (table-driven), the summary and the taint decoding. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/sysctl.h"

#define S(lit) lit, sizeof(lit) - 1

/* The values of a typical server, parsed from file texts. */
static void
defaults(struct sysctl_values *sv)
{
	static const char *const text[SYSCTL_COUNT] = {
	    "120\n", "0\n", "1\n",     "1\n",  "10\n", "0\n", "0\n",
	    "1\n",   "1\n", "0\n",     "10\n", "0\n",  "0\n", "0\n",
	    "50\n",  "0\n", "67584\n", "60\n", "0\n",
	};
	sysctl_values_clear(sv, ENOENT);
	for (int i = 0; i < SYSCTL_COUNT; i++)
		assert_int_equal(sysctl_parse(sv, (enum sysctl_id)i, text[i],
		                              strlen(text[i])),
		                 0);
}

struct meaning_case {
	enum sysctl_id id;
	int64_t value;
	const char *want;
};

static const struct meaning_case cases[] = {
    {SYSCTL_HUNG_TASK_TIMEOUT, 120,
     "a task in D for 120 s is logged as hung unless its wait is killable"},
    {SYSCTL_HUNG_TASK_TIMEOUT, 0,
     "hung-task check off: a task stuck in D is never reported"},
    {SYSCTL_HUNG_TASK_PANIC, 0, "a hung task is logged, no panic"},
    {SYSCTL_HUNG_TASK_PANIC, 1, "a hung task panics the machine"},
    {SYSCTL_WATCHDOG_THRESH, 10,
     "a soft lockup after 20 s, a hard lockup after 10 s"},
    {SYSCTL_WATCHDOG_THRESH, 0, "lockup detectors off"},
    {SYSCTL_WATCHDOG, 0, "lockup detectors off, soft and hard alike"},
    {SYSCTL_WATCHDOG, 1, "lockup detectors on, each as its own switch says"},
    {SYSCTL_SOFT_WATCHDOG, 0, "soft-lockup detector off"},
    {SYSCTL_SOFT_WATCHDOG, 1, "soft-lockup detector on"},
    {SYSCTL_SOFTLOCKUP_PANIC, 0, "a soft lockup is logged, no panic"},
    {SYSCTL_SOFTLOCKUP_PANIC, 1, "a soft lockup panics the machine"},
    {SYSCTL_HARDLOCKUP_PANIC, 0, "a hard lockup is logged, no panic"},
    {SYSCTL_HARDLOCKUP_PANIC, 1, "a hard lockup panics the machine"},
    {SYSCTL_NMI_WATCHDOG, 0, "hard-lockup detector (NMI watchdog) off"},
    {SYSCTL_NMI_WATCHDOG, 1, "hard-lockup detector (NMI watchdog) on"},
    {SYSCTL_PANIC_ON_OOPS, 0, "an oops kills the task, the machine goes on"},
    {SYSCTL_PANIC_ON_OOPS, 1, "an oops panics the machine"},
    {SYSCTL_PANIC_ON_WARN, 0, "a kernel warning is logged, no panic"},
    {SYSCTL_PANIC_ON_WARN, 1, "a kernel warning panics the machine"},
    {SYSCTL_PANIC, 10, "after a panic the machine reboots in 10 s"},
    {SYSCTL_PANIC, 0, "after a panic the machine stays halted, never reboots"},
    {SYSCTL_PANIC, -1, "after a panic the machine reboots at once"},
    {SYSCTL_PANIC_ON_OOM, 0,
     "out of memory: the OOM killer kills a process, no panic"},
    {SYSCTL_PANIC_ON_OOM, 1,
     "out of memory: panic, unless confined to a cgroup, cpuset or "
     "mempolicy"},
    {SYSCTL_PANIC_ON_OOM, 2, "out of memory: panic always, even in a cgroup"},
    {SYSCTL_OOM_KILL_ALLOCATING, 0,
     "the OOM killer kills the task with the highest oom_score"},
    {SYSCTL_OOM_KILL_ALLOCATING, 1,
     "the OOM killer kills the task that asked for memory"},
    {SYSCTL_OVERCOMMIT_MEMORY, 0,
     "heuristic: only obvious overcommits are refused"},
    {SYSCTL_OVERCOMMIT_MEMORY, 1,
     "always overcommit: allocations never fail, the OOM killer decides"},
    {SYSCTL_OVERCOMMIT_MEMORY, 2,
     "strict: allocations past CommitLimit fail (swap + ratio or kbytes of "
     "RAM)"},
    {SYSCTL_OVERCOMMIT_RATIO, 50,
     "in strict mode CommitLimit is swap + 50% of RAM"},
    {SYSCTL_OVERCOMMIT_KBYTES, 0, "unused: overcommit_ratio applies"},
    {SYSCTL_OVERCOMMIT_KBYTES, 1048576,
     "in strict mode CommitLimit is swap + 1048576 kB"},
    {SYSCTL_MIN_FREE_KBYTES, 67584,
     "the kernel keeps 67584 kB free; below it allocations reclaim or wait"},
    {SYSCTL_SWAPPINESS, 0,
     "no swapping while cache can be dropped (of 0-200: higher swaps "
     "sooner)"},
    {SYSCTL_SWAPPINESS, 10,
     "swaps anonymous memory reluctantly (of 0-200: higher swaps sooner)"},
    {SYSCTL_SWAPPINESS, 60,
     "swaps anonymous memory as usual (of 0-200: higher swaps sooner)"},
    {SYSCTL_SWAPPINESS, 150,
     "prefers swapping to dropping cache (of 0-200: higher swaps sooner)"},
    {SYSCTL_TAINTED, 0, "not tainted"},
    {SYSCTL_TAINTED, 4097,
     "tainted P O: proprietary module, out-of-tree module"},
};

static void
test_every_meaning(void **state)
{
	struct sysctl_values sv;
	char buf[256];
	bool seen[SYSCTL_COUNT] = {false};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		defaults(&sv);
		sv.v[cases[i].id] = cases[i].value;
		sysctl_meaning(&sv, cases[i].id, buf, sizeof buf);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("case %zu (%s=%lld): got \"%s\"", i,
			         sysctl_def(cases[i].id)->name,
			         (long long)cases[i].value, buf);
		seen[cases[i].id] = true;
	}
	for (int i = 0; i < SYSCTL_COUNT; i++)
		assert_true(seen[i]); /* a case for every setting */
}

/* watchdog_thresh and the switches under kernel.watchdog, soft_watchdog
 * and nmi_watchdog (SNAP_NA: unreadable). */
struct lockup_case {
	int64_t watchdog, soft, nmi;
	const char *thresh, *soft_says, *nmi_says, *summary;
};

static const struct lockup_case lockup_cases[] = {
    {1, 1, 1, "a soft lockup after 20 s, a hard lockup after 10 s",
     "soft-lockup detector on", "hard-lockup detector (NMI watchdog) on",
     "a soft lockup is logged after 20 s"},
    {1, 1, 0, "a soft lockup after 20 s, hard lockups not detected",
     "soft-lockup detector on", "hard-lockup detector (NMI watchdog) off",
     "a soft lockup is logged after 20 s"},
    {1, 0, 1, "soft lockups not detected, a hard lockup after 10 s",
     "soft-lockup detector off", "hard-lockup detector (NMI watchdog) on",
     "soft lockups are not detected"},
    {1, 0, 0, "lockup detectors off", "soft-lockup detector off",
     "hard-lockup detector (NMI watchdog) off",
     "soft lockups are not detected"},
    {0, 1, 1, "lockup detectors off",
     "soft-lockup detector off: kernel.watchdog is 0",
     "hard-lockup detector (NMI watchdog) off: kernel.watchdog is 0",
     "lockups are not detected"},
    {SNAP_NA, 1, 1,
     "a soft lockup after 20 s if its detector is on, a hard lockup after "
     "10 s if the NMI watchdog is on",
     "soft-lockup detector on if kernel.watchdog is",
     "hard-lockup detector (NMI watchdog) on if kernel.watchdog is",
     "a soft lockup is logged after 20 s if its detector is on"},
};

/* Set setting id to v (SNAP_NA: unreadable, EACCES). */
static void
set_or_na(struct sysctl_values *sv, enum sysctl_id id, int64_t v)
{
	sv->v[id] = v;
	sv->err[id] = v == SNAP_NA ? EACCES : 0;
}

static void
test_lockup_switches(void **state)
{
	struct sysctl_values sv;
	char buf[320];
	(void)state;
	for (size_t i = 0; i < sizeof lockup_cases / sizeof lockup_cases[0];
	     i++) {
		const struct lockup_case *c = &lockup_cases[i];

		defaults(&sv);
		set_or_na(&sv, SYSCTL_WATCHDOG, c->watchdog);
		set_or_na(&sv, SYSCTL_SOFT_WATCHDOG, c->soft);
		set_or_na(&sv, SYSCTL_NMI_WATCHDOG, c->nmi);
		assert_string_equal(sysctl_meaning(&sv, SYSCTL_WATCHDOG_THRESH,
		                                   buf, sizeof buf),
		                    c->thresh);
		assert_string_equal(
		    sysctl_meaning(&sv, SYSCTL_SOFT_WATCHDOG, buf, sizeof buf),
		    c->soft_says);
		assert_string_equal(
		    sysctl_meaning(&sv, SYSCTL_NMI_WATCHDOG, buf, sizeof buf),
		    c->nmi_says);
		sysctl_summary(&sv, buf, sizeof buf);
		if (strstr(buf, c->summary) == NULL)
			fail_msg("case %zu: summary \"%s\"", i, buf);
		/* a lockup's panic switch does nothing while its detector
		 * is off, and says so */
		sv.v[SYSCTL_SOFTLOCKUP_PANIC] = 1;
		sysctl_meaning(&sv, SYSCTL_SOFTLOCKUP_PANIC, buf, sizeof buf);
		assert_string_equal(buf,
		                    c->watchdog == 0 || c->soft == 0
		                        ? "no effect while the soft-lockup "
		                          "detector is off (with it on: a "
		                          "panic)"
		                        : "a soft lockup panics the machine");
		sv.v[SYSCTL_HARDLOCKUP_PANIC] = 0;
		sysctl_meaning(&sv, SYSCTL_HARDLOCKUP_PANIC, buf, sizeof buf);
		assert_string_equal(buf,
		                    c->watchdog == 0 || c->nmi == 0
		                        ? "no effect while the hard-lockup "
		                          "detector is off (with it on: "
		                          "logged, no panic)"
		                        : "a hard lockup is logged, no panic");
	}
	/* no nmi_watchdog file: no hard-lockup detector */
	defaults(&sv);
	sv.v[SYSCTL_NMI_WATCHDOG] = SNAP_NA;
	sv.err[SYSCTL_NMI_WATCHDOG] = ENOENT;
	assert_string_equal(
	    sysctl_meaning(&sv, SYSCTL_WATCHDOG_THRESH, buf, sizeof buf),
	    "a soft lockup after 20 s, hard lockups not detected");
}

static void
test_ratio_unused_with_kbytes(void **state)
{
	struct sysctl_values sv;
	char buf[256];
	(void)state;
	defaults(&sv);
	sv.v[SYSCTL_OVERCOMMIT_KBYTES] = 4096;
	assert_string_equal(
	    sysctl_meaning(&sv, SYSCTL_OVERCOMMIT_RATIO, buf, sizeof buf),
	    "unused: overcommit_kbytes is set");
}

static void
test_missing_and_bad(void **state)
{
	struct sysctl_values sv;
	char buf[256];
	(void)state;
	sysctl_values_clear(&sv, ENOENT);
	assert_string_equal(
	    sysctl_meaning(&sv, SYSCTL_HUNG_TASK_TIMEOUT, buf, sizeof buf),
	    "N/A: kernel built without the hung-task detector");
	assert_int_equal(sysctl_parse(&sv, SYSCTL_PANIC, S("ten\n")), -1);
	assert_int_equal(sv.err[SYSCTL_PANIC], EINVAL);
	assert_string_equal(sysctl_meaning(&sv, SYSCTL_PANIC, buf, sizeof buf),
	                    "N/A: not a number");
	sv.err[SYSCTL_PANIC] = EACCES;
	assert_string_equal(sysctl_meaning(&sv, SYSCTL_PANIC, buf, sizeof buf),
	                    "N/A: Permission denied");
	assert_int_equal(sysctl_parse(&sv, SYSCTL_PANIC, S("-1\n")), 0);
	assert_int_equal(sv.v[SYSCTL_PANIC], -1);
	assert_string_equal(sysctl_def(SYSCTL_PANIC_ON_OOM)->path,
	                    "sys/vm/panic_on_oom");
}

static void
test_summary(void **state)
{
	struct sysctl_values sv;
	char buf[320];
	(void)state;
	defaults(&sv);
	assert_string_equal(sysctl_summary(&sv, buf, sizeof buf),
	                    "a task in D for 120 s is logged unless killable, "
	                    "the machine does not panic; a soft lockup is "
	                    "logged after 20 s; an "
	                    "oops panics and reboots after 10 s");
	sv.v[SYSCTL_HUNG_TASK_PANIC] = 1;
	sv.v[SYSCTL_SOFTLOCKUP_PANIC] = 1;
	sv.v[SYSCTL_PANIC] = 0;
	assert_string_equal(
	    sysctl_summary(&sv, buf, sizeof buf),
	    "a task in D for 120 s is logged unless killable, "
	    "the machine panics; a soft lockup is a panic after 20 s; an "
	    "oops panics and stays down");
	sv.v[SYSCTL_HUNG_TASK_TIMEOUT] = 0;
	sv.v[SYSCTL_WATCHDOG_THRESH] = 0;
	sv.v[SYSCTL_PANIC_ON_OOPS] = 0;
	assert_string_equal(sysctl_summary(&sv, buf, sizeof buf),
	                    "a task stuck in D is never reported; lockups are "
	                    "not detected; an oops kills the task, no panic");
	sysctl_values_clear(&sv, ENOENT);
	sv.v[SYSCTL_PANIC_ON_OOPS] = 1;
	sv.err[SYSCTL_PANIC_ON_OOPS] = 0;
	sv.v[SYSCTL_PANIC] = -1;
	sv.err[SYSCTL_PANIC] = 0;
	assert_string_equal(
	    sysctl_summary(&sv, buf, sizeof buf),
	    "no hung-task check is known; no lockup detector is "
	    "known; an oops panics and reboots at once");
}

static void
test_taint(void **state)
{
	static const char letters[] = "PFSRMBUDAWCIOELKXTNJ";
	char buf[512];
	(void)state;
	for (unsigned b = 0; b < 20; b++) {
		char want[2] = {letters[b], '\0'};
		assert_string_equal(
		    sysctl_taint_letters((uint64_t)1 << b, buf, sizeof buf),
		    want);
	}
	assert_string_equal(sysctl_taint_letters(0, buf, sizeof buf), "");
	assert_string_equal(
	    sysctl_taint_letters((1u << 9) | (1u << 13) | (1u << 21), buf,
	                         sizeof buf),
	    "W E bit21");
	assert_string_equal(
	    sysctl_taint_words((1u << 7) | (1u << 14), buf, sizeof buf),
	    "kernel died (oops or BUG), soft lockup");
	/* every bit set fits, ends cleanly when cut */
	sysctl_taint_words(UINT64_MAX, buf, 40);
	assert_true(strlen(buf) == 39);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_meaning),
	    cmocka_unit_test(test_lockup_switches),
	    cmocka_unit_test(test_ratio_unused_with_kbytes),
	    cmocka_unit_test(test_missing_and_bad),
	    cmocka_unit_test(test_summary),
	    cmocka_unit_test(test_taint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
