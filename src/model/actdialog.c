/* actdialog.c: the action dialogs' keys and stages (actdialog.h). */
#include "model/actdialog.h"

#include <string.h>

#include "model/adjvalue.h"
#include "model/signame.h"

/* Start from a clean dialog of kind. */
static void
reset(struct actdialog *d, enum actdialog_kind kind)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->stage = ACTDIALOG_EDIT;
	d->verdict = POLICY_CONFIRM;
}

/* Open an adj prompt or the signal menu. */
void
actdialog_open(struct actdialog *d, enum actdialog_kind kind)
{
	reset(d, kind);
	if (kind == ACTDIALOG_SIGNAL) {
		d->sig = signame_menu[0].sig;
		d->parsed = true;
	}
}

/* Open a fixed adj change. */
void
actdialog_open_fixed(struct actdialog *d, bool step, int value)
{
	reset(d, ACTDIALOG_ADJ_FIXED);
	d->step = step;
	d->value = value;
	d->parsed = true;
}

/* Is a dialog open? */
bool
actdialog_is_open(const struct actdialog *d)
{
	return d->kind != ACTDIALOG_NONE && d->stage != ACTDIALOG_DONE;
}

/* Close whatever is open. */
void
actdialog_close(struct actdialog *d)
{
	reset(d, ACTDIALOG_NONE);
	d->stage = ACTDIALOG_DONE;
}

/* Re-parse the typed text. */
static void
reparse(struct actdialog *d)
{
	int v;

	d->why = NULL;
	if (d->kind == ACTDIALOG_ADJ_VALUE) {
		d->parsed = adjvalue_parse(d->text, d->len, &v, &d->why) == 0;
		if (d->parsed)
			d->value = v;
		return;
	}
	/* the signal menu: the "other" line */
	d->parsed = signame_parse(d->text, d->len, &v) == 0;
	if (d->parsed)
		d->sig = v;
}

/* A printable ASCII character the text accepts: any, for a value (what
 * is not a number is then refused with a reason, never dropped). */
static bool
typable(const struct actdialog *d, int32_t ch)
{
	if (ch >= '0' && ch <= '9')
		return true;
	if (d->kind == ACTDIALOG_ADJ_VALUE && ch > ' ' && ch < 0x7f)
		return true;
	if (ch == '-' || ch == '+' || ch == ' ')
		return true;
	return d->kind == ACTDIALOG_SIGNAL &&
	       ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

/* The signal menu's cursor moved: what it now chooses. */
static void
menu_moved(struct actdialog *d)
{
	if (d->cursor < signame_menu_len) {
		d->sig = signame_menu[d->cursor].sig;
		d->parsed = true;
	} else {
		reparse(d);
	}
}

/* A key while typing or choosing. */
static enum actdialog_next
edit_key(struct actdialog *d, enum actdialog_key key, int32_t ch)
{
	bool menu = d->kind == ACTDIALOG_SIGNAL;

	switch (key) {
	case ACTDIALOG_KEY_ESC:
		d->stage = ACTDIALOG_DONE;
		return ACTDIALOG_CANCEL;
	case ACTDIALOG_KEY_ENTER:
		if (menu && d->cursor < signame_menu_len)
			return ACTDIALOG_DECIDE;
		if (!d->parsed) {
			d->error = menu ? "not a signal: type a name or number "
			                  "(USR1, 10)"
			           : d->why
			               ? d->why
			               : "enter a number from -1000 to 1000";
			return ACTDIALOG_STAY;
		}
		return d->kind == ACTDIALOG_ADJ_FIXED ? ACTDIALOG_STAY
		                                      : ACTDIALOG_DECIDE;
	case ACTDIALOG_KEY_UP:
		if (menu && d->cursor > 0)
			d->cursor--;
		break;
	case ACTDIALOG_KEY_DOWN:
		if (menu && d->cursor < signame_menu_len)
			d->cursor++;
		break;
	case ACTDIALOG_KEY_HOME:
		if (menu)
			d->cursor = 0;
		break;
	case ACTDIALOG_KEY_END:
		if (menu)
			d->cursor = signame_menu_len;
		break;
	case ACTDIALOG_KEY_BACKSPACE:
		if (d->len > 0)
			d->len--;
		if (menu)
			d->cursor = signame_menu_len;
		break;
	case ACTDIALOG_KEY_CHAR:
		if (d->kind == ACTDIALOG_ADJ_FIXED || !typable(d, ch) ||
		    d->len + 1 >= sizeof d->text)
			return ACTDIALOG_STAY;
		d->text[d->len++] = (char)ch;
		if (menu)
			d->cursor = signame_menu_len;
		break;
	case ACTDIALOG_KEY_OTHER:
	default:
		return ACTDIALOG_STAY;
	}
	d->text[d->len] = '\0';
	d->error = NULL;
	if (menu)
		menu_moved(d);
	else if (d->kind == ACTDIALOG_ADJ_VALUE)
		reparse(d);
	return ACTDIALOG_STAY;
}

/* A key while waiting for `y`. */
static enum actdialog_next
confirm_key(struct actdialog *d, enum actdialog_key key, int32_t ch)
{
	if (key == ACTDIALOG_KEY_ESC ||
	    (key == ACTDIALOG_KEY_CHAR &&
	     (ch == 'n' || ch == 'N' || ch == 'q'))) {
		d->stage = ACTDIALOG_DONE;
		return ACTDIALOG_CANCEL;
	}
	if (key != ACTDIALOG_KEY_CHAR || (ch != 'y' && ch != 'Y'))
		return ACTDIALOG_STAY;
	if (d->stage == ACTDIALOG_CONFIRM &&
	    d->verdict == POLICY_CONFIRM_TWICE) {
		d->stage = ACTDIALOG_CONFIRM_AGAIN;
		return ACTDIALOG_STAY;
	}
	d->stage = ACTDIALOG_DONE;
	return ACTDIALOG_RUN;
}

/* One key. */
enum actdialog_next
actdialog_key(struct actdialog *d, enum actdialog_key key, int32_t ch)
{
	switch (d->kind == ACTDIALOG_NONE ? ACTDIALOG_DONE : d->stage) {
	case ACTDIALOG_EDIT:
		return edit_key(d, key, ch);
	case ACTDIALOG_CONFIRM:
	case ACTDIALOG_CONFIRM_AGAIN:
		return confirm_key(d, key, ch);
	case ACTDIALOG_DONE:
	default:
		return ACTDIALOG_CANCEL;
	}
}

/* The policy's verdict. */
enum actdialog_next
actdialog_decided(struct actdialog *d, enum policy_verdict verdict,
                  unsigned reasons)
{
	if (!actdialog_is_open(d))
		return ACTDIALOG_CANCEL;
	d->verdict = verdict;
	d->reasons = reasons;
	switch (verdict) {
	case POLICY_ALLOW:
		d->stage = ACTDIALOG_DONE;
		return ACTDIALOG_RUN;
	case POLICY_CONFIRM:
	case POLICY_CONFIRM_TWICE:
		d->stage = ACTDIALOG_CONFIRM;
		return ACTDIALOG_STAY;
	case POLICY_REFUSE:
	default:
		d->stage = ACTDIALOG_DONE;
		return ACTDIALOG_CANCEL;
	}
}
