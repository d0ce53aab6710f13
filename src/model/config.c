/* config.c: oomwatchrc text <-> struct config (see config.h). */
#include "model/config.h"

#include <stdio.h>
#include <string.h>

#include "core/sanitize.h"
#include "model/adjvalue.h"

/* The built-in settings. */
void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	for (unsigned i = 0; i < COLUMN_COUNT; i++)
		c->shown[i] = columns_desc((enum column_id)i)->shown_by_default;
	snprintf(c->theme, sizeof c->theme, "default");
	c->sort = RANK_OOM;
	c->sort_desc = true;
	c->adj_step = ADJVALUE_STEP;
}

/* How many columns are shown. */
size_t
config_columns_shown(const struct config *c)
{
	size_t n = 0;

	for (unsigned i = 0; i < COLUMN_COUNT; i++)
		n += c->shown[i];
	return n;
}

/* True for blanks between words. */
static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* True when the len bytes at s spell the C string w. */
static bool
is_word(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

/* Parse yes/no words; 0 and *v, or -1. */
static int
parse_bool(const char *s, size_t len, bool *v)
{
	if (is_word(s, len, "yes") || is_word(s, len, "on") ||
	    is_word(s, len, "1") || is_word(s, len, "true")) {
		*v = true;
		return 0;
	}
	if (is_word(s, len, "no") || is_word(s, len, "off") ||
	    is_word(s, len, "0") || is_word(s, len, "false")) {
		*v = false;
		return 0;
	}
	return -1;
}

/* Parse one of two words: yes gives true, no false; 0 and *v, or -1. */
static int
parse_either(const char *s, size_t len, const char *yes, const char *no,
             bool *v)
{
	if (!is_word(s, len, yes) && !is_word(s, len, no))
		return -1;
	*v = is_word(s, len, yes);
	return 0;
}

/* Parse a column list into shown[]; all or nothing. */
static int
parse_columns(const char *v, size_t len, bool *shown)
{
	bool tmp[COLUMN_COUNT] = {false};
	const char *p = v, *end = v + len, *w;
	enum column_id id;
	size_t n = 0;

	while (p < end) {
		while (p < end && (blank(*p) || *p == ','))
			p++;
		w = p;
		while (p < end && !blank(*p) && *p != ',')
			p++;
		if (p == w)
			break;
		if (columns_parse(w, (size_t)(p - w), &id) != 0)
			return -1;
		tmp[id] = true;
		n++;
	}
	if (n == 0)
		return -1;
	memcpy(shown, tmp, sizeof tmp);
	return 0;
}

/* Parse a theme name or path: printable, no blanks, fits. */
static int
parse_theme(const char *v, size_t len, char *theme)
{
	if (len == 0 || len >= CONFIG_THEME_MAX)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)v[i] <= ' ' || v[i] == 0x7f)
			return -1;
	}
	memcpy(theme, v, len);
	theme[len] = '\0';
	return 0;
}

/* Parse the F7/F8 step: 1..1000 in decimal; 0 and *step, or -1. */
static int
parse_step(const char *v, size_t len, int *step)
{
	int n = 0;

	if (len == 0 || len > 4)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		n = n * 10 + (v[i] - '0');
	}
	if (n < 1 || n > ADJVALUE_MAX)
		return -1;
	*step = n;
	return 0;
}

/* Apply one "key = value" setting; NULL or what was wrong. */
static const char *
apply(struct config *c, const char *k, size_t klen, const char *v, size_t vlen)
{
	char name[32];

	if (is_word(k, klen, "columns"))
		return parse_columns(v, vlen, c->shown) ? "bad column list"
		                                        : NULL;
	if (is_word(k, klen, "theme"))
		return parse_theme(v, vlen, c->theme) ? "bad theme name" : NULL;
	if (is_word(k, klen, "sort")) {
		if (vlen >= sizeof name)
			return "unknown sort key";
		memcpy(name, v, vlen);
		name[vlen] = '\0';
		return rank_key_parse(name, &c->sort) ? "unknown sort key"
		                                      : NULL;
	}
	if (is_word(k, klen, "sort_order"))
		return parse_either(v, vlen, "descending", "ascending",
		                    &c->sort_desc)
		           ? "sort_order is ascending or descending"
		           : NULL;
	if (is_word(k, klen, "tree"))
		return parse_bool(v, vlen, &c->tree) ? "tree is yes or no"
		                                     : NULL;
	if (is_word(k, klen, "log"))
		return parse_either(v, vlen, "important", "all",
		                    &c->log_important)
		           ? "log is all or important"
		           : NULL;
	if (is_word(k, klen, "adj_step"))
		return parse_step(v, vlen, &c->adj_step)
		           ? "adj_step is a number from 1 to 1000"
		           : NULL;
	return "unknown setting";
}

/* Apply oomwatchrc text over c. */
void
config_parse(struct config *c, const char *text, size_t len, char *warn,
             size_t warn_size, unsigned *n_warnings)
{
	const char *p = text, *end = text + len, *eol, *k, *kend, *v, *vend;
	const char *problem;
	unsigned line = 0, warnings = 0;
	char safe[64];

	for (; p < end; p = eol < end ? eol + 1 : end) {
		line++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		for (k = p; k < eol && blank(*k); k++)
			;
		if (k == eol || *k == '#')
			continue;
		v = memchr(k, '=', (size_t)(eol - k));
		problem = "expected 'key = value'";
		if (v != NULL) {
			for (kend = v; kend > k && blank(kend[-1]); kend--)
				;
			for (v++; v < eol && blank(*v); v++)
				;
			for (vend = eol; vend > v && blank(vend[-1]); vend--)
				;
			problem = apply(c, k, (size_t)(kend - k), v,
			                (size_t)(vend - v));
		}
		if (problem == NULL)
			continue;
		if (warnings++ == 0 && warn != NULL && warn_size > 0) {
			sanitize_text(
			    safe, sizeof safe, k,
			    (size_t)(eol - k) > 40 ? 40 : (size_t)(eol - k), 0,
			    NULL);
			snprintf(warn, warn_size, "%u: %s: '%s'", line, problem,
			         safe);
		}
	}
	if (n_warnings)
		*n_warnings = warnings;
}

/* Append formatted text at buf + *at (if it fits); count it in *at. */
static void
put(char *buf, size_t size, size_t *at, const char *s)
{
	size_t n = strlen(s);

	if (*at < size)
		snprintf(buf + *at, size - *at, "%s", s);
	*at += n;
}

/* Write c as oomwatchrc text. */
size_t
config_format(const struct config *c, char *buf, size_t size)
{
	char step[32];
	size_t at = 0;

	if (size > 0)
		buf[0] = '\0';
	put(buf, size, &at,
	    "# oomwatch settings, written by the setup screen (F2)\ncolumns =");
	for (unsigned i = 0; i < COLUMN_COUNT; i++) {
		if (!c->shown[i])
			continue;
		put(buf, size, &at, " ");
		put(buf, size, &at, columns_desc((enum column_id)i)->key);
	}
	put(buf, size, &at, "\ntheme = ");
	put(buf, size, &at, c->theme);
	put(buf, size, &at, "\nsort = ");
	put(buf, size, &at, rank_key_name(c->sort));
	put(buf, size, &at, "\nsort_order = ");
	put(buf, size, &at, c->sort_desc ? "descending" : "ascending");
	put(buf, size, &at, "\ntree = ");
	put(buf, size, &at, c->tree ? "yes" : "no");
	put(buf, size, &at, "\nlog = ");
	put(buf, size, &at, c->log_important ? "important" : "all");
	snprintf(step, sizeof step, "\nadj_step = %d\n", c->adj_step);
	put(buf, size, &at, step);
	return at;
}
