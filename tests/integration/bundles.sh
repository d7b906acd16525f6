#!/usr/bin/env bash
# Leaf bundles, against Hugo 0.111's own answer for the fixture
# tests/hugo/bundles (tests/golden/hugo-bundles.tsv, written by
# tests/hugo/gen-golden.sh): a folder holding index.md (or index.html, or
# a language's index.CODE.md) is one page, and every other file and folder
# in it, Markdown included, is a resource of that page, not a page.
# Closes with "bundles: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin bundles

site=$top/tests/hugo/bundles
db=$tmp/b.db
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the fixture imports" $? "$tmp/log"
expect "the pages are Hugo's, at Hugo's URLs (a bundle's other files are none)" \
    "$(sqlite3 -readonly -separator $'\t' "$db" "SELECT source, url FROM page
        WHERE kind <> 2" | LC_ALL=C sort)" \
    "$(tail -n +2 "$top/tests/golden/hugo-bundles.tsv" | LC_ALL=C sort)"
expect "a bundle's resources raise no warning" "$(grep -c 'trip/notes\|tour/extra' "$tmp/log")" 0
code=$(env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI=/posts/trip/notes/ \
    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | sed -n '1s/\r$//p')
expect "a resource's would-be URL answers 404" "$code" "Status: 404 Not Found"
report bundles
