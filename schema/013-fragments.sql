-- 013-fragments.sql: the HTML the importer makes for a page's body and
-- the worker splices into the Markdown it renders on each request
-- (include/fragments.h): kind 0 is the Nth fenced code block,
-- highlighted as Hugo writes it; kind 1 is the output of the shortcode
-- whose placeholder (HAHAHUGOSHORTCODE-sN-HBHB) the stored body holds.
-- An article reads one range of one b-tree for them. A page without
-- fenced code or shortcodes has no rows.
CREATE TABLE page_fragment (
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	kind INTEGER NOT NULL,
	ordinal INTEGER NOT NULL,
	html TEXT NOT NULL,
	PRIMARY KEY (page_id, kind, ordinal)
) STRICT, WITHOUT ROWID;
