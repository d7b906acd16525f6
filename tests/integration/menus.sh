#!/usr/bin/env bash
# Menus: menu.main entries that name a page by pageRef (as PaperMod's own
# exampleSite and real sites write them) link where Hugo 0.111 links them
# (tests/golden/hugo-menus.tsv, from tests/hugo/menus by gen-golden.sh):
# the named page's URL (slug, permalinks, bundles, any case), a section's
# or taxonomy's list; one naming nothing links to its path, with a
# warning naming it. The header shows them.
# Closes with "menus: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin menus

db=$tmp/m.db
"$top/quire" import --db "$db" "$top/tests/hugo/menus" >"$tmp/log" 2>&1
cond_rc "a site with pageRef menu entries imports" $? "$tmp/log"
expect "every entry links where Hugo links it" \
    "$(sqlite3 -readonly -separator $'\t' "$db" "SELECT value FROM site
	WHERE key LIKE 'menu.%' ORDER BY key" | tr '\037' '\t' | LC_ALL=C sort)" \
    "$(tail -n +2 "$top/tests/golden/hugo-menus.tsv" | LC_ALL=C sort)"
home=$(env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI=/ \
    "$top/cgi-bin/quire.fcgi" </dev/null 2>/dev/null)
expect_re "the header links the bundle by its slug" "$home" \
    'href="/posts/bundle-slug/"[^>]*>(<span>)?A bundle'

cp -r "$top/tests/hugo/menus" "$tmp/site"
sed -i 's|pageRef: /about$|pageRef: /nowhere|' "$tmp/site/hugo.yaml"
"$top/quire" import --db "$tmp/n.db" "$tmp/site" >"$tmp/log" 2>&1
cond_rc "a pageRef naming nothing still imports" $? "$tmp/log"
expect_re "with a warning naming it" "$(cat "$tmp/log")" \
    "warning: menu entry 'About': pageRef '/nowhere' names no page or section; it links to /nowhere/"
expect_re "an entry with no url (a parent of others) links the home, as PaperMod's absLangURL" "$home" \
    'href="/"[^>]*>(<span>)?Group'
if printf '%s' "$home" | grep -q 'Child of group'; then
	not_ok "an entry under a parent is not in the header, as in PaperMod" "$home"
else
	ok "an entry under a parent is not in the header, as in PaperMod"
fi

report menus
