/*
 * bootsrc: the boot history's inputs, read once (never per refresh):
 * wtmp, the pstore directories, the journal's kernel messages (through
 * journalctl, collect/journalrun.h, with a deadline), the running boot's
 * id and start; then the table (model/boots.h) built from them. Each
 * source may be missing: its reason is kept, and the others still count.
 *
 * Paths: /var/log/wtmp, /sys/fs/pstore (DIR/fs/pstore with --sys-root
 * DIR), /var/lib/systemd/pstore, `journalctl _TRANSPORT=kernel -r -o json`
 * (newest first: a read cut at its deadline keeps the newest boots); with
 * --proc-root DIR (a fixture tree) everything comes from DIR/boots/:
 * wtmp, pstore/ (unless --sys-root), systemd-pstore/ and journal.json (a
 * saved `journalctl _TRANSPORT=kernel -o json`), and the boot id and start from
 * DIR's sys/kernel/random/boot_id and stat (btime).
 */
#ifndef OOMWATCH_COLLECT_BOOTSRC_H
#define OOMWATCH_COLLECT_BOOTSRC_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect/kmsg.h"
#include "model/boots.h"
#include "model/kevents.h"

#define BOOTSRC_WTMP_MAX 64            /* wtmp boots kept (the newest) */
#define BOOTSRC_PSTORE_MAX 32          /* pstore records kept (the newest) */
#define BOOTSRC_FILES_MAX 128          /* pstore files read per directory */
#define BOOTSRC_FILE_MAX (1 << 20)     /* bytes read of one pstore file */
#define BOOTSRC_WTMP_BYTES (16u << 20) /* the newest bytes of wtmp read */
#define BOOTSRC_JOURNAL_MS 3000        /* journalctl's deadline */
#define BOOTSRC_JOURNAL_LINES 100000   /* the newest kernel messages read */
#define BOOTSRC_JOURNAL_BYTES (256u << 20) /* its output read at most */
#define BOOTSRC_WHY_MAX 192
#define BOOTSRC_KMSG_MS 2000 /* the kernel log's backlog read at most */
#define BOOTSRC_KMSG_RECORDS 1000000u /* .. and at most these records */

/* Where each input is. */
struct bootsrc_paths {
	char wtmp[PATH_MAX];
	char pstore[PATH_MAX];
	char systemd_pstore[PATH_MAX];
	char journal_file[PATH_MAX]; /* "" = run journalctl */
	const char *proc_root;       /* NULL = /proc */
	int cancel_fd; /* readable: journalctl is stopped at once (-1: never;
	                  bootsrc_paths sets -1) */
};

/* One source's state: read, or why not. */
struct bootsrc_state {
	bool ok;
	char why[BOOTSRC_WHY_MAX]; /* "not available (...)" words */
};

/* Everything read, and the table. */
struct bootsrc_data {
	struct wtmp_boot wtmp[BOOTSRC_WTMP_MAX];
	size_t nwtmp;
	struct wtmp_stats wtmp_stats;
	struct pstore_record pstore[BOOTSRC_PSTORE_MAX];
	size_t npstore, pstore_more, pstore_files;
	struct journal_boot *journal; /* oldest first (owned) */
	size_t njournal;
	struct bootsrc_state wtmp_state, pstore_state, systemd_state,
	    journal_state;
	char boot_id[JOURNAL_BOOT_ID_LEN + 1];
	char kernel[72]; /* the running kernel's release (sys/kernel/osrelease,
	                    uname -r), or "": this boot's row's when wtmp has
	                    none */
	int64_t boot_unix_s;
	int64_t oom_kill_vmstat; /* this boot's OOM kills by the kernel's
	                            counter (/proc/vmstat oom_kill), or -1 */
	int64_t now_unix_s;
	struct boots_row rows[BOOTS_MAX];
	size_t nrows;
	/* this boot's events (bootsrc_live): the kernel log's source
	 * ("kmsg", "klogctl", "file"; NULL: not read, live_state says why) */
	const char *live_source;
	struct bootsrc_state live_state;
	uint64_t live_records; /* records read from it */
};

/* The paths for these roots (either NULL). */
void bootsrc_paths(struct bootsrc_paths *p, const char *proc_root,
                   const char *sys_root);
/* Read every source and build the table into *d (zeroed first); the
 * journal gets at most timeout_ms. now_unix_s: the wall clock. */
void bootsrc_load(struct bootsrc_data *d, const struct bootsrc_paths *p,
                  uint64_t timeout_ms, int64_t now_unix_s);
/* Free what *d owns. */
void bootsrc_free(struct bootsrc_data *d);
/*
 * This boot's events from the kernel log, read as `oomwatch --events`
 * reads it: file (a saved log; NULL: the live log, /dev/kmsg else
 * klogctl) through ops (NULL: the real calls), its backlog drained without
 * waiting, for at most timeout_ms and BOOTSRC_KMSG_RECORDS records. The
 * counts go to this boot's row (boots_live_counts) and live_source names
 * the source. 0, or -1 (live_state.why says why; the rows are unchanged).
 */
int bootsrc_live(struct bootsrc_data *d, const char *file,
                 const struct kmsg_ops *ops, void *ctx, uint64_t timeout_ms);
/* The name a kernel-log source has in live_source ("kmsg", "klogctl",
 * "file"), or NULL for none. */
const char *bootsrc_live_name(enum kmsg_source src);
/*
 * The kernel messages of one boot (journalctl -b's BOOT: 0, -1, .., or a
 * boot id) fed to ev, oldest first. 0, or -1 with why ("journal: not
 * available (No journal files were found.)", "journal: no kernel
 * messages of boot -1").
 */
int bootsrc_boot_events(const struct bootsrc_paths *p, const char *boot,
                        struct kevents *ev, uint64_t timeout_ms, char *why,
                        size_t why_size);

/* Where bootsrc_events found a boot's events. */
enum bootsrc_from {
	BOOTSRC_FROM_NONE = 0,
	BOOTSRC_FROM_JOURNAL,
	BOOTSRC_FROM_PSTORE,
};

/*
 * One boot's kernel events fed to ev: the journal's (boot as for
 * bootsrc_boot_events, or NULL: the journal does not have it); when the
 * journal gives none of its messages, the text of its pstore dumps
 * (dumps: ndumps of bootsrc_data.pstore, newest first; their files are
 * read again, the same paths) through the kernel-log engine. *from says
 * which gave them. 0, or -1 with why (the journal's reason, or "pstore:
 * ..").
 */
int bootsrc_events(const struct bootsrc_paths *p, const char *boot,
                   const struct pstore_record *dumps, size_t ndumps,
                   struct kevents *ev, uint64_t timeout_ms,
                   enum bootsrc_from *from, char *why, size_t why_size);
/* Row r's dumps (r->dump_bits of d->pstore) into out (at most max), newest
 * first; how many. */
size_t bootsrc_row_dumps(const struct bootsrc_data *d,
                         const struct boots_row *r, struct pstore_record *out,
                         size_t max);

#endif
