/* page-listing.c - the home page and the main section's listing. */
#include <string.h>

#include "html.h"
#include "markdown.h"
#include "render.h"

/* PaperMod's homeInfoParams: a first card with a title and Markdown. */
static enum page_rc
home_info(struct ctx *ctx)
{
	const struct site *s = ctx->site;
	struct buf *b = &ctx->resp->body;
	struct md_result md;

	if (*s->home_title == '\0' && *s->home_content == '\0')
		return PAGE_OK;
	if (md_render(s->home_content, strlen(s->home_content),
	    s->unsafe ? MD_UNSAFE : 0, &md) != 0)
		return PAGE_ERROR;
	html(b, "<article class=\"first-entry home-info\">\n"
	    "<header class=\"entry-header\">\n<h1>");
	html_text(b, s->home_title);
	html(b, "</h1>\n</header>\n<div class=\"entry-content\">\n");
	/* cmark-gfm's HTML: raw HTML omitted unless the site set unsafe. */
	buf_add(b, md.html.data, md.html.len);
	html(b, "</div>\n</article>\n");
	md_result_free(&md);
	return PAGE_OK;
}

enum page_rc
page_home(struct ctx *ctx)
{
	enum page_rc rc = PAGE_OK;

	render_begin(ctx, NULL, "list");
	if (ctx->page == 1)
		rc = home_info(ctx);
	if (rc == PAGE_OK)
		rc = render_listing(ctx, 0, ctx->site->lang_root);
	if (rc == PAGE_OK)
		render_end(ctx);
	return rc;
}

enum page_rc
page_section(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT, title = BUF_INIT;
	const char *name = ctx->site->main_section;
	enum page_rc rc;

	render_section_title(&title, name);
	render_lang_prefix(&route, ctx->site);
	buf_printf(&route, "/%s/", name);
	render_begin_listing(ctx, buf_cstr(&title), "list", buf_cstr(&route),
	    buf_cstr(&title));
	render_page_header(b, ctx->site, buf_cstr(&title), NULL, 0);
	rc = render_listing(ctx, 0, buf_cstr(&route));
	if (rc == PAGE_OK)
		render_end(ctx);
	buf_free(&route);
	buf_free(&title);
	return rc;
}
