/*
 * scr_cglimit: the cgroup screen's limit keys ("give a cgroup air"):
 * raise / lower the selected cgroup's limit by a step (F8 ']' / F7 '['),
 * set an exact value ('a': 512M, 1.5G, max, with the preview as typed),
 * choose which limit ('l': memory.max, the default, or memory.high; v1
 * has limit_in_bytes only) and undo ('u', newest first).
 *
 * The rules are the adj actions': refused with --read-only, when actions
 * are off, and on the root cgroup; a value below the usage is confirmed
 * with 'y' (the kernel reclaims or OOM-kills there at once); every write
 * is audited (action/cglimit.h) and its result, "memory.max 512M ->
 * 563M, usage 498M (path)" or the error in words, goes to the status
 * line. After a write the next walk reads that cgroup in full
 * (cgfiles_force_full). The hierarchy is opened on the first write: the
 * mount the collector walks (/proc/self/mountinfo; inside a container its
 * root, such as /docker/abc, is stripped from the paths), or with
 * --sys-root <DIR>/fs/cgroup (v1: its memory/ directory).
 */
#ifndef OOMWATCH_APP_SCR_CGLIMIT_H
#define OOMWATCH_APP_SCR_CGLIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "action/cglimit.h"
#include "app/ui.h"

/* What the limit keys hold between keys. */
enum scr_cglimit_mode {
	SCR_CGLIMIT_IDLE = 0,
	SCR_CGLIMIT_PROMPT,  /* 'a': typing a value */
	SCR_CGLIMIT_CONFIRM, /* below the usage: y applies */
};

struct scr_cglimit {
	enum cglimit_which which; /* 'l' toggles (cgroup2) */
	struct cglimit_root root; /* the hierarchy's mount, fd -1 */
	struct cglimit_journal journal;
	enum scr_cglimit_mode mode;
	char input[32]; /* the prompt's text */
	size_t ninput;
	/* the cgroup and values the prompt or confirmation is about */
	char path[CGLIMIT_PATH_MAX];
	size_t path_len;
	enum snap_cgroup_mode cg_mode;
	int64_t old_bytes, usage_bytes, new_bytes;
	/* the status line while mode is not IDLE: its full form, then
	 * shorter ones that keep the keys (ASCII: a byte is a column) */
	char text[UI_STATUS_MAX];
	char brief[UI_STATUS_MAX];
	char tiny[96];
};

/* The commands, as the cgroup screen maps them. */
enum scr_cglimit_cmd {
	SCR_CGLIMIT_LOWER,
	SCR_CGLIMIT_RAISE,
	SCR_CGLIMIT_VALUE,
	SCR_CGLIMIT_WHICH,
	SCR_CGLIMIT_UNDO,
};

/* Nothing pending, limit memory.max, no fd. */
void scr_cglimit_init(struct scr_cglimit *l);
/* Close the fd. */
void scr_cglimit_fini(struct scr_cglimit *l);

/*
 * Run cmd on snap->cgroups[i] (SIZE_MAX: none selected): UI_* flags; the
 * outcome goes to the status line (ui_status) or l->text.
 */
unsigned scr_cglimit_command(struct ui *ui, struct scr_cglimit *l, size_t i,
                             enum scr_cglimit_cmd cmd);

/*
 * The status text of the open prompt or confirmation in width columns:
 * the longest of l->text, l->brief, l->tiny that fits (the shortest
 * when none does). Every form keeps its keys ("y/n", "Enter/Esc").
 */
const char *scr_cglimit_status(const struct scr_cglimit *l, int width);

/* A key while a prompt or confirmation is open: true when taken. */
bool scr_cglimit_key(struct ui *ui, struct scr_cglimit *l, int32_t key,
                     unsigned *flags);

#endif
