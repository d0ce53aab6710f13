/*
 * dtasks: every task in D state (uninterruptible sleep) now, from the
 * snapshot's process rows, with how long each has been in D, counted
 * across refreshes. Pure; time is passed in (monotonic ms).
 *
 * A task is keyed by its identity (core/procid.h: pid + start time). It
 * is first seen in D at some sample's time; while every later sample
 * still shows it in D its time grows; a sample where it is not in D (or
 * gone) forgets it. So the time is a lower bound: a task already in D at
 * the first sample starts at 0. A state between two samples is not seen.
 * dtasks_update takes the snapshot's rows: processes, by their main
 * thread's state. dtasks_update_list takes the threads a walk of
 * /proc/PID/task found in D (collect/sysfiles.h), keyed by tid and the
 * thread's start time, each with its process's pid and name.
 *
 * At most DTASKS_MAX tasks are kept (the first ones of the snapshot
 * order); dropped counts the rest. No allocation: the lists are arrays in
 * the struct. The wchan and stack fields are the collector's to fill
 * (collect/sysfiles.h); an update keeps them for tasks still in D.
 */
#ifndef OOMWATCH_MODEL_DTASKS_H
#define OOMWATCH_MODEL_DTASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/procid.h"
#include "model/snapshot.h"

#define DTASKS_MAX 128
#define DTASKS_WCHAN_MAX 64
#define DTASKS_STACK_MAX 1024

/* One task in D. */
struct dtask {
	struct procid id;  /* the task: tid (pid for a process) + start */
	int32_t pid;       /* its process (thread group id) */
	char comm[16];     /* raw, NUL-ended */
	uint64_t since_ms; /* first seen in D (monotonic) */
	char wchan[DTASKS_WCHAN_MAX]; /* raw; "" when unknown */
	int wchan_err; /* 0, the errno of the read, or EPERM: hidden */
	char stack[DTASKS_STACK_MAX]; /* raw /proc/PID/stack; "" unknown */
	int stack_err; /* 0, the errno of the read, or -1: not read */
};

struct dtasks {
	struct dtask item[DTASKS_MAX]; /* in snapshot order */
	size_t n;
	size_t dropped;  /* D tasks past DTASKS_MAX in the last update */
	uint64_t now_ms; /* the last update's time */
};

/*
 * How near a task is to hung_task_timeout_secs. procfs shows D for
 * killable and unkillable waits alike, and the kernel's hung-task check
 * reports only the unkillable ones (TASK_UNINTERRUPTIBLE without
 * TASK_WAKEKILL), so past the timeout a task may or may not be reported:
 * the levels say where it is, never that it was logged.
 */
enum dtasks_level {
	DTASKS_OK = 0, /* under half the timeout, or no timeout known */
	DTASKS_NEAR,   /* at least half: highlighted before a report */
	DTASKS_PAST,   /* at or past it: reported unless killable */
};

/* One task a thread walk found in D. */
struct dtasks_cand {
	struct procid id; /* tid + the thread's start time */
	int32_t pid;      /* its process */
	char comm[16];    /* its process's name, raw */
};

/* No task: sets the counts; the items are not written (only those below
 * n are ever read), so their pages cost memory only once tasks are seen. */
void dtasks_init(struct dtasks *d);

/* Replace the list with the n tasks of c (dropped: D tasks the walk
 * could not keep) at now_ms, keeping each known task's first-seen time,
 * wchan and stack; past DTASKS_MAX they count as dropped too. */
void dtasks_update_list(struct dtasks *d, const struct dtasks_cand *c, size_t n,
                        size_t dropped, uint64_t now_ms);

/* Forget task i (a re-read found it out of D). */
void dtasks_remove(struct dtasks *d, size_t i);

/* Replace the list with the D rows of s at now_ms, keeping each known
 * task's first-seen time, wchan and stack. */
void dtasks_update(struct dtasks *d, const struct snapshot *s, uint64_t now_ms);

/* How long task i has been seen in D, in ms (at the last update). */
uint64_t dtasks_in_d_ms(const struct dtasks *d, size_t i);

/* The level of a task in D for in_d_ms under hung_task_timeout_secs
 * (SNAP_NA or 0: the check is off or unknown, always DTASKS_OK). */
enum dtasks_level dtasks_level(uint64_t in_d_ms, int64_t timeout_s);

/* The words for level lv under timeout_s into buf ("" for DTASKS_OK):
 * "near the hung-task timeout", or "past hung_task_timeout_secs (120 s):
 * the kernel reports it as hung unless its wait is killable". Returns
 * buf. */
const char *dtasks_level_text(enum dtasks_level lv, int64_t timeout_s,
                              char *buf, size_t size);

#endif
