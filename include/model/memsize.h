/*
 * memsize: memory sizes as people type and read them ("512M", "1.5G",
 * "max"), the step of the cgroup limit keys, and the rule for a limit
 * change (refuse / confirm / apply). Pure: no I/O.
 *
 * Suffixes are binary (K = 1024 bytes, M, G, T), case-insensitive, an
 * optional trailing "B" or "iB" allowed; no suffix means bytes. "max" is
 * CGMEM_UNLIMITED (model/cgmem.h).
 */
#ifndef OOMWATCH_MODEL_MEMSIZE_H
#define OOMWATCH_MODEL_MEMSIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/policy.h"

#define MEMSIZE_MIB (1LL << 20)

/*
 * Parse len bytes of s (spaces around allowed) into *bytes: a decimal
 * with at most one fraction part and a suffix, or "max". 0, -EINVAL for
 * anything else or a value under 1 byte, -ERANGE above 2^62.
 */
int memsize_parse(const char *s, size_t len, int64_t *bytes);

/*
 * Format bytes shortly into buf: "max" for CGMEM_UNLIMITED, "N/A" for
 * SNAP_NA, else the largest unit that keeps at least 1 with one decimal
 * when it is not whole ("512M", "1.5G", "4096K", "100B"). Returns the
 * length (truncated to fit, NUL-terminated).
 */
size_t memsize_format(int64_t bytes, char *buf, size_t size);

/*
 * The step of ']' and '[': 10% of limit, or of usage when the limit is
 * unlimited or unknown, rounded to MiB, at least 1 MiB.
 */
int64_t memsize_step(int64_t limit, int64_t usage);

/*
 * The limit a step gives: limit + step up, limit - step down (never below
 * 1 MiB). From unlimited, down is usage + step (just above the usage) and
 * up stays unlimited. SNAP_NA when neither limit nor usage is known.
 */
int64_t memsize_stepped(int64_t limit, int64_t usage, bool up);

/* The facts a cgroup limit change is decided from. */
struct memsize_facts {
	bool read_only; /* --read-only */
	bool root;      /* the hierarchy's root cgroup */
	int64_t usage;  /* bytes, SNAP_NA unknown */
	int64_t old_limit, new_limit;
};

/* Why a change is refused or confirmed. */
enum memsize_reason {
	MEMSIZE_R_NONE = 0,
	MEMSIZE_R_READ_ONLY, /* refused */
	MEMSIZE_R_ROOT,      /* refused */
	MEMSIZE_R_SAME,      /* refused: nothing to change */
	MEMSIZE_R_BELOW,     /* confirmed: lowering below the usage */
};

/*
 * Decide: refuse with --read-only, on the root cgroup and when the value
 * does not change; confirm a lowering below the usage (or when the usage
 * is unknown); else allow. *reason says why. The verdict is
 * POLICY_ALLOW, POLICY_CONFIRM or POLICY_REFUSE.
 */
enum policy_verdict memsize_decide(const struct memsize_facts *f,
                                   enum memsize_reason *reason);

/* The words for a reason ("" for none). */
const char *memsize_reason_text(enum memsize_reason r);

#endif
