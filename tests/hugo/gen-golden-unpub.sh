#!/usr/bin/env bash
# Regenerate Hugo 0.111.3's view of unpub/ (pages and files it does not
# publish: _build, headless, cascade, ignoreFiles, editors' files) as
# tests/golden/hugo-unpub.tsv, one row per fact, sorted (LC_ALL=C):
#   page URL            a page or list Hugo writes (its layouts write it)
#   nav PAGE NEXT PREV  PaperMod's post navigation of a page
#   list LIST URL       an entry of a list (home, section, term)
#   search URL          a page of PaperMod's search index (RegularPages)
#   feed FEED URL       an item of an RSS feed Hugo writes
#   sitemap URL         a <loc> of sitemap.xml
#   file URL            any other file Hugo writes (a bundle's)
# URLs are paths (the baseURL's host dropped); Hugo writes an empty one
# for a page it lists but does not render.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

site=unpub
out="$tmp/$site"
HUGO_RESOURCEDIR="$tmp/resources" hugo --quiet --source "$here/$site" \
	--destination "$out" --cacheDir "$tmp/cache" --noBuildLock >/dev/null
host='http://example.org'
{
	printf 'what\tat\turl\textra\n'
	{
		find "$out" -name index.html -exec cat {} + | grep -v '^$'
		(cd "$out" && find . -type f ! -name '*.html' ! -name '*.xml' |
			sed 's|^\.|file\t|')
		(cd "$out" && find . -name index.xml) | while read -r f; do
			feed=${f#.}
			feed=${feed%index.xml}
			sed -n '/<item>/,/<\/item>/s|.*<link>\(.*\)</link>.*|\1|p' \
				"$out/$f" | sed "s|^$host||; s|^|feed\t$feed\t|"
		done
		grep -o '<loc>[^<]*' "$out/sitemap.xml" |
			sed "s|<loc>$host||; s|^|sitemap\t|"
	} | LC_ALL=C sort
} >"$golden/hugo-$site.tsv.tmp"
mv "$golden/hugo-$site.tsv.tmp" "$golden/hugo-$site.tsv"
echo "hugo-$site.tsv: $(($(wc -l <"$golden/hugo-$site.tsv") - 1)) rows"
