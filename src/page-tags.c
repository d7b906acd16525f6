/* page-tags.c - the taxonomy pages: every term with its count, and one
 * term's listing. */
#include "html.h"
#include "render.h"

/* Opens a page of ctx->taxonomy: the term's page, linking the term's
 * feeds, when term_name is set (with a crumb back to the taxonomy), else
 * the taxonomy's own; each with its other languages' versions. */
static enum page_rc
open_taxonomy_page(struct ctx *ctx, const char *term_name)
{
	struct buf term_route = BUF_INIT;
	struct buf tax = BUF_INIT, tax_route = BUF_INIT;
	struct render_crumb crumb;
	const char *title;
	enum page_rc rc;

	render_section_title(&tax, ctx->taxonomy);
	render_lang_prefix(&tax_route, ctx->site);
	buf_printf(&tax_route, "/%s/", ctx->taxonomy);
	crumb.name = buf_cstr(&tax);
	crumb.route = buf_cstr(&tax_route);
	title = term_name != NULL ? term_name : crumb.name;
	if (term_name != NULL) {
		render_lang_prefix(&term_route, ctx->site);
		render_term_route(&term_route, ctx->taxonomy,
		    ctx->found->slug);
		rc = render_begin_listing(ctx, title, "list",
		    buf_cstr(&term_route), term_name, ctx->taxonomy,
		    ctx->found->slug);
	} else {
		rc = render_begin_listing(ctx, title, "list", NULL, NULL,
		    ctx->taxonomy, NULL);
	}
	if (rc == PAGE_OK)
		render_page_header(&ctx->resp->body, ctx->site, title, &crumb,
		    term_name != NULL && !site_kind_off(ctx->site, "taxonomy"));
	buf_free(&term_route);
	buf_free(&tax);
	buf_free(&tax_route);
	return rc;
}

enum page_rc
page_terms(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	struct db_cursor cur;
	struct db_term t;
	enum db_rc rc;
	enum page_rc prc;

	if ((prc = open_taxonomy_page(ctx, NULL)) != PAGE_OK)
		return prc;
	html(b, "<ul class=\"terms-tags\">\n");
	for (rc = db_terms(ctx->db, &cur, ctx->now, ctx->taxonomy, &t);
	    rc == DB_ROW; rc = db_terms_next(&cur, &t)) {
		/* disableKinds: term leaves no term page to list. */
		if (site_kind_off(ctx->site, "term"))
			continue;
		html(b, "<li>");
		render_term_link(ctx, ctx->taxonomy, &t, t.count);
		html(b, "</li>\n");
	}
	db_cursor_end(&cur);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	html(b, "</ul>\n");
	render_end(ctx);
	return PAGE_OK;
}

enum page_rc
page_term(struct ctx *ctx)
{
	struct buf route = BUF_INIT;
	enum page_rc prc;

	render_lang_prefix(&route, ctx->site);
	render_term_route(&route, ctx->taxonomy, ctx->found->slug);
	prc = open_taxonomy_page(ctx, ctx->found->name);
	if (prc == PAGE_OK)
		prc = render_listing(ctx, ctx->found->id, buf_cstr(&route));
	if (prc == PAGE_OK)
		render_end(ctx);
	buf_free(&route);
	return prc;
}
