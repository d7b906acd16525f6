#!/usr/bin/env bash
# Incremental imports: a database kept up to date one changed file at a
# time must hold what a fresh import of the same folder holds. The
# importer looks again only at what a save touched (the terms of changed
# pages, the related lists' copies of changed cards, the sections' dates
# along page_card's key, the cards without an entry): this suite edits a
# generated blog the ways that move those (a tag's first spelling, a
# related page's title, a section's newest date, a removed and an added
# post), imports each change alone, and compares every derived table,
# row by row by source, with a fresh import's.
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
	    JOIN page p ON p.id = h.id ORDER BY 2;"
}
# same DESC: the kept database against a fresh import of the folder.
same() {
	rm -rf "$tmp/fresh.db" "$tmp/fresh.files"
	"$top/quire" import -q --db "$tmp/fresh.db" "$tmp/site/content" \
	    >>"$tmp/import.log" 2>&1
	dump "$db" >"$tmp/kept.txt"
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

report incremental
