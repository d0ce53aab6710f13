/*
 * theme: colour themes as data. A theme is one style (foreground,
 * background, attributes) per semantic role ("mem.used", "risk.high",
 * "klog.oom", ...). Pure: text in, role table out; no curses, no I/O.
 *
 * Theme file format, one setting per line, '#' starts a comment:
 *
 *	role = FG [BG] [bold|dim|underline|reverse|italic]...
 *
 * A colour is a basic name (black red green yellow blue magenta cyan
 * white, each also as bright-NAME; grey = bright-black), "default" (the
 * terminal's own colour), an index 0-255 or #RRGGBB. An unknown role is a
 * warning (the line is ignored); a bad value is an error naming the file
 * and line. Every role the file does not set keeps the built-in default,
 * so a theme file may set only the roles it cares about.
 *
 * Colours are stored as int32_t: THEME_COLOUR_DEFAULT (-1), an index
 * 0-255, or THEME_RGB(r, g, b) (bit 24 set). theme_downgrade() reduces a
 * theme to what a terminal can show: 24-bit -> 256 -> 16 -> 8 -> mono.
 */
#ifndef OOMWATCH_MODEL_THEME_H
#define OOMWATCH_MODEL_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define THEME_COLOUR_DEFAULT (-1)
#define THEME_RGB_FLAG 0x1000000
#define THEME_RGB(r, g, b)                                                     \
	((int32_t)(THEME_RGB_FLAG | ((uint32_t)(r) << 16) |                    \
	           ((uint32_t)(g) << 8) | (uint32_t)(b)))
#define THEME_IS_RGB(c) (((c)&THEME_RGB_FLAG) != 0 && (c) > 0)

/* Attribute bits of a style. */
#define THEME_ATTR_BOLD 0x01u
#define THEME_ATTR_DIM 0x02u
#define THEME_ATTR_UNDERLINE 0x04u
#define THEME_ATTR_REVERSE 0x08u
#define THEME_ATTR_ITALIC 0x10u

/* The semantic roles; theme_role_name() gives each its file name. */
enum theme_role {
	THEME_NORMAL = 0, /* plain text */
	THEME_TITLE,      /* pane titles */
	THEME_MEM_USED,
	THEME_MEM_CACHE,
	THEME_MEM_FREE,
	THEME_MEM_SWAP,
	THEME_METER_LABEL,
	THEME_METER_VALUE,
	THEME_RISK_HIGH,
	THEME_RISK_MEDIUM,
	THEME_RISK_LOW,
	THEME_PROC_HEADER,
	THEME_PROC_SORTED, /* the header cell of the sort column */
	THEME_PROC_NORMAL,
	THEME_PROC_SELECTED,
	THEME_PROC_VICTIM,
	THEME_PROC_NA,
	THEME_PROC_TAGGED,
	THEME_PROC_TREE,   /* tree lines in tree view */
	THEME_PROC_DSTATE, /* STATE D: uninterruptible sleep (htop's D) */
	THEME_PROC_ZOMBIE, /* STATE Z: exited, not yet reaped */
	THEME_KLOG_TIME,
	THEME_KLOG_OOM,
	THEME_KLOG_HUNG,
	THEME_KLOG_LOCKUP,
	THEME_KLOG_PANIC,
	THEME_KLOG_OOPS,
	THEME_KLOG_ALLOC,
	THEME_KLOG_ERROR,
	THEME_KLOG_WARN,
	THEME_KLOG_NORMAL,
	THEME_KLOG_USER, /* records written by user space, not the kernel */
	THEME_KLOG_LOST, /* "N messages lost" markers */
	THEME_STATUS_ERROR,
	THEME_STATUS_OK,
	THEME_STATUS_INFO,
	THEME_FKEY_KEY,
	THEME_FKEY_LABEL,
	THEME_DIALOG,       /* help, menus, setup */
	THEME_DIALOG_FOCUS, /* the highlighted line of a menu */
	THEME_PROMPT,       /* search and filter input */
	THEME_ROLE_COUNT
};

/* One role's look. */
struct theme_style {
	int32_t fg, bg;
	unsigned attrs; /* THEME_ATTR_* */
};

/* A whole theme. */
struct theme {
	struct theme_style style[THEME_ROLE_COUNT];
};

/* The file name of a role ("mem.used"), or "?" when out of range. */
const char *theme_role_name(enum theme_role role);
/* Find a role by its file name (len bytes); 0 and *role, or -1. */
int theme_role_parse(const char *name, size_t len, enum theme_role *role);

/*
 * The role of a process's STATE cell: proc.dstate for D, proc.zombie for
 * Z (they stand out as in htop), else base; a selected or tagged row
 * (base THEME_PROC_SELECTED or THEME_PROC_TAGGED) keeps base.
 */
enum theme_role theme_proc_state_role(char state, enum theme_role base);

/* Fill *t with the built-in default (dark) theme. */
void theme_init_default(struct theme *t);

/*
 * Parse theme file text (len bytes) over the built-in default into *t.
 * file_name is only used in messages. All or nothing: on an error *t is
 * untouched, err holds "FILE:LINE: what" and -1 is returned. Unknown roles
 * are counted in *n_warnings (may be NULL) and the first one is described
 * in warn (may be NULL). Returns 0 on success.
 */
int theme_parse(struct theme *t, const char *text, size_t len,
                const char *file_name, char *err, size_t err_size, char *warn,
                size_t warn_size, unsigned *n_warnings);

/*
 * Parse one colour word (len bytes): a name, "default", 0-255 or
 * #RRGGBB. Returns 0 and *colour, or -1.
 */
int theme_colour_parse(const char *word, size_t len, int32_t *colour);

/*
 * The nearest colour a terminal with ncolours colours can show:
 * ncolours >= 1<<24 keeps everything; 256 maps RGB into the xterm cube and
 * grey ramp; 16 and 8 map to the basic colours; below 8 every colour
 * becomes THEME_COLOUR_DEFAULT.
 */
int32_t theme_colour_downgrade(int32_t colour, int ncolours);

/*
 * Reduce a whole theme to ncolours (as above). With 8 colours a bright
 * foreground becomes its basic colour plus bold; in monochrome a role that
 * had a background colour gets reverse video, so a selection stays visible.
 */
void theme_downgrade(struct theme *t, int ncolours);

#endif
