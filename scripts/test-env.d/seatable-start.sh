#!/bin/sh
# Imitation of a SeaTable 4.3+ image's start-up, as ../shared/SEATABLE.md describes it.
# Image config provides SEATABLE_VERSION (X.Y.Z) and SEATABLE_EDITION (enterprise|developer).
# The databases: with SEATABLE_MYSQL_DB_HOST and SEATABLE_MYSQL_ROOT_PASSWORD (the official layout; older layouts
# name them DB_HOST and DB_ROOT_PASSWD), the release the databases were migrated to is also recorded in MariaDB
# (dtable_db.imitation_release, one row), as SeaTable's own schema is; without them, only the file stamp is kept.
# Test switches: a file /shared/fail-next-start makes this start fail (it is consumed); /shared/fail-starts holding N
# makes the next N starts fail.
log() { echo "$(date '+%Y-%m-%d %H:%M:%S') $*"; mkdir -p /shared/seatable/logs; echo "$*" >> /shared/seatable/logs/init.log; }
# PID 1 has no default signal handlers: stop promptly on `compose down`.
trap 'exit 0' TERM INT
hang() { log "$1"; while :; do sleep 1 & wait $!; done; }
# newer_line A B: whether release A's line (MAJOR.MINOR) is newer than release B's.
newer_line() {
  a_maj=$(echo "$1" | cut -d. -f1); a_min=$(echo "$1" | cut -d. -f2)
  b_maj=$(echo "$2" | cut -d. -f1); b_min=$(echo "$2" | cut -d. -f2)
  [ "$a_maj" -gt "$b_maj" ] || { [ "$a_maj" -eq "$b_maj" ] && [ "$a_min" -gt "$b_min" ]; }
}
# A release as SeaTable writes it (digits and dots, MAJOR.MINOR at least); anything else is refused as unreadable.
is_release() { echo "$1" | grep -Eqx '[0-9]{1,4}\.[0-9]{1,4}(\.[0-9]{1,4})?'; }
db_host=${SEATABLE_MYSQL_DB_HOST:-${DB_HOST:-}}
db_password=${SEATABLE_MYSQL_ROOT_PASSWORD:-${DB_ROOT_PASSWD:-}}
# sql STATEMENTS: runs them as root on the database server; the password reaches the client through its environment only.
sql() { MYSQL_PWD=$db_password mariadb -h "$db_host" -uroot -N -B --connect-timeout=2 -e "$1"; }
RELEASE_TABLE=dtable_db.imitation_release
records_in_db() { [ -n "$db_host" ] && [ -n "$db_password" ]; }

mkdir -p /shared/seatable/conf
log "SeaTable $SEATABLE_EDITION edition $SEATABLE_VERSION starting"
is_release "$SEATABLE_VERSION" || hang "Error: the image's SEATABLE_VERSION is no release"
mine_mm=$(echo "$SEATABLE_VERSION" | cut -d. -f1,2)
if [ -f /shared/seatable/conf/current_version.txt ]; then
  last=$(cat /shared/seatable/conf/current_version.txt)
  is_release "$last" || hang "Error: current_version.txt holds no release; $SEATABLE_VERSION cannot tell what the database is"
  if newer_line "$last" "$SEATABLE_VERSION"; then
    hang "Error: the database was upgraded to $last by a newer version; $SEATABLE_VERSION cannot run on it"
  fi
  if [ "$(echo "$last" | cut -d. -f1,2)" != "$mine_mm" ]; then log "Upgrading database from $last to $SEATABLE_VERSION"; fi
fi
recorded=
if records_in_db; then
  # The compose files may start SeaTable before MariaDB answers: a short wait, then a loud failure.
  i=0
  until sql "CREATE DATABASE IF NOT EXISTS dtable_db; CREATE TABLE IF NOT EXISTS $RELEASE_TABLE
      (id TINYINT PRIMARY KEY, version VARCHAR(32) NOT NULL)" 2>/tmp/db.err; do
    i=$((i + 1))
    [ "$i" -lt 30 ] || hang "Error: cannot connect to the database at $db_host: $(tail -1 /tmp/db.err)"
    sleep 1
  done
  recorded=$(sql "SELECT version FROM $RELEASE_TABLE WHERE id = 1") || hang "Error: cannot read $RELEASE_TABLE"
  if [ -n "$recorded" ]; then
    is_release "$recorded" || hang "Error: $RELEASE_TABLE holds no release; $SEATABLE_VERSION cannot tell what the database is"
    if newer_line "$recorded" "$SEATABLE_VERSION"; then
      hang "Error: the database schema was upgraded to $recorded by a newer version ($RELEASE_TABLE); $SEATABLE_VERSION cannot run on it"
    fi
  fi
fi
# As SeaTable's own upgrade step: the stamp says which release the databases were migrated to, written before the
# services start (and so before a start can fail): a way back must restore it with the databases.
echo "$SEATABLE_VERSION" > /shared/seatable/conf/current_version.txt
if records_in_db; then
  sql "REPLACE INTO $RELEASE_TABLE VALUES (1, '$SEATABLE_VERSION')" || hang "Error: cannot record the release in $RELEASE_TABLE"
  if [ -n "$recorded" ] && [ "$recorded" != "$SEATABLE_VERSION" ]; then log "Database schema migrated from $recorded to $SEATABLE_VERSION"; fi
fi
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
