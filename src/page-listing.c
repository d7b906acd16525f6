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
	enum page_rc rc;

	if ((rc = render_begin_listing(ctx, NULL, "list", NULL, NULL, NULL,
	    NULL)) != PAGE_OK)
		return rc;
	if (ctx->page == 1)
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
	struct buf slug = BUF_INIT;
	struct render_section sec;
	enum page_rc rc = PAGE_OK;

	if (ctx->found != NULL)
		buf_puts(&slug, ctx->found->slug);
	else
		stored_slug(&slug, ctx->stored->url, ctx->site->lang_root);
	if (render_section_read(ctx, buf_cstr(&slug), &sec) == DB_ERROR) {
		rc = PAGE_DB_ERROR;
		goto out;
	}
	if ((rc = render_begin_listing(ctx, buf_cstr(&sec.title), "list",
	    buf_cstr(&sec.route), buf_cstr(&sec.title), TAXONOMY_SECTIONS,
	    buf_cstr(&slug))) != PAGE_OK)
		goto out;
	/* PaperMod's list.html: the title, the description (Markdown)
	 * under it, then the _index.md's text, then the entries. */
	render_page_header(b, ctx->site, buf_cstr(&sec.title), NULL, 0);
	if (ctx->page == 1 && *sec.description != '\0' &&
	    (rc = render_markdown(ctx, sec.description, 0,
	    "<div class=\"post-description\">\n", "</div>\n")) != PAGE_OK)
		goto out;
	if (ctx->page == 1 && *sec.body != '\0' &&
	    (rc = render_content(ctx, sec.markup, sec.body, MD_ANCHORS,
	    "<div class=\"post-content md-content\">", "</div>\n")) != PAGE_OK)
		goto out;
	/* A section whose _index.md alone is visible lists nothing. */
	if (ctx->found != NULL)
		rc = render_listing(ctx, ctx->found->id, buf_cstr(&sec.route));
	else if (ctx->page > 1)
		rc = PAGE_NOT_FOUND;
	if (rc == PAGE_OK)
		render_end(ctx);
out:
	render_section_free(&sec);
	buf_free(&slug);
	return rc;
}
