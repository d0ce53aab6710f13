/*
 * ui_main.c: the dashboard (oomwatch with no mode option). Start-up in
 * the order that fails politely: settings and theme (a bad theme file is
 * exit 2 with FILE:LINE), the terminal (no tty, no TERM: a clear error),
 * the collector and a first sample, the action context (ui_act.c), then
 * self-protection. Then one loop: poll() over the terminal, a timerfd
 * (the refresh delay), a signalfd (INT, TERM, HUP, QUIT: leave cleanly;
 * WINCH: relayout), the kernel log and the pidfds of signalled processes
 * being followed to their exit; no work in signal handlers and no busy
 * waiting. Handlers return UI_* flags and the loop samples, rebuilds and
 * draws at most once per turn.
 */
#include "app/ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "app/modes.h"
#include "app/replay.h"
#include "app/scr.h"
#include "app/scr_boots.h"
#include "app/ui_past.h"
#include "collect/usercache.h"
#include "core/clock.h"
#include "core/sanitize.h"
#include "model/rank.h"
#include "persist/conffile.h"
#include "persist/themefile.h"

/* How long a new OOM kill stays highlighted. */
#define NEW_KILL_MS 30000

static const char *const builtin_themes[] = {"default", "light", "mono",
                                             "high-contrast"};

/* Print an error line (sanitized: it may quote a file or argument). */
static void
say(const char *msg)
{
	char safe[1024];

	sanitize_text(safe, sizeof safe, msg, strlen(msg), 0, NULL);
	fprintf(stderr, "oomwatch: %s\n", safe);
}

/* The theme choices for the setup screen: the built-in ones, and the
 * current one when it is a file of its own. */
static void
list_themes(struct ui_settings *set)
{
	set->nthemes = 0;
	for (size_t i = 0; i < sizeof builtin_themes / sizeof builtin_themes[0];
	     i++)
		set->themes[set->nthemes++] = builtin_themes[i];
	for (size_t i = 0; i < set->nthemes; i++) {
		if (strcmp(set->themes[i], set->cfg.theme) == 0)
			return;
	}
	set->themes[set->nthemes++] = set->cfg.theme;
}

/* Settings from oomwatchrc, then the command line over them; the theme
 * into *theme. 0, or 2 (said on stderr) for a bad theme or user. */
static int
setup_settings(struct ui *ui, struct theme *theme)
{
	const struct options *opt = ui->opt;
	struct ui_settings *set = &ui->settings;
	char err[512], warn[256] = "";
	uint32_t uid;

	config_defaults(&set->cfg);
	if (conffile_path(set->config_path, sizeof set->config_path) == 0 &&
	    conffile_load(set->config_path, &set->cfg, warn, sizeof warn) ==
	        0 &&
	    warn[0] != '\0')
		ui_status(ui, THEME_STATUS_ERROR, "%s: line %s",
		          set->config_path, warn);
	if (opt->sort_given) {
		set->cfg.sort = opt->sort;
		set->cfg.sort_desc = rank_key_default_descending(opt->sort);
	}
	if (opt->theme != NULL)
		snprintf(set->cfg.theme, sizeof set->cfg.theme, "%s",
		         opt->theme);
	themefile_exe_dir(set->exe_dir, sizeof set->exe_dir);
	warn[0] = '\0';
	if (themefile_load(set->cfg.theme, set->exe_dir, theme, err, sizeof err,
	                   warn, sizeof warn) != 0) {
		say(err);
		return 2;
	}
	if (warn[0] != '\0')
		ui_status(ui, THEME_STATUS_ERROR, "theme: %s", warn);
	table_init(&ui->table);
	ui->table.sort = set->cfg.sort;
	ui->table.desc = set->cfg.sort_desc;
	ui->table.tree = set->cfg.tree;
	if (opt->user != NULL) {
		if (usercache_parse_user(opt->user, &uid) != 0) {
			snprintf(err, sizeof err, "unknown user '%.64s'",
			         opt->user);
			say(err);
			return 2;
		}
		ui->table.filter.by_uid = true;
		ui->table.filter.uid = uid;
	}
	ui->table.filter.pids = opt->npids ? opt->pids : NULL;
	ui->table.filter.npids = opt->npids;
	list_themes(set);
	return 0;
}

/* A row's GROWTH or TREND sort value (rank_trend_value); SNAP_NA while
 * learning. */
static int64_t
ui_rank_value(void *ctx, const struct proc_row *r, enum rank_key key)
{
	struct ui *ui = ctx;

	if (ui->trends == NULL)
		return SNAP_NA;
	return rank_trend_value(trendcache_get(ui->trends, r), key);
}

/* The history and the verdict cache over it. */
static void
ui_hist_open(struct ui *ui)
{
	if (histsnap_init(&ui->hist, ui->opt->delay_ms, UI_HIST_CAP_BYTES) != 0)
		ui_status(ui, THEME_STATUS_ERROR, "no history: out of memory");
	ui->trends = malloc(sizeof *ui->trends);
	if (ui->trends != NULL)
		trendcache_init(ui->trends, &ui->hist);
	ui->table.extra = (struct rank_extra){ui_rank_value, ui};
}

/* Take a sample and follow the OOM kill counter. */
static void
sample(struct ui *ui)
{
	uint64_t now = clock_mono_ms();
	int64_t kills;
	int rc;

	if (ui->replay != NULL) { /* the record at the cursor */
		rc = replay_sample(ui);
	} else {
		collector_set_focus(ui->coll,
		                    ui->table.has_sel ? ui->table.sel.pid : 0);
		rc = collector_sample(ui->coll, &ui->snap, now);
	}
	ui->have_snap = true;
	if (rc < 0)
		ui_status(ui, THEME_STATUS_ERROR, "sampling /proc: %s",
		          strerror(-rc));
	if (rc == 0 && histsnap_record(&ui->hist, &ui->snap) == 0) {
		if (ui->trends != NULL)
			trendcache_refresh(ui->trends);
		hdrhist_build(&ui->histview, &ui->hist, &ui->snap);
	}
	ui->victim = rank_next_victim(&ui->snap);
	ui_act_sampled(ui);
	scr_sampled(ui); /* each screen derives its data */
	kills = ui->snap.vmstat.oom_kill;
	if (kills == SNAP_NA)
		return;
	if (ui->kills.at_start == SNAP_NA)
		ui->kills.at_start = ui->kills.seen = kills;
	if (kills > ui->kills.seen) {
		ui->kills.new_ms = now;
		ui->kills.seen = kills;
	}
	ui->kills.recent =
	    ui->kills.new_ms != 0 && now - ui->kills.new_ms < NEW_KILL_MS;
}

/* Fill the frame: the parts every screen shows (header, status line,
 * action dialogs), then the current screen's own. */
static void
frame(struct ui *ui)
{
	struct dash_frame *f = &ui->frame;

	memset(f, 0, sizeof *f);
	f->layout = &ui->layout;
	f->snap = ui->have_snap ? &ui->snap : NULL;
	f->table = &ui->table;
	f->trends = ui->trends;
	f->hist = &ui->histview;
	f->cfg = &ui->settings.cfg;
	f->victim = ui->victim;
	f->kills_at_start = ui->kills.at_start;
	f->new_kill = ui->kills.recent;
	f->protect = ui->protect;
	f->paused = ui->paused;
	f->read_only = ui->opt->read_only;
	if (ui->replay != NULL) {
		f->replay = ui->replay->header;
		f->replay_short = ui->replay->header_short;
	}
	f->status = ui->status.text[0] ? ui->status.text : NULL;
	f->status_role = ui->status.role;
	ui_actview_frame(ui, f);
	scr_frame(ui, f); /* the current screen's part, the tab line */
	if (ui->replay != NULL && f->klog != NULL) { /* the record's events */
		ui->klog.view.source = ui->replay->klog_source;
		ui->klog.view.source_ok = true;
	}
}

/* Load cfg.theme after a change on the setup screen. */
static void
change_theme(struct ui *ui)
{
	struct ui_settings *set = &ui->settings;
	struct theme t;
	char err[512], warn[256];

	if (themefile_load(set->cfg.theme, set->exe_dir, &t, err, sizeof err,
	                   warn, sizeof warn) != 0) {
		ui_status(ui, THEME_STATUS_ERROR, "%s", err);
		return;
	}
	screen_set_theme(ui->scr, &t);
	list_themes(set);
	ui_status(ui, THEME_STATUS_OK, "theme %s", set->cfg.theme);
}

/* Write oomwatchrc (the status line says how it went). */
static void
save_settings(struct ui *ui)
{
	struct ui_settings *set = &ui->settings;
	int rc;

	/* the sort order and tree live in the table while running */
	set->cfg.sort = ui->table.sort;
	set->cfg.sort_desc = ui->table.desc;
	set->cfg.tree = ui->table.tree;
	rc = set->config_path[0] ? conffile_save(set->config_path, &set->cfg)
	                         : -ENOENT;
	if (rc == 0)
		ui_status(ui, THEME_STATUS_OK, "saved %s", set->config_path);
	else
		ui_status(ui, THEME_STATUS_ERROR, "cannot save settings: %s",
		          strerror(-rc));
}

/* Do what the flags ask, in order. */
static void
react(struct ui *ui, unsigned flags)
{
	int rows, cols;

	if (flags & UI_RELAYOUT) {
		screen_resize(ui->scr);
		screen_size(ui->scr, &rows, &cols);
		layout_compute(&ui->layout, rows, cols);
	}
	if (flags & UI_THEME)
		change_theme(ui);
	if (flags & UI_RESAMPLE)
		sample(ui);
	if ((flags & (UI_REBUILD | UI_RESAMPLE)) && ui->have_snap &&
	    table_rebuild(&ui->table, &ui->snap) != 0)
		ui_status(ui, THEME_STATUS_ERROR,
		          "out of memory: the table is cut short");
	if (flags & UI_SAVE)
		save_settings(ui);
	if (flags & (UI_REDRAW | UI_RELAYOUT | UI_RESAMPLE)) {
		table_scroll(&ui->table, ui->layout.table.h - 1);
		frame(ui);
		screen_begin(ui->scr);
		dash_draw(ui->scr, &ui->frame);
		screen_end(ui->scr);
	}
}

/* Read the signalfd: the flags it means. */
static unsigned
on_signal(int sfd)
{
	struct signalfd_siginfo si;
	unsigned flags = 0;

	while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGWINCH)
			flags |= UI_RELAYOUT | UI_REDRAW;
		else
			flags |= UI_QUIT;
	}
	return flags;
}

/* Read every waiting key. */
static unsigned
on_keys(struct ui *ui, bool *gone)
{
	unsigned flags = 0;
	int32_t key;
	int n = 0;

	bool taken = false;

	while ((key = screen_key(ui->scr)) != 0 && !(flags & UI_QUIT)) {
		if (ui->replay != NULL)
			flags |= replay_key(ui, key, &taken);
		if (!taken)
			flags |= scr_key(ui, key);
		n++;
	}
	/* readable but no key at all: end of input (the terminal closed) */
	*gone = n == 0;
	return flags;
}

/* The event loop (past: the record's load, see ui_past.h); returns the
 * exit status. */
static int
loop(struct ui *ui, int tfd, int sfd, struct ui_past *past)
{
	struct pollfd pfd[5 + TAGSET_MAX];
	int wfd[TAGSET_MAX];
	unsigned flags = UI_RELAYOUT | UI_REBUILD | UI_REDRAW;
	uint64_t expirations;
	size_t nw;
	int empty = 0;
	bool gone;

	for (;;) {
		react(ui, flags);
		if (flags & UI_QUIT)
			return 0;
		flags = 0;
		pfd[0] = (struct pollfd){screen_fd(ui->scr), POLLIN, 0};
		pfd[1] = (struct pollfd){tfd, POLLIN, 0};
		pfd[2] = (struct pollfd){sfd, POLLIN, 0};
		pfd[3] = (struct pollfd){ui_klog_fd(ui), POLLIN, 0};
		pfd[4] = (struct pollfd){ui_past_fd(past), POLLIN, 0};
		nw = ui_act_watch_fds(ui, wfd, TAGSET_MAX);
		for (size_t i = 0; i < nw; i++)
			pfd[5 + i] = (struct pollfd){wfd[i], POLLIN, 0};
		if (poll(pfd, 5 + nw, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (pfd[2].revents & POLLIN)
			flags |= on_signal(sfd);
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return 0; /* the terminal went away (SSH dropped) */
		if (pfd[0].revents & POLLIN) {
			flags |= on_keys(ui, &gone);
			empty = gone ? empty + 1 : 0;
			if (empty > 100)
				return 0;
		}
		if (pfd[3].revents & (POLLIN | POLLERR | POLLPRI))
			flags |= ui_klog_pump(ui);
		if (pfd[4].revents & POLLIN)
			flags |= ui_past_take(past, ui);
		for (size_t i = 0; i < nw; i++) {
			if (pfd[5 + i].revents) {
				flags |= ui_act_watch_poll(ui);
				break;
			}
		}
		if ((pfd[1].revents & POLLIN) &&
		    read(tfd, &expirations, sizeof expirations) > 0) {
			flags |= ui_act_watch_poll(ui);
			if (ui->paused) { /* no sample: a read that ended */
				flags |= scr_boots_poll(ui);
				continue;
			}
			flags |= ui->replay ? replay_tick(ui) : UI_RESAMPLE;
			if (ui_klog_fd(ui) < 0)
				flags |= ui_klog_pump(ui); /* klogctl */
		}
	}
}

/* Open the timer and signal descriptors; 0 or -errno. */
static int
open_fds(const struct options *opt, int *tfd, int *sfd)
{
	struct itimerspec its;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGWINCH);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return -errno;
	*sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (*sfd < 0)
		return -errno;
	*tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (*tfd < 0)
		return -errno;
	its.it_interval.tv_sec = opt->delay_ms / 1000;
	its.it_interval.tv_nsec = (long)(opt->delay_ms % 1000) * 1000000L;
	its.it_value = its.it_interval;
	return timerfd_settime(*tfd, 0, &its, NULL) == 0 ? 0 : -errno;
}

/* The data: the record (--replay) or the collector, the history (the
 * record's load started in the background) and the kernel log. 0, or
 * the exit status after one line on stderr. */
static int
open_sources(struct ui *ui, struct ui_past *past)
{
	const struct options *opt = ui->opt;
	char err[PATH_MAX + 512];

	if (opt->mode == OPTIONS_REPLAY &&
	    replay_start(ui, err, sizeof err) != 0) {
		say(err); /* the record instead of /proc */
		return 1;
	}
	if (ui->replay == NULL &&
	    (ui->coll = collector_new_roots(opt->proc_root, opt->sys_root, err,
	                                    sizeof err)) == NULL) {
		say(err);
		return 1;
	}
	ui_hist_open(ui); /* no history is no error: the trends stay "..." */
	if (ui->replay == NULL)
		ui_past_start(past, opt); /* in the background */
	if (ui->coll != NULL) /* status-only refreshes (collector.h) */
		collector_set_mode(ui->coll, COLLECTOR_LIGHT);
	if (ui->replay == NULL && ui_klog_open(ui, err, sizeof err) != 0) {
		say(err);
		return opt->kmsg_file ? 2 : 1;
	}
	return 0;
}

/* The interactive dashboard. */
int
ui_run(const struct options *opt)
{
	struct ui *ui = calloc(1, sizeof *ui);
	struct ui_past past = {.efd = -1};
	struct theme theme;
	char err[512];
	int rc, tfd = -1, sfd = -1;

	if (ui == NULL) {
		say("out of memory");
		return 1;
	}
	ui->opt = opt;
	ui->victim = -1;
	ui->act.proc_fd = -1;
	ui->kills.at_start = ui->kills.seen = SNAP_NA;
	snapshot_init(&ui->snap);
	if (scr_init(ui) != 0) {
		say("out of memory");
		rc = 1;
	} else {
		rc = setup_settings(ui, &theme);
	}
	if (rc == 0 && (rc = open_fds(opt, &tfd, &sfd)) != 0) {
		snprintf(err, sizeof err, "timer or signals: %s",
		         strerror(-rc));
		say(err);
		rc = 1;
	}
	if (rc == 0)
		rc = open_sources(ui, &past);
	if (rc == 0 && (ui->scr = screen_open(&theme, opt->no_color, err,
	                                      sizeof err)) == NULL) {
		say(err);
		rc = 1;
	}
	if (rc == 0) {
		ui_act_init(ui);
		if (ui->replay != NULL)
			replay_ready(ui); /* every action refused */
		sample(ui);
		ui_klog_pump(ui);
		if (ui->replay == NULL)
			ui_protect(&ui->protect, opt->no_protect);
		rc = loop(ui, tfd, sfd, &past);
	}
	ui_past_stop(&past);
	replay_stop(ui);
	ui_act_fini(ui);
	screen_close(ui->scr);
	ui_klog_close(ui);
	collector_free(ui->coll);
	if (ui->trends != NULL)
		trendcache_fini(ui->trends);
	free(ui->trends);
	histsnap_fini(&ui->hist);
	table_fini(&ui->table);
	snapshot_fini(&ui->snap);
	scr_fini(ui);
	if (tfd >= 0)
		close(tfd);
	if (sfd >= 0)
		close(sfd);
	free(ui);
	return rc;
}
