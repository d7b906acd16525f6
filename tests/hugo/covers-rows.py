#!/usr/bin/env python3
"""covers-rows.py - the cover markup of a built site, as rows to compare
(tests/hugo/gen-golden-covers.sh writes Hugo's; tests/integration/covers.sh
compares quire's with them).

    covers-rows.py CONFIG BASEPATH HOME.html ROUTE=ARTICLE.html...
        [ROUTE=head:LIST.html...]

prints "CONFIG<TAB>ROUTE<TAB>WHERE<TAB>VALUE" rows: WHERE is "list" (the
figure of the home page's entry for ROUTE), "single" (the article's
figure), "og:image" (every one, " | " between), "twitter:card" or
"twitter:image", "ld:image" (the JSON-LD's), also for the home page
(ROUTE "/") and each ROUTE=head:FILE (a list page: those four alone);
"-" for none. A
figure is written canonically: tags with their attributes sorted and
unescaped, text with its spaces collapsed, a srcset as its widths and
last URL, and quire's <picture>/<source> (the WebP copies PaperMod does
not write) left out."""
import html.parser
import json
import re
import sys
from urllib.parse import urlparse


class Canon(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def attrs(self, attrs):
        parts = []
        for k, v in sorted(attrs):
            v = v or ""
            if k == "srcset":
                items = [i.strip() for i in v.split(",") if i.strip()]
                widths = " ".join(i.split()[-1] for i in items)
                v = widths + " ; " + (items[-1].split()[0] if items else "")
            parts.append("%s=%s" % (k, v))
        return " ".join(parts)

    def handle_starttag(self, tag, attrs):
        if tag in ("picture", "source"):
            return
        self.out.append("<%s %s>" % (tag, self.attrs(attrs)))

    def handle_endtag(self, tag):
        if tag == "picture":
            return
        self.out.append("</%s>" % tag)

    def handle_data(self, data):
        data = " ".join(data.split())
        if data:
            self.out.append(data)


def canon(fragment):
    if fragment is None:
        return "-"
    p = Canon()
    p.feed(fragment)
    p.close()
    return "".join(p.out)


FIGURE = re.compile(r'<figure class="entry-cover">.*?</figure>', re.S)
ARTICLE = re.compile(r'<article class="[^"]*">(.*?)</article>', re.S)
LINK = re.compile(r'class="entry-link"[^>]*href="([^"]*)"')


def route_of(href, base):
    path = urlparse(href).path
    return "/" + path[len(base):] if path.startswith(base) else path


def meta(page, attr, name):
    """Every <meta> named name: their content in order, " | " between."""
    found = re.findall(r'<meta %s="%s" content="([^"]*)"' % (attr, name),
                       page)
    return " | ".join(canon(v) for v in found) if found else "-"


LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LD_IMAGE = re.compile(r'"image":\s*("(?:[^"\\]|\\.)*")')


def ld_image(page):
    """The "image" of the page's JSON-LD (its article's), "-" for none."""
    for block in LD.findall(page):
        m = LD_IMAGE.search(block)
        if m:
            return json.loads(m.group(1))
    return "-"


def head_rows(route, page):
    return [(route, "og:image", meta(page, "property", "og:image")),
            (route, "ld:image", ld_image(page)),
            (route, "twitter:card", meta(page, "name", "twitter:card")),
            (route, "twitter:image", meta(page, "name", "twitter:image"))]


def main():
    config, base, home = sys.argv[1:4]
    rows = []
    with open(home, encoding="utf-8") as f:
        page = f.read()
    rows += head_rows("/", page)
    for block in ARTICLE.findall(page):
        link = LINK.search(block)
        if not link:
            continue
        fig = FIGURE.search(block)
        rows.append((route_of(link.group(1), base), "list",
                     canon(fig.group(0) if fig else None)))
    for arg in sys.argv[4:]:
        route, path = arg.split("=", 1)
        head_only = path.startswith("head:")
        with open(path[5:] if head_only else path, encoding="utf-8") as f:
            page = f.read()
        if head_only:
            rows += head_rows(route, page)
            continue
        fig = FIGURE.search(page)
        rows.append((route, "single", canon(fig.group(0) if fig else None)))
        rows += head_rows(route, page)
    for route, where, value in sorted(rows):
        print("%s\t%s\t%s\t%s" % (config, route, where, value))


main()
