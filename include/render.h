/* render.h - the layout pieces pages share, as PaperMod draws them:
 * head and header, footer, listing entries, meta line, pagination. */
#ifndef QUIRE_RENDER_H
#define QUIRE_RENDER_H

#include "entry.h"
#include "page.h"

/* Appends an href value for a site route ("/posts/a/", decoded): the base
 * path, then the route percent-encoded. */
void render_href(struct buf *b, const struct site *site, const char *route);
/* Appends <a href="ROUTE">TEXT</a> for a site route. */
/* render_href() of the list at route, as url_list() writes it (under
 * uglyURLs, "/tags/go/" is "/tags/go.html"). */
void render_list_href(struct buf *b, const struct site *site,
	const char *route);
/* render_abs_url() of the list at route, likewise. */
void render_list_abs_url(struct buf *b, const struct site *site,
	const char *route);
void render_link(struct buf *b, const struct site *site, const char *route,
	const char *text);
/* Appends the absolute URL of a site route, from the configured baseURL
 * (never the Host header), escaped for HTML or XML text. */
void render_abs_url(struct buf *b, const struct site *site, const char *route);
/* Appends the first of the site's params.images made absolute (Hugo's
 * absURL), as PaperMod's head and feed name the site's image; returns 0,
 * appending nothing, when it has none. */
int render_site_image(struct buf *out, const struct site *s);
/* Appends the title Hugo gives a section or taxonomy without an
 * _index.md: inflect_section_title()'s ("note" gives "Notes", "child"
 * "Children", "data" "Data"). */
void render_section_title(struct buf *out, const char *name);
/* What a section's listing shows above its entries: its route
 * ("/notes/", under the language's home: "/fr/notes/"), title (its _index.md's, else render_section_title()'s)
 * and description and Markdown text (its _index.md's, else ""). Strings
 * live in bufs freed by render_section_free(), or in the database's row
 * until the request ends. */
struct render_crumb {
	const char *name;
	const char *route;
};

struct render_section {
	struct buf route, title;
	const char *description, *body;
	enum page_markup markup;	/* how body is written */
	long long page_id;		/* its _index.md's, 0 if none */
	int moved;			/* listed at its _index.md's url,
					 * never ugly (as Hugo keeps it) */
};
/* Puts in route, a section's route ("/post/" under the language's
 * lang_root), the URL its listing is published at: its _index.md's url
 * when that lists it elsewhere (schema 017), else route as it is.
 * Returns DB_ROW (moved), DB_DONE (as it is) or DB_ERROR. */
enum db_rc render_section_route(struct ctx *ctx, struct buf *route);
/* Reads section slug's title and description, and the URL its listing
 * is at (render_section_route()); returns DB_ROW, or DB_ERROR. */
enum db_rc render_section_read(struct ctx *ctx, const char *slug,
	struct render_section *sec);
void render_section_free(struct render_section *sec);

/* The sections from the top-level one down to a section, as PaperMod's
 * breadcrumbs name them (.Ancestors): each folder of its path that is a
 * section (the top-level one, and those with an _index.md). */
#define RENDER_TRAIL_MAX 16
struct render_trail {
	struct render_crumb crumbs[RENDER_TRAIL_MAX];	/* into the bufs */
	struct buf names[RENDER_TRAIL_MAX], routes[RENDER_TRAIL_MAX];
	size_t n;
};
/* Fills t with the trail of section slug ("essays/2023" gives Essays,
 * then 2023's title), the section itself last; returns DB_ROW, or
 * DB_ERROR. The caller frees t with render_trail_free(), in both cases. */
enum db_rc render_section_trail(struct ctx *ctx, const char *slug,
	struct render_trail *t);
void render_trail_free(struct render_trail *t);
/* Appends the home route of the language s shows less its last '/'
 * ("" or "/fr"): what every fixed route of that language (its listings,
 * terms, feeds, search) follows, as Hugo lays a multilingual site out. */
void render_lang_prefix(struct buf *out, const struct site *s);
/* Appends the route of a term's page: "/TAXONOMY/SLUG/" (with no
 * language prefix: render_lang_prefix() goes first). */
void render_term_route(struct buf *out, const char *taxonomy,
	const char *slug);
/* Appends <a href="/TAXONOMY/SLUG/">NAME</a>, with PaperMod's count
 * badge when count >= 0. */
void render_term_link(struct ctx *ctx, const char *taxonomy,
	const struct db_term *t, long count);
/* One step of a breadcrumb trail after "Home". */
/* What the <head> of a page says about it. */
struct render_head {
	const char *title;		/* NULL: the site title alone */
	const char *body_class;		/* literal: "list" or "single" */
	const char *card_title;	/* OpenGraph's and Twitter's title when
				 * not title (the home page's _index.md
				 * title); NULL: title */
	const char *description;	/* NULL or "": the site's */
	const char *canonical;		/* the page's route; NULL: none */
	const struct db_page *article;	/* an article: OpenGraph article
					 * tags and JSON-LD BlogPosting */
	/* The page's OpenGraph images (absolute URLs, not escaped; the
	 * first is Twitter's): its cover's, else its front-matter images
	 * or bundle resource's; none: the site's params.images. */
	const char *const *images;
	size_t nimages;
	const char *ld_image;	/* JSON-LD's image: the cover's alone
				 * (schema_json.html); NULL: none */
	const char *section;	/* the article's section (its URL segment),
				 * for article:section; NULL: none */
	char *const *keywords;		/* an article's tags */
	size_t nkeywords;
	const struct render_crumb *crumbs;	/* JSON-LD BreadcrumbList */
	size_t ncrumbs;
	const char *feed;	/* the listing whose feeds the head links
				 * (RSS, Atom, JSON Feed); NULL: the site's */
	const char *feed_name;	/* that listing's name, as its feeds
				 * title themselves; NULL: the site's */
	/* A page's translations: PaperMod's hreflang alternates. */
	const struct db_translation *translations;
	size_t ntranslations;
};

/* Appends a language code as Hugo's title function shows it ("fr":
 * "Fr"). */
void render_lang_title(struct buf *out, const char *code);
/* Writes PaperMod's list of the translations of a page (post meta):
 * " | Translations: Fr De" as links; nothing when there are none. */
void render_translations(struct buf *b, const struct site *s,
	const struct db_translation *t, size_t n);

/* Opens the page: doctype, <head> with title, description, canonical
 * link, OpenGraph and Twitter card tags, JSON-LD, the feed link, then the
 * header with the site title, theme toggle and menu, and <main>. */
void render_open(struct ctx *ctx, const struct render_head *h);
/* render_open() with a title and body class alone; the canonical link is
 * ctx->canonical (the router sets it to the page's route). */
void render_begin(struct ctx *ctx, const char *title, const char *body_class);
/* Fills t (up to max) with the other languages' versions of a listing,
 * as Hugo's .Translations of a home, section, taxonomy or term page: for
 * the home (taxonomy NULL) every language's home; else the languages
 * having the listing (a visible page in the section or term slug of
 * taxonomy, or in any term of the taxonomy when slug is NULL), at the
 * same route under their home. *n says how many; free them with
 * db_translations_free(). */
enum db_rc render_listing_translations(struct ctx *ctx, const char *taxonomy,
	const char *slug, struct db_translation *t, size_t max, size_t *n);
/* render_begin() for a listing: the head links the feeds of the listing
 * at route feed, named feed_name (see struct render_head; NULL: the
 * site's), and the listing's versions in the other languages (hreflang
 * alternates, as Hugo's .Translations): the home's when taxonomy is
 * NULL, else the section's or term's slug of taxonomy (a section's:
 * TAXONOMY_SECTIONS), or the taxonomy's own when slug is NULL. */
/* Sets h's images (and ld_image) to those PaperMod's head gives the
 * stored page page_id (0: none, so the site's params.images): its
 * cover's, else its front-matter images or bundle image, made absolute
 * into abs (the caller's, freed after the page), images[] (DB_OG_IMAGES
 * of them, the caller's) pointing there. Returns DB_DONE or DB_ERROR. */
enum db_rc render_head_images(struct ctx *ctx, long long page_id,
	struct render_head *h, struct buf *abs, const char **images);
enum page_rc render_begin_listing(struct ctx *ctx, const char *title,
	const char *body_class, const char *feed, const char *feed_name,
	const char *taxonomy, const char *slug);
/* render_open() of head h (the caller's fields) with the listing's
 * hreflang alternates of taxonomy and slug, as render_begin_listing()
 * finds them. */
enum page_rc render_open_listing(struct ctx *ctx, struct render_head *h,
	const char *taxonomy, const char *slug);
/* A section's listing: the entries of its pages (term term_id, 0 for
 * none), then those of its sections (term sub_id of
 * TAXONOMY_SUBSECTIONS, 0 for none), paginated as one list. */
enum page_rc render_section_listing(struct ctx *ctx, long long term_id,
	long long sub_id, const char *list_route);
/* Appends Markdown text that no page's fragments go with (a description,
 * the home's text from the configuration) rendered with md_flags (raw
 * HTML kept only when the site sets unsafe) between the literal markup
 * open and close. Returns PAGE_OK, or PAGE_ERROR when it cannot be
 * rendered. */
enum page_rc render_markdown(struct ctx *ctx, const char *text,
	unsigned md_flags, const char *open, const char *close);
/* The same for page page_id's stored body, written in markup (content.h):
 * Markdown with the page's fragments spliced in, an HTML body as
 * written. PAGE_DB_ERROR when the fragments cannot be read. */
enum page_rc render_content(struct ctx *ctx, enum page_markup markup,
	const char *text, long long page_id, unsigned md_flags,
	const char *open, const char *close);
/* Renders page page_id's stored body into *md (as content_render(), the
 * site's unsafe added to md_flags) with its fragments spliced in.
 * Returns PAGE_OK, PAGE_ERROR, or PAGE_DB_ERROR. */
enum page_rc render_body(struct ctx *ctx, enum page_markup markup,
	const char *body, long long page_id, unsigned md_flags,
	struct md_result *md);
/* Appends a list page's header: breadcrumbs (Home » crumbs) and the
 * title as <h1>. */
void render_page_header(struct buf *b, const struct site *site,
	const char *title, const struct render_crumb *crumbs, size_t n);
/* Appends PaperMod's breadcrumbs (Home » crumbs...) unless the site turned
 * them off. */
void render_breadcrumbs(struct buf *b, const struct site *site,
	const struct render_crumb *crumbs, size_t n);
/* Closes <main>, writes the footer, closes the document. */
void render_end(struct ctx *ctx);
/* Appends PaperMod's meta line for a post: date · N min · N words ·
 * author, joined by &nbsp;·&nbsp;. */
void render_meta(struct buf *b, const struct site *site,
	const struct db_page *p);
/* Appends one listing entry (article.post-entry): the title, the summary
 * (or, for a search hit, the snippet with its matches marked \x01 ...
 * \x02), the meta line and the link. */
void render_entry(struct ctx *ctx, const struct db_page *p,
	const char *snippet);
/* Appends the route of page n (n >= 1) of a paginated page to b, as an
 * href value; arg is the href function's own. */
typedef void render_page_href(struct buf *b, const struct site *site,
	long n, const void *arg);
/* Appends the pagination footer of page `page`: a link to the previous
 * page when page > 1, to the next when more; nothing when neither. */
void render_pagination(struct ctx *ctx, long page, int more,
	render_page_href *href, const void *arg);
/* Runs the listing query for term_id (0: main section) and appends the
 * entries of ctx->page and the pagination links; list_route is the
 * listing's first page ("/", "/tags/go/"). Returns PAGE_NOT_FOUND for a
 * page past the end. */
enum page_rc render_listing(struct ctx *ctx, long long term_id,
	const char *list_route);

#endif
