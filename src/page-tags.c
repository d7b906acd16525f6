/* page-tags.c - the taxonomy pages: every term with its count, and one
 * term's listing. */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "render.h"

enum page_rc
page_terms(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	struct buf title = BUF_INIT;
	struct db_term t;
	enum db_rc rc;

	render_section_title(&title, ctx->taxonomy);
	render_begin(ctx, buf_cstr(&title), "list");
	html(b, "<header class=\"page-header\">\n<h1>");
	html_text(b, buf_cstr(&title));
	html(b, "</h1>\n</header>\n<ul class=\"terms-tags\">\n");
	db_terms(ctx->db, ctx->now, ctx->taxonomy);
	while ((rc = db_terms_next(ctx->db, &t)) == DB_ROW) {
		html(b, "<li>");
		render_term_link(ctx, ctx->taxonomy, &t, t.count);
		html(b, "</li>\n");
	}
	buf_free(&title);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	html(b, "</ul>\n");
	render_end(ctx);
	return PAGE_OK;
}

enum page_rc
page_term(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT;
	struct db_term t;
	enum db_rc rc;
	enum page_rc prc;
	char *name;

	rc = db_term_by_slug(ctx->db, ctx->now, ctx->taxonomy, ctx->term, &t);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	if (rc == DB_DONE)
		return PAGE_NOT_FOUND;
	name = xstrdup(t.name);
	buf_printf(&route, "/%s/%s/", ctx->taxonomy, t.slug);
	render_begin(ctx, name, "list");
	html(b, "<header class=\"page-header\">\n<h1>");
	html_text(b, name);
	html(b, "</h1>\n</header>\n");
	prc = render_listing(ctx, t.id, buf_cstr(&route));
	if (prc == PAGE_OK)
		render_end(ctx);
	free(name);
	buf_free(&route);
	return prc;
}
