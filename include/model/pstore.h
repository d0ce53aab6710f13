/*
 * pstore: crash dumps the kernel kept across a reboot, as records. Pure:
 * the collector (collect/bootsrc.c) hands over the files it read from
 * /sys/fs/pstore and from systemd-pstore's /var/lib/systemd/pstore (flat
 * files, or one folder per record holding the parts and a joined
 * dmesg.txt); this module groups, orders and reads them.
 *
 * File names are TYPE-BACKEND-ID (fs/pstore/inode.c): "dmesg-ramoops-0",
 * "console-ramoops-0", "dmesg-efi-170000000001001", "dmesg-erst-..".
 * A ramoops dump may start with "====SECONDS.USEC-C|D" (its write time);
 * every kmsg_dump part starts with "Panic#1 Part1" (the reason, the
 * dump's count, the part). An EFI dump is split into parts, one file
 * each, whose id is (seconds * 100 + part) * 1000 + count: the parts of
 * one dump share seconds and count and are joined highest part first
 * (part 1 holds the newest lines). A name ending in ".enc.z" is a
 * compressed dump the kernel could not decompress: it cannot be read,
 * and the record says so.
 *
 * The text of dmesg and console records goes through the kernel-log
 * engine (model/kevents.h via model/kevsum.h), so a panic, an oops or an
 * OOM report in it becomes events. Everything taken from a file (names,
 * the panic message) is raw: sanitize before output.
 */
#ifndef OOMWATCH_MODEL_PSTORE_H
#define OOMWATCH_MODEL_PSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/kevsum.h"

#define PSTORE_NAME_MAX 96
#define PSTORE_PARTS_MAX 128 /* parts joined into one record */

/* One file as the collector read it (borrowed). */
struct pstore_file {
	const char *folder;   /* systemd-pstore's record folder, or NULL */
	const char *name;     /* the file's name */
	const char *data;     /* its bytes (the collector may cut them) */
	size_t len;           /* bytes in data */
	int64_t mtime_unix_s; /* its mtime (pstore sets the dump time), or
	                         KLOG_NA */
	bool systemd;         /* under /var/lib/systemd/pstore */
};

enum pstore_type {
	PSTORE_DMESG = 0, /* the kernel log at a panic, oops, reboot */
	PSTORE_CONSOLE,   /* the console of the boot before */
	PSTORE_PMSG,      /* userspace messages */
	PSTORE_FTRACE,
	PSTORE_OTHER,
};

/* kmsg_dump's reason (include/linux/kmsg_dump.h), from "Panic#1 Part1". */
enum pstore_reason {
	PSTORE_REASON_UNKNOWN = 0,
	PSTORE_REASON_PANIC,
	PSTORE_REASON_OOPS,
	PSTORE_REASON_EMERG,
	PSTORE_REASON_RESTART,
	PSTORE_REASON_HALT,
	PSTORE_REASON_POWEROFF,
};

struct pstore_record {
	enum pstore_type type;
	enum pstore_reason reason;
	char name[PSTORE_NAME_MAX];   /* the first file's name (raw) */
	char folder[PSTORE_NAME_MAX]; /* systemd's folder, or "" */
	char backend[24];             /* "ramoops", "efi", "erst", .. */
	int64_t time_unix_s;          /* when the dump was written, or
	                                 KLOG_NA */
	unsigned parts;               /* files joined */
	bool systemd;                 /* from /var/lib/systemd/pstore */
	bool compressed;              /* .enc.z: cannot be read */
	bool missing_parts;           /* an EFI part number is skipped */
	struct kevsum sum;            /* what its text says */
};

/*
 * Read nfiles files into at most max records (newest first by time,
 * records without a time last). A record systemd-pstore also keeps is
 * still listed once per place it was found. Returns the records written;
 * *more (when not NULL) gets how many did not fit. The engine is
 * allocated per record: on out of memory a record keeps no events.
 */
size_t pstore_parse(const struct pstore_file *files, size_t nfiles,
                    struct pstore_record *out, size_t max, size_t *more);
/*
 * Feed the text of the record want names (its name, folder and place, as
 * pstore_parse gave it) from the same files to ev, line by line as
 * pstore_parse reads it (EFI parts joined; the dump headers skipped), so
 * its events can be listed. False when no such readable record is there.
 */
bool pstore_feed(const struct pstore_file *files, size_t nfiles,
                 const struct pstore_record *want, struct kevents *ev);
/* "panic", "oops", "emergency", "restart", "halt", "poweroff", "unknown" */
const char *pstore_reason_name(enum pstore_reason r);
/* "dmesg", "console", "pmsg", "ftrace", "other" */
const char *pstore_type_name(enum pstore_type t);

#endif
