#!/bin/sh
# chroma-diff.sh - dev check: quire's token streams against Chroma's own
# (Debian's Chroma 2.5.0, the one Hugo 0.111 is built with), file by file.
#
# usage: tools/chroma-diff.sh LANG FILE...
#
# Needs golang-go and the Chroma package (make deps installs the latter);
# builds tools/chroma-tokdump.go in GOPATH mode into build/, and
# build/hl-tokens with make. Prints each file that differs with the first
# differing lines, then "N passed, N failed"; exits 1 on a difference.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 LANG FILE..." >&2; exit 2; }
lang=$1; shift
top=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$top" DEPS=0 build/hl-tokens
dump=$top/build/chroma-tokdump
if [ ! -x "$dump" ] || [ "$top/tools/chroma-tokdump.go" -nt "$dump" ]; then
	mkdir -p "$top/build/gocache"
	(cd "$top/tools" && GO111MODULE=off GOPATH=/usr/share/gocode \
	    GOCACHE="$top/build/gocache" \
	    go build -o "$dump" chroma-tokdump.go)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for f in "$@"; do
	"$dump" "$lang" < "$f" > "$tmp/go" 2> "$tmp/go.err" || {
		echo "$f: Chroma failed: $(head -c 300 "$tmp/go.err")"
		fail=$((fail + 1))
		continue
	}
	"$top/build/hl-tokens" "$lang" < "$f" > "$tmp/c" 2> "$tmp/c.err" || true
	if cmp -s "$tmp/go" "$tmp/c" && [ ! -s "$tmp/c.err" ]; then
		pass=$((pass + 1))
	else
		echo "$f: differs $(cat "$tmp/c.err")"
		diff "$tmp/go" "$tmp/c" | head -6 || true
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
