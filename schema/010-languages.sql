-- 010-languages.sql: each page's language (Hugo's languages), and the
-- key that makes pages of different languages translations of one
-- another. page.lang is the language's code; a database from before
-- languages holds pages of the default language, which was 'en' for
-- every site quire could import then. page.tkey is front-matter
-- 'page/' and translationKey, else the file's path less its language and
-- '.md' (Hugo's TranslationKey; import.c).
-- page.url stays the whole route ("/fr/posts/x/"), unique across
-- languages.
ALTER TABLE page ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE page ADD COLUMN tkey TEXT NOT NULL DEFAULT '';
UPDATE page SET tkey = 'page/' || substr(source, 1, length(source) - 3);
CREATE INDEX page_by_tkey ON page (tkey, lang);

-- The neighbours of a post (db.c's Q_NEWER, Q_OLDER) are within its
-- language: the language leads the order.
DROP INDEX page_listing;
CREATE INDEX page_listing ON page (lang, kind, date DESC, title, source,
    draft, publish_at, expire_at);

-- A listing shows one language's pages: the language leads the card's
-- key, so that a page of the home listing stays one range of one b-tree.
CREATE TABLE page_card_lang (
	lang TEXT NOT NULL,
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
	summary TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date_offset INTEGER NOT NULL,
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	entry TEXT,
	PRIMARY KEY (lang, kind, date DESC, title, source)
) STRICT, WITHOUT ROWID;
INSERT INTO page_card_lang (lang, kind, date, title, source, page_id,
    draft, publish_at, expire_at, has_lastmod, lastmod, lastmod_offset,
    url, author, summary, has_date, date_offset, truncated, words, minutes,
    entry)
SELECT p.lang, c.kind, c.date, c.title, c.source, c.page_id, c.draft,
    c.publish_at, c.expire_at, c.has_lastmod, c.lastmod, c.lastmod_offset,
    c.url, c.author, c.summary, c.has_date, c.date_offset, c.truncated,
    c.words, c.minutes, c.entry
FROM page_card c JOIN page p ON p.id = c.page_id;
DROP TABLE page_card;
ALTER TABLE page_card_lang RENAME TO page_card;

-- Terms are per language as in Hugo (/fr/tags/go/ lists the French
-- pages): a term's rows are keyed by term, then language.
CREATE TABLE page_term_lang (
	term_id INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
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
	PRIMARY KEY (term_id, lang, date DESC, title, source)
) STRICT, WITHOUT ROWID;
INSERT INTO page_term_lang (term_id, lang, kind, date, title, source,
    page_id, position, name, draft, publish_at, expire_at, url, author,
    summary, has_date, date_offset, truncated, words, minutes, entry,
    has_lastmod, lastmod, lastmod_offset)
SELECT t.term_id, p.lang, t.kind, t.date, t.title, t.source, t.page_id,
    t.position, t.name, t.draft, t.publish_at, t.expire_at, t.url,
    t.author, t.summary, t.has_date, t.date_offset, t.truncated, t.words,
    t.minutes, t.entry, t.has_lastmod, t.lastmod, t.lastmod_offset
FROM page_term t JOIN page p ON p.id = t.page_id;
DROP TABLE page_term;
ALTER TABLE page_term_lang RENAME TO page_term;
CREATE INDEX page_term_by_page ON page_term (page_id, position);
CREATE INDEX page_term_visible ON page_term (term_id, lang, draft,
    publish_at, expire_at);
