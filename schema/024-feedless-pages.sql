-- 024-feedless-pages.sql: the pages PaperMod's rss.xml leaves out of
-- every feed, those whose layout is "search" or "archives" (a PaperMod
-- site's search.md and archives.md), found at once: a feed request asks
-- for them (db.c's Q_FEEDLESS) and skips them as it writes its items.
CREATE INDEX page_feedless ON page (id) WHERE layout IN ('search', 'archives');
