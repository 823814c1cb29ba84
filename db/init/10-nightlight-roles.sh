#!/bin/sh
# PostgreSQL's official image runs this once, when it creates the data directory (docker-compose.yml).
# Two roles: nightlight_owner owns the database and runs the migrations; nightlight, the server's role,
# owns nothing and gets only the rights the migrations grant it (README, "Database roles").
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_password="$NIGHTLIGHT_DB_MIGRATION_PASSWORD" -v server_password="$NIGHTLIGHT_DB_PASSWORD" <<'SQL'
create role nightlight_owner login password :'owner_password';
create role nightlight login password :'server_password';
create database nightlight owner nightlight_owner;
\connect nightlight
-- on PostgreSQL 15 only the database owner may create in schema public; say so for older servers too
revoke create on schema public from public;
revoke temporary on database nightlight from public;
SQL
