#!/bin/sh
# sanitize.sh - the unit and integration tests again, with quire built with
# AddressSanitizer and UndefinedBehaviorSanitizer, in a copy of the tree so
# that this tree's programs stay as they are. The seccomp filter is off
# there (QUIRE_SECCOMP=0): the sanitizers' own threads would meet it;
# the suites about the filter and the real servers run in the plain build only.
# Closes with "sanitize: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-sanitize.XXXXXX")
child=""
trap 'rm -rf "$tmp"' EXIT
# dash runs no EXIT trap when a signal ends it, and a trap only once its
# foreground child is done: the long steps run in the background (run),
# and a signal stops the one under way and exits, which runs the trap.
trap '[ -z "$child" ] || kill "$child" 2>/dev/null; exit 143' TERM
trap '[ -z "$child" ] || kill "$child" 2>/dev/null; exit 130' INT
# run COMMAND...: COMMAND, in the background, waited for.
run() {
	"$@" &
	child=$!
	wait "$child"
	set -- $?
	child=""
	return "$1"
}
cd "$top"
if git rev-parse --git-dir >/dev/null 2>&1; then
	# -z: file names as they are (the Hugo fixtures hold non-ASCII ones).
	git ls-files -z -co --exclude-standard |
	    tar --null -cf - -T - | (cd "$tmp" && tar -xf -)
else
	tar --exclude=./build --exclude=./test-artifacts -cf - . | (cd "$tmp" && tar -xf -)
fi
cd "$tmp"
units=$(make -s --no-print-directory print-unit-tests)
if ! run make --no-print-directory -j"$(nproc 2>/dev/null || echo 1)" \
    SANITIZE=1 all $units >build.log 2>&1; then
	cat build.log
	echo "sanitize: 0 passed, 1 failed"
	exit 1
fi
# The look (browser) and the server configurations (deploy) do not run
# more of quire's code than the suites kept here.
# The suites run one per core: under ASan each process starts in 150 ms
# where the plain build takes 18, and the pass is make test's longest.
QUIRE_SUITE_JOBS=$(nproc 2>/dev/null || echo 1) \
QUIRE_SECCOMP=0 QUIRE_SKIP_SANITIZE=1 QUIRE_SKIP_SUITES="browser deploy install valgrind faults confine" \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run sh tests/run-all.sh $units >run.log 2>&1
rc=$?
grep -E '^(not ok|==[0-9]+==|.*runtime error)' run.log | head -n 40
line=$(tail -n 1 run.log)
case $line in
*" passed, "*" failed") echo "sanitize: $line" ;;
*) tail -n 20 run.log; echo "sanitize: 0 passed, 1 failed"; exit 1 ;;
esac
exit $rc
