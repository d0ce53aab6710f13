/* Unit tests for model/signame.c: the signal menu and its prompt. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/signame.h"

/* Parse a C string: the signal, or -1 when rejected. */
static int
parse(const char *s)
{
	int sig = -1;

	if (signame_parse(s, strlen(s), &sig) != 0)
		assert_int_equal(sig, -1); /* untouched */
	return sig;
}

static void
test_menu(void **state)
{
	(void)state;
	assert_int_equal(signame_menu_len, 6);
	assert_int_equal(signame_menu[0].sig, SIGTERM); /* preselected */
	assert_int_equal(signame_menu[1].sig, SIGKILL);
	assert_int_equal(signame_menu[2].sig, SIGINT);
	assert_int_equal(signame_menu[3].sig, SIGHUP);
	assert_int_equal(signame_menu[4].sig, SIGSTOP);
	assert_int_equal(signame_menu[5].sig, SIGCONT);
	assert_non_null(strstr(signame_menu[4].label, "frees no memory"));
}

static void
test_names_and_numbers(void **state)
{
	(void)state;
	assert_int_equal(parse("TERM"), SIGTERM);
	assert_int_equal(parse("SIGKILL"), SIGKILL);
	assert_int_equal(parse("sigusr1"), SIGUSR1);
	assert_int_equal(parse(" hup "), SIGHUP);
	assert_int_equal(parse("9"), 9);
	assert_int_equal(parse("15"), 15);
	assert_int_equal(parse("64"), SIGRTMAX);
	assert_int_equal(parse("RTMIN"), SIGRTMIN);
	assert_int_equal(parse("SIGRTMIN+3"), SIGRTMIN + 3);
	assert_int_equal(parse("RTMAX-1"), SIGRTMAX - 1);
}

static void
test_rejects(void **state)
{
	static const char *const bad[] = {
	    "",       "0",          "65",     "-9",      "SIG",
	    "TERMX",  "SIGSIGTERM", "9x",     "RTMIN-1", "RTMAX+1",
	    "RTMIN+", "RTMIN+999",  "KILL 9", "1000",    "SIGRTMIN3"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(parse(bad[i]), -1);
}

static void
test_names_back(void **state)
{
	char buf[32];
	int sig;
	(void)state;
	assert_string_equal(signame_name(SIGTERM, buf, sizeof buf), "SIGTERM");
	assert_string_equal(signame_name(SIGRTMIN + 2, buf, sizeof buf),
	                    "SIGRTMIN+2");
	assert_string_equal(signame_name(0, buf, sizeof buf), "signal 0");
	/* every name printed parses back to its number */
	for (sig = 1; sig <= SIGRTMAX; sig++) {
		int back = -1;
		if (sig == 32 || sig == 33)
			continue; /* reserved by glibc: printed as numbers */
		signame_name(sig, buf, sizeof buf);
		assert_int_equal(signame_parse(buf, strlen(buf), &back), 0);
		assert_int_equal(back, sig);
	}
}

static void
test_memory_notes(void **state)
{
	(void)state;
	assert_true(signame_frees_memory(SIGKILL));
	assert_true(signame_frees_memory(SIGTERM));
	assert_true(signame_frees_memory(SIGSEGV));
	assert_false(signame_frees_memory(SIGSTOP));
	assert_false(signame_frees_memory(SIGCONT));
	assert_false(signame_frees_memory(SIGWINCH));
	assert_null(signame_note(SIGTERM));
	assert_string_equal(signame_note(SIGSTOP),
	                    "frees no memory: only stops the process");
	assert_non_null(strstr(signame_note(SIGCONT), "frees no memory"));
	assert_true(signame_frees_memory(SIGRTMIN + 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_menu),
	    cmocka_unit_test(test_names_and_numbers),
	    cmocka_unit_test(test_rejects),
	    cmocka_unit_test(test_names_back),
	    cmocka_unit_test(test_memory_notes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
