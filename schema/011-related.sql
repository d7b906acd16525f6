-- 011-related.sql: each page's related posts, ranked by the importer
-- (src/related.c) in the order an article shows them: rank 1 first. A
-- page keeps its candidates up to the fifth that will stay visible for
-- good, so that one published later or expiring is shown or left out at
-- the time of the request; each row copies what the article shows and
-- what decides it (as page_term copies the card), so the article reads
-- one range of one b-tree. Until now a worker built an index of every
-- term's pages on its first article and merged lists per request. Every
-- import ranks every page anew; drafts are never candidates.
CREATE TABLE page_related (
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	rank INTEGER NOT NULL,
	related_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	publish_at INTEGER NOT NULL,
	expire_at INTEGER,
	url TEXT NOT NULL,
	title TEXT NOT NULL,
	PRIMARY KEY (page_id, rank)
) STRICT, WITHOUT ROWID;
-- A page's removal reaches the rows naming it as a candidate too.
CREATE INDEX page_related_by_related ON page_related (related_id);
