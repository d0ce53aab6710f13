/*
 * filter: which process rows a view shows (-u USER, -p PID,...). Pure: the
 * user name is resolved to a uid by the caller (collect/usercache.h).
 */
#ifndef OOMWATCH_MODEL_FILTER_H
#define OOMWATCH_MODEL_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

struct filter {
	bool by_uid;
	uint32_t uid;
	const int32_t *pids; /* (borrowed) NULL or npids == 0: any pid */
	size_t npids;
};

/* True when row passes the filter. */
bool filter_match(const struct filter *f, const struct proc_row *row);

/*
 * Write the indexes of the rows of snap that pass f into order (room for
 * snap->nprocs); returns how many.
 */
size_t filter_select(const struct filter *f, const struct snapshot *snap,
                     size_t *order);

#endif
