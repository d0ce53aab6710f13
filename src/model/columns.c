/* columns.c: the process fields' descriptors, values and cell text. */
#include "model/columns.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define L COLUMN_ALIGN_LEFT
#define R COLUMN_ALIGN_RIGHT
#define NO_SORT RANK_KEY_COUNT
#define INT COLUMN_KIND_INT
#define KB COLUMN_KIND_KB
#define PCT COLUMN_KIND_PCT
#define TEXT COLUMN_KIND_TEXT
#define BOOL COLUMN_KIND_BOOL

/* Dashboard columns first (drawn in this order), then --batch fields. */
static const struct column_desc column_table[] = {
    {COLUMN_PID, "pid", "PID", 7, R, RANK_PID, true, "process id", INT, "PID",
     7, "pid"},
    {COLUMN_USER, "user", "USER", 9, L, RANK_USER, true,
     "owner (real uid) of the process", TEXT, "USER", -10, "user"},
    {COLUMN_STATE, "state", "S", 1, L, NO_SORT, true,
     "state: R running, S sleeping, D disk sleep, Z zombie, T stopped", TEXT,
     "S", 1, "state"},
    {COLUMN_OOM, "oom", "OOM", 5, R, RANK_OOM, true,
     "oom_score: the kernel's badness (highest is killed first)", INT, "OOM", 5,
     "oom_score"},
    {COLUMN_ADJ, "adj", "ADJ", 5, R, RANK_ADJ, true,
     "oom_score_adj (-1000 never killed, 1000 killed first)", INT, "ADJ", 5,
     "oom_score_adj"},
    {COLUMN_RSS, "rss", "RSS", 7, R, RANK_RSS, true,
     "resident memory (anon + file + shmem)", KB, "RSS_KB", 9, "rss_kb"},
    {COLUMN_ANON, "anon", "ANON", 7, R, RANK_ANON, true,
     "resident anonymous memory (what an OOM kill frees)", KB, "ANON_KB", 9,
     "anon_kb"},
    {COLUMN_FILE, "file", "FILE", 7, R, RANK_FILE, true,
     "resident file-backed memory", KB, "FILE_KB", 9, "file_kb"},
    {COLUMN_SHM, "shm", "SHM", 7, R, RANK_SHMEM, true,
     "resident shared memory (shmem, tmpfs)", KB, "SHMEM_KB", 9, "shmem_kb"},
    {COLUMN_SWAP, "swap", "SWAP", 7, R, RANK_SWAP, true,
     "memory swapped out (VmSwap)", KB, "SWAP_KB", 9, "swap_kb"},
    {COLUMN_MEMPCT, "mem%", "MEM%", 5, R, RANK_RSS, true,
     "RSS as a share of MemTotal", PCT, NULL, 0, NULL},
    {COLUMN_GROWTH, "growth", "GROWTH", 8, R, RANK_GROWTH, false,
     "RSS growth per hour over the history (... while learning)", TEXT, NULL, 0,
     NULL},
    {COLUMN_TREND, "trend", "TREND", 7, L, RANK_TREND, false,
     "RSS verdict: rising (leak likely), saw, flat, step; ?: weak", TEXT, NULL,
     0, NULL},
    {COLUMN_CGROUP, "cgroup", "CGROUP", 24, L, RANK_CGROUP, false,
     "memory cgroup of the process", TEXT, "CGROUP", 0, "cgroup"},
    {COLUMN_COMMAND, "command", "COMMAND", 0, L, RANK_NAME, true,
     "command line (or [name] for kernel threads)", TEXT, "COMMAND", 0, NULL},
    {COLUMN_PPID, NULL, "PPID", 7, R, NO_SORT, false, "parent process id", INT,
     "PPID", 7, "ppid"},
    {COLUMN_UID, NULL, "UID", 7, R, NO_SORT, false, "real uid", INT, NULL, 0,
     "uid"},
    {COLUMN_COMM, NULL, "NAME", 15, L, NO_SORT, false,
     "the kernel's name of the process (comm)", TEXT, NULL, 0, "comm"},
    {COLUMN_CMDLINE, NULL, "CMDLINE", 0, L, NO_SORT, false,
     "command line, NUL separators as spaces (null when unread)", TEXT, NULL, 0,
     "cmdline"},
    {COLUMN_START, NULL, "START", 10, R, NO_SORT, false,
     "start time in clock ticks after boot (stat field 22)", INT, NULL, 0,
     "start_time"},
    {COLUMN_KTHREAD, NULL, "KTHREAD", 7, L, NO_SORT, false,
     "a kernel thread (PF_KTHREAD)", BOOL, NULL, 0, "kthread"},
};
_Static_assert(sizeof column_table / sizeof column_table[0] ==
                   COLUMN_FIELD_COUNT,
               "column_table must list every enum column_id");

/* The --batch text report's fields, in order. */
static const enum column_id batch_text_ids[] = {
    COLUMN_PID,  COLUMN_PPID,   COLUMN_USER,    COLUMN_STATE, COLUMN_OOM,
    COLUMN_ADJ,  COLUMN_RSS,    COLUMN_ANON,    COLUMN_FILE,  COLUMN_SHM,
    COLUMN_SWAP, COLUMN_CGROUP, COLUMN_COMMAND,
};

/* The --batch --json process object's fields, in order. */
static const enum column_id batch_json_ids[] = {
    COLUMN_PID,     COLUMN_PPID,    COLUMN_UID, COLUMN_USER, COLUMN_STATE,
    COLUMN_COMM,    COLUMN_CMDLINE, COLUMN_RSS, COLUMN_ANON, COLUMN_FILE,
    COLUMN_SHM,     COLUMN_SWAP,    COLUMN_OOM, COLUMN_ADJ,  COLUMN_START,
    COLUMN_KTHREAD, COLUMN_CGROUP,
};

#undef L
#undef R
#undef NO_SORT
#undef INT
#undef KB
#undef PCT
#undef TEXT
#undef BOOL

/* The descriptor of a column. */
const struct column_desc *
columns_desc(enum column_id id)
{
	return &column_table[(unsigned)id < COLUMN_FIELD_COUNT ? id
	                                                       : COLUMN_PID];
}

/* Find a dashboard column by key. */
int
columns_parse(const char *key, size_t len, enum column_id *id)
{
	for (unsigned i = 0; i < COLUMN_COUNT; i++) {
		if (strlen(column_table[i].key) == len &&
		    memcmp(column_table[i].key, key, len) == 0) {
			*id = (enum column_id)i;
			return 0;
		}
	}
	return -1;
}

/* Format a size in kB with a unit, in at most 6 characters. */
size_t
columns_format_kb(int64_t kb, char *buf, size_t size)
{
	static const char units[] = "MGTP";
	double v;
	int n, u = 0;

	if (kb < 0)
		kb = 0;
	if (kb < 10000) {
		n = snprintf(buf, size, "%" PRId64 "K", kb);
	} else {
		v = (double)kb / 1024.0;
		while (v >= 999.5 && u < 3) {
			v /= 1024.0;
			u++;
		}
		if (v < 9.995)
			n = snprintf(buf, size, "%.2f%c", v, units[u]);
		else if (v < 99.95)
			n = snprintf(buf, size, "%.1f%c", v, units[u]);
		else
			n = snprintf(buf, size, "%.0f%c", v, units[u]);
	}
	if (n < 0)
		n = 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* The fields of --batch, in order. */
size_t
columns_batch(bool json, const enum column_id **ids)
{
	*ids = json ? batch_json_ids : batch_text_ids;
	return json ? sizeof batch_json_ids / sizeof batch_json_ids[0]
	            : sizeof batch_text_ids / sizeof batch_text_ids[0];
}

/*
 * Whether the row's user is a name: the collector writes the decimal uid
 * when NSS has none (all-digit names are refused by useradd), and JSON
 * gives null there rather than a name nobody has.
 */
static bool
value_user_named(const struct proc_row *r)
{
	char num[16];

	if (r->user[0] == '\0' || r->uid == SNAP_UID_NA)
		return r->user[0] != '\0';
	snprintf(num, sizeof num, "%u", (unsigned)r->uid);
	return strcmp(r->user, num) != 0;
}

/* Set v to a number, unknown when it is SNAP_NA. */
static void
value_num(struct column_value *v, int64_t n)
{
	v->num = n;
	v->na = n == SNAP_NA;
}

/* Set v to borrowed bytes, unknown when s is NULL. */
static void
value_text(struct column_value *v, const char *s, size_t len)
{
	v->text = s != NULL ? s : "";
	v->len = s != NULL ? len : 0;
	v->na = s == NULL;
}

/* Set v to RSS as a percentage of MemTotal. */
static void
value_pct(struct column_value *v, const struct snapshot *snap,
          const struct proc_row *row)
{
	v->na = row->rss_kb == SNAP_NA || snap->mem.total_kb == SNAP_NA ||
	        snap->mem.total_kb <= 0;
	if (!v->na)
		v->pct =
		    100.0 * (double)row->rss_kb / (double)snap->mem.total_kb;
}

/* Set v to the text report's command: the command line, or [name]. */
static void
value_command(struct column_value *v, const struct snapshot *snap,
              const struct proc_row *row, char *buf, size_t size)
{
	const char *cmd =
	    snapshot_str(snap, row->cmdline_off, row->cmdline_len);
	int k;

	if (cmd != NULL && row->cmdline_len > 0) {
		value_text(v, cmd, row->cmdline_len);
		v->nul_space = true;
		return;
	}
	k = snprintf(buf, size, "[%s]", row->comm);
	value_text(v, buf, k > 0 && (size_t)k < size ? (size_t)k : 0);
}

/* Set v to the state letter, or "?" when it is not printable. */
static void
value_state(struct column_value *v, const struct proc_row *row)
{
	if (row->state >= '!' && row->state <= '~')
		value_text(v, &row->state, 1);
	else
		value_text(v, "?", 1);
}

/* The value of one field. */
void
columns_value(enum column_id id, const struct snapshot *snap,
              const struct proc_row *row, char *buf, size_t size,
              struct column_value *v)
{
	memset(v, 0, sizeof *v);
	v->text = "";
	switch (id) {
	case COLUMN_PID:
		value_num(v, row->pid);
		break;
	case COLUMN_PPID:
		value_num(v, row->ppid);
		break;
	case COLUMN_UID:
		value_num(v, row->uid == SNAP_UID_NA ? SNAP_NA : row->uid);
		break;
	case COLUMN_USER:
		value_text(v, row->user, strnlen(row->user, sizeof row->user));
		v->json_null = !value_user_named(row);
		break;
	case COLUMN_STATE:
		value_state(v, row);
		break;
	case COLUMN_OOM:
		value_num(v, row->oom_score);
		break;
	case COLUMN_ADJ:
		value_num(v, row->oom_score_adj);
		break;
	case COLUMN_RSS:
		value_num(v, row->rss_kb);
		break;
	case COLUMN_ANON:
		value_num(v, row->anon_kb);
		break;
	case COLUMN_FILE:
		value_num(v, row->file_kb);
		break;
	case COLUMN_SHM:
		value_num(v, row->shmem_kb);
		break;
	case COLUMN_SWAP:
		value_num(v, row->swap_kb);
		break;
	case COLUMN_MEMPCT:
		value_pct(v, snap, row);
		break;
	case COLUMN_CGROUP:
		value_text(v,
		           snapshot_str(snap, row->cgroup_off, row->cgroup_len),
		           row->cgroup_len);
		break;
	case COLUMN_COMMAND:
		value_command(v, snap, row, buf, size);
		break;
	case COLUMN_COMM:
		value_text(v, row->comm, strnlen(row->comm, sizeof row->comm));
		break;
	case COLUMN_CMDLINE:
		value_text(
		    v, snapshot_str(snap, row->cmdline_off, row->cmdline_len),
		    row->cmdline_len);
		v->nul_space = true;
		break;
	case COLUMN_START:
		value_num(v, (int64_t)row->start_time);
		break;
	case COLUMN_KTHREAD:
		value_num(v, row->kthread);
		break;
	case COLUMN_GROWTH: /* columns_trend_cell */
	case COLUMN_TREND:
		v->na = true;
		break;
	case COLUMN_FIELD_COUNT:
	default:
		break;
	}
}

/* Set cell to borrowed, untrusted bytes (or N/A when there are none). */
static void
cell_bytes(struct column_cell *cell, const char *s, size_t len)
{
	if (s == NULL || len == 0) {
		cell->na = true;
		return;
	}
	cell->text = s;
	cell->len = len;
	cell->untrusted = true;
}

/* The COMMAND cell: the command line; the name while the command line is
 * not known (yet); "[name]" for kernel threads, as ps and htop show them. */
static void
cell_command(struct column_cell *cell, const struct snapshot *snap,
             const struct proc_row *row, char *buf, size_t size)
{
	const char *cmd =
	    snapshot_str(snap, row->cmdline_off, row->cmdline_len);
	size_t n;
	int k;

	if (cmd != NULL && row->cmdline_len > 0 && !row->kthread) {
		cell_bytes(cell, cmd, row->cmdline_len);
		/* a trailing NUL would draw as a trailing space */
		while (cell->len > 0 && cmd[cell->len - 1] == '\0')
			cell->len--;
		cell->nul_space = true;
		return;
	}
	n = strnlen(row->comm, sizeof row->comm);
	if (!row->kthread) {
		cell_bytes(cell, row->comm, n);
		return;
	}
	k = snprintf(buf, size, "[%.*s]", (int)n, row->comm);
	cell_bytes(cell, buf, k > 0 && (size_t)k < size ? (size_t)k : 0);
}

/* Set cell to a field's value as the dashboard writes its kind. */
static void
cell_value(struct column_cell *cell, enum column_id id,
           const struct column_value *v, char *buf, size_t size)
{
	int n = 0;

	switch (columns_desc(id)->kind) {
	case COLUMN_KIND_TEXT:
		cell_bytes(cell, v->text, v->len);
		cell->keep_tail = id == COLUMN_CGROUP;
		return;
	case COLUMN_KIND_KB:
		cell->len = columns_format_kb(v->num, buf, size);
		cell->text = buf;
		return;
	case COLUMN_KIND_PCT:
		n = snprintf(buf, size, "%.1f", v->pct);
		break;
	case COLUMN_KIND_BOOL:
		n = snprintf(buf, size, "%s", v->num ? "yes" : "no");
		break;
	case COLUMN_KIND_INT:
	default:
		n = snprintf(buf, size, "%" PRId64, v->num);
		break;
	}
	cell->text = buf;
	cell->len = n > 0 ? (size_t)n : 0;
}

/* The text of one cell. */
void
columns_cell(enum column_id id, const struct snapshot *snap,
             const struct proc_row *row, char *buf, size_t size,
             struct column_cell *cell)
{
	struct column_value v;

	memset(cell, 0, sizeof *cell);
	cell->text = "";
	if (id == COLUMN_COMMAND) {
		cell_command(cell, snap, row, buf, size);
	} else {
		columns_value(id, snap, row, buf, size, &v);
		cell->na = v.na;
		if (!v.na)
			cell_value(cell, id, &v, buf, size);
	}
	if (cell->na) {
		cell->text = "N/A";
		cell->len = 3;
		cell->untrusted = false;
		cell->keep_tail = false;
	}
}

/* The cell of GROWTH or TREND from a verdict. */
void
columns_trend_cell(enum column_id id, const struct trend *t, char *buf,
                   size_t size, struct column_cell *cell)
{
	static const char *const words[TREND_VERDICTS] = {
	    [TREND_LEARNING] = "...",  [TREND_FLAT] = "flat",
	    [TREND_STEP] = "step",     [TREND_SAWTOOTH] = "saw",
	    [TREND_RISING] = "rising",
	};
	size_t n;

	memset(cell, 0, sizeof *cell);
	cell->text = "...";
	cell->len = 3;
	if (t->verdict == TREND_LEARNING ||
	    (unsigned)t->verdict >= TREND_VERDICTS)
		return;
	if (id == COLUMN_TREND) {
		snprintf(buf, size, "%s%s", words[t->verdict],
		         t->span_s < COLUMNS_TREND_WEAK_S ? "?" : "");
		cell->text = buf;
		cell->len = strlen(buf);
		return;
	}
	if (!isfinite(t->rate_kb_per_hour)) {
		cell->text = "N/A";
		cell->na = true;
		return;
	}
	trend_fmt_kb(t->rate_kb_per_hour, 1, buf, size);
	n = strlen(buf);
	snprintf(buf + n, size - n, "/h");
	cell->text = buf;
	cell->len = strlen(buf);
}

/* Where the tail of at most max_bytes bytes begins. */
size_t
columns_tail(const char *text, size_t len, size_t max_bytes)
{
	size_t off;

	if (len <= max_bytes)
		return 0;
	off = len - max_bytes;
	for (int i = 0;
	     i < 3 && off < len && ((unsigned char)text[off] & 0xc0) == 0x80;
	     i++)
		off++;
	return off;
}

/* The cells COMMAND gets when the columns in fit are drawn. */
static int
columns_command_w(const bool fit[COLUMN_COUNT], int width, int extra_w)
{
	int at = 1 + extra_w; /* the victim / cursor mark */

	for (unsigned i = 0; i < COLUMN_COUNT; i++)
		if (fit[i] && column_table[i].width > 0)
			at += column_table[i].width + 1;
	return width - at;
}

/* Drop optional columns until COMMAND has room, then bring back those
 * that fit again. */
size_t
columns_fit(const bool shown[COLUMN_COUNT], int width, int extra_w,
            bool no_swap, bool fit[COLUMN_COUNT])
{
	/* default columns first; then those the user turned on (off by
	 * default), widest first */
	static const enum column_id order[] = {
	    COLUMN_SWAP,   COLUMN_FILE,   COLUMN_SHM,   COLUMN_SWAP,
	    COLUMN_ANON,   COLUMN_MEMPCT, COLUMN_USER,  COLUMN_STATE,
	    COLUMN_CGROUP, COLUMN_GROWTH, COLUMN_TREND,
	};
	enum column_id went[sizeof order / sizeof order[0]];
	size_t dropped = 0, back = 0;

	memcpy(fit, shown, sizeof(bool) * COLUMN_COUNT);
	if (!fit[COLUMN_COMMAND])
		return 0;
	for (size_t i = no_swap ? 0 : 1; i < sizeof order / sizeof order[0];
	     i++) {
		if (columns_command_w(fit, width, extra_w) >=
		    COLUMNS_COMMAND_MIN_W)
			break;
		if (fit[order[i]]) {
			fit[order[i]] = false;
			went[dropped++] = order[i];
		}
	}
	/* the last to go comes back first; a turned-on column that stays
	 * out keeps every default one before it out too */
	for (size_t j = dropped; j-- > 0;) {
		fit[went[j]] = true;
		if (columns_command_w(fit, width, extra_w) >=
		    COLUMNS_COMMAND_MIN_W) {
			back++;
			continue;
		}
		fit[went[j]] = false;
		if (!column_table[went[j]].shown_by_default)
			break;
	}
	return dropped - back;
}

/* A size in kB as text, or the caller's word for unknown. */
const char *
columns_kb_or(int64_t kb, const char *unknown, char *buf, size_t size)
{
	if (kb == SNAP_NA || kb < 0)
		return unknown;
	columns_format_kb(kb, buf, size);
	return buf;
}
