/*
 * json: the few helpers both JSON outputs (--batch --json, --events --json)
 * share. Strings always go through the one sanitizer first, so the output
 * is valid JSON (and safe on a terminal) whatever bytes a name holds.
 */
#ifndef OOMWATCH_CORE_JSON_H
#define OOMWATCH_CORE_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Write s (len bytes, any content) as a sanitized, quoted JSON string. */
void json_string(FILE *f, const char *s, size_t len);
/* Write a NUL-terminated string as a JSON string, or null when s is NULL. */
void json_cstr_or_null(FILE *f, const char *s);
/* Write v as a JSON integer, or null when v equals na. */
void json_int_or_null(FILE *f, int64_t v, int64_t na);
/* Write v with up to 2 decimals, or null when ok is 0. */
void json_double_or_null(FILE *f, double v, int ok);

#endif
