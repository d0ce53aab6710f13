/*
 * clock: the program's one monotonic clock and one wall clock, in
 * milliseconds, and the boot clock (CLOCK_BOOTTIME, which counts time
 * suspended) that /proc/PID/stat start times are measured on.
 *
 * Test hook: clock_fix() freezes all three at given values until
 * clock_unfix(); a frozen boot clock equals the frozen monotonic one
 * (nothing suspended). The binary calls clock_fix_from_env() at start,
 * which reads OOMWATCH_TEST_CLOCK="WALL_MS[:MONO_MS]" (decimal digits
 * only; MONO_MS defaults to CLOCK_TEST_MONO_MS), so golden-screen tests
 * draw the same times on every run. Not for production use.
 *
 * A frozen clock never reaches a deadline: code that hands a deadline to
 * the kernel (pthread_cond_timedwait on a CLOCK_MONOTONIC condition,
 * clock_nanosleep) converts it with clock_deadline_ts(), which always
 * yields a real CLOCK_MONOTONIC time, so a wait still ends.
 *
 * Fix and unfix before other threads read the clock (tests, start-up).
 */
#ifndef OOMWATCH_CORE_CLOCK_H
#define OOMWATCH_CORE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The environment variable clock_fix_from_env() reads. */
#define CLOCK_TEST_ENV "OOMWATCH_TEST_CLOCK"
/* Frozen monotonic (and boot) clock when the variable names no MONO_MS. */
#define CLOCK_TEST_MONO_MS 3600000u

/* The monotonic clock in milliseconds (CLOCK_MONOTONIC, or frozen). */
uint64_t clock_mono_ms(void);

/* The wall clock in milliseconds since the epoch (CLOCK_REALTIME, or
 * frozen). For display only: never for intervals. */
int64_t clock_wall_ms(void);

/* The boot clock in nanoseconds (CLOCK_BOOTTIME; frozen: the monotonic
 * value, as if never suspended). */
uint64_t clock_boot_ns(void);

/* Microseconds the boot clock is ahead of the monotonic one (time spent
 * suspended; >= 0, 0 when frozen). */
int64_t clock_suspended_us(void);

/*
 * The real CLOCK_MONOTONIC time at which clock_mono_ms() reaches
 * deadline_ms (when frozen: now plus the ms left to deadline_ms, none if
 * it has passed), for an absolute wait on CLOCK_MONOTONIC.
 */
struct timespec clock_deadline_ts(uint64_t deadline_ms);

/* Freeze the clocks at wall_ms and mono_ms (test hook, see above). */
void clock_fix(int64_t wall_ms, uint64_t mono_ms);

/* Let the clocks run again. */
void clock_unfix(void);

/*
 * A wall-clock time in ms as local time, strftime(fmt) (a constant
 * format), into buf;
 * fallback when it cannot be converted or does not fit. Returns buf.
 */
char *clock_wall_text(int64_t unix_ms, const char *fmt, const char *fallback,
                      char *buf, size_t size);

/* True while the clocks are frozen. */
bool clock_fixed(void);

/*
 * Freeze the clocks as OOMWATCH_TEST_CLOCK says: 1 when it did, 0 when
 * the variable is unset or empty, -1 when it is malformed (the clocks
 * keep running).
 */
int clock_fix_from_env(void);

#endif
