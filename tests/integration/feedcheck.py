#!/usr/bin/python3
"""feedcheck.py - checks a listing's Atom and JSON Feed against its RSS feed
(tests/integration/feeds.sh fetches the three files and runs this).

    feedcheck.py LABEL RSS ATOM JSON FEED_BASE [ITEMS]

FEED_BASE is the absolute URL the three files sit under (".../tags/go/");
ITEMS, when given, is the number of items each feed must hold. The RSS feed
is quire's own, compared with Hugo's by tests/integration/reader.sh: the
other two must list the same items in the same order with the same dates.
Atom is read with Debian's feedparser (bozo must be 0) and checked against
RFC 4287's rules; JSON Feed with the json module against version 1.1's.
Prints one line per check: "ok<TAB>what" or "not ok<TAB>what<TAB>got".
"""
import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")

label = sys.argv[1]


def check(what, good, got=""):
    if good:
        print("ok\t%s: %s" % (label, what))
    else:
        print("not ok\t%s: %s\t%s" % (label, what, str(got)[:300]))


def instant(text):
    """Seconds since the epoch of an RFC 3339 date."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def rfc822(text):
    return datetime.strptime(text, "%a, %d %b %Y %H:%M:%S %z").timestamp()


def read(path):
    with open(path, "rb") as f:
        return f.read()


rss_raw, atom_raw, json_raw = read(sys.argv[2]), read(sys.argv[3]), read(sys.argv[4])
base = sys.argv[5]
want_n = int(sys.argv[6]) if len(sys.argv) > 6 else None

# The RSS feed, as the reference: its items straight from the XML.
rss = ET.fromstring(rss_raw).find("channel")
rss_items = [
    {
        "title": i.findtext("title"),
        "link": i.findtext("link"),
        "date": rfc822(i.findtext("pubDate")),
        "summary": i.findtext("description"),
        "content": i.findtext(CONTENT),
    }
    for i in rss.findall("item")
]
rss_title = rss.findtext("title")
rss_link = rss.findtext("link")
if want_n is not None:
    check("the RSS feed holds %d items" % want_n, len(rss_items) == want_n, len(rss_items))

# ---------------------------------------------------------------- Atom

fp = feedparser.parse(atom_raw)
check("feedparser reads the Atom feed without complaint (bozo 0)", fp.bozo == 0,
      fp.get("bozo_exception"))
check("feedparser sees Atom 1.0", fp.version == "atom10", fp.version)
check("Atom: as many entries as the RSS items (%d)" % len(rss_items),
      len(fp.entries) == len(rss_items), len(fp.entries))
check("Atom: the entries' titles are the RSS items', in order",
      [e.get("title") for e in fp.entries] == [i["title"] for i in rss_items],
      [e.get("title") for e in fp.entries][:3])
check("Atom: the entries' links are the RSS items', in order",
      [e.get("link") for e in fp.entries] == [i["link"] for i in rss_items],
      [e.get("link") for e in fp.entries][:3])
check("Atom: each entry's id is its permalink",
      all(e.get("id") == e.get("link") for e in fp.entries),
      [(e.get("id"), e.get("link")) for e in fp.entries if e.get("id") != e.get("link")][:2])
check("Atom: feed title is the RSS channel's", fp.feed.get("title") == rss_title,
      fp.feed.get("title"))
links = {l.get("rel"): l.get("href") for l in fp.feed.get("links", [])}
check("Atom: rel=self is %satom.xml" % base, links.get("self") == base + "atom.xml", links)
check("Atom: rel=alternate is the listing (the RSS channel's link)",
      links.get("alternate") == rss_link == base, links)

# RFC 4287 from the XML itself: what feedparser forgives.
feed = ET.fromstring(atom_raw)


def one(elem, name):
    return len(elem.findall(ATOM + name)) == 1


check("RFC 4287 4.1.1: the feed has one id, title and updated",
      feed.tag == ATOM + "feed" and one(feed, "id") and one(feed, "title") and one(feed, "updated"),
      [c.tag for c in feed])
check("RFC 4287 4.1.1: the feed's id is the listing's URL", feed.findtext(ATOM + "id") == base,
      feed.findtext(ATOM + "id"))
entries = feed.findall(ATOM + "entry")
check("RFC 4287 4.1.1: an author for the feed, or for every entry",
      feed.find(ATOM + "author/" + ATOM + "name") is not None
      or all(e.find(ATOM + "author/" + ATOM + "name") is not None for e in entries))
bad = [e.findtext(ATOM + "title") for e in entries
       if not (one(e, "id") and one(e, "title") and one(e, "updated") and one(e, "published"))
       or e.find(ATOM + "link[@rel='alternate']") is None
       or (e.find(ATOM + "content") is None and e.find(ATOM + "summary") is None)]
check("RFC 4287 4.1.2: each entry has one id, title, updated, published, "
      "an alternate link, and content or summary", not bad, bad[:3])
dates = [feed.findtext(ATOM + "updated")] + [
    e.findtext(ATOM + n) for e in entries for n in ("updated", "published")]
check("RFC 4287 3.3: every date is RFC 3339", all(RFC3339.match(d or "") for d in dates),
      [d for d in dates if not RFC3339.match(d or "")][:3])
check("Atom: each entry's published is the RSS item's pubDate",
      [instant(e.findtext(ATOM + "published")) for e in entries] == [i["date"] for i in rss_items])
check("Atom: no entry was updated before it was published",
      all(instant(e.findtext(ATOM + "updated")) >= instant(e.findtext(ATOM + "published"))
          for e in entries))
if entries:
    check("Atom: the feed's updated is its latest entry's",
          instant(feed.findtext(ATOM + "updated"))
          == max(instant(e.findtext(ATOM + "updated")) for e in entries))
check("Atom: each entry's summary is the RSS item's description",
      [e.findtext(ATOM + "summary") for e in entries] == [i["summary"] for i in rss_items])
full = any(i["content"] is not None for i in rss_items)
check("Atom: full text exactly when the RSS feed has it (%s), the same HTML" % full,
      [e.findtext(ATOM + "content") for e in entries] == [i["content"] for i in rss_items]
      and all(e.find(ATOM + "content") is None or e.find(ATOM + "content").get("type") == "html"
              for e in entries))

# ---------------------------------------------------------------- JSON Feed 1.1

try:
    jf = json.loads(json_raw.decode("utf-8"))
    check("JSON Feed is valid UTF-8 JSON", True)
except ValueError as e:
    check("JSON Feed is valid UTF-8 JSON", False, e)
    sys.exit(0)
check("JSON Feed: version is https://jsonfeed.org/version/1.1",
      jf.get("version") == "https://jsonfeed.org/version/1.1", jf.get("version"))
check("JSON Feed: title (required) is the RSS channel's", jf.get("title") == rss_title,
      jf.get("title"))
check("JSON Feed: feed_url is %sfeed.json" % base, jf.get("feed_url") == base + "feed.json",
      jf.get("feed_url"))
check("JSON Feed: home_page_url is the listing", jf.get("home_page_url") == base,
      jf.get("home_page_url"))
check("JSON Feed: description is the RSS channel's",
      jf.get("description") == rss.findtext("description"), jf.get("description"))
authors = jf.get("authors", [])
check("JSON Feed: authors, when given, is a list of objects with a name",
      isinstance(authors, list) and all(isinstance(a, dict) and isinstance(a.get("name"), str)
                                        for a in authors), authors)
items = jf.get("items")
check("JSON Feed: items (required) is a list as long as the RSS feed's (%d)" % len(rss_items),
      isinstance(items, list) and len(items) == len(rss_items),
      len(items) if isinstance(items, list) else items)
items = items if isinstance(items, list) else []
bad = [it for it in items if not isinstance(it.get("id"), str) or not (
    isinstance(it.get("content_html"), str) or isinstance(it.get("content_text"), str))]
check("JSON Feed: each item has an id (a string) and content_html or content_text",
      not bad, bad[:2])
check("JSON Feed: each item's id and url are its permalink, in the RSS order",
      [(it.get("id"), it.get("url")) for it in items] == [(i["link"], i["link"]) for i in rss_items],
      [it.get("url") for it in items][:3])
check("JSON Feed: the items' titles are the RSS items'",
      [it.get("title") for it in items] == [i["title"] for i in rss_items])
dates = [it.get(k) for it in items for k in ("date_published", "date_modified")]
check("JSON Feed: date_published and date_modified are RFC 3339",
      all(isinstance(d, str) and RFC3339.match(d) for d in dates),
      [d for d in dates if not (isinstance(d, str) and RFC3339.match(d))][:3])
if all(isinstance(d, str) and RFC3339.match(d) for d in dates):
    check("JSON Feed: each date_published is the RSS item's pubDate",
          [instant(it["date_published"]) for it in items] == [i["date"] for i in rss_items])
    check("JSON Feed: each date_modified is the Atom entry's updated",
          [instant(it["date_modified"]) for it in items]
          == [instant(e.findtext(ATOM + "updated")) for e in entries])
check("JSON Feed: the full text exactly when the RSS feed has it, the same HTML",
      [it.get("content_html") for it in items] == [i["content"] for i in rss_items])
check("JSON Feed: the summary is the RSS item's description",
      [it.get("summary") if "content_html" in it else it.get("content_text") for it in items]
      == [i["summary"] for i in rss_items])
check("JSON Feed: tags, when given, are strings, and the Atom entry's categories",
      [it.get("tags", []) for it in items]
      == [[c.get("term") for c in e.findall(ATOM + "category")] for e in entries]
      and all(isinstance(t, str) for it in items for t in it.get("tags", [])))
check("JSON Feed: an item's authors are the Atom entry's",
      [[a.get("name") for a in it.get("authors", [])] for it in items]
      == [[n.text for n in e.findall(ATOM + "author/" + ATOM + "name")] for e in entries])
