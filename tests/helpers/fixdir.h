/*
 * fixdir: unit tests that read tests/fixtures/ by relative path run from
 * the source tree's top wherever they are started.
 */
#ifndef OOMWATCH_TESTS_FIXDIR_H
#define OOMWATCH_TESTS_FIXDIR_H

/*
 * A cmocka group setup: chdir to $TOP (tests/run.sh exports the source
 * top), else to the nearest of the working directory and its parents
 * that holds tests/fixtures. 0, or -1 (with a message) when neither
 * holds tests/fixtures.
 */
int fixdir_setup(void **state);

#endif
