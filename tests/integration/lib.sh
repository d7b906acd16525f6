# lib.sh - the reporting helpers every integration suite sources (after
# `set -u`): one "ok - ..." or "not ok - ... (got: ...)" line per check,
# and the closing line "SUITE: N passed, M failed" that tests/run-all.sh
# adds up. A suite may set CHECK_PREFIX to label its checks.
# $top is set by the suite that sources this file.
# shellcheck shell=bash disable=SC2154
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
# cond_rc NAME STATUS FILE: ok when STATUS is 0, else not ok showing
# FILE. Pass $? as STATUS: it expands before anything else runs (in
# `cond NAME "$(cat FILE)" $?` it is cat's status, always 0).
cond_rc() { cond "$1" "$(cat "$3")" "$2"; }
# report SUITE: prints the closing line; fails when a check failed.
report() {
	cgi_worker_stop
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# suite_begin NAME: makes the temporary folder $tmp and the traps that, on
# exit or a signal, run the suite's suite_stop_extra (if it defines one),
# stop every scripts/serve.sh run folder listed in runs[], and remove $tmp
# (QUIRE_IT_KEEP=1 keeps it). Only the main shell cleans up: bash may run
# a pending trap in a command substitution's subshell, which then passes
# the signal on to the main shell.
suite_begin() {
	runs=()
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-$1.XXXXXX")
	main_pid=$BASHPID
	trap suite_cleanup EXIT
	trap 'suite_signal 130 INT' INT
	trap 'suite_signal 143 TERM' TERM
}

suite_cleanup() {
	local r
	[ "$BASHPID" = "$main_pid" ] || return 0
	trap '' INT TERM
	trap - EXIT
	if declare -F suite_stop_extra >/dev/null; then
		suite_stop_extra
	fi
	for r in ${runs[@]+"${runs[@]}"}; do
		sh "$top/scripts/serve.sh" stop "$r" >/dev/null 2>&1
	done
	cgi_worker_stop >/dev/null
	if [ "${QUIRE_IT_KEEP:-0}" = 1 ]; then echo "# kept $tmp" >&2; else rm -rf "$tmp"; fi
}

# suite_signal STATUS SIGNAL: ends the run (the EXIT trap cleans up).
suite_signal() {
	if [ "$BASHPID" != "$main_pid" ]; then
		kill -s "$2" "$main_pid" 2>/dev/null
	fi
	exit "$1"
}

# page_card repeats page's listing columns (schema 005, 008), page_term
# the card's order (weight included, 025), entry, lastmod and cover
# columns (006, 008, 009, 016); each card holds its entry's markup, and each of its page_term
# rows the same (009), a taxonomy term's as PaperMod's tag-entry (016):
# rows without their match, or with a column that differs (an entry not
# holding its card's title, where escaping leaves it as is).
card_drift() {	# DB: prints the number of drifted rows
	sqlite3 -readonly "$1" "SELECT (SELECT count(*) FROM page p LEFT JOIN
	    page_card c ON c.page_id = p.id WHERE c.page_id IS NULL OR
	    c.kind IS NOT p.kind OR c.date IS NOT p.date OR
	    c.title IS NOT p.title OR c.source IS NOT p.source OR
	    c.draft IS NOT p.draft OR c.publish_at IS NOT p.publish_at OR
	    c.expire_at IS NOT p.expire_at OR c.url IS NOT p.url OR
	    c.has_lastmod IS NOT p.has_lastmod OR c.lastmod IS NOT p.lastmod OR
	    c.lastmod_offset IS NOT p.lastmod_offset OR
	    c.author IS NOT p.author OR c.has_date IS NOT p.has_date OR
	    c.date_offset IS NOT p.date_offset) + (SELECT count(*) FROM
	    page_card c LEFT JOIN page p ON p.id = c.page_id WHERE p.id IS NULL)
	    + (SELECT count(*) FROM page_term t LEFT JOIN page_card c ON
	    c.page_id = t.page_id WHERE c.page_id IS NULL OR
	    c.kind IS NOT t.kind OR c.worder IS NOT t.worder OR
	    c.date IS NOT t.date OR
	    c.title IS NOT t.title OR c.source IS NOT t.source OR
	    c.draft IS NOT t.draft OR c.publish_at IS NOT t.publish_at OR
	    c.expire_at IS NOT t.expire_at OR c.url IS NOT t.url OR
	    c.author IS NOT t.author OR c.summary IS NOT t.summary OR
	    c.has_date IS NOT t.has_date OR c.date_offset IS NOT t.date_offset OR
	    c.truncated IS NOT t.truncated OR c.words IS NOT t.words OR
	    c.minutes IS NOT t.minutes OR c.has_lastmod IS NOT t.has_lastmod OR
	    c.lastmod IS NOT t.lastmod OR
	    c.lastmod_offset IS NOT t.lastmod_offset OR
	    c.cover IS NOT t.cover OR
	    c.entry IS NOT replace(t.entry, 'post-entry tag-entry',
	    'post-entry')) + (SELECT
	    count(*) FROM page_card c WHERE c.entry IS NULL OR
	    (instr(c.entry, c.title) = 0 AND c.title NOT GLOB '*[&<>' ||
	    char(34, 39) || ']*'))" 2>&1
}

# ---- HTTP, for the suites that serve through nginx (scripts/serve.sh)

# req URL [curl args...]: sets $code and $curl_rc (curl's exit status);
# body in $tmp/body, headers in $tmp/hdr (no CR). -g: the URL is sent as
# written, brackets and braces included.
req() {
	local url=$1
	shift
	: >"$tmp/body"
	: >"$tmp/hdr.raw"
	code=$(curl -s -g --path-as-is --max-time 10 -o "$tmp/body" \
	    -D "$tmp/hdr.raw" -w '%{http_code}' "$@" "$url" 2>/dev/null)
	curl_rc=$?
	[ -n "$code" ] || code=000
	tr -d '\r' <"$tmp/hdr.raw" >"$tmp/hdr"
}
# hdr NAME: the value of a header of the last response.
hdr() { grep -i "^$1:" "$tmp/hdr" | head -n 1 | sed 's/^[^:]*:[[:space:]]*//'; }
body_has() { grep -qF -- "$1" "$tmp/body"; }

# serve NAME DB: starts nginx + workers in $tmp/NAME (stopped on exit);
# sets $srv (a dead port when it fails, so later checks fail rather than
# hang).
serve() {
	local run=$tmp/$1
	runs+=("$run")
	srv=http://127.0.0.1:9
	if sh "$top/scripts/serve.sh" start "$run" 0 "$2" >"$tmp/serve-$1.log" 2>&1 &&
	    [ -s "$run/port" ]; then
		srv=http://127.0.0.1:$(cat "$run/port")
		ok "serve.sh starts server $1"
	else
		not_ok "serve.sh starts server $1" "$(cat "$tmp/serve-$1.log")"
	fi
}

# ---- feeds

# items FILE: one line per RSS <item>: link TAB pubDate.
items() {
	awk '
	/<item>/ { it = 1; l = ""; d = "" }
	it && /<link>/ { l = $0; sub(/.*<link>/, "", l); sub(/<\/link>.*/, "", l) }
	it && /<pubDate>/ { d = $0; sub(/.*<pubDate>/, "", d); sub(/<\/pubDate>.*/, "", d) }
	it && /<\/item>/ { print l "\t" d; it = 0 }
	' "$1"
}
# channel FILE TAG: the text of the channel's first TAG, before any item.
channel() { sed -n "/<item>/q; s/.*<$2>\\(.*\\)<\\/$2>.*/\\1/p" "$1" | head -n 1; }

# cgi ROUTE: the worker's whole answer for ROUTE (headers, then body), as
# a CGI run prints it, on the suite's database $db. One FastCGI worker per
# suite answers (spawn-fcgi, on first use; cgi-fcgi sends QUIRE_DB as a
# request parameter, as Apache's SetEnv does, and the worker opens each
# database afresh when it changes): a worker process per request took
# 20 ms, 150 under the sanitizers, and suites ask hundreds. The worker
# has the suite's environment less QUIRE_DB (sanitize.sh's QUIRE_SECCOMP=0
# and sanitizer options among it). The CGI path itself has checks of its
# own (dbpath, confine, robust, valgrind). A suite may define its own cgi.
cgi() {
	[ -S "$tmp/cgi-worker.sock" ] || cgi_worker_start || return 1
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$1" \
	    timeout 60 cgi-fcgi -bind -connect "$tmp/cgi-worker.sock" \
	    </dev/null 2>/dev/null
}
# cgi_worker_start: cgi()'s worker, in the foreground of spawn-fcgi -n
# (which forks none and keeps its stderr: the sanitizers' reports, in
# $tmp/cgi-worker.err). cgi() runs in command substitutions: the lock
# folder lets one of them start it, and the others wait for its socket.
# Fails (and so does every later cgi(), at once) when it cannot start.
cgi_worker_start() {
	local i
	[ -e "$tmp/cgi-worker.failed" ] && return 1
	if mkdir "$tmp/cgi-worker.lock" 2>/dev/null; then
		env -u QUIRE_DB spawn-fcgi -n -s "$tmp/cgi-worker.sock.new" \
		    -- "$top/cgi-bin/quire.fcgi" \
		    >/dev/null 2>>"$tmp/cgi-worker.err" </dev/null &
		echo $! >"$tmp/cgi-worker.pid"
		for i in $(seq 200); do
			[ -S "$tmp/cgi-worker.sock.new" ] && break
			kill -0 "$(cat "$tmp/cgi-worker.pid")" 2>/dev/null || break
			sleep 0.02
		done
		if mv "$tmp/cgi-worker.sock.new" "$tmp/cgi-worker.sock" \
		    2>>"$tmp/cgi-worker.err"; then
			return 0
		fi
		: >"$tmp/cgi-worker.failed"
		return 1
	fi
	for i in $(seq 250); do
		[ -S "$tmp/cgi-worker.sock" ] && return 0
		[ -e "$tmp/cgi-worker.failed" ] && return 1
		sleep 0.02
	done
	return 1
}
# cgi_worker_stop: stops cgi()'s worker, if one started, and waits for it
# to exit (LeakSanitizer reports then). A worker that died during the
# suite, would not start, or left a sanitizer's report in its stderr
# fails the suite. report and suite_cleanup call it.
cgi_worker_stop() {
	local pid i state
	if [ -e "$tmp/cgi-worker.failed" ]; then
		rm -f "$tmp/cgi-worker.failed"
		not_ok "cgi()'s worker starts" "$(cat "$tmp/cgi-worker.err" 2>/dev/null)"
	fi
	[ -s "$tmp/cgi-worker.pid" ] || return 0
	pid=$(cat "$tmp/cgi-worker.pid")
	rm -f "$tmp/cgi-worker.pid" "$tmp/cgi-worker.sock"
	rmdir "$tmp/cgi-worker.lock" 2>/dev/null
	state=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)
	if [ -z "$state" ] || [ "$state" = Z ]; then
		not_ok "cgi()'s worker lived through the suite" \
		    "$(tail -n 20 "$tmp/cgi-worker.err" 2>/dev/null)"
	fi
	kill "$pid" 2>/dev/null
	# Gone, or a zombie (its parent, a command substitution's shell, is
	# gone too, and init reaps when it will): its exit, and so the
	# sanitizers' report, is over.
	for i in $(seq 200); do
		case $(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) in
		'' | Z) break ;;
		esac
		sleep 0.05
	done
	if grep -q -E 'Sanitizer|runtime error' "$tmp/cgi-worker.err" 2>/dev/null; then
		not_ok "cgi()'s worker ran clean" "$(grep -E -m 5 'Sanitizer|runtime error|#[0-9] ' "$tmp/cgi-worker.err")"
	fi
}
# body ROUTE: cgi's answer less its headers.
body() { cgi "$1" | sed '1,/^\r*$/d'; }
# entries ROUTE: the entry links of every page of a listing, in order.
entries() {
	local n=1 route=$1 out
	while :; do
		out=$(cgi "$route")
		printf '%s' "$out" | head -n 1 | grep -q '^Status: 200' || break
		printf '%s\n' "$out" | grep -o 'class="entry-link"[^>]*href="[^"]*"' |
		    sed 's/.*href="//; s/"$//'
		n=$((n + 1))
		route=$1page/$n/
	done | tr '\n' ' ' | sed 's/ $//'
}

# ---- stored files (schema/015), until the importer stores them itself

# store_file DB URL FILE MEDIA_TYPE MTIME: puts FILE's bytes in DB's store
# (DB less .db, plus .files/HH/REST by its SHA-256, src/store.c) and a row
# of the file table for URL (a route, decoded). Readable by all (Apache's
# children run as www-data).
store_file() {
	local h dir
	h=$(sha256sum "$3" | cut -c1-64)
	case $1 in *.db) dir=${1%.db}.files ;; *) dir=$1.files ;; esac
	mkdir -p "$dir/${h:0:2}"
	cp "$3" "$dir/${h:0:2}/${h:2}"
	chmod -R o+rX "$dir"
	sqlite3 "$1" "INSERT OR REPLACE INTO file (url, source, hash, size,
	    mtime, media_type) VALUES ('$2', 'static$2', '$h',
	    $(stat -c %s "$3"), $5, '$4')"
}
