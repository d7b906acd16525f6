#!/usr/bin/env bash
# Robustness of the importer and the worker's database handling, run as CGI
# (the worker's one-request mode) so no server is needed:
#   - an import keeps the live file's permissions;
#   - mirroring compares folder names byte for byte (Posts/ is not posts/);
#   - the worker follows QUIRE_DB from one request to the next, and notices a
#     database restored in place (same inode);
#   - URLs and aliases from front matter never point off-site.
# Closes with "robust: N passed, M failed".
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-robust.XXXXXX")
worker_pid=""
cleanup() {
	[ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"

# post DIR NAME TITLE [extra front matter lines]
post() {
	mkdir -p "$1"
	{ printf -- '---\ntitle: "%s"\ndate: 2024-01-02\n' "$3"; printf '%s\n' "${@:4}"; printf -- '---\nBody of %s.\n' "$3"; } >"$1/$2.md"
}
# cgi DB URI [VAR=VALUE...]: the worker's answer to one GET, as CGI.
cgi() {
	local db=$1 uri=$2
	shift 2
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$uri" "$@" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null
}
status() { cgi "$@" | head -n 1 | tr -d '\r'; }

# 1. permissions kept across an import
post "$tmp/a/content/posts" one "One"
"$top/quire" import -q --db "$tmp/a.db" "$tmp/a/content" 2>/dev/null
chmod 600 "$tmp/a.db"
post "$tmp/a/content/posts" two "Two"
"$top/quire" import -q --db "$tmp/a.db" "$tmp/a/content" 2>/dev/null
expect "an import keeps the database's mode (600)" "$(stat -c %a "$tmp/a.db")" 600

# 2. case-sensitive mirroring
post "$tmp/c/content/Posts" upper "Upper"
post "$tmp/c/content/posts" lower "Lower"
"$top/quire" import -q --db "$tmp/c.db" "$tmp/c/content/Posts" 2>/dev/null
out=$("$top/quire" import --db "$tmp/c.db" "$tmp/c/content/posts" 2>&1)
case $out in
*" 0 removed"*) ok "mirroring posts/ leaves Posts/ alone" ;;
*) not_ok "mirroring posts/ leaves Posts/ alone" "$out" ;;
esac
expect "the Posts/ page still answers" "$(status "$tmp/c.db" /posts/upper/)" "Status: 200 OK"

# 2b. A run of slashes is one, as a static server serving Hugo's build
# reads it: a redirect to the merged path, never to another host.
loc() { cgi "$@" | tr -d '\r' | sed -n 's/^Location: //p'; }
expect "/posts//upper: 301 to /posts/upper/" \
    "$(status "$tmp/c.db" /posts//upper) $(loc "$tmp/c.db" /posts//upper)" \
    "Status: 301 Moved Permanently /posts/upper/"
expect "//evil.example/ stays on this site" \
    "$(loc "$tmp/c.db" //evil.example/)" "/evil.example/"

# 3. One long-lived FastCGI worker (spawn-fcgi; cgi-fcgi sends the
# environment as the request's parameters, as Apache's SetEnv does).
spawn-fcgi -s "$tmp/w.sock" -P "$tmp/w.pid" -- "$top/cgi-bin/quire.fcgi" >/dev/null
worker_pid=$(cat "$tmp/w.pid")
# fcgi DB URI: the status line of one request to that worker.
fcgi() {
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET REQUEST_URI="$2" \
	    cgi-fcgi -bind -connect "$tmp/w.sock" 2>/dev/null | head -n 1 | tr -d '\r'
}
post "$tmp/b/content/posts" only-b "Only in B"
"$top/quire" import -q --db "$tmp/b.db" "$tmp/b/content" 2>/dev/null
expect "the worker serves a's post from a" "$(fcgi "$tmp/a.db" /posts/one/)" "Status: 200 OK"
expect "the next request names b: b's post" "$(fcgi "$tmp/b.db" /posts/only-b/)" "Status: 200 OK"
expect "and a's post is not in b" "$(fcgi "$tmp/b.db" /posts/one/)" "Status: 404 Not Found"
cp "$tmp/b.db" "$tmp/b.backup"
post "$tmp/b/content/posts" later "Later"
"$top/quire" import -q --db "$tmp/b.db" "$tmp/b/content" 2>/dev/null
expect "a new import is seen without a restart" "$(fcgi "$tmp/b.db" /posts/later/)" "Status: 200 OK"
sleep 0.01
cp "$tmp/b.backup" "$tmp/b.db"	# restored in place: the inode stays
expect "a database restored in place is seen too" "$(fcgi "$tmp/b.db" /posts/later/)" "Status: 404 Not Found"
mv "$tmp/b.db" "$tmp/b.moved"
expect "a missing database answers 503" "$(fcgi "$tmp/b.db" /)" "Status: 503 Service Unavailable"
mv "$tmp/b.moved" "$tmp/b.db"
expect "and pages again once it is back" "$(fcgi "$tmp/b.db" /posts/only-b/)" "Status: 200 OK"
cp "$tmp/b.db" "$tmp/b.good"
head -c 8192 /dev/urandom >"$tmp/b.db"	# corrupt, in place
expect "a corrupt database answers 503" "$(fcgi "$tmp/b.db" /)" "Status: 503 Service Unavailable"
chmod 000 "$tmp/b.db"
if [ "$(id -u)" != 0 ]; then
	expect "an unreadable database answers 503" "$(fcgi "$tmp/b.db" /)" "Status: 503 Service Unavailable"
fi
chmod 644 "$tmp/b.db"
cp "$tmp/b.good" "$tmp/b.db"
expect "and pages again once it is restored" "$(fcgi "$tmp/b.db" /posts/only-b/)" "Status: 200 OK"
kill "$worker_pid" 2>/dev/null
worker_pid=""

# 3b. SIGTERM: the request in flight is answered whole, then the worker
# exits. A 6 MB post takes a moment to render; TERM arrives meanwhile.
mkdir -p "$tmp/big/content/posts"
{
	printf -- '---\ntitle: Big\ndate: 2024-01-01\n---\n'
	i=0
	line="alpha beta gamma delta quire sqlite render words alpha beta gamma."
	while [ $i -lt 12000 ]; do
		printf '%s %s %s %s %s\n\n' "$line" "$line" "$line" "$line" "$line"
		i=$((i + 1))
	done
} >"$tmp/big/content/posts/big.md"
"$top/quire" import -q --db "$tmp/big.db" "$tmp/big/content" 2>/dev/null ||
    not_ok "the 4 MB post imports" "$(ls -l "$tmp/big/content/posts/big.md")"
spawn-fcgi -s "$tmp/t.sock" -P "$tmp/t.pid" -- "$top/cgi-bin/quire.fcgi" >/dev/null
worker_pid=$(cat "$tmp/t.pid")
env -i QUIRE_DB="$tmp/big.db" REQUEST_METHOD=GET REQUEST_URI=/posts/big/ \
    cgi-fcgi -bind -connect "$tmp/t.sock" >"$tmp/inflight.out" 2>/dev/null &
client=$!
sleep 0.1
kill -TERM "$worker_pid"
wait "$client"
want=$(grep -a -m 1 '^Content-Length:' "$tmp/inflight.out" | tr -dc 0-9)
head_len=$(sed -n '1,/^\r$/p' "$tmp/inflight.out" | wc -c)
got=$(( $(wc -c <"$tmp/inflight.out") - head_len ))
expect "SIGTERM mid-request: the answer is whole (Content-Length $want)" \
    "$(head -n 1 "$tmp/inflight.out" | tr -d '\r') $got" "Status: 200 OK $want"
gone=no
for _ in 1 2 3 4 5 6 7 8 9 10; do
	state=$(ps -o stat= -p "$worker_pid" 2>/dev/null | cut -c1)
	if [ -z "$state" ] || [ "$state" = Z ]; then gone=yes; break; fi
	sleep 0.1
done
expect "and then the worker exits" "$gone" yes
worker_pid=""

# 3d. A worker keeps its heap between requests (src/worker.c): the same
# long page (1.2 MB: many paragraphs, a long listing) twenty times asks
# the kernel for memory at most twice, where glibc's defaults give the
# heap back and take it again each time (brk), and a fixed 1 MiB mmap
# bound maps and unmaps its biggest buffer each time.
# (Not in a sanitizer build: its allocator is its own, mmap-based.)
if ! readelf -d "$top/cgi-bin/quire.fcgi" | grep -q 'NEEDED.*libasan'; then
	mkdir -p "$tmp/heap/content/posts"
	{
		printf -- '---\ntitle: Heap\ndate: 2024-01-01\n---\n'
		seq 1500 | xargs printf 'Paragraph %d of words `code` and *more* words to fill the page.\n\n'
		printf '```\n'
		seq 16000 | xargs printf 'line %d of a long listing <with> & escapes "here"\n'
		printf '```\n'
	} >"$tmp/heap/content/posts/heap.md"
	"$top/quire" import -q --db "$tmp/heap.db" "$tmp/heap/content" 2>/dev/null ||
	    not_ok "the heap post imports" ""
	spawn-fcgi -s "$tmp/h.sock" -P "$tmp/h.pid" -- "$top/cgi-bin/quire.fcgi" >/dev/null
	worker_pid=$(cat "$tmp/h.pid")
	heap_get() {
		env -i QUIRE_DB="$tmp/heap.db" REQUEST_METHOD=GET REQUEST_URI=/posts/heap/ \
		    cgi-fcgi -bind -connect "$tmp/h.sock" 2>/dev/null
	}
	size=$(heap_get | wc -c)
	heap_get >/dev/null
	strace -q -e trace=brk,mmap,munmap -p "$worker_pid" -o "$tmp/heap.strace" 2>/dev/null &
	tracer=$!
	for _ in $(seq 50); do	# until strace is attached
		[ "$(sed -n 's/^TracerPid:[[:space:]]*//p' "/proc/$worker_pid/status")" != 0 ] && break
		sleep 0.05
	done
	for _ in $(seq 20); do heap_get >/dev/null; done
	kill "$tracer" 2>/dev/null
	wait "$tracer" 2>/dev/null
	calls=$(grep -cE '^(brk|mmap|munmap)\(' "$tmp/heap.strace")
	expect_re "a $size-byte page 20 times: $calls brk/mmap/munmap calls, at most 2" "$calls" '^[012]$'
	kill "$worker_pid" 2>/dev/null
	worker_pid=""
fi

# 3c. The systemd unit's ExecStart, as written in systemd/quire-fcgi.service
# (paths made local, user switching left out): spawn-fcgi -n runs
# multiwatch, which keeps four workers; one killed is replaced; SIGTERM
# stops them all.
exec_start=$(sed -n 's/^ExecStart=//p' "$top/systemd/quire-fcgi.service" |
    sed -e "s|/run/quire/quire.sock|$tmp/u.sock|" \
	-e "s|/usr/local/lib/quire/cgi-bin/quire.fcgi|$top/cgi-bin/quire.fcgi|" \
	-e 's/ -[UGug] www-data//g')
case $exec_start in
*"spawn-fcgi -n "*"multiwatch -f 4 -- "*) ok "the unit runs spawn-fcgi -n with multiwatch -f 4" ;;
*) not_ok "the unit runs spawn-fcgi -n with multiwatch -f 4" "$exec_start" ;;
esac
# shellcheck disable=SC2086
env QUIRE_DB="$tmp/b.db" $exec_start >/dev/null 2>&1 &
unit_pid=$!
worker_pid=$unit_pid
i=0
while [ ! -S "$tmp/u.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
workers() { pgrep -P "$unit_pid" -f quire.fcgi | wc -l | tr -d ' '; }
expect "the unit starts 4 workers" "$(workers)" 4
expect "they serve requests" "$(env -i REQUEST_METHOD=GET REQUEST_URI=/posts/only-b/ \
    cgi-fcgi -bind -connect "$tmp/u.sock" 2>/dev/null | head -n 1 | tr -d '\r')" "Status: 200 OK"
kill -KILL "$(pgrep -P "$unit_pid" -f quire.fcgi | head -n 1)" 2>/dev/null
sleep 1.2
expect "a worker that dies is replaced" "$(workers)" 4
kill -TERM "$unit_pid"
i=0
while kill -0 "$unit_pid" 2>/dev/null && [ "$(ps -o stat= -p "$unit_pid" | cut -c1)" != Z ] &&
    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect "SIGTERM stops the unit and its workers" "$(workers)" 0
worker_pid=""

# 4. hostile URLs from front matter
post "$tmp/h/content/posts" evil "Evil" 'url: //evil.example/x' 'aliases: [/old-evil/]'
"$top/quire" import -q --db "$tmp/h.db" "$tmp/h/content" 2>/dev/null
home=$(cgi "$tmp/h.db" /)
case $home in
*'href="//'*) not_ok "no link starts with //" "$(printf '%s' "$home" | grep -o 'href="//[^"]*"' | head -n 1)" ;;
*) ok "no link starts with //" ;;
esac
loc=$(cgi "$tmp/h.db" /old-evil/ | sed -n 's/^Location: //p' | tr -d '\r')
expect "an alias redirects on this site only" "$loc" "/evil.example/x/"
post "$tmp/h2/content/posts" dots "Dots" 'url: /a/../../etc/'
if "$top/quire" import -q --db "$tmp/h2.db" "$tmp/h2/content" 2>"$tmp/err"; then
	not_ok "a url with .. is refused" "import succeeded"
else
	grep -q "dots.md:1:" "$tmp/err" && ok "a url with .. is refused, naming the file" ||
	    not_ok "a url with .. is refused, naming the file" "$(cat "$tmp/err")"
fi

# 4b. A 50 MB "post": refused with FILE:LINE, the database unchanged.
mkdir -p "$tmp/huge/content/posts"
{ printf -- '---\ntitle: Huge\n---\n'; head -c 50000000 /dev/zero | tr '\0' 'a'; } \
    >"$tmp/huge/content/posts/huge.md"
before=$(sha256sum <"$tmp/a.db")
if "$top/quire" import -q --db "$tmp/a.db" "$tmp/huge/content/posts/huge.md" 2>"$tmp/err"; then
	not_ok "a 50 MB file is refused" "import succeeded"
else
	expect "a 50 MB file is refused naming the file and line" \
	    "$(grep -c 'huge.md:1: larger than' "$tmp/err") $(sha256sum <"$tmp/a.db")" "1 $before"
fi
rm -rf "$tmp/huge"

# 5. Security headers on every answer, errors included.
for case in "GET / 200" "GET /nope/ 404" "POST / 405" "GET /%zz/ 400"; do
	set -- $case
	hdrs=$(env -i QUIRE_DB="$tmp/a.db" REQUEST_METHOD="$1" REQUEST_URI="$2" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | sed -n '1,/^\r$/p' | tr -d '\r')
	missing=
	for h in "Status: $3" "Content-Security-Policy: default-src 'self'; script-src 'self';" \
	    "X-Content-Type-Options: nosniff" "Referrer-Policy: strict-origin-when-cross-origin"; do
		printf '%s\n' "$hdrs" | grep -qF -- "$h" || missing="$missing [$h]"
	done
	expect "$1 $2 ($3) carries CSP, nosniff and Referrer-Policy" "$missing" ""
done
hdrs=$(env -i QUIRE_DB="$tmp/none.db" REQUEST_METHOD=GET REQUEST_URI=/ \
    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | sed -n '1,/^\r$/p' | tr -d '\r')
case $hdrs in
*"Status: 503"*"Content-Security-Policy:"*) ok "a 503 carries them too" ;;
*) not_ok "a 503 carries them too" "$hdrs" ;;
esac

echo "robust: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
