/* cgname.c: the names people use for a cgroup path (cgname.h). */
#include "model/cgname.h"

#include <stdio.h>
#include <string.h>

#define CGNAME_HEX_LEN 64 /* a container id */

/* One path component: its offset and length in the path. */
struct cgname_part {
	size_t off, len;
};

/* Container runtimes known by a prefix before the id. */
static const struct {
	const char *prefix;
	enum cgname_kind kind;
} cgname_runtimes[] = {
    {"docker-", CGNAME_DOCKER},
    {"cri-containerd-", CGNAME_CONTAINERD},
    {"crio-", CGNAME_CRIO},
    {"libpod-", CGNAME_PODMAN},
};

/* Unit types that own a cgroup. */
static const char *const cgname_unit_types[] = {
    ".service", ".scope", ".slice", ".socket", ".mount", ".swap",
};

/* True when s[0..n) ends with the NUL-ended sfx and has more before it. */
static bool
cgname_ends(const char *s, size_t n, const char *sfx)
{
	size_t k = strlen(sfx);

	return n > k && memcmp(s + n - k, sfx, k) == 0;
}

/* True when s[0..n) starts with the NUL-ended pfx. */
static bool
cgname_starts(const char *s, size_t n, const char *pfx)
{
	size_t k = strlen(pfx);

	return n >= k && memcmp(s, pfx, k) == 0;
}

/* True when s[0..n) is the NUL-ended word w. */
static bool
cgname_is(const char *s, size_t n, const char *w)
{
	return n == strlen(w) && memcmp(s, w, n) == 0;
}

/* True when s[0..n) is exactly 64 lowercase or uppercase hex digits. */
static bool
cgname_hex64(const char *s, size_t n)
{
	if (n != CGNAME_HEX_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/*
 * The runtime of a container component (c, n) under parent (p, pn), and
 * the offset of its id in c; CGNAME_PATH when it is no container.
 */
static enum cgname_kind
cgname_container(const char *c, size_t n, const char *p, size_t pn,
                 size_t *id_off)
{
	size_t k;

	if (cgname_ends(c, n, ".scope"))
		n -= strlen(".scope");
	for (size_t i = 0; i < sizeof cgname_runtimes / sizeof *cgname_runtimes;
	     i++) {
		k = strlen(cgname_runtimes[i].prefix);
		if (cgname_starts(c, n, cgname_runtimes[i].prefix) &&
		    cgname_hex64(c + k, n - k)) {
			*id_off = k;
			return cgname_runtimes[i].kind;
		}
	}
	if (!cgname_hex64(c, n))
		return CGNAME_PATH;
	*id_off = 0;
	return cgname_is(p, pn, "docker") ? CGNAME_DOCKER : CGNAME_CONTAINER;
}

/* Copy a pod uid (systemd's '_' back to '-'); false unless it looks like
 * one: 1 to 36 hex digits and dashes. */
static bool
cgname_uid(const char *s, size_t n, char *uid)
{
	if (n == 0 || n >= CGNAME_UID_SIZE)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i] == '_' ? '-' : s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F') || c == '-'))
			return false;
		uid[i] = c;
	}
	uid[n] = '\0';
	return true;
}

/* A pod's slice (systemd driver): kubepods[-QOS]-pod<uid>.slice. */
static bool
cgname_pod_systemd(const char *c, size_t n, char *uid, enum cgname_qos *qos)
{
	static const struct {
		const char *prefix;
		enum cgname_qos qos;
	} forms[] = {
	    {"kubepods-burstable-pod", CGNAME_QOS_BURSTABLE},
	    {"kubepods-besteffort-pod", CGNAME_QOS_BESTEFFORT},
	    {"kubepods-pod", CGNAME_QOS_GUARANTEED},
	};
	size_t k;

	if (!cgname_ends(c, n, ".slice"))
		return false;
	n -= strlen(".slice");
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		k = strlen(forms[i].prefix);
		if (cgname_starts(c, n, forms[i].prefix) &&
		    cgname_uid(c + k, n - k, uid)) {
			*qos = forms[i].qos;
			return true;
		}
	}
	return false;
}

/* A pod's directory (cgroupfs driver): pod<uid> under kubepods, or under
 * its burstable or besteffort directory (parent p, pn). */
static bool
cgname_pod_cgroupfs(const char *c, size_t n, const char *p, size_t pn,
                    char *uid, enum cgname_qos *qos)
{
	if (!cgname_starts(c, n, "pod") || !cgname_uid(c + 3, n - 3, uid))
		return false;
	if (cgname_is(p, pn, "burstable"))
		*qos = CGNAME_QOS_BURSTABLE;
	else if (cgname_is(p, pn, "besteffort"))
		*qos = CGNAME_QOS_BESTEFFORT;
	else
		*qos = CGNAME_QOS_GUARANTEED;
	return true;
}

/* True when (c, n) is a systemd unit that owns a cgroup. */
static bool
cgname_is_unit(const char *c, size_t n)
{
	for (size_t i = 0;
	     i < sizeof cgname_unit_types / sizeof *cgname_unit_types; i++) {
		if (cgname_ends(c, n, cgname_unit_types[i]))
			return true;
	}
	return false;
}

/* Name the cgroup after component c: kind, name, the slice above it and
 * where what follows it starts. */
static void
cgname_set(struct cgname *n, enum cgname_kind kind, struct cgname_part c,
           size_t name_skip, struct cgname_part slice)
{
	n->kind = kind;
	n->slice_off = (uint16_t)slice.off;
	n->slice_len = (uint16_t)slice.len;
	n->name_off = (uint16_t)(c.off + name_skip);
	n->name_len = (uint16_t)(c.len - name_skip);
	n->rest_off = (uint16_t)(c.off + c.len);
}

/* A container component: name the cgroup after it. True when it is one. */
static bool
cgname_try_container(const char *path, struct cgname_part c,
                     struct cgname_part parent, struct cgname_part slice,
                     struct cgname *n)
{
	const char *s = path + c.off;
	size_t id_off;
	enum cgname_kind k =
	    cgname_container(s, c.len, path + parent.off, parent.len, &id_off);

	if (k != CGNAME_PATH) {
		cgname_set(n, k, c, 0, slice);
		memcpy(n->id, s + id_off, CGNAME_ID_LEN);
		n->id[CGNAME_ID_LEN] = '\0';
		return true;
	}
	if (cgname_starts(s, c.len, "lxc.payload.") && c.len > 12) {
		cgname_set(n, CGNAME_LXC, c, 12, slice);
		return true;
	}
	if (cgname_is(path + parent.off, parent.len, "lxc")) {
		cgname_set(n, CGNAME_LXC, c, 0, slice);
		return true;
	}
	return false;
}

/* Name the cgroup at path. */
void
cgname_parse(const char *path, size_t len, struct cgname *out)
{
	struct cgname n = {0}, unit = {0};
	struct cgname_part c = {0, 0}, parent = {0, 0}, slice = {0, 0};
	bool kubepods = false, pod = false;
	size_t i = 0;

	while (len <= UINT16_MAX && i < len) {
		for (; i < len && path[i] == '/'; i++)
			;
		for (c.off = i; i < len && path[i] != '/'; i++)
			;
		if ((c.len = i - c.off) == 0)
			break;
		if (cgname_try_container(path, c, parent, slice, &n)) {
			*out = n;
			return;
		}
		if (cgname_pod_systemd(path + c.off, c.len, n.pod_uid,
		                       &n.qos) ||
		    (kubepods &&
		     cgname_pod_cgroupfs(path + c.off, c.len, path + parent.off,
		                         parent.len, n.pod_uid, &n.qos))) {
			cgname_set(&n, CGNAME_POD, c, 0, slice);
			pod = true;
		} else if (!pod && cgname_is_unit(path + c.off, c.len)) {
			unit = n;
			cgname_set(&unit, CGNAME_UNIT, c, 0, slice);
		}
		kubepods =
		    kubepods || cgname_is(path + c.off, c.len, "kubepods");
		if (cgname_ends(path + c.off, c.len, ".slice"))
			slice = c;
		parent = c;
	}
	if (!pod && unit.kind == CGNAME_UNIT)
		n = unit;
	else if (!pod && parent.len > 0)
		cgname_set(&n, CGNAME_PATH, parent, 0, slice);
	else if (!pod)
		n.rest_off = (uint16_t)(len <= UINT16_MAX ? len : 0);
	*out = n;
}

/* The runtime or kind as a word. */
const char *
cgname_kind_label(enum cgname_kind kind)
{
	switch (kind) {
	case CGNAME_UNIT:
		return "unit";
	case CGNAME_DOCKER:
		return "docker";
	case CGNAME_CONTAINERD:
		return "containerd";
	case CGNAME_CRIO:
		return "cri-o";
	case CGNAME_PODMAN:
		return "podman";
	case CGNAME_CONTAINER:
		return "container";
	case CGNAME_LXC:
		return "lxc";
	case CGNAME_POD:
		return "pod";
	case CGNAME_PATH:
		break;
	}
	return "";
}

/* The QoS class as a word. */
const char *
cgname_qos_label(enum cgname_qos qos)
{
	switch (qos) {
	case CGNAME_QOS_GUARANTEED:
		return "guaranteed";
	case CGNAME_QOS_BURSTABLE:
		return "burstable";
	case CGNAME_QOS_BESTEFFORT:
		return "besteffort";
	case CGNAME_QOS_NONE:
		break;
	}
	return "";
}

/* The name to show. */
size_t
cgname_format(const struct cgname *n, const char *path, size_t len,
              bool with_slice, char *buf, size_t size)
{
	const char *name = path + n->name_off,
	           *label = cgname_kind_label(n->kind);
	int r;

	if ((size_t)n->name_off + n->name_len > len ||
	    (size_t)n->slice_off + n->slice_len > len)
		r = snprintf(buf, size, "%.*s", (int)len, path); /* not ours */
	else if (n->kind == CGNAME_PATH)
		r = n->name_len == 0 /* the root, or a path too long */
		        ? snprintf(buf, size, "%.*s", (int)len, path)
		        : snprintf(buf, size, "%.*s", (int)n->name_len, name);
	else if (n->kind == CGNAME_UNIT && with_slice && n->slice_len > 0)
		r = snprintf(buf, size, "%.*s/%.*s", (int)n->slice_len,
		             path + n->slice_off, (int)n->name_len, name);
	else if (n->kind == CGNAME_UNIT)
		r = snprintf(buf, size, "%.*s", (int)n->name_len, name);
	else if (n->kind == CGNAME_LXC)
		r = snprintf(buf, size, "lxc %.*s", (int)n->name_len, name);
	else if (n->kind == CGNAME_POD)
		r = snprintf(buf, size, "pod %s %s", n->pod_uid,
		             cgname_qos_label(n->qos));
	else
		r = snprintf(buf, size, "%s %s", label, n->id);
	return r < 0 ? 0 : (size_t)r;
}

/* Skip JSON white space. */
static const char *
cgname_json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The end of the JSON string whose opening quote is at p (the closing
 * quote), or NULL when it is cut. */
static const char *
cgname_json_string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p;
	}
	return NULL;
}

/* The value of one \uXXXX escape at p (after the 'u'), or -1. */
static int
cgname_json_u(const char *p, const char *end)
{
	int v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Decode the JSON string between s and its closing quote e into out
 * (size bytes): printable ASCII and UTF-8 bytes only. Length or -1. */
static int
cgname_json_decode(const char *s, const char *e, char *out, size_t size)
{
	size_t n = 0;
	int c;

	for (; s < e; s++) {
		c = (unsigned char)*s;
		if (c == '\\') {
			s++;
			if (*s == 'u') {
				c = cgname_json_u(s + 1, e);
				s += 4;
			} else
				c = *s == '"' || *s == '\\' || *s == '/' ? *s
				                                         : -1;
			if (c < 0x20 || c > 0x7e)
				return -1;
		} else if (c < 0x20 || c == 0x7f)
			return -1;
		if (n + 1 >= size)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return (int)n;
}

/* A Docker container's own name from config.v2.json. */
int
cgname_docker_name(const char *json, size_t len, char *out, size_t size)
{
	const char *p = json, *end = json + len, *e;
	char tmp[256];
	int depth = 0, n;

	while (p < end) {
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth < 0)
			return -1;
		if (*p != '"') {
			p++;
			continue;
		}
		if ((e = cgname_json_string_end(p, end)) == NULL)
			return -1;
		if (depth != 1 || e - p != 5 || memcmp(p + 1, "Name", 4) != 0) {
			p = e + 1;
			continue;
		}
		p = cgname_json_ws(e + 1, end);
		if (p == end || *p != ':')
			continue; /* a value "Name", not the key */
		p = cgname_json_ws(p + 1, end);
		if (p == end || *p != '"' ||
		    (e = cgname_json_string_end(p, end)) == NULL)
			return -1;
		n = cgname_json_decode(p + 1, e, tmp, sizeof tmp);
		if (n > 0 && tmp[0] == '/') {
			memmove(tmp, tmp + 1, (size_t)n); /* with its NUL */
			n--;
		}
		if (n <= 0 || (size_t)n >= size)
			return -1;
		memcpy(out, tmp, (size_t)n + 1);
		return 0;
	}
	return -1;
}

/* The full id of a Docker container (see the header). */
int
cgname_docker_id(const struct cgname *n, const char *path, size_t len,
                 char out[CGNAME_FULL_ID_SIZE])
{
	const char *c = path + n->name_off;
	size_t cl = n->name_len;

	if (n->kind != CGNAME_DOCKER || (size_t)n->name_off + cl > len)
		return -1;
	if (cgname_starts(c, cl, "docker-")) {
		c += strlen("docker-");
		cl -= strlen("docker-");
	}
	if (cgname_ends(c, cl, ".scope"))
		cl -= strlen(".scope");
	if (!cgname_hex64(c, cl))
		return -1;
	memcpy(out, c, CGNAME_FULL_ID_SIZE - 1);
	out[CGNAME_FULL_ID_SIZE - 1] = '\0';
	return 0;
}
