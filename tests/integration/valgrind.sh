#!/usr/bin/env bash
# valgrind memcheck over one long-lived worker answering the kinds of
# requests the integration suites send (pages, feeds, search with hostile
# queries, errors, conditional requests), then SIGTERM: no error and no
# definite leak. The importer is checked the same way on the fixtures.
# Closes with "valgrind: N passed, M failed".
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quire-valgrind.XXXXXX")
worker_pid=""
cleanup() {
	[ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
	not_ok "valgrind is installed" "missing"
	echo "valgrind: $pass passed, $fail failed"
	exit 1
fi
vg="valgrind --quiet --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=97"

# The importer, on the Hugo fixtures and the hostile ones.
$vg --log-file="$tmp/import.vg" "$top/quire" import -q --db "$tmp/site.db" \
    "$top/tests/hugo/site/content" 2>/dev/null
rc=$?
if [ $rc = 0 ] && [ ! -s "$tmp/import.vg" ]; then
	ok "the importer under memcheck: no error, no definite leak"
else
	not_ok "the importer under memcheck: no error, no definite leak" "status $rc $(head -c 600 "$tmp/import.vg")"
fi
$vg --log-file="$tmp/import-bad.vg" "$top/quire" import -q --db "$tmp/site.db" \
    "$top/tests/fixtures/bad/yaml" 2>/dev/null
rc=$?
if [ $rc = 1 ] && [ ! -s "$tmp/import-bad.vg" ]; then
	ok "a failing import under memcheck: clean"
else
	not_ok "a failing import under memcheck: clean" "status $rc $(head -c 600 "$tmp/import-bad.vg")"
fi

# The worker: seccomp off (valgrind's own threads), one process.
QUIRE_SECCOMP=0 QUIRE_DB="$tmp/site.db" spawn-fcgi -s "$tmp/w.sock" -P "$tmp/w.pid" -- \
    /usr/bin/env ${vg/--quiet /} --log-file="$tmp/worker.vg" "$top/cgi-bin/quire.fcgi" >/dev/null
worker_pid=$(cat "$tmp/w.pid")
n=0
bad=""
req() {
	local out
	out=$(env -i REQUEST_METHOD="$1" REQUEST_URI="$2" ${3:+HTTP_IF_NONE_MATCH="$3"} \
	    cgi-fcgi -bind -connect "$tmp/w.sock" 2>/dev/null | head -n 1 | tr -d '\r')
	n=$((n + 1))
	case $out in "Status: "*) ;; *) bad="$bad [$1 $2: $out]" ;; esac
}
for u in / /page/2/ /page/1/ /posts/ /posts/headings/ /posts/code-blocks/ \
    /posts/footnotes/ /posts/smart-punct/ /posts/more-reflink/ /tags/ /tags/go/ \
    '/tags/caf%C3%A9-cr%C3%A8me/' /tags/c%23/ /index.xml /tags/go/index.xml /atom.xml \
    /tags/go/atom.xml /feed.json /tags/go/feed.json /posts/feed.json \
    /sitemap.xml /robots.txt /archives/ '/search/?q=fox' '/search/?q=the&page=2' \
    '/search/?q=%22' '/search/?q=NEAR(' '/search/?q=%FF%FE' '/search/?q=*' \
    /no/such/page/ /page/0/ /page/99999999999999999999/ /posts/headings \
    '/%zz/' '/a%00b/' /posts/../x/; do
	req GET "$u"
done
req POST /
req HEAD /posts/tables/
etag=$(env -i REQUEST_METHOD=GET REQUEST_URI=/ cgi-fcgi -bind -connect "$tmp/w.sock" 2>/dev/null |
    sed -n 's/^ETag: //p' | tr -d '\r')
req GET / "$etag"
if [ -z "$bad" ]; then ok "the worker under memcheck answered $n requests"; else not_ok "the worker under memcheck answered $n requests" "$bad"; fi
kill -TERM "$worker_pid"
i=0
while [ $i -lt 100 ]; do
	state=$(ps -o stat= -p "$worker_pid" 2>/dev/null | cut -c1)
	{ [ -z "$state" ] || [ "$state" = Z ]; } && break
	sleep 0.1
	i=$((i + 1))
done
worker_pid=""
# Without --quiet valgrind ends with its summary: proof that it ran.
if grep -q 'ERROR SUMMARY: 0 errors' "$tmp/worker.vg" &&
    { grep -q 'definitely lost: 0 bytes' "$tmp/worker.vg" ||
    grep -q 'no leaks are possible' "$tmp/worker.vg"; }; then
	ok "the worker under memcheck: no error, no definite leak"
else
	not_ok "the worker under memcheck: no error, no definite leak" \
	    "$(grep -v '^==[0-9]*== *$' "$tmp/worker.vg" | head -c 1500)"
fi

echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
