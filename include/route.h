/* route.h - the request context every page handler gets, and the one
 * table that maps paths to handlers. */
#ifndef QUIRE_ROUTE_H
#define QUIRE_ROUTE_H

#include "db.h"
#include "request.h"
#include "response.h"

/* What a handler says happened; the dispatcher answers errors. */
enum page_rc {
	PAGE_OK,		/* resp holds the page */
	PAGE_NOT_FOUND,		/* answer 404 */
	PAGE_DB_ERROR,		/* answer 503, log, reopen the database */
	PAGE_ERROR,		/* answer 500 and log: rendering failed */
};

struct ctx {
	struct req *req;
	struct resp *resp;
	struct db *db;
	const struct site *site;
	long long now;		/* the request's instant, for visibility */
	long page;		/* page number from ".../page/N/", else 1 */
	const char *term;	/* decoded term slug from "/tags/TERM/" */
	const char *taxonomy;	/* "tags" or "categories" */
};

/* Routes ctx->req and runs the handler; fills ctx->resp, including the
 * redirect for "/page/1/". */
enum page_rc route_dispatch(struct ctx *ctx);

/* Handlers, one file each. */
enum page_rc page_home(struct ctx *ctx);
enum page_rc page_section(struct ctx *ctx);
enum page_rc page_terms(struct ctx *ctx);
enum page_rc page_term(struct ctx *ctx);
enum page_rc page_article(struct ctx *ctx);
enum page_rc page_feed_site(struct ctx *ctx);
enum page_rc page_feed_section(struct ctx *ctx);
enum page_rc page_feed_term(struct ctx *ctx);
enum page_rc page_sitemap(struct ctx *ctx);
enum page_rc page_robots(struct ctx *ctx);
enum page_rc page_archives(struct ctx *ctx);
enum page_rc page_search(struct ctx *ctx);
/* The archives and search pages under a page's own title, for a page
 * whose front matter says layout: archives or layout: search. */
enum page_rc page_archives_titled(struct ctx *ctx, const char *title);
enum page_rc page_search_titled(struct ctx *ctx, const char *title);
/* Fills ctx->resp with the error page for status (400, 404, 405, 414,
 * 500, 503). */
void page_error(struct ctx *ctx, int status);
/* Fills ctx->resp with a 301 to the site path (route form, from '/'),
 * keeping the query string. */
void page_redirect(struct ctx *ctx, const char *route_path);

#endif
