-- 020-og-images-variants.sql: a page's OpenGraph and Twitter images when it has
-- no cover (PaperMod's opengraph.html and twitter_cards.html; a cover's
-- is page_cover.og_image, schema 016).
--
-- Either the page's front-matter images as written, in order (at most
-- the six og:image takes; twitter:image is the first), resource 0; or,
-- with none, the one image of its bundle Hugo's GetMatch picks,
-- "*feature*" else "{*cover*,*thumbnail*}", by its route, resource 1,
-- written by the importer's pass once the site's files are stored. The
-- worker makes each absolute from baseURL (absURL; a resource's
-- .Permalink). No row: the site's params.images.
CREATE TABLE page_og_image (
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	ordinal INTEGER NOT NULL,
	value TEXT NOT NULL,
	resource INTEGER NOT NULL,
	PRIMARY KEY (page_id, ordinal)
) STRICT, WITHOUT ROWID;

-- A file row that is a resized copy the importer made (image_variant's,
-- schema 016) says so: its route holds the original's hash and the
-- width, so other bytes come at another URL, and the worker answers it
-- with an immutable Cache-Control. The site's own files keep theirs.
ALTER TABLE file ADD COLUMN variant INTEGER NOT NULL DEFAULT 0;
