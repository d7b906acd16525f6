#!/usr/bin/env bash
# Incremental imports: a database kept up to date one changed file at a
# time must hold what a fresh import of the same folder holds. The
# importer looks again only at what a save touched (the terms of changed
# pages, the related lists' copies of changed cards, the sections' dates
# along page_card's key, the cards without an entry): this suite edits a
# generated blog the ways that move those (a tag's first spelling, a
# related page's title, a section's newest date, a removed and an added
# post), imports each change alone, and compares every derived table,
# row by row by source, with a fresh import's. Then the stat shortcut
# (schema 021): an unchanged folder opens no Markdown file, and every
# change a stat can show (an edit, a rename over, an mtime set back, the
# settings, a ref's target, the main section's counts) is read again.
# Closes with "incremental: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin incremental

gcc -O2 -o "$tmp/gen-blog" "$top/bench/gen-blog.c" || { not_ok "gen-blog builds" "gcc failed"; report incremental; exit 1; }
"$tmp/gen-blog" "$tmp/site" 120 7 >"$tmp/site.info"
posts=$tmp/site/content/posts
# A section without a date of its own: dated by its newest page.
printf -- '---\ntitle: "Posts"\n---\nAll of them.\n' >"$posts/_index.md"
db=$tmp/kept.db
import() { "$top/quire" import -q --db "$db" "$@" >>"$tmp/import.log" 2>&1; }
import "$tmp/site/content"
cond_rc "the first import" $? "$tmp/import.log"

# Every derived row, keyed by what names it in the site (sources, slugs),
# not by ids, which differ between the two databases.
dump() {
	sqlite3 -readonly "$1" "
	SELECT 'term', taxonomy, slug, name FROM term ORDER BY 2, 3;
	SELECT 'card', source, kind, has_date, date, date_offset, url, title,
	    entry FROM page_card ORDER BY 2;
	SELECT 'page_term', m.taxonomy, m.slug, t.source, t.has_date, t.date,
	    t.name, t.entry FROM page_term t JOIN term m ON m.id = t.term_id
	    ORDER BY 2, 3, 4;
	SELECT 'related', p.source, r.rank, r.url, r.title FROM
	    page_related r JOIN page p ON p.id = r.page_id ORDER BY 2, 3;
	SELECT 'hit', p.source, h.draft, h.date, h.size FROM page_hit h
	    JOIN page p ON p.id = h.id ORDER BY 2;
	SELECT 'og', p.source, o.ordinal, o.value, o.resource FROM
	    page_og_image o JOIN page p ON p.id = o.page_id ORDER BY 2, 5, 3;"
}
# same DESC [FOLDER DB]: the kept database (DB, else $db) against a fresh
# import of the folder (FOLDER, else the blog's).
same() {
	rm -rf "$tmp/fresh.db" "$tmp/fresh.files"
	"$top/quire" import -q --db "$tmp/fresh.db" "${2:-$tmp/site/content}" \
	    >>"$tmp/import.log" 2>&1
	dump "${3:-$db}" >"$tmp/kept.txt"
	dump "$tmp/fresh.db" >"$tmp/fresh.txt"
	if cmp -s "$tmp/kept.txt" "$tmp/fresh.txt"; then
		ok "$1"
	else
		not_ok "$1" "$(diff "$tmp/fresh.txt" "$tmp/kept.txt" | head -n 6)"
	fi
}
same "after the first import, the kept database is a fresh one"

# The first page in path order names a tag as it spells it.
first=$(ls "$posts"/post-*.md | head -n 1)
tag=$(sed -n 's/^tags: \[\([^,]*\),.*/\1/p' "$first")
sed -i "s/^tags: \[$tag,/tags: [$(echo "$tag" | tr a-z A-Z),/" "$first"
import "$first"
expect "a tag's first spelling moves with its first page" \
    "$(sqlite3 -readonly "$db" "SELECT name FROM term WHERE slug = '$tag'")" \
    "$(echo "$tag" | tr a-z A-Z)"
same "and the rest is a fresh import's"

# A page other pages list as related, retitled.
rel=$(sqlite3 -readonly "$db" "SELECT p.source FROM page_related r JOIN page p
    ON p.id = r.related_id GROUP BY r.related_id ORDER BY count(*) DESC LIMIT 1")
sed -i '0,/^title: /s/^title: .*/title: "Retitled, and listed elsewhere"/' \
    "$tmp/site/content/$rel"
import "$tmp/site/content/$rel"
expect "the related lists show the new title" "$(sqlite3 -readonly "$db" \
    "SELECT count(*) > 0 FROM page_related WHERE title = 'Retitled, and listed elsewhere'")" 1
same "and the rest is a fresh import's"

# A post dated after every other (and not in the future): the section's
# date follows it.
last=$(ls "$posts"/post-*.md | tail -n 1)
sed -i '0,/^date: /s/^date: .*/date: 2025-11-30T07:08:09Z/' "$last"
import "$last"
expect "the section is dated by its new newest page" "$(sqlite3 -readonly "$db" \
    "SELECT date FROM page_card WHERE source = 'posts/_index.md'")" \
    "$(date -u -d 2025-11-30T07:08:09Z +%s)"
same "and the rest is a fresh import's"

# A post removed (the folder's import drops it) and one added alone.
rm "$(ls "$posts"/post-*.md | sed -n 5p)"
import "$tmp/site/content"
printf -- '---\ntitle: "Added alone"\ndate: 2020-02-02\ntags: [%s, newtag]\n---\nWords.\n' \
    "$tag" >"$posts/added.md"
import "$posts/added.md"
same "after a removal and an addition, a fresh import's"

# The stat shortcut. A page whose file's timestamps are within 2 s of
# its import's start gets no stat row (an edit in the same clock tick
# would keep them): everything above was read on every import. A page
# that calls ref, a draft and a bundle join the blog; then the files
# settle, and one import records their stats.
target=$(ls "$posts"/post-*.md | sed -n 3p)
tbase=$(basename "$target")
printf -- '---\ntitle: "Refers"\ndate: 2020-03-03\n---\nSee [it]({{< ref "%s" >}}).\n' \
    "$tbase" >"$posts/refers.md"
printf -- '---\ntitle: "Unfinished"\ndate: 2020-03-04\ndraft: true \n---\nLater.\n' \
    >"$posts/draft.md"
mkdir -p "$posts/bundle"
printf -- '---\ntitle: "A bundle"\ndate: 2020-03-05\n---\n![a](a.txt)\n' \
    >"$posts/bundle/index.md"
echo resource >"$posts/bundle/a.txt"
nmd=$(find "$tmp/site/content" -name '*.md' | wc -l)
sleep 3
import "$tmp/site/content"
expect "every page has its file's stat" \
    "$(sqlite3 -readonly "$db" "SELECT count(*) FROM page_stat")" "$nmd"
same "with the stats recorded, a fresh import's"

# imports_opening: runs a folder import under strace, and prints the
# number of .md files it opened.
imports_opening() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -e trace=open,openat -o "$tmp/strace" "$top/quire" \
	    import --db "$db" "$tmp/site/content" >"$tmp/log" 2>&1 ||
	    cat "$tmp/log" >&2
	grep -c '\.md"' "$tmp/strace"
}
if command -v strace >/dev/null; then
	# (its two passes: before and after every URL is stored)
	expect "an unchanged folder's import opens only the page calling ref" \
	    "$(imports_opening)" 2
	expect "and counts every page unchanged" \
	    "$(sed -n 's/.* \([0-9]*\) unchanged.*/\1/p' "$tmp/log")" "$nmd"
else
	ok "# SKIP strace is not installed"
fi

# title_of SOURCE: the stored title.
title_of() {
	sqlite3 -readonly "$db" "SELECT title FROM page WHERE source = '$1'"
}
# poke FILE OLD NEW: writes NEW over FILE's bytes from its first OLD on,
# in place: the same inode and size.
poke() {
	local off
	off=$(grep -bo -- "$2" "$1" | head -n 1 | cut -d: -f1)
	printf '%s' "$3" | dd of="$1" bs=1 seek="$off" conv=notrunc \
	    status=none
}

# An edit keeping the size (mtime moves; the same inode).
a=$(ls "$posts"/post-*.md | sed -n 7p)
sleep 1
# (over the title's first words: its line keeps its length)
poke "$a" 'title: "' 'title: "Same size edit, '
import "$tmp/site/content"
expect_re "an edit in place is read" "$(title_of "posts/$(basename "$a")")" \
    '^Same size edit, '
same "and the rest is a fresh import's"

# Content changed, then its mtime set back to what it was: only the
# ctime tells.
b=$(ls "$posts"/post-*.md | sed -n 8p)
cp -p "$b" "$tmp/b.ref"
sleep 1
poke "$b" 'title: "' 'title: "Q'
touch -r "$tmp/b.ref" "$b"
import "$tmp/site/content"
expect_re "an edit whose mtime was set back is read" \
    "$(title_of "posts/$(basename "$b")")" '^Q'
same "and the rest is a fresh import's"

# Replaced by a rename: another file of the same size and mtime.
c=$(ls "$posts"/post-*.md | sed -n 9p)
cp -p "$c" "$tmp/c.new"
poke "$tmp/c.new" 'title: "' 'title: "R'
touch -r "$c" "$tmp/c.new"
mv "$tmp/c.new" "$c"
import "$tmp/site/content"
expect_re "a file renamed over another is read" \
    "$(title_of "posts/$(basename "$c")")" '^R'
same "and the rest is a fresh import's"

# A ref's target moves: the page calling ref, unchanged, follows it.
sed -i '0,/^title: /s/^title: .*/&\nslug: moved-here/' "$target"
import "$tmp/site/content"
expect_re "a page calling ref follows its target's new URL" \
    "$(sqlite3 -readonly "$db" "SELECT group_concat(f.html) FROM
    page_fragment f JOIN page p ON p.id = f.page_id WHERE
    p.source = 'posts/refers.md'")" 'moved-here'
same "and the rest is a fresh import's"

# A draft published: the same size, the same second as its last import.
poke "$posts/draft.md" 'draft: true ' 'draft: false'
import "$tmp/site/content"
expect "a draft published at once is read" "$(sqlite3 -readonly "$db" \
    "SELECT draft FROM page WHERE source = 'posts/draft.md'")" 0
same "and the rest is a fresh import's"

# The settings change: every page is read again.
sleep 3
import "$tmp/site/content"
sed -i 's/^title: .*/title: another title/' "$tmp/site/hugo.yaml"
if command -v strace >/dev/null; then
	# (each twice: counted for the main section, then imported)
	expect "a settings change reads every page" "$(imports_opening)" \
	    "$((2 * nmd))"
else
	import "$tmp/site/content"
fi
same "and the rest is a fresh import's"

# Hugo's default main section (no mainSections in the config): the most
# published pages, the pages of unchanged files counted from the
# database. Two sections, a: 2 published; b: 1 published, 2 drafts.
ms=$tmp/ms
mkdir -p "$ms/content/a" "$ms/content/b"
printf 'baseURL: https://ms.example.org/\ntitle: ms\n' >"$ms/hugo.yaml"
for n in 1 2; do
	printf -- '---\ntitle: "a%s"\ndate: 2020-01-0%s\n---\nA.\n' $n $n \
	    >"$ms/content/a/p$n.md"
done
for n in 1 2 3; do
	d=true
	[ $n = 1 ] && d=false
	printf -- '---\ntitle: "b%s"\ndate: 2020-01-0%s\ndraft: %s \n---\nB.\n' \
	    $n $n $d >"$ms/content/b/p$n.md"
done
msdb=$tmp/ms.db
msimport() { "$top/quire" import -q --db "$msdb" "$ms/content" >>"$tmp/import.log" 2>&1; }
kind_of() {
	sqlite3 -readonly "$msdb" "SELECT kind FROM page WHERE source = '$1'"
}
sleep 3
msimport
msimport
expect "unchanged, section a stays the main one (counted from the database)" \
    "$(kind_of a/p1.md)$(kind_of b/p1.md)" 01
# b's published page edited (read), a's counted from the database.
poke "$ms/content/b/p1.md" 'B.' 'C.'
msimport
expect "with b's page read and a's counted, a stays the main section" \
    "$(kind_of a/p1.md)$(kind_of b/p1.md)" 01
same "and the rest is a fresh import's" "$ms/content" "$msdb"
poke "$ms/content/b/p2.md" 'draft: true ' 'draft: false'
poke "$ms/content/b/p3.md" 'draft: true ' 'draft: false'
msimport
expect "two drafts published, b becomes the main section" \
    "$(kind_of a/p1.md)$(kind_of b/p1.md)" 10
same "and the rest is a fresh import's" "$ms/content" "$msdb"

# Translations: a page and its French one, each with its own stat.
tr=$tmp/tr
mkdir -p "$tr/content/posts"
printf 'baseURL: https://tr.example.org/\ntitle: tr\nmainSections: [posts]\nlanguages:\n  en:\n    weight: 1\n  fr:\n    weight: 2\n' \
    >"$tr/hugo.yaml"
printf -- '---\ntitle: "Hello"\ndate: 2020-01-01\n---\nHi.\n' \
    >"$tr/content/posts/hello.md"
printf -- '---\ntitle: "Bonjour"\ndate: 2020-01-01\n---\nSalut.\n' \
    >"$tr/content/posts/hello.fr.md"
trdb=$tmp/tr.db
trimport() { "$top/quire" import --db "$trdb" "$tr/content" >"$tmp/log" 2>&1; }
sleep 3
trimport
trimport
expect_re "an unchanged multilingual site's pages are unchanged" \
    "$(cat "$tmp/log")" " 2 unchanged"
poke "$tr/content/posts/hello.fr.md" 'Bonjour' 'Bonsoir'
trimport
expect_re "an edited translation is read, the other not" "$(cat "$tmp/log")" \
    " 1 updated, 1 unchanged"
expect "its new title is stored" "$(sqlite3 -readonly "$trdb" "SELECT title
    FROM page WHERE source = 'posts/hello.fr.md'")" Bonsoir
same "and the rest is a fresh import's" "$tr/content" "$trdb"

# A bundle's feature image (its OpenGraph image), then gone.
mkdir -p "$posts/bundled"
printf -- '---\ntitle: "Bundled"\ndate: 2020-03-03\n---\nWords.\n' >"$posts/bundled/index.md"
cp "$top/tests/hugo/covers/content/posts/listed/feature.gif" "$posts/bundled/feature.gif"
import "$tmp/site/content"
expect "a bundle's feature image is its OpenGraph image" "$(sqlite3 -readonly "$db" \
    "SELECT o.value FROM page_og_image o JOIN page p ON p.id = o.page_id
    WHERE p.source = 'posts/bundled/index.md' AND o.resource = 1")" \
    "/posts/bundled/feature.gif"
same "and the rest is a fresh import's"
rm "$posts/bundled/feature.gif"
import "$tmp/site/content"
same "with the image gone, a fresh import's"

report incremental
