#!/bin/sh
# run.sh PORT - `make run`: imports the demo site and serves it on
# http://127.0.0.1:PORT/ with nginx + spawn-fcgi until Ctrl-C.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
port=${1:-8080}
run=$top/run
mkdir -p "$run"
"$top/quire" import --db "$run/demo.db" --base-url "http://127.0.0.1:$port/" \
	"$top/content"
sh "$top/scripts/serve.sh" stop "$run"
trap 'sh "$top/scripts/serve.sh" stop "$run"; echo; echo "quire: stopped"; exit 0' INT TERM
sh "$top/scripts/serve.sh" start "$run" "$port" "$run/demo.db"
echo "quire: serving the demo on http://127.0.0.1:$port/ (Ctrl-C stops it)"
echo "quire: logs in $run/nginx-error.log"
while :; do
	sleep 1
done
