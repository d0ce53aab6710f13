/* Unit tests for the line classifier (model/kclass.c): one corpus line per
 * class, the priority between keywords, levels, and the userspace rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/kclass.h"

/* Class of a literal at an unknown level, from the kernel. */
#define CLS(lit) kclass_of(lit, sizeof(lit) - 1, -1, false)

static void
test_oom_classes(void **state)
{
	(void)state;
	assert_int_equal(CLS("hog invoked oom-killer: gfp_mask=0xcc0(GFP_"
	                     "KERNEL), order=0, oom_score_adj=0"),
	                 KCLASS_OOM_INVOKED);
	assert_int_equal(CLS("Memory cgroup out of memory: Killed process 5807 "
	                     "(hog) total-vm:68268kB"),
	                 KCLASS_OOM_KILL);
	assert_int_equal(CLS("Out of memory: Kill process 6576 (mysqld) score "
	                     "651 or sacrifice child"),
	                 KCLASS_OOM_KILL);
	assert_int_equal(CLS("oom_reaper: reaped process 473206 (doxygen), now "
	                     "anon-rss:0kB"),
	                 KCLASS_OOM_REAPER);
	assert_int_equal(CLS("Memory cgroup stats for /process_api/b1c8/"
	                     "rr_oomtest:"),
	                 KCLASS_OOM_MEMCG);
	assert_int_equal(CLS("memory: usage 65536kB, limit 65536kB, failcnt "
	                     "19"),
	                 KCLASS_OOM_MEMCG);
	assert_int_equal(CLS("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=("
	                     "null)"),
	                 KCLASS_OOM_REPORT);
	assert_int_equal(CLS("Tasks state (memory values in pages):"),
	                 KCLASS_OOM_REPORT);
	assert_int_equal(CLS("[  pid  ]   uid  tgid total_vm      rss pgtables_"
	                     "bytes swapents oom_score_adj name"),
	                 KCLASS_OOM_REPORT);
	assert_int_equal(CLS("Mem-Info:"), KCLASS_OOM_REPORT);
	assert_int_equal(CLS("Out of memory and no killable processes..."),
	                 KCLASS_OOM_REPORT);
	assert_true(kclass_is_oom(KCLASS_OOM_REAPER));
	assert_false(kclass_is_oom(KCLASS_PANIC));
}

static void
test_trouble_classes(void **state)
{
	(void)state;
	assert_int_equal(CLS("INFO: task kworker/2:1:5747 blocked for more "
	                     "than 120 seconds."),
	                 KCLASS_HUNG_TASK);
	assert_int_equal(CLS("\"echo 0 > /proc/sys/kernel/hung_task_timeout_"
	                     "secs\" disables this message."),
	                 KCLASS_HUNG_TASK);
	assert_int_equal(CLS("watchdog: BUG: soft lockup - CPU#2 stuck for "
	                     "23s! [kworker/2:1:25629]"),
	                 KCLASS_SOFT_LOCKUP);
	assert_int_equal(CLS("NMI watchdog: Watchdog detected hard LOCKUP on "
	                     "cpu 1"),
	                 KCLASS_HARD_LOCKUP);
	assert_int_equal(CLS("Kernel panic - not syncing: softlockup: hung "
	                     "tasks"),
	                 KCLASS_PANIC);
	assert_int_equal(CLS("Kernel panic - not syncing: Hard LOCKUP"),
	                 KCLASS_PANIC);
	assert_int_equal(CLS("BUG: kernel NULL pointer dereference, address: "
	                     "0000000000000020"),
	                 KCLASS_OOPS);
	assert_int_equal(CLS("Internal error: Oops: 17 [#2] ARM"), KCLASS_OOPS);
	assert_int_equal(CLS("swapper/21: page allocation failure: order:0, "
	                     "mode:0x20"),
	                 KCLASS_ALLOC_FAILURE);
	assert_int_equal(CLS("WARNING: CPU: 3 PID: 0 at /build/linux/kernel/"
	                     "watchdog.c:265"),
	                 KCLASS_WARNING);
	assert_int_equal(CLS("x86/CPU: Model not found in latest microcode "
	                     "list"),
	                 KCLASS_NORMAL);
	assert_int_equal(CLS(""), KCLASS_NORMAL);
}

static void
test_levels(void **state)
{
	(void)state;
	assert_int_equal(kclass_of("disk error", 10, 3, false), KCLASS_ERROR);
	assert_int_equal(kclass_of("disk error", 10, 0, false), KCLASS_ERROR);
	assert_int_equal(kclass_of("disk error", 10, 4, false), KCLASS_WARNING);
	assert_int_equal(kclass_of("disk error", 10, 6, false), KCLASS_NORMAL);
	/* a keyword wins over the level */
	assert_int_equal(kclass_of("Mem-Info:", 9, 4, false),
	                 KCLASS_OOM_REPORT);
	/* "WARNING:" at level 3 is an error */
	assert_int_equal(kclass_of("WARNING: x", 10, 3, false), KCLASS_ERROR);
}

static void
test_user_records_never_kernel_classes(void **state)
{
	static const char forged[] =
	    "Out of memory: Killed process 4242 (forged) total-vm:1kB";
	(void)state;
	assert_int_equal(kclass_of(forged, sizeof forged - 1, 0, true),
	                 KCLASS_USER);
	assert_int_equal(
	    kclass_of("Kernel panic - not syncing: x", 29, 0, true),
	    KCLASS_USER);
	assert_false(kclass_is_alert(KCLASS_USER));
	assert_true(kclass_is_alert(KCLASS_OOM_KILL));
}

static void
test_priority(void **state)
{
	(void)state;
	/* the keyword highest in the table wins wherever it is */
	assert_int_equal(CLS("Out of memory: Killed process 1 (BUG: x) "
	                     "total-vm:4kB"),
	                 KCLASS_OOM_KILL);
	assert_int_equal(CLS("WARNING: soft lockup - CPU#1 stuck"),
	                 KCLASS_SOFT_LOCKUP);
	/* a keyword cut at the end of the text does not match */
	assert_int_equal(CLS("Kernel panic - not syncin"), KCLASS_NORMAL);
}

static void
test_names(void **state)
{
	int i, j;
	(void)state;
	for (i = 0; i < KCLASS_COUNT; i++) {
		assert_non_null(kclass_name((enum kclass)i));
		assert_string_not_equal(kclass_name((enum kclass)i), "?");
		for (j = 0; j < i; j++)
			assert_string_not_equal(kclass_name((enum kclass)i),
			                        kclass_name((enum kclass)j));
	}
	assert_string_equal(kclass_name(KCLASS_OOM_KILL), "oom_kill");
	assert_string_equal(kclass_name(KCLASS_COUNT), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_oom_classes),
	    cmocka_unit_test(test_trouble_classes),
	    cmocka_unit_test(test_levels),
	    cmocka_unit_test(test_user_records_never_kernel_classes),
	    cmocka_unit_test(test_priority),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
