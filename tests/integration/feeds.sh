#!/usr/bin/env bash
# Atom (.../atom.xml) and JSON Feed 1.1 (.../feed.json) beside every RSS
# feed, against real nginx + spawn-fcgi + quire.fcgi: for the site, the main
# section and terms of tests/hugo/site (whose RSS feeds reader.sh compares
# with Hugo's), each checked by tests/integration/feedcheck.py against its
# RSS feed (the same items, order, dates, rssLimit and full text) with
# Debian's feedparser and RFC 4287 / JSON Feed 1.1 rules; Content-Type,
# ETag and 304, HEAD, the listing's <link rel="alternate">s, the sitemap;
# authors, lastmod and categories on a small site written here; a
# database holding invalid UTF-8 still gives valid JSON. Run from the
# repository root after `make all`:
#     bash tests/integration/feeds.sh
# Prints one `ok - ...` / `not ok - ... (got: ...)` line per check, then
# `feeds: N passed, M failed`; exits 1 when anything failed.
# Needs curl, nginx, spawn-fcgi, sqlite3, /usr/bin/python3 with
# python3-feedparser.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
hugo_site=$top/tests/hugo/site
hostile=$top/tests/fixtures/hostile
base=http://example.org
# Debian's python3, which python3-feedparser installs into.
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

. "$(dirname "$0")/lib.sh"
suite_begin feeds



# import NAME ARGS...: runs ./quire import ARGS; expects exit 0.
import() {
	local name=$1
	shift
	./quire import -q "$@" >"$tmp/import.out" 2>&1
	expect "import $name exits 0" "$? $(tail -n 3 "$tmp/import.out")" \
	    "0 $(tail -n 3 "$tmp/import.out")"
}

# fetch SERVER LISTING: GETs the listing's three feeds into $tmp/f.rss,
# f.atom, f.json, checking each answers 200 with its Content-Type.
fetch() {
	local f ext type
	for f in "index.xml rss application/rss+xml" "atom.xml atom application/atom+xml" \
	    "feed.json json application/feed+json"; do
		set -- $f
		req "$srv$listing$1"
		cp "$tmp/body" "$tmp/f.$2"
		expect "$label: $listing$1 answers 200 as $3; charset=utf-8" \
		    "$code $(hdr Content-Type)" "200 $3; charset=utf-8"
	done
}

# feedcheck LABEL [ITEMS]: runs feedcheck.py on the fetched feeds of
# $listing on the site at $feed_base, turning its lines into checks.
feedcheck() {
	local status what got
	"$py" "$top/tests/integration/feedcheck.py" "$1" "$tmp/f.rss" \
	    "$tmp/f.atom" "$tmp/f.json" "$feed_base$listing" ${2:+"$2"} \
	    >"$tmp/check.out" 2>&1
	if [ $? -ne 0 ] || ! grep -q '^ok' "$tmp/check.out"; then
		not_ok "$1: feedcheck.py runs" "$(cat "$tmp/check.out")"
		return
	fi
	while IFS=$'\t' read -r status what got; do
		if [ "$status" = ok ]; then ok "$what"; else not_ok "$what" "$got"; fi
	done <"$tmp/check.out"
}

missing=
for c in curl nginx spawn-fcgi sqlite3; do
	command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || missing="$missing $c"
done
"$py" -c 'import feedparser' 2>/dev/null || missing="$missing python3-feedparser"
if [ -n "$missing" ] || [ ! -x ./quire ] || [ ! -x cgi-bin/quire.fcgi ]; then
	not_ok "prerequisites (run 'make all' and 'sh scripts/deps.sh test')" \
	    "missing:$missing"
	report feeds
	exit 1
fi

# ================================================================ 1. the oracle site

db=$tmp/hugo.db
import "of tests/hugo/site/content" --db "$db" "$hugo_site/content"
serve hugo "$db"
s=$srv
feed_base=$base
listings=(/ /posts/ /tags/go/ /tags/caf%C3%A9-cr%C3%A8me/ /tags/c%23/ /tags/c++/)
for listing in "${listings[@]}"; do
	label=$listing
	fetch
	feedcheck "$listing"
	# The listing's head links its own three feeds (PaperMod's
	# .AlternativeOutputFormats), each titled as the feed is.
	req "$s$listing"
	title=$(grep -o '<title>[^<]*</title>' "$tmp/f.atom" | head -n 1 |
	    sed 's/<title>//; s/<\/title>//')
	expect "$listing links its RSS, Atom and JSON feeds in <head>" \
	    "$(grep -o '<link rel="alternate" type="[^"]*" href="[^"]*" title="[^"]*">' "$tmp/body")" \
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"${listing}index.xml\" title=\"$title\">
<link rel=\"alternate\" type=\"application/atom+xml\" href=\"${listing}atom.xml\" title=\"$title\">
<link rel=\"alternate\" type=\"application/feed+json\" href=\"${listing}feed.json\" title=\"$title\">"
done
req "$s/posts/long-prose/"
expect "an article links the site's feeds" \
    "$(grep -o '<link rel="alternate" type="[^"]*" href="[^"]*"' "$tmp/body" | sed 's/.*href=//' | tr '\n' ' ')" \
    '"/index.xml" "/atom.xml" "/feed.json" '
for u in /tags/nope/atom.xml /tags/nope/feed.json /tags/hidden-draft-tag/atom.xml \
    /tags/hidden-draft-tag/feed.json /index.json /posts/long-prose/atom.xml; do
	req "$s$u"
	expect "$u answers 404" "$code" 404
done

# Caching: the same validators and conditional GET as every page; HEAD.
for u in /atom.xml /feed.json /tags/go/atom.xml /posts/feed.json; do
	req "$s$u"
	etag=$(hdr ETag)
	len=$(hdr Content-Length)
	type=$(hdr Content-Type)
	size=$(wc -c <"$tmp/body" | tr -d ' ')
	expect_re "$u has an ETag and Last-Modified" "$etag|$(hdr Last-Modified)" '^"[^"]+"\|.+GMT$'
	expect "$u: Content-Length is the body's" "$len" "$size"
	req "$s$u" -H "If-None-Match: $etag"
	expect "$u with If-None-Match: its ETag answers 304, no body" \
	    "$code $(wc -c <"$tmp/body" | tr -d ' ')" "304 0"
	req "$s$u" -H 'If-None-Match: "other"'
	expect "$u with another ETag answers 200" "$code" 200
	# curl -I writes the headers where the body would go: nothing else.
	req "$s$u" -I
	expect "HEAD $u: 200, the GET's Content-Type and Content-Length, no body" \
	    "$code|$(hdr Content-Type)|$(hdr Content-Length)|$(cmp -s "$tmp/hdr.raw" "$tmp/body" && echo none)" \
	    "200|$type|$len|none"
done

req "$s/sitemap.xml"
expect "the sitemap lists no feed (atom.xml, feed.json, index.xml)" \
    "$code $(grep -cE 'atom\.xml|feed\.json|index\.xml' "$tmp/body")" "200 0"

# ================================================================ 2. rssLimit, full text

vdb=$tmp/variant.db
{ cat "$hugo_site/hugo.yaml"; echo 'rssLimit: 5'; } >"$tmp/limit5.yaml"
import "with rssLimit: 5" --db "$vdb" --config "$tmp/limit5.yaml" "$hugo_site/content"
serve variant "$vdb"
for listing in / /tags/go/; do
	label="rssLimit 5, $listing"
	fetch
	feedcheck "$label" 5
done
awk '{ print } /^params:/ { print "  ShowFullTextinRSS: true" }' \
    "$hugo_site/hugo.yaml" >"$tmp/fulltext.yaml"
import "with params.ShowFullTextinRSS: true" --db "$vdb" --config "$tmp/fulltext.yaml" "$hugo_site/content"
for listing in / /posts/; do
	label="full text, $listing"
	fetch
	expect "$label: every entry and item carries the body" \
	    "$(grep -c '<content type="html">' "$tmp/f.atom") $(grep -c '"content_html"' "$tmp/f.json")" \
	    "$(grep -c '<content:encoded>' "$tmp/f.rss") $(grep -c '<content:encoded>' "$tmp/f.rss")"
	feedcheck "$label"
done

# The hostile site: markup and quotes in every field, with full text.
hdb=$tmp/hostile.db
awk '{ print } /^params:/ { print "  ShowFullTextinRSS: true" }' \
    "$hostile/hugo.yaml" >"$tmp/hostile-full.yaml"
import "of the hostile site, full text" --db "$hdb" --config "$tmp/hostile-full.yaml" "$hostile/content"
serve hostile "$hdb"
feed_base=http://localhost	# the hostile site names no baseURL
for listing in / /posts/; do
	label="hostile, $listing"
	fetch
	feedcheck "$label"
	expect "$label: no raw <script from content in the Atom feed" \
	    "$(grep -ci '<script' "$tmp/f.atom")" 0
done

# ================================================================ 3. authors, lastmod, categories

site=$tmp/people
mkdir -p "$site/content/posts"
cat >"$site/hugo.yaml" <<'EOF'
baseURL: http://example.org/
title: People
languageCode: fr
EOF
cat >"$site/content/posts/ann.md" <<'EOF'
---
title: "Ann's note, line\u2028separated"
date: 2024-03-01T10:00:00+01:00
lastmod: 2024-05-02T08:30:00Z
author: Ann
tags: [Go, notes]
categories: [Essays]
---
Ann writes.
EOF
cat >"$site/content/posts/bob.md" <<'EOF'
---
title: Nobody's post
date: 2024-04-01
categories: [Essays]
---
No author here.
EOF
pdb=$tmp/people.db
import "of a site with authors, lastmod and categories" --db "$pdb" "$site/content"
serve people "$pdb"
people_srv=$srv
feed_base=$base
for listing in / /posts/ /categories/essays/ /tags/go/; do
	label="people, $listing"
	fetch
	feedcheck "$label"
done
listing=/categories/essays/
label="people"
fetch
expect "Atom: the site has no author, an entry lacks one: the feed's author is the site title" \
    "$(sed -n '/<entry>/q; s/.*<author><name>\(.*\)<\/name><\/author>.*/\1/p' "$tmp/f.atom")" "People"
expect "Atom: an entry with an author names it" \
    "$(grep -c '<author><name>Ann</name></author>' "$tmp/f.atom")" 1
expect "Atom: updated is the lastmod, published the date" \
    "$(grep -A6 'posts/ann/' "$tmp/f.atom" | grep -oE '<(published|updated)>[^<]*' | tr '\n' ' ')" \
    "<published>2024-03-01T10:00:00+01:00 <updated>2024-05-02T08:30:00+00:00 "
expect "Atom: the language is xml:lang" "$(grep -c '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">' "$tmp/f.atom")" 1
"$py" - "$tmp/f.json" >"$tmp/json.out" 2>&1 <<'EOF'
import json, sys
f = json.load(open(sys.argv[1], encoding="utf-8"))
ann = [i for i in f["items"] if i["url"].endswith("/posts/ann/")][0]
print(f.get("language"), "authors" in f, ann["authors"], ann["date_modified"],
      ann["tags"], ann["title"] == "Ann's note, line\u2028separated")
EOF
expect "JSON Feed: language, no feed authors, Ann's authors, date_modified, tags, a U+2028 title" \
    "$(cat "$tmp/json.out")" \
    "fr False [{'name': 'Ann'}] 2024-05-02T08:30:00+00:00 ['Go', 'notes'] True"
expect "JSON Feed: U+2028 is written as \\u2028" "$(grep -c 'line\\u2028separated' "$tmp/f.json")" 1

# ================================================================ 3b. PaperMod's feed and footer

# What PaperMod (its rss.xml and footer.html, at the commit
# tests/hugo/README.md names) writes beyond Hugo's own RSS template,
# checked against Hugo 0.111.3 building this site with it: the first of
# the site's images as the channel's <image>; no item for a page of
# layout search or archives; the copyright, as written in the feed and
# markdownified in every page's footer; a language's own copyright and
# params.images in its pages.
site=$tmp/papermod
mkdir -p "$site/content/posts"
cat >"$site/hugo.yaml" <<'EOF'
baseURL: https://e.org/
title: T
copyright: "© 2024 [Me](https://me.example) *all* rights"
params:
  images: ["img/site.png", "img/two.png"]
languages:
  en:
    weight: 1
  fr:
    weight: 2
    copyright: "© Moi"
    params:
      images: [img/fr.png]
EOF
printf -- '---\ntitle: A\ndate: 2024-01-02\n---\nBody text here.\n' >"$site/content/posts/a.md"
printf -- '---\ntitle: B\ndate: 2024-01-03\n---\nCorps.\n' >"$site/content/posts/b.fr.md"
printf -- '---\ntitle: Search\nlayout: search\n---\n' >"$site/content/search.md"
printf -- '---\ntitle: Archive\nlayout: archives\ndate: 2025-01-01\n---\n' >"$site/content/archives.md"
pmdb=$tmp/papermod.db
import "of a PaperMod site with a copyright, images, search and archives" --db "$pmdb" "$site"
serve papermod "$pmdb"
feed_base=https://e.org
listing=/
label="papermod, /"
fetch
feedcheck "$label"
expect "RSS: the channel's image is the first of params.images, made absolute" \
    "$(tr -d '\n ' <"$tmp/f.rss" | grep -o '<image>.*</image>')" \
    "<image><title>T</title><url>https://e.org/img/site.png</url><link>https://e.org/img/site.png</link></image>"
expect "RSS: the copyright as written" \
    "$(grep -o '<copyright>.*</copyright>' "$tmp/f.rss")" \
    "<copyright>© 2024 [Me](https://me.example) *all* rights</copyright>"
expect "Atom: the copyright is the feed's rights" \
    "$(grep -o '<rights>.*</rights>' "$tmp/f.atom")" \
    "<rights>© 2024 [Me](https://me.example) *all* rights</rights>"
expect "RSS, Atom and JSON Feed list no search or archives page (PaperMod's rss.xml)" \
    "$(grep -c 'e\.org/search/\|e\.org/archives/' "$tmp/f.rss" "$tmp/f.atom" "$tmp/f.json" | tr '\n' ' ') $(grep -c 'e\.org/posts/a/' "$tmp/f.rss")" \
    "$tmp/f.rss:0 $tmp/f.atom:0 $tmp/f.json:0  2"
req "$srv/"
expect "the footer shows the copyright markdownified" \
    "$(sed -n '/<footer class="footer">/{n;p}' "$tmp/body")" \
    '<span>© 2024 <a href="https://me.example">Me</a> <em>all</em> rights</span> &middot; <span>Powered by quire</span>'
req "$srv/fr/"
expect "a language's own copyright in its pages' footer" \
    "$(sed -n '/<footer class="footer">/{n;p}' "$tmp/body")" \
    '<span>© Moi</span> &middot; <span>Powered by quire</span>'
expect "a language's own params.images: its pages' og:image" \
    "$(grep -o '<meta property="og:image"[^>]*>' "$tmp/body")" \
    '<meta property="og:image" content="https://e.org/img/fr.png">'
req "$srv/fr/index.xml"
expect "a language's own params.images: its feeds' image" \
    "$(grep -o '<url>[^<]*</url>' "$tmp/body")" "<url>https://e.org/img/fr.png</url>"
# The people site's server, still running (a second serve of one name
# would leave the first behind).
srv=$people_srv
req "$srv/"
expect "no copyright: the footer shows the year and the site's title" \
    "$(sed -n '/<footer class="footer">/{n;p}' "$tmp/body")" \
    "<span>&copy; $(date -u +%Y) <a href=\"/\">People</a></span> &middot; <span>Powered by quire</span>"

# ================================================================ 4. invalid UTF-8 in the database

# The importer refuses files that are not UTF-8; a damaged database may
# still hold such bytes: the JSON Feed stays valid, with U+FFFD.
bdb=$tmp/broken.db
cp "$pdb" "$bdb"
sqlite3 "$bdb" "UPDATE page_card SET summary = CAST(x'41ff42c3' AS TEXT),
    title = CAST(x'4e6f626f6479e2' AS TEXT) WHERE url = '/posts/bob/'" 2>"$tmp/sqlite.err"
cond_rc "a page's title and summary are set to invalid UTF-8" $? "$tmp/sqlite.err"
serve broken "$bdb"
req "$srv/feed.json"
"$py" -c 'import json, sys
f = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
bob = [i for i in f["items"] if i["url"].endswith("/posts/bob/")][0]
print(bob["title"], bob["content_text"])' "$tmp/body" >"$tmp/json.out" 2>&1
expect "invalid UTF-8 in the database: /feed.json is valid JSON, the bytes are U+FFFD" \
    "$code $(cat "$tmp/json.out")" "200 Nobody$(printf '\xef\xbf\xbd') A$(printf '\xef\xbf\xbd')B$(printf '\xef\xbf\xbd')"

# U+FFFE and U+FFFF are valid UTF-8 but no XML character: a title or
# body holding them (a TOML escape, a raw byte run) still gives
# well-formed feeds (the escaper writes U+FFFD).
mkdir -p "$tmp/nonchar/content/posts"
printf -- '+++\ntitle = "a\\uFFFEb"\ndate = 2024-01-01\n+++\nbody \357\277\277 here\n' \
    >"$tmp/nonchar/content/posts/a.md"
./quire import -q --db "$tmp/nonchar.db" "$tmp/nonchar/content" >/dev/null 2>&1
for f in index.xml atom.xml; do
	env -i QUIRE_DB="$tmp/nonchar.db" REQUEST_METHOD=GET REQUEST_URI=/$f \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | sed '1,/^\r$/d' >"$tmp/nc.xml"
	xmllint --noout "$tmp/nc.xml" 2>"$tmp/nc.err"
	cond "/$f stays well-formed with U+FFFE and U+FFFF in a post" \
	    "$(cat "$tmp/nc.err")" $?
done

report feeds
