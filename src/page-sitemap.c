/* page-sitemap.c - /sitemap.xml (sitemaps 0.9, the URLs Hugo lists) and
 * /robots.txt pointing to it. */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "render.h"

#define MAX_TRANSLATIONS 16

/* The absolute URL of route: a page's, or (list) a list's, as url_list()
 * writes it. */
static void
abs_url(struct buf *b, const struct site *s, const char *route, int list)
{
	if (list)
		render_list_abs_url(b, s, route);
	else
		render_abs_url(b, s, route);
}

/* An alternate of a <url>: the same page in language lang, at route. */
static void
alternate(struct buf *b, const struct site *s, const char *lang,
    const char *route, int list)
{
	html(b, "    <xhtml:link rel=\"alternate\" hreflang=\"");
	html_attr(b, lang);
	html(b, "\" href=\"");
	abs_url(b, s, route, list);
	html(b, "\"/>\n");
}

/* One <url>: of a page's route, or (list) of a list's, as url_list()
 * writes it; its translations t (n of them) as Hugo's sitemap writes
 * them, each language's version then the page's own, when it has any. */
static void
url_entry(struct buf *b, const struct site *s, const char *route,
    const struct qdate *lastmod, int list, const struct db_translation *t,
    size_t n)
{
	size_t i;

	html(b, "  <url>\n    <loc>");
	abs_url(b, s, route, list);
	html(b, "</loc>\n");
	if (lastmod != NULL) {
		html(b, "    <lastmod>");
		date_format_iso(b, lastmod);
		html(b, "</lastmod>\n");
	}
	for (i = 0; i < n; i++)
		alternate(b, s, t[i].lang, t[i].url, list);
	if (n > 0)
		alternate(b, s, s->lang, route, list);
	html(b, "  </url>\n");
}

/* A multilingual site's /sitemap.xml, as Hugo writes it: an index of
 * each language's sitemap (/en/sitemap.xml for the default language
 * too), each dated by its newest page. */
static enum page_rc
sitemap_index(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	struct buf route = BUF_INIT;
	struct qdate newest = { 0, 0 };
	int any;
	size_t i;

	ctx->resp->content_type = "application/xml; charset=utf-8";
	html(b, "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"
	    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/"
	    "0.9\">\n");
	for (i = 0; i < s->nlangs; i++) {
		if (db_lang_dates(ctx->db, ctx->now, s->langs[i].code,
		    &newest, &any) == DB_ERROR) {
			buf_free(&route);
			return PAGE_DB_ERROR;
		}
		buf_reset(&route);
		buf_printf(&route, "/%s/sitemap.xml", s->langs[i].code);
		html(b, "  <sitemap>\n    <loc>");
		render_abs_url(b, s, buf_cstr(&route));
		html(b, "</loc>\n");
		if (any) {
			html(b, "    <lastmod>");
			date_format_iso(b, &newest);
			html(b, "</lastmod>\n");
		}
		html(b, "  </sitemap>\n");
	}
	html(b, "</sitemapindex>\n");
	buf_free(&route);
	return PAGE_OK;
}

enum page_rc
page_sitemap(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	struct buf route = BUF_INIT;
	struct qdate newest = { 0, 0 }, date;
	struct db_cursor cur;
	struct db_page p;
	const char *taxonomy, *slug;
	struct db_translation tr[MAX_TRANSLATIONS];
	size_t nt = 0;
	int multi = site_multilingual(s);
	enum db_rc rc;
	int any = 0;
	size_t i;
	char *seen;

	if (site_multilingual(s) && !ctx->lang_path)
		return sitemap_index(ctx);
	seen = xmalloc(s->ntaxonomies + 1);
	memset(seen, 0, s->ntaxonomies + 1);
	ctx->resp->content_type = "application/xml; charset=utf-8";
	html(b, "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\n"
	    "  xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
	/* Every visible page, newest first; the lists take their dates.
	 * In a multilingual site, each with its translations, as Hugo's
	 * sitemap gives them (xhtml:link). */
	for (rc = db_list_sitemap(ctx->db, &cur, ctx->now, &p); rc == DB_ROW;
	    rc = db_list_next(&cur, &p)) {
		const struct qdate *lastmod = p.has_lastmod ? &p.lastmod :
		    p.has_date ? &p.date : NULL;

		if (!any && p.has_date) {
			newest = p.date;
			any = 1;
		}
		if (multi && db_translations_at(ctx->db, ctx->now, p.url, tr,
		    MAX_TRANSLATIONS, &nt) == DB_ERROR) {
			db_cursor_end(&cur);
			goto fail;
		}
		url_entry(b, s, p.url, lastmod, 0, tr, nt);
		db_translations_free(tr, nt);
		nt = 0;
	}
	db_cursor_end(&cur);
	if (rc == DB_ERROR || (multi && render_listing_translations(ctx, NULL,
	    NULL, tr, MAX_TRANSLATIONS, &nt) == DB_ERROR))
		goto fail;
	if (!site_kind_off(s, "home"))
		url_entry(b, s, s->lang_root, any ? &newest : NULL, 0, tr, nt);
	db_translations_free(tr, nt);
	nt = 0;
	/* Each section and term with its newest page's date. */
	for (rc = db_term_dates(ctx->db, &cur, ctx->now, &taxonomy, &slug,
	    &date); rc == DB_ROW;
	    rc = db_lastmod_next(&cur, &taxonomy, &slug, &date)) {
		int t = site_taxonomy(s, taxonomy, strlen(taxonomy));
		int section = strcmp(taxonomy, TAXONOMY_SECTIONS) == 0;

		if (!section && t < 0)
			continue;	/* no longer declared */
		if (t >= 0)
			seen[t] = 1;
		/* disableKinds: no page of that kind to list. */
		if (site_kind_off(s, section ? "section" : "term"))
			continue;
		buf_reset(&route);
		render_lang_prefix(&route, s);
		if (section) {
			buf_printf(&route, "/%s/", slug);
			if (render_section_route(ctx, &route) == DB_ERROR) {
				db_cursor_end(&cur);
				goto fail;
			}
		} else {
			render_term_route(&route, taxonomy, slug);
		}
		if (multi && render_listing_translations(ctx, taxonomy, slug,
		    tr, MAX_TRANSLATIONS, &nt) == DB_ERROR) {
			db_cursor_end(&cur);
			goto fail;
		}
		url_entry(b, s, buf_cstr(&route), &date, 1, tr, nt);
		db_translations_free(tr, nt);
		nt = 0;
	}
	db_cursor_end(&cur);
	if (rc == DB_ERROR)
		goto fail;
	for (i = 0; i < s->ntaxonomies; i++) {
		if (!seen[i] || site_kind_off(s, "taxonomy"))
			continue;
		buf_reset(&route);
		render_lang_prefix(&route, s);
		buf_printf(&route, "/%s/", s->taxonomy_plurals[i]);
		if (multi && render_listing_translations(ctx,
		    s->taxonomy_plurals[i], NULL, tr, MAX_TRANSLATIONS,
		    &nt) == DB_ERROR)
			goto fail;
		url_entry(b, s, buf_cstr(&route), any ? &newest : NULL, 1,
		    tr, nt);
		db_translations_free(tr, nt);
		nt = 0;
	}
	html(b, "</urlset>\n");
	buf_free(&route);
	free(seen);
	return PAGE_OK;
fail:
	db_translations_free(tr, nt);
	buf_free(&route);
	free(seen);
	return PAGE_DB_ERROR;
}

enum page_rc
page_robots(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;

	ctx->resp->content_type = "text/plain; charset=utf-8";
	html(b, "User-agent: *\nDisallow:\n");
	if (!site_kind_off(ctx->site, "sitemap")) {
		html(b, "\nSitemap: ");
		render_abs_url(b, ctx->site, "/sitemap.xml");
		html(b, "\n");
	}
	return PAGE_OK;
}
