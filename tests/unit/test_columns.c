/* Unit tests for the column descriptors and cell text (model/columns.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/columns.h"
#include "model/snapshot.h"

/* A row with every field known. */
static struct proc_row
full_row(void)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = 4242;
	r.ppid = 1;
	r.uid = 1000;
	r.state = 'S';
	strcpy(r.comm, "postgres");
	strcpy(r.user, "alice");
	r.rss_kb = 512000;
	r.anon_kb = 400000;
	r.file_kb = 100000;
	r.shmem_kb = 12000;
	r.swap_kb = 0;
	r.oom_score = 712;
	r.oom_score_adj = -100;
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	return r;
}

/* The cell text as a C string. */
static const char *
cell_str(enum column_id id, const struct snapshot *s, const struct proc_row *r,
         struct column_cell *c)
{
	static char out[256];
	char buf[64];

	columns_cell(id, s, r, buf, sizeof buf, c);
	memcpy(out, c->text, c->len);
	out[c->len] = '\0';
	return out;
}

static void
test_table_matches_enum(void **state)
{
	enum column_id id;
	(void)state;
	for (unsigned i = 0; i < COLUMN_FIELD_COUNT; i++) {
		const struct column_desc *d = columns_desc((enum column_id)i);
		assert_int_equal(d->id, i);
		assert_non_null(d->title);
		assert_non_null(d->description);
		assert_true(strlen(d->description) > 5);
		if (i >= COLUMN_COUNT) {
			/* --batch only: no config key, not parsed */
			assert_null(d->key);
			assert_int_equal(
			    columns_parse(d->title, strlen(d->title), &id), -1);
			assert_false(d->shown_by_default);
			continue;
		}
		assert_int_equal(columns_parse(d->key, strlen(d->key), &id), 0);
		assert_int_equal(id, i);
		/* the title fits its width (COMMAND takes the rest) */
		if (d->width > 0)
			assert_true((int)strlen(d->title) <= d->width);
		else
			assert_int_equal(i, COLUMN_COUNT - 1);
	}
	assert_int_equal(columns_parse("cpu", 3, &id), -1);
	assert_int_equal(columns_parse("pi", 2, &id), -1);
	/* the default set: CGROUP optional, the rest on */
	assert_false(columns_desc(COLUMN_CGROUP)->shown_by_default);
	assert_true(columns_desc(COLUMN_MEMPCT)->shown_by_default);
	assert_int_equal(columns_desc(COLUMN_OOM)->sort, RANK_OOM);
	assert_int_equal(columns_desc(COLUMN_SWAP)->sort, RANK_SWAP);
	/* STATE is shown as htop's one-cell S, and sorts nothing */
	assert_true(columns_desc(COLUMN_STATE)->shown_by_default);
	assert_string_equal(columns_desc(COLUMN_STATE)->title, "S");
	assert_int_equal(columns_desc(COLUMN_STATE)->sort, RANK_KEY_COUNT);
	assert_int_equal(columns_parse("state", 5, &id), 0);
	assert_int_equal(id, COLUMN_STATE);
}

/* The fields of a --batch order joined by spaces: JSON keys or headers. */
static const char *
batch_names(bool json)
{
	static char out[512];
	const enum column_id *ids;
	size_t n = columns_batch(json, &ids), at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct column_desc *d = columns_desc(ids[i]);
		const char *name = json ? d->json_key : d->text_title;

		assert_non_null(name);
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s",
		                       i ? " " : "", name);
	}
	return out;
}

/* --batch writes the fields of the README's contract, in its order, and
 * every field with a header or key is in its order exactly once. */
static void
test_batch_fields(void **state)
{
	const enum column_id *ids;
	(void)state;
	assert_string_equal(batch_names(true),
	                    "pid ppid uid user state comm cmdline rss_kb "
	                    "anon_kb file_kb shmem_kb swap_kb oom_score "
	                    "oom_score_adj start_time kthread cgroup");
	assert_string_equal(batch_names(false),
	                    "PID PPID USER S OOM ADJ RSS_KB ANON_KB FILE_KB "
	                    "SHMEM_KB SWAP_KB CGROUP COMMAND");
	for (int json = 0; json <= 1; json++) {
		size_t n = columns_batch(json, &ids), seen;

		for (unsigned i = 0; i < COLUMN_FIELD_COUNT; i++) {
			const struct column_desc *d =
			    columns_desc((enum column_id)i);
			const char *name = json ? d->json_key : d->text_title;

			seen = 0;
			for (size_t k = 0; k < n; k++)
				seen += ids[k] == (enum column_id)i;
			assert_int_equal(seen, name != NULL ? 1 : 0);
		}
	}
	/* text cells: strings unpadded last, USER cut to 10, numbers right */
	assert_int_equal(columns_desc(COLUMN_USER)->text_w, -10);
	assert_int_equal(columns_desc(COLUMN_COMMAND)->text_w, 0);
	assert_int_equal(columns_desc(COLUMN_RSS)->text_w, 9);
}

/* The value of a field for a row. */
static void
test_values(void **state)
{
	struct snapshot s;
	struct proc_row r = full_row();
	struct column_value v;
	char buf[64];
	static const char cmd[] = "a\0b";
	(void)state;
	snapshot_init(&s);
	columns_value(COLUMN_PID, &s, &r, buf, sizeof buf, &v);
	assert_false(v.na);
	assert_int_equal(v.num, 4242);
	columns_value(COLUMN_RSS, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.num, 512000); /* kB, not "500M" */
	columns_value(COLUMN_PPID, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.num, 1);
	columns_value(COLUMN_UID, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.num, 1000);
	r.uid = SNAP_UID_NA;
	columns_value(COLUMN_UID, &s, &r, buf, sizeof buf, &v);
	assert_true(v.na);
	r.uid = 1000;
	/* a user name is written; the uid's number is null in JSON */
	columns_value(COLUMN_USER, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.len, 5);
	assert_memory_equal(v.text, "alice", 5);
	assert_false(v.json_null);
	strcpy(r.user, "1000");
	columns_value(COLUMN_USER, &s, &r, buf, sizeof buf, &v);
	assert_false(v.na);
	assert_true(v.json_null);
	r.user[0] = '\0';
	columns_value(COLUMN_USER, &s, &r, buf, sizeof buf, &v);
	assert_true(v.json_null);
	/* the text report's command: [name] without a command line */
	columns_value(COLUMN_COMMAND, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.len, 10);
	assert_memory_equal(v.text, "[postgres]", 10);
	assert_false(v.nul_space);
	columns_value(COLUMN_CMDLINE, &s, &r, buf, sizeof buf, &v);
	assert_true(v.na);
	assert_int_equal(
	    snapshot_str_append(&s, cmd, sizeof cmd - 1, &r.cmdline_off), 0);
	r.cmdline_len = sizeof cmd - 1;
	columns_value(COLUMN_COMMAND, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.len, 3);
	assert_memory_equal(v.text, cmd, 3);
	assert_true(v.nul_space);
	columns_value(COLUMN_CMDLINE, &s, &r, buf, sizeof buf, &v);
	assert_false(v.na);
	assert_true(v.nul_space);
	r.kthread = true;
	r.start_time = 123456;
	columns_value(COLUMN_KTHREAD, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.num, 1);
	columns_value(COLUMN_START, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.num, 123456);
	columns_value(COLUMN_COMM, &s, &r, buf, sizeof buf, &v);
	assert_int_equal(v.len, 8);
	snapshot_fini(&s);
}

/* STATE: the letter from stat, "?" when it is not printable. */
static void
test_state(void **state)
{
	struct snapshot s;
	struct proc_row r = full_row();
	struct column_cell c;
	struct column_value v;
	char buf[64];
	static const char letters[] = "RSDZTtIX";
	(void)state;
	snapshot_init(&s);
	for (size_t i = 0; i < sizeof letters - 1; i++) {
		char want[2] = {letters[i], 0};
		r.state = letters[i];
		assert_string_equal(cell_str(COLUMN_STATE, &s, &r, &c), want);
		assert_false(c.na);
		columns_value(COLUMN_STATE, &s, &r, buf, sizeof buf, &v);
		assert_int_equal(v.len, 1);
		assert_int_equal(v.text[0], letters[i]);
	}
	r.state = 0;
	assert_string_equal(cell_str(COLUMN_STATE, &s, &r, &c), "?");
	r.state = '\x1b';
	assert_string_equal(cell_str(COLUMN_STATE, &s, &r, &c), "?");
	snapshot_fini(&s);
}

static void
test_format_kb(void **state)
{
	char b[16];
	static const struct {
		int64_t kb;
		const char *want;
	} cases[] = {
	    {0, "0K"},           {812, "812K"},         {9999, "9999K"},
	    {10000, "9.77M"},    {97587, "95.3M"},      {524288, "512M"},
	    {1022976, "999M"},   {1023500, "0.98G"},    {1268777, "1.21G"},
	    {12897485, "12.3G"}, {1610612736, "1.50T"}, {-5, "0K"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = columns_format_kb(cases[i].kb, b, sizeof b);
		assert_string_equal(b, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
		assert_true(n <= 6);
	}
	/* a short buffer truncates, never overflows */
	assert_int_equal(columns_format_kb(524288, b, 3), 2);
	assert_string_equal(b, "51");
}

static void
test_cells(void **state)
{
	struct snapshot s;
	struct proc_row r = full_row();
	struct column_cell c;
	(void)state;
	snapshot_init(&s);
	s.mem.total_kb = 2048000;
	assert_string_equal(cell_str(COLUMN_PID, &s, &r, &c), "4242");
	assert_false(c.untrusted);
	assert_string_equal(cell_str(COLUMN_USER, &s, &r, &c), "alice");
	assert_true(c.untrusted);
	assert_string_equal(cell_str(COLUMN_OOM, &s, &r, &c), "712");
	assert_string_equal(cell_str(COLUMN_ADJ, &s, &r, &c), "-100");
	assert_string_equal(cell_str(COLUMN_RSS, &s, &r, &c), "500M");
	assert_string_equal(cell_str(COLUMN_SWAP, &s, &r, &c), "0K");
	assert_false(c.na);
	assert_string_equal(cell_str(COLUMN_MEMPCT, &s, &r, &c), "25.0");
	/* no command line (yet): the name, still untrusted */
	assert_string_equal(cell_str(COLUMN_COMMAND, &s, &r, &c), "postgres");
	assert_true(c.untrusted);
	assert_string_equal(cell_str(COLUMN_CGROUP, &s, &r, &c), "N/A");
	assert_true(c.na);
	assert_false(c.untrusted);
	snapshot_fini(&s);
}

static void
test_unknown_is_na_not_zero(void **state)
{
	struct snapshot s;
	struct proc_row r = full_row();
	struct column_cell c;
	(void)state;
	snapshot_init(&s);
	s.mem.total_kb = SNAP_NA;
	r.oom_score = r.oom_score_adj = SNAP_NA;
	r.rss_kb = r.swap_kb = SNAP_NA;
	r.user[0] = '\0';
	static const enum column_id na[] = {COLUMN_OOM,    COLUMN_ADJ,
	                                    COLUMN_RSS,    COLUMN_SWAP,
	                                    COLUMN_MEMPCT, COLUMN_USER};
	for (size_t i = 0; i < sizeof na / sizeof na[0]; i++) {
		assert_string_equal(cell_str(na[i], &s, &r, &c), "N/A");
		assert_true(c.na);
	}
	/* MEM% with a known RSS but unknown MemTotal is still N/A */
	r.rss_kb = 100;
	assert_string_equal(cell_str(COLUMN_MEMPCT, &s, &r, &c), "N/A");
	snapshot_fini(&s);
}

static void
test_command_line_and_cgroup_from_pool(void **state)
{
	struct snapshot s;
	struct proc_row r = full_row();
	struct column_cell c;
	static const char cmd[] = "postgres\0-D\0/var/lib/pg\0";
	static const char cg[] = "/system.slice/pg.service";
	(void)state;
	snapshot_init(&s);
	assert_int_equal(
	    snapshot_str_append(&s, cmd, sizeof cmd - 1, &r.cmdline_off), 0);
	r.cmdline_len = sizeof cmd - 1;
	assert_int_equal(
	    snapshot_str_append(&s, cg, sizeof cg - 1, &r.cgroup_off), 0);
	r.cgroup_len = sizeof cg - 1;
	columns_cell(COLUMN_COMMAND, &s, &r, (char[64]){0}, 64, &c);
	/* borrowed, trailing NUL dropped, NULs become spaces in the view */
	assert_int_equal(c.len, sizeof cmd - 2);
	assert_memory_equal(c.text, cmd, c.len);
	assert_true(c.nul_space);
	assert_true(c.untrusted);
	assert_string_equal(cell_str(COLUMN_CGROUP, &s, &r, &c), cg);
	assert_true(c.untrusted);
	assert_true(c.keep_tail);
	/* the command line is cut from the right as before */
	columns_cell(COLUMN_COMMAND, &s, &r, (char[64]){0}, 64, &c);
	assert_false(c.keep_tail);
	/* a kernel thread shows [name] even if a command line were there */
	r.kthread = true;
	strcpy(r.comm, "kswapd0");
	assert_string_equal(cell_str(COLUMN_COMMAND, &s, &r, &c), "[kswapd0]");
	/* a hostile name is returned raw and flagged for the sanitizer */
	r.kthread = false;
	r.cmdline_off = SNAP_NO_STR;
	r.cmdline_len = 0;
	memcpy(r.comm, "x\x1b[31m)\n", 8);
	r.comm[8] = '\0';
	assert_string_equal(cell_str(COLUMN_COMMAND, &s, &r, &c),
	                    "x\x1b[31m)\n");
	assert_true(c.untrusted);
	snapshot_fini(&s);
}

/* A cgroup path too long for its cells keeps its end (the leaf). */
static void
test_tail(void **state)
{
	static const char path[] =
	    "/process_api/2fc4f899b16e4c0a9d2b/worker-7.scope";
	static const char utf8[] =
	    "/a/\xc3\xa9t\xc3\xa9\xe2\x82\xac\xf0\x9f\x90"
	    "\xb3";
	size_t len = sizeof path - 1, off;
	(void)state;
	/* short or exactly fitting: unchanged */
	assert_int_equal(columns_tail("/init.scope", 11, 23), 0);
	assert_int_equal(columns_tail("/init.scope", 11, 11), 0);
	/* long: the last 23 bytes, the leaf included */
	off = columns_tail(path, len, 23);
	assert_int_equal(len - off, 23);
	assert_memory_equal(path + off, "4c0a9d2b/worker-7.scope", 23);
	/* never starts inside a UTF-8 sequence: the 4-byte whale, the
	 * 3-byte euro and the 2-byte e-acute are kept whole or dropped */
	len = sizeof utf8 - 1; /* 15 bytes */
	assert_int_equal(columns_tail(utf8, len, 4), len - 4);
	assert_int_equal(columns_tail(utf8, len, 3), len); /* nothing fits */
	assert_int_equal(columns_tail(utf8, len, 6), len - 4);
	assert_int_equal(columns_tail(utf8, len, 7), len - 7);
	assert_int_equal(columns_tail(utf8, len, 8), len - 7);
	assert_int_equal(columns_tail(utf8, len, 9), len - 9);
	for (size_t keep = 1; keep < len; keep++) {
		off = columns_tail(utf8, len, keep);
		assert_true(len - off <= keep);
		assert_true(off == len ||
		            ((unsigned char)utf8[off] & 0xc0) != 0x80);
	}
	/* stray continuation bytes (invalid UTF-8): at most 3 skipped, the
	 * sanitizer escapes the rest */
	assert_int_equal(columns_tail("\x80\x80\x80\x80\x80\x80", 6, 5), 4);
	/* empty: nothing to cut */
	assert_int_equal(columns_tail("", 0, 23), 0);
	assert_int_equal(columns_tail(NULL, 0, 0), 0);
}

/* An unknown cgroup is N/A, which is never cut. */
static void
test_unknown_cgroup_not_cut(void **state)
{
	struct snapshot s;
	struct proc_row r = full_row();
	struct column_cell c;
	(void)state;
	snapshot_init(&s);
	assert_string_equal(cell_str(COLUMN_CGROUP, &s, &r, &c), "N/A");
	assert_true(c.na);
	assert_false(c.keep_tail);
	snapshot_fini(&s);
}

/* Unknown sizes become the caller's word, known ones the usual text. */
static void
test_kb_or(void **state)
{
	char b[16];

	(void)state;
	assert_string_equal(columns_kb_or(SNAP_NA, "N/A", b, sizeof b), "N/A");
	assert_string_equal(columns_kb_or(-1, "?", b, sizeof b), "?");
	assert_string_equal(columns_kb_or(812, "?", b, sizeof b), "812K");
	assert_ptr_equal(columns_kb_or(0, "?", b, sizeof b), b);
	assert_string_equal(b, "0K");
}

/* The default columns, as a shown[] array. */
static void
defaults(bool shown[COLUMN_COUNT])
{
	for (unsigned i = 0; i < COLUMN_COUNT; i++)
		shown[i] = columns_desc((enum column_id)i)->shown_by_default;
}

/* The cells of the fixed columns in fit, with separators and the mark. */
static int
fixed_w(const bool fit[COLUMN_COUNT])
{
	int w = 1;

	for (unsigned i = 0; i < COLUMN_COUNT; i++)
		if (fit[i] && columns_desc((enum column_id)i)->width > 0)
			w += columns_desc((enum column_id)i)->width + 1;
	return w;
}

/* Narrow lines lose optional columns in order; wide ones keep them all. */
static void
test_fit_drops_optional_columns_in_order(void **state)
{
	bool shown[COLUMN_COUNT], fit[COLUMN_COUNT];

	(void)state;
	defaults(shown);
	/* 120 cells: everything fits, COMMAND gets >= the minimum */
	assert_int_equal(columns_fit(shown, 120, 0, true, fit), 0);
	assert_memory_equal(fit, shown, sizeof fit);
	assert_true(120 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);

	/* 80 cells without swap: SWAP, FILE, SHM go, ANON stays */
	assert_int_equal(columns_fit(shown, 80, 0, true, fit), 3);
	assert_false(fit[COLUMN_SWAP]);
	assert_false(fit[COLUMN_FILE]);
	assert_false(fit[COLUMN_SHM]);
	assert_true(fit[COLUMN_ANON]);
	assert_true(fit[COLUMN_MEMPCT]);
	assert_true(80 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);

	/* 80 cells with swap: FILE and SHM go first, then SWAP; ANON stays */
	assert_int_equal(columns_fit(shown, 80, 0, false, fit), 3);
	assert_false(fit[COLUMN_FILE]);
	assert_false(fit[COLUMN_SHM]);
	assert_false(fit[COLUMN_SWAP]);
	assert_true(fit[COLUMN_ANON]);
	/* 90 cells with swap: SWAP is kept */
	assert_int_equal(columns_fit(shown, 90, 0, false, fit), 2);
	assert_true(fit[COLUMN_SWAP]);

	/* the tree's subtree column counts against COMMAND */
	columns_fit(shown, 80, 8, true, fit);
	assert_true(80 - 8 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);
	assert_false(fit[COLUMN_ANON]);
}

/* The core columns stay however narrow; nothing goes without COMMAND. */
static void
test_fit_keeps_core_columns(void **state)
{
	bool shown[COLUMN_COUNT], fit[COLUMN_COUNT];

	(void)state;
	defaults(shown);
	shown[COLUMN_CGROUP] = true;
	assert_int_equal(columns_fit(shown, 10, 0, false, fit), 8);
	assert_true(fit[COLUMN_PID]);
	assert_true(fit[COLUMN_OOM]);
	assert_true(fit[COLUMN_ADJ]);
	assert_true(fit[COLUMN_RSS]);
	assert_true(fit[COLUMN_COMMAND]);
	assert_false(fit[COLUMN_USER]);
	assert_false(fit[COLUMN_STATE]);
	assert_false(fit[COLUMN_CGROUP]);

	/* CGROUP asked for at 120 cells: FILE makes room, CGROUP stays */
	assert_int_equal(columns_fit(shown, 120, 0, false, fit), 1);
	assert_false(fit[COLUMN_FILE]);
	assert_true(fit[COLUMN_CGROUP]);
	assert_true(fit[COLUMN_SWAP]);
	/* at 100 the default SWAP and ANON go before it */
	assert_int_equal(columns_fit(shown, 100, 0, false, fit), 4);
	assert_true(fit[COLUMN_CGROUP]);
	assert_false(fit[COLUMN_SWAP]);
	assert_false(fit[COLUMN_ANON]);
	assert_true(fit[COLUMN_MEMPCT]);
	assert_true(100 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);

	shown[COLUMN_COMMAND] = false;
	assert_int_equal(columns_fit(shown, 10, 0, false, fit), 0);
	assert_memory_equal(fit, shown, sizeof fit);
}

/* GROWTH and TREND turned on at 80 cells: both show, the default ANON,
 * MEM% and USER make room (with or without swap, in the tree too) and
 * MEM% comes back into the cells USER left; no default column comes back
 * while a turned-on one stays out. */
static void
test_fit_keeps_turned_on_columns(void **state)
{
	bool shown[COLUMN_COUNT], fit[COLUMN_COUNT];

	(void)state;
	defaults(shown);
	shown[COLUMN_GROWTH] = shown[COLUMN_TREND] = true;
	for (int no_swap = 0; no_swap < 2; no_swap++) {
		columns_fit(shown, 80, 0, no_swap, fit);
		assert_true(fit[COLUMN_GROWTH]);
		assert_true(fit[COLUMN_TREND]);
		assert_true(fit[COLUMN_STATE]);
		assert_false(fit[COLUMN_ANON]);
		assert_true(fit[COLUMN_MEMPCT]);
		assert_false(fit[COLUMN_USER]);
		assert_true(80 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);
	}
	columns_fit(shown, 80, 8, false, fit);
	assert_true(fit[COLUMN_GROWTH]);
	assert_true(fit[COLUMN_TREND]);
	assert_false(fit[COLUMN_MEMPCT]);
	assert_true(80 - 8 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);
	/* 62 cells: only TREND fits; S would, but GROWTH stays out */
	columns_fit(shown, 62, 0, false, fit);
	assert_true(fit[COLUMN_TREND]);
	assert_false(fit[COLUMN_GROWTH]);
	assert_false(fit[COLUMN_STATE]);
	assert_true(62 - fixed_w(fit) >= COLUMNS_COMMAND_MIN_W);
	/* at 120 every column fits; at 100 FILE, SHM and SWAP make room */
	assert_int_equal(columns_fit(shown, 120, 0, false, fit), 0);
	assert_int_equal(columns_fit(shown, 100, 0, false, fit), 3);
	assert_false(fit[COLUMN_SWAP]);
	assert_true(fit[COLUMN_ANON]);
	assert_true(fit[COLUMN_GROWTH]);
	assert_true(fit[COLUMN_TREND]);
}

/* GROWTH and TREND: off by default, from the verdict; "..." while
 * learning; a "?" on a verdict under 10 minutes; N/A without a history. */
static void
test_trend_cells(void **state)
{
	struct trend t;
	struct column_cell c;
	struct snapshot s;
	struct proc_row r;
	char buf[64];

	(void)state;
	assert_false(columns_desc(COLUMN_GROWTH)->shown_by_default);
	assert_false(columns_desc(COLUMN_TREND)->shown_by_default);
	memset(&t, 0, sizeof t);
	t.verdict = TREND_LEARNING;
	columns_trend_cell(COLUMN_GROWTH, &t, buf, sizeof buf, &c);
	assert_int_equal(c.len, 3);
	assert_memory_equal(c.text, "...", 3);
	columns_trend_cell(COLUMN_TREND, &t, buf, sizeof buf, &c);
	assert_memory_equal(c.text, "...", 3);
	t.verdict = TREND_RISING;
	t.rate_kb_per_hour = 38.0 * 1024;
	columns_trend_cell(COLUMN_GROWTH, &t, buf, sizeof buf, &c);
	assert_int_equal(c.len, strlen("+38M/h"));
	assert_memory_equal(c.text, "+38M/h", c.len);
	assert_false(c.na);
	columns_trend_cell(COLUMN_TREND, &t, buf, sizeof buf, &c);
	assert_int_equal(c.len, 7); /* on 0 s of data: weak */
	assert_memory_equal(c.text, "rising?", 7);
	t.span_s = COLUMNS_TREND_WEAK_S - 1;
	columns_trend_cell(COLUMN_TREND, &t, buf, sizeof buf, &c);
	assert_memory_equal(c.text, "rising?", 7);
	assert_true((int)c.len <= columns_desc(COLUMN_TREND)->width);
	t.span_s = COLUMNS_TREND_WEAK_S; /* 10 minutes: no longer weak */
	columns_trend_cell(COLUMN_TREND, &t, buf, sizeof buf, &c);
	assert_int_equal(c.len, 6);
	assert_memory_equal(c.text, "rising", 6);
	t.verdict = TREND_SAWTOOTH;
	t.rate_kb_per_hour = -1000;
	columns_trend_cell(COLUMN_TREND, &t, buf, sizeof buf, &c);
	assert_memory_equal(c.text, "saw", 3);
	columns_trend_cell(COLUMN_GROWTH, &t, buf, sizeof buf, &c);
	assert_int_equal(c.len, strlen("-1000K/h"));
	assert_memory_equal(c.text, "-1000K/h", c.len);
	/* every rate fits the column */
	t.rate_kb_per_hour = -1023;
	columns_trend_cell(COLUMN_GROWTH, &t, buf, sizeof buf, &c);
	assert_true((int)c.len <= columns_desc(COLUMN_GROWTH)->width);
	/* the words fit theirs */
	for (int v = TREND_FLAT; v < TREND_VERDICTS; v++) {
		t.verdict = (enum trend_verdict)v;
		columns_trend_cell(COLUMN_TREND, &t, buf, sizeof buf, &c);
		assert_true((int)c.len <= columns_desc(COLUMN_TREND)->width);
	}
	/* no history: columns_cell says N/A */
	snapshot_init(&s);
	memset(&r, 0, sizeof r);
	columns_cell(COLUMN_TREND, &s, &r, buf, sizeof buf, &c);
	assert_true(c.na);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_matches_enum),
	    cmocka_unit_test(test_batch_fields),
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_state),
	    cmocka_unit_test(test_format_kb),
	    cmocka_unit_test(test_cells),
	    cmocka_unit_test(test_unknown_is_na_not_zero),
	    cmocka_unit_test(test_command_line_and_cgroup_from_pool),
	    cmocka_unit_test(test_fit_drops_optional_columns_in_order),
	    cmocka_unit_test(test_fit_keeps_core_columns),
	    cmocka_unit_test(test_fit_keeps_turned_on_columns),
	    cmocka_unit_test(test_kb_or),
	    cmocka_unit_test(test_tail),
	    cmocka_unit_test(test_unknown_cgroup_not_cut),
	    cmocka_unit_test(test_trend_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
