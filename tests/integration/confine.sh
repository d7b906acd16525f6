#!/usr/bin/env bash
# The worker never serves unconfined by accident: when the kernel refuses
# its seccomp filter (strace makes seccomp() and prctl() fail, as an old
# or locked-down kernel would), every request is answered 503 with a log
# line saying why and how to serve without the filter, as CGI and under
# FastCGI; QUIRE_SECCOMP=0 serves the pages. Under the filter, a stored
# file (the store beside the database: read-only open, fstat, pread) is
# served whole and by Range, as CGI and under FastCGI. Closes with
# "confine: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin confine
peer_pid=""
# suite_stop_extra: the worker under strace, then strace (stopping strace
# alone would leave the worker it traced running).
suite_stop_extra() {
	local c
	# The filtered worker of part 3.
	[ -s "$tmp/f.pid" ] && kill "$(cat "$tmp/f.pid")" 2>/dev/null
	[ -n "$peer_pid" ] || return 0
	for c in $(cat /proc/"$peer_pid"/task/*/children 2>/dev/null); do
		kill "$c" 2>/dev/null
	done
	kill "$peer_pid" 2>/dev/null
}

worker=$top/cgi-bin/quire.fcgi
mkdir -p "$tmp/site/content/posts"
printf -- '---\ntitle: "Here"\ndate: 2024-01-02\n---\nBody.\n' \
    >"$tmp/site/content/posts/here.md"
"$top/quire" import -q --db "$tmp/site.db" "$tmp/site/content" 2>/dev/null ||
    not_ok "the test site imports" "$tmp/site.db"
# The strace that makes every seccomp() and prctl() call fail EINVAL.
refuse=(strace -f -o /dev/null -e trace=seccomp,prctl
    -e inject=seccomp:error=EINVAL -e inject=prctl:error=EINVAL)
# cgi CMD...: CMD asked for /posts/here/ as CGI, QUIRE_SECCOMP unset.
cgi() {
	env -u QUIRE_SECCOMP QUIRE_DB="$tmp/site.db" REQUEST_METHOD=GET \
	    REQUEST_URI=/posts/here/ SERVER_NAME=localhost SERVER_PORT=80 "$@"
}

# 1. As CGI.
out=$(cgi "${refuse[@]}" "$worker" 2>"$tmp/cgi.err")
expect "as CGI, a refused filter answers 503" "$(printf '%s' "$out" | sed -n '1s/\r$//p')" \
    "Status: 503 Service Unavailable"
expect_re "and the page is not in it" "$(printf '%s' "$out" | grep -c 'Body\.')" '^0$'
expect_re "stderr says why and how to serve without it" "$(cat "$tmp/cgi.err")" \
    "seccomp filter cannot be installed .*QUIRE_SECCOMP=0 serves without it"
out=$(cgi QUIRE_SECCOMP=0 "${refuse[@]}" "$worker" 2>/dev/null)
expect "QUIRE_SECCOMP=0 serves the page" "$(printf '%s' "$out" | sed -n '1s/\r$//p')" \
    "Status: 200 OK"
out=$(cgi "$worker" 2>/dev/null)
expect "with the filter in place the page is served" \
    "$(printf '%s' "$out" | sed -n '1s/\r$//p')" "Status: 200 OK"

# 2. Under FastCGI (spawn-fcgi), asked with cgi-fcgi: every request 503.
env -u QUIRE_SECCOMP QUIRE_DB="$tmp/site.db" spawn-fcgi -s "$tmp/w.sock" \
    -P "$tmp/w.pid" -- "$(command -v strace)" "${refuse[@]:1}" "$worker" \
    >/dev/null 2>"$tmp/fcgi.err" ||
    not_ok "spawn-fcgi starts the worker" "$(cat "$tmp/fcgi.err")"
peer_pid=$(cat "$tmp/w.pid" 2>/dev/null)
i=0
while [ ! -S "$tmp/w.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
codes=""
for i in 1 2 3; do
	line=$(cgi timeout 10 cgi-fcgi -bind -connect "$tmp/w.sock" 2>"$tmp/peer.err" |
	    sed -n '1s/\r$//p')
	codes="$codes ${line#Status: }"
done
expect "under FastCGI, a refused filter answers 503 to every request" "${codes# }" \
    "503 Service Unavailable 503 Service Unavailable 503 Service Unavailable"
expect_re "and logs why on the FastCGI error stream" "$(cat "$tmp/peer.err")" \
    "503: the seccomp filter cannot be installed"

# 3. A stored file under the filter: the calls it needs (openat read-only,
# fstat, pread64, close) are on the allow-list; nothing new.
head -c 200000 /dev/urandom >"$tmp/pic.bin"
store_file "$tmp/site.db" /img/pic.png "$tmp/pic.bin" image/png 1700000000
# fcgi_get SOCKET ROUTE [VAR=VALUE...]: the worker's answer over FastCGI.
fcgi_get() {
	local sock=$1 route=$2
	shift 2
	env -i QUIRE_DB="$tmp/site.db" REQUEST_METHOD=GET REQUEST_URI="$route" \
	    SERVER_NAME=localhost SERVER_PORT=80 "$@" \
	    timeout 10 cgi-fcgi -bind -connect "$sock" 2>/dev/null
}
# status_and_sum: the first line, then the body's SHA-256.
status_and_sum() {
	printf '%s %s' "$(sed -n '1s/\r$//p' "$1")" "$(sed '1,/^\r$/d' "$1" | sha256sum | cut -c1-64)"
}
env -u QUIRE_SECCOMP QUIRE_DB="$tmp/site.db" REQUEST_METHOD=GET \
    REQUEST_URI=/img/pic.png "$worker" >"$tmp/pic.out" 2>"$tmp/pic.err"
expect "as CGI under the filter, a stored file is served whole" \
    "$(status_and_sum "$tmp/pic.out")" "Status: 200 OK $(sha256sum <"$tmp/pic.bin" | cut -c1-64)"
env -u QUIRE_SECCOMP QUIRE_DB="$tmp/site.db" spawn-fcgi -s "$tmp/f.sock" \
    -P "$tmp/f.pid" -- "$worker" >/dev/null 2>"$tmp/f.err" ||
    not_ok "spawn-fcgi starts the worker (filtered)" "$(cat "$tmp/f.err")"
i=0
while [ ! -S "$tmp/f.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fcgi_get "$tmp/f.sock" /img/pic.png >"$tmp/pic.out"
expect "under FastCGI and the filter, a stored file is served whole" \
    "$(status_and_sum "$tmp/pic.out")" "Status: 200 OK $(sha256sum <"$tmp/pic.bin" | cut -c1-64)"
fcgi_get "$tmp/f.sock" /img/pic.png HTTP_RANGE=bytes=100000-100009 >"$tmp/pic.out"
expect "and by Range (206, those bytes)" "$(status_and_sum "$tmp/pic.out")" \
    "Status: 206 Partial Content $(head -c 100010 "$tmp/pic.bin" | tail -c 10 | sha256sum | cut -c1-64)"
fcgi_get "$tmp/f.sock" /posts/here/ >"$tmp/pic.out"
expect "and the worker still serves pages after" "$(sed -n '1s/\r$//p' "$tmp/pic.out")" \
    "Status: 200 OK"
expect_re "the worker runs under its filter (Seccomp: 2)" \
    "$(sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$(cat "$tmp/f.pid")/status" 2>/dev/null)" '^2$'
report confine
