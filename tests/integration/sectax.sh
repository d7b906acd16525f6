#!/usr/bin/env bash
# Sections and taxonomies against Hugo 0.111's own answers for the fixture
# tests/hugo/sectax (tests/golden/hugo-sectax.tsv and the feeds beside it,
# written by tests/hugo/gen-golden.sh), through the CGI worker:
#   - every top-level section's listing at /SECTION/ (paginated), titled
#     by its _index.md or Hugo's default title, with its description, its
#     entries in Hugo's order, and its RSS, Atom and JSON feeds;
#   - a nested section (a folder with an _index.md) is an entry of its
#     top-level section, after its pages (PaperMod's paginator order;
#     listkinds.sh checks nesting against Hugo in depth);
#   - every taxonomy the config declares (series here): its index, its
#     term pages and their feeds; a key that is no taxonomy is none;
#   - the taxonomy index feed, the article's breadcrumb to its own
#     section, the series box, the sitemap.
# Closes with "sectax: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin sectax

site=$top/tests/hugo/sectax
golden=$top/tests/golden
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)


db=$tmp/s.db
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the site imports" $? "$tmp/log"
expect "a nested section imports without a warning" \
    "$(grep -c 'nested section' "$tmp/log")" 0

# 1. Sections, as Hugo lists them (essays/ holds a nested section: below).
# field N: the Nth tab-separated field of $line (empty fields kept).
field() { printf '%s' "$line" | cut -f"$1"; }
while IFS= read -r line; do
	kind=$(field 1) url=$(field 2) title=$(field 3) desc=$(field 4) pages=$(field 5)
	case $kind in section) ;; *) continue ;; esac
	page=$(cgi "$url")
	expect_re "$url answers 200" "$(printf '%s' "$page" | head -n 1)" '^Status: 200'
	expect "$url is titled as Hugo titles it" \
	    "$(printf '%s' "$page" | grep -o '<h1>[^<]*</h1>' | head -n 1)" "<h1>$title</h1>"
	if [ -n "$desc" ]; then
		expect_re "$url shows its description" "$page" \
		    '<div class="post-description">'
	fi
	[ "$url" = /essays/ ] && continue
	expect "$url lists Hugo's pages in Hugo's order" "$(entries "$url")" "$pages"
done < <(tail -n +2 "$golden/hugo-sectax.tsv")
expect "a nested section is listed after its parent's pages" \
    "$(entries /essays/)" "/essays/e0/ /essays/2023/"
expect "a nested section lists its own pages" \
    "$(entries /essays/2023/)" "/essays/2023/e1/"
expect_re "/posts/page/1/ answers 301" "$(cgi /posts/page/1/ | head -n 1)" '^Status: 301'
expect_re "/posts/page/2/ answers 200" "$(cgi /posts/page/2/ | head -n 1)" '^Status: 200'
expect_re "/posts/page/3/ (past the end) answers 404" "$(cgi /posts/page/3/ | head -n 1)" '^Status: 404'
expect_re "a folder with no page is no section" "$(cgi /nope/ | head -n 1)" '^Status: 404'
expect "the home page still lists the main section alone" "$(entries /)" \
    "/posts/p4/ /posts/p2/ /posts/p3/ /posts/p1/"
expect_re "a section's listing links its feeds" "$(cgi /notes/)" \
    'rel="alternate" type="application/atom\+xml"[^>]*href="/notes/atom.xml"'

# 2. Taxonomies: the declared series as tags are; terms as Hugo counts them.
while IFS= read -r line; do
	kind=$(field 1) url=$(field 2) title=$(field 3) count=$(field 4) pages=$(field 5)
	case $kind in taxonomy|term) ;; *) continue ;; esac
	page=$(cgi "$url")
	expect_re "$url answers 200" "$(printf '%s' "$page" | head -n 1)" '^Status: 200'
	expect "$url is titled as Hugo titles it" \
	    "$(printf '%s' "$page" | grep -o '<h1>[^<]*</h1>' | head -n 1)" "<h1>$title</h1>"
	if [ "$kind" = term ]; then
		expect "$url lists Hugo's pages in Hugo's order" "$(entries "$url")" "$pages"
		tax=${url#/}
		tax=/${tax%%/*}/
		expect_re "$tax counts $count for it" "$(cgi "$tax")" \
		    "href=\"$url\">[^<]*<sup><strong><sup>$count<"
	fi
done < <(tail -n +2 "$golden/hugo-sectax.tsv")
expect "a front-matter key that is no taxonomy is none" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM term WHERE taxonomy = 'featured'")" 0
expect_re "and has no page" "$(cgi /featured/ | head -n 1)" '^Status: 404'

# 3. Feeds: a section's and a series term's, against Hugo's; Atom and
# JSON Feed beside each, and beside the taxonomy's own.
for f in "/notes/ hugo-feed-section-notes.xml" "/series/learn-c/ hugo-feed-series-learn-c.xml"; do
	u=${f% *}
	g=$golden/${f#* }
	body "${u}index.xml" >"$tmp/f.rss"
	expect "${u}index.xml: the items and dates are Hugo's" \
	    "$(items "$tmp/f.rss")" "$(items "$g")"
	expect "${u}index.xml: the channel title is Hugo's" \
	    "$(channel "$tmp/f.rss" title)" "$(channel "$g" title)"
	expect "${u}index.xml: the channel link is Hugo's" \
	    "$(channel "$tmp/f.rss" link)" "$(channel "$g" link)"
done
for u in /notes/ /series/learn-c/ /series/; do
	body "${u}index.xml" >"$tmp/f.rss"
	body "${u}atom.xml" >"$tmp/f.atom"
	body "${u}feed.json" >"$tmp/f.json"
	out=$("$py" "$top/tests/integration/feedcheck.py" "$u" "$tmp/f.rss" \
	    "$tmp/f.atom" "$tmp/f.json" "http://example.org$u" 2>&1)
	expect "$u: Atom and JSON Feed agree with RSS (feedcheck.py)" \
	    "$(printf '%s\n' "$out" | grep -v '^ok' | head -n 5)" ""
done
body /series/index.xml >"$tmp/f.rss"
expect "/series/index.xml lists the terms, newest first" \
    "$(items "$tmp/f.rss")" "$(printf 'http://example.org/series/learn-c/\tMon, 01 Mar 2021 00:00:00 +0000')"

# 4. Articles: the page's own section in the breadcrumb; the series box.
expect_re "a page's breadcrumb names its own section" "$(cgi /notes/deep/n2/)" \
    '<div class="breadcrumbs"><a href="/">Home</a>&nbsp;»&nbsp;<a href="/notes/">My Notes</a></div>'
expect_re "and a post's too (Posts)" "$(cgi /posts/p1/)" \
    '<a href="/posts/">Posts</a></div>'
p3=$(cgi /posts/p3/)
expect_re "a post in a series names its place in it" "$p3" \
    '<p>Part 2 of 4 in <a href="/series/learn-c/">Learn C</a></p>'
expect_re "the series box is a labelled nav" "$p3" '<nav class="toc series" aria-label="Series: Learn C">'
expect "it lists the series oldest first, the post itself current" \
    "$(printf '%s' "$p3" | sed -n '/<nav class="toc series"/,/<\/nav>/p' |
	grep -o '<li[^>]*>.*</li>' | sed 's/<li aria-current="page"><strong>\(.*\)<\/strong>/*\1/; s/<li><a href="\([^"]*\)">.*<\/a>/\1/; s/<\/li>//' | tr '\n' ' ')" \
    "/posts/p1/ *P three /posts/p2/ /guides/g1/ "
expect "a post in no series has no box" "$(cgi /posts/p4/ | grep -c 'toc series')" 0

# 5. The sitemap lists every section, taxonomy and term.
sm=$(body /sitemap.xml)
missing=
for r in / /notes/ /guides/ /essays/ /posts/ /snippet/ /series/ /series/learn-c/ /tags/ /tags/go/ /categories/ /categories/code/; do
	printf '%s' "$sm" | grep -qF "<loc>http://example.org$r</loc>" || missing="$missing $r"
done
expect "/sitemap.xml lists every section, taxonomy and term" "$missing" ""

# 6. A site that declares no taxonomy has no term pages.
{ sed '/^taxonomies:/,/^  series:/d' "$site/hugo.yaml"; echo 'taxonomies: {}'; } >"$tmp/none.yaml"
"$top/quire" import --db "$db" --config "$tmp/none.yaml" "$site/content" >"$tmp/log" 2>&1
cond_rc "a site with taxonomies: {} imports" $? "$tmp/log"
expect_re "it has no /tags/" "$(cgi /tags/ | head -n 1)" '^Status: 404'
expect_re "nor /tags/go/" "$(cgi /tags/go/ | head -n 1)" '^Status: 404'
expect_re "its sections stay" "$(cgi /notes/ | head -n 1)" '^Status: 200'

# 7. A section's _index.md url (tests/hugo/securl, as letsencrypt.org's
# post/_index.md says url: /blog/): Hugo lists the section there alone;
# its pages keep their URLs, their breadcrumbs name the moved section.
su=$top/tests/hugo/securl
db=$tmp/u.db
"$top/quire" import --db "$db" "$su" >"$tmp/log" 2>&1
rc=$?
cond "a site whose sections give a url imports" "$(cat "$tmp/log")" $rc
files=$golden/hugo-securl-files.txt
crumbs() { cgi "$1" | grep -o '<div class="breadcrumbs">.*</div>' |
	grep -o 'href="[^"]*"' | sed 's/href="//; s/"$//' | tail -n +2 |
	tr '\n' ' '; }
while IFS= read -r line; do
	kind=$(field 1) url=$(field 2) title=$(field 3) links=$(field 5)
	case $kind in
	section)
		expect "$url is titled as Hugo titles it" \
		    "$(cgi "$url" | grep -o '<h1>[^<]*</h1>' | head -n 1)" "<h1>$title</h1>"
		# Its pages (its sections' order is sectax's concern, above).
		want=$(for u in $links; do grep -q "^section	$u	" \
		    "$golden"/hugo-securl*.tsv || printf '%s ' "$u"; done)
		got=$(for u in $(entries "$url"); do grep -q "^section	$u	" \
		    "$golden"/hugo-securl*.tsv || printf '%s ' "$u"; done)
		expect "$url lists Hugo's pages" "$got" "$want"
		# Every file Hugo writes under it answers: page/1/ redirects.
		while IFS= read -r f; do
			r=${f%index.html}
			case $f in */page/1/index.html) want=301 ;; *) want=200 ;; esac
			expect_re "$r answers $want, as Hugo writes $f" \
			    "$(cgi "$r" | head -n 1)" "^Status: $want"
		done < <(grep "^$url" "$files")
		;;
	page)
		expect_re "$url answers 200" "$(cgi "$url" | head -n 1)" '^Status: 200'
		expect "$url: its breadcrumb is Hugo's ancestors" "$(crumbs "$url")" "$links"
		;;
	menu)
		expect_re "a menu's pageRef to the section links $url" \
		    "$(cgi /blog/ | sed -n '/<ul id="menu">/,/<\/ul>/p')" "href=\"$url\""
		;;
	esac
done < <(tail -n +2 "$golden/hugo-securl.tsv"; tail -n +2 "$golden/hugo-securl-fr.tsv" | grep -v '^menu')
# What Hugo does not write is no page: the sections' own routes.
for r in /post/ /post/page/2/ /post/index.xml /post/deep/ /fr/post/ /fr/post/index.xml; do
	f=${r%/}; case $f in *.xml) ;; *) f=$f/index.html ;; esac
	expect "Hugo writes no $f" "$(grep -c "^$f\$" "$files")" 0
	expect_re "and $r answers 404" "$(cgi "$r" | head -n 1)" '^Status: 404'
done
body /blog/index.xml >"$tmp/f.rss"
g=$golden/hugo-feed-securl-blog.xml
expect "/blog/index.xml: the items and dates are Hugo's" "$(items "$tmp/f.rss")" "$(items "$g")"
expect "/blog/index.xml: the channel link is Hugo's" \
    "$(channel "$tmp/f.rss" link)" "$(channel "$g" link)"
expect "/blog/index.xml: its self link is Hugo's" \
    "$(grep -o '<atom:link href="[^"]*" rel="self"' "$tmp/f.rss")" \
    "$(grep -o '<atom:link href="[^"]*" rel="self"' "$g")"
expect_re "/blog/page/2/ is its own canonical URL" "$(cgi /blog/page/2/)" \
    '<link rel="canonical" href="http://example.org/blog/page/2/">'
expect_re "/blog/ links its next page at /blog/page/2/" "$(cgi /blog/)" \
    'href="/blog/page/2/"'
expect_re "the sitemap lists /blog/, not /post/" "$(body /en/sitemap.xml)" \
    '<loc>http://example.org/blog/</loc>'
expect "and no /post/" "$(body /en/sitemap.xml | grep -c '<loc>http://example.org/post/</loc>')" 0
# ... and under uglyURLs: true, which keeps the url as given.
cat "$su/hugo.yaml" "$su/ugly.yaml" >"$tmp/ugly.yaml"
"$top/quire" import --db "$db" --config "$tmp/ugly.yaml" "$su/content" >"$tmp/log" 2>&1
rc=$?
cond "with uglyURLs: true it imports" "$(cat "$tmp/log")" $rc
while IFS= read -r f; do
	r=${f%index.html}
	case $f in */page/1/index.html) want=301 ;; *) want=200 ;; esac
	expect_re "uglyURLs: $r answers $want, as Hugo writes $f" \
	    "$(cgi "$r" | head -n 1)" "^Status: $want"
done < <(grep '^/blog/' "$golden/hugo-securl-ugly-files.txt")
expect "uglyURLs: Hugo writes no /blog.html" "$(grep -c '^/blog.html$' "$golden/hugo-securl-ugly-files.txt")" 0
expect_re "and /blog.html answers 404" "$(cgi /blog.html | head -n 1)" '^Status: 404'
expect_re "uglyURLs: /blog/page/1/ redirects to /blog/" "$(cgi /blog/page/1/)" 'Location: /blog/'
expect_re "uglyURLs: /blog/ links its next page at /blog/page/2/" "$(cgi /blog/)" \
    'href="/blog/page/2/"'
expect "uglyURLs: the breadcrumb keeps /blog/" "$(crumbs /post/p1.html)" "/blog/ "
body /blog/index.xml >"$tmp/f.rss"
expect "uglyURLs: /blog/index.xml's channel links /blog/" \
    "$(channel "$tmp/f.rss" link)" "http://example.org/blog/"

# url: / on a section's _index.md: Hugo's build lists the section over the
# home page; quire imports the site (a real blog does this), keeps the
# home page and the section's route, and warns naming the file.
mkdir -p "$tmp/root/content/post"
printf 'baseURL: http://example.org/\ntitle: Root\n' >"$tmp/root/hugo.yaml"
printf -- '---\ntitle: Blog\nurl: /\n---\n' >"$tmp/root/content/post/_index.md"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nOne.\n' >"$tmp/root/content/post/one.md"
"$top/quire" import --db "$tmp/root.db" "$tmp/root" >"$tmp/log" 2>&1
cond_rc "a section with url: / imports" $? "$tmp/log"
expect_re "and a warning names the file" "$(cat "$tmp/log")" \
    "post/_index.md:1: its url '/' would list the section in place of the home page"
db=$tmp/root.db
expect "the home page and the section's route both answer" \
    "$(cgi / | head -n 1 | tr -d '\r') $(cgi /post/ | head -n 1 | tr -d '\r')" \
    "Status: 200 OK Status: 200 OK"


# A section's url that is another page's URL: Hugo 0.111 writes one of
# them there, which one varying from build to build (measured: 4 builds
# of 5 the page, 1 the section; only --printPathWarnings says "Duplicate
# target paths"). quire serves the section, as its router takes listed
# sections first, and warns naming the page; of two sections listed at
# one URL it serves the one of the smaller route and names the other.
mkdir -p "$tmp/clash/content/post" "$tmp/clash/content/notes"
printf 'baseURL: http://example.org/\ntitle: Clash\n' >"$tmp/clash/hugo.yaml"
printf -- '---\ntitle: Blog\nurl: /about/\n---\n' >"$tmp/clash/content/post/_index.md"
printf -- '---\ntitle: Notes\nurl: /about\n---\n' >"$tmp/clash/content/notes/_index.md"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nOne.\n' >"$tmp/clash/content/post/one.md"
printf -- '---\ntitle: Two\ndate: 2024-01-02\n---\nTwo.\n' >"$tmp/clash/content/notes/two.md"
printf -- '---\ntitle: About\n---\nAbout.\n' >"$tmp/clash/content/about.md"
"$top/quire" import --db "$tmp/clash.db" "$tmp/clash" >"$tmp/log" 2>&1
cond_rc "sections whose url is another page's import" $? "$tmp/log"
expect "a warning names the page the section's listing hides" \
    "$(grep -c "^warning: content/about.md:1: its URL /about/ is where content/notes/_index.md lists its section by its url; the section is served there, this page is not" "$tmp/log")" 1
expect "a warning names the section listed there in vain" \
    "$(grep -c "^warning: content/post/_index.md:1: its url lists its section at /about/, where content/notes/_index.md lists its own, which is served there" "$tmp/log")" 1
db=$tmp/clash.db
expect "/about/ is the section the warnings say" \
    "$(body /about/ | grep -o '<title>[^<]*')" "<title>Notes | Clash"

report sectax
