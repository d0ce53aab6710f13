/*
 * events_cli: `oomwatch --events` (events_run in app/modes.h), and the
 * one JSON form of a kernel event, which the recorder stores too.
 */
#ifndef OOMWATCH_APP_EVENTS_CLI_H
#define OOMWATCH_APP_EVENTS_CLI_H

#include <stdio.h>

#include "model/kevents.h"

/* One event as the JSON object `--events --json` prints, on one line
 * ended by '\n' (README: the field names are a contract). */
void events_cli_json(FILE *f, const struct kevent *e);

#endif
