#!/usr/bin/env python3
"""Broken images and links of quire's crawled pages, split by what Hugo's build serves.

usage: links.py PAGES.tsv BASEURL HUGO_PUBLIC HUGO_URLS QUIRE_STATIC LIMIT EXAMPLES [THEME_STATIC...]

Run by ../compare-sites.sh for one site. PAGES.tsv holds one "URL<TAB>FILE" row
per page the worker answered (FILE: the whole CGI answer). From each page, the
same-site URLs of <img src>, <img srcset>, <source srcset> (images) and of
<a href>, <link href>, <script src> (links) are resolved against the page's URL
and asked of the worker (QUIRE_FCGI as CGI on QUIRE_DB, from the environment)
once each, redirects within the site followed (five at most). A broken link's
target is one Hugo's build serves when, below the baseURL's path, it is a file
of HUGO_PUBLIC, a folder of it holding index.html, a URL of HUGO_URLS (the
pages Hugo makes, one a line: this build writes no HTML) or a file of a
THEME_STATIC folder; "own" is one of quire's own files (QUIRE_STATIC: its
css/js), which Hugo's build does not serve and quire's pages link to.

Prints one line: "IMG_HUGO IMG_OTHER IMG_ALL LINKS_HUGO LINKS_OTHER LINKS_OWN
LINKS_ALL" (distinct URLs; IMG_HUGO: broken images Hugo's build serves,
IMG_OTHER: the others); writes EXAMPLES, the first LIMIT of each kind with
the page that shows it. With LINKS_REFS=FILE in the environment, also writes
every "PAGE<TAB>KIND<TAB>URI<TAB>STATUS" seen there (KIND: img or link).
"""
import os
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser

IMAGE = {("img", "src"), ("img", "srcset"), ("source", "srcset")}
LINK = {("a", "href"), ("link", "href"), ("script", "src")}


class Refs(HTMLParser):
    """Collects (kind, tag, attribute, value) of the attributes above."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            key = (tag, name)
            if key in IMAGE:
                kind = "img"
            elif key in LINK:
                kind = "link"
            else:
                continue
            if name == "srcset":
                # "url 360w, url 2x": a candidate's URL ends at a blank.
                for cand in value.split(","):
                    cand = cand.strip()
                    if cand:
                        self.refs.append((kind, tag, name, cand.split()[0]))
            else:
                self.refs.append((kind, tag, name, value.strip()))

    handle_startendtag = handle_starttag


def body_of(answer):
    """The HTML of a CGI answer (after its blank line)."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        i = answer.find(sep)
        if i >= 0:
            return answer[i + len(sep):]
    return answer


def headers_of(answer):
    """Status (an int, 0 for none) and Location of a CGI answer."""
    head = answer[:4096].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    status, location = 0, None
    for line in head.replace(b"\r", b"").split(b"\n"):
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        value = value.strip().decode("utf-8", "replace")
        if name == b"status":
            try:
                status = int(value.split()[0])
            except (ValueError, IndexError):
                status = 0
        elif name == b"location":
            location = value
    return status, location


# What a client sends: bytes >= 0x80, blanks and controls percent-encoded.
SAFE = "/._~:@!$&'()*+,;=%-?"


def request(fcgi, db, uri):
    """The worker's answer to GET URI, as bytes."""
    env = {"QUIRE_DB": db, "QUIRE_SECCOMP": os.environ.get("QUIRE_SECCOMP", "1"),
           "REQUEST_METHOD": "GET", "REQUEST_URI": uri}
    if "?" in uri:
        env["QUERY_STRING"] = uri.split("?", 1)[1]
    try:
        return subprocess.run([fcgi], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, timeout=30).stdout
    except subprocess.TimeoutExpired:
        return b""


class Site:
    def __init__(self, base, public, urls, own, themes):
        u = urllib.parse.urlsplit(base)
        self.host = u.netloc.lower()
        self.origin = "%s://%s" % (u.scheme or "http", u.netloc)
        self.basepath = u.path.rstrip("/")
        self.public = public
        self.own = own
        self.themes = themes
        self.urls = set()
        with open(urls, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if line:
                    self.urls.add(urllib.parse.unquote(line.split("?")[0]))

    def same_site(self, page, ref):
        """The request URI (path and query) of REF on PAGE if it is this site's, else None."""
        if not ref or ref.startswith("#"):
            return None
        absu = urllib.parse.urljoin(self.origin + page, ref)
        u = urllib.parse.urlsplit(absu)
        if u.scheme not in ("http", "https") or u.netloc.lower() != self.host:
            return None
        path = urllib.parse.quote(u.path or "/", safe=SAFE)
        return path + ("?" + urllib.parse.quote(u.query, safe=SAFE + "=") if u.query else "")

    def rel(self, uri):
        """URI's path below the baseURL's path, decoded; None outside it."""
        path = urllib.parse.unquote(uri.split("?")[0])
        if self.basepath and not (path == self.basepath or path.startswith(self.basepath + "/")):
            return None
        return path[len(self.basepath):] or "/"

    def hugo_serves(self, uri):
        """Hugo's build's file for URI, or None."""
        path = urllib.parse.unquote(uri.split("?")[0])
        if path in self.urls or path.rstrip("/") + "/" in self.urls:
            return "listed " + path
        rel = self.rel(uri)
        if rel is None:
            return None
        for root in [self.public] + self.themes:
            f = os.path.join(root, rel.lstrip("/"))
            if os.path.isfile(f):
                return os.path.relpath(f, os.path.dirname(root.rstrip("/")))
            if os.path.isfile(os.path.join(f, "index.html")):
                return os.path.relpath(os.path.join(f, "index.html"),
                                       os.path.dirname(root.rstrip("/")))
        return None

    def is_own(self, uri):
        rel = self.rel(uri)
        return rel is not None and rel != "/" and os.path.isfile(os.path.join(self.own, rel.lstrip("/")))


def main():
    if len(sys.argv) < 8:
        sys.exit(__doc__)
    pages, base, public, urls, own, limit, examples = sys.argv[1:8]
    limit = int(limit)
    site = Site(base, public, urls, own, sys.argv[8:])
    fcgi, db = os.environ["QUIRE_FCGI"], os.environ["QUIRE_DB"]

    # uri -> [kinds], first (page, tag, attr, raw) seen
    seen = {}
    uses = set()
    with open(pages, encoding="utf-8", errors="replace") as f:
        for line in f:
            url, _, file = line.rstrip("\n").partition("\t")
            with open(file, "rb") as h:
                html = body_of(h.read()).decode("utf-8", "replace")
            p = Refs()
            p.feed(html)
            p.close()
            for kind, tag, attr, raw in p.refs:
                uri = site.same_site(url, raw)
                if uri is None:
                    continue
                e = seen.setdefault(uri, [set(), (url, tag, attr, raw), 0])
                e[0].add(kind)
                e[2] += 1
                uses.add((url, kind, uri))

    status = {}
    for uri in seen:
        st, hops, cur = 0, 0, uri
        while True:
            st, loc = headers_of(request(fcgi, db, cur))
            if st in (301, 302, 303, 307, 308) and loc and hops < 5:
                nxt = site.same_site(cur, loc)
                if nxt is None:
                    break
                cur, hops = nxt, hops + 1
                continue
            break
        status[uri] = (st, cur)

    img_all = [u for u in seen if "img" in seen[u][0]]
    link_all = [u for u in seen if "link" in seen[u][0]]
    img_bad = [u for u in img_all if status[u][0] != 200]
    img_hugo = [u for u in img_bad if site.hugo_serves(u)]
    img_other = [u for u in img_bad if not site.hugo_serves(u)]
    links_hugo, links_other, links_own = [], [], []
    for u in link_all:
        if status[u][0] == 200:
            continue
        if site.hugo_serves(u):
            links_hugo.append(u)
        elif site.is_own(u):
            links_own.append(u)
        else:
            links_other.append(u)

    def show(u, extra=""):
        st, final = status[u]
        page, tag, attr, raw = seen[u][1]
        via = " via " + final if final != u else ""
        return "%s\t%s%s\t(%d uses; first on %s <%s %s=\"%s\">)%s" % (
            u, st or "none", via, seen[u][2], page, tag, attr, raw, extra)

    with open(examples, "w", encoding="utf-8") as out:
        out.write("== broken images Hugo's build serves (URL, status, first use, Hugo's file)\n")
        for u in img_hugo[:limit]:
            out.write(show(u, "\thugo: " + site.hugo_serves(u)) + "\n")
        out.write("== broken images Hugo's build does not serve either (URL, status, first use)\n")
        for u in img_other[:limit]:
            out.write(show(u) + "\n")
        out.write("== broken links whose target Hugo's build serves (URL, status, first use, Hugo's file)\n")
        for u in links_hugo[:limit]:
            out.write(show(u, "\thugo: " + site.hugo_serves(u)) + "\n")
        out.write("== broken links to quire's own files (URL, status, first use)\n")
        for u in links_own[:limit]:
            out.write(show(u) + "\n")
        out.write("== broken links Hugo's build does not serve either (URL, status, first use)\n")
        for u in links_other[:limit]:
            out.write(show(u) + "\n")
    if os.environ.get("LINKS_REFS"):
        with open(os.environ["LINKS_REFS"], "w", encoding="utf-8") as out:
            for page, kind, uri in sorted(uses):
                out.write("%s\t%s\t%s\t%d\n" % (page, kind, uri, status[uri][0]))
    print(len(img_hugo), len(img_other), len(img_all), len(links_hugo), len(links_other), len(links_own), len(link_all))


if __name__ == "__main__":
    main()
