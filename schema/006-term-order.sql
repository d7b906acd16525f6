-- 006-term-order.sql: page_term becomes each term's list of pages, stored
-- in listing order (a WITHOUT ROWID table keyed by term, date newest
-- first, title, file) and holding what a list entry shows and filters on,
-- copied from the page's card by the importer's one statement
-- (db-import.c) in the same transaction. A tag page then reads the rows it
-- shows, one range of one b-tree, instead of sorting every page of the tag
-- and seeking each card (callgrind on bench/gen-blog's site: the tag page
-- cost 139k instructions in SQLite, the home page 60k); related posts walk
-- each term's pages in this order (db.c).
CREATE TABLE page_term_ordered (
	term_id INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
	kind INTEGER NOT NULL,		-- the page's, as in page_card
	date INTEGER NOT NULL,
	title TEXT NOT NULL,
	source TEXT NOT NULL,
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,	-- order in the front matter
	name TEXT NOT NULL,		-- spelling in this page
	draft INTEGER NOT NULL,
	publish_at INTEGER NOT NULL,
	expire_at INTEGER,
	url TEXT NOT NULL,
	author TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	summary TEXT NOT NULL,
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	PRIMARY KEY (term_id, date DESC, title, source)
) WITHOUT ROWID;
INSERT INTO page_term_ordered (term_id, kind, date, title, source, page_id,
    position, name, draft, publish_at, expire_at, url, author, has_date,
    date_offset, summary, truncated, words, minutes)
SELECT t.term_id, c.kind, c.date, c.title, c.source, t.page_id, t.position,
    t.name, c.draft, c.publish_at, c.expire_at, c.url, c.author, c.has_date,
    c.date_offset, c.summary, c.truncated, c.words, c.minutes
FROM page_term t JOIN page_card c ON c.page_id = t.page_id;
DROP TABLE page_term;
ALTER TABLE page_term_ordered RENAME TO page_term;
-- A page's terms in front-matter order (the primary key comes along).
CREATE INDEX page_term_by_page ON page_term (page_id, position);
