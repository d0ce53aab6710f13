/* zoneinfo: the sum of the zones' low watermarks (see the header). */
#include <string.h>

#include "model/textscan.h"
#include "model/zoneinfo.h"

/* True when [p, end) starts with word followed by a blank. */
static int
starts_word(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) > n && memcmp(p, word, n) == 0 &&
	       (p[n] == ' ' || p[n] == '\t');
}

/* Sum the low watermarks (see the header). */
int
zoneinfo_low_pages(const char *buf, size_t len, uint64_t *pages)
{
	const char *p = buf, *end = buf + len, *eol;
	uint64_t sum = 0, v;
	unsigned zones = 0, lows = 0;

	if (len == 0 || buf[len - 1] != '\n')
		return -1;
	for (; p < end; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (starts_word(p, eol, "Node")) {
			zones++;
			continue;
		}
		textscan_blanks(&p, eol);
		if (!starts_word(p, eol, "low"))
			continue;
		p += 3;
		textscan_blanks(&p, eol);
		if (textscan_u64(&p, eol, &v) != 0 || sum + v < sum)
			return -1;
		textscan_blanks(&p, eol);
		if (p != eol)
			return -1;
		sum += v;
		lows++;
	}
	if (zones == 0 || lows != zones)
		return -1;
	*pages = sum;
	return 0;
}
