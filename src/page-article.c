/* page-article.c - one post or page at its stored URL: title, meta line,
 * table of contents, the body rendered from Markdown now, and its tags. */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "markdown.h"
#include "render.h"

/* Appends the table of contents as nested lists, from the headings'
 * levels (PaperMod's own TOC, which nests by level). */
static void
render_toc(struct buf *b, const struct md_result *md)
{
	size_t i;
	int depth = 0, base = 7, level;

	for (i = 0; i < md->nheadings; i++)
		if (md->headings[i].level < base)
			base = md->headings[i].level;
	html(b, "<div class=\"toc\">\n<details open>\n<summary accesskey=\"c\">"
	    "<span class=\"details\">Table of Contents</span></summary>\n"
	    "<div class=\"inner\">");
	for (i = 0; i < md->nheadings; i++) {
		int k;

		level = md->headings[i].level - base + 1;
		if (level > depth) {
			/* Inside the open item; a skipped level gets an item. */
			for (k = depth; k < level; k++)
				html(b, k > depth ? "<li><ul>" : "<ul>");
			depth = level;
		} else {
			html(b, "</li>");
			for (; depth > level; depth--)
				html(b, "</ul></li>");
		}
		html(b, "\n<li><a href=\"#");
		html_attr(b, md->headings[i].id);
		html(b, "\" aria-label=\"");
		html_attr(b, md->headings[i].text);
		html(b, "\">");
		html_text(b, md->headings[i].text);
		html(b, "</a>");
	}
	for (; depth > 0; depth--)
		html(b, "</li></ul>");
	html(b, "\n</div>\n</details>\n</div>\n");
}

/* Appends "Updated: DATE" when the post's lastmod falls on another day
 * than its date (PaperMod's ShowLastMod). */
static void
render_lastmod(struct buf *b, const struct db_page *p)
{
	struct buf date = BUF_INIT, lastmod = BUF_INIT, iso = BUF_INIT;

	if (!p->has_lastmod)
		return;
	date_format_long(&date, &p->date);
	date_format_long(&lastmod, &p->lastmod);
	if (!p->has_date || strcmp(buf_cstr(&date), buf_cstr(&lastmod)) != 0) {
		date_format_iso(&iso, &p->lastmod);
		html(b, "&nbsp;·&nbsp;<span class=\"post-lastmod\" title=\"");
		html_attr(b, buf_cstr(&iso));
		html(b, "\">Updated: ");
		html_text(b, buf_cstr(&lastmod));
		html(b, "</span>");
	}
	buf_free(&date);
	buf_free(&lastmod);
	buf_free(&iso);
}

/* A path that is no page's URL may be one of Hugo's aliases: 301 to the
 * page it names. */
static enum page_rc
old_url(struct ctx *ctx)
{
	struct buf url = BUF_INIT;
	enum db_rc rc = db_alias(ctx->db, ctx->now, ctx->req->decoded, &url);

	if (rc == DB_ROW)
		page_redirect(ctx, buf_cstr(&url));
	buf_free(&url);
	return rc == DB_ROW ? PAGE_OK : rc == DB_DONE ? PAGE_NOT_FOUND :
	    PAGE_DB_ERROR;
}

enum page_rc
page_article(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT;
	struct db_page p;
	struct db_term t;
	struct md_result md;
	enum db_rc rc;
	int ntags = 0;

	rc = db_page_by_url(ctx->db, ctx->now, ctx->req->decoded, &p);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	if (rc == DB_DONE)
		return old_url(ctx);
	/* PaperMod's content/archives.md and search.md: quire's own pages
	 * under their titles. */
	if (strcmp(p.layout, "archives") == 0 || strcmp(p.layout, "search") == 0) {
		char *title = xstrdup(p.title);
		enum page_rc prc = strcmp(p.layout, "archives") == 0 ?
		    page_archives_titled(ctx, title) :
		    page_search_titled(ctx, title);

		free(title);
		return prc;
	}
	if (md_render(p.body, strlen(p.body), MD_MORE |
	    (ctx->site->unsafe ? MD_UNSAFE : 0), &md) != 0)
		return PAGE_ERROR;

	render_begin(ctx, p.title, "single");
	html(b, "<article class=\"post-single\">\n<header class=\"post-header\">\n"
	    "<div class=\"breadcrumbs\"><a href=\"");
	render_href(b, ctx->site, "/");
	html(b, "\">Home</a>");
	if (p.kind == 0) {
		buf_printf(&route, "/%s/", ctx->site->main_section);
		html(b, "&nbsp;»&nbsp;<a href=\"");
		render_href(b, ctx->site, buf_cstr(&route));
		html(b, "\">");
		buf_reset(&route);
		render_section_title(&route, ctx->site->main_section);
		html_text(b, buf_cstr(&route));
		html(b, "</a>");
	}
	html(b, "</div>\n<h1 class=\"post-title entry-hint-parent\">");
	html_text(b, p.title);
	html(b, "</h1>\n");
	if (*p.description != '\0') {
		html(b, "<div class=\"post-description\">");
		html_text(b, p.description);
		html(b, "</div>\n");
	}
	if (p.kind == 0) {
		html(b, "<div class=\"post-meta\">");
		render_meta(b, ctx->site, &p);
		render_lastmod(b, &p);
		html(b, "</div>\n");
	}
	html(b, "</header>\n");
	if (md.nheadings > 0)
		render_toc(b, &md);
	html(b, "<div class=\"post-content\">");
	buf_add(b, md.html.data, md.html.len);	/* cmark-gfm's safe HTML */
	html(b, "</div>\n<footer class=\"post-footer\">\n");

	db_page_terms(ctx->db, p.id, "tags");
	while ((rc = db_terms_next(ctx->db, &t)) == DB_ROW) {
		if (ntags++ == 0)
			html(b, "<ul class=\"post-tags\">\n");
		html(b, "<li>");
		render_term_link(ctx, "tags", &t, -1);
		html(b, "</li>\n");
	}
	if (ntags > 0)
		html(b, "</ul>\n");
	html(b, "</footer>\n</article>\n");
	md_result_free(&md);
	buf_free(&route);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	render_end(ctx);
	return PAGE_OK;
}
