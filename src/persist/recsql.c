/*
 * recsql.c: libsqlite3 loaded on first open (see recsql.h). The load runs
 * once under pthread_once, so the dashboard's loader thread and the main
 * thread may both open; its outcome is read only after it.
 */
#define RECSQL_IMPL
#include "persist/recsql.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct recsql_api recsql_api;

static pthread_once_t recsql_once = PTHREAD_ONCE_INIT;
static bool recsql_loaded;
static char recsql_why_buf[256];

/* Look one symbol up into *slot; false (with the reason) when missing. */
static bool
recsql_sym(void *h, const char *name, void **slot)
{
	*slot = dlsym(h, name);
	if (*slot != NULL)
		return true;
	snprintf(recsql_why_buf, sizeof recsql_why_buf, "%s has no %s: %s",
	         RECSQL_SONAME, name, dlerror());
	return false;
}

/* dlopen the library and fill recsql_api (all or nothing). */
static void
recsql_load_once(void)
{
	struct recsql_api a = {0};
	void *h = dlopen(RECSQL_SONAME, RTLD_NOW | RTLD_LOCAL);
	bool ok = h != NULL;

	if (!ok) {
		snprintf(recsql_why_buf, sizeof recsql_why_buf,
		         "cannot load %s: %s", RECSQL_SONAME, dlerror());
		return;
	}
#define RECSQL_SYM(name)                                                       \
	ok = ok && recsql_sym(h, "sqlite3_" #name, (void **)&a.name);
	RECSQL_FUNCS(RECSQL_SYM)
	RECSQL_SYM(open_v2)
	RECSQL_SYM(close)
	RECSQL_SYM(errstr)
	RECSQL_SYM(errmsg)
	RECSQL_SYM(finalize)
#undef RECSQL_SYM
	if (!ok) {
		dlclose(h);
		return;
	}
	recsql_api = a;
	recsql_loaded = true;
}

/* Load once (see the header). */
int
recsql_load(void)
{
	pthread_once(&recsql_once, recsql_load_once);
	return recsql_loaded ? 0 : -1;
}

/* Why the load failed (see the header). */
const char *
recsql_why(void)
{
	return recsql_why_buf;
}

/* Open, loading first (see the header). */
int
recsql_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs)
{
	if (recsql_load() != 0) {
		*db = NULL;
		return SQLITE_CANTOPEN;
	}
	return recsql_api.open_v2(path, db, flags, vfs);
}

/* Close (see the header). */
int
recsql_close(sqlite3 *db)
{
	return db == NULL || !recsql_loaded ? SQLITE_OK : recsql_api.close(db);
}

/* Finalize (see the header). */
int
recsql_finalize(sqlite3_stmt *st)
{
	return st == NULL ? SQLITE_OK : recsql_api.finalize(st);
}

/* The text of an error code (see the header). */
const char *
recsql_errstr(int rc)
{
	return recsql_loaded ? recsql_api.errstr(rc) : recsql_why_buf;
}

/* The connection's last error (see the header). */
const char *
recsql_errmsg(sqlite3 *db)
{
	return recsql_loaded ? recsql_api.errmsg(db) : recsql_why_buf;
}

/* Column c as an integer, or na when NULL. */
int64_t
recsql_col_int(sqlite3_stmt *st, int c, int64_t na)
{
	return recsql_api.column_type(st, c) == SQLITE_NULL
	           ? na
	           : recsql_api.column_int64(st, c);
}

/* Column c's text into buf ("" when NULL). */
void
recsql_col_text(sqlite3_stmt *st, int c, char *buf, size_t size)
{
	const unsigned char *t = recsql_api.column_text(st, c);

	snprintf(buf, size, "%s", t ? (const char *)t : "");
}
