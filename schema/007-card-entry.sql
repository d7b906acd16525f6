-- 007-card-entry.sql: a list entry (render_entry) is read as one value.
-- SQLite costs about 150 instructions for each column of each row read,
-- and copies each text column into a register: with ten columns an entry
-- cost some 3,300 instructions, a third of the home page's work in the
-- worker (callgrind on bench/gen-blog's site). page_card.entry holds
-- those ten fields in one blob:
--   url NUL title NUL author NUL summary NUL has_date SP date SP
--   date_offset SP truncated SP words SP minutes
-- and the card keeps as columns only what orders and filters the lists,
-- the sitemap's lastmod, and the url that related posts link to. A
-- summary in a column beside the entry would make the row too long for
-- its b-tree page, and every read would follow an overflow page. The
-- importer binds text up to its first NUL, so no field holds one; the
-- numbers are decimal. The importer's card statement (db-import.c) builds
-- the entry as below; db.c's read_entry() takes it apart. page_term keeps
-- a copy of the card's entry instead of one of each field.
CREATE TABLE page_card_entry (
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
	has_lastmod INTEGER NOT NULL,
	lastmod INTEGER NOT NULL,
	lastmod_offset INTEGER NOT NULL,
	entry BLOB NOT NULL,
	PRIMARY KEY (kind, date DESC, title, source)
) WITHOUT ROWID;
INSERT INTO page_card_entry (kind, date, title, source, page_id, draft,
    publish_at, expire_at, url, has_lastmod, lastmod, lastmod_offset, entry)
SELECT kind, date, title, source, page_id, draft, publish_at, expire_at,
    url, has_lastmod, lastmod, lastmod_offset, CAST(url || char(0) ||
    title || char(0) || author || char(0) || summary || char(0) ||
    has_date || ' ' || date || ' ' || date_offset || ' ' || truncated ||
    ' ' || words || ' ' || minutes AS BLOB)
FROM page_card;
DROP TABLE page_card;
ALTER TABLE page_card_entry RENAME TO page_card;

-- page_term keeps what orders and filters a term's list, and the entry.
CREATE TABLE page_term_entry (
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
	entry BLOB NOT NULL,		-- page_card.entry
	PRIMARY KEY (term_id, date DESC, title, source)
) WITHOUT ROWID;
INSERT INTO page_term_entry (term_id, kind, date, title, source, page_id,
    position, name, draft, publish_at, expire_at, entry)
SELECT t.term_id, c.kind, c.date, c.title, c.source, t.page_id, t.position,
    t.name, c.draft, c.publish_at, c.expire_at, c.entry
FROM page_term t JOIN page_card c ON c.page_id = t.page_id;
DROP TABLE page_term;
ALTER TABLE page_term_entry RENAME TO page_term;
CREATE INDEX page_term_by_page ON page_term (page_id, position);
