/*
 * prom: one sample as Prometheus text exposition (format 0.0.4, what
 * node_exporter's textfile collector and `promtool check metrics` read).
 * Pure: it renders into a growable buffer; the batch prints it and the
 * textfile writer (persist/promfile.h) renames it into place.
 *
 * The contract of the output:
 *   - every name starts with "oomwatch_", is in base units (_bytes,
 *     _seconds, _ratio) and a counter's name ends in "_total";
 *   - each family is one block: "# HELP", "# TYPE", then its samples;
 *     a family with no sample is left out whole;
 *   - no timestamps (the textfile collector refuses them);
 *   - a value that is unknown (SNAP_NA) is left out, never written as 0;
 *   - label values from processes, cgroups and the kernel log go through
 *     the one sanitizer, with every backslash of the raw bytes written as
 *     "\x5c" first, so two different raw values never give one label
 *     (no duplicate series), then are escaped for the format (backslash,
 *     double quote, newline);
 *   - cardinality is bounded: the top N processes by oom_score, in the
 *     kernel's victim order (model/victim.h; N = top_n, none when 0; a
 *     row whose oom_score is unknown is never listed), the
 * PROM_MEMCG_TOP (constraint, memcg) pairs with the most OOM kills (the others
 * summed under memcg="other" per constraint), one series per cgroup of the
 * walk.
 */
#ifndef OOMWATCH_MODEL_PROM_H
#define OOMWATCH_MODEL_PROM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/forecast.h"
#include "model/promtally.h"
#include "model/snapshot.h"

#define PROM_TOP_DEFAULT 10
#define PROM_MEMCG_TOP 10

/* What the kernel counts (klog) are of, which each HELP says. */
enum prom_klog_span {
	PROM_KLOG_BUFFER = 0,  /* the log the kernel's buffer still holds now
	                          (or the --kmsg-file): --batch */
	PROM_KLOG_SINCE_START, /* every event read since the recorder
	                          started, its backlog at start included */
};

/* A growable text buffer (s is NUL-ended once anything was written). */
struct prom_text {
	char *s; /* owned */
	size_t len, cap;
	bool failed;   /* an allocation failed: the text is incomplete */
	char *scratch; /* owned: one label value being sanitized */
	size_t scratch_cap;
	size_t *top; /* owned: the top N rows being picked */
	size_t top_cap;
};

/* What one exposition shows. Everything is borrowed. */
struct prom_input {
	const struct snapshot *snap;
	long victim;        /* the next victim: index in snap->procs, or -1 */
	const size_t *rows; /* rows the top N is picked from (NULL: all) */
	size_t nrows;
	size_t top_n; /* processes listed (0: none; --prom-top, default
	                 PROM_TOP_DEFAULT) */
	const struct forecast *mem_oom; /* NULL or not valid: no number */
	const struct promtally *klog;   /* NULL: the log was not read */
	enum prom_klog_span klog_span;  /* what klog counted (the HELP) */
};

/* An empty buffer (no allocation yet). */
void prom_text_init(struct prom_text *t);
/* Free what the buffer owns; it may be initialised again after. */
void prom_text_fini(struct prom_text *t);

/* Append the exposition of in to t (emptied first). 0, or -ENOMEM (the
 * text is then incomplete and must not be published). */
int prom_render(struct prom_text *t, const struct prom_input *in);

/* Append len raw bytes as a label value, sanitized and escaped (see
 * above), without the quotes. */
void prom_label_value(struct prom_text *t, const char *raw, size_t len);

/* True when name matches [a-zA-Z_:][a-zA-Z0-9_:]*. */
bool prom_name_is_valid(const char *name);

#endif
