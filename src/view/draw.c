/*
 * draw.c: sanitized text -> curses cells (see draw.h). Text is first
 * sanitized into a bounded buffer, then cut into cells: one spacing
 * character plus up to SCREEN_CELL_CHARS - 1 combining marks each, which
 * screen.c (the only file that speaks curses) puts on the terminal.
 */
#include "view/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/sanitize.h"
#include "model/meterfit.h"

/* Longest input drawn (a line is never wider than the screen anyway). */
#define DRAW_MAX_IN 1024
#define DRAW_MAX_OUT (4 * DRAW_MAX_IN + 1)

/* One laid-out cell. */
struct cell {
	wchar_t wc[SCREEN_CELL_CHARS];
	int n, width;
};

/* The sanitizer flags for this screen and these draw flags. */
static unsigned
san_flags(const struct screen *s, unsigned flags)
{
	return (screen_utf8(s) ? 0 : SANITIZE_ASCII) |
	       ((flags & DRAW_NUL_SPACE) ? SANITIZE_NUL_SPACE : 0);
}

/*
 * Lay the sanitized bytes buf[0..n) out in cells, calling put for each
 * (when put is not NULL) until width columns are used. Returns the
 * columns used.
 */
static int
layout_cells(const char *buf, size_t n, int width,
             void (*put)(void *arg, const struct cell *c), void *arg)
{
	const unsigned char *p = (const unsigned char *)buf;
	struct cell c = {.n = 0};
	size_t i = 0, k;
	unsigned cp;
	int used = 0, w;

	while (i < n) {
		k = sanitize_utf8_decode(p + i, n - i, &cp);
		if (k == 0) { /* cannot happen after the sanitizer */
			k = 1;
			cp = '?';
		}
		i += k;
		w = wcwidth((wchar_t)cp);
		if (w == 0 && c.n > 0 && c.n < SCREEN_CELL_CHARS - 1) {
			c.wc[c.n++] = (wchar_t)cp; /* a combining mark */
			continue;
		}
		if (w < 0 || w == 0) {
			cp = '?';
			w = 1;
		}
		if (c.n > 0) {
			if (put)
				put(arg, &c);
			used += c.width;
		}
		c.n = 0;
		if (used + w > width)
			return used; /* wide char at the edge: left out */
		c.wc[c.n++] = (wchar_t)cp;
		c.width = w;
	}
	if (c.n > 0) {
		if (put)
			put(arg, &c);
		used += c.width;
	}
	return used;
}

/* Where put_cell draws. */
struct put_state {
	struct screen *s;
	int y, x;
	enum theme_role role;
};

/* Draw one cell. */
static void
put_cell(void *arg, const struct cell *c)
{
	struct put_state *ps = arg;

	screen_put_cell(ps->s, ps->y, ps->x, c->wc, c->n, ps->role);
	ps->x += c->width;
}

/* Clip a span to the screen: false when nothing is left. */
static bool
clip(const struct screen *s, int y, int *x, int *width)
{
	int rows, cols;

	screen_size(s, &rows, &cols);
	if (y < 0 || y >= rows || *x >= cols || *width <= 0)
		return false;
	if (*x < 0) {
		*width += *x;
		*x = 0;
	}
	if (*x + *width > cols)
		*width = cols - *x;
	return *width > 0;
}

/* Fill width cells with spaces. */
void
draw_fill(struct screen *s, int y, int x, int width, enum theme_role role)
{
	if (!clip(s, y, &x, &width))
		return;
	screen_fill(s, y, x, width, role);
}

/* Fill a rectangle. */
void
draw_clear_rect(struct screen *s, const struct layout_rect *r,
                enum theme_role role)
{
	for (int i = 0; i < r->h; i++)
		draw_fill(s, r->y + i, r->x, r->w, role);
}

/* Draw sanitized text in cells. */
int
draw_text(struct screen *s, int y, int x, int width, enum theme_role role,
          const char *text, size_t len, unsigned flags)
{
	char buf[DRAW_MAX_OUT];
	size_t n;
	int need;
	struct put_state ps;

	if (!clip(s, y, &x, &width))
		return 0;
	n = sanitize_text(buf, sizeof buf, text,
	                  len > DRAW_MAX_IN ? DRAW_MAX_IN : len,
	                  san_flags(s, flags), NULL);
	ps.s = s;
	ps.y = y;
	ps.x = x;
	ps.role = role;
	if (flags & DRAW_RIGHT) {
		need = layout_cells(buf, n, width, NULL, NULL);
		if (need < width) {
			if (flags & DRAW_FILL)
				draw_fill(s, y, x, width - need, role);
			ps.x += width - need;
		}
	}
	layout_cells(buf, n, x + width - ps.x, put_cell, &ps);
	if ((flags & DRAW_FILL) && ps.x < x + width)
		draw_fill(s, y, ps.x, x + width - ps.x, role);
	return (flags & DRAW_FILL) ? width : ps.x - x;
}

/* draw_text for a C string. */
int
draw_str(struct screen *s, int y, int x, int width, enum theme_role role,
         const char *str, unsigned flags)
{
	return draw_text(s, y, x, width, role, str, strlen(str), flags);
}

/* draw_text of a formatted line. */
int
draw_fmt(struct screen *s, int y, int x, int width, enum theme_role role,
         unsigned flags, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return draw_text(s, y, x, width, role, buf,
	                 (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1,
	                 flags);
}

/* The display width of sanitized text. */
int
draw_width(const struct screen *s, const char *text, size_t len, int limit)
{
	char buf[DRAW_MAX_OUT];
	size_t n;

	n = sanitize_text(buf, sizeof buf, text,
	                  len > DRAW_MAX_IN ? DRAW_MAX_IN : len,
	                  san_flags(s, 0), NULL);
	return layout_cells(buf, n, limit, NULL, NULL);
}

/* A glyph for this locale. */
const char *
draw_glyph(const struct screen *s, const char *utf8, const char *ascii)
{
	return screen_utf8(s) ? utf8 : ascii;
}

/* Columns of text as draw_text draws it (a meterfit measure). */
static int
fit_measure(void *ctx, const char *text, size_t len)
{
	return draw_width(ctx, text, len, DRAW_MAX_IN);
}

/* Draw the longest of forms that fits, or the last cut after a word. */
int
draw_forms(struct screen *s, int y, int x, int width, enum theme_role role,
           const char *const *forms, unsigned flags)
{
	struct meterfit_seg seg = {.keep = 0};
	int used, n = 0;

	for (; n < METERFIT_FORMS - 1 && forms[n] != NULL; n++)
		seg.form[n] = forms[n];
	if (n == 0 || width <= 0)
		return 0;
	used = meterfit_fit(&seg, 1, width, 1, fit_measure, s);
	if (seg.len > 0)
		draw_text(s, y, x, used - seg.ellipsis, role,
		          seg.form[seg.pick], seg.len, 0);
	if (seg.ellipsis)
		draw_str(s, y, x + used - 1, 1, role,
		         draw_glyph(s, "\xe2\x80\xa6", "~"), 0);
	if ((flags & DRAW_FILL) && used < width)
		draw_fill(s, y, x + used, width - used, role);
	return used;
}
