-- 018-search-hits.sql: what a search reads of each hit, in a row of its
-- own.
--
-- Search checks every hit's visibility and reads its date (the order's
-- tie-break) before it can rank and count. In page's own row those
-- columns lie behind the body and the search text, in overflow pages a
-- long post has dozens of: reading them cost most of a search on a
-- 10,000-post site. page_hit holds them, a few dozen bytes a page, read
-- by one seek per hit (src/db.c's Q_SEARCH_HITS), and the page's length
-- in tokens (title, tags and text, as FTS5 counts them in page_fts's
-- docsize), which bm25 reads for every hit too: the importer fills it
-- where it is NULL at the end of each import (src/db-import.c).
CREATE TABLE page_hit (
	id INTEGER PRIMARY KEY,
	lang TEXT NOT NULL,
	kind INTEGER NOT NULL,
	draft INTEGER NOT NULL,
	publish_at INTEGER NOT NULL,
	expire_at INTEGER,
	date INTEGER NOT NULL,
	size INTEGER		-- tokens; NULL: not counted yet
);
INSERT INTO page_hit (id, lang, kind, draft, publish_at, expire_at, date)
    SELECT id, lang, kind, draft, publish_at, expire_at, date FROM page;
CREATE TRIGGER page_hit_insert AFTER INSERT ON page BEGIN
	INSERT INTO page_hit (id, lang, kind, draft, publish_at, expire_at,
	    date) VALUES (new.id, new.lang, new.kind, new.draft,
	    new.publish_at, new.expire_at, new.date);
END;
CREATE TRIGGER page_hit_delete AFTER DELETE ON page BEGIN
	DELETE FROM page_hit WHERE id = old.id;
END;
CREATE TRIGGER page_hit_update AFTER UPDATE OF lang, kind, draft,
    publish_at, expire_at, date, title, search_tags, search_text ON page
BEGIN
	UPDATE page_hit SET lang = new.lang, kind = new.kind,
	    draft = new.draft, publish_at = new.publish_at,
	    expire_at = new.expire_at, date = new.date, size = NULL
	    WHERE id = new.id;
END;
