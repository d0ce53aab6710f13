/* json.c: small JSON output helpers (see json.h). */
#include "core/json.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "core/numround.h"
#include "core/sanitize.h"

/* Write s as a sanitized JSON string; only '"' and '\\' need escaping after. */
void
json_string(FILE *f, const char *s, size_t len)
{
	char buf[4096];
	size_t i, n;

	n = sanitize_text(buf, sizeof buf, s, len, 0, NULL);
	flockfile(f); /* one lock for the string, not one per byte */
	putc_unlocked('"', f);
	for (i = 0; i < n; i++) {
		if (buf[i] == '"' || buf[i] == '\\')
			putc_unlocked('\\', f);
		putc_unlocked(buf[i], f);
	}
	putc_unlocked('"', f);
	funlockfile(f);
}

/* Write a C string as JSON, or null. */
void
json_cstr_or_null(FILE *f, const char *s)
{
	if (s == NULL)
		fputs("null", f);
	else
		json_string(f, s, strlen(s));
}

/* Write an integer, or null for the unknown sentinel. */
void
json_int_or_null(FILE *f, int64_t v, int64_t na)
{
	if (v == na)
		fputs("null", f);
	else
		fprintf(f, "%" PRId64, v);
}

/* Write a finite double with two decimals, or null ('.' in any locale). */
void
json_double_or_null(FILE *f, double v, int ok)
{
	long long hundredths;

	if (!ok || !isfinite(v)) {
		fputs("null", f);
		return;
	}
	if (fabs(v) >= 1e15) { /* no decimals this far out */
		fprintf(f, "%.0f", v);
		return;
	}
	hundredths = numround_ll(fabs(v) * 100.0);
	fprintf(f, "%s%lld.%02lld", v < 0 && hundredths > 0 ? "-" : "",
	        hundredths / 100, hundredths % 100);
}
