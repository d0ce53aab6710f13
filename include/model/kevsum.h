/*
 * kevsum: what the kernel log of one boot (or one crash dump) says, in
 * a few numbers: the events the engine (model/kevents.h) completed, by
 * kind, the first panic's message (raw bytes: sanitize before output),
 * whether that panic was the OOM killer's (vm.panic_on_oom, or memory
 * deadlocked), and how the kernel said it went down ("reboot: Restarting
 * system", "reboot: Power down", "reboot: System halted"). Pure.
 */
#ifndef OOMWATCH_MODEL_KEVSUM_H
#define OOMWATCH_MODEL_KEVSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/kevents.h"

/* The kernel's last word on how it went down. */
enum kevsum_halt {
	KEVSUM_HALT_NONE = 0,
	KEVSUM_HALT_RESTART,  /* "reboot: Restarting system" */
	KEVSUM_HALT_POWEROFF, /* "reboot: Power down" */
	KEVSUM_HALT_HALT,     /* "reboot: System halted" */
};

struct kevsum {
	uint32_t counts[KEVENT_KIND_COUNT]; /* events completed, by kind */
	struct kevent_text panic;           /* the first panic's message */
	bool panicked;                      /* a panic event was seen */
	bool oom_panic;                     /* that panic was an OOM one */
	enum kevsum_halt halt;              /* the last halt line seen */
	uint64_t lines;                     /* lines fed */
};

/* Zero the summary. */
void kevsum_clear(struct kevsum *s);
/* Feed one raw line (any format klog_parse knows) to ev, count the
 * events it completes and note a halt line. */
void kevsum_feed_line(struct kevsum *s, struct kevents *ev, const char *line,
                      size_t len);
/* The same for a parsed record. */
void kevsum_feed_record(struct kevsum *s, struct kevents *ev,
                        const struct klog_record *rec);
/* End of input: the engine's last events are counted. */
void kevsum_finish(struct kevsum *s, struct kevents *ev);
/* The total of the counts. */
uint32_t kevsum_total(const struct kevsum *s);
/* True when a panic message is the OOM killer's ("Out of memory: ...
 * panic_on_oom is enabled", "System is deadlocked on memory"). */
bool kevsum_is_oom_panic(const char *msg, size_t len);

#endif
