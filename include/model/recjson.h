/*
 * recjson: the few fields the dashboard needs from a kernel event's JSON
 * as the recorder stored it (the objects `oomwatch --events --json`
 * prints: {"kind": "oom_kill", "pid": 1234, "comm": "leak", ...}). Pure;
 * the text may come from a damaged or hostile database: every read is
 * bounded by len (no NUL needed), nothing recurses, nothing allocates,
 * and malformed text is "not found", never a crash.
 *
 * Only the top-level members of one object are looked at; nested objects
 * and arrays (the task table) are skipped over. A key seen twice: the
 * first one counts.
 */
#ifndef OOMWATCH_MODEL_RECJSON_H
#define OOMWATCH_MODEL_RECJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest key compared (longer keys never match). */
#define RECJSON_KEY_MAX 32

/* The integer member key of the object in s[0..len) into *v: true when it
 * is there and an integer that fits in int64_t (null, a string, a
 * fraction or malformed text: false, *v untouched). */
bool recjson_int(const char *s, size_t len, const char *key, int64_t *v);

/* The string member key into buf (NUL terminated, cut to size - 1 bytes
 * on a character boundary; escapes decoded; control characters and
 * \u0000 shown as '?'): true when it is there and a string. */
bool recjson_str(const char *s, size_t len, const char *key, char *buf,
                 size_t size);

#endif
