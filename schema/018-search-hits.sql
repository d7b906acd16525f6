-- 018-search-hits.sql: what a search reads of each hit, in one index.
--
-- Search checks every hit's visibility and reads its date (the order's
-- tie-break) before it can rank and count. In page's own row those
-- columns lie behind the body and the search text, in overflow pages a
-- long post has dozens of: reading them cost most of a search on a
-- 10,000-post site. This index holds them by id, a few dozen bytes a
-- page, read by one seek per hit (src/db.c's Q_SEARCH_HITS).
CREATE INDEX page_search ON page (id, lang, kind, draft, publish_at,
    expire_at, date);
