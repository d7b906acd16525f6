#!/usr/bin/env bash
# Figures through the importer: each page's word count, reading time,
# truncation and summary as stored by `quire import`, against Hugo
# 0.111's own for the fixture sites whose settings change how they are
# counted (tests/golden/hugo-{cjk,unsafe}.tsv, from tests/hugo/gen-golden.sh):
#   - cjk/: hasCJKLanguage in the config, isCJKLanguage in front matter,
#     a file holding kana only outside its body;
#   - unsafe/: raw HTML kept, so script and style content must not count.
# Closes with "figures: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin figures

# stored DB: "file<TAB>words<TAB>minutes<TAB>truncated<TAB>summary", sorted.
stored() {
	sqlite3 -readonly -separator $'\t' "$1" "SELECT p.source, c.words,
	    c.minutes, CASE c.truncated WHEN 1 THEN 'true' ELSE 'false' END,
	    replace(replace(c.summary, char(92), char(92, 92)), char(10), char(92, 110))
	    FROM page p JOIN page_card c ON c.page_id = p.id" | LC_ALL=C sort
}
want() { tail -n +2 "$1" | cut -f1,3,4,5,8 | LC_ALL=C sort; }

for site in cjk unsafe; do
	db=$tmp/$site.db
	"$top/quire" import -q --db "$db" "$top/tests/hugo/$site" >"$tmp/log" 2>&1
	cond "$site/ imports" "$(cat "$tmp/log")" $?
	expect "$site/: every page's figures and summary are Hugo's" \
	    "$(stored "$db")" "$(want "$top/tests/golden/hugo-$site.tsv")"
done

report figures
