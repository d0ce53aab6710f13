/*
 * panes: the drawing functions of the dashboard's parts, one file each
 * (header.c, procs.c, cgpane.c, klogpane.c, bars.c, dialogs.c,
 * actdialogs.c);
 * dash.c puts them
 * together. All draw from a struct dash_frame and the layout, nothing else.
 */
#ifndef OOMWATCH_VIEW_PANES_H
#define OOMWATCH_VIEW_PANES_H

#include "view/dash.h"

/* header.c: the meters (Mem, Swap, Commit, PSI, OOM kills, rates,
 * self-protection, tasks) in the header rectangle. */
void header_draw(struct screen *s, const struct dash_frame *f);
/* header.c: the "next victim" line. */
void header_victim_draw(struct screen *s, const struct dash_frame *f);

/* procs.c: the process table in r. */
void procs_draw(struct screen *s, const struct layout_rect *r,
                const struct dash_frame *f);

/* cgpane.c: the cgroup table in r (f->cg over f->snap->cgroups). */
void cgpane_draw(struct screen *s, const struct layout_rect *r,
                 const struct dash_frame *f);

/* bars.c: the status line (or the prompt being typed). */
void bars_status_draw(struct screen *s, const struct dash_frame *f);
/* bars.c: the tab line: the screens, the current one marked. */
void bars_tabs_draw(struct screen *s, const struct dash_frame *f);
/* bars.c: the function-key bar. */
void bars_fkeys_draw(struct screen *s, const struct dash_frame *f);

/* klogpane.c: the kernel-log pane in r (tail, class colours, markers). */
void klogpane_draw(struct screen *s, const struct layout_rect *r,
                   const struct dash_frame *f);
/* klogpane.c: the events view in r: the list and one event's detail. */
void klogpane_events_draw(struct screen *s, const struct layout_rect *r,
                          const struct dash_frame *f);

/* dialogs.c: the help lines in r (f->screen_data: a struct dash_help). */
void dialogs_help(struct screen *s, const struct layout_rect *r,
                  const struct dash_frame *f);
/* dialogs.c: the sort menu in r. */
void dialogs_sort_menu(struct screen *s, const struct layout_rect *r,
                       const struct dash_frame *f);
/* dialogs.c: the setup screen (columns, themes) in r. */
void dialogs_setup(struct screen *s, const struct layout_rect *r,
                   const struct dash_frame *f);
/* How far the help screen in body r can scroll (0: it fits). */
int dialogs_help_max_top(const struct layout_rect *r,
                         const struct dash_help_line *help, size_t nhelp);
/* dialogs.c: "terminal too small (need WxH)", centred. */
void dialogs_too_small(struct screen *s, const struct dash_frame *f);

/* actdialogs.c: does an adj prompt or a confirmation take the status
 * line? */
bool actdialogs_owns_status(const struct dash_frame *f);
/* actdialogs.c: the adj prompt or the confirmation in the status line. */
void actdialogs_prompt_draw(struct screen *s, const struct dash_frame *f);
/* actdialogs.c: the signal menu in a box over the body. */
void actdialogs_signal_draw(struct screen *s, const struct dash_frame *f);
/* actdialogs.c: the list of changes and action results over the body. */
void actdialogs_changes_draw(struct screen *s, const struct dash_frame *f);

#endif
