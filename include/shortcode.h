/* shortcode.h - Hugo's shortcodes in a Markdown body: the parser (Hugo
 * 0.111's pageparser rules and errors) and the expansion the importer runs
 * before a body is counted and stored: {{% %}} output goes into the
 * Markdown, {{< >}} output into a fragment behind Hugo's placeholder. */
#ifndef QUIRE_SHORTCODE_H
#define QUIRE_SHORTCODE_H

#include <stddef.h>

#include "buf.h"
#include "schema.h"

struct fragments;
struct site;

/* One parameter: name is NULL for a positional one. quoted says the value
 * was written in "..." or `...` (Hugo keeps it a string; unquoted true,
 * false and numbers are typed, so eq "true" fails on them). */
struct sc_param {
	char *name;
	char *value;
	int quoted;
};

/* A piece of a body: text, or a shortcode call. The comment form (a
 * shortcode whose delimiters carry a C-style comment's marks) is text:
 * the shortcode as written, less the marks. */
struct sc_item {
	int is_call;
	char *text;		/* text: its bytes (owned), len of them */
	size_t len;
	char *name;		/* call: its name */
	int markdown;		/* {{% %}} */
	int line;		/* line of its "{{" in the file */
	size_t indent;		/* the white space before it on its line,
				 * when nothing else is (in a list item) */
	int self_closed;	/* written {{< name />}} */
	int has_inner;		/* closed by its closing tag or self-closed */
	struct sc_param *params;
	size_t nparams;
	int named;		/* its parameters are named */
	struct sc_item *inner;	/* what lies between it and the closing tag */
	size_t ninner;
	size_t inner_off;	/* the inner's bytes in the source */
	size_t inner_len;
};

/* A parsed body; sc_doc_free() releases it. */
struct sc_doc {
	struct sc_item *items;
	size_t n;
};

/* Whether the shortcode name reads its inner content (Hugo asks the
 * template whether it uses .Inner): 1 yes, 0 no, -1 not known (a site's
 * own): then a closing tag later in the body decides. */
typedef int (*sc_inner_fn)(void *arg, const char *name);

/* Parses the n bytes of src, whose first line is line first_line of the
 * file named file, into doc (initialised here). Returns 0, or -1 with
 * "FILE:LINE: message" (Hugo's message) in err; doc is then empty. */
int sc_parse(const char *file, const char *src, size_t n, int first_line,
	sc_inner_fn takes_inner, void *arg, struct sc_doc *doc,
	struct buf *err);
/* Frees what doc holds. */
void sc_doc_free(struct sc_doc *doc);
/* Whether the n bytes of src may hold a shortcode ("{{<" or "{{%"). */
int sc_present(const char *src, size_t n);

/* The parameter of call named name when its parameters are named, else
 * its positional parameter pos (0-based); NULL when absent. Pass name
 * NULL or pos -1 to ask for one form only. */
const struct sc_param *sc_get(const struct sc_item *call, const char *name,
	int pos);

/* What the expansion needs beyond the body. */
struct sc_ctx {
	const char *file;	/* the file's name in messages */
	const struct site *site;	/* its settings (unsafe, privacy...) */
	const char *page_url;	/* the page's own URL path ("/posts/x/") */
	const char *page_source;	/* its path under content/ */
	/* Resolves a ref or relref target as Hugo's .Ref does from this
	 * page, among the pages of language lang (the ref's lang=; NULL:
	 * the page's own): appends the page's URL path ("/posts/x/") to url
	 * and returns 1, or returns 0 when no page answers (err may say
	 * why), -1 on error (err set). NULL: targets are not known yet
	 * (every ref gives ""). */
	int (*resolve)(void *arg, const char *target, const char *lang,
		struct buf *url, struct buf *err);
	void *resolve_arg;
	/* The page's params, then the site's, by dotted key (the param
	 * shortcode): appends the value to out and returns 1, or returns 0
	 * (Hugo's error). NULL: none. */
	int (*param)(void *arg, const char *key, struct buf *out);
	void *param_arg;
	int in_place;		/* every output in place, no fragment (an
				 * HTML content file, which is not rendered) */
	int draft;		/* the page is a draft: Hugo builds none, so
				 * a ref to no page is a warning only */
	/* Set by the expansion. */
	struct buf warn;	/* "FILE:LINE: warning text\n" lines */
	int uses_refs;		/* the body calls ref or relref */
	unsigned frames;	/* schema.h's PAGE_FRAME_* of its embeds */
};

/* Expands the shortcodes of the n bytes of Markdown src (the body of
 * ctx->file, starting on line first_line): appends the Markdown to store
 * to md and the {{< >}} output to frags (placeholder N is fragment N,
 * numbered as Hugo numbers its placeholders). Returns 0, or -1 with
 * "FILE:LINE: message" in err. Warnings go to ctx->warn. */
int sc_expand(const char *src, size_t n, int first_line, struct sc_ctx *ctx,
	struct buf *md, struct fragments *frags, struct buf *err);

/* Replaces each placeholder in html (HTML the importer made from the
 * expanded Markdown, a highlighted code block) by its fragment of frags,
 * as Hugo replaces them in a page's final HTML, code included. */
void sc_fill_placeholders(struct buf *html, const struct fragments *frags);

#endif
