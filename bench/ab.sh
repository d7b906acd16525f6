#!/usr/bin/env bash
# bench/ab.sh REV - `make bench-ab REV=...`: this tree's worker against the
# worker of an earlier revision, side by side on one generated blog, so a
# change can show it kept the speed ("Speed stays") by a figure that does
# not depend on how busy the machine was that hour.
#
#   BENCH_SECONDS=4  seconds per wrk run     BENCH_ROUNDS=3  rounds per page
#   BENCH_POSTS=1000 posts in the blog       BENCH_SEED      gen-blog's seed
#
# REV is built in a temporary worktree and imports the same content with its
# own importer (its own schema). Four FastCGI pools of two processes sit
# behind one nginx: this tree's worker, REV's, and bench/noop-fcgi.c
# answering each one's own bytes from memory (each ceiling). Every page is
# fetched in rounds that alternate the four and keep each one's best run:
# single wrk runs on a 2-core machine swing by 10-20%, a best of alternating
# rounds does not drift with the load. Worker CPU per request (from
# /proc/PID/stat over the same runs) is printed beside req/s.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:?usage: bench/ab.sh REV}
secs=${BENCH_SECONDS:-4}
rounds=${BENCH_ROUNDS:-3}
posts=${BENCH_POSTS:-1000}
seed=${BENCH_SEED:-20240601}
work=$(mktemp -d "${TMPDIR:-/tmp}/quire-ab.XXXXXX")
run=$work/run
old=$work/old
mkdir -p "$run/tmp" "$work/empty"

say() { printf '%s\n' "$*" >&2; }
die() { say "bench-ab: $*"; exit 1; }
cleanup() {
	local f
	for f in "$run"/*.pids "$run/nginx.pid"; do
		[ -s "$f" ] && kill $(cat "$f") 2>/dev/null
	done
	git -C "$top" worktree remove --force "$old" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for t in wrk spawn-fcgi curl gcc pkg-config git; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing (scripts/deps.sh bench)"
done
nginx=/usr/sbin/nginx
[ -x "$nginx" ] || nginx=$(command -v nginx) || die "nginx is missing"
[ -x "$top/quire" ] && [ -x "$top/cgi-bin/quire.fcgi" ] || die "run make first"

say "bench-ab: building $rev"
git -C "$top" worktree add --detach "$old" "$rev" >/dev/null 2>&1 ||
    die "cannot check out $rev"
make -C "$old" -j2 DEPS=0 quire cgi-bin/quire.fcgi >"$work/build.log" 2>&1 ||
    die "$rev does not build (see $work/build.log)"
gcc -O2 -o "$work/gen-blog" "$top/bench/gen-blog.c"
# shellcheck disable=SC2046
gcc -O2 -o "$work/noop-fcgi" "$top/bench/noop-fcgi.c" $(pkg-config --cflags --libs fcgi)
"$work/gen-blog" "$work/site" "$posts" "$seed" >"$work/site.info"
tag=$(sed -n 's/^tag=//p' "$work/site.info")
"$top/quire" import -q --db "$work/new.db" "$work/site/content"
"$old/quire" import -q --db "$work/old.db" "$work/site/content"

pages=(home tag article feed)
declare -A url
url[home]=/
url[tag]=/tags/$tag/
url[article]=/posts/the-article/
url[feed]=/index.xml
servers=(new old noop-new noop-old)
declare -A port
i=0
base=$(( ( $(od -An -N2 -tu2 /dev/urandom) % 30000 ) + 20000 ))
for s in "${servers[@]}"; do port[$s]=$((base + i)); i=$((i + 1)); done

spawn() {	# NAME PROGRAM ARGS...: two processes on RUN/NAME.sock
	local name=$1
	shift
	spawn-fcgi -s "$run/$name.sock" -M 0666 -F 2 -P "$run/$name.pids" \
	    -- "$@" >/dev/null || die "spawn-fcgi $name failed"
}
QUIRE_DB=$work/new.db spawn new "$top/cgi-bin/quire.fcgi"
QUIRE_DB=$work/old.db spawn old "$old/cgi-bin/quire.fcgi"

user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
{
	printf '%s worker_processes 1; pid %s/nginx.pid; error_log %s/error.log warn;\n' \
	    "$user" "$run" "$run"
	printf 'events { worker_connections 1024; }\nhttp { access_log off;\n'
	for d in client_body fastcgi proxy uwsgi scgi; do
		printf '%s_temp_path %s/tmp/%s;\n' "$d" "$run" "$d"
	done
	printf 'fastcgi_buffers 64 16k;\n'
	for s in "${servers[@]}"; do
		# As bench/nginx-bench.conf.in: the production block's shape.
		printf 'server { listen 127.0.0.1:%s; server_name localhost; root %s;\n' \
		    "${port[$s]}" "$work/empty"
		printf '  location / { try_files $uri @w; }\n'
		printf '  location @w { include /etc/nginx/fastcgi_params; fastcgi_pass unix:%s/%s.sock; } }\n' \
		    "$run" "$s"
	done
	printf '}\n'
} >"$run/nginx.conf"
"$nginx" -p "$run" -c "$run/nginx.conf" -e "$run/error.log" ||
    die "nginx did not start"
sleep 0.3

# Each worker's own answers, saved for its noop-fcgi ceiling.
for v in new old; do
	: >"$work/$v.map"
	for pg in "${pages[@]}"; do
		code=$(curl -s -o "$work/$v.$pg.body" -D "$work/$v.$pg.raw" -w '%{http_code}' \
		    "http://127.0.0.1:${port[$v]}${url[$pg]}")
		[ "$code" = 200 ] || die "$v answered $code for ${url[$pg]}"
		grep -viE '^(HTTP/|status:|content-length:|date:|server:|connection:|transfer-encoding:|keep-alive:)' \
		    "$work/$v.$pg.raw" | grep -v '^\s*$' | sed 's/\r*$/\r/' >"$work/$v.$pg.h"
		printf '%s\t%s\t%s\n' "${url[$pg]}" "$work/$v.$pg.h" "$work/$v.$pg.body" >>"$work/$v.map"
	done
	spawn "noop-$v" "$work/noop-fcgi" "$work/$v.map"
done

ticks() {	# NAME: user+system ticks so far of pool NAME
	local f="" p
	for p in $(cat "$run/$1.pids"); do f="$f /proc/$p/stat"; done
	# shellcheck disable=SC2086
	awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }' $f
}
hz=$(getconf CLK_TCK)
declare -A best cpu_t cpu_n
say "bench-ab: $rounds alternating rounds of ${secs}s per page and server"
for pg in "${pages[@]}"; do
	for s in "${servers[@]}"; do wrk -t1 -c2 -d1s "http://127.0.0.1:${port[$s]}${url[$pg]}" >/dev/null 2>&1; done
	for ((r = 1; r <= rounds; r++)); do
		for s in "${servers[@]}"; do
			t0=$(ticks "$s")
			out=$(wrk -t2 -c8 -d"$secs"s "http://127.0.0.1:${port[$s]}${url[$pg]}" 2>/dev/null)
			t1=$(ticks "$s")
			rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
			n=$(printf '%s\n' "$out" | awk '/ requests in / { print $1 }')
			printf '%s\n' "$out" | grep -q 'Non-2xx' && die "$s answered errors for ${url[$pg]}"
			[ "${best[$pg,$s]:-0}" -lt "$rps" ] && best[$pg,$s]=$rps
			cpu_t[$pg,$s]=$(( ${cpu_t[$pg,$s]:-0} + t1 - t0 ))
			cpu_n[$pg,$s]=$(( ${cpu_n[$pg,$s]:-0} + n ))
			say "  $pg round $r $s: $rps req/s"
		done
	done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
us() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.1f", (n > 0) ? t * 1e6 / hz / n : 0 }'; }
echo "bench-ab: this tree ($(git -C "$top" rev-parse --short HEAD)$(git -C "$top" diff --quiet || echo '+changes')) against $rev ($(git -C "$old" rev-parse --short HEAD)), $posts posts, best of $rounds rounds, 8 connections"
printf '%-8s | %9s %9s %7s | %9s %9s | %8s %8s | %s\n' page "new req/s" "old req/s" new/old \
    new/noop old/noop "new µs" "old µs" "(worker CPU per request)"
for pg in "${pages[@]}"; do
	n=${best[$pg,new]} o=${best[$pg,old]}
	printf '%-8s | %9s %9s %7s | %9s %9s | %8s %8s |\n' "$pg" "$n" "$o" "$(ratio "$n" "$o")" \
	    "$(ratio "$n" "${best[$pg,noop-new]}")" "$(ratio "$o" "${best[$pg,noop-old]}")" \
	    "$(us "${cpu_t[$pg,new]}" "${cpu_n[$pg,new]}")" "$(us "${cpu_t[$pg,old]}" "${cpu_n[$pg,old]}")"
done
