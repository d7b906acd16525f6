-- 002-search-aliases.sql: full-text search, Hugo aliases, and the indexes
-- the worker's visibility clock reads.

-- What search reads: the plain text (entities decoded) and the tag names.
ALTER TABLE page ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE page ADD COLUMN search_tags TEXT NOT NULL DEFAULT '';

-- FTS5 over title, tags and text; an external-content index of page, kept
-- in step by these triggers inside the importer's transaction.
CREATE VIRTUAL TABLE page_fts USING fts5 (
	title, search_tags, search_text,
	content = 'page', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER page_fts_insert AFTER INSERT ON page BEGIN
	INSERT INTO page_fts (rowid, title, search_tags, search_text)
	VALUES (new.id, new.title, new.search_tags, new.search_text);
END;
CREATE TRIGGER page_fts_delete AFTER DELETE ON page BEGIN
	INSERT INTO page_fts (page_fts, rowid, title, search_tags, search_text)
	VALUES ('delete', old.id, old.title, old.search_tags, old.search_text);
END;
CREATE TRIGGER page_fts_update AFTER UPDATE OF title, search_tags,
    search_text ON page BEGIN
	INSERT INTO page_fts (page_fts, rowid, title, search_tags, search_text)
	VALUES ('delete', old.id, old.title, old.search_tags, old.search_text);
	INSERT INTO page_fts (rowid, title, search_tags, search_text)
	VALUES (new.id, new.title, new.search_tags, new.search_text);
END;
INSERT INTO page_fts (page_fts) VALUES ('rebuild');

-- Hugo's front-matter aliases: old routes (decoded) that answer 301.
CREATE TABLE alias (
	path TEXT PRIMARY KEY,
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX alias_by_page ON alias (page_id);

-- When did the set of visible pages last change? max() over these.
CREATE INDEX page_by_publish ON page (publish_at);
CREATE INDEX page_by_expiry ON page (expire_at) WHERE expire_at IS NOT NULL;
