/* journalrun.c: journalctl's output line by line, with a deadline (see
 * journalrun.h). */
#include "collect/journalrun.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The real monotonic clock in ms (never the tests' frozen clock: the
 * deadline protects the screen from a stuck child). */
static uint64_t
real_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Lines cut from a byte stream. */
struct splitter {
	char *buf; /* JOURNALRUN_LINE_MAX bytes */
	size_t len;
	bool dropping; /* inside a line too long to keep */
	journalrun_line_fn fn;
	void *ctx;
	struct journalrun_result *res;
};

/* Feed n bytes: each whole line to fn. */
static void
split(struct splitter *s, const char *p, size_t n)
{
	const char *nl;
	size_t take;

	while (n > 0) {
		nl = memchr(p, '\n', n);
		take = nl ? (size_t)(nl - p) : n;
		if (!s->dropping && s->len + take <= JOURNALRUN_LINE_MAX) {
			memcpy(s->buf + s->len, p, take);
			s->len += take;
		} else if (!s->dropping) {
			s->dropping = true;
			s->res->dropped++;
		}
		if (nl == NULL)
			return;
		if (!s->dropping) {
			s->res->lines++;
			s->fn(s->ctx, s->buf, s->len);
		}
		s->len = 0;
		s->dropping = false;
		p = nl + 1;
		n -= take + 1;
	}
}

/* The last line, when the output did not end with '\n'. */
static void
split_end(struct splitter *s)
{
	if (s->len > 0 && !s->dropping) {
		s->res->lines++;
		s->fn(s->ctx, s->buf, s->len);
	}
	s->len = 0;
}

/* A fresh splitter; false when out of memory. */
static bool
split_init(struct splitter *s, journalrun_line_fn fn, void *ctx,
           struct journalrun_result *res)
{
	memset(res, 0, sizeof *res);
	res->status = -1;
	s->buf = malloc(JOURNALRUN_LINE_MAX);
	s->len = 0;
	s->dropping = false;
	s->fn = fn;
	s->ctx = ctx;
	s->res = res;
	return s->buf != NULL;
}

/* Read a saved output file. */
int
journalrun_file(const char *path, journalrun_line_fn fn, void *ctx,
                size_t max_bytes, struct journalrun_result *res, char *why,
                size_t why_size)
{
	struct splitter s;
	char chunk[16384];
	size_t total = 0;
	ssize_t n;
	int fd;

	if (!split_init(&s, fn, ctx, res)) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		free(s.buf);
		return -1;
	}
	while (total < max_bytes && (n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		split(&s, chunk, (size_t)n);
		total += (size_t)n;
	}
	split_end(&s);
	close(fd);
	free(s.buf);
	res->status = 0;
	return 0;
}

/* Start argv (looked up in PATH) with standard input on /dev/null, its
 * output on out and err, no signal blocked and every signal at its
 * default (the dashboard blocks and ignores some). posix_spawn, not
 * fork: no copy of a large process's page tables on a machine short of
 * memory. The pid, or -errno (ENOENT: not found). */
static pid_t
start(const char *const *argv, int out, int err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	pid_t pid;
	int rc;

	sigemptyset(&none);
	sigfillset(&all);
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -ENOMEM;
	if (posix_spawnattr_init(&at) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -ENOMEM;
	}
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, err, 2);
	if (rc == 0)
		rc = posix_spawnattr_setsigmask(&at, &none);
	if (rc == 0)
		rc = posix_spawnattr_setsigdefault(&at, &all);
	if (rc == 0)
		rc = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK |
		                                       POSIX_SPAWN_SETSIGDEF);
	if (rc == 0)
		rc = posix_spawnp(&pid, argv[0], &fa, &at, (char *const *)argv,
		                  environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc == 0 ? pid : -rc;
}

/* The child's output state. */
struct run {
	int fd[2];     /* stdout, stderr read ends (-1: closed) */
	char err[256]; /* the start of its standard error */
	size_t err_len;
	size_t out_bytes;
};

/* Read what one pipe has; false at its end. */
static bool
drain(struct run *r, int i, struct splitter *s)
{
	char chunk[16384];
	ssize_t n = read(r->fd[i], chunk, sizeof chunk);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	if (i == 0) {
		split(s, chunk, (size_t)n);
		r->out_bytes += (size_t)n;
	} else if (r->err_len < sizeof r->err - 1) {
		size_t k = (size_t)n < sizeof r->err - 1 - r->err_len
		               ? (size_t)n
		               : sizeof r->err - 1 - r->err_len;
		memcpy(r->err + r->err_len, chunk, k);
		r->err_len += k;
	}
	return true;
}

/* Poll both pipes until both end, the deadline, max_bytes, or cancel_fd
 * readable (-1: none). */
static void
pump(struct run *r, struct splitter *s, uint64_t deadline_ms, size_t max_bytes,
     int cancel_fd)
{
	struct pollfd p[3];
	uint64_t now;
	int nfd;

	while (r->fd[0] >= 0 || r->fd[1] >= 0) {
		now = real_mono_ms();
		if (now >= deadline_ms) {
			s->res->timed_out = true;
			return;
		}
		if (r->out_bytes >= max_bytes) {
			s->res->cut = true;
			return;
		}
		nfd = 0;
		for (int i = 0; i < 2; i++) {
			p[i].fd = r->fd[i];
			p[i].events = POLLIN;
			p[i].revents = 0;
			nfd += r->fd[i] >= 0;
		}
		p[2] = (struct pollfd){cancel_fd, POLLIN, 0};
		if (nfd == 0 || poll(p, 3, (int)(deadline_ms - now)) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (p[2].revents != 0) {
			s->res->cancelled = true;
			return;
		}
		for (int i = 0; i < 2; i++)
			if (r->fd[i] >= 0 && p[i].revents != 0 &&
			    !drain(r, i, s)) {
				close(r->fd[i]);
				r->fd[i] = -1;
			}
	}
}

/* The reason a run failed, into why. */
static void
reason(const struct run *r, const struct journalrun_result *res,
       const char *name, uint64_t timeout_ms, size_t max_bytes, char *why,
       size_t why_size)
{
	const char *nl = memchr(r->err, '\n', r->err_len);
	int len = (int)(nl ? (size_t)(nl - r->err) : r->err_len);

	if (res->cancelled)
		snprintf(why, why_size, "cancelled");
	else if (res->timed_out)
		snprintf(why, why_size, "timed out after %llu ms",
		         (unsigned long long)timeout_ms);
	else if (res->cut)
		snprintf(why, why_size, "output cut at %zu bytes", max_bytes);
	else if (res->status == 127)
		snprintf(why, why_size, "%.60s: not found", name);
	else if (len > 0)
		snprintf(why, why_size, "%.*s", len, r->err);
	else
		snprintf(why, why_size, "exit status %d", res->status);
}

/* Run journalctl (see journalrun.h). */
int
journalrun_spawn(const char *const *argv, journalrun_line_fn fn, void *ctx,
                 uint64_t timeout_ms, size_t max_bytes, int cancel_fd,
                 struct journalrun_result *res, char *why, size_t why_size)
{
	struct run r = {.fd = {-1, -1}, .err_len = 0, .out_bytes = 0};
	struct splitter s;
	int out[2], err[2], st;
	pid_t pid;

	if (!split_init(&s, fn, ctx, res)) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	if (pipe2(out, O_CLOEXEC) < 0) {
		snprintf(why, why_size, "pipe: %s", strerror(errno));
		free(s.buf);
		return -1;
	}
	if (pipe2(err, O_CLOEXEC) < 0) {
		snprintf(why, why_size, "pipe: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		free(s.buf);
		return -1;
	}
	pid = start(argv, out[1], err[1]);
	close(out[1]);
	close(err[1]);
	r.fd[0] = out[0];
	r.fd[1] = err[0];
	if (pid < 0) {
		if (pid == -ENOENT)
			snprintf(why, why_size, "%.60s: not found", argv[0]);
		else
			snprintf(why, why_size, "%.60s: %s", argv[0],
			         strerror((int)-pid));
		close(out[0]);
		close(err[0]);
		free(s.buf);
		return -1;
	}
	pump(&r, &s, real_mono_ms() + timeout_ms, max_bytes, cancel_fd);
	if (res->timed_out || res->cut || res->cancelled)
		kill(pid, SIGKILL);
	for (int i = 0; i < 2; i++)
		if (r.fd[i] >= 0)
			close(r.fd[i]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	split_end(&s);
	free(s.buf);
	res->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (!res->timed_out && !res->cut && !res->cancelled && res->status == 0)
		return 0;
	reason(&r, res, argv[0], timeout_ms, max_bytes, why, why_size);
	return -1;
}
