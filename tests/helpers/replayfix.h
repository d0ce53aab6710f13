/*
 * replayfix: a dashboard session (scrfix) in a replay of a history
 * database in a temporary directory (dbfix), for the unit tests of the
 * replay's keys and screens. No cmocka asserts here (the fuzz replays
 * link the helpers too): callers check the results.
 */
#ifndef OOMWATCH_TESTS_REPLAYFIX_H
#define OOMWATCH_TESTS_REPLAYFIX_H

#include "dbfix.h"
#include "scrfix.h"

/* The session, its database and the replay on it. */
struct replayfix {
	struct scrfix *sf;
	struct dbfix *db;
};

/* A session with a new database directory /tmp/NAME.XXXXXX and an empty
 * replay (sf->ui.replay, its path the database's, nothing open): NULL on
 * failure. */
struct replayfix *replayfix_new(const char *name);

/* Open the replay's recreplay on the database (written by then): 0, or
 * -1 with the message on stderr. */
int replayfix_open(struct replayfix *f);

/* cmocka teardown: the replay stopped, the session, the database
 * directory and the fixture in *state freed. */
int replayfix_teardown(void **state);

#endif
