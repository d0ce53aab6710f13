/* Unit tests for model/policy.c: refuse / confirm / confirm twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/policy.h"
#include "model/snapshot.h"

/* An ordinary process of ours. */
static struct policy_facts
plain(void)
{
	struct policy_facts f;

	memset(&f, 0, sizeof f);
	f.pid = 4242;
	f.state = 'S';
	f.adj = 0;
	f.uid = f.our_uid = 1000;
	return f;
}

static void
test_plain_signal_confirmed_steps_at_once(void **state)
{
	struct policy_facts f = plain();
	struct policy_decision d;
	(void)state;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM);
	assert_int_equal(d.reasons, 0);
	policy_decide(&f, POLICY_ADJ_STEP, 100, &d);
	assert_int_equal(d.verdict, POLICY_ALLOW);
	policy_decide(&f, POLICY_ADJ_SET, 1000, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM);
	policy_decide(&f, POLICY_ADJ_SET, -1000, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM);
	/* an exact value typed after `a`: Enter applies it */
	policy_decide(&f, POLICY_ADJ_SET, 300, &d);
	assert_int_equal(d.verdict, POLICY_ALLOW);
	policy_decide(&f, POLICY_ADJ_SET, -999, &d);
	assert_int_equal(d.verdict, POLICY_ALLOW);
}

static void
test_refusals(void **state)
{
	struct policy_facts f;
	struct policy_decision d;
	(void)state;
	f = plain();
	f.pid = 1;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.verdict, POLICY_REFUSE);
	assert_int_equal(d.refuse, POLICY_R_INIT);
	f = plain();
	f.pid = 2;
	f.is_kthread = true;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.refuse, POLICY_R_KTHREAD);
	policy_decide(&f, POLICY_ADJ_STEP, 100, &d);
	assert_int_equal(d.refuse, POLICY_R_KTHREAD);
	f = plain();
	f.is_self = true;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.refuse, POLICY_R_SELF);
	policy_decide(&f, POLICY_ADJ_SET, 500, &d);
	assert_int_equal(d.refuse, POLICY_R_SELF);
	f = plain();
	f.state = 'Z';
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.refuse, POLICY_R_ZOMBIE);
	f = plain();
	f.pid = 0;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.verdict, POLICY_REFUSE);
}

static void
test_read_only_wins(void **state)
{
	struct policy_facts f = plain();
	struct policy_decision d;
	(void)state;
	f.read_only = true;
	f.is_kthread = true;
	policy_decide(&f, POLICY_ADJ_STEP, 100, &d);
	assert_int_equal(d.verdict, POLICY_REFUSE);
	assert_int_equal(d.refuse, POLICY_R_READ_ONLY);
	assert_true(d.reasons & POLICY_R_KTHREAD);
}

static void
test_extra_confirmation(void **state)
{
	struct policy_facts f = plain();
	struct policy_decision d;
	(void)state;
	f.in_own_chain = true;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
	assert_true(d.reasons & POLICY_R_OWN_CHAIN);
	/* raising the own shell needs it, lowering does not */
	policy_decide(&f, POLICY_ADJ_STEP, 100, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
	policy_decide(&f, POLICY_ADJ_STEP, -100, &d);
	assert_int_equal(d.verdict, POLICY_ALLOW);
	f = plain();
	f.adj = -1000;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
	assert_true(d.reasons & POLICY_R_PROTECTED);
	policy_decide(&f, POLICY_ADJ_SET, 1000, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
	/* unknown adj counts as raising */
	f = plain();
	f.in_own_chain = true;
	f.adj = SNAP_NA;
	policy_decide(&f, POLICY_ADJ_SET, -500, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
}

static void
test_other_user_warns_only(void **state)
{
	struct policy_facts f = plain();
	struct policy_decision d;
	(void)state;
	f.uid = 0;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM);
	assert_true(d.reasons & POLICY_R_OTHER_USER);
	/* root acting on anyone: no warning */
	f.our_uid = 0;
	f.uid = 1000;
	policy_decide(&f, POLICY_SIGNAL, 0, &d);
	assert_false(d.reasons & POLICY_R_OTHER_USER);
}

static void
test_texts(void **state)
{
	char buf[256];
	size_t n;
	(void)state;
	assert_string_equal(policy_reason_text(POLICY_R_SELF),
	                    "this is oomwatch itself");
	assert_string_equal(policy_reason_text(3), "unknown reason");
	n = policy_explain(POLICY_R_OWN_CHAIN | POLICY_R_PROTECTED, buf,
	                   sizeof buf);
	assert_int_equal(n, strlen(buf));
	assert_string_equal(buf, "part of your own session (an ancestor of "
	                         "oomwatch); protected with oom_score_adj "
	                         "-1000");
	n = policy_explain(POLICY_R_OWN_CHAIN | POLICY_R_PROTECTED, buf, 10);
	assert_int_equal(n, 9);
	assert_int_equal(policy_explain(0, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_signal_confirmed_steps_at_once),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_read_only_wins),
	    cmocka_unit_test(test_extra_confirmation),
	    cmocka_unit_test(test_other_user_warns_only),
	    cmocka_unit_test(test_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
