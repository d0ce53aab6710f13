/* rank.c: placeholder names table until the ranking lands (issue 2). */
#include "model/rank.h"

#include <string.h>

static const char *const key_names[RANK_KEY_COUNT] = {
    "oom", "adj", "rss", "anon", "file", "shm", "swap", "pid", "user", "name",
    "cgroup"};

/* The -s name of a key. */
const char *
rank_key_name(enum rank_key key)
{
	return (unsigned)key < RANK_KEY_COUNT ? key_names[key] : "?";
}

/* Parse a -s name. */
int
rank_key_parse(const char *name, enum rank_key *key)
{
	for (unsigned i = 0; i < RANK_KEY_COUNT; i++) {
		if (strcmp(name, key_names[i]) == 0) {
			*key = (enum rank_key)i;
			return 0;
		}
	}
	return -1;
}
