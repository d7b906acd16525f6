/* highlight.h - a fenced code block as Hugo 0.111 writes it: the fence's
 * info string read as Hugo reads it, and the block's HTML. The importer
 * calls it once per block; the worker never highlights, it splices the
 * HTML the importer stored (markdown.h's md_hooks). */
#ifndef QUIRE_HIGHLIGHT_H
#define QUIRE_HIGHLIGHT_H

#include <stddef.h>

#include "buf.h"

struct site;

/* Appends to out the HTML Hugo 0.111 (Chroma 2.5.0, class names, never
 * style attributes) writes for the fenced code block numbered ordinal (0
 * is the page's first; Hugo's line ids are "hl-ORDINAL-N") whose info
 * string is info (the language word, then Hugo's optional "{...}"
 * attributes: linenos, hl_lines, linenostart, anchorlinenos, lineanchors,
 * hl_inline, and HTML attributes for the wrapper) and whose text is the n
 * bytes of code, with site's markup.highlight settings (site may be NULL:
 * Hugo's defaults). Appends nothing when the site turns codeFences off:
 * the block is then cmark's. Returns 0, or -1 with a message in err when
 * Hugo would fail the build (an option value it cannot decode); the
 * caller prefixes FILE:LINE. When warn is not NULL, a difference from
 * Hugo's output is described there (a language Chroma writes in Go, a
 * block over the work bound): the block is then shown unhighlighted. */
int hl_fence_at(struct buf *out, const char *info, size_t ordinal,
	const char *code, size_t n, const struct site *site, struct buf *err,
	struct buf *warn);

/* hl_fence_at() for the page's first block, without warnings. */
int hl_fence(struct buf *out, const char *info, const char *code, size_t n,
	const struct site *site, struct buf *err);

/* As hl_fence_at() for a highlight shortcode ({{< highlight LANG OPTIONS
 * >}}): lang as written and options in the shortcode's form
 * ("linenos=inline,hl_lines=7 8", NULL for none); the code as given (Hugo
 * adds no newline). warn may be NULL. */
int hl_code_warn(struct buf *out, const char *lang, const char *options,
	const char *code, size_t n, const struct site *site, struct buf *err,
	struct buf *warn);

/* hl_code_warn() without warnings. */
int hl_code(struct buf *out, const char *lang, const char *options,
	const char *code, size_t n, const struct site *site, struct buf *err);

/* Appends the n bytes of s escaped as Go's html.EscapeString does (the
 * escaping Chroma's HTML formatter uses): & < > ' " only. */
void hl_escape(struct buf *out, const char *s, size_t n);

#endif
