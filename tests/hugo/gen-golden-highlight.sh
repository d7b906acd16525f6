#!/usr/bin/env bash
# Regenerate the golden code blocks with Hugo 0.111.3 (Chroma 2.5.0):
#   highlight/ -> tests/golden/highlight/NAME.html, one page's .Content
#                 each (a fenced block, or a highlight shortcode), with
#                 hugo.yaml (markup.highlight.noClasses: false);
#              -> tests/golden/highlight-inline/NAME.html, the same pages
#                 with inline.yaml (lineNos, inline, lineNoStart 5,
#                 hl_Lines "2").
# build/test-highlight renders each page's block with hl_fence_at() or
# hl_code() and compares byte for byte.
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for run in highlight:hugo.yaml highlight-inline:inline.yaml; do
	name=${run%%:*} config=${run#*:}
	HUGO_RESOURCEDIR="$tmp/$name/resources" hugo --quiet \
		--source "$here/highlight" --config "$here/highlight/$config" \
		--destination "$tmp/$name/public" --cacheDir "$tmp/cache" \
		--noBuildLock --cleanDestinationDir >/dev/null
	rm -rf "${golden:?}/$name"
	mkdir -p "$golden/$name"
	for page in "$tmp/$name"/public/posts/*/index.html; do
		slug=$(basename "$(dirname "$page")")
		cp "$page" "$golden/$name/$slug.html"
	done
	echo "$name: $(ls "$golden/$name" | wc -l) blocks"
done
