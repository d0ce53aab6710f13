/* Unit tests for model/cgname.c: systemd units, containers, pods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgname.h"

#define ID64 "3f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081"
#define ID12 "3f4e5a6b7c8d"
#define UID "1d2e3f4a-5b6c-7d8e-9f01-a2b3c4d5e6f7"
/* cgname_docker_name over a NUL-ended literal */
#define DN(js, out, size) cgname_docker_name(js, strlen(js), out, size)
#define UID_ "1d2e3f4a_5b6c_7d8e_9f01_a2b3c4d5e6f7"

static struct cgname last;

/* The name of path as cgname_format shows it (parsed into last). */
static const char *
name_of(const char *path, bool with_slice)
{
	static char buf[512];

	cgname_parse(path, strlen(path), &last);
	cgname_format(&last, path, strlen(path), with_slice, buf, sizeof buf);
	return buf;
}

/* What follows the naming component of the last path parsed. */
static const char *
rest_of(const char *path)
{
	return path + last.rest_off;
}

static void
test_systemd_units(void **state)
{
	(void)state;
	assert_string_equal(name_of("/system.slice/nginx.service", false),
	                    "nginx.service");
	assert_int_equal(last.kind, CGNAME_UNIT);
	assert_string_equal(name_of("/system.slice/nginx.service", true),
	                    "system.slice/nginx.service");
	assert_string_equal(name_of("/system.slice", true), "system.slice");
	assert_string_equal(name_of("/init.scope", true), "init.scope");
	/* the innermost unit, with its nearest slice */
	assert_string_equal(
	    name_of("/user.slice/user-1000.slice/user@1000.service/app.slice/"
	            "app-firefox-1234.scope",
	            true),
	    "app.slice/app-firefox-1234.scope");
	assert_string_equal(
	    name_of("/user.slice/user-1000.slice/session-3.scope", false),
	    "session-3.scope");
	/* a directory below a unit still belongs to it */
	assert_string_equal(name_of("/system.slice/foo.service/worker", false),
	                    "foo.service");
	assert_string_equal(rest_of("/system.slice/foo.service/worker"),
	                    "/worker");
	assert_string_equal(
	    name_of("/system.slice/dev-mapper-x\\x2dy.swap", false),
	    "dev-mapper-x\\x2dy.swap");
	/* a bare suffix is no unit */
	assert_string_equal(name_of("/.service", false), ".service");
	assert_int_equal(last.kind, CGNAME_PATH);
}

static void
test_docker(void **state)
{
	(void)state;
	/* systemd driver */
	assert_string_equal(
	    name_of("/system.slice/docker-" ID64 ".scope", false),
	    "docker " ID12);
	assert_int_equal(last.kind, CGNAME_DOCKER);
	assert_string_equal(last.id, ID12);
	assert_int_equal(last.qos, CGNAME_QOS_NONE);
	assert_int_equal(last.slice_len, strlen("system.slice"));
	/* cgroupfs driver, and a cgroup inside the container */
	assert_string_equal(name_of("/docker/" ID64, false), "docker " ID12);
	assert_string_equal(name_of("/docker/" ID64 "/init.scope", false),
	                    "docker " ID12);
	assert_string_equal(rest_of("/docker/" ID64 "/init.scope"),
	                    "/init.scope");
	/* not a full id: not a container */
	assert_string_equal(name_of("/system.slice/docker-3f4e5a.scope", false),
	                    "docker-3f4e5a.scope");
	assert_int_equal(last.kind, CGNAME_UNIT);
	assert_string_equal(
	    name_of("/system.slice/docker-" ID64 "x.scope", false),
	    "docker-" ID64 "x.scope");
	assert_string_equal(name_of("/system.slice/docker.service", false),
	                    "docker.service");
}

static void
test_other_runtimes(void **state)
{
	(void)state;
	assert_string_equal(
	    name_of("/system.slice/cri-containerd-" ID64 ".scope", false),
	    "containerd " ID12);
	assert_int_equal(last.kind, CGNAME_CONTAINERD);
	assert_string_equal(
	    name_of("/machine.slice/crio-" ID64 ".scope", false),
	    "cri-o " ID12);
	assert_string_equal(name_of("/crio-" ID64, false), "cri-o " ID12);
	/* the conmon monitor is a unit, not the container */
	assert_string_equal(
	    name_of("/machine.slice/crio-conmon-" ID64 ".scope", false),
	    "crio-conmon-" ID64 ".scope");
	assert_string_equal(
	    name_of("/machine.slice/libpod-" ID64 ".scope", false),
	    "podman " ID12);
	assert_int_equal(last.kind, CGNAME_PODMAN);
	/* rootless podman under the user's manager */
	assert_string_equal(
	    name_of("/user.slice/user-1000.slice/user@1000.service/user.slice/"
	            "libpod-" ID64 ".scope/container",
	            false),
	    "podman " ID12);
	assert_string_equal(
	    name_of("/machine.slice/libpod-conmon-" ID64 ".scope", false),
	    "libpod-conmon-" ID64 ".scope");
}

static void
test_lxc(void **state)
{
	(void)state;
	assert_string_equal(name_of("/lxc.payload.web01", false), "lxc web01");
	assert_int_equal(last.kind, CGNAME_LXC);
	assert_string_equal(
	    name_of("/lxc.payload.web01/system.slice/a.service", false),
	    "lxc web01");
	assert_string_equal(name_of("/lxc/db", false), "lxc db");
	assert_string_equal(name_of("/lxc.monitor.web01", false),
	                    "lxc.monitor.web01");
	assert_int_equal(last.kind, CGNAME_PATH);
	assert_string_equal(name_of("/lxc.payload.", false), "lxc.payload.");
}

static void
test_kubernetes_systemd(void **state)
{
	const char *burst = "/kubepods.slice/kubepods-burstable.slice/"
	                    "kubepods-burstable-pod" UID_ ".slice";
	char ctr[512];
	(void)state;
	assert_string_equal(name_of(burst, false), "pod " UID " burstable");
	assert_int_equal(last.kind, CGNAME_POD);
	assert_string_equal(last.pod_uid, UID);
	assert_int_equal(last.qos, CGNAME_QOS_BURSTABLE);
	snprintf(ctr, sizeof ctr, "%s/cri-containerd-%s.scope", burst, ID64);
	assert_string_equal(name_of(ctr, false), "containerd " ID12);
	assert_string_equal(last.pod_uid, UID); /* the pod is kept */
	assert_int_equal(last.qos, CGNAME_QOS_BURSTABLE);
	assert_string_equal(name_of("/kubepods.slice/kubepods-besteffort.slice/"
	                            "kubepods-besteffort-pod" UID_ ".slice",
	                            false),
	                    "pod " UID " besteffort");
	/* no QoS level: guaranteed */
	assert_string_equal(name_of("/kubepods.slice/kubepods-pod" UID_
	                            ".slice/crio-" ID64 ".scope",
	                            false),
	                    "cri-o " ID12);
	assert_int_equal(last.qos, CGNAME_QOS_GUARANTEED);
	assert_string_equal(last.pod_uid, UID);
	/* the QoS slices are plain slices */
	assert_string_equal(
	    name_of("/kubepods.slice/kubepods-burstable.slice", false),
	    "kubepods-burstable.slice");
	assert_int_equal(last.kind, CGNAME_UNIT);
	assert_int_equal(last.qos, CGNAME_QOS_NONE);
	/* a bad uid is no pod */
	assert_string_equal(
	    name_of("/kubepods.slice/kubepods-podxyz.slice", false),
	    "kubepods-podxyz.slice");
}

static void
test_kubernetes_cgroupfs(void **state)
{
	(void)state;
	assert_string_equal(name_of("/kubepods/burstable/pod" UID, false),
	                    "pod " UID " burstable");
	assert_string_equal(name_of("/kubepods/besteffort/pod" UID, false),
	                    "pod " UID " besteffort");
	assert_string_equal(name_of("/kubepods/pod" UID, false),
	                    "pod " UID " guaranteed");
	/* containerd with the cgroupfs driver: a bare id */
	assert_string_equal(
	    name_of("/kubepods/burstable/pod" UID "/" ID64, false),
	    "container " ID12);
	assert_int_equal(last.kind, CGNAME_CONTAINER);
	assert_string_equal(last.pod_uid, UID);
	assert_int_equal(last.qos, CGNAME_QOS_BURSTABLE);
	/* "pod..." outside kubepods is nothing special */
	assert_string_equal(name_of("/pod" UID, false), "pod" UID);
	assert_int_equal(last.kind, CGNAME_PATH);
}

static void
test_plain_paths(void **state)
{
	char buf[8];
	const char *p = "/system.slice/nginx.service";
	(void)state;
	assert_string_equal(name_of("/", false), "/");
	assert_int_equal(last.kind, CGNAME_PATH);
	assert_string_equal(name_of("", false), "");
	assert_string_equal(name_of("/process_api/5c47445ade4f", false),
	                    "5c47445ade4f");
	assert_string_equal(name_of("//a//b/", false), "b");
	assert_string_equal(cgname_kind_label(CGNAME_PATH), "");
	assert_string_equal(cgname_qos_label(CGNAME_QOS_NONE), "");
	/* truncation, with the full length returned */
	cgname_parse(p, strlen(p), &last);
	assert_int_equal(
	    cgname_format(&last, p, strlen(p), false, buf, sizeof buf),
	    strlen("nginx.service"));
	assert_string_equal(buf, "nginx.s");
	/* a struct from another path does not read past this one */
	assert_int_equal(cgname_format(&last, p, 3, false, buf, sizeof buf), 3);
	assert_string_equal(buf, "/sy");
}

static void
test_docker_name(void **state)
{
	/* cut from a real config.v2.json: nested "Name" keys come first */
	static const char js[] =
	    "{\"StreamConfig\":{},\"State\":{\"Running\":true,\"Health\":null},"
	    "\"ID\":\"" ID64 "\",\"Config\":{\"Hostname\":\"3f4e5a6b7c8d\","
	    "\"Labels\":{\"Name\":\"label\"}},\"MountPoints\":{\"/data\":"
	    "{\"Name\":\"vol1\",\"Driver\":\"local\"}},\"Image\":\"sha256:ab\","
	    "\"Name\": \"/nginx\\/proxy-1\",\"Driver\":\"overlay2\"}";
	char out[64] = "untouched";
	(void)state;
	assert_int_equal(cgname_docker_name(js, sizeof js - 1, out, sizeof out),
	                 0);
	assert_string_equal(out, "nginx/proxy-1");
	strcpy(out, "untouched");
	assert_int_equal(cgname_docker_name(js, sizeof js - 1, out, 8), -1);
	assert_int_equal(
	    DN("{\"a\":\"Name\",\"Name\":\"/w\\u0065b\"}", out, sizeof out), 0);
	assert_string_equal(out, "web");
	strcpy(out, "untouched");
	/* only nested "Name" keys */
	assert_int_equal(DN("{\"x\":{\"Name\":\"/a\"}}", out, sizeof out), -1);
	/* cut, not a string, control characters, non-ASCII escapes */
	assert_int_equal(DN("{\"Name\":\"/ab", out, sizeof out), -1);
	assert_int_equal(DN("{\"Name\":12}", out, sizeof out), -1);
	assert_int_equal(DN("{\"Name\":\"a\\nb\"}", out, sizeof out), -1);
	assert_int_equal(DN("{\"Name\":\"\\u00e9\"}", out, sizeof out), -1);
	assert_int_equal(DN("{\"Name\":\"/\"}", out, sizeof out), -1);
	assert_int_equal(DN("}{\"Name\":\"a\"}", out, sizeof out), -1);
	assert_int_equal(DN("", out, sizeof out), -1);
	assert_string_equal(out, "untouched");
}

/* The full id of a path's Docker container, or "-" when none. */
static const char *
id_of(const char *path)
{
	static char id[CGNAME_FULL_ID_SIZE];
	struct cgname n;

	cgname_parse(path, strlen(path), &n);
	if (cgname_docker_id(&n, path, strlen(path), id) != 0)
		return "-";
	return id;
}

static void
test_docker_full_id(void **state)
{
	(void)state;
	assert_string_equal(id_of("/system.slice/docker-" ID64 ".scope"), ID64);
	assert_string_equal(id_of("/docker/" ID64), ID64);
	/* a cgroup inside the container: still its id */
	assert_string_equal(id_of("/docker/" ID64 "/init.scope"), ID64);
	/* other runtimes and plain paths have no Docker file */
	assert_string_equal(
	    id_of("/system.slice/cri-containerd-" ID64 ".scope"), "-");
	assert_string_equal(id_of("/machine.slice/libpod-" ID64 ".scope"), "-");
	assert_string_equal(id_of("/kubepods/burstable/pod" UID "/" ID64), "-");
	assert_string_equal(id_of("/system.slice/docker.service"), "-");
	assert_string_equal(id_of("/"), "-");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_systemd_units),
	    cmocka_unit_test(test_docker),
	    cmocka_unit_test(test_other_runtimes),
	    cmocka_unit_test(test_lxc),
	    cmocka_unit_test(test_kubernetes_systemd),
	    cmocka_unit_test(test_kubernetes_cgroupfs),
	    cmocka_unit_test(test_plain_paths),
	    cmocka_unit_test(test_docker_name),
	    cmocka_unit_test(test_docker_full_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
