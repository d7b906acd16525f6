/* schema.h - what the worker and the importer agree on about the
 * database beyond its SQL (schema/NNN-*.sql): the kinds of page, the
 * markup of its body. */
#ifndef QUIRE_SCHEMA_H
#define QUIRE_SCHEMA_H

/* page.kind and page_card.kind. */
enum page_kind {
	PAGE_POST = 0,		/* a page of the main section: listed */
	PAGE_STANDALONE = 1,	/* any other page (about.md): not listed */
	PAGE_SECTION = 2,	/* a top-level section's _index.md: its
				 * listing's title, description and text,
				 * at the section's route; never listed.
				 * content/_index.md is the home page's, at
				 * its language's home ("/", "/fr/") */
};

/* page.draft, and the draft of its page_card, page_term and page_hit
 * rows (schema/026): 0 when shown; readers show only rows of 0, the
 * others say why a row is hidden. */
enum page_hidden {
	PAGE_SHOWN = 0,
	PAGE_DRAFT = 1,		/* draft: true: Hugo builds nothing */
	PAGE_UNRENDERED = 2,	/* _build render: never (or link), headless:
				 * no page, but its bundle's files are
				 * published (publishResources) */
	PAGE_UNLISTED = 3,	/* on a listing row only: _build list: never
				 * (every listing but its terms') or local
				 * (the site-wide ones: home, its feed,
				 * sitemap, search, neighbours, related) */
};

/* page.markup: how a page's body is written (schema/012). */
enum page_markup {
	MARKUP_MARKDOWN = 0,	/* rendered with cmark-gfm (markdown.c) */
	MARKUP_HTML = 1,	/* an .html/.htm content file: served as
				 * written, as Hugo does (raw HTML is not
				 * subject to markup.goldmark's unsafe) */
};

/* page.frames (schema/014): the other sites a page frames (its
 * embedded videos), one bit each; its Content-Security-Policy allows
 * exactly those in frame-src. */
enum page_frame {
	PAGE_FRAME_YOUTUBE = 1 << 0,		/* https://www.youtube.com */
	PAGE_FRAME_YOUTUBE_NOCOOKIE = 1 << 1,	/* https://www.youtube-nocookie.com */
	PAGE_FRAME_VIMEO = 1 << 2,		/* https://player.vimeo.com */
};

/* term.taxonomy of the sections: every page under a folder of content/
 * has the term of its section, the nearest folder holding an _index.md
 * or else its top-level folder (slug: the URL path Hugo gives it, "notes"
 * in /notes/, "essays/2023" in /essays/2023/), so that a section's listing and feeds read
 * one range of page_term, as a tag's do. No taxonomy of the config can
 * be named so: their names are URL segments. */
#define TAXONOMY_SECTIONS "/"

/* term.taxonomy of the sections' sections: a nested section's own page
 * (its _index.md, PAGE_SECTION) has the term of its parent section
 * (the same slug as the parent's TAXONOMY_SECTIONS term), so that the
 * parent's listing shows it after its pages, as PaperMod's does. */
#define TAXONOMY_SUBSECTIONS "//"


/* The migrations' SQL, in order, NULL-terminated (build/schema.c,
 * generated from schema/ by scripts/embed-schema.sh). */
extern const char *const schema_migrations[];

#endif
