#!/usr/bin/env bash
# Browser tests: Debian's headless Chromium, driven through chromedriver with
# the W3C WebDriver JSON protocol spoken by curl (no npm, python or selenium),
# against nginx + spawn-fcgi + quire.fcgi serving the Hugo oracle fixtures
# (tests/hugo/site). Run from the repository root after `make all`:
#     bash tests/integration/browser.sh
# Each page is loaded at widths 1280 and 375 (CDP
# Emulation.setDeviceMetricsOverride) in light and dark
# (Emulation.setEmulatedMedia prefers-color-scheme); a screenshot of each is
# saved as test-artifacts/browser/NAME-WIDTH-THEME.png. Checks: no horizontal
# overflow, listing footers, TOC links, dark differs from light, the 404 page
# has the site header, the #theme-toggle button flips the theme and keeps
# it over a reload, and each code block of an article gets a copy button;
# tests/hugo/covers shows its covers (home page, article) and a bundle
# image in an article's body drawn from the WebP copy that fits at 375
# and at 1280 px, without overflow (covers-*.png).
# Prints one `ok - ...` / `not ok - ... (got: ...)` line per check, then
# `browser: N passed, M failed`; exits 1 when anything failed.
# Needs bash, coreutils, curl, nginx, spawn-fcgi, chromium, chromium-driver
# (sh scripts/deps.sh test installs them).
# shellcheck disable=SC2317  # trap functions
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
hugo_content=$top/tests/hugo/site/content
artifacts=$top/test-artifacts/browser
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
started=$(date +%s)

. "$(dirname "$0")/lib.sh"
suite_begin browser
wd=             # chromedriver's URL
wd_pid=         # chromedriver's pid
sid=            # WebDriver session id

# own_pids: pids of processes whose command line names our temporary
# directory (the browser started with --user-data-dir=$tmp/profile).
own_pids() {
	local f pid
	for f in /proc/[0-9]*/cmdline; do
		pid=${f#/proc/}
		pid=${pid%/cmdline}
		[ "$pid" = "$BASHPID" ] && continue
		tr '\0' ' ' 2>/dev/null <"$f" | grep -qF -- "--user-data-dir=$tmp/profile" && echo "$pid"
	done
}
# suite_stop_extra: the WebDriver session, chromedriver, and any browser
# left behind (the DELETE failed or timed out), known by its profile.
suite_stop_extra() {
	local left
	if [ -n "$sid" ]; then
		curl -s --max-time 10 -X DELETE "$wd/session/$sid" >/dev/null 2>&1
	fi
	if [ -n "$wd_pid" ]; then
		kill "$wd_pid" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$wd_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$wd_pid" 2>/dev/null
		wait "$wd_pid" 2>/dev/null
	fi
	left=$(own_pids)
	# shellcheck disable=SC2086
	[ -z "$left" ] || kill -9 $left 2>/dev/null
}

# ---------------------------------------------------------------- reporting


finish() {
	echo "# browser run took $(( $(date +%s) - started ))s"
	echo "browser: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

# ---------------------------------------------------------------- WebDriver

# jstr TEXT: TEXT as a JSON string.
jstr() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\n'/\\n}
	s=${s//$'\r'/\\r}
	s=${s//$'\t'/\\t}
	printf '"%s"' "$s"
}
# wdreq METHOD PATH [JSON]: one WebDriver command; the answer is in
# $tmp/wd.json, the HTTP status in $wd_code.
wdreq() {
	local args=(-s --max-time 30 -o "$tmp/wd.json" -w '%{http_code}' -X "$1")
	[ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
	: >"$tmp/wd.json"
	wd_code=$(curl "${args[@]}" "$wd$2" 2>/dev/null)
	[ -n "$wd_code" ] || wd_code=000
}
# wd_error: the error and message of a failed command, else empty.
wd_error() {
	if [ "$wd_code" != 200 ]; then
		printf 'HTTP %s %s: %s' "$wd_code" \
		    "$(grep -o '"error":"[^"]*"' "$tmp/wd.json" | head -n 1 | cut -d'"' -f4)" \
		    "$(grep -o '"message":"\([^"\\]\|\\[^n]\)*' "$tmp/wd.json" | head -n 1 | cut -c12-200)"
	fi
}
# js BODY: runs BODY as a function body in the page; it must return a
# string (quotes, backslashes and control characters become spaces). Prints
# the string, or `webdriver error: ...`.
js() {
	local script
	script="var r = (function () { $1 })();
return String(r).replace(/[\\\\\"\\u0000-\\u001f]/g, ' ');"
	wdreq POST "/session/$sid/execute/sync" "{\"script\":$(jstr "$script"),\"args\":[]}"
	if [ "$wd_code" = 200 ]; then
		sed -n 's/^{"value":"\(.*\)"}$/\1/p' "$tmp/wd.json"
	else
		printf 'webdriver error: %s' "$(wd_error)"
	fi
}
# cdp CMD PARAMS-JSON: a Chrome DevTools Protocol command through chromedriver.
cdp() {
	wdreq POST "/session/$sid/goog/cdp/execute" "{\"cmd\":\"$1\",\"params\":$2}"
	[ "$wd_code" = 200 ] || echo "# cdp $1 failed: $(wd_error)" >&2
}
# go PATH: loads $srv PATH and waits for the load event.
go() {
	wdreq POST "/session/$sid/url" "{\"url\":$(jstr "$srv$1")}"
	[ "$wd_code" = 200 ]
}
# screenshot FILE: saves a PNG of the viewport.
screenshot() {
	wdreq GET "/session/$sid/screenshot"
	[ "$wd_code" = 200 ] || return 1
	sed -n 's/^{"value":"\(.*\)"}$/\1/p' "$tmp/wd.json" | base64 -d >"$1" 2>/dev/null
	[ "$(head -c 4 "$1" | tail -c 3)" = PNG ]
}
# set_width W: the viewport W CSS pixels wide (375 as a phone).
set_width() {
	local mobile=false height=900
	[ "$1" -lt 600 ] && { mobile=true; height=812; }
	cdp Emulation.setDeviceMetricsOverride \
	    "{\"width\":$1,\"height\":$height,\"deviceScaleFactor\":1,\"mobile\":$mobile}"
}
# set_scheme light|dark: the prefers-color-scheme the page sees.
set_scheme() {
	cdp Emulation.setEmulatedMedia \
	    "{\"media\":\"\",\"features\":[{\"name\":\"prefers-color-scheme\",\"value\":\"$1\"}]}"
}

# ---------------------------------------------------------------- prerequisites

missing=
for c in curl nginx spawn-fcgi base64 chromedriver; do
	command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || missing="$missing $c"
done
[ -x "$chromium_bin" ] || missing="$missing $chromium_bin"
if [ -n "$missing" ] || [ ! -x ./quire ] || [ ! -x cgi-bin/quire.fcgi ]; then
	not_ok "prerequisites (run 'make all' and 'sh scripts/deps.sh test')" \
	    "missing:$missing $( [ -x ./quire ] || echo ./quire) $( [ -x cgi-bin/quire.fcgi ] || echo cgi-bin/quire.fcgi)"
	finish
fi

# ---------------------------------------------------------------- server

./quire import -q --db "$tmp/site.db" "$hugo_content" >"$tmp/import.out" 2>&1
# (Warnings aside: the fixture holds a definition list, which quire
# warns it renders as a paragraph.)
expect "import of tests/hugo/site/content exits 0" \
    "$? $(grep -v '^warning: ' "$tmp/import.out")" "0 "
runs+=("$tmp/run")
if sh scripts/serve.sh start "$tmp/run" 0 "$tmp/site.db" >"$tmp/serve.log" 2>&1 &&
    [ -s "$tmp/run/port" ]; then
	srv=http://127.0.0.1:$(cat "$tmp/run/port")
	ok "serve.sh starts the server"
else
	not_ok "serve.sh starts the server" "$(cat "$tmp/serve.log")"
	finish
fi

# ---------------------------------------------------------------- chromedriver

# port_free P: nothing listens on 127.0.0.1:P.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for try in 1 2 3 4 5 6; do
	port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
	port_free "$port" || continue
	chromedriver --port="$port" --allowed-ips=127.0.0.1 >"$tmp/chromedriver.log" 2>&1 &
	wd_pid=$!
	wd=http://127.0.0.1:$port
	up=0
	for _ in $(seq 1 50); do
		kill -0 "$wd_pid" 2>/dev/null || break
		if curl -s --max-time 2 "$wd/status" 2>/dev/null | grep -q '"ready":true'; then
			up=1
			break
		fi
		sleep 0.1
	done
	[ "$up" = 1 ] && break
	kill "$wd_pid" 2>/dev/null
	wait "$wd_pid" 2>/dev/null
	wd_pid=
done
if [ -z "$wd_pid" ]; then
	not_ok "chromedriver starts on a free loopback port ($try tries)" "$(tail -n 5 "$tmp/chromedriver.log")"
	finish
fi
ok "chromedriver starts on 127.0.0.1:$port"

mkdir -p "$tmp/profile"
chrome_args=
for a in --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage "--user-data-dir=$tmp/profile"; do
	chrome_args="$chrome_args${chrome_args:+,}$(jstr "$a")"
done
wdreq POST /session "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\",
\"goog:chromeOptions\":{\"binary\":$(jstr "$chromium_bin"),\"args\":[$chrome_args]}}}}"
sid=$(grep -o '"sessionId":"[^"]*"' "$tmp/wd.json" | head -n 1 | sed 's/.*:"//; s/"$//')
if [ -z "$sid" ]; then
	not_ok "a WebDriver session starts headless Chromium" "$(wd_error) $(tail -n 5 "$tmp/chromedriver.log")"
	finish
fi
ok "a WebDriver session starts headless Chromium"
wdreq POST "/session/$sid/timeouts" '{"pageLoad":20000,"script":10000,"implicit":0}'

rm -rf "$artifacts"
mkdir -p "$artifacts"

# ---------------------------------------------------------------- page checks

# name path kind
pages="listing / list
headings /posts/headings/ article
code-blocks /posts/code-blocks/ article
tables /posts/tables/ article
tag-go /tags/go/ list
search /search/?q=fox list
404 /no-such-page/ notfound"

# No horizontal overflow (run with W, the emulated width); on failure, the
# outermost elements sticking out. A phone viewport (mobile emulation) widens
# its layout viewport to fit content wider than the screen, so innerWidth
# above W is overflow too.
js_overflow='var de = document.documentElement, w = Math.min(window.innerWidth, W);
if (de.scrollWidth <= w && window.innerWidth <= W) return "ok";
var out = [];
document.querySelectorAll("body *").forEach(function (e) {
	var r = e.getBoundingClientRect(), p = e.parentElement;
	if (r.right > w + 0.5 && (!p || p.getBoundingClientRect().right <= w + 0.5))
		out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		    (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") +
		    "(right=" + Math.round(r.right) + ")");
});
return "scrollWidth=" + de.scrollWidth + " innerWidth=" + window.innerWidth + " sticking out: " + out.slice(0, 4).join(" ");'

js_footers='var es = document.querySelectorAll("article.post-entry");
if (es.length === 0) return "no article.post-entry";
var bad = [];
es.forEach(function (e, i) {
	var f = e.querySelector(".entry-footer"), t = f ? f.textContent.trim() : "";
	if (!/\d+ min.*\d+ words/.test(t)) bad.push("#" + (i + 1) + ": " + (f ? "[" + t + "]" : "no .entry-footer"));
});
return bad.length ? bad.length + "/" + es.length + " bad: " + bad.slice(0, 3).join("; ") : "ok " + es.length;'

js_toc='var ls = document.querySelectorAll(".toc a[href^=\"#\"]");
if (ls.length === 0) return "ok 0";
var bad = [];
ls.forEach(function (a) {
	var id = a.getAttribute("href").slice(1);
	try { id = decodeURIComponent(id); } catch (e) {}
	if (!document.getElementById(id)) bad.push("#" + id);
});
return bad.length ? bad.length + "/" + ls.length + " unresolved: " + bad.slice(0, 4).join(" ") : "ok " + ls.length;'

js_bg='return getComputedStyle(document.body).backgroundColor;'
js_header='return document.querySelector("header.header") ? "ok" : "no header.header";'
js_where='return window.innerWidth + " " + location.pathname;'

declare -A light_bg
for width in 1280 375; do
	set_width "$width"
	for theme in light dark; do
		set_scheme "$theme"
		while read -r name path kind; do
			label="$path @$width $theme"
			if ! go "$path"; then
				not_ok "$label loads" "$(wd_error)"
				continue
			fi
			# The emulated width must hold after each navigation.
			where=$(js "$js_where")
			want_path=${path%%\?*}
			[ "$where" = "$width $want_path" ] || not_ok "$label: viewport and URL" "$where"
			png=$artifacts/$name-$width-$theme.png
			if screenshot "$png"; then
				ok "$label: screenshot ${png#"$top"/}"
			else
				not_ok "$label: screenshot ${png#"$top"/}" "$(wd_error)"
			fi
			expect "$label: no horizontal overflow" "$(js "var W = $width; $js_overflow")" ok
			bg=$(js "$js_bg")
			if [ "$theme" = light ]; then
				light_bg[$name-$width]=$bg
				case $kind in
				list)
					got=$(js "$js_footers")
					case $got in ok\ *) ok "$label: every article.post-entry has an .entry-footer with min and words (${got#ok })" ;;
					*) not_ok "$label: every article.post-entry has an .entry-footer with min and words" "$got" ;; esac
					;;
				article)
					got=$(js "$js_toc")
					case $got in ok\ *) ok "$label: every .toc link resolves to an id (${got#ok } links)" ;;
					*) not_ok "$label: every .toc link resolves to an id" "$got" ;; esac
					if [ "$name" = headings ]; then
						expect "$label: the article has a .toc with links" \
						    "$( [ "${got#ok }" != 0 ] && echo yes || echo "no .toc links")" yes
					fi
					;;
				notfound)
					expect "$label: the 404 page has the site header" "$(js "$js_header")" ok
					;;
				esac
			else
				lb=${light_bg[$name-$width]:-}
				if [ -n "$bg" ] && [ -n "$lb" ] && [ "$bg" != "$lb" ]; then
					ok "$label: body background differs from light ($lb -> $bg)"
				else
					not_ok "$label: body background differs from light" "light=$lb dark=$bg"
				fi
			fi
		done <<<"$pages"
	done
done

# ---------------------------------------------------------------- theme toggle

js_toggle_visible='var t = document.querySelector("#theme-toggle");
if (!t) return "no #theme-toggle";
var s = getComputedStyle(t), r = t.getBoundingClientRect();
if (t.hidden || t.closest("[hidden]")) return "hidden attribute";
if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return "display=" + s.display + " visibility=" + s.visibility + " opacity=" + s.opacity;
if (r.width === 0 || r.height === 0) return "zero size " + r.width + "x" + r.height;
if (r.right > window.innerWidth || r.bottom < 0 || r.left < 0) return "off screen at " + Math.round(r.left) + "," + Math.round(r.top);
return "ok";'
js_theme_state='return getComputedStyle(document.body).backgroundColor + " data-theme=" + document.documentElement.getAttribute("data-theme");'

set_scheme light
for width in 1280 375; do
	set_width "$width"
	label="theme toggle @$width"
	go /posts/headings/
	js 'localStorage.clear(); return "";' >/dev/null
	go /posts/headings/
	expect "$label: #theme-toggle is visible after load" "$(js "$js_toggle_visible")" ok
	before=$(js "$js_bg")
	wdreq POST "/session/$sid/element" '{"using":"css selector","value":"#theme-toggle"}'
	elem=$(sed -n 's/.*"element-6066-11e4-a52e-4f735466cecf":"\([^"]*\)".*/\1/p' "$tmp/wd.json")
	if [ -z "$elem" ]; then
		not_ok "$label: clicking #theme-toggle flips the body background" "no element: $(wd_error)"
		not_ok "$label: the toggled theme survives a reload" "no #theme-toggle"
		continue
	fi
	wdreq POST "/session/$sid/element/$elem/click" '{}'
	click_err=$(wd_error)
	sleep 0.4 # a background transition, if any
	after=$(js "$js_bg")
	state=$(js "$js_theme_state")
	if [ -z "$click_err" ] && [ "$after" != "$before" ]; then
		ok "$label: clicking #theme-toggle flips the body background ($before -> $after)"
	else
		not_ok "$label: clicking #theme-toggle flips the body background" \
		    "before=$before after=$after $click_err"
	fi
	go /posts/headings/
	sleep 0.4
	reloaded=$(js "$js_theme_state")
	if [ "$after" = "$before" ]; then
		not_ok "$label: the toggled theme survives a reload (localStorage)" "the click changed nothing"
	else
		expect "$label: the toggled theme survives a reload (localStorage)" "$reloaded" "$state"
	fi
	js 'localStorage.clear(); return "";' >/dev/null
done

# ---------------------------------------------------------------- copy buttons

set_width 1280
# What a reader's click grants: writing to the clipboard.
cdp Browser.grantPermissions '{"permissions":["clipboardReadWrite","clipboardSanitizedWrite"]}' >/dev/null
go /posts/code-blocks/
sleep 0.3 # copy.js is deferred
expect "code blocks: each has a copy button (static/js/copy.js)" \
    "$(js 'var n = document.querySelectorAll(".post-content pre > code").length;
var b = document.querySelectorAll(".post-content .copy-code").length;
return n > 0 && n === b ? "ok" : n + " blocks, " + b + " buttons";')" ok
js 'document.querySelector(".post-content .copy-code").click(); return "";' >/dev/null
sleep 0.3
expect "code blocks: clicking copy says copied!" \
    "$(js 'return document.querySelector(".post-content .copy-code").textContent;')" "copied!"
js 'navigator.clipboard.readText().then(function (t) { window.quireClip = t; },
function (e) { window.quireClip = "error " + e; }); return "";' >/dev/null
sleep 0.3
expect "code blocks: the clipboard holds the block's code" \
    "$(js 'var t = window.quireClip;
return t === document.querySelector(".post-content pre > code").textContent ? "ok" : "got " + t;')" ok


# ---------------------------------------------------------------- covers

# tests/hugo/covers under /blog/, its baseURL this server's (imported
# again once the port is known: srcset URLs are absolute): a cover on the
# home page's cards and on the article, and a bundle image in the body,
# each loaded at its own proportions (width and height), the <picture>s
# picking the WebP copy that fits the width (sizes: 100vw on a phone,
# 720px from 768px up; deviceScaleFactor 1).
cp -r tests/hugo/covers "$tmp/covers"
./quire import -q --db "$tmp/covers.db" "$tmp/covers" >"$tmp/cimport.out" 2>&1
runs+=("$tmp/crun")
if sh scripts/serve.sh start "$tmp/crun" 0 "$tmp/covers.db" >"$tmp/cserve.log" 2>&1 &&
    [ -s "$tmp/crun/port" ]; then
	srv=http://127.0.0.1:$(cat "$tmp/crun/port")
	./quire import -q --db "$tmp/covers.db" --base-url "$srv/blog/" \
	    "$tmp/covers" >>"$tmp/cimport.out" 2>&1
	expect "covers: the fixture imports under $srv/blog/" "$? $(cat "$tmp/cimport.out")" "0 "
	# The worker notices the new file on its next request.
	curl -s -o /dev/null "$srv/blog/"
else
	not_ok "covers: serve.sh starts a second server" "$(cat "$tmp/cserve.log")"
	finish
fi

# js_img SELECTOR: "ok FILE" once the image is loaded and drawn at its
# own proportions (FILE: the copy the browser chose), else why not.
js_img='var i = document.querySelector(SEL);
if (!i) return "none";
if (!i.complete || i.naturalWidth === 0) return "loading";
var r = i.getBoundingClientRect(), want = r.width * i.naturalHeight / i.naturalWidth;
if (r.width < 100 || Math.abs(r.height - want) > 2) return "drawn " + r.width + "x" + r.height + " for " + i.naturalWidth + "x" + i.naturalHeight;
return "ok " + i.currentSrc.replace(/.*\//, "");'
# img_state SELECTOR: js_img, waiting up to 4 s for the image to load.
img_state() {
	local got n
	for n in $(seq 1 20); do
		got=$(js "var SEL = $(jstr "$1"); $js_img")
		[ "$got" = loading ] || [ "$got" = none ] || break
		sleep 0.2
	done
	printf '%s' "$got"
}

cover_pages="covers-home /blog/ figure.entry-cover img
covers-article /blog/posts/bundle/ figure.entry-cover img
covers-body /blog/posts/shots/ .post-content picture img"
# The phone first: Chromium takes a larger copy it holds already.
for width in 375 1280; do
	set_width "$width"
	[ "$width" = 375 ] && want=480 || want=720
	for theme in light dark; do
		set_scheme "$theme"
		while read -r name path sel; do
			label="$path @$width $theme"
			if ! go "$path"; then
				not_ok "$label loads" "$(wd_error)"
				continue
			fi
			got=$(img_state "$sel")
			case $name in
			covers-home)
				# The first card's JPEG cover: lazy, in the viewport.
				expect_re "$label: the first card's cover is drawn from a ${want}w WebP copy" \
				    "$got" "^ok cover_q[0-9a-f]+_${want}w\\.webp$" ;;
			covers-article)
				expect_re "$label: the article's cover is drawn from a ${want}w WebP copy" \
				    "$got" "^ok cover_q[0-9a-f]+_${want}w\\.webp$" ;;
			covers-body)
				expect_re "$label: the body's bundle image is drawn from a ${want}w WebP copy" \
				    "$got" "^ok inline_q[0-9a-f]+_${want}w\\.webp$"
				expect "$label: the static/ image in the body is drawn at its proportions" \
				    "$(img_state '.post-content img[src$="static.png"]')" "ok static.png" ;;
			esac
			expect "$label: no horizontal overflow" "$(js "var W = $width; $js_overflow")" ok
			# The body image lies below the article's start.
			[ "$name" = covers-body ] &&
			    js 'document.querySelector(".post-content picture").scrollIntoView(); return "";' >/dev/null
			png=$artifacts/$name-$width-$theme.png
			if screenshot "$png"; then
				ok "$label: screenshot ${png#"$top"/}"
			else
				not_ok "$label: screenshot ${png#"$top"/}" "$(wd_error)"
			fi
		done <<<"$cover_pages"
	done
done

finish
