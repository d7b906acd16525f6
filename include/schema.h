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
				 * at the section's route; never listed */
};

/* page.markup: how a page's body is written (schema/012). */
enum page_markup {
	MARKUP_MARKDOWN = 0,	/* rendered with cmark-gfm (markdown.c) */
	MARKUP_HTML = 1,	/* an .html/.htm content file: served as
				 * written, as Hugo does (raw HTML is not
				 * subject to markup.goldmark's unsafe) */
};

/* term.taxonomy of the sections: every page under a top-level folder of
 * content/ has the term of that folder (slug: the URL segment Hugo gives
 * it, "notes" in /notes/), so that a section's listing and feeds read
 * one range of page_term, as a tag's do. No taxonomy of the config can
 * be named so: their names are URL segments. */
#define TAXONOMY_SECTIONS "/"


/* The migrations' SQL, in order, NULL-terminated (build/schema.c,
 * generated from schema/ by scripts/embed-schema.sh). */
extern const char *const schema_migrations[];

#endif
