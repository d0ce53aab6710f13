/*
 * recsql: the one door to libsqlite3, loaded with dlopen the first time a
 * database is opened, so a dashboard with no history database never maps
 * the library (nor the libm it brings). The rec*.c files include this
 * header instead of <sqlite3.h>: it includes <sqlite3.h> for the types
 * and constants, then names each sqlite3_* function they call after its
 * pointer here, so their code reads as plain SQLite.
 *
 * sqlite3_open_v2 loads the library (once, thread-safe). When it cannot
 * be loaded, the open fails with SQLITE_CANTOPEN and a NULL handle, and
 * sqlite3_errstr / sqlite3_errmsg say why; sqlite3_close of that NULL
 * handle is a no-op. Every other function is reached only through a
 * handle a successful open gave, so the library is there; but
 * sqlite3_finalize of a NULL statement, a no-op, works unloaded too
 * (cleanup paths finalize statements never prepared). The library
 * stays loaded until exit.
 */
#ifndef OOMWATCH_PERSIST_RECSQL_H
#define OOMWATCH_PERSIST_RECSQL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The soname loaded. */
#define RECSQL_SONAME "libsqlite3.so.0"

/* X(name): the functions reached through a pointer, by their name after
 * "sqlite3_" (the five that work unloaded are wrappers below). */
#define RECSQL_FUNCS(X)                                                        \
	X(bind_double)                                                         \
	X(bind_int)                                                            \
	X(bind_int64)                                                          \
	X(bind_null)                                                           \
	X(bind_text)                                                           \
	X(busy_timeout)                                                        \
	X(changes)                                                             \
	X(clear_bindings)                                                      \
	X(column_bytes)                                                        \
	X(column_double)                                                       \
	X(column_int)                                                          \
	X(column_int64)                                                        \
	X(column_text)                                                         \
	X(column_type)                                                         \
	X(exec)                                                                \
	X(file_control)                                                        \
	X(get_autocommit)                                                      \
	X(last_insert_rowid)                                                   \
	X(prepare_v2)                                                          \
	X(prepare_v3)                                                          \
	X(reset)                                                               \
	X(step)                                                                \
	X(system_errno)                                                        \
	X(wal_checkpoint_v2)

#define RECSQL_PTR(name) __typeof__(sqlite3_##name) *name;
/* The loaded functions (NULL until a load succeeds). */
struct recsql_api {
	RECSQL_FUNCS(RECSQL_PTR)
	__typeof__(sqlite3_open_v2) *open_v2;
	__typeof__(sqlite3_close) *close;
	__typeof__(sqlite3_errstr) *errstr;
	__typeof__(sqlite3_errmsg) *errmsg;
	__typeof__(sqlite3_finalize) *finalize;
};
#undef RECSQL_PTR

extern struct recsql_api recsql_api;

/* Load the library once; 0, or -1 (recsql_why() says why). */
int recsql_load(void);

/* Why the load failed ("" when it did not, or was not tried). */
const char *recsql_why(void);

/* sqlite3_open_v2, loading the library first (see above). */
int recsql_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs);

/* sqlite3_close; SQLITE_OK for a NULL db (nothing was opened). */
int recsql_close(sqlite3 *db);

/* sqlite3_finalize; SQLITE_OK for a NULL statement. */
int recsql_finalize(sqlite3_stmt *st);

/* sqlite3_errstr, or why the library could not be loaded. */
const char *recsql_errstr(int rc);

/* sqlite3_errmsg, or why the library could not be loaded. */
const char *recsql_errmsg(sqlite3 *db);

/* Column c of st's row as an integer, or na when NULL. */
int64_t recsql_col_int(sqlite3_stmt *st, int c, int64_t na);

/* Column c of st's row as text into buf (size bytes, "" when NULL). */
void recsql_col_text(sqlite3_stmt *st, int c, char *buf, size_t size);

#ifndef RECSQL_IMPL
#define sqlite3_open_v2 recsql_open_v2
#define sqlite3_close recsql_close
#define sqlite3_errstr recsql_errstr
#define sqlite3_errmsg recsql_errmsg
#define sqlite3_finalize recsql_finalize
#define sqlite3_bind_double recsql_api.bind_double
#define sqlite3_bind_int recsql_api.bind_int
#define sqlite3_bind_int64 recsql_api.bind_int64
#define sqlite3_bind_null recsql_api.bind_null
#define sqlite3_bind_text recsql_api.bind_text
#define sqlite3_busy_timeout recsql_api.busy_timeout
#define sqlite3_changes recsql_api.changes
#define sqlite3_clear_bindings recsql_api.clear_bindings
#define sqlite3_column_bytes recsql_api.column_bytes
#define sqlite3_column_double recsql_api.column_double
#define sqlite3_column_int recsql_api.column_int
#define sqlite3_column_int64 recsql_api.column_int64
#define sqlite3_column_text recsql_api.column_text
#define sqlite3_column_type recsql_api.column_type
#define sqlite3_exec recsql_api.exec
#define sqlite3_file_control recsql_api.file_control
#define sqlite3_get_autocommit recsql_api.get_autocommit
#define sqlite3_last_insert_rowid recsql_api.last_insert_rowid
#define sqlite3_prepare_v2 recsql_api.prepare_v2
#define sqlite3_prepare_v3 recsql_api.prepare_v3
#define sqlite3_reset recsql_api.reset
#define sqlite3_step recsql_api.step
#define sqlite3_system_errno recsql_api.system_errno
#define sqlite3_wal_checkpoint_v2 recsql_api.wal_checkpoint_v2
#endif

#endif
