#!/usr/bin/env bash
# Covers: PaperMod's cover front matter on list entries, articles and
# their OpenGraph/Twitter images, compared with Hugo 0.111.3 + PaperMod's
# build of tests/hugo/covers (tests/golden/hugo-covers.tsv, written by
# tests/hugo/gen-golden-covers.sh) under both configurations (responsive
# srcset, plain <img>); every srcset URL of the served pages answers 200
# with its image's media type and width; a re-import resizes nothing; an
# image that cannot be decoded is a warning and a plain file, never a
# failed import; a cover only assets/ matches is a warning. Closes with "covers: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin covers

site=$tmp/site
cp -r "$top/tests/hugo/covers" "$site"
golden=$top/tests/golden/hugo-covers.tsv

# rows CONFIG: covers-rows.py over the home page and every article the
# golden file names, as the worker serves them (CGI) from $db.
rows() {
	local r args=() n=0
	body /blog/ >"$tmp/home.html"
	for r in $(awk -F'\t' -v c="$1" '$1 == c && $2 != "/" { print $2 }' \
	    "$golden" | LC_ALL=C sort -u); do
		n=$((n + 1))
		body "/blog$r" >"$tmp/a$n.html"
		# The section: its head alone (a list page).
		case $r in
		/posts/) args+=("$r=head:$tmp/a$n.html") ;;
		*) args+=("$r=$tmp/a$n.html") ;;
		esac
	done
	python3 "$top/tests/hugo/covers-rows.py" "$1" /blog/ "$tmp/home.html" \
	    "${args[@]}"
}

for config in hugo plain; do
	db=$tmp/$config.db
	"$top/quire" import --db "$db" --config "$site/$config.yaml" "$site" \
	    >"$tmp/log-$config" 2>&1
	cond_rc "$config: the fixture imports" $? "$tmp/log-$config"
	got=$(rows "$config")
	want=$(awk -F'\t' -v c="$config" '$1 == c' "$golden")
	expect "$config: every cover, og:image and twitter card is Hugo's" \
	    "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))" ""
	mkdir "$tmp/$config-pages"
	mv "$tmp"/a*.html "$tmp/home.html" "$tmp/$config-pages/"
done

db=$tmp/hugo.db
# Body images: a bundle's (relative URL) gets width, height, srcset and
# sizes, and a <picture> with its WebP copies; one from static/ (a path
# from the root) its width and height; alt and title as written.
post=$(body /blog/posts/shots/ | sed -n '/<div class="post-content">/,/<\/div>/p')
expect "a relative body image is a <picture> with its WebP copies" \
    "$(printf '%s' "$post" | grep -o '<picture><source type="image/webp" srcset="[^"]*"' |
       grep -o ' [0-9]*w' | tr -d '\n')" " 360w 480w 720w 1080w"
expect "its <img> keeps its URL, alt and title, with srcset, sizes, width and height" \
    "$(printf '%s' "$post" | grep -o '<img src="images/inline.png"[^>]*>' |
       sed 's/srcset="[^"]*"/srcset/')" \
    '<img src="images/inline.png" alt="A diagram of it" title="The diagram" srcset sizes="(min-width: 768px) 720px, 100vw" width="1200" height="500" />'
expect "its srcset ends with the original at its width" \
    "$(printf '%s' "$post" | grep -o '<img src="images/inline.png" [^>]*srcset="[^"]*"' |
       grep -o '[^ ]* [0-9]*w"$')" '/blog/posts/shots/images/inline.png 1200w"'
expect "an image from static/ gets its width and height, no copies" \
    "$(printf '%s' "$post" | grep -o '<img src="/blog/img/static.png"[^>]*>')" \
    '<img src="/blog/img/static.png" alt="Static" width="640" height="480" />'

# The responsive build: each srcset URL (both <img>'s and <source>'s)
# answers 200, in the media type of its extension, as wide as it says.
expect "the SVG cover is shown as it is, without a warning" \
    "$(grep -c 'logo.svg' "$tmp/log-hugo")" 0
# dims.py FILE: "WIDTHxHEIGHT" of a JPEG, PNG, GIF or WebP, from its
# header; "?" for anything else.
cat >"$tmp/dims.py" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
w = h = None
if d[:8] == b"\x89PNG\r\n\x1a\n":
    w, h = struct.unpack(">II", d[16:24])
elif d[:6] in (b"GIF87a", b"GIF89a"):
    w, h = struct.unpack("<HH", d[6:10])
elif d[:4] == b"RIFF" and d[8:12] == b"WEBP":
    kind = d[12:16]
    if kind == b"VP8 ":
        w, h = (v & 0x3fff for v in struct.unpack("<HH", d[26:30]))
    elif kind == b"VP8L":
        b = int.from_bytes(d[21:25], "little")
        w, h = (b & 0x3fff) + 1, ((b >> 14) & 0x3fff) + 1
    elif kind == b"VP8X":
        w = int.from_bytes(d[24:27], "little") + 1
        h = int.from_bytes(d[27:30], "little") + 1
elif d[:2] == b"\xff\xd8":
    i = 2
    while i + 9 < len(d) and d[i] == 0xff:
        m, n = d[i + 1], struct.unpack(">H", d[i + 2:i + 4])[0]
        if 0xc0 <= m <= 0xcf and m not in (0xc4, 0xc8, 0xcc):
            h, w = struct.unpack(">HH", d[i + 5:i + 9])
            break
        i += 2 + n
print("%dx%d" % (w, h) if w else "?")
PY
bad="" n=0
for f in "$tmp"/hugo-pages/*.html; do
	grep -o 'srcset="[^"]*"' "$f"
done | sed 's/^srcset="//; s/"$//' | tr ',' '\n' | sed 's/^ *//; s/ *$//' |
    grep . | LC_ALL=C sort -u >"$tmp/srcset"
while read -r url width; do
	n=$((n + 1))
	route=${url#https://example.org}
	cgi "$route" >"$tmp/file"
	status=$(head -n 1 "$tmp/file" | tr -d '\r')
	type=$(grep -a -i -m 1 '^Content-Type:' "$tmp/file" | tr -d '\r' |
	    sed 's/^[^:]*: *//')
	sed '1,/^\r*$/d' "$tmp/file" >"$tmp/bytes"
	dims=$(python3 "$tmp/dims.py" "$tmp/bytes")
	case $url in
	*.jpg) want_type=image/jpeg ;;
	*.png) want_type=image/png ;;
	*.gif) want_type=image/gif ;;
	*.webp) want_type=image/webp ;;
	*) want_type=? ;;
	esac
	[ "$status" = "Status: 200 OK" ] && [ "$type" = "$want_type" ] &&
	    [ "${dims%x*}w" = "$width" ] || bad="$bad $route($status $type $dims)"
done <"$tmp/srcset"
expect "every srcset URL answers 200 with its type and width ($n URLs)" "$bad" ""
# A copy's URL holds its original's hash and its width (other bytes come
# at another URL): caches keep it for good; the original keeps its own.
cache_of() {
	cgi "$1" | sed '/^\r*$/q' | grep -i '^Cache-Control:' | tr -d '\r' |
	    sed 's/^[^:]*: *//'
}
copy=$(grep -o '/blog/posts/bundle/cover_q[0-9a-f]*_360w\.webp' "$tmp/srcset" | head -n 1)
expect "a WebP copy is immutable" "$(cache_of "$copy")" \
    "public, max-age=31536000, immutable"
expect "a copy in the image's type is immutable" \
    "$(cache_of "${copy%.webp}.jpg")" "public, max-age=31536000, immutable"
expect "the original keeps the media files' Cache-Control" \
    "$(cache_of /blog/posts/bundle/cover.jpg)" "public, max-age=300"
expect "so does a feature image found for og:image" \
    "$(cache_of /blog/posts/featured/z-feature.gif)" "public, max-age=300"
expect_re "the JPEG cover has copies at every PaperMod width to 1500, and WebP ones" \
    "$(grep -c '/posts/bundle/cover_q[0-9a-f]*_[0-9]*w\.\(jpg\|webp\) ' "$tmp/srcset")" '^10$'
expect "no copy is wider than its image (800 px: 360, 480, 720)" \
    "$(grep -o 'shot_q[0-9a-f]*_[0-9]*w\.png' "$tmp/srcset" | sed 's/.*_//' | tr '\n' ' ')" \
    "360w.png 480w.png 720w.png "
expect "a copy's file row names the original's source" \
    "$(sqlite3 -readonly "$db" "SELECT DISTINCT source FROM file WHERE url
       GLOB '/posts/bundle/cover_q*'")" "content/posts/bundle/cover.jpg"
expect_re "the import counts the copies it made" "$(cat "$tmp/log-hugo")" \
    'quire: 9 covers, 6 images: 32 copies made, 0 reused'

# A re-import resizes nothing: the copies are found by the original's hash.
before=$(find "${db%.db}.files" -type f -printf '%i %P\n' | LC_ALL=C sort)
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-again" 2>&1
cond_rc "the fixture imports again" $? "$tmp/log-again"
expect_re "a re-import makes no copy" "$(cat "$tmp/log-again")" \
    'quire: 9 covers, 6 images: 0 copies made, 32 reused'
expect "a re-import leaves the store as it was" \
    "$(find "${db%.db}.files" -type f -printf '%i %P\n' | LC_ALL=C sort)" "$before"

# A changed image gets new routes; the old copies leave the store.
old=$(grep -o 'shot_q[0-9a-f]*_360w.png' "$tmp/srcset" | head -n 1)
cp "$site/content/posts/relative/cover.png" "$site/content/posts/shots/images/shot.png"
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-changed" 2>&1
cond_rc "a changed image imports" $? "$tmp/log-changed"
new=$(body /blog/ | grep -o 'shot_q[0-9a-f]*_360w.png' | head -n 1)
expect_re "a changed image's copies have new routes" "$old $new" \
    '^shot_q[0-9a-f]+_360w.png shot_q[0-9a-f]+_360w.png$'
[ "$old" != "$new" ]
cond "the old and new routes differ" "$old $new" $?
expect "its copies now go to 1080 px" \
    "$(body /blog/ | grep -o "${new%_360w.png}_1080w.png" | wc -l)" 1
expect "the old copies are gone from the database" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM file WHERE url LIKE '%/$old'")" 0

# An image that cannot be decoded: a warning naming it, a plain file, no
# copies; the import goes on.
mkdir -p "$site/content/posts/broken"
printf -- '---\ntitle: Broken\ndate: 2024-02-01\ncover:\n  image: junk.png\n---\nA PNG that is text.\n' \
    >"$site/content/posts/broken/index.md"
printf 'not a PNG at all\n' >"$site/content/posts/broken/junk.png"
mkdir -p "$site/content/posts/half"
printf -- '---\ntitle: Half\ndate: 2024-02-02\ncover:\n  image: half.jpg\n---\nA truncated JPEG.\n' \
    >"$site/content/posts/half/index.md"
head -c 3000 "$site/content/posts/bundle/cover.jpg" >"$site/content/posts/half/half.jpg"
# A cover only a global resource (assets/) matches: PaperMod would show
# it; quire does not import assets/ and says so.
mkdir -p "$site/assets"
cp "$site/static/img/static.png" "$site/assets/global.png"
printf -- '---\ntitle: Global\ndate: 2024-02-03\ncover:\n  image: global.png\n---\nText.\n' \
    >"$site/content/posts/global.md"
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-bad" 2>&1
cond_rc "a site with undecodable images imports" $? "$tmp/log-bad"
expect_re "the text PNG is a warning naming it" "$(cat "$tmp/log-bad")" \
    '^warning: content/posts/broken/junk.png: .*served as it is, without resized copies'
expect_re "the truncated JPEG is a warning naming it" "$(cat "$tmp/log-bad")" \
    '^warning: content/posts/half/half.jpg: .*served as it is, without resized copies'
expect "a cover only assets/ matches is a warning naming FILE:LINE" \
    "$(grep 'global.png' "$tmp/log-bad")" \
    "warning: content/posts/global.md:5: cover image 'global.png' matches assets/global.png, one of Hugo's global resources, which quire does not import: the cover is the URL as written"
expect "its cover is absURL of the value" \
    "$(body /blog/posts/global/ | grep -o '<img loading="eager" src="[^"]*"')" \
    '<img loading="eager" src="https://example.org/blog/global.png"'
cgi /blog/posts/broken/junk.png >"$tmp/file"
expect "the text PNG is served as a plain file" \
    "$(head -n 1 "$tmp/file" | tr -d '\r') $(sed '1,/^\r*$/d' "$tmp/file")" \
    "Status: 200 OK not a PNG at all"
expect "its cover is the plain <img>" \
    "$(body /blog/posts/broken/ | grep -o '<img loading="eager" src="[^"]*"')" \
    '<img loading="eager" src="https://example.org/blog/posts/broken/junk.png"'
expect "the truncated JPEG has no copies" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM file WHERE url GLOB '/posts/half/half_q*'")" 0


# OpenGraph images without a cover follow the bundle's files on every
# import, the page's own file unchanged: a thumbnail added to notimage/
# is its image; once removed, the site's params.images is again.
og() {
	body "$1" | grep -o '<meta property="og:image" content="[^"]*"' |
	    sed 's/.*content="//; s/"$//' | tr '\n' ' '
}
cp "$site/content/posts/small/tiny.gif" "$site/content/posts/notimage/my-thumbnail.gif"
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-og" 2>&1
cond_rc "a bundle with a new thumbnail imports" $? "$tmp/log-og"
expect "the new thumbnail is the og:image of its unchanged page" \
    "$(og /blog/posts/notimage/)" \
    "https://example.org/blog/posts/notimage/my-thumbnail.gif "
rm "$site/content/posts/notimage/my-thumbnail.gif"
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-og" 2>&1
cond_rc "the bundle without it imports" $? "$tmp/log-og"
expect "the site's first params.images is its og:image again" \
    "$(og /blog/posts/notimage/)" "https://example.org/img/site.png "

# images that are no list: PaperMod's opengraph.html cannot range over
# it (Hugo's build fails), so the import fails naming FILE:LINE and
# leaves the live database as it was.
printf -- '---\ntitle: Scalar\ndate: 2024-02-07\nimages: one.png\n---\nText.\n' \
    >"$site/content/posts/scalar.md"
sum=$(sha256sum <"$db")
"$top/quire" import --db "$db" --config "$site/hugo.yaml" "$site" \
    >"$tmp/log-scalar" 2>&1
expect "images that are no list fail the import" $? 1
expect "the error names FILE:LINE" \
    "$(grep -c "content/posts/scalar.md:4: 'images' must be a list" "$tmp/log-scalar")" 1
expect "the live database is untouched" "$(sha256sum <"$db")" "$sum"
rm "$site/content/posts/scalar.md"

# A bundle in a language's contentDir beside content/ (hugo-book's
# layout, tests/hugo/langdirs): its cover is its own image, as the same
# bundle's in content/ is, at its language's URL (Hugo's page resources
# do not depend on the folder a language's content is in).
ml=$tmp/multilingual
mkdir -p "$ml/content/posts" "$ml/content-de/posts"
cp -r "$site/content/posts/bundle" "$ml/content/posts/"
cp -r "$site/content/posts/bundle" "$ml/content-de/posts/"
{ cat "$site/hugo.yaml"; printf 'languages:\n  en: {weight: 1}\n  de: {weight: 2, contentDir: content-de}\n'; } \
    >"$ml/hugo.yaml"
"$top/quire" import -q --db "$tmp/ml.db" "$ml" >"$tmp/log-ml" 2>&1
cond_rc "a multilingual site with a contentDir beside content/ imports" $? "$tmp/log-ml"
cover_of() {
	local db=$tmp/ml.db
	body "$1" | tr '\n' ' ' |
	    grep -o '<figure class="entry-cover">.*</figure>' | head -n 1
}
want=$(cover_of /blog/posts/bundle/ | sed 's#/blog/posts/#/blog/de/posts/#g')
expect_re "the English bundle has its cover" "$want" 'cover[^"]*\.jpg'
expect "a bundle in a contentDir beside content/ has its own cover" \
    "$(cover_of /blog/de/posts/bundle/)" "$want"

report covers
