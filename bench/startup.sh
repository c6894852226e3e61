#!/usr/bin/env bash
# Start-to-exit time of the installed CLI beside `java -version`: `--help`, and `status` of a running example
# installation, locally and (with SSH_TARGET, e.g. root@127.0.0.1, key login without a prompt) over SSH.
# Usage: [SSH_TARGET=root@127.0.0.1] bench/startup.sh [RUNS]
#        (needs the test environment: scripts/test-env up; installs hyperfine)
# Builds the distribution archive, unpacks it to a temporary folder (so the AppCDS archive is made for that
# place), starts the example installation, and reports hyperfine's median for each command, in one sitting.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
bash "$root/scripts/test-env" up >/dev/null
(cd "$root" && ./mvnw -q -B -DskipTests package)
inst=$(mktemp -d)
tar xzf "$root"/cli/target/seatable-migrate-*.tar.gz -C "$inst"
bin=$(echo "$inst"/seatable-migrate-*/bin/seatable-migrate)
"$bin" --version >/dev/null   # first run: records the AppCDS archive beside the jar
example=$(mktemp -d)
out=$(mktemp)
trap '(cd "$example" && docker compose down -v >/dev/null 2>&1) || true; rm -rf "$inst" "$example" "$out"' EXIT
cp -a "$root/examples/seatable-compose/." "$example/"
for c in seatable-server mariadb; do docker rm -f "$c" >/dev/null 2>&1 || true; done
(cd "$example" && docker compose up -d >/dev/null 2>&1)
for _ in $(seq 1 120); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' seatable-server 2>/dev/null)" = healthy ] && break; sleep 0.5
done
"$bin" status --compose-dir "$example" >/dev/null || { echo "status of the example failed" >&2; exit 1; }
commands=("java -version" "$bin --help" "$bin status --compose-dir $example")
if [ -n "${SSH_TARGET:-}" ]; then
  "$bin" status --host "$SSH_TARGET" --compose-dir "$example" >/dev/null || { echo "status over SSH ($SSH_TARGET) failed" >&2; exit 1; }
  commands+=("$bin status --host $SSH_TARGET --compose-dir $example")
fi
hyperfine --warmup 2 --runs "$runs" --export-json "$out" -N "${commands[@]}" >&2 || true
python3 - "$out" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"].split("/bin/")[-1][:70]:70s} median {r["median"]*1000:7.0f} ms   mean {r["mean"]*1000:7.0f} ms  (n={len(r["times"])})')
PY
