-- 005-card-order.sql: page_card becomes the listings' own table, its rows
-- stored in listing order (a WITHOUT ROWID table keyed by kind, date
-- newest first, title, file) and holding every column a listing entry
-- (or the sitemap) shows or filters on: all of a page but its
-- description, layout and body. A page of the home listing is then one range
-- of one b-tree: before, each entry cost a seek into page (rows of
-- several KiB) and another into page_card, about 7,000 instructions an
-- entry in callgrind on bench/gen-blog's site. The columns copied from
-- page are written by the importer's one card statement (db-import.c),
-- from the page row it has just stored, in the same transaction.
CREATE TABLE page_card_ordered (
	kind INTEGER NOT NULL,
	date INTEGER NOT NULL,
	title TEXT NOT NULL,
	source TEXT NOT NULL,
	page_id INTEGER NOT NULL UNIQUE REFERENCES page (id)
	    ON DELETE CASCADE,
	draft INTEGER NOT NULL,
	publish_at INTEGER NOT NULL,
	expire_at INTEGER,
	url TEXT NOT NULL,
	author TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	has_lastmod INTEGER NOT NULL,
	lastmod INTEGER NOT NULL,
	lastmod_offset INTEGER NOT NULL,
	summary TEXT NOT NULL,		-- plain text, entities decoded
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	PRIMARY KEY (kind, date DESC, title, source)
) WITHOUT ROWID;
INSERT INTO page_card_ordered (kind, date, title, source, page_id, draft,
    publish_at, expire_at, url, author, has_date, date_offset, has_lastmod,
    lastmod, lastmod_offset, summary, truncated, words, minutes)
SELECT p.kind, p.date, p.title, p.source, p.id, p.draft, p.publish_at,
    p.expire_at, p.url, p.author, p.has_date, p.date_offset, p.has_lastmod,
    p.lastmod, p.lastmod_offset, c.summary, c.truncated, c.words, c.minutes
FROM page p JOIN page_card c ON c.page_id = p.id;
DROP TABLE page_card;
ALTER TABLE page_card_ordered RENAME TO page_card;
