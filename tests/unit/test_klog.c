/* Unit tests for the kernel-log line parser (model/klog.c). The lines are
 * copied from tests/fixtures/kmsg/ (the corpus) unless a comment says how
 * a line was built. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/klog.h"

static struct klog_record rec;

/* Parse a string literal. */
#define PARSE(lit) klog_parse(lit, sizeof(lit) - 1, &rec)

/* Text of the last record equals lit (length included). */
#define TEXT_IS(lit)                                                           \
	do {                                                                   \
		assert_int_equal(rec.text_len, sizeof(lit) - 1);               \
		assert_memory_equal(rec.text, lit, sizeof(lit) - 1);           \
	} while (0)

/* Time of the last record is (k, us) and its text lit. */
#define TIME_TEXT_IS(k, us, lit)                                               \
	do {                                                                   \
		assert_int_equal(rec.time.kind, k);                            \
		assert_int_equal(rec.time.usec, us);                           \
		TEXT_IS(lit);                                                  \
	} while (0)

static void
test_kmsg_record(void **state)
{
	(void)state;
	assert_int_equal(PARSE("5,0,0,-;Linux version 6.18.44-fc-v669 "
	                       "(builder@sandboxing) #1 SMP\n"),
	                 KLOG_FMT_KMSG);
	assert_int_equal(rec.facility, 0);
	assert_int_equal(rec.level, 5);
	assert_false(rec.from_user);
	assert_true(rec.has_seq);
	assert_int_equal(rec.seq, 0);
	TIME_TEXT_IS(
	    KLOG_TIME_BOOT, 0,
	    "Linux version 6.18.44-fc-v669 (builder@sandboxing) #1 SMP");

	PARSE("3,503,228226428,-;Memory cgroup out of memory: Killed process "
	      "5807 (hog)");
	assert_int_equal(rec.level, 3);
	assert_int_equal(rec.seq, 503);
	assert_int_equal(rec.time.usec, 228226428);
}

static void
test_kmsg_text_may_hold_separators(void **state)
{
	(void)state;
	/* only the first ';' ends the header */
	PARSE("6,200,144173,-;acpi PNP0A08:00: PCIe port services disabled; "
	      "not requesting _OSC control");
	TEXT_IS("acpi PNP0A08:00: PCIe port services disabled; not requesting "
	        "_OSC control");
}

static void
test_kmsg_unescape(void **state)
{
	(void)state;
	PARSE("6,91,92728,-;rcu: \\x09RCU restricting CPUs");
	TEXT_IS("rcu: \tRCU restricting CPUs");
	/* 04.txt: ESC, BEL, TAB, backslash, UTF-8, invalid bytes, DEL */
	PARSE("15,504,320290362,-;kprobe: ctrl \\x1b[31mRED\\x1b[0m "
	      "bell\\x07 tab\\x09 bs\\x5c utf8 \\xc3\\xa9 bad \\xff\\xfe "
	      "del\\x7f end");
	TEXT_IS("kprobe: ctrl \x1b[31mRED\x1b[0m bell\x07 tab\x09 bs\\ utf8 "
	        "\xc3\xa9 bad \xff\xfe del\x7f end");
	assert_int_equal(rec.facility, 1);
	assert_int_equal(rec.level, 7);
	assert_true(rec.from_user);
	/* 05.txt: a decoded newline stays inside the one record */
	PARSE("15,720,426109739,-;kprobe5: first line\\x0a second line same "
	      "write");
	TEXT_IS("kprobe5: first line\n second line same write");
	/* 67.txt: \x5c is a backslash */
	PARSE("1,1,1,-;Command line: initrd=\\x5cucode.img");
	TEXT_IS("Command line: initrd=\\ucode.img");
}

static void
test_kmsg_bad_escapes_kept(void **state)
{
	(void)state;
	/* built: escapes cut short or not hex stay literal */
	PARSE("6,1,1,-;a\\x4");
	TEXT_IS("a\\x4");
	PARSE("6,1,1,-;a\\xZZb\\");
	TEXT_IS("a\\xZZb\\");
	PARSE("6,1,1,-;\\x00nul");
	assert_int_equal(rec.text_len, 4);
	assert_int_equal(rec.text[0], '\0');
}

static void
test_kmsg_dict_cont_caller(void **state)
{
	(void)state;
	assert_int_equal(PARSE(" SUBSYSTEM=acpi"), KLOG_FMT_DICT);
	TEXT_IS("SUBSYSTEM=acpi");
	assert_int_equal(PARSE(" DEVICE=+acpi:PNP0A08:00"), KLOG_FMT_DICT);
	/* 67.txt: 'c' fragment */
	assert_int_equal(PARSE("4,311,209670,c;  #1  #3  #5  #7"),
	                 KLOG_FMT_KMSG);
	assert_int_equal(rec.frag, KLOG_FRAG_C);
	assert_int_equal(rec.caller, KLOG_NA);
	TEXT_IS("  #1  #3  #5  #7");
	/* 3.5-4.8: '+' marks the fragments after the first */
	PARSE("4,312,209671,+; #9");
	assert_int_equal(rec.frag, KLOG_FRAG_PLUS);
	/* 68.txt: the field caller= before ';' */
	assert_int_equal(PARSE("2,2,2,-,caller=T3;BIOS-provided physical RAM "
	                       "map:"),
	                 KLOG_FMT_KMSG);
	assert_int_equal(rec.frag, KLOG_FRAG_NONE);
	assert_int_equal(rec.caller, 3);
	assert_int_equal(rec.level, 2);
	TEXT_IS("BIOS-provided physical RAM map:");
	PARSE("6,9,9,c,caller=C1;x");
	assert_int_equal(rec.frag, KLOG_FRAG_C);
	assert_int_equal(rec.caller, -2);
	PARSE("6,9,9,-,caller=X1;x"); /* unknown kinds of caller are none */
	assert_int_equal(rec.caller, KLOG_NA);
	PARSE("6,9,9,-,caller=T99999999999;x");
	assert_int_equal(rec.caller, KLOG_NA);
	/* a bare line with a leading space is not a dictionary line */
	assert_int_equal(PARSE(" Kernel panic - not syncing: Attempted to "
	                       "kill init! exitcode=0x0000000b"),
	                 KLOG_FMT_BARE);
	assert_int_equal(PARSE(" active_file:29 inactive_file:186"),
	                 KLOG_FMT_BARE);
}

static void
test_kmsg_forged_user_record(void **state)
{
	(void)state;
	/* 07.txt: "<0>" written by root arrives as LOG_USER|emerg = 8 */
	PARSE("8,961,853929522,-;Out of memory: Killed process 4242 (forged) "
	      "total-vm:1kB");
	assert_int_equal(rec.facility, 1);
	assert_int_equal(rec.level, 0);
	assert_true(rec.from_user);
}

static void
test_kmsg_malformed_headers_are_bare(void **state)
{
	(void)state;
	/* built: overflowing numbers, truncated or broken headers */
	assert_int_equal(PARSE("99999999999999999999,1,2,-;x"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("6,18446744073709551616,1,-;x"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("6,1,9223372036854775808,-;x"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("1024,1,1,-;x"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("6,12,3"), KLOG_FMT_BARE);
	TEXT_IS("6,12,3");
	assert_int_equal(PARSE("6,1,2,-"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("6,1,2,- ;x"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("6,,2,-;x"), KLOG_FMT_BARE);
	/* the largest values still fit */
	assert_int_equal(PARSE("1023,18446744073709551615,"
	                       "9223372036854775807,-;x"),
	                 KLOG_FMT_KMSG);
	assert_int_equal(rec.seq, UINT64_MAX);
	assert_int_equal(rec.time.usec, INT64_MAX);
	assert_int_equal(rec.facility, 127);
}

static void
test_dmesg_forms(void **state)
{
	(void)state;
	assert_int_equal(PARSE("[  853.929522] Out of memory: Killed process"),
	                 KLOG_FMT_DMESG);
	assert_int_equal(rec.time.kind, KLOG_TIME_BOOT);
	assert_int_equal(rec.time.usec, 853929522);
	assert_int_equal(rec.facility, -1);
	assert_false(rec.from_user);
	TEXT_IS("Out of memory: Killed process");
	/* 49.txt: "[  240.]" */
	PARSE("[  240.] INFO: task kinteractiveup:64 blocked for more than "
	      "120 seconds.");
	assert_int_equal(rec.time.usec, 240000000);
	/* 53.txt: "<0>" before the timestamp */
	assert_int_equal(PARSE("<0>[    3.985537] Kernel panic - not syncing: "
	                       "Attempted to kill init!"),
	                 KLOG_FMT_DMESG);
	assert_int_equal(rec.level, 0);
	assert_int_equal(rec.facility, 0);
	assert_int_equal(rec.time.usec, 3985537);
	/* 39.txt: syslogd wall message */
	assert_int_equal(PARSE(" kernel:[ 1044.858108] BUG: soft lockup - "
	                       "CPU#5 stuck for 23s! [modprobe:4176]"),
	                 KLOG_FMT_DMESG);
	assert_int_equal(rec.time.usec, 1044858108);
	TEXT_IS("BUG: soft lockup - CPU#5 stuck for 23s! [modprobe:4176]");
	/* built: klogctl's form of a record a user wrote to /dev/kmsg
	 * (<15>: facility user, level debug) */
	PARSE("<15>[  331.354336] kprobe2: esc");
	assert_true(rec.from_user);
	/* a task-table row is not a timestamp (14.txt) */
	assert_int_equal(PARSE("[  390]     0   390    39012     6739      78 "
	                       "      51             0 systemd-journal"),
	                 KLOG_FMT_BARE);
	/* 1 overflowing second count: no timestamp */
	assert_int_equal(PARSE("[99999999999999999999.1] x"), KLOG_FMT_BARE);
}

static void
test_dmesg_x_decoded(void **state)
{
	(void)state;
	/* util-linux dmesg -x layout: "fac   :level : " */
	assert_int_equal(PARSE("user  :emerg : [  853.929522] Out of memory: "
	                       "Killed process 4242 (forged)"),
	                 KLOG_FMT_DMESG);
	assert_true(rec.from_user);
	assert_int_equal(rec.level, 0);
	assert_int_equal(rec.time.usec, 853929522);
	PARSE("kern  :err   : [  228.226428] Memory cgroup out of memory");
	assert_false(rec.from_user);
	assert_int_equal(rec.facility, 0);
	assert_int_equal(rec.level, 3);
	TEXT_IS("Memory cgroup out of memory");
	/* an unknown level word is no prefix */
	assert_int_equal(PARSE("kern  :loud  : x"), KLOG_FMT_BARE);
}

static void
test_dmesg_T_any_locale(void **state)
{
	int64_t want = (klog_days_from_civil(2018, 12, 19) * 86400 + 3 * 3600 +
	                36 * 60 + 7) *
	               1000000LL;
	(void)state;
	/* 45.txt */
	assert_int_equal(PARSE("[Wed Dec 19 03:36:07 2018] INFO: task "
	                       "logrotate:17344 blocked"),
	                 KLOG_FMT_DMESG_T);
	TIME_TEXT_IS(KLOG_TIME_LOCAL, want,
	             "INFO: task logrotate:17344 blocked");
	/* built with the glibc %a %b of de_DE, fr_FR and ja_JP */
	PARSE("[Mi Dez 19 03:36:07 2018] x");
	assert_int_equal(rec.time.usec, want);
	PARSE("[mer. d\xc3\xa9"
	      "c. 19 03:36:07 2018] x");
	assert_int_equal(rec.time.usec, want);
	PARSE("[\xe6\xb0\xb4 12\xe6\x9c\x88 19 03:36:07 2018] x");
	assert_int_equal(rec.time.usec, want);
	TEXT_IS("x");
	/* fi_FI "marras" is November (a prefix table read it as March) */
	PARSE("[ti marras  4 17:51:31 2025] x");
	assert_int_equal(rec.time.kind, KLOG_TIME_LOCAL);
	assert_int_equal(rec.time.usec,
	                 (klog_days_from_civil(2025, 11, 4) * 86400 +
	                  17 * 3600 + 51 * 60 + 31) *
	                     1000000LL);
	/* an unknown month: the prefix is still stripped, time unknown */
	assert_int_equal(PARSE("[Xx Qqq 19 03:36:07 2018] x"),
	                 KLOG_FMT_DMESG_T);
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE);
	TEXT_IS("x");
}

static void
test_syslog_forms(void **state)
{
	(void)state;
	/* 19.txt */
	assert_int_equal(PARSE("May 07 21:43:54 doom kernel: Out of memory: "
	                       "Kill process 27438 (R)"),
	                 KLOG_FMT_SYSLOG);
	assert_false(rec.from_user);
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE); /* no year */
	TEXT_IS("Out of memory: Kill process 27438 (R)");
	/* 22.txt: syslog + dmesg timestamp */
	PARSE("Mar  2 17:35:10 server1 kernel: [2858609.598568] Killed process "
	      "11726");
	TIME_TEXT_IS(KLOG_TIME_BOOT, 2858609598568LL, "Killed process 11726");
	/* another program's line is userspace */
	PARSE("May 07 21:43:54 doom app[12]: Out of memory: Killed process 1");
	assert_true(rec.from_user);
	TEXT_IS("Out of memory: Killed process 1");
	/* journal short-iso (built from journalctl -o short-iso) */
	assert_int_equal(PARSE("2025-11-29T01:00:04+0100 host kernel: oom"),
	                 KLOG_FMT_ISO);
	TIME_TEXT_IS(KLOG_TIME_UNIX,
	             (klog_days_from_civil(2025, 11, 29) * 86400 + 4) *
	                 1000000LL,
	             "oom");
	/* dmesg --time-format=iso: comma fraction, no host or tag */
	PARSE("2025-12-08T17:51:31,123456+00:00 Call Trace:");
	assert_int_equal(rec.time.kind, KLOG_TIME_UNIX);
	assert_int_equal(rec.time.usec % 1000000, 123456);
	assert_false(rec.from_user);
	TEXT_IS("Call Trace:");
}

/* Unix seconds of 2025-11-29 00:00:04 UTC (= 01:00:04 CET). */
#define T_UTC ((klog_days_from_civil(2025, 11, 29) * 86400 + 4) * 1000000LL)

static void
test_clock_without_time(void **state)
{
	(void)state;
	/* a syslog date has no year: no time, a clock within the year */
	PARSE("Nov 29 01:00:04 host kernel: x");
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE);
	assert_int_equal(rec.clock.kind, KLOG_TIME_IN_YEAR);
	assert_int_equal(rec.clock.usec, ((klog_days_from_civil(2000, 11, 29) -
	                                   klog_days_from_civil(2000, 1, 1)) *
	                                      86400 +
	                                  3600 + 4) *
	                                     1000000LL);
	PARSE("Feb 29 00:00:00.5 host kernel: x"); /* short-precise */
	assert_int_equal(rec.clock.usec, (59 * 86400) * 1000000LL + 500000);
	/* with a dmesg time after the tag, that is the time */
	PARSE("Mar  2 17:35:10 server1 kernel: [2858609.598568] x");
	assert_int_equal(rec.time.kind, KLOG_TIME_BOOT);
	assert_int_equal(rec.clock.kind, KLOG_TIME_IN_YEAR);
	/* short-full in a named zone: a wall clock, no time */
	PARSE("Sat 2025-11-29 01:00:04 CET host kernel: x");
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE);
	assert_int_equal(rec.clock.kind, KLOG_TIME_LOCAL);
	assert_int_equal(rec.clock.usec, T_UTC + 3600000000LL);
	/* otherwise the clock is the time */
	PARSE("Sat 2025-11-29 00:00:04 UTC host kernel: x");
	assert_int_equal(rec.clock.kind, KLOG_TIME_UNIX);
	assert_int_equal(rec.clock.usec, T_UTC);
	PARSE("[  853.929522] x");
	assert_int_equal(rec.clock.kind, KLOG_TIME_BOOT);
	assert_int_equal(rec.clock.usec, 853929522);
	PARSE("x");
	assert_int_equal(rec.clock.kind, KLOG_TIME_NONE);
}

static void
test_journal_forms(void **state)
{
	(void)state;
	/* built from journalctl -o short-monotonic / short-delta */
	assert_int_equal(PARSE("[    5.123457] host evilapp[7]: Out of memory: "
	                       "Killed process 204 (x) total-vm:8kB"),
	                 KLOG_FMT_JOURNAL);
	assert_true(rec.from_user);
	TIME_TEXT_IS(KLOG_TIME_BOOT, 5123457,
	             "Out of memory: Killed process 204 (x) total-vm:8kB");
	assert_int_equal(PARSE("[    5.123457] host kernel: Out of memory"),
	                 KLOG_FMT_JOURNAL);
	assert_false(rec.from_user);
	TEXT_IS("Out of memory");
	PARSE("[    5.123457 <    0.000010>] host kernel: oom");
	assert_int_equal(rec.time.usec, 5123457);
	TEXT_IS("oom");
	/* dmesg lines with a "driver device:" start stay kernel lines */
	assert_int_equal(PARSE("[    5.123457] usb 1-1: new high-speed USB "
	                       "device number 2"),
	                 KLOG_FMT_DMESG);
	assert_false(rec.from_user);
	TEXT_IS("usb 1-1: new high-speed USB device number 2");
	assert_int_equal(PARSE("[    5.123457 <    0.000010>] nvme nvme0: pci "
	                       "function 0000:01:00.0"),
	                 KLOG_FMT_DMESG); /* dmesg -d */
	TEXT_IS("nvme nvme0: pci function 0000:01:00.0");
	/* short-full: the zone abbreviation gives no offset */
	assert_int_equal(PARSE("Sat 2025-11-29 01:00:04 CET host evilapp[7]: "
	                       "Out of memory: Killed process 204 (x)"),
	                 KLOG_FMT_JOURNAL);
	assert_true(rec.from_user);
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE);
	TEXT_IS("Out of memory: Killed process 204 (x)");
	PARSE("Sat 2025-11-29 01:00:04 CET host kernel: oom");
	assert_false(rec.from_user);
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE);
	PARSE("Sat 2025-11-29 00:00:04 UTC host kernel: oom");
	assert_int_equal(rec.time.kind, KLOG_TIME_UNIX);
	assert_int_equal(rec.time.usec, T_UTC);
	PARSE("Sa 2025-11-29 01:00:04 +0100 host kernel: oom");
	assert_int_equal(rec.time.usec, T_UTC);
	PARSE("Sa 2025-11-29 01:00:04 +01:00 host kernel: oom");
	assert_int_equal(rec.time.usec, T_UTC);
	PARSE("Fri 2025-11-28 20:00:04 -04 host kernel: oom");
	assert_int_equal(rec.time.usec, T_UTC);
	TEXT_IS("oom");
	/* short-unix */
	assert_int_equal(PARSE("1764374404.123457 host evilapp[7]: Out of "
	                       "memory: Killed process 204 (x)"),
	                 KLOG_FMT_JOURNAL);
	assert_true(rec.from_user);
	TIME_TEXT_IS(KLOG_TIME_UNIX, 1764374404123457LL,
	             "Out of memory: Killed process 204 (x)");
	PARSE("1764374404.123457 host kernel: oom");
	assert_false(rec.from_user);
	TEXT_IS("oom");
	/* short-precise and short-iso-precise */
	assert_int_equal(PARSE("Nov 29 01:00:04.123456 host evilapp[7]: Out of "
	                       "memory"),
	                 KLOG_FMT_SYSLOG);
	assert_true(rec.from_user);
	TEXT_IS("Out of memory");
	PARSE("2025-11-29T01:00:04.123456+01:00 host kernel: oom");
	assert_int_equal(rec.time.usec, T_UTC + 123456);
	assert_false(rec.from_user);
	/* the kernel's journal tag has no [pid]: "kernel[0]:" is a program */
	PARSE(
	    "May 07 21:43:54 doom kernel[0]: Out of memory: Killed process 1");
	assert_true(rec.from_user);
}

static void
test_forwarded_syslog(void **state)
{
	(void)state;
	/* RFC 3164 after <PRI>: the facility, then the tag decide */
	assert_int_equal(
	    PARSE("<30>Nov 29 01:00:04 host app[1]: Out of memory"),
	    KLOG_FMT_SYSLOG);
	assert_true(rec.from_user);
	TEXT_IS("Out of memory");
	PARSE("<6>Nov 29 01:00:04 host evilapp[7]: Out of memory");
	assert_true(rec.from_user);
	PARSE("<6>Nov 29 01:00:04 host kernel: [    5.100000] Out of memory");
	assert_false(rec.from_user);
	assert_int_equal(rec.level, 6);
	assert_int_equal(rec.time.usec, 5100000);
	TEXT_IS("Out of memory");
	PARSE("<6>2025-11-29T01:00:04+01:00 host kernel: oom");
	assert_false(rec.from_user);
	assert_int_equal(rec.time.usec, T_UTC);
	/* RFC 5424: only the app-name "kernel" is the kernel */
	assert_int_equal(PARSE("<6>1 2025-11-29T01:00:04.123456+01:00 host "
	                       "kernel - - - Out of memory"),
	                 KLOG_FMT_ISO);
	assert_false(rec.from_user);
	assert_int_equal(rec.time.usec, T_UTC + 123456);
	TEXT_IS("Out of memory");
	PARSE("<6>1 - host evilapp 7 ID47 [x@1 a=\"b\\]\"][y@2] Out of memory");
	assert_true(rec.from_user);
	assert_int_equal(rec.time.kind, KLOG_TIME_NONE);
	TEXT_IS("Out of memory");
}

static void
test_bare_lines(void **state)
{
	(void)state;
	assert_int_equal(PARSE("44659 total pagecache pages"), KLOG_FMT_BARE);
	TEXT_IS("44659 total pagecache pages");
	assert_int_equal(PARSE("---[ end trace 557b6545dd4e5fa2 ]---\r\n"),
	                 KLOG_FMT_BARE);
	TEXT_IS("---[ end trace 557b6545dd4e5fa2 ]---");
	assert_int_equal(PARSE(""), KLOG_FMT_BARE);
	assert_int_equal(rec.text_len, 0);
	assert_int_equal(PARSE("May"), KLOG_FMT_BARE);
	assert_int_equal(PARSE("["), KLOG_FMT_BARE);
	assert_int_equal(PARSE("<"), KLOG_FMT_BARE);
}

static void
test_junk_and_huge_lines(void **state)
{
	char junk[256], *big;
	size_t i, n = 100 * 1024;
	(void)state;
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (char)(255 - i);
	klog_parse(junk, sizeof junk, &rec);
	assert_true(rec.text_len <= sizeof junk);
	assert_int_equal(rec.text[rec.text_len], '\0');
	big = malloc(n + 32);
	assert_non_null(big);
	memcpy(big, "6,1,1,-;", 8);
	for (i = 8; i < n; i++)
		big[i] = (i % 3) ? 'a' : '\\';
	assert_int_equal(klog_parse(big, n, &rec), KLOG_FMT_KMSG);
	assert_true(rec.truncated);
	assert_int_equal(rec.text_len, KLOG_TEXT_MAX - 1);
	memset(big, 'x', n);
	klog_parse(big, n, &rec);
	assert_true(rec.truncated);
	assert_int_equal(rec.text_len, KLOG_TEXT_MAX - 1);
	free(big);
}

static void
test_months_and_days(void **state)
{
	(void)state;
	assert_int_equal(klog_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(klog_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(klog_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(klog_month("Jan", 3), 1);
	assert_int_equal(klog_month("sept.", 5), 9);
	assert_int_equal(klog_month("juin", 4), 6);
	assert_int_equal(klog_month("juil.", 5), 7);
	assert_int_equal(klog_month("M\xc3\xa4r", 4), 3);
	assert_int_equal(klog_month("ao\xc3\xbbt", 5), 8);
	assert_int_equal(klog_month("Okt", 3), 10);
	assert_int_equal(klog_month("12\xe6\x9c\x88", 5), 12);
	assert_int_equal(klog_month("13", 2), 0);
	assert_int_equal(klog_month("Xyz", 3), 0);
	assert_int_equal(klog_month("", 0), 0);
	assert_string_equal(klog_format_name(KLOG_FMT_DMESG_T), "dmesg-T");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kmsg_record),
	    cmocka_unit_test(test_kmsg_text_may_hold_separators),
	    cmocka_unit_test(test_kmsg_unescape),
	    cmocka_unit_test(test_kmsg_bad_escapes_kept),
	    cmocka_unit_test(test_kmsg_dict_cont_caller),
	    cmocka_unit_test(test_kmsg_forged_user_record),
	    cmocka_unit_test(test_kmsg_malformed_headers_are_bare),
	    cmocka_unit_test(test_dmesg_forms),
	    cmocka_unit_test(test_dmesg_x_decoded),
	    cmocka_unit_test(test_dmesg_T_any_locale),
	    cmocka_unit_test(test_syslog_forms),
	    cmocka_unit_test(test_clock_without_time),
	    cmocka_unit_test(test_journal_forms),
	    cmocka_unit_test(test_forwarded_syslog),
	    cmocka_unit_test(test_bare_lines),
	    cmocka_unit_test(test_junk_and_huge_lines),
	    cmocka_unit_test(test_months_and_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
