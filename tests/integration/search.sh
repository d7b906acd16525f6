#!/usr/bin/env bash
# Search: the worker's results against SQL that states them plainly, on a
# site bench/gen-blog.c writes (400 posts) plus hidden pages that match:
# the count is every visible matching page (FTS5 MATCH, then the
# visibility test on page), the order bm25(10, 5, 1), then newest, then
# the lowest id, and each snippet FTS5's snippet() of that page; any
# page number. Then the bound: a search that spends its CPU time
# (QUIRE_SEARCH_MS) answers a "refine your search" page, 200, logged,
# and the worker goes on answering. Closes with "search: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin search
worker=$top/cgi-bin/quire.fcgi
db=$tmp/site.db

gcc -O2 -o "$tmp/gen-blog" "$top/bench/gen-blog.c" ||
    { not_ok "bench/gen-blog.c builds" ""; report search; exit; }
"$tmp/gen-blog" "$tmp/site" 400 20240601 >/dev/null
# Pages that match "saffron" (and "the") best, by their title, and are
# never shown: a draft, a post published in 2999, one expired in 2001,
# and a section's own page.
hidden() {	# FILE FRONT-MATTER-LINE
	printf -- '---\ntitle: "Saffron Saffron Saffron"\ndate: 2020-01-01T00:00:00Z\n%s\n---\nThe saffron saffron the.\n' \
	    "$2" >"$tmp/site/content/$1"
}
hidden posts/hidden-draft.md 'draft: true'
hidden posts/hidden-future.md 'publishDate: 2999-01-01T00:00:00Z'
hidden posts/hidden-expired.md 'expiryDate: 2001-01-01T00:00:00Z'
hidden posts/_index.md 'tags: [saffron]'
out=$("$top/quire" import --db "$db" "$tmp/site/content" 2>&1)
cond "quire import of the generated site" "$out" $?

# search Q [PAGE] [VAR=VALUE...]: the worker as CGI; the answer in
# $tmp/out, its log in $tmp/err.
search() {
	local q=$1 pg=${2:-1}
	shift 2 2>/dev/null || shift $#
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET \
	    REQUEST_URI="/search/?q=$q&page=$pg" "$@" "$worker" \
	    >"$tmp/out" 2>"$tmp/err"
}
status() { sed -n '1s/\r$//p' "$tmp/out"; }
count() { sed -n 's/.*<p class="search-count">\([0-9]*\) result.*/\1/p' "$tmp/out"; }
urls() { grep -o 'class="entry-link"[^>]*href="[^"]*"' "$tmp/out" | sed 's/.*href="//; s/"$//'; }
# The snippets, one a line: the paragraph of each entry's content.
snippets() {
	awk '/<div class="entry-content">/ { on = 1; s = ""; next }
	    on && /<\/div>/ { print s; on = 0; next }
	    on { s = s (s == "" ? "" : "\\n") $0 }' "$tmp/out"
}

# The plain statements: every visible hit, ranked, and a page of them.
VISIBLE="p.lang = 'en' AND p.kind <> 2 AND p.draft = 0 AND
    p.publish_at <= CAST(strftime('%s', 'now') AS INTEGER) AND
    (p.expire_at IS NULL OR p.expire_at > CAST(strftime('%s', 'now') AS INTEGER))"
oracle_count() {	# FTS-QUERY
	sqlite3 -readonly "$db" "SELECT count(*) FROM page_fts JOIN page p ON
	    p.id = page_fts.rowid WHERE page_fts MATCH '$1' AND $VISIBLE"
}
oracle_page() {		# FTS-QUERY OFFSET: url TAB snippet, per hit
	sqlite3 -readonly -separator '	' "$db" "SELECT p.url,
	    replace(snippet(page_fts, 2, '<mark>', '</mark>', '…', 24),
	    char(10), '\\n') FROM page_fts JOIN page p ON p.id = page_fts.rowid
	    WHERE page_fts MATCH '$1' AND $VISIBLE ORDER BY
	    bm25(page_fts, 10.0, 5.0, 1.0), p.date DESC, p.id LIMIT 10 OFFSET $2"
}
# The snippet as the page writes it: HTML-escaped, <mark> kept.
escape() {
	sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g' \
	    -e "s/'/\\&#39;/g" -e 's/&lt;mark&gt;/<mark>/g; s/&lt;\/mark&gt;/<\/mark>/g' \
	    -e 's/^/<p>/; s/$/<\/p>/'
}

# q (as typed, URL-encoded) and its FTS5 query (db_fts_query()'s).
cases=(
	'the|"the"*' 'buffer|"buffer"*' 'latency+cache|"latency" "cache"*'
	'rust|"rust"*' 'saffron|"saffron"*' 'a%2A|"a*"' 'of+to|"of" "to"'
)
for c in "${cases[@]}"; do
	q=${c%%|*}
	fts=${c#*|}
	want=$(oracle_count "$fts")
	search "$q" 1
	expect "q=$q: the count is every visible matching page ($want)" \
	    "$(status) $(count)" "Status: 200 OK $want"
	last=$(( (want + 9) / 10 ))
	[ "$last" -lt 1 ] && last=1
	for pg in 1 2 $(( (last + 1) / 2 )) "$last"; do
		[ "$pg" -gt "$last" ] && continue
		search "$q" "$pg"
		oracle_page "$fts" $(( (pg - 1) * 10 )) >"$tmp/want"
		expect "q=$q page $pg: the hits in bm25 order, then newest, then id" \
		    "$(urls)" "$(cut -f1 "$tmp/want")"
		expect "q=$q page $pg: each hit's snippet is FTS5's" \
		    "$(snippets)" "$(cut -f2- "$tmp/want" | escape)"
	done
	search "$q" $((last + 1))
	expect "q=$q page $((last + 1)) (past the last) answers 404" \
	    "$(status)" "Status: 404 Not Found"
done
search saffron 1
expect "no hidden page (draft, future, expired, a section's) is among the hits" \
    "$(urls | grep -c hidden)" 0

# page_hit (schema 018): a row per page, each with its length in tokens
# (filled at the end of the import). With every length NULL, the worker
# asks FTS5 for each: the same pages come back, in the same order.
expect "page_hit holds one row per page, each with its length" \
    "$(sqlite3 -readonly "$db" "SELECT (SELECT count(*) FROM page) - count(*),
        count(*) - count(size) FROM page_hit")" "0|0"
cp "$db" "$tmp/nosize.db"
sqlite3 "$tmp/nosize.db" "UPDATE page_hit SET size = NULL"
for q in the latency+cache saffron; do
	search "$q" 2
	urls >"$tmp/with-size"
	env -i QUIRE_DB="$tmp/nosize.db" REQUEST_METHOD=GET \
	    REQUEST_URI="/search/?q=$q&page=2" "$worker" >"$tmp/out" 2>/dev/null
	expect "q=$q page 2: the lengths from FTS5's docsize give the same hits" \
	    "$(urls)" "$(cat "$tmp/with-size")"
done
# An edited post: its row in page_hit is counted again.
post=$tmp/site/content/posts/post-00007.md
printf '\nSaffron saffron saffron, saffron.\n' >>"$post"
sed -i 's/^date: .*/date: 2019-06-01T00:00:00Z/' "$post"
out=$("$top/quire" import --db "$db" "$tmp/site/content" 2>&1)
cond "a re-import after one post's edit" "$out" $?
expect "its page_hit row has the new date and a length again" \
    "$(sqlite3 -readonly "$db" "SELECT h.date = p.date, h.size IS NOT NULL
        FROM page_hit h JOIN page p ON p.id = h.id WHERE p.source LIKE
        '%post-00007.md'")" "1|1"
search saffron 1
oracle_page '"saffron"*' 0 >"$tmp/want"
expect "q=saffron after the edit: the hits in bm25 order, the edited post among them" \
    "$(urls) $(urls | grep -c post-00007)" "$(cut -f1 "$tmp/want") 1"

# The bound. 100 words (at most 256 characters): each a full scan of the
# index and, per hit, one more term to rank: hundreds of ms here, seconds
# on 10,000 posts.
words=$(printf 'a+%.0s' $(seq 99))a
search "$words" 1 QUIRE_SEARCH_MS=1
expect "a 100-word search over its CPU time (1 ms) answers 200" "$(status)" \
    "Status: 200 OK"
expect_re "and says: refine your search" "$(cat "$tmp/out")" \
    '<p class="search-count">This search takes too long to answer: refine your search'
expect "and lists no hit, no pagination" \
    "$(grep -c 'post-entry\|rel="next"' "$tmp/out")" 0
expect "and the form is there, with the words" \
    "$(grep -c '<form class="search-form"' "$tmp/out") $(grep -c 'value="a a a' "$tmp/out")" "1 1"
expect_re "and logs it" "$(cat "$tmp/err")" \
    '^quire: /search/\?q=a\+a.*: search stopped: it spent its CPU time \(QUIRE_SEARCH_MS\)$'
search "$words" 1 QUIRE_SEARCH_MS=60000
expect "the same 100 words with 60 s: answered (every post holds 'a')" \
    "$(status) $(count)" "Status: 200 OK $(oracle_count '"a"')"
search 'a%2A' 1 QUIRE_SEARCH_MS=60000
expect "a* with a budget of 60 s: answered" "$(count)" "$(oracle_count '"a*"')"
for bad in 0 -5 60001 x 12x; do
	search saffron 1 QUIRE_SEARCH_MS=$bad
	expect "QUIRE_SEARCH_MS=$bad is ignored (the default budget)" \
	    "$(count) $(wc -c <"$tmp/err" | tr -d ' ')" "$(oracle_count '"saffron"*') 0"
done

# Under FastCGI: a search stopped for its budget leaves the worker well
# (the next searches answer, in full), and the log is on the error stream.
QUIRE_DB=$db QUIRE_SEARCH_MS=30 spawn-fcgi -s "$tmp/w.sock" -P "$tmp/w.pid" \
    -- "$worker" >/dev/null 2>"$tmp/spawn.err" ||
    not_ok "spawn-fcgi starts the worker" "$(cat "$tmp/spawn.err")"
runs_pid=$(cat "$tmp/w.pid" 2>/dev/null)
suite_stop_extra() { [ -n "${runs_pid:-}" ] && kill "$runs_pid" 2>/dev/null; }
i=0
while [ ! -S "$tmp/w.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fcgi_search() {	# Q
	env -i REQUEST_METHOD=GET REQUEST_URI="/search/?q=$1" QUERY_STRING="q=$1" \
	    SERVER_NAME=localhost SERVER_PORT=80 \
	    timeout 30 cgi-fcgi -bind -connect "$tmp/w.sock" >"$tmp/out" 2>"$tmp/err"
}
fcgi_search "$(printf 'the+%.0s' $(seq 63))the"
expect_re "FastCGI: 64 x 'the' past 30 ms of CPU: the refine page" \
    "$(status) $(grep -c 'refine your search' "$tmp/out")" '^Status: 200 OK 1$'
expect_re "FastCGI: logged on the error stream" "$(cat "$tmp/err")" \
    'search stopped: it spent its CPU time'
fcgi_search saffron
expect "FastCGI: the same worker then answers a search in full" \
    "$(status) $(count) $(wc -c <"$tmp/err" | tr -d ' ')" \
    "Status: 200 OK $(oracle_count '"saffron"*') 0"
expect "FastCGI: still the one worker" "$(kill -0 "$runs_pid" 2>&1 && echo alive)" alive

report search
