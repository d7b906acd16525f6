# lib.sh - the reporting helpers every integration suite sources (after
# `set -u`): one "ok - ..." or "not ok - ... (got: ...)" line per check,
# and the closing line "SUITE: N passed, M failed" that tests/run-all.sh
# adds up. A suite may set CHECK_PREFIX to label its checks.
# shellcheck shell=bash
pass=0
fail=0
CHECK_PREFIX=${CHECK_PREFIX:-}

ok() { pass=$((pass + 1)); echo "ok - ${CHECK_PREFIX}$1"; }
# not_ok DESC GOT: GOT is shown on one line, cut to 400 characters.
not_ok() {
	local got
	got=$(printf '%s' "$2" | tr '\n\r\t' '   ' | cut -c1-400)
	fail=$((fail + 1))
	echo "not ok - ${CHECK_PREFIX}$1 (got: $got)"
}
# expect DESC GOT WANT: string equality.
expect() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "$2"; fi; }
# expect_re DESC GOT ERE
expect_re() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1" "$2"; fi
}
# cond DESC GOT STATUS: passes when STATUS (of the previous command) is 0.
cond() { if [ "$3" = 0 ]; then ok "$1"; else not_ok "$1" "$2"; fi; }
# report SUITE: prints the closing line; fails when a check failed.
report() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
