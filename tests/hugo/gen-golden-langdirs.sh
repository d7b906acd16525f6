#!/usr/bin/env bash
# Regenerate Hugo 0.111.3's view of the sites whose content is not (only)
# content/: each language's home writes one row per page of its language
# that has a file (layouts/index.goldenlangdirs.tsv): lang, the file
# relative to the site, URL; the rows of every language sorted together
# (LC_ALL=C) under one header.
# - langdirs/ (no content/; en, zh, he each in a contentDir of its own, es
#   in one that does not exist; a theme with an archetype; a hugo.yaml
#   that hugo.toml beside it keeps Hugo from reading) writes
#   hugo-langdirs.tsv;
# - langdirs-shared/ (a top-level contentDir that the languages naming
#   none share, a content/ folder Hugo does not read) writes
#   hugo-langdirs-shared.tsv;
# - langdirs-inner/ (each language's contentDir inside content/, beside
#   files and a folder of content/ that no language's holds) writes
#   hugo-langdirs-inner.tsv;
# - langdirs-mounts/ (module.mounts giving each language a folder of
#   content/, beside a file no mount holds) writes
#   hugo-langdirs-mounts.tsv;
# - reflang/inside, reflang/beside and reflang/root (en and zh each in a
#   contentDir inside content/, beside it, or by NAME.zh.md in content/;
#   ref and relref by every kind of path, with and without lang=, under
#   refLinksErrorLevel WARNING) write hugo-reflang.tsv: site, lang, the
#   file relative to the site, the item's number, the URL Hugo wrote.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for site in langdirs langdirs-shared langdirs-inner langdirs-mounts; do
	HUGO_RESOURCEDIR="$tmp/$site-resources" hugo --quiet --source "$here/$site" --destination "$tmp/$site" \
		--cacheDir "$tmp/cache" --noBuildLock >/dev/null \
		2> >(grep -v 'found no layout file' >&2)
	{
		printf 'lang\tfile\turl\n'
		cat "$tmp/$site/hugo-langdirs.tsv" "$tmp/$site"/*/hugo-langdirs.tsv |
			sed "s|\t$here/$site/|\t|" | LC_ALL=C sort
	} >"$golden/hugo-$site.tsv.tmp"
	mv "$golden/hugo-$site.tsv.tmp" "$golden/hugo-$site.tsv"
	echo "hugo-$site.tsv: $(($(wc -l <"$golden/hugo-$site.tsv") - 1)) rows"
done

{
	printf 'site\tlang\tfile\tn\turl\n'
	for site in inside beside root; do
		HUGO_RESOURCEDIR="$tmp/reflang-$site-resources" hugo --quiet \
			--source "$here/reflang/$site" --destination "$tmp/reflang-$site" \
			--cacheDir "$tmp/cache" --noBuildLock >/dev/null \
			2> >(grep -v 'found no layout file\|REF_NOT_FOUND' >&2)
		cat "$tmp/reflang-$site/hugo-reflang.tsv" "$tmp/reflang-$site"/zh/hugo-reflang.tsv |
			sed "s|^|$site\t|; s|\t$here/reflang/$site/|\t|"
	done | LC_ALL=C sort
} >"$golden/hugo-reflang.tsv.tmp"
mv "$golden/hugo-reflang.tsv.tmp" "$golden/hugo-reflang.tsv"
echo "hugo-reflang.tsv: $(($(wc -l <"$golden/hugo-reflang.tsv") - 1)) rows"
