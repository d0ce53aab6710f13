/*
 * recdb_file.c: the recorder's lock and its files' mode (see
 * recdb_file.h).
 */
#include "persist/recdb_file.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Give the open file fd mode 0640, root:adm when root (see the
 * header). */
void
recdb_file_own(int fd)
{
	struct group *g;

	if (fchmod(fd, 0640) == 0 && geteuid() == 0 &&
	    (g = getgrnam("adm")) != NULL)
		(void)!fchown(fd, 0, g->gr_gid);
}

/* Tighten one file (see the header): ours and with bits beyond 0640. */
static void
recdb_file_tighten_one(const char *path)
{
	struct stat sb;
	struct group *g;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_uid == geteuid() && (sb.st_mode & 07137) != 0 &&
	    fchmod(fd, sb.st_mode & 0640) == 0 && geteuid() == 0 &&
	    (g = getgrnam("adm")) != NULL)
		(void)!fchown(fd, 0, g->gr_gid);
	close(fd);
}

/* The database's files down to 0640 (see the header). */
void
recdb_file_tighten(const char *path)
{
	static const char *const ends[] = {"", "-wal", "-shm"};
	char real[PATH_MAX], name[PATH_MAX + 8];

	if (realpath(path, real) == NULL)
		return;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		snprintf(name, sizeof name, "%s%s", real, ends[i]);
		recdb_file_tighten_one(name);
	}
}

/* Far past any byte SQLite locks (its lock page is at 1 GiB): the
 * recorder's write lock on the database file itself. */
#define RECDB_FILE_LOCK_AT (1LL << 46)

/* An open file description lock on the database file itself (not its
 * name: a hard link or a bind mount reaches the same inode) into *fd:
 * 0, 1 when another holds it, -1 on a failure (errno). */
static int
recdb_file_lock_inode(const char *path, int *fd)
{
	struct flock fl = {.l_type = F_WRLCK,
	                   .l_whence = SEEK_SET,
	                   .l_start = RECDB_FILE_LOCK_AT,
	                   .l_len = 1};

	*fd = open(path, O_RDWR | O_CLOEXEC);
	if (*fd < 0)
		return -1;
	if (fcntl(*fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	if (errno != EAGAIN && errno != EACCES) {
		int e = errno;

		close(*fd);
		*fd = -1;
		errno = e;
		return -1;
	}
	close(*fd);
	*fd = -1;
	return 1;
}

/* Take REALPATH.lock (created 0640) and the file's own lock, or say who
 * holds them. */
enum recdb_status
recdb_file_lock(const char *path, int *fd, int *inode_fd, char *err,
                size_t errsz)
{
	char real[PATH_MAX], lock[PATH_MAX + 8], buf[32];
	ssize_t n;

	/* the file exists (the recorder creates it first); a race that
	 * removed it falls back to the name given */
	snprintf(lock, sizeof lock, "%s.lock",
	         realpath(path, real) != NULL ? real : path);
	*fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (*fd < 0 && errno == EACCES) /* another user's: flock works */
		*fd = open(lock, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		snprintf(err, errsz, "%s: %s", lock, strerror(errno));
		return errno == EACCES || errno == EROFS ? RECDB_READONLY
		                                         : RECDB_ERROR;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		n = pread(*fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		snprintf(err, errsz,
		         "%s: another recorder (pid %s) writes this database",
		         path, buf[0] ? buf : "?");
		close(*fd);
		*fd = -1;
		return RECDB_LOCKED;
	}
	n = recdb_file_lock_inode(path, inode_fd);
	if (n != 0) {
		if (n > 0)
			snprintf(err, errsz,
			         "%s: another recorder writes this database "
			         "(through another name: a hard link or a "
			         "mount)",
			         path);
		else
			snprintf(err, errsz, "%s: %s", path, strerror(errno));
		close(*fd);
		*fd = -1;
		return n > 0 ? RECDB_LOCKED : RECDB_ERROR;
	}
	n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(*fd, 0) != 0 || pwrite(*fd, buf, n, 0) < 0)
		(void)0; /* the pid is a courtesy: the flock is the lock */
	return RECDB_OK;
}
