#!/usr/bin/env bash
# Importer-made HTML in bodies (include/fragments.h, schema 013): each
# fenced code block is written once at import, stored in page_fragment
# and spliced by the worker where the block stands, in the article, the
# full-text feed and a section's own text; an indented block stays
# cmark's; a damaged row is a 503 with a log line, never a wrong page;
# an article loads the copy button's script unless the site says no.
# Closes with "fragments: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin fragments

site=$tmp/site
mkdir -p "$site/content/posts"
printf 'baseURL: https://example.org/\ntitle: T\nparams:\n  ShowFullTextinRSS: true\n' \
    > "$site/hugo.yaml"
cat > "$site/content/posts/a.md" <<'MD'
---
title: A
date: 2024-01-01
---
Before.

```nosuchlang {linenos=true}
x < "y"
```

    indented <b>

```
plain
```
MD
cat > "$site/content/posts/_index.md" <<'MD'
---
title: Posts
---
```nosuchlang
in the section's text
```
MD
db=$tmp/f.db
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the site imports" $? "$tmp/log"
expect "one row per fenced block, in order" \
    "$(sqlite3 -readonly "$db" "SELECT f.kind || ':' || f.ordinal FROM page_fragment f
        JOIN page p ON p.id = f.page_id WHERE p.source = 'posts/a.md'" | tr '\n' ' ')" \
    "0:0 0:1 "
body /posts/a/ > "$tmp/a.html"
expect "the article splices the first block as Hugo writes it" \
    "$(grep -c '^<pre tabindex="0"><code class="language-nosuchlang" data-lang="nosuchlang">x &lt; &#34;y&#34;$' "$tmp/a.html")" 1
expect "and the second, with no language" \
    "$(grep -c '^<pre tabindex="0"><code>plain$' "$tmp/a.html")" 1
expect "an indented block stays cmark's" \
    "$(grep -c '^<pre><code>indented &lt;b&gt;$' "$tmp/a.html")" 1
body /index.xml > "$tmp/feed.xml"
expect "the full-text feed has the spliced block" \
    "$(grep -c 'data-lang=&#34;nosuchlang&#34;\|data-lang=&quot;nosuchlang&quot;' "$tmp/feed.xml")" 1
expect "a section's own text has its block" \
    "$(body /posts/ | grep -c 'in the section&#39;s text')" 1

expect "an article loads the copy button's script" \
    "$(grep -c '<script src="/js/copy.js" defer></script>' "$tmp/a.html")" 1
printf '  ShowCodeCopyButtons: false\n' >> "$site/hugo.yaml"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "but not when params.ShowCodeCopyButtons is false" \
    "$(body /posts/a/ | grep -c 'copy.js')" 0

# A row that breaks the 0, 1, 2... order is damage: 503, logged.
sqlite3 "$db" "UPDATE page_fragment SET ordinal = 5 WHERE ordinal = 1"
out=$(env -i QUIRE_DB="$db" REQUEST_METHOD=GET REQUEST_URI=/posts/a/ \
    "$top/cgi-bin/quire.fcgi" </dev/null 2>"$tmp/err" | sed -n '1s/\r$//p')
expect "a damaged fragment row answers 503" "$out" "Status: 503 Service Unavailable"
expect "and says why in the log" "$(grep -c 'fragment 5 of kind 0 where 1 was due' "$tmp/err")" 1
report fragments
