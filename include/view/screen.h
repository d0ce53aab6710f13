/*
 * screen: the terminal, through ncursesw. The only module that starts and
 * ends curses; the other view files draw through it (view/draw.h).
 *
 * screen_open() refuses politely instead of letting curses exit: stdin or
 * stdout not a terminal ("use --batch"), TERM unset or unknown (newterm,
 * not initscr). It maps the theme's roles to colour pairs, downgraded to
 * what the terminal has (COLORS: 256, 16, 8, or none / --no-color: mono).
 * It also installs handlers for fatal signals (SEGV, BUS, FPE, ILL, ABRT,
 * SYS) that restore the terminal with write(2) and tcsetattr (both
 * async-signal-safe) and re-raise; screen_close() must run on every other
 * exit path.
 */
#ifndef OOMWATCH_VIEW_SCREEN_H
#define OOMWATCH_VIEW_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "model/theme.h"

struct screen;

/*
 * Start curses on the process's terminal with theme (copied) or, with
 * no_color, in monochrome. NULL and a one-line reason in err on failure
 * (nothing to undo then).
 */
struct screen *screen_open(const struct theme *theme, bool no_color, char *err,
                           size_t err_size);
/* End curses and restore the terminal (NULL is fine). */
void screen_close(struct screen *s);

/* Use another theme from now on (the setup screen). */
void screen_set_theme(struct screen *s, const struct theme *theme);

/* The colours the palette was reduced to (1 = monochrome). */
int screen_colours(const struct screen *s);
/* True when the locale is UTF-8 (otherwise output is ASCII only). */
bool screen_utf8(const struct screen *s);

/* Characters in one cell: a spacing one and up to 4 combining marks. */
#define SCREEN_CELL_CHARS 5
/* Put one cell at y, x: wc[0] spacing, wc[1..n) combining (n at most
 * SCREEN_CELL_CHARS), in role's colours. The caller clips. */
void screen_put_cell(struct screen *s, int y, int x, const wchar_t *wc, int n,
                     enum theme_role role);
/* Fill width cells from y, x with spaces in role's colours (clipped by
 * the caller). */
void screen_fill(struct screen *s, int y, int x, int width,
                 enum theme_role role);

/* Ask the kernel for the terminal size and tell curses about it. */
void screen_resize(struct screen *s);
/* The current size. */
void screen_size(const struct screen *s, int *rows, int *cols);

/* Start a frame: clear the drawing buffer. */
void screen_begin(struct screen *s);
/* End a frame: send the changes to the terminal, once. */
void screen_end(struct screen *s);

/* The terminal input file descriptor (for poll). */
int screen_fd(const struct screen *s);

/*
 * Read one key without waiting, as the app's key code (core/kbd.h): a
 * Unicode character, or KBD_UP, KBD_F(1), KBD_CTRL('l') ... (Enter, Esc
 * and Backspace as KBD_ENTER, KBD_ESC, KBD_BACKSPACE). 0 when nothing is
 * waiting (or the terminal is gone: end of file or error on input). An
 * escape sequence the terminfo entry does not know (core/kbdseq.h) is one
 * key, mapped or KBD_UNKNOWN, never its bytes; after an ESC or inside a
 * sequence it waits up to the escape delay (25 ms) for the next byte.
 */
int32_t screen_key(struct screen *s);

/* Repaint the whole terminal on the next screen_end (Ctrl-L). */
void screen_redraw_all(struct screen *s);

#endif
