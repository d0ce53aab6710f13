/* Unit tests for model/actdialog.c: the action dialogs' state machine. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/actdialog.h"
#include "model/signame.h"

/* Type a string into the dialog; the last result. */
static enum actdialog_next
type(struct actdialog *d, const char *s)
{
	enum actdialog_next n = ACTDIALOG_STAY;

	for (; *s; s++)
		n = actdialog_key(d, ACTDIALOG_KEY_CHAR, (unsigned char)*s);
	return n;
}

/* Press a key that carries no character. */
static enum actdialog_next
press(struct actdialog *d, enum actdialog_key k)
{
	return actdialog_key(d, k, 0);
}

static void
test_adj_value_typing_and_enter(void **state)
{
	struct actdialog d;
	(void)state;
	actdialog_open(&d, ACTDIALOG_ADJ_VALUE);
	assert_true(actdialog_is_open(&d));
	assert_false(d.parsed);
	/* Enter on nothing: refused with a reason, still open */
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_STAY);
	assert_non_null(d.error);
	assert_true(actdialog_is_open(&d));
	assert_int_equal(type(&d, "-50"), ACTDIALOG_STAY);
	assert_null(d.error); /* typing clears it */
	assert_true(d.parsed);
	assert_int_equal(d.value, -50);
	assert_string_equal(d.text, "-50");
	/* a letter is typed, and the value is refused with a reason (never
	 * silently dropped: "0x10" must not become 10) */
	type(&d, "x");
	assert_string_equal(d.text, "-50x");
	assert_false(d.parsed);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_STAY);
	assert_non_null(d.error);
	assert_non_null(strstr(d.error, "not a decimal number"));
	press(&d, ACTDIALOG_KEY_BACKSPACE);
	assert_true(d.parsed);
	type(&d, "0");
	assert_int_equal(d.value, -500);
	press(&d, ACTDIALOG_KEY_BACKSPACE);
	assert_int_equal(d.value, -50);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_DECIDE);
	assert_int_equal(actdialog_decided(&d, POLICY_CONFIRM, 0),
	                 ACTDIALOG_STAY);
	assert_int_equal(d.stage, ACTDIALOG_CONFIRM);
	/* Enter never confirms, nor does a stray key */
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_STAY);
	assert_int_equal(type(&d, "x"), ACTDIALOG_STAY);
	assert_int_equal(type(&d, "y"), ACTDIALOG_RUN);
	assert_false(actdialog_is_open(&d));
	assert_int_equal(d.value, -50); /* kept for the caller */
}

static void
test_adj_value_out_of_range_writes_nothing(void **state)
{
	struct actdialog d;
	(void)state;
	actdialog_open(&d, ACTDIALOG_ADJ_VALUE);
	type(&d, "5000");
	assert_false(d.parsed);
	assert_non_null(d.why);
	assert_non_null(strstr(d.why, "out of range"));
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_STAY);
	assert_string_equal(d.error, d.why);
	assert_int_equal(d.stage, ACTDIALOG_EDIT);
	/* the text is bounded */
	actdialog_open(&d, ACTDIALOG_ADJ_VALUE);
	type(&d, "1111111111111111111111111111");
	assert_int_equal(d.len, ACTDIALOG_TEXT_MAX - 1);
	assert_false(d.parsed);
	/* Esc cancels */
	assert_int_equal(press(&d, ACTDIALOG_KEY_ESC), ACTDIALOG_CANCEL);
	assert_false(actdialog_is_open(&d));
	/* keys after it is closed change nothing */
	assert_int_equal(type(&d, "y"), ACTDIALOG_CANCEL);
}

static void
test_confirm_twice_and_cancel_keys(void **state)
{
	struct actdialog d;
	(void)state;
	actdialog_open_fixed(&d, false, 1000);
	assert_true(actdialog_is_open(&d));
	assert_int_equal(
	    actdialog_decided(&d, POLICY_CONFIRM_TWICE, POLICY_R_OWN_CHAIN),
	    ACTDIALOG_STAY);
	assert_int_equal(d.reasons, POLICY_R_OWN_CHAIN);
	assert_int_equal(type(&d, "y"), ACTDIALOG_STAY);
	assert_int_equal(d.stage, ACTDIALOG_CONFIRM_AGAIN);
	assert_int_equal(type(&d, "Y"), ACTDIALOG_RUN);
	/* each cancel key, at each stage */
	static const int32_t cancel[] = {'n', 'N', 'q'};
	for (size_t i = 0; i < 3; i++) {
		actdialog_open_fixed(&d, false, -1000);
		actdialog_decided(&d, POLICY_CONFIRM_TWICE, 0);
		type(&d, "y");
		assert_int_equal(
		    actdialog_key(&d, ACTDIALOG_KEY_CHAR, cancel[i]),
		    ACTDIALOG_CANCEL);
		assert_false(actdialog_is_open(&d));
	}
	actdialog_open_fixed(&d, true, 100);
	actdialog_decided(&d, POLICY_CONFIRM, 0);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ESC), ACTDIALOG_CANCEL);
	/* a fixed dialog takes no typing and Enter does not decide */
	actdialog_open_fixed(&d, true, -100);
	assert_int_equal(type(&d, "5"), ACTDIALOG_STAY);
	assert_int_equal(d.len, 0);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_STAY);
	assert_true(d.step);
	assert_int_equal(d.value, -100);
	/* ALLOW runs at once, REFUSE cancels */
	assert_int_equal(actdialog_decided(&d, POLICY_ALLOW, 0), ACTDIALOG_RUN);
	actdialog_open_fixed(&d, false, 0);
	assert_int_equal(actdialog_decided(&d, POLICY_REFUSE, POLICY_R_INIT),
	                 ACTDIALOG_CANCEL);
	assert_false(actdialog_is_open(&d));
	/* a verdict for a closed dialog is ignored */
	assert_int_equal(actdialog_decided(&d, POLICY_ALLOW, 0),
	                 ACTDIALOG_CANCEL);
}

static void
test_signal_menu(void **state)
{
	struct actdialog d;
	(void)state;
	actdialog_open(&d, ACTDIALOG_SIGNAL);
	assert_int_equal(d.cursor, 0);
	assert_int_equal(d.sig, SIGTERM); /* preselected */
	press(&d, ACTDIALOG_KEY_DOWN);
	assert_int_equal(d.sig, SIGKILL);
	press(&d, ACTDIALOG_KEY_UP);
	press(&d, ACTDIALOG_KEY_UP); /* stays at the top */
	assert_int_equal(d.cursor, 0);
	assert_int_equal(d.sig, SIGTERM);
	press(&d, ACTDIALOG_KEY_END);
	assert_int_equal(d.cursor, signame_menu_len);
	assert_false(d.parsed); /* "other" with nothing typed */
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_STAY);
	assert_non_null(d.error);
	press(&d, ACTDIALOG_KEY_HOME);
	for (size_t i = 0; i < 20; i++)
		press(&d, ACTDIALOG_KEY_DOWN);
	assert_int_equal(d.cursor, signame_menu_len);
	/* typing goes to the "other" line wherever the cursor was */
	press(&d, ACTDIALOG_KEY_HOME);
	type(&d, "usr1");
	assert_int_equal(d.cursor, signame_menu_len);
	assert_true(d.parsed);
	assert_int_equal(d.sig, SIGUSR1);
	press(&d, ACTDIALOG_KEY_BACKSPACE);
	assert_false(d.parsed);
	type(&d, "2");
	assert_int_equal(d.sig, SIGUSR2);
	/* moving back up picks the menu entry again */
	press(&d, ACTDIALOG_KEY_UP);
	assert_int_equal(d.sig, signame_menu[signame_menu_len - 1].sig);
	press(&d, ACTDIALOG_KEY_DOWN);
	assert_int_equal(d.sig, SIGUSR2);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_DECIDE);
	actdialog_decided(&d, POLICY_CONFIRM, 0);
	assert_int_equal(type(&d, "y"), ACTDIALOG_RUN);
	assert_int_equal(d.sig, SIGUSR2);
	/* a number: 9 */
	actdialog_open(&d, ACTDIALOG_SIGNAL);
	type(&d, "9");
	assert_int_equal(d.sig, SIGKILL);
	/* Esc cancels, and a function key is ignored */
	assert_int_equal(press(&d, ACTDIALOG_KEY_OTHER), ACTDIALOG_STAY);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ESC), ACTDIALOG_CANCEL);
	/* the menu choice, Enter, then the decision */
	actdialog_open(&d, ACTDIALOG_SIGNAL);
	press(&d, ACTDIALOG_KEY_DOWN);
	assert_int_equal(press(&d, ACTDIALOG_KEY_ENTER), ACTDIALOG_DECIDE);
	assert_int_equal(
	    actdialog_decided(&d, POLICY_CONFIRM_TWICE, POLICY_R_PROTECTED),
	    ACTDIALOG_STAY);
	assert_int_equal(type(&d, "y"), ACTDIALOG_STAY);
	assert_int_equal(type(&d, "y"), ACTDIALOG_RUN);
	assert_int_equal(d.sig, SIGKILL);
	actdialog_close(&d);
	assert_false(actdialog_is_open(&d));
	assert_int_equal(d.kind, ACTDIALOG_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_adj_value_typing_and_enter),
	    cmocka_unit_test(test_adj_value_out_of_range_writes_nothing),
	    cmocka_unit_test(test_confirm_twice_and_cancel_keys),
	    cmocka_unit_test(test_signal_menu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
