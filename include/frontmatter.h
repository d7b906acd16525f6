/* frontmatter.h - Hugo's YAML front matter of one Markdown file. */
#ifndef QUIRE_FRONTMATTER_H
#define QUIRE_FRONTMATTER_H

#include <stddef.h>

#include "buf.h"
#include "dates.h"
#include "yamldoc.h"

/* Hugo's build options of a page (front matter _build). */
enum fm_render { FM_RENDER_ALWAYS, FM_RENDER_NEVER, FM_RENDER_LINK };
enum fm_list { FM_LIST_ALWAYS, FM_LIST_NEVER, FM_LIST_LOCAL };
struct fm_build {
	int set;		/* given; else Hugo's defaults below */
	size_t line;		/* where, for messages */
	int render;		/* enum fm_render (always) */
	int list;		/* enum fm_list (always) */
	int publish_resources;	/* publishResources (true) */
};

/* What quire reads of a page's front matter. Strings are malloc'd and
 * NULL when absent; body points into the text given to fm_parse(). */
struct frontmatter {
	char *title;
	char *slug;
	char *translation_key;	/* translationKey: pages of other languages
				 * with the same one are translations */
	char *url;
	char *summary;
	char *description;
	char *author;
	char *layout;
	int draft;
	struct fm_build build;	/* _build */
	struct fm_build cascade;	/* an _index's cascade: {_build: ...}
					 * (or a cascade list's entry without
					 * _target) */
	int headless;		/* headless: true (line: headless_line) */
	size_t headless_line;
	long long weight;	/* Hugo's weight: 0 when unset */
	int cjk;		/* isCJKLanguage: 1, 0, or -1 when not given */
	int has_date, has_publish, has_expiry, has_lastmod;
	struct qdate date, publish, expiry, lastmod;
	/* The terms of each taxonomy read (fm_parse_terms()'s plurals, in
	 * their order): terms[i] holds nterms[i] names as first written. */
	char ***terms;
	size_t *nterms;
	char *const *plurals;	/* the caller's, as given */
	size_t ntaxonomies;
	char **aliases;		/* old URLs that answer 301 */
	size_t naliases;
	const char *body;
	size_t body_len;
};

/* Parses the file text (n bytes, named name in messages). Dates without a
 * zone are read in the zone set by date_set_zone(). On a fatal problem it
 * appends "NAME:LINE: what is wrong" to err and returns -1; what Hugo
 * accepts but is likely a slip goes to warn as "NAME:LINE: ...\n" lines.
 * The caller frees fm with fm_free() in either case. */
int fm_parse(const char *name, const char *text, size_t n,
	struct frontmatter *fm, struct buf *err, struct buf *warn);
/* fm_parse() reading the terms of the n taxonomies whose front-matter
 * keys are plurals ("series"), singulars naming one term in messages
 * ("series"); both arrays must outlive fm. fm_parse() reads Hugo's
 * default two, tags (terms[0]) and categories (terms[1]). A key that is no taxonomy given
 * here is not read as one, as in Hugo. */
int fm_parse_terms(const char *name, const char *text, size_t n,
	char *const *plurals, char *const *singulars, size_t ntaxonomies,
	struct frontmatter *fm, struct buf *err, struct buf *warn);
/* The terms fm holds of taxonomy plural (its count in *n); NULL and 0
 * when none or when plural was not read. */
char **fm_terms(const struct frontmatter *fm, const char *plural,
	size_t *n);
void fm_free(struct frontmatter *fm);
/* The page param key (dotted: "custom.deep", each part without case)
 * of the front matter of the file text (n bytes), as Hugo's .Param reads
 * a page's own: a scalar's text is appended to out (returns 1); a key
 * that is absent or no scalar returns 0. */
int fm_param(const char *text, size_t n, const char *key, struct buf *out);
/* The list param key (one top-level key, without case) of the front
 * matter of the file text (n bytes): each item's text, and "" for an
 * item that is no scalar, appended to out ended by a NUL; *line gets
 * the line of its value (0 when absent). Returns the number of items, 0 when
 * the key is absent, null or "", or -1 when it is no list. */
int fm_param_list(const char *text, size_t n, const char *key,
	struct buf *out, size_t *line);

/* Appends the author PaperMod's author.html shows for node (front-matter
 * or site params.author): a string as is, a list joined with ", " (items
 * that are no string left out), a map as Go prints it ("map[k:v]");
 * nothing for a null, false or empty value, whose place the site's
 * author takes. */
void fm_author(struct yamldoc *y, yaml_node_t *node, struct buf *out);

#endif
