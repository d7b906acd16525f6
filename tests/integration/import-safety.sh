#!/usr/bin/env bash
# Import safety: what the importer reads from a site it is given.
#   - only regular files; a symbolic link is followed only when its target
#     lies inside the folder being imported (the site folder, the parent
#     of content/) and is not a folder already being walked; every skip is
#     a warning naming the file;
#   - a FIFO or device named *.md is never opened (a FIFO hung the import
#     while it held blog.db.lock); nor a --db or PATH that is one;
#   - a first import creates the database 0640; a later one keeps its mode;
#   - tags that can have no page, and front matter nested too deep.
# Every import runs under `timeout`: a hang fails its check, not the suite.
# Runs as root too: nothing here relies on a permission failure.
# Closes with "import-safety: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin import-safety

# post DIR NAME TITLE [extra front matter lines]
post() {
	mkdir -p "$1"
	{ printf -- '---\ntitle: "%s"\ndate: 2024-01-02\n' "$3"; printf '%s\n' "${@:4}"; printf -- '---\nBody of %s.\n' "$3"; } >"$1/$2.md"
}
# imp ARGS...: quire import under a 20 s timeout; its messages in $tmp/log,
# its status in $rc.
imp() {
	timeout 20 "$top/quire" import "$@" >"$tmp/log" 2>&1
	rc=$?
}
# cgi DB URI: the status line of the worker's answer to one GET (as CGI).
status() {
	env -i QUIRE_DB="$1" REQUEST_METHOD=GET REQUEST_URI="$2" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | head -n 1 | tr -d '\r'
}
pages() { sqlite3 -readonly "$1" 'SELECT count(*) FROM page'; }
# has_line DESC ERE: passes when the last import's log has a matching line.
has_line() {
	if grep -Eq -- "$2" "$tmp/log"; then ok "$1"; else not_ok "$1" "$(cat "$tmp/log")"; fi
}

# 1. Links in a site's content/.
s=$tmp/site
post "$s/content/posts" real "Real"
post "$s/notes" kept "Kept"			# inside the site, outside content/
printf 'secret: outside the site\n' >"$tmp/outside.md"
mkdir -p "$tmp/outside-dir" && post "$tmp/outside-dir" leak "Leak"
ln -s /etc/passwd "$s/content/posts/passwd.md"
ln -s "$tmp/outside.md" "$s/content/posts/outside.md"
ln -s /etc "$s/content/posts/etc"
ln -s "$tmp/outside-dir" "$s/content/posts/outdir"
ln -s .. "$s/content/posts/loop"
ln -s ../../notes/kept.md "$s/content/posts/kept.md"
ln -s ../../notes "$s/content/posts/notes"
ln -s ../real.md "$s/content/posts/dangling.md"
imp --db "$tmp/s.db" "$s/content"
expect "the site imports despite its bad links" "$rc" 0
expect "the link to /etc/passwd is not a page" "$(status "$tmp/s.db" /posts/passwd/)" "Status: 404 Not Found"
has_line "it is skipped with a warning naming it" \
    "^warning: $s/content/posts/passwd\.md: .*outside $s.*skipped"
has_line "a link to a file outside the site is skipped, named" \
    "^warning: $s/content/posts/outside\.md: .*skipped"
has_line "a linked folder outside the site (/etc) is not walked, named" \
    "^warning: $s/content/posts/etc: .*skipped"
has_line "nor one to a folder beside the site" "^warning: $s/content/posts/outdir: .*skipped"
has_line "a link to a folder being walked (ln -s .. posts/loop) is skipped, named" \
    "^warning: $s/content/posts/loop: .*skipped"
has_line "a dangling link is skipped, named" "^warning: $s/content/posts/dangling\.md: .*skipped"
expect "no page from /etc, the outside folder or the loop" \
    "$(sqlite3 -readonly "$tmp/s.db" "SELECT count(*) FROM page WHERE source LIKE
    'posts/etc/%' OR source LIKE 'posts/outdir/%' OR source LIKE 'posts/loop/%'
    OR source = 'posts/outside.md'")" 0
expect "a link to a file inside the site imports" "$(status "$tmp/s.db" /posts/kept/)" "Status: 200 OK"
expect "a linked folder inside the site is walked" "$(status "$tmp/s.db" /posts/notes/kept/)" "Status: 200 OK"
expect "the site holds exactly real, kept and notes/kept" "$(pages "$tmp/s.db")" 3

# A link that was a page, pointed outside since, leaves with the next mirror.
ln -s ../../notes/kept.md "$s/content/posts/moved.md"
imp --db "$tmp/s.db" "$s/content"
expect "a link inside the site is a page" "$(status "$tmp/s.db" /posts/moved/)" "Status: 200 OK"
ln -sfn "$tmp/outside.md" "$s/content/posts/moved.md"
imp --db "$tmp/s.db" "$s/content"
expect "pointed outside, it is removed by the next import" \
    "$rc $(status "$tmp/s.db" /posts/moved/)" "0 Status: 404 Not Found"
rm "$s/content/posts/moved.md"

# The same site imported from content/posts: posts/loop points at content/,
# a folder above the one walked, still a loop.
imp --db "$tmp/s2.db" "$s/content/posts"
expect "importing content/posts succeeds" "$rc" 0
has_line "a link to a folder above the walk is a loop, skipped" \
    "^warning: $s/content/posts/loop: .*skipped"
expect "and imports the same three pages" "$(pages "$tmp/s2.db")" 3

# A folder reached both directly and through a link is imported once, from
# where it lies, whichever the walk meets first (Hugo 0.111 imports it twice:
# posts/a/x/ and posts/b/x/); each link is named in a warning.
d2=$tmp/twice
post "$d2/content/posts/a" x "X"
post "$d2/content/posts/z" y "Y"
post "$d2/content/notes" n "N"
post "$d2/shared/sub" s "S"
printf 'baseURL: https://example.org/\n' >"$d2/hugo.yaml"
ln -s a "$d2/content/posts/b"			# after the folder it links to
ln -s z "$d2/content/posts/c0"			# before it
mkdir -p "$d2/content/posts/deep"
ln -s ../../notes "$d2/content/posts/deep/n"	# from further down
ln -s ../../shared/sub "$d2/content/posts/l1"	# outside content/: walked once,
ln -s ../../shared "$d2/content/posts/l2"	# by its first link
ln -s ../../shared/sub "$d2/content/posts/l3"
sources() { sqlite3 -readonly "$1" "SELECT group_concat(source, ' ') FROM (SELECT source FROM page ORDER BY source)"; }
imp --db "$tmp/twice.db" "$d2/content"
expect "a site with links to its own folders imports" "$rc" 0
expect "each folder's pages once, at their own place" "$(sources "$tmp/twice.db")" \
    "notes/n.md posts/a/x.md posts/l1/s.md posts/z/y.md"
has_line "a link after the folder it leads to is named" \
    "^warning: $d2/content/posts/b: .*posts/a, a folder imported directly.*skipped"
has_line "a link before it too" \
    "^warning: $d2/content/posts/c0: .*posts/z, a folder imported directly.*skipped"
has_line "and one in a subfolder" "^warning: $d2/content/posts/deep/n: .*skipped"
expect "each link is named once, though a configuration walks the site again" \
    "$(grep -c "^warning: $d2/content/posts/b: " "$tmp/log")" 1
has_line "a second link to a linked folder is named" \
    "^warning: $d2/content/posts/l3: .*walked already through a link; skipped"
has_line "so is the linked folder met again under another link" \
    "^warning: $d2/content/posts/l2/sub: .*walked already through a link; skipped"
# Two PATHs: a link in the first to the second is skipped, not imported
# under the first's name.
imp --db "$tmp/twice2.db" "$d2/content/posts" "$d2/content/notes"
expect "two PATHs: each folder once, from the PATH that holds it" \
    "$rc $(sources "$tmp/twice2.db")" "0 notes/n.md posts/a/x.md posts/l1/s.md posts/z/y.md"
has_line "the link to the other PATH is named" \
    "^warning: $d2/content/posts/deep/n: .*content/notes, a folder imported directly"

# A plain folder (no content/ above it) is the folder being imported.
mkdir -p "$tmp/plain"
post "$tmp/plain" mine "Mine"
ln -s ../outside.md "$tmp/plain/up.md"
imp --db "$tmp/p.db" "$tmp/plain"
has_line "in a plain folder, a link leaving it is skipped" "^warning: $tmp/plain/up\.md: .*outside $tmp/plain"
expect "and the folder's own post imports" "$(pages "$tmp/p.db")" 1

# A file named on the command line is the user's choice, link or not.
ln -s "$tmp/outside-dir/leak.md" "$tmp/named.md"
imp --db "$tmp/n.db" "$tmp/named.md"
expect "a link named on the command line is followed" "$rc $(pages "$tmp/n.db")" "0 1"

# 2. A config file that links outside the site is not read.
c=$tmp/cfg
post "$c/content/posts" one "One"
printf 'baseURL: https://evil.example/\ntitle: EVIL\n' >"$tmp/evil.yaml"
ln -s "$tmp/evil.yaml" "$c/hugo.yaml"
imp --db "$tmp/c.db" "$c/content"
has_line "a hugo.yaml linking outside the site is skipped, named" "^warning: $c/hugo\.yaml: .*skipped"
expect "its settings are not stored" \
    "$(sqlite3 -readonly "$tmp/c.db" "SELECT count(*) FROM site WHERE value LIKE '%evil%' OR value = 'EVIL'")" 0
rm "$c/hugo.yaml"
printf 'baseURL: https://good.example/\ntitle: Good\n' >"$c/site.yaml"
ln -s site.yaml "$c/hugo.yaml"
imp --db "$tmp/c.db" "$c/content"
expect "a hugo.yaml linking inside the site is read" \
    "$(sqlite3 -readonly "$tmp/c.db" "SELECT count(*) FROM site WHERE value = 'Good'")" 1
rm "$c/hugo.yaml"
mkfifo "$c/hugo.yaml"
imp --db "$tmp/c.db" "$c/content"
expect "a FIFO hugo.yaml does not hang the import" "$rc" 0
has_line "it is skipped, named" "^warning: $c/hugo\.yaml: .*not a regular file"
imp --db "$tmp/c.db" --config "$c/hugo.yaml" "$c/content"
expect "a FIFO given as --config is refused" "$rc" 1
has_line "naming it" "$c/hugo\.yaml: not a regular file"
rm "$c/hugo.yaml"

# 3. FIFOs and devices named *.md.
f=$tmp/fifo
post "$f/content/posts" ok "OK"
mkfifo "$f/content/posts/pipe.md"
imp --db "$tmp/f.db" "$f/content"
expect "a FIFO named *.md does not hang the import" "$rc" 0
has_line "it is skipped with a warning naming it" \
    "^warning: $f/content/posts/pipe\.md: not a regular file \(a FIFO\); skipped"
expect "the rest of the site imports" "$(pages "$tmp/f.db")" 1
ln -s pipe.md "$f/content/posts/to-pipe.md"
imp --db "$tmp/f.db" "$f/content"
has_line "a link to a FIFO inside the site is skipped too" \
    "^warning: $f/content/posts/to-pipe\.md: not a regular file"
rm "$f/content/posts/to-pipe.md"
if mknod "$f/content/posts/null.md" c 1 3 2>/dev/null; then
	imp --db "$tmp/f.db" "$f/content"
	has_line "a device named *.md is skipped, named" \
	    "^warning: $f/content/posts/null\.md: not a regular file \(a device\)"
	rm -f "$f/content/posts/null.md"
fi
imp --db "$tmp/f.db" "$f/content/posts/pipe.md"
expect "a FIFO named on the command line is refused" "$rc" 1
has_line "naming it" "pipe\.md: not a regular file or folder"
mkfifo "$tmp/fifo.db"
imp --db "$tmp/fifo.db" "$f/content"
expect "a --db that is a FIFO is refused" "$rc" 1
has_line "naming it" "$tmp/fifo\.db: not a regular file"
# The lock is free: the next import does not wait behind a hung one.
imp --db "$tmp/f.db" "$f/content"
expect "and the lock is free for the next import" "$rc" 0

# 4. The database's mode: 0640 when created, as found afterwards.
post "$tmp/m/content/posts" one "One"
(umask 022 && timeout 20 "$top/quire" import -q --db "$tmp/m.db" "$tmp/m/content" 2>/dev/null)
expect "a first import creates the database 0640 (umask 022)" "$(stat -c %a "$tmp/m.db")" 640
(umask 077 && timeout 20 "$top/quire" import -q --db "$tmp/m2.db" "$tmp/m/content" 2>/dev/null)
expect "a stricter umask is obeyed (077: 0600)" "$(stat -c %a "$tmp/m2.db")" 600
chmod 644 "$tmp/m.db"
post "$tmp/m/content/posts" two "Two"
(umask 022 && timeout 20 "$top/quire" import -q --db "$tmp/m.db" "$tmp/m/content" 2>/dev/null)
expect "a later import keeps the mode it finds (644)" "$(stat -c %a "$tmp/m.db")" 644

# 5. Tags that can have no page (Hugo 0.111 drops them; '..' stops it).
t=$tmp/tags
post "$t/content/posts" tagged "Tagged" 'tags: [go, ".", "...", "🎉", "\0", "a\0b"]'
imp --db "$tmp/t.db" "$t/content"
expect "a post with tags that can have no page imports" "$rc" 0
has_line "each is named in a warning with its file and line" \
    "^warning: $t/content/posts/tagged\.md:4: tag '\.' can have no page"
has_line "an emoji-only tag too" "tagged\.md:4: tag '🎉' can have no page"
has_line "and one made of a NUL" "tagged\.md:4: tag '\\\\0' can have no page"
expect "only go and ab are tags" \
    "$(sqlite3 -readonly "$tmp/t.db" "SELECT group_concat(slug, ' ') FROM (SELECT slug FROM term WHERE taxonomy = 'tags' ORDER BY slug)")" "ab go"
sitemap=$(env -i QUIRE_DB="$tmp/t.db" REQUEST_METHOD=GET REQUEST_URI=/sitemap.xml \
    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null)
case $sitemap in
*"/tags/./"* | *"/tags/../"* | *"/tags/.../"*) not_ok "the sitemap has no /tags/./" "$sitemap" ;;
*"/tags/ab/"*) ok "the sitemap has no /tags/./, and has /tags/ab/" ;;
*) not_ok "the sitemap has /tags/ab/" "$sitemap" ;;
esac
post "$t/content/posts" dotdot "Dotdot" 'tags: [".."]'
imp --db "$tmp/t.db" "$t/content"
expect "a tag '..' stops the import, as it stops Hugo's build" "$rc" 1
has_line "naming the file, line and tag" "dotdot\.md:4: tag '\.\.' can have no page"

# 6. Front matter nested 100,000 levels deep: refused at once with
# FILE:LINE (libyaml took 18 s over it).
d=$tmp/deep
mkdir -p "$d/content/posts"
{ printf -- '---\ntitle: deep\nx: '; head -c 100000 /dev/zero | tr '\0' '['
  head -c 100000 /dev/zero | tr '\0' ']'; printf '\n---\nbody\n'; } >"$d/content/posts/deep.md"
start=$(date +%s%N)
imp --db "$tmp/d.db" "$d/content"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect "deeply nested front matter is refused" "$rc" 1
has_line "with FILE:LINE" "deep\.md:3: YAML nested more than 100 levels deep"
if [ "$ms" -lt 3000 ]; then ok "at once (${ms} ms)"; else not_ok "at once" "${ms} ms"; fi
printf 'title: Site\nparams:\n  x: %s\n' "$(head -c 5000 /dev/zero | tr '\0' '[')" >"$d/hugo.yaml"
rm "$d/content/posts/deep.md"
post "$d/content/posts" fine "Fine"
imp --db "$tmp/d.db" "$d/content"
has_line "a config nested too deep is refused with FILE:LINE" "$d/hugo\.yaml:3: YAML nested more than 100"

report import-safety
