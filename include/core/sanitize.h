/*
 * sanitize: the one gate between untrusted bytes (process names, command
 * lines, kernel text, user names, cgroup paths, file names) and any output
 * a terminal may see (the dashboard, the batch report, JSON).
 *
 * The output is always valid, printable UTF-8 (or printable ASCII with
 * SANITIZE_ASCII): every byte of a C0 or C1 control, DEL, an invalid,
 * overlong, surrogate or truncated UTF-8 sequence, a bidi control, a
 * zero-width or invisible character, a noncharacter or a private-use code
 * point is written as the four visible characters "\xNN". A backslash
 * itself stays a backslash (it cannot start an escape sequence). Display
 * width is the view's business (wcwidth), not this module's.
 */
#ifndef OOMWATCH_CORE_SANITIZE_H
#define OOMWATCH_CORE_SANITIZE_H

#include <stddef.h>

/* Escape every byte >= 0x80 too (a terminal in the C locale). */
#define SANITIZE_ASCII 0x1u
/* Write a NUL byte as a space (argv separators in /proc/PID/cmdline). */
#define SANITIZE_NUL_SPACE 0x2u

/*
 * Copy len bytes of src into dst (dst_size bytes, always NUL-terminated when
 * dst_size > 0), sanitized as above, truncating on a character boundary.
 * Returns the bytes written, not counting the NUL. When n_escaped is not
 * NULL it receives how many input bytes were escaped.
 */
size_t sanitize_text(char *dst, size_t dst_size, const char *src, size_t len,
                     unsigned flags, size_t *n_escaped);

/* Decode one UTF-8 character at s (len > 0): returns its length (1-4) and
 * stores the code point, or returns 0 when the bytes there are not a valid,
 * shortest-form, non-surrogate sequence. */
size_t sanitize_utf8_decode(const unsigned char *s, size_t len,
                            unsigned *code_point);

/* True when code point cp may reach a terminal as itself. */
int sanitize_is_safe_code_point(unsigned cp);

#endif
