#!/usr/bin/env bash
# Start-to-exit time of the installed CLI beside `java -version`: `--help`, and `status` of a running example
# installation, locally and over SSH on loopback (an sshd of the bench's own, as the SSH tests start: free port, own
# host key, key login as root, a home of its own so that no login shell start-up is measured).
# Usage: bench/startup.sh [RUNS]
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
ssh_dir=$(mktemp -d)
trap '[ -s "$ssh_dir/sshd.pid" ] && kill "$(cat "$ssh_dir/sshd.pid")"; (cd "$example" && docker compose down -v >/dev/null 2>&1) || true
  rm -rf "$inst" "$example" "$out" "$ssh_dir"' EXIT
cp -a "$root/examples/seatable-compose/." "$example/"
for c in seatable-server mariadb; do docker rm -f "$c" >/dev/null 2>&1 || true; done
(cd "$example" && docker compose up -d >/dev/null 2>&1)
for _ in $(seq 1 120); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' seatable-server 2>/dev/null)" = healthy ] && break; sleep 0.5
done
"$bin" status --compose-dir "$example" >/dev/null || { echo "status of the example failed" >&2; exit 1; }
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/id_ed25519"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p /run/sshd "$ssh_dir/home"
cat >"$ssh_dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $ssh_dir/host_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/id_ed25519.pub
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
SetEnv HOME=$ssh_dir/home
Subsystem sftp internal-sftp
CONF
/usr/sbin/sshd -f "$ssh_dir/sshd_config"
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$ssh_dir/host_key.pub")" >"$ssh_dir/known_hosts"
over_ssh="--host ssh://root@127.0.0.1:$port --known-hosts $ssh_dir/known_hosts -i $ssh_dir/id_ed25519"
# shellcheck disable=SC2086 # the options are words without blanks (mktemp's folders)
"$bin" status $over_ssh --compose-dir "$example" >/dev/null || { echo "status over SSH failed" >&2; exit 1; }
commands=("java -version" "$bin --help" "$bin status --compose-dir $example" "$bin status $over_ssh --compose-dir $example")
hyperfine --warmup 2 --runs "$runs" --export-json "$out" -N "${commands[@]}" >&2 || true
python3 - "$out" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"].split("/bin/")[-1]
    name = name.split(" --host")[0] + " (over SSH)" if " --host" in name else name
    print(f'{name[:70]:70s} median {r["median"]*1000:7.0f} ms   mean {r["mean"]*1000:7.0f} ms  (n={len(r["times"])})')
PY
