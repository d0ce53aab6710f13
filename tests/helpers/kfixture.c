/* kfixture.c: load kernel-log fixtures without their header comments. */
#include "kfixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True for the corpus's own metadata lines. */
static int
is_meta(const char *line, size_t len)
{
	return (len >= 7 && memcmp(line, "# src: ", 7) == 0) ||
	       (len >= 8 && memcmp(line, "# note: ", 8) == 0);
}

/* Read a fixture and drop its metadata lines. */
char *
kfixture_load(const char *name, size_t *len)
{
	char path[512], *raw, *out;
	const char *top = getenv("TOP"), *p, *end, *nl;
	size_t n = 0, got, cap = 1 << 16;
	FILE *f;

	snprintf(path, sizeof path, "%s/tests/fixtures/kmsg/%s",
	         top ? top : ".", name);
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	raw = malloc(cap);
	while (raw != NULL && (got = fread(raw + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *bigger = realloc(raw, cap *= 2);
			if (bigger == NULL)
				free(raw);
			raw = bigger;
		}
	}
	fclose(f);
	out = raw ? malloc(n + 1) : NULL;
	if (out == NULL) {
		free(raw);
		return NULL;
	}
	*len = 0;
	for (p = raw, end = raw + n; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (!is_meta(p, (size_t)(nl - p))) {
			memcpy(out + *len, p, (size_t)(nl - p));
			*len += (size_t)(nl - p);
			out[(*len)++] = '\n';
		}
	}
	out[*len] = '\0';
	free(raw);
	return out;
}

/* Feed each line, then finish. */
size_t
kfixture_feed(struct kevents *ev, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	size_t n = 0;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		n += kevents_feed_line(ev, p, (size_t)(nl - p));
	}
	return n + kevents_finish(ev);
}

/* A new engine (64 events, display ring or NULL) fed fixture name; NULL
 * when the fixture cannot be read or memory runs out. */
struct kevents *
kfixture_run(const char *name, struct klogring *ring)
{
	struct kevents *ev;
	size_t len;
	char *buf = kfixture_load(name, &len);

	if (buf == NULL)
		return NULL;
	ev = kevents_new(64);
	if (ev != NULL) {
		kevents_set_ring(ev, ring);
		kfixture_feed(ev, buf, len);
	}
	free(buf);
	return ev;
}

/* Feed built lines (a NULL-terminated list of C strings) to ev. */
void
kfixture_feed_lines(struct kevents *ev, const char *const *lines)
{
	for (; *lines; lines++)
		kevents_feed_line(ev, *lines, strlen(*lines));
}
