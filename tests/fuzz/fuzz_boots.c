/* fuzz_boots.c: libFuzzer harness for the boot-history parsers
 * (model/pstore.c, model/journal.c, model/wtmp.c, model/boots.c): the
 * input is cut at 0x01 bytes into pstore file names and contents (name,
 * data, name, data, ..); every line of it is also a journal JSON line,
 * and the whole of it a wtmp file; the three are then joined. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/boots.h"

#define FILES_MAX 16
#define RECORDS_MAX 8

/* The pieces between 0x01 bytes (copied, NUL-terminated) as files. */
static size_t
cut_files(const char *s, size_t n, char **pieces, struct pstore_file *f)
{
	size_t np = 0, nf = 0, start = 0;

	for (size_t i = 0; i <= n && np < 2 * FILES_MAX; i++) {
		if (i < n && s[i] != 1)
			continue;
		pieces[np] = malloc(i - start + 1);
		if (pieces[np] == NULL)
			break;
		memcpy(pieces[np], s + start, i - start);
		pieces[np][i - start] = '\0';
		np++;
		start = i + 1;
	}
	for (size_t i = 0; i + 1 < np; i += 2, nf++) {
		f[nf].folder = (pieces[i][0] & 1) ? pieces[i] : NULL;
		f[nf].name = pieces[i];
		f[nf].data = pieces[i + 1];
		f[nf].len = strlen(pieces[i + 1]);
		f[nf].mtime_unix_s = (int64_t)i;
		f[nf].systemd = (pieces[i][0] & 2) != 0;
	}
	for (size_t i = 2 * nf; i < np; i++)
		free(pieces[i]);
	return nf;
}

/* One input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl;
	char *pieces[2 * FILES_MAX];
	struct pstore_file files[FILES_MAX];
	struct pstore_record rec[RECORDS_MAX];
	struct wtmp_boot w[RECORDS_MAX];
	struct boots_row rows[RECORDS_MAX];
	struct journal_boots *jb = journal_boots_new();
	struct boots_input in = {.boot_id = NULL, .boot_unix_s = 1000};
	size_t nf = cut_files(s, size, pieces, files), left = size;

	in.npstore = pstore_parse(files, nf, rec, RECORDS_MAX, NULL);
	for (size_t i = 0; i < in.npstore; i++)
		if (rec[i].sum.panic.len > KEVENT_TEXT_MAX ||
		    rec[i].parts > PSTORE_PARTS_MAX)
			abort();
	for (size_t i = 0; i < 2 * nf; i++)
		free(pieces[i]);
	in.pstore = rec;
	in.nwtmp = wtmp_parse(data, size, w, RECORDS_MAX, NULL);
	in.wtmp = w;
	if (jb == NULL)
		return 0;
	for (; left > 0; left -= (size_t)(nl - s) + 1, s = nl + 1) {
		nl = memchr(s, '\n', left);
		if (nl == NULL)
			nl = s + left - 1;
		journal_boots_feed(jb, s, (size_t)(nl - s) + (nl[0] != '\n'));
	}
	journal_boots_finish(jb);
	in.njournal = journal_boots_count(jb);
	in.journal = in.njournal ? journal_boots_get(jb, 0) : NULL;
	if (boots_build(&in, rows, RECORDS_MAX) > RECORDS_MAX)
		abort();
	journal_boots_free(jb);
	return 0;
}
