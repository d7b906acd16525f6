/* page-feed.c - RSS 2.0 feeds as Hugo 0.111 writes them: the site's
 * (/index.xml), the main section's and each term's. */
#include <string.h>

#include "html.h"
#include "markdown.h"
#include "render.h"

/* What one feed lists and how it is titled. */
struct feed {
	const char *name;	/* "Posts", a term's name; NULL for the site */
	const char *route;	/* the listing the feed belongs to */
	int all;		/* the site feed lists every kind of page */
	long long term_id;	/* a term's feed, else 0 */
};

static void
channel_title(struct buf *b, const struct site *s, const struct feed *f)
{
	if (f->name != NULL && strcmp(f->name, s->title) != 0) {
		html_text(b, f->name);
		html(b, " on ");
	}
	html_text(b, s->title);
}

static enum page_rc
render_feed(struct ctx *ctx, const struct feed *f)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	struct buf self = BUF_INIT;
	struct db_cursor cur;
	struct db_item it;
	struct entry e;
	enum db_rc rc;
	int first = 1;

	ctx->resp->content_type = "application/rss+xml; charset=utf-8";
	html(b, "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"");
	if (s->full_feed)
		html(b, " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"");
	html(b, ">\n  <channel>\n    <title>");
	channel_title(b, s, f);
	html(b, "</title>\n    <link>");
	render_abs_url(b, s, f->route);
	html(b, "</link>\n    <description>Recent content ");
	if (f->name != NULL && strcmp(f->name, s->title) != 0) {
		html(b, "in ");
		html_text(b, f->name);
		html(b, " ");
	}
	html(b, "on ");
	html_text(b, s->title);
	html(b, "</description>\n    <generator>quire</generator>");
	if (*s->language != '\0') {
		html(b, "\n    <language>");
		html_text(b, s->language);
		html(b, "</language>");
	}
	buf_printf(&self, "%sindex.xml", f->route);
	memset(&e, 0, sizeof(e));
	for (rc = db_items(ctx->db, &cur, ctx->now, f->term_id, f->all,
	    s->full_feed, s->rss_limit, &it); rc == DB_ROW;
	    rc = db_items_next(&cur, &it)) {
		if (first) {
			/* The newest item's date, as Hugo's .Date of a list. */
			html(b, "\n    <lastBuildDate>");
			date_format_rfc822(b, &it.date);
			html(b, "</lastBuildDate>");
			html(b, "<atom:link href=\"");
			render_abs_url(b, s, buf_cstr(&self));
			html(b, "\" rel=\"self\" type=\"application/rss+xml\" />");
			first = 0;
		}
		e.url = it.url;
		e.title = it.title;
		e.summary = it.summary;
		e.date = it.date;
		entry_item(b, s, &e);
		if (s->full_feed) {
			struct md_result md;

			if (md_render(it.body, strlen(it.body), MD_MORE |
			    (s->unsafe ? MD_UNSAFE : 0), &md) != 0) {
				db_cursor_end(&cur);
				buf_free(&self);
				return PAGE_ERROR;
			}
			/* The body as escaped text: valid XML whatever it holds
			 * (a CDATA section could not hold "]]>"). */
			html(b, "\n      <content:encoded>");
			html_textn(b, md.html.data, md.html.len);
			html(b, "</content:encoded>");
			md_result_free(&md);
		}
		html(b, "\n    </item>");
	}
	db_cursor_end(&cur);
	if (first) {
		html(b, "<atom:link href=\"");
		render_abs_url(b, s, buf_cstr(&self));
		html(b, "\" rel=\"self\" type=\"application/rss+xml\" />");
	}
	buf_free(&self);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	html(b, "\n  </channel>\n</rss>\n");
	return PAGE_OK;
}

enum page_rc
page_feed_site(struct ctx *ctx)
{
	struct feed f = { NULL, "/", 1, 0 };

	return render_feed(ctx, &f);
}

enum page_rc
page_feed_section(struct ctx *ctx)
{
	struct buf name = BUF_INIT, route = BUF_INIT;
	struct feed f;
	enum page_rc rc;

	render_section_title(&name, ctx->site->main_section);
	buf_printf(&route, "/%s/", ctx->site->main_section);
	f.name = buf_cstr(&name);
	f.route = buf_cstr(&route);
	f.all = 0;
	f.term_id = 0;
	rc = render_feed(ctx, &f);
	buf_free(&name);
	buf_free(&route);
	return rc;
}

enum page_rc
page_feed_term(struct ctx *ctx)
{
	struct buf route = BUF_INIT;
	struct feed f;
	enum page_rc prc;

	render_term_route(&route, ctx->taxonomy, ctx->found->slug);
	f.name = ctx->found->name;
	f.route = buf_cstr(&route);
	f.all = 0;
	f.term_id = ctx->found->id;
	prc = render_feed(ctx, &f);
	buf_free(&route);
	return prc;
}
