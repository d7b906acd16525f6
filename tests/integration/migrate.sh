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
# The fixture's pages were stored under import rules 2; any later rules
# (3: Hugo's URLs for odd file names and every permalink attribute; 4:
# Go's stripTags for plain text) read each again.
expect "every page came through the migration, read again under today's rules" \
    "$(printf '%s\n' "$out" | head -n 1)" \
    "quire: $old: 0 added, $pages updated, 0 unchanged, 0 removed, 0 other files skipped"
expect "the migrated database is at the newest schema" \
    "$(sqlite3 -readonly "$old" 'PRAGMA user_version')" "$nschema"
expect "no listing card or term row drifted from its page" \
    "$(card_drift "$old")" 0
expect "its pages are 8 KiB, the size a card and its entry fit (009)" \
    "$(sqlite3 -readonly "$old" 'PRAGMA page_size')" 8192
expect "its pages, cards and term rows are of the default language (010)" \
    "$(sqlite3 -readonly "$old" "SELECT group_concat(DISTINCT lang) FROM
     (SELECT lang FROM page UNION ALL SELECT lang FROM page_card UNION ALL
     SELECT lang FROM page_term)")" en

"$top/quire" import -q --db "$fresh" --config "$fixture/hugo.yaml" \
    "$fixture/content"
# The listing rows themselves, matched by file (ids may differ): each
# entry column (schema 008) and the entry's markup (009), quoted so that
# a type shows.
entry='quote(url), quote(title), quote(author), quote(summary),
    quote(has_date), quote(date), quote(date_offset), quote(truncated),
    quote(words), quote(minutes), quote(entry)'
rows() {
	sqlite3 -readonly "$1" "SELECT p.source, c.* FROM (SELECT page_id,
	    $entry FROM page_card) c JOIN page p ON p.id = c.page_id ORDER BY 1;
	    SELECT p.source, t.* FROM (SELECT page_id, taxonomy, slug,
	    position, $entry FROM page_term JOIN term ON term.id = term_id) t
	    JOIN page p ON p.id = t.page_id ORDER BY 1, 3, 4" | sha256sum
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

# Schema 7 packed an entry into one value (page_card.entry); 008 takes it
# apart. A database at 7 (the fixture with 007 applied as the importer
# applies it) migrates to the same rows; one whose entry is damaged stops
# the import, which leaves the file as it was, rather than list a post
# with empty fields.
v7=$tmp/v7.db
sqlite3 "$v7" <"$fixture/v6.sql"
sqlite3 "$v7" <"$top/schema/007-card-entry.sql"
sqlite3 "$v7" 'PRAGMA user_version = 7'
cp "$v7" "$tmp/v7-damaged.db"
out=$("$top/quire" import --db "$v7" --config "$fixture/hugo.yaml" \
    "$fixture/content" 2>&1)
expect "a schema-7 database migrates, its pages read again under today's rules" \
    "$(printf '%s\n' "$out" | head -n 1)" \
    "quire: $v7: 0 added, $pages updated, 0 unchanged, 0 removed, 0 other files skipped"
expect "its listing entries are those of a fresh import" "$(rows "$v7")" \
    "$(rows "$fresh")"
v7=$tmp/v7-damaged.db
sqlite3 "$v7" "UPDATE page_card SET entry = CAST(url || char(0) || title ||
    char(0) || 'no more fields' AS BLOB) WHERE source = 'posts/unicode.md'"
sum=$(sha256sum <"$v7")
out=$("$top/quire" import --db "$v7" --config "$fixture/hugo.yaml" \
    "$fixture/content" 2>&1)
st=$?
expect_re "a damaged schema-7 entry stops the migration" "$st $out" \
    '^1 .*NOT NULL constraint failed: page_card_columns.summary'
expect "and leaves the database as it was" "$(sha256sum <"$v7")" "$sum"

# A tag of dots only, which older imports stored, is gone after 008.
v7=$tmp/v7-dots.db
sqlite3 "$v7" <"$fixture/v6.sql"
sqlite3 "$v7" <"$top/schema/007-card-entry.sql"
sqlite3 "$v7" "PRAGMA user_version = 7; INSERT INTO term (taxonomy, slug,
    name) VALUES ('tags', '.', '.'); CREATE TEMP TABLE one AS SELECT * FROM
    page_term LIMIT 1; UPDATE one SET term_id = (SELECT id FROM term WHERE
    slug = '.'), position = 99; INSERT INTO page_term SELECT * FROM one"
expect "the schema-7 fixture holds a tag '.'" "$(sqlite3 -readonly "$v7" \
    "SELECT count(*) FROM term t JOIN page_term p ON p.term_id = t.id
    WHERE t.slug = '.'")" 1
"$top/quire" import -q --db "$v7" --config "$fixture/hugo.yaml" \
    "$fixture/content" >/dev/null 2>&1
expect "migrating it to 008 drops the tag and its rows" \
    "$(sqlite3 -readonly "$v7" "SELECT (SELECT count(*) FROM term WHERE
    slug = '.') + (SELECT count(*) FROM page_term WHERE position = 99)")" 0

# A NULL where schema 008 forbids one (a file damaged outside quire: the
# constraint lifted through writable_schema) answers 503 with a log line
# naming the column, not a list (the archives) with an empty summary.
bad=$tmp/null.db
cp "$fresh" "$bad"
sqlite3 "$bad" "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql =
    replace(sql, 'summary TEXT NOT NULL', 'summary TEXT') WHERE name =
    'page_card'; PRAGMA writable_schema = OFF;" &&
    sqlite3 "$bad" "UPDATE page_card SET summary = NULL WHERE source =
    'posts/unicode.md'"
expect "the damaged row holds a NULL summary" "$(sqlite3 -readonly "$bad" \
    "SELECT count(*) FROM page_card WHERE summary IS NULL")" 1
answer=$(env -i QUIRE_SECCOMP=0 QUIRE_DB="$bad" REQUEST_METHOD=GET \
    REQUEST_URI="$base/archives/" "$top/cgi-bin/quire.fcgi" 2>"$tmp/null.log" | tr -d "\r" |
    head -n 1)
expect "a list holding it answers 503" "$answer" "Status: 503 Service Unavailable"
expect_re "and logs the column" "$(cat "$tmp/null.log")" \
    '503 database error on .*column summary is NULL'

# A card whose entry is gone (only a file damaged outside quire) is a
# 503 naming the table, not a listing without that post.
bad=$tmp/noentry.db
cp "$fresh" "$bad"
sqlite3 "$bad" "UPDATE page_card SET entry = NULL WHERE source =
    'posts/unicode.md'"
answer=$(env -i QUIRE_DB="$bad" REQUEST_METHOD=GET REQUEST_URI="$base/" \
    "$top/cgi-bin/quire.fcgi" 2>"$tmp/noentry.log" | tr -d "\r" | head -n 1)
expect "a listing missing an entry answers 503" "$answer" \
    "Status: 503 Service Unavailable"
expect_re "and logs what is missing" "$(cat "$tmp/noentry.log")" \
    '503 database error on .*no entry \(column entry is NULL\)'
# The next import writes it again.
"$top/quire" import -q --db "$bad" --config "$fixture/hugo.yaml" \
    "$fixture/content" >/dev/null 2>&1
expect "and the next import writes it again" "$(card_drift "$bad")" 0

# Entries follow the settings they were written with: importing one file
# under another base URL rewrites every entry, not only that file's.
moved=$tmp/moved.db
cp "$fresh" "$moved"
"$top/quire" import -q --db "$moved" --config "$fixture/hugo.yaml" \
    --base-url https://elsewhere.example.org/notes/ \
    "$fixture/content/posts/unicode.md" >/dev/null 2>&1
expect "after a single-file import under a new base URL, no entry links the old one" \
    "$(sqlite3 -readonly "$moved" "SELECT count(*) FROM page_card WHERE
    instr(entry, 'href=\"/blog/') > 0")" 0
expect "and every entry links the new one" \
    "$(sqlite3 -readonly "$moved" "SELECT count(*) = (SELECT count(*) FROM
    page_card) FROM page_card WHERE instr(entry, 'href=\"/notes/') > 0")" 1

report migrate
