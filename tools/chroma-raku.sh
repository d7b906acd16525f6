#!/bin/sh
# chroma-raku.sh - dev check: Raku's token streams against Chroma's
# (tools/chroma-diff.sh), on tests/fixtures/raku/*.raku and on samples
# made here: a quote, a nested quote, an embedded comment, a regex, a
# substitution and a colon pair with each bracket pair Chroma's Raku
# lexer knows (hl_rk_brackets in build/chroma-tables.h, read from
# Debian's raku.go at build time).
#
# usage: tools/chroma-raku.sh
#
# Prints each file that differs, then "N passed, N failed"; exits 1 on a
# difference.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$top" DEPS=0 build/chroma-tables.h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The UTF-8 of code point $1 (hex, below 0x10000), as printf writes it
# from octal escapes (the format is the point: SC2059).
# shellcheck disable=SC2059
utf8() {
	v=$((0x$1))
	if [ "$v" -lt 128 ]; then
		printf "\\$(printf %o "$v")"
	elif [ "$v" -lt 2048 ]; then
		printf "\\$(printf %o $((192 + v / 64)))\\$(printf %o \
		    $((128 + v % 64)))"
	else
		printf "\\$(printf %o $((224 + v / 4096)))\\$(printf %o \
		    $((128 + v / 64 % 64)))\\$(printf %o $((128 + v % 64)))"
	fi
}
# one file a pair: the pair's characters from their code points (the
# formats are Raku, whose $ is its own: SC2016)
# shellcheck disable=SC2016
sed -n '/^static const struct hl_rk_pair hl_rk_brackets/,/^};/p' \
    "$top/build/chroma-tables.h" |
    sed -n 's/^\t{ 0x\([0-9a-f]*\), 0x\([0-9a-f]*\) },$/\1 \2/p' |
    while read -r o c; do
	ob=$(utf8 "$o")
	cb=$(utf8 "$c")
	printf 'say q%sa %sb%s c%s; say qq%s%sx %s $y%s%s;\n' \
	    "$ob" "$ob" "$cb" "$cb" "$ob" "$ob" "$cb" "$cb" "$cb" \
	    > "$tmp/pair-$o.raku"
	printf '#`%s comment %s%s %s\nmy $m = m%sa+%s; s%sb%s = 1;\n' \
	    "$ob" "$ob" "$cb" "$cb" "$ob" "$cb" "$ob" "$cb" \
	    >> "$tmp/pair-$o.raku"
	printf 'my %%h = :k%sv%s, :j%s%s1%s%s;\n' "$ob" "$cb" "$ob" "$ob" \
	    "$cb" "$cb" >> "$tmp/pair-$o.raku"
done
set -- "$tmp"/*.raku
[ -e "$1" ] || { echo "$0: no bracket pairs in build/chroma-tables.h" >&2;
    exit 2; }
exec "$top/tools/chroma-diff.sh" raku "$top"/tests/fixtures/raku/*.raku \
    "$tmp"/*.raku
