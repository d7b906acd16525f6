/* page-listing.c - the home page and the main section's listing. */
#include "html.h"
#include "render.h"

enum page_rc
page_home(struct ctx *ctx)
{
	render_begin(ctx, NULL, "list");
	{
		enum page_rc rc = render_listing(ctx, 0, "/");

		if (rc != PAGE_OK)
			return rc;
	}
	render_end(ctx);
	return PAGE_OK;
}

enum page_rc
page_section(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT, title = BUF_INIT;
	const char *name = ctx->site->main_section;
	enum page_rc rc;

	render_section_title(&title, name);
	buf_printf(&route, "/%s/", name);
	render_begin(ctx, buf_cstr(&title), "list");
	html(b, "<header class=\"page-header\">\n<h1>");
	html_text(b, buf_cstr(&title));
	html(b, "</h1>\n</header>\n");
	rc = render_listing(ctx, 0, buf_cstr(&route));
	if (rc == PAGE_OK)
		render_end(ctx);
	buf_free(&route);
	buf_free(&title);
	return rc;
}
