#!/usr/bin/env bash
# bench/run.sh - `make bench`: quire side by side with the speed limits of
# its own work, on loopback, in one run (issue 8).
#
#   BENCH_SECONDS=4   seconds per wrk run
#   BENCH_QUICK=1     fewer posts and requests (a smoke run)
#   BENCH_POSTS, BENCH_BIG_POSTS, BENCH_RSS_REQUESTS, BENCH_IMAGES, BENCH_SEED,
#   BENCH_SEARCH_REQUESTS override
#   BENCH_KEEP=1      keep the working folder (printed at the end)
#   BENCH_SCALE=1     add the 100,000-post rows (bench/scale.sh; minutes more)
#
# Every server is stopped by its pid on exit, failure included. Needs wrk,
# valgrind, hugo, nginx, spawn-fcgi, curl, gcc and the libfcgi/cmark-gfm
# development files; builds its helpers from bench/*.c into the working
# folder. Prints the table; targets are the issue's, each marked pass/short.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/bench
quick=${BENCH_QUICK:-0}
secs=${BENCH_SECONDS:-4}
seed=${BENCH_SEED:-20240601}
if [ "$quick" = 1 ]; then
	posts=${BENCH_POSTS:-200}
	big=${BENCH_BIG_POSTS:-1000}
	rss_n=${BENCH_RSS_REQUESTS:-10000}
	nimg=${BENCH_IMAGES:-100}
else
	posts=${BENCH_POSTS:-1000}
	big=${BENCH_BIG_POSTS:-10000}
	rss_n=${BENCH_RSS_REQUESTS:-100000}
	nimg=${BENCH_IMAGES:-1000}
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/quire-bench.XXXXXX")
run=$work/run
mkdir -p "$run/tmp" "$work/bin"

pidfiles="$run/nginx.pid $run/nginx-cache.pid $run/quire.pids $run/noop.pids
$run/render.pids $run/sized.pids $run/one.pids $run/cg.pids"
wrk_pid=""
cleanup() {
	local p f
	[ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null || true
	for f in $pidfiles; do
		[ -s "$f" ] || continue
		for p in $(cat "$f"); do
			kill "$p" 2>/dev/null || true
		done
	done
	sleep 0.2
	for f in $pidfiles; do
		[ -s "$f" ] || continue
		for p in $(cat "$f"); do
			kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
		done
	done
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }
ms_now() { date +%s%3N; }

for t in wrk valgrind callgrind_annotate hugo spawn-fcgi curl gcc pkg-config; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing (scripts/deps.sh bench)"
done
nginx=/usr/sbin/nginx
[ -x "$nginx" ] || nginx=$(command -v nginx) || die "nginx is missing"
[ -x "$top/quire" ] && [ -x "$top/cgi-bin/quire.fcgi" ] || die "run make first"
quire=$top/quire
worker=$top/cgi-bin/quire.fcgi

# --- helpers -----------------------------------------------------------------
say "bench: building the helpers"
gcc -O2 -o "$work/bin/gen-blog" "$bench/gen-blog.c"
# shellcheck disable=SC2046
gcc -O2 -o "$work/bin/gen-images" "$bench/gen-images.c" $(pkg-config --cflags --libs vips)
# The two ceilings send their bytes as the worker does (src/fcgi-out.c:
# 64 KiB records, one writev), so that they stay ceilings.
# shellcheck disable=SC2046
gcc -O2 -I"$top/include" -o "$work/bin/noop-fcgi" "$bench/noop-fcgi.c" \
    "$top/src/fcgi-out.c" $(pkg-config --cflags --libs fcgi)
# shellcheck disable=SC2046
gcc -O2 -I"$top/include" -o "$work/bin/render-fcgi" "$bench/render-fcgi.c" \
    "$top/src/fcgi-out.c" $(pkg-config --cflags --libs fcgi libcmark-gfm) \
    -lcmark-gfm-extensions

# --- 1. the blog ---------------------------------------------------------------
say "bench: generating $posts posts (seed $seed)"
"$work/bin/gen-blog" "$work/site" "$posts" "$seed" >"$work/site.info"
newest=$(sed -n 's/^newest=//p' "$work/site.info")
tag=$(sed -n 's/^tag=//p' "$work/site.info")
word=$(sed -n 's/^search=//p' "$work/site.info")
db=$work/blog.db
# Two of the site's own files for the file rows: a photo-sized file and
# one a reader seeks in (random bytes: what is measured is sending them).
mkdir -p "$work/site/static/bench" "$work/static-ref/bench"
head -c 204800 /dev/urandom >"$work/site/static/bench/photo.jpg"
head -c 20971520 /dev/urandom >"$work/site/static/bench/video.mp4"
cp "$work/site/static/bench/"* "$work/static-ref/bench/"
t0=$(ms_now)
"$quire" import -q --db "$db" "$work/site/content"
import_small_ms=$(( $(ms_now) - t0 ))

# --- 2. the servers ------------------------------------------------------------
user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
spawn() {	# NAME PROCS PROGRAM ARGS...: a spawn-fcgi pool on RUNDIR/NAME.sock
	local name=$1 n=$2
	shift 2
	rm -f "$run/$name.sock"
	spawn-fcgi -s "$run/$name.sock" -M 0666 -F "$n" -P "$run/$name.pids" \
	    -- "$@" >/dev/null || die "spawn-fcgi $name failed"
}
# start_nginx TEMPLATE CONF PIDFILE NPORTS: fills in random free ports
# (retrying on "Address already in use"); sets the array ports.
start_nginx() {
	local tpl=$1 conf=$2 pidf=$3 np=$4 tries=0 i
	while :; do
		ports=()
		local base=$(( ( $(od -An -N2 -tu2 /dev/urandom) % 30000 ) + 20000 ))
		for ((i = 0; i < np; i++)); do ports+=($((base + i * 7))); done
		sed -e "s|@USER@|$user|" -e "s|@RUNDIR@|$run|g" -e "s|@STATIC@|$top/static|g" \
		    -e "s|@STATICREF@|$work/static-ref|g" -e "s|@SOCKET@|$run/quire.sock|g" \
		    -e "s|@STORE@|$work/blog.files|g" \
		    -e "s|@PORT_QUIRE@|${ports[0]}|g" -e "s|@PORT_STATIC@|${ports[1]:-0}|g" \
		    -e "s|@PORT_NOOP@|${ports[2]:-0}|g" -e "s|@PORT_RENDER@|${ports[3]:-0}|g" \
		    -e "s|@PORT_ONE@|${ports[4]:-0}|g" -e "s|@PORT_CG@|${ports[5]:-0}|g" \
		    -e "s|@PORT_SIZED@|${ports[6]:-0}|g" \
		    -e "s|@PORT@|${ports[0]}|g" \
		    "$tpl" >"$conf"
		if "$nginx" -p "$run" -e "$run/nginx-start-error.log" -c "$conf" \
		    2>"$run/nginx-start.log"; then
			break
		fi
		tries=$((tries + 1))
		if [ $tries -ge 20 ] || ! grep -q "Address already in use" "$run/nginx-start.log"; then
			cat "$run/nginx-start.log" >&2
			die "nginx did not start"
		fi
	done
	i=0
	while [ ! -s "$pidf" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

QUIRE_DB=$db spawn quire 2 "$worker"
mkdir -p "$work/static-ref"
start_nginx "$bench/nginx-bench.conf.in" "$run/nginx.conf" "$run/nginx.pid" 7
p_quire=${ports[0]} p_static=${ports[1]} p_noop=${ports[2]} p_render=${ports[3]} p_one=${ports[4]}
p_cg=${ports[5]} p_sized=${ports[6]}

pages=(home article code tag feed search)
declare -A url file
url[home]=/
url[article]=/posts/the-article/
url[code]=/posts/the-code-article/
url[tag]=/tags/$tag/
url[feed]=/index.xml
url[search]="/search/?q=$word"
file[home]=index.html
file[article]=posts/the-article/index.html
file[code]=posts/the-code-article/index.html
file[tag]=tags/$tag/index.html
file[feed]=index.xml
file[search]=search/index.html

# (a) the very bytes quire sends, as static files; the map for noop-fcgi.
: >"$work/noop.map"
for pg in "${pages[@]}"; do
	f=$work/static-ref/${file[$pg]}
	mkdir -p "$(dirname "$f")" "$work/headers"
	code=$(curl -s -o "$f" -D "$work/headers/$pg.raw" -w '%{http_code}' \
	    "http://127.0.0.1:$p_quire${url[$pg]}")
	[ "$code" = 200 ] || die "quire answered $code for ${url[$pg]}"
	grep -viE '^(HTTP/|status:|content-length:|date:|server:|connection:|transfer-encoding:|keep-alive:)' \
	    "$work/headers/$pg.raw" | grep -v '^\s*$' | sed 's/\r*$/\r/' >"$work/headers/$pg.h"
	printf '%s\t%s\t%s\n' "${url[$pg]}" "$work/headers/$pg.h" "$f" >>"$work/noop.map"
done
# The stored files' ceiling: quire's own X-Accel-Redirect answer for each
# (the worker run once as CGI), replayed from memory with an empty body.
for fu in /bench/photo.jpg /bench/video.mp4; do
	h=$work/headers/file-${fu##*/}.h
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$fu" \
	    QUIRE_ACCEL_PREFIX=/_quire_store/ "$worker" </dev/null 2>/dev/null |
	    sed '/^\r*$/q' | grep -viE '^(status|content-length):' |
	    grep -v '^\s*$' >"$h" || true
	grep -qi '^X-Accel-Redirect: /_quire_store/' "$h" ||
	    die "quire gave no X-Accel-Redirect for $fu"
	printf '%s\t%s\t%s\n' "$fu" "$h" /dev/null >>"$work/noop.map"
done
# (b) the FastCGI ceiling, (c) the render ceiling, and one worker for RSS.
spawn noop 2 "$work/bin/noop-fcgi" "$work/noop.map"
spawn render 2 "$work/bin/render-fcgi" "$work/site/content/posts/the-article.md" \
    "${url[code]}=$work/site/content/posts/the-code-article.md"
# (d) the render ceiling at quire's page size: the same render, then quire's
# page bytes sent instead (a highlighted page is four times its bare render).
spawn sized 2 "$work/bin/render-fcgi" "$work/site/content/posts/the-article.md" \
    "${url[article]}=$work/site/content/posts/the-article.md:$work/static-ref/${file[article]}" \
    "${url[code]}=$work/site/content/posts/the-code-article.md:$work/static-ref/${file[code]}"
QUIRE_DB=$db spawn one 1 "$worker"
for pg in "${pages[@]}"; do
	for p in $p_static $p_noop; do
		curl -s "http://127.0.0.1:$p${url[$pg]}" | cmp -s - "$work/static-ref/${file[$pg]}" ||
		    die "port $p does not send quire's bytes for ${url[$pg]}"
	done
done
for pg in article code; do
	curl -s "http://127.0.0.1:$p_sized${url[$pg]}" | cmp -s - "$work/static-ref/${file[$pg]}" ||
	    die "port $p_sized does not send quire's bytes for ${url[$pg]}"
done
words=$(grep -o '[0-9,]* words' "$work/static-ref/${file[article]}" | head -n 1)

# --- 3. wrk --------------------------------------------------------------------
# wrk_run PORT URL CONNS SECONDS [HEADER]: prints "req/s p50ms p99ms bad".
wrk_run() {
	local out t=2
	[ "$3" -lt 2 ] && t=1
	out=$(wrk -t"$t" -c"$3" -d"$4"s --latency ${5:+-H "$5"} \
	    "http://127.0.0.1:$1$2" 2>&1) || true
	printf '%s\n' "$out" | awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return v * 60000
		if (v ~ /s$/) return v * 1000
		return v + 0
	}
	/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	/ requests in / { n = $1 }
	/Non-2xx or 3xx/ { bad += $NF }
	/Socket errors/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
	END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, bad, n }'
}
# cpu_ticks NAME: user and system clock ticks so far of pool NAME's workers.
cpu_ticks() {
	local pid files=""
	for pid in $(cat "$run/$1.pids"); do files="$files /proc/$pid/stat"; done
	# utime and stime, fields 14 and 15: 12 and 13 after "PID (COMM) ",
	# which is cut first as COMM may hold spaces.
	awk '{ sub(/^.*\) /, ""); u += $12; s += $13 } END { print u + 0, s + 0 }' $files
}
declare -A cpu	# [page,server] = "user-ticks system-ticks requests", summed
hz=$(getconf CLK_TCK)
declare -A res
# The articles' ceiling is rendering their Markdown; the lists', answering.
rendered() { [ "$1" = article ] || [ "$1" = code ]; }
servers_for() { if rendered "$1"; then echo "quire static noop render sized"; else echo "quire static noop"; fi; }
port_of() { case $1 in quire) echo "$p_quire" ;; static) echo "$p_static" ;; noop) echo "$p_noop" ;; render) echo "$p_render" ;; sized) echo "$p_sized" ;; cache) echo "$p_cache" ;; esac; }
# At 8 connections, the figures the targets judge, each server runs twice,
# alternating with the others, and keeps its better run: two cores shared
# by wrk, nginx and the workers make a single run swing by 10-20%.
say "bench: wrk, ${secs}s per run (8 connections: best of two rounds)"
better() {	# "rps p50 p99 bad" A B: the one with more req/s
	if [ -z "$1" ] || [ "${2%% *}" -gt "${1%% *}" ]; then echo "$2"; else echo "$1"; fi
}
for pg in "${pages[@]}"; do
	for c in 8 1 64; do
		[ $c != 8 ] && [ "$pg" != home ] && [ "$pg" != article ] && continue
		rounds=1
		[ $c = 8 ] && rounds=2
		for ((round = 1; round <= rounds; round++)); do
			for s in $(servers_for "$pg"); do
				[ $c != 8 ] && [ "$s" = sized ] && continue
				[ $c = 8 ] && [ $round = 1 ] &&
				    wrk_run "$(port_of "$s")" "${url[$pg]}" 8 1 >/dev/null
				[ $c = 8 ] && [ "$s" != static ] &&
				    before=$(cpu_ticks "$s")
				r=$(wrk_run "$(port_of "$s")" "${url[$pg]}" $c "$secs")
				res[$pg,$c,$s]=$(better "${res[$pg,$c,$s]:-}" "$r")
				if [ $c = 8 ] && [ "$s" != static ]; then
					cpu[$pg,$s]=$(echo "$before $(cpu_ticks "$s") ${cpu[$pg,$s]:-0 0 0} ${r##* }" |
					    awk '{ print $5 + $3 - $1, $6 + $4 - $2, $7 + $8 }')
				fi
				say "  $pg c$c $s: $r"
			done
		done
	done
done

# --- 4. stored files: quire against nginx sending the same file --------------
# quire answers the URL from its file table and hands the store's file to
# nginx (X-Accel-Redirect), which sends it with sendfile and does the
# Range itself; static is nginx serving a copy of the same bytes. Each
# is run twice, alternating, keeping its better run.
say "bench: stored files, ${secs}s per run (8 connections: best of two rounds)"
declare -A furl fhdr fres
furl[photo]=/bench/photo.jpg
furl[range]=/bench/video.mp4
fhdr[range]="Range: bytes=10485760-11534335"
for f in photo range; do
	code=$(curl -s -o /dev/null -w '%{http_code}' ${fhdr[$f]:+-H "${fhdr[$f]}"} \
	    "http://127.0.0.1:$p_quire${furl[$f]}")
	want=200
	[ -n "${fhdr[$f]:-}" ] && want=206
	[ "$code" = "$want" ] || die "quire answered $code for ${furl[$f]}"
	for round in 1 2; do
		for s in quire noop static; do
			if [ "$s" != static ]; then before=$(cpu_ticks "$s"); fi
			r=$(wrk_run "$(port_of "$s")" "${furl[$f]}" 8 "$secs" "${fhdr[$f]:-}")
			fres[$f,$s]=$(better "${fres[$f,$s]:-}" "$r")
			if [ "$s" != static ]; then
				cpu[$f,$s]=$(echo "$before $(cpu_ticks "$s") ${cpu[$f,$s]:-0 0 0} ${r##* }" |
				    awk '{ print $5 + $3 - $1, $6 + $4 - $2, $7 + $8 }')
			fi
			say "  $f c8 $s: $r"
		done
	done
done
# The CGI path, for the record: the worker streams the file itself, one
# process a request (shared hosting).
n_cgi=100
t0=$(ms_now)
for ((i = 0; i < n_cgi; i++)); do
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI=/bench/photo.jpg \
	    "$worker" >/dev/null 2>&1 </dev/null
done
cgi_ms=$(( $(ms_now) - t0 ))

# --- 5. fastcgi_cache in front of quire ----------------------------------------
start_nginx "$bench/nginx-cache.conf.in" "$run/nginx-cache.conf" "$run/nginx-cache.pid" 1
p_cache=${ports[0]}
curl -s -o /dev/null "http://127.0.0.1:$p_cache/"
wrk_run "$p_cache" / 8 1 >/dev/null
# Two rounds of the cache then static nginx, each keeping its better run:
# the ratio compares figures taken under the same load (against the
# table's static figure, taken minutes earlier, it moved 0.70-0.94).
cache_static=
for round in 1 2; do
	res[home,8,cache]=$(better "${res[home,8,cache]:-}" "$(wrk_run "$p_cache" / 8 "$secs")")
	cache_static=$(better "$cache_static" "$(wrk_run "$p_static" "${url[home]}" 8 "$secs")")
done
say "  home c8 cache: ${res[home,8,cache]}; static: $cache_static"
# Expired, the page is revalidated with our validators (upstream 304).
sleep 2.2
reval=$(curl -s -o /dev/null -D - "http://127.0.0.1:$p_cache/" | tr -d '\r' | sed -n 's/^X-Cache: //Ip')
etag=$(curl -s -o /dev/null -D - "http://127.0.0.1:$p_quire/" | tr -d '\r' | sed -n 's/^ETag: //Ip')
cc=$(curl -s -o /dev/null -D - "http://127.0.0.1:$p_quire/" | tr -d '\r' | sed -n 's/^Cache-Control: //Ip')
c304=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://127.0.0.1:$p_quire/")
# A re-import shows through the cache within its validity.
nonce="Edited for the bench $$"
sed -i "s/^title: .*/title: \"$nonce\"/" "$work/site/content/posts/$newest"
"$quire" import -q --db "$db" "$work/site/content"
t0=$(ms_now)
seen=""
while [ $(( $(ms_now) - t0 )) -lt 5000 ]; do
	if curl -s "http://127.0.0.1:$p_cache/" | grep -qF "$nonce"; then
		seen=$(( $(ms_now) - t0 ))
		break
	fi
	sleep 0.05
done

# --- 6. worker RSS ---------------------------------------------------------------
one_pid=$(head -n 1 "$run/one.pids")
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$one_pid/status"; }
# The feed (hundreds of KiB, ~50 req/s on one worker) is left out of this
# mix to keep 100k requests within minutes. wrk stops only at -d: each thread leaves a marker after its share of
# the requests, and wrk is stopped once both are there.
cat >"$work/count.lua" <<EOF
local paths = { "${url[home]}", "${url[article]}", "${url[tag]}", "${url[search]}" }
local i, n, limit, marker, nthreads = 0, 0, 0, "", 0
function setup(thread) nthreads = nthreads + 1; thread:set("id", nthreads) end
function init(args) limit = tonumber(args[1]); marker = args[2] end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
function response()
	n = n + 1
	if n == limit then
		local f = io.open(marker .. "." .. id, "w"); f:close()
		wrk.thread:stop()
	end
end
EOF
rss_load() {	# REQUESTS: that many more requests to the single worker

	rm -f "$work/count.done".*
	wrk -t2 -c8 -d600s -s "$work/count.lua" "http://127.0.0.1:$p_one/" -- \
	    $(( $1 / 2 )) "$work/count.done" >"$work/count.out" 2>&1 &
	wrk_pid=$!
	while [ ! -e "$work/count.done.1" ] || [ ! -e "$work/count.done.2" ]; do
		kill -0 "$wrk_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -INT "$wrk_pid" 2>/dev/null || true
	wait "$wrk_pid" || true
}
say "bench: worker RSS over $rss_n requests"
rss_load 1000
rss_1k=$(rss)
rss_load $(( rss_n - 1000 ))
rss_big=$(rss)

# --- 7. callgrind ----------------------------------------------------------------
# One worker under callgrind behind its own nginx port, as readers meet it:
# warm-up requests first (database opened, statements prepared, the
# related-posts index built), then the counters are zeroed, N requests
# made, and the counts dumped and divided by N.
say "bench: callgrind"
QUIRE_SECCOMP=0 QUIRE_DB=$db spawn cg 1 "$(command -v valgrind)" --tool=callgrind \
    --callgrind-out-file="$work/cg.out" "$worker"
cg_pid=$(head -n 1 "$run/cg.pids")
cg() {	# NAME URI N
	local i
	for i in 1 2 3 4 5; do
		curl -s -o /dev/null --max-time 120 "http://127.0.0.1:$p_cg$2" ||
		    die "callgrind worker did not answer $2"
	done
	callgrind_control -z "$cg_pid" >/dev/null 2>&1 || die "callgrind_control -z failed"
	for i in $(seq "$3"); do
		curl -s -o /dev/null --max-time 120 "http://127.0.0.1:$p_cg$2"
	done
	rm -f "$work/cg.out".*
	callgrind_control -d "$cg_pid" >/dev/null 2>&1 || die "callgrind_control -d failed"
	# Dumps are numbered cg.out.1, .2, ...: the only one there is this one.
	i=0
	while ! ls "$work"/cg.out.[0-9]* >/dev/null 2>&1 && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
	mv "$(ls "$work"/cg.out.[0-9]* | head -n 1)" "$work/cg.$1" ||
	    die "no callgrind dump for $2"
	awk -v prog="$worker" -v reqs="$3" -f "$bench/cgsplit.awk" "$work/cg.$1" >"$work/cg.$1.split"
	callgrind_annotate "$work/cg.$1" >"$work/cg.$1.txt" 2>/dev/null || true
}
cg article "${url[article]}" 20
cg code "${url[code]}" 20
cg listing / 100
cg tag "${url[tag]}" 100
kill "$cg_pid" 2>/dev/null || true
cgv() { awk -v k="$2" '$1 == k { print $2 }' "$work/cg.$1.split"; }

# --- 8. import against Hugo --------------------------------------------------------
say "bench: $big posts: quire import, hugo build, one edited post"
"$work/bin/gen-blog" "$work/big" "$big" "$seed" >"$work/big.info"
bignew=$(sed -n 's/^newest=//p' "$work/big.info")
cp -r "$bench/hugo/layouts" "$work/big/"
t0=$(ms_now)
"$quire" import -q --db "$work/big.db" "$work/big/content"
imp_ms=$(( $(ms_now) - t0 ))
t0=$(ms_now)
(cd "$work/big" && hugo --quiet -d "$work/big-public" >/dev/null 2>"$work/hugo.log") ||
    die "hugo failed: $(head -c 500 "$work/hugo.log")"
hugo_ms=$(( $(ms_now) - t0 ))
hugo_pages=$(find "$work/big-public" -name index.html | wc -l)
sed -i '0,/^Draft\|^[A-Z]/s/^\([A-Z]\)/Edited. \1/' "$work/big/content/posts/$bignew"
t0=$(ms_now)
"$quire" import -q --db "$work/big.db" "$work/big/content"
pub_dir_ms=$(( $(ms_now) - t0 ))
sed -i '0,/^Edited\. /s/^Edited\. /Edited twice. /' "$work/big/content/posts/$bignew"
t0=$(ms_now)
"$quire" import -q --db "$work/big.db" "$work/big/content/posts/$bignew"
pub_file_ms=$(( $(ms_now) - t0 ))

# --- 9. a site of images against Hugo ---------------------------------------------
# Every bundle has a PaperMod cover (800 x 533 JPEG): quire's first
# import makes its 360/480/720 copies and their WebP twins; Hugo's build
# makes the same copies (bench/hugo's single.html, as PaperMod's
# cover.html), WebP aside.
say "bench: $nimg image bundles: quire import, hugo build"
"$work/bin/gen-images" "$work/img" "$nimg"
cp -r "$bench/hugo/layouts" "$work/img/"
t0=$(ms_now)
"$quire" import -q --db "$work/img.db" "$work/img"
img_ms=$(( $(ms_now) - t0 ))
img_copies=$(sqlite3 -readonly "$work/img.db" "SELECT count(*) FROM image_variant" 2>/dev/null || echo "?")
t0=$(ms_now)
(cd "$work/img" && hugo --quiet -d "$work/img-public" >/dev/null 2>"$work/hugo-img.log") ||
    die "hugo failed on the image site: $(head -c 500 "$work/hugo-img.log")"
img_hugo_ms=$(( $(ms_now) - t0 ))
img_hugo_copies=$(find "$work/img-public" -name '*_resize_*' | wc -l)
t0=$(ms_now)
"$quire" import -q --db "$work/img.db" "$work/img"
img_again_ms=$(( $(ms_now) - t0 ))

# --- 10. search on the big site ----------------------------------------------------
# One worker on the big site's database, asked over FastCGI by cgi-fcgi:
# each query twice to warm up, then BENCH_SEARCH_REQUESTS times; the
# worker's CPU per request from /proc/PID/stat, as for the pages. Five
# queries from gen-blog's words (common, common, two common words, a
# tag's, a topic's rare one), then 128 one-letter words (the most a
# query holds), which its CPU budget (QUIRE_SEARCH_MS, 250 ms) stops.
say "bench: search on $big posts"
command -v cgi-fcgi >/dev/null || die "cgi-fcgi (libfcgi-bin) is needed for the search rows"
search_n=${BENCH_SEARCH_REQUESTS:-$( [ "$quick" = 1 ] && echo 10 || echo 40 )}
pidfiles="$pidfiles $run/search.pids"
QUIRE_DB=$work/big.db spawn search 1 "$worker"
i=0
while [ ! -S "$run/search.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
search_req() {	# Q: the answer to /search/?q=Q
	env -i REQUEST_METHOD=GET REQUEST_URI="/search/?q=$1" QUERY_STRING="q=$1" \
	    SERVER_NAME=localhost SERVER_PORT=80 \
	    cgi-fcgi -bind -connect "$run/search.sock" 2>/dev/null
}
search_qs=(the buffer latency+cache rust saffron "$(printf 'a+%.0s' $(seq 127))a")
declare -A sres	# [q] = "user-ticks system-ticks wall-ms answer"
for q in "${search_qs[@]}"; do
	search_req "$q" >"$work/search.out"
	search_req "$q" >/dev/null
	ans=$(sed -n 's/.*<p class="search-count">\([0-9]*\) results\{0,1\} for.*/\1 hits/p;
	    s/.*<p class="search-count">.*refine your search.*/refine page/p' "$work/search.out")
	before=$(cpu_ticks search)
	t0=$(ms_now)
	for i in $(seq "$search_n"); do search_req "$q" >/dev/null; done
	sres[$q]="$(echo "$before $(cpu_ticks search)" | awk '{ print $3 - $1, $4 - $2 }') $(( $(ms_now) - t0 )) ${ans:-no answer}"
done
kill "$(head -n 1 "$run/search.pids")" 2>/dev/null || true

# --- the table ----------------------------------------------------------------------
mark() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
	ok = (op == ">=") ? v >= t : v <= t; printf "%s", ok ? "pass" : "SHORT" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
f1() { echo "$1" | cut -d' ' -f1; }
echo
echo "quire make bench: $posts posts + the article ($words), seed $seed, ${secs}s per wrk run, $(nproc) cores"
echo "import of $((posts + 1)) posts: $import_small_ms ms"
echo
printf '%-8s %3s | %-22s | %-22s | %-22s | %-22s | %-13s %-16s\n' page conn \
    "quire req/s p50 p99" "static req/s p50 p99" "noop req/s p50 p99" \
    "render req/s p50 p99" "q/static" "q/ceiling target"
line() {	# PAGE CONN
	local pg=$1 c=$2 s q cells="" ceil r mk=""
	for s in quire static noop render; do
		if [ -n "${res[$pg,$c,$s]:-}" ]; then
			cells="$cells$(echo "${res[$pg,$c,$s]}" | awk '{ printf "%7d %6.2f %6.2fms", $1, $2, $3 }')$( [ "$(echo "${res[$pg,$c,$s]}" | cut -d' ' -f4)" != 0 ] && echo '!' || echo ' ') | "
		else
			cells="$cells$(printf '%-22s' '-') | "
		fi
	done
	q=$(f1 "${res[$pg,$c,quire]}")
	if rendered "$pg"; then ceil=$(f1 "${res[$pg,$c,render]}"); else ceil=$(f1 "${res[$pg,$c,noop]}"); fi
	r=$(ratio "$q" "$ceil")
	if [ "$c" = 8 ] && [ "$pg" != search ]; then mk="≥0.85 $(mark "$r" ">=" 0.85)"; fi
	printf '%-8s %3s | %s%-13s %s %s\n' "$pg" "$c" "$cells" "$(ratio "$q" "$(f1 "${res[$pg,$c,static]}")")" "$r" "$mk"
}
for pg in "${pages[@]}"; do
	for c in 1 8 64; do
		[ -n "${res[$pg,$c,quire]:-}" ] && line "$pg" "$c"
	done
done
echo "(ceiling: noop-fcgi for home/tag/feed/search, render-fcgi (bare cmark-gfm, no highlighting) for the"
echo " article and the code article, ten blocks in five languages highlighted at import; ! = errors or non-2xx)"
# What of the gap to the render ceiling is carrying more bytes, not doing
# more work: the same render sending quire's page (sized) against it.
echo "the render ceiling at the size of quire's page (render-fcgi renders the post, then sends quire's bytes):"
for pg in article code; do
	sz=$(f1 "${res[$pg,8,sized]:-0}")
	printf '  %-8s c8: render sending quire'"'"'s page (%d bytes; its own, %d) %d req/s = %s of render; quire/it %s\n' \
	    "$pg" "$(wc -c <"$work/static-ref/${file[$pg]}")" \
	    "$(curl -s "http://127.0.0.1:$p_render${url[$pg]}" | wc -c)" "$sz" \
	    "$(ratio "$sz" "$(f1 "${res[$pg,8,render]}")")" "$(ratio "$(f1 "${res[$pg,8,quire]}")" "$sz")"
done
echo
# Steadier than req/s on two busy cores: what each request cost the
# workers themselves (from /proc/PID/stat), both rounds at 8 connections.
echo "stored files at 8 connections, quire (X-Accel-Redirect to nginx) against nginx serving the same file"
echo "  (sendfile on for both, as Debian's nginx.conf; noop: quire's own redirect answer replayed from memory,"
echo "  the ceiling of handing a file to nginx through FastCGI)"
for f in photo range; do
	fr=$(ratio "$(f1 "${fres[$f,quire]}")" "$(f1 "${fres[$f,static]}")")
	printf '  %-28s quire %6d  noop %6d  static %6d req/s  q/static %s  target ≥0.8  %s  noop/static %s  q/noop %s\n' \
	    "$( [ $f = photo ] && echo "200 KiB JPEG" || echo "20 MiB file, 1 MiB Range")" \
	    "$(f1 "${fres[$f,quire]}")" "$(f1 "${fres[$f,noop]}")" "$(f1 "${fres[$f,static]}")" "$fr" \
	    "$(mark "$fr" ">=" 0.8)" "$(ratio "$(f1 "${fres[$f,noop]}")" "$(f1 "${fres[$f,static]}")")" \
	    "$(ratio "$(f1 "${fres[$f,quire]}")" "$(f1 "${fres[$f,noop]}")")"
done
echo "  as CGI (the worker streams it, a process a request): 200 KiB JPEG $(awk -v n="$n_cgi" -v ms="$cgi_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }') req/s"
echo
echo "worker CPU per request at 8 connections, µs (user+system, user in brackets)"
us() { echo "${cpu[$1,$2]:-}" | awk -v hz="$hz" 'NF == 3 && $3 > 0 {
	printf "%6.1f (%5.1f)", ($1 + $2) * 1e6 / hz / $3, $1 * 1e6 / hz / $3 }'; }
for pg in "${pages[@]}" photo range; do
	printf '  %-8s quire %s   noop %s' "$pg" "$(us "$pg" quire)" "$(us "$pg" noop)"
	[ -n "${cpu[$pg,render]:-}" ] && printf '   render %s' "$(us "$pg" render)"
	[ -n "${cpu[$pg,sized]:-}" ] && printf '   sized %s' "$(us "$pg" sized)"
	echo
done
echo
cr=$(ratio "$(f1 "${res[home,8,cache]}")" "$(f1 "$cache_static")")
echo "fastcgi_cache (bench/nginx-cache.conf.in), home c8: $(echo "${res[home,8,cache]}" | awk '{ printf "%d req/s p50 %.2fms p99 %.2fms", $1, $2, $3 }')"
echo "  cached/static $cr (static $(f1 "$cache_static") req/s in the same rounds)  target ≥0.8  $(mark "$cr" ">=" 0.8)"
echo "  Cache-Control: $cc; If-None-Match → $c304; after expiry X-Cache: ${reval:-none}"
if [ -n "$seen" ]; then
	echo "  re-import visible through the cache after $seen ms  target ≤2000 ms  $(mark "$seen" "<=" 2000)"
else
	echo "  re-import NOT visible through the cache within 5 s  target ≤2000 ms  SHORT"
fi
echo
echo "callgrind, instructions per request in a running worker (after 5 warm-up requests;"
echo "articles over 20 requests, listing and tag over 100; other = libfcgi, libc, kernel glue)"
printf '  %-11s %12s %12s %12s %12s %12s\n' "" quire+libc sqlite cmark-gfm other total
for r in article code listing tag; do
	printf '  %-11s %12s %12s %12s %12s %12s\n' "$r" "$(cgv "$r" attr_quire)" \
	    "$(cgv "$r" attr_sqlite)" "$(cgv "$r" attr_cmark)" "$(cgv "$r" attr_other)" "$(cgv "$r" total)"
done
printf '  %-11s %12s %12s %12s %12s\n' "self" quire sqlite cmark-gfm other
for r in article code listing tag; do
	printf '  %-11s %12s %12s %12s %12s\n' "$r" "$(cgv "$r" self_quire)" \
	    "$(cgv "$r" self_sqlite)" "$(cgv "$r" self_cmark)" "$(cgv "$r" self_other)"
done
qa=$(( $(cgv article attr_quire) + $(cgv article attr_sqlite) ))
ca=$(cgv article attr_cmark)
pct=$(awk -v a="$qa" -v b="$ca" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 999) }')
echo "  article: (quire own + SQLite) = $pct% of cmark-gfm  target ≤15%  $(mark "$pct" "<=" 15)"
for r in article listing; do
	echo "  top of quire's own code, $r (self + its libc calls):"
	awk '$1 == "fn" { n = $3; for (i = 4; i <= NF; i++) n = n " " $i; c[n] += $2 }
	    END { for (f in c) print c[f], f }' "$work/cg.$r.split" |
	    sort -nr | head -n 5 | awk '{ printf "    %11d  %s\n", $1, $2 }'
done
echo
ir=$(ratio "$imp_ms" "$hugo_ms")
pd=$(ratio "$pub_dir_ms" "$hugo_ms")
pf=$(ratio "$pub_file_ms" "$hugo_ms")
echo "$((big + 1)) posts: quire import $imp_ms ms, hugo build $hugo_ms ms ($hugo_pages pages, bench/hugo layouts)"
echo "  import/hugo $ir  target ≤0.5  $(mark "$ir" "<=" 0.5)"
echo "  one edited post, re-import of the folder: $pub_dir_ms ms = $pd× hugo  target ≤0.05  $(mark "$pd" "<=" 0.05)"
echo "  one edited post, re-import of that file:  $pub_file_ms ms = $pf× hugo  target ≤0.05  $(mark "$pf" "<=" 0.05)"
echo
echo "$nimg bundles with an 800 x 533 JPEG cover: quire import $img_ms ms ($img_copies copies, JPEG and WebP),"
echo "  hugo build $img_hugo_ms ms ($img_hugo_copies copies, JPEG): quire/hugo $(ratio "$img_ms" "$img_hugo_ms"); unchanged re-import $img_again_ms ms (no copy made again)"
echo
echo "worker RSS (1 worker; home, article, tag, search in turn, 8 connections): after 1k requests $rss_1k MiB, after $((rss_n / 1000))k $rss_big MiB"
flat=$(awk -v a="$rss_1k" -v b="$rss_big" 'BEGIN { print (b < 8 && b - a <= 0.5) ? "pass" : "SHORT" }')
echo "  target <8 MiB and flat (growth ≤0.5 MiB)  $flat"
echo
echo "search on the $((big + 1))-post site: worker CPU per request (user+system, $search_n requests each over FastCGI, one worker)"
for q in "${search_qs[@]}"; do
	set -- ${sres[$q]}
	ms=$(awk -v u="$1" -v s="$2" -v n="$search_n" -v hz="$hz" 'BEGIN { printf "%.1f", (u + s) * 1000 / hz / n }')
	case $q in
	the) tgt=100 ;;
	*+*+*) tgt="" ;;
	*) tgt=20 ;;
	esac
	label=$q
	[ ${#q} -gt 24 ] && label="128 words (a a a ...)"
	printf '  %-22s %7s ms CPU  %7s ms wall  %-14s' "$label" "$ms" \
	    "$(awk -v w="$3" -v n="$search_n" 'BEGIN { printf "%.1f", w / n }')" "${*:4}"
	if [ -n "$tgt" ]; then
		echo "  target ≤$tgt ms  $(mark "$ms" "<=" "$tgt")"
	else
		echo "  bounded by QUIRE_SEARCH_MS (250 ms)"
	fi
done

# --- 10. the large site (issue 18), under BENCH_SCALE=1 -----------------------
# 100,000 posts: minutes of import and 6 GB of database, so not by default.
if [ "${BENCH_SCALE:-0}" = 1 ]; then
	echo
	hugo10k=""
	[ "$big" = 10000 ] && hugo10k=$hugo_ms
	BENCH_SEED=$seed BENCH_HUGO_10K_MS=$hugo10k bash "$bench/scale.sh"
fi
