/* Unit tests for app/batch_cg.c: each cgroup's "forecast" in the JSON
 * (only with a history), a number only when it is steady; a container's
 * own name in "name". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/batch_cg.h"
#include "cgfixture.h"
#include "model/snapcg.h"

/* batch_cg_json of s into a new string (the caller frees it). */
static char *
json_of(const struct snapshot *s, bool forecast)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	batch_cg_json(f, s, forecast);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void
test_forecast_in_json(void **state)
{
	struct snapshot s;
	uint32_t root, web, db, dk;
	char *j;
	(void)state;
	snapshot_init(&s);
	root =
	    cgfixture_add(&s, "/", SNAPCG_NONE, 2000LL << 20, CGMEM_UNLIMITED);
	web = cgfixture_add(&s, "/system.slice/nginx.service", root,
	                    497LL << 20, 512LL << 20);
	db = cgfixture_add(&s, "/system.slice/db.service", root, 100LL << 20,
	                   1000LL << 20);
	s.cgroups[root].fore.basis = FORECAST_NO_LIMIT;
	s.cgroups[web].fore =
	    (struct cgseries_fore){true, FORECAST_STEADY, 720, 3072.0};
	s.cgroups[db].fore.basis = FORECAST_NOISY;
	/* a Docker container with its own name known */
	dk = cgfixture_add(&s,
	                   "/system.slice/docker-"
	                   "0123456789abcdef0123456789abcdef0123456789abcdef"
	                   "0123456789abcdef.scope",
	                   root, 10LL << 20, CGMEM_UNLIMITED);
	assert_int_equal(snapshot_str_append(&s, "nginx-proxy", 11,
	                                     &s.cgroups[dk].cname_off),
	                 0);
	s.cgroups[dk].cname_len = 11;
	j = json_of(&s, true);
	assert_non_null(
	    strstr(j, "\"name\": \"docker nginx-proxy (0123456789ab)\""));
	assert_non_null(strstr(j, "\"name\": \"nginx.service\""));
	assert_non_null(
	    strstr(j, "\"victim\": null, \"forecast\": {\"limit_in_s\": 720, "
	              "\"basis\": \"steady\"}}"));
	assert_non_null(
	    strstr(j, "{\"limit_in_s\": null, \"basis\": \"no limit\"}"));
	assert_non_null(
	    strstr(j, "{\"limit_in_s\": null, \"basis\": \"noisy\"}"));
	free(j);
	/* without a history (-n 1): no key */
	j = json_of(&s, false);
	assert_null(strstr(j, "forecast"));
	free(j);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forecast_in_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
