/* page-archives.c - every public post grouped by year and month, newest
 * first, in PaperMod's archive markup. */
#include <string.h>

#include "html.h"
#include "render.h"

/* Appends a finished month (its entries in month) to year, named in the
 * language of names as PaperMod's GroupByDate "January" names it. */
static void
flush_month(struct buf *year, struct buf *month, int m, long count,
    const struct date_names *names)
{
	struct buf name = BUF_INIT;

	if (count == 0)
		return;
	date_month_name(&name, m, names);
	html(year, "<div class=\"archive-month\">\n<h3 class=\"archive-month-header\">");
	html_text(year, buf_cstr(&name));
	buf_free(&name);
	html(year, "&nbsp;&nbsp;<sup class=\"archive-count\">");
	html_int(year, count);
	html(year, "</sup></h3>\n<div class=\"archive-posts\">\n");
	buf_add(year, month->data, month->len);
	html(year, "</div>\n</div>\n");
	buf_reset(month);
}

/* Appends a finished year (its months in year) to the page. */
static void
flush_year(struct buf *b, struct buf *year, int y, long count)
{
	if (count == 0)
		return;
	html(b, "<div class=\"archive-year\">\n<h2 class=\"archive-year-header\" id=\"");
	html_int(b, y);
	html(b, "\">");
	html_int(b, y);
	html(b, "&nbsp;&nbsp;<sup class=\"archive-count\">");
	html_int(b, count);
	html(b, "</sup></h2>\n");
	buf_add(b, year->data, year->len);
	html(b, "</div>\n");
	buf_reset(year);
}

enum page_rc
page_archives(struct ctx *ctx)
{
	const char *title = ctx->title != NULL ? ctx->title : "Archive";
	struct buf *b = &ctx->resp->body;
	struct buf year = BUF_INIT, month = BUF_INIT;
	struct db_cursor cur;
	struct db_page p;
	enum db_rc rc;
	const struct date_names *names = date_names_for(ctx->site->lang,
	    ctx->site->default_lang);
	int cy = 0, cm = 0, y, m, d;
	long ny = 0, nm = 0;

	render_begin(ctx, title, "list");
	render_page_header(b, ctx->site, title, NULL, 0);
	/* Every post, as listed. */
	for (rc = db_list(ctx->db, &cur, ctx->now, -1, 0, &p);
	    rc == DB_ROW; rc = db_list_next(&cur, &p)) {
		date_fields(&p.date, &y, &m, &d);
		if (y != cy || m != cm) {
			flush_month(&year, &month, cm, nm, names);
			nm = 0;
		}
		if (y != cy) {
			flush_year(b, &year, cy, ny);
			ny = 0;
		}
		cy = y;
		cm = m;
		html(&month, "<div class=\"archive-entry\">\n"
		    "<h3 class=\"archive-entry-title entry-hint-parent\">");
		html_text(&month, p.title);
		html(&month, "</h3>\n<div class=\"archive-meta\">");
		render_meta(&month, ctx->site, &p);
		html(&month, "</div>\n<a class=\"entry-link\" "
		    "aria-label=\"post link to ");
		html_attr(&month, p.title);
		html(&month, "\" href=\"");
		render_href(&month, ctx->site, p.url);
		html(&month, "\"></a>\n</div>\n");
		nm++;
		ny++;
	}
	db_cursor_end(&cur);
	flush_month(&year, &month, cm, nm, names);
	flush_year(b, &year, cy, ny);
	buf_free(&year);
	buf_free(&month);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	render_end(ctx);
	return PAGE_OK;
}
