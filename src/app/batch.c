/* batch.c: placeholder until this mode lands; replaced by its issue's work. */
#include <stdio.h>

#include "app/modes.h"

/* Say that this mode is not built yet. */
int
batch_run(const struct options *opt)
{
	(void)opt;
	fprintf(stderr, "oomwatch: this mode is not built yet\n");
	return 1;
}
