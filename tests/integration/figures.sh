#!/usr/bin/env bash
# What the importer stores for each page: URL, word count, reading time,
# truncation and summary, against Hugo 0.111's own for fixture sites
# whose settings or files change them (tests/golden/hugo-*.tsv, from
# tests/hugo/gen-golden.sh):
#   - cjk/: hasCJKLanguage in the config, isCJKLanguage in front matter,
#     a file holding kana only outside its body;
#   - unsafe/: raw HTML kept, so script and style content must not count;
#   - cjk/ again with summaryLength 12;
#   - cjklang/: each language's own hasCJKLanguage, over the site's
#     unset and (global.yaml) true;
#   - ugly/: uglyURLs by section and for all (URLs and aliases);
#   - extensions/: .markdown and .mdown files are Markdown too; an HTML
#     content page is a page, its body served as written;
#   - html/: HTML content pages (figures, summaries, content as served)
#     and files sharing a URL, of which Hugo and quire keep one.
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
want() { tail -n +2 "$1" | cut -f1-5,8 | LC_ALL=C sort; }

for site in cjk unsafe extensions; do
	db=$tmp/$site.db
	"$top/quire" import -q --db "$db" "$top/tests/hugo/$site" >"$tmp/log" 2>&1
	cond_rc "$site/ imports" $? "$tmp/log"
	expect "$site/: every page's figures and summary are Hugo's" \
	    "$(stored "$db")" "$(want "$top/tests/golden/hugo-$site.tsv")"
done
# summaryLength (both of Hugo's cuts take it).
cat "$top/tests/hugo/cjk/hugo.yaml" "$top/tests/hugo/cjk/summary12.yaml" >"$tmp/s12.yaml"
"$top/quire" import -q --db "$tmp/s12.db" --config "$tmp/s12.yaml" \
    "$top/tests/hugo/cjk/content" >"$tmp/log" 2>&1
expect "summaryLength: every summary is Hugo's" "$(stored "$tmp/s12.db")" \
    "$(want "$top/tests/golden/hugo-cjk-summary12.tsv")"
# A language's own hasCJKLanguage wins over the site's, either way.
"$top/quire" import -q --db "$tmp/cl.db" "$top/tests/hugo/cjklang" >"$tmp/log" 2>&1
cond_rc "cjklang/ imports" $? "$tmp/log"
expect "cjklang/: each language's hasCJKLanguage counts as Hugo's" \
    "$(stored "$tmp/cl.db")" "$(want "$top/tests/golden/hugo-cjklang.tsv")"
cat "$top/tests/hugo/cjklang/hugo.yaml" "$top/tests/hugo/cjklang/global.yaml" >"$tmp/clg.yaml"
"$top/quire" import -q --db "$tmp/clg.db" --config "$tmp/clg.yaml" \
    "$top/tests/hugo/cjklang/content" >"$tmp/log" 2>&1
cond_rc "cjklang/ with the site's hasCJKLanguage imports" $? "$tmp/log"
expect "cjklang/: a language without its own takes the site's" \
    "$(stored "$tmp/clg.db")" "$(want "$top/tests/golden/hugo-cjklang-global.tsv")"
"$top/quire" import --db "$tmp/x.db" "$top/tests/hugo/extensions" >"$tmp/log" 2>&1
expect_re "an HTML content page is served with its body as written" \
    "$(env -i QUIRE_DB="$tmp/x.db" REQUEST_METHOD=GET REQUEST_URI=/posts/raw/ \
    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | tr -d '\n')" \
    '<div class="post-content"><p>An HTML content page\.</p></div>'
expect "a file Hugo does not read (.MD) is not imported either" \
    "$(sqlite3 -readonly "$tmp/x.db" "SELECT count(*) FROM page WHERE source GLOB '*.MD'")" 0

# html/: HTML content pages and the collisions Hugo settles one way
# (tests/golden/hugo-html*.tsv): figures, summaries, the page served at
# each shared URL, and each page's content as Hugo's .Content (less the
# "HUGOMORE42" stand-in Hugo leaves where nothing follows a divider).
"$top/quire" import --db "$tmp/h.db" "$top/tests/hugo/html" >"$tmp/log" 2>&1
cond_rc "html/ imports" $? "$tmp/log"
expect "html/: every page's figures and summary are Hugo's, and only its pages" \
    "$(stored "$tmp/h.db")" \
    "$(tail -n +2 "$top/tests/golden/hugo-html.tsv" | cut -f1-6 | LC_ALL=C sort)"
expect "html/: at each URL two files share, the one Hugo serves" \
    "$(sqlite3 -readonly -separator $'\t' "$tmp/h.db" "SELECT u.url,
        coalesce((SELECT source FROM page WHERE url = u.url), 'alias of ' ||
        (SELECT p.url FROM alias a JOIN page p ON p.id = a.page_id
        WHERE a.path = u.url)) FROM (SELECT '/posts/dup/' AS url UNION ALL
        SELECT '/posts/leaf/' UNION ALL SELECT '/posts/p1/' UNION ALL
        SELECT '/old/') u")" \
    "$(tail -n +2 "$top/tests/golden/hugo-html-urls.tsv")"
for pair in "posts/dup.md:posts/dup.html" "posts/leaf.html:posts/leaf/index.md" \
    "posts/p2.html:/posts/p1/" "posts/r1.html:posts/p2.html"; do
	expect_re "a collision warns naming both files (${pair%%:*}, ${pair#*:})" \
	    "$(cat "$tmp/log")" "warning: [^ ]*/${pair%%:*}:1: .*${pair#*:}"
done
expect_re "an HTML document (no front matter) is no page, as in Hugo, and said" \
    "$(cat "$tmp/log")" 'warning: [^ ]*/posts/document\.html:1: an HTML document without front matter'
expect "html/: every page serves Hugo's .Content as written" "$(python3 - \
    "$top/tests/golden/hugo-html.tsv" "$tmp/h.db" "$top/cgi-bin/quire.fcgi" <<'EOF'
import re, sqlite3, subprocess, sys
def unescape(v):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', 'r': '\r'}.get(m[1], m[1]), v)
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8')][1:]
for f in rows:
    want = unescape(f[6]).replace('\n\nHUGOMORE42\n\n', '')
    out = subprocess.run([sys.argv[3]], env={'QUIRE_DB': sys.argv[2],
        'REQUEST_METHOD': 'GET', 'REQUEST_URI': f[1]}, capture_output=True,
        stdin=subprocess.DEVNULL).stdout.decode()
    m = re.search(r'<div class="post-content">(.*)</div>\n<footer', out, re.S)
    if m is None or m[1] != want:
        print(f[0], repr(m[1] if m else out[:200]), repr(want))
EOF
)" ""

# Org (which Hugo renders itself) and AsciiDoc (an external program) are
# skipped, each with a warning naming the file.
mkdir -p "$tmp/other/content/posts"
printf '#+TITLE: Org\n\nAn Org page.\n' >"$tmp/other/content/posts/o.org"
printf -- '---\ntitle: Adoc\n---\nAn AsciiDoc page.\n' >"$tmp/other/content/posts/a.adoc"
printf -- '---\ntitle: Md\n---\nA Markdown page.\n' >"$tmp/other/content/posts/m.md"
"$top/quire" import --db "$tmp/o.db" "$tmp/other" >"$tmp/log" 2>&1
cond_rc "a site with Org and AsciiDoc content imports" $? "$tmp/log"
expect_re "an Org file is skipped with a warning naming it" "$(cat "$tmp/log")" \
    'warning: [^ ]*/posts/o\.org:1: Org content, which Hugo renders itself'
expect_re "an AsciiDoc file is skipped with a warning naming it" "$(cat "$tmp/log")" \
    'warning: [^ ]*/posts/a\.adoc:1: AsciiDoc content, which Hugo renders with asciidoctor'
expect "and only the Markdown page is imported" \
    "$(sqlite3 -readonly "$tmp/o.db" 'SELECT source FROM page')" "posts/m.md"

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
