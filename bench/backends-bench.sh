#!/usr/bin/env bash
# The storage-dir and network-bridge backends beside libvirt 9.0, in one run (a benchmark, not a test). Needs root,
# qemu-utils, dnsmasq-base, nftables, iptables (libvirt 9.0's network driver uses it), busybox-static, libvirt 9.0.
# Every network of both sides is made in a network namespace of its own: the host's network is never touched.
#
# usage (from the repository root): bench/backends-bench.sh [WORK_FOLDER]
# knobs: -Dbench.volumes=100 -Dbench.clones=20 -Dbench.streamMiB=512 -Dbench.runs=3 in JAVA_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d /tmp/virtlayer-backends-bench.XXXXXX)}
mkdir -p "$work"
chmod 755 "$work"
vlns=vl-bench-vl-$$
lvns=vl-bench-lv-$$

cleanup() {
  for f in "$work/peer/run/libvirtd.pid" "$work/peer/run/virtlogd.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  for ns in "$vlns" "$lvns"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}
trap cleanup EXIT

mvn -B -o -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
cp="bench/target/classes:$(cat bench/target/classpath.txt)"

for ns in "$vlns" "$lvns"; do
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
done
# libvirt 9.0 inside its own network namespace: its bridges, iptables rules and dnsmasq stay there
ip netns exec "$lvns" ../shared/peer/start-libvirtd.sh "$work/peer" >/dev/null
uri="qemu:///system?socket=$work/peer/run/libvirt/libvirt-sock"

java ${JAVA_OPTS:-} -cp "$cp" org.virtlayer.bench.StorageBench "$uri" "$work/storage"
java ${JAVA_OPTS:-} -cp "$cp" org.virtlayer.bench.NetworkBench "$uri" "$vlns" "$lvns" "$work/network"
