/*
 * kbdseq: escape sequences that reach the app as separate keys. When the
 * terminfo entry (TERM) does not know a key the terminal sends, curses
 * hands over ESC, '[', '1', '5', '~' one by one, and '[' or a digit would
 * act. kbdseq is the pure decision over those keys (core/kbd.h codes):
 *
 * - ESC is held. The next key decides: '[' starts a CSI sequence, 'O' an
 *   SS3 one; another ESC gives the first ESC and holds the second; any
 *   other key gives ESC and that key (Alt+key, as before); no key within
 *   the escape delay (kbdseq_timeout) gives ESC alone.
 * - CSI: parameter and intermediate bytes (0x20-0x3f) are swallowed, of
 *   any number, up to a final byte (0x40-0x7e) that ends the sequence.
 *   ESC [ [ (the Linux console's F1-F5) takes one byte more.
 * - SS3: parameter bytes (0x30-0x3f: digits, ';') are swallowed up to a
 *   final byte (0x40-0x7e).
 * - A finished sequence gives one key, never its bytes: the plain ones
 *   curses missed are mapped, without a modifier (or modifier 1):
 *   ESC [ A..D / ESC O A..D arrows, ESC [ H/F and ESC O H/F Home/End,
 *   ESC O P..S F1-F4, ESC [ N ~ (1/7 Home, 4/8 End, 5 PgUp, 6 PgDn,
 *   11-15 F1-F5, 17-21 F6-F10, 23-24 F11-F12), ESC [ [ A..E F1-F5; every
 *   other (Shift-arrows, F13, Insert, mouse, ...) is KBD_UNKNOWN.
 * - Any other key inside a sequence (a control key, ESC, a non-ASCII
 *   character, a curses key), or the escape delay running out there,
 *   ends the sequence as KBD_UNKNOWN; that key then starts afresh.
 *
 * The caller owns the clock: it feeds every key and calls kbdseq_timeout
 * when kbdseq_holding is true and no key came within the escape delay.
 */
#ifndef OOMWATCH_CORE_KBDSEQ_H
#define OOMWATCH_CORE_KBDSEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Keys one feed can give: at most KBDSEQ_OUT_MAX. */
#define KBDSEQ_OUT_MAX 2

/* The machine's state; zero-initialised (or kbdseq_init) is idle. */
struct kbdseq {
	int state;        /* enum in kbdseq.c */
	int32_t param[2]; /* the first two numbers, saturated */
	unsigned nparams; /* ';' seen + 1 once a parameter byte came */
	bool plain;       /* only digits and ';' so far */
};

/* Start idle: nothing held. */
void kbdseq_init(struct kbdseq *q);

/* Is a key held (an ESC or a sequence begun), so that the caller must
 * wait the escape delay for the next key or call kbdseq_timeout? */
bool kbdseq_holding(const struct kbdseq *q);

/* Feed one key (core/kbd.h code, not 0); the keys to deliver now, in
 * order, go to out: returns how many (0 to KBDSEQ_OUT_MAX). */
size_t kbdseq_feed(struct kbdseq *q, int32_t key, int32_t out[KBDSEQ_OUT_MAX]);

/* No key came within the escape delay: a held ESC is delivered as
 * KBD_ESC, a begun sequence as KBD_UNKNOWN; returns how many (0 when
 * nothing was held). The machine is idle afterwards. */
size_t kbdseq_timeout(struct kbdseq *q, int32_t out[KBDSEQ_OUT_MAX]);

#endif
