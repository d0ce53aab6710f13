#!/bin/sh
# The recorder's black box, live, as root: the real recorder (-d 0.2)
# runs while this test makes a real memcg OOM kill in its own child cgroup
# (tests/lib.sh memcg_child): a 40 MiB memhog that has been there for a
# few samples, then oomhog pushing the 64 MiB cgroup over its limit, so
# the kernel kills the memhog (the bigger). The kill's event must have a
# black box with every process of the sample before it (far more than the
# rows recsel stores), the victim among them with its RSS, the victim's RSS
# history, the top growers, and the cgroup itself. Only the processes and
# the cgroup this test made are touched; all are removed. The cgroup also
# has its own rows per sample (only when they change).
. "$(dirname "$0")/../lib.sh"

bbox_recording "recorder black box" "oomwatch-bbox-$$" || exit 0

check "memhog ready, then killed by the OOM killer" memcg_kill_hog bboxvictim
check "a black box is stored" wait_until 20 has_bbox
kill -9 "$push" 2>/dev/null
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0" [ $? = 0 ]

bb="(SELECT b.id FROM blackbox b JOIN events e ON e.id = b.event_id WHERE e.kind = 'oom_kill' AND e.pid = $hog)"
check "the kill's event (pid $hog) has the black box" [ -n "$(q "SELECT $bb")" ]
check "its sample is before the kill's sample" \
	[ "$(q "SELECT b.time_ms < s.time_ms FROM blackbox b JOIN events e ON e.id = b.event_id JOIN samples s ON s.id = e.sample_id WHERE b.id = $bb")" = 1 ]
nb=$(q "SELECT count(*) FROM bb_procs WHERE bb_id = $bb")
nproc=$(ls -d /proc/[0-9]* | wc -l)
check "every process of the sample ($nb rows, about $nproc now)" [ "$nb" -ge $((nproc / 2)) ]
check "more than recsel's rows of that sample" \
	[ "$nb" -gt "$(q "SELECT count(*) FROM proc_rows r JOIN samples s ON s.id = r.sample_id JOIN blackbox b ON b.time_ms = s.time_ms WHERE b.id = $bb")" ]
check "the victim is among them, with its 40 MiB" \
	[ "$(q "SELECT rss_kb >= 39000 FROM bb_procs WHERE bb_id = $bb AND pid = $hog")" = 1 ]
check "the victim's RSS history" \
	[ "$(q "SELECT count(*) FROM bb_victim_rss WHERE bb_id = $bb AND rss_kb >= 39000")" -ge 1 ]
check "the top growers name the victim" \
	[ "$(q "SELECT count(*) FROM bb_grew WHERE bb_id = $bb AND pid = $hog")" = 1 ]
check "the cgroup is in it" \
	[ "$(q "SELECT count(*) FROM bb_cgroups WHERE bb_id = $bb AND path = '$MEMCG_PATH'")" = 1 ]
check "meminfo is in it" [ "$(q "SELECT mem_available_kb > 0 FROM blackbox WHERE id = $bb")" = 1 ]
check "the cgroup has rows of its own samples, fewer than the samples" \
	sh -c '[ "$1" -ge 1 ] && [ "$1" -lt "$2" ]' sh \
	"$(q "SELECT count(*) FROM cgroup_rows r JOIN cgroups c ON c.id = r.cgroup_id WHERE c.path = '$MEMCG_PATH'")" \
	"$(q 'SELECT count(*) FROM samples')"
check "no message on stderr" [ -z "$(cat "$T_TMP/err")" ]
t_done
