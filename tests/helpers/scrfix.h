/*
 * scrfix: a dashboard session for unit tests of the screens: a struct ui
 * on a built snapshot of three made-up processes (alpha, beta, gamma) at
 * 80x24, actions off, no terminal (screen_open is never called); keys go
 * in through scr_key and the frame comes out through scr_frame.
 */
#ifndef OOMWATCH_TESTS_SCRFIX_H
#define OOMWATCH_TESTS_SCRFIX_H

#include <stddef.h>
#include <stdint.h>

#include "act_child.h"
#include "app/ui.h"
#include "view/dash.h"

/* One session. */
struct scrfix {
	struct options opt;
	struct ui ui;
	struct act_child child;
	struct dash_frame frame;
};

/* Add a process row to the snapshot: 0, or -1 (out of memory). */
int scrfix_add_row(struct ui *ui, int32_t pid, uint64_t start, const char *comm,
                   int64_t rss_kb);
/* cmocka setup: a session (*state is a struct scrfix); -1 fails the
 * test (no cmocka asserts here: the fuzz replays link the helpers too). */
int scrfix_setup(void **state);
/* cmocka teardown: free the session and reap the child. */
int scrfix_teardown(void **state);
/* Press keys (0-terminated); the flags of the last one. */
unsigned scrfix_press(struct ui *ui, ...);
/* Type a string, one key per byte. */
void scrfix_type(struct ui *ui, const char *s);
/* The cgroup screen's view struct in a frame. */
const struct dash_cgroups *scrfix_cgview(const struct dash_frame *f);
/* The frame the current screen fills. */
const struct dash_frame *scrfix_frame(struct scrfix *f);
/* The selected row's command name. */
const char *scrfix_selected(const struct ui *ui);

#endif
