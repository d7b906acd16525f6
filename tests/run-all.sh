#!/bin/sh
# run-all.sh UNIT_BINARY... - runs the cmocka unit tests and the
# integration suite, adds up their counts and prints the closing line
# "N passed, N failed" (after a line with the number of cmocka tests
# skipped, if any); exits non-zero on any failure. A plain build's
# sanitizer pass (tests/sanitize.sh: its own copy of the tree, build and
# temporary folders) runs beside the rest from the start, as each pass
# mostly keeps one core busy; its report comes last.
set -u
passed=0
failed=0
skipped=0
log=$(mktemp)
sanlog=$(mktemp)
san_pid=""
# kill_tree PID: PID and every process under it (a background job ignores
# the terminal's ^C, so an interrupted run stops it here).
kill_tree() {
	for c in $(pgrep -P "$1" 2>/dev/null); do
		kill_tree "$c"
	done
	kill "$1" 2>/dev/null
}
trap 'rm -f "$log" "$sanlog"; [ -z "$san_pid" ] || kill_tree "$san_pid"' EXIT
trap 'exit 130' INT TERM

if [ "${SANITIZE:-}" != 1 ] && [ -z "${QUIRE_SKIP_SANITIZE:-}" ]; then
	sh tests/sanitize.sh >"$sanlog" 2>&1 &
	san_pid=$!
fi

for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${s:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "$t: exited with status $rc"
		failed=$((failed + 1))
	fi
done

# Each integration suite closes with "NAME: N passed, N failed". With
# QUIRE_SUITE_JOBS=N (tests/sanitize.sh sets one per core) they run N at
# a time, each into a log of its own, reported in order once all are done.
suites=""
for suite in tests/integration/*.sh; do
	[ -f "$suite" ] || continue
	case " ${QUIRE_SKIP_SUITES:-} " in
	*" $(basename "$suite" .sh) "*) continue ;;
	esac
	suites="$suites $suite"
done
jobs=${QUIRE_SUITE_JOBS:-1}
suite_logs=""
if [ "$jobs" -gt 1 ]; then
	suite_logs=$(mktemp -d)
	# shellcheck disable=SC2016,SC2086
	printf '%s\n' $suites | xargs -P "$jobs" -I{} sh -c \
	    'n=$(basename "$1" .sh); bash "$1" >"$2/$n.log" 2>&1; echo $? >"$2/$n.rc"' \
	    sh {} "$suite_logs"
fi
for suite in $suites; do
	name=$(basename "$suite" .sh)
	if [ -n "$suite_logs" ]; then
		cp "$suite_logs/$name.log" "$log" 2>/dev/null || : >"$log"
		rc=$(cat "$suite_logs/$name.rc" 2>/dev/null || echo 1)
	else
		bash "$suite" >"$log" 2>&1
		rc=$?
	fi
	cat "$log"
	line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^[a-z-]*: \([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ]; then
		echo "$suite: exited with status $rc"
		failed=$((failed + 1))
	fi
done
[ -z "$suite_logs" ] || rm -rf "$suite_logs"

# A short fuzz pass: each libFuzzer target a few seconds (make fuzz for long).
if [ -f tests/fuzz/run.sh ] && [ -z "${QUIRE_SKIP_SANITIZE:-}" ]; then
	sh tests/fuzz/run.sh "${QUIRE_FUZZ_SECONDS:-8}" >"$log" 2>&1
	rc=$?
	tail -n 30 "$log"
	line=$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^fuzz: \([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ]; then
		echo "fuzz: exited with status $rc"
		failed=$((failed + 1))
	fi
fi

# A plain build repeats the tests with the sanitizers (tests/sanitize.sh),
# started above.
if [ -n "$san_pid" ]; then
	wait "$san_pid"
	rc=$?
	san_pid=""
	cat "$sanlog"
	line=$(grep -E '^sanitize: [0-9]+ passed, [0-9]+ failed' "$sanlog" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^sanitize: \([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ]; then
		echo "sanitize: exited with status $rc"
		failed=$((failed + 1))
	fi
fi

[ "$skipped" -eq 0 ] || echo "# $skipped unit test(s) skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
