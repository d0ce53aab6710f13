/*
 * screen.c: curses start and end, the colour palette, input (see
 * screen.h). The only globals are the saved terminal modes the fatal
 * signal handler needs: a handler can reach nothing else.
 */
#include "view/screen.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "core/kbd.h"
#include "core/kbdseq.h"

struct screen {
	SCREEN *sp;
	FILE *out, *in;
	bool utf8, colour;
	int colours; /* what the palette was reduced to */
	attr_t attr[THEME_ROLE_COUNT];
	struct kbdseq seq; /* escape sequences curses did not know */
	int32_t queued[KBDSEQ_OUT_MAX]; /* keys given, not yet returned */
	size_t nqueued, qnext;
};

/* Fatal-signal restore state: written once before the handlers exist. */
static struct termios saved_tio;
static volatile sig_atomic_t saved_tio_ok;

/* Leave the alternate screen, show the cursor, reset attributes. */
static const char reset_seq[] = "\033[0m\033[?25h\033[?1049l\r\n";

static const char *screen_dump_path(void);

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
		    t.style[i].bg == THEME_COLOUR_DEFAULT &&
		    screen_dump_path() == NULL)
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
	kbdseq_init(&s->seq);
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

_Static_assert(SCREEN_CELL_CHARS <= CCHARW_MAX, "a cell fits a cchar_t");

/* The curses attributes (colour pair included) of a role. */
static attr_t
role_attr(const struct screen *s, enum theme_role role)
{
	return (unsigned)role < THEME_ROLE_COUNT ? (attr_t)s->attr[role]
	                                         : A_NORMAL;
}

/* Put one cell with mvadd_wch. */
void
screen_put_cell(struct screen *s, int y, int x, const wchar_t *wc, int n,
                enum theme_role role)
{
	wchar_t buf[CCHARW_MAX + 1];
	attr_t attr = role_attr(s, role);
	cchar_t cc;

	if (n <= 0 || n > SCREEN_CELL_CHARS)
		return;
	memcpy(buf, wc, (size_t)n * sizeof buf[0]);
	buf[n] = L'\0';
	/* the colour pair goes in its own argument: setcchar ignores
	 * A_COLOR bits in the attributes */
	if (setcchar(&cc, buf, attr & ~A_COLOR, (short)PAIR_NUMBER(attr),
	             NULL) == OK)
		mvadd_wch(y, x, &cc);
}

/* Fill a span with spaces. */
void
screen_fill(struct screen *s, int y, int x, int width, enum theme_role role)
{
	attrset(role_attr(s, role));
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
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

/* The path OOMWATCH_SCREEN_DUMP names, or NULL when it is unset or empty. */
static const char *
screen_dump_path(void)
{
	const char *path = getenv("OOMWATCH_SCREEN_DUMP");

	return path != NULL && *path != '\0' ? path : NULL;
}

/*
 * The dump code of the role drawn with this pair and these attributes:
 * 'a' + role, then 'A' + role - 26; '.' for cells no role drew (erased),
 * '?' for a look no role has. Under a dump every role has a pair of its
 * own (screen_set_theme), so the pair names the role and the attributes
 * must be the role's.
 */
static char
screen_dump_role(const struct screen *s, attr_t attrs, short pair)
{
	_Static_assert(THEME_ROLE_COUNT <= 52, "one letter per role");
	attrs &= ~A_COLOR;
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++) {
		if (PAIR_NUMBER(s->attr[i]) != pair)
			continue;
		if ((s->attr[i] & ~A_COLOR) == attrs)
			return (char)(i < 26 ? 'a' + i : 'A' + (i - 26));
		if (pair != 0)
			return '?';
	}
	return pair == 0 && attrs == A_NORMAL ? '.' : '?';
}

/* Read cell (y, x) of stdscr: its characters (NUL-ended), attributes and
 * pair; '?' and A_NORMAL when curses cannot give it. */
static void
screen_dump_cell(int y, int x, wchar_t *wc, attr_t *attrs, short *pair)
{
	cchar_t cc;

	if (mvwin_wch(stdscr, y, x, &cc) == ERR ||
	    getcchar(&cc, wc, attrs, pair, NULL) == ERR) {
		wc[0] = L'?';
		wc[1] = L'\0';
		*attrs = A_NORMAL;
		*pair = 0;
	}
}

/* Write the text of row y to f in UTF-8, trailing blanks cut (the second
 * cell of a wide character is its first one's). */
static void
screen_dump_text(FILE *f, int y, int cols)
{
	wchar_t wc[CCHARW_MAX + 1];
	char mb[MB_LEN_MAX], line[8 * 1024];
	size_t n = 0, keep = 0, k;
	mbstate_t st;
	attr_t attrs;
	short pair;

	for (int x = 0; x < cols; x += wcwidth(wc[0]) == 2 ? 2 : 1) {
		screen_dump_cell(y, x, wc, &attrs, &pair);
		memset(&st, 0, sizeof st);
		for (int i = 0; i < CCHARW_MAX && wc[i] != L'\0'; i++) {
			k = wcrtomb(mb, wc[i], &st);
			if (k == (size_t)-1 || n + k >= sizeof line)
				break;
			memcpy(line + n, mb, k);
			n += k;
		}
		if (wc[0] != L' ')
			keep = n;
	}
	fprintf(f, "%.*s\n", (int)keep, line);
}

/* Write the role codes of row y's cols cells to f. */
static void
screen_dump_roles(const struct screen *s, FILE *f, int y, int cols)
{
	wchar_t wc[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;

	for (int x = 0; x < cols; x++) {
		screen_dump_cell(y, x, wc, &attrs, &pair);
		fputc(screen_dump_role(s, attrs, pair), f);
	}
	fputc('\n', f);
}

/*
 * Tests: when OOMWATCH_SCREEN_DUMP=PATH is set, write the frame to PATH
 * (through PATH.tmp and rename, so a reader sees whole frames only):
 * "oomwatch screen dump 1 COLSxROWS", a legend line of the role codes,
 * "text:", ROWS lines of text, "roles:", ROWS lines of one role code per
 * cell (screen_dump_role). Errors are ignored: a dump never stops the UI.
 */
static void
screen_dump(const struct screen *s)
{
	const char *path = screen_dump_path();
	char tmp[4096];
	int rows, cols, cy, cx;
	FILE *f;

	if (path == NULL ||
	    snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp ||
	    (f = fopen(tmp, "w")) == NULL)
		return;
	getyx(stdscr, cy, cx);
	getmaxyx(stdscr, rows, cols);
	fprintf(f, "oomwatch screen dump 1 %dx%d\nlegend .=none ?=other", cols,
	        rows);
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++)
		fprintf(f, " %c=%s", i < 26 ? 'a' + i : 'A' + (i - 26),
		        theme_role_name((enum theme_role)i));
	fprintf(f, "\ntext:\n");
	for (int y = 0; y < rows; y++)
		screen_dump_text(f, y, cols);
	fprintf(f, "roles:\n");
	for (int y = 0; y < rows; y++)
		screen_dump_roles(s, f, y, cols);
	wmove(stdscr, cy, cx);
	if (fclose(f) == 0)
		rename(tmp, path);
	else
		unlink(tmp);
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
	screen_dump(s);
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

/* One key from curses as the app's code, waiting up to wait_ms for it
 * (0: not at all); 0 when none came. */
static int32_t
screen_read_key(int wait_ms)
{
	wint_t ch;
	int rc;

	if (wait_ms > 0)
		timeout(wait_ms);
	rc = get_wch(&ch);
	if (wait_ms > 0)
		nodelay(stdscr, TRUE);
	if (rc == KEY_CODE_YES)
		return curses_key(ch);
	if (rc == OK)
		return char_key(ch);
	return 0;
}

/*
 * Read one key without waiting, through kbdseq: an escape sequence curses
 * did not turn into a key is one key (mapped or KBD_UNKNOWN), never its
 * bytes. While kbdseq holds an ESC or a begun sequence, wait up to the
 * escape delay for each next key.
 */
int32_t
screen_key(struct screen *s)
{
	int32_t out[KBDSEQ_OUT_MAX], key;
	size_t n;

	if (s->qnext < s->nqueued)
		return s->queued[s->qnext++];
	do {
		key = screen_read_key(kbdseq_holding(&s->seq) ? get_escdelay()
		                                              : 0);
		n = key != 0 ? kbdseq_feed(&s->seq, key, out)
		             : kbdseq_timeout(&s->seq, out);
	} while (n == 0 && key != 0);
	if (n == 0)
		return 0;
	memcpy(s->queued, out + 1, (n - 1) * sizeof out[0]);
	s->nqueued = n - 1;
	s->qnext = 0;
	return out[0];
}

/* Repaint everything on the next refresh. */
void
screen_redraw_all(struct screen *s)
{
	(void)s;
	clearok(curscr, TRUE);
}
