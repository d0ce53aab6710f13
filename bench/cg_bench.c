/*
 * cg_bench: what reading every memory cgroup costs the dashboard's light
 * refresh, side by side with the same refresh without it.
 *
 * As root, makes NCG child cgroups under this process's own memory cgroup
 * (cgroup v1's memory hierarchy, or cgroup2 when ours delegates memory),
 * every other one with a 1 GiB memory limit (so each refresh also picks
 * their victims), and NPROC sleeping children spread over them; then
 * times (getrusage CPU, all threads) REPS interleaved pairs of light
 * refreshes of one collector, with the cgroups' files off (the pid map
 * only, as before) and on, and prints the medians and the ratio (target:
 * at most 1.15). The children are killed and the cgroups removed before
 * it exits, also on failure. Without root or a memory controller it
 * says why and exits 0.
 * Usage: cg_bench [NPROC [NCG [REPS]]]   (defaults 1000 200 9)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchutil.h"
#include "collect/collector.h"
#include "core/clock.h"
#include "model/snapshot.h"

#define MAX_REPS 31

static pid_t *kids;
static size_t nkids;
static char base[4096]; /* our memory cgroup's directory */
static size_t ncgs;     /* children made */

/* Our memory cgroup's directory into base: v1 first, then v2 when it
 * delegates memory. false with the reason on stdout when there is none. */
static bool
find_base(void)
{
	char line[4200], sub[256];
	FILE *f = fopen("/proc/self/cgroup", "r");
	bool v1 = false, v2 = false;
	char v2path[3000] = "";

	if (f == NULL)
		return false;
	while (fgets(line, sizeof line, f)) {
		char *a = strchr(line, ':'), *b = a ? strchr(a + 1, ':') : NULL;
		if (b == NULL)
			continue;
		b[strcspn(b, "\n")] = '\0';
		if (strncmp(a + 1, "memory:", 7) == 0 ||
		    strstr(a + 1, ",memory:")) {
			snprintf(base, sizeof base, "/sys/fs/cgroup/memory%s",
			         b + 1);
			v1 = access(base, W_OK) == 0;
		} else if (strncmp(line, "0::", 3) == 0)
			snprintf(v2path, sizeof v2path, "%s", b + 1);
	}
	fclose(f);
	if (v1)
		return true;
	snprintf(base, sizeof base, "/sys/fs/cgroup%s", v2path);
	snprintf(line, sizeof line, "%s/cgroup.subtree_control", base);
	f = fopen(line, "r");
	if (f != NULL) {
		v2 = fgets(sub, sizeof sub, f) && strstr(sub, "memory");
		fclose(f);
	}
	if (!v2)
		printf(
		    "  skipped: no memory cgroup to make children in (v1, or "
		    "v2 delegating memory)\n");
	return v2;
}

/* Write text to the file name under cgroup i. 0 or -1. */
static int
cg_write(size_t i, const char *name, const char *text)
{
	char p[4200];
	int fd, rc;

	snprintf(p, sizeof p, "%s/oomwatch-bench-%d-%zu/%s", base,
	         (int)getpid(), i, name);
	fd = open(p, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return rc;
}

/* Make n child cgroups, every other one limited to 1 GiB. */
static bool
make_cgroups(size_t n)
{
	char p[4200];

	for (ncgs = 0; ncgs < n; ncgs++) {
		snprintf(p, sizeof p, "%s/oomwatch-bench-%d-%zu", base,
		         (int)getpid(), ncgs);
		if (mkdir(p, 0755) != 0)
			return false;
		if (ncgs % 2 == 0 &&
		    cg_write(ncgs, "memory.limit_in_bytes", "1G") != 0 &&
		    cg_write(ncgs, "memory.max", "1G") != 0)
			return false;
	}
	return true;
}

/* Start n sleepers, child i in cgroup i % ncgs. */
static bool
spawn(size_t n)
{
	pid_t parent = getpid(), p;
	char pid[24];

	kids = calloc(n, sizeof *kids);
	for (nkids = 0; kids != NULL && nkids < n; nkids++) {
		p = bench_sleeper(parent, "cgsleeper");
		if (p < 0)
			return false;
		kids[nkids] = p;
		snprintf(pid, sizeof pid, "%d\n", (int)p);
		if (cg_write(nkids % ncgs, "cgroup.procs", pid) != 0) {
			nkids++;
			return false;
		}
	}
	return kids != NULL;
}

/* Kill and reap the sleepers, then remove the cgroups. */
static void
clean_up(void)
{
	char p[4200];

	bench_reap(kids, nkids);
	nkids = 0;
	for (size_t i = 0; i < ncgs; i++) {
		snprintf(p, sizeof p, "%s/oomwatch-bench-%d-%zu", base,
		         (int)getpid(), i);
		for (int t = 0; t < 100 && rmdir(p) != 0 && errno == EBUSY; t++)
			usleep(10000);
	}
	ncgs = 0;
}

/* qsort: doubles ascending. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median of v[0..n). */
static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One light refresh's CPU in microseconds, cgroups on or off. */
static double
light_refresh(struct collector *c, struct snapshot *s, bool on)
{
	double t0;

	collector_set_cgroups(c, on);
	collector_sample(c, s, clock_mono_ms()); /* settle the mode */
	t0 = bench_cpu_us(RUSAGE_SELF);
	collector_sample(c, s, clock_mono_ms());
	return bench_cpu_us(RUSAGE_SELF) - t0;
}

/* Measure, print, clean up. */
int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	size_t ncg = argc > 2 ? strtoul(argv[2], NULL, 10) : 200;
	int reps = argc > 3 ? atoi(argv[3]) : 9;
	double off[MAX_REPS], on[MAX_REPS], m_off, m_on;
	struct collector *c;
	struct snapshot s;
	char err[256];
	size_t cgs = 0;

	if (reps < 1 || reps > MAX_REPS)
		reps = 9;
	printf("== cgroups: light refresh at %zu processes in %zu memory "
	       "cgroups, without and with the cgroups' files\n",
	       n, ncg);
	if (geteuid() != 0) {
		printf("  skipped: needs root to make cgroups\n");
		return 0;
	}
	if (ncg == 0 || !find_base())
		return 0;
	if (!make_cgroups(ncg) || !spawn(n)) {
		printf("  failed to set up (%s): %zu cgroups, %zu sleepers\n",
		       strerror(errno), ncgs, nkids);
		clean_up();
		return 1;
	}
	c = collector_new(NULL, err, sizeof err);
	if (c == NULL) {
		printf("  %s\n", err);
		clean_up();
		return 1;
	}
	snapshot_init(&s);
	collector_set_mode(c, COLLECTOR_LIGHT);
	collector_sample(c, &s, clock_mono_ms()); /* learns every process */
	for (int r = 0; r < reps; r++) {
		off[r] = light_refresh(c, &s, false);
		on[r] = light_refresh(c, &s, true);
		cgs = s.ncgroups;
	}
	m_off = median(off, reps);
	m_on = median(on, reps);
	printf("  %-40s %8.2f ms\n", "light refresh, pid map only",
	       m_off / 1e3);
	printf("  %-40s %8.2f ms  (%zu cgroups read)\n",
	       "light refresh, every cgroup's files", m_on / 1e3, cgs);
	printf("  with / without: %.2f (target <= 1.15), median of %d "
	       "interleaved pairs\n",
	       m_off > 0 ? m_on / m_off : 0.0, reps);
	snapshot_fini(&s);
	collector_free(c);
	clean_up();
	return 0;
}
