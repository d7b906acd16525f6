/* render.c - shared layout: head, header, footer, entries, pagination. */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "render.h"

void
render_href(struct buf *b, const struct site *site, const char *route)
{
	html_url_path(b, site->base_path);
	while (*route == '/')	/* never "//host": another site */
		route++;
	html_url_path(b, route);
}

void
render_abs_url(struct buf *b, const struct site *site, const char *route)
{
	html_text(b, site->base_url);	/* ends in '/', holds the base path */
	while (*route == '/')
		route++;
	html_url_path(b, route);
}

void
render_section_title(struct buf *out, const char *name)
{
	size_t start = out->len;

	buf_puts(out, name);
	if (out->len > start && out->data[start] >= 'a' &&
	    out->data[start] <= 'z')
		out->data[start] = (char)(out->data[start] - 'a' + 'A');
}

void
render_term_link(struct ctx *ctx, const char *taxonomy,
    const struct db_term *t, long count)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT;

	buf_printf(&route, "/%s/%s/", taxonomy, t->slug);
	html(b, "<a href=\"");
	render_href(b, ctx->site, buf_cstr(&route));
	html(b, "\">");
	html_text(b, t->name);
	if (count >= 0) {
		html(b, " <sup><strong><sup>");
		html_int(b, count);
		html(b, "</sup></strong></sup>");
	}
	html(b, "</a>");
	buf_free(&route);
}

void
render_begin(struct ctx *ctx, const char *title, const char *body_class)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;

	html(b, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"auto\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1, shrink-to-fit=no\">\n<title>");
	if (title != NULL && *title != '\0') {
		html_text(b, title);
		if (*s->title != '\0')
			html(b, " | ");
	}
	html_text(b, s->title);
	html(b, "</title>\n");
	if (*s->description != '\0') {
		html(b, "<meta name=\"description\" content=\"");
		html_attr(b, s->description);
		html(b, "\">\n");
	}
	html(b, "<meta name=\"generator\" content=\"quire\">\n"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"");
	render_href(b, s, "/index.xml");
	html(b, "\" title=\"");
	html_attr(b, s->title);
	html(b, "\">\n<link rel=\"stylesheet\" href=\"");
	render_href(b, s, "/css/quire.css");
	html(b, "\">\n</head>\n<body class=\"");
	html(b, body_class);
	html(b, "\" id=\"top\">\n<header class=\"header\">\n<nav class=\"nav\">\n"
	    "<div class=\"logo\"><a href=\"");
	render_href(b, s, "/");
	html(b, "\" accesskey=\"h\">");
	html_text(b, *s->title != '\0' ? s->title : "Home");
	html(b, "</a></div>\n<ul id=\"menu\">\n<li><a href=\"");
	render_href(b, s, "/archives/");
	html(b, "\" title=\"Archives\"><span>Archives</span></a></li>\n"
	    "<li><a href=\"");
	render_href(b, s, "/search/");
	html(b, "\" title=\"Search\"><span>Search</span></a></li>\n"
	    "<li><a href=\"");
	render_href(b, s, "/tags/");
	html(b, "\" title=\"Tags\"><span>Tags</span></a></li>\n</ul>\n</nav>\n"
	    "</header>\n<main class=\"main\">\n");
}

void
render_end(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;

	html(b, "</main>\n<footer class=\"footer\">\n<span><a href=\"");
	render_href(b, ctx->site, "/");
	html(b, "\">");
	html_text(b, *ctx->site->title != '\0' ? ctx->site->title : "Home");
	html(b, "</a></span> &middot; <span>Powered by quire</span>\n"
	    "</footer>\n</body>\n</html>\n");
}

void
render_meta(struct buf *b, const struct site *site,
    const struct db_page *p)
{
	const char *author = *p->author != '\0' ? p->author : site->author;
	int first = 1;

	if (p->has_date) {
		struct buf iso = BUF_INIT;

		date_format_iso(&iso, &p->date);
		html(b, "<span title=\"");
		html_attr(b, buf_cstr(&iso));
		html(b, "\">");
		buf_free(&iso);
		date_format_long(b, &p->date);
		html(b, "</span>");
		first = 0;
	}
	if (!first)
		html(b, "&nbsp;·&nbsp;");
	html_int(b, p->minutes);
	html(b, " min&nbsp;·&nbsp;");
	html_int(b, p->words);
	html(b, " words");
	if (*author != '\0') {
		html(b, "&nbsp;·&nbsp;");
		html_text(b, author);
	}
}

void
render_entry(struct ctx *ctx, const struct db_page *p)
{
	struct buf *b = &ctx->resp->body;

	html(b, "<article class=\"post-entry\">\n<header class=\"entry-header\">"
	    "\n<h2 class=\"entry-hint-parent\">");
	html_text(b, p->title);
	html(b, "</h2>\n</header>\n");
	if (*p->summary != '\0' || p->truncated) {
		html(b, "<div class=\"entry-content\">\n<p>");
		html_text(b, p->summary);
		if (p->truncated)
			html(b, " ...");
		html(b, "</p>\n</div>\n");
	}
	html(b, "<footer class=\"entry-footer\">");
	render_meta(b, ctx->site, p);
	html(b, "</footer>\n<a class=\"entry-link\" aria-label=\"post link to ");
	html_attr(b, p->title);
	html(b, "\" href=\"");
	render_href(b, ctx->site, p->url);
	html(b, "\"></a>\n</article>\n");
}

/* Appends the route of page n of a listing whose first page is base. */
static void
paged_route(struct buf *out, const char *base, long n)
{
	buf_puts(out, base);
	if (n > 1)
		buf_printf(out, "page/%ld/", n);
}

enum page_rc
render_listing(struct ctx *ctx, long long term_id, const char *list_route)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT;
	struct db_page p;
	long count = 0, pages, per = ctx->site->paginate;
	enum db_rc rc;

	if (db_count(ctx->db, ctx->now, term_id, &count) != DB_ROW)
		return PAGE_DB_ERROR;
	pages = count > 0 ? (count + per - 1) / per : 1;
	if (ctx->page > pages)
		return PAGE_NOT_FOUND;
	db_list(ctx->db, ctx->now, term_id, per, (ctx->page - 1) * per);
	while ((rc = db_list_next(ctx->db, &p)) == DB_ROW)
		render_entry(ctx, &p);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	if (pages > 1) {
		html(b, "<footer class=\"page-footer\">\n<nav class=\"pagination\">");
		if (ctx->page > 1) {
			paged_route(&route, list_route, ctx->page - 1);
			html(b, "\n<a class=\"prev\" rel=\"prev\" href=\"");
			render_href(b, ctx->site, buf_cstr(&route));
			html(b, "\">«&nbsp;Prev</a>");
		}
		if (ctx->page < pages) {
			buf_reset(&route);
			paged_route(&route, list_route, ctx->page + 1);
			html(b, "\n<a class=\"next\" rel=\"next\" href=\"");
			render_href(b, ctx->site, buf_cstr(&route));
			html(b, "\">Next&nbsp;»</a>");
		}
		html(b, "\n</nav>\n</footer>\n");
	}
	buf_free(&route);
	return PAGE_OK;
}
