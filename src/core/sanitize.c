/*
 * sanitize.c: untrusted bytes -> printable UTF-8 (see sanitize.h).
 * A strict UTF-8 decoder of our own, so the result does not depend on the
 * locale's idea of printable, and the tests pin it down exactly.
 */
#include "core/sanitize.h"

#include <stdio.h>
#include <string.h>

/* Decode one UTF-8 character (strict: no overlongs, surrogates, > U+10FFFF). */
size_t
sanitize_utf8_decode(const unsigned char *s, size_t len, unsigned *code_point)
{
	unsigned c = s[0], cp, min;
	size_t n, i;

	if (c < 0x80) {
		*code_point = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, cp = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, cp = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*code_point = cp;
	return n;
}

/* True for code points that are printable and cannot hide or reorder text. */
int
sanitize_is_safe_code_point(unsigned cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 0; /* C0, DEL, C1 */
	if (cp == 0xad || cp == 0x34f || cp == 0x61c || cp == 0x180e)
		return 0; /* soft hyphen, CGJ, Arabic letter mark, MVS */
	if (cp >= 0x200b && cp <= 0x200f)
		return 0; /* zero-width space/joiners, LRM, RLM */
	if (cp >= 0x2028 && cp <= 0x202e)
		return 0; /* line/paragraph separators, bidi embeddings */
	if (cp >= 0x2060 && cp <= 0x206f)
		return 0; /* word joiner, invisible operators, bidi isolates */
	if (cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb))
		return 0; /* BOM, interlinear annotation */
	if (cp >= 0xfdd0 && cp <= 0xfdef)
		return 0; /* noncharacters */
	if ((cp & 0xfffe) == 0xfffe)
		return 0; /* U+xFFFE, U+xFFFF */
	if (cp >= 0xe000 && cp <= 0xf8ff)
		return 0; /* private use */
	if (cp >= 0xf0000)
		return 0; /* supplementary private use planes */
	if (cp >= 0xe0000 && cp <= 0xe007f)
		return 0; /* tag characters */
	return 1;
}

/* Sanitize len bytes of src into dst (see sanitize.h). */
size_t
sanitize_text(char *dst, size_t dst_size, const char *src, size_t len,
              unsigned flags, size_t *n_escaped)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t in = 0, out = 0, escaped = 0, n, k;
	unsigned cp;

	if (dst_size == 0) {
		if (n_escaped)
			*n_escaped = 0;
		return 0;
	}
	while (in < len) {
		if (s[in] == 0 && (flags & SANITIZE_NUL_SPACE)) {
			if (out + 1 >= dst_size)
				break;
			dst[out++] = ' ';
			in++;
			continue;
		}
		n = sanitize_utf8_decode(s + in, len - in, &cp);
		if (n > 0 && sanitize_is_safe_code_point(cp) &&
		    !(n > 1 && (flags & SANITIZE_ASCII))) {
			if (out + n >= dst_size)
				break;
			memcpy(dst + out, s + in, n);
			out += n;
			in += n;
			continue;
		}
		/* Escape the whole bad character, or one byte if invalid. */
		if (n == 0)
			n = 1;
		if (out + 4 * n >= dst_size)
			break;
		for (k = 0; k < n; k++) {
			snprintf(dst + out, 5, "\\x%02x", s[in + k]);
			out += 4;
		}
		in += n;
		escaped += n;
	}
	dst[out] = '\0';
	if (n_escaped)
		*n_escaped = escaped;
	return out;
}
