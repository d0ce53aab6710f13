/*
 * recdb_schema: the history database's schema as migration steps, one
 * per version (PRAGMA user_version). recdb_open runs the steps from a
 * file's version up to RECDB_VERSION, each in its own transaction, so an
 * older database is brought up to date and a new (empty, version 0) one
 * is created the same way.
 */
#ifndef OOMWATCH_PERSIST_RECDB_SCHEMA_H
#define OOMWATCH_PERSIST_RECDB_SCHEMA_H

struct sqlite3;

/*
 * Take the schema from version from to from + 1 (0 <= from <
 * RECDB_VERSION), inside the caller's transaction: SQLITE_OK or the
 * SQLite failure code.
 */
int recdb_schema_step(struct sqlite3 *db, int from);

#endif
