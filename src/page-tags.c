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
	render_page_header(b, ctx->site, buf_cstr(&title), NULL, 0);
	html(b, "<ul class=\"terms-tags\">\n");
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
	{
		struct buf tax = BUF_INIT, tax_route = BUF_INIT;
		struct render_crumb crumb;

		render_section_title(&tax, ctx->taxonomy);
		buf_printf(&tax_route, "/%s/", ctx->taxonomy);
		crumb.name = buf_cstr(&tax);
		crumb.route = buf_cstr(&tax_route);
		render_page_header(b, ctx->site, name, &crumb, 1);
		buf_free(&tax);
		buf_free(&tax_route);
	}
	prc = render_listing(ctx, t.id, buf_cstr(&route));
	if (prc == PAGE_OK)
		render_end(ctx);
	free(name);
	buf_free(&route);
	return prc;
}
