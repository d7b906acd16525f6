-- 009-entry-in-card.sql: each list entry's markup (src/entry.c, written
-- by the importer) is the last column of its card and of each of its
-- page_term rows, so a listing reads one range of one b-tree. 008 kept
-- it in page_entry, which cost a listing one b-tree seek per row, and
-- every row a later page skipped cost one too. NULL until the importer
-- writes it: the next import writes every entry that is missing, so the
-- ones 008 stored are not carried over. A card row with its entry may
-- not fit a 4 KiB b-tree page: the importer gives a database 8 KiB
-- pages (PAGE_SIZE in src/db-import.c).
ALTER TABLE page_card ADD COLUMN entry TEXT;
ALTER TABLE page_term ADD COLUMN entry TEXT;
DROP TABLE page_entry;

-- A term's feeds show each page's lastmod (Atom, JSON Feed): page_term
-- copies it from the card, as it copies the card's other columns, so a
-- term's feed reads one range too rather than seek each item's card.
ALTER TABLE page_term ADD COLUMN has_lastmod INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page_term ADD COLUMN lastmod INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page_term ADD COLUMN lastmod_offset INTEGER NOT NULL DEFAULT 0;
UPDATE page_term SET (has_lastmod, lastmod, lastmod_offset) = (SELECT
    c.has_lastmod, c.lastmod, c.lastmod_offset FROM page_card c WHERE
    c.page_id = page_term.page_id);

-- What the taxonomy pages count, and a term's visibility, read from a
-- small index rather than from rows that now hold an entry each.
CREATE INDEX page_term_visible ON page_term (term_id, draft, publish_at,
    expire_at);
