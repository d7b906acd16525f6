#!/usr/bin/env python3
"""weight-rows.py - the orders a reader sees of tests/hugo/weight/, as rows
to compare (tests/hugo/gen-golden-weight.sh writes Hugo's and PaperMod's;
tests/integration/weight.sh compares quire's with them).

    weight-rows.py CONFIG DIR     the rows of a site tree DIR, laid out as
                                  Hugo's public/ (ROUTE/index.html,
                                  ROUTE/index.xml)
    weight-rows.py --lists        the listings' routes, one a line
    weight-rows.py --feeds        the feeds' routes, one a line

prints "CONFIG<TAB>WHAT<TAB>ROUTE<TAB>VALUE" rows: WHAT is "list" (each
page of each listing, its paginator's pages included: the entries' links
in order), "feed" (the RSS items' links in order), "nav" (each post of
the home listing: PaperMod's prev and next links, "-" for none) or
"archive" (the archives page's links in order). Links are written as
paths: the site's scheme and host are left out."""
import html.parser
import os
import re
import sys

LISTS = ["/", "/posts/", "/posts/deep/", "/tags/nginx/", "/notes/"]
FEEDS = ["/index.xml", "/posts/index.xml", "/posts/deep/index.xml",
         "/tags/nginx/index.xml"]
ARCHIVES = "/archives/"
HOST = re.compile(r"^https?://[^/]+")


class Links(html.parser.HTMLParser):
    """The href of every <a> whose class holds one of classes, in order,
    as (class, href)."""

    def __init__(self, classes):
        super().__init__(convert_charrefs=True)
        self.classes = classes
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        a = dict(attrs)
        for c in (a.get("class") or "").split():
            if c in self.classes:
                self.found.append((c, HOST.sub("", a.get("href") or "")))


def links(path, classes):
    p = Links(classes)
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p.found


def page_file(root, route):
    return os.path.join(root, route.lstrip("/"), "index.html")


def rows(config, root):
    out = []
    posts = []
    for route in LISTS:
        n, r = 1, route
        while os.path.exists(page_file(root, r)):
            hrefs = [h for _, h in links(page_file(root, r), {"entry-link"})]
            out.append(("list", r, " ".join(hrefs)))
            if route == "/":
                posts += hrefs
            n += 1
            r = "%spage/%d/" % (route, n)
    for route in FEEDS:
        with open(os.path.join(root, route.lstrip("/")), encoding="utf-8") as f:
            text = f.read()
        items = re.findall(r"<item>.*?<link>([^<]*)</link>", text, re.S)
        out.append(("feed", route, " ".join(HOST.sub("", i) for i in items)))
    for route in posts:
        nav = dict(links(page_file(root, route), {"prev", "next"}))
        out.append(("nav", route, "prev=%s next=%s" % (nav.get("prev", "-"),
                                                      nav.get("next", "-"))))
    hrefs = [h for _, h in links(page_file(root, ARCHIVES), {"entry-link"})]
    out.append(("archive", ARCHIVES, " ".join(hrefs)))
    for what, route, value in out:
        print("%s\t%s\t%s\t%s" % (config, what, route, value))


def main(argv):
    if argv[1:] == ["--lists"]:
        print("\n".join(LISTS))
    elif argv[1:] == ["--feeds"]:
        print("\n".join(FEEDS))
    elif len(argv) == 3:
        rows(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
