/* fixdir.c: run fixture tests from the source top (see fixdir.h). */
#include "fixdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* How many parents of the working directory are searched. */
#define FIXDIR_UP 8

/* Whether the working directory holds the fixtures. */
static int
fixdir_here(void)
{
	return access("tests/fixtures", F_OK) == 0;
}

/* chdir to the source top. */
int
fixdir_setup(void **state)
{
	const char *top = getenv("TOP");

	(void)state;
	if (top != NULL && *top != '\0' && chdir(top) == 0 && fixdir_here())
		return 0;
	for (int i = 0; i <= FIXDIR_UP; i++) {
		if (fixdir_here())
			return 0;
		if (chdir("..") != 0)
			break;
	}
	fprintf(stderr, "fixdir: no tests/fixtures here or above; set TOP to "
	                "the source tree\n");
	return -1;
}
