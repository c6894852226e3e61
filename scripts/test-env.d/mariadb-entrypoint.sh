#!/bin/sh
# Minimal MariaDB entrypoint: initialise the data directory once, set the root password from
# MYSQL_ROOT_PASSWORD, create SeaTable's three databases with a few rows (ccnet_db.EmailUser: two active
# accounts and a deactivated one, which a license does not count), then run the server.
set -e
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
if [ ! -d /var/lib/mysql/mysql ]; then
  chown -R mysql:mysql /var/lib/mysql
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
  mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  i=0; until mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1; do i=$((i+1)); [ $i -lt 60 ] || exit 1; sleep 0.5; done
  mariadb --socket=/run/mysqld/init.sock <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
CREATE USER 'root'@'%' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;
SQL
  # SEED_SEATABLE_DATABASES=0 gives an empty server (to load a dump into).
  [ "${SEED_SEATABLE_DATABASES:-1}" = 0 ] || mariadb --socket=/run/mysqld/init.sock -uroot -p"${MYSQL_ROOT_PASSWORD}" <<SQL
CREATE DATABASE ccnet_db; CREATE DATABASE seafile_db; CREATE DATABASE dtable_db;
CREATE TABLE ccnet_db.EmailUser (id INT PRIMARY KEY, email VARCHAR(255), is_active BOOL NOT NULL);
INSERT INTO ccnet_db.EmailUser VALUES (1,'admin@example.com',1),(2,'user@example.com',1),(3,'former@example.com',0);
CREATE TABLE seafile_db.Repo (repo_id CHAR(36) PRIMARY KEY);
INSERT INTO seafile_db.Repo VALUES ('0b5c3b2e-1111-4c1e-9f00-000000000001');
CREATE TABLE dtable_db.dtables (id INT PRIMARY KEY, name VARCHAR(255));
INSERT INTO dtable_db.dtables VALUES (1,'Projects'),(2,'Customers'),(3,'Inventory');
SQL
  kill "$pid"; wait "$pid" || true
fi
exec mariadbd --user=mysql --bind-address=0.0.0.0
