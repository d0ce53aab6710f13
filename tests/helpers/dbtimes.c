/*
 * dbtimes: samples at chosen times (see dbtimes.h).
 */
#include "dbtimes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbfix.h"
#include "persist/recdb.h"

/* An OOM kill of pid (its JSON as `--events --json` gives it) into s:
 * 0, or -1 when out of memory. */
static int
dbtimes_kill(struct recdb_sample *s, int pid)
{
	char json[128];

	snprintf(json, sizeof json,
	         "{\"kind\": \"oom_kill\", \"pid\": %d, \"comm\": \"hog\"}",
	         pid);
	s->events = calloc(1, sizeof *s->events);
	if (s->events == NULL)
		return -1;
	s->events[s->nevents++] = (struct recdb_event){
	    "oom_kill",   1,    5000000000LL + s->time_ms, -1, -1,
	    strdup(json), false};
	return 0;
}

/* Write the samples (see dbtimes.h). */
int
dbtimes_write(const char *path, const char *boot_id, const int *t_s, size_t n,
              int k0, int kill_at_s)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, boot_id, &st, err, sizeof err);
	struct recdb_sample s;
	int rc = 0;

	if (db == NULL) {
		fprintf(stderr, "recdb_open: %s\n", err);
		return -1;
	}
	for (size_t k = 0; k < n && rc == 0; k++) {
		memset(&s, 0, sizeof s);
		s.time_ms = DBTIMES_T0 + t_s[k] * 1000LL;
		s.mem = (struct mem_info){8000000, 100000,  4000000, 1000,
		                          2000,    300,     400,     0,
		                          0,       SNAP_NA, SNAP_NA};
		s.vmstat =
		    (struct vmstat_counters){0, 0, 100 * ((int64_t)k + k0), 0};
		if (t_s[k] == kill_at_s && dbtimes_kill(&s, 4000 + kill_at_s))
			rc = -1;
		if (rc == 0)
			rc = dbfix_write(db, &s);
	}
	recdb_close(db);
	return rc;
}
