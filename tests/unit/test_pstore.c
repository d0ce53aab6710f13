/* Unit tests for model/pstore.c and model/kevsum.c: ramoops dumps with
 * "====" headers, EFI parts joined in order, systemd-pstore folders,
 * .enc.z files that cannot be read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/pstore.h"

/* A file from a string literal. */
#define FILE_OF(fold, nm, text, sysd)                                          \
	{                                                                      \
		.folder = (fold), .name = (nm), .data = (text),                \
		.len = sizeof(text) - 1, .mtime_unix_s = 1700000000,           \
		.systemd = (sysd)                                              \
	}

static const char ramoops_panic[] =
    "====1764547200.123456-D\n"
    "Panic#1 Part1\n"
    "<4>[  812.000001] hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
    "order=0, oom_score_adj=0\n"
    "<3>[  812.000100] Out of memory: Killed process 5807 (hog) "
    "total-vm:68268kB, anon-rss:65280kB, file-rss:1060kB, shmem-rss:0kB, "
    "UID:0 pgtables:172kB oom_score_adj:0\n"
    "<0>[  815.500000] Kernel panic - not syncing: Fatal exception\n"
    "<0>[  815.500100] ---[ end Kernel panic - not syncing: Fatal exception "
    "]---\n";

static void
test_ramoops_header_and_panic(void **state)
{
	struct pstore_file f[] = {
	    FILE_OF(NULL, "dmesg-ramoops-0", ramoops_panic, false),
	};
	struct pstore_record r[4];
	size_t more;
	(void)state;
	assert_int_equal(pstore_parse(f, 1, r, 4, &more), 1);
	assert_int_equal(more, 0);
	assert_int_equal(r[0].type, PSTORE_DMESG);
	assert_string_equal(r[0].backend, "ramoops");
	assert_int_equal(r[0].reason, PSTORE_REASON_PANIC);
	assert_int_equal(r[0].time_unix_s, 1764547200); /* the header's */
	assert_false(r[0].compressed);
	assert_int_equal(r[0].sum.counts[KEVENT_OOM_KILL], 1);
	assert_int_equal(r[0].sum.counts[KEVENT_PANIC], 1);
	assert_true(r[0].sum.panicked);
	assert_false(r[0].sum.oom_panic);
	assert_int_equal(r[0].sum.panic.len, strlen("Fatal exception"));
	assert_memory_equal(r[0].sum.panic.s, "Fatal exception", 15);
	assert_string_equal(pstore_reason_name(r[0].reason), "panic");
	assert_int_equal(kevsum_total(&r[0].sum), 2);
}

/* Three EFI parts of one dump, given out of order: part 3 holds the
 * oldest lines, part 1 the newest. Joined highest part first, the first
 * panic is the one in part 3. A second dump (count 2) stays apart. */
static void
test_efi_parts_joined_in_order(void **state)
{
	/* id = (seconds * 100 + part) * 1000 + count */
	struct pstore_file f[] = {
	    FILE_OF(NULL, "dmesg-efi-176454720001001",
	            "Oops#1 Part1\n"
	            "<0>[ 9.3] Kernel panic - not syncing: second\n",
	            false),
	    FILE_OF(NULL, "dmesg-efi-176454720003001",
	            "Oops#1 Part3\n"
	            "<0>[ 9.1] Kernel panic - not syncing: Out of memory: "
	            "system-wide panic_on_oom is enabled\n",
	            false),
	    FILE_OF(NULL, "dmesg-efi-176454720002001",
	            "Oops#1 Part2\n<4>[ 9.2] some line\n", false),
	    FILE_OF(NULL, "dmesg-efi-176454730001002",
	            "Panic#2 Part1\n<4>[ 1.0] nothing\n", false),
	};
	struct pstore_record r[4];
	(void)state;
	assert_int_equal(pstore_parse(f, 4, r, 4, NULL), 2);
	/* newest first: the count-2 dump was written 100 s later */
	assert_int_equal(r[0].time_unix_s, 1764547300);
	assert_int_equal(r[0].parts, 1);
	assert_int_equal(r[0].reason, PSTORE_REASON_PANIC);
	assert_int_equal(r[1].time_unix_s, 1764547200);
	assert_int_equal(r[1].parts, 3);
	assert_false(r[1].missing_parts);
	assert_int_equal(r[1].reason, PSTORE_REASON_OOPS);
	assert_string_equal(r[1].name, "dmesg-efi-176454720003001");
	assert_int_equal(r[1].sum.counts[KEVENT_PANIC], 2);
	assert_true(r[1].sum.oom_panic); /* part 3's panic came first */
	assert_memory_equal(r[1].sum.panic.s, "Out of memory", 13);
}

/* A part missing from the middle is said. */
static void
test_efi_missing_part(void **state)
{
	struct pstore_file f[] = {
	    FILE_OF(NULL, "dmesg-efi-176454720001001", "Panic#1 Part1\n",
	            false),
	    FILE_OF(NULL, "dmesg-efi-176454720003001", "Panic#1 Part3\n",
	            false),
	};
	struct pstore_record r[2];
	(void)state;
	assert_int_equal(pstore_parse(f, 2, r, 2, NULL), 1);
	assert_int_equal(r[0].parts, 2);
	assert_true(r[0].missing_parts);
}

/* .enc.z: compressed, cannot be read: listed, no events, and its bytes
 * (which here even look like a panic) are never fed. */
static void
test_compressed(void **state)
{
	struct pstore_file f[] = {
	    FILE_OF(NULL, "dmesg-ramoops-1.enc.z",
	            "x\x9c<0>[ 1.0] Kernel panic - not syncing: no\n", false),
	};
	struct pstore_record r[1];
	(void)state;
	assert_int_equal(pstore_parse(f, 1, r, 1, NULL), 1);
	assert_true(r[0].compressed);
	assert_int_equal(r[0].type, PSTORE_DMESG);
	assert_int_equal(kevsum_total(&r[0].sum), 0);
	assert_false(r[0].sum.panicked);
	assert_int_equal(r[0].time_unix_s, 1700000000); /* its mtime */
}

/* systemd-pstore: a folder with the parts and the joined dmesg.txt is one
 * record read from dmesg.txt (time from the folder's name); a flat file
 * and a console log are records of their own. */
static void
test_systemd_folders(void **state)
{
	struct pstore_file f[] = {
	    FILE_OF("1764000000", "dmesg-efi-176400000001001",
	            "<0>[ 1.0] Kernel panic - not syncing: part\n", true),
	    FILE_OF("1764000000", "dmesg.txt",
	            "Panic#1 Part1\n"
	            "<0>[ 1.0] Kernel panic - not syncing: joined\n",
	            true),
	    FILE_OF(NULL, "console-ramoops-0", "<6>[ 0.0] Linux version\n",
	            true),
	};
	struct pstore_record r[4];
	(void)state;
	assert_int_equal(pstore_parse(f, 3, r, 4, NULL), 2);
	assert_int_equal(r[0].time_unix_s, 1764000000);
	assert_string_equal(r[0].name, "dmesg.txt");
	assert_string_equal(r[0].folder, "1764000000");
	assert_true(r[0].systemd);
	assert_int_equal(r[0].sum.counts[KEVENT_PANIC], 1);
	assert_memory_equal(r[0].sum.panic.s, "joined", 6);
	assert_int_equal(r[1].type, PSTORE_CONSOLE);
	assert_string_equal(pstore_type_name(r[1].type), "console");
}

/* More records than room: the newest are kept, the rest counted. */
static void
test_overflow(void **state)
{
	struct pstore_file f[] = {
	    FILE_OF(NULL, "dmesg-ramoops-0", "====100.0-D\n", false),
	    FILE_OF(NULL, "dmesg-ramoops-1", "====300.0-D\n", false),
	    FILE_OF(NULL, "dmesg-ramoops-2", "====200.0-D\n", false),
	};
	struct pstore_record r[2];
	size_t more;
	(void)state;
	assert_int_equal(pstore_parse(f, 3, r, 2, &more), 2);
	assert_int_equal(more, 1);
	assert_int_equal(r[0].time_unix_s, 300);
	assert_int_equal(r[1].time_unix_s, 200);
}

/* Hostile bytes: odd names, NULs, no newline, huge ids. */
static void
test_hostile(void **state)
{
	static const char junk[] = "====\n#\0Panic#\n\xff\xfe====99999999999999"
	                           "9999999.1-C\nKernel panic - not syncing: "
	                           "\x1b[2J";
	struct pstore_file f[] = {
	    {NULL, "-", junk, sizeof junk - 1, 0, false},
	    {NULL, "dmesg-efi-99999999999999999999999", junk, sizeof junk - 1,
	     0, false},
	    {NULL, "dmesg--", junk, 0, 0, false},
	    {NULL, ".enc.z", junk, 3, 0, true},
	    {"", "dmesg-efi-1", junk, sizeof junk - 1, 0, true},
	};
	struct pstore_record r[8];
	size_t n;
	(void)state;
	n = pstore_parse(f, 5, r, 8, NULL);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_true(r[i].sum.panic.len <= KEVENT_TEXT_MAX);
}

static void
test_oom_panic_words(void **state)
{
	(void)state;
	assert_true(kevsum_is_oom_panic(
	    "Out of memory: compulsory panic_on_oom is enabled", 49));
	assert_true(kevsum_is_oom_panic("System is deadlocked on memory", 30));
	assert_false(kevsum_is_oom_panic("Fatal exception", 15));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ramoops_header_and_panic),
	    cmocka_unit_test(test_efi_parts_joined_in_order),
	    cmocka_unit_test(test_efi_missing_part),
	    cmocka_unit_test(test_compressed),
	    cmocka_unit_test(test_systemd_folders),
	    cmocka_unit_test(test_overflow),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_oom_panic_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
