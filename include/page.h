/* page.h - what every page handler gets (the request context) and the
 * handlers themselves, one file each (page-*.c); route.c picks one. */
#ifndef QUIRE_PAGE_H
#define QUIRE_PAGE_H

#include "db.h"
#include "request.h"
#include "response.h"

/* What a handler says happened; the worker answers the errors. */
enum page_rc {
	PAGE_OK,		/* resp holds the page */
	PAGE_NOT_FOUND,		/* answer 404 */
	PAGE_DB_ERROR,		/* answer 503, log, reopen the database */
	PAGE_ERROR,		/* answer 500 and log: rendering failed */
};

/* The format a feed route asks for (route.c's table). */
enum page_format {
	FORMAT_RSS,		/* .../index.xml */
	FORMAT_ATOM,		/* .../atom.xml */
	FORMAT_JSON,		/* .../feed.json */
	FORMAT__MAX
};

/* A request as its handler sees it: parsed and routed. Nothing in it
 * outlives the request. */
struct ctx {
	struct req *req;
	struct resp *resp;
	struct db *db;
	const struct site *site;
	long long now;		/* the request's instant, for visibility */
	long page;		/* page number from ".../page/N/", else 1 */
	const char *term;	/* decoded term slug from "/tags/TERM/" */
	const char *taxonomy;	/* a taxonomy's plural ("tags"), or
				 * TAXONOMY_SECTIONS on section routes */
	const struct db_term *found;	/* that term, with a visible page
					 * (term and section routes; NULL
					 * for a section's stored page) */
	const char *title;	/* a stored page's title for the archives and
				 * search layouts; NULL: the page's own */
	const struct db_page *stored;	/* the stored page at the route
					 * (article and layout routes) */
	const char *canonical;	/* the route the page names as canonical;
				 * NULL: none (errors, redirects) */
	enum page_format format;	/* a feed route's format */
	const char *note;	/* a line the worker logs with the answer
				 * (a search stopped for its budget), or
				 * NULL; a literal */
	int lang_path;		/* the route began with a language's
				 * segment ("/fr/..."): the sitemap is that
				 * language's, not the index */
};

/* Handlers: each fills ctx->resp or says why not. */
enum page_rc page_home(struct ctx *ctx);
enum page_rc page_section(struct ctx *ctx);
enum page_rc page_terms(struct ctx *ctx);
enum page_rc page_term(struct ctx *ctx);
enum page_rc page_article(struct ctx *ctx);
/* The feeds of the site, a section, a taxonomy (its terms as items) and
 * a term, in ctx->format. */
enum page_rc page_feed_site(struct ctx *ctx);
enum page_rc page_feed_section(struct ctx *ctx);
enum page_rc page_feed_terms(struct ctx *ctx);
enum page_rc page_feed_term(struct ctx *ctx);
enum page_rc page_sitemap(struct ctx *ctx);
enum page_rc page_robots(struct ctx *ctx);
/* The archives and search pages; titled ctx->title when a stored page
 * with layout: archives or layout: search is shown through them. */
enum page_rc page_archives(struct ctx *ctx);
enum page_rc page_search(struct ctx *ctx);

/* Fills ctx->resp with the error page for status (400, 404, 405, 414,
 * 500, 503), dropping whatever the response held; no canonical link. */
void page_error(struct ctx *ctx, int status);
/* Fills ctx->resp with a 301 to the site route route_path (decoded, from
 * '/'), keeping the request's query string. */
void page_redirect(struct ctx *ctx, const char *route_path);

#endif
