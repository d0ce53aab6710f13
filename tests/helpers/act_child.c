/* act_child.c: children for the action-layer tests (act_child.h). */
#include "act_child.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/procstat.h"

/* Children started and not yet reaped, for act_child_kill_all. */
#define ACT_MAX_CHILDREN 64
static pid_t act_children[ACT_MAX_CHILDREN];

/* Remember pid (0 slots are free). */
static void
remember(pid_t pid, pid_t replace)
{
	size_t i;

	for (i = 0; i < ACT_MAX_CHILDREN; i++) {
		if (act_children[i] == replace) {
			act_children[i] = pid;
			return;
		}
	}
}

/* In a child: map and touch mem_kb kB of anonymous memory. */
void
act_child_touch_kb(size_t mem_kb)
{
	char *p;

	if (mem_kb == 0)
		return;
	p = mmap(NULL, mem_kb * 1024, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(1);
	memset(p, 0x5a, mem_kb * 1024);
}

/* The child's life: touch memory, say ready, sleep until killed. */
static void
child_main(int ready_fd, size_t mem_kb)
{
	act_child_touch_kb(mem_kb);
	if (write(ready_fd, "r", 1) != 1)
		_exit(1);
	close(ready_fd);
	for (;;)
		pause();
}

/* Fork one child and wait until it is ready. */
int
act_child_start(struct act_child *c, size_t mem_kb)
{
	int fds[2];
	char b;
	pid_t pid;

	c->pid = 0;
	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_main(fds[1], mem_kb);
	}
	close(fds[1]);
	c->pid = pid;
	remember(pid, 0);
	if (read(fds[0], &b, 1) != 1) {
		close(fds[0]);
		act_child_kill(c);
		return -1;
	}
	close(fds[0]);
	c->start_time = act_start_time(pid);
	return c->start_time != 0 ? 0 : -1;
}

/* Set ns_last_pid so that the next fork gets pid want. */
int
act_child_next_pid(pid_t want)
{
	char buf[24];
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	snprintf(buf, sizeof buf, "%d", (int)want - 1);
	if (write(fd, buf, strlen(buf)) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Fork a child at pid want through ns_last_pid. */
int
act_child_start_at(struct act_child *c, pid_t want)
{
	int tries;

	for (tries = 0; tries < 20; tries++) {
		if (act_child_next_pid(want) != 0)
			return -1;
		if (act_child_start(c, 0) != 0)
			return -1;
		if (c->pid == want)
			return 0;
		act_child_kill(c); /* someone else forked first: again */
	}
	return -1;
}

/* SIGKILL and reap. */
void
act_child_kill(struct act_child *c)
{
	if (c->pid <= 0)
		return;
	kill(c->pid, SIGKILL);
	while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
		;
	remember(0, c->pid);
	c->pid = 0;
}

/* Kill and reap every child still known (and still our child). */
void
act_child_kill_all(void)
{
	struct act_child c;
	size_t i;

	for (i = 0; i < ACT_MAX_CHILDREN; i++) {
		if (act_children[i] <= 0)
			continue;
		/* reaped by the test already: the pid may be anyone's now */
		if (waitpid(act_children[i], NULL, WNOHANG) < 0) {
			act_children[i] = 0;
			continue;
		}
		c.pid = act_children[i];
		act_child_kill(&c);
	}
}

/* Is pid alive? */
bool
act_alive(pid_t pid)
{
	char s = act_state(pid);

	return s != 0 && s != 'Z' && s != 'X';
}

/* Read /proc/PID/<name> into buf (NUL-terminated): length, or -1. */
static ssize_t
slurp(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[96];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* Read /proc/PID/stat and parse it. */
static int
stat_of(pid_t pid, struct procstat_stat *st)
{
	char buf[1024];
	ssize_t n = slurp(pid, "stat", buf, sizeof buf);

	if (n <= 0)
		return -1;
	return procstat_parse_stat(buf, (size_t)n, st);
}

/* Start time of pid. */
uint64_t
act_start_time(pid_t pid)
{
	struct procstat_stat st;

	return stat_of(pid, &st) == 0 ? st.start_time : 0;
}

/* State letter of pid. */
char
act_state(pid_t pid)
{
	struct procstat_stat st;

	return stat_of(pid, &st) == 0 ? st.state : 0;
}

/* Read /proc/PID/<name> as one integer. */
long
act_read_long(pid_t pid, const char *name)
{
	char buf[64];
	long v;

	if (slurp(pid, name, buf, sizeof buf) <= 0)
		return -100000;
	return sscanf(buf, "%ld", &v) == 1 ? v : -100000;
}

/* Write text to /proc/PID/<name>. */
int
act_write_text(pid_t pid, const char *name, const char *text)
{
	char path[96];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}

/* Open /proc as a directory fd. */
int
act_proc_root(void)
{
	return open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* act_child_kill_all as a cmocka teardown. */
int
act_child_reap(void **state)
{
	(void)state;
	act_child_kill_all();
	return 0;
}

/* Count the entries of /proc/self/fd (its own handle included). */
int
act_child_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

/* Whether fd is open (F_GETFD fails with EBADF otherwise). */
bool
act_child_fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}
