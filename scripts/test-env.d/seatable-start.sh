#!/bin/sh
# Imitation of a SeaTable 4.3+ image's start-up, as ../shared/SEATABLE.md describes it.
# Image config provides SEATABLE_VERSION (X.Y.Z) and SEATABLE_EDITION (enterprise|developer).
# Test switches: a file /shared/fail-next-start makes this start fail (it is consumed); /shared/fail-starts holding N
# makes the next N starts fail.
log() { echo "$(date '+%Y-%m-%d %H:%M:%S') $*"; mkdir -p /shared/seatable/logs; echo "$*" >> /shared/seatable/logs/init.log; }
# PID 1 has no default signal handlers: stop promptly on `compose down`.
trap 'exit 0' TERM INT
hang() { log "$1"; while :; do sleep 1 & wait $!; done; }

mkdir -p /shared/seatable/conf
log "SeaTable $SEATABLE_EDITION edition $SEATABLE_VERSION starting"
mine_mm=$(echo "$SEATABLE_VERSION" | cut -d. -f1,2)
if [ -f /shared/seatable/conf/current_version.txt ]; then
  last=$(cat /shared/seatable/conf/current_version.txt)
  last_mm=$(echo "$last" | cut -d. -f1,2)
  lmaj=${last_mm%.*}; lmin=${last_mm#*.}; mmaj=${mine_mm%.*}; mmin=${mine_mm#*.}
  if [ "$lmaj" -gt "$mmaj" ] || { [ "$lmaj" -eq "$mmaj" ] && [ "$lmin" -gt "$mmin" ]; }; then
    hang "Error: the database was upgraded to $last by a newer version; $SEATABLE_VERSION cannot run on it"
  fi
  if [ "$last_mm" != "$mine_mm" ]; then log "Upgrading database from $last to $SEATABLE_VERSION"; fi
fi
# As SeaTable's own upgrade step: the stamp says which release the databases were migrated to, written before the
# services start (and so before a start can fail): a way back must restore it with the databases.
echo "$SEATABLE_VERSION" > /shared/seatable/conf/current_version.txt
if [ -f /shared/fail-next-start ]; then
  rm -f /shared/fail-next-start
  hang "Start failed: simulated failure (fail-next-start)"
fi
if [ -f /shared/fail-starts ]; then
  n=$(cat /shared/fail-starts)
  if [ "${n:-0}" -le 1 ]; then rm -f /shared/fail-starts; else echo $((n - 1)) > /shared/fail-starts; fi
  hang "Start failed: simulated failure (fail-starts)"
fi
if [ "$SEATABLE_EDITION" = enterprise ]; then
  lic=/shared/seatable/seatable-license.txt
  if [ ! -f "$lic" ]; then hang "Missing SeaTable License!"; fi
  exp=$(sed -n 's/^Expiration *= *"\(.*\)".*/\1/p' "$lic")
  mode=$(sed -n 's/^Mode *= *"\(.*\)".*/\1/p' "$lic")
  today=$(date +%Y-%m-%d)
  if [ -z "$exp" ] || { [ "$mode" != life-time ] && ! [ "$exp" \> "$today" ]; }; then
    hang "SeaTable License Expired!"
  fi
fi
mkdir -p /www/server-info
printf '{"version": "%s", "edition": "%s edition"}' "$SEATABLE_VERSION" "$SEATABLE_EDITION" > /www/server-info/index.html
echo ok > /www/index.html
log "Start server"
log "SeaTable started"
httpd -f -p 8000 -h /www &
pid=$!
trap 'kill $pid; exit 0' TERM INT
wait $pid
