/* columns.c: the process table's column descriptors and cell text. */
#include "model/columns.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define L COLUMN_ALIGN_LEFT
#define R COLUMN_ALIGN_RIGHT

static const struct column_desc column_table[] = {
    {COLUMN_PID, "pid", "PID", 7, R, RANK_PID, true, "process id"},
    {COLUMN_USER, "user", "USER", 9, L, RANK_USER, true,
     "owner (real uid) of the process"},
    {COLUMN_OOM, "oom", "OOM", 5, R, RANK_OOM, true,
     "oom_score: the kernel's badness (highest is killed first)"},
    {COLUMN_ADJ, "adj", "ADJ", 5, R, RANK_ADJ, true,
     "oom_score_adj (-1000 never killed, 1000 killed first)"},
    {COLUMN_RSS, "rss", "RSS", 7, R, RANK_RSS, true,
     "resident memory (anon + file + shmem)"},
    {COLUMN_ANON, "anon", "ANON", 7, R, RANK_ANON, true,
     "resident anonymous memory (what an OOM kill frees)"},
    {COLUMN_FILE, "file", "FILE", 7, R, RANK_FILE, true,
     "resident file-backed memory"},
    {COLUMN_SHM, "shm", "SHM", 7, R, RANK_SHMEM, true,
     "resident shared memory (shmem, tmpfs)"},
    {COLUMN_SWAP, "swap", "SWAP", 7, R, RANK_SWAP, true,
     "memory swapped out (VmSwap)"},
    {COLUMN_MEMPCT, "mem%", "MEM%", 5, R, RANK_RSS, true,
     "RSS as a share of MemTotal"},
    {COLUMN_CGROUP, "cgroup", "CGROUP", 24, L, RANK_CGROUP, false,
     "memory cgroup of the process"},
    {COLUMN_COMMAND, "command", "COMMAND", 0, L, RANK_NAME, true,
     "command line (or [name] for kernel threads)"},
};
_Static_assert(sizeof column_table / sizeof column_table[0] == COLUMN_COUNT,
               "column_table must list every enum column_id");

#undef L
#undef R

/* The descriptor of a column. */
const struct column_desc *
columns_desc(enum column_id id)
{
	return &column_table[(unsigned)id < COLUMN_COUNT ? id : COLUMN_PID];
}

/* Find a column by key. */
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

/* Set cell to a formatted number in buf. */
static void
cell_number(struct column_cell *cell, char *buf, size_t size, int64_t v)
{
	int n;

	if (v == SNAP_NA) {
		cell->na = true;
		return;
	}
	n = snprintf(buf, size, "%" PRId64, v);
	cell->text = buf;
	cell->len = n > 0 ? (size_t)n : 0;
}

/* Set cell to a size in kB. */
static void
cell_kb(struct column_cell *cell, char *buf, size_t size, int64_t kb)
{
	if (kb == SNAP_NA) {
		cell->na = true;
		return;
	}
	cell->text = buf;
	cell->len = columns_format_kb(kb, buf, size);
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

/* The text of one cell. */
void
columns_cell(enum column_id id, const struct snapshot *snap,
             const struct proc_row *row, char *buf, size_t size,
             struct column_cell *cell)
{
	int n;

	memset(cell, 0, sizeof *cell);
	cell->text = "";
	switch (id) {
	case COLUMN_PID:
		cell_number(cell, buf, size, row->pid);
		break;
	case COLUMN_USER:
		cell_bytes(cell, row->user,
		           strnlen(row->user, sizeof row->user));
		break;
	case COLUMN_OOM:
		cell_number(cell, buf, size, row->oom_score);
		break;
	case COLUMN_ADJ:
		cell_number(cell, buf, size, row->oom_score_adj);
		break;
	case COLUMN_RSS:
		cell_kb(cell, buf, size, row->rss_kb);
		break;
	case COLUMN_ANON:
		cell_kb(cell, buf, size, row->anon_kb);
		break;
	case COLUMN_FILE:
		cell_kb(cell, buf, size, row->file_kb);
		break;
	case COLUMN_SHM:
		cell_kb(cell, buf, size, row->shmem_kb);
		break;
	case COLUMN_SWAP:
		cell_kb(cell, buf, size, row->swap_kb);
		break;
	case COLUMN_MEMPCT:
		if (row->rss_kb == SNAP_NA || snap->mem.total_kb == SNAP_NA ||
		    snap->mem.total_kb <= 0) {
			cell->na = true;
			break;
		}
		n = snprintf(buf, size, "%.1f",
		             100.0 * (double)row->rss_kb /
		                 (double)snap->mem.total_kb);
		cell->text = buf;
		cell->len = n > 0 ? (size_t)n : 0;
		break;
	case COLUMN_CGROUP:
		cell_bytes(cell,
		           snapshot_str(snap, row->cgroup_off, row->cgroup_len),
		           row->cgroup_len);
		cell->keep_tail = true;
		break;
	case COLUMN_COMMAND:
	default:
		cell_command(cell, snap, row, buf, size);
		break;
	}
	if (cell->na) {
		cell->text = "N/A";
		cell->len = 3;
		cell->untrusted = false;
		cell->keep_tail = false;
	}
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

/* Drop optional columns until COMMAND has room. */
size_t
columns_fit(const bool shown[COLUMN_COUNT], int width, int extra_w,
            bool no_swap, bool fit[COLUMN_COUNT])
{
	static const enum column_id order[] = {
	    COLUMN_SWAP, COLUMN_FILE, COLUMN_SHM,    COLUMN_CGROUP,
	    COLUMN_SWAP, COLUMN_ANON, COLUMN_MEMPCT, COLUMN_USER,
	};
	size_t dropped = 0;

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
			dropped++;
		}
	}
	return dropped;
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
