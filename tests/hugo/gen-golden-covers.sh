#!/usr/bin/env bash
# Regenerate tests/golden/hugo-covers.tsv with Hugo 0.111.3 and PaperMod
# (see README.md beside this script): covers/ built with hugo.yaml
# (PaperMod's responsive srcset: Hugo's image processing) and plain.yaml
# (responsiveImages false: the plain <img>), in production as `hugo`
# builds; covers-rows.py writes each page's list and article figure and
# its OpenGraph and Twitter image. PaperMod at 87df659c is not part of
# quire: give a checkout as PAPERMOD (as for gen-golden-shortcodes.sh).
# covers/make-images.c made the fixture's images, committed beside it:
#   cc -o mk covers/make-images.c $(pkg-config --cflags --libs vips)
#   cd covers && ../mk content/posts/bundle/cover.jpg 1600 900 \
#     content/posts/shots/images/shot.png 800 600 \
#     content/posts/shots/images/inline.png 1200 500 \
#     content/posts/small/tiny.gif 200 120 \
#     content/posts/relative/cover.png 1080 720 static/img/static.png 640 480
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
: "${PAPERMOD:?set PAPERMOD to a checkout of hugo-PaperMod at 87df659c}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/themes"
ln -s "$PAPERMOD" "$tmp/themes/PaperMod"

{
	for config in hugo plain; do
		out="$tmp/$config"
		HUGO_RESOURCEDIR="$tmp/resources-$config" hugo --quiet \
			--source "$here/covers" --config "$here/covers/$config.yaml" \
			--themesDir "$tmp/themes" --destination "$out" \
			--cacheDir "$tmp/cache" --noBuildLock --cleanDestinationDir \
			>/dev/null
		args=()
		for f in "$out"/posts/*/index.html; do
			r=${f#"$out"}
			r=${r%index.html}
			case $r in /posts/page/*) continue ;; esac
			args+=("$r=$f")
		done
		args+=("/posts/=head:$out/posts/index.html")
		python3 "$here/covers-rows.py" "$config" /blog/ \
			"$out/index.html" "${args[@]}"
	done
} >"$golden/hugo-covers.tsv"
echo "wrote $golden/hugo-covers.tsv"
