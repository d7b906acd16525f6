#!/usr/bin/env bash
# Regenerates tests/golden/hugo-shortcodes.tsv and hugo-shortcodes-privacy.tsv
# with Hugo 0.111.3 from the fixture site shortcodes/ (see README.md): one
# row per page (file, URL, .WordCount, .ReadingTime, .Truncated,
# .Summary | plainify | htmlUnescape, .Content), escaped as gen-golden.sh
# escapes (\\ \n \t \r). The site's theme is PaperMod at 87df659c (its
# figure, collapse, inTextImg, ltr, rtl, rawhtml), which is not part of
# quire: give a checkout of it as PAPERMOD, e.g.
#   git clone https://github.com/adityatelange/hugo-PaperMod pm
#   git -C pm checkout 87df659c
#   PAPERMOD=$PWD/pm bash tests/hugo/gen-golden-shortcodes.sh
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
: "${PAPERMOD:?set PAPERMOD to a checkout of hugo-PaperMod at 87df659c}"
for f in collapse figure inTextImg ltr rawhtml rtl; do
	[ -f "$PAPERMOD/layouts/shortcodes/$f.html" ] || {
		echo "$PAPERMOD: no layouts/shortcodes/$f.html" >&2; exit 1; }
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/themes"
ln -s "$PAPERMOD" "$tmp/themes/PaperMod"

build() { # run-name [extra config]
	local config="$here/shortcodes/hugo.yaml${2:+,$here/shortcodes/$2}"
	HUGO_RESOURCEDIR="$tmp/$1/resources" hugo --quiet \
		--source "$here/shortcodes" --config "$config" \
		--themesDir "$tmp/themes" --destination "$tmp/$1/public" \
		--cacheDir "$tmp/cache" --noBuildLock --cleanDestinationDir \
		>/dev/null
	local src="$tmp/$1/public/hugo-shortcodes.tsv"
	{ head -n 1 "$src"; tail -n +2 "$src" | LC_ALL=C sort; } \
		> "$golden/$3.tmp"
	mv "$golden/$3.tmp" "$golden/$3"
}

build plain "" hugo-shortcodes.tsv
build privacy privacy.yaml hugo-shortcodes-privacy.tsv
