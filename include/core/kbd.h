/*
 * kbd: the app's own key codes, so that only view/screen.c knows curses.
 * A key is an int32_t: a Unicode character is itself (Tab is '\t', Space
 * ' '); every other key is a code from KBD_BASE up, above the last
 * Unicode character (0x10ffff), so the two never clash. Enter, Escape and
 * Backspace arrive as KBD_ENTER, KBD_ESC and KBD_BACKSPACE whatever bytes
 * the terminal sent; other control characters as KBD_CTRL(letter).
 * 0 is "no key".
 */
#ifndef OOMWATCH_CORE_KBD_H
#define OOMWATCH_CORE_KBD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KBD_BASE 0x110000

enum kbd_special {
	KBD_UP = KBD_BASE + 1,
	KBD_DOWN,
	KBD_LEFT,
	KBD_RIGHT,
	KBD_PGUP,
	KBD_PGDN,
	KBD_HOME,
	KBD_END,
	KBD_ENTER,
	KBD_BACKSPACE,
	KBD_ESC,
	KBD_UNKNOWN, /* a key the terminal knows and the app does not */
};

/* F1..F12 (n outside 1..63 is not a key). */
#define KBD_F0 (KBD_BASE + 0x100)
#define KBD_F(n) (KBD_F0 + (n))
/* Ctrl-A..Ctrl-Z (and the other C0 codes): KBD_CTRL('l') is Ctrl-L,
 * whatever the letter's case. */
#define KBD_CTRL0 (KBD_BASE + 0x200)
#define KBD_CTRL(c) (KBD_CTRL0 + ((c)&0x1f))

/* Is key a Unicode character (not one of the codes above)? */
bool kbd_is_char(int32_t key);

/*
 * The help label of key into buf ("F1", "Space", "Tab", "Ctrl-L", "PgUp",
 * "Up", "Esc", "?", a character as UTF-8); "?" followed by its code for a
 * value that is no key. Always NUL-terminated (size > 0); returns buf.
 */
const char *kbd_name(int32_t key, char *buf, size_t size);

/* The UTF-8 bytes of character ch into out[4]: how many (1-4), 0 when ch
 * is not a character that can be typed (C0, DEL, C1, surrogates, a code
 * above 0x10ffff). */
size_t kbd_utf8(int32_t ch, char out[4]);

#endif
