/*
 * Unit tests for the Memory and System screens in a replay
 * (app/scr_memory.c, app/scr_system.c with ui->replay set): on a
 * database written by the recorder's own writer, entering them and
 * sampling make no file reader (no memfiles, no sysfiles), the Memory
 * screen's rows are the recorded sample's with the rest unknown and the
 * "Not recorded" line set, and the System screen's strip is rebuilt from
 * the samples of the cursor's boot in the minute up to the cursor (free,
 * buff/cache, si/so from the recorded counters), with the load, the D
 * tasks and the settings left unknown (NULL) and 's' reading nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/replay.h"
#include "app/scr.h"
#include "app/scr_memory.h"
#include "app/scr_system.h"
#include "persist/recdb.h"
#include "dbfix.h"
#include "recfix.h"
#include "replayfix.h"
#include "scrfix.h"

#define T0 1800000000000LL /* 2027-01-15 08:00:00 UTC */
#define N0 2               /* boot-0: 2 samples just before T0 */
#define N1 13              /* boot-1: 13 samples 10 s apart from T0 */

/* Sample i of a boot (a recfix_fill_fn): MemFree 1000000 + 1000 a
 * sample, pswpin/pswpout 2560/5120 pages a sample. */
static void
fill(struct recdb_sample *s, int i, void *arg)
{
	(void)arg;
	s->mem = (struct mem_info){8000000, 1000000 + i * 1000,
	                           3456789, 200000,
	                           3000000, 600000,
	                           2000000, 4000000,
	                           3000000, SNAP_NA,
	                           SNAP_NA};
	s->vmstat = (struct vmstat_counters){0, i * 2560, i * 5120, 0};
	s->psi =
	    (struct psi_memory){.valid = true, .some = {12.34, 1.0, 0.5, 777}};
}

/* Put the cursor at sample i and sample there (as the loop does). */
static void
at(struct ui *ui, size_t i)
{
	ui->replay->cur = i;
	assert_int_equal(recreplay_snapshot(ui->replay->rr, i, &ui->snap), 0);
	ui->have_snap = true;
	scr_sampled(ui);
}

/* A session replaying boot-0's N0 samples, then boot-1's N1 from T0,
 * 10 s apart, with no /proc to read. */
static int
setup(void **state)
{
	struct replayfix *f = replayfix_new("oomwatch_scrrep");

	if (f == NULL)
		return -1;
	*state = f;
	if (recfix_write(f->db->path, "boot-0", 0, N0, T0 - N0 * 10000LL, 10000,
	                 fill, NULL) != 0 ||
	    recfix_write(f->db->path, "boot-1", 0, N1, T0, 10000, fill, NULL) !=
	        0 ||
	    replayfix_open(f) != 0)
		return -1;
	f->sf->opt.proc_root = "/nonexistent-proc-root";
	return 0;
}

static void
test_memory_from_the_record(void **state)
{
	struct replayfix *f = *state;
	struct ui *ui = &f->sf->ui;
	struct scr_memory_state *s;
	const struct dash_memory *v;

	at(ui, N0 + N1 - 1);
	scrfix_press(ui, '8', 0);
	assert_ptr_equal(ui->screens.cur, &scr_memory);
	s = scr_state(ui, &scr_memory);
	v = scrfix_frame(f->sf)->screen_data;
	assert_null(s->mf); /* no reader made */
	assert_non_null(v->unrecorded);
	assert_true(strstr(v->unrecorded[0], "Not recorded") != NULL);
	assert_int_equal(v->bd->total_kb, 8000000);
	assert_int_equal(v->bd->kb[MMR_ANON], 2000000);
	assert_int_equal(v->bd->kb[MMR_FREE], 1012000);
	assert_true(v->bd->kb[MMR_SLAB_UNRECL] == SNAP_NA);
	assert_true(v->bd->kb[MMR_UNACCOUNTED] == SNAP_NA);
	assert_int_equal(v->ntraps, 0); /* swap, MemAvailable < MemTotal */
	at(ui, N0 + 3); /* a step while current reads the new sample */
	assert_int_equal(v->bd->kb[MMR_FREE], 1003000);
	assert_null(s->mf);
}

static void
test_system_strip_from_the_record(void **state)
{
	struct replayfix *f = *state;
	struct ui *ui = &f->sf->ui;
	struct scr_system_state *s = scr_state(ui, &scr_system);
	const struct syspane_view *v;
	const struct sysstat_row *r;

	at(ui, N0 + N1 - 1);
	assert_false(s->sf_tried); /* not current: nothing read */
	scrfix_press(ui, '9', 0);
	v = scrfix_frame(f->sf)->screen_data;
	assert_false(s->sf_tried);
	assert_null(s->sf);
	assert_true(v->recorded);
	assert_null(v->raw);
	assert_null(v->tasks);
	assert_null(v->sv);
	assert_null(v->psi_cpu);
	assert_true(v->psi_mem->valid);
	assert_true(v->psi_mem->some.avg10 > 12.3);
	/* 6 rows: the minute's samples, the one before it primes */
	assert_int_equal(v->stat->ring.len, 6);
	r = sysstat_newest(v->stat, 0);
	assert_int_equal(r->free_kb, 1012000);
	assert_int_equal(r->buffcache_kb, 3200000);
	assert_int_equal(r->si_kbs, 2560LL * sysfiles_page_kb() / 10);
	assert_int_equal(r->so_kbs, 5120LL * sysfiles_page_kb() / 10);
	assert_true(r->r == SNAP_NA && r->b == SNAP_NA && r->us < 0);
	assert_int_equal(sysstat_newest(v->stat, 5)->free_kb, 1007000);
	/* a step back rebuilds it for the new cursor */
	at(ui, N0 + N1 - 2);
	assert_int_equal(sysstat_newest(v->stat, 0)->free_kb, 1011000);
	/* the second sample of boot-1: boot-0's samples are left out */
	at(ui, N0 + 1);
	assert_int_equal(v->stat->ring.len, 1);
	assert_int_equal(sysstat_newest(v->stat, 0)->free_kb, 1001000);
	at(ui, N0);
	assert_int_equal(v->stat->ring.len, 0);
	scrfix_press(ui, 's', 0);
	assert_false(s->stacks);
	assert_false(s->sf_tried);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_memory_from_the_record, setup,
	                                    replayfix_teardown),
	    cmocka_unit_test_setup_teardown(test_system_strip_from_the_record,
	                                    setup, replayfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
