/*
 * sysfiles: the System screen's files, read from the /proc root:
 * stat, loadavg, pressure/cpu and pressure/io (pressure/memory is the
 * snapshot's), the settings under sys/ (model/sysctl.h), and for tasks
 * in D only, their wchan and, when asked, their kernel stack.
 *
 *   struct sysfiles *sf = sysfiles_new(NULL, err, sizeof err);
 *   sysfiles_read_stat(sf, &sample);     every refresh (the strip)
 *   sysfiles_read(sf, &sample);          once a refresh at most, while
 *                                        the System screen is current or
 *                                        for --batch --json
 *   sysfiles_read_tasks(sf, &dtasks, stacks);   the D tasks' files
 *   sysfiles_free(sf);
 *
 * Buffers are allocated by sysfiles_new; a read allocates only to grow
 * the /proc/stat buffer (once, when a machine's stat outgrows it). A
 * file that cannot be read leaves its part unknown with the errno; a
 * missing file is never an error of the whole read.
 */
#ifndef OOMWATCH_COLLECT_SYSFILES_H
#define OOMWATCH_COLLECT_SYSFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/dtasks.h"
#include "model/snapshot.h"
#include "model/sysctl.h"
#include "model/sysstat.h"

struct sysfiles;

/* One read of the files. */
struct sysfiles_sample {
	struct sysstat_raw raw; /* stat and loadavg */
	int stat_err, load_err; /* 0, or the errno (EINVAL: unparsable) */
	struct psi_memory psi_cpu, psi_io; /* invalid with err when absent */
	struct sysctl_values sysctl;
};

/* Open the proc root (NULL: /proc); NULL with a reason in err. */
struct sysfiles *sysfiles_new(const char *proc_root, char *err, size_t errsz);

/* Read stat, loadavg, PSI cpu and io, and every setting into out. */
void sysfiles_read(struct sysfiles *sf, struct sysfiles_sample *out);

/* Read only stat and loadavg into out (raw, stat_err, load_err): the
 * cheap part the vmstat strip needs on every refresh. */
void sysfiles_read_stat(struct sysfiles *sf, struct sysfiles_sample *out);

/*
 * Read the wchan of every task in d, and with stacks also its kernel
 * stack (/proc/PID/stack: root only; stack_err EACCES or EPERM
 * otherwise). Without stacks, stack_err stays or becomes -1 (not read).
 * A task that is gone keeps its old text with the errno. After the
 * wchan, the task's state is read again: a task no longer in D (a "make"
 * or "sh" that was in D for a moment) is removed, so a wchan is never
 * shown for a task that has left D. A wchan of
 * "0" is the kernel hiding it from a reader without root: wchan_err is
 * then EPERM and the text "".
 */
void sysfiles_read_tasks(struct sysfiles *sf, struct dtasks *d, bool stacks);

/*
 * Follow the tasks in D among every thread: walk /proc/PID/task/TID/stat
 * (the state after the last ')') of every process of s and pass the
 * threads in D to dtasks_update_list at s->mono_ms. A process without a
 * task directory (a fixture tree) counts by its row's state. No
 * allocation: the directory and stat buffers and the candidates are in
 * sf. Once a refresh at most, only while the System screen is current or
 * for --batch --json: it opens one directory per process and reads one
 * file per thread.
 */
void sysfiles_update_dtasks(struct sysfiles *sf, struct dtasks *d,
                            const struct snapshot *s);

/* The page size in kB (for si/so). */
int sysfiles_page_kb(void);

/* Close and free (NULL is fine). */
void sysfiles_free(struct sysfiles *sf);

#endif
