/*
 * scrfix: the screens' test fixture (see scrfix.h).
 */
#include "scrfix.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scr.h"

static const char *const scrfix_themes[] = {"default", "light", "mono"};

/* Add a process row to the snapshot. */
int
scrfix_add_row(struct ui *ui, int32_t pid, uint64_t start, const char *comm,
               int64_t rss_kb)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = 1;
	r.state = 'S';
	snprintf(r.comm, sizeof r.comm, "%s", comm);
	snprintf(r.user, sizeof r.user, "root");
	r.rss_kb = r.anon_kb = rss_kb;
	r.file_kb = r.shmem_kb = r.swap_kb = r.pte_kb = 0;
	r.oom_score = 600 + pid % 100;
	r.start_time = start;
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	return snapshot_push_proc(&ui->snap, &r);
}

/* A session on three made-up processes at 80x24, actions off. */
int
scrfix_setup(void **state)
{
	struct scrfix *f = calloc(1, sizeof *f);
	struct ui *ui = &f->ui;

	if (f == NULL)
		return -1;
	ui->opt = &f->opt;
	ui->act.proc_fd = -1;
	ui->victim = -1;
	config_defaults(&ui->settings.cfg);
	table_init(&ui->table);
	snapshot_init(&ui->snap);
	layout_compute(&ui->layout, 24, 80);
	if (scr_init(ui) != 0)
		return -1;
	for (size_t i = 0; i < sizeof scrfix_themes / sizeof scrfix_themes[0];
	     i++)
		ui->settings.themes[ui->settings.nthemes++] = scrfix_themes[i];
	if (scrfix_add_row(ui, 101, 1001, "alpha", 3000) != 0 ||
	    scrfix_add_row(ui, 102, 1002, "beta", 2000) != 0 ||
	    scrfix_add_row(ui, 103, 1003, "gamma", 1000) != 0)
		return -1;
	ui->have_snap = true;
	ui->table.sort = RANK_PID;
	ui->table.desc = false;
	if (table_rebuild(&ui->table, &ui->snap) != 0)
		return -1;
	*state = f;
	return 0;
}

/* Free the session and reap the child. */
int
scrfix_teardown(void **state)
{
	struct scrfix *f = *state;

	ui_act_fini(&f->ui);
	act_child_kill(&f->child);
	kevents_free(f->ui.klog.kev);
	if (f->ui.klog.ring.lines != NULL)
		klogring_fini(&f->ui.klog.ring);
	scr_fini(&f->ui);
	table_fini(&f->ui.table);
	snapshot_fini(&f->ui.snap);
	free(f);
	return 0;
}

/* Press keys (0-terminated); the flags of the last one. */
unsigned
scrfix_press(struct ui *ui, ...)
{
	va_list ap;
	int32_t key;
	unsigned flags = 0;

	va_start(ap, ui);
	while ((key = va_arg(ap, int32_t)) != 0)
		flags = scr_key(ui, key);
	va_end(ap);
	return flags;
}

/* Type a string, one key per byte. */
void
scrfix_type(struct ui *ui, const char *s)
{
	for (; *s; s++)
		scr_key(ui, (unsigned char)*s);
}

/* The cgroup screen's view struct in a frame. */
const struct dash_cgroups *
scrfix_cgview(const struct dash_frame *f)
{
	return f->screen_data;
}

/* The frame the current screen fills. */
const struct dash_frame *
scrfix_frame(struct scrfix *f)
{
	memset(&f->frame, 0, sizeof f->frame);
	f->frame.layout = &f->ui.layout;
	f->frame.table = &f->ui.table;
	ui_actview_frame(&f->ui, &f->frame);
	scr_frame(&f->ui, &f->frame);
	return &f->frame;
}

/* The selected row's command name. */
const char *
scrfix_selected(const struct ui *ui)
{
	const struct proc_row *r = table_selected(&ui->table, &ui->snap);

	return r ? r->comm : "(none)";
}
