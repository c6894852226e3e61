#!/usr/bin/env bash
# Downtime of an edition switch, side by side in one run: the manual procedure (docker compose down, edit .env,
# docker compose up -d, wait until healthy), the physical limit of a switch (edit .env, recreate only SeaTable's
# container by hand: docker compose up -d --no-deps seatable-server, wait until healthy the same way) and
# seatable-migrate (default: recreate only SeaTable's container; and --full-restart). Downtime = from the first moment SeaTable stops answering healthy until it answers healthy on the
# target edition AND the tool (or the manual sequence) has finished. Three pairs, median.
# Needs the test environment (scripts/test-env up): Docker engine, Compose v2, the imitation images.
#   bench/downtime.sh [pairs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-3}
work=$(mktemp -d /tmp/seatable-downtime.XXXXXX)
EE=seatable/seatable-enterprise:5.3.4
DE=seatable/seatable-developer:5.3.0
trap 'cd /; [ -d "$work/compose" ] && (cd "$work/compose" && docker compose down -v >/dev/null 2>&1); rm -rf "$work"' EXIT

jar="$root/cli/target/seatable-migrate.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package >/dev/null)

now() { date +%s.%N; }

# Healthy on the given image: running, health 'healthy', and /server-info/ answers.
healthy_on() {
  [ "$(docker inspect -f '{{.Config.Image}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' seatable-server 2>/dev/null)" \
    = "$1 running healthy" ]
}

fresh() {
  (cd "$work/compose" 2>/dev/null && docker compose down -v >/dev/null 2>&1) || true
  for c in seatable-server mariadb; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work/compose" "$work/backup" && mkdir -p "$work/compose" "$work/backup"
  cp -a "$root/examples/seatable-compose/." "$work/compose/"
  (cd "$work/compose" && docker compose up -d >/dev/null 2>&1)
  for _ in $(seq 1 240); do healthy_on "$EE" && return 0; sleep 0.25; done
  echo "the example did not become healthy" >&2; exit 1
}

# Runs "$@" in the background while polling SeaTable every 0.1 s; prints the downtime in seconds.
measure() {
  local down="" up="" t
  "$@" >"$work/last.log" 2>&1 &
  local pid=$!
  while :; do
    t=$(now)
    if [ -z "$down" ] && ! healthy_on "$EE"; then down=$t; fi
    if [ -n "$down" ] && healthy_on "$DE" && ! kill -0 "$pid" 2>/dev/null; then up=$t; break; fi
    if ! kill -0 "$pid" 2>/dev/null && ! healthy_on "$DE"; then
      wait "$pid" || true; echo "the switch did not end healthy on $DE:" >&2; cat "$work/last.log" >&2; exit 1
    fi
    sleep 0.1
  done
  wait "$pid"
  awk -v a="$up" -v b="$down" 'BEGIN {printf "%.2f\n", a - b}' 
}

manual() {
  cd "$work/compose"
  docker compose down
  sed -i "s#^SEATABLE_IMAGE=.*#SEATABLE_IMAGE=\"$DE\"#" .env
  docker compose up -d
  for _ in $(seq 1 600); do healthy_on "$DE" && return 0; sleep 0.1; done
  return 1
}

# The physical limit: what no tool can beat, since SeaTable's container must be recreated on the other image.
limit() {
  cd "$work/compose"
  sed -i "s#^SEATABLE_IMAGE=.*#SEATABLE_IMAGE=\"$DE\"#" .env
  docker compose up -d --no-deps seatable-server
  for _ in $(seq 1 600); do healthy_on "$DE" && return 0; sleep 0.1; done
  return 1
}

tool() {
  java -jar "$jar" migrate --to developer --version 5.3.0 --compose-dir "$work/compose" --backup-dir "$work/backup" --yes "$@"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

: >"$work/manual"; : >"$work/limit"; : >"$work/tool"; : >"$work/full"
for i in $(seq 1 "$pairs"); do
  fresh; measure manual >>"$work/manual"
  fresh; measure limit >>"$work/limit"
  fresh; measure tool >>"$work/tool"
  fresh; measure tool --full-restart >>"$work/full"
  echo "round $i: manual $(tail -1 "$work/manual") s, limit $(tail -1 "$work/limit") s, tool $(tail -1 "$work/tool") s," \
    "tool --full-restart $(tail -1 "$work/full") s" >&2
done
m=$(median <"$work/manual"); l=$(median <"$work/limit"); t=$(median <"$work/tool"); f=$(median <"$work/full")
awk -v n="$pairs" -v m="$m" -v l="$l" -v t="$t" -v f="$f" 'BEGIN {
  printf "downtime (median of %d): manual %.2f s, limit %.2f s, seatable-migrate %.2f s (%.2f x limit, %.2f x manual), --full-restart %.2f s (%.2f x manual)\n",
    n, m, l, t, t / l, t / m, f, f / m }' 
