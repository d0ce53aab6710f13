/* bootsrc.c: the boot history's inputs, read once (see bootsrc.h). */
#include "collect/bootsrc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/journalrun.h"
#include "collect/procroot.h"
#include "core/clock.h"
#include "model/vmstat.h"

/* journalctl's arguments for every boot's kernel messages: the kernel
 * transport as a match, not -k (which implies -b, this boot only); the
 * newest BOOTSRC_JOURNAL_LINES of them, newest first (-r: so a huge
 * journal costs a bounded read, and a read cut short at the deadline
 * loses the oldest boots, never the newest; the lines are turned oldest
 * first again before the summary). */
#define STR2(x) #x
#define STR(x) STR2(x)
static const char *const journal_argv[] = {
    "journalctl",
    "_TRANSPORT=kernel",
    "-r",
    "-n",
    STR(BOOTSRC_JOURNAL_LINES),
    "-o",
    "json",
    "--no-pager",
    "--output-fields=MESSAGE,PRIORITY,SYSLOG_FACILITY,_TRANSPORT,_BOOT_ID",
    NULL,
};

/* The paths for these roots. */
void
bootsrc_paths(struct bootsrc_paths *p, const char *proc_root,
              const char *sys_root)
{
	memset(p, 0, sizeof *p);
	p->proc_root = proc_root;
	p->cancel_fd = -1;
	if (proc_root != NULL) {
		snprintf(p->wtmp, sizeof p->wtmp, "%s/boots/wtmp", proc_root);
		snprintf(p->pstore, sizeof p->pstore, "%s/boots/pstore",
		         proc_root);
		snprintf(p->systemd_pstore, sizeof p->systemd_pstore,
		         "%s/boots/systemd-pstore", proc_root);
		snprintf(p->journal_file, sizeof p->journal_file,
		         "%s/boots/journal.json", proc_root);
	} else {
		snprintf(p->wtmp, sizeof p->wtmp, "/var/log/wtmp");
		snprintf(p->pstore, sizeof p->pstore, "/sys/fs/pstore");
		snprintf(p->systemd_pstore, sizeof p->systemd_pstore,
		         "/var/lib/systemd/pstore");
	}
	if (sys_root != NULL)
		snprintf(p->pstore, sizeof p->pstore, "%s/fs/pstore", sys_root);
}

/* "not available (PATH: strerror)" into st. */
static void
unavailable(struct bootsrc_state *st, const char *path, int err)
{
	st->ok = false;
	snprintf(st->why, sizeof st->why, "not available (%.120s: %.50s)", path,
	         strerror(err));
}

/* Read at most max bytes of a file at dirfd/name (dirfd AT_FDCWD for a
 * path): the newest max bytes, from a multiple of align, when tail.
 * A malloc'd buffer (NUL-ended) and its length, or NULL with errno. */
static char *
slurp(int dirfd, const char *name, size_t max, size_t align, size_t *len,
      int64_t *mtime)
{
	struct stat sb;
	char *buf;
	off_t off = 0;
	ssize_t n;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		close(fd);
		return NULL;
	}
	if (align > 0 && (size_t)sb.st_size > max)
		off = (off_t)(((size_t)sb.st_size - max + align - 1) / align *
		              align);
	if (mtime != NULL)
		*mtime = (int64_t)sb.st_mtime;
	if ((buf = malloc(max + 1)) == NULL ||
	    (off > 0 && lseek(fd, off, SEEK_SET) < 0)) {
		free(buf);
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	n = procroot_read_fd(fd, buf, max);
	close(fd);
	if (n < 0) {
		free(buf);
		errno = (int)-n;
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* wtmp into d. */
static void
load_wtmp(struct bootsrc_data *d, const char *path)
{
	size_t len;
	char *buf = slurp(AT_FDCWD, path, BOOTSRC_WTMP_BYTES,
	                  wtmp_record_size(), &len, NULL);

	if (buf == NULL) {
		unavailable(&d->wtmp_state, path, errno);
		return;
	}
	d->nwtmp =
	    wtmp_parse(buf, len, d->wtmp, BOOTSRC_WTMP_MAX, &d->wtmp_stats);
	free(buf);
	d->wtmp_state.ok = true;
	if (d->wtmp_stats.records == 0)
		snprintf(d->wtmp_state.why, sizeof d->wtmp_state.why,
		         "%.150s is empty", path);
}

/* The pstore files read so far. */
struct files {
	struct pstore_file f[2 * BOOTSRC_FILES_MAX];
	size_t n;
};

/* Read dir/[folder/]name as one more file (skipped when unreadable). */
static void
add_file(struct files *fs, int dirfd, const char *folder, const char *name,
         bool systemd)
{
	struct pstore_file *f = &fs->f[fs->n];
	size_t len;
	int64_t mtime = KLOG_NA;
	char *data;

	if (fs->n == sizeof fs->f / sizeof fs->f[0])
		return;
	data = slurp(dirfd, name, BOOTSRC_FILE_MAX, 0, &len, &mtime);
	if (data == NULL)
		return;
	f->name = strdup(name);
	f->folder = folder ? strdup(folder) : NULL;
	if (f->name == NULL || (folder && f->folder == NULL)) {
		free((char *)f->name);
		free((char *)f->folder);
		free(data);
		return;
	}
	f->data = data;
	f->len = len;
	f->mtime_unix_s = mtime;
	f->systemd = systemd;
	fs->n++;
}

/* The files of one directory (systemd's: one folder level more). */
static void
read_dir(struct files *fs, int dirfd, const char *folder, bool systemd)
{
	DIR *dir = fdopendir(dirfd);
	struct dirent *de;
	size_t seen = 0;
	int sub;

	if (dir == NULL) {
		close(dirfd);
		return;
	}
	while ((de = readdir(dir)) != NULL && seen++ < BOOTSRC_FILES_MAX) {
		if (de->d_name[0] == '.')
			continue;
		if (systemd && folder == NULL &&
		    (sub = openat(dirfd, de->d_name,
		                  O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
			read_dir(fs, sub, de->d_name, true);
			continue;
		}
		add_file(fs, dirfd, folder, de->d_name, systemd);
	}
	closedir(dir);
}

/* One pstore directory into fs; its state. */
static void
load_dir(struct files *fs, const char *path, bool systemd,
         struct bootsrc_state *st)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t before = fs->n;

	if (fd < 0) {
		unavailable(st, path, errno);
		return;
	}
	read_dir(fs, fd, NULL, systemd);
	st->ok = true;
	if (fs->n == before)
		snprintf(st->why, sizeof st->why, "%.150s is empty", path);
}

/* Both pstore directories' files (states into pstore and systemd: either
 * NULL), or NULL when out of memory. */
static struct files *
read_files(const struct bootsrc_paths *p, struct bootsrc_state *pstore,
           struct bootsrc_state *systemd)
{
	struct bootsrc_state scratch[2];
	struct files *fs = calloc(1, sizeof *fs);

	if (fs == NULL)
		return NULL;
	load_dir(fs, p->pstore, false, pstore ? pstore : &scratch[0]);
	load_dir(fs, p->systemd_pstore, true, systemd ? systemd : &scratch[1]);
	return fs;
}

/* Free the files read. */
static void
free_files(struct files *fs)
{
	for (size_t i = 0; fs != NULL && i < fs->n; i++) {
		free((char *)fs->f[i].name);
		free((char *)fs->f[i].folder);
		free((char *)fs->f[i].data);
	}
	free(fs);
}

/* Both pstore directories into d. */
static void
load_pstore(struct bootsrc_data *d, const struct bootsrc_paths *p)
{
	struct files *fs = read_files(p, &d->pstore_state, &d->systemd_state);

	if (fs == NULL) {
		snprintf(d->pstore_state.why, sizeof d->pstore_state.why,
		         "out of memory");
		return;
	}
	d->pstore_files = fs->n;
	d->npstore = pstore_parse(fs->f, fs->n, d->pstore, BOOTSRC_PSTORE_MAX,
	                          &d->pstore_more);
	free_files(fs);
}

/* Lines kept to be fed in the other order (journalctl -r's). */
struct lines {
	char *buf;
	size_t len, cap;
	size_t *end; /* each line's end in buf */
	size_t n, ncap;
	bool failed; /* out of memory: lines after it are lost */
};

/* *p (of *cap elements of elem bytes) holding at least need elements,
 * doubled as it grows; false when out of memory (*p as it was). */
static bool
grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 256;
	void *q;

	if (need <= *cap)
		return true;
	while (c < need)
		c *= 2;
	if ((q = realloc(*p, c * elem)) == NULL)
		return false;
	*p = q;
	*cap = c;
	return true;
}

/* journalrun_line_fn: keep one line. */
static void
keep_line(void *ctx, const char *line, size_t len)
{
	struct lines *l = ctx;
	void *buf = l->buf, *end = l->end;

	if (l->failed)
		return;
	l->failed = !grow(&buf, &l->cap, l->len + len, 1);
	l->buf = buf;
	if (!l->failed)
		l->failed = !grow(&end, &l->ncap, l->n + 1, sizeof *l->end);
	l->end = end;
	if (l->failed)
		return;
	memcpy(l->buf + l->len, line, len);
	l->len += len;
	l->end[l->n++] = l->len;
}

/* journalrun_line_fn: one line into the summarizer. */
static void
feed_summary(void *ctx, const char *line, size_t len)
{
	journal_boots_feed(ctx, line, len);
}

/* True when a journal directory holds anything. */
static bool
has_journal_files(void)
{
	static const char *const dirs[] = {"/var/log/journal",
	                                   "/run/log/journal"};
	struct dirent *de;
	bool any = false;
	DIR *dir;

	for (size_t i = 0; i < 2 && !any; i++) {
		if ((dir = opendir(dirs[i])) == NULL)
			continue;
		while (!any && (de = readdir(dir)) != NULL)
			any = de->d_name[0] != '.';
		closedir(dir);
	}
	return any;
}

/* Run journalctl (or read the fixture) with fn; 0, or -1 with why. */
static int
journal_lines(const struct bootsrc_paths *p, const char *const *argv,
              journalrun_line_fn fn, void *ctx, uint64_t timeout_ms, char *why,
              size_t size)
{
	struct journalrun_result res;

	if (p->journal_file[0] != '\0')
		return journalrun_file(p->journal_file, fn, ctx,
		                       BOOTSRC_JOURNAL_BYTES, &res, why, size);
	return journalrun_spawn(argv, fn, ctx, timeout_ms,
	                        BOOTSRC_JOURNAL_BYTES, p->cancel_fd, &res, why,
	                        size);
}

/* The journal's lines into jb, oldest first: journalctl's read newest
 * first and turned (so a cut loses the oldest), a fixture's as saved.
 * The lines read; why: how the read failed or was cut, or "". */
static uint64_t
journal_feed(struct journal_boots *jb, const struct bootsrc_paths *p,
             uint64_t timeout_ms, char *why, size_t size)
{
	struct lines l = {0};
	size_t start;

	if (p->journal_file[0] != '\0') {
		journal_lines(p, NULL, feed_summary, jb, 0, why, size);
		return 0;
	}
	journal_lines(p, journal_argv, keep_line, &l, timeout_ms, why, size);
	if (l.failed && why[0] == '\0')
		snprintf(why, size, "out of memory after %zu lines", l.n);
	for (size_t i = l.n; i-- > 0;) {
		start = i > 0 ? l.end[i - 1] : 0;
		journal_boots_feed(jb, l.buf + start, l.end[i] - start);
	}
	free(l.buf);
	free(l.end);
	return l.n;
}

/* "cut short (why): read newest first, only the boots since WHEN" into
 * st, or the limit's words when every line allowed was read. */
static void
journal_note(struct bootsrc_state *st, const struct journal_boot *oldest,
             const char *why, uint64_t lines)
{
	char since[32];
	int64_t us = oldest->first_unix_us;

	clock_wall_text(us == KLOG_NA ? KLOG_NA : us / 1000, "%Y-%m-%d %H:%M",
	                "-", since, sizeof since);
	if (why[0] != '\0')
		snprintf(st->why, sizeof st->why,
		         "cut short: %.90s; read newest first: boots before "
		         "%s not read",
		         why, since);
	else if (lines >= BOOTSRC_JOURNAL_LINES)
		snprintf(st->why, sizeof st->why,
		         "the newest %d kernel messages: boots before %s not "
		         "read",
		         BOOTSRC_JOURNAL_LINES, since);
}

/* The journal's boots into d: what was read, even when journalctl
 * failed or was cut short (then said in the note). */
static void
load_journal(struct bootsrc_data *d, const struct bootsrc_paths *p,
             uint64_t timeout_ms)
{
	struct journal_boots *jb = journal_boots_new();
	struct bootsrc_state *st = &d->journal_state;
	char why[BOOTSRC_WHY_MAX - 20] = "";
	uint64_t lines;
	size_t n;

	if (jb == NULL) {
		snprintf(st->why, sizeof st->why,
		         "not available (out of memory)");
		return;
	}
	lines = journal_feed(jb, p, timeout_ms, why, sizeof why);
	journal_boots_finish(jb);
	n = journal_boots_count(jb);
	if (n > 0 && (d->journal = calloc(n, sizeof *d->journal)) != NULL) {
		for (size_t i = 0; i < n; i++)
			d->journal[i] = *journal_boots_get(jb, i);
		d->njournal = n;
		st->ok = true;
		journal_note(st, &d->journal[0], why, lines);
	} else if (why[0] != '\0') {
		snprintf(st->why, sizeof st->why, "not available (%.170s)",
		         why);
	} else {
		snprintf(st->why, sizeof st->why, "not available (%s)",
		         p->journal_file[0] || has_journal_files()
		             ? "no kernel messages in it"
		             : "no journal files in /var/log/journal or "
		               "/run/log/journal");
	}
	journal_boots_free(jb);
}

/* /proc/vmstat's oom_kill under dir, or -1. */
static int64_t
vmstat_oom_kill(int dir)
{
	char buf[32768];
	struct vmstat_counters c;
	ssize_t n = procroot_read(dir, "vmstat", buf, sizeof buf);

	vmstat_clear(&c);
	if (n < 0 || vmstat_parse(buf, (size_t)n, &c) != 0 ||
	    c.oom_kill == SNAP_NA)
		return -1;
	return c.oom_kill;
}

/* The running boot's id (32 hex digits), start (btime), kernel release
 * and OOM kills by the kernel's counter. */
static void
load_self(struct bootsrc_data *d, const char *proc_root)
{
	char buf[8192], *bt;
	size_t k = 0;
	ssize_t n;
	int dir = procroot_open(proc_root);

	d->boot_unix_s = KLOG_NA;
	d->oom_kill_vmstat = -1;
	if (dir < 0)
		return;
	n = procroot_read(dir, "sys/kernel/random/boot_id", buf, 64);
	for (ssize_t i = 0; i < n && k < JOURNAL_BOOT_ID_LEN; i++)
		if (buf[i] != '-' && buf[i] != '\n')
			d->boot_id[k++] = buf[i];
	d->boot_id[k == JOURNAL_BOOT_ID_LEN ? k : 0] = '\0';
	n = procroot_read(dir, "sys/kernel/osrelease", buf,
	                  sizeof d->kernel - 1);
	for (ssize_t i = 0; i < n && buf[i] != '\n'; i++)
		d->kernel[i] = buf[i];
	d->oom_kill_vmstat = vmstat_oom_kill(dir);
	n = procroot_read(dir, "stat", buf, sizeof buf - 1);
	close(dir);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if ((bt = strstr(buf, "\nbtime ")) != NULL)
		d->boot_unix_s = strtoll(bt + 7, NULL, 10);
}

/* Read every source and build the table. */
void
bootsrc_load(struct bootsrc_data *d, const struct bootsrc_paths *p,
             uint64_t timeout_ms, int64_t now_unix_s)
{
	struct boots_input in;

	memset(d, 0, sizeof *d);
	d->now_unix_s = now_unix_s;
	load_self(d, p->proc_root);
	load_wtmp(d, p->wtmp);
	load_pstore(d, p);
	load_journal(d, p, timeout_ms);
	in = (struct boots_input){
	    .wtmp = d->wtmp,
	    .nwtmp = d->nwtmp,
	    .journal = d->journal,
	    .njournal = d->njournal,
	    .pstore = d->pstore,
	    .npstore = d->npstore,
	    .boot_id = d->boot_id[0] ? d->boot_id : NULL,
	    .boot_unix_s = d->boot_unix_s,
	    .now_unix_s = now_unix_s,
	};
	d->nrows = boots_build(&in, d->rows, BOOTS_MAX);
	for (size_t i = 0; i < d->nrows; i++)
		if (d->rows[i].index == 0 && d->rows[i].kernel[0] == '\0')
			memcpy(d->rows[i].kernel, d->kernel, sizeof d->kernel);
}

/* The JSON name of a kernel-log source, or NULL. */
const char *
bootsrc_live_name(enum kmsg_source src)
{
	switch (src) {
	case KMSG_SRC_DEVKMSG:
		return "kmsg";
	case KMSG_SRC_KLOGCTL:
		return "klogctl";
	case KMSG_SRC_FILE:
		return "file";
	case KMSG_SRC_NONE:
	default:
		return NULL;
	}
}

/* This boot's events from the kernel log. */
int
bootsrc_live(struct bootsrc_data *d, const char *file,
             const struct kmsg_ops *ops, void *ctx, uint64_t timeout_ms)
{
	struct kmsg_drain dr = {.budget = 4096,
	                        .until_ms = clock_mono_ms() + timeout_ms,
	                        .max_records = BOOTSRC_KMSG_RECORDS};
	struct kevents *ev = kevents_new(16); /* only its counts are used */
	struct kmsg_reader *r = NULL;
	int rc = ev == NULL ? -ENOMEM
	         : file     ? kmsg_new_file(&r, file, ops, ctx)
	                    : kmsg_new_live(&r, ops, ctx);

	d->live_source = NULL;
	d->live_state.ok = false;
	if (rc == 0 &&
	    (d->live_source = bootsrc_live_name(kmsg_source(r))) == NULL)
		snprintf(d->live_state.why, sizeof d->live_state.why,
		         "not available (%.150s)", kmsg_reason(r));
	else if (rc < 0)
		snprintf(d->live_state.why, sizeof d->live_state.why,
		         "not available (%.120s: %.50s)",
		         file ? file : "kernel log", strerror(-rc));
	if (d->live_source != NULL) {
		rc = kmsg_drain(r, ev, &dr);
		kevents_finish(ev);
		d->live_records = kmsg_records(r);
		d->live_state.ok = true;
		snprintf(d->live_state.why, sizeof d->live_state.why, "%s",
		         rc < 0 ? strerror(-rc)
		         : kmsg_caught_up(r)
		             ? ""
		             : "cut short: its backlog was not read to the "
		               "end in time");
		boots_live_counts(d->rows, d->nrows, kevents_stats(ev).by_kind);
	}
	kmsg_free(r);
	kevents_free(ev);
	return d->live_source != NULL ? 0 : -1;
}

/* Free what d owns. */
void
bootsrc_free(struct bootsrc_data *d)
{
	free(d->journal);
	d->journal = NULL;
	d->njournal = 0;
}

/* What bootsrc_boot_events' lines go through. */
struct boot_feed {
	struct kevents *ev;
	const char *want; /* the boot id to keep, or NULL: every line */
	char ids[JOURNAL_BOOTS_MAX][JOURNAL_BOOT_ID_LEN + 1]; /* newest kept */
	size_t nids;
	uint64_t fed;
	struct journal_entry e;
	struct klog_record rec;
};

/* journalrun_line_fn: note the boot ids in order (fixture, first pass). */
static void
note_id(void *ctx, const char *line, size_t len)
{
	struct boot_feed *f = ctx;

	if (!journal_parse(line, len, &f->e, &f->rec) || !f->e.boot_id[0] ||
	    (f->nids && strcmp(f->ids[f->nids - 1], f->e.boot_id) == 0))
		return;
	if (f->nids == JOURNAL_BOOTS_MAX) {
		memmove(f->ids, f->ids + 1, sizeof f->ids - sizeof f->ids[0]);
		f->nids--;
	}
	memcpy(f->ids[f->nids++], f->e.boot_id, sizeof f->ids[0]);
}

/* journalrun_line_fn: one entry of the boot into the engine. */
static void
feed_events(void *ctx, const char *line, size_t len)
{
	struct boot_feed *f = ctx;

	if (!journal_parse(line, len, &f->e, &f->rec) ||
	    (f->want != NULL && strcmp(f->e.boot_id, f->want) != 0))
		return;
	f->fed++;
	kevents_feed_record(f->ev, &f->rec);
}

/* The fixture's boot id for BOOT (0 the last, -1 the one before, or an
 * id), after a first pass over it; NULL when it has no such boot. */
static const char *
fixture_boot(const struct bootsrc_paths *p, struct boot_feed *f,
             const char *boot, char *why, size_t size)
{
	char *end;
	long n = strtol(boot, &end, 10);

	if (journal_lines(p, NULL, note_id, f, 0, why, size) < 0)
		return NULL;
	if (*end != '\0')
		return boot;
	if (n > 0 || (size_t)-n >= f->nids) {
		snprintf(why, size, "no boot %.40s in %.120s", boot,
		         p->journal_file);
		return NULL;
	}
	return f->ids[f->nids - 1 - (size_t)-n];
}

/* The kernel messages of one boot from the journal, fed to ev; *fed:
 * how many. */
static int
journal_events(const struct bootsrc_paths *p, const char *boot,
               struct kevents *ev, uint64_t timeout_ms, uint64_t *fed,
               char *why, size_t why_size)
{
	const char *argv[] = {"journalctl", "-k",   "-b",         boot,
	                      "-o",         "json", "--no-pager", NULL};
	struct boot_feed *f = calloc(1, sizeof *f);
	char reason[BOOTSRC_WHY_MAX];
	int rc = -1;

	*fed = 0;
	if (f == NULL) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	f->ev = ev;
	reason[0] = '\0';
	if (p->journal_file[0] != '\0' &&
	    (f->want = fixture_boot(p, f, boot, reason, sizeof reason)) == NULL)
		goto out;
	rc = journal_lines(p, argv, feed_events, f, timeout_ms, reason,
	                   sizeof reason);
	*fed = f->fed;
	if (rc == 0 && f->fed == 0) {
		rc = -1;
		snprintf(reason, sizeof reason,
		         "no kernel messages of boot %.40s%s", boot,
		         p->journal_file[0] || has_journal_files()
		             ? ""
		             : ": no journal files in /var/log/journal or "
		               "/run/log/journal");
	}
out:
	if (rc < 0)
		snprintf(why, why_size, "journal: not available (%.190s)",
		         reason);
	free(f);
	return rc;
}

/* The kernel messages of one boot, fed to ev. */
int
bootsrc_boot_events(const struct bootsrc_paths *p, const char *boot,
                    struct kevents *ev, uint64_t timeout_ms, char *why,
                    size_t why_size)
{
	uint64_t fed;

	return journal_events(p, boot, ev, timeout_ms, &fed, why, why_size);
}

/* The dumps' text (read again from their files), oldest first, fed to
 * ev; 0, or -1 with why when none of them is there any more. */
static int
dump_events(const struct bootsrc_paths *p, const struct pstore_record *dumps,
            size_t n, struct kevents *ev, char *why, size_t why_size)
{
	struct files *fs = read_files(p, NULL, NULL);
	size_t found = 0;

	if (fs == NULL) {
		snprintf(why, why_size, "pstore: out of memory");
		return -1;
	}
	for (size_t i = n; i-- > 0;)
		found += pstore_feed(fs->f, fs->n, &dumps[i], ev);
	free_files(fs);
	if (found > 0)
		return 0;
	snprintf(why, why_size,
	         "pstore: its dump %.80s is no longer readable in %.80s",
	         n > 0 ? dumps[0].name : "-",
	         n > 0 && dumps[0].systemd ? p->systemd_pstore : p->pstore);
	return -1;
}

/* One boot's events: the journal's, else its dumps'. */
int
bootsrc_events(const struct bootsrc_paths *p, const char *boot,
               const struct pstore_record *dumps, size_t ndumps,
               struct kevents *ev, uint64_t timeout_ms, enum bootsrc_from *from,
               char *why, size_t why_size)
{
	char jwhy[BOOTSRC_WHY_MAX + 64] = "";
	uint64_t fed = 0;

	*from = BOOTSRC_FROM_NONE;
	if (boot != NULL && journal_events(p, boot, ev, timeout_ms, &fed, jwhy,
	                                   sizeof jwhy) == 0) {
		*from = BOOTSRC_FROM_JOURNAL;
		return 0;
	}
	if (ndumps == 0 || fed > 0) {
		*from = fed > 0 ? BOOTSRC_FROM_JOURNAL : BOOTSRC_FROM_NONE;
		snprintf(why, why_size, "%s",
		         jwhy[0] ? jwhy
		                 : "the journal has no messages of this boot, "
		                   "and pstore no dump");
		return -1;
	}
	if (dump_events(p, dumps, ndumps, ev, why, why_size) < 0)
		return -1;
	*from = BOOTSRC_FROM_PSTORE;
	return 0;
}

/* A row's dumps. */
size_t
bootsrc_row_dumps(const struct bootsrc_data *d, const struct boots_row *r,
                  struct pstore_record *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < d->npstore && i < BOOTS_DUMP_BITS && n < max;
	     i++)
		if (r->dump_bits & (UINT32_C(1) << i))
			out[n++] = d->pstore[i];
	return n;
}
