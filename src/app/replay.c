/*
 * replay.c: the dashboard on the record (see replay.h). The cursor moves
 * only on a key (or a tick while playing); each move asks the loop for a
 * new sample, which rebuilds the snapshot and the history there.
 */
#include "app/replay.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/record.h"
#include "app/scr.h"
#include "app/ui_past.h"
#include "collect/usercache.h"
#include "core/clock.h"
#include "persist/recload.h"
#include "persist/smallfile.h"

#define MINUTE_MS 60000LL
/* The rebuilt kernel log's capacities (events, display lines). */
#define REPLAY_KLOG_EVENTS 256
#define REPLAY_KLOG_LINES 2000

/* Why actions are off: the status line says "actions are off: " and it. */
static const char replay_refusal[] =
    "replay: these are recorded processes and cgroups, not live ones";

/* The running kernel's boot id into buf: 0, or -1. */
static int
replay_boot_id(char *buf, size_t size)
{
	ssize_t n =
	    smallfile_read("/proc/sys/kernel/random/boot_id", buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return n > 0 ? 0 : -1;
}

/* Local "YYYY-MM-DD HH:MM:SS" of a unix ms time into buf. */
static void
replay_time(int64_t ms, char *buf, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, size, "@%lld", (long long)(ms / 1000));
}

/* Place the cursor at --at (see replay_at.h): 0, or -1 with err. */
static int
replay_place(struct replay *rp, const struct options *opt, char *err,
             size_t errsz)
{
	size_t n = recreplay_count(rp->rr);
	char boot[64], from[32], to[32];
	int64_t at;
	int rc;

	rp->cur = n - 1;
	switch (opt->at_.kind) {
	case REPLAY_AT_BOOT:
		if (replay_boot_id(boot, sizeof boot) != 0) {
			snprintf(err, errsz,
			         "--at boot: this boot's id cannot "
			         "be read");
			return -1;
		}
		rc = recreplay_boot_first(rp->rr, boot, &rp->cur);
		if (rc < 0)
			snprintf(err, errsz, "%s", recreplay_error(rp->rr));
		else if (rc > 0)
			snprintf(err, errsz,
			         "--at boot: %s has no sample of the running "
			         "boot",
			         rp->path);
		return rc == 0 ? 0 : -1;
	case REPLAY_AT_TIME:
	case REPLAY_AT_AGO:
		at = replay_at_ms(&opt->at_, clock_wall_ms());
		if (at >= 0 &&
		    recreplay_find(rp->rr, at, REPLAY_AT_GAP_MS, &rp->cur) == 0)
			return 0;
		replay_time(recreplay_sample(rp->rr, 0)->time_ms, from,
		            sizeof from);
		replay_time(recreplay_sample(rp->rr, n - 1)->time_ms, to,
		            sizeof to);
		snprintf(err, errsz,
		         "--at %s: no sample in the 11 minutes up to it in %s "
		         "(it holds %s to %s)",
		         opt->at, rp->path, from, to);
		return -1;
	default:
		return 0;
	}
}

/* Open the database and place the cursor (see replay.h). */
int
replay_start(struct ui *ui, char *err, size_t errsz)
{
	const struct options *opt = ui->opt;
	struct replay *rp = calloc(1, sizeof *rp);
	enum recread_status st;

	if (rp == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	ui->replay = rp;
	rp->ev_cur = SIZE_MAX;
	rp->kills_start = SNAP_NA;
	ui->paused = true;
	if (opt->db_path != NULL)
		snprintf(rp->path, sizeof rp->path, "%s", opt->db_path);
	else if (record_read_path(rp->path, sizeof rp->path, geteuid() == 0,
	                          getenv("XDG_STATE_HOME"),
	                          getenv("HOME")) < 0) {
		snprintf(err, errsz,
		         "--replay: no home for the default "
		         "database; use --db PATH");
		return -1;
	}
	rp->past = recload_cursor_new(rp->path, REPLAY_PAST_CAP_BYTES, 1000);
	rp->rr = recreplay_open(rp->path, &st, err, errsz);
	if (rp->rr == NULL || replay_place(rp, opt, err, errsz) != 0)
		return -1;
	return 0;
}

/* Refuse every action (see replay.h). */
void
replay_ready(struct ui *ui)
{
	ui->act.disabled = replay_refusal;
	ui->act.ctx.read_only = true;
	ui_protect(&ui->protect, true); /* nothing live to protect from */
}

/* The header's texts for the cursor. */
static void
replay_headline(struct replay *rp)
{
	char t[32];

	replay_time(recreplay_sample(rp->rr, rp->cur)->time_ms, t, sizeof t);
	snprintf(rp->header, sizeof rp->header, "replay %s, sample %zu/%zu", t,
	         rp->cur + 1, recreplay_count(rp->rr));
	snprintf(rp->header_short, sizeof rp->header_short, "replay %s", t);
}

/* The recorder's interval around the cursor (ms, 1 s to 10 min; 10 s
 * when there is no sample before it). */
static uint32_t
replay_interval(const struct replay *rp)
{
	int64_t d = 10000;

	if (rp->cur > 0)
		d = recreplay_sample(rp->rr, rp->cur)->time_ms -
		    recreplay_sample(rp->rr, rp->cur - 1)->time_ms;
	if (d < 1000)
		d = 1000;
	return (uint32_t)(d > 600000 ? 600000 : d);
}

/* The past of the cursor's boot up to the cursor (recload: from the
 * cursor kept between moves, or loaded whole) into the history: the
 * trends and charts. */
static void
replay_past(struct ui *ui, int64_t now_ms)
{
	struct replay *rp = ui->replay;
	struct hist *past;
	struct recload res;
	char boot[128];
	struct recload_req rq = {
	    .path = rp->path,
	    .boot_id = boot,
	    .now_wall_ms = now_ms,
	    .now_mono_ms = (uint64_t)now_ms, /* mono is wall in replay */
	    .span_ms = RECLOAD_SPAN_MS,
	    .cap_bytes = REPLAY_PAST_CAP_BYTES,
	    .busy_ms = 1000,
	};

	if (recreplay_boot_id(rp->rr, rp->cur, boot, sizeof boot) != 0)
		return;
	if (!rp->past_fresh && rp->past != NULL) {
		if (recload_cursor_past(rp->past, boot, now_ms, &past, &res) ==
		    RECLOAD_OK)
			histsnap_set_past(&ui->hist, past);
		return;
	}
	if (recload_run(&rq, &res) == RECLOAD_OK) {
		histsnap_set_past(&ui->hist, res.past);
		res.past = NULL;
	}
	recload_fini(&res);
}

/* One recorded sample into the history as a refresh (a
 * recreplay_snap_fn). */
static void
replay_spark_one(const struct snapshot *s, void *arg)
{
	(void)histsnap_record(arg, s);
}

/* The samples of the REPLAY_SPARK_MS before the cursor (same boot) as
 * refreshes, the system's values and the processes': the header's
 * sparklines, and the fine tier the trends, verdicts and the detail
 * chart of a process younger than TREND_MIN_SAMPLES minutes read, as the
 * live dashboard's refreshes would have given them. */
static void
replay_spark(struct ui *ui)
{
	struct replay *rp = ui->replay;

	if (recreplay_window(rp->rr, rp->cur, REPLAY_SPARK_MS, replay_spark_one,
	                     &ui->hist) != 0)
		ui_status(ui, THEME_STATUS_ERROR,
		          "replay: the 10 minutes before not read (%s)",
		          recreplay_error(rp->rr));
}

/* User names for the recorded uids (this machine's, as the live
 * dashboard shows them). */
static void
replay_users(struct ui *ui)
{
	struct usercache *uc = usercache_new();

	for (size_t i = 0; uc != NULL && i < ui->snap.nprocs; i++) {
		struct proc_row *p = &ui->snap.procs[i];

		if (p->uid != SNAP_UID_NA)
			usercache_name(uc, p->uid, p->user, sizeof p->user);
	}
	usercache_free(uc);
}

/* The rebuilt lines' way into the log engine: the engine, a record to
 * fill for each line (heap: it holds KLOG_TEXT_MAX bytes), the events
 * the engine made. */
struct replay_feed {
	struct kevents *kev;
	struct klog_record *rec;
	size_t n;
};

/* Feed one line (a recreplay_line_fn). */
static void
replay_feed_line(const struct recreplay_line *l, void *arg)
{
	struct replay_feed *f = arg;
	struct klog_record *rec = f->rec;
	size_t len = strlen(l->text);

	memset(rec, 0, offsetof(struct klog_record, text));
	rec->format = KLOG_FMT_KMSG;
	rec->level = 3;
	rec->has_seq = l->seq >= 0;
	rec->seq = (uint64_t)l->seq;
	rec->time.kind = l->time_kind == 1   ? KLOG_TIME_BOOT
	                 : l->time_kind == 2 ? KLOG_TIME_UNIX
	                                     : KLOG_TIME_NONE;
	rec->time.usec = l->time_us;
	rec->clock = rec->time;
	rec->caller = KLOG_NA;
	rec->truncated = len >= KLOG_TEXT_MAX;
	rec->text_len = rec->truncated ? KLOG_TEXT_MAX - 1 : len;
	memcpy(rec->text, l->text, rec->text_len);
	rec->text[rec->text_len] = '\0';
	f->n += kevents_feed_record(f->kev, rec);
}

/* The kernel log of the cursor's boot up to it, rebuilt from the
 * recorded events, into ui->klog (the pane and the events view). */
static void
replay_klog(struct ui *ui)
{
	struct replay *rp = ui->replay;
	struct replay_feed f = {kevents_new(REPLAY_KLOG_EVENTS),
	                        malloc(sizeof *f.rec), 0};

	kevents_free(ui->klog.kev);
	ui->klog.kev = f.kev;
	if (ui->klog.ring.lines != NULL)
		klogring_clear(&ui->klog.ring);
	else if (klogring_init(&ui->klog.ring, REPLAY_KLOG_LINES) != 0)
		ui->klog.ring.lines = NULL;
	snprintf(rp->klog_source, sizeof rp->klog_source, "%s",
	         "replay: recorded events not shown (out of memory)");
	if (f.kev == NULL || f.rec == NULL || ui->klog.ring.lines == NULL) {
		free(f.rec);
		return;
	}
	kevents_set_ring(f.kev, &ui->klog.ring);
	if (recreplay_klog(rp->rr, rp->cur, replay_feed_line, &f) != 0)
		snprintf(rp->klog_source, sizeof rp->klog_source,
		         "replay: recorded events not shown (%s)",
		         recreplay_error(rp->rr));
	else
		snprintf(rp->klog_source, sizeof rp->klog_source,
		         "replay: %zu event%s of this boot recorded up to this "
		         "sample (rebuilt from the record)",
		         f.n, f.n == 1 ? "" : "s");
	free(f.rec);
}

/* The black boxes of the cursor's boot's events recorded up to it (the
 * events its rebuilt log holds, as many as it holds) into the events
 * view: "before this kill", as the live dashboard's load gives them.
 * Read again only when the events up to the cursor change: the boxes of
 * events after the cursor are not there. */
static void
replay_boxes(struct ui *ui)
{
	struct replay *rp = ui->replay;
	struct ui_klog *k = &ui->klog;
	size_t upto = recreplay_events_upto(rp->rr, rp->cur);
	int64_t boot = recreplay_sample(rp->rr, rp->cur)->boot;
	struct recbox *b;
	size_t n;

	k->record_last_ms = recreplay_sample(rp->rr, rp->cur)->time_ms;
	if (k->box_state == UI_BOX_READ && rp->boxes_boot == boot &&
	    rp->boxes_upto == upto)
		return;
	if (recreplay_boxes(rp->rr, rp->cur, REPLAY_KLOG_EVENTS, &b, &n) != 0) {
		k->box_state = UI_BOX_FAILED;
		snprintf(k->box_note, sizeof k->box_note,
		         "no black box: %.100s at %.120s",
		         recreplay_error(rp->rr), rp->path);
		return;
	}
	free(k->boxes);
	k->boxes = b;
	k->nboxes = n;
	k->box_state = UI_BOX_READ;
	rp->boxes_boot = boot;
	rp->boxes_upto = upto;
}

/* How many new OOM kills sample i brings: those that arrived with it,
 * none at its boot's first recorded sample (whose kills, the kernel
 * log's backlog when the recorder started, came before it). */
static int64_t
replay_kills_at(const struct replay *rp, size_t i)
{
	int64_t n = 0;

	if (i == 0 || recreplay_sample(rp->rr, i - 1)->boot !=
	                  recreplay_sample(rp->rr, i)->boot)
		return 0;
	for (size_t k = 0; k < recreplay_nevents(rp->rr); k++) {
		const struct recreplay_event *e = recreplay_event(rp->rr, k);

		n += e->at == i && strcmp(e->kind, "oom_kill") == 0;
	}
	return n;
}

/* The header's OOM kill line at the cursor: "since start" counts from
 * just before the replay's first sample shown (the earliest shown of the
 * cursor's boot, once the cursor went back before it or to another boot:
 * its own kills count), and NEW KILL marks a sample an OOM kill arrived
 * with (replay_kills_at), as
 * the live dashboard marks the refresh that saw it (ui_main.c's sample()
 * marks a count above seen as new, at its own clock). */
static void
replay_kills(struct ui *ui)
{
	struct replay *rp = ui->replay;
	int64_t kills = ui->snap.vmstat.oom_kill,
	        boot = recreplay_sample(rp->rr, rp->cur)->boot, before = kills;

	/* the count before the sample's own kills: the loop's "new" */
	if (kills != SNAP_NA)
		before = kills - replay_kills_at(rp, rp->cur);
	if (before < 0)
		before = 0;
	if (kills != SNAP_NA &&
	    (rp->kills_start == SNAP_NA || rp->kills_boot != boot ||
	     before < rp->kills_start)) {
		rp->kills_start = before;
		rp->kills_boot = boot;
	}
	ui->kills.at_start = kills != SNAP_NA ? rp->kills_start : SNAP_NA;
	ui->kills.seen = before;
	ui->kills.new_ms = 0;
	ui->kills.recent = false;
}

/* The snapshot and history at the cursor (see replay.h). */
int
replay_sample(struct ui *ui)
{
	struct replay *rp = ui->replay;
	int64_t now_ms = recreplay_sample(rp->rr, rp->cur)->time_ms;

	replay_headline(rp);
	if (recreplay_snapshot(rp->rr, rp->cur, &ui->snap) != 0) {
		ui_status(ui, THEME_STATUS_ERROR, "replay: %s",
		          recreplay_error(rp->rr));
		return 1;
	}
	replay_users(ui);
	replay_klog(ui);
	replay_boxes(ui);
	replay_kills(ui);
	histsnap_fini(&ui->hist);
	if (histsnap_init(&ui->hist, replay_interval(rp), UI_HIST_CAP_BYTES) !=
	    0)
		return 0; /* no history: the trends stay "..." */
	replay_past(ui, now_ms);
	replay_spark(ui);
	return 0;
}

/* Say where an event jump went on the status line. */
static void
replay_said_event(struct ui *ui, size_t k)
{
	const struct recreplay_event *e = recreplay_event(ui->replay->rr, k);
	char t[32], who[96] = "";

	replay_time(e->time_ms, t, sizeof t);
	if (e->pid >= 0)
		snprintf(who, sizeof who, " pid %lld %s", (long long)e->pid,
		         e->comm);
	ui_status(ui, THEME_STATUS_INFO,
	          "replay: event %zu/%zu %s%s, recorded %s (with this sample)",
	          k + 1, recreplay_nevents(ui->replay->rr), e->kind, who, t);
}

/* The start of every status-line message about a gap in the record. */
static const char replay_gap_text[] = "replay: a gap of ";

/* Read the samples and events recorded since the newest loaded one (a
 * recorder still running): how many samples came, or -1 (said on the
 * status line). The past's cursor, which holds its boot's samples as
 * they were, is built anew when some came. */
static int
replay_newer(struct ui *ui)
{
	struct replay *rp = ui->replay;
	size_t added = 0;

	if (recreplay_newer(rp->rr, &added) != 0) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "replay: newer samples not read: %s",
		          recreplay_error(rp->rr));
		return -1;
	}
	if (added > 0 && rp->past != NULL) {
		recload_cursor_free(rp->past);
		rp->past =
		    recload_cursor_new(rp->path, REPLAY_PAST_CAP_BYTES, 1000);
	}
	return added > 0;
}

/* Say on the status line the gaps in the record (recreplay_gap_ms)
 * between samples from and to, crossed by a move: the longest, and where
 * it is; clear an earlier gap's message when there is none. */
static void
replay_said_gap(struct ui *ui, size_t from, size_t to)
{
	const struct recreplay *rr = ui->replay->rr;
	size_t lo = from < to ? from : to, hi = from < to ? to : from;
	size_t n = 0, at = 0;
	int64_t g, big = 0;
	long long sec;
	char more[48] = "";

	for (size_t i = lo + 1; i <= hi; i++) {
		if ((g = recreplay_gap_ms(rr, i)) == 0)
			continue;
		n++;
		if (g > big) {
			big = g;
			at = i;
		}
	}
	if (n == 0) {
		if (strncmp(ui->status.text, replay_gap_text,
		            sizeof replay_gap_text - 1) == 0)
			ui->status.text[0] = '\0';
		return;
	}
	if (n > 1)
		snprintf(more, sizeof more, " (and %zu more)", n - 1);
	sec = (long long)(big / 1000);
	ui_status(ui, THEME_STATUS_INFO,
	          "%s%lldh%02lldm%02llds%s in the record %s (the recorder was "
	          "not running)",
	          replay_gap_text, sec / 3600, sec / 60 % 60, sec % 60, more,
	          at == to       ? "before this sample"
	          : at == to + 1 ? "after this sample"
	                         : "crossed by this step");
}

/* Move the cursor to sample i: the flags (UI_RESAMPLE when it moved;
 * at an end, the status line names it: end). A gap in the record crossed
 * is said. */
static unsigned
replay_move(struct ui *ui, size_t i, const char *end)
{
	struct replay *rp = ui->replay;
	size_t from = rp->cur;

	if (i == rp->cur) {
		ui_status(ui, THEME_STATUS_INFO, "replay: %s", end);
		return UI_REDRAW;
	}
	rp->cur = i;
	replay_said_gap(ui, from, i);
	rp->ev_cur = SIZE_MAX; /* } / { go from the new sample */
	rp->ev_select = false;
	return UI_RESAMPLE;
}

/* A forward step of delta_ms (0: one sample) from the cursor: the sample
 * it goes to, the samples recorded since the open read first when it
 * would be the newest loaded (a recorder still running); SIZE_MAX when
 * that read failed (said on the status line). */
static size_t
replay_forward(struct ui *ui, int64_t delta_ms)
{
	struct replay *rp = ui->replay;
	size_t last = recreplay_count(rp->rr) - 1, i;

	for (int pass = 0; pass < 2; pass++) {
		i = delta_ms > 0     ? recreplay_step(rp->rr, rp->cur, delta_ms)
		    : rp->cur < last ? rp->cur + 1
		                     : last;
		if (pass > 0 || i < last)
			break;
		if (replay_newer(ui) < 0)
			return SIZE_MAX;
		last = recreplay_count(rp->rr) - 1;
	}
	return i;
}

/* Jump to the next (dir > 0) or previous recorded event. */
static unsigned
replay_event_jump(struct ui *ui, int dir)
{
	struct replay *rp = ui->replay;
	size_t k;

	/* forward past the newest loaded: read what was recorded since */
	if (recreplay_event_step(rp->rr, rp->cur, rp->ev_cur, dir, &k) != 0 &&
	    (dir < 0 || replay_newer(ui) <= 0 ||
	     recreplay_event_step(rp->rr, rp->cur, rp->ev_cur, dir, &k) != 0)) {
		ui_status(ui, THEME_STATUS_INFO, "replay: no %s event recorded",
		          dir > 0 ? "later" : "earlier");
		return UI_REDRAW;
	}
	rp->ev_cur = k;
	rp->ev_select = true;
	replay_said_event(ui, k);
	if (recreplay_event(rp->rr, k)->at == rp->cur)
		return UI_REDRAW; /* another event of the sample shown */
	rp->cur = recreplay_event(rp->rr, k)->at;
	return UI_RESAMPLE;
}

/* The events view's row of the event } / { went to (see replay.h). */
bool
replay_event_row(struct ui *ui, size_t *row)
{
	struct replay *rp = ui->replay;
	const struct recreplay_event *ev;

	if (rp == NULL || !rp->ev_select || rp->ev_cur == SIZE_MAX)
		return false;
	rp->ev_select = false;
	ev = recreplay_event(rp->rr, rp->ev_cur);
	for (size_t i = 0; i < ui->klog.nrows; i++) {
		const struct kevent *e = ui->klog.rows[i].e;

		if (e->pid == ev->pid &&
		    strcmp(kevent_kind_name(e->kind), ev->kind) == 0) {
			*row = i;
			return true;
		}
	}
	return false;
}

/* Is a prompt, menu or dialog open (it takes the keys)? */
static bool
replay_overlay(const struct ui *ui)
{
	const struct scr_def *d = ui->screens.cur;
	const struct scr_binding *map = NULL;

	return ui_act_dialog_open(ui) ||
	       (d != NULL && d->overlay_keys != NULL &&
	        d->overlay_keys(ui, &map) > 0);
}

/* A key (see replay.h). */
unsigned
replay_key(struct ui *ui, int32_t key, bool *taken)
{
	struct replay *rp = ui->replay;
	size_t i;

	*taken =
	    !replay_overlay(ui) && (key == 't' || key == 'T' || key == '+' ||
	                            key == '-' || key == '{' || key == '}');
	if (!*taken)
		return 0;
	ui->status.text[0] = '\0';
	switch (key) {
	case 't':
	case '+':
		i = replay_forward(ui, key == '+' ? MINUTE_MS : 0);
		return i == SIZE_MAX ? UI_REDRAW
		                     : replay_move(ui, i, "the newest sample");
	case 'T':
		return replay_move(ui, rp->cur > 0 ? rp->cur - 1 : 0,
		                   "the oldest sample");
	case '-':
		return replay_move(ui,
		                   recreplay_step(rp->rr, rp->cur, -MINUTE_MS),
		                   "the oldest sample");
	default:
		return replay_event_jump(ui, key == '}' ? 1 : -1);
	}
}

/* A tick while playing (see replay.h). */
unsigned
replay_tick(struct ui *ui)
{
	struct replay *rp = ui->replay;
	int more = 0;

	if (rp->cur + 1 >= recreplay_count(rp->rr) &&
	    (more = replay_newer(ui)) <= 0) {
		ui->paused = true;
		if (more == 0)
			ui_status(ui, THEME_STATUS_INFO,
			          "replay: the newest sample; paused");
		return UI_REDRAW;
	}
	rp->cur++;
	replay_said_gap(ui, rp->cur - 1, rp->cur);
	rp->ev_cur = SIZE_MAX;
	rp->ev_select = false;
	return UI_RESAMPLE;
}

/* Close (see replay.h). */
void
replay_stop(struct ui *ui)
{
	if (ui->replay == NULL)
		return;
	recreplay_close(ui->replay->rr);
	recload_cursor_free(ui->replay->past);
	free(ui->replay);
	ui->replay = NULL;
}
