#!/usr/bin/env bash
# Regenerate the golden vectors of section titles and list kinds with
# Hugo 0.111.3 (see README.md beside this script):
#   plurals/  -> tests/golden/hugo-plurals.tsv (a section's default title)
#                and, with plural-off.yaml (pluralizeListTitles: false),
#                hugo-plurals-off.tsv
#   listkinds/ -> tests/golden/hugo-listkinds.tsv (home _index.md, nested
#                sections) and two of its feeds, hugo-feed-listkinds-*.xml
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

build() { # site-dir run-name [config-list]
	local site="$1" run="$2" config="${3:-}"
	HUGO_RESOURCEDIR="$tmp/$run/resources" hugo --quiet --source "$site" \
		${config:+--config "$config"} \
		--destination "$tmp/$run/public" --cacheDir "$tmp/cache" \
		--noBuildLock --cleanDestinationDir >/dev/null
}
sorted() { # src dst: header, then the rows sorted (LC_ALL=C)
	{ head -n 1 "$1"; tail -n +2 "$1" | LC_ALL=C sort; } > "$2.tmp"
	mv "$2.tmp" "$2"
}

# plurals/: one section per word, made here (words.txt), each with one
# page titled with the folder's name as written.
site="$tmp/plurals-site"
mkdir -p "$site/content"
cp -r "$here/plurals/hugo.yaml" "$here/plurals/layouts" "$site/"
grep -v '^#' "$here/plurals/words.txt" | while IFS= read -r w; do
	[ -n "$w" ] || continue
	mkdir -p "$site/content/$w"
	printf -- '---\ntitle: "%s"\n---\nx\n' "$w" > "$site/content/$w/p.md"
done
build "$site" plurals
sorted "$tmp/plurals/public/hugo-plurals.tsv" "$golden/hugo-plurals.tsv"
echo "hugo-plurals.tsv: $(($(wc -l < "$golden/hugo-plurals.tsv") - 1)) rows"
cp "$here/plurals/plural-off.yaml" "$site/"
build "$site" plurals-off hugo.yaml,plural-off.yaml
sorted "$tmp/plurals-off/public/hugo-plurals.tsv" "$golden/hugo-plurals-off.tsv"
echo "hugo-plurals-off.tsv: $(($(wc -l < "$golden/hugo-plurals-off.tsv") - 1)) rows"

# listkinds/: content/_index.md and nested sections. The home page's own
# URL is its TSV file's in this output format: written as "/".
build "$here/listkinds" listkinds
sed 's|/hugo-listkinds\.tsv|/|g' "$tmp/listkinds/public/hugo-listkinds.tsv" \
	> "$tmp/listkinds/hugo-listkinds.tsv"
cp "$tmp/listkinds/hugo-listkinds.tsv" "$golden/hugo-listkinds.tsv"
echo "hugo-listkinds.tsv: $(($(wc -l < "$golden/hugo-listkinds.tsv") - 1)) rows"
cp "$tmp/listkinds/public/index.xml" "$golden/hugo-feed-listkinds-home.xml"
cp "$tmp/listkinds/public/essays/2023/index.xml" \
	"$golden/hugo-feed-listkinds-essays-2023.xml"

# listkinds/ again under uglyURLs, true (ugly.yaml) and for one section
# (ugly-map.yaml): every HTML file Hugo writes, as the URL that serves
# it, and the URL an alias file (page/1.html) redirects to.
ugly_rows() { # run config-name
	(cd "$tmp/$1/public" && find . -name '*.html' | LC_ALL=C sort) |
	while IFS= read -r f; do
		url=${f#.}
		case $url in */index.html) url=${url%index.html} ;; esac
		to=$(sed -n 's/.*http-equiv="refresh" content="0; url=http:\/\/example\.org\([^"]*\)".*/\1/p' \
			"$tmp/$1/public/$f")
		printf '%s\t%s\t%s\n' "$2" "$url" "$to"
	done
}
build "$here/listkinds" ugly hugo.yaml,ugly.yaml 2> >(grep -v 'found no layout' >&2)
build "$here/listkinds" ugly-map hugo.yaml,ugly-map.yaml 2> >(grep -v 'found no layout' >&2)
{
	printf 'config\turl\tredirect\n'
	ugly_rows ugly ugly.yaml
	ugly_rows ugly-map ugly-map.yaml
} > "$golden/hugo-listkinds-ugly.tsv"
echo "hugo-listkinds-ugly.tsv: $(($(wc -l < "$golden/hugo-listkinds-ugly.tsv") - 1)) rows"

# listkinds/ with each of Hugo's kinds disabled in turn (disableKinds:
# [KIND], made here), and with none ("-"): every file Hugo writes, as the
# URL serving it, an alias file's target, and (sitemap.xml) its URLs.
# robots.txt is written as quire always serves it (enableRobotsTXT).
files_rows() { # run config-name
	(cd "$tmp/$1/public" && find . -type f | LC_ALL=C sort) |
	while IFS= read -r f; do
		url=${f#.}
		case $url in */index.html) url=${url%index.html} ;; esac
		to=$(sed -n 's/.*http-equiv="refresh" content="0; url=http:\/\/example\.org\([^"]*\)".*/\1/p' \
			"$tmp/$1/public/$f")
		printf '%s\tfile\t%s\t%s\n' "$2" "$url" "$to"
	done
	if [ -f "$tmp/$1/public/sitemap.xml" ]; then
		sed -n 's|.*<loc>http://example\.org\(.*\)</loc>.*|\1|p' \
			"$tmp/$1/public/sitemap.xml" | LC_ALL=C sort |
		while IFS= read -r u; do printf '%s\tsitemap\t%s\t\n' "$2" "$u"; done
	fi
}
{
	printf 'kind\twhat\turl\tredirect\n'
	for kind in - home page section taxonomy term RSS sitemap robotsTXT; do
		conf="$tmp/disable-$kind.yaml"
		{
			[ "$kind" = - ] || printf 'disableKinds: [%s]\n' "$kind"
			# Hugo stops on "taxonomy" without it (0.73's change).
			[ "$kind" != taxonomy ] ||
				printf 'ignoreErrors: [error-disable-taxonomy]\n'
			printf 'enableRobotsTXT: true\noutputs:\n  home: [HTML, RSS]\n'
		} > "$conf"
		build "$here/listkinds" "disable-$kind" "hugo.yaml,$conf" \
			2> >(grep -v 'found no layout' >&2)
		files_rows "disable-$kind" "$kind"
	done
} > "$golden/hugo-listkinds-disable.tsv"
echo "hugo-listkinds-disable.tsv: $(($(wc -l < "$golden/hugo-listkinds-disable.tsv") - 1)) rows"
