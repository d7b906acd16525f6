#!/usr/bin/env bash
# Integration tests: real nginx + spawn-fcgi + quire.fcgi against databases
# imported from the Hugo oracle fixtures (tests/hugo/site) and the fixtures in
# tests/fixtures/. Run from the repository root after `make all`:
#     bash tests/integration/run.sh
# Prints one `ok - ...` / `not ok - ... (got: ...)` line per check, then
# `integration: N passed, M failed`; exits 1 when anything failed.
# Needs bash, coreutils, curl, grep, sed, awk, nginx, spawn-fcgi (no sqlite3
# CLI, no python). Expected figures come from tests/golden/*.tsv (Hugo's own).
# shellcheck disable=SC2317,SC2013  # trap functions; hrefs have no spaces
set -u

top=$(pwd)
golden=$top/tests/golden
hugo_content=$top/tests/hugo/site/content
hostile_content=$top/tests/fixtures/hostile/content
bad=$top/tests/fixtures/bad
base_url=http://127.0.0.1/

. "$(dirname "$0")/lib.sh"
suite_begin it

# ---------------------------------------------------------------- reporting

# site_links: the href/src values of $tmp/body that point somewhere on a
# site (not "#fragment" links, and absolute ones made relative to the host).
site_links() {
	grep -oE '(href|src)="[^"]*"' "$tmp/body" | grep -vE '^(href|src)="#' |
	    sed -E 's#^((href|src)=")https?://[^/"]*#\1#'
}

finish() {
	echo "integration: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

# ---------------------------------------------------------------- HTTP

body_size() { wc -c <"$tmp/body" | tr -d ' '; }
is_html() { grep -qi '<html' "$tmp/body" && hdr Content-Type | grep -qi '^text/html'; }

# Escapes text as the worker's html_text does.
esc() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
	    -e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}

# entries FILE...: one line per listing entry: url TAB truncated TAB footer
# (tags stripped) TAB title (as in the HTML).
entries() {
	awk '
	/<article class="post-entry( tag-entry)?">/ { in_e = 1; t = "false"; f = ""; u = ""; h = "" }
	in_e && / \.\.\.<\/p>/ { t = "true" }
	in_e && /<footer class="entry-footer">/ {
		f = $0; sub(/.*<footer class="entry-footer">/, "", f)
		sub(/<\/footer>.*/, "", f); gsub(/<[^>]*>/, "", f)
	}
	in_e && /<h2 class="entry-hint-parent">/ {
		h = $0; sub(/.*<h2 class="entry-hint-parent">/, "", h)
		sub(/<\/h2>.*/, "", h)
	}
	in_e && /class="entry-link"/ {
		u = $0; sub(/.*href="/, "", u); sub(/".*/, "", u)
	}
	in_e && /<\/article>/ { print u "\t" t "\t" f "\t" h; in_e = 0 }
	' "$@"
}


# ---------------------------------------------------------------- prerequisites

missing=
for c in curl nginx spawn-fcgi awk sha256sum; do
	command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || missing="$missing $c"
done
if [ -n "$missing" ] || [ ! -x ./quire ] || [ ! -x cgi-bin/quire.fcgi ]; then
	not_ok "prerequisites (run 'make all' and 'sh scripts/deps.sh test')" \
	    "missing:$missing $( [ -x ./quire ] || echo ./quire) $( [ -x cgi-bin/quire.fcgi ] || echo cgi-bin/quire.fcgi)"
	finish
fi

# ================================================================ 1. import

# The first server's site is a copy of the oracle fixtures, so that section 9
# can edit and delete files (the source names under content/ are the same).
mkdir -p "$tmp/site"
cp -R "$top/tests/hugo/site/content" "$top/tests/hugo/site/hugo.yaml" "$tmp/site/"
db=$tmp/x.db
./quire import --db "$db" --base-url "$base_url" "$hugo_content" \
    >"$tmp/import.out" 2>&1
expect "import of tests/hugo/site/content exits 0" "$? $(cat "$tmp/import.out")" \
    "0 $(cat "$tmp/import.out")"
serve main "$db"
s=$srv

# Golden posts: file url words minutes truncated date title summary plain.
posts_tsv=$tmp/posts.tsv
tail -n +2 "$golden/hugo-posts.tsv" >"$posts_tsv"
nposts=$(wc -l <"$posts_tsv" | tr -d ' ')

# Expected listing order: newest first by the front-matter date as an instant
# (dates without a zone are in the site's timeZone, UTC).
while IFS=$'\t' read -r file url _; do
	d=$(awk '/^---/ { n++; next } n == 1 && /^date:/ { sub(/^date:[ \t]*/, ""); print; exit }' \
	    "$hugo_content/$file" | tr -d "\"'")
	printf '%s\t%s\n' "$(TZ=UTC date -d "$d" +%s)" "$url"
done <"$posts_tsv" | sort -k1,1nr | cut -f2 >"$tmp/order.expected"

# Expected entry per URL: url truncated footer title.
while IFS=$'\t' read -r file url words minutes trunc date title _; do
	author=martinuke0
	printf '%s\t%s\t%s\t%s\n' "$url" "$trunc" \
	    "$date&nbsp;·&nbsp;$minutes min&nbsp;·&nbsp;$words words&nbsp;·&nbsp;$author" \
	    "$(esc "$title")"
done <"$posts_tsv" | sort >"$tmp/entries.expected"

# ================================================================ 2. listing

req "$s/"
expect "GET / answers 200" "$code" 200
expect "GET / Content-Type is text/html; charset=utf-8" "$(hdr Content-Type)" \
    "text/html; charset=utf-8"
expect "GET / Content-Length equals the body size" "$(hdr Content-Length)" "$(body_size)"
expect "GET / has 10 post entries (paginate default)" \
    "$(grep -c '<article class="post-entry">' "$tmp/body")" 10
cp "$tmp/body" "$tmp/list-1.html"
expect_re "page 1 has a rel=\"next\" link to /page/2/" \
    "$(grep -o '<a [^>]*rel="next"[^>]*>' "$tmp/list-1.html")" 'href="/page/2/"'
expect "page 1 has no rel=\"prev\" link" "$(grep -c 'rel="prev"' "$tmp/list-1.html")" 0

npages=$(( (nposts + 9) / 10 ))
for n in $(seq 2 "$npages"); do
	req "$s/page/$n/"
	cp "$tmp/body" "$tmp/list-$n.html"
	expect "GET /page/$n/ answers 200" "$code" 200
done
expect_re "page 2 has a rel=\"prev\" link to /" \
    "$(grep -o '<a [^>]*rel="prev"[^>]*>' "$tmp/list-2.html")" 'href="/"'
[ "$npages" -gt 2 ] && expect_re "page 2 has a rel=\"next\" link to /page/3/" \
    "$(grep -o '<a [^>]*rel="next"[^>]*>' "$tmp/list-2.html")" 'href="/page/3/"'
expect "last page /page/$npages/ has no rel=\"next\"" \
    "$(grep -c 'rel="next"' "$tmp/list-$npages.html")" 0

lists=()
for n in $(seq 1 "$npages"); do lists+=("$tmp/list-$n.html"); done
entries "${lists[@]}" >"$tmp/entries.actual"
expect "the first entry of / is the newest post" \
    "$(head -n 1 "$tmp/entries.actual" | cut -f1)" "$(head -n 1 "$tmp/order.expected")"
expect "listings hold every public post once, newest first" \
    "$(cut -f1 "$tmp/entries.actual" | tr '\n' ' ')" "$(tr '\n' ' ' <"$tmp/order.expected")"

for u in /posts/2024/nested-post/ /posts/long-two-paras/ /posts/offset-late/; do
	want=$(grep -F "$u"$'\t' "$tmp/entries.expected" | cut -f3)
	got=$(grep -F "$u"$'\t' "$tmp/entries.actual" | cut -f3)
	expect "listing footer of $u is Hugo's ($want)" "$got" "$want"
done
# Documented differences from Hugo (README.md "Differences from Hugo",
# tests/unit/test-metrics.c): cmark-gfm has no definition lists, and
# Goldmark's typographer turns <<x>> into guillemets. Their word counts and
# reading times are left out of the comparison; everything else is checked.
known_words='/posts/definition-list/'
unknown() {
	awk -F '\t' -v OFS='\t' -v known=" $known_words " '
	index(known, " " $1 " ") > 0 {
		sub(/[0-9]+ min&nbsp;·&nbsp;[0-9]+ words/, "(known difference)", $3)
	}
	{ print }'
}
unknown <"$tmp/entries.expected" >"$tmp/entries.expected.k"
unknown <"$tmp/entries.actual" | sort >"$tmp/entries.sorted"
expect "every listing entry (title, date, min, words, truncation) matches Hugo's figures" \
    "$(diff "$tmp/entries.expected.k" "$tmp/entries.sorted" | grep '^[<>]' | head -n 6)" ""
ntrunc=$(cut -f5 "$posts_tsv" | grep -c '^true$')
expect "truncated summaries end with ' ...</p>' ($ntrunc in Hugo)" \
    "$(cat "${lists[@]}" | grep -c ' \.\.\.</p>')" "$ntrunc"
expect_re "a truncated summary (long-two-paras) ends with ' ...</p>'" \
    "$(awk '/<article class="post-entry">/{e=""} {e=e $0 "\n"} /href="\/posts\/long-two-paras\/"/{print e}' "$tmp/list-1.html" | grep '</p>')" \
    ' \.\.\.</p>$'

req "$s/page/1/"
expect "/page/1/ answers 301" "$code" 301
expect_re "/page/1/ Location is the listing (ends in /, not /page/1/)" \
    "$(hdr Location)" '^(https?://[^/]+)?/$'
req "$s/page/$((npages + 1))/"
expect "/page/$((npages + 1))/ (one past the last) answers 404" "$code" 404
for p in 0 abc 01 99999999999999999999 -1; do
	req "$s/page/$p/"
	is_html && h=html || h=not-html
	expect "/page/$p/ answers 404 with an HTML page" "$code $h" "404 html"
done

# ================================================================ 3. articles

mkdir -p "$tmp/pages"
# page_file URL: the cached body of a page of the main server.
page_file() { printf '%s/pages/%s.html' "$tmp" "$(printf '%s' "$1" | sha256sum | cut -c1-16)"; }
while IFS=$'\t' read -r file url _ _ _ _ title _; do
	req "$s$url"
	cp "$tmp/body" "$(page_file "$url")"
	t=$(esc "$title")
	problems=
	[ "$code" = 200 ] || problems="$problems status=$code"
	body_has '<div class="post-content">' || problems="$problems no-.post-content"
	grep -Eq "<h1 class=\"post-title[^\"]*\">" "$tmp/body" || problems="$problems no-h1.post-title"
	grep -qF -- ">$t</h1>" "$tmp/body" || problems="$problems title:$(grep -o '<h1 class="post-title[^<]*' "$tmp/body")"
	expect "Hugo URL $url: 200, .post-content, title in h1.post-title" "$problems" ""
done <"$posts_tsv"

for f in "$hugo_content"/posts/hidden-*.md; do
	name=$(basename "$f" .md)
	u=$(awk '/^---/ { n++; next } n == 1 && /^url:/ { sub(/^url:[ \t]*/, ""); print; exit }' "$f" | tr -d "\"'")
	sl=$(awk '/^---/ { n++; next } n == 1 && /^slug:/ { sub(/^slug:[ \t]*/, ""); print; exit }' "$f" | tr -d "\"'")
	[ -n "$u" ] || u=/posts/${sl:-$name}/
	title=$(awk '/^---/ { n++; next } n == 1 && /^title:/ { sub(/^title:[ \t]*/, ""); print; exit }' "$f" | tr -d "\"'")
	req "$s$u"
	expect "hidden post $name ($u) answers 404" "$code" 404
	if cat "${lists[@]}" | grep -qF -- "$title"; then found=listed; else found=absent; fi
	expect "hidden post $name is absent from the listings" "$found" absent
done

# ================================================================ 4. headings

grep -F "posts/headings.md	" "$posts_tsv" >/dev/null ||
    not_ok "posts/headings.md is in hugo-posts.tsv" missing
tail -n +2 "$golden/hugo-headings.tsv" | while IFS=$'\t' read -r file id _; do
	url=$(awk -F '\t' -v f="$file" '$1 == f { print $2 }' "$posts_tsv")
	pf=$(page_file "$url")
	content=$(sed -n '/<div class="post-content">/,$p' "$pf")
	toc=$(sed -n '/<div class="toc">/,/<div class="post-content">/p' "$pf")
	problems=
	printf '%s' "$content" | grep -qF -- "id=\"$id\"" || problems="$problems no-id"
	printf '%s' "$toc" | grep -qF -- "href=\"#$id\"" || problems="$problems no-toc-link"
	[ -z "$problems" ] || problems="$problems; ids here: $(printf '%s' "$content" | grep -o 'id="[^"]*"' | tr '\n' ' ')"
	expect "$url has heading id \"$id\" and a .toc link to it" "$problems" ""
done >"$tmp/headings.out"
cat "$tmp/headings.out"
pass=$((pass + $(grep -c '^ok' "$tmp/headings.out")))
fail=$((fail + $(grep -c '^not ok' "$tmp/headings.out")))

# ================================================================ 5. tags

req "$s/tags/"
cp "$tmp/body" "$tmp/tags.html"
expect "GET /tags/ answers 200" "$code" 200
tail -n +2 "$golden/hugo-tags.tsv" >"$tmp/tags.tsv"
ntags=$(wc -l <"$tmp/tags.tsv" | tr -d ' ')
expect "/tags/ lists $ntags tags (none from hidden posts)" \
    "$(grep -c '<sup><strong><sup>' "$tmp/tags.html")" "$ntags"
expect "/tags/ does not show hidden posts' tags" \
    "$(grep -o 'hidden-[a-z]*-tag' "$tmp/tags.html" | tr '\n' ' ')" ""
while IFS=$'\t' read -r name url count; do
	# Hugo writes c# as /tags/c#/, which no browser can request.
	url=${url//#/%23}
	line="<a href=\"$url\">$(esc "$name") <sup><strong><sup>$count</sup></strong></sup></a>"
	grep -qF -- "$line" "$tmp/tags.html"
	cond "/tags/ lists $name at $url with count $count" \
	    "$(grep -F -- ">$(esc "$name") <sup>" "$tmp/tags.html")" $?
	req "$s$url"
	cp "$tmp/body" "$tmp/tag.html"
	shown=$(entries "$tmp/tag.html" | cut -f1)
	n=$(printf '%s' "$shown" | grep -c .)
	problems=
	[ "$code" = 200 ] || problems="status=$code"
	[ "$n" = "$count" ] || problems="$problems entries=$n"
	for pu in $shown; do
		pf=$(page_file "$pu")
		if [ ! -s "$pf" ] || ! sed -n '/<ul class="post-tags">/,/<\/ul>/p' "$pf" |
		    grep -qF -- "href=\"$url\""; then
			problems="$problems $pu-lacks-tag"
		fi
	done
	expect "tag page $url: 200, $count entries, each post has the tag" "$problems" ""
done <"$tmp/tags.tsv"
req "$s/tags/caf%C3%A9-cr%C3%A8me/"
expect "/tags/caf%C3%A9-cr%C3%A8me/ answers 200" "$code" 200
req "$s/tags/c%23/"
expect "/tags/c%23/ answers 200" "$code" 200
req "$s/tags/nope/"
is_html && h=html || h=not-html
expect "/tags/nope/ answers 404 with an HTML page" "$code $h" "404 html"
req "$s/tags/hidden-draft-tag/"
expect "/tags/hidden-draft-tag/ (only on a draft) answers 404" "$code" 404
req "$s/tags/go/page/1/"
expect "/tags/go/page/1/ answers 301 to /tags/go/" "$code $(hdr Location)" "301 /tags/go/"
req "$s/tags/go/page/2/"
expect "/tags/go/page/2/ (7 posts, one page) answers 404" "$code" 404

# ================================================================ 6. HTTP

req "$s/posts/headings"
expect "/posts/headings answers 301 to /posts/headings/" "$code $(hdr Location)" \
    "301 /posts/headings/"
req "$s/tags"
expect "/tags answers 301 to /tags/" "$code $(hdr Location)" "301 /tags/"
req "$s/posts/headings?a=1&b=x%20y"
expect "/posts/headings?a=1&b=x%20y keeps its query in the 301" \
    "$code $(hdr Location)" "301 /posts/headings/?a=1&b=x%20y"
req "$s/" -X POST -d x=1
expect "POST / answers 405 with Allow: GET, HEAD" "$code $(hdr Allow)" "405 GET, HEAD"
req "$s/posts/headings/" -X DELETE
expect "DELETE /posts/headings/ answers 405 with Allow: GET, HEAD" \
    "$code $(hdr Allow)" "405 GET, HEAD"
got=$(curl -s --max-time 10 -I -o /dev/null -D "$tmp/hdr.raw" \
    -w '%{http_code} size=%{size_download}' "$s/" 2>/dev/null)
tr -d '\r' <"$tmp/hdr.raw" >"$tmp/hdr"
expect "HEAD / answers 200 with headers and an empty body" \
    "$got $(hdr Content-Type)" "200 size=0 text/html; charset=utf-8"
req "$s/no/such/page/"
is_html && h=html || h=not-html
expect "unknown path answers 404 with an HTML page" "$code $h" "404 html"
req "$s/%zz/"
expect "/%zz/ answers 400" "$code" 400
req "$s/a%00b/"
expect "/a%00b/ answers 400" "$code" 400
req "$s/posts/%2e%2e/etc/passwd"
expect_re "/posts/%2e%2e/etc/passwd answers 400 or 404" "$code" '^(400|404)$'
req "$s/posts/../etc/passwd"
expect_re "/posts/../etc/passwd answers 400 or 404, never 200" \
    "$code $(grep -c 'root:' "$tmp/body")" '^(400|404) 0$'
long=/$(head -c 9000 /dev/zero | tr '\0' a)/
req "$s$long"
expect_re "a 9000-byte path answers 4xx (414 ideally)" "$code" '^4[0-9][0-9]$'
# nginx's own answers carry the worker's security headers, once each.
sec() { grep -ciE '^(Content-Security-Policy|X-Content-Type-Options|Referrer-Policy):' "$tmp/hdr"; }
expect "nginx's own $code carries CSP, nosniff and Referrer-Policy" "$(sec)" 3
req "$s/css/quire.css"
expect "so does the stylesheet nginx serves" "$code $(hdr X-Content-Type-Options) $(sec)" "200 nosniff 3"
req "$s/"
expect "and the worker's page, once each" "$code $(sec)" "200 3"
req "$s/$(head -c 3000 /dev/zero | tr '\0' b)/"
expect "a 3000-byte path reaches the worker: 404" "$code" 404
req "$s/"
expect "the worker still answers / with 200 after all of that" "$code" 200

# ================================================================ 7. escaping + 9a. 503

hdb=$tmp/hostile.db
serve hostile "$hdb"
h=$srv
req "$h/"
is_html && ht=html || ht=not-html
expect "a missing database: / answers 503 with an HTML page" "$code $ht" "503 html"
./quire import --db "$hdb" --base-url "$base_url" "$hostile_content" >"$tmp/import-h.out" 2>&1
expect "import of tests/fixtures/hostile/content exits 0" "$?" 0
codes=
for _ in 1 2 3 4; do req "$h/"; codes="$codes $code"; done
expect "the database created after start is picked up: / answers 200 (4 tries)" \
    "$codes" " 200 200 200 200"

# Collect every page of the hostile site.
hostile_pages=(/ /posts/ /posts/hostile/ /posts/hostile-two/ /tags/ /categories/
    /no/such/page/ "/posts/hostile?x=\"><script>alert(1)</script>")
req "$h/tags/"
for u in $(grep -o 'href="/tags/[^"]*"' "$tmp/body" | sed 's/^href="//; s/"$//' | sort -u | grep -vx /tags/); do
	hostile_pages+=("$u")
done
req "$h/categories/"
for u in $(grep -o 'href="/categories/[^"]*"' "$tmp/body" | sed 's/^href="//; s/"$//' | sort -u | grep -vx /categories/); do
	hostile_pages+=("$u")
done
expect "hostile site: /tags/ and /categories/ link to 4 term pages" "${#hostile_pages[@]}" 12
for u in "${hostile_pages[@]}"; do
	case $u in
	*\?*) want=301 ;;
	/no/*) want=404 ;;
	*) want=200 ;;
	esac
	req "$h$u"
	expect "hostile site: $u answers $want" "$code" "$want"
	cp "$tmp/body" "$tmp/hostile-$(printf '%s' "$u" | sha256sum | cut -c1-12).html"
	bad_hits=
	# quire's own <script> tags are the theme script, the code blocks'
	# copy button and JSON-LD blocks.
	other=$(grep -oi '<script[^>]*>' "$tmp/body" |
	    grep -vE '^<script (src="[^"]*/js/theme\.js"|src="[^"]*/js/copy\.js" defer|type="application/ld\+json")>$' | head -n 1)
	[ -n "$other" ] && bad_hits="$bad_hits [$other]"
	for needle in '<iframe' '<img src=x onerror' 'href="javascript:' \
	    "href='javascript:" 'src="javascript:' 'vbscript:' '<b>bold' \
	    '" onmouseover="' '</title><script'; do
		grep -qiF -- "$needle" "$tmp/body" && bad_hits="$bad_hits [$needle]"
	done
	expect "hostile site: $u has no live markup from content" "$bad_hits" ""
done
hostile_page() { cat "$tmp/hostile-$(printf '%s' "$1" | sha256sum | cut -c1-12).html"; }
expect_re "hostile title is escaped in the article h1" \
    "$(hostile_page /posts/hostile/ | grep -o '<h1 class="post-title[^>]*>.*</h1>')" \
    '&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; &quot;quotes&quot;'
# The <head>: OpenGraph/Twitter values escaped as attributes, JSON-LD with
# nothing that could close its <script> block.
hp=$(hostile_page /posts/hostile/)
expect "hostile title is escaped in og:title" \
    "$(printf '%s' "$hp" | grep -o '<meta property="og:title" content="[^"]*">')" \
    '<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;">'
expect "hostile description is escaped in twitter:description" \
    "$(printf '%s' "$hp" | grep -o '<meta name="twitter:description" content="[^"]*">')" \
    '<meta name="twitter:description" content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">'
expect "the JSON-LD headline escapes < and > (no </script> inside)" \
    "$(printf '%s' "$hp" | grep -oE '"headline": "([^"\\]|\\.)*"')" \
    '"headline": "\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \"quotes\""'
expect "the article's JSON-LD blocks each close once" \
    "$(printf '%s' "$hp" | grep -c '^</script>$') $(printf '%s' "$hp" | grep -c '<script type="application/ld+json">')" "2 2"
expect_re "the canonical link is the article's absolute URL" \
    "$(printf '%s' "$hp" | grep -o '<link rel="canonical" href="[^"]*">')" \
    'href="http://127\.0\.0\.1/posts/hostile/"'
expect_re "hostile title is escaped in the listing" \
    "$(hostile_page / | grep -o '<h2 class="entry-hint-parent">.*</h2>' | head -n 1)" \
    '&lt;script&gt;alert\(1\)&lt;/script&gt;'
expect_re "hostile tag <b>bold</b> is escaped on /tags/" \
    "$(hostile_page /tags/ | grep -F 'bold' | head -n 1)" '&lt;b&gt;bold&lt;/b&gt;'
expect_re "hostile tag with quotes is escaped on /tags/" \
    "$(hostile_page /tags/ | grep -F 'onmouseover' | head -n 1)" 'x&quot; onmouseover=&quot;alert'
expect_re "hostile description is escaped in the article" \
    "$(hostile_page /posts/hostile/ | grep -F 'onerror=alert(1)' | head -n 1)" \
    '&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;'
expect_re "hostile site title is escaped in <title>" \
    "$(hostile_page / | grep -o '<title>.*</title>')" '&lt;script&gt;alert\(5\)&lt;/script&gt;'
expect_re "the markdown link to javascript: is kept as text without the URL" \
    "$(hostile_page /posts/hostile/ | grep -F 'click' | head -n 1)" '<a href="">click</a>'

# ================================================================ 8. mount prefix

bdb=$tmp/blog.db
./quire import --db "$bdb" --base-url http://127.0.0.1/blog/ "$hugo_content" \
    >"$tmp/import-b.out" 2>&1
expect "import with --base-url http://127.0.0.1/blog/ exits 0" "$?" 0
# quire's own stylesheet, stored as the importer stores static/ files.
store_file "$bdb" /css/quire.css "$top/static/css/quire.css" text/css 1700000000
serve blog "$bdb"
b=$srv
req "$b/blog/css/quire.css"
expect "make run's nginx under /blog/: /blog/css/quire.css is the stored stylesheet" \
    "$code $(hdr Content-Type) $(cmp -s "$tmp/body" "$top/static/css/quire.css" && echo same)" \
    "200 text/css same"
req "$b/blog/"
expect "/blog/ answers 200" "$code" 200
expect "/blog/ has 10 post entries" "$(grep -c '<article class="post-entry">' "$tmp/body")" 10
expect "every link on /blog/ starts with /blog/" \
    "$(site_links | grep -vE '^(href|src)="/blog/' | sort -u | head -n 5)" ""
expect_re "/blog/ links to /blog/page/2/ as rel=next" \
    "$(grep -o '<a [^>]*rel="next"[^>]*>' "$tmp/body")" 'href="/blog/page/2/"'
req "$b/blog/page/2/"
expect "every link on /blog/page/2/ starts with /blog/" \
    "$code $(site_links | grep -vE '^(href|src)="/blog/' | sort -u | head -n 5)" "200 "
req "$b/blog/tags/"
expect "every link on /blog/tags/ starts with /blog/" \
    "$code $(site_links | grep -vE '^(href|src)="/blog/' | sort -u | head -n 5)" "200 "
req "$b/blog/tags/go/"
expect "every link on /blog/tags/go/ starts with /blog/" \
    "$code $(site_links | grep -vE '^(href|src)="/blog/' | sort -u | head -n 5)" "200 "
req "$b/blog/posts/headings/"
expect "/blog/posts/headings/ answers 200 with /blog/ tag links" \
    "$code $(grep -c 'href="/blog/tags/markdown/"' "$tmp/body") $(grep -c 'href="/tags/' "$tmp/body")" "200 1 0"
req "$b/blog"
expect "/blog answers 301 to /blog/" "$code $(hdr Location)" "301 /blog/"
req "$b/blog/posts/headings"
expect "/blog/posts/headings answers 301 to /blog/posts/headings/" \
    "$code $(hdr Location)" "301 /blog/posts/headings/"
req "$b/"
expect "/ outside the mount answers 404" "$code" 404
req "$b/posts/headings/"
expect "/posts/headings/ outside the mount answers 404" "$code" 404
req "$b/blogx/"
expect "/blogx/ (prefix look-alike) answers 404" "$code" 404
req "$b/blog/page/1/"
expect "/blog/page/1/ answers 301 to /blog/" "$code $(hdr Location)" "301 /blog/"

# ================================================================ 9b. re-import

sed -i 's/^title: .*/title: "Very Short, Edited"/' "$tmp/site/content/posts/very-short.md"
./quire import --db "$db" --base-url "$base_url" "$tmp/site/content" >"$tmp/import-2.out" 2>&1
expect "re-import of an edited copy exits 0" "$? $(cat "$tmp/import-2.out")" \
    "0 $(cat "$tmp/import-2.out")"
got=
for _ in 1 2 3 4; do
	req "$s/posts/very-short/"
	body_has '>Very Short, Edited</h1>' && got="$got edited" || got="$got old($code)"
done
expect "the running server shows the edited title (4 tries)" "$got" " edited edited edited edited"
rm "$tmp/site/content/posts/one-word.md"
./quire import --db "$db" --base-url "$base_url" "$tmp/site/content" >"$tmp/import-3.out" 2>&1
expect "re-import after deleting one-word.md exits 0" "$?" 0
codes=
for _ in 1 2 3 4; do req "$s/posts/one-word/"; codes="$codes $code"; done
expect "the deleted file's post answers 404 (mirror rule, 4 tries)" "$codes" " 404 404 404 404"
npages=$(( (nposts - 1 + 9) / 10 ))
listed=0
for n in $(seq 1 "$npages"); do
	if [ "$n" = 1 ]; then req "$s/"; else req "$s/page/$n/"; fi
	grep -qF 'href="/posts/one-word/"' "$tmp/body" && listed=1
done
expect "the deleted file's post is gone from the listings" "$listed" 0
req "$s/page/$npages/"
expect "the listing still has its last page /page/$npages/" "$code" 200

# ================================================================ 10. atomicity

adb=$tmp/atomic.db
cp "$db" "$adb"
sum_before=$(sha256sum <"$adb")
atomic() { # atomic NAME FOLDER ERE-on-stderr...
	local name=$1 dir=$2 rc
	shift 2
	./quire import --db "$adb" --base-url "$base_url" "$dir" >"$tmp/a.out" 2>"$tmp/a.err"
	rc=$?
	expect "$name: import exits 1" "$rc" 1
	for re in "$@"; do
		grep -Eq -- "$re" "$tmp/a.err"
		cond_rc "$name: stderr matches /$re/" $? "$tmp/a.err"
	done
	expect "$name: the database is unchanged (sha256)" "$(sha256sum <"$adb")" "$sum_before"
	expect "$name: no temporary file is left beside the database" \
	    "$(find "$tmp" -maxdepth 1 -name 'atomic.db?*' ! -name atomic.db.lock \
	    ! -name atomic.db.spare ! -name atomic.db.changes | tr '\n' ' ')" ""
	# The spare (publish.h) is kept for the next import, the live
	# file's equal again.
	expect "$name: the spare kept beside it equals the database" \
	    "$(sqlite3 -readonly "$adb.spare" .dump | md5sum)" \
	    "$(sqlite3 -readonly "$adb" .dump | md5sum)"
	expect "$name: and its recorded changes name it" \
	    "$(sed -n '2,3s/^[a-z]* //p' "$adb.changes" | sort -u | wc -l)" 1
}
atomic "invalid YAML" "$bad/yaml" 'broken\.md:[0-9]+:'
atomic "bad date 2024-13-45" "$bad/date" 'bad-date\.md:[0-9]+:'
atomic "invalid TOML" "$bad/toml" 'toml-post\.md:3: invalid TOML'
# Two files with one url: Hugo 0.111 builds and writes either; quire
# keeps the first by path and warns naming both.
cp "$db" "$tmp/dup.db"
./quire import --db "$tmp/dup.db" --base-url "$base_url" "$bad/dup-url" >"$tmp/a.out" 2>"$tmp/a.err"
expect "two files with url /same/: the import goes on" "$?" 0
expect_re "two files with url /same/: a warning names both" "$(cat "$tmp/a.err")" \
    'warning: .*same-b\.md:1: its URL /same/ is also the URL of .*same-a\.md'
expect "two files with url /same/: same-a.md is served there" \
    "$(sqlite3 -readonly "$tmp/dup.db" "SELECT source FROM page WHERE url = '/same/'")" \
    "posts/same-a.md"
req "$s/"
expect "the main server still answers / with 200 at the end" "$code" 200

finish
