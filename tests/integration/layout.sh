#!/usr/bin/env bash
# Layout: the rows a worker reads in bulk lie packed in the file. A feed,
# the sitemap and every listing walk page_card, a tag's pages page_term;
# with their leaf pages half empty (an importer that grew the rows out of
# the tables' key order) the feed of a 1,000-post blog outgrew SQLite's
# page cache and each request read every card page from the file again.
# On bench/gen-blog.c's blog: an import leaves both tables' leaf pages
# well filled, so does an import that writes every entry again, and
# schema 022 packs a file an importer of schemas 019-021 left half empty
# without changing a row or an answer. Needs the sqlite3 command (its
# dbstat table). Closes with "layout: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin layout
posts=500
# A B-tree filled in key order keeps its leaves 80-90% full (the cards'
# entries vary in size); rows grown in scattered order leave them 40-65%.
min_fill=75

# fill DB TABLE: the percentage of the bytes of TABLE's leaf pages in use.
fill() {
	sqlite3 -readonly "$1" "SELECT CAST(100 - 100.0 * sum(unused) /
	    sum(pgsize) AS INTEGER) FROM dbstat WHERE name = '$2' AND
	    pagetype = 'leaf'" 2>&1
}
# packed DESC DB: one check per table, that its leaves are min_fill% full.
packed() {
	local t f
	for t in page_card page_term; do
		f=$(fill "$2" "$t")
		if [ -n "$f" ] && [ "$f" -eq "$f" ] 2>/dev/null &&
		    [ "$f" -ge "$min_fill" ]; then
			ok "$1: $t's leaf pages are $f% full"
		else
			not_ok "$1: $t's leaf pages are at least $min_fill% full" "$f"
		fi
	done
}
# rows DB: a digest of both tables' rows, in key order.
rows() {
	sqlite3 -readonly "$1" "SELECT * FROM page_card; SELECT * FROM
	    page_term" | sha256sum
}
get() {	# DB URI: the answer, less the headers that name the import
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET REQUEST_URI="$2" \
	    "$top/cgi-bin/quire.fcgi" | grep -av '^Date: \|^ETag: \|^Last-Modified: '
}

gcc -O2 -o "$tmp/gen-blog" "$top/bench/gen-blog.c" &&
    "$tmp/gen-blog" "$tmp/site" "$posts" 20240601 >"$tmp/site.info"
cond "gen-blog writes a $posts-post blog" "" $?
tag=$(sed -n 's/^tag=//p' "$tmp/site.info")
db=$tmp/blog.db

out=$("$top/quire" import -q --db "$db" "$tmp/site/content" 2>&1)
cond "the blog imports" "$out" $?
packed "a first import" "$db"

# Another baseURL: every page is read again and every entry rewritten.
out=$("$top/quire" import -q --db "$db" --base-url https://example.org/ \
    "$tmp/site/content" 2>&1)
cond "the blog imports again under another baseURL" "$out" $?
packed "an import that writes every entry again" "$db"
# And once more, now that the importer keeps a spare file beside the
# live one (publish.c) and may import into it.
out=$("$top/quire" import -q --db "$db" --base-url https://example.net/ \
    "$tmp/site/content" 2>&1)
cond "the blog imports a third time under a third baseURL" "$out" $?
packed "a third import" "$db"

# The file as an importer of schemas 019-021 wrote it: the rows inserted
# in file order without their entries, then each page's entries written
# in an order unrelated to the tables' keys.
old=$tmp/old.db
cp "$db" "$old"
sqlite3 "$old" "CREATE TABLE scratch_card AS SELECT * FROM page_card;
    CREATE TABLE scratch_term AS SELECT * FROM page_term;
    DELETE FROM page_card; DELETE FROM page_term;
    INSERT INTO page_card SELECT * FROM scratch_card ORDER BY page_id;
    INSERT INTO page_term SELECT * FROM scratch_term ORDER BY page_id, position;
    UPDATE page_card SET entry = NULL; UPDATE page_term SET entry = NULL" &&
sqlite3 -readonly "$old" "SELECT 'UPDATE page_card SET entry = (SELECT
    entry FROM scratch_card s WHERE s.page_id = ' || page_id || ') WHERE
    page_id = ' || page_id || '; UPDATE page_term SET entry = (SELECT
    entry FROM scratch_term s WHERE s.page_id = page_term.page_id AND
    s.term_id = page_term.term_id) WHERE page_id = ' || page_id || ';'
    FROM page_card ORDER BY (page_id * 2654435761) % 4294967296" |
    { echo 'BEGIN;'; cat; echo 'DROP TABLE scratch_card;
    DROP TABLE scratch_term; COMMIT;'; } | sqlite3 "$old"
cond "a file is written as the importers of 019-021 wrote it" "" $?
expect "its rows are the import's" "$(rows "$old")" "$(rows "$db")"
f=$(fill "$old" page_card)
[ -n "$f" ] && [ "$f" -lt 70 ] 2>/dev/null &&
    ok "its page_card's leaf pages are $f% full (the case 022 repairs)" ||
    not_ok "its page_card's leaf pages are less than 70% full" "$f"

before=$(get "$old" /index.xml | sha256sum)
sqlite3 "$old" <"$top"/schema/022-packed-cards.sql
cond "schema 022 applies" "" $?
packed "schema 022" "$old"
expect "schema 022 keeps every row" "$(rows "$old")" "$(rows "$db")"
expect "no card or term row drifted from its page" "$(card_drift "$old")" 0
expect "the feed is served as before 022" "$(get "$old" /index.xml | sha256sum)" \
    "$before"
expect "a tag's page is served as from the import" \
    "$(get "$old" "/tags/$tag/" | sha256sum)" "$(get "$db" "/tags/$tag/" | sha256sum)"
sqlite3 -readonly "$old" "PRAGMA integrity_check" >"$tmp/check" 2>&1
expect "the file's integrity check passes after 022" "$(cat "$tmp/check")" ok

report layout
