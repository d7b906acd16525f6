#!/usr/bin/env bash
# bench/scale.sh - the large-site rows of `make bench` (issue 18): a
# generated blog of 100,000 posts imported, served, published to and
# imported again unchanged. bench/run.sh runs it last under BENCH_SCALE=1;
# it also runs alone (`bash bench/scale.sh`, after `make`).
#
#   BENCH_SCALE_POSTS=100000  posts in the generated site
#   BENCH_SEED                the generator's seed (bench/run.sh's)
#   BENCH_SCALE_DIR           where the generated site is kept between runs
#                             (default ~/.cache/quire-bench): generating
#                             1.3 GB of Markdown takes longer than using it
#   BENCH_HUGO_10K_MS         Hugo's build of the 10,000-post site, printed
#                             beside (bench/run.sh passes its own figure)
#
# Prints its rows on stdout; progress on stderr. Every server it starts is
# stopped on exit, and the working folder (the database: about 6 GB) goes.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/bench
n=${BENCH_SCALE_POSTS:-100000}
seed=${BENCH_SEED:-20240601}
keep=${BENCH_SCALE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quire-bench}
quire=$top/quire
worker=$top/cgi-bin/quire.fcgi
nginx=/usr/sbin/nginx
[ -x "$nginx" ] || nginx=$(command -v nginx)

say() { printf '%s\n' "$*" >&2; }
die() { say "bench-scale: $*"; exit 1; }
ms_now() { date +%s%3N; }
[ -x "$quire" ] && [ -x "$worker" ] || die "run make first"
for t in spawn-fcgi curl gcc; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing (scripts/deps.sh bench)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/quire-scale.XXXXXX")
run=$work/run
mkdir -p "$run/tmp" "$keep"
edited=""
cleanup() {
	local f p
	for f in "$run/nginx.pid" "$run/quire.pids"; do
		[ -s "$f" ] || continue
		for p in $(cat "$f"); do kill "$p" 2>/dev/null || true; done
	done
	# The kept site goes back to what the generator wrote.
	[ -n "$edited" ] && [ -f "$work/edited.orig" ] && cp "$work/edited.orig" "$edited"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the site, generated once --------------------------------------------------
site=$keep/site-$n-$seed
if [ ! -e "$site/.complete" ]; then
	say "bench-scale: generating $n posts into $site (kept for later runs)"
	gcc -O2 -o "$work/gen-blog" "$bench/gen-blog.c"
	rm -rf "$site"
	"$work/gen-blog" "$site" "$n" "$seed" >"$site.info"
	touch "$site/.complete"
fi
newest=$(sed -n 's/^newest=//p' "$site.info")
tag=$(sed -n 's/^tag=//p' "$site.info")
word=$(sed -n 's/^search=//p' "$site.info")
md_mb=$(du -sm "$site/content" | cut -f1)

# --- import -----------------------------------------------------------------------
db=$work/blog.db
say "bench-scale: importing $n posts"
t0=$(ms_now)
"$quire" import -q --db "$db" "$site/content"
import_ms=$(( $(ms_now) - t0 ))
db_mb=$(( $(stat -c %s "$db") / 1048576 ))

# --- one worker behind nginx ------------------------------------------------------
user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
QUIRE_DB=$db spawn-fcgi -s "$run/quire.sock" -M 0666 -F 1 -P "$run/quire.pids" \
    -- "$worker" >/dev/null || die "spawn-fcgi failed"
tries=0
while :; do
	port=$(( ( $(od -An -N2 -tu2 /dev/urandom) % 30000 ) + 20000 ))
	cat >"$run/nginx.conf" <<EOF
$user
worker_processes 1;
pid $run/nginx.pid;
error_log $run/nginx-error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $run/tmp/body;
	fastcgi_temp_path $run/tmp/fastcgi;
	proxy_temp_path $run/tmp/proxy;
	uwsgi_temp_path $run/tmp/uwsgi;
	scgi_temp_path $run/tmp/scgi;
	fastcgi_buffers 64 16k;
	server {
		listen 127.0.0.1:$port;
		location / {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$run/quire.sock;
		}
	}
}
EOF
	"$nginx" -p "$run" -e "$run/nginx-start-error.log" -c "$run/nginx.conf" \
	    2>"$run/nginx-start.log" && break
	tries=$((tries + 1))
	[ $tries -lt 20 ] && grep -q "Address already in use" "$run/nginx-start.log" ||
	    { cat "$run/nginx-start.log" >&2; die "nginx did not start"; }
done
base=http://127.0.0.1:$port
article=$base/posts/${newest%.md}/
code=$(curl -s -o /dev/null -w '%{http_code}' "$article")
[ "$code" = 200 ] || die "the newest post $article answered $code"

# Worker RSS after a mix of the pages a reader asks for.
say "bench-scale: 1,000 requests (home, article, tag, search)"
for ((i = 0; i < 250; i++)); do
	for u in "$base/" "$article" "$base/tags/$tag/" "$base/search/?q=$word"; do
		curl -s -o /dev/null "$u"
	done
done
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$(head -n 1 "$run/quire.pids")/status")

# --- one edited post, until a reader sees it --------------------------------------
# From the import's start to the first answer of the article that shows
# the edit, polled every 10 ms as a reader would ask.
edited=$site/content/posts/$newest
cp "$edited" "$work/edited.orig"
marker="Edited at $(date +%s%N)."
sed -i "0,/^Draft\\|^[A-Z]/s/^\\([A-Z]\\)/$marker \\1/" "$edited"
grep -q "$marker" "$edited" || die "could not edit $edited"
say "bench-scale: publishing one edited post"
t0=$(ms_now)
"$quire" import -q --db "$db" "$edited" &
imp=$!
visible_ms=""
while [ -z "$visible_ms" ]; do
	if curl -s "$article" | grep -q "$marker"; then
		visible_ms=$(( $(ms_now) - t0 ))
	elif ! kill -0 "$imp" 2>/dev/null && ! curl -s "$article" | grep -q "$marker"; then
		wait "$imp" || die "the import of the edited post failed"
		die "the edited post never showed"
	else
		sleep 0.01
	fi
done
wait "$imp" || die "the import of the edited post failed"
publish_ms=$(( $(ms_now) - t0 ))

# --- a publish killed half-way -------------------------------------------------
# SIGKILL during the next publish: readers see the old post or the new
# one, never an error; the spare it was writing is no longer trusted, and
# the import after it copies the live file (publish.h).
marker2="Edited again at $(date +%s%N)."
sed -i "0,/^Draft\\|^[A-Z]/s/^\\([A-Z]\\)/$marker2 \\1/" "$edited"
grep -q "$marker2" "$edited" || die "could not edit $edited"
say "bench-scale: killing a publish half-way"
"$quire" import -q --db "$db" "$edited" &
imp=$!
sleep "0.$(printf '%03d' $(( visible_ms / 2 < 999 ? visible_ms / 2 : 999 )))"
kill -KILL "$imp" 2>/dev/null || true
wait "$imp" 2>/dev/null || true
body=$(curl -s -w '\n%{http_code}' "$article")
case "$body" in
*"$marker2"*200|*"$marker"*200) killed_state="old or new post" ;;
*) die "after a killed publish the article answered: $(printf '%s' "$body" | tail -n 1)" ;;
esac
t0=$(ms_now)
"$quire" import -q --db "$db" "$edited"
recover_ms=$(( $(ms_now) - t0 ))
curl -s "$article" | grep -q "$marker2" || die "the publish after the kill did not show"

# --- the folder again, unchanged but for that post -----------------------------
say "bench-scale: re-importing the folder unchanged"
t0=$(ms_now)
"$quire" import -q --db "$db" "$site/content"
again_ms=$(( $(ms_now) - t0 ))

mark() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "pass" : "SHORT" }'; }
echo "$n posts ($md_mb MB of Markdown, bench/gen-blog.c): quire import $import_ms ms, database $db_mb MiB${BENCH_HUGO_10K_MS:+ (hugo built the 10,000-post site in $BENCH_HUGO_10K_MS ms)}"
echo "  one edited post, that file imported: a reader sees it after $visible_ms ms  target ≤1000 ms  $(mark "$visible_ms" 1000)  (import done after $publish_ms ms)"
echo "  the folder re-imported unchanged: $again_ms ms  target ≤5000 ms  $(mark "$again_ms" 5000)"
echo "  a publish SIGKILLed half-way: readers saw the $killed_state; the next publish copied the live file: $recover_ms ms"
echo "  worker RSS after 1,000 requests (home, article, tag, search): $(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
