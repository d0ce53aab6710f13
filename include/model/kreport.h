/*
 * kreport: pure parsers for the kernel's non-OOM trouble reports, one
 * line each: hung task, soft lockup, hard lockup, panic,
 * NULL pointer dereference, page allocation failure. Same contract as
 * oomreport: (bytes, length) in, struct out only on success, slices
 * borrowed from the line, unknown numbers KLOG_NA.
 *
 * Comm fields may hold spaces and colons ("kworker/u8:102", "CPU 7/KVM"),
 * so "comm:pid" is split at the LAST colon.
 */
#ifndef OOMWATCH_MODEL_KREPORT_H
#define OOMWATCH_MODEL_KREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/kscan.h"

/* "INFO: task COMM:PID blocked for more than N seconds." */
struct kreport_hung_task {
	struct kslice comm;
	int64_t pid, seconds;
};

/* "[watchdog: ]BUG: soft lockup - CPU#N stuck for Ns! [COMM:PID]" */
struct kreport_soft_lockup {
	int64_t cpu, seconds, pid;
	struct kslice comm;
};

/* "COMM: page allocation failure: order:N, mode:..." (or ". order:N") */
struct kreport_alloc_failure {
	struct kslice comm; /* len 0 when the line does not name it */
	int64_t order;
};

bool kreport_parse_hung_task(const char *s, size_t len,
                             struct kreport_hung_task *out);
bool kreport_parse_soft_lockup(const char *s, size_t len,
                               struct kreport_soft_lockup *out);
/* "Watchdog detected hard LOCKUP on cpu N", "Watchdog CPU:N Hard LOCKUP",
 * powerpc "watchdog: CPU N self-detected hard LOCKUP @ ..";
 * *cpu is KLOG_NA when the line names none. False for a panic line. */
bool kreport_parse_hard_lockup(const char *s, size_t len, int64_t *cpu);
/* "Kernel panic - not syncing: MESSAGE"; false for the "---[ end Kernel
 * panic" trailer that repeats it. */
bool kreport_parse_panic(const char *s, size_t len, struct kslice *message);
/* A line that starts (after blanks and a caller field) as one of the
 * NULL-dereference reports: x86 "BUG: kernel NULL pointer dereference,
 * address: X" (5.1+) and "BUG: unable to handle kernel NULL pointer
 * dereference at X", powerpc "BUG: Kernel NULL pointer dereference on
 * read at X", arm/arm64/riscv "Unable to handle kernel NULL pointer
 * dereference at virtual address X"; address->len is 0 when no address is
 * printed (or it is "(null)"). */
bool kreport_parse_null_deref(const char *s, size_t len,
                              struct kslice *address);
bool kreport_parse_alloc_failure(const char *s, size_t len,
                                 struct kreport_alloc_failure *out);

#endif
