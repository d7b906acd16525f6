#!/usr/bin/env bash
# List kinds against Hugo 0.111's own answers for the fixture
# tests/hugo/listkinds (tests/golden/hugo-listkinds.tsv and the feeds
# beside it, written by tests/hugo/gen-golden-listkinds.sh), through the
# CGI worker:
#   - content/_index.md: the home page's description, OpenGraph title,
#     text above the entries and the name of the site's feeds;
#   - nested sections (folders with an _index.md below a section): each
#     has its listing (its own pages, then its sections, as PaperMod's
#     paginator shows them), its feeds, the breadcrumbs of its
#     ancestors; each of its pages' breadcrumbs; a section's entry is
#     dated by its newest page, as Hugo dates it;
#   - uglyURLs, true and for one section: every page and list at the URL
#     Hugo writes it (hugo-listkinds-ugly.tsv: /essays.html,
#     /essays/2023.html, /essays/page/2.html, /tags/go.html), page 1's
#     alias redirecting as Hugo's does, no list at a URL Hugo does not
#     write, and the links to lists in their written form;
#   - disableKinds, each kind in turn (hugo-listkinds-disable.tsv): every
#     file Hugo still writes answers, every one it no longer writes does
#     not, the sitemap names no more than Hugo's, and no link leads to a
#     page of a disabled kind;
#   - pluralizeListTitles: false: each section without an _index.md is
#     titled by its folder's name with its first letter in upper case
#     (hugo-plurals-off.tsv, the plurals/ site built from words.txt).
# Closes with "listkinds: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin listkinds

site=$top/tests/hugo/listkinds
golden=$top/tests/golden

# crumbs ROUTE: the breadcrumbs' names, "|" between, as Hugo's .Ancestors
# (PaperMod names the first "Home").
crumbs() {
	body "$1" | grep -o '<div class="breadcrumbs">.*</div>' | head -n 1 |
	    grep -o '>[^<>]*</a>' | sed 's/^>//; s/<\/a>$//' | tr '\n' '|' |
	    sed 's/|$//'
}
# feed ROUTE: the item links of the RSS feed at ROUTE, as routes.
feed() {
	body "$1" > "$tmp/feed.xml"
	items "$tmp/feed.xml" | cut -f1 | sed 's|^http://example.org||' |
	    tr '\n' ' ' | sed 's/ $//'
}
field() { printf '%s' "$line" | cut -f"$1"; }
# papermod CRUMBS: Hugo's ancestors' titles as PaperMod shows them: the
# first (the home page) is "Home".
papermod() { case $1 in *"|"*) echo "Home|${1#*|}" ;; *) echo Home ;; esac; }

db=$tmp/l.db
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the site imports" $? "$tmp/log"
expect "nested sections import without a warning" \
    "$(grep -c 'warning' "$tmp/log")" 0

while IFS= read -r line; do
	kind=$(field 1) url=$(field 2) title=$(field 3) desc=$(field 4)
	crumb=$(field 6) listing=$(field 7) items=$(field 8) entry=$(field 9)
	case $kind in
	home)
		page=$(body /)
		expect_re "the home page has _index.md's description" "$page" \
		    "<meta name=\"description\" content=\"$(printf '%s' "$desc" |
		    sed "s/'/\&#39;/g")\">"
		expect_re "OpenGraph names the home page by its title" "$page" \
		    "<meta property=\"og:title\" content=\"$title\">"
		expect_re "the <title> stays the site's (PaperMod)" "$page" \
		    '<title>Listkinds</title>'
		expect_re "the home page shows _index.md's text" \
		    "$(printf '%s' "$page" | sed 's/<[^>]*>//g')" "$crumb"
		expect_re "the text is shown on later pages too (PaperMod)" \
		    "$(body /page/2/)" 'class="post-content md-content"'
		expect "the site's feed lists Hugo's pages" "$(feed /index.xml)" \
		    "$items"
		body /index.xml > "$tmp/home.xml"
		expect "the site's feed is named as Hugo names it" \
		    "$(channel "$tmp/home.xml" title)" \
		    "$(channel "$golden/hugo-feed-listkinds-home.xml" title)"
		expect "the site's feed is described as Hugo describes it" \
		    "$(channel "$tmp/home.xml" description)" \
		    "$(channel "$golden/hugo-feed-listkinds-home.xml" description)"
		;;
	section)
		page=$(cgi "$url")
		expect_re "$url answers 200" "$(printf '%s' "$page" | head -n 1)" \
		    '^Status: 200'
		expect "$url is titled as Hugo titles it" \
		    "$(printf '%s' "$page" | grep -o '<h1>[^<]*</h1>' | head -n 1)" \
		    "<h1>$title</h1>"
		# Hugo's first ancestor is the home page, which PaperMod names
		# "Home".
		expect "$url has Hugo's ancestors as breadcrumbs" "$(crumbs "$url")" \
		    "$(papermod "$crumb")"
		expect "$url lists PaperMod's entries in its order" \
		    "$(entries "$url")" "$listing"
		expect "$url's feed lists Hugo's items" "$(feed "${url}index.xml")" \
		    "$items"
		parent=$(field 5)
		if [ "$parent" != / ]; then
			# The section's entry in its parent's listing: its date.
			got=$(for n in 1 2 3; do
				r=$parent; [ $n = 1 ] || r=${parent}page/$n/
				body "$r"
			done | tr '\n' ' ' | sed 's/<article/\n&/g' |
			    grep -F "aria-label=\"post link to $title\"" |
			    grep -o '<span title="[0-9-]*' | sed 's/.*"//')
			expect "$url's entry is dated as Hugo dates the section" \
			    "$got" "${entry%%|*}"
		fi
		;;
	page)
		expect "$url has Hugo's ancestors as breadcrumbs" "$(crumbs "$url")" \
		    "$(papermod "$crumb")"
		;;
	esac
done < <(tail -n +2 "$golden/hugo-listkinds.tsv")

body /essays/2023/index.xml > "$tmp/y.xml"
expect "a nested section's feed is named as Hugo names it" \
    "$(channel "$tmp/y.xml" title)" \
    "$(channel "$golden/hugo-feed-listkinds-essays-2023.xml" title)"
expect_re "a nested section past its last page answers 404" \
    "$(cgi /essays/2023/page/3/ | head -n 1)" '^Status: 404'
expect_re "a folder without _index.md is no section" \
    "$(cgi /essays/2023/loose/ | head -n 1)" '^Status: 404'
expect_re "the sitemap names the nested sections" "$(body /sitemap.xml)" \
    '<loc>http://example.org/essays/2023/deep/</loc>'

# uglyURLs: each configuration is hugo.yaml with the fixture's ugly file
# (less its outputs, which are Hugo's alone).
for conf in ugly.yaml ugly-map.yaml; do
	{ cat "$site/hugo.yaml"; sed '/^outputs:/,$d' "$site/$conf"; } \
	    > "$tmp/$conf"
	db=$tmp/${conf%.yaml}.db
	"$top/quire" import --db "$db" --config "$tmp/$conf" "$site" \
	    >"$tmp/log" 2>&1
	cond_rc "$conf: the site imports" $? "$tmp/log"
	expect "$conf: no warning about uglyURLs" \
	    "$(grep -c 'uglyURLs' "$tmp/log")" 0
	grep "^$conf	" "$golden/hugo-listkinds-ugly.tsv" | cut -f2 > "$tmp/urls"
	bad200=0 bad404=0 badredir=0 n=0
	while IFS=$'\t' read -r c url to; do
		[ "$c" = "$conf" ] || continue
		n=$((n + 1))
		head=$(cgi "$url" | sed -n '1,/^\r*$/p')
		if [ -n "$to" ]; then
			printf '%s' "$head" | grep -q "^Location: $to"$'\r'"*\$" ||
			    { badredir=$((badredir + 1)); echo "# $url: $head"; }
		else
			printf '%s' "$head" | grep -q '^Status: 200' ||
			    { bad200=$((bad200 + 1)); echo "# $url: $head"; }
		fi
		case $url in
		*.html)	pretty=${url%.html}/
			if ! grep -qxF "$pretty" "$tmp/urls" &&
			    cgi "$pretty" | head -n 1 | grep -q '^Status: 200'; then
				bad404=$((bad404 + 1)); echo "# $pretty answers 200"
			fi ;;
		esac
	done < "$golden/hugo-listkinds-ugly.tsv"
	expect "$conf: every URL Hugo writes answers 200 ($n)" "$bad200" 0
	expect "$conf: page 1 redirects where Hugo's alias does" "$badredir" 0
	expect "$conf: no list answers where Hugo writes none" "$bad404" 0
done
# Links name lists as they are written.
db=$tmp/ugly.db
page=$(body /essays/2023.html)
expect_re "ugly: breadcrumbs link /essays.html" "$page" \
    '<a href="/essays.html">Essays</a>'
expect_re "ugly: pagination links /essays/2023/page/2.html" "$page" \
    'href="/essays/2023/page/2.html"'
expect_re "ugly: a section's entry links its ugly list" "$(body /essays/page/2.html)" \
    'href="/essays/2023.html"'
expect_re "ugly: a post links its tags' ugly lists" "$(body /posts/p1.html)" \
    'href="/tags/go.html"'
expect_re "ugly: the feed's channel links the list" "$(body /essays/2023/index.xml)" \
    '<link>http://example.org/essays/2023.html</link>'
expect_re "ugly: the sitemap names the ugly lists" "$(body /sitemap.xml)" \
    '<loc>http://example.org/tags/go.html</loc>'
db=$tmp/ugly-map.db
expect_re "ugly map: other lists link as they are" "$(body /posts/p1/)" \
    'href="/tags/go/"'

# disableKinds: hugo.yaml with disableKinds: [KIND] (and Hugo's
# ignoreErrors for taxonomy), as gen-golden-listkinds.sh builds it.
golden_disable=$golden/hugo-listkinds-disable.tsv
rows() { awk -F'\t' -v k="$1" -v w="$2" '$1 == k && $2 == w' "$golden_disable"; }
for kind in - home page section taxonomy term RSS sitemap robotsTXT 404; do
	conf=$tmp/disable-$kind.yaml
	{
		sed '/^outputs:/,$d' "$site/hugo.yaml"
		[ "$kind" = - ] || printf 'disableKinds: [%s]\n' "$kind"
		[ "$kind" != taxonomy ] ||
			printf 'ignoreErrors: [error-disable-taxonomy]\n'
	} > "$conf"
	db=$tmp/disable-$kind.db
	"$top/quire" import --db "$db" --config "$conf" "$site" >"$tmp/log" 2>&1
	cond_rc "disableKinds $kind: the site imports" $? "$tmp/log"
	[ "$kind" = 404 ] && continue	# no file: checked below
	bad=0 n=0
	while IFS=$'\t' read -r k what url to; do
		n=$((n + 1))
		head=$(cgi "$url" | sed -n '1,/^\r*$/p')
		if [ -n "$to" ]; then
			printf '%s' "$head" | grep -q "^Location: $to"$'\r'"*\$"
		else
			printf '%s' "$head" | grep -q '^Status: 200'
		fi || { bad=$((bad + 1)); echo "# $kind: $url: $(printf '%s' "$head" | head -n 1)"; }
	done < <(rows "$kind" file)
	expect "disableKinds $kind: what Hugo writes answers ($n URLs)" "$bad" 0
	[ "$kind" = - ] && continue
	rows "$kind" file | cut -f3 > "$tmp/kept"
	bad=0 n=0
	while IFS=$'\t' read -r k what url to; do
		grep -qxF "$url" "$tmp/kept" && continue
		n=$((n + 1))
		cgi "$url" | head -n 1 | grep -q '^Status: 404' ||
		    { bad=$((bad + 1)); echo "# $kind: $url answers"; }
	done < <(rows - file)
	expect "disableKinds $kind: what Hugo no longer writes answers 404 ($n URLs)" \
	    "$bad" 0
	if [ "$kind" != sitemap ]; then
		rows "$kind" sitemap | cut -f3 > "$tmp/hugo-locs"
		body /sitemap.xml | sed -n 's|.*<loc>http://example\.org\(.*\)</loc>.*|\1|p' |
		    while IFS= read -r u; do
			grep -qxF "$u" "$tmp/hugo-locs" || echo "$u"
		    done > "$tmp/extra"
		expect "disableKinds $kind: the sitemap names no page Hugo's leaves out" \
		    "$(tr '\n' ' ' < "$tmp/extra")" ""
	fi
	# No link leads to a page this kind turns off (but the header's
	# logo, which PaperMod points at the site's root whatever it is).
	links=$(for u in / /posts/p1/ /essays/2023/ /essays/2023/a/ /tags/; do
		body "$u" | grep -o 'href="/[^"]*"' | sed 's/href="//; s/"$//'
	done | sort -u)
	dead=$(for u in $links; do
		case $u in /css/*|/js/*|/archives/|/search/) continue ;; esac
		[ "$kind" = home ] && [ "$u" = / ] && continue
		cgi "$u" | head -n 1 | grep -q '^Status: 404' && echo "$u"
	done | tr '\n' ' ')
	expect "disableKinds $kind: no link leads to a 404" "$dead" ""
done
db=$tmp/disable-RSS.db
expect "disableKinds RSS: no feed is linked" \
    "$(body /essays/2023/ | grep -c 'rel="alternate" type="application/')" 0
db=$tmp/disable-term.db
expect "disableKinds term: a post links no tag" \
    "$(body /posts/p1/ | grep -c 'class="post-tags"')" 0
db=$tmp/disable-home.db
expect_re "disableKinds home: breadcrumbs start at the section" \
    "$(body /essays/2023/a/)" '<div class="breadcrumbs"><a href="/essays/">Essays</a>&nbsp;»&nbsp;'
db=$tmp/disable-sitemap.db
expect "disableKinds sitemap: robots.txt names none" \
    "$(body /robots.txt | grep -c Sitemap)" 0
db=$tmp/disable-404.db
page=$(cgi /nope/)
expect_re "disableKinds 404: a 404 still" "$(printf '%s' "$page" | head -n 1)" '^Status: 404'
expect "disableKinds 404: with no page of Hugo's (a server's bare answer)" \
    "$(printf '%s' "$page" | sed '1,/^\r*$/d')" "404 page not found"
{ sed '/^outputs:/,$d' "$site/hugo.yaml"; printf 'disableKinds: [taxonomy]\n'; } \
    > "$tmp/tax.yaml"
"$top/quire" import --db "$tmp/tax.db" --config "$tmp/tax.yaml" "$site" \
    >"$tmp/log" 2>&1
rc=$?
expect_re "disableKinds taxonomy without ignoreErrors stops, as Hugo 0.111 does" \
    "$rc $(cat "$tmp/log")" "^1 .*tax\.yaml:[0-9]+: disableKinds names 'taxonomy'"
expect "and leaves no database" "$(ls "$tmp"/tax.db 2>/dev/null)" ""

# pluralizeListTitles: false, on the plurals/ site (made from words.txt
# as gen-golden-listkinds.sh makes it): each page's breadcrumbs and its
# section's listing name the section as Hugo titles it. quire names a
# section by its URL segment: the folders whose segment is spelt
# otherwise (CSS, "two words") are the README's known difference.
ps=$tmp/plurals
mkdir -p "$ps/content"
cat "$top/tests/hugo/plurals/hugo.yaml" "$top/tests/hugo/plurals/plural-off.yaml" \
    >"$ps/hugo.yaml"
grep -v '^#' "$top/tests/hugo/plurals/words.txt" | while IFS= read -r w; do
	[ -n "$w" ] || continue
	mkdir -p "$ps/content/$w"
	printf -- '---\ntitle: "%s"\n---\nx\n' "$w" >"$ps/content/$w/p.md"
done
db=$tmp/plurals.db
"$top/quire" import -q --db "$db" "$ps" >"$tmp/log" 2>&1
cond_rc "the plurals site imports with pluralizeListTitles: false" $? "$tmp/log"
got=$(sqlite3 -readonly -separator $'\t' "$db" "SELECT title, url FROM page
    WHERE kind <> 2" | while IFS=$'\t' read -r folder url; do
	printf '%s\t%s\n' "$folder" "$(crumbs "$url" | sed 's/^[^|]*|//')"
done | awk -F'\t' '$1 == tolower($1) && $1 !~ / /' | LC_ALL=C sort)
expect "pluralizeListTitles: false: every section's breadcrumb is Hugo's title" \
    "$got" "$(tail -n +2 "$golden/hugo-plurals-off.tsv" |
    awk -F'\t' '$1 == tolower($1) && $1 !~ / /')"
for w in post box; do
	want=$(awk -F'\t' -v w="$w" '$1 == w { print $2 }' "$golden/hugo-plurals-off.tsv")
	expect_re "pluralizeListTitles: false: /$w/ is titled \"$want\"" \
	    "$(body "/$w/" | grep -o '<h1>[^<]*</h1>')" "<h1>$want</h1>"
done

report listkinds
