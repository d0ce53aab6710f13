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
#define L(lit) lit, sizeof(lit) - 1

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
	/* of the keywords in their places, the highest in the table wins */
	assert_int_equal(CLS("Out of memory: Killed process 1 (BUG: x) "
	                     "total-vm:4kB"),
	                 KCLASS_OOM_KILL);
	assert_int_equal(CLS("Kernel panic - not syncing: Hard LOCKUP"),
	                 KCLASS_PANIC);
	/* a keyword out of its place is none: the line is a warning */
	assert_int_equal(CLS("WARNING: soft lockup - CPU#1 stuck"),
	                 KCLASS_WARNING);
	/* a keyword cut at the end of the text does not match */
	assert_int_equal(CLS("Kernel panic - not syncin"), KCLASS_NORMAL);
}

static void
test_keywords_only_where_the_kernel_prints_them(void **state)
{
	(void)state;
	/* 58.txt's own comment line quotes a report: no oops */
	assert_int_equal(
	    CLS("# src: github.com/multipath-tcp/mptcp/issues/30 "
	        "(3.11: old wording \"unable to handle kernel NULL "
	        "pointer dereference at\", IP: line)"),
	    KCLASS_NORMAL);
	/* drivers say "Out of memory" too (built from dev_err forms) */
	assert_int_equal(kclass_of(L("nouveau 0000:01:00.0: fifo: Out of "
	                             "memory"),
	                           3, false),
	                 KCLASS_ERROR);
	assert_int_equal(CLS("mydrv: Out of memory: Killed process 5 (x) "
	                     "total-vm:8kB"),
	                 KCLASS_NORMAL);
	assert_int_equal(CLS("traps: a.out[123] general protection fault "
	                     "ip:401136 sp:7ffd error:0 in a.out"),
	                 KCLASS_NORMAL); /* a user process's fault */
	assert_int_equal(CLS("Task in /a/b"), KCLASS_NORMAL); /* a fragment */
	assert_int_equal(CLS("a driver with a long name: page allocation "
	                     "failure: order:0"),
	                 KCLASS_NORMAL);
	assert_int_equal(
	    CLS("a note saying that x invoked oom-killer: gfp_mask=0"),
	    KCLASS_NORMAL);
	/* the real forms, with their prefixes */
	assert_int_equal(CLS("Isolated Web Co invoked oom-killer: gfp_mask="
	                     "0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"),
	                 KCLASS_OOM_INVOKED);
	assert_int_equal(CLS("page allocation failure: order:0, mode:0x2080020"
	                     "(GFP_ATOMIC)"),
	                 KCLASS_ALLOC_FAILURE); /* 66.txt */
	assert_int_equal(CLS("kworker/u16:3: page allocation failure: order:4, "
	                     "mode:0x40dc0(GFP_KERNEL|__GFP_COMP)"),
	                 KCLASS_ALLOC_FAILURE); /* 61.txt: a 13-byte comm */
	assert_int_equal(CLS(" Kernel panic - not syncing: Attempted to kill "
	                     "init! exitcode=0x0000000b"),
	                 KCLASS_PANIC); /* 54.txt */
	assert_int_equal(CLS("[  T1234] Kernel panic - not syncing: x"),
	                 KCLASS_PANIC); /* dmesg, CONFIG_PRINTK_CALLER */
	assert_int_equal(CLS("Out of memory (oom_kill_allocating_task): "
	                     "Killed process 9 (x) total-vm:8kB"),
	                 KCLASS_OOM_KILL);
	assert_int_equal(CLS("Task in /a/b killed as a result of limit of /a"),
	                 KCLASS_OOM_MEMCG);
	assert_int_equal(CLS("BUG: unable to handle kernel NULL pointer "
	                     "dereference at 0000000000000014"),
	                 KCLASS_OOPS); /* 58.txt */
	assert_int_equal(CLS("Unable to handle kernel NULL pointer dereference "
	                     "at virtual address 0000000c"),
	                 KCLASS_OOPS); /* 60.txt */
	assert_int_equal(CLS("BUG: Kernel NULL pointer dereference on read at "
	                     "0x00000000"),
	                 KCLASS_OOPS); /* powerpc */
	assert_int_equal(CLS("watchdog: CPU 2 self-detected hard LOCKUP @ "
	                     "plpar_hcall_norets+0x1c/0x28"),
	                 KCLASS_HARD_LOCKUP); /* powerpc */
	assert_int_equal(CLS("Watchdog detected hard LOCKUP on cpu 3"),
	                 KCLASS_HARD_LOCKUP); /* 41.txt */
	assert_int_equal(CLS("NMI watchdog: BUG: soft lockup - CPU#0 stuck "
	                     "for 22s! [sshd:2645]"),
	                 KCLASS_SOFT_LOCKUP); /* 38.txt */
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
	    cmocka_unit_test(test_keywords_only_where_the_kernel_prints_them),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
