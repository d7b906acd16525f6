/* content.h - a stored page body to HTML, by the markup it is written in
 * (schema.h's enum page_markup): Markdown through markdown.c, HTML as
 * written. */
#ifndef QUIRE_CONTENT_H
#define QUIRE_CONTENT_H

#include <stddef.h>

#include "markdown.h"
#include "schema.h"

/* Renders n bytes of body, written in markup, into *res (which it
 * initialises; release it with md_result_free()): Markdown with
 * md_render(), md_flags and hooks (the page's fragments); HTML copied unchanged (Hugo 0.111 serves an
 * .html content file's body as written, whatever markup.goldmark's
 * unsafe says), with no headings and no summary divider (the importer
 * stored the part Hugo shows). Returns 0, or -1 if cmark-gfm failed. */
int content_render(enum page_markup markup, const char *body, size_t n,
	unsigned md_flags, const struct md_hooks *hooks, struct md_result *res);

#endif
