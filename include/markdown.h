/* markdown.h - the one module that speaks cmark-gfm: Markdown to HTML with
 * the GFM extensions, footnotes, smart punctuation and Hugo's heading ids. */
#ifndef QUIRE_MARKDOWN_H
#define QUIRE_MARKDOWN_H

#include <stddef.h>

#include "buf.h"

enum md_flags {
	MD_UNSAFE = 1 << 0,	/* keep raw HTML (site trusts its authors) */
	MD_MORE = 1 << 1,	/* honour Hugo's <!--more--> summary divider:
				 * the html is the content without it */
	MD_SUMMARY = 1 << 14,	/* with MD_MORE: also find where the summary
				 * ends (summary_len), which costs a move of
				 * the html after the divider; a page's
				 * request needs no summary, the import does */
	MD_ANCHORS = 1 << 2,	/* end headings with PaperMod's "#" anchor link */
	MD_EMOJI = 1 << 3,	/* enableEmoji: ":code:" to its emoji, in the
				 * Markdown, as Hugo 0.111 does before it
				 * renders (code spans and blocks too) */
	/* markup.goldmark settings that differ from Hugo's defaults: */
	MD_HARD_WRAPS = 1 << 4,		/* renderer.hardWraps */
	MD_NO_TYPOGRAPHER = 1 << 5,	/* extensions.typographer: false */
	MD_NO_LINKIFY = 1 << 6,		/* extensions.linkify: false */
	MD_NO_FOOTNOTE = 1 << 7,	/* extensions.footnote: false */
	MD_NO_STRIKETHROUGH = 1 << 8,	/* extensions.strikethrough: false */
	MD_NO_TABLE = 1 << 9,		/* extensions.table: false */
	MD_NO_TASK_LIST = 1 << 10,	/* extensions.taskList: false */
	MD_NO_HEADING_IDS = 1 << 11,	/* parser.autoHeadingID: false */
	MD_IDS_ASCII = 1 << 12,		/* autoHeadingIDType: github-ascii */
	MD_IDS_BLACKFRIDAY = 1 << 13,	/* autoHeadingIDType: blackfriday */
	MD_TYPO_ENTITIES = 1 << 15,	/* write what the typographer makes as
					 * Goldmark does, as entities
					 * (&ldquo;, &rsquo;, &hellip;...):
					 * Hugo's .Plain keeps them, and its
					 * CJK counts count their letters */
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
	size_t summary_len;	/* with MD_MORE | MD_SUMMARY and a divider:
				 * bytes of html that are the summary; else
				 * (size_t)-1 */
	int more_truncated;	/* divider followed by non-blank text */
	struct md_heading *headings;
	size_t nheadings;
};

/* HTML the importer made for a body, which its Markdown refers to. */
struct md_fragment {
	const char *html;
	size_t len;
};

/* Hugo's stand-in for a {{< >}} shortcode's output in the Markdown it
 * renders: MD_PLACEHOLDER_PREFIX, the fragment's index in decimal, then
 * MD_PLACEHOLDER_SUFFIX ("HAHAHUGOSHORTCODEs0HBHB"). */
#define MD_PLACEHOLDER_PREFIX "HAHAHUGOSHORTCODEs"
#define MD_PLACEHOLDER_SUFFIX "HBHB"

/* What md_render() takes from its caller beyond the Markdown. */
struct md_hooks {
	/* Writes the HTML of the fenced code block numbered ordinal (0 is
	 * the document's first, in source order), which starts on line
	 * (1-based, of the Markdown given), whose info string is
	 * info ("" for none) and whose text is n bytes of code: appends it
	 * to out and returns 0, or returns 1 to leave the block to cmark,
	 * or -1 on an error that fails the render. NULL: cmark's own. */
	int (*code_block)(void *arg, size_t ordinal, int line,
	    const char *info, const char *code, size_t n, struct buf *out);
	void *arg;
	/* The output of shortcodes, by placeholder index: a placeholder
	 * alone in a paragraph stands for the paragraph (Hugo drops the
	 * <p>), anywhere else in text, a link's or an image's URL for
	 * itself. One with no fragment is left as written. */
	const struct md_fragment *shortcodes;
	size_t nshortcodes;
	/* With no code_block writer, the blocks' HTML as stored (the
	 * worker's case: spliced with no copy in between): block N gets
	 * code[N] (NUL-terminated), unless N >= ncode or code[N] is empty,
	 * which leave the block to cmark. */
	const struct md_fragment *code;
	size_t ncode;
	/* Called with each image of the document in order (ordinal 0 is
	 * the first, after shortcodes are spliced), its URL and title as
	 * written ("" for none) and its alt text (the plain text of its
	 * description): the importer's list (responsive.h). NULL: none. */
	void (*image)(void *arg, size_t ordinal, const char *url,
	    const char *title, const char *alt);
	void *image_arg;
	/* The worker's: image N is replaced by images[N] as it is (an
	 * <img> with its size and copies), unless N >= nimages or it is
	 * empty, which leave the image to cmark. */
	const struct md_fragment *images;
	size_t nimages;
};

/* Renders n bytes of Markdown src into *res (which it initialises), with
 * hooks (NULL: none). Returns 0, or -1 if cmark-gfm or a hook failed
 * (res is then empty). */
int md_render(const char *src, size_t n, unsigned flags,
	const struct md_hooks *hooks, struct md_result *res);
/* Frees what md_render() put in res. */
void md_result_free(struct md_result *res);
/* Hugo's markdownify: appends text rendered with flags,
 * less trailing newlines and the <p> around a lone paragraph. Returns 0,
 * or -1 when rendering failed (out as it was). */
int md_markdownify(struct buf *out, const char *text, unsigned flags);
/* The line (from 1) of the Markdown src (n bytes) where a definition list
 * first gives a definition, as Goldmark's definitionList (on in Hugo by
 * default) reads one: ": text" (a colon indented less than four, then a
 * blank) after a paragraph's line, or after one blank line that follows
 * it, outside fenced code; 0 for none. cmark-gfm has no definition
 * lists: the importer warns (the line is a paragraph's text). */
int md_definition_line(const char *src, size_t n);

/* Appends Hugo's anchor for the n bytes of heading text to out, without
 * the duplicate suffix, as flags' autoHeadingIDType says: github (lower
 * case, spaces to '-', other punctuation dropped), MD_IDS_ASCII
 * (github-ascii: accents removed, then ASCII only) or MD_IDS_BLACKFRIDAY
 * (letters and numbers, other runs as one '-'). Goldmark makes it from
 * the heading's Markdown source, not its text. */
void md_anchor(struct buf *out, const char *text, size_t n, unsigned flags);

#endif
