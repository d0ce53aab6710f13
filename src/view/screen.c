/*
 * screen.c: curses start and end, the colour palette, input (see
 * screen.h). The only globals are the saved terminal modes the fatal
 * signal handler needs: a handler can reach nothing else.
 */
#include "view/screen.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>

#include "core/kbd.h"

struct screen {
	SCREEN *sp;
	FILE *out, *in;
	bool utf8, colour;
	int colours; /* what the palette was reduced to */
	attr_t attr[THEME_ROLE_COUNT];
};

/* Fatal-signal restore state: written once before the handlers exist. */
static struct termios saved_tio;
static volatile sig_atomic_t saved_tio_ok;

/* Leave the alternate screen, show the cursor, reset attributes. */
static const char reset_seq[] = "\033[0m\033[?25h\033[?1049l\r\n";

static const int fatal_signals[] = {SIGSEGV, SIGBUS,  SIGFPE,
                                    SIGILL,  SIGABRT, SIGSYS};

/* Restore the terminal from a fatal signal, then die by it. */
static void
fatal_handler(int sig)
{
	ssize_t n;

	if (saved_tio_ok)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
	n = write(STDOUT_FILENO, reset_seq, sizeof reset_seq - 1);
	(void)n;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Install (or, with restore, remove) the fatal-signal handlers. */
static void
fatal_handlers(bool install)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = install ? fatal_handler : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = install ? SA_RESETHAND : 0;
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0];
	     i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

/* Curses colour number for a theme colour (already downgraded). */
static short
curses_colour(int32_t c)
{
	return c == THEME_COLOUR_DEFAULT ? -1 : (short)c;
}

/* Curses attribute bits of a theme style. */
static attr_t
style_attrs(const struct theme_style *st)
{
	attr_t a = A_NORMAL;

	if (st->attrs & THEME_ATTR_BOLD)
		a |= A_BOLD;
	if (st->attrs & THEME_ATTR_DIM)
		a |= A_DIM;
	if (st->attrs & THEME_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (st->attrs & THEME_ATTR_REVERSE)
		a |= A_REVERSE;
	if (st->attrs & THEME_ATTR_ITALIC)
		a |= A_ITALIC;
	return a;
}

/* Map every role to attributes and a colour pair. */
void
screen_set_theme(struct screen *s, const struct theme *theme)
{
	struct theme t = *theme;
	short pair = 1;

	theme_downgrade(&t, s->colours);
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++) {
		s->attr[i] = style_attrs(&t.style[i]);
		if (!s->colour || pair >= COLOR_PAIRS)
			continue;
		if (t.style[i].fg == THEME_COLOUR_DEFAULT &&
		    t.style[i].bg == THEME_COLOUR_DEFAULT)
			continue;
		init_pair(pair, curses_colour(t.style[i].fg),
		          curses_colour(t.style[i].bg));
		s->attr[i] |= COLOR_PAIR(pair);
		pair++;
	}
}

/* Start curses (see screen.h). */
struct screen *
screen_open(const struct theme *theme, bool no_color, char *err,
            size_t err_size)
{
	const char *term = getenv("TERM");
	struct screen *s;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, err_size,
		         "the dashboard needs a terminal (standard input and "
		         "output are not one); for a report use --batch");
		return NULL;
	}
	if (term == NULL || *term == '\0') {
		snprintf(err, err_size,
		         "TERM is not set, so the terminal type is unknown; "
		         "set it (e.g. TERM=xterm-256color) or use --batch");
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	s->out = fdopen(dup(STDOUT_FILENO), "w");
	s->in = fdopen(dup(STDIN_FILENO), "r");
	if (s->out == NULL || s->in == NULL) {
		snprintf(err, err_size, "cannot open the terminal: %s",
		         strerror(errno));
		goto fail;
	}
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		saved_tio_ok = 1;
	s->sp = newterm(term, s->out, s->in);
	if (s->sp == NULL) {
		char safe[64];
		size_t i;
		/* TERM is the user's, but still no raw bytes to the tty */
		for (i = 0; term[i] && i < sizeof safe - 1; i++)
			safe[i] =
			    (term[i] > ' ' && term[i] < 0x7f) ? term[i] : '?';
		safe[i] = '\0';
		snprintf(err, err_size,
		         "unknown terminal type '%s' (no terminfo entry); "
		         "try TERM=xterm-256color, or use --batch",
		         safe);
		goto fail;
	}
	fatal_handlers(true);
	s->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	curs_set(0);
	s->colours = 1;
	if (!no_color && has_colors() && start_color() == OK) {
		use_default_colors();
		s->colour = true;
		s->colours = COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : 8;
	}
	screen_set_theme(s, theme);
	return s;
fail:
	if (s->out)
		fclose(s->out);
	if (s->in)
		fclose(s->in);
	free(s);
	saved_tio_ok = 0;
	return NULL;
}

/* End curses and restore the terminal. */
void
screen_close(struct screen *s)
{
	if (s == NULL)
		return;
	curs_set(1);
	endwin();
	delscreen(s->sp);
	fatal_handlers(false);
	saved_tio_ok = 0;
	fclose(s->out);
	fclose(s->in);
	free(s);
}

/* The colours of the palette. */
int
screen_colours(const struct screen *s)
{
	return s->colours;
}

/* True in a UTF-8 locale. */
bool
screen_utf8(const struct screen *s)
{
	return s->utf8;
}

/* The attributes of a role. */
unsigned long
screen_attr(const struct screen *s, enum theme_role role)
{
	return (unsigned)role < THEME_ROLE_COUNT ? s->attr[role] : A_NORMAL;
}

/* Ask the kernel for the size and resize curses' screen. */
void
screen_resize(struct screen *s)
{
	struct winsize ws;

	(void)s;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

/* The current size. */
void
screen_size(const struct screen *s, int *rows, int *cols)
{
	(void)s;
	getmaxyx(stdscr, *rows, *cols);
}

/* Start a frame. */
void
screen_begin(struct screen *s)
{
	(void)s;
	erase();
}

/* Send the frame. */
void
screen_end(struct screen *s)
{
	(void)s;
	wnoutrefresh(stdscr);
	doupdate();
}

/* The input fd. */
int
screen_fd(const struct screen *s)
{
	return fileno(s->in);
}

/* A curses function-key code as the app's key code. */
static int32_t
curses_key(wint_t ch)
{
	static const struct {
		int curses;
		int32_t kbd;
	} map[] = {
	    {KEY_UP, KBD_UP},       {KEY_DOWN, KBD_DOWN},
	    {KEY_LEFT, KBD_LEFT},   {KEY_RIGHT, KBD_RIGHT},
	    {KEY_PPAGE, KBD_PGUP},  {KEY_NPAGE, KBD_PGDN},
	    {KEY_HOME, KBD_HOME},   {KEY_END, KBD_END},
	    {KEY_ENTER, KBD_ENTER}, {KEY_BACKSPACE, KBD_BACKSPACE},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if ((wint_t)map[i].curses == ch)
			return map[i].kbd;
	}
	if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(63))
		return KBD_F((int32_t)(ch - KEY_F0));
	return KBD_UNKNOWN;
}

/* A typed character as the app's key code: Enter, Esc, Backspace and the
 * other control characters get their codes, Tab stays '\t'. */
static int32_t
char_key(wint_t ch)
{
	if (ch == 0)
		return ' '; /* Ctrl-Space */
	if (ch == 27)
		return KBD_ESC;
	if (ch == '\r' || ch == '\n')
		return KBD_ENTER;
	if (ch == 0x7f || ch == 8)
		return KBD_BACKSPACE;
	if (ch == '\t')
		return '\t';
	if (ch < 0x20)
		return KBD_CTRL((int32_t)ch);
	return ch < KBD_BASE ? (int32_t)ch : KBD_UNKNOWN;
}

/* Read one key without waiting. */
int32_t
screen_key(struct screen *s)
{
	wint_t ch;
	int rc;

	(void)s;
	rc = get_wch(&ch);
	if (rc == KEY_CODE_YES)
		return curses_key(ch);
	if (rc == OK)
		return char_key(ch);
	return 0;
}

/* Repaint everything on the next refresh. */
void
screen_redraw_all(struct screen *s)
{
	(void)s;
	clearok(curscr, TRUE);
}
