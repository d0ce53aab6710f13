/*
 * trendhog: a child for the live trend test, whose RSS follows one of the
 * seed guide's patterns. Every page it counts is touched, so RSS moves.
 *   trendhog grow      +2 MiB a second (128 KiB every 62.5 ms), up to
 *                      256 MiB, then flat
 *   trendhog saw       +24 MiB over 1.5 s, then all of it given back
 *                      (MADV_DONTNEED), 0.5 s low, again and again
 *   trendhog flat      32 MiB before it says ready, then nothing
 *   trendhog step S    nothing for S seconds after ready (decimals ok),
 *                      then 32 MiB at once, then nothing. The 32 MiB are
 *                      a memfd filled before ready (page cache, not in
 *                      RSS) and mapped with MAP_POPULATE: mapping pages
 *                      that exist is much quicker than faulting new ones
 *                      in, so a sample rarely sees the jump half done
 * Prints "ready PID" once started and runs until killed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MIB (1024u * 1024u)
#define REGION (256u * MIB)

/* Sleep ms milliseconds. */
static void
nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Touch every page of [p, p + len). */
static void
touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

/* Grow by chunk every tick_ms until size bytes are touched. */
static void
grow(char *p, size_t size, size_t chunk, long tick_ms)
{
	for (size_t off = 0; off < size; off += chunk) {
		touch(p + off, chunk);
		nap_ms(tick_ms);
	}
}

/* A memfd holding 32 MiB of page cache (not mapped: not in RSS). */
static int
step_fill(void)
{
	static char page[4096];
	int fd = memfd_create("trendhog", 0);

	memset(page, 1, sizeof page);
	for (size_t off = 0; fd >= 0 && off < 32 * MIB; off += sizeof page)
		if (write(fd, page, sizeof page) != (ssize_t)sizeof page) {
			perror("trendhog: memfd");
			exit(1);
		}
	return fd;
}

/* Wait step_s, then map memfd fd all at once. */
static void
step(int fd, double step_s)
{
	nap_ms((long)(step_s * 1000));
	if (fd < 0 || mmap(NULL, 32 * MIB, PROT_READ, MAP_SHARED | MAP_POPULATE,
	                   fd, 0) == MAP_FAILED) {
		perror("trendhog: step");
		exit(1);
	}
}

/* Run the mode on region p (step: memfd fd); never returns. */
static void
run(const char *mode, char *p, double step_s, int fd)
{
	if (strcmp(mode, "grow") == 0) {
		/* 2 MiB/s: 128 KiB every 62.5 ms (62 ms and 63 ms in turn) */
		for (size_t off = 0; off < REGION; off += 128 * 1024) {
			touch(p + off, 128 * 1024);
			nap_ms((off / (128 * 1024)) % 2 ? 63 : 62);
		}
	} else if (strcmp(mode, "saw") == 0) {
		for (;;) {
			grow(p, 24 * MIB, MIB, 62);
			madvise(p, 24 * MIB, MADV_DONTNEED);
			nap_ms(500);
		}
	} else if (strcmp(mode, "step") == 0) {
		step(fd, step_s);
	}
	for (;;)
		pause();
}

/* Reserve the region, do the slow part of flat and step, say ready, run
 * the mode. */
int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	double step_s = argc > 2 ? strtod(argv[2], NULL) : 0;
	char *p;
	int fd = -1;

	if (strcmp(mode, "grow") != 0 && strcmp(mode, "saw") != 0 &&
	    strcmp(mode, "flat") != 0 &&
	    (strcmp(mode, "step") != 0 || argc < 3 || step_s <= 0)) {
		fprintf(stderr, "usage: trendhog grow|saw|flat|step SECONDS\n");
		return 2;
	}
	p = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		perror("trendhog: mmap");
		return 1;
	}
	/* no huge pages: RSS moves by the chunk, not by 2 MiB at once */
	madvise(p, REGION, MADV_NOHUGEPAGE);
	if (strcmp(mode, "flat") == 0)
		touch(p, 32 * MIB);
	if (strcmp(mode, "step") == 0)
		fd = step_fill();
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	run(mode, p, step_s, fd);
	return 0;
}
