/* shortcodes-builtin.h - what each shortcode quire knows writes: Hugo
 * 0.111.3's built-ins, PaperMod's (87df659c), and quire's renderings of
 * the families sites define themselves (admonitions, details, embeds). */
#ifndef QUIRE_SHORTCODES_BUILTIN_H
#define QUIRE_SHORTCODES_BUILTIN_H

#include <stddef.h>

#include "buf.h"
#include "shortcode.h"

/* How a shortcode's output goes into the page. */
enum scb_shape {
	SCB_HTML,	/* open is HTML: a fragment for {{< >}}, Markdown
			 * source for {{% %}}, as in Hugo */
	SCB_TEXT,	/* open is text (a URL, a param's value) */
	SCB_WRAP,	/* open and close are HTML around the inner, which
			 * stays Markdown (quire's own renderings) */
};

/* A rendered shortcode; the caller frees the buffers. */
struct scb_out {
	enum scb_shape shape;
	struct buf open, close;
};

/* sc_inner_fn for sc_parse(): arg is the struct site (NULL: none). */
int scb_takes_inner(void *arg, const char *name);

/* Renders call, whose inner content (with its nested shortcodes' output
 * in place) is the n bytes of inner, for ctx's page into out (zeroed by
 * the caller). Returns 0; 1 when no shortcode of that name is known (out
 * untouched); -1 with "FILE:LINE: message" in err. Warnings go to
 * ctx->warn; embeds set ctx->frames. */
int scb_render(const struct sc_item *call, const char *inner, size_t n,
	struct sc_ctx *ctx, struct scb_out *out, struct buf *err);

#endif
