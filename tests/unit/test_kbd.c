/* Unit tests for the app's key codes (core/kbd.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/kbd.h"

/* kbd_name into a static buffer. */
static const char *
name(int32_t key)
{
	static char buf[32];

	return kbd_name(key, buf, sizeof buf);
}

static void
test_codes_never_clash_with_characters(void **state)
{
	(void)state;
	assert_true(KBD_UP > 0x10ffff);
	assert_true(KBD_F(1) > KBD_UNKNOWN);
	assert_true(KBD_CTRL('a') > KBD_F(63));
	assert_int_equal(KBD_CTRL('l'), KBD_CTRL('L'));
	assert_true(KBD_F(1) != KBD_F(2));
	assert_true(kbd_is_char('q'));
	assert_true(kbd_is_char(0x10ffff));
	assert_false(kbd_is_char(0));
	assert_false(kbd_is_char(KBD_ESC));
	assert_false(kbd_is_char(KBD_F(10)));
	assert_false(kbd_is_char(KBD_CTRL('l')));
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(name(KBD_F(1)), "F1");
	assert_string_equal(name(KBD_F(10)), "F10");
	assert_string_equal(name(KBD_F(12)), "F12");
	assert_string_equal(name(' '), "Space");
	assert_string_equal(name('\t'), "Tab");
	assert_string_equal(name(KBD_CTRL('l')), "Ctrl-L");
	assert_string_equal(name(KBD_CTRL('a')), "Ctrl-A");
	assert_string_equal(name(KBD_PGUP), "PgUp");
	assert_string_equal(name(KBD_PGDN), "PgDn");
	assert_string_equal(name(KBD_UP), "Up");
	assert_string_equal(name(KBD_LEFT), "Left");
	assert_string_equal(name(KBD_RIGHT), "Right");
	assert_string_equal(name(KBD_ESC), "Esc");
	assert_string_equal(name(KBD_ENTER), "Enter");
	assert_string_equal(name('?'), "?");
	assert_string_equal(name('\\'), "\\");
	assert_string_equal(name(0xe9), "\xc3\xa9");
	/* no key: a visible code, never an empty label */
	assert_string_equal(name(0), "?0");
	assert_string_equal(name(KBD_BASE), "?1114112");
}

static void
test_name_is_cut_to_the_buffer(void **state)
{
	char small[4];

	(void)state;
	memset(small, 'x', sizeof small);
	assert_ptr_equal(kbd_name(KBD_CTRL('l'), small, sizeof small), small);
	assert_string_equal(small, "Ctr");
}

static void
test_utf8(void **state)
{
	char u[4];

	(void)state;
	assert_int_equal(kbd_utf8('a', u), 1);
	assert_int_equal(u[0], 'a');
	assert_int_equal(kbd_utf8(0xe9, u), 2);
	assert_memory_equal(u, "\xc3\xa9", 2);
	assert_int_equal(kbd_utf8(0x20ac, u), 3);
	assert_memory_equal(u, "\xe2\x82\xac", 3);
	assert_int_equal(kbd_utf8(0x1f600, u), 4);
	assert_memory_equal(u, "\xf0\x9f\x98\x80", 4);
	/* not typeable: control characters, DEL, C1, surrogates, too big */
	assert_int_equal(kbd_utf8(0x1b, u), 0);
	assert_int_equal(kbd_utf8(0x7f, u), 0);
	assert_int_equal(kbd_utf8(0x85, u), 0);
	assert_int_equal(kbd_utf8(0xd800, u), 0);
	assert_int_equal(kbd_utf8(KBD_UP, u), 0);
	assert_int_equal(kbd_utf8(-1, u), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_codes_never_clash_with_characters),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_name_is_cut_to_the_buffer),
	    cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
