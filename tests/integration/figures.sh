#!/usr/bin/env bash
# What the importer stores for each page: URL, word count, reading time,
# truncation and summary, against Hugo 0.111's own for fixture sites
# whose settings or files change them (tests/golden/hugo-*.tsv, from
# tests/hugo/gen-golden.sh):
#   - cjk/: hasCJKLanguage in the config, isCJKLanguage in front matter,
#     a file holding kana only outside its body;
#   - unsafe/: raw HTML kept, so script and style content must not count;
#   - cjk/ again with summaryLength 12;
#   - ugly/: uglyURLs by section and for all (URLs and aliases);
#   - extensions/: .markdown and .mdown files are Markdown too; an HTML
#     content page is skipped with a warning naming it (Hugo renders it:
#     the one row left out of the comparison).
# Closes with "figures: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin figures

# stored DB: "file<TAB>url<TAB>words<TAB>minutes<TAB>truncated<TAB>summary",
# sorted; Hugo's regular pages, not the sections' own (_index) pages.
stored() {
	sqlite3 -readonly -separator $'\t' "$1" "SELECT p.source, p.url, c.words,
	    c.minutes, CASE c.truncated WHEN 1 THEN 'true' ELSE 'false' END,
	    replace(replace(c.summary, char(92), char(92, 92)), char(10), char(92, 110))
	    FROM page p JOIN page_card c ON c.page_id = p.id WHERE p.kind <> 2" |
	    LC_ALL=C sort
}
want() { tail -n +2 "$1" | grep -v '\.html	' | cut -f1-5,8 | LC_ALL=C sort; }

for site in cjk unsafe extensions; do
	db=$tmp/$site.db
	"$top/quire" import -q --db "$db" "$top/tests/hugo/$site" >"$tmp/log" 2>&1
	cond "$site/ imports" "$(cat "$tmp/log")" $?
	expect "$site/: every page's figures and summary are Hugo's" \
	    "$(stored "$db")" "$(want "$top/tests/golden/hugo-$site.tsv")"
done
# summaryLength (both of Hugo's cuts take it).
cat "$top/tests/hugo/cjk/hugo.yaml" "$top/tests/hugo/cjk/summary12.yaml" >"$tmp/s12.yaml"
"$top/quire" import -q --db "$tmp/s12.db" --config "$tmp/s12.yaml" \
    "$top/tests/hugo/cjk/content" >"$tmp/log" 2>&1
expect "summaryLength: every summary is Hugo's" "$(stored "$tmp/s12.db")" \
    "$(want "$top/tests/golden/hugo-cjk-summary12.tsv")"
"$top/quire" import --db "$tmp/x.db" "$top/tests/hugo/extensions" >"$tmp/log" 2>&1
expect_re "an HTML content page is skipped with a warning naming it" \
    "$(cat "$tmp/log")" 'warning: .*posts/raw\.html: HTML content, which Hugo renders but quire does not read'
expect "a file Hugo does not read (.MD) is not imported either" \
    "$(sqlite3 -readonly "$tmp/x.db" "SELECT count(*) FROM page WHERE source GLOB '*.MD'")" 0

# uglyURLs, by section and for every page (tests/golden/hugo-ugly*.tsv).
urls() { sqlite3 -readonly -separator $'\t' "$1" "SELECT source, url FROM page" | LC_ALL=C sort; }
want_urls() { tail -n +2 "$1" | cut -f1,2 | LC_ALL=C sort; }
"$top/quire" import -q --db "$tmp/u1.db" "$top/tests/hugo/ugly" >"$tmp/log" 2>&1
expect "uglyURLs by section: every page's URL is Hugo's" "$(urls "$tmp/u1.db")" \
    "$(want_urls "$top/tests/golden/hugo-ugly.tsv")"
expect "an alias stays /old/ then, as in Hugo" \
    "$(sqlite3 -readonly "$tmp/u1.db" 'SELECT path FROM alias')" "/old/"
expect "and the import follows it all (lists too: listkinds.sh)" \
    "$(grep -c 'uglyURLs' "$tmp/log")" 0
# (one file: hugo.yaml without its map, then ugly-all.yaml)
{ sed '/^uglyURLs:$/,/^  posts: true$/d' "$top/tests/hugo/ugly/hugo.yaml"
  cat "$top/tests/hugo/ugly/ugly-all.yaml"; } >"$tmp/all.yaml"
"$top/quire" import -q --db "$tmp/u2.db" --config "$tmp/all.yaml" \
    "$top/tests/hugo/ugly/content" >"$tmp/log" 2>&1
expect "uglyURLs: true: every page's URL is Hugo's" "$(urls "$tmp/u2.db")" \
    "$(want_urls "$top/tests/golden/hugo-ugly-all.tsv")"
expect "and the alias is /old.html, the file Hugo writes" \
    "$(sqlite3 -readonly "$tmp/u2.db" 'SELECT path FROM alias')" "/old.html"
expect_re "a page answers at its ugly URL" "$(env -i QUIRE_DB="$tmp/u2.db" \
    REQUEST_METHOD=GET REQUEST_URI=/posts/a.html "$top/cgi-bin/quire.fcgi" \
    </dev/null 2>/dev/null | head -n 1)" '^Status: 200'

report figures
