#!/usr/bin/env bash
# Remote calls per second and latency, virtlayer's remote driver (TLS 1.3) beside libvirt 9.0's remote protocol, in one
# run. Builds the reactor's jars (no install), starts libvirtd from ../shared/peer/start-libvirtd.sh, runs
# org.virtlayer.bench.RemoteBench, stops libvirtd. Figures: docs/remote.md.
# usage: bench/remote-bench.sh [SECONDS_PER_MEASURE]      (from the repository root; ~2 minutes with the default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/bench/target/classpath.txt" >/dev/null
peer=$(mktemp -d /tmp/virtlayer-bench-peer.XXXXXX)
stop_peer() {
  for f in "$peer/run/libvirtd.pid" "$peer/run/virtlogd.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
}
trap stop_peer EXIT
../shared/peer/start-libvirtd.sh "$peer" >/dev/null
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.virtlayer.bench.RemoteBench \
  "$peer/run/libvirt/libvirt-sock" "${1:-3}"
