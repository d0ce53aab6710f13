/*
 * actdialog: the state machine of the action dialogs, as pure data, so
 * every key path is unit-tested without a terminal or a process.
 *
 * Three dialogs:
 *  - ACTDIALOG_ADJ_VALUE (`a`): an exact oom_score_adj is typed; each key
 *    re-parses it (model/adjvalue.h), Enter with a bad value keeps the
 *    prompt open with the reason and writes nothing;
 *  - ACTDIALOG_ADJ_FIXED (P, X, or an F7/F8 step the policy wants
 *    confirmed): the value is fixed when it opens;
 *  - ACTDIALOG_SIGNAL (F9, k): the signal menu (model/signame.h), SIGTERM
 *    preselected; typed letters or digits go to an "other" line parsed as
 *    a signal name or number.
 * Each goes EDIT -> (Enter) DECIDE: the caller asks the policy and hands
 * its verdict to actdialog_decided(): ALLOW runs at once, CONFIRM asks
 * `y`, CONFIRM_TWICE asks `y` again naming the reasons, REFUSE cancels.
 * In a confirmation `y` goes on, Esc / n / q cancel, other keys are
 * ignored (Enter never confirms). Esc in EDIT cancels. After RUN or
 * CANCEL the dialog is DONE (closed) but keeps its fields for the caller.
 */
#ifndef OOMWATCH_MODEL_ACTDIALOG_H
#define OOMWATCH_MODEL_ACTDIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/policy.h"

#define ACTDIALOG_TEXT_MAX 16

enum actdialog_kind {
	ACTDIALOG_NONE = 0,
	ACTDIALOG_ADJ_VALUE, /* `a`: typing a value */
	ACTDIALOG_ADJ_FIXED, /* P / X / a step: value fixed at open */
	ACTDIALOG_SIGNAL,    /* F9 / k: the signal menu */
};

enum actdialog_stage {
	ACTDIALOG_EDIT = 0,      /* typing a value / choosing a signal */
	ACTDIALOG_CONFIRM,       /* waiting for the first `y` */
	ACTDIALOG_CONFIRM_AGAIN, /* waiting for the second `y` */
	ACTDIALOG_DONE,          /* ran or cancelled: closed */
};

/* Keys as the dialog sees them (the app maps terminal keys). */
enum actdialog_key {
	ACTDIALOG_KEY_CHAR = 0, /* a typed character, in ch */
	ACTDIALOG_KEY_ENTER,
	ACTDIALOG_KEY_ESC,
	ACTDIALOG_KEY_UP,
	ACTDIALOG_KEY_DOWN,
	ACTDIALOG_KEY_HOME,
	ACTDIALOG_KEY_END,
	ACTDIALOG_KEY_BACKSPACE,
	ACTDIALOG_KEY_OTHER, /* a key the dialog does not use */
};

/* What the caller does after a key or a verdict. */
enum actdialog_next {
	ACTDIALOG_STAY = 0, /* still open: redraw */
	ACTDIALOG_DECIDE,   /* chosen: call actdialog_decided() */
	ACTDIALOG_RUN,      /* confirmed: act now (the dialog is DONE) */
	ACTDIALOG_CANCEL,   /* closed without acting */
};

struct actdialog {
	enum actdialog_kind kind;
	enum actdialog_stage stage;
	/* adj dialogs */
	bool step; /* value is a delta (F7/F8), not a value */
	int value; /* the chosen adj (or delta); valid when parsed */
	/* text typed: the adj value, or the "other" signal */
	char text[ACTDIALOG_TEXT_MAX];
	size_t len;
	bool parsed;       /* text parses (adj: a value; signal: a signal) */
	const char *error; /* why Enter was refused, NULL if it was not */
	const char *why;   /* why text does not parse (adj), or NULL */
	/* signal menu */
	size_t cursor; /* 0..menu_len; menu_len = the "other" line */
	int sig;       /* the chosen signal */
	/* the policy's word, from actdialog_decided */
	enum policy_verdict verdict;
	unsigned reasons;
};

/* Open an adj prompt (value empty), or the signal menu (SIGTERM). */
void actdialog_open(struct actdialog *d, enum actdialog_kind kind);

/* Open a fixed adj change (P: -1000, X: 1000, or a step when step is
 * true, value then being the delta). Call actdialog_decided next. */
void actdialog_open_fixed(struct actdialog *d, bool step, int value);

/* Is a dialog open (not NONE, not DONE)? */
bool actdialog_is_open(const struct actdialog *d);

/* One key. */
enum actdialog_next actdialog_key(struct actdialog *d, enum actdialog_key key,
                                  int32_t ch);

/* The policy's verdict after DECIDE (or right after open_fixed). */
enum actdialog_next actdialog_decided(struct actdialog *d,
                                      enum policy_verdict verdict,
                                      unsigned reasons);

/* Close whatever is open (no action). */
void actdialog_close(struct actdialog *d);

#endif
