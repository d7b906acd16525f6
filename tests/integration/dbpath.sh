#!/usr/bin/env bash
# The database path: only a regular file is opened. A FIFO in its place
# (opening one for reading waits for a writer, for ever) answers 503 with a
# log line naming it, under nginx + spawn-fcgi, from a FastCGI peer and as
# CGI, and pages come back once the real file does; a path from the
# request's parameters must be absolute. A query SQLite cannot prepare
# fails only the pages that read it. Every request is bounded by a
# timeout, so a worker that blocks fails a check instead of hanging the
# suite. Closes with "dbpath: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin dbpath
run=$tmp/run
runs+=("$run")
peer_pid=""
# suite_stop_extra: the spawn-fcgi worker of part 2, and any worker still
# blocked in open() (SIGTERM does not end that: SQLite retries on EINTR).
suite_stop_extra() {
	local p
	[ -n "$peer_pid" ] && kill -KILL "$peer_pid" 2>/dev/null
	for p in $(cat "$run/quire.pids" 2>/dev/null); do
		kill -KILL "$p" 2>/dev/null
	done
}

mkdir -p "$tmp/site/content/posts"
printf -- '---\ntitle: "Here"\ndate: 2024-01-02\n---\nBody.\n' \
    >"$tmp/site/content/posts/here.md"
"$top/quire" import -q --db "$tmp/good.db" "$tmp/site/content" 2>/dev/null ||
    not_ok "the test site imports" "$tmp/good.db"
# codes N URL: the status codes of N requests, each given 5 s at most.
codes() {
	local i=0 out=""
	while [ $i -lt "$1" ]; do
		out="$out $(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$2")"
		i=$((i + 1))
	done
	echo "${out# }"
}

# 1. nginx + spawn-fcgi, QUIRE_DB in the workers' environment.
db=$tmp/live.db
mkfifo "$db"
sh "$top/scripts/serve.sh" start "$run" 0 "$db" || not_ok "servers start" "see $run"
port=$(cat "$run/port" 2>/dev/null || echo 9)
url=http://127.0.0.1:$port/posts/here/
pids=$(tr '\n' ' ' <"$run/quire.pids" 2>/dev/null)
expect "a FIFO as the database answers 503 at once (two workers)" "$(codes 4 "$url")" "503 503 503 503"
expect_re "the log names it" "$(cat "$run/nginx-error.log")" \
    "cannot open database $db: not a regular file"
cp "$tmp/good.db" "$tmp/new.db"
mv "$tmp/new.db" "$db"
expect "once the real file is renamed over it, pages come back" "$(codes 4 "$url")" "200 200 200 200"
mkfifo "$tmp/fifo"
mv "$tmp/fifo" "$db"
expect "a FIFO renamed over a database being served: 503" "$(codes 4 "$url")" "503 503 503 503"
cp "$tmp/good.db" "$tmp/new.db"
mv "$tmp/new.db" "$db"
expect "and pages again after the real file" "$(codes 4 "$url")" "200 200 200 200"
gone=""
for p in $pids; do kill -0 "$p" 2>/dev/null || gone="$gone $p"; done
expect "the same workers answered throughout ($pids)" "$gone" ""
sh "$top/scripts/serve.sh" stop "$run"

# 2. A FastCGI peer (cgi-fcgi sends its environment as the request's
# parameters, as Apache's SetEnv does) to a worker with no QUIRE_DB of its
# own, started in $tmp so that a relative path would find good.db.
spawn-fcgi -s "$tmp/w.sock" -d "$tmp" -P "$tmp/w.pid" -- "$top/cgi-bin/quire.fcgi" >/dev/null
peer_pid=$(cat "$tmp/w.pid")
# peer DB: the status line of GET /posts/here/ naming DB; its log lines
# in $tmp/peer.err.
peer() {
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET REQUEST_URI=/posts/here/ \
	    timeout 5 cgi-fcgi -bind -connect "$tmp/w.sock" 2>"$tmp/peer.err" |
	    head -n 1 | tr -d '\r'
	[ -s "$tmp/peer.err" ] || echo "(no log line)" >"$tmp/peer.err"
}
expect "an absolute path in the parameters is served (Apache's SetEnv)" \
    "$(peer "$tmp/good.db")" "Status: 200 OK"
expect "a relative path is refused: 503" "$(peer good.db)" "Status: 503 Service Unavailable"
expect_re "with a log line naming it" "$(cat "$tmp/peer.err")" \
    "QUIRE_DB good.db .* not an absolute path"
mkfifo "$tmp/peer.fifo"
expect "a FIFO named in the parameters: 503 at once" "$(peer "$tmp/peer.fifo")" \
    "Status: 503 Service Unavailable"
expect_re "with a log line naming it" "$(cat "$tmp/peer.err")" \
    "cannot open database $tmp/peer.fifo: not a regular file"
for p in /dev/null "$tmp"; do
	expect "$p (not a regular file) in the parameters: 503" \
	    "$(peer "$p") $(grep -c "cannot open database $p: not a regular file" "$tmp/peer.err")" \
	    "Status: 503 Service Unavailable 1"
done
expect "the same worker still serves the real file" "$(peer "$tmp/good.db")" "Status: 200 OK"
# A worker blocked in open() ignores SIGTERM (SQLite retries on EINTR).
kill "$peer_pid" 2>/dev/null
sleep 0.2
kill -KILL "$peer_pid" 2>/dev/null
peer_pid=""

# 3. As CGI.
status=$(env -i QUIRE_DB="$tmp/peer.fifo" REQUEST_METHOD=GET REQUEST_URI=/ \
    timeout 5 "$top/cgi-bin/quire.fcgi" 2>"$tmp/cgi.err" </dev/null | head -n 1 | tr -d '\r')
expect "as CGI, a FIFO answers 503 with a log line naming it" \
    "$status $(grep -c "cannot open database $tmp/peer.fifo: not a regular file" "$tmp/cgi.err")" \
    "Status: 503 Service Unavailable 1"

# 4. A file one query cannot be prepared on (a table gone, as in a file of
# another schema): the queries are prepared as pages need them, so that
# page answers 503 with a log line naming the query and SQLite's reason,
# and the others are still served.
cp "$tmp/good.db" "$tmp/norelated.db"
sqlite3 "$tmp/norelated.db" "DROP TABLE page_related"
cgi_at() {	# DB ROUTE: the status line, SQLite's complaint to stderr
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET REQUEST_URI="$2" \
	    timeout 5 "$top/cgi-bin/quire.fcgi" 2>"$tmp/cgi.err" </dev/null |
	    head -n 1 | tr -d '\r'
}
status=$(cgi_at "$tmp/norelated.db" /posts/here/)
expect "a page whose query cannot be prepared answers 503 with a log line saying why" \
    "$status $(grep -c "cannot prepare query [0-9]*: no such table: page_related" "$tmp/cgi.err")" \
    "Status: 503 Service Unavailable 1"
expect "the pages that do not read it are served" "$(cgi_at "$tmp/norelated.db" /)" \
    "Status: 200 OK"

# 5. The schema (PRAGMA user_version, one per schema/ file): a file of an
# older one is refused with what to do, not with the first query that
# fails; a newer one is served, with a note; a file of no schema is no
# quire database.
nschema=$(ls "$top"/schema/[0-9]*.sql | wc -l)
cp "$tmp/good.db" "$tmp/older.db"
sqlite3 "$tmp/older.db" "PRAGMA user_version = $((nschema - 1))"
expect "a file of an older schema answers 503, the log saying to run quire import" \
    "$(cgi_at "$tmp/older.db" /) $(grep -c "its schema is version $((nschema - 1)), this worker reads $nschema: run quire import" "$tmp/cgi.err")" \
    "Status: 503 Service Unavailable 1"
cp "$tmp/good.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = $((nschema + 1))"
expect "a file of a newer schema is served, with a log line saying so" \
    "$(cgi_at "$tmp/newer.db" /) $(grep -c "schema is version $((nschema + 1)), newer than this worker's $nschema" "$tmp/cgi.err")" \
    "Status: 200 OK 1"
# Behind nginx, spawn-fcgi's worker has no stderr of its own: the note
# goes to the first request's log, once.
QUIRE_DB="$tmp/newer.db" spawn-fcgi -s "$tmp/n.sock" -P "$tmp/n.pid" -- \
    "$top/cgi-bin/quire.fcgi" >/dev/null
note_log() {
	env -i REQUEST_METHOD=GET REQUEST_URI=/ timeout 5 cgi-fcgi -bind \
	    -connect "$tmp/n.sock" 2>&1 >/dev/null | grep -c "newer than this worker's"
}
expect "a FastCGI worker logs the note in its first request's log, once" \
    "$(note_log) $(note_log)" "1 0"
kill "$(cat "$tmp/n.pid")" 2>/dev/null
expect "the current schema's file logs nothing" \
    "$(cgi_at "$tmp/good.db" /) $(wc -c <"$tmp/cgi.err")" "Status: 200 OK 0"
sqlite3 "$tmp/noschema.db" "CREATE TABLE t (x)"
expect "a SQLite file of no schema answers 503: not a quire database" \
    "$(cgi_at "$tmp/noschema.db" /) $(grep -c "not a quire database" "$tmp/cgi.err")" \
    "Status: 503 Service Unavailable 1"

report dbpath
