-- 004-page-card.sql: what a listing shows of a post beyond page's own
-- columns, in a table of its own. In page these columns came after the
-- Markdown body, so a listing of ten posts walked each body's overflow
-- pages to reach them (measured with callgrind on bench/gen-blog's site).
CREATE TABLE page_card (
	page_id INTEGER PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
	summary TEXT NOT NULL,		-- plain text, entities decoded
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL
);
INSERT INTO page_card (page_id, summary, truncated, words, minutes)
SELECT id, summary, truncated, words, minutes FROM page;
ALTER TABLE page DROP COLUMN summary;
ALTER TABLE page DROP COLUMN truncated;
ALTER TABLE page DROP COLUMN words;
ALTER TABLE page DROP COLUMN minutes;
