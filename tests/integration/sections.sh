#!/usr/bin/env bash
# Sections: which pages are posts (listed on the home page) and where a
# site's folder is read from, against Hugo 0.111's own answers for the
# fixture tests/hugo/sections (tests/golden/hugo-sections*.tsv, written by
# tests/hugo/gen-golden.sh):
#   - with no mainSections, the top-level section with the most published
#     pages (drafts, future and expired pages not counted; a tie goes to
#     the first name), counting pages kept from earlier imports too;
#   - params.mainSections, one name or a list; the root-level key newer
#     Hugo reads is taken too (params wins);
#   - a PATH that is a site's folder (holding content/) reads its content/
#     and its config;
#   - every page shows PaperMod's meta line (date, reading time, words),
#     not only posts.
# Closes with "sections: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin sections

site=$top/tests/hugo/sections
golden=$top/tests/golden

# kinds DB: "file<TAB>main<TAB>url" for the pages Hugo publishes (main is
# 1 for a post), sorted as the golden rows are.
kinds() {
	sqlite3 -readonly -separator $'\t' "$1" \
	    "SELECT source, CASE kind WHEN 0 THEN 1 ELSE 0 END, url FROM page
	     WHERE draft = 0 AND kind <> 2 AND source NOT IN ('notes/later.md', 'notes/gone.md')" |
	    LC_ALL=C sort
}
# want TSV: the same three columns of a golden file.
want() { tail -n +2 "$1" | cut -f1,3,4 | LC_ALL=C sort; }
# sections DB: "file<TAB>section" for the same pages ("" at the root).
sections() {
	sqlite3 -readonly -separator $'\t' "$1" \
	    "SELECT p.source, coalesce((SELECT t.slug FROM page_term pt JOIN
	     term t ON t.id = pt.term_id WHERE pt.page_id = p.id AND
	     t.taxonomy = '/'), '') FROM page p
	     WHERE draft = 0 AND kind <> 2 AND source NOT IN ('notes/later.md', 'notes/gone.md')" |
	    LC_ALL=C sort
}
cgi() {
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET REQUEST_URI="$2" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null
}
stored() { sqlite3 -readonly "$1" "SELECT value FROM site WHERE key = 'mainSections'"; }

# 1. The site's folder as PATH, its config found beside content/.
db=$tmp/a.db
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "a site's folder imports" $? "$tmp/log"
expect "the folder's config is read (no --base-url warning)" \
    "$(grep -c 'no site configuration' "$tmp/log")" 0
expect "Hugo's default main section: the most published pages, first by name" \
    "$(stored "$db")" post
expect "every page a post exactly when Hugo's mainSections holds it" \
    "$(kinds "$db")" "$(want "$golden/hugo-sections.tsv")"
expect "every page in Hugo's section (a top-level leaf bundle at the root)" \
    "$(sections "$db")" "$(tail -n +2 "$golden/hugo-sections.tsv" | cut -f1,2 | LC_ALL=C sort)"
home=$(cgi "$db" /)
expect_re "the home page lists a nested post" "$home" 'href="/post/2020/three/"'
if printf '%s' "$home" | grep -q 'href="/zzz/a/"'; then
	not_ok "the home page leaves other sections out" "$home"
else
	ok "the home page leaves other sections out"
fi
expect_re "the main section's listing is at its name" \
    "$(cgi "$db" /post/ | head -n 1)" '^Status: 200'

about=$(cgi "$db" /about/)
expect_re "a page outside the main sections shows its reading time and words" \
    "$(printf '%s' "$about" | grep -o '<div class="post-meta">.*</div>')" \
    '1 min.*;4 words'
expect_re "and so does a post of another section" \
    "$(cgi "$db" /zzz/a/ | grep -o '<div class="post-meta">.*</div>')" \
    'January 5, 2021.*;5 words'

# 2. One file again: the sections of the pages kept still count.
"$top/quire" import --db "$db" "$site/content/zzz/a.md" >"$tmp/log" 2>&1
cond_rc "one file imports" $? "$tmp/log"
expect "the kept pages still count" "$(stored "$db")" post

# 3. A publication tips the balance: a fifth page in zzz/.
cp -r "$site" "$tmp/site"
printf -- '---\ntitle: "Z e"\ndate: 2021-01-09\n---\nWords.\n' \
    >"$tmp/site/content/zzz/e.md"
"$top/quire" import --db "$db" "$tmp/site" >"$tmp/log" 2>&1
cond_rc "the grown site imports" $? "$tmp/log"
expect "the section with most pages now is the main one" "$(stored "$db")" zzz
expect "its pages are posts now" \
    "$(sqlite3 -readonly "$db" "SELECT group_concat(kind) FROM (SELECT kind
	FROM page WHERE (source LIKE 'zzz/%' OR source LIKE 'post/%') AND kind <> 2
	ORDER BY source)")" \
    "1,1,1,1,0,0,0,0,0"

# 4. params.mainSections names them.
cat "$site/hugo.yaml" "$site/main-notes.yaml" >"$tmp/named.yaml"
db=$tmp/b.db
"$top/quire" import --db "$db" --config "$tmp/named.yaml" "$site/content" \
    >"$tmp/log" 2>&1
cond_rc "a site naming its main sections imports" $? "$tmp/log"
expect "params.mainSections' pages are the posts" \
    "$(kinds "$db")" "$(want "$golden/hugo-sections-named.tsv")"
expect "the first named is the one listed at its name" "$(stored "$db")" notes

# 5. The root-level key (Hugo 0.112 and later), and params over it.
{ cat "$site/hugo.yaml"; echo 'mainSections: zzz'; } >"$tmp/root.yaml"
"$top/quire" import --db "$db" --config "$tmp/root.yaml" "$site/content" \
    >"$tmp/log" 2>&1
expect "a root-level mainSections is read" "$(stored "$db")" zzz
{ cat "$tmp/named.yaml"; echo 'mainSections: zzz'; } >"$tmp/both.yaml"
"$top/quire" import --db "$db" --config "$tmp/both.yaml" "$site/content" \
    >"$tmp/log" 2>&1
expect "params.mainSections wins over the root-level key" "$(stored "$db")" notes
{ cat "$site/hugo.yaml"; printf 'params:\n  mainSections: {a: b}\n'; } >"$tmp/bad.yaml"
"$top/quire" import --db "$db" --config "$tmp/bad.yaml" "$site/content" \
    >"$tmp/log" 2>&1
expect "a map is refused" "$?" 1
expect_re "with the file and line" "$(cat "$tmp/log")" 'bad\.yaml:[0-9]+: .params\.mainSections. must be'

# 6. A stored page or alias under a folder named "page" (the "*/page/#"
#    row must not turn "/docs/page/intro/" into a 404).
mkdir -p "$tmp/pg/content/docs/page"
printf -- '---\ntitle: Intro\ndate: 2024-01-01\naliases: [/old/page/first/]\n---\nx\n' \
    >"$tmp/pg/content/docs/page/intro.md"
"$top/quire" import -q --db "$tmp/pg.db" "$tmp/pg/content" >/dev/null 2>&1
expect_re "a page under a folder named page is served" \
    "$(cgi "$tmp/pg.db" /docs/page/intro/ | head -n 1)" '^Status: 200'
expect_re "an alias under one redirects" \
    "$(cgi "$tmp/pg.db" /old/page/first/ | head -n 1)" '^Status: 301'
expect_re "a page number that cannot exist is still a 404" \
    "$(cgi "$tmp/pg.db" /docs/page/0/ | head -n 1)" '^Status: 404'

report sections
