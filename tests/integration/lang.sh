#!/usr/bin/env bash
# Languages: the fixture tests/hugo/lang (en at the root, fr by NAME.fr.md,
# de by its own contentDir, a translationKey, an undeclared suffix, a
# front-matter url, _index.LANG.md, .markdown) imported and served as
# Hugo 0.111.3 builds it (tests/golden/hugo-lang.tsv, written by
# tests/hugo/gen-golden-lang.sh): each page's language and URL, its
# translations (the hreflang links), each language's sections, home
# listing, terms and taxonomy feeds, a series in one language; then the routes Hugo writes for
# a multilingual site (/en/ redirect, the sitemap index, /fr/ feeds) and
# the aliases translations share. Closes with "lang: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin lang

golden=$top/tests/golden/hugo-lang.tsv
db=$tmp/lang.db
cgi() {
	env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI="$1" \
	    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null | tr -d '\r'
}

out=$("$top/quire" import -q --db "$db" "$top/tests/hugo/lang" 2>&1)
expect "the multilingual site imports" "$?:$out" "0:"

# 1. Every page: language, file in its language's content, URL (a
# section's own page is no regular page: section rows below).
got=$(sqlite3 -readonly -separator $'\t' "$db" "SELECT lang,
    replace(source, '../content-de/', ''), url FROM page WHERE kind <> 2" |
    LC_ALL=C sort)
want=$(awk -F'\t' '$1 == "page" { print $2 "\t" $3 "\t" $4 }' "$golden" |
    LC_ALL=C sort)
expect "each page's language and URL are Hugo's" "$got" "$want"

# 2. Translations: the hreflang links of each page, as Hugo's
# .Translations (language order).
bad=
while IFS=$'\t' read -r _ _ _ url trans; do
	links=$(cgi "$url" | sed -n 's/^<link rel="alternate" hreflang="\([^"]*\)" href="http:\/\/example.org\([^"]*\)">$/\1=\2/p' |
	    paste -sd, -)
	[ "$links" = "$trans" ] || bad="$bad $url:[$links]!=[$trans]"
done < <(awk -F'\t' '$1 == "page"' "$golden")
expect "each page's hreflang links are its translations" "$bad" ""

# 3. Each language's home lists its own posts in Hugo's order.
for lang in en fr de; do
	root=/; [ "$lang" = en ] || root=/$lang/
	got=$(cgi "$root" | grep -o '<a class="entry-link"[^>]*href="[^"]*"' |
	    sed 's/.*href="//; s/"$//')
	want=$(awk -F'\t' -v l="$lang" '$1 == "home" && $2 == l' "$golden" |
	    sort -t$'\t' -k3,3n | cut -f4)
	expect "the $lang home lists its posts as Hugo does" "$got" "$want"
	site=$(awk -F'\t' -v l="$lang" '$1 == "site" && $2 == l' "$golden")
	title=$(printf '%s' "$site" | cut -f3)
	expect_re "the $lang home is titled as its language" \
	    "$(cgi "$root" | grep -o '<title>[^<]*</title>')" "<title>$title</title>"
done

# 3b. Each language's sections: the title its _index.LANG.md gives (else
# Hugo's plural of the folder), its pages and its feed's, that
# language's only.
while IFS=$'\t' read -r _ lang url title count; do
	page=$(cgi "$url")
	expect_re "section $url is titled as Hugo titles it" \
	    "$(printf '%s' "$page" | grep -o '<h1>[^<]*</h1>')" "<h1>$title</h1>"
	expect "section $url lists its $count page(s)" \
	    "$(printf '%s' "$page" | grep -c '<article class="post-entry')" "$count"
	expect "$url has its feed" "$(cgi "${url}index.xml" | grep -c '<item>')" \
	    "$count"
done < <(awk -F'\t' '$1 == "section"' "$golden")
expect "a section of another language only is not at the root" \
    "$(cgi /notes/ | head -n 1)" "Status: 404 Not Found"

# 4. Terms per language, with their counts.
while IFS=$'\t' read -r _ lang tax url count; do
	n=$(cgi "$url" | grep -c '<article class="post-entry')
	expect "term page $url lists its $count page(s)" "$n" "$count"
	expect "$url has its feed" "$(cgi "${url}index.xml" | grep -c '<item>')" "$count"
done < <(awk -F'\t' '$1 == "term"' "$golden")
expect "a term of another language only is not at the root" \
    "$(cgi /tags/bonjour/ | head -n 1)" "Status: 404 Not Found"
# A taxonomy's feed: one item per term of that language, as Hugo's.
while read -r lang tax; do
	root=/; [ "$lang" = en ] || root=/$lang/
	got=$(cgi "$root$tax/index.xml" | sed -n 's/^ *<link>http:\/\/example.org\(.*\)<\/link>$/\1/p' |
	    sed 1d | LC_ALL=C sort | paste -sd' ' -)
	want=$(awk -F'\t' -v l="$lang" -v t="$tax" '$1 == "term" && $2 == l &&
	    $3 == t { print $4 }' "$golden" | LC_ALL=C sort | paste -sd' ' -)
	expect "$root$tax/index.xml lists the $lang terms" "$got" "$want"
done < <(awk -F'\t' '$1 == "term" { print $2, $3 }' "$golden" | sort -u)
# A series box lists that language's part only, oldest first, and links
# that language's series page.
n=$(awk -F'\t' '$1 == "term" && $4 == "/fr/series/salut/" { print $5 }' "$golden")
expect_re "a French series box counts French parts and links /fr/series/" \
    "$(cgi /fr/notes/premiere/ | grep -o '<p>Part .*</p>')" \
    "<p>Part 2 of $n in <a href=\"/fr/series/salut/\">Salut</a></p>"
expect "the French series box lists French pages only" \
    "$(cgi /fr/notes/premiere/ | sed -n '/toc series/,/<\/nav>/p' |
    grep -o 'href="[^"]*"' | paste -sd' ' -)" \
    'href="/fr/series/salut/" href="/fr/posts/hello/" href="/fr/posts/cle/"'

# 5. Markup: html lang, the switch, the translation list.
expect_re "a French page says its languageCode" \
    "$(cgi /fr/posts/hello/ | grep -o '<html lang="[^"]*"')" 'lang="fr-FR"'
expect_re "a German page says its code" \
    "$(cgi /de/ | grep -o '<html lang="[^"]*"')" 'lang="de"'
expect_re "the header switches to the other languages' homes" \
    "$(cgi /fr/ | grep -o '<ul class="lang-switch">.*</ul>')" \
    '<li><a href="/" title="English" aria-label="English">En</a></li><li><a href="/de/" title="Deutsch" aria-label="Deutsch">De</a></li>'
expect_re "the post meta lists the translations" \
    "$(cgi /posts/hello/ | grep -o '<ul class="i18n_list">.*</ul>')" \
    'Translations:<li><a href="/fr/posts/hello/">Fr</a></li><li><a href="/de/posts/hello/">De</a></li>'
expect_re "fixed links stay in the language" \
    "$(cgi /fr/posts/hello/ | grep -o 'breadcrumbs">.*</div>')" \
    '<a href="/fr/">Home</a>&nbsp;»&nbsp;<a href="/fr/posts/">Articles</a>'

# 6. Routes Hugo writes for a multilingual site.
r=$(cgi /en/)
expect_re "/en/ redirects to the root" "$r" 'Location: /'
r=$(cgi /sitemap.xml)
expect_re "/sitemap.xml is an index of the languages' sitemaps" \
    "$(printf '%s' "$r" | grep -o '<loc>[^<]*</loc>' | paste -sd' ' -)" \
    '^<loc>http://example.org/en/sitemap.xml</loc> <loc>http://example.org/fr/sitemap.xml</loc> <loc>http://example.org/de/sitemap.xml</loc>$'
expect_re "/fr/sitemap.xml lists French pages" "$(cgi /fr/sitemap.xml)" \
    '<loc>http://example.org/fr/posts/hello/</loc>'
expect "/fr/sitemap.xml lists no English page" \
    "$(cgi /fr/sitemap.xml | grep '<loc>' | grep -c 'example.org/posts/')" 0
expect_re "/en/sitemap.xml lists English pages" "$(cgi /en/sitemap.xml)" \
    '<loc>http://example.org/posts/hello/</loc>'
expect "the French feed holds French pages only" \
    "$(cgi /fr/index.xml | grep '<link>' | grep -vc 'org/fr/\|custom-fr')" 0
for f in atom.xml feed.json; do
	expect_re "/fr/posts/$f is served" "$(cgi /fr/posts/$f | head -n 1)" '200'
done
if python3 -c 'import feedparser' 2>/dev/null; then
	cgi /fr/index.xml | sed '1,/^$/d' >"$tmp/fr.xml"
	n=$(python3 -c 'import feedparser,sys; d=feedparser.parse(sys.argv[1]); print(0 if d.bozo else len(d.entries))' "$tmp/fr.xml")
	expect "feedparser reads the French feed" "$n" \
	    "$(awk -F'\t' '$1 == "page" && $2 == "fr"' "$golden" | wc -l)"
fi
# Hugo writes a shared absolute alias once, the later language last.
expect_re "an alias both translations declare goes to the later language" \
    "$(cgi /old-hello/)" 'Location: /fr/posts/hello/'
expect_re "a relative alias is relative to the translation" \
    "$(cgi /fr/posts/old-rel/)" 'Location: /fr/posts/hello/'

# 7. languages in config/_default/languages.yaml, each language's
# contentDir under content/ (letsencrypt's layout); Hugo 0.111.3 gives
# /about/, /posts/hello/ and /fr/posts/hello/.
cd_site=$tmp/configdir
mkdir -p "$cd_site/config/_default" "$cd_site/content/en/posts" \
    "$cd_site/content/fr/posts"
printf 'baseURL: http://example.org/\ndefaultContentLanguage: en\n' \
    >"$cd_site/config/_default/hugo.yaml"
printf 'en: {contentDir: content/en, weight: 1}\nfr: {contentDir: content/fr, weight: 2}\n' \
    >"$cd_site/config/_default/languages.yaml"
printf -- '---\ntitle: About\n---\nAbout.\n' >"$cd_site/content/en/about.md"
printf -- '---\ntitle: Hello\ndate: 2024-01-02\n---\nHello.\n' \
    >"$cd_site/content/en/posts/hello.md"
printf -- '---\ntitle: Bonjour\ndate: 2024-01-02\n---\nBonjour.\n' \
    >"$cd_site/content/fr/posts/hello.md"
"$top/quire" import -q --db "$tmp/cd.db" "$cd_site"
expect "languages.yaml and contentDir under content/ give Hugo's URLs" \
    "$(sqlite3 -readonly "$tmp/cd.db" "SELECT lang || ' ' || url FROM page
     ORDER BY url" | paste -sd, -)" \
    "en /about/,fr /fr/posts/hello/,en /posts/hello/"

# 8. One file per language (config/_default/languages.fr.toml, as
# letsencrypt's): Hugo 0.111.3 reads it as languages.fr, so the same URLs.
rm -f "$cd_site/config/_default/languages.yaml"
printf 'contentDir = "content/en"\nweight = 1\n' \
    >"$cd_site/config/_default/languages.en.toml"
printf 'contentDir = "content/fr"\nweight = 2\ntitle = "Le site"\n' \
    >"$cd_site/config/_default/languages.fr.toml"
printf '[[main]]\nname = "Accueil"\nurl = "/"\n' \
    >"$cd_site/config/_default/menus.fr.toml"
out=$("$top/quire" import -q --db "$tmp/cd2.db" "$cd_site" 2>&1)
expect "languages.CODE.toml files are the languages map" \
    "$(sqlite3 -readonly "$tmp/cd2.db" "SELECT lang || ' ' || url FROM page
     ORDER BY url" | paste -sd, -)" \
    "en /about/,fr /fr/posts/hello/,en /posts/hello/"
db=$tmp/cd2.db
expect "a language's own menus file is its menu" \
    "$(cgi /fr/ | sed -n '/<ul id="menu">/,/<\/ul>/p' | grep -o 'href="[^"]*" title="[^"]*"')" \
    'href="/fr/" title="Accueil"'
expect_re "a language's file gives its title" \
    "$(cgi /fr/ | grep -o '<title>[^<]*</title>')" '<title>Le site</title>'

# 9. A site with no content/: every language in a contentDir of its own
# (hugo-book's exampleSite), one missing, a theme whose archetype holds a
# template date, a hugo.yaml that hugo.toml beside it keeps Hugo from
# reading (tests/hugo/langdirs); and a top-level contentDir that the
# languages naming none share, beside a content/ Hugo does not read
# (tests/hugo/langdirs-shared). Each page at Hugo's language and URL
# (tests/golden/hugo-langdirs*.tsv, gen-golden-langdirs.sh), on a fresh
# database (the configuration names the folders to walk) and again over
# the stored settings.
pages_of() {	# lang, file relative to the site, URL of each page of db $1
	sqlite3 -readonly -separator $'\t' "$1" "SELECT lang, CASE WHEN
	    source LIKE '../%' THEN substr(source, 4) ELSE 'content/' ||
	    source END, url FROM page" | LC_ALL=C sort
}
for site in langdirs langdirs-shared langdirs-inner langdirs-mounts; do
	want=$(sed 1d "$top/tests/golden/hugo-$site.tsv")
	out=$("$top/quire" import -q --db "$tmp/$site.db" \
	    "$top/tests/hugo/$site" 2>&1)
	expect "$site: a fresh import succeeds" "$?" 0
	expect "$site: each page's language and URL are Hugo's" \
	    "$(pages_of "$tmp/$site.db")" "$want"
	again=$("$top/quire" import --db "$tmp/$site.db" \
	    "$top/tests/hugo/$site" 2>&1)
	expect_re "$site: imported again, every page is unchanged" "$again" \
	    " 0 added, 0 updated, $(printf '%s\n' "$want" | wc -l) unchanged, 0 removed"
	[ "$site" = langdirs ] && warned=$out
done
# Each language's contentDir inside content/ (tests/hugo/langdirs-inner):
# content/ named as the PATH, its files in no language's are skipped, as
# Hugo reads none of them, each with a warning.
site=$top/tests/hugo/langdirs-inner
out=$("$top/quire" import -q --db "$tmp/inner.db" "$site/content" 2>&1)
expect "content/ beside languages' contentDirs inside it: Hugo's pages" \
    "$(pages_of "$tmp/inner.db")" "$(sed 1d "$top/tests/golden/hugo-langdirs-inner.tsv")"
expect "its files in no language's contentDir are skipped with a warning" \
    "$out" "warning: $site/content/CLAUDE.md: in no language's contentDir; skipped, as Hugo 0.111 does not read it
warning: $site/content/NOTES.md: in no language's contentDir; skipped, as Hugo 0.111 does not read it
warning: $site/content/drafts: in no language's contentDir; skipped, as Hugo 0.111 does not read it"
# module.mounts: the form one mount a language is each language's
# contentDir (tests/hugo/langdirs-mounts, above, imports without a
# word); any other is a warning naming the file and line.
cp -r "$top/tests/hugo/langdirs-mounts" "$tmp/mounts"
sed -i 's/lang: zh}/lang: zh, excludeFiles: "*.txt"}/' "$tmp/mounts/config.yaml"
out=$("$top/quire" import -q --db "$tmp/mounts.db" "$tmp/mounts" 2>&1)
expect "other module.mounts warn once" \
    "$(printf '%s\n' "$out" | grep -c "module.mounts")" 1
expect "that contentDir is read instead, naming the file and line" \
    "$(printf '%s\n' "$out" | grep "module.mounts")" "$tmp/mounts/config.yaml:$(grep -n '^    - ' "$tmp/mounts/config.yaml" | head -n 1 | cut -d: -f1): warning: 'module.mounts': quire ignores module mounts and reads contentDir only (content/ by default, and each language's)"
expect "a missing contentDir is skipped with a warning naming it" \
    "$warned" "warning: $top/tests/hugo/langdirs/content.es: contentDir of language 'es': No such file or directory; skipped, as Hugo 0.111 builds without it"
db=$tmp/langdirs.db
expect_re "a page of a contentDir is served" "$(cgi /zh/docs/intro/ | head -n 1)" \
    '^Status: 200'
# A site's folder without content/ or a configuration is no site: its
# folders are the main section's, as before.
mkdir -p "$tmp/plain/notes"
printf -- '---\ntitle: Plain\n---\nText.\n' >"$tmp/plain/notes/a.md"
"$top/quire" import -q --db "$tmp/plain.db" "$tmp/plain"
expect "a folder with no configuration is the main section" \
    "$(sqlite3 -readonly "$tmp/plain.db" "SELECT source || ' ' || url FROM page")" \
    "posts/notes/a.md /posts/notes/a/"
# A configuration beside them makes it a site, whose content/ is missing:
# Hugo 0.111.3 builds it with no pages; so does quire, with a warning.
printf 'title: Plain\n' >"$tmp/plain/config.yaml"
out=$("$top/quire" import -q --db "$tmp/plain.db" "$tmp/plain" 2>&1)
expect "a site's folder with no content folder warns, naming it" "$out" \
    "warning: $tmp/plain: no content folder of this Hugo site exists (its contentDir, content/ by default, or a language's): no pages, as Hugo builds it"
expect "and has no pages" "$(sqlite3 -readonly "$tmp/plain.db" "SELECT count(*) FROM page")" 0
# A configuration in config/_default/ makes the folder a site too (Hugo
# 0.111.3 builds /posts/un/).
mkdir -p "$tmp/cfgonly/config/_default" "$tmp/cfgonly/docs-fr/posts"
printf 'baseURL: http://example.org/\ndefaultContentLanguage: fr\nlanguages:\n  fr: {contentDir: docs-fr}\n' \
    >"$tmp/cfgonly/config/_default/hugo.yaml"
printf -- '---\ntitle: Un\n---\nTexte.\n' >"$tmp/cfgonly/docs-fr/posts/un.md"
"$top/quire" import -q --db "$tmp/cfgonly.db" "$tmp/cfgonly"
expect "config/_default/ alone makes a site: its languages' contentDirs are read" \
    "$(sqlite3 -readonly "$tmp/cfgonly.db" "SELECT lang || ' ' || url FROM page")" \
    "fr /posts/un/"

# 10. ref and relref under each contentDir layout (tests/hugo/reflang:
# en and zh inside content/, beside it, by NAME.zh.md): a path is from
# the page's own language's content root, a page of its language only,
# lang= another language's; every item as Hugo 0.111.3 wrote it
# (tests/golden/hugo-reflang.tsv, gen-golden-langdirs.sh), NOTFOUND
# (refLinksNotFoundURL) where Hugo finds no page.
for site in inside beside root; do
	db=$tmp/reflang-$site.db
	out=$("$top/quire" import -q --db "$db" "$top/tests/hugo/reflang/$site" 2>&1)
	expect "reflang/$site: the import succeeds" "$?" 0
	got=$(pages_of "$db" | while IFS=$'\t' read -r lang file url; do
		cgi "$url" | grep -o '<li>r[0-9]* [^<]*</li>' |
		    sed "s|^<li>\([^ ]*\) \(.*\)</li>\$|$site\t$lang\t$file\t\1\t\2|"
	done | LC_ALL=C sort)
	want=$(awk -F'\t' -v s="$site" '$1 == s' "$top/tests/golden/hugo-reflang.tsv")
	expect "reflang/$site: every ref is Hugo's" "$got" "$want"
	expect "reflang/$site: each ref Hugo does not find is a warning" \
	    "$(printf '%s\n' "$out" | grep -c 'REF_NOT_FOUND')" \
	    "$(printf '%s\n' "$want" | grep -c NOTFOUND)"
done

report lang
