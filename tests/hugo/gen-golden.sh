#!/usr/bin/env bash
# Regenerate quire's Hugo golden vectors (tests/golden/hugo-*.tsv) with Hugo 0.111.3.
#
# Sites: site/ (posts, tags, headings) and permalinks/ (permalink patterns).
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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
mkdir -p "$golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

build() { # site-dir
	local site="$1"
	HUGO_RESOURCEDIR="$tmp/$site/resources" hugo --quiet --source "$here/$site" \
		--destination "$tmp/$site/public" --cacheDir "$tmp/cache" \
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

for f in "$golden"/hugo-*.tsv; do
	echo "$(basename "$f"): $(($(wc -l < "$f") - 1)) rows"
done
