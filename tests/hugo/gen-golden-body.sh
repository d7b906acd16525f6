#!/usr/bin/env bash
# Regenerate tests/golden/hugo-body.tsv with Hugo 0.111.3 from body/:
# article bodies as Hugo renders them, per configuration: hugo.yaml alone
# (config "github": enableEmoji, autoHeadingIDType github), and with
# ascii.yaml (github-ascii), blackfriday.yaml and settings.yaml
# (markup.goldmark settings turned from their defaults) laid over it.
# Columns: config, then body/layouts/index.goldenbody.tsv's (file, words,
# truncated, summary, plain, heading ids, table of contents hrefs, the
# body's link hrefs); rows sorted (LC_ALL=C). TSV escaped as gen-golden.sh.
set -euo pipefail
export TZ=UTC
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

out="$golden/hugo-body.tsv"
for run in github ascii blackfriday settings; do
	config=hugo.yaml
	[ "$run" = github ] || config="hugo.yaml,$run.yaml"
	hugo --quiet --source "$here/body" --config "$config" \
		--destination "$tmp/$run" --cacheDir "$tmp/cache" \
		--noBuildLock >/dev/null
	tail -n +2 "$tmp/$run/hugo-body.tsv" | sed "s/^/$run\t/" >>"$tmp/rows"
	header=$(head -n 1 "$tmp/$run/hugo-body.tsv")
done
{ printf 'config\t%s\n' "$header"; LC_ALL=C sort "$tmp/rows"; } >"$out.tmp"
mv "$out.tmp" "$out"
echo "$(basename "$out"): $(($(wc -l <"$out") - 1)) rows"
