#!/usr/bin/env bash
# Regenerate the golden list of a site's files with Hugo 0.111.3 (see
# README.md beside this script):
#   files/ -> tests/golden/hugo-files.tsv: every file of Hugo's public/
#   that is a copy of a file of the site (content/, static/, a theme's
#   static/), as "url<TAB>source" (source: its path under the site
#   folder; url: its path under public/, decoded). The fixture's files
#   hold distinct bytes, so a copy names its source.
#   files/ with staticdirs.yaml (staticDir: [static, assets]) ->
#   tests/golden/hugo-files-staticdirs.tsv, the same for two static
#   folders.
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
site="$here/files"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# "hash<TAB>path" for every file under a folder, by hash.
sums() { # dir folders...
	(cd "$1" && shift && find "$@" -type f -print0 | xargs -0 sha256sum) |
		sed 's/^\([0-9a-f]*\) [ *]/\1\t/; s|\t\./|\t|' | LC_ALL=C sort
}
sums "$site" content static assets themes >"$tmp/site.sums"
dups=$(cut -f1 "$tmp/site.sums" | uniq -d)
if [ -n "$dups" ]; then
	echo "gen-golden-files: files with the same bytes: $dups" >&2
	exit 1
fi

build() { # config golden-name
	rm -rf "$tmp/public"
	HUGO_RESOURCEDIR="$tmp/resources" hugo --quiet --source "$site" \
		--config "$site/$1" --destination "$tmp/public" \
		--cacheDir "$tmp/cache" --noBuildLock --cleanDestinationDir >/dev/null
	sums "$tmp/public" . >"$tmp/public.sums"
	{
		printf 'url\tsource\n'
		LC_ALL=C join -t "$(printf '\t')" -o '1.2,2.2' "$tmp/public.sums" \
			"$tmp/site.sums" | sed 's|^|/|' | LC_ALL=C sort
	} >"$golden/$2"
	echo "wrote $golden/$2"
}
build hugo.yaml hugo-files.tsv
build staticdirs.yaml hugo-files-staticdirs.tsv
