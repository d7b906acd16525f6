#!/usr/bin/env bash
# Files: a site's page-bundle resources and static/ files go into the
# content-addressed store beside the database (NAME.files/HH/REST, by
# SHA-256), each row at the URL Hugo 0.111 publishes it
# (tests/golden/hugo-files.tsv, written by tests/hugo/gen-golden-files.sh
# from Hugo's build of tests/hugo/files). A re-import writes nothing for
# unchanged files; edited and removed files leave the store; a killed
# import leaves the live database and at most unreferenced files; too
# large a file and a bad name fail the import naming the file.
# Closes with "files: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin files

site=$tmp/site
cp -r "$top/tests/hugo/files" "$site"
db=$tmp/f.db
store=$tmp/f.files

# The (url, source) rows of the site's own files (quire's own have an
# absolute source).
rows() { sqlite3 -readonly -separator $'\t' "$1" "SELECT url, source FROM
    file WHERE source NOT LIKE '/%'" | LC_ALL=C sort; }
# Every store file as "inode mtime path", and the hashes rows name.
store_state() { find "$1" -type f -printf '%i %T@ %P\n' | LC_ALL=C sort; }
named() { sqlite3 -readonly "$1" 'SELECT DISTINCT hash FROM file' | LC_ALL=C sort; }
held() { find "$1" -mindepth 2 -type f -printf '%h%f\n' |
    sed 's|.*/\([0-9a-f][0-9a-f]\)|\1|' | LC_ALL=C sort; }
fp() { sha256sum "$1" | cut -d' ' -f1; }

"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the fixture imports" $? "$tmp/log"
expect "every file is at the URL Hugo publishes it, from the file Hugo copies" \
    "$(rows "$db")" "$(tail -n +2 "$top/tests/golden/hugo-files.tsv")"
expect_re "the import says how many files it stored" "$(cat "$tmp/log")" \
    "quire: $store: [0-9]+ files, [0-9]+ new, 0 removed"

# The store: each row's bytes at HH/REST of their SHA-256, nothing else.
bad=""
while IFS=$'\t' read -r url hash size; do
	f=$store/${hash:0:2}/${hash:2}
	[ -f "$f" ] && [ "$(fp "$f")" = "$hash" ] &&
	    [ "$(stat -c %s "$f")" = "$size" ] || bad="$bad $url"
done < <(sqlite3 -readonly -separator $'\t' "$db" 'SELECT url, hash, size FROM file')
expect "each row's bytes are in the store at HH/REST of their SHA-256" "$bad" ""
expect "the store holds only the files rows name" "$(held "$store")" "$(named "$db")"
expect "the bundle's PNG is the fixture's bytes" \
    "$(sqlite3 -readonly "$db" "SELECT hash FROM file WHERE url = '/posts/trip/images/01.png'")" \
    "$(fp "$site/content/posts/trip/images/01.png")"
expect "media types come from /etc/mime.types, without case" \
    "$(sqlite3 -readonly "$db" "SELECT media_type FROM file WHERE url IN
       ('/posts/slides/deck.pdf', '/posts/trip/über.JPG', '/CNAME',
        '/img/battery.png') ORDER BY url")" \
    "$(printf '%s\n' application/octet-stream image/png application/pdf image/jpeg)"
expect "mtime and size are the source file's" \
    "$(sqlite3 -readonly "$db" "SELECT size || ' ' || mtime FROM file WHERE url = '/CNAME'")" \
    "$(stat -c '%s %Y' "$site/static/CNAME")"
expect "quire's own stylesheet and script are stored at their URLs" \
    "$(sqlite3 -readonly "$db" "SELECT url || ' ' || media_type FROM file
       WHERE url IN ('/css/quire.css', '/js/copy.js') ORDER BY url")" \
    "$(printf '%s\n' '/css/quire.css text/css' '/js/copy.js text/javascript')"
expect "a draft bundle's files are not stored" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM file WHERE source LIKE '%draft%'")" 0
expect "the store's files are readable by all (a site's files are public)" \
    "$(find "$store" -type f ! -perm -0444 | wc -l)" 0

# The worker (as CGI) answers an imported file from the store, byte for
# byte, with its media type; a name that needs escaping too.
expect "the worker serves a bundle's PNG as imported" \
    "$(cgi /posts/trip/images/01.png | sed -n '1,/^\r*$/{s/\r$//;/^Status:\|^Content-Type:/p}')" \
    "$(printf '%s\n' 'Status: 200 OK' 'Content-Type: image/png')"
expect "its bytes are the fixture's" "$(body /posts/trip/images/01.png | sha256sum | cut -d' ' -f1)" \
    "$(fp "$site/content/posts/trip/images/01.png")"
expect "and a file whose name is escaped in its URL" \
    "$(body '/posts/trip/a%20file%20&%20more%20(1).txt')" "notes about the trip"
expect "and quire's own stylesheet" "$(body /css/quire.css | sha256sum | cut -d' ' -f1)" \
    "$(fp "$top/static/css/quire.css")"

# staticDir may name several folders: the last wins a URL they share,
# as Hugo's build of the fixture with staticdirs.yaml shows.
"$top/quire" import -q --db "$tmp/sd.db" --config "$site/staticdirs.yaml" \
    "$site" >"$tmp/log" 2>&1
expect "with two static folders, every file is where Hugo publishes it" \
    "$(rows "$tmp/sd.db")" "$(tail -n +2 "$top/tests/golden/hugo-files-staticdirs.tsv")"
rm -r "$tmp/sd.db" "$tmp/sd.files"

# Languages with contentDirs of their own: a file beside no page is at
# its path in its language's tree, under the language's root.
"$top/quire" import -q --db "$tmp/ml.db" "$top/tests/hugo/files-lang" \
    >"$tmp/log" 2>&1
cond_rc "the multilingual fixture imports" $? "$tmp/log"
expect "a language's contentDir: every file is where Hugo publishes it" \
    "$(rows "$tmp/ml.db")" "$(tail -n +2 "$top/tests/golden/hugo-files-lang.tsv")"
rm -r "$tmp/ml.db" "$tmp/ml.files"

# An unchanged re-import hashes nothing and writes nothing.
before=$(store_state "$store")
# (LeakSanitizer cannot run under ptrace: off for this one run of the
# sanitized build; the other imports here check leaks.)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -e trace=openat -o "$tmp/strace" "$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the re-import succeeds" $? "$tmp/log"
expect_re "it stores no new file" "$(cat "$tmp/log")" "[0-9]+ files, 0 new, 0 removed"
expect "no store file was rewritten (inodes and mtimes as they were)" \
    "$(store_state "$store")" "$before"
expect "no unchanged file was opened again" \
    "$(grep -c 'images/01.png\|deck.pdf\|battery.png' "$tmp/strace")" 0

# An edited file: a new hash; the old bytes leave the store.
old=$(sqlite3 -readonly "$db" "SELECT hash FROM file WHERE url = '/CNAME'")
sleep 1
printf 'www.example.org\n' >"$site/static/CNAME"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the import after an edit succeeds" $? "$tmp/log"
expect_re "it stores one file and removes one" "$(cat "$tmp/log")" "[0-9]+ files, 1 new, 1 removed"
expect "the edited file has its new bytes' hash" \
    "$(sqlite3 -readonly "$db" "SELECT hash FROM file WHERE url = '/CNAME'")" \
    "$(fp "$site/static/CNAME")"
expect "the old bytes are gone from the store" "$(ls "$store/${old:0:2}/${old:2}" 2>/dev/null)" ""

# A removed file goes from the database, then from the store.
old=$(sqlite3 -readonly "$db" "SELECT hash FROM file WHERE url = '/posts/slides/deck.pdf'")
rm "$site/content/posts/deck/deck.pdf"
"$top/quire" import -q --db "$db" "$site" >"$tmp/log" 2>&1
expect "a removed file's row is gone" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM file WHERE url = '/posts/slides/deck.pdf'")" 0
expect "and its bytes" "$(ls "$store/${old:0:2}/${old:2}" 2>/dev/null)" ""
expect "the store still holds only what rows name" "$(held "$store")" "$(named "$db")"

# A page Hugo writes where a file would go wins over the file.
mkdir -p "$site/static/posts/trip"
printf 'shadowed\n' >"$site/static/posts/trip/index.html"
"$top/quire" import -q --db "$db" "$site" >"$tmp/log" 2>&1
expect_re "a file at a page's URL is a warning naming it" "$(cat "$tmp/log")" \
    "warning: .*static/posts/trip/index.html: at /posts/trip/index.html, where Hugo writes the page of posts/trip/index.md"
expect "and is not stored" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM file WHERE url = '/posts/trip/index.html'")" 0
rm "$site/static/posts/trip/index.html"

# Too large: the import fails naming the file; the live database and
# the store are as they were.
live=$(fp "$db")
before=$(store_state "$store")
printf 'params:\n  quire:\n    maxFileSize: 72\n' >>"$site/hugo.yaml"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
st=$?
expect "a file over params.quire.maxFileSize fails the import" "$st" 1
expect_re "naming it, its size and the limit" "$(cat "$tmp/log")" \
    "static/img/battery.png: too large \(73 bytes, limit 72\)"
expect "the live database is untouched" "$(fp "$db")" "$live"
expect "the store too" "$(store_state "$store")" "$before"
cp "$top/tests/hugo/files/hugo.yaml" "$site/hugo.yaml"

# Bad names: refused, naming the file, nothing changed.
for name in $'ctl\001.txt' $'bad\xff.png'; do
	printf 'x\n' >"$site/static/$name"
	"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
	st=$?
	shown=$(printf '%s' "$name" | sed 's/\x01/\\x01/; s/\xff/\\xff/')
	expect "a file named $shown fails the import" "$st" 1
	expect "naming it, its bytes shown as \\xHH" \
	    "$(grep -c -F "static/$shown: refused: a name" "$tmp/log")" 1
	expect "the live database is untouched" "$(fp "$db")" "$live"
	rm -f "$site/static/$name"
done

# A link out of the site folder is skipped with a warning, as for pages.
printf 'secret\n' >"$tmp/outside.txt"
ln -s "$tmp/outside.txt" "$site/static/leak.txt"
"$top/quire" import -q --db "$db" "$site" >"$tmp/log" 2>&1
expect_re "a link out of the site is a warning" "$(cat "$tmp/log")" \
    "warning: .*static/leak.txt: a symbolic link to .*outside"
expect "and is not stored" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM file WHERE url = '/leak.txt'")" 0
rm "$site/static/leak.txt"

# --watch imports again when a static file changes.
"$top/quire" import --watch -q --db "$tmp/w.db" "$site" >"$tmp/wlog" 2>&1 &
wpid=$!
for _ in $(seq 1 100); do
	[ -f "$tmp/w.db" ] && break
	sleep 0.1
done
sleep 0.5
printf 'added while watching\n' >"$site/static/added.txt"
for _ in $(seq 1 100); do
	[ "$(sqlite3 -readonly "$tmp/w.db" "SELECT count(*) FROM file WHERE
	    url = '/added.txt'" 2>/dev/null)" = 1 ] && break
	sleep 0.1
done
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
expect "--watch stores a file added to static/" \
    "$(sqlite3 -readonly "$tmp/w.db" "SELECT hash FROM file WHERE url = '/added.txt'")" \
    "$(fp "$site/static/added.txt")"
rm "$site/static/added.txt"

# SIGKILL while a large file is being stored: the live database is as it
# was, the store holds at most files no row names, and the next import
# removes them.
printf 'params:\n  quire:\n    maxFileSize: 209715200\n' >>"$site/hugo.yaml"
/usr/bin/time -f '%M' -o "$tmp/rss0" "$top/quire" import -q --db "$db" "$site" >"$tmp/log" 2>&1
live=$(fp "$db")
head -c $((96 * 1024 * 1024)) /dev/urandom >"$site/static/big.bin"
"$top/quire" import -q --db "$db" "$site" >"$tmp/log" 2>&1 &
imp=$!
for _ in $(seq 1 500); do
	ls -a "$store" 2>/dev/null | grep -q '^\.tmp-' && break
	sleep 0.01
done
seen=$(ls -a "$store" | grep -c '^\.tmp-')
kill -KILL "$imp" 2>/dev/null
wait "$imp" 2>/dev/null
expect "the import was killed while it wrote into the store" "$seen" 1
expect "after the kill the live database is as it was" "$(fp "$db")" "$live"
expect "the store holds every file rows name" \
    "$(comm -23 <(named "$db") <(held "$store"))" ""
/usr/bin/time -f '%M' -o "$tmp/rss" "$top/quire" import -q --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the next import succeeds" $? "$tmp/log"
# Read in chunks: storing a 96 MiB file takes nowhere near 96 MiB more
# than the import before it (measured so, sanitizers' overhead cancels).
rss=$(( $(tail -n 1 "$tmp/rss") - $(tail -n 1 "$tmp/rss0") ))
expect_re "and storing the 96 MiB file took under 16 MiB more memory (${rss} KiB)" \
    "$((rss < 16384))" '^1$'

expect "and the store holds only what rows name, no temporary file" \
    "$(held "$store"; ls -a "$store" | grep -c '^\.tmp-')" "$(named "$db"; echo 0)"
expect "the large file is stored whole" \
    "$(sqlite3 -readonly "$db" "SELECT hash FROM file WHERE url = '/big.bin'")" \
    "$(fp "$site/static/big.bin")"
rm "$site/static/big.bin"

report files
