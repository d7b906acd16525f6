#!/usr/bin/env bash
# Shortcodes at import (src/shortcode.c): the stored body holds Hugo's
# placeholders and the worker splices their output; a page (or a
# section's text) that embeds a video widens its own frame-src to that
# host only; ref and relref resolve
# against every imported page, again on the next import when a target
# moves; a missing target or a malformed shortcode fails the import with
# FILE:LINE and leaves the database as it was; an unknown shortcode warns.
# Closes with "shortcodes: N passed, M failed".
set -u
top=$(pwd)
. "$(dirname "$0")/lib.sh"
suite_begin shortcodes

site=$tmp/site
mkdir -p "$site/content/posts"
printf 'baseURL: https://example.org/\ntitle: T\nparams:\n  Nested: {Key: Site value}\n  quire:\n    shortcodes:\n      aside: details\n' \
    > "$site/hugo.yaml"
cat > "$site/content/posts/a.md" <<'MD'
---
title: A
date: 2024-01-01
---
See {{< ref "b.md" >}} and [b]({{< relref "b" >}}).

{{< youtube abc >}}

{{< notice warning >}}
Careful *now*.
{{< /notice >}}

{{< box >}}inner of box{{< /box >}}

Literal {{</* youtube x */>}}.
MD
cat > "$site/content/posts/_index.md" <<'MD'
---
title: Posts
---
{{< vimeo 42 >}}
MD
cat > "$site/content/posts/b.md" <<'MD'
---
title: B
date: 2024-01-02
slug: bee
---
Bee.
MD
cat > "$site/content/posts/d.md" <<'MD'
---
title: D
date: 2024-01-03
own: {deep: Page value}
---
Params {{< param "own.Deep" >}}, {{< param "nested.key" >}}.

```text
see {{< ref "b.md" >}}
```

{{< aside summary="More" >}}hidden{{< /aside >}}
MD
mkdir -p "$site/content/notes/bundle"
cat > "$site/content/notes/bundle/index.md" <<'MD'
---
title: Bundle
date: 2024-01-04
---
Up {{< relref "d" >}}, by name {{< relref "/a.md" >}}, beside {{< relref "other.md" >}}.
MD
printf -- '---\ntitle: Other\ndate: 2024-01-05\n---\nO.\n' > "$site/content/notes/other.md"
db=$tmp/s.db
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the site imports" $? "$tmp/log"
expect "an unknown shortcode warns with FILE:LINE and its name" \
    "$(grep -c 'posts/a.md:13: shortcode "box" is not known; its inner content is shown' "$tmp/log")" 1
cgi /posts/a/ > "$tmp/a.http"
expect "ref is the target's permalink" \
    "$(grep -c 'See https://example.org/posts/bee/ and <a href="/posts/bee/">b</a>' "$tmp/a.http")" 1
expect "the youtube iframe is spliced" \
    "$(grep -c '<iframe src="https://www.youtube.com/embed/abc"' "$tmp/a.http")" 1
expect "the page frames youtube and nothing else" \
    "$(grep -i '^Content-Security-Policy:' "$tmp/a.http" | grep -o "frame-src[^;]*" | tr -d '\r')" \
    "frame-src 'self' https://www.youtube.com"
expect "a section's own text frames its host on its listing" \
    "$(cgi /posts/ | grep -i '^Content-Security-Policy:' | grep -o "frame-src[^;]*" | tr -d '\r')" \
    "frame-src 'self' https://player.vimeo.com"
expect "another page frames nothing from another site" \
    "$(cgi /posts/bee/ | grep -ci '^Content-Security-Policy:.*frame-src')" 0
expect "the admonition wraps its Markdown" \
    "$(tr -d '\n' < "$tmp/a.http" | grep -c '<div class="admonition warning"><p class="admonition-title">Warning</p><p>Careful <em>now</em>.</p></div>')" 1
expect "the unknown shortcode shows its inner content" \
    "$(grep -c '<p>inner of box</p>' "$tmp/a.http")" 1
expect "the comment form prints the shortcode" \
    "$(grep -c '<p>Literal {{&lt; youtube x &gt;}}.</p>' "$tmp/a.http")" 1
expect "no reader sees an unescaped shortcode or a placeholder" \
    "$(grep -c '{{<\|{{%\|HAHAHUGOSHORTCODE' "$tmp/a.http")" 0
expect "a shortcode in a fenced code block: its output in the code" \
    "$(body /posts/d/ | grep -c 'data-lang="text"><span class="line"><span class="cl">see https://example.org/posts/bee/$')" 1
expect "param: the page's, then the site's, dotted, without case" \
    "$(body /posts/d/ | grep -c '<p>Params Page value, Site value.</p>')" 1
expect "a site's name mapped onto details (params.quire.shortcodes)" \
    "$(body /posts/d/ | tr -d '\n' | grep -c '<details>  <summary markdown="span">More</summary><p>hidden</p></details>')" 1
expect "a bundle's ref looks beside its folder; a bare name anywhere" \
    "$(body /notes/bundle/ | grep -c '<p>Up /posts/d/, by name /posts/a/, beside /notes/other/.</p>')" 1
expect "the word count holds the ref's URL" \
    "$(sqlite3 -readonly "$db" "SELECT words FROM page_card c JOIN page p ON p.id = c.page_id WHERE p.source = 'posts/a.md'")" 15

# The target moves; a.md is unchanged, and its ref follows.
sed -i 's/^slug: bee/slug: wasp/' "$site/content/posts/b.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "the site imports again" $? "$tmp/log"
expect "the unchanged page's ref follows its moved target" \
    "$(body /posts/a/ | grep -c 'See https://example.org/posts/wasp/ and <a href="/posts/wasp/">b</a>')" 1
expect "and counts as unchanged" "$(grep -o "[0-9]* added, [0-9]* updated, [0-9]* unchanged" "$tmp/log")" "0 added, 1 updated, 5 unchanged"

# A missing target and a malformed shortcode fail with FILE:LINE.
cp "$db" "$tmp/before.db"
printf -- '---\ntitle: C\n---\nOne.\n\n{{< ref "nope.md" >}}\n' > "$site/content/posts/c.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "a missing ref target fails the import" "$?" 1
expect "with Hugo's REF_NOT_FOUND at its line" \
    "$(grep -c 'posts/c.md:6: REF_NOT_FOUND: Ref "nope.md": page not found' "$tmp/log")" 1
# A target published later resolves now; a draft's missing one warns.
rm "$site/content/posts/c.md"
printf -- '---\ntitle: F\ndate: 2999-01-01\n---\nSee {{< relref "later" >}}.\n' > "$site/content/posts/f.md"
printf -- '---\ntitle: L\ndate: 2999-01-02\n---\nL.\n' > "$site/content/posts/later.md"
printf -- '---\ntitle: G\ndraft: true\n---\n{{< ref "nope.md" >}}\n' > "$site/content/posts/g.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cond_rc "pages published later, and a draft, import" $? "$tmp/log"
expect "a ref to a page published later is its URL" \
    "$(sqlite3 -readonly "$db" "SELECT body FROM page WHERE source = 'posts/f.md'" | grep -c HAHAHUGOSHORTCODEs0HBHB) $(sqlite3 -readonly "$db" "SELECT f.html FROM page_fragment f JOIN page p ON p.id = f.page_id WHERE p.source = 'posts/f.md'")" \
    "1 /posts/later/"
expect "a draft's ref to no page is a warning" \
    "$(grep -c 'posts/g.md:5: REF_NOT_FOUND: Ref "nope.md": page not found' "$tmp/log")" 1
rm "$site/content/posts/f.md" "$site/content/posts/later.md" "$site/content/posts/g.md"
# A heading holding shortcodes: Goldmark's id from Hugo's placeholders,
# numbered over both forms (Hugo 0.111.3 writes this very id).
printf -- '---\ntitle: P\n---\n{{%% param title %%}} a {{< param title >}}\n\n## Hello {{< param title >}} world {{< param title >}}\n' \
    > "$site/content/posts/p.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "a heading's shortcodes give Hugo's id" \
    "$(body /posts/p/ | grep -c '<h2 id="hello-hahahugoshortcodes2hbhb-world-hahahugoshortcodes3hbhb">Hello P world P')" 1
# An inline shortcode is a template in the content: nothing, as Hugo
# without enableInlineShortcodes, and never its template text.
printf -- '---\ntitle: I\n---\nBefore {{< m.inline >}}{{ if true }}words{{ end }}{{< /m.inline >}} after.\n' \
    > "$site/content/posts/i.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "an inline shortcode shows nothing, as Hugo's default" \
    "$(body /posts/i/ | grep -c '<p>Before  after.</p>')" 1
expect "and the import says why, at its line" \
    "$(grep -c 'posts/i.md:4: inline shortcode "m.inline" shows nothing: the site does not set enableInlineShortcodes' "$tmp/log")" 1
# With enableInlineShortcodes, a template without actions is its own
# output (tests/hugo/shortcodes' inline.md against Hugo); one with
# actions still shows nothing, never its text, and the import says so.
cp "$site/hugo.yaml" "$tmp/hugo.yaml.saved"
printf 'enableInlineShortcodes: true\n' >> "$site/hugo.yaml"
printf -- '---\ntitle: J\n---\nA {{< s.inline >}}<b>still</b>{{< /s.inline >}} and {{< s.inline />}}.\n' \
    > "$site/content/posts/j.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "enabled, a template with actions still shows nothing" \
    "$(body /posts/i/ | grep -c '<p>Before  after.</p>')" 1
expect "and the import says why, at its line" \
    "$(grep -c 'posts/i.md:4: inline shortcode "m.inline" is a Go template with actions, which quire does not run' "$tmp/log")" 1
expect "a template without actions is its output, again where used by name" \
    "$(body /posts/j/ | grep -c '<p>A <b>still</b> and <b>still</b>.</p>')" 1
mv "$tmp/hugo.yaml.saved" "$site/hugo.yaml"
rm "$site/content/posts/j.md"
# A shortcode with nothing to show inside a raw HTML block (letsencrypt's
# thankyou.md): Hugo's placeholder keeps its line from being blank, so
# the block runs on to its end, never an indented "</div>" shown as code.
printf -- '---\ntitle: H\n---\n<div class="x">\n  <p>Kept.</p>\n  <div>\n      {{< widget >}}\n    </div>\n</div>\n' \
    > "$site/content/posts/h.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
body /posts/h/ > "$tmp/h.html"
expect "a shortcode inside raw HTML leaves the block whole (omitted: unsafe is off)" \
    "$(grep -c '&lt;/div&gt;' "$tmp/h.html") $(grep -c 'raw HTML omitted' "$tmp/h.html")" "0 1"
rm "$site/content/posts/p.md" "$site/content/posts/i.md" "$site/content/posts/h.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
cp "$db" "$tmp/before.db"
printf -- '---\ntitle: A\n---\nOne.\n' > "$site/content/notes/a.md"
mkdir -p "$site/content/misc"
printf -- '---\ntitle: C\n---\nOne.\n\n{{< ref "a" >}}\n' > "$site/content/misc/c.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "a name two pages have fails the import" "$?" 1
expect "as Hugo's ambiguous reference" \
    "$(grep -c 'misc/c.md:6: REF_NOT_FOUND: Ref "a": page reference "a" is ambiguous' "$tmp/log")" 1
rm -r "$site/content/notes/a.md" "$site/content/misc"
printf -- '---\ntitle: C\n---\nOne.\n\n{{< notice >}}never closed\n' > "$site/content/posts/c.md"
"$top/quire" import --db "$db" "$site" >"$tmp/log" 2>&1
expect "an unclosed shortcode fails the import" "$?" 1
expect "with Hugo's message at its line" \
    "$(grep -c 'posts/c.md:6: failed to extract shortcode: shortcode "notice" must be closed or self-closed' "$tmp/log")" 1
expect "the database is untouched" "$(cmp -s "$db" "$tmp/before.db"; echo $?)" 0
report shortcodes
