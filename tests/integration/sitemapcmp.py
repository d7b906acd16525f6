#!/usr/bin/env python3
"""sitemapcmp.py QUIRE.xml HUGO.xml [SKIP_PREFIX...] - compares two
sitemaps (sitemaps 0.9 urlsets) as sets of <url>: each one's loc, lastmod
and xhtml:link alternates (hreflang=href, in order). Hugo's home output
name "hugo-langfin.tsv" is read as the home itself; a loc starting with a
SKIP_PREFIX is left out of both. Prints the differences, one per line;
exits 1 when there are any."""
import sys
import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "x": "http://www.w3.org/1999/xhtml"}


def entries(path, skip):
    out = set()
    for url in ET.parse(path).getroot().findall("s:url", NS):
        loc = url.findtext("s:loc", "", NS).replace("hugo-langfin.tsv", "")
        if any(loc.startswith(p) for p in skip):
            continue
        alts = tuple("%s=%s" % (a.get("hreflang"),
                                a.get("href").replace("hugo-langfin.tsv", ""))
                     for a in url.findall("x:link", NS))
        out.add((loc, url.findtext("s:lastmod", "", NS), alts))
    return out


quire = entries(sys.argv[1], sys.argv[3:])
hugo = entries(sys.argv[2], sys.argv[3:])
for e in sorted(quire - hugo):
    print("quire only:", e)
for e in sorted(hugo - quire):
    print("hugo only:", e)
sys.exit(1 if quire != hugo or not quire else 0)
