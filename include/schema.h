/* schema.h - what the worker and the importer agree on about the
 * database beyond its SQL (schema/NNN-*.sql): the kinds of page. */
#ifndef QUIRE_SCHEMA_H
#define QUIRE_SCHEMA_H

/* page.kind and page_card.kind. */
enum page_kind {
	PAGE_POST = 0,		/* a page of the main section: listed */
	PAGE_STANDALONE = 1,	/* any other page (about.md): not listed */
};

/* The migrations' SQL, in order, NULL-terminated (build/schema.c,
 * generated from schema/ by scripts/embed-schema.sh). */
extern const char *const schema_migrations[];

#endif
