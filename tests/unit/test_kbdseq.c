/* Unit tests for escape sequences split into keys (core/kbdseq.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/kbd.h"
#include "core/kbdseq.h"

#define ESC KBD_ESC
#define UNK KBD_UNKNOWN
#define OUT_MAX 64

/* What the keys fed gave, in order. */
struct got {
	int32_t key[OUT_MAX];
	size_t n;
};

/* Feed n keys to q, appending what they give to g. */
static void
feed(struct kbdseq *q, struct got *g, const int32_t *keys, size_t n)
{
	int32_t out[KBDSEQ_OUT_MAX];
	size_t k;

	for (size_t i = 0; i < n; i++) {
		k = kbdseq_feed(q, keys[i], out);
		assert_true(k <= KBDSEQ_OUT_MAX);
		assert_true(g->n + k <= OUT_MAX);
		memcpy(g->key + g->n, out, k * sizeof out[0]);
		g->n += k;
	}
}

/* The escape delay runs out on q: append what it gives to g. */
static void
timeout(struct kbdseq *q, struct got *g)
{
	int32_t out[KBDSEQ_OUT_MAX];
	size_t k = kbdseq_timeout(q, out);

	assert_true(k <= 1);
	assert_true(g->n + k <= OUT_MAX);
	memcpy(g->key + g->n, out, k * sizeof out[0]);
	g->n += k;
	assert_false(kbdseq_holding(q));
}

/* Feed ESC then the ASCII bytes of s to a fresh machine, then let the
 * escape delay run out; what came out goes to g. */
static void
esc_str(struct got *g, const char *s)
{
	struct kbdseq q;
	int32_t keys[OUT_MAX];
	size_t n = 0;

	kbdseq_init(&q);
	keys[n++] = ESC;
	for (; *s != '\0'; s++)
		keys[n++] = (unsigned char)*s;
	memset(g, 0, sizeof *g);
	feed(&q, g, keys, n);
	timeout(&q, g);
}

/* ESC s gives exactly the one key want. */
static void
assert_esc_gives(const char *s, int32_t want)
{
	struct got g;

	esc_str(&g, s);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.key[0], want);
}

static void
test_plain_keys_pass(void **state)
{
	const int32_t keys[] = {'[', ']', '1', 'q', KBD_UP, KBD_F(5), 0xe9};
	struct kbdseq q;
	struct got g = {0};

	(void)state;
	kbdseq_init(&q);
	feed(&q, &g, keys, 7);
	assert_int_equal(g.n, 7);
	assert_memory_equal(g.key, keys, sizeof keys);
	assert_false(kbdseq_holding(&q));
	timeout(&q, &g);
	assert_int_equal(g.n, 7); /* nothing held, nothing given */
}

static void
test_lone_esc_after_the_delay(void **state)
{
	const int32_t esc = ESC, bracket = '[';
	struct kbdseq q;
	struct got g = {0};

	(void)state;
	kbdseq_init(&q);
	feed(&q, &g, &esc, 1);
	assert_int_equal(g.n, 0);
	assert_true(kbdseq_holding(&q));
	timeout(&q, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.key[0], ESC);
	/* '[' after the delay is a key of its own again */
	feed(&q, &g, &bracket, 1);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[1], '[');
}

static void
test_esc_esc(void **state)
{
	const int32_t keys[] = {ESC, ESC};
	const int32_t then_seq[] = {ESC, ESC, '[', 'A'};
	struct kbdseq q;
	struct got g = {0};

	(void)state;
	kbdseq_init(&q);
	feed(&q, &g, keys, 2);
	assert_int_equal(g.n, 1); /* the first; the second is held */
	assert_int_equal(g.key[0], ESC);
	assert_true(kbdseq_holding(&q));
	timeout(&q, &g);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[1], ESC);
	/* ESC, then a sequence of its own */
	memset(&g, 0, sizeof g);
	feed(&q, &g, then_seq, 4);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[0], ESC);
	assert_int_equal(g.key[1], KBD_UP);
}

static void
test_alt_key_is_esc_then_key(void **state)
{
	const int32_t keys[] = {ESC, 'x', ESC, '1', ESC, KBD_F(2), ESC, ']'};
	const int32_t want[] = {ESC, 'x', ESC, '1', ESC, KBD_F(2), ESC, ']'};
	struct kbdseq q;
	struct got g = {0};

	(void)state;
	kbdseq_init(&q);
	feed(&q, &g, keys, 8);
	assert_int_equal(g.n, 8);
	assert_memory_equal(g.key, want, sizeof want);
	assert_false(kbdseq_holding(&q));
}

static void
test_known_sequences_are_mapped(void **state)
{
	(void)state;
	assert_esc_gives("[15~", KBD_F(5));
	assert_esc_gives("[15;1~", KBD_F(5));
	assert_esc_gives("[11~", KBD_F(1));
	assert_esc_gives("[17~", KBD_F(6));
	assert_esc_gives("[20~", KBD_F(9));
	assert_esc_gives("[21~", KBD_F(10));
	assert_esc_gives("[24~", KBD_F(12));
	assert_esc_gives("[1~", KBD_HOME);
	assert_esc_gives("[7~", KBD_HOME);
	assert_esc_gives("[4~", KBD_END);
	assert_esc_gives("[8~", KBD_END);
	assert_esc_gives("[5~", KBD_PGUP);
	assert_esc_gives("[6~", KBD_PGDN);
	assert_esc_gives("[A", KBD_UP);
	assert_esc_gives("[B", KBD_DOWN);
	assert_esc_gives("[C", KBD_RIGHT);
	assert_esc_gives("[D", KBD_LEFT);
	assert_esc_gives("[H", KBD_HOME);
	assert_esc_gives("[F", KBD_END);
	assert_esc_gives("[1;1A", KBD_UP);
	assert_esc_gives("OA", KBD_UP);
	assert_esc_gives("OH", KBD_HOME);
	assert_esc_gives("OP", KBD_F(1));
	assert_esc_gives("OS", KBD_F(4));
	/* the Linux console's F1-F5 */
	assert_esc_gives("[[A", KBD_F(1));
	assert_esc_gives("[[E", KBD_F(5));
}

static void
test_other_sequences_are_one_unknown_key(void **state)
{
	(void)state;
	assert_esc_gives("[1;2A", UNK);  /* Shift-Up */
	assert_esc_gives("[1;5D", UNK);  /* Ctrl-Left */
	assert_esc_gives("[15;2~", UNK); /* Shift-F5 */
	assert_esc_gives("[25~", UNK);   /* F13 */
	assert_esc_gives("[2~", UNK);    /* Insert */
	assert_esc_gives("[3~", UNK);    /* Delete */
	assert_esc_gives("[0~", UNK);
	assert_esc_gives("[~", UNK);
	assert_esc_gives("[Z", UNK); /* Shift-Tab */
	assert_esc_gives("[P", UNK); /* F1 is SS3 P, not CSI P */
	assert_esc_gives("[2A", UNK);
	assert_esc_gives("[?15~", UNK);     /* private */
	assert_esc_gives("[<0;10;5M", UNK); /* a mouse report */
	assert_esc_gives("[15$~", UNK);     /* an intermediate byte */
	assert_esc_gives("[1;1;1A", UNK);
	assert_esc_gives("O2P", UNK); /* Shift-F1, old xterm */
	assert_esc_gives("Ox", UNK);
	assert_esc_gives("[[Z", UNK);
	/* begun but never finished: the delay ends it, nothing leaks */
	assert_esc_gives("[", UNK);
	assert_esc_gives("[15", UNK);
	assert_esc_gives("O", UNK);
	assert_esc_gives("[[", UNK);
}

static void
test_every_final_byte_ends_a_csi(void **state)
{
	char s[8];
	struct got g;

	(void)state;
	for (int b = 0x40; b <= 0x7e; b++) {
		if (b == '[')
			continue; /* ESC [ [ takes one more */
		snprintf(s, sizeof s, "[1;%c", b);
		esc_str(&g, s);
		assert_int_equal(g.n, 1);
		assert_false(kbd_is_char(g.key[0]));
		snprintf(s, sizeof s, "[%c", b);
		esc_str(&g, s);
		assert_int_equal(g.n, 1);
		assert_false(kbd_is_char(g.key[0]));
	}
	for (int b = 0x20; b <= 0x3f; b++) {
		snprintf(s, sizeof s, "[%c~", b);
		esc_str(&g, s);
		assert_int_equal(g.n, 1);
		assert_false(kbd_is_char(g.key[0]));
	}
}

static void
test_split_across_reads(void **state)
{
	const int32_t part1[] = {ESC}, part2[] = {'[', '1'}, part3[] = {'5'},
	              part4[] = {'~', ']'};
	struct kbdseq q;
	struct got g = {0};

	(void)state;
	kbdseq_init(&q);
	feed(&q, &g, part1, 1);
	assert_true(kbdseq_holding(&q));
	feed(&q, &g, part2, 2);
	assert_true(kbdseq_holding(&q));
	feed(&q, &g, part3, 1);
	assert_true(kbdseq_holding(&q));
	assert_int_equal(g.n, 0);
	feed(&q, &g, part4, 2);
	assert_false(kbdseq_holding(&q));
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[0], KBD_F(5));
	assert_int_equal(g.key[1], ']');
}

static void
test_long_parameter_lists(void **state)
{
	struct kbdseq q;
	struct got g = {0};
	int32_t k;

	(void)state;
	kbdseq_init(&q);
	k = ESC;
	feed(&q, &g, &k, 1);
	k = '[';
	feed(&q, &g, &k, 1);
	for (int i = 0; i < 5000; i++) {
		k = i % 7 == 6 ? ';' : '0' + i % 10;
		feed(&q, &g, &k, 1);
		assert_true(kbdseq_holding(&q));
	}
	assert_int_equal(g.n, 0);
	k = '~';
	feed(&q, &g, &k, 1);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.key[0], UNK);
	assert_false(kbdseq_holding(&q));
	/* one huge number saturates: never F5 by wrapping round */
	assert_esc_gives("[4294967311~", UNK);
	assert_esc_gives("[000015~", KBD_F(5));
}

static void
test_garbage_inside_a_sequence(void **state)
{
	const int32_t ctrl[] = {ESC, '[', '1', KBD_CTRL('l')};
	const int32_t esc[] = {ESC, '[', '1', ESC, '[', 'B'};
	const int32_t curses[] = {ESC, '[', KBD_UP};
	const int32_t wide[] = {ESC, 'O', '1', 0xe9, '['};
	const int32_t enter[] = {ESC, '[', '[', KBD_ENTER};
	struct kbdseq q;
	struct got g = {0};

	(void)state;
	kbdseq_init(&q);
	feed(&q, &g, ctrl, 4);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[0], UNK);
	assert_int_equal(g.key[1], KBD_CTRL('l'));
	memset(&g, 0, sizeof g);
	feed(&q, &g, esc, 6);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[0], UNK);
	assert_int_equal(g.key[1], KBD_DOWN);
	memset(&g, 0, sizeof g);
	feed(&q, &g, curses, 3);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[0], UNK);
	assert_int_equal(g.key[1], KBD_UP);
	memset(&g, 0, sizeof g);
	feed(&q, &g, wide, 5);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.key[0], UNK);
	assert_int_equal(g.key[1], 0xe9);
	assert_int_equal(g.key[2], '[');
	memset(&g, 0, sizeof g);
	feed(&q, &g, enter, 4);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.key[0], UNK);
	assert_int_equal(g.key[1], KBD_ENTER);
	assert_false(kbdseq_holding(&q));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_keys_pass),
	    cmocka_unit_test(test_lone_esc_after_the_delay),
	    cmocka_unit_test(test_esc_esc),
	    cmocka_unit_test(test_alt_key_is_esc_then_key),
	    cmocka_unit_test(test_known_sequences_are_mapped),
	    cmocka_unit_test(test_other_sequences_are_one_unknown_key),
	    cmocka_unit_test(test_every_final_byte_ends_a_csi),
	    cmocka_unit_test(test_split_across_reads),
	    cmocka_unit_test(test_long_parameter_lists),
	    cmocka_unit_test(test_garbage_inside_a_sequence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
