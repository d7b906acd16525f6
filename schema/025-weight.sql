-- 025-weight.sql: front-matter weight orders every list, as in Hugo.
--
-- Hugo 0.111's default order (DefaultPageSort) is weight ascending, an
-- unset weight (0) after every other, then date newest first, title and
-- file. page_card and page_term keep their rows in listing order, so the
-- order's new first term leads their keys after what a list is of
-- (language and kind; term and language): a page of a listing stays one
-- range of one b-tree, read without a sort. worder is the weight mapped
-- onto an order SQLite compares as Hugo does, one to one: a negative
-- weight is itself, a positive one w - 1, and 0 (unset) the largest
-- integer. The importer's card statement (db-import.c) writes it; a
-- database from before weights holds pages of weight 0, until the next
-- import reads each file again (import.c's rules version).
CREATE TABLE page_card_weight (
	lang TEXT NOT NULL,
	kind INTEGER NOT NULL,
	worder INTEGER NOT NULL,
	date INTEGER NOT NULL,
	title TEXT NOT NULL,
	source TEXT NOT NULL,
	page_id INTEGER NOT NULL UNIQUE REFERENCES page (id)
	    ON DELETE CASCADE,
	draft INTEGER NOT NULL,
	publish_at INTEGER NOT NULL,
	expire_at INTEGER,
	has_lastmod INTEGER NOT NULL,
	lastmod INTEGER NOT NULL,
	lastmod_offset INTEGER NOT NULL,
	url TEXT NOT NULL,
	author TEXT NOT NULL,
	summary TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	entry TEXT,
	cover TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (lang, kind, worder, date DESC, title, source)
) STRICT, WITHOUT ROWID;
INSERT INTO page_card_weight (lang, kind, worder, date, title, source,
    page_id, draft, publish_at, expire_at, has_lastmod, lastmod,
    lastmod_offset, url, author, summary, has_date, date_offset, truncated,
    words, minutes, entry, cover)
SELECT lang, kind, 9223372036854775807, date, title, source, page_id,
    draft, publish_at, expire_at, has_lastmod, lastmod, lastmod_offset, url,
    author, summary, has_date, date_offset, truncated, words, minutes,
    entry, cover
FROM page_card ORDER BY lang, kind, date DESC, title, source;
DROP TABLE page_card;
ALTER TABLE page_card_weight RENAME TO page_card;
CREATE INDEX page_card_unwritten ON page_card (page_id) WHERE entry IS NULL;

CREATE TABLE page_term_weight (
	term_id INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	worder INTEGER NOT NULL,	-- the page's, as in page_card
	kind INTEGER NOT NULL,
	date INTEGER NOT NULL,
	title TEXT NOT NULL,
	source TEXT NOT NULL,
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	draft INTEGER NOT NULL,
	publish_at INTEGER NOT NULL,
	expire_at INTEGER,
	url TEXT NOT NULL,
	author TEXT NOT NULL,
	summary TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	entry TEXT,
	has_lastmod INTEGER NOT NULL DEFAULT 0,
	lastmod INTEGER NOT NULL DEFAULT 0,
	lastmod_offset INTEGER NOT NULL DEFAULT 0,
	cover TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (term_id, lang, worder, date DESC, title, source)
) STRICT, WITHOUT ROWID;
INSERT INTO page_term_weight (term_id, lang, worder, kind, date, title,
    source, page_id, position, name, draft, publish_at, expire_at, url,
    author, summary, has_date, date_offset, truncated, words, minutes,
    entry, has_lastmod, lastmod, lastmod_offset, cover)
SELECT term_id, lang, 9223372036854775807, kind, date, title, source,
    page_id, position, name, draft, publish_at, expire_at, url, author,
    summary, has_date, date_offset, truncated, words, minutes, entry,
    has_lastmod, lastmod, lastmod_offset, cover
FROM page_term ORDER BY term_id, lang, date DESC, title, source;
DROP TABLE page_term;
ALTER TABLE page_term_weight RENAME TO page_term;
CREATE INDEX page_term_by_page ON page_term (page_id, position);
CREATE INDEX page_term_visible ON page_term (term_id, lang, draft,
    publish_at, expire_at);
CREATE INDEX page_term_first ON page_term (term_id, source, name);
