/*
 * arrgrow: room in a growing array (see arrgrow.h).
 */
#include "core/arrgrow.h"

#include <stdlib.h>

/* Room for one more in *arr, doubling its capacity. */
int
arrgrow_room(void **arr, size_t *cap, size_t n, size_t sz, size_t first)
{
	size_t ncap = *cap ? *cap * 2 : first;
	void *a;

	if (n < *cap)
		return 0;
	if ((a = realloc(*arr, ncap * sz)) == NULL)
		return -1;
	*arr = a;
	*cap = ncap;
	return 0;
}
