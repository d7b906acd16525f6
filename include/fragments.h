/* fragments.h - the HTML a page's body refers to, made by the importer
 * (highlighted code blocks, shortcode output) and stored with the page
 * (schema 013, page_fragment), which the worker splices into the body it
 * renders from Markdown on each request (markdown.h's md_hooks). */
#ifndef QUIRE_FRAGMENTS_H
#define QUIRE_FRAGMENTS_H

#include <stddef.h>

#include "markdown.h"

/* Which list of a page's fragments one belongs to (page_fragment.kind). */
enum fragment_kind {
	FRAGMENT_CODE = 0,	/* the Nth fenced code block, highlighted */
	FRAGMENT_SHORTCODE = 1,	/* placeholder N's shortcode output */
	FRAGMENT_IMAGE = 2,	/* the Nth image: its <img> with width and
				 * height, srcset and WebP copies (schema
				 * 016, responsive.h); "" leaves it to cmark */
};

/* A page's fragments; each html is owned (malloc'd) by the lists. */
struct fragments {
	struct md_fragment *code;
	size_t ncode;
	struct md_fragment *shortcodes;
	size_t nshortcodes;
	struct md_fragment *images;
	size_t nimages;
};

#define FRAGMENTS_INIT { NULL, 0, NULL, 0, NULL, 0 }

/* Appends a copy of the n bytes of html to f's list of kind; returns its
 * index there. */
size_t fragments_add(struct fragments *f, enum fragment_kind kind,
	const char *html, size_t n);
/* Sets hooks to splice f's stored fragments (the worker's render): code
 * block N gets code[N]; one past the stored ones, or whose code[N] is
 * empty (the importer left it to cmark), is cmark's; images likewise. */
void fragments_hooks(const struct fragments *f, struct md_hooks *hooks);
/* Frees what f holds and empties it. */
void fragments_free(struct fragments *f);

#endif
