/* procstat.c: /proc/PID/stat and status parsers (see procstat.h). */
#include "model/procstat.h"

#include <string.h>

#include "model/textscan.h"

/* Skip n whitespace-separated fields starting at *p (at a blank). */
static int
stat_skip_fields(const char **p, const char *end, int n)
{
	const char *s = *p;

	while (n-- > 0) {
		if (s >= end || *s != ' ')
			return -1;
		s++;
		if (s >= end || *s == ' ' || *s == '\n')
			return -1;
		while (s < end && *s != ' ' && *s != '\n')
			s++;
	}
	*p = s;
	return 0;
}

/* Parse one " <number>" field. */
static int
stat_field_i64(const char **p, const char *end, int64_t *v)
{
	if (*p >= end || **p != ' ')
		return -1;
	(*p)++;
	return textscan_i64(p, end, v);
}

/* Parse /proc/PID/stat by the last ')'. */
int
procstat_parse_stat(const char *buf, size_t len, struct procstat_stat *out)
{
	const char *end = buf + len, *open, *close, *p = buf;
	struct procstat_stat st;
	int64_t pid, ppid, flags;
	uint64_t start;
	size_t n;

	if (textscan_i64(&p, end, &pid) != 0 || pid <= 0 || pid > INT32_MAX)
		return -1;
	if (end - p < 2 || p[0] != ' ' || p[1] != '(')
		return -1;
	open = p + 1;
	close = NULL;
	for (const char *q = end; q > open + 1; q--) {
		if (q[-1] == ')') {
			close = q - 1;
			break;
		}
	}
	if (close == NULL)
		return -1;
	memset(&st, 0, sizeof st);
	st.pid = (int32_t)pid;
	st.comm_len = (size_t)(close - open - 1);
	n = st.comm_len < sizeof st.comm - 1 ? st.comm_len : sizeof st.comm - 1;
	memcpy(st.comm, open + 1, n);
	st.comm[n] = '\0';
	p = close + 1;
	/* field 3: state */
	if (end - p < 2 || p[0] != ' ' || p[1] == ' ' || p[1] == '\n')
		return -1;
	st.state = p[1];
	p += 2;
	if (stat_field_i64(&p, end, &ppid) != 0 || ppid < 0 || ppid > INT32_MAX)
		return -1;
	st.ppid = (int32_t)ppid;
	/* fields 5-8: pgrp session tty_nr tpgid; 9: flags */
	if (stat_skip_fields(&p, end, 4) != 0 ||
	    stat_field_i64(&p, end, &flags) != 0 || flags < 0 ||
	    flags > UINT32_MAX)
		return -1;
	st.flags = (uint32_t)flags;
	/* fields 10-21, then 22: starttime */
	if (stat_skip_fields(&p, end, 12) != 0 || p >= end || *p != ' ')
		return -1;
	p++;
	if (textscan_u64(&p, end, &start) != 0 || start > INT64_MAX)
		return -1;
	if (p >= end || (*p != ' ' && *p != '\n'))
		return -1; /* cut inside field 22, or garbage */
	st.start_time = start;
	*out = st;
	return 0;
}

static const struct textscan_key status_keys[] = {
    TEXTSCAN_KEY("Uid"),     TEXTSCAN_KEY("VmRSS"),    TEXTSCAN_KEY("RssAnon"),
    TEXTSCAN_KEY("RssFile"), TEXTSCAN_KEY("RssShmem"), TEXTSCAN_KEY("VmSwap"),
    TEXTSCAN_KEY("VmPTE"),   TEXTSCAN_KEY("Kthread"),  TEXTSCAN_KEY("PPid"),
};
#define STATUS_NKEYS (sizeof status_keys / sizeof status_keys[0])

/* The value of octal digit c, or -1. */
static int
status_octal(char c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

/*
 * Decode the escaped name between p and end into ss (cut to fit; the
 * decoded length is kept). False on an escape the kernel never writes.
 */
static bool
status_name(const char *p, const char *end, struct procstat_status *ss)
{
	size_t n = 0;
	char c;

	while (p < end) {
		c = *p++;
		if (c == '\\') {
			if (p < end && (*p == '\\' || *p == 'n')) {
				c = *p == 'n' ? '\n' : '\\';
				p++;
			} else if (end - p >= 3 && status_octal(p[0]) >= 0 &&
			           status_octal(p[0]) <= 3 &&
			           status_octal(p[1]) >= 0 &&
			           status_octal(p[2]) >= 0) {
				c = (char)(status_octal(p[0]) * 64 +
				           status_octal(p[1]) * 8 +
				           status_octal(p[2]));
				p += 3;
			} else {
				return false;
			}
		}
		if (n < sizeof ss->name - 1)
			ss->name[n] = c;
		n++;
	}
	ss->name[n < sizeof ss->name - 1 ? n : sizeof ss->name - 1] = '\0';
	ss->name_len = n;
	return true;
}

/*
 * The Name and State lines of status (before Tgid in every kernel; the
 * scan stops there). Name is "Name:\t" + the escaped name; State is
 * "State:" + blanks + the letter.
 */
static void
status_text_lines(const char *buf, size_t len, struct procstat_status *ss)
{
	const char *p = buf, *end = buf + len, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (nl - p >= 6 && memcmp(p, "Name:\t", 6) == 0) {
			ss->has_name = status_name(p + 6, nl, ss);
		} else if (nl - p >= 6 && memcmp(p, "State:", 6) == 0) {
			p += 6;
			textscan_blanks(&p, nl);
			ss->state = p < nl ? *p : 0;
		} else if (nl - p >= 5 && memcmp(p, "Tgid:", 5) == 0) {
			break;
		}
		p = nl + 1;
	}
}

/* Parse /proc/PID/status. */
int
procstat_parse_status(const char *buf, size_t len, struct procstat_status *out)
{
	struct procstat_status ss;
	int64_t v[STATUS_NKEYS];

	if (textscan_keyed(buf, len, ':', status_keys, STATUS_NKEYS, v,
	                   SNAP_NA) < 0)
		return -1;
	if (v[0] == SNAP_NA || v[0] < 0 || v[0] >= (int64_t)SNAP_UID_NA)
		return -1;
	if (textscan_any_negative(v + 1, STATUS_NKEYS - 1, SNAP_NA))
		return -1;
	if ((v[7] != SNAP_NA && v[7] > 1) ||
	    (v[8] != SNAP_NA && v[8] > INT32_MAX))
		return -1;
	memset(&ss, 0, sizeof ss);
	ss.uid = (uint32_t)v[0];
	ss.rss_kb = v[1];
	ss.anon_kb = v[2];
	ss.file_kb = v[3];
	ss.shmem_kb = v[4];
	ss.swap_kb = v[5];
	ss.pte_kb = v[6];
	ss.kthread = v[7] == SNAP_NA ? -1 : (int)v[7];
	ss.ppid = v[8] == SNAP_NA ? -1 : (int32_t)v[8];
	status_text_lines(buf, len, &ss);
	*out = ss;
	return 0;
}

/* Fill a row from parsed stat and status. */
void
procstat_fill_row(struct proc_row *row, const struct procstat_stat *st,
                  const struct procstat_status *ss)
{
	memset(row, 0, sizeof *row);
	row->pid = st->pid;
	row->ppid = st->ppid;
	row->uid = ss->uid;
	row->state = st->state;
	row->kthread =
	    (st->flags & PROCSTAT_PF_KTHREAD) != 0 || ss->kthread == 1;
	memcpy(row->comm, st->comm, sizeof row->comm);
	row->rss_kb = ss->rss_kb;
	if (row->rss_kb == SNAP_NA && ss->anon_kb != SNAP_NA &&
	    ss->file_kb != SNAP_NA && ss->shmem_kb != SNAP_NA)
		row->rss_kb = ss->anon_kb + ss->file_kb + ss->shmem_kb;
	row->anon_kb = ss->anon_kb;
	row->file_kb = ss->file_kb;
	row->shmem_kb = ss->shmem_kb;
	row->swap_kb = ss->swap_kb;
	row->pte_kb = ss->pte_kb;
	row->oom_score = SNAP_NA;
	row->oom_score_adj = SNAP_NA;
	row->start_time = st->start_time;
	row->cmdline_off = SNAP_NO_STR;
	row->cmdline_len = 0;
	row->cgroup_off = SNAP_NO_STR;
	row->cgroup_len = 0;
}

/* The stat fields of a known process, from its status. */
int
procstat_stat_from_status(struct procstat_stat *st,
                          const struct procstat_status *ss, int32_t pid,
                          uint64_t start_time, bool kthread)
{
	if (!ss->has_name || ss->state == 0 || ss->ppid < 0)
		return -1;
	memset(st, 0, sizeof *st);
	st->pid = pid;
	st->ppid = ss->ppid;
	st->state = ss->state;
	st->flags = kthread ? PROCSTAT_PF_KTHREAD : 0;
	st->start_time = start_time;
	memcpy(st->comm, ss->name, sizeof st->comm);
	st->comm_len = ss->name_len;
	return 0;
}
