# shellcheck shell=bash
# Extra Docker engines for the tests (sourced by fleet-hosts and extra-engines; needs say()). Each has its own data
# root, exec root (and so its own containerd), socket and address pool, so that it runs containers under the real
# names (seatable-server, mariadb) beside the machine's engine.

# engine_answers_at SOCKET: the engine on that Unix socket answers.
engine_answers_at() { DOCKER_HOST="unix://$1" timeout 10 docker info >/dev/null 2>&1; }

# engine_start NAME SOCKET EXEC-ROOT LOG COMMAND...: starts COMMAND (dockerd with those roots and socket, perhaps behind
# nsenter) in the background. dockerd gives the containerd it starts a fixed time; on a busy machine (two cores, cold
# caches, other engines starting) that time can pass, and dockerd exits. So a start that does not answer within 45 s is
# stopped whole (dockerd and its containerd) and tried again, three times in all.
engine_start() {
  local name=$1 sock=$2 exec_root=$3 log=$4 attempt pid
  shift 4
  for attempt in 1 2 3; do
    if ((attempt == 1)); then say "starting the Docker engine of $name"; else say "starting it again"; fi
    nohup "$@" >>"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 90); do
      engine_answers_at "$sock" && return 0
      kill -0 "$pid" 2>/dev/null || break # dockerd gave up; no use waiting
      sleep 0.5
    done
    say "$name's engine did not answer (attempt $attempt of 3)"
    kill "$pid" 2>/dev/null || true
    pkill -f "containerd --config $exec_root/containerd/" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$sock"
  done
  say "$name's engine did not start; see $log"; tail -20 "$log" >&2; exit 1
}

# engine_copy_images NAME SOCKET REF...: the machine engine's images REF... on the engine at SOCKET, copied (in one
# save, so shared layers travel once) where that engine lacks them or holds another image under the name. The copies
# stay in that engine's data root.
engine_copy_images() {
  local name=$1 sock=$2 ref missing=()
  shift 2
  for ref in "$@"; do
    if [ "$(DOCKER_HOST="unix://$sock" docker image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)" \
      != "$(docker image inspect -f '{{.Id}}' "$ref")" ]; then
      missing+=("$ref")
    fi
  done
  ((${#missing[@]})) || return 0
  say "copying ${#missing[@]} images to $name"
  docker save "${missing[@]}" | DOCKER_HOST="unix://$sock" docker load -q >/dev/null
}
