/* route.c - the route table: path patterns to page handlers. */
#include <string.h>
#include <stdlib.h>

#include "route.h"

/* Pattern segments: a literal, "$section" (the main section), "*" (any
 * segment: a term) or "#" (a page number). */
struct route {
	const char *pattern;
	enum page_rc (*handler)(struct ctx *);
	const char *taxonomy;
};

static const struct route routes[] = {
	{ "", page_home, NULL },
	{ "page/#", page_home, NULL },
	{ "$section", page_section, NULL },
	{ "$section/page/#", page_section, NULL },
	{ "tags", page_terms, "tags" },
	{ "tags/*", page_term, "tags" },
	{ "tags/*/page/#", page_term, "tags" },
	{ "categories", page_terms, "categories" },
	{ "categories/*", page_term, "categories" },
	{ "categories/*/page/#", page_term, "categories" },
	{ "index.xml", page_feed_site, NULL },
	{ "$section/index.xml", page_feed_section, NULL },
	{ "tags/*/index.xml", page_feed_term, "tags" },
	{ "categories/*/index.xml", page_feed_term, "categories" },
	{ "sitemap.xml", page_sitemap, NULL },
	{ "robots.txt", page_robots, NULL },
	{ "archives", page_archives, NULL },
	{ "search", page_search, NULL },
};

/* Matches the request's segments against pattern; sets page and term. */
static int
match(struct ctx *ctx, const char *pattern)
{
	const struct req *r = ctx->req;
	const char *p = pattern;
	size_t i = 0;

	ctx->page = 1;
	ctx->term = NULL;
	while (*p != '\0') {
		size_t len = strcspn(p, "/");

		if (i >= r->nsegs)
			return 0;
		if (len == 1 && *p == '#') {
			ctx->page = req_page_number(r->segs[i]);
			if (ctx->page == 0)
				return -1;	/* a page that cannot exist */
		} else if (len == 1 && *p == '*') {
			ctx->term = r->segs[i];
		} else if (len == 8 && strncmp(p, "$section", 8) == 0) {
			if (strcmp(r->segs[i], ctx->site->main_section) != 0)
				return 0;
		} else if (strlen(r->segs[i]) != len ||
		    strncmp(r->segs[i], p, len) != 0) {
			return 0;
		}
		i++;
		p += len;
		if (*p == '/')
			p++;
	}
	return i == r->nsegs;
}

enum page_rc
route_dispatch(struct ctx *ctx)
{
	size_t i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		int m = match(ctx, routes[i].pattern);

		if (m < 0)
			return PAGE_NOT_FOUND;
		if (m == 0)
			continue;
		ctx->taxonomy = routes[i].taxonomy;
		if (ctx->page == 1 && strstr(routes[i].pattern, "#") != NULL) {
			/* ".../page/1/" is the listing itself. */
			struct buf target = BUF_INIT;
			size_t k;

			buf_putc(&target, '/');
			for (k = 0; k + 2 < ctx->req->nsegs; k++)
				buf_printf(&target, "%s/", ctx->req->segs[k]);
			page_redirect(ctx, buf_cstr(&target));
			buf_free(&target);
			return PAGE_OK;
		}
		return routes[i].handler(ctx);
	}
	return page_article(ctx);
}
