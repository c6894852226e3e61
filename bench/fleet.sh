#!/usr/bin/env bash
# The fleet runner's own overhead: a fleet dry-run of HOSTS in-memory hosts (stub://, core's FakeHost running the
# Enterprise Edition; no network, no engine) at --forks FORKS, so that what is measured is the tool's own work per host
# and for the fleet: scheduling, the per-host command in-process, reading its events, the per-host logs, the summary.
# Reports wall time and peak memory (RSS) for HOSTS, and for 5x HOSTS, both in a heap capped at 128 MiB: a run that kept
# per-host buffers of whole logs would not fit, and the peak RSS stays about the same. The stub hosts imitate files,
# the engine and Compose (core's FakeHost passes the backends' contract suite), so each host's dry-run goes through the
# whole inspection, planning and recorded switch and writes its audit script: the per-host work is real, only the host
# is not.
# Goal (issue 13): 200 hosts at --forks 20 in under 10 s.
#   bench/fleet.sh [HOSTS] [FORKS]     (needs Java 17 and Maven; no Docker)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
hosts=${1:-200}
forks=${2:-20}
work=$(mktemp -d /tmp/seatable-fleet-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -B -o -DskipTests -DskipITs package >/dev/null 2>&1 || ./mvnw -q -B -DskipTests -DskipITs package >/dev/null)
jar="$root/cli/target/seatable-migrate.jar"
tests=$(ls "$root"/core/target/seatable-migrate-core-*-tests.jar)
mkdir -p "$work/classes/META-INF/services"
javac -q -d "$work/classes" -cp "$jar:$tests" "$root/bench/fleet/StubBackendProvider.java" 2>/dev/null \
  || javac -d "$work/classes" -cp "$jar:$tests" "$root/bench/fleet/StubBackendProvider.java"
echo seatablemigrate.bench.StubBackendProvider >"$work/classes/META-INF/services/seatablemigrate.core.spi.BackendProvider"

run() {
  local n=$1 inv="$work/inventory-$1.txt" out
  for i in $(seq 1 "$n"); do printf 'stub://host%04d\n' "$i"; done >"$inv"
  out=$( { /usr/bin/time -f '%e %M' java -Xmx128m -cp "$work/classes:$jar:$tests" seatablemigrate.cli.Main migrate --dry-run --to developer \
      --version 5.3.0 --inventory "$inv" --forks "$forks" --log-dir "$work/logs-$n" --script-dir "$work/scripts-$n" -q >"$work/out-$n" || true; } 2>&1 | tail -1)
  local ok
  ok=$(grep -cE '^stub://host[0-9]+ .* (done|refused|failed) ' "$work/out-$n" || true)
  printf '%5d hosts, --forks %d: %6.2f s wall, %4d MiB peak RSS, %d hosts ended (%d done), %d logs, %d scripts\n' "$n" "$forks" "${out% *}" \
    $(( ${out#* } / 1024 )) "$ok" "$(grep -cE '^stub://host[0-9]+ .* done ' "$work/out-$n" || true)" "$(ls "$work/logs-$n" | wc -l)" \
    "$(ls "$work/scripts-$n" 2>/dev/null | grep -c '\.sh$' || true)"
}
run "$hosts"
run $((hosts * 5))
