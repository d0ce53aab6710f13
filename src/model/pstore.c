/* pstore.c: crash dumps from pstore files, as records (see pstore.h). */
#include "model/pstore.h"

#include <stdlib.h>
#include <string.h>

/* Events an engine keeps per record: the summary counts them as they
 * come, so only a ring large enough to look at each new one is needed. */
#define PSTORE_ENGINE_EVENTS 16

/* What a file's name says. */
struct entry {
	size_t file; /* index in the caller's array */
	enum pstore_type type;
	char backend[24];
	bool compressed, efi, used;
	uint64_t id; /* TYPE-BACKEND-ID's number, when it has one */
	bool has_id;
	unsigned part;   /* EFI: the part (1 = newest lines) */
	unsigned count;  /* EFI: the dump's count */
	int64_t seconds; /* EFI: the dump's time */
};

static const char *const reason_names[] = {
    [PSTORE_REASON_UNKNOWN] = "unknown",   [PSTORE_REASON_PANIC] = "panic",
    [PSTORE_REASON_OOPS] = "oops",         [PSTORE_REASON_EMERG] = "emergency",
    [PSTORE_REASON_RESTART] = "restart",   [PSTORE_REASON_HALT] = "halt",
    [PSTORE_REASON_POWEROFF] = "poweroff",
};

static const char *const type_names[] = {
    [PSTORE_DMESG] = "dmesg", [PSTORE_CONSOLE] = "console",
    [PSTORE_PMSG] = "pmsg",   [PSTORE_FTRACE] = "ftrace",
    [PSTORE_OTHER] = "other",
};

/* The reason's name. */
const char *
pstore_reason_name(enum pstore_reason r)
{
	return (unsigned)r <= PSTORE_REASON_POWEROFF ? reason_names[r]
	                                             : "unknown";
}

/* The type's name. */
const char *
pstore_type_name(enum pstore_type t)
{
	return (unsigned)t <= PSTORE_OTHER ? type_names[t] : "other";
}

/* The type a name's first word gives. */
static enum pstore_type
type_of(const char *s, size_t len)
{
	for (unsigned t = 0; t < PSTORE_OTHER; t++)
		if (strlen(type_names[t]) == len &&
		    memcmp(s, type_names[t], len) == 0)
			return (enum pstore_type)t;
	return PSTORE_OTHER;
}

/* A whole decimal number of up to 19 digits: true and *v. */
static bool
parse_u64(const char *s, size_t len, uint64_t *v)
{
	uint64_t x = 0;

	if (len == 0 || len > 19)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	*v = x;
	return true;
}

/* Fill e from a file name: TYPE-BACKEND-ID[.enc.z], or systemd's
 * joined "dmesg.txt". */
static void
classify(struct entry *e, const char *name)
{
	size_t len = strlen(name), blen;
	const char *dash, *last;

	memset(e, 0, sizeof *e);
	if (len >= 6 && strcmp(name + len - 6, ".enc.z") == 0) {
		e->compressed = true;
		len -= 6;
	}
	if (strcmp(name, "dmesg.txt") == 0) {
		e->type = PSTORE_DMESG;
		strcpy(e->backend, "systemd");
		return;
	}
	dash = memchr(name, '-', len);
	e->type = type_of(name, dash ? (size_t)(dash - name) : len);
	if (dash == NULL)
		return;
	for (last = name + len; last[-1] != '-'; last--)
		;
	last--; /* the last dash (maybe the first) */
	blen = last > dash ? (size_t)(last - dash - 1) : 0;
	if (blen >= sizeof e->backend)
		blen = sizeof e->backend - 1;
	memcpy(e->backend, dash + 1, blen);
	e->has_id =
	    last > dash &&
	    parse_u64(last + 1, len - (size_t)(last + 1 - name), &e->id);
	e->efi = e->has_id && strncmp(e->backend, "efi", 3) == 0 &&
	         e->type == PSTORE_DMESG && !e->compressed;
	if (e->efi) {
		e->count = (unsigned)(e->id % 1000);
		e->part = (unsigned)(e->id / 1000 % 100);
		e->seconds = (int64_t)(e->id / 100000);
	}
}

/* Two folder names (either NULL) are the same place. */
static bool
same_folder(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* True when the file e is a part systemd already joined into a dmesg.txt
 * in the same folder (that one is read instead). */
static bool
joined_elsewhere(const struct pstore_file *files, size_t n,
                 const struct entry *e)
{
	const struct pstore_file *f = &files[e->file];

	if (f->folder == NULL || e->type != PSTORE_DMESG ||
	    strcmp(f->name, "dmesg.txt") == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (files[i].systemd == f->systemd &&
		    same_folder(files[i].folder, f->folder) &&
		    strcmp(files[i].name, "dmesg.txt") == 0)
			return true;
	return false;
}

/* "====SECONDS.USEC-C" (fs/pstore/ram.c): true and the seconds. */
static bool
ramoops_header(const char *s, size_t len, int64_t *secs)
{
	uint64_t v;
	size_t i = 4;

	if (len < 5 || memcmp(s, "====", 4) != 0)
		return false;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (!parse_u64(s + 4, i - 4, &v))
		return true; /* a header without a usable time */
	*secs = (int64_t)v;
	return true;
}

/* "Panic#1 Part1" (fs/pstore/platform.c pstore_dump): true and the
 * reason. */
static bool
dump_header(const char *s, size_t len, enum pstore_reason *r)
{
	static const char *const words[] = {
	    "Unknown", "Panic", "Oops",     "Emergency",
	    "Restart", "Halt",  "Poweroff",
	};
	const char *hash = memchr(s, '#', len < 16 ? len : 16);
	size_t wlen;

	if (hash == NULL ||
	    memmem(hash, len - (size_t)(hash - s), " Part", 5) == NULL)
		return false;
	wlen = (size_t)(hash - s);
	for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == wlen &&
		    memcmp(s, words[i], wlen) == 0) {
			*r = (enum pstore_reason)i;
			return true;
		}
	return false;
}

/* One line of a record's text. */
static void
take_line(struct pstore_record *rec, struct kevents *ev, const char *s,
          size_t len, int64_t *header_secs)
{
	enum pstore_reason r;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (ramoops_header(s, len, header_secs))
		return;
	if (dump_header(s, len, &r)) {
		if (rec->reason == PSTORE_REASON_UNKNOWN)
			rec->reason = r;
		return;
	}
	if (ev != NULL && len > 0 &&
	    (rec->type == PSTORE_DMESG || rec->type == PSTORE_CONSOLE))
		kevsum_feed_line(&rec->sum, ev, s, len);
}

/* The lines of one file (ended by '\n' or NUL). */
static void
take_text(struct pstore_record *rec, struct kevents *ev,
          const struct pstore_file *f, int64_t *header_secs)
{
	const char *p = f->data, *end = f->data + f->len, *q;

	while (p < end) {
		for (q = p; q < end && *q != '\n' && *q != '\0'; q++)
			;
		take_line(rec, ev, p, (size_t)(q - p), header_secs);
		p = q + 1;
	}
}

/* The leading 10 digits of systemd's folder name as unix seconds. */
static int64_t
folder_secs(const char *folder)
{
	uint64_t v;

	if (folder == NULL || strlen(folder) < 10 || !parse_u64(folder, 10, &v))
		return KLOG_NA;
	return (int64_t)v;
}

/* Order: the EFI parts of one dump, highest part first. */
static int
by_part_desc(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return x->part < y->part ? 1 : x->part > y->part ? -1 : 0;
}

/* The unused entries of the same dump as es[first] (itself included),
 * highest part first, into parts; marks them used. How many. */
static size_t
gather(const struct pstore_file *files, struct entry *es, size_t n,
       size_t first, const struct entry **parts)
{
	const struct entry *a = &es[first];
	const struct pstore_file *fa = &files[a->file];
	size_t np = 0;

	for (size_t i = first; i < n && np < PSTORE_PARTS_MAX; i++) {
		struct entry *b = &es[i];
		const struct pstore_file *fb = &files[b->file];

		if (b->used ||
		    (i != first &&
		     (!a->efi || !b->efi || b->seconds != a->seconds ||
		      b->count != a->count || fb->systemd != fa->systemd ||
		      !same_folder(fb->folder, fa->folder) ||
		      strcmp(b->backend, a->backend) != 0)))
			continue;
		b->used = true;
		parts[np++] = b;
	}
	qsort(parts, np, sizeof *parts, by_part_desc);
	return np;
}

/* s (NULL: "") into dst, cut to fit, NUL-terminated. */
static void
copy_name(char *dst, size_t size, const char *s)
{
	size_t l = s ? strlen(s) : 0;

	if (l >= size)
		l = size - 1;
	if (l > 0)
		memcpy(dst, s, l);
	dst[l] = '\0';
}

/* Build one record from its parts (highest first). */
static void
build(struct pstore_record *rec, const struct pstore_file *files,
      const struct entry *const *parts, size_t np)
{
	const struct entry *a = parts[0];
	const struct pstore_file *f = &files[a->file];
	struct kevents *ev = NULL;
	int64_t header_secs = KLOG_NA;

	memset(rec, 0, sizeof *rec);
	rec->type = a->type;
	rec->parts = (unsigned)np;
	rec->systemd = f->systemd;
	rec->compressed = a->compressed;
	copy_name(rec->name, sizeof rec->name, f->name);
	copy_name(rec->folder, sizeof rec->folder, f->folder);
	memcpy(rec->backend, a->backend, sizeof rec->backend);
	for (size_t i = 1; a->efi && i < np; i++)
		if (parts[i - 1]->part != parts[i]->part + 1)
			rec->missing_parts = true;
	if (a->efi && parts[np - 1]->part > 1)
		rec->missing_parts = true;
	if (!rec->compressed)
		ev = kevents_new(PSTORE_ENGINE_EVENTS);
	for (size_t i = 0; !rec->compressed && i < np; i++)
		take_text(rec, ev, &files[parts[i]->file], &header_secs);
	if (ev != NULL) {
		kevsum_finish(&rec->sum, ev);
		kevents_free(ev);
	}
	rec->time_unix_s = header_secs != KLOG_NA ? header_secs
	                   : a->efi               ? a->seconds
	                   : folder_secs(f->folder) != KLOG_NA
	                       ? folder_secs(f->folder)
	                       : f->mtime_unix_s;
}

/* Newest first; records without a time last. */
static int
by_time_desc(const void *a, const void *b)
{
	int64_t x = ((const struct pstore_record *)a)->time_unix_s;
	int64_t y = ((const struct pstore_record *)b)->time_unix_s;

	if (x == y)
		return 0;
	if (x == KLOG_NA)
		return 1;
	if (y == KLOG_NA)
		return -1;
	return x < y ? 1 : -1;
}

/* What each file's name says, into es; files read elsewhere marked used. */
static void
classify_all(const struct pstore_file *files, size_t nfiles, struct entry *es)
{
	for (size_t i = 0; i < nfiles; i++) {
		classify(&es[i], files[i].name ? files[i].name : "");
		es[i].file = i;
		es[i].used = files[i].name == NULL ||
		             joined_elsewhere(files, nfiles, &es[i]);
	}
}

/* True when the parts (highest first) make the record want. */
static bool
same_record(const struct pstore_file *files, const struct entry *a,
            const struct pstore_record *want)
{
	const struct pstore_file *f = &files[a->file];

	return f->systemd == want->systemd &&
	       strncmp(f->name, want->name, sizeof want->name - 1) == 0 &&
	       strncmp(f->folder ? f->folder : "", want->folder,
	               sizeof want->folder - 1) == 0;
}

/* Feed the text of one record to ev (see pstore.h). */
bool
pstore_feed(const struct pstore_file *files, size_t nfiles,
            const struct pstore_record *want, struct kevents *ev)
{
	struct entry *es = calloc(nfiles ? nfiles : 1, sizeof *es);
	const struct entry **parts = calloc(PSTORE_PARTS_MAX, sizeof *parts);
	struct pstore_record *rec = calloc(1, sizeof *rec);
	int64_t secs = KLOG_NA;
	bool found = false;
	size_t np;

	if (es != NULL && parts != NULL && rec != NULL)
		classify_all(files, nfiles, es);
	for (size_t i = 0; rec != NULL && es && parts && i < nfiles && !found;
	     i++) {
		if (es[i].used)
			continue;
		np = gather(files, es, nfiles, i, parts);
		if (!same_record(files, parts[0], want) || parts[0]->compressed)
			continue;
		found = true;
		rec->type = parts[0]->type;
		for (size_t k = 0; k < np; k++)
			take_text(rec, ev, &files[parts[k]->file], &secs);
	}
	free(es);
	free(parts);
	free(rec);
	return found;
}

/* Read the files into records (see pstore.h). */
size_t
pstore_parse(const struct pstore_file *files, size_t nfiles,
             struct pstore_record *out, size_t max, size_t *more)
{
	struct entry *es = calloc(nfiles ? nfiles : 1, sizeof *es);
	struct pstore_record *all = calloc(nfiles ? nfiles : 1, sizeof *all);
	const struct entry **parts = calloc(PSTORE_PARTS_MAX, sizeof *parts);
	size_t n = 0, np;

	if (more != NULL)
		*more = 0;
	if (es == NULL || all == NULL || parts == NULL) {
		free(es);
		free(all);
		free(parts);
		return 0;
	}
	classify_all(files, nfiles, es);
	for (size_t i = 0; i < nfiles; i++) {
		if (es[i].used)
			continue;
		np = gather(files, es, nfiles, i, parts);
		build(&all[n++], files, parts, np);
	}
	qsort(all, n, sizeof *all, by_time_desc);
	if (more != NULL && n > max)
		*more = n - max;
	n = n < max ? n : max;
	memcpy(out, all, n * sizeof *out);
	free(es);
	free(all);
	free(parts);
	return n;
}
