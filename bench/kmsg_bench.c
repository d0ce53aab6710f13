/*
 * kmsg_bench: what the kernel-log engine costs (issue 3, "Performance").
 *
 *   1. engine    a synthetic log of N records (kmsg form; ~10% with
 *                dictionary-like continuation, ~14% with \xNN escapes,
 *                plus every corpus fixture line, OOM reports included),
 *                fed from memory: parse only, parse + classify, the whole
 *                engine (parse + classify + assemble), and the engine with
 *                the display ring (sanitize + store); then the same log
 *                written to a file and read through kmsg_new_file/pump.
 *                Target: engine >= 1,000,000 records/s on one core.
 *   2. live      /dev/kmsg read to EAGAIN: bare read() loop vs our reader
 *                (kmsg_new_live + kmsg_pump into the engine + ring), CPU
 *                per record, median of PASSES passes. Target <= 1.5x.
 *   3. flood     FLOOD records (kills, reports, noise) into an engine of
 *                1024 events and a ring of 2000 lines: RSS before/after.
 *   4. idle      poll() on the live fd for one second: CPU used.
 * Usage: kmsg_bench [N] [PASSES] [FLOOD]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "collect/kmsg.h"
#include "model/kclass.h"
#include "model/kevents.h"
#include "model/klog.h"
#include "model/klogring.h"

#define MAX_PASSES 31

/* A growing text buffer. */
struct buf {
	char *s;
	size_t len, cap;
};

/* Append n bytes. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (b->s == NULL) {
			perror("realloc");
			exit(1);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Every non-comment line of the corpus fixtures. */
static void
load_corpus(struct buf *b)
{
	char path[512], line[8192];
	struct dirent *d;
	DIR *dir = opendir("tests/fixtures/kmsg");
	FILE *f;

	if (dir == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "tests/fixtures/kmsg/%s",
		         d->d_name);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "# ", 2) != 0)
				buf_add(b, line, strlen(line));
		fclose(f);
	}
	closedir(dir);
}

/* The synthetic log: n records of kmsg noise with the corpus mixed in. */
static size_t
make_log(struct buf *b, size_t n)
{
	static const char *const noise[] = {
	    "usb 1-1: new high-speed USB device using xhci_hcd",
	    "EXT4-fs (sda1): mounted filesystem with ordered data mode. "
	    "Quota mode: none. opts: (null)",
	    "e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex, "
	    "Flow Control: Rx/Tx",
	    "audit: type=1400 audit(1700000000.1:42): apparmor=\"DENIED\" "
	    "operation=\"open\" profile=\"snap\" name=\"/proc/1/mounts\"",
	};
	struct buf corpus = {0};
	char line[512];
	size_t i, lines = 0, c = 0, clines = 0;
	int len;

	load_corpus(&corpus);
	for (i = 0; i < corpus.len; i++)
		clines += corpus.s[i] == '\n';
	for (i = 0; i < n; i++) {
		if (clines > 0 && i % 20 == 0) { /* 5%: a corpus line */
			const char *p = corpus.s + c, *nl = strchr(p, '\n');
			buf_add(b, p, (size_t)(nl - p + 1));
			c = (size_t)(nl + 1 - corpus.s);
			if (c >= corpus.len)
				c = 0;
			lines++;
			continue;
		}
		len = snprintf(line, sizeof line, "6,%zu,%zu,-;", i, i * 37);
		if (i % 7 == 0)
			len += snprintf(line + len, sizeof line - (size_t)len,
			                "kprobe: tab\\x09 esc\\x1b[0m utf8 "
			                "\\xc3\\xa9 seq %zu",
			                i);
		else
			len += snprintf(line + len, sizeof line - (size_t)len,
			                "%s #%zu", noise[i % 4], i);
		line[len++] = '\n';
		if (i % 10 == 0)
			len += snprintf(line + len, sizeof line - (size_t)len,
			                " SUBSYSTEM=usb\n DEVICE=c189:%zu\n",
			                i % 128);
		buf_add(b, line, (size_t)len);
		lines++;
	}
	free(corpus.s);
	return lines;
}

enum mode { PARSE, CLASSIFY, ENGINE, ENGINE_RING };

/* Run the log through one stage; returns records (display lines) fed. */
static size_t
run_mode(const struct buf *log, enum mode m, size_t *nevents)
{
	struct klog_record *rec = malloc(sizeof *rec);
	struct kevents *ev = kevents_new(1024);
	struct klogring ring;
	const char *p = log->s, *end = log->s + log->len, *nl;
	size_t n = 0, cls = 0;

	if (rec == NULL || ev == NULL || klogring_init(&ring, 2000) != 0)
		exit(1);
	if (m == ENGINE_RING)
		kevents_set_ring(ev, &ring);
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (m == PARSE) {
			klog_parse(p, (size_t)(nl - p), rec);
		} else if (m == CLASSIFY) {
			klog_parse(p, (size_t)(nl - p), rec);
			cls += (size_t)kclass_of(rec->text, rec->text_len,
			                         rec->level, rec->from_user);
		} else {
			kevents_feed_line(ev, p, (size_t)(nl - p));
		}
		n++;
	}
	kevents_finish(ev);
	*nevents = kevents_stats(ev).events + (cls & 0); /* keep cls used */
	kevents_free(ev);
	klogring_fini(&ring);
	free(rec);
	return n;
}

/* Section 1: the engine from memory and from a file. */
static void
bench_engine(size_t n)
{
	static const char *const names[] = {"parse only", "parse + classify",
	                                    "engine (parse+classify+assemble)",
	                                    "engine + display ring"};
	struct buf log = {0};
	struct kmsg_reader *r;
	struct kevents *ev;
	char path[] = "/tmp/oomwatch-bench-XXXXXX";
	size_t lines = make_log(&log, n), recs, events;
	double t0, t;
	int m, fd;

	printf("== engine: %zu records, %.1f MB (kmsg noise + corpus lines)\n",
	       lines, (double)log.len / 1e6);
	for (m = PARSE; m <= ENGINE_RING; m++) {
		t0 = bench_cpu_now();
		recs = run_mode(&log, (enum mode)m, &events);
		t = bench_cpu_now() - t0;
		printf("  %-34s %8.0f ns/record %12.0f records/s  events %zu\n",
		       names[m], t * 1e9 / (double)recs, (double)recs / t,
		       events);
	}
	fd = mkstemp(path);
	if (fd < 0 || write(fd, log.s, log.len) != (ssize_t)log.len) {
		perror("bench file");
		exit(1);
	}
	close(fd);
	ev = kevents_new(1024);
	t0 = bench_cpu_now();
	if (ev == NULL || kmsg_new_file(&r, path, NULL, NULL) != 0)
		exit(1);
	while (!kmsg_caught_up(r))
		if (kmsg_pump(r, ev, 10000) < 0)
			break;
	t = bench_cpu_now() - t0;
	printf("  %-34s %8.0f ns/record %12.0f records/s  (target >= 1e6)\n",
	       "file -> reader -> engine", t * 1e9 / (double)kmsg_records(r),
	       (double)kmsg_records(r) / t);
	kmsg_free(r);
	kevents_free(ev);
	unlink(path);
	free(log.s);
}

/* Compare doubles for qsort. */
static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One bare pass over /dev/kmsg: CPU per record, records in *n. */
static double
bare_pass(size_t *n)
{
	char buf[KMSG_RECORD_MAX];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	double t0 = bench_cpu_now();
	ssize_t got;

	*n = 0;
	if (fd < 0)
		return -1;
	for (;;) {
		got = read(fd, buf, sizeof buf - 1);
		if (got > 0)
			(*n)++;
		else if (got < 0 && (errno == EPIPE || errno == EINVAL))
			continue;
		else
			break;
	}
	close(fd);
	return *n ? (bench_cpu_now() - t0) / (double)*n : -1;
}

/* One pass of our reader into the engine and a ring. The engine and the
 * ring are allocated before the clock starts: the dashboard makes them
 * once, at start-up; the per-record cost is what is compared. */
static double
our_pass(size_t *n)
{
	struct kevents *ev = kevents_new(1024);
	struct klogring ring;
	struct kmsg_reader *r = NULL;
	double t0, t;

	*n = 0;
	if (ev == NULL || klogring_init(&ring, 2000) != 0)
		return -1;
	kevents_set_ring(ev, &ring);
	t0 = bench_cpu_now();
	if (kmsg_new_live(&r, NULL, NULL) != 0 ||
	    kmsg_source(r) != KMSG_SRC_DEVKMSG) {
		kmsg_free(r);
		kevents_free(ev);
		klogring_fini(&ring);
		return -1;
	}
	while (!kmsg_caught_up(r))
		if (kmsg_pump(r, ev, 10000) < 0)
			break;
	t = bench_cpu_now() - t0;
	*n = kmsg_records(r);
	kmsg_free(r);
	kevents_free(ev);
	klogring_fini(&ring);
	return *n ? t / (double)*n : -1;
}

/* Section 2: live reader against bare read(). */
static void
bench_live(int passes)
{
	double bare[MAX_PASSES], ours[MAX_PASSES];
	size_t nb = 0, no = 0;
	int i;

	printf("== live: /dev/kmsg backlog read to EAGAIN, median of %d "
	       "passes\n",
	       passes);
	for (i = 0; i < passes; i++) {
		bare[i] = bare_pass(&nb);
		ours[i] = our_pass(&no);
		if (bare[i] < 0 || ours[i] < 0) {
			printf("  skipped: /dev/kmsg not readable here (%s)\n",
			       strerror(errno));
			return;
		}
	}
	qsort(bare, (size_t)passes, sizeof bare[0], dcmp);
	qsort(ours, (size_t)passes, sizeof ours[0], dcmp);
	printf("  bare read()        %6.2f us/record (%zu records)\n",
	       bare[passes / 2] * 1e6, nb);
	printf("  oomwatch reader    %6.2f us/record (%zu records, engine + "
	       "ring)\n",
	       ours[passes / 2] * 1e6, no);
	printf("  ratio              %6.2fx (target <= 1.5x)\n",
	       ours[passes / 2] / bare[passes / 2]);
}

/* Section 3: memory stays flat under a flood. */
static void
bench_flood(size_t n)
{
	struct kevents *ev = kevents_new(1024);
	struct klogring ring;
	char line[256];
	long before, mid = 0, after;
	size_t i;
	int len;

	if (ev == NULL || klogring_init(&ring, 2000) != 0)
		exit(1);
	kevents_set_ring(ev, &ring);
	before = bench_rss_kb();
	printf("== flood: %zu records into 1024 events + 2000 lines\n", n);
	printf("  engine + ring: %zu KiB allocated once\n",
	       (1024 * sizeof(struct kevent) +
	        2000 * sizeof(struct klogring_line)) /
	           1024);
	for (i = 0; i < n; i++) {
		if (i % 3 == 0)
			len = snprintf(line, sizeof line,
			               "3,%zu,%zu,-;Out of memory: Killed "
			               "process %zu (p%zu) total-vm:8kB, "
			               "anon-rss:4kB, file-rss:0kB",
			               i, i, i % 4000000, i);
		else if (i % 3 == 1)
			len = snprintf(line, sizeof line,
			               "6,%zu,%zu,-;[%7zu] 0 %zu 100 %zu 4096 "
			               "0 0 task%zu",
			               i, i, i, i, i % 977, i);
		else
			len = snprintf(line, sizeof line,
			               "4,%zu,%zu,-;x invoked oom-killer: "
			               "gfp_mask=0xcc0(GFP_KERNEL), order=0",
			               i, i);
		kevents_feed_line(ev, line, (size_t)len);
		if (i == n / 10)
			mid = bench_rss_kb();
	}
	after = bench_rss_kb();
	printf("  RSS at start %ld KiB, after 10%% %ld KiB, after all %ld KiB; "
	       "held %zu events (%llu dropped), %zu lines\n",
	       before, mid, after, kevents_count(ev),
	       (unsigned long long)kevents_stats(ev).dropped,
	       klogring_count(&ring));
	kevents_free(ev);
	klogring_fini(&ring);
}

/* Section 4: an idle live log costs no CPU. */
static void
bench_idle(void)
{
	struct kevents *ev = kevents_new(16);
	struct kmsg_reader *r;
	struct pollfd pfd;
	double t0;
	int polls = 0, ready = 0;

	if (ev == NULL || kmsg_new_live(&r, NULL, NULL) != 0)
		exit(1);
	while (!kmsg_caught_up(r))
		if (kmsg_pump(r, ev, 10000) < 0)
			break;
	pfd.fd = kmsg_fd(r);
	pfd.events = POLLIN;
	t0 = bench_cpu_now();
	if (pfd.fd >= 0) {
		polls++;
		ready = poll(&pfd, 1, 1000);
		if (ready > 0)
			kmsg_pump(r, ev, 10000);
	}
	printf(
	    "== idle: 1 s in poll() on %s: %.3f ms CPU, %d poll call%s, %s\n",
	    kmsg_status(r), (bench_cpu_now() - t0) * 1e3, polls,
	    polls == 1 ? "" : "s",
	    ready > 0 ? "a record arrived meanwhile" : "nothing arrived");
	kmsg_free(r);
	kevents_free(ev);
}

/* Run the four sections. */
int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	int passes = argc > 2 ? atoi(argv[2]) : 9;
	size_t flood = argc > 3 ? strtoul(argv[3], NULL, 10) : 2000000;

	if (passes < 1 || passes > MAX_PASSES)
		passes = 9;
	bench_engine(n);
	bench_live(passes);
	bench_flood(flood);
	bench_idle();
	return 0;
}
