/* kbdseq.c: escape sequences split into keys, swallowed or mapped (see
 * kbdseq.h). */
#include "core/kbdseq.h"

#include "core/kbd.h"

enum seq_state {
	SEQ_IDLE,
	SEQ_ESC,   /* ESC held */
	SEQ_CSI,   /* ESC [ ... */
	SEQ_SS3,   /* ESC O ... */
	SEQ_LINUX, /* ESC [ [: one final byte */
};

/* Saturation of a sequence's numbers: more digits change nothing. */
#define SEQ_NUM_MAX 99999

/* Start idle. */
void
kbdseq_init(struct kbdseq *q)
{
	*q = (struct kbdseq){.state = SEQ_IDLE};
}

/* Is an ESC or a sequence held? */
bool
kbdseq_holding(const struct kbdseq *q)
{
	return q->state != SEQ_IDLE;
}

/* Begin a sequence in state st: no numbers yet. */
static void
seq_begin(struct kbdseq *q, enum seq_state st)
{
	*q = (struct kbdseq){
	    .state = st, .param = {-1, -1}, .nparams = 0, .plain = true};
}

/* Take one parameter or intermediate byte (0x20-0x3f): digits build the
 * current number, ';' starts the next, any other makes it not plain. */
static void
seq_param(struct kbdseq *q, int32_t key)
{
	unsigned i;

	if (q->nparams == 0)
		q->nparams = 1;
	if (key == ';') {
		q->nparams++;
		return;
	}
	if (key < '0' || key > '9') {
		q->plain = false;
		return;
	}
	i = q->nparams - 1;
	if (i >= 2)
		return;
	if (q->param[i] < 0)
		q->param[i] = 0;
	q->param[i] = q->param[i] * 10 + (key - '0');
	if (q->param[i] > SEQ_NUM_MAX)
		q->param[i] = SEQ_NUM_MAX;
}

/* The key of ESC [ N ~ (no modifier), or KBD_UNKNOWN. */
static int32_t
seq_tilde_key(int32_t n)
{
	static const struct {
		int32_t n, key;
	} map[] = {
	    {1, KBD_HOME},   {7, KBD_HOME},   {4, KBD_END},   {8, KBD_END},
	    {5, KBD_PGUP},   {6, KBD_PGDN},   {11, KBD_F(1)}, {12, KBD_F(2)},
	    {13, KBD_F(3)},  {14, KBD_F(4)},  {15, KBD_F(5)}, {17, KBD_F(6)},
	    {18, KBD_F(7)},  {19, KBD_F(8)},  {20, KBD_F(9)}, {21, KBD_F(10)},
	    {23, KBD_F(11)}, {24, KBD_F(12)},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].n == n)
			return map[i].key;
	}
	return KBD_UNKNOWN;
}

/* The key of a final letter after ESC [ (or ESC O, with ss3: F1-F4 too),
 * or KBD_UNKNOWN. */
static int32_t
seq_letter_key(int32_t final, bool ss3)
{
	switch (final) {
	case 'A':
		return KBD_UP;
	case 'B':
		return KBD_DOWN;
	case 'C':
		return KBD_RIGHT;
	case 'D':
		return KBD_LEFT;
	case 'H':
		return KBD_HOME;
	case 'F':
		return KBD_END;
	case 'P':
	case 'Q':
	case 'R':
	case 'S':
		return ss3 ? KBD_F(1 + final - 'P') : KBD_UNKNOWN;
	default:
		return KBD_UNKNOWN;
	}
}

/* The key of the sequence q ends with final (see kbdseq.h). */
static int32_t
seq_key(const struct kbdseq *q, int32_t final)
{
	int32_t p0 = q->param[0], p1 = q->param[1];

	if (q->state == SEQ_LINUX)
		return final >= 'A' && final <= 'E' ? KBD_F(1 + final - 'A')
		                                    : KBD_UNKNOWN;
	/* a modifier (Shift 2, Alt 3, Ctrl 5, ...) or a third number: not
	 * the plain key */
	if (!q->plain || q->nparams > 2 || (p1 != -1 && p1 != 1))
		return KBD_UNKNOWN;
	if (q->state == SEQ_CSI && final == '~')
		return seq_tilde_key(p0);
	if (p0 != -1 && p0 != 1)
		return KBD_UNKNOWN;
	return seq_letter_key(final, q->state == SEQ_SS3);
}

/* Idle: a key arrives (ESC is held, any other delivered). */
static size_t
seq_idle(struct kbdseq *q, int32_t key, int32_t *out)
{
	if (key == KBD_ESC) {
		q->state = SEQ_ESC;
		return 0;
	}
	out[0] = key;
	return 1;
}

/* A key while ESC is held. */
static size_t
seq_after_esc(struct kbdseq *q, int32_t key, int32_t *out)
{
	if (key == '[' || key == 'O') {
		seq_begin(q, key == '[' ? SEQ_CSI : SEQ_SS3);
		return 0;
	}
	out[0] = KBD_ESC;
	if (key == KBD_ESC)
		return 1; /* the second one is held in turn */
	q->state = SEQ_IDLE;
	out[1] = key;
	return 2;
}

/* Is key a final byte (0x40-0x7e)? */
static bool
seq_is_final(int32_t key)
{
	return key >= 0x40 && key <= 0x7e;
}

/* A key inside a sequence: swallowed, the end, or out of place. */
static size_t
seq_inside(struct kbdseq *q, int32_t key, int32_t *out)
{
	bool csi = q->state == SEQ_CSI, ss3 = q->state == SEQ_SS3;

	if ((csi && key >= 0x20 && key <= 0x3f) ||
	    (ss3 && key >= 0x30 && key <= 0x3f)) {
		seq_param(q, key);
		return 0;
	}
	if (csi && key == '[' && q->nparams == 0 && q->plain) {
		q->state = SEQ_LINUX;
		return 0;
	}
	if (seq_is_final(key)) {
		out[0] = seq_key(q, key);
		kbdseq_init(q);
		return 1;
	}
	/* out of place: the sequence ends unknown, the key starts afresh */
	out[0] = KBD_UNKNOWN;
	kbdseq_init(q);
	return 1 + seq_idle(q, key, out + 1);
}

/* Feed one key. */
size_t
kbdseq_feed(struct kbdseq *q, int32_t key, int32_t out[KBDSEQ_OUT_MAX])
{
	switch (q->state) {
	case SEQ_IDLE:
		return seq_idle(q, key, out);
	case SEQ_ESC:
		return seq_after_esc(q, key, out);
	default:
		return seq_inside(q, key, out);
	}
}

/* The escape delay ran out. */
size_t
kbdseq_timeout(struct kbdseq *q, int32_t out[KBDSEQ_OUT_MAX])
{
	int st = q->state;

	kbdseq_init(q);
	if (st == SEQ_IDLE)
		return 0;
	out[0] = st == SEQ_ESC ? KBD_ESC : KBD_UNKNOWN;
	return 1;
}
