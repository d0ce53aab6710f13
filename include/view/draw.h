/*
 * draw: every string that reaches the terminal goes through here, and so
 * through the one sanitizer (core/sanitize.h): control characters, escape
 * sequences, C1, invalid UTF-8, bidi and zero-width characters become
 * visible "\xNN" text. The sanitized text is then laid out in cells by
 * display width (wcwidth): truncated by columns, a double-width character
 * never straddles the right edge, combining marks join their base. In a
 * non-UTF-8 locale every byte >= 0x80 is escaped too, so output is ASCII.
 * Drawing outside the screen is clipped, never an error.
 */
#ifndef OOMWATCH_VIEW_DRAW_H
#define OOMWATCH_VIEW_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/layout.h"
#include "model/theme.h"
#include "view/screen.h"

/* NUL bytes are argument separators: draw them as spaces. */
#define DRAW_NUL_SPACE 0x1u
/* Right-align the text in the width. */
#define DRAW_RIGHT 0x2u
/* Fill the rest of the width with spaces in the same role. */
#define DRAW_FILL 0x4u

/*
 * Draw len bytes of text (any content) at row y, column x, in at most
 * width columns, in role. Returns the columns used.
 */
int draw_text(struct screen *s, int y, int x, int width, enum theme_role role,
              const char *text, size_t len, unsigned flags);

/* draw_text for a NUL-terminated string. */
int draw_str(struct screen *s, int y, int x, int width, enum theme_role role,
             const char *str, unsigned flags);

/* draw_text of a printf-formatted line (the format is ours). */
int draw_fmt(struct screen *s, int y, int x, int width, enum theme_role role,
             unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/*
 * Draw the longest of forms (longest first, NULL-ended, at most 5) that
 * fits width columns; when none does, the shortest cut after its last
 * whole word, with an ellipsis. Never cuts a word. DRAW_FILL fills the
 * rest of the width. Returns the columns used (without the fill).
 */
int draw_forms(struct screen *s, int y, int x, int width, enum theme_role role,
               const char *const *forms, unsigned flags);

/* Fill width cells at (y, x) with spaces in role. */
void draw_fill(struct screen *s, int y, int x, int width, enum theme_role role);

/* Fill a rectangle with spaces in role. */
void draw_clear_rect(struct screen *s, const struct layout_rect *r,
                     enum theme_role role);

/* The display width of text once sanitized (as draw_text would draw it,
 * up to limit columns). */
int draw_width(const struct screen *s, const char *text, size_t len, int limit);

/* Tree and bar glyphs: the UTF-8 form, or the ASCII one in the C locale. */
const char *draw_glyph(const struct screen *s, const char *utf8,
                       const char *ascii);

#endif
