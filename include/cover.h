/* cover.h - PaperMod's cover image (front matter cover.*, site
 * params.cover.*), as its cover.html, opengraph.html and
 * twitter_cards.html write it: the rules (which resource, hidden where,
 * responsive or not, the URLs Hugo's absURL and path.Join make) and the
 * markup, made at import once the site's files and their resized copies
 * (responsive.h) are stored, and kept with the page (schema 016) for the
 * list entries (entry.h) and the article to copy. Importer only. */
#ifndef QUIRE_COVER_H
#define QUIRE_COVER_H

#include <stddef.h>

#include "buf.h"
#include "site.h"

/* The widths of PaperMod's srcset that quire makes copies at. */
#define COVER_MAX_WIDTHS 8

/* A page's cover front matter as written; strings malloc'd, NULL when
 * not given; flags 1, 0, or -1 when not given (a value that is no
 * boolean counts as not given). */
struct cover_fm {
	char *image;
	char *alt;
	char *caption;
	int relative;
	int hidden;
	int hidden_in_list;
	int hidden_in_single;
	int responsive;
};

/* Reads the cover of a page's file text (n bytes: its front matter in any
 * of Hugo's formats) into c. Returns 1 when cover.image is given, else 0
 * (c then holds nothing to free). */
int cover_read(const char *text, size_t n, struct cover_fm *c);
void cover_fm_free(struct cover_fm *c);

/* What PaperMod decides for a page's cover under the site's params
 * (site.h's site_params): each flag 0 or 1. */
struct cover_view {
	const struct cover_fm *fm;
	const char *page_url;	/* the page's route, decoded */
	int hidden_in_list;	/* .Param hiddenInList | default .Param hidden */
	int hidden_in_single;
	int responsive;		/* page's | default site's | default true */
	int link_full;		/* site params.cover.linkFullImages, articles */
};

/* Settles v for fm of the page at page_url on site s: Hugo's .Param (the
 * page's value, else the site's) and default, which keeps a false. */
void cover_settle(const struct cover_fm *fm, const char *page_url,
	const struct site *s, struct cover_view *v);

/* Hugo's GetMatch("*IMAGE*") on a resource's name in its bundle
 * ("images/a.png"): a glob without case in which '*' stops at '/'. */
int cover_glob(const char *image, const char *name);

/* Appends Hugo's absURL of in on site s: an absolute URL as it is (one
 * of a scheme other than http and https as html/template's
 * "#ZgotmplZ"), a path from the root under the host of baseURL, any
 * other under baseURL. Not escaped. */
void cover_abs_url(struct buf *out, const struct site *s, const char *in);

/* Appends Go's path.Join of the route and the value (cleaned: no "//",
 * "." or ".." segments left; no trailing slash). */
void cover_path_join(struct buf *out, const char *route, const char *value);

/* The bundle resource found for a cover, and its resized copies. */
struct cover_img {
	const char *url;	/* its route */
	int processable;	/* a JPEG, PNG, GIF or WebP quire decoded */
	int width, height;	/* as displayed; 0 when unknown */
	int webp;		/* it is a WebP (no <source> then) */
	size_t n;		/* copies, by width, smallest first: */
	int widths[COVER_MAX_WIDTHS];
	char *own[COVER_MAX_WIDTHS];	/* routes of the copies in its type */
	char *webps[COVER_MAX_WIDTHS];	/* and in WebP (NULL: none) */
};

void cover_img_free(struct cover_img *img);

/* How a srcset is written: PaperMod's cover ("URL Ww ,URL Ww", each URL
 * its .Permalink) or quire's body image ("URL Ww, URL Ww", each URL
 * under the base path). */
enum cover_srcset_style {
	SRCSET_PAPERMOD,
	SRCSET_BODY,
};

/* Appends img's srcset: its copies in its own type then the original
 * (webp 0), or its WebP copies (webp 1). */
void cover_srcset(struct buf *b, const struct site *s,
	const struct cover_img *img, int webp, enum cover_srcset_style style);

/* Appends PaperMod's <figure class="entry-cover"> for a list entry
 * (single 0) or the article (single 1): img is the bundle resource
 * found, or NULL for the absURL of the value. Nothing when the cover is
 * hidden there. caption_html is the caption as markdownify makes it
 * (articles only; NULL: none). */
void cover_figure(struct buf *b, const struct site *s,
	const struct cover_view *v, const struct cover_img *img,
	const char *caption_html, int single);

/* Appends the URL opengraph.html and twitter_cards.html give the cover
 * (not escaped): absURL of the value, or with relative of the page's
 * URL joined with it. */
void cover_og_image(struct buf *out, const struct site *s,
	const struct cover_view *v);

/* Appends Hugo's markdownify of the n bytes of text: rendered as the
 * site renders Markdown, a lone paragraph without its <p>. Returns 0 or
 * -1. */
int cover_markdownify(struct buf *out, const struct site *s,
	const char *text);

/* Appends Hugo's plainify: text without its tags. */
void cover_plainify(struct buf *out, const char *text);

struct dbw;

/* The import's pass over every page with a cover, once the site's files
 * are stored (their rows written): finds each cover's resource, makes
 * its resized copies (their file rows too), and stores the list entry's
 * and the article's figure and the OpenGraph image (dbw_cover_set()). */
struct cover_pass {
	struct dbw *w;
	const struct site *site;
	const char *store;	/* the file store's folder */
	const char *site_dir;	/* the folder holding content/ (and
				 * assets/), or NULL when unknown */
	void (*warn)(void *arg, const char *line);	/* a whole line */
	void *arg;
	long covers, images, made, reused;	/* counted for the summary */
};

/* Runs the pass. Returns 0, or -1 with the message in err. */
int cover_import(struct cover_pass *p, struct buf *err);

#endif
