#!/bin/sh
# hugo-render.sh - renders each tests/golden/render/NAME.md with Debian's
# hugo (0.111, Goldmark with Hugo's defaults; NAME.unsafe.md with
# markup.goldmark.renderer.unsafe) and prints the diff against quire's
# NAME.html, to review a `make golden-render` by eye. The known
# differences are listed in README.md ("Differences from Hugo").
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v hugo >/dev/null 2>&1 || { echo "hugo-render: needs hugo" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-hugo-render.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

for mode in safe unsafe; do
	mkdir -p "$tmp/$mode/content/posts" "$tmp/$mode/layouts/_default"
	printf 'baseURL: http://example.org/\ndisableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404, home, section]\n' \
	    >"$tmp/$mode/hugo.yaml"
	[ "$mode" = unsafe ] && printf 'markup:\n  goldmark:\n    renderer:\n      unsafe: true\n' \
	    >>"$tmp/$mode/hugo.yaml"
	printf '{{ .Content }}' >"$tmp/$mode/layouts/_default/single.html"
done
for md in "$top"/tests/golden/render/*.md; do
	name=$(basename "$md" .md)
	case $name in
	*.unsafe) mode=unsafe; post=${name%.unsafe} ;;
	*) mode=safe; post=$name ;;
	esac
	{ printf -- '---\ntitle: %s\n---\n' "$post"; cat "$md"; } \
	    >"$tmp/$mode/content/posts/$post.md"
done
for mode in safe unsafe; do
	(cd "$tmp/$mode" && hugo --quiet) || exit 1
done
for md in "$top"/tests/golden/render/*.md; do
	name=$(basename "$md" .md)
	case $name in
	*.unsafe) out=$tmp/unsafe/public/posts/${name%.unsafe}/index.html ;;
	*) out=$tmp/safe/public/posts/$name/index.html ;;
	esac
	echo "=== $name: Hugo (<) and quire (>)"
	diff "$out" "$top/tests/golden/render/$name.html"
done
exit 0
