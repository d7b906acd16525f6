#!/usr/bin/env bash
# Regenerate the golden vectors of the front-matter and configuration
# formats (tests/golden/hugo-formats*.tsv) with Hugo 0.111.3.
#
# Sites: formats/ (a hugo.toml; posts with TOML, YAML and JSON front
# matter), formats-dir/ (a root config.yaml with config/_default/ and
# config/production/ merged over it; config/development/ is never read by
# a build) and formats-json/ (a hugo.json, which wins over config.toml).
# Each is built with drafts, future and expired pages (-D -F -E), so that
# every page's values are written. Each home page writes two TSVs
# (layouts/index.golden{formats,site}.tsv): one row per page, and the site
# settings quire reads; rows are sorted (LC_ALL=C), the header kept.
# Escaping as in gen-golden.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for site in formats formats-dir formats-json; do
	hugo --quiet -D -F -E --source "$here/$site" --destination "$tmp/$site" \
		--cacheDir "$tmp/cache" --noBuildLock >/dev/null \
		2> >(grep -v 'found no layout file' >&2)
	for out in formats formats-site; do
		src="$tmp/$site/hugo-$out.tsv"
		dst="$golden/hugo-$site${out#formats}.tsv"
		{ head -n 1 "$src"; tail -n +2 "$src" | LC_ALL=C sort; } >"$dst.tmp"
		mv "$dst.tmp" "$dst"
		echo "$(basename "$dst"): $(($(wc -l <"$dst") - 1)) rows"
	done
done
