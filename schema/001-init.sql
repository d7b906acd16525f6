-- 001-init.sql: the first schema. The importer applies each numbered file
-- whose number is above PRAGMA user_version, then sets user_version to it.

-- The site configuration, as site.c's site_each() writes it, plus
-- 'version', bumped by every import (a content version for caches).
CREATE TABLE site (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per Markdown page. 'url' is the route under the site's base
-- path, decoded ('/posts/café/'), as Hugo computes it; 'kind' is 0 for a
-- post of the main section (listed) and 1 for any other page.
CREATE TABLE page (
	id INTEGER PRIMARY KEY,
	source TEXT NOT NULL UNIQUE,	-- file path under content/
	hash TEXT NOT NULL,		-- of the file and the settings it used
	kind INTEGER NOT NULL,
	layout TEXT NOT NULL,
	url TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	author TEXT NOT NULL,
	has_date INTEGER NOT NULL,
	date INTEGER NOT NULL,		-- unix seconds
	date_offset INTEGER NOT NULL,	-- seconds east of UTC, for display
	has_lastmod INTEGER NOT NULL,
	lastmod INTEGER NOT NULL,
	lastmod_offset INTEGER NOT NULL,
	publish_at INTEGER NOT NULL,	-- hidden before this instant
	expire_at INTEGER,		-- hidden from this instant; NULL never
	draft INTEGER NOT NULL,
	body TEXT NOT NULL,		-- Markdown, rendered per request
	summary TEXT NOT NULL,		-- plain text, entities decoded
	truncated INTEGER NOT NULL,
	words INTEGER NOT NULL,
	minutes INTEGER NOT NULL
);
CREATE INDEX page_by_date ON page (kind, date DESC);

-- Taxonomy terms ('tags', 'categories'); 'slug' is Hugo's urlize of the
-- name, decoded; 'name' the first spelling by file path, as Hugo shows.
CREATE TABLE term (
	id INTEGER PRIMARY KEY,
	taxonomy TEXT NOT NULL,
	slug TEXT NOT NULL,
	name TEXT NOT NULL,
	UNIQUE (taxonomy, slug)
);

CREATE TABLE page_term (
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	term_id INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,	-- order in the front matter
	name TEXT NOT NULL,		-- spelling in this page
	PRIMARY KEY (page_id, term_id)
) WITHOUT ROWID;
CREATE INDEX page_term_by_term ON page_term (term_id, page_id);
