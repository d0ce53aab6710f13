/*
 * ui_act.c: the dashboard's actions, wired to the action layer. A key
 * (app/scr.c, scr_*.c) names an action; this file picks the processes (the
 * tagged ones, else the selected row, or on the events screen the event's PID
 * when it is still the same process), holds them by identity
 * (target_open with the row's start time) until the action is done, asks
 * the policy, runs the dialog state machine (model/actdialog.h), calls
 * adjust_* / signal_send, and turns the result structs into the status
 * line and the results list. Nothing here draws: the frame gets a struct
 * dash_act and view/actdialogs.c shows it.
 *
 * Signalled processes stay held after a signal that ends them: their
 * pidfds are polled by the loop (or, without pidfd, checked each tick)
 * until they exit or UI_ACT_WATCH_MS pass, and the status line then says
 * "exited after N ms" or "still exiting (D state)".
 */
#include "app/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/sanitize.h"
#include "model/adjvalue.h"
#include "model/eventpid.h"
#include "model/killfree.h"
#include "model/oomscore.h"
#include "model/signame.h"

/* Open the live /proc and the action context. */
void
ui_act_init(struct ui *ui)
{
	struct ui_act *a = &ui->act;
	const char *root = ui->opt->proc_root;

	memset(a, 0, sizeof *a);
	a->proc_fd = -1;
	adjust_journal_init(&a->journal);
	ring_init(&a->log_ring, UI_ACT_LOG_MAX);
	tagset_clear(&a->tags);
	actdialog_close(&a->dialog.machine);
	if (root != NULL && strcmp(root, "/proc") != 0)
		a->disabled = "--proc-root shows processes that are not this "
		              "machine's live ones";
	a->proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (a->proc_fd < 0)
		a->disabled = "/proc cannot be opened";
	if (a->proc_fd >= 0) {
		(void)action_ctx_init(&a->ctx, a->proc_fd,
		                      ui->opt->read_only || a->disabled);
		a->ready = true;
	}
}

/* Let go of the processes the dialog holds. */
static void
release_targets(struct ui_act *a)
{
	for (size_t i = 0; i < a->dialog.ntargets; i++)
		target_close(&a->dialog.targets[i]);
	a->dialog.ntargets = 0;
}

/* Let go of everything. */
void
ui_act_fini(struct ui *ui)
{
	struct ui_act *a = &ui->act;

	release_targets(a);
	for (size_t i = 0; i < a->watch.n; i++)
		target_close(&a->watch.item[i].t);
	a->watch.n = 0;
	if (a->ready)
		action_ctx_fini(&a->ctx);
	a->ready = false;
	if (a->proc_fd >= 0)
		close(a->proc_fd);
	a->proc_fd = -1;
}

/* Add a line to the results list (the oldest goes when full). */
static void
record(struct ui_act *a, bool ok, const char *text)
{
	struct ui_act_result *r = &a->log[ring_push(&a->log_ring, NULL)];

	r->time_unix_ms = clock_wall_ms();
	r->ok = ok;
	snprintf(r->text, sizeof r->text, "%s", text);
}

/* "pid 42 name" with the name sanitized. */
static void
name_of(const struct target *t, char *buf, size_t size)
{
	char safe[16 * 4 + 1];

	sanitize_text(safe, sizeof safe, t->comm, strnlen(t->comm, 16), 0,
	              NULL);
	snprintf(buf, size, "pid %d %s", (int)t->pid, safe);
}

/* The snapshot row of a held process (same pid and start time). */
const struct proc_row *
ui_act_row(const struct ui *ui, const struct target *t, size_t *index)
{
	struct procid id = {t->pid, t->start_time};
	size_t i;

	if (!ui->have_snap)
		return NULL;
	i = table_find_proc(&ui->snap, id);
	if (i == PROCID_NONE)
		return NULL;
	if (index != NULL)
		*index = i;
	return &ui->snap.procs[i];
}

/* Hold one process; 0, or the error (reported to the results list). */
static int
hold(struct ui *ui, int32_t pid, uint64_t start, const char *comm)
{
	struct ui_act *a = &ui->act;
	struct ui_act_dialog *h = &a->dialog;
	struct target *t = &h->targets[h->ntargets];
	char text[UI_ACT_TEXT_MAX], safe[16 * 4 + 1];
	int rc;

	rc = target_open(a->proc_fd, pid, start, 0, t);
	if (rc != 0) {
		sanitize_text(safe, sizeof safe, comm, strnlen(comm, 16), 0,
		              NULL);
		snprintf(text, sizeof text, "pid %d %s: %s", (int)pid, safe,
		         target_strerror(rc));
		record(a, false, text);
		ui_status(ui, THEME_STATUS_ERROR, "%s: nothing done", text);
		return rc;
	}
	if (adjust_read(t, &h->adj[h->ntargets]) != 0)
		h->adj[h->ntargets] = ADJUST_UNKNOWN;
	h->ntargets++;
	return 0;
}

/* Hold the process event e names if it is still that process. */
static void
hold_event(struct ui *ui, const struct kevent *e)
{
	struct eventpid_live live;
	enum eventpid_verdict v;
	const char *why = NULL;
	struct target *t;

	if (e == NULL || e->pid <= 0 || e->pid > INT32_MAX) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "this event names no process: nothing done");
		return;
	}
	if (hold(ui, (int32_t)e->pid, TARGET_ANY_START,
	         e->comm.set ? e->comm.s : "") != 0)
		return;
	t = &ui->act.dialog.targets[0];
	live.start_ticks = t->start_time;
	live.ticks_per_s = sysconf(_SC_CLK_TCK);
	live.suspended_us = clock_suspended_us();
	live.comm = t->comm;
	v = eventpid_match(e, &live, ui->opt->kmsg_file != NULL, &why);
	if (v == EVENTPID_SAME)
		return;
	ui_status(ui, THEME_STATUS_ERROR,
	          "pid %" PRId64 " %s (%s): nothing done", e->pid,
	          v == EVENTPID_OTHER ? "is now another process"
	                              : "may not be the event's process",
	          why ? why : "no detail");
	release_targets(&ui->act);
}

/* Hold what an action applies to: the event's process when aimed at an
 * event, else every tagged process, else the selected row. How many. */
static size_t
gather(struct ui *ui)
{
	struct ui_act *a = &ui->act;
	const struct proc_row *row;
	const struct procid *id;
	size_t failed = 0;

	release_targets(a);
	if (a->aim.event) {
		hold_event(ui, a->aim.ev);
		return a->dialog.ntargets;
	}
	if (a->tags.n > 0) {
		for (size_t i = 0; i < a->tags.n; i++) {
			id = &a->tags.ids[i];
			if (hold(ui, id->pid, id->start_time, "") != 0)
				failed++;
		}
		if (failed > 0 && a->dialog.ntargets > 0)
			ui_status(
			    ui, THEME_STATUS_ERROR,
			    "%zu tagged processes are gone (L lists them)",
			    failed);
		return a->dialog.ntargets;
	}
	row = ui->have_snap ? table_selected(&ui->table, &ui->snap) : NULL;
	if (row == NULL) {
		ui_status(ui, THEME_STATUS_ERROR, "no process selected");
		return 0;
	}
	(void)hold(ui, row->pid, row->start_time, row->comm);
	return a->dialog.ntargets;
}

/* Start a batch report. */
static void
batch_start(struct ui_act *a, const char *what)
{
	memset(&a->batch, 0, sizeof a->batch);
	a->batch.n = a->dialog.ntargets;
	snprintf(a->batch.what, sizeof a->batch.what, "%s", what);
}

/* One target's result: into the results list and the batch counts; on the
 * status line too when show (a single target). */
static void
batch_result(struct ui *ui, int err, const char *text, bool show)
{
	record(&ui->act, err == 0, text);
	if (err == 0)
		ui->act.batch.ok++;
	else
		ui->act.batch.failed++;
	if (show)
		ui_status(ui, err ? THEME_STATUS_ERROR : THEME_STATUS_OK, "%s",
		          text);
}

/* The status line for a batch of several processes. */
static void
batch_status(struct ui *ui)
{
	const struct ui_act_batch *b = &ui->act.batch;
	char more[96] = "";

	if (b->exited + b->running > 0)
		snprintf(more, sizeof more, "; %zu exited, %zu still running",
		         b->exited, b->running);
	ui_status(ui, b->failed ? THEME_STATUS_ERROR : THEME_STATUS_OK,
	          "%s on %zu tagged processes: %zu done, %zu failed%s (L "
	          "lists them)",
	          b->what, b->n, b->ok, b->failed, more);
}

/* The strictest verdict for an adj change of every held process
 * (refused ones count only when all are refused). */
static void
adj_verdict(struct ui_act *a, enum policy_action act, bool step, int value,
            struct policy_decision *out)
{
	struct policy_decision d;
	struct policy_facts facts;
	size_t refused = 0;
	int cur, want;

	memset(out, 0, sizeof *out);
	out->verdict = POLICY_ALLOW;
	for (size_t i = 0; i < a->dialog.ntargets; i++) {
		cur = a->dialog.adj[i];
		action_facts(&a->ctx, &a->dialog.targets[i],
		             cur == ADJUST_UNKNOWN ? SNAP_NA : cur, &facts);
		want =
		    step ? adjvalue_step(cur == ADJUST_UNKNOWN ? 0 : cur, value)
		         : value;
		policy_decide(&facts, act, want, &d);
		if (d.verdict == POLICY_REFUSE) {
			if (refused++ == 0)
				out->refuse = d.refuse;
			continue;
		}
		if (d.verdict > out->verdict)
			out->verdict = d.verdict;
		out->reasons |= d.reasons;
	}
	if (a->dialog.ntargets > 0 && refused == a->dialog.ntargets) {
		out->verdict = POLICY_REFUSE;
		out->reasons = out->refuse;
	}
}

/* Apply an adj change to every held process and report. */
static void
run_adj(struct ui *ui, bool step, int value)
{
	struct ui_act *a = &ui->act;
	struct adjust_result r;
	char text[UI_ACT_TEXT_MAX], what[48];

	if (step)
		snprintf(what, sizeof what, "adj %+d", value);
	else
		snprintf(what, sizeof what, "adj = %d", value);
	batch_start(a, what);
	/* one key, one group: `u` undoes it on every process */
	adjust_journal_begin(&a->journal);
	for (size_t i = 0; i < a->dialog.ntargets; i++) {
		if (step)
			adjust_step(&a->ctx, &a->dialog.targets[i], &a->journal,
			            value, clock_wall_ms(), &r);
		else
			adjust_set(&a->ctx, &a->dialog.targets[i], &a->journal,
			           value, clock_wall_ms(), &r);
		adjust_describe(&r, text, sizeof text);
		batch_result(ui, r.err, text, a->dialog.ntargets == 1);
	}
	adjust_journal_end(&a->journal);
	if (a->dialog.ntargets > 1)
		batch_status(ui);
	release_targets(a);
}

/* u: undo the newest user action, on every process it changed. */
static unsigned
undo(struct ui *ui)
{
	struct ui_act *a = &ui->act;
	struct adjust_result r;
	char text[UI_ACT_TEXT_MAX];
	size_t n = adjust_journal_last_group(&a->journal);

	memset(&a->batch, 0, sizeof a->batch);
	a->batch.n = n;
	snprintf(a->batch.what, sizeof a->batch.what, "undone");
	for (size_t i = 0; i < (n > 0 ? n : 1); i++) {
		adjust_undo(&a->ctx, &a->journal, clock_wall_ms(), &r);
		adjust_describe(&r, text, sizeof text);
		if (r.err == -ENOENT && r.pid == 0)
			break; /* nothing to undo: not a result */
		batch_result(ui, r.err, text, false);
	}
	if (n > 1)
		batch_status(ui);
	else
		ui_status(ui,
		          r.err == 0   ? THEME_STATUS_OK
		          : r.pid == 0 ? THEME_STATUS_INFO
		                       : THEME_STATUS_ERROR,
		          "%s", text);
	return UI_REDRAW | UI_RESAMPLE;
}

/* Refuse with the policy's reason, in the status line and the list. */
static void
refuse(struct ui *ui, const char *what, const struct policy_decision *d)
{
	struct ui_act *a = &ui->act;
	char name[96], text[UI_ACT_TEXT_MAX];

	if (a->dialog.ntargets == 1)
		name_of(&a->dialog.targets[0], name, sizeof name);
	else
		snprintf(name, sizeof name, "%zu tagged processes",
		         a->dialog.ntargets);
	snprintf(text, sizeof text, "%s refused for %s: %s", what, name,
	         policy_reason_text(d->refuse));
	record(a, false, text);
	ui_status(ui, THEME_STATUS_ERROR, "%s", text);
	for (size_t i = 0; i < a->dialog.ntargets; i++)
		action_audit(&a->ctx, &a->dialog.targets[i], what,
		             policy_reason_text(d->refuse));
	release_targets(a);
}

/* Hand the policy's verdict to the dialog: RUN, STAY (asking `y`), or
 * CANCEL (refused: reported, processes let go). */
static enum actdialog_next
decided(struct ui *ui, const struct policy_decision *d)
{
	struct ui_act *a = &ui->act;
	enum actdialog_next n;

	policy_explain(d->reasons, a->dialog.reasons, sizeof a->dialog.reasons);
	n = actdialog_decided(&a->dialog.machine, d->verdict, d->reasons);
	if (n == ACTDIALOG_CANCEL)
		refuse(ui,
		       a->dialog.machine.kind == ACTDIALOG_SIGNAL ? "signal"
		                                                  : "adj",
		       d);
	return n;
}

/* F7 / F8: a step, at once unless the policy wants a confirmation. */
static unsigned
step(struct ui *ui, int delta)
{
	struct ui_act *a = &ui->act;
	struct policy_decision d;

	if (gather(ui) == 0)
		return UI_REDRAW;
	adj_verdict(a, POLICY_ADJ_STEP, true, delta, &d);
	if (d.verdict == POLICY_ALLOW || d.verdict == POLICY_REFUSE) {
		/* refusals are reported by the action layer, per process */
		run_adj(ui, true, delta);
		return UI_REDRAW | UI_RESAMPLE;
	}
	actdialog_open_fixed(&a->dialog.machine, true, delta);
	if (decided(ui, &d) != ACTDIALOG_RUN)
		return UI_REDRAW;
	run_adj(ui, true, delta);
	return UI_REDRAW | UI_RESAMPLE;
}

/* a / P / X: open the prompt or the confirmation. */
static unsigned
set_value(struct ui *ui, enum ui_act_cmd cmd)
{
	struct ui_act *a = &ui->act;
	struct policy_decision d;
	int v = cmd == UI_ACT_PROTECT ? ADJVALUE_PROTECT : ADJVALUE_PREFER;

	if (gather(ui) == 0)
		return UI_REDRAW;
	adj_verdict(a, POLICY_ADJ_SET, false, cmd == UI_ACT_VALUE ? 0 : v, &d);
	if (d.verdict == POLICY_REFUSE) {
		refuse(ui, "adj", &d);
		return UI_REDRAW;
	}
	if (cmd == UI_ACT_VALUE) {
		actdialog_open(&a->dialog.machine, ACTDIALOG_ADJ_VALUE);
		ui->status.text[0] = '\0';
		return UI_REDRAW;
	}
	actdialog_open_fixed(&a->dialog.machine, false, v);
	if (decided(ui, &d) == ACTDIALOG_RUN)
		run_adj(ui, false, v);
	return UI_REDRAW;
}

/* Let go of held process i, refused by the policy for a signal, and
 * report it; the last held process takes its place. */
static void
drop_refused(struct ui_act *a, size_t i, const struct policy_decision *d)
{
	struct ui_act_dialog *h = &a->dialog;
	char name[96], text[UI_ACT_TEXT_MAX];

	name_of(&h->targets[i], name, sizeof name);
	snprintf(text, sizeof text, "signal refused for %s: %s", name,
	         policy_reason_text(d->refuse));
	record(a, false, text);
	action_audit(&a->ctx, &h->targets[i], "signal",
	             policy_reason_text(d->refuse));
	target_close(&h->targets[i]);
	h->ntargets--;
	h->targets[i] = h->targets[h->ntargets];
	h->adj[i] = h->adj[h->ntargets];
}

/* F9 / k: check every process, then open the signal menu. */
static unsigned
kill_menu(struct ui *ui)
{
	struct ui_act *a = &ui->act;
	struct policy_decision d, all;
	size_t i = 0;

	if (gather(ui) == 0)
		return UI_REDRAW;
	memset(&all, 0, sizeof all);
	all.verdict = POLICY_CONFIRM;
	while (i < a->dialog.ntargets) {
		signal_check(&a->ctx, &a->dialog.targets[i], &d);
		if (d.verdict == POLICY_REFUSE && a->dialog.ntargets == 1) {
			refuse(ui, "signal", &d);
			return UI_REDRAW;
		}
		if (d.verdict == POLICY_REFUSE) {
			drop_refused(a, i, &d);
			continue;
		}
		if (d.verdict > all.verdict)
			all.verdict = d.verdict;
		all.reasons |= d.reasons;
		i++;
	}
	a->dialog.signal_policy = all;
	actdialog_open(&a->dialog.machine, ACTDIALOG_SIGNAL);
	ui->status.text[0] = '\0';
	return UI_REDRAW;
}

/* Follow a signalled process: move the target into the watch list. */
static void
watch(struct ui_act *a, size_t i, const struct signal_result *res,
      const char *sent)
{
	struct ui_act_watch *w;

	if (a->watch.n == TAGSET_MAX) {
		target_close(&a->dialog.targets[i]);
		return;
	}
	w = &a->watch.item[a->watch.n++];
	w->t = a->dialog.targets[i];
	w->res = *res;
	w->fired = false;
	snprintf(w->sent, sizeof w->sent, "%s", sent);
	a->batch.running++;
	/* the dialog no longer owns it */
	a->dialog.targets[i].pidfd = a->dialog.targets[i].dirfd = -1;
}

/* Send the chosen signal to every held process and report. */
static void
run_signal(struct ui *ui, int sig)
{
	struct ui_act *a = &ui->act;
	struct signal_result res;
	char text[UI_ACT_TEXT_MAX], name[32];

	batch_start(a, signame_name(sig, name, sizeof name));
	for (size_t i = 0; i < a->dialog.ntargets; i++) {
		signal_send(&a->ctx, &a->dialog.targets[i], sig,
		            clock_mono_ms(), &res);
		signal_describe(&res, text, sizeof text);
		batch_result(ui, res.err, text, a->dialog.ntargets == 1);
		if (res.err == 0 && signame_frees_memory(sig))
			watch(a, i, &res, text);
	}
	if (a->dialog.ntargets > 1)
		batch_status(ui);
	release_targets(a);
}

/* Run an action key. */
unsigned
ui_act_command(struct ui *ui, enum ui_act_cmd cmd)
{
	struct ui_act *a = &ui->act;
	const struct proc_row *row;
	int rc;

	if (cmd == UI_ACT_UNTAG) {
		tagset_clear(&a->tags);
		ui_status(ui, THEME_STATUS_INFO, "no process tagged");
		return UI_REDRAW;
	}
	if (cmd == UI_ACT_TAG) {
		row = ui->have_snap ? table_selected(&ui->table, &ui->snap)
		                    : NULL;
		if (row == NULL)
			return 0;
		rc = tagset_toggle(&a->tags, row->pid, row->start_time);
		if (rc < 0)
			ui_status(ui, THEME_STATUS_ERROR,
			          "at most %d processes can be tagged",
			          TAGSET_MAX);
		else
			table_move(&ui->table, &ui->snap, 1);
		return UI_REDRAW;
	}
	if (!a->ready || a->disabled != NULL) {
		ui_status(ui, THEME_STATUS_ERROR, "actions are off: %s",
		          a->disabled ? a->disabled : "no /proc");
		return UI_REDRAW;
	}
	switch (cmd) {
	case UI_ACT_LOWER:
		return step(ui, -ui->settings.cfg.adj_step);
	case UI_ACT_RAISE:
		return step(ui, ui->settings.cfg.adj_step);
	case UI_ACT_VALUE:
	case UI_ACT_PROTECT:
	case UI_ACT_PREFER:
		return set_value(ui, cmd);
	case UI_ACT_KILL:
		return kill_menu(ui);
	case UI_ACT_UNDO:
		return undo(ui);
	default:
		return 0;
	}
}

/* Run an action on the process an event names. */
unsigned
ui_act_command_event(struct ui *ui, enum ui_act_cmd cmd,
                     const struct kevent *ev)
{
	unsigned flags;

	ui->act.aim.event = true;
	ui->act.aim.ev = ev;
	flags = ui_act_command(ui, cmd);
	ui->act.aim.event = false;
	ui->act.aim.ev = NULL;
	return flags;
}

/* Is an action dialog open? */
bool
ui_act_dialog_open(const struct ui *ui)
{
	return actdialog_is_open(&ui->act.dialog.machine);
}

/* A terminal key as the dialog sees it. */
static enum actdialog_key
dialog_key(int32_t key, int32_t *ch)
{
	*ch = 0;
	if (key == KBD_ESC)
		return ACTDIALOG_KEY_ESC;
	if (key == KBD_ENTER)
		return ACTDIALOG_KEY_ENTER;
	if (key == KBD_UP)
		return ACTDIALOG_KEY_UP;
	if (key == KBD_DOWN)
		return ACTDIALOG_KEY_DOWN;
	if (key == KBD_HOME)
		return ACTDIALOG_KEY_HOME;
	if (key == KBD_END)
		return ACTDIALOG_KEY_END;
	if (key == KBD_BACKSPACE)
		return ACTDIALOG_KEY_BACKSPACE;
	if (key >= 0x20 && key < 0x7f) {
		*ch = key;
		return ACTDIALOG_KEY_CHAR;
	}
	return ACTDIALOG_KEY_OTHER;
}

/* A key while a dialog is open. */
unsigned
ui_act_key(struct ui *ui, int32_t key)
{
	struct ui_act *a = &ui->act;
	struct policy_decision d;
	enum actdialog_next n;
	enum actdialog_key k;
	int32_t ch;

	k = dialog_key(key, &ch);
	n = actdialog_key(&a->dialog.machine, k, ch);
	if (n == ACTDIALOG_DECIDE) {
		if (a->dialog.machine.kind == ACTDIALOG_SIGNAL)
			d = a->dialog.signal_policy;
		else
			adj_verdict(a, POLICY_ADJ_SET, false,
			            a->dialog.machine.value, &d);
		n = decided(ui, &d);
	}
	if (n == ACTDIALOG_CANCEL) {
		if (a->dialog.ntargets > 0)
			ui_status(ui, THEME_STATUS_INFO,
			          "cancelled: nothing was done");
		release_targets(a);
		return UI_REDRAW;
	}
	if (n != ACTDIALOG_RUN)
		return UI_REDRAW;
	if (a->dialog.machine.kind == ACTDIALOG_SIGNAL) {
		/* no sample now: the exit watch reports first, then samples */
		run_signal(ui, a->dialog.machine.sig);
		return UI_REDRAW;
	}
	run_adj(ui, a->dialog.machine.step, a->dialog.machine.value);
	return UI_REDRAW | UI_RESAMPLE;
}

/* After a sample: forget tags of processes that are gone. */
void
ui_act_sampled(struct ui *ui)
{
	if (ui->act.tags.n > 0 && ui->have_snap)
		tagset_prune(&ui->act.tags, &ui->snap);
}

/* The pidfds to poll. */
size_t
ui_act_watch_fds(const struct ui *ui, int *fds, size_t max)
{
	const struct ui_act *a = &ui->act;
	size_t n = 0;
	int fd;

	for (size_t i = 0; i < a->watch.n && n < max; i++) {
		fd = signal_watch_fd(&a->watch.item[i].t);
		if (fd >= 0 && !a->watch.item[i].fired)
			fds[n++] = fd;
	}
	return n;
}

/* Is fd readable now? */
static bool
readable(int fd)
{
	struct pollfd p = {fd, POLLIN, 0};

	return fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* Report one followed process and stop following it. */
static void
unwatch(struct ui *ui, size_t i, const struct signal_exit *ex)
{
	struct ui_act *a = &ui->act;
	struct ui_act_watch *w = &a->watch.item[i];
	char how[96], text[UI_ACT_TEXT_MAX];

	signal_exit_describe(ex, how, sizeof how);
	snprintf(text, sizeof text, "%s; %s", w->sent, how);
	record(a, ex->state == SIGNAL_EXIT_GONE, text);
	if (a->batch.running > 0)
		a->batch.running--;
	if (ex->state == SIGNAL_EXIT_GONE)
		a->batch.exited++;
	if (a->batch.n <= 1)
		ui_status(ui,
		          ex->state == SIGNAL_EXIT_GONE ? THEME_STATUS_OK
		                                        : THEME_STATUS_ERROR,
		          "%s", text);
	else
		batch_status(ui);
	target_close(&w->t);
	a->watch.item[i] = a->watch.item[--a->watch.n];
}

/* Follow signalled processes. */
unsigned
ui_act_watch_poll(struct ui *ui)
{
	struct ui_act *a = &ui->act;
	struct ui_act_watch *w;
	struct signal_exit ex;
	char how[96];
	unsigned flags = 0;
	size_t i = 0;

	while (i < a->watch.n) {
		w = &a->watch.item[i];
		if (!w->fired && readable(signal_watch_fd(&w->t)))
			w->fired = true;
		signal_exit_poll(&w->t, &w->res, clock_mono_ms(), &ex);
		if (ex.state == SIGNAL_EXIT_GONE ||
		    ex.elapsed_ms >= UI_ACT_WATCH_MS) {
			unwatch(ui, i, &ex);
			flags |= UI_REDRAW | UI_RESAMPLE;
			continue;
		}
		if (ex.state == SIGNAL_EXIT_D && a->batch.n <= 1) {
			signal_exit_describe(&ex, how, sizeof how);
			ui_status(ui, THEME_STATUS_ERROR, "%s; %s", w->sent,
			          how);
			flags |= UI_REDRAW;
		}
		i++;
	}
	return flags;
}
