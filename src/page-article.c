/* page-article.c - one post or page at its stored URL: title, meta line,
 * table of contents, the body rendered from Markdown now, and its tags. */
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "html.h"
#include "markdown.h"
#include "related.h"
#include "render.h"

/* Appends the table of contents as nested lists, from the headings'
 * levels (PaperMod's own TOC, which nests by level). */
static void
render_toc(struct buf *b, const struct md_result *md, int open)
{
	size_t i;
	int depth = 0, base = 7, level;

	for (i = 0; i < md->nheadings; i++)
		if (md->headings[i].level < base)
			base = md->headings[i].level;
	html(b, open ? "<div class=\"toc\">\n<details open>\n" :
	    "<div class=\"toc\">\n<details>\n");
	html(b, "<summary accesskey=\"c\" title=\"(Alt + C)\">"
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
render_lastmod(struct buf *b, const struct site *s, const struct db_page *p)
{
	struct buf date = BUF_INIT, lastmod = BUF_INIT, iso = BUF_INIT;
	const struct date_names *names = date_names_for(s->lang,
	    s->default_lang);

	if (!p->has_lastmod)
		return;
	date_format(&date, &p->date, s->date_format, names);
	date_format(&lastmod, &p->lastmod, s->date_format, names);
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

/* The page's tags, names and slugs copied (the head needs them before the
 * body is written). */
struct tag_list {
	char **names;
	char **slugs;
	size_t n;
};

static enum db_rc
load_tags(struct ctx *ctx, long long page_id, struct tag_list *tags)
{
	struct db_cursor cur;
	struct db_term t;
	enum db_rc rc;
	size_t cap = 0;

	memset(tags, 0, sizeof(*tags));
	for (rc = db_page_terms(ctx->db, &cur, page_id, "tags", &t);
	    rc == DB_ROW; rc = db_terms_next(&cur, &t)) {
		if (tags->n == cap) {
			cap = cap ? cap * 2 : 8;
			tags->names = xrealloc(tags->names, cap * sizeof(char *));
			tags->slugs = xrealloc(tags->slugs, cap * sizeof(char *));
		}
		tags->names[tags->n] = xstrdup(t.name);
		tags->slugs[tags->n] = xstrdup(t.slug);
		tags->n++;
	}
	db_cursor_end(&cur);
	return rc;
}

static void
free_tags(struct tag_list *tags)
{
	size_t i;

	for (i = 0; i < tags->n; i++) {
		free(tags->names[i]);
		free(tags->slugs[i]);
	}
	free(tags->names);
	free(tags->slugs);
}

/* PaperMod's post navigation: « Prev is the newer post, Next » the older. */
static void
render_post_nav(struct buf *b, const struct site *s, const struct db_link *newer,
    const struct db_link *older)
{
	if (newer->url == NULL && older->url == NULL)
		return;
	html(b, "<nav class=\"paginav\">\n");
	if (newer->url != NULL) {
		html(b, "<a class=\"prev\" href=\"");
		render_href(b, s, newer->url);
		html(b, "\"><span class=\"title\">«&nbsp;Prev</span><br><span>");
		html_text(b, newer->title);
		html(b, "</span></a>\n");
	}
	if (older->url != NULL) {
		html(b, "<a class=\"next\" href=\"");
		render_href(b, s, older->url);
		html(b, "\"><span class=\"title\">Next&nbsp;»</span><br><span>");
		html_text(b, older->title);
		html(b, "</span></a>\n");
	}
	html(b, "</nav>\n");
}

/* The first term of taxonomy of page page_id, copied: its id, slug and
 * name (slug NULL when it has none). */
struct one_term {
	long long id;
	char *slug, *name;
};

static enum db_rc
first_term(struct ctx *ctx, long long page_id, const char *taxonomy,
    struct one_term *out)
{
	struct db_cursor cur;
	struct db_term t;
	enum db_rc rc = db_page_terms(ctx->db, &cur, page_id, taxonomy, &t);

	out->slug = out->name = NULL;
	if (rc == DB_ROW) {
		out->id = t.id;
		out->slug = xstrdup(t.slug);
		out->name = xstrdup(t.name);
	}
	db_cursor_end(&cur);
	return rc;
}

static void
one_term_free(struct one_term *t)
{
	free(t->slug);
	free(t->name);
}

/* Appends the box of each series the page is part of ("Part N of
 * NAME"), listing the series' visible pages oldest first with this one
 * marked: a nav (PaperMod's .toc box) with an aria-label, the current
 * item aria-current="page". Reads the taxonomy "series" when the site
 * declares it. */
static enum db_rc
render_series(struct ctx *ctx, const struct db_page *p)
{
	struct buf *b = &ctx->resp->body;
	struct buf list = BUF_INIT, route = BUF_INIT;
	struct db_cursor cur;
	struct one_term series;
	const char *url, *title;
	long long id;
	long n = 0, part = 0;
	enum db_rc rc;

	if (site_taxonomy(ctx->site, "series", 6) < 0 ||
	    site_kind_off(ctx->site, "term"))
		return DB_DONE;
	rc = first_term(ctx, p->id, "series", &series);
	if (rc != DB_ROW)
		return rc;
	for (rc = db_term_oldest(ctx->db, &cur, ctx->now, series.id, &id,
	    &url, &title); rc == DB_ROW;
	    rc = db_term_oldest_next(&cur, &id, &url, &title)) {
		n++;
		if (id == p->id) {
			part = n;
			html(&list, "<li aria-current=\"page\"><strong>");
			html_text(&list, title);
			html(&list, "</strong></li>\n");
		} else {
			html(&list, "<li>");
			render_link(&list, ctx->site, url, title);
			html(&list, "</li>\n");
		}
	}
	db_cursor_end(&cur);
	if (rc != DB_ERROR && part > 0) {
		render_lang_prefix(&route, ctx->site);
		render_term_route(&route, "series", series.slug);
		html(b, "<nav class=\"toc series\" aria-label=\"Series: ");
		html_attr(b, series.name);
		html(b, "\">\n<div class=\"inner\">\n<p>Part ");
		html_int(b, part);
		html(b, " of ");
		html_int(b, n);
		html(b, " in ");
		html(b, "<a href=\"");
		render_list_href(b, ctx->site, buf_cstr(&route));
		html(b, "\">");
		html_text(b, series.name);
		html(b, "</a>");
		html(b, "</p>\n<ol>\n");
		buf_add(b, list.data, list.len);
		html(b, "</ol>\n</div>\n</nav>\n");
	}
	one_term_free(&series);
	buf_free(&list);
	buf_free(&route);
	return rc == DB_ERROR ? DB_ERROR : DB_ROW;
}

enum page_rc
page_article(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	const struct db_page *p = ctx->stored;
	struct render_section sec;
	struct one_term section;
	size_t ncrumbs;
	struct md_result md;
	struct tag_list tags;
	struct render_head head;
	struct render_crumb crumbs[RENDER_TRAIL_MAX + 1];
	struct render_trail trail;
	struct db_link newer = { NULL, NULL }, older = { NULL, NULL };
	struct db_link related[RELATED_MAX];
	struct db_translation trans[16];
	struct buf cover = BUF_INIT, og = BUF_INIT, cover_og = BUF_INIT;
	const char *images[DB_OG_IMAGES];
	size_t nrelated = 0, ntrans = 0, i;
	enum page_rc prc = PAGE_OK;

	/* Everything freed at out: is empty until filled. */
	memset(&sec, 0, sizeof(sec));
	memset(&trail, 0, sizeof(trail));
	memset(&md, 0, sizeof(md));
	section.slug = section.name = NULL;
	if (load_tags(ctx, p->id, &tags) == DB_ERROR) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	/* The page's own section and those above it (Home » Essays »
	 * 2023), if it lies in one. */
	if (first_term(ctx, p->id, TAXONOMY_SECTIONS, &section) == DB_ERROR ||
	    (section.slug != NULL && (render_section_trail(ctx, section.slug,
	    &trail) == DB_ERROR || render_section_read(ctx, section.slug,
	    &sec) == DB_ERROR))) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	if ((prc = render_body(ctx, p->markup, p->body, p->id, MD_MORE |
	    MD_ANCHORS, &md)) != PAGE_OK)
		goto out;
	if (p->kind == PAGE_POST && ((site_flag(s, FLAG_POST_NAV) &&
	    db_neighbours(ctx->db, ctx->now, p, &newer, &older) == DB_ERROR) ||
	    (site_flag(s, FLAG_RELATED) && db_related(ctx->db, ctx->now, p->id,
	    related, RELATED_MAX, &nrelated) == DB_ERROR))) {
		prc = PAGE_DB_ERROR;
		goto out;
	}

	if (site_multilingual(s) && db_translations(ctx->db, ctx->now, p,
	    trans, sizeof(trans) / sizeof(trans[0]), &ntrans) == DB_ERROR) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	/* PaperMod's cover (made at import); its OpenGraph image is
	 * render_head_images()'s. */
	if (db_page_cover(ctx->db, p->id, &cover, &cover_og) == DB_ERROR) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	ncrumbs = trail.n;
	for (i = 0; i < trail.n; i++)
		crumbs[i] = trail.crumbs[i];
	crumbs[ncrumbs].name = p->title;
	crumbs[ncrumbs].route = p->url;
	memset(&head, 0, sizeof(head));
	head.title = p->title;
	head.body_class = "single";
	head.description = *p->description != '\0' ? p->description : p->summary;
	head.canonical = p->url;
	head.article = p->kind == PAGE_POST ? p : NULL;
	head.keywords = tags.names;
	head.nkeywords = tags.n;
	head.crumbs = crumbs;
	head.ncrumbs = ncrumbs + 1;
	head.section = section.slug;
	head.translations = trans;
	head.ntranslations = ntrans;
	if (render_head_images(ctx, p->id, &head, &og, images) == DB_ERROR) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	render_open(ctx, &head);

	html(b, "<article class=\"post-single\">\n<header class=\"post-header\">\n");
	render_breadcrumbs(b, s, crumbs, ncrumbs);
	html(b, "<h1 class=\"post-title entry-hint-parent\">");
	html_text(b, p->title);
	html(b, "</h1>\n");
	if (*p->description != '\0') {
		html(b, "<div class=\"post-description\">");
		html_text(b, p->description);
		html(b, "</div>\n");
	}
	/* PaperMod's single.html shows the meta line on every page, posts
	 * or not (about.md too). */
	html(b, "<div class=\"post-meta\">");
	render_meta(b, s, p);
	render_lastmod(b, s, p);
	render_translations(b, s, trans, ntrans);
	html(b, "</div>\n");
	html(b, "</header>\n");
	/* single.html: the cover after the header, before the TOC; its
	 * markup was escaped when the importer made it (cover.c). */
	buf_add(b, cover.data, cover.len);
	if (md.nheadings > 0 && site_flag(s, FLAG_TOC))
		render_toc(b, &md, site_flag(s, FLAG_TOC_OPEN));
	html(b, "<div class=\"post-content\">");
	/* cmark-gfm's HTML (raw HTML omitted unless the site set unsafe),
	 * or an HTML content file's body as written: the page's largest
	 * part, handed to the response rather than copied. */
	resp_body_splice(ctx->resp, &md.html);
	html(b, "</div>\n");
	if (render_series(ctx, p) == DB_ERROR) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	html(b, "<footer class=\"post-footer\">\n");
	/* Hugo's .GetTerms gives no term whose kind is disabled. */
	if (tags.n > 0 && !site_kind_off(s, "term")) {
		html(b, "<ul class=\"post-tags\">\n");
		for (i = 0; i < tags.n; i++) {
			struct db_term t = { 0, tags.slugs[i], tags.names[i], 0 };

			html(b, "<li>");
			render_term_link(ctx, "tags", &t, -1);
			html(b, "</li>\n");
		}
		html(b, "</ul>\n");
	}
	render_post_nav(b, s, &newer, &older);
	if (nrelated > 0) {
		html(b, "<div class=\"related-posts\">\n<h2>Related posts</h2>\n<ul>\n");
		for (i = 0; i < nrelated; i++) {
			html(b, "<li>");
			render_link(b, s, related[i].url, related[i].title);
			html(b, "</li>\n");
		}
		html(b, "</ul>\n</div>\n");
	}
	html(b, "</footer>\n</article>\n");
	render_end(ctx);
out:
	for (i = 0; i < nrelated; i++)
		db_link_free(&related[i]);
	db_translations_free(trans, ntrans);
	db_link_free(&newer);
	db_link_free(&older);
	md_result_free(&md);
	buf_free(&cover);
	buf_free(&og);
	buf_free(&cover_og);
	free_tags(&tags);
	render_section_free(&sec);
	render_trail_free(&trail);
	one_term_free(&section);
	return prc;
}
