#!/usr/bin/env bash
# Publishing in place (issue 18): the database is a WAL file the importer
# writes in one transaction, where readers keep reading.
#   - the first import makes a WAL database with its -wal and -shm, empty;
#   - the next imports write that file in place (same inode), and a
#     long-lived FastCGI worker under its seccomp filter shows each on its
#     very next request, never an error meanwhile;
#   - a SIGKILLed import in place leaves the last import served, and the
#     next import goes on from it;
#   - a rollback-journal database (quire before WAL) is replaced whole
#     once, and written in place after;
#   - a WAL file whose -wal and -shm are gone (sqlite3's shell removes
#     them when it closes last) is read immutable and replaced whole.
# Closes with "publish: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin publish
worker=$top/cgi-bin/quire.fcgi
suite_stop_extra() {
	[ -s "$tmp/w.pid" ] && kill "$(cat "$tmp/w.pid")" 2>/dev/null
	[ -n "${loop:-}" ] && kill "$loop" 2>/dev/null
	wait 2>/dev/null
}

cp -r "$top/tests/hugo/sections" "$tmp/site"
db=$tmp/blog.db
post=$tmp/site/content/post/one.md
import() { "$top/quire" import -q --db "$db" "$@" >>"$tmp/import.log" 2>&1; }
# mode: the journal mode SQLite's header gives (bytes 18 and 19).
mode() { od -An -j18 -N2 -tu1 "$1" | tr -s ' ' | sed 's/^ //'; }
size() { stat -c %s "$1" 2>/dev/null || echo missing; }

import "$tmp/site/content"
cond_rc "the first import" $? "$tmp/import.log"
expect "makes a WAL database" "$(mode "$db")" "2 2"
expect "with an empty -wal and -shm beside it" \
    "$(size "$db-wal") $(size "$db-shm")" "0 0"
ino=$(stat -c %i "$db")

# A worker that stays, under its filter, asked over FastCGI.
env -u QUIRE_SECCOMP QUIRE_DB="$db" spawn-fcgi -s "$tmp/w.sock" \
    -P "$tmp/w.pid" -- "$worker" >/dev/null 2>"$tmp/w.err" ||
    not_ok "spawn-fcgi starts the worker" "$(cat "$tmp/w.err")"
i=0
while [ ! -S "$tmp/w.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
get() {
	env -i REQUEST_METHOD=GET REQUEST_URI="$1" SERVER_NAME=localhost \
	    SERVER_PORT=80 timeout 10 cgi-fcgi -bind -connect "$tmp/w.sock" \
	    2>/dev/null
}
title() { get /post/one/ | grep -o '<h1 class="post-title[^>]*>[^<]*' | sed 's/.*>//'; }
expect "the worker shows the post" "$(title)" "Post one"

sed -i 's/title: "Post one"/title: "Post one, in place"/' "$post"
import "$post"
cond_rc "an edited post imported alone" $? "$tmp/import.log"
expect "is written in place" "$(stat -c %i "$db")" "$ino"
expect "and the worker shows it on its next request" "$(title)" "Post one, in place"
expect "the import leaves the -wal empty" "$(size "$db-wal")" 0

# Readers during imports: every answer a 200, each one import whole.
: >"$tmp/codes"
( while :; do
	get /post/one/ | sed -n '1s/\r$//p' >>"$tmp/codes"
done ) &
loop=$!
for n in 1 2 3 4 5; do
	sed -i "s/^title: \"Post one[^\"]*\"/title: \"Post one, take $n\"/" "$post"
	import "$tmp/site/content"
done
kill "$loop" 2>/dev/null
wait "$loop" 2>/dev/null
loop=
expect "five imports while a reader asks: it is never refused" \
    "$(sort -u "$tmp/codes" | tr '\n' ' ')" "Status: 200 OK "
expect "and then shows the last" "$(title)" "Post one, take 5"
expect "the worker was never stopped by its filter" \
    "$(kill -0 "$(cat "$tmp/w.pid")" 2>/dev/null && echo alive)" alive

# A SIGKILL in the middle of an import in place.
for i in $(seq 1 400); do
	printf -- '---\ntitle: "Filler %d"\ndate: 2020-01-01\n---\n%s\n' "$i" \
	    "$(head -c 3000 /dev/zero | tr '\0' 'w')" >"$tmp/site/content/post/f$i.md"
done
sed -i "s/^title: \"Post one[^\"]*\"/title: \"Post one, never\"/" "$post"
"$top/quire" import -q --db "$db" "$tmp/site/content" >/dev/null 2>&1 &
imp=$!
i=0
while [ "$(size "$db-wal")" = 0 ] && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
kill -9 "$imp" 2>/dev/null
wait "$imp" 2>/dev/null
expect "a killed import in place: the last import is still served" \
    "$(title)" "Post one, take 5"
import "$tmp/site/content"
cond_rc "the next import goes on from it" $? "$tmp/import.log"
expect "and shows its own" "$(title)" "Post one, never"
expect "in the same file" "$(stat -c %i "$db")" "$ino"

# A database of a quire before WAL: replaced whole once.
kill "$(cat "$tmp/w.pid")" 2>/dev/null
old=$tmp/old.db
"$top/quire" import -q --db "$old" "$tmp/site/content" >/dev/null 2>&1
sqlite3 "$old" "PRAGMA journal_mode = DELETE" >/dev/null
expect "(a rollback-journal database made by hand)" "$(mode "$old")" "1 1"
oino=$(stat -c %i "$old")
"$top/quire" import -q --db "$old" "$post" >>"$tmp/import.log" 2>&1
expect "is replaced whole by its next import" \
    "$([ "$(stat -c %i "$old")" != "$oino" ] && echo replaced)" replaced
expect "which makes it WAL, with its -wal and -shm" \
    "$(mode "$old") $(size "$old-wal") $(size "$old-shm")" "2 2 0 0"

# sqlite3's shell, the last to close a WAL database, removes -wal and -shm.
sqlite3 "$db" "SELECT count(*) FROM page" >/dev/null
expect "(sqlite3's shell removed the -wal and -shm)" "$(size "$db-wal")" missing
status=$(env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI=/post/one/ \
    "$worker" 2>/dev/null | sed -n '1s/\r$//p')
expect "the worker reads it still (immutable)" "$status" "Status: 200 OK"
ino=$(stat -c %i "$db")
import "$post"
expect "the next import replaces it whole" \
    "$([ "$(stat -c %i "$db")" != "$ino" ] && echo replaced)" replaced
expect "with its -wal and -shm again" "$(size "$db-wal") $(size "$db-shm")" "0 0"

report publish
