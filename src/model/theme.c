/*
 * theme.c: theme file text -> role table, and colour downgrades (see
 * theme.h). The built-in default (dark) theme lives in role_table below:
 * it is both the fallback for every role a file leaves out and the list
 * of known role names.
 */
#include "model/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "model/kscan.h"

#define D THEME_COLOUR_DEFAULT
#define B THEME_ATTR_BOLD

/* Role name and built-in (dark) style, in enum order. */
static const struct role_entry {
	const char *name;
	struct theme_style def;
} role_table[] = {
    [THEME_NORMAL] = {"normal", {D, D, 0}},
    [THEME_TITLE] = {"title", {6, D, B}},
    [THEME_MEM_USED] = {"mem.used", {2, D, 0}},
    [THEME_MEM_CACHE] = {"mem.cache", {3, D, 0}},
    [THEME_MEM_FREE] = {"mem.free", {8, D, 0}},
    [THEME_MEM_SWAP] = {"mem.swap", {1, D, 0}},
    [THEME_METER_LABEL] = {"meter.label", {6, D, B}},
    [THEME_METER_VALUE] = {"meter.value", {D, D, B}},
    [THEME_RISK_HIGH] = {"risk.high", {9, D, B}},
    [THEME_RISK_MEDIUM] = {"risk.medium", {11, D, 0}},
    [THEME_RISK_LOW] = {"risk.low", {2, D, 0}},
    [THEME_PROC_HEADER] = {"proc.header", {0, 2, 0}},
    [THEME_PROC_SORTED] = {"proc.sorted", {0, 6, B}},
    [THEME_PROC_NORMAL] = {"proc.normal", {D, D, 0}},
    [THEME_PROC_SELECTED] = {"proc.selected", {0, 6, 0}},
    [THEME_PROC_VICTIM] = {"proc.victim", {9, D, B}},
    [THEME_PROC_NA] = {"proc.na", {8, D, THEME_ATTR_DIM}},
    [THEME_PROC_TAGGED] = {"proc.tagged", {11, D, B}},
    [THEME_PROC_TREE] = {"proc.tree", {6, D, 0}},
    [THEME_PROC_DSTATE] = {"proc.dstate", {9, D, B}},
    [THEME_PROC_ZOMBIE] = {"proc.zombie", {13, D, B}},
    [THEME_KLOG_TIME] = {"klog.time", {8, D, 0}},
    [THEME_KLOG_OOM] = {"klog.oom", {15, 1, B}},
    [THEME_KLOG_HUNG] = {"klog.hung", {13, D, B}},
    [THEME_KLOG_LOCKUP] = {"klog.lockup", {13, D, B}},
    [THEME_KLOG_PANIC] = {"klog.panic", {15, 5, B}},
    [THEME_KLOG_OOPS] = {"klog.oops", {9, D, B}},
    [THEME_KLOG_ALLOC] = {"klog.alloc", {11, D, B}},
    [THEME_KLOG_ERROR] = {"klog.error", {9, D, 0}},
    [THEME_KLOG_WARN] = {"klog.warn", {3, D, 0}},
    [THEME_KLOG_NORMAL] = {"klog.normal", {D, D, 0}},
    [THEME_KLOG_USER] = {"klog.user", {4, D, THEME_ATTR_ITALIC}},
    [THEME_KLOG_LOST] = {"klog.lost", {0, 3, 0}},
    [THEME_STATUS_ERROR] = {"status.error", {15, 1, B}},
    [THEME_STATUS_OK] = {"status.ok", {2, D, 0}},
    [THEME_STATUS_INFO] = {"status.info", {6, D, 0}},
    [THEME_FKEY_KEY] = {"fkey.key", {D, D, 0}},
    [THEME_FKEY_LABEL] = {"fkey.label", {0, 6, 0}},
    [THEME_DIALOG] = {"dialog", {D, D, 0}},
    [THEME_DIALOG_FOCUS] = {"dialog.focus", {0, 6, 0}},
    [THEME_PROMPT] = {"prompt", {0, 3, 0}},
};
_Static_assert(sizeof role_table / sizeof role_table[0] == THEME_ROLE_COUNT,
               "role_table must list every enum theme_role");

#undef D
#undef B

/* Basic colour names and their index. */
static const struct {
	const char *name;
	int index;
} colour_names[] = {
    {"black", 0},         {"red", 1},
    {"green", 2},         {"yellow", 3},
    {"blue", 4},          {"magenta", 5},
    {"cyan", 6},          {"white", 7},
    {"grey", 8},          {"gray", 8},
    {"bright-black", 8},  {"bright-red", 9},
    {"bright-green", 10}, {"bright-yellow", 11},
    {"bright-blue", 12},  {"bright-magenta", 13},
    {"bright-cyan", 14},  {"bright-white", 15},
};

/* Attribute words. */
static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
    {"bold", THEME_ATTR_BOLD},           {"dim", THEME_ATTR_DIM},
    {"underline", THEME_ATTR_UNDERLINE}, {"reverse", THEME_ATTR_REVERSE},
    {"italic", THEME_ATTR_ITALIC},
};

/* The RGB values xterm uses for the 16 basic colours. */
static const uint32_t basic_rgb[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
                                       0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
                                       0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
                                       0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};

/* The six levels of each channel in the xterm 6x6x6 colour cube. */
static const int cube_level[6] = {0, 95, 135, 175, 215, 255};

/* The file name of a role. */
const char *
theme_role_name(enum theme_role role)
{
	return (unsigned)role < THEME_ROLE_COUNT ? role_table[role].name : "?";
}

/* True when word (len bytes) equals the C string s. */
static bool
word_is(const char *word, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(word, s, len) == 0;
}

/* Find a role by name. */
int
theme_role_parse(const char *name, size_t len, enum theme_role *role)
{
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++) {
		if (word_is(name, len, role_table[i].name)) {
			*role = (enum theme_role)i;
			return 0;
		}
	}
	return -1;
}

/* The role of a STATE cell. */
enum theme_role
theme_proc_state_role(char state, enum theme_role base)
{
	if (base == THEME_PROC_SELECTED || base == THEME_PROC_TAGGED)
		return base;
	if (state == 'D')
		return THEME_PROC_DSTATE;
	return state == 'Z' ? THEME_PROC_ZOMBIE : base;
}

/* Fill t with the built-in default theme. */
void
theme_init_default(struct theme *t)
{
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++)
		t->style[i] = role_table[i].def;
}

/* Parse one colour word. */
int
theme_colour_parse(const char *word, size_t len, int32_t *colour)
{
	uint32_t rgb = 0;
	int v = 0, d;
	size_t i;

	if (len == 0)
		return -1;
	if (word_is(word, len, "default")) {
		*colour = THEME_COLOUR_DEFAULT;
		return 0;
	}
	for (i = 0; i < sizeof colour_names / sizeof colour_names[0]; i++) {
		if (word_is(word, len, colour_names[i].name)) {
			*colour = colour_names[i].index;
			return 0;
		}
	}
	if (word[0] == '#') {
		if (len != 7)
			return -1;
		for (i = 1; i < 7; i++) {
			if ((d = kscan_hexval(word[i])) < 0)
				return -1;
			rgb = (rgb << 4) | (uint32_t)d;
		}
		*colour = THEME_RGB(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
		return 0;
	}
	if (len > 3)
		return -1;
	for (i = 0; i < len; i++) {
		if (word[i] < '0' || word[i] > '9')
			return -1;
		v = v * 10 + (word[i] - '0');
	}
	if (v > 255)
		return -1;
	*colour = v;
	return 0;
}

/* Parse one attribute word; 0 and *bit, or -1. */
static int
attr_parse(const char *word, size_t len, unsigned *bit)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++) {
		if (word_is(word, len, attr_names[i].name)) {
			*bit = attr_names[i].bit;
			return 0;
		}
	}
	return -1;
}

/* True for the blanks that separate words in a theme line. */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Skip blanks from p (up to end). */
static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/* The end of the word starting at p. */
static const char *
word_end(const char *p, const char *end)
{
	while (p < end && !is_blank(*p))
		p++;
	return p;
}

/* Write "FILE:LINE: what 'word'" into err, the word sanitized. */
static void
line_message(char *buf, size_t size, const char *file_name, unsigned line,
             const char *what, const char *word, size_t len)
{
	char safe[96];

	if (buf == NULL || size == 0)
		return;
	sanitize_text(safe, sizeof safe, word, len > 40 ? 40 : len, 0, NULL);
	snprintf(buf, size, "%s:%u: %s '%s'", file_name, line, what, safe);
}

/*
 * Parse the value of one line (after '=') into *st. Returns NULL on
 * success, or the problem and the bad word in *bad / *bad_len.
 */
static const char *
parse_value(const char *p, const char *end, struct theme_style *st,
            const char **bad, size_t *bad_len)
{
	const char *w;
	int ncolours = 0;
	int32_t colour;
	unsigned bit;

	st->fg = st->bg = THEME_COLOUR_DEFAULT;
	st->attrs = 0;
	for (p = skip_blanks(p, end); p < end; p = skip_blanks(w, end)) {
		w = word_end(p, end);
		*bad = p;
		*bad_len = (size_t)(w - p);
		if (theme_colour_parse(p, *bad_len, &colour) == 0) {
			if (st->attrs != 0)
				return "colour after an attribute";
			if (ncolours == 2)
				return "a third colour";
			if (ncolours++ == 0)
				st->fg = colour;
			else
				st->bg = colour;
		} else if (attr_parse(p, *bad_len, &bit) == 0) {
			if (ncolours == 0)
				return "attribute before the colour";
			st->attrs |= bit;
		} else {
			return "unknown colour or attribute";
		}
	}
	if (ncolours == 0) {
		*bad = end;
		*bad_len = 0;
		return "missing colour";
	}
	return NULL;
}

/* Parse theme file text over the default theme (see theme.h). */
int
theme_parse(struct theme *t, const char *text, size_t len,
            const char *file_name, char *err, size_t err_size, char *warn,
            size_t warn_size, unsigned *n_warnings)
{
	struct theme tmp;
	const char *p = text, *end = text + len, *eol, *eq, *name, *name_end;
	const char *problem, *bad;
	size_t bad_len;
	unsigned line = 0, warnings = 0;
	enum theme_role role;
	struct theme_style st;

	theme_init_default(&tmp);
	for (; p < end; p = eol < end ? eol + 1 : end) {
		line++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		name = skip_blanks(p, eol);
		if (name == eol || *name == '#')
			continue;
		eq = memchr(name, '=', (size_t)(eol - name));
		if (eq == NULL) {
			line_message(err, err_size, file_name, line,
			             "expected 'role = colour', got", name,
			             (size_t)(eol - name));
			return -1;
		}
		name_end = eq;
		while (name_end > name && is_blank(name_end[-1]))
			name_end--;
		if (theme_role_parse(name, (size_t)(name_end - name), &role) !=
		    0) {
			if (warnings++ == 0)
				line_message(warn, warn_size, file_name, line,
				             "unknown role (ignored)", name,
				             (size_t)(name_end - name));
			continue;
		}
		problem = parse_value(eq + 1, eol, &st, &bad, &bad_len);
		if (problem != NULL) {
			line_message(err, err_size, file_name, line, problem,
			             bad, bad_len);
			return -1;
		}
		tmp.style[role] = st;
	}
	*t = tmp;
	if (n_warnings)
		*n_warnings = warnings;
	return 0;
}

/* Squared distance between two RGB values. */
static uint32_t
rgb_distance(uint32_t a, uint32_t b)
{
	int dr = (int)(a >> 16) - (int)(b >> 16);
	int dg = (int)((a >> 8) & 0xff) - (int)((b >> 8) & 0xff);
	int db = (int)(a & 0xff) - (int)(b & 0xff);

	return (uint32_t)(dr * dr + dg * dg + db * db);
}

/* Index of the cube level nearest to channel value v. */
static int
cube_index(int v)
{
	int best = 0;

	for (int i = 1; i < 6; i++) {
		if (abs(v - cube_level[i]) < abs(v - cube_level[best]))
			best = i;
	}
	return best;
}

/* The RGB value of a 256-colour index. */
static uint32_t
index_to_rgb(int index)
{
	int r, g, b, grey;

	if (index < 16)
		return basic_rgb[index];
	if (index >= 232) {
		grey = 8 + 10 * (index - 232);
		return (uint32_t)(grey << 16 | grey << 8 | grey);
	}
	index -= 16;
	r = cube_level[index / 36];
	g = cube_level[(index / 6) % 6];
	b = cube_level[index % 6];
	return (uint32_t)(r << 16 | g << 8 | b);
}

/* The nearest 256-colour index (cube or grey ramp, not the basic 16). */
static int
rgb_to_256(uint32_t rgb)
{
	int r = (int)(rgb >> 16), g = (int)((rgb >> 8) & 0xff),
	    b = (int)(rgb & 0xff);
	int cube = 16 + 36 * cube_index(r) + 6 * cube_index(g) + cube_index(b);
	int avg = (r + g + b) / 3, gi = (avg - 8 + 5) / 10;
	int grey;

	if (gi < 0)
		gi = 0;
	if (gi > 23)
		gi = 23;
	grey = 232 + gi;
	return rgb_distance(rgb, index_to_rgb(grey)) <
	               rgb_distance(rgb, index_to_rgb(cube))
	           ? grey
	           : cube;
}

/* The nearest of the first n basic colours. */
static int
rgb_to_basic(uint32_t rgb, int n)
{
	int best = 0;

	for (int i = 1; i < n; i++) {
		if (rgb_distance(rgb, basic_rgb[i]) <
		    rgb_distance(rgb, basic_rgb[best]))
			best = i;
	}
	return best;
}

/* The nearest colour a terminal with ncolours can show. */
int32_t
theme_colour_downgrade(int32_t colour, int ncolours)
{
	uint32_t rgb;

	if (colour == THEME_COLOUR_DEFAULT || ncolours >= (1 << 24))
		return colour;
	if (ncolours < 8)
		return THEME_COLOUR_DEFAULT;
	rgb = THEME_IS_RGB(colour) ? (uint32_t)colour & 0xffffff
	                           : index_to_rgb(colour);
	if (ncolours >= 256)
		return THEME_IS_RGB(colour) ? rgb_to_256(rgb) : colour;
	if (!THEME_IS_RGB(colour) && colour < ncolours)
		return colour;
	if (ncolours >= 16)
		return rgb_to_basic(rgb, 16);
	if (!THEME_IS_RGB(colour) && colour < 16)
		return colour - 8;
	return rgb_to_basic(rgb, 8);
}

/* Reduce every role of t to ncolours. */
void
theme_downgrade(struct theme *t, int ncolours)
{
	struct theme_style *st;
	int32_t fg;

	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++) {
		st = &t->style[i];
		if (ncolours < 8) {
			if (st->bg != THEME_COLOUR_DEFAULT)
				st->attrs |= THEME_ATTR_REVERSE;
			st->fg = st->bg = THEME_COLOUR_DEFAULT;
			continue;
		}
		fg = theme_colour_downgrade(st->fg, ncolours);
		if (ncolours < 16 && fg != THEME_COLOUR_DEFAULT &&
		    theme_colour_downgrade(st->fg, 16) >= 8)
			st->attrs |= THEME_ATTR_BOLD;
		st->fg = fg;
		st->bg = theme_colour_downgrade(st->bg, ncolours);
	}
}
