/* page-listing.c - the home page and each section's listing. */
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

	if (*s->home_title == '\0' && *s->home_content == '\0')
		return PAGE_OK;
	html(b, "<article class=\"first-entry home-info\">\n"
	    "<header class=\"entry-header\">\n<h1>");
	html_text(b, s->home_title);
	html(b, "</h1>\n</header>\n");
	return render_markdown(ctx, s->home_content, 0,
	    "<div class=\"entry-content\">\n", "</div>\n</article>\n");
}

enum page_rc
page_home(struct ctx *ctx)
{
	const char *title, *description, *body;
	enum page_markup markup;
	long long page_id;
	struct render_head h;
	struct buf abs = BUF_INIT;
	const char *images[DB_OG_IMAGES];
	enum page_rc rc;

	/* content/_index.md, when there is one: PaperMod's <title> stays
	 * the site's; its title names the cards, its description is the
	 * page's, and its text comes before the entries on every page. */
	if (db_section_page(ctx->db, ctx->now, ctx->site->lang_root, &title,
	    &description, &body, &markup, &page_id) == DB_ERROR)
		return PAGE_DB_ERROR;
	memset(&h, 0, sizeof(h));
	h.body_class = "list";
	h.canonical = ctx->canonical;
	h.card_title = title;
	h.description = description;
	h.feed = ctx->site->lang_root;
	h.feed_name = *title != '\0' ? title : NULL;
	if (render_head_images(ctx, page_id, &h, &abs, images) == DB_ERROR) {
		buf_free(&abs);
		return PAGE_DB_ERROR;
	}
	/* With the home in the other languages (hreflang). */
	rc = render_open_listing(ctx, &h, NULL, NULL);
	buf_free(&abs);
	if (rc != PAGE_OK)
		return rc;
	if (*body != '\0')
		rc = render_content(ctx, markup, body, page_id, MD_ANCHORS,
		    "<div class=\"post-content md-content\">", "</div>\n");
	if (rc == PAGE_OK && ctx->page == 1)
		rc = home_info(ctx);
	if (rc == PAGE_OK)
		rc = render_listing(ctx, 0, ctx->site->lang_root);
	if (rc == PAGE_OK)
		render_end(ctx);
	return rc;
}

/* The slug of the section at a stored page's route ("/notes/", or
 * "/fr/notes/" under the home lang_root of its language). */
static void
stored_slug(struct buf *out, const char *url, const char *lang_root)
{
	size_t n, skip = strlen(lang_root) - 1;

	if (strncmp(url, lang_root, skip) == 0)
		url += skip;
	n = strlen(url);
	if (n >= 2)
		buf_add(out, url + 1, n - 2);
}

enum page_rc
page_section(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	const struct site *site = ctx->site;
	struct site plain;
	char none[1] = "";
	struct buf slug = BUF_INIT, abs = BUF_INIT;
	const char *images[DB_OG_IMAGES];
	struct render_head h;
	struct render_section sec;
	struct render_trail trail;
	struct db_term sub;
	long long term_id = ctx->found != NULL ? ctx->found->id : 0;
	long long sub_id = 0;
	enum page_rc rc = PAGE_OK;
	enum db_rc drc;

	memset(&trail, 0, sizeof(trail));
	memset(&sec, 0, sizeof(sec));
	if (ctx->found != NULL)
		buf_puts(&slug, ctx->found->slug);
	else
		stored_slug(&slug, ctx->stored->url, ctx->site->lang_root);
	ctx->found = NULL;	/* its strings go with the next term lookup */
	drc = db_term_by_slug(ctx->db, ctx->now, TAXONOMY_SUBSECTIONS,
	    buf_cstr(&slug), &sub);
	if (drc == DB_ROW)
		sub_id = sub.id;
	/* The trail first: sec's description and body live until the next
	 * section page is read. */
	if (drc == DB_ERROR ||
	    render_section_trail(ctx, buf_cstr(&slug), &trail) == DB_ERROR ||
	    render_section_read(ctx, buf_cstr(&slug), &sec) == DB_ERROR) {
		rc = PAGE_DB_ERROR;
		goto out;
	}
	/* Its url is kept as given: its pages' URLs too ("/blog/page/2/"),
	 * uglyURLs or not. */
	if (sec.moved) {
		plain = *ctx->site;
		plain.ugly_urls = none;
		ctx->site = &plain;
	}
	memset(&h, 0, sizeof(h));
	h.title = buf_cstr(&sec.title);
	h.body_class = "list";
	h.canonical = ctx->canonical;
	h.feed = buf_cstr(&sec.route);
	h.feed_name = buf_cstr(&sec.title);
	if (render_head_images(ctx, sec.page_id, &h, &abs, images) ==
	    DB_ERROR) {
		rc = PAGE_DB_ERROR;
		goto out;
	}
	if ((rc = render_open_listing(ctx, &h, TAXONOMY_SECTIONS,
	    buf_cstr(&slug))) != PAGE_OK)
		goto out;
	/* PaperMod's list.html: the title (none when empty) under the
	 * sections above this one, the description (Markdown) under it,
	 * then the _index.md's text, then the entries. */
	if (sec.title.len > 0)
		render_page_header(b, ctx->site, buf_cstr(&sec.title),
		    trail.crumbs, trail.n > 0 ? trail.n - 1 : 0);
	if (ctx->page == 1 && *sec.description != '\0' &&
	    (rc = render_markdown(ctx, sec.description, 0,
	    "<div class=\"post-description\">\n", "</div>\n")) != PAGE_OK)
		goto out;
	if (ctx->page == 1 && *sec.body != '\0' &&
	    (rc = render_content(ctx, sec.markup, sec.body, sec.page_id,
	    MD_ANCHORS, "<div class=\"post-content md-content\">",
	    "</div>\n")) != PAGE_OK)
		goto out;
	/* A section whose _index.md alone is visible lists its sections,
	 * or nothing. */
	rc = render_section_listing(ctx, term_id, sub_id,
	    buf_cstr(&sec.route));
	if (rc == PAGE_OK)
		render_end(ctx);
out:
	ctx->site = site;
	render_section_free(&sec);
	render_trail_free(&trail);
	buf_free(&slug);
	buf_free(&abs);
	return rc;
}
