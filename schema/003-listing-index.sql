-- 003-listing-index.sql: the listings' order and visibility in one index,
-- so that a page of ten posts and the count behind its pagination read the
-- index alone (measured: the home page of a 1,000-post site read every row
-- of page to count it, and sorted ties in a temporary b-tree).
DROP INDEX page_by_date;
CREATE INDEX page_listing ON page (kind, date DESC, title, source, draft,
    publish_at, expire_at);
