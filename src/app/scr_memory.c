/* scr_memory.c: the Memory screen's keys, reads and frame (see
 * scr_memory.h). */
#include "app/scr_memory.h"

#include <stdio.h>
#include <string.h>

#include "app/replay.h"
#include "model/memrec.h"
#include "view/dash.h"

enum memory_cmd {
	MEM_UP,
	MEM_DOWN,
	MEM_PGUP,
	MEM_PGDN,
	MEM_HOME,
	MEM_END,
};

static const struct scr_binding memory_keys[] = {
    {{KBD_UP, 0, 0}, MEM_UP, "scroll up", NULL},
    {{KBD_DOWN, 'j', 0}, MEM_DOWN, "scroll down", NULL},
    {{KBD_PGUP, 0, 0}, MEM_PGUP, "page up", NULL},
    {{KBD_PGDN, ' ', 0}, MEM_PGDN, "page down", NULL},
    {{KBD_HOME, 0, 0}, MEM_HOME, "top", NULL},
    {{KBD_END, 0, 0}, MEM_END, "bottom (swap and the traps)", NULL},
};

/* In a replay: what the record does not hold, longest form first (the
 * rows N/A in the table, and the sections left out). */
static const char *const memory_unrecorded[] = {
    "Not recorded (N/A above, or left out here): slab, kernel stacks, "
    "page tables, percpu, vmalloc, hugepages, zswap, tmpfs, slab caches, "
    "swap areas, zram, swappiness",
    "Not recorded (N/A above, or left out): slab, kernel stacks, page "
    "tables, percpu, hugepages, tmpfs, swap areas, zram",
    "Not recorded: slab, hugepages, tmpfs, swap areas, zswap, zram, "
    "swappiness",
    "Not recorded: slab, hugepages, tmpfs, swap areas",
    NULL,
};

/* This screen's state. */
static struct scr_memory_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_memory);
}

/* Read the files (making the reader on the first call), or in a replay
 * take the recorded sample (no file read), and derive the breakdown and
 * the traps. */
static void
refresh(struct ui *ui)
{
	struct scr_memory_state *s = st(ui);
	const struct options *o = ui->opt;

	if (ui->replay != NULL) {
		if (!ui->have_snap)
			return;
		memrec_fill(&ui->snap.mem, &s->all, &s->bd);
		s->ntraps = memmaptrap_find(&s->all, s->traps, MMT_COUNT);
		s->read = true;
		return;
	}
	if (s->mf == NULL)
		s->mf = memfiles_new(o ? o->proc_root : NULL,
		                     o ? o->sys_root : NULL);
	if (s->mf == NULL) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "out of memory: the memory files are not read");
		return;
	}
	memfiles_read(s->mf, &s->all);
	memmap_breakdown(&s->all.mi, &s->bd);
	s->ntraps = memmaptrap_find(&s->all, s->traps, MMT_COUNT);
	s->read = true;
}

/* Entered: read now, from the top. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	(void)from;
	st(ui)->view.top = 0;
	refresh(ui);
}

/* After a sample: read again only while this screen is current. */
static void
sampled(struct ui *ui)
{
	if (ui->screens.cur == &scr_memory)
		refresh(ui);
}

/* Rows of the body. */
static size_t
page_rows(const struct ui *ui)
{
	return ui->layout.body.h > 2 ? (size_t)ui->layout.body.h - 1 : 1;
}

/* Scroll. */
static unsigned
command(struct ui *ui, int cmd)
{
	struct scr_memory_state *s = st(ui);
	size_t max = mempane_max_top(&s->view, &ui->layout.body);
	size_t *top = &s->view.top;

	if (*top > max)
		*top = max;
	switch (cmd) {
	case MEM_UP:
		*top -= *top > 0;
		break;
	case MEM_DOWN:
		*top += *top < max;
		break;
	case MEM_PGUP:
		*top = *top > page_rows(ui) ? *top - page_rows(ui) : 0;
		break;
	case MEM_PGDN:
		*top = *top + page_rows(ui) < max ? *top + page_rows(ui) : max;
		break;
	case MEM_HOME:
		*top = 0;
		break;
	case MEM_END:
		*top = max;
		break;
	}
	return UI_REDRAW;
}

/* The frame: the body and, with no message, the first trap. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_memory_state *s = st(ui);

	s->view.all = s->read ? &s->all : NULL;
	s->view.bd = s->read ? &s->bd : NULL;
	s->view.traps = s->traps;
	s->view.ntraps = s->ntraps;
	s->view.unrecorded = ui->replay != NULL ? memory_unrecorded : NULL;
	f->body = dash_body_memory;
	f->screen_data = &s->view;
	if (!s->read)
		snprintf(s->status, sizeof s->status, "memory: not read yet");
	else if (s->ntraps > 0)
		snprintf(s->status, sizeof s->status, "%s%zu trap%s: %s",
		         ui->replay != NULL ? "replay: " : "", s->ntraps,
		         s->ntraps == 1 ? "" : "s", s->traps[0].text);
	else if (ui->replay != NULL)
		snprintf(s->status, sizeof s->status,
		         "replay: the recorded meminfo; the slab, hugepage and "
		         "tmpfs traps are not checked (not recorded)");
	else
		snprintf(s->status, sizeof s->status,
		         "memory: none of the known traps; Up/Down scroll");
	f->status_info = s->status;
}

/* Free the reader. */
static void
fini(struct ui *ui)
{
	struct scr_memory_state *s = st(ui);

	if (s == NULL)
		return;
	memfiles_free(s->mf);
	s->mf = NULL;
}

const struct scr_def scr_memory = {
    .name = "Memory",
    .short_name = "Mem",
    .key = '8',
    .state_size = sizeof(struct scr_memory_state),
    .keys = memory_keys,
    .nkeys = sizeof memory_keys / sizeof memory_keys[0],
    .fini = fini,
    .enter = enter,
    .command = command,
    .sampled = sampled,
    .frame = frame,
};
