#!/usr/bin/env bash
# Regenerate tests/golden/hugo-lang.tsv, Hugo 0.111.3's view of the
# multilingual fixture lang/ (en at the root, fr by file name, de by its
# own contentDir): each language's home writes its rows
# (layouts/index.goldenlang.tsv: page, home, term and site rows); the
# rows of every language are sorted together (LC_ALL=C) under one header.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

hugo --quiet --source "$here/lang" --destination "$tmp/lang" \
	--cacheDir "$tmp/cache" --noBuildLock >/dev/null \
	2> >(grep -v 'found no layout file' >&2)
{
	printf 'row\tlang\tfields...\n'
	cat "$tmp/lang/hugo-lang.tsv" "$tmp"/lang/*/hugo-lang.tsv | LC_ALL=C sort
} >"$golden/hugo-lang.tsv.tmp"
mv "$golden/hugo-lang.tsv.tmp" "$golden/hugo-lang.tsv"
echo "hugo-lang.tsv: $(($(wc -l <"$golden/hugo-lang.tsv") - 1)) rows"
