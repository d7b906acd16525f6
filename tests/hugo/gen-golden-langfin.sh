#!/usr/bin/env bash
# Regenerate Hugo 0.111.3's vectors for languages' own menus, localized
# dates, listing alternates and sitemaps:
# - langdates/ (no content; 28 languages) writes hugo-langdates.tsv: each
#   language's twelve months through time.Format, in Go layouts and
#   Hugo's :date_full, :date_long, :date_medium and :date_short;
# - langfin/ (en at the root, fr/es/fa/ja by file name, de in a contentDir
#   beside content/, menus in the config, under languages.CODE and in
#   config/_default/menus.es.toml) writes hugo-langfin.tsv (menu, date and
#   list rows: layouts/index.goldenlangfin.tsv) and its sitemaps, Hugo's
#   built-in templates byte for byte: hugo-langfin-sitemap.xml (the
#   index) and hugo-langfin-sitemap-CODE.xml per language.
# Rows of every language are sorted together (LC_ALL=C) under one header.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

build() {
	TZ=UTC hugo --quiet --source "$here/$1" --destination "$tmp/$1" \
		--cacheDir "$tmp/cache" --noBuildLock >/dev/null \
		2> >(grep -v 'found no layout file' >&2)
}
# rows SITE NAME HEADER: every language's NAME.tsv, sorted, into golden.
rows() {
	{
		printf '%s\n' "$3"
		cat "$tmp/$1/$2.tsv" "$tmp/$1"/*/"$2.tsv" | LC_ALL=C sort
	} >"$golden/$2.tsv.tmp"
	mv "$golden/$2.tsv.tmp" "$golden/$2.tsv"
	echo "$2.tsv: $(($(wc -l <"$golden/$2.tsv") - 1)) rows"
}

build langdates
rows langdates hugo-langdates $'row\tlang\tdate\tlayout\tshown'
build langfin
rows langfin hugo-langfin $'row\tlang\tfields...'
cp "$tmp/langfin/sitemap.xml" "$golden/hugo-langfin-sitemap.xml"
for d in "$tmp"/langfin/*/; do
	lang=$(basename "$d")
	cp "$d/sitemap.xml" "$golden/hugo-langfin-sitemap-$lang.xml"
done
echo "hugo-langfin-sitemap*.xml: $(ls "$golden"/hugo-langfin-sitemap*.xml | wc -l) files"
