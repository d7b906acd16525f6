/* highlight.h - a fenced code block as Hugo 0.111 writes it: the fence's
 * info string read as Hugo reads it, and the block's HTML. The importer
 * calls it once per block; the worker never highlights, it splices the
 * HTML the importer stored (markdown.h's md_hooks). */
#ifndef QUIRE_HIGHLIGHT_H
#define QUIRE_HIGHLIGHT_H

#include <stddef.h>

#include "buf.h"

struct site;

/* Appends to out the HTML Hugo 0.111 writes for a fenced code block whose
 * info string is info (the language word, then Hugo's optional "{...}"
 * attributes) and whose text is the n bytes of code, with site's
 * markup.highlight settings (site may be NULL: Hugo's defaults).
 * Returns 0, or -1 with a message in err when the info string cannot be
 * read (the caller prefixes FILE:LINE). */
int hl_fence(struct buf *out, const char *info, const char *code, size_t n,
	const struct site *site, struct buf *err);

/* As hl_fence() for a highlight shortcode ({{< highlight LANG OPTIONS >}}):
 * lang as written and options in the shortcode's form
 * ("linenos=inline,hl_lines=7 8", NULL for none). */
int hl_code(struct buf *out, const char *lang, const char *options,
	const char *code, size_t n, const struct site *site, struct buf *err);

/* Appends the n bytes of s escaped as Go's html.EscapeString does (the
 * escaping Chroma's HTML formatter uses): & < > ' " only. */
void hl_escape(struct buf *out, const char *s, size_t n);

#endif
