#!/usr/bin/env bash
# Compare quire's import of real Hugo sites with Hugo 0.111.3's own build of them.
#
# usage: tests/hugo/compare-sites.sh SITES_DIR [OUT_DIR]
#
# Every folder of SITES_DIR holding a Hugo site (a hugo.*/config.* file or a
# config/ folder) is built by /usr/bin/hugo without its theme: the layouts
# are compare-sites/layouts (a home page that writes one TSV row per regular
# page of its language) plus the shortcodes, partials and render hooks of the
# site and of the themes in its themes/ folder; compare-sites/hugo.yaml is laid
# over the site's configuration as an environment (config/comparesites/), so
# it wins over config/_default/ too. A shortcode Hugo cannot find or run is
# replaced by a stub that writes its .Inner (named in NAME.hugo.log): those
# pages are flagged "sc" and their figures are not quire's business here.
# Then `quire import --db TMP.db SITE` (QUIRE, default ../../quire), and per
# page of Hugo's build, matched by file: is there a page row, is its URL
# Hugo's .RelPermalink, does the worker (QUIRE_FCGI, default
# ../../cgi-bin/quire.fcgi, run as CGI; CRAWL=0 skips it) answer 200 there,
# and are .WordCount, .ReadingTime and .Summary | plainify | htmlUnescape equal;
# then, from the crawled page's body (post-content): are its heading ids
# Hugo's (ids), does it highlight as many code blocks as Hugo (hl: of the
# pages where Hugo highlights any) with the same tokens (tokens: the same
# <span class> openers in order, of those pages), and does it show no more
# shortcode syntax ("{{&lt;", "{{%") than Hugo's content, nor a
# placeholder of Hugo's (HAHAHUGOSHORTCODE) left in place (sc-shown:
# pages showing more). Then, by compare-sites/links.py, the same-site URLs of every
# crawled page's <img src/srcset>, <source srcset>, <a href>, <link href> and
# <script src>, each asked of the worker once (redirects followed): broken
# images whose target Hugo's build serves (a file of its public/, an
# index.html under it, a page it makes, a file of the site's theme's
# static/: img-hugo) and the others (img-other: the author's own broken
# images), of all images; broken links Hugo's build serves (links-hugo),
# that are quire's own css/js (links-own), and the others (links-other), of
# all links (distinct URLs).
#
# Prints one table row per site; OUT_DIR (default: a new /tmp/compare-sites.*)
# keeps NAME.hugo.tsv (Hugo's rows), NAME.hugo.log, NAME.import.txt (quire's
# output), NAME.quire.tsv (quire's rows) and NAME.diff.txt (the first LIMIT,
# default 15, differing pages per column, with both values; the first LIMIT
# broken images and links of each kind, with a page using them), and table.txt.
# A site whose Hugo build fails is listed as such; nothing here stops at the
# first failure. Needs hugo, sqlite3, awk, python3. CI does not run it.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
quire="${QUIRE:-$root/quire}"
fcgi="${QUIRE_FCGI:-$root/cgi-bin/quire.fcgi}"
hugo="${HUGO:-/usr/bin/hugo}"
limit="${LIMIT:-15}"
crawl="${CRAWL:-1}"

[ $# -ge 1 ] && [ -d "$1" ] || { echo "usage: $0 SITES_DIR [OUT_DIR]" >&2; exit 2; }
sites="$(cd "$1" && pwd)"
out="${2:-$(mktemp -d /tmp/compare-sites.XXXXXX)}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
[ -x "$quire" ] || { echo "$quire: not built (make -j2 DEPS=0)" >&2; exit 2; }
"$hugo" version | grep -q 'v0\.111\.' || echo "warning: $hugo is not Hugo 0.111" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Hugo's site config file, if the site has one at its root.
site_config() {
	local f
	for f in hugo.toml hugo.yaml hugo.yml hugo.json config.toml config.yaml config.yml config.json; do
		[ -f "$1/$f" ] && { echo "$f"; return; }
	done
}

# The layouts one build uses: ours, then the themes' and the site's
# shortcodes, partials and render hooks (the site's win, as in Hugo).
# Hugo 0.146 renamed their folders (_shortcodes, _partials, _markup):
# a theme of that layout (PaperMod's master) has them copied under the
# names Hugo 0.111 reads.
make_layouts() { # site layouts-dir
	local site="$1" dst="$2" src pair sub to
	rm -rf "$dst"; mkdir -p "$dst"
	for src in "$site"/themes/*/layouts "$site/layouts"; do
		[ -d "$src" ] || continue
		for pair in _shortcodes:shortcodes shortcodes:shortcodes \
		    _partials:partials partials:partials \
		    _markup:_default/_markup _default/_markup:_default/_markup; do
			sub=${pair%%:*} to=${pair#*:}
			[ -d "$src/$sub" ] || continue
			mkdir -p "$dst/$to"; cp -r "$src/$sub/." "$dst/$to/"
		done
	done
	cp "$here/compare-sites/layouts/index.comparesites.tsv" \
		"$here/compare-sites/layouts/index.comparesitesurls.txt" "$dst/"
	# Render hooks of other output formats (render-heading.rss.xml) would
	# stand in for the HTML ones in our TSV format's .Content: the pages
	# compared are the HTML ones.
	find "$dst/_default/_markup" -name 'render-*.*.*' -delete 2>/dev/null
	return 0
}

# A stub writes its .Inner; Hugo then wants every use closed, so a
# shortcode also used unclosed gets an empty stub instead.
stub_shortcode() { # layouts-dir name log [empty]
	mkdir -p "$1/shortcodes"
	rm -f "$1/shortcodes/$2".*
	if [ -n "${4:-}" ]; then
		printf '%s\n' '{{- /* compare-sites stub */ -}}' > "$1/shortcodes/$2.html"
		echo "compare-sites: stubbed shortcode $2 (empty)" >> "$3"
	else
		printf '%s\n' '{{- .Inner -}}' > "$1/shortcodes/$2.html"
		echo "compare-sites: stubbed shortcode $2" >> "$3"
	fi
}

# Build SITE with Hugo into $tmp/NAME/public; stub what stops it, up to 60 times.
hugo_build() { # site name
	local site="$1" name="$2" w="$tmp/$2" log="$out/$2.hugo.log" i err sc f
	mkdir -p "$w/config/comparesites" "$w/empty"
	[ -d "$site/config" ] && cp -r "$site/config/." "$w/config/"
	cp "$here/compare-sites/hugo.yaml" "$w/config/comparesites/config.yaml"
	make_layouts "$site" "$w/layouts"
	: > "$log"
	for i in $(seq 60); do
		rm -rf "$w/public"
		(cd "$site" && HUGO_RESOURCEDIR="$w/resources" "$hugo" --source "$site" \
			--configDir "$w/config" --environment comparesites \
			--layoutDir "$w/layouts" --themesDir "$w/empty" \
			--destination "$w/public" --cacheDir "$tmp/cache" \
			--noBuildLock) > "$w/build.txt" 2>&1 && {
			grep -v 'found no layout file' "$w/build.txt" >> "$log"; return 0; }
		# The first error line naming a shortcode, else the first error.
		err="$(grep -E '^(ERROR|Error)' "$w/build.txt" | grep -m1 -E 'shortcode|shortcodes/' ||
			grep -m1 -E '^(ERROR|Error)' "$w/build.txt")"
		echo "compare-sites: try $i: $err" >> "$log"
		sc="$(printf '%s' "$err" | grep -o 'shortcode "[^"]*"' | head -1 | cut -d'"' -f2)"
		[ -z "$sc" ] && sc="$(printf '%s' "$err" | grep -o 'shortcodes/[^":]*' | head -1 | sed 's#shortcodes/##; s#\.[^.]*$##')"
		[ -z "$sc" ] && sc="$(printf '%s' "$err" | sed -n 's/^ERROR [0-9/]* [0-9:]* \([A-Za-z0-9_-]*\) shortcode:.*/\1/p')"
		if [ -n "$sc" ]; then
			case "$err" in
			*"must be closed or self-closed"*) stub_shortcode "$w/layouts" "$sc" "$log" empty ;;
			*) stub_shortcode "$w/layouts" "$sc" "$log" ;;
			esac
			continue
		fi
		f="$(printf '%s' "$err" | grep -o '\(_default/_markup\|partials\)/[^":]*' | head -1)"
		if [ -n "$f" ] && [ -f "$w/layouts/$f" ]; then
			rm -f "$w/layouts/$f"; echo "compare-sites: removed $f" >> "$log"; continue
		fi
		# An error no file is named for may come from a render hook
		# (errorf on a link Hugo 0.111 cannot resolve): build without them.
		if [ -d "$w/layouts/_default/_markup" ]; then
			rm -rf "$w/layouts/_default/_markup"
			echo "compare-sites: removed _default/_markup (render hooks)" >> "$log"; continue
		fi
		cat "$w/build.txt" >> "$log"
		return 1
	done
	return 1
}

# TSV rows -> SQL inserts into table $1 (fields as the TSV escapes them).
tsv_sql() { # table
	awk -F'\t' -v t="$1" 'NR > 1 {
		s = "INSERT INTO " t " VALUES ("
		for (i = 1; i <= NF; i++) { v = $i; gsub(/\047/, "\047\047", v); s = s (i > 1 ? "," : "") "\047" v "\047" }
		print s ");" }'
}

# Percent-encode what a client would (bytes >= 0x80, space, controls) in a path.
uri_encode() {
	local LC_ALL=C s="$1" o="" c i
	for ((i = 0; i < ${#s}; i++)); do
		c="${s:i:1}"
		case "$c" in
		[a-zA-Z0-9/._~:@!\$\&\'\(\)\*+,\;=%-]) o+="$c" ;;
		*) o+="$(printf '%%%02X' "'$c")" ;;
		esac
	done
	printf '%s' "$o"
}

esc() { printf "replace(replace(replace(replace(%s,'\\\\','\\\\\\\\'),char(10),'\\\\n'),char(9),'\\\\t'),char(13),'\\\\r')" "$1"; }

# The static/ folders of the themes a site names (Hugo's build serves their
# files; ours runs without the theme).
theme_static() { # site
	local t
	(cd "$1" && "$hugo" config --source "$1" 2>/dev/null) | sed -n 's/^theme *[=:] *//p' |
		tr -d '[]"'"'" | tr ',' '\n' | while read -r t; do
		[ -n "$t" ] && [ -d "$1/themes/$t/static" ] && printf '%s\n' "$1/themes/$t/static"
	done
}

printf '%-14s %6s %-9s %9s %9s %9s %9s %9s %9s %9s %9s %8s %9s %9s %10s %9s %11s %s\n' site pages imported "url" served words minutes summary ids hl tokens sc-shown img-hugo img-other links-hugo links-own links-other "(figure diffs on sc pages: w/m/s)" | tee "$out/table.txt"
for site in "$sites"/*/; do
	site="$(cd "$site" && pwd -P)"; name="$(basename "$site")"
	cfg="$(site_config "$site")"
	[ -n "$cfg" ] || [ -d "$site/config" ] || continue
	w="$tmp/$name"; mkdir -p "$w"
	if ! hugo_build "$site" "$name"; then
		printf '%-14s %6s %s\n' "$name" "-" "Hugo build failed: see $name.hugo.log" | tee -a "$out/table.txt"
		continue
	fi
	# Hugo: one file per language; key = the file's path under content/,
	# as quire's page source ("../content.en/a.md" for a contentDir beside
	# content/).
	{
		printf 'lang\tkey\turl\twords\tminutes\ttruncated\tdate\ttitle\tflags\tsummary\tids\thl\tscvis\tspans\tpath\n'
		find "$w/public" -name compare-sites.tsv -print0 | xargs -0 -r tail -q -n +2 |
			awk -F'\t' -v OFS='\t' -v p="$site/" '{ k = $2; if (index(k, p) == 1) k = substr(k, length(p) + 1)
				if (!sub(/^content\//, "", k) && k != "") k = "../" k; $2 = k; print }' | LC_ALL=C sort -t $'\t' -k2,2 |
			LC_ALL=C awk -F'\t' -v OFS='\t' '{ print $0, pdecode($3) }
				# Hugo writes non-ASCII path bytes as %XX; quire stores the path decoded.
				function pdecode(u,   o, i, c) {
					o = ""
					for (i = 1; i <= length(u); i++) {
						c = substr(u, i, 1)
						if (c == "%" && substr(u, i + 1, 2) ~ /^[0-9A-Fa-f][0-9A-Fa-f]$/) {
							o = o sprintf("%c", hex(substr(u, i + 1, 2))); i += 2
						} else
							o = o c
					}
					return o
				}
				function hex(h,   n, i) {
					n = 0
					for (i = 1; i <= 2; i++)
						n = n * 16 + index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
					return n
				}'
	} > "$out/$name.hugo.tsv"
	rm -f "$w/q.db"
	"$quire" import --db "$w/q.db" "$site" > "$out/$name.import.txt" 2>&1
	rc=$?
	pages=$(($(wc -l < "$out/$name.hugo.tsv") - 1))
	if [ "$rc" -ne 0 ] || [ ! -f "$w/q.db" ]; then
		why="$(grep -v '^warning' "$out/$name.import.txt" | head -1 | sed "s#$site/##")"
		printf '%-14s %6s %-9s %s\n' "$name" "$pages" "no" "$why" | tee -a "$out/table.txt"
		: > "$out/$name.quire.tsv"; : > "$out/$name.diff.txt"
		continue
	fi
	now=$(date +%s)
	sqlite3 -separator $'\t' "$w/q.db" >"$out/$name.quire.tsv" <<-EOF
		.headers on
		SELECT p.source AS key, p.url,
		    (p.draft = 0 AND p.publish_at <= $now AND (p.expire_at IS NULL OR p.expire_at > $now)) AS visible,
		    c.words, c.minutes, c.truncated, $(esc c.summary) AS summary
		FROM page p LEFT JOIN page_card c ON c.page_id = p.id ORDER BY p.source;
	EOF
	base="$(sqlite3 "$w/q.db" "SELECT value FROM site WHERE key = 'baseURL'")"
	basepath="$(printf '%s' "$base" | sed -E 's#^[a-z]+://[^/]*##; s#/$##')"
	# Served: the worker answers 200 at Hugo's URL.
	printf 'url\tstatus\tids\thl\tscvis\tspans\n' > "$w/served.tsv"
	rm -rf "$w/pages"; mkdir -p "$w/pages"; : > "$w/pages.tsv"
	if [ "$crawl" = 1 ] && [ -x "$fcgi" ]; then
		n=0
		tail -n +2 "$out/$name.hugo.tsv" | cut -f3 | LC_ALL=C sort -u | while IFS= read -r u; do
			env -i QUIRE_DB="$w/q.db" QUIRE_SECCOMP="${QUIRE_SECCOMP:-1}" REQUEST_METHOD=GET \
				REQUEST_URI="$(uri_encode "$u")" "$fcgi" > "$w/page.html" 2>/dev/null
			st="$(head -c 200 "$w/page.html" | tr -d '\r' | sed -n 's/^Status: \([0-9]*\).*/\1/p' | head -1)"
			# Kept for links.py: the page's images and links.
			if [ "${st:-none}" = 200 ]; then
				n=$((n + 1)); cp "$w/page.html" "$w/pages/$n.html"
				printf '%s\t%s\n' "$(uri_encode "$u")" "$w/pages/$n.html" >> "$w/pages.tsv"
			fi
			# The body PaperMod's single.html writes: post-content up to the footer.
			sed -n '/<div class="post-content/,/<footer class="post-footer">/p' "$w/page.html" > "$w/content.html"
			ids="$(grep -o '<h[1-6][^>]* id="[^"]*"' "$w/content.html" | sed 's/.* id="//; s/"$//' | tr '\n' ' ' | sed 's/ $//')"
			hl="$(grep -o 'class="chroma"><code class="language-' "$w/content.html" | wc -l)"
			scvis="$(grep -o '{{&lt;\|{{%\|HAHAHUGOSHORTCODE' "$w/content.html" | wc -l)"
			spans="$(grep -o '<span class="[^"]*"' "$w/content.html" | tr -d '\n' | md5sum | cut -d' ' -f1)"
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$u" "${st:-none}" "$ids" "$hl" "$scvis" "$spans"
		done >> "$w/served.tsv"
	fi
	{
		echo "CREATE TABLE h (lang, key, url, words, minutes, truncated, date, title, flags, summary, ids, hl, scvis, spans, path);"
		echo "CREATE TABLE q (key, url, visible, words, minutes, truncated, summary);"
		echo "CREATE TABLE s (url, status, ids, hl, scvis, spans);"
		echo "BEGIN;"
		tsv_sql h < "$out/$name.hugo.tsv"
		tsv_sql q < "$out/$name.quire.tsv"
		tsv_sql s < "$w/served.tsv"
		echo "COMMIT;"
	} | sqlite3 "$w/cmp.db"
	res="$(sqlite3 -separator ' ' "$w/cmp.db" <<-EOF
		CREATE VIEW j AS SELECT h.*, q.key AS qkey, q.url AS qurl, q.visible AS qvis,
		    q.words AS qwords, q.minutes AS qminutes, q.summary AS qsummary, s.status,
		    s.ids AS qids, s.hl AS qhl, s.scvis AS qscvis, s.spans AS qspans,
		    (',' || h.flags || ',' LIKE '%,sc,%') AS sc
		FROM h LEFT JOIN q ON q.key = h.key LEFT JOIN s ON s.url = h.url;
		SELECT count(qkey),
		    sum('$basepath' || qurl = path AND qvis = '1'),
		    (SELECT count(*) FROM s), coalesce(sum(status = '200'), 0),
		    sum(qwords = words), sum(qminutes = minutes), sum(qsummary = summary),
		    sum(qkey IS NOT NULL AND sc AND qwords <> words),
		    sum(qkey IS NOT NULL AND sc AND qminutes <> minutes),
		    sum(qkey IS NOT NULL AND sc AND qsummary <> summary),
		    coalesce(sum(status = '200' AND qids = ids), 0),
		    coalesce(sum(status = '200' AND hl + 0 > 0 AND qhl + 0 >= hl + 0), 0),
		    coalesce(sum(hl + 0 > 0), 0),
		    coalesce(sum(status = '200' AND hl + 0 > 0 AND qspans = spans), 0),
		    coalesce(sum(status = '200' AND qscvis + 0 > scvis + 0), 0)
		FROM j;
	EOF
	)"
	read -r found urlok crawled served wok mok sok wsc msc ssc idok hlok hlall tokok shown <<< "$res"
	ihugo="-"; iother="-"; lhugo="-"; lown="-"; lother="-"
	if [ "$crawled" -gt 0 ]; then
		served="$served/$pages"; idok="$idok/$pages"; hlok="$hlok/$hlall"; tokok="$tokok/$hlall"
		find "$w/public" -name compare-sites-urls.txt -print0 | xargs -0 -r cat | LC_ALL=C sort -u > "$w/hugo-urls.txt"
		mapfile -t themes < <(theme_static "$site")
		lres="$(QUIRE_FCGI="$fcgi" QUIRE_DB="$w/q.db" python3 "$here/compare-sites/links.py" "$w/pages.tsv" \
			"$base" "$w/public" "$w/hugo-urls.txt" "$root/static" "$limit" "$w/links.txt" "${themes[@]}")"
		if read -r ih io ia lh lo lw la <<< "$lres" && [ -n "$la" ]; then
			ihugo="$ih/$ia"; iother="$io/$ia"; lhugo="$lh/$la"; lown="$lw/$la"; lother="$lo/$la"
		fi
	else
		served="-"; idok="-"; hlok="-"; tokok="-"; shown="-"
	fi
	printf '%-14s %6s %-9s %9s %9s %9s %9s %9s %9s %9s %9s %8s %9s %9s %10s %9s %11s %s\n' "$name" "$pages" "yes $found" "$urlok/$pages" "$served" \
		"$wok/$pages" "$mok/$pages" "$sok/$pages" "$idok" "$hlok" "$tokok" "$shown" \
		"$ihugo" "$iother" "$lhugo" "$lown" "$lother" \
		"${wsc:-0}/${msc:-0}/${ssc:-0}" | tee -a "$out/table.txt"
	# The first LIMIT differences per column, both values.
	sqlite3 -separator $'\t' "$w/cmp.db" > "$out/$name.diff.txt" <<-EOF
		SELECT '== not imported (no page row for the file)';
		SELECT key, url FROM j WHERE qkey IS NULL LIMIT $limit;
		SELECT '== url differs (file, Hugo, quire, visible)';
		SELECT key, url, '$basepath' || qurl, qvis FROM j WHERE qkey IS NOT NULL AND ('$basepath' || qurl <> path OR qvis <> '1') LIMIT $limit;
		SELECT '== not served at Hugo''s URL (file, url, status)';
		SELECT key, url, status FROM j WHERE status IS NOT NULL AND status <> '200' LIMIT $limit;
		SELECT '== words differ (file, flags, Hugo, quire)';
		SELECT key, flags, words, qwords FROM j WHERE qkey IS NOT NULL AND qwords IS NOT words LIMIT $limit;
		SELECT '== minutes differ (file, flags, Hugo, quire)';
		SELECT key, flags, minutes, qminutes FROM j WHERE qkey IS NOT NULL AND qminutes IS NOT minutes LIMIT $limit;
		SELECT '== summary differs (file, flags; Hugo, then quire)';
		SELECT key || char(9) || flags || char(10) || '  hugo  ' || summary || char(10) || '  quire ' || qsummary
		FROM j WHERE qkey IS NOT NULL AND qsummary IS NOT summary LIMIT $limit;
		SELECT '== heading ids differ (file; Hugo, then quire)';
		SELECT key || char(10) || '  hugo  ' || ids || char(10) || '  quire ' || qids
		FROM j WHERE status = '200' AND qids IS NOT ids LIMIT $limit;
		SELECT '== fewer highlighted code blocks (file, Hugo, quire)';
		SELECT key, hl, qhl FROM j WHERE status = '200' AND hl + 0 > 0 AND qhl + 0 < hl + 0 LIMIT $limit;
		SELECT '== other <span class> tokens where Hugo highlights (file)';
		SELECT key FROM j WHERE status = '200' AND hl + 0 > 0 AND qspans IS NOT spans LIMIT $limit;
		SELECT '== shows shortcode syntax Hugo does not (file, Hugo, quire)';
		SELECT key, scvis, qscvis FROM j WHERE status = '200' AND qscvis + 0 > scvis + 0 LIMIT $limit;
		SELECT '== quire serves pages Hugo does not list as regular pages (file, url)';
		SELECT key, url FROM q WHERE visible = '1' AND key NOT IN (SELECT key FROM h) LIMIT $limit;
	EOF
	[ -f "$w/links.txt" ] && cat "$w/links.txt" >> "$out/$name.diff.txt"
done
echo "details: $out"
