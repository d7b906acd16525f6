-- 022-packed-cards.sql: page_card and page_term rebuilt packed, once.
--
-- Importers from schema 019 to this one wrote each card's entry in
-- page_id order, not in the tables' key order, and every row that grew
-- split a page somewhere in the middle: about half of each leaf page of
-- both tables was left empty (342 pages of page_card instead of 216 at
-- 1,000 posts). A feed walks every card, and with the pages too many for
-- the worker's page cache each feed request read them all from the file
-- again. The importer now writes the entries in key order
-- (db-import.c's dbw_entries), which keeps a new file packed; this
-- rebuilds the tables of a file written before. A WITHOUT ROWID table is
-- its primary key's b-tree, and REINDEX of the table rebuilds that one
-- too, from a sorted copy of its rows: same rows, pages filled in order.
REINDEX page_card;
REINDEX page_term;
