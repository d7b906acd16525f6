#!/usr/bin/env bash
# A blog's images and links, against Hugo 0.111's build of the fixture
# tests/hugo/sitelinks (served under /blog/: a bundle's images and PDF, the
# static/ tree, a theme's static/; tests/golden/hugo-sitelinks*, written by
# tests/hugo/gen-golden-sitelinks.sh): on every page Hugo writes, quire's
# page shows each same-site image and link of Hugo's content, and every
# image or link whose target Hugo's build serves answers 200, as
# tests/hugo/compare-sites.sh measures it on real blogs (its links.py).
# Closes with "sitelinks: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin sitelinks

golden=$top/tests/golden/hugo-sitelinks.tsv
served=$top/tests/golden/hugo-sitelinks-served.txt
db=$tmp/s.db
"$top/quire" import --db "$db" "$top/tests/hugo/sitelinks" >"$tmp/log" 2>&1
cond_rc "the fixture imports" $? "$tmp/log"

# Every page Hugo writes (a URL ending in /), as the worker answers it.
mkdir -p "$tmp/pages" "$tmp/none"
: >"$tmp/pages.tsv"
bad=""
n=0
while IFS= read -r u; do
	n=$((n + 1))
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$u" \
	    "$top/cgi-bin/quire.fcgi" </dev/null >"$tmp/pages/$n.html" 2>/dev/null
	st=$(sed -n '1s/\r$//p' "$tmp/pages/$n.html")
	[ "$st" = "Status: 200 OK" ] || bad="$bad $u:$st"
	printf '%s\t%s\n' "$u" "$tmp/pages/$n.html" >>"$tmp/pages.tsv"
done < <(grep '/$' "$served")
expect "every page Hugo writes answers 200 ($n)" "${bad# }" ""

res=$(LINKS_REFS="$tmp/refs.tsv" QUIRE_FCGI="$top/cgi-bin/quire.fcgi" QUIRE_DB="$db" \
    python3 "$top/tests/hugo/compare-sites/links.py" "$tmp/pages.tsv" \
    http://127.0.0.1:8080/blog/ "$tmp/none" "$served" "$top/static" 20 "$tmp/examples.txt")
cond "links.py runs" "$res" $?
read -r img_hugo img_other img_all links_hugo links_other links_own links_all <<<"$res"
expect "no broken image whose target Hugo's build serves (of ${img_all:-?})" \
    "${img_hugo:-?} $(sed -n '/^== broken images Hugo/,/^==/p' "$tmp/examples.txt" | grep -v '^==')" "0 "
expect "no broken link whose target Hugo's build serves (of ${links_all:-?})" \
    "${links_hugo:-?} $(sed -n '/^== broken links whose/,/^==/p' "$tmp/examples.txt" | grep -v '^==')" "0 "
expect "quire's own stylesheet and scripts answer 200 under /blog/" \
    "${links_own:-?} $(sed -n '/^== broken links to quire/,/^==/p' "$tmp/examples.txt" | grep -v '^==')" "0 "

# Hugo's content's images and links, seen on quire's page of each.
missing=$(LC_ALL=C comm -23 <(tail -n +2 "$golden" | cut -f1-3 | LC_ALL=C sort) \
    <(cut -f1-3 "$tmp/refs.tsv" | LC_ALL=C sort))
expect "quire's pages show every same-site image and link of Hugo's content" "$missing" ""
expect "each of them that Hugo's build serves answers 200 from quire" \
    "$(awk -F'\t' 'NR == FNR { if ($4 == "1") want[$1 "\t" $2 "\t" $3] = 1; next }
        ($1 "\t" $2 "\t" $3) in want && $4 != "200"' "$golden" "$tmp/refs.tsv")" ""
expect "an image Hugo's build does not serve either is the author's (img-other)" \
    "${img_other:-?}" "$(awk -F'\t' '$2 == "img" && $4 == "0" { print $3 }' "$golden" | sort -u | wc -l)"
report sitelinks
