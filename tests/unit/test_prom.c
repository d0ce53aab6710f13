/* Unit tests for model/prom.c, model/promtally.c and persist/promfile.c:
 * the Prometheus exposition of a built snapshot, and its textfile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/prom.h"
#include "model/snapcg.h"
#include "persist/promfile.h"

/* A snapshot with every system value known. */
static void
snap_fill(struct snapshot *s)
{
	snapshot_init(s);
	snapshot_reset(s);
	s->mem.total_kb = 1000;
	s->mem.available_kb = 400;
	s->mem.swap_total_kb = 100;
	s->mem.swap_free_kb = 60;
	s->mem.committed_as_kb = 900;
	s->mem.commit_limit_kb = 1200;
	s->vmstat.oom_kill = 7;
	s->psi.valid = true;
	s->psi.some.avg10 = 12.34;
	s->psi.full_valid = false;
}

/* Push a process of pid, comm, oom_score and rss_kb. */
static void
push_proc(struct snapshot *s, int32_t pid, const char *comm, int64_t score,
          int64_t rss_kb)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.state = 'S';
	memcpy(r.comm, comm, strnlen(comm, sizeof r.comm - 1));
	r.oom_score = score;
	r.oom_score_adj = score == SNAP_NA ? SNAP_NA : score - 100;
	r.rss_kb = rss_kb;
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	assert_int_equal(snapshot_push_proc(s, &r), 0);
}

/* Render in into a string the caller frees. */
static char *
render(const struct prom_input *in)
{
	struct prom_text t;
	char *out;

	prom_text_init(&t);
	assert_int_equal(prom_render(&t, in), 0);
	out = strdup(t.s);
	assert_non_null(out);
	prom_text_fini(&t);
	return out;
}

/* The number of lines of text starting with prefix. */
static size_t
count_lines(const char *text, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);

	for (const char *p = text; p && *p;
	     p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, prefix, len) == 0)
			n++;
	return n;
}

/* A label value as prom.c writes it (without quotes). */
static char *
label(const char *raw, size_t len)
{
	struct prom_text t;
	char *out;

	prom_text_init(&t);
	prom_label_value(&t, raw, len);
	out = strdup(t.s ? t.s : "");
	prom_text_fini(&t);
	return out;
}

static void
test_label_escaping(void **state)
{
	char *a, *b;
	(void)state;
	/* quote escaped; newline and ESC made visible; a raw backslash as
	 * \x5c, every backslash then escaped for the format */
	a = label("a\"b\n\\c\x1b[", 8);
	assert_string_equal(a, "a\\\"b\\\\x0a\\\\x5cc\\\\x1b[");
	free(a);
	/* the text "\x01" and the byte 0x01 give two labels, not one */
	a = label("\\x01", 4);
	b = label("\x01", 1);
	assert_string_equal(a, "\\\\x5cx01");
	assert_string_equal(b, "\\\\x01");
	free(a);
	free(b);
	a = label("caf\xc3\xa9 /a.slice", 14); /* valid UTF-8 stays */
	assert_string_equal(a, "caf\xc3\xa9 /a.slice");
	free(a);
}

static void
test_names(void **state)
{
	struct snapshot s;
	struct promtally k;
	struct prom_input in = {.victim = 0, .top_n = PROM_TOP_DEFAULT};
	char *out, *line;
	size_t types = 0;
	(void)state;
	assert_true(prom_name_is_valid("oomwatch_a:b_1"));
	assert_false(prom_name_is_valid("1abc"));
	assert_false(prom_name_is_valid("a-b"));
	assert_false(prom_name_is_valid(""));
	snap_fill(&s);
	push_proc(&s, 10, "x", 500, 100);
	promtally_init(&k);
	in.snap = &s;
	in.klog = &k;
	out = render(&in);
	/* every family: valid name, oomwatch_ prefix, counters _total */
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		char name[128], type[32];
		size_t n;
		if (sscanf(line, "# TYPE %127s %31s", name, type) != 2)
			continue;
		types++;
		n = strlen(name);
		assert_true(prom_name_is_valid(name));
		assert_int_equal(strncmp(name, "oomwatch_", 9), 0);
		if (strcmp(type, "counter") == 0)
			assert_string_equal(name + n - 6, "_total");
		else
			assert_string_equal(type, "gauge");
	}
	assert_true(types >= 15);
	free(out);
	snapshot_fini(&s);
}

static void
test_system_values(void **state)
{
	struct snapshot s;
	struct prom_input in = {.victim = -1};
	char *out;
	(void)state;
	snap_fill(&s);
	in.snap = &s;
	out = render(&in);
	assert_non_null(strstr(out, "\noomwatch_memory_total_bytes 1024000\n"));
	assert_non_null(strstr(out, "\noomwatch_swap_used_bytes 40960\n"));
	/* a counter, typed as one */
	assert_non_null(strstr(out, "# TYPE oomwatch_oom_kills_total counter\n"
	                            "oomwatch_oom_kills_total 7\n"));
	/* percent as a ratio, never the locale's decimal comma */
	assert_non_null(
	    strstr(out, "\noomwatch_psi_memory_some_avg10_ratio 0.1234\n"));
	assert_null(strstr(out, "full_avg10"));
	/* the log was not read: only the "up" gauge says so */
	assert_non_null(strstr(out, "\noomwatch_kernel_log_up 0\n"));
	assert_null(strstr(out, "oomwatch_kernel_events_total"));
	/* no timestamps: every sample line has exactly one space */
	for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n"))
		if (l[0] != '#')
			assert_ptr_equal(strchr(l, ' '), strrchr(l, ' '));
	free(out);
	/* unknown is left out, not 0 */
	s.mem.available_kb = SNAP_NA;
	s.vmstat.oom_kill = SNAP_NA;
	s.psi.valid = false;
	out = render(&in);
	assert_null(strstr(out, "available"));
	assert_null(strstr(out, "oom_kills_total"));
	assert_null(strstr(out, "psi"));
	free(out);
	snapshot_fini(&s);
}

static void
test_forecast(void **state)
{
	struct snapshot s;
	struct forecast fc = {.valid = false, .eta_s = 99};
	struct prom_input in = {.victim = -1};
	char *out;
	(void)state;
	snap_fill(&s);
	in.snap = &s;
	out = render(&in); /* no history (-n 1) */
	assert_null(strstr(out, "forecast"));
	free(out);
	in.mem_oom = &fc; /* a history, but no honest number */
	out = render(&in);
	assert_null(strstr(out, "forecast"));
	free(out);
	fc.valid = true;
	fc.eta_s = 120;
	out = render(&in);
	assert_non_null(
	    strstr(out, "# TYPE oomwatch_forecast_mem_oom_seconds gauge\n"
	                "oomwatch_forecast_mem_oom_seconds 120\n"));
	free(out);
	snapshot_fini(&s);
}

static void
test_top_n(void **state)
{
	struct snapshot s;
	struct prom_input in = {.victim = 2, .top_n = PROM_TOP_DEFAULT};
	size_t rows[] = {0, 1, 5};
	char *out;
	(void)state;
	snap_fill(&s);
	for (int i = 0; i < 30; i++) {
		char comm[16];
		snprintf(comm, sizeof comm, "p%d", i);
		push_proc(&s, 100 + i, comm, i == 7 ? SNAP_NA : i * 10, i);
	}
	in.snap = &s;
	out = render(&in);
	/* 10 by default, the highest scores, best first */
	assert_int_equal(count_lines(out, "oomwatch_process_oom_score{"), 10);
	assert_int_equal(count_lines(out, "oomwatch_process_rss_bytes{"), 10);
	assert_non_null(strstr(out, "\noomwatch_process_oom_score{pid=\"129\","
	                            "comm=\"p29\"} 290\n"
	                            "oomwatch_process_oom_score{pid=\"128\""));
	assert_non_null(strstr(out, "{pid=\"120\",comm=\"p20\"} 200\n"));
	assert_null(strstr(out, "{pid=\"119\""));
	assert_non_null(strstr(out, "\noomwatch_process_oom_score_adj{pid="
	                            "\"129\",comm=\"p29\"} 190\n"));
	/* the next victim as given */
	assert_non_null(strstr(out, "\noomwatch_next_victim_oom_score{pid="
	                            "\"102\",comm=\"p2\"} 20\n"));
	free(out);
	/* top_n and the rows the filter chose; an unknown score never ranks */
	in.top_n = 2;
	in.rows = rows;
	in.nrows = 3;
	rows[1] = 7;
	out = render(&in);
	assert_int_equal(count_lines(out, "oomwatch_process_oom_score{"), 2);
	assert_non_null(strstr(out, "{pid=\"105\",comm=\"p5\"} 50\n"
	                            "oomwatch_process_oom_score{pid=\"100\""));
	assert_null(strstr(out, "pid=\"107\""));
	free(out);
	/* --prom-top 0: no process families at all, the victim still */
	in.top_n = 0;
	out = render(&in);
	assert_null(strstr(out, "oomwatch_process_"));
	assert_non_null(strstr(out, "\noomwatch_next_victim_oom_score{"));
	free(out);
	/* --prom-top 100 of 30: every known score, the unknown one left out */
	in.top_n = 100;
	in.rows = NULL;
	out = render(&in);
	assert_int_equal(count_lines(out, "oomwatch_process_oom_score{"), 29);
	free(out);
	snapshot_fini(&s);
}

static void
test_hostile_comm(void **state)
{
	struct snapshot s;
	struct prom_input in = {.victim = 0, .top_n = PROM_TOP_DEFAULT};
	char *out;
	(void)state;
	snap_fill(&s);
	push_proc(&s, 42, "a\"b\n\\c\x1b[2J", 900, 10);
	in.snap = &s;
	out = render(&in);
	assert_non_null(strstr(out, "\noomwatch_process_oom_score{pid=\"42\","
	                            "comm=\"a\\\"b\\\\x0a\\\\x5cc\\\\x1b[2J\"} "
	                            "900\n"));
	/* nothing raw: no ESC, and the newline did not split a sample */
	assert_null(strchr(out, '\x1b'));
	assert_int_equal(count_lines(out, "oomwatch_next_victim_oom_score{"),
	                 1);
	free(out);
	snapshot_fini(&s);
}

/* Feed an OOM kill of constraint c in memcg (NULL: none given). */
static void
add_kill(struct promtally *k, enum oom_constraint c, const char *memcg)
{
	struct kevent e;

	memset(&e, 0, sizeof e);
	e.kind = KEVENT_OOM_KILL;
	e.oom.constraint = c;
	if (memcg != NULL) {
		e.oom.memcg.set = true;
		e.oom.memcg.len = strlen(memcg);
		memcpy(e.oom.memcg.s, memcg, e.oom.memcg.len);
	}
	promtally_add(k, &e);
}

static void
test_kernel_counts(void **state)
{
	struct snapshot s;
	struct promtally k;
	struct prom_input in = {.victim = -1};
	struct kevent hung = {.kind = KEVENT_HUNG_TASK};
	char *out, path[32];
	(void)state;
	snap_fill(&s);
	promtally_init(&k);
	promtally_add(&k, &hung);
	for (int i = 0; i < 15; i++) { /* /m0 once .. /m14 15 times */
		snprintf(path, sizeof path, "/m%d", i);
		for (int j = 0; j <= i; j++)
			add_kill(&k, OOM_CONSTRAINT_MEMCG, path);
	}
	add_kill(&k, OOM_CONSTRAINT_GLOBAL, NULL);
	add_kill(&k, OOM_CONSTRAINT_UNKNOWN, "other"); /* not a path */
	in.snap = &s;
	in.klog = &k;
	out = render(&in);
	assert_non_null(strstr(out, "\noomwatch_kernel_log_up 1\n"));
	assert_non_null(strstr(out, "\noomwatch_kernel_events_total{kind="
	                            "\"oom_kill\"} 122\n"));
	assert_non_null(strstr(out, "\noomwatch_kernel_events_total{kind="
	                            "\"hung_task\"} 1\n"));
	assert_non_null(strstr(out, "{kind=\"panic\"} 0\n"));
	/* top 10 pairs by count, the rest summed as "other" */
	assert_non_null(strstr(out, "# TYPE oomwatch_kernel_oom_kills_total "
	                            "counter\noomwatch_kernel_oom_kills_total{"
	                            "constraint=\"CONSTRAINT_MEMCG\",memcg="
	                            "\"/m14\"} 15\n"));
	assert_non_null(strstr(out, "memcg=\"/m5\"} 6\n"));
	assert_null(strstr(out, "memcg=\"/m4\""));
	assert_non_null(strstr(out, "{constraint=\"CONSTRAINT_MEMCG\",memcg="
	                            "\"other\"} 15\n")); /* 1+2+3+4+5 */
	assert_int_equal(count_lines(out, "oomwatch_kernel_oom_kills_total{"),
	                 10 + 3); /* + MEMCG other, two unknown */
	/* --batch: the HELP says the counts are of the kernel's buffer */
	assert_non_null(strstr(out, "# HELP oomwatch_kernel_events_total "
	                            "Kernel events in the log since boot, as "
	                            "far as the kernel's buffer still holds "
	                            "it, by kind.\n"));
	assert_non_null(strstr(out, "# HELP oomwatch_kernel_oom_kills_total "
	                            "OOM kills in the kernel log as far as the "
	                            "kernel's buffer still holds it"));
	free(out);
	/* the recorder's textfile: counted since it started */
	in.klog_span = PROM_KLOG_SINCE_START;
	out = render(&in);
	assert_non_null(strstr(out,
	                       "# HELP oomwatch_kernel_events_total "
	                       "Kernel events the recorder read in the log "
	                       "since it started (its backlog then "
	                       "included), by kind.\n"));
	assert_non_null(strstr(out, "# HELP oomwatch_kernel_oom_kills_total "
	                            "OOM kills the recorder read in the kernel "
	                            "log since it started"));
	assert_null(strstr(out, "buffer still holds"));
	free(out);
	in.klog_span = PROM_KLOG_BUFFER;
	/* past the table's 64 pairs, kills still count (as "other") */
	promtally_init(&k);
	for (int i = 0; i < 70; i++) {
		snprintf(path, sizeof path, "/n%d", i);
		add_kill(&k, OOM_CONSTRAINT_MEMCG, path);
	}
	assert_int_equal(k.nkills, PROMTALLY_KILLS_MAX);
	assert_int_equal(k.kills_other[OOM_CONSTRAINT_MEMCG], 6);
	out = render(&in);
	assert_non_null(strstr(out, "{constraint=\"CONSTRAINT_MEMCG\",memcg="
	                            "\"other\"} 60\n"));
	assert_int_equal(count_lines(out, "oomwatch_kernel_oom_kills_total{"),
	                 11);
	free(out);
	/* a kill without a memcg, and one whose memcg is no path */
	promtally_init(&k);
	add_kill(&k, OOM_CONSTRAINT_GLOBAL, NULL);
	add_kill(&k, OOM_CONSTRAINT_UNKNOWN, "other");
	out = render(&in);
	assert_non_null(strstr(out, "{constraint=\"CONSTRAINT_NONE\",memcg="
	                            "\"unknown\"} 1\n"));
	assert_non_null(
	    strstr(out, "{constraint=\"unknown\",memcg=\"unknown\"} 1\n"));
	free(out);
	snapshot_fini(&s);
}

/* Push a cgroup2 cgroup at path with usage, limit (SNAP_NA: unlimited)
 * and oom_kill events. */
static void
push_cg(struct snapshot *s, const char *path, int64_t usage, int64_t max,
        int64_t oom_kill)
{
	struct snap_cgroup cg;

	snapcg_init(&cg, SNAP_CGROUP_V2, 1);
	assert_int_equal(
	    snapshot_str_append(s, path, strlen(path), &cg.path_off), 0);
	cg.path_len = (uint32_t)strlen(path);
	cg.mem.current_bytes = usage;
	cg.mem.max_bytes = max == SNAP_NA ? CGMEM_UNLIMITED : max;
	cg.mem.events.oom_kill = oom_kill;
	assert_int_equal(snapshot_push_cgroup(s, &cg), 0);
}

static void
test_cgroups(void **state)
{
	struct snapshot s;
	struct prom_input in = {.victim = -1};
	char *out;
	(void)state;
	snap_fill(&s);
	push_cg(&s, "/", 5000, SNAP_NA, SNAP_NA);
	push_cg(&s, "/a.slice/x\"y", 100, 200, 3);
	in.snap = &s;
	out = render(&in);
	assert_non_null(strstr(out, "\noomwatch_cgroup_memory_usage_bytes{"
	                            "cgroup=\"/\"} 5000\n"));
	assert_non_null(strstr(out, "\noomwatch_cgroup_memory_limit_bytes{"
	                            "cgroup=\"/a.slice/x\\\"y\"} 200\n"));
	/* unlimited: no limit series */
	assert_int_equal(
	    count_lines(out, "oomwatch_cgroup_memory_limit_bytes{"), 1);
	assert_non_null(strstr(out, "\noomwatch_cgroup_memory_events_total{"
	                            "cgroup=\"/a.slice/x\\\"y\",event="
	                            "\"oom_kill\"} 3\n"));
	assert_int_equal(
	    count_lines(out, "oomwatch_cgroup_memory_events_total{"), 1);
	free(out);
	snapshot_fini(&s);
}

static void
test_textfile(void **state)
{
	char dir[] = "/tmp/test_prom.XXXXXX", path[64], buf[64];
	struct stat st;
	struct dirent *d;
	DIR *dh;
	FILE *f;
	size_t n, files = 0;
	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(promfile_write(dir, "a 1\n", 4), 0);
	assert_int_equal(promfile_write(dir, "oomwatch_x 2\n", 13), 0);
	snprintf(path, sizeof path, "%s/oomwatch.prom", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_string_equal(buf, "oomwatch_x 2\n");
	dh = opendir(dir); /* no temporary file left */
	assert_non_null(dh);
	while ((d = readdir(dh)) != NULL)
		if (d->d_name[0] != '.')
			files++;
	closedir(dh);
	assert_int_equal(files, 1);
	assert_int_equal(promfile_write(path, "x", 1), -ENOTDIR);
	unlink(path);
	rmdir(dir);
	assert_int_equal(promfile_write(dir, "x", 1), -ENOENT);
}

/* Child: read path over and over for about 300 ms; exit 0 when every
 * read saw one of the two whole texts (or no file yet), 1 otherwise. */
static void
reader(const char *path, const char *a, const char *b, size_t len)
{
	static char buf[1 << 17];
	int reads = 0;

	for (int i = 0; i < 3000; i++, usleep(100)) {
		FILE *f = fopen(path, "r");
		size_t n;
		if (f == NULL)
			continue;
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		if (n != len || (memcmp(buf, a, len) && memcmp(buf, b, len)))
			_exit(1);
		reads++;
	}
	_exit(reads > 0 ? 0 : 2);
}

static void
test_textfile_whole(void **state)
{
	char dir[] = "/tmp/test_prom.XXXXXX", path[64];
	size_t len = 100000;
	char *a = malloc(len), *b = malloc(len);
	int status;
	pid_t pid;
	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	memset(a, 'a', len);
	memset(b, 'b', len);
	a[len - 1] = b[len - 1] = '\n';
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/oomwatch.prom", dir);
	assert_int_equal(promfile_write(dir, a, len), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		reader(path, a, b, len);
	for (int i = 0; i < 100; i++) /* rewrite while the child reads */
		assert_int_equal(promfile_write(dir, i % 2 ? a : b, len), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	unlink(path);
	assert_int_equal(rmdir(dir), 0); /* empty: no temporary file left */
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_label_escaping),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_system_values),
	    cmocka_unit_test(test_forecast),
	    cmocka_unit_test(test_top_n),
	    cmocka_unit_test(test_hostile_comm),
	    cmocka_unit_test(test_kernel_counts),
	    cmocka_unit_test(test_cgroups),
	    cmocka_unit_test(test_textfile),
	    cmocka_unit_test(test_textfile_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
