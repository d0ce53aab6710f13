/*
 * recjson.c: a bounded reader of a stored event's JSON (see recjson.h).
 * A cursor walks the text once: the object's members in order, each value
 * skipped (strings by their escapes, objects and arrays by a depth count,
 * never by recursion) unless its key is the one asked for.
 */
#include "model/recjson.h"

#include <string.h>

/* A position in the text. */
struct rj {
	const char *s;
	size_t len, i;
};

/* True when ch is one of set's characters (never NUL). */
static bool
recjson_in(char ch, const char *set)
{
	return ch != '\0' && strchr(set, ch) != NULL;
}

/* Skip white space. */
static void
recjson_ws(struct rj *c)
{
	while (c->i < c->len && (c->s[c->i] == ' ' || c->s[c->i] == '\t' ||
	                         c->s[c->i] == '\n' || c->s[c->i] == '\r'))
		c->i++;
}

/* The value of one hex digit, or -1. */
static int
recjson_hex(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Append byte b to buf[*n] when it fits (size - 1 bytes at most). */
static void
recjson_put(char *buf, size_t size, size_t *n, unsigned char b)
{
	if (buf != NULL && *n + 1 < size)
		buf[(*n)++] = (char)b;
}

/* Append code point cp (from \uXXXX) as UTF-8; NUL, controls and lone
 * surrogates as '?'. */
static void
recjson_put_cp(char *buf, size_t size, size_t *n, unsigned cp)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
		recjson_put(buf, size, n, '?');
	} else if (cp < 0x80) {
		recjson_put(buf, size, n, (unsigned char)cp);
	} else if (cp < 0x800) {
		if (buf != NULL && *n + 2 < size) {
			recjson_put(buf, size, n, 0xc0 | (cp >> 6));
			recjson_put(buf, size, n, 0x80 | (cp & 0x3f));
		}
	} else if (buf != NULL && *n + 3 < size) {
		recjson_put(buf, size, n, 0xe0 | (cp >> 12));
		recjson_put(buf, size, n, 0x80 | ((cp >> 6) & 0x3f));
		recjson_put(buf, size, n, 0x80 | (cp & 0x3f));
	}
}

/* One escape after a backslash (c->i on the letter) into buf; false when
 * malformed. */
static bool
recjson_escape(struct rj *c, char *buf, size_t size, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/?????";
	const char *hit;
	unsigned cp = 0;
	int h;

	if (c->i >= c->len)
		return false;
	if (c->s[c->i] != 'u') {
		if (!recjson_in(c->s[c->i], from))
			return false;
		hit = strchr(from, c->s[c->i]);
		recjson_put(buf, size, n, (unsigned char)to[hit - from]);
		c->i++;
		return true;
	}
	if (c->len - c->i < 5)
		return false;
	for (int k = 1; k <= 4; k++) {
		if ((h = recjson_hex(c->s[c->i + (size_t)k])) < 0)
			return false;
		cp = cp * 16 + (unsigned)h;
	}
	c->i += 5;
	recjson_put_cp(buf, size, n, cp);
	return true;
}

/* A string (c->i on its opening quote) into buf (NULL: skipped); false
 * when malformed or unterminated. A character cut by size is dropped
 * whole. */
static bool
recjson_string(struct rj *c, char *buf, size_t size)
{
	size_t n = 0;
	unsigned char b;

	if (c->i >= c->len || c->s[c->i] != '"')
		return false;
	for (c->i++; c->i < c->len;) {
		b = (unsigned char)c->s[c->i++];
		if (b == '"') {
			/* a multi-byte character cut at the end goes */
			while (n > 0 && ((unsigned char)buf[n - 1] & 0x80)) {
				size_t st = n - 1, need;

				while (st > 0 &&
				       ((unsigned char)buf[st] & 0xc0) == 0x80)
					st--;
				b = (unsigned char)buf[st];
				need = b >= 0xf0   ? 4
				       : b >= 0xe0 ? 3
				       : b >= 0xc0 ? 2
				                   : 1;
				if (n - st >= need)
					break;
				n = st;
			}
			if (buf != NULL && size > 0)
				buf[n] = '\0';
			return true;
		}
		if (b == '\\') {
			if (!recjson_escape(c, buf, size, &n))
				return false;
		} else {
			recjson_put(buf, size, &n,
			            b < 0x20 || b == 0x7f ? '?' : b);
		}
	}
	return false;
}

/* Skip one value of any kind; false when malformed or cut short. */
static bool
recjson_skip(struct rj *c)
{
	size_t depth = 0;
	char ch;

	recjson_ws(c);
	do {
		if (c->i >= c->len)
			return false;
		ch = c->s[c->i];
		if (ch == '"') {
			if (!recjson_string(c, NULL, 0))
				return false;
		} else if (ch == '{' || ch == '[') {
			depth++;
			c->i++;
		} else if (ch == '}' || ch == ']') {
			if (depth == 0)
				return false;
			depth--;
			c->i++;
		} else if (depth > 0) {
			c->i++; /* inside: commas, colons, numbers, words */
		} else {
			size_t at = c->i;

			while (c->i < c->len &&
			       !recjson_in(c->s[c->i], ",}] \t\r\n"))
				c->i++;
			return c->i > at;
		}
	} while (depth > 0);
	return true;
}

/* Move to the value of the first top-level member named key; false when
 * there is none (or the text is malformed before it). */
static bool
recjson_find(struct rj *c, const char *key)
{
	char name[RECJSON_KEY_MAX + 2];

	recjson_ws(c);
	if (c->i >= c->len || c->s[c->i] != '{')
		return false;
	c->i++;
	for (;;) {
		recjson_ws(c);
		if (!recjson_string(c, name, sizeof name))
			return false;
		recjson_ws(c);
		if (c->i >= c->len || c->s[c->i] != ':')
			return false;
		c->i++;
		recjson_ws(c);
		if (strcmp(name, key) == 0)
			return true;
		if (!recjson_skip(c))
			return false;
		recjson_ws(c);
		if (c->i >= c->len || c->s[c->i] != ',')
			return false;
		c->i++;
	}
}

/* An integer member (see the header). */
bool
recjson_int(const char *s, size_t len, const char *key, int64_t *v)
{
	struct rj c = {s, len, 0};
	bool neg = false;
	uint64_t m = 0, lim;
	size_t at;

	if (s == NULL || !recjson_find(&c, key))
		return false;
	if (c.i < len && s[c.i] == '-') {
		neg = true;
		c.i++;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (at = c.i; c.i < len && s[c.i] >= '0' && s[c.i] <= '9'; c.i++) {
		unsigned d = (unsigned)(s[c.i] - '0');

		if (m > (lim - d) / 10)
			return false;
		m = m * 10 + d;
	}
	if (c.i == at || (c.i < len && !recjson_in(s[c.i], ",} \t\r\n")))
		return false;
	if (c.i >= len)
		return false; /* the object never closes */
	*v = neg ? (int64_t)(0 - m) : (int64_t)m;
	return true;
}

/* A string member (see the header). */
bool
recjson_str(const char *s, size_t len, const char *key, char *buf, size_t size)
{
	struct rj c = {s, len, 0};

	if (s == NULL || buf == NULL || size == 0 || !recjson_find(&c, key))
		return false;
	return recjson_string(&c, buf, size);
}
