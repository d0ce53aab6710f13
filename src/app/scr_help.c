/* scr_help.c: the help screen's keys and frame (see scr_help.h). */
#include "app/scr_help.h"
#include "app/scr_procs.h"

#include <stdio.h>
#include <string.h>

#include "view/panes.h"

enum help_cmd {
	HELP_UP,
	HELP_DOWN,
	HELP_PGUP,
	HELP_PGDN,
	HELP_HOME,
	HELP_END,
	HELP_BACK,
};

static const struct scr_binding help_keys[] = {
    {{KBD_UP, 0, 0}, HELP_UP, "scroll up", NULL},
    {{KBD_DOWN, 'j', 0}, HELP_DOWN, "scroll down", NULL},
    {{KBD_PGUP, 0, 0}, HELP_PGUP, "page up", NULL},
    {{KBD_PGDN, ' ', 0}, HELP_PGDN, "page down", NULL},
    {{KBD_HOME, 0, 0}, HELP_HOME, "the top", NULL},
    {{KBD_END, 0, 0}, HELP_END, "the end", NULL},
    {{KBD_ESC, KBD_F(1), '?'}, HELP_BACK, "back", "Back"},
    {{'h', 0, 0}, HELP_BACK, "back", NULL},
};

/* --replay's keys (app/replay.c takes them before every screen's own),
 * listed first while replaying. */
static const struct dash_help_line replay_lines[] = {
    {"t T", "replay: the next / previous recorded sample (as atop; the "
            "process tree is F5 only)"},
    {"+ -", "replay: one minute on / back"},
    {"} {", "replay: the next / previous recorded kernel event"},
    {"p Z", "replay: play (a sample each -d) / pause"},
    {"", "replay: paused at start; p plays on the processes screen (1); "
         "the header shows the replayed time; every action is refused "
         "(the processes are a record)"},
};
#define NREPLAY (sizeof replay_lines / sizeof replay_lines[0])
/* replay_lines' play line: only on the processes screen, whose own
 * pause line it replaces (its keys play there). */
#define REPLAY_PLAY_LINE 3

/* The keys --replay takes before every screen's own while no overlay is
 * open (app/replay.c, replay_key): a screen's binding of one of them does
 * not work in a replay. */
static const char replay_taken[] = "tT+-{}";
/* On the processes screen also its pause keys, which play a replay. */
static const char replay_taken_procs[] = "tT+-{}pZ";

/* Take the keys a replay takes out of label (key names separated by
 * spaces, as app/scr.c writes them); whether any key is left. */
static bool
strip_replay_keys(char label[SCR_LABEL_MAX], const char *taken)
{
	char buf[SCR_LABEL_MAX], *save = NULL, *tok;
	size_t used = 0;

	snprintf(buf, sizeof buf, "%s", label);
	label[0] = '\0';
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	     tok = strtok_r(NULL, " ", &save)) {
		if (tok[1] == '\0' && strchr(taken, tok[0]) != NULL)
			continue;
		used += (size_t)snprintf(label + used, SCR_LABEL_MAX - used,
		                         "%s%s", used ? " " : "", tok);
		if (used >= SCR_LABEL_MAX)
			break;
	}
	return label[0] != '\0';
}

/* In a replay, the screen's lines without the keys the replay takes (a
 * line left with none goes), unless an overlay has the keys. */
static void
strip_replay_lines(struct ui *ui, struct scr_help_state *s)
{
	const struct scr_binding *ov = NULL;
	const char *taken =
	    s->from == &scr_procs ? replay_taken_procs : replay_taken;
	size_t n = 0;

	if (s->from->overlay_keys != NULL && s->from->overlay_keys(ui, &ov) > 0)
		return;
	for (size_t i = 0; i < s->n; i++) {
		if (s->lines[i].keys == s->labels[i] &&
		    !strip_replay_keys(s->labels[i], taken))
			continue;
		s->lines[n++] = s->lines[i];
	}
	s->n = n;
}

/* This screen's state. */
static struct scr_help_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_help);
}

/* Opened: the lines of the screen it came from, at the top. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	struct scr_help_state *s = st(ui);

	s->from = from;
	s->top = 0;
	s->n = scr_help_lines(ui, from, s->lines, s->labels, SCR_HELP_MAX,
	                      s->list);
	if (ui->replay == NULL)
		return;
	strip_replay_lines(ui, s);
	if (s->n > SCR_HELP_MAX - NREPLAY)
		s->n = SCR_HELP_MAX - NREPLAY;
	memmove(s->lines + NREPLAY, s->lines, s->n * sizeof *s->lines);
	memcpy(s->lines, replay_lines, sizeof replay_lines);
	s->n += NREPLAY;
	if (from != &scr_procs) { /* p plays only there */
		memmove(s->lines + REPLAY_PLAY_LINE,
		        s->lines + REPLAY_PLAY_LINE + 1,
		        (s->n - REPLAY_PLAY_LINE - 1) * sizeof *s->lines);
		s->n--;
	}
}

/* Back to where help was opened, as it was. */
static unsigned
back(struct ui *ui)
{
	const struct scr_def *from = st(ui)->from;

	return from != NULL ? scr_resume(ui, from) : scr_home(ui);
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	struct scr_help_state *s = st(ui);
	int max = dialogs_help_max_top(&ui->layout.body, s->lines, s->n),
	    page = ui->layout.body.h > 2 ? ui->layout.body.h - 2 : 1;

	switch ((enum help_cmd)cmd) {
	case HELP_UP:
		s->top--;
		break;
	case HELP_DOWN:
		s->top++;
		break;
	case HELP_PGUP:
		s->top -= page;
		break;
	case HELP_PGDN:
		s->top += page;
		break;
	case HELP_HOME:
		s->top = 0;
		break;
	case HELP_END:
		s->top = max;
		break;
	case HELP_BACK:
	default:
		return back(ui);
	}
	if (s->top > max)
		s->top = max;
	if (s->top < 0)
		s->top = 0;
	return UI_REDRAW;
}

/* Any key no map binds goes back and does there what it does there,
 * so the listed keys work from help too. */
static unsigned
other_key(struct ui *ui, int32_t key)
{
	return back(ui) | scr_key(ui, key);
}

/* The frame: the lines from top. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_help_state *s = st(ui);

	f->body = dash_body_help;
	s->view =
	    (struct dash_help){.lines = s->lines, .n = s->n, .top = s->top};
	f->screen_data = &s->view;
}

const struct scr_def scr_help = {
    .name = "Help",
    .short_name = "Help",
    .key = '5',
    .over = true,
    .state_size = sizeof(struct scr_help_state),
    .keys = help_keys,
    .nkeys = sizeof help_keys / sizeof help_keys[0],
    .enter = enter,
    .command = command,
    .other_key = other_key,
    .frame = frame,
};
