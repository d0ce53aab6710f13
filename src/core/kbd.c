/* kbd.c: key codes, their help labels and UTF-8 (see kbd.h). */
#include "core/kbd.h"

#include <stdio.h>

static const char *const special_names[] = {
    [KBD_UP - KBD_BASE] = "Up",       [KBD_DOWN - KBD_BASE] = "Down",
    [KBD_LEFT - KBD_BASE] = "Left",   [KBD_RIGHT - KBD_BASE] = "Right",
    [KBD_PGUP - KBD_BASE] = "PgUp",   [KBD_PGDN - KBD_BASE] = "PgDn",
    [KBD_HOME - KBD_BASE] = "Home",   [KBD_END - KBD_BASE] = "End",
    [KBD_ENTER - KBD_BASE] = "Enter", [KBD_BACKSPACE - KBD_BASE] = "Bksp",
    [KBD_ESC - KBD_BASE] = "Esc",     [KBD_UNKNOWN - KBD_BASE] = "(key)",
};

/* Is key a Unicode character? */
bool
kbd_is_char(int32_t key)
{
	return key > 0 && key < KBD_BASE;
}

/* The UTF-8 form of a typeable character. */
size_t
kbd_utf8(int32_t ch, char out[4])
{
	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) ||
	    (ch >= 0xd800 && ch < 0xe000) || ch > 0x10ffff)
		return 0;
	if (ch < 0x80) {
		out[0] = (char)ch;
		return 1;
	}
	if (ch < 0x800) {
		out[0] = (char)(0xc0 | (ch >> 6));
		out[1] = (char)(0x80 | (ch & 0x3f));
		return 2;
	}
	if (ch < 0x10000) {
		out[0] = (char)(0xe0 | (ch >> 12));
		out[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
		out[2] = (char)(0x80 | (ch & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (ch >> 18));
	out[1] = (char)(0x80 | ((ch >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((ch >> 6) & 0x3f));
	out[3] = (char)(0x80 | (ch & 0x3f));
	return 4;
}

/* The help label of a key. */
const char *
kbd_name(int32_t key, char *buf, size_t size)
{
	char u[5];
	size_t n;

	if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key == '\t')
		snprintf(buf, size, "Tab");
	else if (key > KBD_BASE &&
	         key - KBD_BASE < (int32_t)(sizeof special_names /
	                                    sizeof special_names[0]) &&
	         special_names[key - KBD_BASE] != NULL)
		snprintf(buf, size, "%s", special_names[key - KBD_BASE]);
	else if (key > KBD_F0 && key < KBD_F0 + 64)
		snprintf(buf, size, "F%d", (int)(key - KBD_F0));
	else if (key >= KBD_CTRL0 + 1 && key <= KBD_CTRL0 + 26)
		snprintf(buf, size, "Ctrl-%c",
		         (char)('A' + key - KBD_CTRL0 - 1));
	else if (kbd_is_char(key) && (n = kbd_utf8(key, u)) > 0) {
		u[n] = '\0';
		snprintf(buf, size, "%s", u);
	} else
		snprintf(buf, size, "?%ld", (long)key);
	return buf;
}
