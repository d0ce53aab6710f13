/* fuzz_recjson.c: libFuzzer harness for the stored-event JSON reader
 * (model/recjson.c) and the event rebuilt from it (model/recbox.c): the
 * input is the JSON, read in a copy of exactly its size (ASan sees any
 * read past it); a string read must be NUL terminated inside its buffer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/recbox.h"
#include "model/recjson.h"

static const char *const keys[] = {
    "pid", "comm", "anon_rss_kb", "memcg", "tasks", "time", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every reader on the input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1), buf[8];
	struct kevent e;
	int64_t v;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		(void)recjson_int(s, size, keys[i], &v);
		memset(buf, 'x', sizeof buf);
		if (recjson_str(s, size, keys[i], buf, sizeof buf) &&
		    memchr(buf, '\0', sizeof buf) == NULL)
			abort();
	}
	(void)recbox_event(&e, "oom_kill", 1, 1, 1, 1, s, size);
	if (e.comm.len > sizeof e.comm.s ||
	    e.oom.memcg.len > sizeof e.oom.memcg.s)
		abort();
	free(s);
	return 0;
}
