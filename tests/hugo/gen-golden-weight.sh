#!/usr/bin/env bash
# Regenerate the golden vectors of page weight with Hugo 0.111.3 (see
# README.md beside this script):
#   weight-values/ -> tests/golden/hugo-weight-values.tsv (each file's
#                     .Weight: how Hugo reads a front-matter value)
#   weight/        -> tests/golden/hugo-weight.tsv (weight-rows.py's rows:
#                     every listing page, feed, prev/next link and the
#                     archives, in PaperMod's order), built with hugo.yaml
#                     and again with limit.yaml (rssLimit: 4)
# PaperMod at 87df659c is not part of quire: give a checkout as PAPERMOD
# (as for gen-golden-shortcodes.sh).
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
: "${PAPERMOD:?set PAPERMOD to a checkout of hugo-PaperMod at 87df659c}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/themes"
ln -s "$PAPERMOD" "$tmp/themes/PaperMod"

build() { # site-dir run-name [config-list]
	local site="$1" run="$2" config="${3:-}"
	HUGO_RESOURCEDIR="$tmp/$run/resources" hugo --quiet --source "$site" \
		${config:+--config "$config"} --themesDir "$tmp/themes" \
		--destination "$tmp/$run/public" --cacheDir "$tmp/cache" \
		--noBuildLock --cleanDestinationDir >/dev/null
}

build "$here/weight-values" values
{
	head -n 1 "$tmp/values/public/hugo-weight-values.tsv"
	tail -n +2 "$tmp/values/public/hugo-weight-values.tsv" | LC_ALL=C sort
} >"$golden/hugo-weight-values.tsv"
echo "hugo-weight-values.tsv: $(($(wc -l <"$golden/hugo-weight-values.tsv") - 1)) rows"

build "$here/weight" hugo
build "$here/weight" limit "$here/weight/hugo.yaml,$here/weight/limit.yaml"
{
	python3 "$here/weight-rows.py" hugo.yaml "$tmp/hugo/public"
	python3 "$here/weight-rows.py" limit.yaml "$tmp/limit/public"
} >"$golden/hugo-weight.tsv"
echo "hugo-weight.tsv: $(wc -l <"$golden/hugo-weight.tsv") rows"
