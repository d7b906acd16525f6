#!/bin/sh
# deps.sh run|test - installs the Debian packages quire needs that are
# missing (as root, or through sudo), running apt-get update only when a
# package cannot be found.
set -eu
pkgs="pkg-config gcc make libfcgi-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
libsqlite3-dev libyaml-dev libseccomp-dev nginx spawn-fcgi"
if [ "${1:-run}" = test ]; then
	pkgs="$pkgs libcmocka-dev curl libxml2-utils libfcgi-bin multiwatch valgrind chromium chromium-driver
	apache2 libapache2-mod-fcgid wrk sqlite3 clang libclang-rt-14-dev"
fi
if [ "${1:-run}" = bench ]; then
	pkgs="$pkgs wrk valgrind hugo curl"
fi
missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
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
