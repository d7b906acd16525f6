-- 023-term-first-page.sql: a term's first page by source, found at once.
--
-- A term is named as its first page (in file path order) writes it, and
-- every import names again the terms whose pages it changed (db-import.c's
-- dbw_commit). Without an index that meant reading all of a term's rows
-- in page_term: 93 ms for the tags of one post at 100,000 posts. Holding
-- the name too, the index answers without the table.
CREATE INDEX page_term_first ON page_term (term_id, source, name);
