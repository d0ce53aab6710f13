/*
 * scr_system: the System screen (key 9), "frozen or slow?": the vmstat
 * strip over the last minute, load and PSI, every task in D state with
 * how long it has been in D, and the settings that decide what happens
 * next (view/syspane.h draws it).
 *
 * The D tasks are followed on every sample: while this screen is
 * current, among every thread (collect/sysfiles.h walks /proc/PID/task);
 * elsewhere from the snapshot's process rows, no file read, so a
 * process's time in D counts across refreshes whichever screen is
 * current (a thread other than a main one is forgotten while away). The files
 * (collect/sysfiles.h: /proc/stat, loadavg, pressure, the sysctls, and wchan
 * for D tasks) are read at most once a sample and only while this screen is
 * current, but for /proc/stat and loadavg: the strip's row is made on every
 * sample whatever the screen (one cheap read; memory and swap come from the
 * snapshot), so the strip holds the last minute when the screen comes back. Its
 * first sample only primes the deltas (vmstat's since-boot line is not shown).
 * Kernel stacks are read only for D tasks and only while 's' has them on.
 *
 * In a replay (ui->replay set) no file is read and no reader is opened:
 * while the screen is current, each sample rebuilds the strip from the
 * record (persist/recreplay.h: the cursor's boot, the minute up to the
 * cursor; free, buff/cache, and si/so from the recorded pswpin/pswpout
 * against the sample before), PSI memory is the snapshot's, and the
 * load, PSI cpu and io, the D tasks and the settings are "not recorded"
 * (view/syspane.h's recorded); 's' says the stacks are not recorded.
 */
#ifndef OOMWATCH_APP_SCR_SYSTEM_H
#define OOMWATCH_APP_SCR_SYSTEM_H

#include <stdbool.h>
#include <stdint.h>

#include "app/scr.h"
#include "collect/sysfiles.h"
#include "view/syspane.h"

struct scr_system_state {
	struct sysfiles *sf; /* opened at the first read (owned), or NULL */
	bool sf_tried;
	char sf_err[200]; /* why sf is NULL */
	struct sysstat stat;
	struct dtasks tasks;
	struct sysfiles_sample sample;
	bool have_sample;
	uint64_t read_ms; /* the sample (mono_ms) the files were read for */
	bool have_stat;   /* the strip has read a sample */
	uint64_t stat_ms; /* the sample the strip read stat for */
	bool stacks;      /* 's': show (and read) the D tasks' stacks */
	struct syspane_view view;
	char status[UI_STATUS_MAX];
};

extern const struct scr_def scr_system;

#endif
