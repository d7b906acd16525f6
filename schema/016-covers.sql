-- 016-covers.sql: PaperMod's cover images and the resized copies
-- (responsive variants) quire makes of a page bundle's images.
--
-- A list entry's cover (the <figure class="entry-cover"> a card shows,
-- "" for none) is one more entry column of page_card and page_term
-- (db.h's DB_ENTRY_FIELDS), written by the importer once the site's
-- files are stored (src/cover.c), as the entry itself is.
ALTER TABLE page_card ADD COLUMN cover TEXT NOT NULL DEFAULT '';
ALTER TABLE page_term ADD COLUMN cover TEXT NOT NULL DEFAULT '';

-- A page's cover front matter as written (NULL: not given, so the
-- site's params.cover.* applies), and what the importer made of it: the
-- article's figure and the OpenGraph/Twitter image, an absolute URL.
CREATE TABLE page_cover (
	page_id INTEGER PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
	image TEXT NOT NULL,
	alt TEXT,
	caption TEXT,
	relative INTEGER,
	hidden INTEGER,
	hidden_in_list INTEGER,
	hidden_in_single INTEGER,
	responsive INTEGER,
	single TEXT NOT NULL DEFAULT '',
	og_image TEXT NOT NULL DEFAULT ''
) STRICT;

-- The images of a page's body (Markdown images, in document order, as
-- md_splice_images() numbers them) whose URL may name one of the site's
-- files: relative, or a path from the root. Written with the page; once
-- the files are stored, each one found gets its <img> with width and
-- height (and srcset, and <picture> with WebP copies, for a relative
-- one) as a page_fragment of kind 2, which the worker splices in.
CREATE TABLE page_image (
	page_id INTEGER NOT NULL REFERENCES page (id) ON DELETE CASCADE,
	ordinal INTEGER NOT NULL,
	url TEXT NOT NULL,
	title TEXT NOT NULL,
	alt TEXT NOT NULL,
	PRIMARY KEY (page_id, ordinal)
) STRICT, WITHOUT ROWID;

-- What the importer learnt of an image file, by the hash of its bytes,
-- so that a re-import neither decodes nor resizes it again: its type
-- (images.h's enum image_type), size as displayed and frames, or why it
-- cannot be read ("" when it can).
CREATE TABLE image (
	hash TEXT PRIMARY KEY,
	type INTEGER NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	frames INTEGER NOT NULL,
	error TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Each resized copy of an image: width pixels wide, in the image's own
-- type (webp 0) or WebP (webp 1), stored in the file store under the
-- hash variant, of size bytes. Served through file rows like any file.
CREATE TABLE image_variant (
	hash TEXT NOT NULL REFERENCES image (hash) ON DELETE CASCADE,
	width INTEGER NOT NULL,
	webp INTEGER NOT NULL,
	variant TEXT NOT NULL,
	size INTEGER NOT NULL,
	PRIMARY KEY (hash, width, webp)
) STRICT, WITHOUT ROWID;
