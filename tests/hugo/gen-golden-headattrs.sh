#!/usr/bin/env bash
# Regenerate tests/golden/hugo-headattrs.html with Hugo 0.111.3 from
# headattrs/: heading attribute blocks ({.class}, {#id}, {name=value}) as
# Hugo writes them, with the '#' link PaperMod adds to a heading whose
# tag opens with its id (headattrs/layouts/_default/single.html).
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
hugo --quiet --source "$here/headattrs" --destination "$tmp/public" \
	--cacheDir "$tmp/cache" --noBuildLock >/dev/null
cp "$tmp/public/posts/attrs/index.html" "$here/../golden/hugo-headattrs.html"
echo "hugo-headattrs.html: $(grep -c '<h[1-6]' "$here/../golden/hugo-headattrs.html") headings"
