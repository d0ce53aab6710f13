/*
 * usercache.c: uid -> name cache (see usercache.h). An open-addressing
 * table that doubles when half full; a server has a few dozen uids, so
 * after the first ticks no lookup reaches NSS again.
 */
#include "collect/usercache.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pidhash.h"
#include "model/textscan.h"

#define USERCACHE_NAME 32

struct usercache_slot {
	uint32_t uid;
	int used;
	char name[USERCACHE_NAME];
};

struct usercache {
	struct usercache_slot *slots;
	size_t cap, n; /* cap is a power of two */
};

/* A new cache. */
struct usercache *
usercache_new(void)
{
	struct usercache *uc = calloc(1, sizeof *uc);

	if (uc == NULL)
		return NULL;
	uc->cap = 64;
	uc->slots = calloc(uc->cap, sizeof *uc->slots);
	if (uc->slots == NULL) {
		free(uc);
		return NULL;
	}
	return uc;
}

/* Free the cache. */
void
usercache_free(struct usercache *uc)
{
	if (uc == NULL)
		return;
	free(uc->slots);
	free(uc);
}

/* A uid sought in a table of slots. */
struct usercache_key {
	const struct usercache_slot *slots;
	uint32_t uid;
};

/* pidhash_look_fn: what slot i holds for the uid sought. */
static enum pidhash_slot
usercache_look(const void *ctx, size_t i)
{
	const struct usercache_key *k = ctx;

	if (!k->slots[i].used)
		return PIDHASH_EMPTY;
	return k->slots[i].uid == k->uid ? PIDHASH_MATCH : PIDHASH_OTHER;
}

/* The slot for uid in a table of cap slots: its own, or the empty one. */
static struct usercache_slot *
usercache_probe(struct usercache_slot *slots, size_t cap, uint32_t uid)
{
	struct usercache_key k = {slots, uid};

	return &slots[pidhash_probe(uid, cap, usercache_look, &k)];
}

/* Double the table; on failure keep the old one (it still works). */
static void
usercache_grow(struct usercache *uc)
{
	size_t ncap = uc->cap * 2;
	struct usercache_slot *ns = calloc(ncap, sizeof *ns);

	if (ns == NULL)
		return;
	for (size_t i = 0; i < uc->cap; i++) {
		if (uc->slots[i].used)
			*usercache_probe(ns, ncap, uc->slots[i].uid) =
			    uc->slots[i];
	}
	free(uc->slots);
	uc->slots = ns;
	uc->cap = ncap;
}

/* Ask NSS for uid's name; the decimal uid when it has none. */
static void
usercache_lookup(uint32_t uid, char *out, size_t size)
{
	struct passwd pw, *res = NULL;
	char buf[1024];

	if (getpwuid_r((uid_t)uid, &pw, buf, sizeof buf, &res) == 0 &&
	    res != NULL && res->pw_name != NULL && res->pw_name[0] != '\0')
		snprintf(out, size, "%s", res->pw_name);
	else
		snprintf(out, size, "%u", uid);
}

/* Copy the NUL-ended name into out, cut to fit. */
static void
usercache_copy(char *out, size_t size, const char *name)
{
	size_t n;

	if (size == 0)
		return;
	n = strnlen(name, size - 1);
	memcpy(out, name, n);
	out[n] = '\0';
}

/* The name of uid. */
void
usercache_name(struct usercache *uc, uint32_t uid, char *out, size_t size)
{
	struct usercache_slot *s;

	if (uc->n * 2 >= uc->cap)
		usercache_grow(uc);
	s = usercache_probe(uc->slots, uc->cap, uid);
	if (!s->used) {
		if (uc->n + 1 >= uc->cap) {
			usercache_lookup(uid, out, size); /* table full */
			return;
		}
		usercache_lookup(uid, s->name, sizeof s->name);
		s->uid = uid;
		s->used = 1;
		uc->n++;
	}
	usercache_copy(out, size, s->name); /* once per row: no snprintf */
}

/* Resolve a user name or uid. */
int
usercache_parse_user(const char *arg, uint32_t *uid)
{
	struct passwd pw, *res = NULL;
	char buf[1024];
	const char *p = arg, *end = arg + strlen(arg);
	uint64_t v;

	if (getpwnam_r(arg, &pw, buf, sizeof buf, &res) == 0 && res != NULL) {
		*uid = (uint32_t)res->pw_uid;
		return 0;
	}
	if (textscan_u64(&p, end, &v) == 0 && p == end && v < UINT32_MAX) {
		*uid = (uint32_t)v;
		return 0;
	}
	return -ENOENT;
}
