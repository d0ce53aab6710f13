/*
 * scr_cglimit.c: the cgroup screen's limit keys (see scr_cglimit.h).
 */
#include "app/scr_cglimit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/cgfiles.h"
#include "collect/cgmap.h"
#include "collect/procroot.h"
#include "core/kbd.h"
#include "core/sanitize.h"
#include "model/cgmem.h"
#include "model/snapcg.h"

/* The most of /proc/self/mountinfo read to find the hierarchy. */
#define SCR_CGLIMIT_MOUNTINFO_MAX (256 * 1024)

/* Nothing pending. */
void
scr_cglimit_init(struct scr_cglimit *l)
{
	memset(l, 0, sizeof *l);
	cglimit_root_init(&l->root);
}

/* Close the fd. */
void
scr_cglimit_fini(struct scr_cglimit *l)
{
	cglimit_root_close(&l->root);
}

/*
 * Open the hierarchy once: true when open (else errno says why). The
 * live system's is the mount the collector walks, found the same way
 * (cgmap_parse_mountinfo on /proc/self/mountinfo), with its root stripped
 * from the paths; a --sys-root tree's (or, without a mountinfo entry) is
 * <root>/fs/cgroup (v1: its memory/).
 */
static bool
scr_cglimit_root(const struct ui *ui, struct scr_cglimit *l)
{
	char dir[1024], mnt[1024], prefix[CGLIMIT_PATH_MAX];
	char *buf;
	ssize_t n = -1;
	int rc = -1;

	if (l->root.fd >= 0)
		return true;
	if (ui->opt->sys_root == NULL &&
	    (buf = malloc(SCR_CGLIMIT_MOUNTINFO_MAX)) != NULL) {
		n = procroot_read(AT_FDCWD, PROCROOT_DEFAULT "/self/mountinfo",
		                  buf, SCR_CGLIMIT_MOUNTINFO_MAX);
		if (n > 0 && cgmap_parse_mountinfo(buf, (size_t)n, l->cg_mode,
		                                   mnt, sizeof mnt, prefix,
		                                   sizeof prefix) == 0)
			rc = cglimit_root_open(&l->root, mnt, prefix);
		free(buf);
	}
	if (rc != 0) {
		snprintf(dir, sizeof dir, "%s/fs/cgroup%s",
		         ui->opt->sys_root ? ui->opt->sys_root : "/sys",
		         l->cg_mode == SNAP_CGROUP_V1 ? "/memory" : "");
		rc = cglimit_root_open(&l->root, dir, "/");
	}
	errno = rc < 0 ? -rc : 0;
	return rc == 0;
}

/* The limit file's name for the cgroup held. */
static const char *
scr_cglimit_file(const struct scr_cglimit *l)
{
	const char *f = cglimit_file(l->cg_mode, l->which);

	return f ? f : "memory.limit_in_bytes";
}

/* "memory.max 512M -> 768M, usage 498M" of the values held, into buf. */
static void
scr_cglimit_preview(const struct scr_cglimit *l, char *buf, size_t size)
{
	char o[24], n[24], u[24];

	memsize_format(l->old_bytes, o, sizeof o);
	memsize_format(l->new_bytes, n, sizeof n);
	memsize_format(l->usage_bytes, u, sizeof u);
	snprintf(buf, size, "%s %s -> %s, usage %s", scr_cglimit_file(l), o, n,
	         u);
}

/* After a write: the screen shows the value re-read at once (a second
 * step starts from it), and the next walk reads that cgroup in full. */
static void
scr_cglimit_written(struct ui *ui, const struct cglimit_result *res,
                    enum cglimit_which which)
{
	size_t len = strlen(res->path);
	size_t i = snapcg_find(&ui->snap, res->path, len);
	struct cgmem *m;

	cgfiles_force_full(res->path, len);
	if (!ui->have_snap || i == SNAPCG_NONE || res->new_bytes == SNAP_NA)
		return;
	m = &ui->snap.cgroups[i].mem;
	if (which == CGLIMIT_HIGH)
		m->high_bytes = res->new_bytes;
	else
		m->max_bytes = res->new_bytes;
}

/* Write the value held, report, and read the cgroup in full next. */
static unsigned
scr_cglimit_apply(struct ui *ui, struct scr_cglimit *l)
{
	struct cglimit_result res;
	char buf[UI_STATUS_MAX];

	l->mode = SCR_CGLIMIT_IDLE;
	if (!scr_cglimit_root(ui, l)) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "the cgroup hierarchy cannot be opened: %s",
		          strerror(errno));
		return UI_REDRAW;
	}
	cglimit_set(&ui->act.ctx, &l->root, l->cg_mode, l->which, l->path,
	            l->path_len, l->new_bytes, &l->journal, &res);
	cglimit_describe(&res, buf, sizeof buf);
	ui_status(ui, res.err ? THEME_STATUS_ERROR : THEME_STATUS_INFO, "%s",
	          buf);
	if (res.written)
		scr_cglimit_written(ui, &res, l->which);
	return UI_REDRAW | (res.written ? UI_RESAMPLE : 0);
}

/* A refusal (--read-only, the root): cglimit_set refuses it before
 * opening anything and audits it, as every attempt is. */
static unsigned
scr_cglimit_refuse(struct ui *ui, struct scr_cglimit *l)
{
	struct cglimit_result res;
	char buf[UI_STATUS_MAX];
	struct action_ctx ctx = ui->act.ctx;

	l->mode = SCR_CGLIMIT_IDLE;
	ctx.read_only = ctx.read_only || ui->opt->read_only;
	cglimit_set(&ctx, &l->root, l->cg_mode, l->which, l->path, l->path_len,
	            l->new_bytes, NULL, &res);
	cglimit_describe(&res, buf, sizeof buf);
	ui_status(ui, THEME_STATUS_ERROR, "%s", buf);
	return UI_REDRAW;
}

/* The confirmation's shorter forms, which keep the key: "512M -> 461M
 * below usage 497M: kernel reclaims or OOM-kills. y/n", then "-> 461M
 * below usage? y/n". */
static void
scr_cglimit_confirm_short(struct scr_cglimit *l, enum memsize_reason why)
{
	char o[24], n[24], u[24];
	bool below = why == MEMSIZE_R_BELOW;

	memsize_format(l->old_bytes, o, sizeof o);
	memsize_format(l->new_bytes, n, sizeof n);
	memsize_format(l->usage_bytes, u, sizeof u);
	if (below)
		snprintf(
		    l->brief, sizeof l->brief,
		    "%s -> %s below usage %s: kernel reclaims or OOM-kills. "
		    "y/n",
		    o, n, u);
	else
		snprintf(l->brief, sizeof l->brief, "%s -> %s: %s. y/n", o, n,
		         memsize_reason_text(why));
	snprintf(l->tiny, sizeof l->tiny, "-> %s%s? y/n", n,
	         below ? " below usage" : "");
}

/* Decide on the values held: refuse, ask, or apply. */
static unsigned
scr_cglimit_decide(struct ui *ui, struct scr_cglimit *l)
{
	struct memsize_facts f = {ui->opt->read_only || ui->act.ctx.read_only,
	                          cglimit_is_root(l->path, l->path_len),
	                          l->usage_bytes, l->old_bytes, l->new_bytes};
	enum memsize_reason why;
	char pv[UI_STATUS_MAX / 2];

	l->mode = SCR_CGLIMIT_IDLE;
	switch (memsize_decide(&f, &why)) {
	case POLICY_REFUSE:
		if (why != MEMSIZE_R_SAME)
			return scr_cglimit_refuse(ui, l);
		scr_cglimit_preview(l, pv, sizeof pv);
		ui_status(ui, THEME_STATUS_ERROR, "%s: %s", pv,
		          memsize_reason_text(why));
		return UI_REDRAW;
	case POLICY_CONFIRM:
		scr_cglimit_preview(l, pv, sizeof pv);
		snprintf(l->text, sizeof l->text,
		         "%s: %s. y applies, any other key cancels", pv,
		         memsize_reason_text(why));
		scr_cglimit_confirm_short(l, why);
		l->mode = SCR_CGLIMIT_CONFIRM;
		return UI_REDRAW;
	default:
		return scr_cglimit_apply(ui, l);
	}
}

/* Whether limit actions are off (a replay, --proc-root, no /proc): true
 * with the reason on the status line. */
static bool
scr_cglimit_off(struct ui *ui)
{
	if (ui->act.ready && !ui->act.disabled)
		return false;
	ui_status(ui, THEME_STATUS_ERROR, "cgroup limits: actions are off%s%s",
	          ui->act.disabled ? ": " : "",
	          ui->act.disabled ? ui->act.disabled : "");
	return true;
}

/* Hold cgroup i of the last sample: false (status set) when none. */
static bool
scr_cglimit_hold(struct ui *ui, struct scr_cglimit *l, size_t i)
{
	const struct snap_cgroup *cg;
	const char *path;
	size_t len;

	if (!ui->have_snap || i >= ui->snap.ncgroups) {
		ui_status(ui, THEME_STATUS_ERROR, "no cgroup selected");
		return false;
	}
	if (scr_cglimit_off(ui))
		return false;
	cg = &ui->snap.cgroups[i];
	path = snapcg_path(&ui->snap, i, &len);
	if (path == NULL || len >= sizeof l->path)
		return false;
	memcpy(l->path, path, len);
	l->path[len] = '\0';
	l->path_len = len;
	l->cg_mode = ui->snap.cgroup_mode;
	if (l->cg_mode == SNAP_CGROUP_V1)
		l->which = CGLIMIT_MAX;
	l->old_bytes =
	    l->which == CGLIMIT_HIGH ? cg->mem.high_bytes : cg->mem.max_bytes;
	l->usage_bytes = cg->root ? SNAP_NA : cg->mem.current_bytes;
	return true;
}

/* 'l': memory.max or memory.high. */
static unsigned
scr_cglimit_which(struct ui *ui, struct scr_cglimit *l)
{
	if (ui->have_snap && ui->snap.cgroup_mode == SNAP_CGROUP_V1) {
		l->which = CGLIMIT_MAX;
		ui_status(ui, THEME_STATUS_INFO,
		          "cgroup v1 has one limit: memory.limit_in_bytes");
		return UI_REDRAW;
	}
	l->which = l->which == CGLIMIT_MAX ? CGLIMIT_HIGH : CGLIMIT_MAX;
	ui_status(ui, THEME_STATUS_INFO, "the limit keys now change %s%s",
	          l->which == CGLIMIT_MAX ? "memory.max" : "memory.high",
	          l->which == CGLIMIT_MAX
	              ? " (the hard limit: OOM kills above it)"
	              : " (throttling and reclaim above it, no OOM kill)");
	return UI_REDRAW;
}

/* 'u': undo the newest change. */
static unsigned
scr_cglimit_undo(struct ui *ui, struct scr_cglimit *l)
{
	struct cglimit_result res;
	char buf[UI_STATUS_MAX];

	if (scr_cglimit_off(ui))
		return UI_REDRAW;
	cglimit_undo(&ui->act.ctx, &l->root, &l->journal, &res);
	cglimit_describe(&res, buf, sizeof buf);
	ui_status(ui, res.err ? THEME_STATUS_ERROR : THEME_STATUS_INFO, "%s",
	          buf);
	if (res.written)
		scr_cglimit_written(ui, &res, res.which);
	return UI_REDRAW | (res.written ? UI_RESAMPLE : 0);
}

/* The prompt's status line: the value typed and its preview. */
static void
scr_cglimit_prompt_text(struct scr_cglimit *l)
{
	char pv[UI_STATUS_MAX / 2], o[24], u[24];

	if (memsize_parse(l->input, l->ninput, &l->new_bytes) == 0) {
		scr_cglimit_preview(l, pv, sizeof pv);
	} else {
		memsize_format(l->old_bytes, o, sizeof o);
		memsize_format(l->usage_bytes, u, sizeof u);
		snprintf(pv, sizeof pv, "%s now %s, usage %s",
		         scr_cglimit_file(l), o, u);
	}
	snprintf(l->text, sizeof l->text,
	         "%s: %.*s_ (512M, 1.5G, max; Enter applies, Esc cancels)", pv,
	         (int)l->ninput, l->input);
	snprintf(l->brief, sizeof l->brief,
	         "%s: %.*s_ (Enter applies, Esc cancels)", pv, (int)l->ninput,
	         l->input);
	snprintf(l->tiny, sizeof l->tiny, "%s: %.*s_ (Enter/Esc)",
	         scr_cglimit_file(l), (int)l->ninput, l->input);
}

/* The longest form of the status text that fits width columns. */
const char *
scr_cglimit_status(const struct scr_cglimit *l, int width)
{
	size_t w = width > 0 ? (size_t)width : 0;

	if (strlen(l->text) <= w || l->brief[0] == '\0')
		return l->text;
	if (strlen(l->brief) <= w || l->tiny[0] == '\0')
		return l->brief;
	return l->tiny;
}

/* Run a limit command. */
unsigned
scr_cglimit_command(struct ui *ui, struct scr_cglimit *l, size_t i,
                    enum scr_cglimit_cmd cmd)
{
	if (cmd == SCR_CGLIMIT_WHICH)
		return scr_cglimit_which(ui, l);
	if (cmd == SCR_CGLIMIT_UNDO)
		return scr_cglimit_undo(ui, l);
	if (!scr_cglimit_hold(ui, l, i))
		return UI_REDRAW;
	if (cglimit_is_root(l->path, l->path_len) || ui->opt->read_only ||
	    ui->act.ctx.read_only)
		return scr_cglimit_decide(ui, l); /* refused, with the reason */
	if (cmd == SCR_CGLIMIT_VALUE) {
		l->ninput = 0;
		l->mode = SCR_CGLIMIT_PROMPT;
		scr_cglimit_prompt_text(l);
		return UI_REDRAW;
	}
	l->new_bytes = memsize_stepped(l->old_bytes, l->usage_bytes,
	                               cmd == SCR_CGLIMIT_RAISE);
	if (l->new_bytes == SNAP_NA) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "%s and the usage are unknown here: use a to set a "
		          "value",
		          scr_cglimit_file(l));
		return UI_REDRAW;
	}
	if (l->new_bytes == CGMEM_UNLIMITED &&
	    l->old_bytes == CGMEM_UNLIMITED) {
		ui_status(ui, THEME_STATUS_INFO, "%s is already max (no limit)",
		          scr_cglimit_file(l));
		return UI_REDRAW;
	}
	return scr_cglimit_decide(ui, l);
}

/* A key of the open prompt. */
static unsigned
scr_cglimit_prompt_key(struct ui *ui, struct scr_cglimit *l, int32_t key)
{
	if (key == KBD_ESC) {
		l->mode = SCR_CGLIMIT_IDLE;
		ui_status(ui, THEME_STATUS_INFO, "no limit changed");
	} else if (key == KBD_ENTER) {
		if (memsize_parse(l->input, l->ninput, &l->new_bytes) != 0) {
			l->mode = SCR_CGLIMIT_IDLE;
			ui_status(ui, THEME_STATUS_ERROR,
			          "not a size: %.*s (say 512M, 1.5G or max)",
			          (int)l->ninput, l->input);
			return UI_REDRAW;
		}
		return scr_cglimit_decide(ui, l);
	} else if (key == KBD_BACKSPACE) {
		if (l->ninput > 0)
			l->ninput--;
	} else if (key > ' ' && key < 127 && l->ninput + 1 < sizeof l->input)
		l->input[l->ninput++] = (char)key;
	if (l->mode == SCR_CGLIMIT_PROMPT)
		scr_cglimit_prompt_text(l);
	return UI_REDRAW;
}

/* A key while a prompt or confirmation is open. */
bool
scr_cglimit_key(struct ui *ui, struct scr_cglimit *l, int32_t key,
                unsigned *flags)
{
	if (l->mode == SCR_CGLIMIT_IDLE)
		return false;
	if (l->mode == SCR_CGLIMIT_PROMPT) {
		*flags = scr_cglimit_prompt_key(ui, l, key);
		return true;
	}
	if (key == 'y' || key == 'Y') {
		*flags = scr_cglimit_apply(ui, l);
		return true;
	}
	l->mode = SCR_CGLIMIT_IDLE;
	ui_status(ui, THEME_STATUS_INFO, "no limit changed");
	*flags = UI_REDRAW;
	return true;
}
