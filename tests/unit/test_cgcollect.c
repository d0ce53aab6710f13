/*
 * Unit tests for the memory cgroups of a sample (collect/cgfiles.c in the
 * cgroup walk of collect/cgmap.c, wired by collect/collector.c), on the
 * fixture trees tests/fixtures/cgroup/{v2,v1,hybrid} through a proc root
 * and a sys root (--proc-root, --sys-root): pure cgroup2 with systemd,
 * Docker and Kubernetes (systemd driver) paths, an unreadable and missing
 * files, the root as the host; v1 and hybrid with Docker and Kubernetes
 * (cgroupfs driver) paths and v1's unlimited value; each limited cgroup's
 * victim; a recreated cgroup starting its baseline fresh; light walks.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixdir.h"
#include "tfile.h"

#include "collect/cgfiles.h"
#include "collect/collector.h"
#include "model/snapcg.h"

#define FIX "tests/fixtures/cgroup/"
#define DOCKER                                                                 \
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* One sample of the fixture kind (exact mode) into s. */
static struct collector *
sample(const char *proc, const char *sys, struct snapshot *s)
{
	char err[256];
	struct collector *c = collector_new_roots(proc, sys, err, sizeof err);

	assert_non_null(c);
	snapshot_init(s);
	assert_int_equal(collector_sample(c, s, 1000), 0);
	return c;
}

/* The cgroup at path in s (fails the test when absent). */
static const struct snap_cgroup *
cg_at(const struct snapshot *s, const char *path)
{
	size_t i = snapcg_find(s, path, strlen(path));

	assert_int_not_equal(i, SNAPCG_NONE);
	return &s->cgroups[i];
}

/* The name shown for the cgroup at path. */
static const char *
name_of(const struct snapshot *s, const char *path)
{
	static char buf[128];

	snapcg_format_name(s, snapcg_find(s, path, strlen(path)), false, buf,
	                   sizeof buf);
	return buf;
}

static void
test_v2_tree(void **state)
{
	struct snapshot s;
	struct collector *c = sample(FIX "v2/proc", FIX "v2/sys", &s);
	const struct snap_cgroup *root, *sys, *ng, *dk, *pod;
	(void)state;
	assert_int_equal(s.cgroup_mode, SNAP_CGROUP_V2);
	assert_int_equal(s.cgroups_err, 0);
	assert_int_equal(s.ncgroups, 7);
	root = &s.cgroups[0];
	assert_true(root->root);
	assert_int_equal(root->parent, SNAPCG_NONE);
	/* the root as the host: MemTotal - MemAvailable; its children's
	 * 700M against MemTotal - MemFree (404M: the fixture's children
	 * were read above it, a negative shown as such) */
	assert_true(root->mem.current_bytes == (24684084 - 24352580) * 1024LL);
	assert_true(root->mem.max_bytes == CGMEM_UNLIMITED);
	assert_true(root->children_bytes == 700LL << 20);
	assert_true(root->unaccounted_bytes ==
	            (24684084 - 24270480) * 1024LL - (700LL << 20));
	sys = cg_at(&s, "/system.slice");
	ng = cg_at(&s, "/system.slice/nginx.service");
	assert_int_equal(sys->depth, 1);
	assert_int_equal(ng->depth, 2);
	assert_int_equal(ng->parent, (uint32_t)(sys - s.cgroups));
	assert_int_equal(ng->nprocs, 3);
	assert_true(ng->mem.current_bytes == 510LL << 20);
	assert_true(ng->mem.max_bytes == 512LL << 20);
	assert_true(sys->mem.max_bytes == CGMEM_UNLIMITED);
	assert_true(ng->mem.events.oom == 3 && ng->mem.events.oom_kill == 2);
	assert_true(ng->mem.oom_group == 1);
	assert_true(ng->mem.psi.valid);
	assert_string_equal(name_of(&s, "/system.slice/nginx.service"),
	                    "nginx.service");
	/* first sight: nothing since start */
	assert_true(ng->since.oom_kill == 0);
	/* the victim: the biggest of nginx's three, killed with its group */
	assert_true(ng->victim.limited);
	assert_int_equal(s.procs[ng->victim.victim].pid, 101);
	assert_int_equal(ng->victim.group, (size_t)(ng - s.cgroups));
	assert_int_equal(sys->victim.victim, CGVICTIM_NONE);
	/* Docker: its own name from config.v2.json (var/ beside sys/);
	 * unreadable stat (EISDIR), no swap files, never 0 */
	dk = cg_at(&s, "/system.slice/docker-" DOCKER ".scope");
	assert_string_equal(
	    name_of(&s, "/system.slice/docker-" DOCKER ".scope"),
	    "docker nginx-proxy (0123456789ab)");
	assert_int_equal(dk->mem.err[CGMEM_F_STAT], EISDIR);
	assert_true(dk->mem.stat.anon == SNAP_NA);
	assert_int_equal(dk->mem.err[CGMEM_F_SWAP_CURRENT], ENOENT);
	assert_true(dk->mem.swap_bytes == SNAP_NA);
	assert_int_equal(dk->nprocs, 1);
	pod = cg_at(&s, "/kubepods.slice/kubepods-burstable.slice/"
	                "kubepods-burstable-pod1f2e3d4c_5b6a_7980_a1b2_"
	                "c3d4e5f60718.slice");
	assert_int_equal(pod->name.kind, CGNAME_POD);
	assert_int_equal(pod->name.qos, CGNAME_QOS_BURSTABLE);
	assert_true(pod->victim.limited);
	assert_int_equal(pod->victim.victim, CGVICTIM_NONE); /* no task */
	snapshot_fini(&s);
	collector_free(c);
}

/* The v1 memory tree of the fixture kind (v1 or hybrid). */
static void
check_v1(const char *kind)
{
	char proc[128], sys[128];
	struct snapshot s;
	struct collector *c;
	const struct snap_cgroup *dk, *root;

	snprintf(proc, sizeof proc, FIX "%s/proc", kind);
	snprintf(sys, sizeof sys, FIX "%s/sys", kind);
	c = sample(proc, sys, &s);
	assert_int_equal(s.cgroup_mode, SNAP_CGROUP_V1);
	assert_int_equal(s.ncgroups, 6);
	root = &s.cgroups[0];
	assert_true(root->root);
	/* v1's root usage_in_bytes (900M) is its own pages, not the tree's:
	 * the root is the host, MemTotal - MemAvailable; MemTotal - MemFree
	 * minus its children /docker (200M) and /kubepods (50M) is in none */
	assert_true(root->mem.current_bytes == (24684084 - 24352580) * 1024LL);
	assert_true(root->mem.max_bytes == CGMEM_UNLIMITED);
	assert_true(root->children_bytes == 250LL << 20);
	assert_true(root->unaccounted_bytes ==
	            (24684084 - 24270480) * 1024LL - (250LL << 20));
	/* and its swap is the host's (SwapTotal - SwapFree) */
	assert_true(cgmem_swap_used_bytes(&root->mem) ==
	            (s.mem.swap_total_kb - s.mem.swap_free_kb) * 1024);
	dk = cg_at(&s, "/docker/" DOCKER);
	assert_string_equal(name_of(&s, "/docker/" DOCKER),
	                    "docker 0123456789ab");
	assert_true(dk->mem.max_bytes == 256LL << 20);
	assert_true(dk->mem.events.oom_kill == 4);
	assert_true(dk->mem.failcnt == 7);
	assert_true(dk->mem.stat.anon == (190LL << 20) / 2);
	/* adj 900 over 4 MB outweighs 8 MB at adj 0 */
	assert_true(dk->victim.limited);
	assert_int_equal(s.procs[dk->victim.victim].pid, 101);
	assert_int_equal(cg_at(&s, "/kubepods/burstable/"
	                           "pod1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718")
	                     ->name.qos,
	                 CGNAME_QOS_BURSTABLE);
	snapshot_fini(&s);
	collector_free(c);
}

static void
test_v1_tree(void **state)
{
	(void)state;
	check_v1("v1");
}

static void
test_hybrid_tree(void **state)
{
	(void)state;
	check_v1("hybrid");
}

static void
test_recreated_and_light(void **state)
{
	char tmp[] = "/tmp/oomwatch-cgc.XXXXXX", cmd[512], p[600], sys[300];
	char proc[300];
	const char *ng = "/system.slice/nginx.service";
	struct snapshot s;
	struct collector *c;
	(void)state;
	assert_int_equal(
	    tfile_fixture_copy(FIX "v2", tmp, proc, sys, sizeof proc), 0);
	c = sample(proc, sys, &s);
	/* two more kills: counted since start */
	snprintf(p, sizeof p, "%s/sys/fs/cgroup%s/memory.events", tmp, ng);
	assert_int_equal(tfile_put(p, "low 0\nhigh 12\nmax 40\noom 5\noom_kill "
	                              "4\noom_group_kill 1\n"),
	                 0);
	assert_int_equal(collector_sample(c, &s, 2000), 0);
	assert_true(cg_at(&s, ng)->since.oom_kill == 2);
	/* light walks read memory.current and events each time, the rest
	 * in turn: a new memory.max shows within CGFILES_ROTATE walks */
	collector_set_mode(c, COLLECTOR_LIGHT);
	snprintf(p, sizeof p, "%s/sys/fs/cgroup%s/memory.max", tmp, ng);
	assert_int_equal(tfile_put(p, "max\n"), 0);
	snprintf(p, sizeof p, "%s/sys/fs/cgroup%s/memory.current", tmp, ng);
	assert_int_equal(tfile_put(p, "1048576\n"), 0);
	assert_int_equal(collector_sample(c, &s, 3000), 0);
	assert_true(cg_at(&s, ng)->mem.current_bytes == 1048576);
	for (int i = 0; i < CGFILES_ROTATE &&
	                cg_at(&s, ng)->mem.max_bytes != CGMEM_UNLIMITED;
	     i++)
		assert_int_equal(collector_sample(c, &s, 4000 + i), 0);
	assert_true(cg_at(&s, ng)->mem.max_bytes == CGMEM_UNLIMITED);
	assert_false(cg_at(&s, ng)->victim.limited);
	/* made again (the old one moved aside keeps its inode in use):
	 * a fresh baseline, nothing since start */
	snprintf(cmd, sizeof cmd,
	         "cd %s/sys/fs/cgroup/system.slice && mv nginx.service old && "
	         "cp -a old nginx.service && mv old /tmp/%s-old",
	         tmp, tmp + 5);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(collector_sample(c, &s, 9000), 0);
	assert_true(cg_at(&s, ng)->mem.events.oom_kill == 4);
	assert_true(cg_at(&s, ng)->since.oom_kill == 0);
	snprintf(cmd, sizeof cmd, "rm -rf %s /tmp/%s-old", tmp, tmp + 5);
	assert_int_equal(system(cmd), 0);
	snapshot_fini(&s);
	collector_free(c);
}

/* Write bytes as the memory.current of the cgroup at ng under tmp. */
static void
put_current(const char *tmp, const char *ng, int64_t bytes)
{
	char p[600], text[32];

	snprintf(p, sizeof p, "%s/sys/fs/cgroup%s/memory.current", tmp, ng);
	snprintf(text, sizeof text, "%lld\n", (long long)bytes);
	assert_int_equal(tfile_put(p, text), 0);
}

static void
test_forecast_through_walks(void **state)
{
	char tmp[] = "/tmp/oomwatch-cgf.XXXXXX", cmd[400], sys[300];
	char proc[300];
	const char *ng = "/system.slice/nginx.service";
	int64_t mb = 1048576, at = 400 * mb;
	struct snapshot s;
	struct collector *c;
	int i;
	(void)state;
	assert_int_equal(
	    tfile_fixture_copy(FIX "v2", tmp, proc, sys, sizeof proc), 0);
	put_current(tmp, ng, at);
	c = sample(proc, sys, &s);
	assert_false(cg_at(&s, ng)->fore.valid);
	assert_int_equal(cg_at(&s, ng)->fore.basis, FORECAST_LEARNING);
	/* 1 MB more every 2 s walk (light ones read memory.current) */
	collector_set_mode(c, COLLECTOR_LIGHT);
	for (i = 1; i < 40; i++) {
		put_current(tmp, ng, at + i * mb);
		assert_int_equal(collector_sample(c, &s, 1000 + 2000 * i), 0);
	}
	/* 512M - 439M: 73 MB left at 30 MB/min, about 146 s */
	assert_true(cg_at(&s, ng)->fore.valid);
	assert_true(cg_at(&s, ng)->fore.eta_s > 140 &&
	            cg_at(&s, ng)->fore.eta_s < 152);
	/* the unlimited root has no number */
	assert_false(s.cgroups[0].fore.valid);
	assert_int_equal(s.cgroups[0].fore.basis, FORECAST_NO_LIMIT);
	/* made again: a fresh series, learning again */
	snprintf(cmd, sizeof cmd,
	         "cd %s/sys/fs/cgroup/system.slice && mv nginx.service old && "
	         "cp -a old nginx.service && mv old /tmp/%s-old",
	         tmp, tmp + 5);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(collector_sample(c, &s, 1000 + 2000 * i), 0);
	assert_false(cg_at(&s, ng)->fore.valid);
	assert_int_equal(cg_at(&s, ng)->fore.basis, FORECAST_LEARNING);
	snprintf(cmd, sizeof cmd, "rm -rf %s /tmp/%s-old", tmp, tmp + 5);
	assert_int_equal(system(cmd), 0);
	snapshot_fini(&s);
	collector_free(c);
}

/* The config.v2.json of the fixture's container under tmp. */
static void
config_path(const char *tmp, char *p, size_t size)
{
	snprintf(p, size, "%s/var/lib/docker/containers/%s/config.v2.json", tmp,
	         DOCKER);
}

/* Sample anew (a new collector, nothing cached) the name of the Docker
 * cgroup of the copy at tmp. */
static const char *
fresh_name(const char *tmp)
{
	static char buf[128];
	char proc[300], sys[300];
	const char *dk = "/system.slice/docker-" DOCKER ".scope";
	struct snapshot s;
	struct collector *c;

	snprintf(proc, sizeof proc, "%s/proc", tmp);
	snprintf(sys, sizeof sys, "%s/sys", tmp);
	c = sample(proc, sys, &s);
	snprintf(buf, sizeof buf, "%s", name_of(&s, dk));
	snapshot_fini(&s);
	collector_free(c);
	return buf;
}

static void
test_docker_names(void **state)
{
	char tmp[] = "/tmp/oomwatch-cgd.XXXXXX", cmd[400], p[600], sys[300];
	char proc[300], *big;
	const char *dk = "/system.slice/docker-" DOCKER ".scope";
	struct snapshot s;
	struct collector *c;
	size_t n = 200 * 1024;
	(void)state;
	assert_int_equal(
	    tfile_fixture_copy(FIX "v2", tmp, proc, sys, sizeof proc), 0);
	config_path(tmp, p, sizeof p);
	c = sample(proc, sys, &s);
	assert_string_equal(name_of(&s, dk),
	                    "docker nginx-proxy (0123456789ab)");
	/* read once per container: a changed file shows no change */
	assert_int_equal(tfile_put(p, "{\"Name\": \"/renamed\"}\n"), 0);
	assert_int_equal(collector_sample(c, &s, 2000), 0);
	assert_string_equal(name_of(&s, dk),
	                    "docker nginx-proxy (0123456789ab)");
	snapshot_fini(&s);
	collector_free(c);
	assert_string_equal(fresh_name(tmp), "docker renamed (0123456789ab)");
	/* malformed: the id */
	assert_int_equal(tfile_put(p,
	                           "{\"State\": {\"Name\": \"x\"}, \"Name\": "
	                           "/nope}\n"),
	                 0);
	assert_string_equal(fresh_name(tmp), "docker 0123456789ab");
	/* a name with a control character: the id */
	assert_int_equal(tfile_put(p, "{\"Name\": \"/a\\u0007b\"}"), 0);
	assert_string_equal(fresh_name(tmp), "docker 0123456789ab");
	/* huge (200 KiB, the name at its start): not read, the id */
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big, "{\"Name\": \"/big\", \"Pad\": \"",
	       strlen("{\"Name\": \"/big\", \"Pad\": \""));
	memcpy(big + n - 3, "\"}\n", 3);
	big[n] = '\0';
	assert_int_equal(tfile_put(p, big), 0);
	free(big);
	assert_string_equal(fresh_name(tmp), "docker 0123456789ab");
	/* not a regular file (a FIFO: never waited on), then missing */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_string_equal(fresh_name(tmp), "docker 0123456789ab");
	assert_int_equal(unlink(p), 0);
	assert_string_equal(fresh_name(tmp), "docker 0123456789ab");
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	assert_int_equal(system(cmd), 0);
}

static void
test_cgroups_off(void **state)
{
	struct snapshot s;
	struct collector *c = sample(FIX "v2/proc", FIX "v2/sys", &s);
	(void)state;
	collector_set_cgroups(c, false);
	assert_int_equal(collector_sample(c, &s, 2000), 0);
	assert_int_equal(s.ncgroups, 0);
	collector_set_cgroups(c, true);
	assert_int_equal(collector_sample(c, &s, 3000), 0);
	assert_int_equal(s.ncgroups, 7);
	snapshot_fini(&s);
	collector_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_v2_tree),
	    cmocka_unit_test(test_v1_tree),
	    cmocka_unit_test(test_hybrid_tree),
	    cmocka_unit_test(test_recreated_and_light),
	    cmocka_unit_test(test_forecast_through_walks),
	    cmocka_unit_test(test_docker_names),
	    cmocka_unit_test(test_cgroups_off),
	};
	return cmocka_run_group_tests(tests, fixdir_setup, NULL);
}
