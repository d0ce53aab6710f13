/*
 * sysctl: the kernel settings that decide what happens to a frozen or
 * out-of-memory machine, each with its meaning in one line made from its
 * value, and the one-sentence summary ("a task in D for 120 s is logged,
 * the machine does not panic; a soft lockup is logged after 20 s; an
 * oops panics and reboots after 10 s"). Pure: the collector reads the
 * files (collect/sysfiles.h), this module parses and explains them.
 *
 * Lockups: a soft lockup is detected only while kernel.watchdog and
 * kernel.soft_watchdog are both on, a hard lockup only while
 * kernel.watchdog and kernel.nmi_watchdog are (an absent nmi_watchdog:
 * no hard-lockup detector). watchdog_thresh's meaning and the summary
 * name only the detectors that are on, and hedge ("if ...") when a
 * switch cannot be read.
 *
 * kernel.tainted is decoded bit by bit with the kernel's letters
 * (Documentation/admin-guide/tainted-kernels.rst): P F S R M B U D A W C
 * I O E L K X T N J for bits 0..19; higher bits are shown as numbers.
 */
#ifndef OOMWATCH_MODEL_SYSCTL_H
#define OOMWATCH_MODEL_SYSCTL_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* The settings, in the order the screen and JSON show them. */
enum sysctl_id {
	SYSCTL_HUNG_TASK_TIMEOUT = 0,
	SYSCTL_HUNG_TASK_PANIC,
	SYSCTL_WATCHDOG,      /* kernel.watchdog: both lockup detectors */
	SYSCTL_SOFT_WATCHDOG, /* kernel.soft_watchdog: the soft one */
	SYSCTL_WATCHDOG_THRESH,
	SYSCTL_SOFTLOCKUP_PANIC,
	SYSCTL_HARDLOCKUP_PANIC,
	SYSCTL_NMI_WATCHDOG,
	SYSCTL_PANIC_ON_OOPS,
	SYSCTL_PANIC_ON_WARN,
	SYSCTL_PANIC,
	SYSCTL_PANIC_ON_OOM,
	SYSCTL_OOM_KILL_ALLOCATING,
	SYSCTL_OVERCOMMIT_MEMORY,
	SYSCTL_OVERCOMMIT_RATIO,
	SYSCTL_OVERCOMMIT_KBYTES,
	SYSCTL_MIN_FREE_KBYTES,
	SYSCTL_SWAPPINESS,
	SYSCTL_TAINTED,
	SYSCTL_COUNT
};

/* One setting: its sysctl name and its file under the proc root. */
struct sysctl_def {
	const char *name;        /* "kernel.hung_task_timeout_secs" */
	const char *path;        /* "sys/kernel/hung_task_timeout_secs" */
	const char *why_missing; /* what an absent file usually means */
};

/* The values: v[i] is SNAP_NA when err[i] is not 0 (an errno, or EINVAL
 * for a file that holds no number). */
struct sysctl_values {
	int64_t v[SYSCTL_COUNT];
	int err[SYSCTL_COUNT];
};

/* The definition of setting id (id < SYSCTL_COUNT). */
const struct sysctl_def *sysctl_def(enum sysctl_id id);

/* Every value unknown with errno err. */
void sysctl_values_clear(struct sysctl_values *sv, int err);

/* Parse one setting's file text into sv (one integer; a bad text sets
 * err EINVAL). 0 or -1. */
int sysctl_parse(struct sysctl_values *sv, enum sysctl_id id, const char *buf,
                 size_t len);

/* The meaning of setting id in one line, into buf (always ended); "N/A:"
 * and the reason when it is unknown. Returns buf. */
const char *sysctl_meaning(const struct sysctl_values *sv, enum sysctl_id id,
                           char *buf, size_t size);

/* The summary sentence: what happens to a hung task, a soft lockup and
 * an oops. Returns buf. */
const char *sysctl_summary(const struct sysctl_values *sv, char *buf,
                           size_t size);

/* The taint letters of mask, "P W O E" style (space separated), or "" for
 * 0. Returns buf. */
const char *sysctl_taint_letters(uint64_t mask, char *buf, size_t size);

/* The taint bits of mask in words ("proprietary module, warning"); "" for
 * 0. Returns buf. */
const char *sysctl_taint_words(uint64_t mask, char *buf, size_t size);

#endif
