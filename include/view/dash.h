/*
 * dash: the dashboard screens, drawn from plain data. The app fills a
 * struct dash_frame each turn (pointers into the model, the settings, the
 * UI state) and calls dash_draw() once; the view never reads a file,
 * never changes the model and never refreshes on its own: screen_end()
 * after dash_draw() sends the frame.
 *
 * Panes: header meters, next-victim line, the tab line (the screens, the
 * current one marked), process table, kernel-log pane, status line,
 * function-key bar; over them, when open: help, sort menu,
 * setup, events view, the list of changes, an action dialog (the signal
 * menu over the body; adj prompts and confirmations in the status line).
 * Below the minimum size only "terminal too small".
 */
#ifndef OOMWATCH_VIEW_DASH_H
#define OOMWATCH_VIEW_DASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/actdialog.h"
#include "model/cgtree.h"
#include "model/config.h"
#include "model/kevents.h"
#include "model/killfree.h"
#include "model/klogring.h"
#include "model/layout.h"
#include "model/oomscore.h"
#include "model/recbox.h"
#include "model/snapshot.h"
#include "model/table.h"
#include "model/tagset.h"
#include "model/theme.h"
#include "view/screen.h"

/* A line of input being typed in the status line. */
enum dash_prompt {
	DASH_PROMPT_NONE = 0,
	DASH_PROMPT_SEARCH,
	DASH_PROMPT_FILTER
};

/* Which pane has the keyboard. */
enum dash_focus { DASH_FOCUS_TABLE = 0, DASH_FOCUS_LOG };

/* Self-protection outcome, for the header, in words (ui_protect). */
struct dash_protect {
	bool ok;        /* memory locked and adj lowered */
	bool disabled;  /* --no-protect */
	char text[192]; /* "memory locked, oom_score_adj -500" */
};

/* One line of the help screen. */
struct dash_help_line {
	const char *keys; /* "F3 /" */
	const char *what; /* "search by name" */
};

/* The help screen's view: its dash_frame.screen_data. */
struct dash_help {
	const struct dash_help_line *lines;
	size_t n;
	int top; /* first row shown */
};

/* Theme choices on the setup screen. */
#define DASH_MAX_THEMES 8

/* One screen on the tab line: its key and name ("1", "Processes"; key
 * 0: none). */
#define DASH_MAX_TABS 16
struct dash_tab {
	const char *name;       /* (borrowed) */
	const char *short_name; /* for a narrow line (borrowed; NULL: name) */
	char key;
};

/* The kernel log as the log pane and the events view show it. */
struct dash_klog {
	const struct klogring *ring; /* display lines (borrowed) */
	const struct kevents *ev;    /* parsed events (borrowed) */
	const char *source;          /* "kernel log: /dev/kmsg", or why not */
	bool source_ok;              /* a source is being read */
	uint64_t lost;               /* messages known lost */
	bool lost_at_least;          /* lost is a lower bound */
	size_t scroll;               /* lines scrolled up from the tail */
	size_t hscroll;      /* characters of each message hidden on the left */
	bool important_only; /* 'l': alert classes and markers only */
	size_t event_cursor; /* events view: selected, 0 = newest */
	size_t task_top;     /* first task-table row (PgUp/PgDn) */
	int page_kb;         /* task tables are in pages */
	/* the events view's rows (NULL: ev's events, none from the record),
	 * the selected one's black box open (Enter) or why it has none
	 * (NULL: nothing to say) */
	const struct recbox_row *rows;
	size_t nrows;
	bool box_open;
	const char *box_why;
};

/* A process an action is aimed at, as the dialogs name it. */
#define DASH_ACT_SHOWN 4
struct dash_act_target {
	int32_t pid;
	char comm[16];  /* raw */
	char user[32];  /* raw */
	int64_t rss_kb; /* SNAP_NA when not in the last sample */
	int64_t adj;    /* SNAP_NA when unknown */
};

/* One line of the changes screen, written by the app (raw text). */
#define DASH_ACT_LINE_MAX 200
struct dash_act_line {
	char text[DASH_ACT_LINE_MAX];
	enum theme_role role;
};

/* The open action dialog, and the changes screen. */
struct dash_act {
	const struct actdialog *dlg;                  /* NULL: no dialog open */
	size_t ntargets;                              /* processes it acts on */
	struct dash_act_target shown[DASH_ACT_SHOWN]; /* the first ones */
	struct killfree free;            /* summed over the targets */
	bool estimate;                   /* adj prompt: now / then valid */
	struct oomscore_place now, then; /* the first target's place */
	char reasons[256];               /* policy_explain(dlg->reasons) */
	/* the changes screen: lines[0] is line scroll of total */
	const struct dash_act_line *lines;
	size_t nlines, total, scroll;
};

/* One key of the function-key bar: F<n> and its word ("Tree"). */
#define DASH_MAX_FKEYS 10
struct dash_fkey {
	int n;
	const char *label; /* (borrowed) */
};

/* The cgroup screen's table over snap->cgroups (view/cgpane.c). */
struct dash_cgroups {
	const struct cgtree *tree; /* the rows, sort and cursor (borrowed) */
	bool with_path;            /* NAME shows the full path ('p') */
	bool limit_high;           /* LIMIT is HIGH: memory.high ('l') */
	bool sort_menu;            /* the sort menu is open (F6) */
	size_t menu_cursor;        /* its line (an enum cgtree_key) */
	const char *none;          /* no cgroups: why (borrowed), or NULL */
};

/* Everything one frame shows. */
struct dash_frame {
	const struct layout *layout;
	const struct snapshot *snap; /* NULL before the first sample */
	const struct table *table;
	const struct config *cfg;
	long victim;            /* index into snap->procs, or -1 */
	int64_t kills_at_start; /* vmstat oom_kill when we started */
	bool new_kill;          /* a kill happened since the last look */
	struct dash_protect protect;
	/* draws the current screen's body (view functions below; set by the
	 * screen's frame function, so adding a screen edits no switch) */
	void (*body)(struct screen *s, const struct dash_frame *f);
	/* the current screen's own view struct, set by its frame function
	 * and read by its body (a new screen adds no field here) */
	const void *screen_data;
	/* the verdicts for GROWTH and TREND (NULL: no history, N/A) */
	struct trendcache *trends;
	/* the header's sparklines and time to OOM (model/hdrhist.h; NULL:
	 * none), from the history */
	const struct hdrhist *hist;
	enum dash_focus focus;
	size_t menu_cursor; /* sort menu / setup line */
	enum dash_prompt prompt;
	const char *prompt_text; /* what is typed (raw) */
	size_t prompt_len;
	const char *prompt_label, *prompt_hint; /* "Search: ", its keys */
	bool paused, read_only;
	/* --replay: the header's line and its short form, else NULL */
	const char *replay, *replay_short;
	const char *status; /* one message, or NULL */
	enum theme_role status_role;
	/* the screen's own status text when there is no message (NULL:
	 * blank), then " | filter: " and the filter (raw) when len > 0 */
	const char *status_info;
	const char *status_filter;
	size_t status_filter_len;
	const char *themes[DASH_MAX_THEMES]; /* setup screen choices */
	size_t nthemes;
	const struct dash_klog *klog;        /* NULL: no kernel-log reader */
	const struct tagset *tags;           /* tagged processes (Space) */
	const struct dash_act *act;          /* NULL: actions not wired */
	struct dash_tab tabs[DASH_MAX_TABS]; /* the tab line */
	size_t ntabs, tab_current;
	struct dash_fkey fkeys[DASH_MAX_FKEYS]; /* the bar, left to right */
	size_t nfkeys;
};

/* Screen bodies, one per screen, for dash_frame.body. */
/* The process table over the kernel-log pane. */
void dash_body_processes(struct screen *s, const struct dash_frame *f);
/* The process table with the sort menu over it. */
void dash_body_sort_menu(struct screen *s, const struct dash_frame *f);
/* The kernel events: the list and the selected event's detail. */
void dash_body_events(struct screen *s, const struct dash_frame *f);
/* The changes and action results. */
void dash_body_changes(struct screen *s, const struct dash_frame *f);
/* The process detail screen (screen_data: struct dash_detail). */
void dash_body_detail(struct screen *s, const struct dash_frame *f);
/* The help lines. */
void dash_body_help(struct screen *s, const struct dash_frame *f);
/* The memory cgroups: a tree with usage, limit, headroom, events and
 * the victim in each. */
void dash_body_cgroups(struct screen *s, const struct dash_frame *f);
/* The Memory screen: where MemTotal is (screen_data: struct dash_memory,
 * view/mempane.h). */
void dash_body_memory(struct screen *s, const struct dash_frame *f);
/* The setup screen: columns and themes. */
void dash_body_setup(struct screen *s, const struct dash_frame *f);
/* The System screen: vmstat strip, PSI, tasks in D, the settings
 * (screen_data: struct syspane_view, view/syspane.h). */
void dash_body_system(struct screen *s, const struct dash_frame *f);
/* The boot history (screen_data: struct dash_boots, view/bootpane.h). */
void dash_body_boots(struct screen *s, const struct dash_frame *f);

/* Draw the whole frame (the caller brackets it with screen_begin/end). */
void dash_draw(struct screen *s, const struct dash_frame *f);

/* Lines of the setup screen: the columns, then the themes. */
size_t dash_setup_lines(const struct dash_frame *f);

#endif
