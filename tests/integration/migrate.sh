#!/usr/bin/env bash
# Migrate: a database an older quire wrote (tests/fixtures/migrate/v6.sql,
# schema 6) is migrated by today's `quire import` of the same content:
# nothing is re-imported, the schema is the newest, no listing row drifted
# from its page, and every page is served byte for byte as from a fresh
# import (the worker as CGI). Closes with "migrate: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin migrate
fixture=$top/tests/fixtures/migrate
old=$tmp/old.db
fresh=$tmp/fresh.db
nschema=$(ls "$top"/schema/[0-9]*.sql | wc -l)

sqlite3 "$old" <"$fixture/v6.sql"
expect "the fixture restores at schema 6" \
    "$(sqlite3 -readonly "$old" 'PRAGMA user_version')" 6
pages=$(sqlite3 -readonly "$old" 'SELECT count(*) FROM page')

out=$("$top/quire" import --db "$old" --config "$fixture/hugo.yaml" \
    "$fixture/content" 2>&1)
cond "the import migrates the old database" "$out" $?
expect "every page came through the migration, none re-imported" "$out" \
    "quire: $old: 0 added, 0 updated, $pages unchanged, 0 removed, 0 other files skipped"
expect "the migrated database is at the newest schema" \
    "$(sqlite3 -readonly "$old" 'PRAGMA user_version')" "$nschema"
expect "no listing card or term row drifted from its page" \
    "$(card_drift "$old")" 0

"$top/quire" import -q --db "$fresh" --config "$fixture/hugo.yaml" \
    "$fixture/content"
# The listing rows themselves, matched by file (ids may differ).
rows() {
	sqlite3 -readonly "$1" "SELECT p.source, hex(c.entry) FROM page_card c
	    JOIN page p ON p.id = c.page_id ORDER BY 1;
	    SELECT p.source, m.slug, t.position, hex(t.entry) FROM page_term t
	    JOIN page p ON p.id = t.page_id JOIN term m ON m.id = t.term_id
	    ORDER BY 1, 2" | sha256sum
}
expect "its listing entries are those of a fresh import" "$(rows "$old")" \
    "$(rows "$fresh")"

get() {	# DB URI: the answer, less the headers that name the import
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET \
	    REQUEST_URI="$2" "$top/cgi-bin/quire.fcgi" |
	    grep -av '^Date: \|^ETag: \|^Last-Modified: '
}
base=/blog
urls=$(get "$fresh" "$base/sitemap.xml" | grep -o '<loc>[^<]*' |
    sed 's|<loc>https://[^/]*||')
n=0
differ=""
for u in $urls "$base/" "$base/page/2/" "$base/posts/page/2/" \
    "$base/index.xml" "$base/posts/index.xml" "$base/tags/" \
    "$base/categories/" "$base/tags/c/index.xml" "$base/tags/c/page/2/" \
    "$base/archives/" "$base/sitemap.xml" "$base/search/?q=sqlite" \
    "$base/search/?q=sqlite&page=2" "$base/search/?q=%C3%BCn%C3%AFc%C3%B6d%C3%A9" \
    "$base/posts/future-post/" "$base/posts/a-draft/"; do
	n=$((n + 1))
	cmp -s <(get "$old" "$u") <(get "$fresh" "$u") || differ="$differ $u"
done
expect "$n pages are served alike from the migrated and a fresh database" \
    "${differ:-none}" none
[ "$n" -gt 30 ] && ok "the sitemap lists the pages compared ($n)" ||
    not_ok "the sitemap lists the pages compared" "$n"

report migrate
