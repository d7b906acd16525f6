#!/bin/sh
# run.sh [SECONDS] - builds the libFuzzer targets tests/fuzz/fuzz-*.c with
# clang (libFuzzer + ASan + UBSan, from src/*.c: gcc's build/*.o carry no
# instrumentation) into build/fuzz/, runs each for SECONDS (default 60)
# from a copy of its seed corpus tests/fuzz/corpus/NAME/ (FUZZ_JOBS targets
# at a time, default one per core), and prints
# "fuzz: N passed, M failed". A target that crashes, leaks, times out or
# breaks an invariant fails; its input is copied to tests/fuzz/crashes/.
# Reproduce one with: build/fuzz/fuzz-NAME tests/fuzz/crashes/FILE
# Needs clang and libclang-rt-14-dev (scripts/deps.sh test).
set -u
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

PKGS="fcgi libcmark-gfm sqlite3 yaml-0.1 tomlplusplus jansson libpcre2-8 vips libcrypto"
CC=${FUZZ_CC:-clang}
CXX=${FUZZ_CXX:-clang++}
out=build/fuzz
# shellcheck disable=SC2086
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
-fno-omit-frame-pointer -std=c11 -Iinclude -Ibuild -D_GNU_SOURCE
$(pkg-config --cflags $PKGS)"
# The importer's C++ (src/*.cpp) is compiled alike, as C++17, less UBSan's
# vptr check, whose runtime only a C++ link (clang++) brings.
CXXFLAGS="$(printf '%s\n' "$CFLAGS" | sed 's/-std=c11/-std=c++17/') -fno-sanitize=vptr"
# shellcheck disable=SC2086
LIBS="$(pkg-config --libs $PKGS) -lstdc++ -lm"

# Modules each target links (names under src/), from the Makefile; the
# worker's seccomp filter (confine) is never installed by a target.
eval "$(make -s --no-print-directory print-modules)"
# Generated headers the sources include.
make -s --no-print-directory build/cjk-ranges.h build/chroma-tables.h \
    build/go-classes.h build/emoji-table.h build/schema-version.h
worker_mods=""
for m in $WORKER; do
	[ "$m" = confine ] || worker_mods="$worker_mods $m"
done
# The document readers: each format's loader, behind yamldoc.c.
docs="yamldoc jsondoc tomldoc"
# Sets mods (what target $1 links) and opts (its libFuzzer options).
target() {
	case $1 in
	request) mods="$COMMON request"; opts="-max_len=9000" ;;
	frontmatter) mods="$COMMON $docs frontmatter"; opts="-max_len=8192" ;;
	toml|json) mods="$COMMON $docs"; opts="-max_len=8192" ;;
	markdown) mods="$COMMON"; opts="-max_len=8192" ;;
	highlight) mods="$COMMON highlight highlight-lex"
		opts="-max_len=16384" ;;
	shortcode) mods="$COMMON highlight highlight-lex shortcode shortcodes-builtin"
		opts="-max_len=4096" ;;
	images) mods="$COMMON images"; opts="-max_len=65536" ;;
	# src/worker.c itself is included by the target.
	worker) mods="$COMMON $IMPORTER $IMPORTER_CXX $worker_mods schema"
		opts="-max_len=2048 -close_fd_mask=3" ;;
	*) mods="$COMMON"; opts="" ;;
	esac
}

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
mkdir -p "$out/obj" || exit 1

# Compiles src/NAME.c (or the generated schema) once, when out of date.
obj() {
	o=$out/obj/$1.o
	if [ "$1" = schema ]; then
		s=$out/schema.c
		if [ ! -f "$s" ] || [ -n "$(find schema -newer "$s" 2>/dev/null)" ]; then
			# shellcheck disable=SC2046
			sh scripts/embed-schema.sh "$s" $(find schema -name '*.sql' |
			    sort) || return 1
		fi
	elif [ -f "src/$1.cpp" ]; then
		s=src/$1.cpp
	else
		s=src/$1.c
	fi
	if [ ! -f "$o" ] ||
	    [ -n "$(find "$s" include -newer "$o" 2>/dev/null)" ]; then
		case $s in
		# shellcheck disable=SC2086
		*.cpp) $CXX $CXXFLAGS -c -o "$o" "$s" || return 1 ;;
		# shellcheck disable=SC2086
		*) $CC $CFLAGS -c -o "$o" "$s" || return 1 ;;
		esac
	fi
	echo "$o"
}

passed=0
failed=0
work=$(mktemp -d "${TMPDIR:-/tmp}/quire-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
# Objects are compiled and targets run FUZZ_JOBS at a time (default: one
# per core); each target is one process for SECONDS.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}

# Every module any target links, compiled first, jobs at a time (a module
# that fails is reported by the target that links it, below).
all=""
for src in tests/fuzz/fuzz-*.c; do
	name=${src#tests/fuzz/fuzz-}
	target "${name%.c}"
	for m in $mods; do
		case " $all " in *" $m "*) ;; *) all="$all $m" ;; esac
	done
done
n=0
for m in $all; do
	obj "$m" >/dev/null 2>&1 &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait

# Links each target; names holds those built.
names=""
for src in tests/fuzz/fuzz-*.c; do
	name=${src#tests/fuzz/fuzz-}
	name=${name%.c}
	bin=$out/fuzz-$name
	target "$name"
	objs=""
	ok=1
	for m in $mods; do
		o=$(obj "$m") || { ok=0; break; }
		objs="$objs $o"
	done
	if [ "$ok" = 1 ]; then
		# shellcheck disable=SC2086
		$CC $CFLAGS -o "$bin" "$src" $objs $LIBS || ok=0
	fi
	if [ "$ok" != 1 ]; then
		echo "fuzz-$name: FAILED to build"
		failed=$((failed + 1))
		continue
	fi
	names="$names $name"
done

# run_target NAME: runs build/fuzz/fuzz-NAME from a copy of its corpus;
# leaves its log and exit status in the work folder.
run_target() {
	name=$1
	target "$name"
	corpus=$work/$name
	mkdir -p "$corpus" "$work/art-$name"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	fi
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	"$out/fuzz-$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$work/art-$name/" \
	    $dict $opts "$corpus" >"$work/$name.log" 2>&1
	echo $? >"$work/$name.rc"
}
n=0
for name in $names; do
	run_target "$name" &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait

for name in $names; do
	log=$work/$name.log
	rc=$(cat "$work/$name.rc" 2>/dev/null || echo 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	arts=$(ls "$work/art-$name" 2>/dev/null)
	if [ "$rc" -eq 0 ] && [ -z "$arts" ]; then
		echo "fuzz-$name: ok, ${execs:-?} inputs in ${secs}s (${speed:-?}/s)"
		passed=$((passed + 1))
	else
		echo "fuzz-$name: FAILED (exit $rc) after ${execs:-?} inputs"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:)|^ *#[0-9] ' \
		    "$log" | head -n 20
		mkdir -p tests/fuzz/crashes
		for a in $arts; do
			cp "$work/art-$name/$a" "tests/fuzz/crashes/$name-$a"
			echo "fuzz-$name: input saved as tests/fuzz/crashes/$name-$a"
		done
		cp "$log" "tests/fuzz/crashes/$name.log"
		failed=$((failed + 1))
	fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
