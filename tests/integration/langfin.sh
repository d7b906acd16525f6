#!/usr/bin/env bash
# Languages, the rest of issue 15: the fixture tests/hugo/langfin (en at
# the root, fr/es/fa/ja by file name, de in a contentDir beside content/)
# imported and served as Hugo 0.111.3 + PaperMod show it
# (tests/golden/hugo-langfin*.{tsv,xml}, written by
# tests/hugo/gen-golden-langfin.sh): each language's own menu (the
# config's languages.CODE.menus, config/_default/menus.CODE.toml, else the
# site's), its dates and archive months in its month names, the hreflang alternates of its
# listings, its sitemap with xhtml:link alternates, related posts within
# the language, and --watch on a contentDir outside content/ (and on a
# site with no content/). Closes with
# "langfin: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin langfin
watcher=
suite_stop_extra() { [ -n "$watcher" ] && kill "$watcher" 2>/dev/null; wait 2>/dev/null; }

golden=$top/tests/golden/hugo-langfin.tsv
db=$tmp/langfin.db
cgi() {
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$1" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | tr -d '\r'
}
home() { if [ "$1" = en ]; then echo /; else echo "/$1/"; fi; }
langs=$(awk -F'\t' 'NR > 1 { print $2 }' "$golden" | sort -u)

out=$("$top/quire" import -q --db "$db" "$top/tests/hugo/langfin" 2>&1)
expect "the multilingual site imports" "$?:$out" "0:"

# 1. Each language's menu: PaperMod's hrefs (.URL | absLangURL) and names,
# in Hugo's order.
for lang in $langs; do
	got=$(cgi "$(home "$lang")" | sed -n '/<ul id="menu">/,/<\/ul>/p' |
	    sed -n 's/.*<a href="\([^"]*\)" title="\([^"]*\)".*/\1 \2/p')
	want=$(awk -F'\t' -v l="$lang" '$1 == "menu" && $2 == l' "$golden" |
	    sort -t$'\t' -k3,3n -k4,4 | awk -F'\t' '{ sub("http://example.org", "", $6); print $6 " " $4 }')
	expect "the $lang pages show the $lang menu" "$got" "$want"
done

expect "an entry under the language's home is active on its pages" \
    "$(cgi /fa/tags/go/ | grep -o '<a href="[^"]*" title="[^"]*"><span class="active">')" \
    '<a href="/fa/tags/" title="Tags"><span class="active">'

# 2. Dates in the page's language, as PaperMod's time.Format shows them:
# in the listing entries (written at import) and on the page (served).
bad=
while IFS=$'\t' read -r _ lang url shown _; do
	n=$(cgi "$(home "$lang")" | grep -cF "\">$shown</span>")
	[ "$n" = 1 ] || bad="$bad $url:home:$n"
	n=$(cgi "$url" | grep -cF "\">$shown</span>")
	[ "$n" = 1 ] || bad="$bad $url:$n"
done < <(awk -F'\t' '$1 == "date"' "$golden")
expect "each page's date is in its language's month names, as Hugo's" "$bad" ""

# 2a. params.DateFormat, as PaperMod passes it to time.Format: Hugo's
# :date_long (the language's CLDR pattern) and a Go layout. Spanish and
# Persian abbreviations are CLDR 41's in quire, older in Hugo (README).
mkdir -p "$tmp/fmt"
cp -r "$top/tests/hugo/langfin/." "$tmp/fmt/"
for col in 5 6; do
	layout=":date_long"; [ "$col" = 6 ] && layout="Mon 2 Jan 2006"
	sed -i '/^  DateFormat: /d' "$tmp/fmt/hugo.yaml"
	sed -i "s|^  mainSections: \[posts\]\$|  mainSections: [posts]\n  DateFormat: \"$layout\"|" "$tmp/fmt/hugo.yaml"
	out=$("$top/quire" import -q --db "$tmp/fmt.db" "$tmp/fmt" 2>&1)
	bad=
	while IFS=$'\t' read -r lang url shown; do
		[ "$col" = 6 ] && { [ "$lang" = es ] || [ "$lang" = fa ]; } && continue
		n=$(db=$tmp/fmt.db cgi "$url" | grep -cF "\">$shown</span>")
		[ "$n" = 1 ] || bad="$bad $url:$n"
	done < <(awk -F'\t' -v c="$col" '$1 == "date" { print $2 "\t" $3 "\t" $c }' "$golden")
	expect "params.DateFormat '$layout' shows Hugo's dates" "$out:$bad" ":"
done
sed -i 's/^  DateFormat: .*$/  DateFormat: ":time_long"/' "$tmp/fmt/hugo.yaml"
out=$("$top/quire" import -q --db "$tmp/fmt.db" "$tmp/fmt" 2>&1)
expect_re "a time layout is named with FILE:LINE and not used" "$out" \
    "hugo.yaml:[0-9]+: warning: 'params.DateFormat' ':time_long' is no date layout"
expect_re "and the default layout stays" "$(db=$tmp/fmt.db cgi /fr/posts/deux/)" \
    '">août 20, 2024</span>'

# 2b. The archives page names its months in the language, as PaperMod's
# GroupByDate "January" does.
for lang in $langs; do
	got=$(cgi "$(home "$lang")archives/" | grep -o 'archive-month-header">[^&]*' |
	    sed 's/.*">//' | LC_ALL=C sort | paste -sd' ' -)
	want=$(awk -F'\t' -v l="$lang" '$1 == "archive" && $2 == l { print $4 }' "$golden" |
	    LC_ALL=C sort | paste -sd' ' -)
	expect "the $lang archives name the months as Hugo ($want)" "$got" "$want"
done

# 3. The hreflang alternates of every listing: the home, each section,
# taxonomy and term, as Hugo's .Translations (PaperMod's head writes
# them). A taxonomy without terms (categories here) has no page in quire,
# where Hugo writes an empty one.
bad=
n=0
while IFS=$'\t' read -r _ lang kind url trans; do
	url=${url%hugo-langfin.tsv}
	trans=${trans//hugo-langfin.tsv/}
	if [ "$kind" = taxonomy ] && ! awk -F'\t' -v u="$url" '$1 == "list" &&
	    $3 == "term" && index($4, u) == 1 { f = 1 } END { exit !f }' "$golden"; then
		continue
	fi
	links=$(cgi "$url" | sed -n 's/^<link rel="alternate" hreflang="\([^"]*\)" href="http:\/\/example.org\([^"]*\)">$/\1=\2/p' |
	    paste -sd, -)
	[ "$links" = "$trans" ] || bad="$bad $url:[$links]!=[$trans]"
	n=$((n + 1))
done < <(awk -F'\t' '$1 == "list"' "$golden")
expect "the hreflang links of $n listings are Hugo's translations" "$bad" ""

# 4. Each language's sitemap: its pages, sections, taxonomies and terms
# with their dates and, where translated, Hugo's xhtml:link alternates
# (each translation, then the page itself); categories, empty, has no
# page in quire.
for lang in $langs; do
	cgi "/$lang/sitemap.xml" | sed '1,/^$/d' >"$tmp/sitemap-$lang.xml"
	out=$(python3 "$top/tests/integration/sitemapcmp.py" "$tmp/sitemap-$lang.xml" \
	    "$top/tests/golden/hugo-langfin-sitemap-$lang.xml" \
	    "http://example.org$(home "$lang")categories/" 2>&1)
	expect "/$lang/sitemap.xml lists Hugo's URLs, dates and alternates" "$?:$out" "0:"
done
expect "/sitemap.xml indexes the languages' sitemaps as Hugo's" \
    "$(cgi /sitemap.xml | sed '1,/^$/d' | grep -o '<loc>[^<]*</loc>\|<lastmod>[^<]*</lastmod>')" \
    "$(grep -o '<loc>[^<]*</loc>\|<lastmod>[^<]*</lastmod>' "$top/tests/golden/hugo-langfin-sitemap.xml")"

# 5. Related posts stay within the page's language (Hugo's .Related
# searches the language's own pages): every page of the fixture shares
# the tag go with pages of other languages; each related link is a page
# of its own language, and a page sharing a tag in its language has some
# (the de pages share none).
bad=
while IFS=$'\t' read -r _ lang url _; do
	rel=$(cgi "$url" | sed -n '/<div class="related-posts">/,/<\/ul>/p' |
	    grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//')
	mine=$(awk -F'\t' -v l="$lang" '$1 == "date" && $2 == l { print $3 }' "$golden")
	for r in $rel; do
		printf '%s\n' "$mine" | grep -qxF -- "$r" || bad="$bad $url->$r"
	done
	share=$(sqlite3 -readonly "$db" "SELECT count(DISTINCT o.page_id)
	    FROM page p JOIN page_term t ON t.page_id = p.id JOIN term m ON
	    m.id = t.term_id AND m.taxonomy = 'tags' JOIN page_term o ON
	    o.term_id = t.term_id AND o.lang = p.lang AND o.page_id <> p.id
	    WHERE p.url = '$url'")
	[ "$share" -gt 0 ] && [ -z "$rel" ] && bad="$bad $url:none"
done < <(awk -F'\t' '$1 == "date"' "$golden")
expect "related posts are of the page's language" "$bad" ""

# 6. --watch follows what a multilingual site reads: a contentDir beside
# content/, the config/ folder, and a contentDir moved anywhere by the
# configuration (watched from the import that reads it).
cp -r "$top/tests/hugo/langfin" "$tmp/site"
db=$tmp/watch.db
wlog=$tmp/watch.log
title() { cgi "$1" | grep -o '<h1 class="post-title[^>]*>[^<]*' | sed 's/.*>//' | head -n 1; }
# wait_for N: until the log holds N import summaries or failures (5 s).
wait_for() {
	local i
	for i in $(seq 50); do
		[ "$(grep -c ' added, \|import failed' "$wlog")" -ge "$1" ] && break
		sleep 0.1
	done
	sleep 0.3	# the watch line after it
}
"$top/quire" import --watch --db "$db" "$tmp/site" >"$wlog" 2>&1 &
watcher=$!
wait_for 1
expect "the watched site is served" "$(title /de/posts/hello/)" "Hallo"
sed -i 's/title: "Hallo"/title: "Hallo, geändert"/' "$tmp/site/content-de/posts/hello.md"
wait_for 2
expect "an edit in a contentDir beside content/ shows" \
    "$(title /de/posts/hello/)" "Hallo, geändert"
sed -i 's/Entradas/Artículos/' "$tmp/site/config/_default/menus.es.toml"
wait_for 3
expect_re "an edit in config/_default shows" "$(cgi /es/)" 'title="Artículos"'
mkdir -p "$tmp/elsewhere/posts"
printf -- '---\ntitle: "Anderswo"\ndate: 2024-04-04\n---\nText.\n' \
    >"$tmp/elsewhere/posts/anderswo.md"
sed -i 's|contentDir: content-de|contentDir: ../elsewhere|' "$tmp/site/hugo.yaml"
wait_for 4
expect "a contentDir anywhere is read" "$(title /de/posts/anderswo/)" "Anderswo"
sed -i 's/title: "Anderswo"/title: "Anderswo, neu"/' "$tmp/elsewhere/posts/anderswo.md"
wait_for 5
expect "and watched from then on" "$(title /de/posts/anderswo/)" "Anderswo, neu"
if kill -0 "$watcher" 2>/dev/null; then ok "the watch goes on"; else not_ok "the watch goes on" "exited"; fi
kill "$watcher"; wait "$watcher" 2>/dev/null; watcher=

# 7. --watch on a site with no content/ (tests/hugo/langdirs: each
# language in a contentDir of its own): an edit in one shows, and a
# language's contentDir created later is read and watched from then on.
rm -rf "$tmp/nocontent"
cp -r "$top/tests/hugo/langdirs" "$tmp/nocontent"
db=$tmp/nocontent.db
wlog=$tmp/nocontent.log
"$top/quire" import --watch --db "$db" "$tmp/nocontent" >"$wlog" 2>&1 &
watcher=$!
wait_for 1
expect "a site without content/ is watched and served" \
    "$(title /zh/docs/intro/)" "介绍"
sed -i 's/title: 介绍/title: 介绍（新）/' "$tmp/nocontent/content.zh/docs/intro.md"
wait_for 2
expect "an edit in a language's contentDir shows" \
    "$(title /zh/docs/intro/)" "介绍（新）"
mkdir -p "$tmp/nocontent/content.es/docs"
printf -- '---\ntitle: Nuevo\n---\nTexto.\n' \
    >"$tmp/nocontent/content.es/docs/nuevo.md"
wait_for 3
expect "a missing contentDir, once made, is read" \
    "$(title /es/docs/nuevo/)" "Nuevo"
sed -i 's/title: Nuevo/title: Nuevo, otra vez/' \
    "$tmp/nocontent/content.es/docs/nuevo.md"
wait_for 4
expect "and watched from then on" "$(title /es/docs/nuevo/)" \
    "Nuevo, otra vez"
expect "the theme and the site folder's other files import nothing" \
    "$(grep -c 'themes/' "$wlog")" 0
if kill -0 "$watcher" 2>/dev/null; then ok "the watch goes on"; else not_ok "the watch goes on" "exited"; fi
kill "$watcher"; wait "$watcher" 2>/dev/null; watcher=

report langfin
