/*
 * optfix: options_parse on a literal argument list, for the unit tests of
 * the command line (no cmocka asserts here: callers check the results).
 *
 *   struct options o; char err[256];
 *   assert_int_equal(PARSE("--record", "-d", "5"), 0);
 */
#ifndef OOMWATCH_TESTS_OPTFIX_H
#define OOMWATCH_TESTS_OPTFIX_H

#include "app/options.h"

/* Parse "oomwatch" and the NULL-ended args into *o; options_parse's
 * result, its message in err (256 bytes). */
int optfix_parse(struct options *o, char *err, const char *const *args);

#define PARSE(...)                                                             \
	optfix_parse(&o, err, (const char *const[]){__VA_ARGS__, NULL})

#endif
