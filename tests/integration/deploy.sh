#!/usr/bin/env bash
# Deployment tests: the same checks against every set-up the README
# documents, each configured from the very file users are told to copy
# (paths and ports substituted with sed):
#   1. nginx + spawn-fcgi          nginx/quire.conf
#   2. Apache + mod_proxy_fcgi     apache/quire-proxy-fcgi.conf (+ spawn-fcgi)
#   3. Apache + mod_fcgid          apache/quire-fcgid.conf
#   4. Apache + CGI (.htaccess)    cgi-bin/.htaccess, at the site root
#   5. the same under /blog/       (baseURL http://127.0.0.1:PORT/blog/)
#   6. 4 with mod_cgid under the event MPM (Debian's default) instead of
#      mod_cgi under prefork
#   7. nginx with fastcgi_cache in front of two worker "boxes" (two
#      spawn-fcgi pools on TCP ports, each with its own copy of the
#      database and its file store)   nginx/quire-upstream.conf
#   8. 1 under /blog/
# Each database gets stored files (schema/015) beside it by store_file
# (lib.sh), which every set-up serves: nginx from the store through
# X-Accel-Redirect, the others streamed by the worker.
# Run from the repository root after `make all`:
#     bash tests/integration/deploy.sh
# Prints one `ok - ...` / `not ok - ...` line per check, a `# SET-UP: N
# passed, M failed` line per set-up, then `deploy: N passed, M failed`;
# exits 1 when anything failed. Servers listen on free ports of 127.0.0.1
# and are stopped by pid on exit. Set QUIRE_IT_KEEP=1 to keep the temp dir.
# shellcheck disable=SC2317  # trap functions
set -u

top=$(pwd)
hugo_content=$top/tests/hugo/site/content

. "$(dirname "$0")/lib.sh"
suite_begin deploy
stops=()
# Apache's children run as www-data: they must reach the temp dir.
chmod 755 "$tmp"
# Apache runs as www-data: it must reach the static files even when the
# tree lives under a private folder (a fresh clone in a 0700 temp dir).
statics=$tmp/static
cp -R "$top/static" "$statics"
chmod -R o+rX "$statics"

# suite_stop_extra: the servers each set-up started (its stop commands).
suite_stop_extra() {
	local s
	for s in ${stops[@]+"${stops[@]}"}; do
		$s >/dev/null 2>&1
	done
}

# ---------------------------------------------------------------- reporting

finish() {
	echo "deploy: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

# ---------------------------------------------------------------- HTTP

is_html() { grep -qi '<html' "$tmp/body" && hdr Content-Type | grep -qi '^text/html'; }
# site_links: href/src values of the last body that point into the site:
# relative ones and absolute ones on $base (made relative); not "#x" ones
# nor links to other sites.
site_links() {
	grep -oE '(href|src)="[^"]*"' "$tmp/body" | grep -vE '^(href|src)="#' |
	    sed -E "s#^((href|src)=\")$base#\\1#" | grep -vE '^(href|src)="[a-z]+:'
}
# raw_head PORT PATH: the raw bytes of the answer to a HEAD request (curl
# -I would not show a body sent against the rules).
raw_head() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'HEAD %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' \
		    "$2" "$1" >&3
		timeout 5 cat <&3
	) 2>/dev/null
}

# raw_get PORT PATH: the head of the answer to a GET of PATH sent as is.
raw_get() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' \
		    "$2" "$1" >&3
		timeout 5 cat <&3
	) 2>/dev/null | tr -d '\r' | sed '/^$/q'
}
# The security headers the worker sends (src/response.c), as CGI, sorted:
# every answer of every set-up must carry these, each once.
sec_re='^(Content-Security-Policy|X-Content-Type-Options|Referrer-Policy):'
sec_want=$(env -i QUIRE_DB=/nonexistent REQUEST_METHOD=GET REQUEST_URI=/ \
    "$top/cgi-bin/quire.fcgi" 2>/dev/null | tr -d '\r' | sed '/^$/q' |
    grep -iE "$sec_re" | sort)
# sec_headers [FILE]: what the last answer (or FILE, a head) holds of them.
sec_headers() { grep -iE "$sec_re" "${1:-$tmp/hdr}" | sort; }

# ---------------------------------------------------------------- helpers

# is_running PID: exists and is not a zombie.
is_running() {
	kill -0 "$1" 2>/dev/null || return 1
	[ "$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" != Z ]
}
# stop_pids PID...: TERM, then wait up to 5 s for them to go.
stop_pids() {
	local p i=0 alive
	[ $# -gt 0 ] || return 0
	kill "$@" 2>/dev/null
	while [ "$i" -lt 50 ]; do
		alive=0
		for p in "$@"; do is_running "$p" && alive=1; done
		[ "$alive" = 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$@" 2>/dev/null
}
# stop_files FILE...: stops the pids listed in the files.
stop_files() {
	local f more pids=()
	for f in "$@"; do
		more=()
		if [ -s "$f" ]; then read -r -d '' -a more <"$f"; fi
		pids+=(${more[@]+"${more[@]}"})
	done
	stop_pids ${pids[@]+"${pids[@]}"}
}
# workers_of BINARY: pids of the processes running that file.
workers_of() {
	local d
	for d in /proc/[0-9]*; do
		[ "$(readlink "$d/exe" 2>/dev/null)" = "$1" ] && echo "${d#/proc/}"
	done
}
random_port() { echo $(( ( $(od -An -N2 -tu2 /dev/urandom) % 40000 ) + 20000 )); }
wait_file() { # wait_file FILE: up to 5 s for it to be non-empty
	local i=0
	while [ ! -s "$1" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ]
}
# import_db DB BASEURL: imports the Hugo fixtures; the file is readable by
# all (Apache's children run as www-data).
import_db() {
	rm -f "$1"
	if ./quire import --db "$1" --base-url "$2" "$hugo_content" >"$1.log" 2>&1; then
		# As a page with a youtube shortcode is stored: its policy
		# frames that host (schema/014), which every server passes on.
		sqlite3 "$1" "UPDATE page SET frames = 1 WHERE source = 'posts/headings.md'"
		add_files "$1"
		chmod 644 "$1"
	else
		cat "$1.log" >&2
		return 1
	fi
}

# The files every database stores: a picture, a bundle's resource, /CNAME
# (a name without an extension, beside the trailing-slash redirect),
# quire's own stylesheet and script (served at the baseURL's path), and
# a row whose store file is missing (damaged: 503).
files=$tmp/files
mkdir -p "$files"
head -c 1000 /dev/urandom >"$files/x.png"
head -c 3000 /dev/urandom >"$files/photo.jpg"
echo blog.example.org >"$files/CNAME"
echo "never stored" >"$files/lost"
png_hash=$(sha256sum "$files/x.png" | cut -c1-64)
png_mtime=1700000000
png_date="Tue, 14 Nov 2023 22:13:20 GMT"
add_files() {
	store_file "$1" /img/x.png "$files/x.png" image/png "$png_mtime"
	store_file "$1" /posts/headings/photo.jpg "$files/photo.jpg" image/jpeg 1700000100
	store_file "$1" /CNAME "$files/CNAME" application/octet-stream 1700000200
	store_file "$1" /css/quire.css "$top/static/css/quire.css" text/css \
	    "$(stat -c %Y "$top/static/css/quire.css")"
	store_file "$1" /js/theme.js "$top/static/js/theme.js" text/javascript \
	    "$(stat -c %Y "$top/static/js/theme.js")"
	sqlite3 "$1" "INSERT INTO file (url, source, hash, size, mtime,
	    media_type) VALUES ('/lost.png', 'static/lost.png',
	    '$(sha256sum "$files/lost" | cut -c1-64)', 13, $png_mtime, 'image/png');
	    INSERT INTO file (url, source, hash, size, mtime, media_type)
	    VALUES ('/bad.png', 'static/bad.png',
	    '../../../../etc/passwd', 13, $png_mtime, 'image/png')"
}

user_root=0
[ "$(id -u)" -eq 0 ] && user_root=1
apache=$(command -v apache2 || echo /usr/sbin/apache2)
mods=/usr/lib/apache2/modules

# apache_conf RUN PORT MPM MODULE... : writes RUN/apache2.conf, a
# self-contained server (MPM event or prefork) whose files live in RUN,
# including RUN/site.conf.
apache_conf() {
	local run=$1 port=$2 mpm=$3 m
	shift 3
	{
		echo "ServerRoot $run"
		echo "ServerName 127.0.0.1"
		echo "Listen 127.0.0.1:$port"
		echo "PidFile $run/apache.pid"
		echo "ErrorLog $run/error.log"
		echo "LogLevel warn"
		echo "DefaultRuntimeDir $run"
		echo "Mutex file:$run default"
		if [ "$user_root" = 1 ]; then
			echo "User www-data"
			echo "Group www-data"
		fi
		for m in "mpm_$mpm" authz_core mime dir rewrite env setenvif alias headers "$@"; do
			echo "LoadModule ${m}_module $mods/mod_$m.so"
		done
		if [ "$mpm" = event ]; then
			printf '%s\n' "StartServers 1" "ServerLimit 1" "ThreadsPerChild 16" \
			    "MaxRequestWorkers 16" "MinSpareThreads 1" "MaxSpareThreads 16"
		else
			printf '%s\n' "StartServers 2" "MinSpareServers 1" "MaxSpareServers 4" \
			    "ServerLimit 8" "MaxRequestWorkers 8"
		fi
		cat <<-EOF
		TypesConfig /etc/mime.types
		CustomLog $run/access.log "%h %r %>s %b"
		DocumentRoot $run/htdocs
		<Directory />
			Options None
			AllowOverride None
			Require all denied
		</Directory>
		Include $run/site.conf
		EOF
	} >"$run/apache2.conf"
}

# up NAME PREFIX MAKE: runs `MAKE RUN PORT` with random ports until one is
# free (MAKE imports the database for http://127.0.0.1:PORT/PREFIX and
# starts the servers); sets $base (http://127.0.0.1:PORT), $port, $run.
up() {
	local tries=0
	run=$tmp/$1
	mkdir -p "$run"
	chmod 755 "$run"
	while :; do
		port=$(random_port)
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
		if "$3" "$run" "$port" "$2"; then
			base=http://127.0.0.1:$port
			ok "server starts on 127.0.0.1:$port"
			return 0
		fi
		tries=$((tries + 1))
		if [ $tries -ge 10 ] || ! grep -qs "Address already in use" "$run"/*.log; then
			not_ok "server starts" "$(cat "$run"/*.log 2>/dev/null | tail -n 5)"
			base=http://127.0.0.1:9
			return 1
		fi
		rm -f "$run"/*.log
	done
}

# ---------------------------------------------------------------- set-ups

# spawn_worker RUN DB: the worker under spawn-fcgi on RUN/quire.sock.
spawn_worker() {
	rm -f "$1/quire.sock"
	QUIRE_DB=$2 spawn-fcgi -s "$1/quire.sock" -M 0666 -F 2 -P "$1/quire.pids" \
	    -- "$top/cgi-bin/quire.fcgi" >"$1/spawn.log" 2>&1
}

make_nginx() {
	local run=$1 port=$2 prefix=$3
	import_db "$run/blog.db" "http://127.0.0.1:$port$prefix" || return 1
	if [ ! -s "$run/quire.pids" ]; then
		spawn_worker "$run" "$run/blog.db" || return 1
		stops+=("stop_files $run/quire.pids")
	fi
	sed -e "s|listen 80;|listen 127.0.0.1:$port;|" \
	    -e "s|/usr/local/share/quire/static|$statics|g" \
	    -e "s|/run/quire/quire.sock|$run/quire.sock|g" \
	    -e "s|/var/lib/quire/blog.files/|$run/blog.files/|g" \
	    "$top/nginx/quire.conf" >"$run/site.conf"
	start_nginx "$run"
}

# start_nginx RUN: nginx with RUN/site.conf as its one server, files in RUN.
start_nginx() {
	local run=$1 nginx user=
	nginx=$(command -v nginx || echo /usr/sbin/nginx)
	[ "$user_root" = 1 ] && user="user root;"
	mkdir -p "$run/tmp"
	cat >"$run/nginx.conf" <<-EOF
	$user
	worker_processes 1;
	pid $run/nginx.pid;
	error_log $run/nginx-error.log info;
	events { worker_connections 64; }
	http {
		include /etc/nginx/mime.types;
		default_type application/octet-stream;
		access_log $run/nginx-access.log;
		# What nginx itself sent from where: an X-Accel-Redirect shows
		# as the store's internal URI.
		log_format quire_uri '\$request_uri \$uri \$status';
		access_log $run/nginx-uri.log quire_uri;
		client_body_temp_path $run/tmp/body;
		fastcgi_temp_path $run/tmp/fastcgi;
		proxy_temp_path $run/tmp/proxy;
		uwsgi_temp_path $run/tmp/uwsgi;
		scgi_temp_path $run/tmp/scgi;
		include $run/site.conf;
	}
	EOF
	stops+=("stop_files $run/nginx.pid")
	"$nginx" -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf" \
	    >"$run/start.log" 2>&1 || return 1
	wait_file "$run/nginx.pid"
}

# make_upstream RUN PORT PREFIX: two pools, each on its own database copy
# (box1.db, box2.db), behind nginx/quire-upstream.conf.
make_upstream() {
	local run=$1 port=$2 prefix=$3 b p
	import_db "$run/editor.db" "http://127.0.0.1:$port$prefix" || return 1
	for b in 1 2; do
		cp "$run/editor.db" "$run/box$b.db"
		rm -rf "$run/box$b.files"
		cp -R "$run/editor.files" "$run/box$b.files"
		p=$(random_port)
		eval "box${b}_port=$p"
		spawn_box "$run" "$b" "$p" || return 1
		stops+=("stop_files $run/box$b.pids")
	done
	sed -e "s|listen 80;|listen 127.0.0.1:$port;|" \
	    -e "s|/usr/local/share/quire/static|$statics|g" \
	    -e "s|/var/cache/nginx/quire|$run/cache|g" \
	    -e "s|server 10.0.0.11:9000;|server 127.0.0.1:$box1_port;|" \
	    -e "s|server 10.0.0.12:9000;|server 127.0.0.1:$box2_port;|" \
	    "$top/nginx/quire-upstream.conf" >"$run/site.conf"
	start_nginx "$run"
}

# spawn_box RUN N PORT: box N's pool of two workers on 127.0.0.1:PORT.
spawn_box() {
	QUIRE_DB=$1/box$2.db spawn-fcgi -a 127.0.0.1 -p "$3" -F 2 \
	    -P "$1/box$2.pids" -- "$top/cgi-bin/quire.fcgi" >"$1/box$2.log" 2>&1
}

# upstream_publish: a new post imported on the editor's copy and renamed
# over each box's file reaches readers through either box, and the site
# stays up while one box is down.
upstream_publish() {
	local b i seen=""
	mkdir -p "$run/content"
	cp -R "$hugo_content/." "$run/content/"
	printf -- '---\ntitle: "Fresh from the editor"\ndate: %s\n---\nJust published.\n' \
	    "$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)" >"$run/content/posts/fresh.md"
	./quire import -q --db "$run/editor.db" "$run/content" >"$run/publish.log" 2>&1 ||
	    not_ok "the editor's import" "$(cat "$run/publish.log")"
	for b in 1 2; do
		cp "$run/editor.db" "$run/.box$b.db.tmp"
		mv "$run/.box$b.db.tmp" "$run/box$b.db"
	done
	for i in 1 2 3 4; do
		req "$base/posts/fresh/?try=$i"
		seen="$seen $code"
	done
	expect "after the copies are renamed in, both boxes serve the new post" "$seen" " 200 200 200 200"
	# The home page, once its cached copy is revalidated: nginx counts
	# the one second of validity in whole seconds, so allow two.
	i=no
	for b in 1 2 3 4 5 6 7 8 9 10; do
		sleep 0.25
		req "$base/"
		if body_has "Fresh from the editor"; then i=yes; break; fi
	done
	expect "the cached home page shows it within two seconds" "$code $i" "200 yes"
	# nginx takes a box that fails out of rotation for a while
	# (max_fails, fail_timeout): one box down at a time is the case.
	stop_files "$run/box2.pids"
	for i in 1 2 3; do
		req "$base/posts/fresh/?box2=down&try=$i"
		seen="$seen $code"
	done
	expect "with box 2 down, box 1 answers every request" "${seen# 200 200 200 200}" " 200 200 200"
	spawn_box "$run" 2 "$box2_port"
}

make_proxy_fcgi() {
	local run=$1 port=$2 prefix=$3
	import_db "$run/blog.db" "http://127.0.0.1:$port$prefix" || return 1
	if [ ! -s "$run/quire.pids" ]; then
		spawn_worker "$run" "$run/blog.db" || return 1
		stops+=("stop_files $run/quire.pids")
	fi
	mkdir -p "$run/htdocs"
	apache_conf "$run" "$port" event proxy proxy_fcgi
	sed -e "s|<VirtualHost \*:80>|<VirtualHost *:$port>|" \
	    -e "s|/usr/local/share/quire/static|$statics|g" \
	    -e "s|/run/quire/quire.sock|$run/quire.sock|g" \
	    "$top/apache/quire-proxy-fcgi.conf" >"$run/site.conf"
	stops+=("stop_files $run/apache.pid")
	"$apache" -f "$run/apache2.conf" -k start >"$run/start.log" 2>&1 || return 1
	wait_file "$run/apache.pid"
}

make_fcgid() {
	local run=$1 port=$2 prefix=$3
	import_db "$run/blog.db" "http://127.0.0.1:$port$prefix" || return 1
	# A copy of the worker, so that its processes can be told apart.
	mkdir -p "$run/lib/cgi-bin" "$run/htdocs" "$run/fcgid"
	cp "$top/cgi-bin/quire.fcgi" "$run/lib/cgi-bin/"
	chmod -R o+rX "$run/lib"
	[ "$user_root" = 1 ] && chown www-data "$run/fcgid"
	apache_conf "$run" "$port" event fcgid
	sed -e "s|<VirtualHost \*:80>|<VirtualHost *:$port>|" \
	    -e "s|/usr/local/share/quire/static|$statics|g" \
	    -e "s|/usr/local/lib/quire/cgi-bin|$run/lib/cgi-bin|g" \
	    -e "s|/var/lib/quire/blog.db|$run/blog.db|g" \
	    "$top/apache/quire-fcgid.conf" >"$run/site.conf"
	cat >>"$run/apache2.conf" <<-EOF
	FcgidIPCDir $run/fcgid
	FcgidProcessTableFile $run/fcgid/shm
	FcgidMaxProcesses 4
	EOF
	stops+=("stop_files $run/apache.pid")
	"$apache" -f "$run/apache2.conf" -k start >"$run/start.log" 2>&1 || return 1
	wait_file "$run/apache.pid"
}

# The blog folder (web root or web root/blog/) holds static/, quire.fcgi
# and cgi-bin/.htaccess as .htaccess; the database lies outside it. Apache
# runs it with mod_cgi under prefork, or with mod_cgid under event (Debian's
# default MPM: `a2enmod cgi` then enables cgid) when $cgid is 1.
cgid=0
make_cgi() {
	local run=$1 port=$2 prefix=$3 blog
	mkdir -p "$run/db"
	chmod 755 "$run/db"
	import_db "$run/db/blog.db" "http://127.0.0.1:$port$prefix" || return 1
	blog=$run/htdocs${prefix%/}
	rm -rf "$run/htdocs"
	mkdir -p "$blog"
	cp -R "$top/static/." "$blog/"
	cp "$top/cgi-bin/quire.fcgi" "$blog/"
	sed -e "s|/home/USER/quire/blog.db|$run/db/blog.db|" \
	    "$top/cgi-bin/.htaccess" >"$blog/.htaccess"
	chmod -R o+rX "$run/htdocs"
	if [ "$cgid" = 1 ]; then
		apache_conf "$run" "$port" event cgid
		echo "ScriptSock $run/cgisock" >"$run/site.conf"
	else
		apache_conf "$run" "$port" prefork cgi
		: >"$run/site.conf"
	fi
	cat >>"$run/site.conf" <<-EOF
	<Directory $run/htdocs>
		AllowOverride All
		Require all granted
	</Directory>
	EOF
	stops+=("stop_files $run/apache.pid")
	"$apache" -f "$run/apache2.conf" -k start >"$run/start.log" 2>&1 || return 1
	wait_file "$run/apache.pid"
}

# ---------------------------------------------------------------- the checks

# checks PREFIX: the same checks against $base, the blog mounted at PREFIX
# ("/" or "/blog/"), its baseURL $base$PREFIX.
checks() {
	local p=$1 n raw links
	req "$base$p"
	expect "GET $p answers 200" "$code" 200
	expect "GET $p Content-Type is text/html; charset=utf-8" \
	    "$(hdr Content-Type)" "text/html; charset=utf-8"
	n=$(grep -c '<article class="post-entry">' "$tmp/body")
	expect "GET $p has 10 post entries" "$n" 10
	expect "every link on $p starts with $p" \
	    "$(site_links | grep -vE "^(href|src)=\"$p" | sort -u | head -n 5)" ""

	req "$base${p}posts/headings/"
	body_has '<div class="post-content">' && n=yes || n=no
	expect "article ${p}posts/headings/ answers 200 with .post-content" "$code $n" "200 yes"
	expect "every link on ${p}posts/headings/ starts with $p" \
	    "$(site_links | grep -vE "^(href|src)=\"$p" | sort -u | head -n 5)" ""

	for t in c%23 caf%C3%A9-cr%C3%A8me; do
		req "$base${p}tags/$t/"
		n=$(grep -c '<article class="post-entry tag-entry">' "$tmp/body")
		[ "$n" -gt 0 ] && n=entries || n="no entries"
		expect "tag page ${p}tags/$t/ answers 200 with entries" "$code $n" "200 entries"
	done

	req "$base${p}posts/headings"
	expect_re "${p}posts/headings answers 301 to ${p}posts/headings/" \
	    "$code $(hdr Location)" "^301 ($base)?${p}posts/headings/\$"
	req "$base${p}page/1/"
	expect_re "${p}page/1/ answers 301 to $p" "$code $(hdr Location)" "^301 ($base)?$p\$"

	req "$base${p}no/such/page/"
	is_html && n=html || n=not-html
	expect "unknown path ${p}no/such/page/ answers 404 with an HTML page" "$code $n" "404 html"

	# With a request body, answered in full and at once (curl exits 0).
	req "$base$p" -X POST -d x=1 --max-time 3
	expect "POST $p (with a body) answers 405 with Allow: GET, HEAD, complete" \
	    "$code $(hdr Allow) (curl exit $curl_rc)" "405 GET, HEAD (curl exit 0)"

	raw=$(raw_head "$port" "$p" | tr -d '\r')
	expect "HEAD $p answers 200 with no body" \
	    "$(printf '%s\n' "$raw" | head -n 1 | cut -d' ' -f2) $(printf '%s\n' "$raw" | sed '1,/^$/d' | wc -c | tr -d ' ')" \
	    "200 0"

	req "$base${p}index.xml"
	expect_re "feed ${p}index.xml answers 200 application/rss+xml" \
	    "$code $(hdr Content-Type)" '^200 application/rss\+xml'
	if xmllint --noout "$tmp/body" 2>"$tmp/xmllint.err"; then ok "feed ${p}index.xml parses with xmllint"; else
		not_ok "feed ${p}index.xml parses with xmllint" "$(cat "$tmp/xmllint.err")"; fi
	links=$( { grep -o '<link>[^<]*</link>' "$tmp/body" | sed 's#</*link>##g'
		grep -o '<atom:link href="[^"]*"' "$tmp/body" | sed 's#.*href="##; s#"$##'; } )
	n=$(printf '%s\n' "$links" | grep -c .)
	expect "feed ${p}index.xml: its $n links (>10) are on baseURL $base$p" \
	    "$([ "$n" -gt 10 ] || echo "only $n") $(printf '%s\n' "$links" | grep -vF "$base$p" | head -n 3)" " "

	req "$base${p}css/quire.css"
	expect_re "static ${p}css/quire.css answers 200 text/css (not the worker)" \
	    "$code $(hdr Content-Type)" '^200 text/css'
	expect "static ${p}css/quire.css carries the worker's security headers, once each" \
	    "$(sec_headers)" "$sec_want"
	req "$base${p}js/theme.js"
	expect "static ${p}js/theme.js: the same headers" "$code $(sec_headers)" "200 $sec_want"
	req "$base$p"
	expect "the worker's $p: the same headers, once each" "$(sec_headers)" "$sec_want"
	req "$base${p}no/such/page/"
	expect "the worker's 404: the same headers, once each" "$(sec_headers)" "$sec_want"
	req "$base${p}posts/headings/"
	expect "a page that embeds a video: the worker's frame-src, once" \
	    "$(grep -ciE '^Content-Security-Policy:' "$tmp/hdr") $(grep -iE '^Content-Security-Policy:' "$tmp/hdr" | grep -o "frame-src[^;]*" | tr -d '\r')" \
	    "1 frame-src 'self' https://www.youtube.com"
	# The server's own error page (its request line limit is below the
	# worker's 8 KiB); a .htaccess is read too late for that one.
	if [ "${name#apache+cgi}" = "$name" ]; then
		raw_get "$port" "$p$(head -c 9000 /dev/zero | tr '\0' a)" >"$tmp/raw"
		expect "the server's own 414: the same headers, once each" \
		    "$(head -n 1 "$tmp/raw" | cut -d' ' -f2) $(sec_headers "$tmp/raw")" "414 $sec_want"
	fi

	# The trailing-slash 301 keeps the query, valid: what may stand in a
	# query as it is, the rest percent-encoded.
	q=$(printf '%s\303\251%s' "a=\"<'" "&b=%zz&c=%41&d={}|\\^\`&e=/?:@!\$()*+,;=")
	req "$base${p}posts/headings?$q" -g
	expect "the 301 of ${p}posts/headings?$q: the query percent-encoded" \
	    "$code $(hdr Location | sed "s#^$base##") $(sec_headers | wc -l)" \
	    "301 ${p}posts/headings/?a=%22%3C'%C3%A9&b=%25zz&c=%41&d=%7B%7D%7C%5C%5E%60&e=/?:@!\$()*+,;= 3"
}

# file_checks PREFIX: the stored files, at $base$PREFIX: headers, HEAD,
# both validators, Range, a stored name beside the trailing-slash
# redirect, a missing file, a damaged row; under nginx, X-Accel-Redirect.
file_checks() {
	local p=$1 raw len got u=$base${1}img/x.png
	# Apache (2.4.71 here) may drop a CGI's or FastCGI response's
	# Content-Length and send it chunked (pages too), or keep it when the
	# whole answer reached it at once: either is right. nginx and
	# mod_fcgid keep it.
	len=1000
	case $name in apache+proxy_fcgi|apache+cgi*) len=chunked ;; esac
	req "$u"
	got="$(hdr Content-Length)$(hdr Transfer-Encoding)"
	[ "$len" = chunked ] && [ "$got" = 1000 ] && got=chunked
	expect "stored ${p}img/x.png: 200 image/png, its length, ETag, Last-Modified" \
	    "$code $(hdr Content-Type) $got $(hdr ETag) $(hdr Last-Modified)" \
	    "200 image/png $len \"$png_hash\" $png_date"
	expect "stored ${p}img/x.png: the very bytes" "$(sha256sum <"$tmp/body" | cut -c1-64)" "$png_hash"
	expect "stored ${p}img/x.png: Cache-Control, Accept-Ranges once, security headers once each" \
	    "$(hdr Cache-Control) $(grep -ci '^Accept-Ranges: bytes' "$tmp/hdr") $(sec_headers)" \
	    "public, max-age=300 1 $sec_want"
	raw=$(raw_head "$port" "${p}img/x.png" | tr -d '\r')
	got=$(printf '%s\n' "$raw" | sed -n 's/^Content-Length: //Ip')
	if [ "$len" = chunked ]; then
		len=""
		[ "$got" = 1000 ] && got=""
	fi
	expect "HEAD ${p}img/x.png: 200, Content-Length ${len:-(Apache: none or its length)}, no body" \
	    "$(printf '%s\n' "$raw" | head -n 1 | cut -d' ' -f2) $got $(printf '%s\n' "$raw" | sed '1,/^$/d' | wc -c | tr -d ' ')" \
	    "200 $len 0"
	req "$u" -H "If-None-Match: W/\"other\", \"$png_hash\""
	expect "If-None-Match with its ETag (in a list): 304 with the ETag, no body" \
	    "$code $(hdr ETag) $(wc -c <"$tmp/body")" "304 \"$png_hash\" 0"
	req "$u" -H "If-Modified-Since: $png_date"
	expect "If-Modified-Since its date: 304" "$code" 304
	req "$u" -H "If-Modified-Since: Tue, 14 Nov 2023 22:13:19 GMT"
	expect "If-Modified-Since a second before: 200" "$code" 200
	req "$u" -H "If-None-Match: \"other\"" -H "If-Modified-Since: $png_date"
	expect "If-None-Match not matching wins over If-Modified-Since: 200" "$code" 200
	req "$u" -H "Range: bytes=10-19"
	expect "Range bytes=10-19: 206, Content-Range, those 10 bytes" \
	    "$code $(hdr Content-Range) $(cmp -s "$tmp/body" <(head -c 20 "$files/x.png" | tail -c 10) && echo same)" \
	    "206 bytes 10-19/1000 same"
	req "$u" -H "Range: bytes=-100"
	expect "Range bytes=-100: 206, the last 100 bytes" \
	    "$code $(hdr Content-Range) $(cmp -s "$tmp/body" <(tail -c 100 "$files/x.png") && echo same)" \
	    "206 bytes 900-999/1000 same"
	req "$u" -H "Range: bytes=5000-"
	expect "Range bytes=5000-: 416 with Content-Range: bytes */1000" \
	    "$code $(hdr Content-Range)" "416 bytes */1000"
	req "$u" -H "Range: bytes=0-1" -H "If-Range: \"$png_hash\""
	expect "If-Range with its ETag: 206" "$code $(hdr Content-Range)" "206 bytes 0-1/1000"
	req "$u" -H "Range: bytes=0-1" -H "If-Range: \"other\""
	expect "If-Range with another ETag: the whole file, 200" "$code $(wc -c <"$tmp/body")" "200 1000"
	req "$base${p}posts/headings/photo.jpg"
	expect "a bundle's resource ${p}posts/headings/photo.jpg: 200 image/jpeg, 3000 bytes" \
	    "$code $(hdr Content-Type) $(wc -c <"$tmp/body")" "200 image/jpeg 3000"
	req "$base${p}CNAME"
	expect "stored ${p}CNAME wins over the trailing-slash redirect" \
	    "$code $(cat "$tmp/body")" "200 blog.example.org"
	req "$base${p}posts/headings"
	expect "while ${p}posts/headings still answers 301" "$code" 301
	req "$base${p}img/none.png"
	expect "a missing file ${p}img/none.png: 404 with an HTML page" \
	    "$code $(hdr Content-Type)" "404 text/html; charset=utf-8"
	req "$base${p}lost.png"
	expect "a row whose store file is missing: 503" "$code" 503
	req "$base${p}bad.png"
	expect "a row whose hash is no hash (a path): 503" "$code" 503
	req "$base${p}css/quire.css" -H "If-None-Match: \"nope\""
	expect "${p}css/quire.css: 200 text/css (nginx or the store)" \
	    "$code $(hdr Content-Type | cut -d';' -f1)" "200 text/css"
	req "$base${p}js/theme.js"
	expect "${p}js/theme.js: 200" "$code" 200
	case $name in
	nginx-upstream)
		expect "nginx-upstream: the workers send the bytes (no store on the front box)" \
		    "$(grep -c '/_quire_store/' "$run/nginx-uri.log")" 0 ;;
	nginx*)
		expect "nginx sends ${p}img/x.png from the store (X-Accel-Redirect)" \
		    "$(grep -F "${p}img/x.png /_quire_store/${png_hash:0:2}/${png_hash:2} 200" "$run/nginx-uri.log" | head -n 1)" \
		    "${p}img/x.png /_quire_store/${png_hash:0:2}/${png_hash:2} 200"
		req "$base/_quire_store/${png_hash:0:2}/${png_hash:2}"
		expect "the store's internal location answers 404 from outside" "$code" 404 ;;
	esac
}

# big_file: a 50 MiB file streamed by a FastCGI worker (no X-Accel): the
# bytes arrive whole, and the workers' peak RSS stays under 8 MiB.
big_file() {
	local big=$tmp/big.mp4 hwm p max=0
	head -c $((50 * 1024 * 1024)) /dev/urandom >"$big"
	store_file "$run/blog.db" /video/big.mp4 "$big" video/mp4 1700000000
	req "$base/video/big.mp4" --max-time 60
	expect "a 50 MiB file streamed by the worker arrives whole" \
	    "$code $(sha256sum <"$tmp/body" | cut -c1-64)" "200 $(sha256sum <"$big" | cut -c1-64)"
	for p in $(cat "$run/quire.pids"); do
		hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$p/status")
		[ "${hwm:-0}" -gt "$max" ] && max=$hwm
	done
	expect_re "the workers' peak RSS (VmHWM) while serving it: ${max} kB, under 8 MiB" \
	    "$max" '^[1-9][0-9]{0,3}$'
	rm -f "$big" "$tmp/body"
}

# proxy_after: the workers confined, then the 50 MiB file.
proxy_after() {
	spawned_confined
	big_file
}

# setup NAME PREFIX MAKE [AFTER]: starts a set-up, runs the checks (and
# the command AFTER), prints its count.
setup() {
	local p0=$pass f0=$fail
	name=$1
	CHECK_PREFIX="$name: "
	if up "$1" "$2" "$3"; then
		checks "$2"
		file_checks "$2"
		[ $# -lt 4 ] || "$4"
	fi
	echo "# $1: $((pass - p0)) passed, $((fail - f0)) failed"
}

# confined DESC PID...: each worker runs under its seccomp filter
# (/proc/PID/status: "Seccomp: 2", a filter).
confined() {
	local desc=$1 p got=""
	shift
	for p in "$@"; do
		got="$got $p:$(sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$p/status" 2>/dev/null)"
	done
	expect_re "$desc" "$got" '^( [0-9]+:2)+$'
}

# spawned_confined: the workers spawn-fcgi started, once they served.
spawned_confined() {
	# shellcheck disable=SC2046
	confined "the workers serve under the seccomp filter (Seccomp: 2)" \
	    $(cat "$run/quire.pids")
}

# upstream_after: both pools confined, then a post published.
upstream_after() {
	# shellcheck disable=SC2046  # (the files end without a newline)
	confined "the workers on TCP serve under the seccomp filter (Seccomp: 2)" \
	    $(cat "$run/box1.pids") $(cat "$run/box2.pids")
	upstream_publish
}

# fcgid_stops: Apache stopped, the workers mod_fcgid started are gone too.
fcgid_stops() {
	local w
	w=$(workers_of "$run/lib/cgi-bin/quire.fcgi" | tr '\n' ' ')
	if [ -n "$w" ]; then ok "mod_fcgid runs the worker (pids $w)"; else
		not_ok "mod_fcgid runs the worker" none; fi
	# shellcheck disable=SC2086
	confined "mod_fcgid's workers serve under the seccomp filter (Seccomp: 2)" $w
	stop_files "$run/apache.pid"
	sleep 0.3
	expect "stopping Apache ends the workers it started" \
	    "$(workers_of "$run/lib/cgi-bin/quire.fcgi" | tr '\n' ' ')" ""
}

# ---------------------------------------------------------------- prerequisites

name=deploy
CHECK_PREFIX="$name: "
missing=
for c in curl nginx spawn-fcgi apache2 xmllint timeout; do
	command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || missing="$missing $c"
done
for m in proxy_fcgi fcgid cgid rewrite; do
	[ -f "$mods/mod_$m.so" ] || missing="$missing mod_$m"
done
if [ -n "$missing" ] || [ ! -x ./quire ] || [ ! -x cgi-bin/quire.fcgi ]; then
	not_ok "prerequisites (run 'make all' and 'sh scripts/deps.sh test')" \
	    "missing:$missing $( [ -x ./quire ] || echo ./quire) $( [ -x cgi-bin/quire.fcgi ] || echo cgi-bin/quire.fcgi)"
	finish
fi

setup nginx+spawn-fcgi / make_nginx spawned_confined
setup apache+proxy_fcgi / make_proxy_fcgi proxy_after
setup apache+fcgid / make_fcgid fcgid_stops
setup apache+cgi / make_cgi
setup apache+cgi-blog /blog/ make_cgi
cgid=1
setup apache+cgid / make_cgi
setup nginx-upstream / make_upstream upstream_after
setup nginx-blog /blog/ make_nginx spawned_confined

finish
