/* page-error.c - error pages (400, 404, 405, 414, 503) and redirects. */
#include "html.h"
#include "render.h"

void
page_error(struct ctx *ctx, int status)
{
	struct buf *b = &ctx->resp->body;
	const char *what;

	resp_fail(ctx->resp, status);
	ctx->canonical = NULL;
	/* disableKinds: 404 leaves no page of Hugo's for it: the bare
	 * answer a server gives. */
	if (status == 404 && ctx->site != NULL &&
	    site_kind_off(ctx->site, "404")) {
		ctx->resp->content_type = "text/plain; charset=utf-8";
		html(b, "404 page not found\n");
		return;
	}
	switch (status) {
	case 404: what = "Page Not Found"; break;
	case 405: what = "Method Not Allowed"; break;
	case 414: what = "Request URI Too Long"; break;
	case 500: what = "Internal Server Error"; break;
	case 503: what = "Service Unavailable"; break;
	default: what = "Bad Request"; break;
	}
	render_begin(ctx, what, "list");
	html(b, "<div class=\"not-found\">");
	html_int(b, status);
	html(b, "</div>\n<p class=\"not-found-text\">");
	html_text(b, what);
	html(b, "</p>\n");
	render_end(ctx);
}

void
page_redirect(struct ctx *ctx, const char *route_path)
{
	struct buf loc = BUF_INIT, *b = &ctx->resp->body;

	render_href(&loc, ctx->site, route_path);
	if (*ctx->req->query != '\0') {
		buf_putc(&loc, '?');
		html_url_query(&loc, ctx->req->query);
	}
	resp_moved(ctx->resp, buf_cstr(&loc));
	html(b, "<!DOCTYPE html>\n<title>Moved</title>\n<a href=\"");
	html_attr(b, buf_cstr(&loc));
	html(b, "\">Moved here</a>\n");
	buf_free(&loc);
}
