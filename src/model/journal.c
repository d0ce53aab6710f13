/* journal.c: journalctl's JSON lines as kernel-log records and per-boot
 * summaries (see journal.h). */
#include "model/journal.h"

#include <stdlib.h>
#include <string.h>

#include "model/kscan.h"

/* Events an engine keeps: the summary counts each as it completes. */
#define JOURNAL_ENGINE_EVENTS 16

/* A scanner over one line. */
struct scan {
	const char *p, *end;
};

/* A value's span: a string's inside (escapes not decoded), an array's
 * inside, or a literal. */
struct value {
	enum { V_STRING, V_ARRAY, V_LITERAL } kind;
	const char *s;
	size_t len;
};

/* Skip blanks. */
static void
blanks(struct scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' ||
	                           *sc->p == '\r' || *sc->p == '\n'))
		sc->p++;
}

/* A string's inside (sc at its opening quote): true and the span. */
static bool
string_span(struct scan *sc, const char **s, size_t *len)
{
	const char *q = ++sc->p;

	while (q < sc->end && *q != '"')
		q += *q == '\\' ? 2 : 1;
	if (q >= sc->end)
		return false;
	*s = sc->p;
	*len = (size_t)(q - sc->p);
	sc->p = q + 1;
	return true;
}

/* One value (sc at its first byte). */
static bool
value_span(struct scan *sc, struct value *v)
{
	const char *q;

	if (sc->p >= sc->end)
		return false;
	if (*sc->p == '"') {
		v->kind = V_STRING;
		return string_span(sc, &v->s, &v->len);
	}
	if (*sc->p == '[') {
		q = memchr(sc->p, ']', (size_t)(sc->end - sc->p));
		if (q == NULL)
			return false;
		v->kind = V_ARRAY;
		v->s = sc->p + 1;
		v->len = (size_t)(q - sc->p - 1);
		sc->p = q + 1;
		return true;
	}
	for (q = sc->p; q < sc->end && *q != ',' && *q != '}'; q++)
		if (*q == '{' || *q == '"')
			return false; /* nested objects are not entries */
	v->kind = V_LITERAL;
	v->s = sc->p;
	v->len = (size_t)(q - sc->p);
	sc->p = q;
	return true;
}

/* Four hex digits at s (n bytes left): the code unit, or -1. */
static long
hex4(const char *s, size_t n)
{
	long v = 0;
	int d;

	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		if ((d = kscan_hexval(s[i])) < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Append code point cp as UTF-8 (an unpaired surrogate as U+FFFD). */
static size_t
put_utf8(char *out, size_t at, size_t size, unsigned long cp)
{
	unsigned char b[4];
	size_t n;

	if (cp >= 0xd800 && cp <= 0xdfff)
		cp = 0xfffd;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (at + n >= size)
		return at;
	memcpy(out + at, b, n);
	return at + n;
}

/* The escape at s[0] == '\\' (n bytes left) decoded onto out; how many
 * input bytes it took. */
static size_t
unescape(const char *s, size_t n, char *out, size_t *at, size_t size)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k = n > 1 ? memchr(from, s[1], sizeof from - 1) : NULL;
	long hi, lo;

	if (k != NULL) {
		if (*at + 1 < size)
			out[(*at)++] = to[k - from];
		return 2;
	}
	if (n < 2 || s[1] != 'u' || (hi = hex4(s + 2, n - 2)) < 0)
		return 1; /* a stray backslash: dropped */
	if (hi >= 0xd800 && hi < 0xdc00 && n >= 12 && s[6] == '\\' &&
	    s[7] == 'u' && (lo = hex4(s + 8, n - 8)) >= 0xdc00 && lo < 0xe000) {
		*at = put_utf8(out, *at, size,
		               0x10000 + ((unsigned long)(hi - 0xd800) << 10) +
		                   (unsigned long)(lo - 0xdc00));
		return 12;
	}
	*at = put_utf8(out, *at, size, (unsigned long)hi);
	return 6;
}

/* A value's bytes into out (size bytes, NUL-terminated): a string
 * unescaped, an array of byte values, a literal as it is. Returns the
 * length. */
static size_t
decode(const struct value *v, char *out, size_t size)
{
	const char *s = v->s, *end = v->s + v->len;
	size_t at = 0;
	long b;

	while (s < end && at + 1 < size) {
		if (v->kind == V_ARRAY) {
			while (s < end && (*s < '0' || *s > '9'))
				s++;
			for (b = 0; s < end && *s >= '0' && *s <= '9'; s++)
				b = b < 1000 ? b * 10 + (*s - '0') : b;
			if (b <= 255 && s[-1] >= '0' && s[-1] <= '9')
				out[at++] = (char)b;
		} else if (v->kind == V_STRING && *s == '\\')
			s += unescape(s, (size_t)(end - s), out, &at, size);
		else
			out[at++] = *s++;
	}
	out[at] = '\0';
	return at;
}

/* A decimal value (string or literal): the number, or KLOG_NA. */
static int64_t
number(const struct value *v)
{
	char buf[24];
	size_t n = decode(v, buf, sizeof buf);
	int64_t x = 0;

	if (n == 0 || n > 18 || v->kind == V_ARRAY)
		return KLOG_NA;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return KLOG_NA;
		x = x * 10 + (buf[i] - '0');
	}
	return x;
}

/* True when the key span is name. */
static bool
key_is(const char *k, size_t klen, const char *name)
{
	return strlen(name) == klen && memcmp(k, name, klen) == 0;
}

/* Use one member of the object. */
static void
member(const char *k, size_t klen, const struct value *v,
       struct journal_entry *e, struct klog_record *rec, bool *has_msg)
{
	char buf[40];
	int64_t n;

	if (key_is(k, klen, "MESSAGE") && v->kind != V_LITERAL) {
		rec->text_len = decode(v, rec->text, sizeof rec->text);
		rec->truncated = rec->text_len == sizeof rec->text - 1;
		*has_msg = true;
	} else if (key_is(k, klen, "_BOOT_ID")) {
		if (decode(v, buf, sizeof buf) == JOURNAL_BOOT_ID_LEN)
			memcpy(e->boot_id, buf, sizeof e->boot_id);
	} else if (key_is(k, klen, "__REALTIME_TIMESTAMP")) {
		e->realtime_us = number(v);
	} else if (key_is(k, klen, "__MONOTONIC_TIMESTAMP")) {
		e->monotonic_us = number(v);
	} else if (key_is(k, klen, "PRIORITY")) {
		n = number(v);
		rec->level = n >= 0 && n <= 7 ? (int)n : -1;
	} else if (key_is(k, klen, "SYSLOG_FACILITY")) {
		n = number(v);
		rec->facility = n >= 0 && n <= 127 ? (int)n : -1;
	} else if (key_is(k, klen, "_TRANSPORT")) {
		decode(v, buf, sizeof buf);
		e->kernel = strcmp(buf, "kernel") == 0;
	}
}

/* Parse one JSON line (see journal.h). */
bool
journal_parse(const char *line, size_t len, struct journal_entry *e,
              struct klog_record *rec)
{
	struct scan sc = {line, line + len};
	struct value v;
	const char *k;
	size_t klen;
	bool has_msg = false;

	memset(e, 0, sizeof *e);
	e->realtime_us = e->monotonic_us = KLOG_NA;
	memset(rec, 0, offsetof(struct klog_record, text));
	rec->text[0] = '\0';
	rec->facility = rec->level = -1;
	rec->caller = KLOG_NA;
	blanks(&sc);
	if (sc.p >= sc.end || *sc.p++ != '{')
		return false;
	for (;;) {
		blanks(&sc);
		if (sc.p < sc.end && *sc.p == '}')
			break;
		if (sc.p >= sc.end || *sc.p != '"' ||
		    !string_span(&sc, &k, &klen))
			return false;
		blanks(&sc);
		if (sc.p >= sc.end || *sc.p++ != ':')
			return false;
		blanks(&sc);
		if (!value_span(&sc, &v))
			return false;
		member(k, klen, &v, e, rec, &has_msg);
		blanks(&sc);
		if (sc.p < sc.end && *sc.p == ',')
			sc.p++;
	}
	if (!has_msg)
		return false;
	rec->format = KLOG_FMT_JOURNAL;
	rec->from_user = !e->kernel;
	if (e->realtime_us != KLOG_NA) {
		rec->time.kind = rec->clock.kind = KLOG_TIME_UNIX;
		rec->time.usec = rec->clock.usec = e->realtime_us;
	}
	return true;
}

struct journal_boots {
	struct journal_boot boots[JOURNAL_BOOTS_MAX];
	size_t n;
	struct journal_boot *cur; /* the boot the engine is reading */
	struct kevents *ev;
	uint64_t skipped;
	struct journal_entry e;
	struct klog_record rec;
};

/* A new summarizer. */
struct journal_boots *
journal_boots_new(void)
{
	return calloc(1, sizeof(struct journal_boots));
}

/* Finish the engine of the boot being read. */
static void
close_boot(struct journal_boots *jb)
{
	if (jb->ev != NULL && jb->cur != NULL)
		kevsum_finish(&jb->cur->sum, jb->ev);
	kevents_free(jb->ev);
	jb->ev = NULL;
	jb->cur = NULL;
}

/* Free the summarizer. */
void
journal_boots_free(struct journal_boots *jb)
{
	if (jb == NULL)
		return;
	close_boot(jb);
	free(jb);
}

/* The boot with this id: found, or a new one (the oldest dropped). */
static struct journal_boot *
boot_of(struct journal_boots *jb, const char *id)
{
	struct journal_boot *b;

	for (size_t i = jb->n; i-- > 0;)
		if (strcmp(jb->boots[i].boot_id, id) == 0)
			return &jb->boots[i];
	if (jb->n == JOURNAL_BOOTS_MAX) {
		memmove(jb->boots, jb->boots + 1,
		        (JOURNAL_BOOTS_MAX - 1) * sizeof jb->boots[0]);
		jb->n--;
	}
	b = &jb->boots[jb->n++];
	memset(b, 0, sizeof *b);
	memcpy(b->boot_id, id, sizeof b->boot_id);
	b->boot_unix_us = b->first_unix_us = b->last_unix_us = KLOG_NA;
	return b;
}

/* Feed one line. */
void
journal_boots_feed(struct journal_boots *jb, const char *line, size_t len)
{
	struct journal_entry *e = &jb->e;
	struct journal_boot *b;

	if (!journal_parse(line, len, e, &jb->rec) || e->boot_id[0] == '\0') {
		jb->skipped++;
		return;
	}
	if (jb->cur == NULL || strcmp(jb->cur->boot_id, e->boot_id) != 0) {
		close_boot(jb);
		jb->cur = boot_of(jb, e->boot_id);
		jb->ev = kevents_new(JOURNAL_ENGINE_EVENTS);
	}
	b = jb->cur;
	if (e->realtime_us != KLOG_NA) {
		if (b->first_unix_us == KLOG_NA)
			b->first_unix_us = e->realtime_us;
		b->last_unix_us = e->realtime_us;
		if (b->boot_unix_us == KLOG_NA && e->monotonic_us != KLOG_NA)
			b->boot_unix_us = e->realtime_us - e->monotonic_us;
	}
	if (jb->ev != NULL)
		kevsum_feed_record(&b->sum, jb->ev, &jb->rec);
}

/* End of input. */
void
journal_boots_finish(struct journal_boots *jb)
{
	close_boot(jb);
}

/* Boots summarized. */
size_t
journal_boots_count(const struct journal_boots *jb)
{
	return jb->n;
}

/* The i-th boot, oldest first, or NULL. */
const struct journal_boot *
journal_boots_get(const struct journal_boots *jb, size_t i)
{
	return i < jb->n ? &jb->boots[i] : NULL;
}

/* Lines that were not entries. */
uint64_t
journal_boots_skipped(const struct journal_boots *jb)
{
	return jb->skipped;
}
