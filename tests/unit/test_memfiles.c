/*
 * Unit tests for collect/memfiles.c over the fixture tree
 * tests/fixtures/memfiles (proc/, sys/, and bad/: every file malformed),
 * and for the Memory screen (app/scr_memory.c) on it: key 8 reads, the
 * view holds the breakdown and the traps, the keys scroll within bounds.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr.h"
#include "app/scr_memory.h"
#include "collect/memfiles.h"
#include "scrfix.h"
#include "view/dash.h"
#include "view/mempane.h"

#define FIX "tests/fixtures/memfiles/"

static struct memmap_all all;

/* The hugepage size of kb in a, or NULL (readdir order is not fixed). */
static const struct memmap_hpsize *
hp_of(const struct memmap_all *a, int64_t kb)
{
	for (size_t i = 0; i < a->nhp; i++)
		if (a->hp[i].size_kb == kb)
			return &a->hp[i];
	return NULL;
}

static void
test_reads_every_file(void **state)
{
	struct memfiles *mf = memfiles_new(FIX "proc", FIX "sys");
	const struct memmap_hpsize *h;
	(void)state;
	assert_non_null(mf);
	memfiles_read(mf, &all);
	assert_int_equal(all.meminfo_err, 0);
	assert_int_equal(all.mi.v[MMF_TOTAL], 32562828);
	/* tmpfs and ramfs, sizes from tmpfs-usage, fullest first */
	assert_int_equal(all.mounts_err, 0);
	assert_int_equal(all.nmounts, 4);
	assert_string_equal(all.mounts[0].path, "/dev/shm");
	assert_int_equal(all.mounts[0].used_kb, 3250585);
	assert_int_equal(all.mounts[0].size_kb, 16281412);
	assert_string_equal(all.mounts[1].path, "/tmp/a b");
	assert_string_equal(all.mounts[2].path, "/gone"); /* not in usage */
	assert_true(all.mounts[2].used_kb == SNAP_NA);
	assert_int_equal(all.mounts[2].err, ENOENT);
	/* ramfs: no size accounting, N/A whatever the usage file says */
	assert_string_equal(all.mounts[3].fstype, "ramfs");
	assert_true(all.mounts[3].used_kb == SNAP_NA);
	assert_true(all.mounts[3].size_kb == SNAP_NA);
	assert_int_equal(all.mounts[3].err, 0);
	assert_int_equal(all.slab_err, 0);
	assert_int_equal(all.slab_caches, 2);
	assert_string_equal(all.slabs[0].name, "dentry");
	assert_int_equal(all.swaps_err, 0);
	assert_int_equal(all.nswaps, 1);
	assert_string_equal(all.swaps[0].name, "/swap file");
	assert_int_equal(all.swappiness, 10);
	/* zram0 read, zram1 missing, zram2 malformed, zram3 not set up */
	assert_int_equal(all.nzram, 2);
	assert_int_equal(all.zram[0].index, 0);
	assert_int_equal(all.zram[0].compr_bytes, 52428800);
	assert_int_equal(all.zram[0].disksize_bytes, 4294967296LL);
	assert_int_equal(all.zram[1].index, 3);
	assert_int_equal(all.zram[1].disksize_bytes, 0);
	assert_int_equal(all.zswap_enabled, 1);
	assert_int_equal(all.zswap_stored_pages, 47616);
	assert_int_equal(all.nhp, 2);
	assert_non_null(h = hp_of(&all, 2048));
	assert_int_equal(h->total, 4);
	assert_int_equal(h->free, 3);
	assert_non_null(h = hp_of(&all, 1048576));
	assert_int_equal(h->surp, 1);
	/* a second read gives the same (the sizes are listed once) */
	memfiles_read(mf, &all);
	assert_int_equal(all.nhp, 2);
	assert_int_equal(all.nmounts, 4);
	memfiles_free(mf);
}

static void
test_fixture_sys_root_default(void **state)
{
	struct memfiles *mf = memfiles_new(FIX "proc", NULL);
	(void)state;
	assert_non_null(mf);
	memfiles_read(mf, &all);
	/* DIR/sysfs: zswap off there, no zram, no hugepages */
	assert_int_equal(all.zswap_enabled, 0);
	assert_int_equal(all.nzram, 0);
	assert_int_equal(all.nhp, 0);
	assert_true(all.zswap_stored_pages == SNAP_NA);
	memfiles_free(mf);
}

static void
test_bad_and_missing_files(void **state)
{
	struct memfiles *mf = memfiles_new(FIX "bad", FIX "nothing-here");
	(void)state;
	assert_non_null(mf);
	memfiles_read(mf, &all);
	assert_int_equal(all.meminfo_err, -EINVAL);
	assert_true(all.mi.v[MMF_TOTAL] == SNAP_NA);
	assert_int_equal(all.mounts_err, -EINVAL);
	assert_int_equal(all.slab_err, -EINVAL);
	assert_int_equal(all.swaps_err, -EINVAL);
	assert_true(all.swappiness == SNAP_NA);
	assert_int_equal(all.zswap_enabled, -1);
	assert_int_equal(all.nzram + all.nhp + all.nmounts + all.nswaps, 0);
	memfiles_free(mf);
	mf = memfiles_new(FIX "none", NULL);
	memfiles_read(mf, &all);
	assert_int_equal(all.meminfo_err, -ENOENT);
	assert_int_equal(all.slab_err, -ENOENT);
	memfiles_free(mf);
}

/* The Memory screen's view in a frame (its body is the memory body). */
static const struct dash_memory *
memory_view(struct scrfix *f)
{
	const struct dash_frame *fr = scrfix_frame(f);

	assert_ptr_equal(fr->body, dash_body_memory);
	assert_non_null(fr->screen_data);
	return fr->screen_data;
}

static void
test_screen_reads_and_scrolls(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_memory *v;
	size_t max;

	f->opt.proc_root = FIX "proc";
	f->opt.sys_root = FIX "sys";
	scrfix_press(ui, '8', 0);
	assert_ptr_equal(ui->screens.cur, &scr_memory);
	v = memory_view(f);
	assert_non_null(v->all);
	assert_int_equal(v->bd->total_kb, 32562828);
	/* /dev/shm holds 3.10G: the one trap, named in the status line */
	assert_int_equal(v->ntraps, 1);
	assert_string_equal(v->traps[0].text, "tmpfs /dev/shm holds 3.10G");
	assert_string_equal(scrfix_frame(f)->status_info,
	                    "1 trap: tmpfs /dev/shm holds 3.10G");
	/* the lines: bar, header, rows, overlaps, ..., more than a page */
	assert_true(mempane_lines(v) > MMR_COUNT + 20);
	max = mempane_max_top(v, &ui->layout.body);
	assert_int_equal(max, mempane_lines(v) - (size_t)ui->layout.body.h);
	assert_int_equal(v->top, 0);
	scrfix_press(ui, KBD_UP, 0);
	assert_int_equal(memory_view(f)->top, 0);
	scrfix_press(ui, KBD_DOWN, KBD_DOWN, 0);
	assert_int_equal(memory_view(f)->top, 2);
	scrfix_press(ui, KBD_END, KBD_DOWN, 0);
	assert_int_equal(memory_view(f)->top, max);
	scrfix_press(ui, KBD_HOME, KBD_PGDN, 0);
	assert_int_equal(memory_view(f)->top, (size_t)ui->layout.body.h - 1);
	/* leaving and coming back starts at the top again */
	scrfix_press(ui, '1', '8', 0);
	assert_int_equal(memory_view(f)->top, 0);
}

static void
test_other_screens_do_not_read(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_memory_state *s;

	f->opt.proc_root = FIX "proc";
	s = scr_state(ui, &scr_memory);
	scr_sampled(ui); /* on the processes screen */
	assert_null(s->mf);
	assert_false(s->read);
	scrfix_press(ui, '8', 0);
	assert_true(s->read);
}

/*
 * On this machine (when /proc/slabinfo is readable: root): every cache is
 * read, not the first page's worth, so the caches' bytes come within 10%
 * of meminfo's SReclaimable + SUnreclaim (objects x size leaves out the
 * slabs' unused tails, so it is a little lower), and the cache count is
 * slabinfo's line count less its two header lines.
 */
static void
test_live_slabinfo_whole(void **state)
{
	struct memfiles *mf;
	int64_t slab_kb, objs_kb;
	size_t lines = 0;
	FILE *f = fopen("/proc/slabinfo", "r");
	int c;
	(void)state;

	if (f == NULL) {
		print_message("/proc/slabinfo not readable: not root\n");
		skip();
	}
	while ((c = fgetc(f)) != EOF)
		lines += c == '\n';
	fclose(f);
	mf = memfiles_new(NULL, NULL);
	assert_non_null(mf);
	memfiles_read(mf, &all);
	memfiles_free(mf);
	assert_int_equal(all.slab_err, 0);
	assert_int_equal(all.meminfo_err, 0);
	slab_kb = all.mi.v[MMF_SRECLAIMABLE] + all.mi.v[MMF_SUNRECLAIM];
	objs_kb = all.slab_bytes / 1024;
	print_message("slabinfo %zu caches %lld kB, meminfo Slab %lld kB\n",
	              all.slab_caches, (long long)objs_kb, (long long)slab_kb);
	assert_int_equal(all.slab_caches + 2, lines);
	assert_true(objs_kb * 10 >= slab_kb * 9);
	assert_true(objs_kb * 10 <= slab_kb * 11);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads_every_file),
	    cmocka_unit_test(test_fixture_sys_root_default),
	    cmocka_unit_test(test_bad_and_missing_files),
	    cmocka_unit_test(test_live_slabinfo_whole),
	    cmocka_unit_test_setup_teardown(test_screen_reads_and_scrolls,
	                                    scrfix_setup, scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_other_screens_do_not_read,
	                                    scrfix_setup, scrfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
