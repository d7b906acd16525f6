-- 019-unwritten-entries.sql: the cards whose entry is still to be written,
-- found without reading every card.
--
-- At the end of each import the importer writes the entry of every card
-- whose entry is NULL: cards of pages this import wrote, all of them when
-- the entries' settings changed, and any a damaged file lost. Finding
-- them read the whole of page_card (87 ms a save at 100,000 posts); the
-- index holds only those rows, so it is empty between imports.
CREATE INDEX page_card_unwritten ON page_card (page_id) WHERE entry IS NULL;
