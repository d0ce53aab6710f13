/*
 * batch_sys: the System screen's data in `oomwatch --batch --json`.
 *
 *   "blocked": [{"pid", "comm", "state_s", "wchan"}]
 *     every task in D state in this sample; state_s is how long it has
 *     been seen in D over this run's samples (0 on its first, so always 0
 *     with -n 1), wchan what it waits in, or null when unreadable.
 *   "settings": {"kernel.hung_task_timeout_secs": {"value", "meaning"},
 *                ...}
 *     every setting of model/sysctl.h by its sysctl name, null when the
 *     file cannot be read; "meaning" is the one-line explanation.
 *
 * The D tasks' first-seen times live in the run's struct batch_sys; the
 * files are read from its proc root once per sample.
 */
#ifndef OOMWATCH_APP_BATCH_SYS_H
#define OOMWATCH_APP_BATCH_SYS_H

#include <stdio.h>

#include "model/snapshot.h"

struct batch_sys;

/* The run's state, reading under proc_root (NULL: /proc); NULL when out
 * of memory. batch_sys_free frees it (NULL is fine). */
struct batch_sys *batch_sys_new(const char *proc_root);
void batch_sys_free(struct batch_sys *st);

/* Write `, "blocked": [...], "settings": {...}` (with the leading
 * separator) for sample s (st NULL: both null). */
void batch_sys_json(FILE *f, struct batch_sys *st, const struct snapshot *s);

#endif
