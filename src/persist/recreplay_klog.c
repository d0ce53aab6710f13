/*
 * recreplay_klog.c: the kernel-log lines of recorded events, rebuilt by
 * one query from their JSON (see recreplay_klog.h).
 */
#include "persist/recreplay_klog.h"

#include "persist/recsql.h"

/* The kernel-log lines of the events of boot ?1 recorded up to ?2 (unix
 * ms), as the kernel prints them (see recreplay_klog), in the order of
 * the events (their ids) and of each one's lines (part): 0 "invoked
 * oom-killer", 1 "oom-kill:", 2 the event's own line. */
#define J(k) "json_extract(j, '$." k "')"
// clang-format off
static const char recreplay_klog_sql[] =
    "WITH e AS (SELECT id, log_time_kind AS tk, log_time_us AS tu, seq, "
        "kind AS k, json AS j FROM events "
        "WHERE boot = ?1 AND time_ms <= ?2) "
    /* part 0: the OOM's first line, when the JSON names its trigger */
    "SELECT id, 0 AS part, tk, tu, -1, "
        "printf('%s invoked oom-killer: gfp_mask=%s, order=%d, "
            "oom_score_adj=%d', "
            J("trigger") ", "
            "coalesce(" J("gfp_mask") ", '0x0'), "
            "coalesce(" J("order") ", 0), "
            "coalesce(" J("oom_score_adj") ", 0)) "
        "FROM e WHERE k = 'oom_kill' AND " J("trigger") " IS NOT NULL "
    /* part 1: the "oom-kill:" summary, when it names the constraint */
    "UNION ALL SELECT id, 1, tk, tu, -1, "
        "printf('oom-kill:constraint=%s,nodemask=(null),cpuset=/,"
            "mems_allowed=0%s,task_memcg=%s,task=%s,pid=%d,uid=%d', "
            "CASE " J("constraint") " "
                "WHEN 'global' THEN 'CONSTRAINT_NONE' "
                "WHEN 'memcg' THEN 'CONSTRAINT_MEMCG' "
                "WHEN 'cpuset' THEN 'CONSTRAINT_CPUSET' "
                "ELSE 'CONSTRAINT_MEMORY_POLICY' END, "
            "CASE WHEN " J("constraint") " = 'memcg' "
                "THEN ',oom_memcg=' || " J("memcg") " ELSE '' END, "
            "coalesce(" J("memcg") ", '/'), "
            J("comm") ", "
            J("pid") ", "
            "coalesce(" J("uid") ", 0)) "
        "FROM e WHERE k = 'oom_kill' AND " J("constraint") " IS NOT NULL "
    /* part 2: every event's own line */
    "UNION ALL SELECT id, 2, tk, tu, seq, CASE k "
        "WHEN 'oom_kill' THEN "
            "printf('%s of memory: Killed process %d (%s) total-vm:%dkB, "
                "anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB, UID:%d "
                "pgtables:%dkB oom_score_adj:%d', "
                "CASE WHEN " J("constraint") " = 'memcg' "
                    "THEN 'Memory cgroup out' ELSE 'Out' END, "
                J("pid") ", " J("comm") ", " J("total_vm_kb") ", "
                J("anon_rss_kb") ", " J("file_rss_kb") ", "
                J("shmem_rss_kb") ", " J("uid") ", " J("pgtables_kb") ", "
                J("oom_score_adj") ") "
        "WHEN 'hung_task' THEN "
            "printf('INFO: task %s:%d blocked for more than %d seconds.', "
                J("comm") ", " J("pid") ", " J("seconds") ") "
        "WHEN 'soft_lockup' THEN "
            "printf('watchdog: BUG: soft lockup - CPU#%d stuck for %ds! "
                "[%s:%d]', "
                J("cpu") ", " J("seconds") ", " J("comm") ", " J("pid") ") "
        "WHEN 'hard_lockup' THEN "
            "printf('watchdog: Watchdog detected hard LOCKUP on cpu %d', "
                J("cpu") ") "
        "WHEN 'panic' THEN "
            "'Kernel panic - not syncing: ' || " J("message") " "
        "WHEN 'null_deref' THEN "
            "'BUG: kernel NULL pointer dereference, address: ' || "
                J("address") " "
        "WHEN 'page_alloc_failure' THEN "
            "printf('%s: page allocation failure: order:%d, mode:0x0', "
                J("comm") ", " J("order") ") "
        "END FROM e ORDER BY 1, 2";
// clang-format on
#undef J

/* Read the lines (see recreplay_klog.h). */
int
recreplay_klog_read(struct sqlite3 *db, int64_t boot, int64_t upto_ms,
                    recreplay_line_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	struct recreplay_line l;
	int rc = sqlite3_prepare_v2(db, recreplay_klog_sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, boot);
	sqlite3_bind_int64(st, 2, upto_ms);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l.time_kind = sqlite3_column_int(st, 2);
		l.time_us = sqlite3_column_int64(st, 3);
		l.seq = sqlite3_column_int64(st, 4);
		l.text = (const char *)sqlite3_column_text(st, 5);
		if (l.text != NULL)
			fn(&l, arg);
	}
	sqlite3_finalize(st);
	return rc;
}
