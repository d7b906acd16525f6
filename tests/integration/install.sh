#!/usr/bin/env bash
# make install into a staging folder, and the command-line tool's --help
# against its man page. Closes with "install: N passed, M failed".
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

make -s install PREFIX=/usr DESTDIR="$tmp/root" >"$tmp/log" 2>&1
expect "make install PREFIX=/usr DESTDIR=... succeeds" "$?" 0
for f in bin/quire lib/quire/cgi-bin/quire.fcgi share/man/man1/quire.1 \
    share/quire/static/css/quire.css share/quire/static/js/theme.js \
    share/quire/schema/001-init.sql share/doc/quire/quire.conf \
    share/doc/quire/quire-upstream.conf share/quire/schema/006-term-order.sql \
    share/doc/quire/quire-fcgi.service; do
	if [ -f "$tmp/root/usr/$f" ]; then ok "installs /usr/$f"; else not_ok "installs /usr/$f" missing; fi
done
[ -x "$tmp/root/usr/bin/quire" ] && [ -x "$tmp/root/usr/lib/quire/cgi-bin/quire.fcgi" ]
expect "the programs are executable" "$?" 0

"$tmp/root/usr/bin/quire" --help >"$tmp/help" 2>&1
expect "quire --help exits 0" "$?" 0
"$tmp/root/usr/bin/quire" --version >"$tmp/version" 2>&1
expect "quire --version names the version in the man page" \
    "$(cut -d' ' -f2 "$tmp/version")" \
    "$(sed -n 's/^\.TH QUIRE 1 [^ ]* "quire \([^"]*\)".*/\1/p' "$top/man/quire.1")"
"$tmp/root/usr/bin/quire" bogus >/dev/null 2>&1
expect "an unknown command exits 2" "$?" 2
# Every long option of --help is in the man page, and the other way round.
help_opts=$(grep -oE -- '--[a-z][a-z-]*' "$tmp/help" | sort -u)
man_opts=$(sed 's/\\-/-/g' "$top/man/quire.1" | grep -oE -- '--[a-z][a-z-]*' | sort -u)
expect "--help and quire(1) document the same options" \
    "$(diff <(echo "$help_opts") <(echo "$man_opts") | grep '^[<>]' | tr '\n' ' ')" ""
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$top/man/quire.1" >"$tmp/man.txt" 2>"$tmp/man.err"
	expect "the man page renders without warnings" "$(cat "$tmp/man.err")" ""
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
