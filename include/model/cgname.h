/*
 * cgname: the names people use for a cgroup, from its path. Pure.
 *
 * What a path component is read as (the full path is always kept):
 *   nginx.service, init.scope, system.slice, ...  a systemd unit (service,
 *       scope, slice, socket, mount, swap), with the nearest .slice above
 *       it as its slice;
 *   docker-<64 hex>.scope, or <64 hex> under docker   Docker;
 *   cri-containerd-<64 hex>.scope                      containerd;
 *   crio-<64 hex>[.scope]                              CRI-O;
 *   libpod-<64 hex>.scope                              podman;
 *   <64 hex> elsewhere (kubelet's cgroupfs driver)     a container;
 *   lxc.payload.NAME, or NAME under lxc               LXC (NAME as is);
 *   kubepods[-burstable|-besteffort]-pod<uid>.slice    a Kubernetes pod
 *       (systemd driver: '-' in the uid is escaped as '_'; no QoS word
 *       is the guaranteed class);
 *   pod<uid> under kubepods[/burstable|/besteffort]    the same (cgroupfs).
 * Containers are named by the first 12 hex digits of their id, as docker
 * ps shows them. Monitors (crio-conmon-, libpod-conmon-, lxc.monitor.)
 * are not containers: they read as units or plain directories.
 *
 * The outermost container on the path names the cgroup (a cgroup inside
 * a container, such as its own init.scope, is that container's); else
 * the innermost pod; else the innermost unit; else the last component.
 * A container or unit inside a pod keeps the pod's uid and QoS.
 * Limitations: unit names are shown as the cgroup spells them (systemd
 * escapes such as \x2d stay); a path longer than 64 kB is a plain path.
 */
#ifndef OOMWATCH_MODEL_CGNAME_H
#define OOMWATCH_MODEL_CGNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CGNAME_ID_LEN 12       /* a container's short id */
#define CGNAME_UID_SIZE 37     /* a pod uid (36 characters) and its NUL */
#define CGNAME_FULL_ID_SIZE 65 /* a container's full id and its NUL */

/* What named the cgroup. */
enum cgname_kind {
	CGNAME_PATH = 0, /* nothing known: the last component */
	CGNAME_UNIT,     /* a systemd unit */
	CGNAME_DOCKER,
	CGNAME_CONTAINERD,
	CGNAME_CRIO,
	CGNAME_PODMAN,
	CGNAME_CONTAINER, /* a container of an unknown runtime */
	CGNAME_LXC,
	CGNAME_POD, /* a Kubernetes pod's own cgroup (or one below it) */
};

/* A Kubernetes QoS class. */
enum cgname_qos {
	CGNAME_QOS_NONE = 0, /* not in a pod */
	CGNAME_QOS_GUARANTEED,
	CGNAME_QOS_BURSTABLE,
	CGNAME_QOS_BESTEFFORT,
};

/*
 * The names of one cgroup path. Offsets and lengths address the path
 * the struct was parsed from (borrowed by position, not by pointer).
 */
struct cgname {
	enum cgname_kind kind;
	uint16_t name_off, name_len;   /* the unit, LXC name or component */
	uint16_t slice_off, slice_len; /* the unit's slice; len 0: none */
	uint16_t rest_off; /* after the naming component: "" or "/..." */
	char id[CGNAME_ID_LEN + 1];    /* a container's short id, else "" */
	char pod_uid[CGNAME_UID_SIZE]; /* the pod the cgroup is in, or "" */
	enum cgname_qos qos;           /* the pod's class */
};

/*
 * Name the cgroup at path (len bytes, "/" for the root, need not be
 * NUL-ended). Always succeeds: an unknown path names its last component.
 */
void cgname_parse(const char *path, size_t len, struct cgname *out);

/* "docker", "containerd", "cri-o", "podman", "container", "lxc", "pod",
 * "unit" or "" for a plain path. */
const char *cgname_kind_label(enum cgname_kind kind);

/* "guaranteed", "burstable", "besteffort" or "". */
const char *cgname_qos_label(enum cgname_qos qos);

/*
 * The name to show, into buf (size bytes, always NUL-ended, truncated to
 * fit): "nginx.service" ("system.slice/nginx.service" with_slice),
 * "docker 3f4e5a6b7c8d", "lxc web", "pod <uid> burstable", or the last
 * component. path is the one n was parsed from. Returns the length of
 * the full name (as snprintf).
 */
size_t cgname_format(const struct cgname *n, const char *path, size_t len,
                     bool with_slice, char *buf, size_t size);

/*
 * A Docker container's own name from the text of its
 * /var/lib/docker/containers/<id>/config.v2.json: the top-level "Name"
 * ("/nginx-proxy"), without the leading '/'. 0 with out NUL-ended, or -1
 * (no such key, not a string, a control character, malformed JSON
 * before it, or longer than size - 1); out is untouched on failure.
 * Escapes \" \\ \/ are decoded; \u escapes outside ASCII are refused.
 */
int cgname_docker_name(const char *json, size_t len, char *out, size_t size);

/*
 * The full 64-hex id of the Docker container n names (path is the one n
 * was parsed from) into out (CGNAME_FULL_ID_SIZE bytes): 0, or -1 when n
 * is no Docker container (kind CGNAME_DOCKER) or its component is not
 * docker-<id>[.scope] or <id>. The id is hex only: safe in a file path.
 */
int cgname_docker_id(const struct cgname *n, const char *path, size_t len,
                     char out[CGNAME_FULL_ID_SIZE]);

#endif
