#!/usr/bin/env bash
# Ends the Karaf JVMs this checkout left running: a Pax Exam container whose test run failed (Pax Exam leaves the
# forked org.apache.karaf.main.Main behind when the container never came up), or a distribution started from
# karaf-dist/target/assembly. Only JVMs whose karaf.base lies under this checkout are touched, each by its PID:
# other checkouts' and other users' Karafs on the same machine are left alone.
set -u
root="$(cd "$(dirname "$0")/.." && pwd -P)"
status=0

for proc in /proc/[0-9]*; do
  pid="${proc#/proc/}"
  # the command line, one argument a line; a process may end while we look
  args="$( { tr '\0' '\n' < "$proc/cmdline"; } 2>/dev/null)" || continue
  grep -qx 'org.apache.karaf.main.Main' <<<"$args" || continue
  base="$(sed -n 's/^-Dkaraf\.base=//p' <<<"$args" | head -n 1)"
  [ -n "$base" ] || continue
  # karaf.base may be relative to the JVM's working directory
  case "$base" in /*) ;; *) base="$(readlink -f "$proc/cwd" 2>/dev/null)/$base" ;; esac
  base="$(readlink -f "$base" 2>/dev/null || echo "$base")"
  case "$base/" in "$root"/*) ;; *) continue ;; esac

  echo "kill-leftover-karaf: ending Karaf JVM $pid (karaf.base $base)"
  kill -TERM "$pid" 2>/dev/null || continue
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kill-leftover-karaf: $pid still runs after 10 s, killing it"
    kill -KILL "$pid" 2>/dev/null || status=1
  fi
done
exit "$status"
