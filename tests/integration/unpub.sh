#!/usr/bin/env bash
# What Hugo 0.111 does not publish stays unpublished: the fixture
# tests/hugo/unpub (front matter _build render/list/publishResources,
# headless bundles (and a headless page, which Hugo publishes), a
# section's cascade of _build, ignoreFiles, editors' #name and name~
# files) against Hugo's own answers
# (tests/golden/hugo-unpub.tsv, gen-golden-unpub.sh), through the CGI
# worker:
#   - every page quire stored answers 200 exactly when Hugo wrote it,
#     and every file of a bundle is published exactly when Hugo's is;
#   - each listing, feed, the sitemap, search and each post's navigation
#     hold the pages Hugo's do, less those Hugo lists but does not write
#     (render: never or link; quire lists nowhere what it does not
#     serve, with a warning naming the file and line);
#   - an ignoreFiles pattern PCRE2 cannot compile is an error naming the
#     file, line and key, and the live database stays as it was.
# Closes with "unpub: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin unpub

site=$top/tests/hugo/unpub
golden=$top/tests/golden/hugo-unpub.tsv
db=$tmp/u.db

# rows WHAT [AT]: the URL column of Hugo's rows of kind WHAT (at AT),
# only those of pages Hugo writes, sorted.
rows() {
	awk -F'\t' -v w="$1" -v at="${2-}" '
	FNR == NR { if ($1 == "page") written[$2] = 1; next }
	$1 != w || (at != "" && $2 != at) { next }
	w == "sitemap" || w == "search" { u = $2 }
	w != "sitemap" && w != "search" { u = $3 }
	u in written { print u }' "$golden" "$golden" | LC_ALL=C sort
}
hugo_wrote() { grep -qxF "page	$1" "$golden"; }
paths() { sed 's|^http://example.org||' | LC_ALL=C sort; }
status() { cgi "$1" | head -n 1 | tr -d '\r'; }

"$top/quire" import --db "$db" --base-url http://example.org/ "$site" \
    >"$tmp/log" 2>&1
cond_rc "the site imports" $? "$tmp/log"
expect "render: never on a listed page warns, naming its line" \
    "$(grep -c "^warning: $site/content/misc/rnever.md:5: _build render: never with list: always" "$tmp/log")" 1
expect "headless on a page that is no bundle warns that it is published" \
    "$(grep -c "^warning: $site/content/posts/headless-page.md:4: headless is read on a leaf bundle's index.md only" "$tmp/log")" 1
expect "render: link warns likewise" \
    "$(grep -c "^warning: $site/content/misc/rlink.md:5: _build render: link with list: always" "$tmp/log")" 1

# Every page quire read: served exactly when Hugo wrote it. (The ignored
# files are none of them, or served when they should not be.)
bad=
while IFS=$'\t' read -r src url; do
	got=$(status "$url")
	if hugo_wrote "$url"; then want='Status: 200 OK'; else want='Status: 404 Not Found'; fi
	[ "$got" = "$want" ] || bad="$bad $src:$url:$got"
done < <(sqlite3 -separator $'\t' "$db" "SELECT source, url FROM page ORDER BY source")
expect "each page answers 200 exactly when Hugo 0.111 writes it" "$bad" ""
expect "ignoreFiles, #name and name~ leave files unread" \
    "$(sqlite3 "$db" "SELECT source FROM page WHERE source LIKE '%.private.%' OR
        source LIKE '%wip%' OR source LIKE '%scratchpad%' OR source LIKE '%#%' OR
        source LIKE '%~'")" ""
expect "a bundle's files are Hugo's (headless: yes; publishResources false, ignoreFiles, name~: no)" \
    "$(sqlite3 "$db" "SELECT url FROM file WHERE source LIKE 'content/%'" | LC_ALL=C sort)" \
    "$(awk -F'\t' '$1 == "file" { print $2 }' "$golden" | LC_ALL=C sort)"
for f in $(awk -F'\t' '$1 == "file" { print $2 }' "$golden"); do
	expect "$f is served" "$(status "$f")" 'Status: 200 OK'
done

# Listings and feeds: each list Hugo writes a feed for (home, sections,
# terms).
for at in $(awk -F'\t' '$1 == "feed" { print $2 }' "$golden" | sort -u); do
	expect "$at lists Hugo's pages" "$(entries "$at" | tr ' ' '\n' |
	    grep -v '^$' | LC_ALL=C sort)" "$(rows list "$at")"
	body "${at}index.xml" >"$tmp/feed.xml"
	expect "${at}index.xml holds Hugo's items" \
	    "$(items "$tmp/feed.xml" | cut -f1 | paths)" "$(rows feed "$at")"
done
# The sitemap: of quire's pages, those Hugo names there.
body /sitemap.xml | grep -o '<loc>[^<]*' | sed 's/<loc>//' | paths \
    >"$tmp/sitemap"
want=
got=
while read -r url; do
	grep -qxF "$url" "$tmp/sitemap" && got="$got $url"
	rows sitemap | grep -qxF "$url" && want="$want $url"
done < <(sqlite3 "$db" "SELECT url FROM page ORDER BY url")
expect "the sitemap names the pages Hugo's does" "$got" "$want"
# Search: every page says "page"; PaperMod's index holds RegularPages.
expect "search finds the pages PaperMod's index holds" \
    "$(body '/search/?q=page' | grep -o 'class="entry-link"[^>]*href="[^"]*"' |
        sed 's/.*href="//; s/"$//' | LC_ALL=C sort)" "$(rows search)"
# Each page's PaperMod navigation: Hugo's Next (newer) is « Prev.
while IFS= read -r row; do
	[ "${row%%$'\t'*}" = nav ] || continue
	url=$(printf '%s' "$row" | cut -f2)
	b=$(body "$url")
	expect "$url: newer and older posts are Hugo's" \
	    "$(printf '%s' "$b" | sed -n 's/.*<a class="prev" href="\([^"]*\)".*/\1/p')|$(printf '%s' "$b" |
	        sed -n 's/.*<a class="next" href="\([^"]*\)".*/\1/p')" \
	    "$(printf '%s' "$row" | cut -f3)|$(printf '%s' "$row" | cut -f4)"
done <"$golden"

# A pattern PCRE2 cannot compile: FILE:LINE naming the key; the live
# database is untouched.
cp -r "$site" "$tmp/bad"
sed -i "s/^  - '\\^notes\/'$/&\n  - '(unclosed'/" "$tmp/bad/config.yaml"
line=$(grep -n 'unclosed' "$tmp/bad/config.yaml" | cut -d: -f1)
sum=$(sha256sum <"$db")
out=$("$top/quire" import --db "$db" "$tmp/bad" 2>&1)
expect "a bad ignoreFiles pattern fails the import" "$?" 1
expect_re "and names the file, line and key" "$out" \
    "^$tmp/bad/config.yaml:$line: 'ignoreFiles': \\(unclosed: "
expect "the live database is unchanged" "$(sha256sum <"$db")" "$sum"

report unpub
