/*
 * replayfix: a session in a replay (see replayfix.h).
 */
#include "replayfix.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/replay.h"
#include "recfix.h"

/* A session with a database directory and an empty replay. */
struct replayfix *
replayfix_new(const char *name)
{
	struct replayfix *f = calloc(1, sizeof *f);
	struct replay *rp;

	if (f == NULL)
		return NULL;
	if (scrfix_setup((void **)&f->sf) != 0) {
		free(f);
		return NULL;
	}
	f->db = dbfix_new(name);
	rp = f->sf->ui.replay = calloc(1, sizeof *rp);
	if (f->db == NULL || rp == NULL) {
		replayfix_teardown((void **)&f);
		return NULL;
	}
	snprintf(rp->path, sizeof rp->path, "%s", f->db->path);
	return f;
}

/* Open the replay's recreplay. */
int
replayfix_open(struct replayfix *f)
{
	f->sf->ui.replay->rr = recfix_replay(f->db->path);
	return f->sf->ui.replay->rr != NULL ? 0 : -1;
}

/* Stop the replay and free the fixture. */
int
replayfix_teardown(void **state)
{
	struct replayfix *f = *state;

	replay_stop(&f->sf->ui);
	scrfix_teardown((void **)&f->sf);
	dbfix_free(f->db);
	free(f);
	return 0;
}
