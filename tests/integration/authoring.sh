#!/usr/bin/env bash
# Authoring: quire import --watch and the progress line.
#   - --watch imports, then imports again after each burst of changes
#     under the paths (an edit shows on the next request; a new folder is
#     watched; a bad file prints FILE:LINE and keeps the last good
#     database live; the database's own files in the site folder are not
#     changes, so it does not import in a loop);
#   - on a terminal the import shows its phase and files read of total;
#     on a pipe, or with -q, it does not.
# Closes with "authoring: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin authoring
watcher=
suite_stop_extra() { [ -n "$watcher" ] && kill "$watcher" 2>/dev/null; wait 2>/dev/null; }

cp -r "$top/tests/hugo/sections" "$tmp/site"
db=$tmp/site/blog.db	# inside the watched site folder, on purpose
title() {
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$1" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null |
	    grep -o '<h1 class="post-title[^>]*>[^<]*' | sed 's/.*>//' | head -n 1
}
imports() { grep -c ' added, ' "$tmp/watch.log"; }
# wait_for N: until the log holds N import summaries or failures (5 s).
wait_for() {
	local i
	for i in $(seq 50); do
		[ "$(grep -c ' added, \|import failed' "$tmp/watch.log")" -ge "$1" ] && break
		sleep 0.1
	done
	sleep 0.3	# the watch line after it
}

"$top/quire" import --watch --db "$db" "$tmp/site" >"$tmp/watch.log" 2>&1 &
watcher=$!
wait_for 1
expect "the first import runs" "$(imports)" 1
expect "a post is served" "$(title /post/one/)" "Post one"
sleep 0.5
expect "its own database writes start no import" "$(imports)" 1

sed -i 's/title: "Post one"/title: "Post one, edited"/' "$tmp/site/content/post/one.md"
wait_for 2
expect "an edit shows on the next request" "$(title /post/one/)" "Post one, edited"
expect_re "the change is named" "$(cat "$tmp/watch.log")" 'post/one\.md changed'

printf -- '---\ntitle: "unclosed\n---\n' >"$tmp/site/content/post/bad.md"
wait_for 3
expect_re "a bad file is FILE:LINE" "$(cat "$tmp/watch.log")" 'post/bad\.md:[0-9]+: '
expect "the last good database stays live" "$(title /post/one/)" "Post one, edited"
if kill -0 "$watcher" 2>/dev/null; then ok "the watch goes on"; else not_ok "the watch goes on" "exited"; fi

rm "$tmp/site/content/post/bad.md"
wait_for 4
mkdir "$tmp/site/content/post/new"
sleep 0.5
printf -- '---\ntitle: "Brand new"\ndate: 2021-06-01\n---\nWords.\n' \
    >"$tmp/site/content/post/new/page.md"
wait_for 6
expect "a file in a new folder is imported" "$(title /post/new/page/)" "Brand new"
n=$(imports)
for f in a b c d e; do echo "x $f" >>"$tmp/site/content/zzz/a.md"; done
wait_for $((n + 1))
sleep 0.5
expect "a burst of saves is one import" "$(imports)" $((n + 1))
kill "$watcher"; wait "$watcher" 2>/dev/null; watcher=

# The progress line, on a terminal only (script(1) gives the import one).
script -qec "'$top/quire' import --db '$tmp/p.db' '$tmp/site'" /dev/null \
    >"$tmp/tty.out" 2>&1
shown=$(tr '\r' '\n' <"$tmp/tty.out")
files=$(find "$tmp/site/content" -name '*.md' | wc -l)
expect_re "a terminal shows files read of total" "$shown" "quire: reading $files/$files files"
expect_re "and the later phases" "$shown" 'quire: checking'
expect_re "then the summary on a clean line" "$shown" $'^\033\\[Kquire: .*p\\.db: [0-9]+ added'
"$top/quire" import --db "$tmp/p.db" "$tmp/site" >"$tmp/pipe.out" 2>&1
expect "a pipe gets no progress line" "$(grep -c 'reading\|'$'\r' "$tmp/pipe.out")" 0
script -qec "'$top/quire' import -q --db '$tmp/p.db' '$tmp/site'" /dev/null \
    >"$tmp/q.out" 2>&1
expect "-q shows nothing" "$(wc -c <"$tmp/q.out")" 0

report authoring
