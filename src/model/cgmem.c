/* cgmem.c: one memory cgroup's numbers from its files' text (cgmem.h). */
#include "model/cgmem.h"

#include <errno.h>
#include <string.h>

#include "model/psi.h"
#include "model/textscan.h"

/* File names by enum cgmem_file, cgroup2 then v1 (NULL: none there). */
static const char *const cgmem_names_v2[CGMEM_FILE_COUNT] = {
    [CGMEM_F_CURRENT] = "memory.current",
    [CGMEM_F_MAX] = "memory.max",
    [CGMEM_F_HIGH] = "memory.high",
    [CGMEM_F_LOW] = "memory.low",
    [CGMEM_F_MIN] = "memory.min",
    [CGMEM_F_SWAP_CURRENT] = "memory.swap.current",
    [CGMEM_F_SWAP_MAX] = "memory.swap.max",
    [CGMEM_F_PEAK] = "memory.peak",
    [CGMEM_F_EVENTS] = "memory.events",
    [CGMEM_F_EVENTS_LOCAL] = "memory.events.local",
    [CGMEM_F_PRESSURE] = "memory.pressure",
    [CGMEM_F_OOM_GROUP] = "memory.oom.group",
    [CGMEM_F_STAT] = "memory.stat",
};
static const char *const cgmem_names_v1[CGMEM_FILE_COUNT] = {
    [CGMEM_F_CURRENT] = "memory.usage_in_bytes",
    [CGMEM_F_MAX] = "memory.limit_in_bytes",
    [CGMEM_F_SWAP_CURRENT] = "memory.memsw.usage_in_bytes",
    [CGMEM_F_SWAP_MAX] = "memory.memsw.limit_in_bytes",
    [CGMEM_F_PEAK] = "memory.max_usage_in_bytes",
    [CGMEM_F_FAILCNT] = "memory.failcnt",
    [CGMEM_F_EVENTS] = "memory.oom_control",
    [CGMEM_F_SWAPPINESS] = "memory.swappiness",
    [CGMEM_F_STAT] = "memory.stat",
};

/* memory.events keys, in struct cgmem_events order. */
static const struct textscan_key cgmem_event_keys[] = {
    TEXTSCAN_KEY("low"),      TEXTSCAN_KEY("high"),
    TEXTSCAN_KEY("max"),      TEXTSCAN_KEY("oom"),
    TEXTSCAN_KEY("oom_kill"), TEXTSCAN_KEY("oom_group_kill"),
};
/* memory.oom_control keys (v1). */
static const struct textscan_key cgmem_oomctl_keys[] = {
    TEXTSCAN_KEY("oom_kill_disable"),
    TEXTSCAN_KEY("under_oom"),
    TEXTSCAN_KEY("oom_kill"),
};
/* memory.stat keys in struct cgmem_stat order: cgroup2, then v1. */
static const struct textscan_key cgmem_stat_keys_v2[] = {
    TEXTSCAN_KEY("anon"),          TEXTSCAN_KEY("file"), TEXTSCAN_KEY("shmem"),
    TEXTSCAN_KEY("kernel"),        TEXTSCAN_KEY("slab"), TEXTSCAN_KEY("sock"),
    TEXTSCAN_KEY("inactive_file"),
};
static const struct textscan_key cgmem_stat_keys_v1[] = {
    TEXTSCAN_KEY("total_rss"),
    TEXTSCAN_KEY("total_cache"),
    TEXTSCAN_KEY("total_shmem"),
    TEXTSCAN_KEY("total_inactive_file"),
};

#define CGMEM_N(a) (sizeof(a) / sizeof((a)[0]))

/* Set every counter of ev to SNAP_NA. */
static void
cgmem_events_na(struct cgmem_events *ev)
{
	ev->low = ev->high = ev->max = SNAP_NA;
	ev->oom = ev->oom_kill = ev->oom_group_kill = SNAP_NA;
}

/* The one value file f fills, or NULL for a file of several values. */
static int64_t *
cgmem_field(struct cgmem *cg, enum cgmem_file f)
{
	bool v1 = cg->mode == SNAP_CGROUP_V1;
	int64_t *one[CGMEM_FILE_COUNT] = {
	    [CGMEM_F_CURRENT] = &cg->current_bytes,
	    [CGMEM_F_MAX] = &cg->max_bytes,
	    [CGMEM_F_HIGH] = &cg->high_bytes,
	    [CGMEM_F_LOW] = &cg->low_bytes,
	    [CGMEM_F_MIN] = &cg->min_bytes,
	    [CGMEM_F_SWAP_CURRENT] = v1 ? &cg->memsw_bytes : &cg->swap_bytes,
	    [CGMEM_F_SWAP_MAX] =
	        v1 ? &cg->memsw_max_bytes : &cg->swap_max_bytes,
	    [CGMEM_F_PEAK] = &cg->peak_bytes,
	    [CGMEM_F_FAILCNT] = &cg->failcnt,
	    [CGMEM_F_OOM_GROUP] = &cg->oom_group,
	    [CGMEM_F_SWAPPINESS] = &cg->swappiness,
	};

	return one[f];
}

/* Set the values file f fills to SNAP_NA. */
static void
cgmem_clear(struct cgmem *cg, enum cgmem_file f)
{
	int64_t *one = cgmem_field(cg, f);

	if (f == CGMEM_F_SWAP_CURRENT)
		cg->memsw_usage_bytes = SNAP_NA;
	if (one != NULL)
		*one = SNAP_NA;
	else if (f == CGMEM_F_EVENTS) {
		cgmem_events_na(&cg->events);
		cg->oom_kill_disable = cg->under_oom = SNAP_NA;
	} else if (f == CGMEM_F_EVENTS_LOCAL)
		cgmem_events_na(&cg->events_local);
	else if (f == CGMEM_F_PRESSURE)
		psi_set_unavailable(&cg->psi, ENODATA);
	else if (f == CGMEM_F_STAT) {
		cg->stat.anon = cg->stat.file = cg->stat.shmem = SNAP_NA;
		cg->stat.kernel = cg->stat.slab = cg->stat.sock = SNAP_NA;
		cg->stat.inactive_file = SNAP_NA;
	}
}

/* An empty cgroup: all unknown, nothing read yet. */
void
cgmem_init(struct cgmem *cg, enum snap_cgroup_mode mode, uint64_t ino)
{
	memset(cg, 0, sizeof *cg);
	cg->mode = mode;
	cg->ino = ino;
	cg->swap_bytes = cg->swap_max_bytes = SNAP_NA;
	cg->memsw_bytes = cg->memsw_max_bytes = SNAP_NA;
	cg->memsw_usage_bytes = SNAP_NA;
	for (int f = 0; f < CGMEM_FILE_COUNT; f++)
		cgmem_set_err(cg, (enum cgmem_file)f, ENODATA);
}

/* The file's name under a cgroup directory, or NULL. */
const char *
cgmem_file_name(enum snap_cgroup_mode mode, enum cgmem_file f)
{
	if ((int)f < 0 || f >= CGMEM_FILE_COUNT)
		return NULL;
	if (mode == SNAP_CGROUP_V2)
		return cgmem_names_v2[f];
	if (mode == SNAP_CGROUP_V1)
		return cgmem_names_v1[f];
	return NULL;
}

/* Mark a file unreadable. */
void
cgmem_set_err(struct cgmem *cg, enum cgmem_file f, int err)
{
	if ((int)f < 0 || f >= CGMEM_FILE_COUNT)
		return;
	cgmem_clear(cg, f);
	if (f == CGMEM_F_PRESSURE)
		cg->psi.err = err;
	cg->err[f] = err;
}

/* Parse "N\n" where the word "max" may stand for N (max_ok). */
static int
cgmem_value(const char *buf, size_t len, bool max_ok, int64_t *out)
{
	const char *p = buf, *end = buf + len;
	uint64_t v;

	if (len == 0 || buf[len - 1] != '\n')
		return -1;
	end--;
	if (max_ok && end - p == 3 && memcmp(p, "max", 3) == 0) {
		*out = CGMEM_UNLIMITED;
		return 0;
	}
	if (textscan_u64(&p, end, &v) != 0 || p != end || v > INT64_MAX)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* One byte count. */
int
cgmem_parse_bytes(const char *buf, size_t len, int64_t *out)
{
	return cgmem_value(buf, len, false, out);
}

/* A cgroup2 limit. */
int
cgmem_parse_limit(const char *buf, size_t len, int64_t *out)
{
	return cgmem_value(buf, len, true, out);
}

/* A v1 limit: at or above the page-rounded LONG_MAX is unlimited. */
int
cgmem_parse_v1_limit(const char *buf, size_t len, int64_t page_kb, int64_t *out)
{
	int64_t v, page = (page_kb > 0 ? page_kb : 4) * 1024;

	if (cgmem_value(buf, len, false, &v) != 0)
		return -1;
	*out = v >= INT64_MAX / page * page ? CGMEM_UNLIMITED : v;
	return 0;
}

/* Keyed lines into vals: -1 unless at least one key is found. */
static int
cgmem_keyed(const char *buf, size_t len, const struct textscan_key *keys,
            size_t n, int64_t *vals)
{
	int found = textscan_keyed(buf, len, ' ', keys, n, vals, SNAP_NA);

	if (found <= 0 || textscan_any_negative(vals, n, SNAP_NA))
		return -1;
	return 0;
}

/* memory.events or memory.events.local. */
int
cgmem_parse_events(const char *buf, size_t len, struct cgmem_events *out)
{
	int64_t v[CGMEM_N(cgmem_event_keys)];

	if (cgmem_keyed(buf, len, cgmem_event_keys, CGMEM_N(v), v) != 0)
		return -1;
	out->low = v[0];
	out->high = v[1];
	out->max = v[2];
	out->oom = v[3];
	out->oom_kill = v[4];
	out->oom_group_kill = v[5];
	return 0;
}

/* memory.stat, cgroup2 or v1 keys. */
int
cgmem_parse_stat(const char *buf, size_t len, enum snap_cgroup_mode mode,
                 struct cgmem_stat *out)
{
	int64_t v[CGMEM_N(cgmem_stat_keys_v2)];

	if (mode == SNAP_CGROUP_V1) {
		if (cgmem_keyed(buf, len, cgmem_stat_keys_v1,
		                CGMEM_N(cgmem_stat_keys_v1), v) != 0)
			return -1;
		out->anon = v[0];
		out->file = v[1];
		out->shmem = v[2];
		out->inactive_file = v[3];
		out->kernel = out->slab = out->sock = SNAP_NA;
		return 0;
	}
	if (cgmem_keyed(buf, len, cgmem_stat_keys_v2, CGMEM_N(v), v) != 0)
		return -1;
	out->anon = v[0];
	out->file = v[1];
	out->shmem = v[2];
	out->kernel = v[3];
	out->slab = v[4];
	out->sock = v[5];
	out->inactive_file = v[6];
	return 0;
}

/* v1 memory.oom_control: oom_kill_disable and under_oom are required. */
static int
cgmem_parse_oom_control(struct cgmem *cg, const char *buf, size_t len)
{
	int64_t v[CGMEM_N(cgmem_oomctl_keys)];

	if (cgmem_keyed(buf, len, cgmem_oomctl_keys, CGMEM_N(v), v) != 0 ||
	    v[0] == SNAP_NA || v[1] == SNAP_NA || v[0] > 1 || v[1] > 1)
		return -1;
	cgmem_events_na(&cg->events);
	cg->oom_kill_disable = v[0];
	cg->under_oom = v[1];
	cg->events.oom_kill = v[2];
	return 0;
}

/* A one-value file: a byte count, or a limit that may be unlimited. */
static int
cgmem_parse_one(struct cgmem *cg, enum cgmem_file f, const char *buf,
                size_t len, int64_t page_kb)
{
	int64_t v, *dst = cgmem_field(cg, f);
	int rc;

	if (dst == NULL)
		return -1;
	if (f == CGMEM_F_MAX || f == CGMEM_F_SWAP_MAX)
		rc = cg->mode == SNAP_CGROUP_V1
		         ? cgmem_parse_v1_limit(buf, len, page_kb, &v)
		         : cgmem_parse_limit(buf, len, &v);
	else if (f == CGMEM_F_HIGH || f == CGMEM_F_LOW || f == CGMEM_F_MIN)
		rc = cgmem_parse_limit(buf, len, &v);
	else
		rc = cgmem_parse_bytes(buf, len, &v);
	if (rc != 0 || (f == CGMEM_F_OOM_GROUP && v > 1) ||
	    (f == CGMEM_F_SWAPPINESS && v > 200))
		return -1;
	*dst = v;
	return 0;
}

/* Parse one file's text into cg; malformed marks it N/A (EINVAL). */
int
cgmem_parse(struct cgmem *cg, enum cgmem_file f, const char *buf, size_t len,
            int64_t page_kb)
{
	int rc;

	if (cgmem_file_name(cg->mode, f) == NULL) {
		cgmem_set_err(cg, f, EINVAL);
		return -1;
	}
	if (f == CGMEM_F_EVENTS && cg->mode == SNAP_CGROUP_V1)
		rc = cgmem_parse_oom_control(cg, buf, len);
	else if (f == CGMEM_F_EVENTS)
		rc = cgmem_parse_events(buf, len, &cg->events);
	else if (f == CGMEM_F_EVENTS_LOCAL)
		rc = cgmem_parse_events(buf, len, &cg->events_local);
	else if (f == CGMEM_F_PRESSURE)
		rc = psi_parse(buf, len, &cg->psi);
	else if (f == CGMEM_F_STAT)
		rc = cgmem_parse_stat(buf, len, cg->mode, &cg->stat);
	else
		rc = cgmem_parse_one(cg, f, buf, len, page_kb);
	if (rc != 0) {
		cgmem_set_err(cg, f, EINVAL);
		return -1;
	}
	cg->err[f] = 0;
	/* v1 swap is memsw - usage of one refresh: keep the usage read
	 * just before, never a later one (see the header) */
	if (f == CGMEM_F_SWAP_CURRENT && cg->mode == SNAP_CGROUP_V1)
		cg->memsw_usage_bytes =
		    cg->err[CGMEM_F_CURRENT] == 0 ? cg->current_bytes : SNAP_NA;
	return 0;
}

/* Swap in use: v1 memsw - usage, cgroup2 swap.current. */
int64_t
cgmem_swap_used_bytes(const struct cgmem *cg)
{
	if (cg->mode != SNAP_CGROUP_V1)
		return cg->swap_bytes;
	if (cg->memsw_bytes == SNAP_NA || cg->memsw_usage_bytes == SNAP_NA)
		return SNAP_NA;
	/* two counters read one after the other: never a negative swap */
	return cg->memsw_bytes > cg->memsw_usage_bytes
	           ? cg->memsw_bytes - cg->memsw_usage_bytes
	           : 0;
}

/* Room under memory.max. */
int64_t
cgmem_headroom_bytes(const struct cgmem *cg)
{
	if (cg->max_bytes == CGMEM_UNLIMITED)
		return CGMEM_UNLIMITED;
	if (cg->max_bytes == SNAP_NA || cg->current_bytes == SNAP_NA)
		return SNAP_NA;
	return cg->max_bytes - cg->current_bytes;
}

/* Usage in per mille of memory.max, -1 when unlimited or unknown. */
int
cgmem_used_permille(const struct cgmem *cg)
{
	int64_t h = cgmem_headroom_bytes(cg);
	double pm;

	if (h == SNAP_NA || h == CGMEM_UNLIMITED)
		return -1;
	if (cg->max_bytes <= 0)
		return cg->current_bytes > 0 ? CGMEM_PERMILLE_FAR : 1000;
	pm = (double)cg->current_bytes * 1000.0 / (double)cg->max_bytes;
	return pm >= CGMEM_PERMILLE_FAR ? CGMEM_PERMILLE_FAR : (int)pm;
}

/* The root (cgroup2 or v1) as the host; returns the unaccounted memory. */
int64_t
cgmem_root_from_host(struct cgmem *cg, const struct mem_info *mem,
                     int64_t children_bytes)
{
	cg->max_bytes = CGMEM_UNLIMITED;
	cg->err[CGMEM_F_MAX] = 0;
	if (mem->total_kb == SNAP_NA || mem->available_kb == SNAP_NA) {
		cgmem_set_err(cg, CGMEM_F_CURRENT, ENODATA);
		return SNAP_NA;
	}
	cg->current_bytes = (mem->total_kb - mem->available_kb) * 1024;
	cg->err[CGMEM_F_CURRENT] = 0;
	if (children_bytes == SNAP_NA || mem->free_kb == SNAP_NA)
		return SNAP_NA;
	/* the children count their page cache: compare with the host's
	 * memory in use page cache included */
	return (mem->total_kb - mem->free_kb) * 1024 - children_bytes;
}

/* Counter i of ev (struct cgmem_events order), for loops over all. */
static int64_t *
cgmem_event_at(struct cgmem_events *ev, size_t i)
{
	int64_t *all[] = {&ev->low, &ev->high,     &ev->max,
	                  &ev->oom, &ev->oom_kill, &ev->oom_group_kill};

	return all[i];
}

#define CGMEM_NEVENTS CGMEM_N(cgmem_event_keys)

/* True when a known counter in now is below the known one in then. */
static bool
cgmem_events_went_back(struct cgmem_events then, struct cgmem_events now)
{
	for (size_t i = 0; i < CGMEM_NEVENTS; i++) {
		int64_t a = *cgmem_event_at(&then, i),
		        b = *cgmem_event_at(&now, i);

		if (a != SNAP_NA && b != SNAP_NA && b < a)
			return true;
	}
	return false;
}

/* Track the "since start" point; true when it started fresh. */
bool
cgmem_base_track(struct cgmem_base *base, const struct cgmem *cg)
{
	struct cgmem_events now = cg->events;

	if (!base->set || base->ino != cg->ino ||
	    cgmem_events_went_back(base->events, now) ||
	    (base->failcnt != SNAP_NA && cg->failcnt != SNAP_NA &&
	     cg->failcnt < base->failcnt)) {
		base->set = true;
		base->ino = cg->ino;
		base->events = now;
		base->failcnt = cg->failcnt;
		return true;
	}
	/* a counter first read now (its file was unreadable) starts here */
	for (size_t i = 0; i < CGMEM_NEVENTS; i++) {
		int64_t *b = cgmem_event_at(&base->events, i);

		if (*b == SNAP_NA)
			*b = *cgmem_event_at(&now, i);
	}
	if (base->failcnt == SNAP_NA)
		base->failcnt = cg->failcnt;
	return false;
}

/* Events since the baseline. */
void
cgmem_base_delta(const struct cgmem_base *base, const struct cgmem *cg,
                 struct cgmem_events *out)
{
	struct cgmem_events b = base->events, c = cg->events;

	for (size_t i = 0; i < CGMEM_NEVENTS; i++) {
		int64_t vb = *cgmem_event_at(&b, i),
		        vc = *cgmem_event_at(&c, i);

		*cgmem_event_at(out, i) =
		    base->set && vb != SNAP_NA && vc != SNAP_NA ? vc - vb
		                                                : SNAP_NA;
	}
}
