/* markdown.h - the one module that speaks cmark-gfm: Markdown to HTML with
 * the GFM extensions, footnotes, smart punctuation and Hugo's heading ids. */
#ifndef QUIRE_MARKDOWN_H
#define QUIRE_MARKDOWN_H

#include <stddef.h>

#include "buf.h"

enum md_flags {
	MD_UNSAFE = 1 << 0,	/* keep raw HTML (site trusts its authors) */
	MD_MORE = 1 << 1,	/* honour Hugo's <!--more--> summary divider */
	MD_ANCHORS = 1 << 2,	/* end headings with PaperMod's "#" anchor link */
};

/* One heading of a rendered document, for the table of contents. */
struct md_heading {
	int level;		/* 1..6 */
	char *id;		/* Hugo's GitHub-style id, unique in the document */
	char *text;		/* plain text of the heading */
	char *open_tag;		/* the "<hN id=...>" written for it */
	char *close_tag;	/* and the "</hN>" (after an anchor link) */
};

/* What md_render() produces; release it with md_result_free(). */
struct md_result {
	struct buf html;	/* the body, without the summary divider */
	size_t summary_len;	/* with MD_MORE and a divider: bytes of html
				 * that are the summary; else (size_t)-1 */
	int more_truncated;	/* divider followed by non-blank text */
	struct md_heading *headings;
	size_t nheadings;
};

/* Renders n bytes of Markdown src into *res (which it initialises).
 * Returns 0, or -1 if cmark-gfm failed (res is then empty). */
int md_render(const char *src, size_t n, unsigned flags, struct md_result *res);
/* Frees what md_render() put in res. */
void md_result_free(struct md_result *res);

/* Appends Hugo's GitHub-style anchor for heading text to out, without the
 * duplicate suffix (lower case, spaces to '-', other punctuation dropped). */
void md_anchor(struct buf *out, const char *text);

#endif
