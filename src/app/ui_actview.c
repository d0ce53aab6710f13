/*
 * ui_actview.c: what the frame shows of the actions (struct dash_act):
 * the open dialog with the processes it holds (pid, user, name, RSS from
 * the last sample), what a kill would free (summed over them), while an
 * adj value is typed the estimated oom_score and place in the victim
 * order (model/oomscore.h on the last sample). The changes screen's
 * lines are scr_changes.c's.
 */
#include "app/ui.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model/killfree.h"
#include "model/oomscore.h"

/* Add a known part to a sum that starts at SNAP_NA. */
static void
add_kb(int64_t *sum, int64_t v)
{
	if (v == SNAP_NA)
		return;
	*sum = *sum == SNAP_NA ? v : *sum + v;
}

/* The page size in kB. */
static int64_t
page_kb(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p >= 1024 ? p / 1024 : 4;
}

/* The adj prompt's estimate for the first held process. */
static void
estimate(struct ui *ui, struct dash_act *v, size_t index, int64_t adj_now)
{
	const struct actdialog *d = &ui->act.dialog.machine;
	int64_t total, pk = page_kb();

	v->estimate = false;
	if (d->kind != ACTDIALOG_ADJ_VALUE || !d->parsed ||
	    ui->act.dialog.ntargets != 1 || adj_now == SNAP_NA)
		return;
	total = oomscore_total_pages(&ui->snap.mem, pk);
	if (total == SNAP_NA || total <= 0)
		return;
	v->estimate = oomscore_place(&ui->snap, index, adj_now, total, pk,
	                             &v->now) == 0 &&
	              oomscore_place(&ui->snap, index, d->value, total, pk,
	                             &v->then) == 0;
}

/* The dialog part: who is aimed at, what a kill frees, the estimate. */
static void
dialog_view(struct ui *ui, struct dash_act *v)
{
	const struct ui_act *a = &ui->act;
	const struct proc_row *row;
	struct dash_act_target *s;
	struct killfree kf;
	size_t index = 0, first_index = SIZE_MAX;

	v->dlg = &a->dialog.machine;
	v->ntargets = a->dialog.ntargets;
	v->free.ram_kb = v->free.shmem_kb = v->free.swap_kb = SNAP_NA;
	for (size_t i = 0; i < a->dialog.ntargets; i++) {
		row = ui_act_row(ui, &a->dialog.targets[i], &index);
		if (row != NULL) {
			killfree_estimate(row, &kf);
			add_kb(&v->free.ram_kb, kf.ram_kb);
			add_kb(&v->free.shmem_kb, kf.shmem_kb);
			add_kb(&v->free.swap_kb, kf.swap_kb);
			if (i == 0)
				first_index = index;
		}
		if (i >= DASH_ACT_SHOWN)
			continue;
		s = &v->shown[i];
		s->pid = a->dialog.targets[i].pid;
		memcpy(s->comm, a->dialog.targets[i].comm, sizeof s->comm);
		s->adj = a->dialog.adj[i] == ADJUST_UNKNOWN ? SNAP_NA
		                                            : a->dialog.adj[i];
		s->rss_kb = row ? row->rss_kb : SNAP_NA;
		if (row != NULL)
			memcpy(s->user, row->user, sizeof s->user);
		else
			snprintf(s->user, sizeof s->user, "%u",
			         (unsigned)a->dialog.targets[i].uid);
	}
	if (first_index != SIZE_MAX)
		estimate(ui, v, first_index, v->shown[0].adj);
}

/* The actions part of the frame. */
void
ui_actview_frame(struct ui *ui, struct dash_frame *f)
{
	struct dash_act *v = &ui->act.view;

	memset(v, 0, sizeof *v);
	snprintf(v->reasons, sizeof v->reasons, "%s", ui->act.dialog.reasons);
	if (actdialog_is_open(&ui->act.dialog.machine))
		dialog_view(ui, v);
	f->act = v;
	f->tags = &ui->act.tags;
}
