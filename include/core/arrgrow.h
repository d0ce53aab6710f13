/*
 * arrgrow: room for one more element at the end of a growing array, for
 * the readers that append rows of unknown count (the history database's
 * samples, rows and processes).
 */
#ifndef OOMWATCH_CORE_ARRGROW_H
#define OOMWATCH_CORE_ARRGROW_H

#include <stddef.h>

/*
 * Make *arr (room for *cap elements of size sz, n of them used) hold at
 * least n + 1: nothing when n < *cap, else realloc to first elements
 * (when *cap is 0) or twice *cap, updating *arr and *cap. 0, or -1 out of
 * memory (*arr and *cap unchanged).
 */
int arrgrow_room(void **arr, size_t *cap, size_t n, size_t sz, size_t first);

#endif
