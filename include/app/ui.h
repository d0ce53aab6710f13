/*
 * ui: the dashboard's wiring (src/app/ui_*.c): the state of one session,
 * the files it reads and writes, self-protection. The loop (ui_main.c)
 * polls the terminal, a timerfd and a signalfd; keys go to the screens
 * (app/scr.h), whose handlers change the state and return reaction flags;
 * the loop then samples, rebuilds and draws at most once per turn.
 */
#ifndef OOMWATCH_APP_UI_H
#define OOMWATCH_APP_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action/action.h"
#include "action/adjust.h"
#include "action/signal.h"
#include "app/options.h"
#include "collect/collector.h"
#include "collect/kmsg.h"
#include "core/kbd.h"
#include "core/procid.h"
#include "core/ring.h"
#include "model/hdrhist.h"
#include "model/histsnap.h"
#include "model/trendcache.h"
#include "model/config.h"
#include "model/actdialog.h"
#include "model/recbox.h"
#include "model/layout.h"
#include "model/table.h"
#include "model/tagset.h"
#include "model/theme.h"
#include "view/dash.h"
#include "view/screen.h"

/* What a handler asks the loop to do next. */
#define UI_REDRAW 0x01u   /* draw a new frame */
#define UI_REBUILD 0x02u  /* re-filter / re-sort the table */
#define UI_RESAMPLE 0x04u /* take a new sample now */
#define UI_RELAYOUT 0x08u /* the terminal size changed */
#define UI_QUIT 0x10u
#define UI_SAVE 0x20u  /* write oomwatchrc */
#define UI_THEME 0x40u /* load cfg.theme and repaint */

#define UI_STATUS_MAX 256
/* The history's memory cap (model/history.h drops the oldest points). */
#define UI_HIST_CAP_BYTES (64u << 20)
#define UI_SCREENS_MAX 16 /* rows of the screens table (app/scr.c) */

/* Actions (ui_act.c). */
#define UI_ACT_LOG_MAX 64     /* results kept for the changes screen */
#define UI_ACT_WATCH_MS 30000 /* follow a signalled process this long */
#define UI_ACT_TEXT_MAX 200

/* The action commands the key maps bind (app/scr.c, scr_procs.c). */
enum ui_act_cmd {
	UI_ACT_LOWER,   /* F7 [ */
	UI_ACT_RAISE,   /* F8 ] */
	UI_ACT_VALUE,   /* a */
	UI_ACT_PROTECT, /* P */
	UI_ACT_PREFER,  /* X */
	UI_ACT_KILL,    /* F9 k */
	UI_ACT_UNDO,    /* u */
	UI_ACT_TAG,     /* Space */
	UI_ACT_UNTAG,   /* U */
};

/* One line of the results list. */
struct ui_act_result {
	int64_t time_unix_ms;
	bool ok;
	char text[UI_ACT_TEXT_MAX]; /* ours, with sanitized names */
};

/* A signalled process followed until it exits. */
struct ui_act_watch {
	struct target t; /* owned: still held */
	struct signal_result res;
	bool fired; /* its pidfd was readable: leave it out of poll */
	char sent[UI_ACT_TEXT_MAX]; /* signal_describe */
};

/* What one action did to several processes (tags). */
struct ui_act_batch {
	size_t n, ok, failed, exited, running;
	char what[48]; /* "SIGTERM", "adj +100" */
};

/* The open action dialog and the processes it holds (held from the key
 * that opened it until it runs or is cancelled). */
struct ui_act_dialog {
	struct actdialog machine; /* the state machine (model/actdialog.h) */
	struct target targets[TAGSET_MAX];
	int adj[TAGSET_MAX]; /* each target's adj when it was opened */
	size_t ntargets;
	struct policy_decision signal_policy; /* for the signal menu */
	char reasons[256]; /* policy_explain of the dialog's verdict */
};

/* Signalled processes followed to their exit (item[0..n)). */
struct ui_act_watches {
	struct ui_act_watch item[TAGSET_MAX];
	size_t n;
};

/* What an action is aimed at while ui_act_command_event runs. */
struct ui_act_aim {
	bool event;              /* an event's process, not the table */
	const struct kevent *ev; /* that event (NULL: names no process) */
};

struct ui_act {
	bool ready;           /* ctx is initialised */
	int proc_fd;          /* the live /proc, or -1 */
	const char *disabled; /* why actions are off altogether, or NULL */
	struct action_ctx ctx;
	struct adjust_journal journal;
	struct tagset tags;
	struct ui_act_dialog dialog;
	struct ui_act_watches watch;
	struct ui_act_batch batch;
	/* results (slots of log, in the order log_ring keeps) */
	struct ui_act_result log[UI_ACT_LOG_MAX];
	struct ring log_ring;
	struct ui_act_aim aim;
	/* what the frame shows (the changes screen adds its lines) */
	struct dash_act view;
};

struct scr_def;
struct replay;
struct ui_past;

/* The screens (app/scr.h): the current one and each one's state, in the
 * order of the screens table. */
struct ui_screens {
	const struct scr_def *cur;
	const struct scr_def *under; /* what cur was opened over, or NULL */
	void *state[UI_SCREENS_MAX];
};

/* The status line: one message, replaced by the next (ui_status). */
struct ui_status_line {
	char text[UI_STATUS_MAX]; /* "": none */
	enum theme_role role;
};

/* The settings: oomwatchrc (where it is) and the themes to choose from. */
struct ui_settings {
	struct config cfg;
	char config_path[512]; /* "": no place to save */
	char exe_dir[512];     /* where themes next to the binary are */
	const char *themes[DASH_MAX_THEMES];
	size_t nthemes;
};

/* OOM kills, from the vmstat oom_kill counter of each sample. */
struct ui_kills {
	int64_t at_start, seen; /* SNAP_NA until a sample has it */
	uint64_t new_ms;        /* when the last new kill was seen, or 0 */
	bool recent;            /* a new one less than NEW_KILL_MS ago
	                           (ui_main.c) */
};

/* Events the live engine keeps (ui_klog.c). */
#define UI_KLOG_EVENTS 256
/* A live event not in the record for this long after it happened is
 * taken as never recorded (the recorder stores it with its next sample). */
#define UI_KLOG_BOX_WAIT_MS 120000

/* What is known of the record's black boxes (ui_past.c). */
enum ui_box_state {
	UI_BOX_UNREAD = 0, /* not read (yet, or --proc-root): say nothing */
	UI_BOX_READ,       /* read: boxes holds this boot's events */
	UI_BOX_FAILED,     /* not read: box_note says why */
};

/* The kernel log (ui_klog.c): the reader feeds the event engine, which
 * fills the ring of display lines. */
struct ui_klog {
	struct kmsg_reader *kr; /* NULL until open */
	struct kevents *kev;
	struct klogring ring;
	struct dash_klog view; /* what the frame shows, rebuilt each draw */
	/* an earlier boot's events (the Boots screen's Enter, owned): the
	 * events view shows them instead of kev until it is left */
	struct kevents *boot_kev;
	char boot_info[128]; /* the events view's status text for them */
	/* the record's events of this boot with their black boxes (newest
	 * first, owned; ui_past.c hands them over), and the events view's
	 * rows: the live events and the recorded kills the live log no
	 * longer holds (ui_klog_rows, rebuilt before each use) */
	enum ui_box_state box_state;
	struct ui_past *past; /* reads them again (app/ui_past.h), or NULL */
	char box_note[UI_STATUS_MAX]; /* UI_BOX_FAILED: the one-line why */
	struct recbox *boxes;
	size_t nboxes;
	int64_t record_last_ms; /* the record's newest sample of this boot
	                           (wall ms, 0: none), from the last read */
	struct recbox_row rows[UI_KLOG_EVENTS + RECBOX_MAX];
	size_t nrows;
};

/* One dashboard session. */
struct ui {
	const struct options *opt;
	struct ui_settings settings;
	/* the processes: sampled, ranked, filtered and sorted */
	struct collector *coll;
	struct snapshot snap;
	bool have_snap;
	long victim; /* the next OOM victim's index in snap, or -1 */
	bool paused; /* no sampling on the refresh tick */
	struct table table;
	struct ui_kills kills;
	/* every sample's history (model/histsnap.h; hist.h NULL when out of
	 * memory) and the on-screen rows' verdicts over it */
	struct histsnap hist;
	struct trendcache *trends; /* NULL: out of memory */
	struct hdrhist histview;   /* the header's, rebuilt after each sample */
	struct ui_klog klog;
	struct ui_act act;           /* actions: oom_score_adj and signals */
	struct dash_protect protect; /* self-protection, for the header */
	/* the terminal and what is drawn on it */
	struct screen *scr; /* NULL in unit tests */
	struct layout layout;
	struct ui_screens screens;
	struct ui_status_line status;
	struct dash_frame frame; /* rebuilt each draw */
	struct replay *replay;   /* --replay (app/replay.h), else NULL */
};

/* ui_status.c: set a status-line message (printf format; the text is
 * ours). */
void ui_status(struct ui *ui, enum theme_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ui_klog.c: open the kernel-log reader (--kmsg-file, or the live log
 * with its fallbacks); 0, or -1 with err set. */
int ui_klog_open(struct ui *ui, char *err, size_t err_size);
/* ui_klog.c: close the reader, free the engine and ring. */
void ui_klog_close(struct ui *ui);
/* ui_klog.c: the fd to poll for new records, or -1. */
int ui_klog_fd(const struct ui *ui);
/* ui_klog.c: read what is there (bounded); UI_REDRAW when lines came. */
unsigned ui_klog_pump(struct ui *ui);
/* ui_klog.c: the kernel log's part of the frame (ui->klog.view), for
 * the screens that show it; they add their scroll and cursors. */
void ui_klog_frame(struct ui *ui, struct dash_frame *f);
/* ui_klog.c: rebuild ui->klog.rows (an earlier boot's events, else the
 * live ones merged with the record's kills, model/recbox.h); the count. */
size_t ui_klog_rows(struct ui *ui);
/* ui_klog.c: true when the row is a live event of a kind with black
 * boxes, not in the record read, and recent enough that the recorder may
 * not have stored it yet (UI_KLOG_BOX_WAIT_MS). */
bool ui_klog_box_pending(const struct ui *ui, const struct recbox_row *r);
/* ui_klog.c: why the row's event has no black box, in one line (NULL:
 * it has one, or there is nothing to say). */
const char *ui_klog_box_why(const struct ui *ui, const struct recbox_row *r);
/* ui_klog.c: how far the log pane can scroll up (the oldest line shown
 * under the filter on its top row). */
size_t ui_klog_max_scroll(const struct ui *ui);

/* ui_act.c: open the live /proc and the action context (actions are off,
 * with the reason, when /proc cannot be opened or --proc-root is used). */
void ui_act_init(struct ui *ui);
/* ui_act.c: let go of every held process and the context. */
void ui_act_fini(struct ui *ui);
/* ui_act.c: run an action on the tagged processes, else the table's
 * selected one (UI_* flags; it never changes the screen). */
unsigned ui_act_command(struct ui *ui, enum ui_act_cmd cmd);
/* ui_act.c: run an action on the process an event names (ev may be NULL:
 * "this event names no process"), if it is still that process. */
unsigned ui_act_command_event(struct ui *ui, enum ui_act_cmd cmd,
                              const struct kevent *ev);
/* ui_act.c: is an action dialog open (it then takes every key)? */
bool ui_act_dialog_open(const struct ui *ui);
/* ui_act.c: a key while an action dialog is open. */
unsigned ui_act_key(struct ui *ui, int32_t key);
/* ui_act.c: after a sample: drop tags of processes that are gone. */
void ui_act_sampled(struct ui *ui);
/* ui_act.c: the pidfds of signalled processes to poll (up to max). */
size_t ui_act_watch_fds(const struct ui *ui, int *fds, size_t max);
/* ui_act.c: follow signalled processes (a pidfd was readable, or a
 * tick): report the ones that exited; UI_REDRAW when something changed. */
unsigned ui_act_watch_poll(struct ui *ui);
/* ui_act.c: the snapshot row of a held process (pid and start time
 * equal), its index in *index (may be NULL); NULL when not sampled. */
const struct proc_row *ui_act_row(const struct ui *ui, const struct target *t,
                                  size_t *index);
/* ui_actview.c: the actions part of the frame (the open dialog, tags). */
void ui_actview_frame(struct ui *ui, struct dash_frame *f);

/* ui_protect.c: mlockall and a lower oom_score_adj (unless disabled);
 * the outcome in words for the header. */
void ui_protect(struct dash_protect *p, bool disabled);

#endif
