#!/bin/sh
# chroma-samples.sh - dev check: tools/chroma-diff.sh over Chroma's own
# samples (lexers/testdata of Debian's Chroma 2.5.0): NAME.actual is
# lexed with the lexer NAME (its part before the first dot), DIR/*.actual
# with the lexer DIR, as Chroma's TestLexers does.
#
# usage: tools/chroma-samples.sh [CHROMA_DIR]
#
# Prints each sample that differs, then "N passed, N failed"; exits 1 on
# a difference.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/usr/share/gocode/src/github.com/alecthomas/chroma/v2}/lexers/testdata
[ -d "$dir" ] || { echo "$0: $dir: no such directory" >&2; exit 2; }
pass=0 fail=0
for f in "$dir"/*.actual "$dir"/*/*.actual; do
	[ -f "$f" ] || continue
	sub=$(dirname "$f")
	case $sub in
	*/analysis) continue ;;
	"$dir") lang=$(basename "$f" .actual | cut -d. -f1) ;;
	*) lang=$(basename "$sub") ;;
	esac
	if out=$("$top/tools/chroma-diff.sh" "$lang" "$f" 2>&1); then
		pass=$((pass + 1))
	else
		printf '%s\n' "$out" | sed '$d'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
