#!/bin/sh
# deps.sh [run|test|bench]... - `make deps`: installs the Debian packages of
# the named sets that are missing (as root, or through sudo), running
# apt-get update only when a package cannot be found; does nothing when
# every package is there. run builds and serves quire; test adds what the
# test suites use, bench what `make bench` measures with. Off with
# `make ... DEPS=0`.
set -eu
run="pkg-config gcc g++ make libfcgi-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
libsqlite3-dev libyaml-dev libtomlplusplus-dev libjansson-dev libseccomp-dev
nginx spawn-fcgi unicode-data unicode-cldr-core libpcre2-dev libxml2-dev
golang-github-alecthomas-chroma-v2-dev golang-github-kyokomi-emoji-dev libvips-dev
libssl-dev media-types"
test="libcmocka-dev curl libxml2-utils libfcgi-bin multiwatch valgrind strace chromium
chromium-driver apache2 libapache2-mod-fcgid wrk sqlite3 clang libclang-rt-14-dev
python3-feedparser procps"
bench="wrk valgrind hugo curl sqlite3 libfcgi-bin"

pkgs=$run
for set in "${@:-run}"; do
	case $set in
	run) ;;
	test) pkgs="$pkgs $test" ;;
	bench) pkgs="$pkgs $bench" ;;
	*) echo "deps.sh: unknown set '$set' (run, test, bench)" >&2; exit 2 ;;
	esac
done
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "quire: not a Debian system; install the equivalents of:" $pkgs >&2
	exit 0
fi
# One dpkg-query for all: the packages installed, by name.
# shellcheck disable=SC2086
have=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null |
    sed -n 's/^\([^ ]*\) .*ok installed$/\1/p')
missing=""
for p in $pkgs; do
	case " $missing " in *" $p "*) continue ;; esac
	if ! echo "$have" | grep -qx "$p"; then
		# Any of Debian's nginx flavours provides the server.
		if [ "$p" = nginx ] && [ -x /usr/sbin/nginx ]; then
			continue
		fi
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "quire: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -q $missing >/dev/null 2>&1; then
	$sudo apt-get update -q >/dev/null
	$sudo apt-get install -y -q $missing >/dev/null
fi
