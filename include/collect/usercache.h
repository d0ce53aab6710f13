/*
 * usercache: uid -> user name, asking NSS (getpwuid_r) once per uid for the
 * life of the cache. A uid without a name is shown as its number. Names
 * are stored raw (sanitized when printed).
 */
#ifndef OOMWATCH_COLLECT_USERCACHE_H
#define OOMWATCH_COLLECT_USERCACHE_H

#include <stddef.h>
#include <stdint.h>

struct usercache;

/* A new, empty cache, or NULL when out of memory. */
struct usercache *usercache_new(void);
/* Free it (NULL is fine). */
void usercache_free(struct usercache *uc);

/*
 * Copy the name of uid into out (size bytes, NUL-terminated, cut to fit).
 * On the first sight of a uid this calls getpwuid_r; later calls do not.
 */
void usercache_name(struct usercache *uc, uint32_t uid, char *out, size_t size);

/*
 * Resolve -u's argument: a user name, or else a decimal uid. 0 and *uid,
 * or -ENOENT when it is neither a known name nor a number.
 */
int usercache_parse_user(const char *arg, uint32_t *uid);

#endif
