/*
 * record: `oomwatch --record`, the recorder. A foreground loop for
 * systemd (Type=simple): every -d seconds (default 10) one sample of the
 * machine (collect/collector.h, light mode) and the kernel events that
 * completed since the last one (collect/kmsg.h, model/kevents.h) go into
 * the history database (persist/recdb.h), one transaction each; the rows
 * stored are model/recsel.h's choice.
 *
 * Signals: SIGTERM and SIGINT end the loop between two transactions (the
 * current one always completes) and exit 0; SIGHUP closes and reopens the
 * database (after a logrotate-style move, a new file appears).
 *
 * Failures: a database that cannot be opened at start (locked by another
 * recorder, read-only, corrupt, newer schema) is one line on stderr and
 * exit 1. Once running, a write that fails (disk full, above all) is said
 * once on stderr (a new failure at most every 10 minutes); samples then wait in
 * memory (at most RECORD_QUEUE_MAX, the oldest dropped first, their identities
 * and events carried into the next) and are written when the database takes
 * them again. The recorder never exits for that.
 */
#ifndef OOMWATCH_APP_RECORD_H
#define OOMWATCH_APP_RECORD_H

#include <stddef.h>

#include "app/options.h"
#include "persist/recdb.h"

/* Samples kept in memory while the database cannot be written (an hour
 * at the default 10 s). */
#define RECORD_QUEUE_MAX 360

/* Run the recorder until SIGTERM (or --samples); the exit status. */
int record_run(const struct options *opt);

/*
 * The default database path into buf: /var/lib/oomwatch/history.db for
 * root, else $XDG_STATE_HOME/oomwatch/history.db (xdg_state, when set and
 * absolute), else $HOME/.local/state/oomwatch/history.db. 0, or -1 when
 * there is no home to put it in.
 */
int record_default_path(char *buf, size_t size, int is_root,
                        const char *xdg_state, const char *home);

/* The system-wide database: the root recorder's (the systemd unit's). */
#define RECORD_SYSTEM_DB "/var/lib/oomwatch/history.db"

/*
 * The database path a reader (--report, the dashboard's load, --replay)
 * opens when no --db is given: for root, record_default_path's; for
 * anyone else, RECORD_SYSTEM_DB when it exists and they may read it (a
 * member of adm: the root recorder makes it 0640 root:adm), else their
 * own record_default_path (where a recorder they run writes). 0, or -1
 * as record_default_path.
 */
int record_read_path(char *buf, size_t size, int is_root, const char *xdg_state,
                     const char *home);

/* record_read_path with the system database at system_db (tests). */
int record_read_path_at(char *buf, size_t size, const char *system_db,
                        int is_root, const char *xdg_state, const char *home);

#endif
