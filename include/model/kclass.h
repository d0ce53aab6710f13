/*
 * kclass: what one kernel-log line is about. The one keyword list of the
 * program: the event assembler dispatches on these classes and the
 * dashboard colours its log pane by them.
 *
 * Keywords decide first, each only where the kernel prints it: at the
 * start of the message ("BUG: kernel NULL pointer dereference, address:",
 * "Out of memory"), after the watchdog's or the OOM killer's own prefix,
 * or after a task's comm ("<comm> invoked oom-killer:", "<comm>: page
 * allocation failure"); the same words elsewhere in a line (a driver's
 * "Out of memory", a quoted report) are no keyword. A line may match
 * several: the table order is the priority (panic beats lockups beats
 * OOM beats oops ...). A line with no
 * keyword is an error when its priority level is 0-3, a warning at level 4
 * or when it starts a WARNING/"cut here" block, and normal otherwise. A
 * record written from userspace (facility != 0) is always KCLASS_USER:
 * anyone who can write /dev/kmsg can forge kernel-looking text, so such a
 * line never becomes a kernel event.
 */
#ifndef OOMWATCH_MODEL_KCLASS_H
#define OOMWATCH_MODEL_KCLASS_H

#include <stdbool.h>
#include <stddef.h>

enum kclass {
	KCLASS_NORMAL = 0,
	KCLASS_WARNING,       /* level 4, or WARNING:/cut here */
	KCLASS_ERROR,         /* level 0-3 without a keyword */
	KCLASS_USER,          /* written by userspace: never an event */
	KCLASS_ALLOC_FAILURE, /* page allocation failure */
	KCLASS_OOPS,          /* NULL dereference, Oops, BUG:, GPF */
	KCLASS_HUNG_TASK,     /* blocked for more than N seconds */
	KCLASS_SOFT_LOCKUP,
	KCLASS_HARD_LOCKUP,
	KCLASS_PANIC,       /* Kernel panic - not syncing */
	KCLASS_OOM_INVOKED, /* "<comm> invoked oom-killer:" */
	KCLASS_OOM_REPORT,  /* report body: table, oom-kill:, Mem-Info */
	KCLASS_OOM_MEMCG,   /* memcg part of a report */
	KCLASS_OOM_KILL,    /* "Killed process" / "Kill process" */
	KCLASS_OOM_REAPER,  /* "oom_reaper:" */
	KCLASS_COUNT
};

/*
 * Class of len bytes of one display line (no '\n' inside). level is the
 * priority 0-7 or -1 when unknown; from_user marks a userspace record.
 */
enum kclass kclass_of(const char *text, size_t len, int level, bool from_user);

/* Short stable name of a class ("oom_kill", "hung_task", ...). */
const char *kclass_name(enum kclass c);

/* True for the OOM classes (invoked .. reaper). */
bool kclass_is_oom(enum kclass c);

/* True for classes that draw attention (everything but normal, user). */
bool kclass_is_alert(enum kclass c);

#endif
