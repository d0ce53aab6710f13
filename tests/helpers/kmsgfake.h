/*
 * kmsgfake: scripted system calls for the kernel-log reader's tests
 * (struct kmsg_ops): each read() gives the next scripted step, a record or
 * chunk or -errno, and reads past the script give EAGAIN. A step of no
 * bytes reads as 0 (the end of a file). A wrong fd reads as -EBADF.
 */
#ifndef OOMWATCH_TESTS_KMSGFAKE_H
#define OOMWATCH_TESTS_KMSGFAKE_H

#include <stddef.h>

#include "collect/kmsg.h"
#include "model/kevents.h"
#include "model/klogring.h"

#define KMSGFAKE_STEPS 256
#define KMSGFAKE_FD 42

/* One scripted read(): bytes (owned), or -errno. */
struct kmsgfake_step {
	int err;
	char *rec;
	size_t len;
};

struct kmsgfake {
	int open_ret; /* what open_kmsg and open_file give: fd or -errno */
	struct kmsgfake_step steps[KMSGFAKE_STEPS];
	size_t nsteps, at;
	int syslog_ret;   /* every klogctl call gives this when negative */
	const char *klog; /* the READ_ALL buffer */
	int closed;       /* close() calls */
	size_t reads;     /* read() calls */
	size_t syslogs;   /* READ_ALL calls */
	char path[256];   /* the last path open_file was given */
};

/* The scripted calls; ctx is a struct kmsgfake. */
extern const struct kmsg_ops kmsgfake_ops;

/* A fake with /dev/kmsg (and any file) opening as KMSGFAKE_FD, an empty
 * klogctl buffer and no steps. */
void kmsgfake_init(struct kmsgfake *f);
/* Script a read giving len bytes of rec (copied); len 0 reads as the end
 * of a file. A record longer than the read's buffer reads as -EINVAL, and
 * is consumed, as /dev/kmsg does. */
void kmsgfake_rec(struct kmsgfake *f, const char *rec, size_t len);
/* Script a C string as one read. */
void kmsgfake_str(struct kmsgfake *f, const char *s);
/* Script a read failing with -err. */
void kmsgfake_err(struct kmsgfake *f, int err);
/* Script a fixture's records (tests/fixtures/kmsg/name), one per read:
 * dictionary lines join their record, as one read() returns them. */
void kmsgfake_fixture(struct kmsgfake *f, const char *name);
/* Free the scripted bytes (the fake can be initialised again). */
void kmsgfake_free(struct kmsgfake *f);

/* A fake kernel, a reader of it (opened by each test), an engine of 8
 * events and its display ring of 8 lines. */
struct kmsgfake_rig {
	struct kmsgfake f;
	struct kmsg_reader *r;
	struct klogring ring;
	struct kevents *ev;
};

/* Set a rig up: nothing scripted, no reader (aborts without memory). */
void kmsgfake_rig_init(struct kmsgfake_rig *g);
/* Tear a rig down, its reader too. */
void kmsgfake_rig_fini(struct kmsgfake_rig *g);

#endif
