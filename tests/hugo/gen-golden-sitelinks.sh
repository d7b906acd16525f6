#!/usr/bin/env bash
# Regenerate tests/golden/hugo-sitelinks*.txt|tsv with Hugo 0.111.3 from the
# fixture tests/hugo/sitelinks/ (a blog under /blog/ whose pages show a
# bundle's images and files, the static/ tree and a theme's static/).
#
# hugo-sitelinks-served.txt: every URL Hugo's build serves, one a line: each
# file of public/ at baseURL's path, and a folder holding index.html at its
# URL with the trailing slash. hugo-sitelinks.tsv: per page, the same-site
# images and links of its .Content (the layouts write nothing else), each
# resolved against the page's URL as a browser does (compare-sites/links.py
# reads them), and whether Hugo's build serves it (1 or 0; a folder named
# without its slash counts, as a static server redirects it).
# tests/integration/sitelinks.sh compares quire's import and worker with them.
set -euo pipefail
export TZ=UTC PYTHONDONTWRITEBYTECODE=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/../golden"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

hugo --quiet --source "$here/sitelinks" --destination "$tmp/public" \
	--cacheDir "$tmp/cache" --noBuildLock --cleanDestinationDir >/dev/null
python3 - "$tmp/public" "$golden" "$here/compare-sites" <<'PY'
import os, sys
public, golden = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
from links import Refs, Site

base = "/blog"
served = set()
pages = []
for d, _, files in os.walk(public):
    rel = os.path.relpath(d, public)
    rel = "" if rel == "." else rel + "/"
    for f in files:
        served.add(base + "/" + rel + f)
        if f == "index.html":
            served.add(base + "/" + rel)
            pages.append((base + "/" + rel, os.path.join(d, f)))
with open(os.path.join(golden, "hugo-sitelinks-served.txt"), "w") as out:
    out.write("".join(u + "\n" for u in sorted(served)))
open(os.path.join(public, "urls.txt"), "w").close()
site = Site("http://127.0.0.1:8080/blog/", public, os.path.join(public, "urls.txt"), "/nonexistent", [])
rows = set()
for url, f in pages:
    p = Refs()
    p.feed(open(f, encoding="utf-8").read())
    p.close()
    for kind, tag, attr, raw in p.refs:
        uri = site.same_site(url, raw)
        if uri is not None:
            path = uri.split("?")[0]
            # A folder named without its slash: a static server redirects.
            ok = path in served or path.rstrip("/") + "/" in served
            rows.add((url, kind, uri, "1" if ok else "0"))
with open(os.path.join(golden, "hugo-sitelinks.tsv"), "w") as out:
    out.write("page\tkind\turl\tserved\n")
    out.write("".join("\t".join(r) + "\n" for r in sorted(rows)))
PY
