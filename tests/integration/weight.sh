#!/usr/bin/env bash
# Weight: front-matter weight orders what a reader sees as in Hugo 0.111
# (weight first, an unset one last, then date newest first, title,
# file): every page of the home, section, nested section and term
# listings, the feeds' items (and which rssLimit keeps), PaperMod's
# prev/next links and the archives, compared with Hugo 0.111.3 +
# PaperMod's build of tests/hugo/weight (tests/golden/hugo-weight.tsv,
# written by tests/hugo/gen-golden-weight.sh) under hugo.yaml and with
# rssLimit: 4; a value Hugo changes is a warning naming FILE:LINE; a
# weight edited is a new place in every list at the next import.
# Closes with "weight: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin weight

site=$tmp/site
cp -r "$top/tests/hugo/weight" "$site"
golden=$top/tests/golden/hugo-weight.tsv
rows_py=$top/tests/hugo/weight-rows.py

# save ROUTE FILE: the worker's 200 answer for ROUTE (CGI) into FILE;
# fails on any other status.
save() {
	cgi "$1" >"$tmp/answer"
	head -n 1 "$tmp/answer" | grep -q '^Status: 200' || return 1
	mkdir -p "$(dirname "$2")"
	sed '1,/^\r*$/d' "$tmp/answer" >"$2"
}

# tree CONFIG DIR: what weight-rows.py reads, served by the worker from
# $db and laid out as Hugo's public/: every page of each listing (until
# one answers other than 200), each feed, each post the golden rows of
# CONFIG name, the archives.
tree() {
	local r n route
	for r in $(python3 "$rows_py" --lists); do
		n=1 route=$r
		while save "$route" "$2${route}index.html"; do
			n=$((n + 1))
			route=${r}page/$n/
		done
	done
	for r in $(python3 "$rows_py" --feeds); do
		save "$r" "$2$r"
	done
	for r in $(awk -F'\t' -v c="$1" '$1 == c && $2 == "nav" { print $3 }' \
	    "$golden"); do
		save "$r" "$2${r}index.html"
	done
	save /archives/ "$2/archives/index.html"
}

# Hugo merges limit.yaml over hugo.yaml; quire reads one file.
cat "$site/hugo.yaml" "$site/limit.yaml" >"$tmp/limit.yaml"
for config in hugo.yaml limit.yaml; do
	db=$tmp/${config%.yaml}.db
	conf=$site/hugo.yaml
	[ "$config" = hugo.yaml ] || conf=$tmp/limit.yaml
	"$top/quire" import --db "$db" --config "$conf" "$site" \
	    >"$tmp/log-$config" 2>&1
	cond_rc "$config: the fixture imports" $? "$tmp/log-$config"
	tree "$config" "$tmp/tree-$config"
	got=$(python3 "$rows_py" "$config" "$tmp/tree-$config" 2>&1)
	want=$(awk -F'\t' -v c="$config" '$1 == c' "$golden")
	expect "$config: listings, their pages, feeds, prev/next and archives in Hugo's order" \
	    "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))" ""
done

# Hugo reads 2.7 as 2, "abc" as 0 and true as 1, and says nothing:
# quire warns, naming the file and line.
expect "each weight Hugo reads as another value is a warning at FILE:LINE" \
    "$(grep -o "content/posts/[a-z]*\.md:[0-9]*: 'weight' [^:]*:" \
    "$tmp/log-hugo.yaml" | LC_ALL=C sort | tr '\n' '|')" \
    "content/posts/i.md:4: 'weight' is not a whole number:|content/posts/j.md:4: 'weight' is not an integer:|content/posts/k.md:4: 'weight' is a boolean:|"
expect "no other page's weight is warned about" \
    "$(grep -c "'weight'" "$tmp/log-hugo.yaml")" 3

# A weight edited moves the page in every list at the next import (its
# card and its rows of each term are written again): the oldest post
# (c, weight 1 in the tag nginx) weighted -9 leads the home listing, the
# section, the tag and the feeds, and the post before it in the order
# links it as next.
db=$tmp/hugo.db
sed -i 's/^weight: 1$/weight: -9/' "$site/content/posts/c.md"
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-edit" 2>&1
cond_rc "the edited fixture imports" $? "$tmp/log-edit"
first() { cgi "$1" | grep -o -m 1 "$2" | sed 's/.*"\([^"]*\)"$/\1/; s/.*<link>//'; }
for r in / /posts/ /tags/nginx/; do
	expect "the post weighted -9 leads $r" \
	    "$(first "$r" 'class="entry-link"[^>]*href="[^"]*"')" /posts/c/
done
for r in /index.xml /posts/index.xml /tags/nginx/index.xml; do
	expect "the post weighted -9 is the first item of $r" \
	    "$(cgi "$r" | tr -d '\n' | grep -o '<item>[^<]*<title>[^<]*</title>[^<]*<link>[^<]*' |
	    head -n 1 | sed 's/.*<link>http:\/\/example\.org//')" /posts/c/
done
expect "it has no newer post, and the post weighted -5 is its next" \
    "$(cgi /posts/c/ | grep -o 'class="\(prev\|next\)" href="[^"]*"' |
    sed 's/.*href="//; s/"$//; s|^http://example\.org||' | tr '\n' ' ')" "/posts/deep/v/ "
expect "the archives keep their date order" \
    "$(cgi /archives/ | grep -o 'class="entry-link"[^>]*href="[^"]*"' |
    tail -n 2 | sed 's/.*href="//; s/"$//' | tr '\n' ' ')" "/posts/deeper/z/ /posts/deep/v/ "
# (card_drift counts the nested sections' cards, dated by their pages.)
expect "each page_term row holds its card's weight order after the edit" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM page_term t LEFT JOIN
    page_card c ON c.page_id = t.page_id WHERE c.worder IS NOT t.worder")" 0

report weight
