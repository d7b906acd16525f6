#!/usr/bin/env bash
# Faults: imports killed with SIGKILL at random points leave the live
# database intact and holding exactly the old or the new content, while a
# worker keeps answering; then a bounded load (wrk, 64 connections) on
# nginx + spawn-fcgi while imports run: no 5xx, no socket error, no worker
# restart. Closes with "faults: N passed, M failed".
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-faults.XXXXXX")
run=$tmp/run
cleanup() {
	sh "$top/scripts/serve.sh" stop "$run" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
KILLS=${QUIRE_FAULT_KILLS:-25}
LOAD_SECONDS=${QUIRE_LOAD_SECONDS:-15}

# Two versions of a 300-post site: B changes every post of A.
mkdir -p "$tmp/a/content/posts" "$tmp/b/content/posts"
i=0
while [ $i -lt 300 ]; do
	for v in a b; do
		{
			printf -- '---\ntitle: "Post %d (%s)"\ndate: 2024-01-%02dT10:00:00Z\ntags: [t%d, %s]\n---\n' \
			    $i $v $((i % 28 + 1)) $((i % 7)) $v
			j=0
			while [ $j -lt 30 ]; do
				printf 'Paragraph %d of post %d, version %s: some words to count and index.\n\n' $j $i $v
				j=$((j + 1))
			done
		} >"$tmp/$v/content/posts/p$i.md"
	done
	i=$((i + 1))
done
fingerprint() {
	sqlite3 -readonly "$1" "SELECT count(*) || ':' || (SELECT group_concat(source || '=' || hash, ',') FROM (SELECT source, hash FROM page ORDER BY source)) FROM page" 2>&1 | sha256sum | cut -c1-16
}
db=$tmp/live.db
"$top/quire" import -q --db "$db" "$tmp/b/content" 2>/dev/null
fp_b=$(fingerprint "$db")
rm -f "$db"
"$top/quire" import -q --db "$db" "$tmp/a/content" 2>/dev/null
fp_a=$(fingerprint "$db")
[ "$fp_a" != "$fp_b" ] && ok "the two versions differ" || not_ok "the two versions differ" "$fp_a"

sh "$top/scripts/serve.sh" start "$run" 0 "$db" || not_ok "servers start" "see $run"
port=$(cat "$run/port")
pids_before=$(cat "$run/quire.pids" | tr '\n' ' ')

# Kill imports at random points; after each, check the live file.
bad_state=""
bad_http=""
killed=0
k=0
while [ $k -lt "$KILLS" ]; do
	src=$tmp/b/content
	[ $((k % 2)) = 1 ] && src=$tmp/a/content
	"$top/quire" import -q --db "$db" "$src" 2>/dev/null &
	imp=$!
	# Somewhere in 0-90 ms: an import of this site takes about 100 ms,
	# from the copy to the rename.
	sleep "0.$(printf '%03d' $(( $(od -An -N2 -tu2 /dev/urandom) % 90 )))"
	if kill -KILL "$imp" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$imp" 2>/dev/null
	check=$(sqlite3 -readonly "$db" 'PRAGMA integrity_check' 2>&1)
	fp=$(fingerprint "$db")
	if [ "$check" != ok ] || { [ "$fp" != "$fp_a" ] && [ "$fp" != "$fp_b" ]; }; then
		bad_state="$bad_state [kill $k: $check $fp]"
	fi
	code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")
	[ "$code" = 200 ] || bad_http="$bad_http [$k:$code]"
	k=$((k + 1))
done
expect "after $KILLS SIGKILLed imports ($killed killed mid-way) the database passes integrity_check and holds A or B exactly" "$bad_state" ""
expect "the worker answered 200 after every one" "$bad_http" ""
# The next import cleans the killed one's working copy and completes.
"$top/quire" import -q --db "$db" "$tmp/a/content" 2>/dev/null
expect "a clean import after the kills gives A" "$(fingerprint "$db")" "$fp_a"
# Every post's title and tags changed between A and B, and back.
expect "each listing card and term row matches its page after imports of A over B" "$(card_drift "$db")" 0
cp -r "$tmp/a" "$tmp/a2"
rm -f "$tmp/a2/content/posts/p9.md"
sed -i 's/^title: .*/title: "Retitled"/; s/^date: .*/date: 2023-05-05T10:00:00Z/' "$tmp/a2/content/posts/p8.md"
"$top/quire" import -q --db "$db" "$tmp/a2/content" 2>/dev/null
expect "and after a post is removed and another retitled and redated" "$(card_drift "$db")" 0
"$top/quire" import -q --db "$db" "$tmp/a/content" 2>/dev/null
# Related posts (ranked by the importer, src/related.c) against their definition,
# written here as SQL, on a post of each tag, after all those imports.
related_drift=""
for i in 0 1 2 3 4 5 6 150 299; do
	want=$(sqlite3 -readonly "$db" "SELECT c.url FROM (SELECT t.page_id,
	    count(*) AS shared, t.date, t.title, t.source FROM page_term a
	    JOIN page_term t ON t.term_id = a.term_id AND t.page_id <> a.page_id
	    JOIN page p ON p.id = a.page_id WHERE p.source = 'posts/p$i.md'
	    GROUP BY t.page_id ORDER BY shared DESC, t.date DESC, t.title,
	    t.source LIMIT 5) r JOIN page_card c ON c.page_id = r.page_id
	    ORDER BY r.shared DESC, r.date DESC, r.title, r.source" | tr '\n' ' ')
	got=$(curl -s "http://127.0.0.1:$port/posts/p$i/" | sed -n '/related-posts/,/<\/ul>/p' |
	    grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//; s|^https\{0,1\}://[^/]*||' | tr '\n' ' ')
	[ -n "$want" ] && [ "$want" = "$got" ] || related_drift="$related_drift [p$i: want $want got $got]"
	# As plain CGI too.
	got=$(env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="/posts/p$i/" \
	    "$top/cgi-bin/quire.fcgi" | sed -n '/related-posts/,/<\/ul>/p' |
	    grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//; s|^https\{0,1\}://[^/]*||' | tr '\n' ' ')
	[ "$want" = "$got" ] || related_drift="$related_drift [CGI p$i: want $want got $got]"
done
expect "related posts rank as the SQL reference does, under FastCGI and CGI" "$related_drift" ""
# The importer rewrites only the lists that changed (and none when what
# ranks them did not): after all those imports they are a fresh import's.
"$top/quire" import -q --db "$tmp/fresh.db" "$tmp/a/content" 2>/dev/null
related_rows() { sqlite3 -readonly "$1" "SELECT p.source, r.rank, c.source, r.url,
    r.title FROM page_related r JOIN page p ON p.id = r.page_id JOIN page c ON
    c.id = r.related_id ORDER BY 1, 2" | md5sum; }
expect "the stored related lists equal a fresh import's" "$(related_rows "$db")" \
    "$(related_rows "$tmp/fresh.db")"
expect "and leaves beside it only its lock, the spare and the spare's recorded changes" \
    "$(cd "$tmp" && ls -d live.db?* | tr '\n' ' ')" "live.db.changes live.db.lock live.db.spare "
# The spare (publish.h) is the live file one import behind: after an
# import that rewrites every post (and so the search index) and then an
# unchanged one, the spare replayed the first and differs from the live
# file by the second's stamp alone.
"$top/quire" import -q --db "$db" "$tmp/b/content" 2>/dev/null
"$top/quire" import -q --db "$db" "$tmp/b/content" 2>/dev/null
content_rows() {
	sqlite3 -readonly "$1" .dump |
	    grep -Ev "^INSERT INTO site VALUES\('(version|imported_at|generation)'" | md5sum
}
expect "after a rewrite and an unchanged import the spare holds the live file's rows, replayed" \
    "$(content_rows "$db.spare")" "$(content_rows "$db")"
cp "$db.spare" "$tmp/spare-check.db"
expect "and the spare's search index passes FTS5's integrity-check" \
    "$(sqlite3 "$tmp/spare-check.db" "INSERT INTO page_fts (page_fts) VALUES ('integrity-check')" 2>&1)" ""
rm -f "$tmp/spare-check.db"
"$top/quire" import -q --db "$db" "$tmp/a/content" 2>/dev/null
# A live file changed by other means than an import (sqlite3 here) is not
# the one the recorded changes made: the next import copies it, keeping
# the change, as an import over the live file would.
sqlite3 "$db" "UPDATE page SET title = 'Changed by hand' WHERE source = 'posts/p1.md'"
"$top/quire" import -q --db "$db" "$tmp/a/content" 2>/dev/null
expect "a database changed by hand is copied, not replayed over" \
    "$(sqlite3 -readonly "$db" "SELECT title FROM page WHERE source = 'posts/p1.md'")" "Changed by hand"
# An empty file made ready for the database (its owner and mode chosen)
# is imported into, as before the spare.
install -m 640 /dev/null "$tmp/ready.db"
"$top/quire" import -q --db "$tmp/ready.db" "$tmp/a/content" 2>"$tmp/ready.err"
expect "an empty file made ready for the database is imported into" \
    "$?:$(fingerprint "$tmp/ready.db"):$(stat -c %a "$tmp/ready.db")" "0:$fp_a:640"
# A reader on the previous file holds it shared for each request (db.c),
# as flock -s does here: the import waits for a short hold and then
# writes that file in place ...
ino_spare=$(stat -c %i "$db.spare")
flock -s "$db.spare" sleep 1 &
holder=$!
sleep 0.2
"$top/quire" import --db "$db" "$tmp/b/content" >/dev/null 2>"$tmp/wait.err"
wait "$holder"
expect "an import waits for a reader's short hold on the spare, then updates it in place" \
    "$(grep -c 'copying' "$tmp/wait.err"):$(stat -c %i "$db"):$(fingerprint "$db")" "0:$ino_spare:$fp_b"
# ... and copies the live file instead when the hold outlasts its wait,
# leaving the reader's file as it was.
ln "$db.spare" "$tmp/held"
sum_held=$(sha256sum <"$tmp/held")
flock -s "$tmp/held" sleep 6 &
holder=$!
sleep 0.2
"$top/quire" import --db "$db" "$tmp/a/content" >/dev/null 2>"$tmp/held.err"
expect "an import meeting a reader that keeps the spare copies the live file instead" \
    "$(grep -c 'copying the live database (a reader kept the spare open)' "$tmp/held.err"):$(fingerprint "$db")" "1:$fp_a"
expect "and the reader's file is as it was" "$(sha256sum <"$tmp/held")" "$sum_held"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
rm -f "$tmp/held"

# Load while importing.
if command -v wrk >/dev/null 2>&1; then
	(
		end=$(( $(date +%s) + LOAD_SECONDS ))
		v=b
		while [ "$(date +%s)" -lt "$end" ]; do
			"$top/quire" import -q --db "$db" "$tmp/$v/content" 2>/dev/null
			[ $v = b ] && v=a || v=b
		done
	) &
	importer=$!
	wrk -t2 -c64 -d"${LOAD_SECONDS}s" --latency "http://127.0.0.1:$port/" >"$tmp/wrk.txt" 2>&1
	wrk -t1 -c8 -d2s "http://127.0.0.1:$port/posts/p7/" >"$tmp/wrk2.txt" 2>&1
	wait "$importer"
	reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk.txt")
	echo "# wrk: $(grep -E 'requests in|Requests/sec' "$tmp/wrk.txt" | tr -s ' ' | tr '\n' ' ')"
	[ "${reqs:-0}" -gt 0 ] && ok "wrk sent $reqs requests in ${LOAD_SECONDS}s during imports" ||
	    not_ok "wrk sent requests" "$(cat "$tmp/wrk.txt")"
	expect "no non-2xx/3xx answer under load" \
	    "$(grep -h 'Non-2xx' "$tmp/wrk.txt" "$tmp/wrk2.txt")" ""
	expect "no socket error (connect, read, write, timeout) under load" \
	    "$(grep -h 'Socket errors' "$tmp/wrk.txt" "$tmp/wrk2.txt")" ""
	alive=""
	for p in $pids_before; do
		kill -0 "$p" 2>/dev/null || alive="$alive $p"
	done
	expect "no worker restarted (the same pids: $pids_before)" "$alive" ""
	expect "no 5xx in nginx's log" "$(awk '$9 ~ /^5/' "$run/nginx-access.log" | head -n 3)" ""
else
	not_ok "wrk is installed" "missing"
fi

echo "faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
