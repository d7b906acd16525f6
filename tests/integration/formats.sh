#!/usr/bin/env bash
# Formats: `quire import` of the Hugo oracle sites whose front matter and
# configuration are TOML, YAML and JSON (tests/hugo/formats*, see
# tests/hugo/README.md) stores what Hugo 0.111.3 built from them
# (tests/golden/hugo-formats*.tsv): each page's URL, title, dates, draft,
# taxonomies, aliases, description and author, and the site settings.
# Then bad TOML and JSON configurations stop the import with FILE:LINE and
# leave the database as it was, and the worker links no parser.
# Closes with "formats: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin formats
golden=$top/tests/golden

# The page rows of a database in the golden file's columns (less slug and
# summary, which quire stores only inside the URL and the listing entry).
pages() { # DB BASE-PATH
	sqlite3 -readonly -separator $'\t' "$1" "
	    SELECT p.source, '$2' || substr(p.url, 2), p.title, p.date,
	        printf('%s%02d%02d', CASE WHEN p.date_offset < 0 THEN '-'
	        ELSE '+' END, abs(p.date_offset) / 3600,
	        abs(p.date_offset) % 3600 / 60),
	        CASE WHEN p.has_lastmod THEN p.lastmod ELSE p.date END,
	        p.publish_at, coalesce(p.expire_at, 0),
	        CASE WHEN p.draft THEN 'true' ELSE 'false' END,
	        (SELECT coalesce(group_concat(name, '|'), '') FROM (SELECT
	            pt.name FROM page_term pt JOIN term t ON t.id = pt.term_id
	            WHERE pt.page_id = p.id AND t.taxonomy = 'tags'
	            ORDER BY pt.position)),
	        (SELECT coalesce(group_concat(name, '|'), '') FROM (SELECT
	            pt.name FROM page_term pt JOIN term t ON t.id = pt.term_id
	            WHERE pt.page_id = p.id AND t.taxonomy = 'categories'
	            ORDER BY pt.position)),
	        (SELECT coalesce(group_concat(path, '|'), '') FROM (SELECT
	            path FROM alias WHERE page_id = p.id ORDER BY path)),
	        p.description, p.author
	    FROM page p" | LC_ALL=C sort
}
# The golden file's rows in the same columns (slug, summary cut).
golden_pages() { tail -n +2 "$1" | cut -f 1-12,14,15 | LC_ALL=C sort; }

# The site settings of a database as the golden site file has them
# (menu entries as weight|name|url, their URLs under the base path).
site() { # DB BASE-PATH
	sqlite3 -readonly -separator $'\t' "$1" "
	    SELECT key, value FROM site WHERE key IN ('title', 'baseURL',
	        'languageCode', 'author', 'description')
	    UNION ALL
	    SELECT 'menu', replace(substr(value, 1, instr(value, char(31)) - 1)
	        || '|' || replace(substr(value, instr(value, char(31)) + 1),
	        char(31) || '/', char(31) || '$2'), char(31), '|')
	    FROM site WHERE key LIKE 'menu.%'" | LC_ALL=C sort
}

for s in formats formats-dir formats-json; do
	db=$tmp/$s.db
	out=$("$top/quire" import -q --db "$db" "$top/tests/hugo/$s/content" 2>&1)
	cond "$s: the import succeeds" "$out" $?
	base=$(sqlite3 -readonly "$db" "SELECT value FROM site WHERE key = 'baseURL'")
	bpath=/${base#*://*/}
	expect "$s: every page's values are Hugo's" \
	    "$(diff <(golden_pages "$golden/hugo-$s.tsv") <(pages "$db" "$bpath"))" ""
	expect "$s: the site settings are Hugo's" \
	    "$(diff <(tail -n +2 "$golden/hugo-$s-site.tsv" | LC_ALL=C sort) \
	        <(site "$db" "$bpath"))" ""
done
expect "formats-json: timeZone comes from hugo.json, not config.toml" \
    "$(sqlite3 -readonly "$tmp/formats-json.db" \
        "SELECT value FROM site WHERE key = 'timeZone'")" "Asia/Tokyo"
expect "formats-dir: paginate from the root config.yaml survives the merge" \
    "$(sqlite3 -readonly "$tmp/formats-dir.db" \
        "SELECT value FROM site WHERE key = 'paginate'")" 3

# A bad configuration, in each format, stops the import on its line and
# leaves the live database byte for byte as it was.
live=$tmp/formats.db
sum=$(sha256sum <"$live")
bad_config() { # NAME FILE-NAME TEXT ERE
	mkdir -p "$tmp/bad-$1/content/posts"
	cp "$top/tests/hugo/formats/content/posts/toml-full.md" \
	    "$tmp/bad-$1/content/posts/"
	printf '%s' "$3" >"$tmp/bad-$1/$2"
	"$top/quire" import -q --db "$live" "$tmp/bad-$1/content" \
	    >"$tmp/bad.out" 2>&1
	expect "$1: the import exits 1" "$?" 1
	expect_re "$1: the message names FILE:LINE" "$(cat "$tmp/bad.out")" "$4"
	expect "$1: the database is unchanged" "$(sha256sum <"$live")" "$sum"
}
bad_config "TOML syntax" hugo.toml $'title = "t"\n\nbaseURL = http://x/\n' \
    'bad-TOML syntax/hugo\.toml:3: invalid TOML'
bad_config "TOML type" hugo.toml $'title = "t"\n[params]\npaginate = 1\n[menu]\nmain = "x"\n' \
    'hugo\.toml:5: .menu\.main. must be a list'
bad_config "JSON syntax" config.json $'{\n"title": "t",\n"paginate": 0x10\n}\n' \
    'config\.json:3: invalid JSON'
bad_config "JSON type" hugo.json $'{"title": "t",\n "paginate": "many"}\n' \
    'hugo\.json:2: .paginate. must be a number'
mkdir -p "$tmp/bad-dir/config/_default"
printf 'author = "a"\nauthor = "b"\n' >"$tmp/bad-dir/config/_default/params.toml"
bad_config dir hugo.toml 'title = "t"' 'config/_default/params\.toml:2: invalid TOML'

# The worker links none of the importer's parsers, nor C++: its own
# NEEDED entries (a sanitizer build's runtime brings libstdc++ along).
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
expect "the worker links no libyaml, toml++, jansson nor libstdc++" \
    "$(needed "$top/cgi-bin/quire.fcgi" | grep -Ec 'libyaml|libtomlplusplus|libjansson|libstdc\+\+')" 0
expect "the importer links toml++ and jansson" \
    "$(needed "$top/quire" | grep -Ec 'libtomlplusplus|libjansson')" 2
expect "the worker holds no C++ symbol" \
    "$(nm -D "$top/cgi-bin/quire.fcgi" | grep -c 'GLIBCXX\|_ZN\|yaml_\|json_\|toml')" 0

report formats
