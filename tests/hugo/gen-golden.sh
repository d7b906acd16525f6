#!/usr/bin/env bash
# Regenerate quire's Hugo golden vectors (tests/golden/hugo-*.tsv, hugo-*.xml,
# hugo-robots.txt) with Hugo 0.111.3.
#
# Sites: site/ (posts, tags, headings), permalinks/ (permalink patterns and
# URLs from odd file names), dates/ (every date layout Hugo reads) and
# sections/ (the main section).
# site/ is built twice more with extra config files (feeds.yaml, then also
# feeds-limit5.yaml) to capture Hugo's built-in RSS, sitemap and robots.txt
# output verbatim (copied byte for byte, not sorted).
# Each site's home page has plain-text output formats (layouts/index.*.tsv)
# that write one TSV each; this script builds into a temp dir and copies them,
# keeping the header line and sorting the rows (LC_ALL=C) for determinism.
#
# TSV escaping (every field): backslash -> \\, newline -> \n, tab -> \t,
# carriage return -> \r; nothing else is escaped.
#
# hugo-tags.tsv "name" is the term page's .Title, which in Hugo 0.111 is the
# tag as written (original case and characters) in the first page by content
# PATH order (not date order) among the pages whose tags urlize equal, e.g.
# "Café Crème" (posts/offset-early.md) wins over "café crème" (posts/unicode.md).
# It is not the urlized key of .Site.Taxonomies.
# "url" is the term page's .RelPermalink (Hugo's urlize: lower case, spaces
# to '-', non-ASCII percent-encoded) and "count" is the number of public pages.
set -euo pipefail
# Hugo shows a date given as a YAML integer (Unix seconds) in the zone it
# runs in, and reads a "GMT+N"-style zone name against it: run it in UTC.
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
mkdir -p "$golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

build() { # site-dir [run-name config-list]
	local site="$1" run="${2:-$1}" config="${3:-}"
	HUGO_RESOURCEDIR="$tmp/$run/resources" hugo --quiet --source "$here/$site" \
		${config:+--config "$config"} \
		--destination "$tmp/$run/public" --cacheDir "$tmp/cache" \
		--noBuildLock --cleanDestinationDir >/dev/null
}
copy() { # site-dir name
	local src="$tmp/$1/public/$2" dst="$golden/$2"
	{ head -n 1 "$src"; tail -n +2 "$src" | LC_ALL=C sort; } > "$dst.tmp"
	mv "$dst.tmp" "$dst"
}

build site
copy site hugo-posts.tsv
copy site hugo-tags.tsv
# headings keep document order within a file: stable sort on the file column only
src="$tmp/site/public/hugo-headings.tsv"
{ head -n 1 "$src"; tail -n +2 "$src" | LC_ALL=C sort -s -t $'\t' -k1,1; } > "$golden/hugo-headings.tsv"

[ -d "$here/permalinks" ] && build permalinks
copy permalinks hugo-permalinks.tsv
build dates
copy dates hugo-dates.tsv

# unsafe/: raw HTML kept (unsafe: true), site/'s layout.
build unsafe
copy unsafe hugo-unsafe.tsv

# cjk/: hasCJKLanguage, site/'s layout.
build cjk
copy cjk hugo-cjk.tsv
build cjk cjk-summary12 hugo.yaml,summary12.yaml
copy cjk-summary12 hugo-cjk-summary12.tsv

# cjklang/: each language's own hasCJKLanguage (each language's home
# writes its rows: one header, the rows sorted together); again with
# global.yaml, the site's hasCJKLanguage true.
cjklang() { # run-name golden-name
	local pub="$tmp/$1/public"
	{ head -n 1 "$pub/hugo-cjklang.tsv"
	  tail -q -n +2 "$pub/hugo-cjklang.tsv" "$pub"/*/hugo-cjklang.tsv | LC_ALL=C sort
	} > "$golden/$2.tmp"
	mv "$golden/$2.tmp" "$golden/$2"
}
build cjklang
cjklang cjklang hugo-cjklang.tsv
build cjklang cjklang-global hugo.yaml,global.yaml
cjklang cjklang-global hugo-cjklang-global.tsv

# menus/: menu entries by pageRef (Hugo's order; not sorted).
build menus
cp "$tmp/menus/public/hugo-menus.tsv" "$golden/hugo-menus.tsv"

# extensions/: .md, .markdown, .mdown and .html content files.
build extensions
copy extensions hugo-extensions.tsv

# html/: .html and .htm content pages (.Content too), and the URL
# collisions Hugo settles the same way in every build; hugo-html-urls.tsv
# says what Hugo wrote at each shared URL: a page (its layout writes
# FILE=path) or an alias (its target).
build html
copy html hugo-html.tsv
{
	printf 'url\tserved\n'
	for u in /posts/dup/ /posts/leaf/ /posts/p1/ /old/; do
		f="$tmp/html/public${u}index.html"
		s="$(sed -n 's/^FILE=//p' "$f")"
		[ -n "$s" ] || s="alias of $(grep -o 'url=http://example.org/[^"]*' "$f" |
			sed 's#^url=http://example.org##')"
		printf '%s\t%s\n' "$u" "$s"
	done
} > "$golden/hugo-html-urls.tsv"

# ugly/: uglyURLs by section, then for every page.
build ugly
copy ugly hugo-ugly.tsv
build ugly ugly-all hugo.yaml,ugly-all.yaml
copy ugly-all hugo-ugly-all.tsv
# Hugo writes an alias /old/ as old.html when every URL is ugly.
[ -f "$tmp/ugly-all/public/old.html" ] || { echo "ugly-all: no old.html" >&2; exit 1; }

# bundles/: a leaf bundle's other files, Markdown included, are no pages.
build bundles
copy bundles hugo-bundles.tsv

# sections/: the main section Hugo picks with no mainSections, then the
# ones main-notes.yaml names (same baseName: renamed on copy).
build sections
copy sections hugo-sections.tsv
build sections sections-named hugo.yaml,main-notes.yaml
mv "$tmp/sections-named/public/hugo-sections.tsv" \
	"$tmp/sections-named/public/hugo-sections-named.tsv"
copy sections-named hugo-sections-named.tsv

# sectax/: every section's listing (title, description, entries) and the
# declared taxonomies (series too), with the section and series feeds.
build sectax
copy sectax hugo-sectax.tsv
cp "$tmp/sectax/public/notes/index.xml" "$golden/hugo-feed-section-notes.xml"
cp "$tmp/sectax/public/series/learn-c/index.xml" "$golden/hugo-feed-series-learn-c.xml"

# securl/: sections whose _index.md gives a url (one per language, a
# nested one without its trailing slash): where Hugo lists them, their
# pages' breadcrumbs, a menu's pageRef, the files Hugo writes (so what it
# does not write: /post/) and the moved section's feed.
build securl
copy securl hugo-securl.tsv
mv "$tmp/securl/public/fr/hugo-securl.tsv" "$tmp/securl/public/hugo-securl-fr.tsv"
copy securl hugo-securl-fr.tsv
(cd "$tmp/securl/public" && find . -type f ! -name 'hugo-*.tsv' | sed 's/^\.//' |
	LC_ALL=C sort) >"$golden/hugo-securl-files.txt"
cp "$tmp/securl/public/blog/index.xml" "$golden/hugo-feed-securl-blog.xml"
# ... and with ugly.yaml (uglyURLs: true): the url is kept as given.
build securl securl-ugly hugo.yaml,ugly.yaml
(cd "$tmp/securl-ugly/public" && find . -type f ! -name 'hugo-*.tsv' | sed 's/^\.//' |
	LC_ALL=C sort) >"$golden/hugo-securl-ugly-files.txt"

# links/: bare URLs (Goldmark's linkify), footnote back links, heading ids
# of headings holding links; links keep document order within a file.
build links
copy links hugo-links-pages.tsv
src="$tmp/links/public/hugo-links.tsv"
{ head -n 1 "$src"; tail -n +2 "$src" | LC_ALL=C sort -s -t $'\t' -k1,1; } > "$golden/hugo-links.tsv"

for f in "$golden"/hugo-*.tsv; do
	echo "$(basename "$f"): $(($(wc -l < "$f") - 1)) rows"
done

# Feeds, sitemap, robots.txt: Hugo's default templates, copied verbatim.
# Hugo has no HTML layouts here, so it warns "found no layout file" (filtered).
quiet() { "$@" 2> >(grep -v 'found no layout file' >&2); }
raw() { # run public-path golden-name
	cp "$tmp/$1/public/$2" "$golden/$3.tmp"
	mv "$golden/$3.tmp" "$golden/$3"
	echo "$3: $(grep -c '<item>' "$golden/$3" || true) items, $(grep -c '<url>' "$golden/$3" || true) urls"
}
quiet build site feeds hugo.yaml,feeds.yaml
raw feeds index.xml                    hugo-feed-home.xml
raw feeds posts/index.xml              hugo-feed-section-posts.xml
raw feeds tags/index.xml               hugo-feed-tags.xml
raw feeds tags/go/index.xml            hugo-feed-tag-go.xml
raw feeds "tags/café-crème/index.xml"  hugo-feed-tag-cafe-creme.xml
raw feeds "tags/c#/index.xml"          hugo-feed-tag-c-sharp.xml
raw feeds "tags/c++/index.xml"         hugo-feed-tag-c-plus-plus.xml
raw feeds "tags/web-dev/index.xml"     hugo-feed-tag-web-dev.xml
raw feeds sitemap.xml                  hugo-sitemap.xml
raw feeds robots.txt                   hugo-robots.txt
quiet build site feeds-limit5 hugo.yaml,feeds.yaml,feeds-limit5.yaml
raw feeds-limit5 index.xml             hugo-feed-home-limit5.xml
raw feeds-limit5 tags/go/index.xml     hugo-feed-tag-go-limit5.xml
