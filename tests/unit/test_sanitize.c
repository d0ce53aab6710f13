/* Unit tests for the one sanitizer (core/sanitize.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/sanitize.h"

/* Sanitize a string of known length into a static-size buffer. */
static const char *
san(const char *s, size_t len, unsigned flags)
{
	static char buf[512];
	sanitize_text(buf, sizeof buf, s, len, flags, NULL);
	return buf;
}
#define SAN(lit) san(lit, sizeof(lit) - 1, 0)

static void
test_plain_ascii_unchanged(void **state)
{
	(void)state;
	assert_string_equal(SAN("bash -c 'x=1; echo $x'"),
	                    "bash -c 'x=1; echo $x'");
	assert_string_equal(SAN("back\\slash"), "back\\slash");
}

static void
test_c0_del_escaped(void **state)
{
	size_t esc = 0;
	char out[64];
	(void)state;
	assert_string_equal(SAN("\x1b[31mRED"), "\\x1b[31mRED");
	assert_string_equal(SAN("a\nb\tc\x7f"), "a\\x0ab\\x09c\\x7f");
	sanitize_text(out, sizeof out, "\x1b]52;c;AAAA\x07", 12, 0, &esc);
	assert_string_equal(out, "\\x1b]52;c;AAAA\\x07");
	assert_int_equal(esc, 2);
}

static void
test_c1_escaped(void **state)
{
	(void)state;
	/* U+009B CSI as UTF-8, and a raw 0x9b byte */
	assert_string_equal(SAN("x\xc2\x9b"
	                        "31m"),
	                    "x\\xc2\\x9b31m");
	assert_string_equal(SAN("x\x9b"), "x\\x9b");
}

static void
test_valid_multibyte_kept(void **state)
{
	(void)state;
	assert_string_equal(SAN("caf\xc3\xa9"), "caf\xc3\xa9");
	assert_string_equal(SAN("\xc6\x88"), "\xc6\x88"); /* U+0188 */
	assert_string_equal(SAN("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");
	assert_string_equal(SAN("\xe4\xb8\xad"), "\xe4\xb8\xad"); /* wide */
}

static void
test_invalid_utf8_escaped(void **state)
{
	(void)state;
	assert_string_equal(SAN("\xff\xfe"), "\\xff\\xfe");
	assert_string_equal(SAN("\x80"), "\\x80");
	assert_string_equal(SAN("\xc0\xaf"), "\\xc0\\xaf"); /* overlong */
	assert_string_equal(SAN("\xed\xa0\x80"),
	                    "\\xed\\xa0\\x80"); /* surrogate */
	assert_string_equal(SAN("\xf4\x90\x80\x80"),
	                    "\\xf4\\x90\\x80\\x80");            /* > U+10FFFF */
	assert_string_equal(SAN("ab\xe4\xb8"), "ab\\xe4\\xb8"); /* truncated */
	/* decoding resumes right after an invalid byte */
	assert_string_equal(SAN("\xe4"
	                        "abc"),
	                    "\\xe4abc");
}

static void
test_bidi_zero_width_escaped(void **state)
{
	(void)state;
	assert_string_equal(SAN("a\xe2\x80\xae"
	                        "b"),
	                    "a\\xe2\\x80\\xaeb");                    /* RLO */
	assert_string_equal(SAN("\xe2\x81\xa6"), "\\xe2\\x81\\xa6"); /* LRI */
	assert_string_equal(SAN("\xe2\x80\x8b"), "\\xe2\\x80\\x8b"); /* ZWSP */
	assert_string_equal(SAN("\xef\xbb\xbf"), "\\xef\\xbb\\xbf"); /* BOM */
	assert_string_equal(SAN("\xef\xbf\xbf"),
	                    "\\xef\\xbf\\xbf"); /* U+FFFF */
	assert_string_equal(SAN("\xee\x80\x80"), "\\xee\\x80\\x80"); /* PUA */
}

static void
test_ascii_mode(void **state)
{
	(void)state;
	assert_string_equal(san("caf\xc3\xa9", 5, SANITIZE_ASCII),
	                    "caf\\xc3\\xa9");
}

static void
test_nul_handling(void **state)
{
	(void)state;
	assert_string_equal(san("sleep\0"
	                        "100\0",
	                        10, SANITIZE_NUL_SPACE),
	                    "sleep 100 ");
	assert_string_equal(san("a\0b", 3, 0), "a\\x00b");
}

static void
test_truncation_on_boundary(void **state)
{
	char out[6];
	size_t n;
	(void)state;
	n = sanitize_text(out, sizeof out, "abcd\xc3\xa9", 6, 0, NULL);
	assert_int_equal(n, 4); /* 'é' would not fit with the NUL */
	assert_string_equal(out, "abcd");
	n = sanitize_text(out, 5, "a\x1b", 2, 0, NULL);
	assert_string_equal(out, "a"); /* a whole escape or nothing */
	assert_int_equal(n, 1);
	n = sanitize_text(out, 0, "abc", 3, 0, NULL);
	assert_int_equal(n, 0);
	n = sanitize_text(out, 1, "abc", 3, 0, NULL);
	assert_int_equal(n, 0);
	assert_string_equal(out, "");
}

static void
test_every_byte_output_is_safe(void **state)
{
	char in[256], out[2048];
	size_t i;
	(void)state;
	for (i = 0; i < 256; i++)
		in[i] = (char)i;
	sanitize_text(out, sizeof out, in, sizeof in, 0, NULL);
	for (i = 0; out[i]; i++) {
		unsigned char c = (unsigned char)out[i];
		assert_true(c >= 0x20 && c != 0x7f && c < 0x80);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_ascii_unchanged),
	    cmocka_unit_test(test_c0_del_escaped),
	    cmocka_unit_test(test_c1_escaped),
	    cmocka_unit_test(test_valid_multibyte_kept),
	    cmocka_unit_test(test_invalid_utf8_escaped),
	    cmocka_unit_test(test_bidi_zero_width_escaped),
	    cmocka_unit_test(test_ascii_mode),
	    cmocka_unit_test(test_nul_handling),
	    cmocka_unit_test(test_truncation_on_boundary),
	    cmocka_unit_test(test_every_byte_output_is_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
