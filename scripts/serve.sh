#!/bin/sh
# serve.sh start RUNDIR PORT DB | stop RUNDIR
# Starts the worker under spawn-fcgi (2 processes, unix socket) and nginx on
# 127.0.0.1:PORT with nginx/dev.conf.in, everything kept in RUNDIR; `stop`
# ends both by the pids recorded there. PORT 0 picks a free port, written
# to RUNDIR/port.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cmd=$1
run=$2

# is_running PID: the process exists and is not a zombie waiting to be reaped.
is_running() {
	kill -0 "$1" 2>/dev/null || return 1
	state=$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
	[ "$state" != Z ]
}

stop() {
	if [ -f "$run/nginx.pid" ]; then
		kill "$(cat "$run/nginx.pid")" 2>/dev/null || true
	fi
	if [ -f "$run/quire.pids" ]; then
		# shellcheck disable=SC2046
		kill $(cat "$run/quire.pids") 2>/dev/null || true
	fi
	i=0
	while [ $i -lt 50 ]; do
		alive=0
		for p in $(cat "$run/nginx.pid" "$run/quire.pids" 2>/dev/null); do
			is_running "$p" && alive=1
		done
		[ $alive = 0 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	rm -f "$run/nginx.pid" "$run/quire.pids" "$run/quire.sock"
}

if [ "$cmd" = stop ]; then
	stop
	exit 0
fi

port=$3
db=$4
mkdir -p "$run/tmp"
run=$(cd "$run" && pwd)
case $db in /*) ;; *) db=$(pwd)/$db ;; esac
# The file store beside the database (src/store.c's rule).
case $db in *.db) store=${db%.db}.files ;; *) store=$db.files ;; esac
nginx=/usr/sbin/nginx
[ -x "$nginx" ] || nginx=$(command -v nginx)

rm -f "$run/quire.sock"
QUIRE_DB=$db spawn-fcgi -s "$run/quire.sock" -M 0666 -F 2 \
	-P "$run/quire.pids" -- "$top/cgi-bin/quire.fcgi" >/dev/null

user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
tries=0
while :; do
	p=$port
	if [ "$p" = 0 ]; then
		# A random port in 20000-59999; taken ones fail to bind below.
		p=$(( ( $(od -An -N2 -tu2 /dev/urandom) % 40000 ) + 20000 ))
	fi
	sed -e "s|@USER@|$user|" -e "s|@RUNDIR@|$run|g" -e "s|@PORT@|$p|g" \
	    -e "s|@STORE@|$store|g" \
	    -e "s|@STATIC@|$top/static|g" -e "s|@SOCKET@|$run/quire.sock|g" \
	    "$top/nginx/dev.conf.in" >"$run/nginx.conf"
	if "$nginx" -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf" \
	    2>"$run/nginx-start.log"; then
		break
	fi
	tries=$((tries + 1))
	if [ "$port" != 0 ] || [ $tries -ge 20 ] ||
	    ! grep -q "Address already in use" "$run/nginx-start.log"; then
		cat "$run/nginx-start.log" >&2
		stop
		exit 1
	fi
done
echo "$p" >"$run/port"
# nginx writes its pid file once it listens.
i=0
while [ ! -s "$run/nginx.pid" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
