-- 008-entry-columns.sql: a list entry is plain columns again, one per
-- field, read by name (db.h's ENTRY_FIELDS lists them once, for the
-- worker's reader and the importer's writes). 007 packed ten fields into
-- one blob, parsed by position: three places to change for each new
-- field, and a damaged value showed as empty fields. Every column is NOT
-- NULL in a STRICT table, so a value of the wrong type or none is refused
-- when written. The summary is stored once, here, so a row still fits its
-- b-tree page.
CREATE TABLE page_card_columns (
	kind INTEGER NOT NULL,
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
	summary TEXT NOT NULL,		-- plain text, entities decoded
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	PRIMARY KEY (kind, date DESC, title, source)
) STRICT, WITHOUT ROWID;

-- 007's entry, taken apart: url NUL title NUL author NUL summary NUL
-- has_date SP date SP date_offset SP truncated SP words SP minutes. A
-- value that does not pack back into the same bytes gives a NULL, and
-- the migration (the whole import) fails on the NOT NULL constraint
-- rather than list a post with empty fields.
INSERT INTO page_card_columns (kind, date, title, source, page_id, draft,
    publish_at, expire_at, has_lastmod, lastmod, lastmod_offset, url,
    author, summary, has_date, date_offset, truncated, words, minutes)
WITH
e1 AS (SELECT c.*, substr(c.entry, length(CAST(c.url AS BLOB)) +
    length(CAST(c.title AS BLOB)) + 3) AS rest FROM page_card c),
e2 AS (SELECT *, CAST(substr(rest, 1, instr(rest, x'00') - 1) AS TEXT)
    AS author_, substr(rest, instr(rest, x'00') + 1) AS rest2 FROM e1),
e3 AS (SELECT *, CAST(substr(rest2, 1, instr(rest2, x'00') - 1) AS TEXT)
    AS summary_, CAST(substr(rest2, instr(rest2, x'00') + 1) AS TEXT)
    AS n1 FROM e2),
e4 AS (SELECT *, substr(n1, instr(n1, ' ') + 1) AS n2 FROM e3),
e5 AS (SELECT *, substr(n2, instr(n2, ' ') + 1) AS n3 FROM e4),
e6 AS (SELECT *, substr(n3, instr(n3, ' ') + 1) AS n4 FROM e5),
e7 AS (SELECT *, substr(n4, instr(n4, ' ') + 1) AS n5 FROM e6),
e8 AS (SELECT *, substr(n5, instr(n5, ' ') + 1) AS n6 FROM e7),
f AS (SELECT *, CAST(n1 AS INTEGER) AS has_date_, CAST(n2 AS INTEGER)
    AS date_, CAST(n3 AS INTEGER) AS date_offset_, CAST(n4 AS INTEGER)
    AS truncated_, CAST(n5 AS INTEGER) AS words_, CAST(n6 AS INTEGER)
    AS minutes_ FROM e8)
SELECT kind, date, title, source, page_id, draft, publish_at, expire_at,
    has_lastmod, lastmod, lastmod_offset, url, author_,
    CASE WHEN date_ = date AND entry = CAST(url || char(0) || title ||
    char(0) || author_ || char(0) || summary_ || char(0) || has_date_ ||
    ' ' || date_ || ' ' || date_offset_ || ' ' || truncated_ || ' ' ||
    words_ || ' ' || minutes_ AS BLOB) THEN summary_ END,
    has_date_, date_offset_, truncated_, words_, minutes_
FROM f;
DROP TABLE page_card;
ALTER TABLE page_card_columns RENAME TO page_card;

-- page_term keeps what orders and filters a term's list, and a copy of
-- the card's entry columns, so a tag page reads one range of one b-tree
-- (006).
CREATE TABLE page_term_columns (
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
	summary TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	PRIMARY KEY (term_id, date DESC, title, source)
) STRICT, WITHOUT ROWID;
INSERT INTO page_term_columns (term_id, kind, date, title, source,
    page_id, position, name, draft, publish_at, expire_at, url, author,
    summary, has_date, date_offset, truncated, words, minutes)
SELECT t.term_id, c.kind, c.date, c.title, c.source, t.page_id,
    t.position, t.name, c.draft, c.publish_at, c.expire_at, c.url,
    c.author, c.summary, c.has_date, c.date_offset, c.truncated, c.words,
    c.minutes
FROM page_term t JOIN page_card c ON c.page_id = t.page_id;
DROP TABLE page_term;
ALTER TABLE page_term_columns RENAME TO page_term;
CREATE INDEX page_term_by_page ON page_term (page_id, position);

-- A tag of dots only ("." or "..") had a page at /tags/./, which no
-- browser can reach; the importer now leaves such tags out with a
-- warning, as Hugo does. These drop the ones older imports stored.
DELETE FROM page_term WHERE term_id IN
    (SELECT id FROM term WHERE trim(slug, '.') = '');
DELETE FROM term WHERE trim(slug, '.') = '';

-- Each post's list entry, as a listing shows it, written by the importer
-- from the columns above and the site settings with the worker's own
-- code (src/entry.c): a listing copies it. Its own table, so that a card
-- row still fits its b-tree page. The importer writes the entry of every
-- card that lacks one (a migrated database gets them all at once) and
-- drops them all when the settings they depend on change.
CREATE TABLE page_entry (
	page_id INTEGER PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
	html TEXT NOT NULL
) STRICT;
