/* render.c - shared layout: head, header, footer, entries, pagination. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "content.h"
#include "html.h"
#include "inflect.h"
#include "markdown.h"
#include "render.h"
#include "url.h"

void
render_href(struct buf *b, const struct site *site, const char *route)
{
	html_href(b, site->base_path, route);
}

void
render_list_href(struct buf *b, const struct site *site, const char *route)
{
	struct buf url = BUF_INIT;

	url_list(&url, site, route);
	render_href(b, site, buf_cstr(&url));
	buf_free(&url);
}

void
render_list_abs_url(struct buf *b, const struct site *site,
    const char *route)
{
	struct buf url = BUF_INIT;

	url_list(&url, site, route);
	render_abs_url(b, site, buf_cstr(&url));
	buf_free(&url);
}

void
render_link(struct buf *b, const struct site *site, const char *route,
    const char *text)
{
	html(b, "<a href=\"");
	render_href(b, site, route);
	html(b, "\">");
	html_text(b, text);
	html(b, "</a>");
}

int
render_site_image(struct buf *out, const struct site *s)
{
	struct buf first = BUF_INIT;

	if (*s->images == '\0')
		return 0;
	buf_add(&first, s->images, strcspn(s->images, "\x1f"));
	url_abs(out, s->base_url, buf_cstr(&first));
	buf_free(&first);
	return 1;
}

void
render_abs_url(struct buf *b, const struct site *site, const char *route)
{
	html_abs_url(b, site->base_url, route);
}

/* The default titles a worker has made, most recent kept: a site names
 * a few sections and taxonomies again on every page (breadcrumbs, the
 * tags page), and flect's rules cost thousands of instructions a name. */
#define TITLE_MEMO 16
#define TITLE_MEMO_NAME 48

static struct {
	char name[TITLE_MEMO_NAME];
	char *title;
} title_memo[TITLE_MEMO];
static size_t title_memo_next;

void
render_section_title(struct buf *out, const char *name)
{
	struct buf made = BUF_INIT;
	size_t i;

	if (strlen(name) >= TITLE_MEMO_NAME) {
		inflect_section_title(out, name);
		return;
	}
	for (i = 0; i < TITLE_MEMO; i++)
		if (title_memo[i].title != NULL &&
		    strcmp(title_memo[i].name, name) == 0) {
			buf_puts(out, title_memo[i].title);
			return;
		}
	inflect_section_title(&made, name);
	buf_add(out, made.data, made.len);
	i = title_memo_next++ % TITLE_MEMO;
	free(title_memo[i].title);
	strcpy(title_memo[i].name, name);
	title_memo[i].title = buf_detach(&made);
}

/* Appends Hugo's default title of the section folder name: made
 * plural, or (pluralizeListTitles: false) only capitalized. */
static void
section_default_title(const struct ctx *ctx, struct buf *out,
    const char *name)
{
	if (ctx->site->pluralize_titles)
		render_section_title(out, name);
	else
		inflect_capital(out, name);
}

enum db_rc
render_section_route(struct ctx *ctx, struct buf *route)
{
	struct buf moved = BUF_INIT;
	enum db_rc rc = db_section_list_url(ctx->db, ctx->now,
	    buf_cstr(route), &moved);

	if (rc == DB_ROW) {
		buf_reset(route);
		buf_puts(route, buf_cstr(&moved));
	}
	buf_free(&moved);
	return rc;
}

enum db_rc
render_section_read(struct ctx *ctx, const char *slug,
    struct render_section *sec)
{
	const struct buf empty = BUF_INIT;
	const char *title;
	enum db_rc rc;

	sec->route = empty;
	sec->title = empty;
	render_lang_prefix(&sec->route, ctx->site);
	buf_printf(&sec->route, "/%s/", slug);
	rc = db_section_page(ctx->db, ctx->now, buf_cstr(&sec->route), &title,
	    &sec->description, &sec->body, &sec->markup, &sec->page_id);
	sec->moved = 0;
	if (rc == DB_ROW) {
		enum db_rc moved = render_section_route(ctx, &sec->route);

		if (moved == DB_ERROR)
			return DB_ERROR;
		sec->moved = moved == DB_ROW;
	}
	if (rc == DB_ERROR)
		return DB_ERROR;
	/* Hugo's default title is for a section without an _index.md (one
	 * with no title has none), named by its last folder. */
	if (rc == DB_ROW) {
		buf_puts(&sec->title, title);
	} else {
		const char *last = strrchr(slug, '/');

		section_default_title(ctx, &sec->title, last ? last + 1 : slug);
	}
	return DB_ROW;
}

enum db_rc
render_section_trail(struct ctx *ctx, const char *slug,
    struct render_trail *t)
{
	const char *title, *description, *body, *p;
	enum page_markup markup;
	struct buf route = BUF_INIT;
	enum db_rc rc = DB_ROW;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (site_kind_off(ctx->site, "section"))
		return DB_ROW;	/* no section is an ancestor */
	for (p = slug; *p != '\0' && t->n < RENDER_TRAIL_MAX; p++) {
		size_t len = strcspn(p, "/");
		enum db_rc found, moved;

		p += len;
		buf_reset(&route);
		render_lang_prefix(&route, ctx->site);
		buf_printf(&route, "/%.*s/", (int)(p - slug), slug);
		found = db_section_page(ctx->db, ctx->now, buf_cstr(&route),
		    &title, &description, &body, &markup, NULL);
		if (found == DB_ERROR) {
			rc = DB_ERROR;
			break;
		}
		/* A folder below the top-level one without an _index.md is
		 * no section. */
		if (found != DB_ROW && t->n > 0 && *p != '\0')
			continue;
		moved = found == DB_ROW ? render_section_route(ctx, &route) :
		    DB_DONE;
		if (moved == DB_ERROR) {
			rc = DB_ERROR;
			break;
		}
		i = t->n++;
		/* A url is taken as given, uglyURLs or not (measured). */
		if (moved == DB_ROW)
			buf_puts(&t->routes[i], buf_cstr(&route));
		else
			url_list(&t->routes[i], ctx->site, buf_cstr(&route));
		if (found == DB_ROW) {
			buf_puts(&t->names[i], title);
		} else {
			struct buf name = BUF_INIT;

			buf_add(&name, p - len, len);
			section_default_title(ctx, &t->names[i],
			    buf_cstr(&name));
			buf_free(&name);
		}
		if (*p == '\0')
			break;
	}
	for (i = 0; i < t->n; i++) {
		t->crumbs[i].name = buf_cstr(&t->names[i]);
		t->crumbs[i].route = buf_cstr(&t->routes[i]);
	}
	buf_free(&route);
	return rc;
}

void
render_trail_free(struct render_trail *t)
{
	size_t i;

	for (i = 0; i < RENDER_TRAIL_MAX; i++) {
		buf_free(&t->names[i]);
		buf_free(&t->routes[i]);
	}
	t->n = 0;
}

void
render_section_free(struct render_section *sec)
{
	buf_free(&sec->route);
	buf_free(&sec->title);
}

void
render_lang_prefix(struct buf *out, const struct site *s)
{
	buf_add(out, s->lang_root, strlen(s->lang_root) - 1);
}

void
render_lang_title(struct buf *out, const char *code)
{
	size_t start = out->len;

	buf_puts(out, code);
	if (out->len > start && out->data[start] >= 'a' &&
	    out->data[start] <= 'z')
		out->data[start] = (char)(out->data[start] - 'a' + 'A');
}

void
render_translations(struct buf *b, const struct site *s,
    const struct db_translation *t, size_t n)
{
	struct buf name = BUF_INIT;
	size_t i;

	if (n == 0)
		return;
	html(b, "&nbsp;|&nbsp;<ul class=\"i18n_list\">Translations:");
	for (i = 0; i < n; i++) {
		buf_reset(&name);
		render_lang_title(&name, t[i].lang);
		html(b, "<li>");
		render_link(b, s, t[i].url, buf_cstr(&name));
		html(b, "</li>");
	}
	html(b, "</ul>");
	buf_free(&name);
}

/* PaperMod's language switch in the header: the home of every other
 * language, named by its languageName (else its code). */
static void
lang_switch(struct buf *b, const struct site *s)
{
	struct buf name = BUF_INIT;
	size_t i;

	if (!site_multilingual(s))
		return;
	html(b, "<ul class=\"lang-switch\"><li>|</li>");
	for (i = 0; i < s->nlangs; i++) {
		const struct site_lang *l = &s->langs[i];

		if (strcmp(l->code, s->lang) == 0)
			continue;
		buf_reset(&name);
		if (*l->name != '\0')
			buf_puts(&name, l->name);
		else
			render_lang_title(&name, l->code);
		html(b, "<li><a href=\"");
		render_href(b, s, l->root);
		html(b, "\" title=\"");
		html_attr(b, buf_cstr(&name));
		html(b, "\" aria-label=\"");
		html_attr(b, buf_cstr(&name));
		html(b, "\">");
		buf_reset(&name);
		render_lang_title(&name, l->code);
		html_text(b, buf_cstr(&name));
		html(b, "</a></li>");
	}
	html(b, "</ul>\n");
	buf_free(&name);
}

void
render_term_route(struct buf *out, const char *taxonomy, const char *slug)
{
	buf_printf(out, "/%s/%s/", taxonomy, slug);
}

void
render_term_link(struct ctx *ctx, const char *taxonomy,
    const struct db_term *t, long count)
{
	struct buf *b = &ctx->resp->body;
	struct buf route = BUF_INIT;

	render_lang_prefix(&route, ctx->site);
	render_term_route(&route, taxonomy, t->slug);
	html(b, "<a href=\"");
	render_list_href(b, ctx->site, buf_cstr(&route));
	html(b, "\">");
	html_text(b, t->name);
	if (count >= 0) {
		html(b, " <sup><strong><sup>");
		html_int(b, count);
		html(b, "</sup></strong></sup>");
	}
	html(b, "</a>");
	buf_free(&route);
}

/* The menu when the site configures none. */
static const struct site_link default_menu[] = {
	{ "Archives", "/archives/", 1, NULL, "" },
	{ "Search", "/search/", 2, NULL, "" },
	{ "Tags", "/tags/", 3, NULL, "" },
};

/* Appends the route of a menu entry's site URL (from '/'): PaperMod's
 * absLangURL puts it under the language's home, unless it is there
 * already ("/fr/tags/" in French's own menu). */
static void
menu_route(struct buf *route, const struct site *s, const char *url)
{
	size_t start = route->len, n;

	render_lang_prefix(route, s);
	n = route->len - start;
	if (n > 0 && strncmp(url, route->data + start, n) == 0 &&
	    (url[n] == '/' || url[n] == '\0'))
		route->len = start;
	buf_puts(route, url);
}

/* Appends a menu entry's href: absolute URLs as they are, site routes
 * under the base path (and the language's home). */
static void
menu_href(struct buf *b, const struct site *s, const char *url)
{
	struct buf route = BUF_INIT;

	if (strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0) {
		html_attr(b, url);
		return;
	}
	if (url[0] == '/')
		menu_route(&route, s, url);
	else if (url[0] == '\0')
		buf_puts(&route, s->lang_root);	/* absLangURL "" */
	else
		buf_puts(&route, url);
	/* A taxonomy's list, as the site writes it ("/tags.html"). */
	if (url[0] == '/' && site_taxonomy(s, url + 1, strcspn(url + 1, "/")) >=
	    0 && url[1 + strcspn(url + 1, "/")] == '/' &&
	    url[2 + strcspn(url + 1, "/")] == '\0')
		render_list_href(b, s, buf_cstr(&route));
	else
		render_href(b, s, buf_cstr(&route));
	buf_free(&route);
}

static void
render_menu(struct buf *b, const struct site *s, const char *route)
{
	const struct site_link *menu = s->nmenu ? s->menu : default_menu;
	size_t i, n = s->nmenu ? s->nmenu : sizeof(default_menu) /
	    sizeof(default_menu[0]);
	struct buf own = BUF_INIT;

	html(b, "<ul id=\"menu\">\n");
	for (i = 0; i < n; i++) {
		const char *u = menu[i].url;
		int active = 0;

		/* quire's own menu links no list disableKinds turns off. */
		if (s->nmenu == 0 && strcmp(u, "/tags/") == 0 &&
		    site_kind_off(s, "taxonomy"))
			continue;

		if (s->nmenu > 0 && !site_menu_shown(s, &menu[i]))
			continue;
		/* The page lies under the entry's route, in its language. */
		if (route != NULL && u[0] == '/') {
			buf_reset(&own);
			menu_route(&own, s, u);
			active = strcmp(buf_cstr(&own), s->lang_root) != 0 &&
			    strncmp(route, buf_cstr(&own), own.len) == 0;
		}
		html(b, "<li><a href=\"");
		menu_href(b, s, u);
		html(b, "\" title=\"");
		html_attr(b, menu[i].name);
		html(b, active ? "\"><span class=\"active\">" : "\"><span>");
		html_text(b, menu[i].name);
		html(b, "</span></a></li>\n");
	}
	html(b, "</ul>\n");
	buf_free(&own);
}

/* <meta property="NAME" content="VALUE"> (or name= for Twitter's). */
static void
meta(struct buf *b, const char *attr, const char *name, const char *value)
{
	html(b, "<meta ");
	html(b, attr);
	html(b, "=\"");
	html(b, name);
	html(b, "\" content=\"");
	html_attr(b, value);
	html(b, "\">\n");
}

static void
json_ld_breadcrumbs(struct buf *b, const struct site *s,
    const struct render_crumb *crumbs, size_t n)
{
	size_t i;

	html(b, "<script type=\"application/ld+json\">\n{\"@context\": "
	    "\"https://schema.org\", \"@type\": \"BreadcrumbList\", "
	    "\"itemListElement\": [");
	for (i = 0; i < n; i++) {
		struct buf url = BUF_INIT;

		render_abs_url(&url, s, crumbs[i].route);
		buf_printf(b, "%s\n  {\"@type\": \"ListItem\", \"position\": "
		    "%zu, \"name\": ", i ? "," : "", i + 1);
		html_json_string(b, crumbs[i].name);
		html(b, ", \"item\": ");
		/* render_abs_url escaped for HTML text; JSON wants it raw:
		 * it only holds URL characters and &amp; is impossible. */
		html_json_string(b, buf_cstr(&url));
		html(b, "}");
		buf_free(&url);
	}
	html(b, "\n]}\n</script>\n");
}

static void
json_ld_article(struct buf *b, const struct site *s,
    const struct render_head *h, const char *description)
{
	const struct db_page *p = h->article;
	struct buf url = BUF_INIT, date = BUF_INIT;
	const char *author = *p->author != '\0' ? p->author : s->author;
	size_t i;

	render_abs_url(&url, s, p->url);
	html(b, "<script type=\"application/ld+json\">\n{\"@context\": "
	    "\"https://schema.org\", \"@type\": \"BlogPosting\",\n"
	    "\"headline\": ");
	html_json_string(b, p->title);
	html(b, ", \"name\": ");
	html_json_string(b, p->title);
	html(b, ",\n\"description\": ");
	html_json_string(b, description);
	html(b, ",\n\"keywords\": [");
	for (i = 0; i < h->nkeywords; i++) {
		if (i > 0)
			html(b, ", ");
		html_json_string(b, h->keywords[i]);
	}
	html(b, "],\n\"wordCount\": ");
	html_int(b, p->words);
	if (h->ld_image != NULL) {
		html(b, ", \"image\": ");
		html_json_string(b, h->ld_image);
	}
	if (p->has_date) {
		date_format_iso(&date, &p->date);
		html(b, ", \"datePublished\": ");
		html_json_string(b, buf_cstr(&date));
		buf_reset(&date);
		date_format_iso(&date, p->has_lastmod ? &p->lastmod : &p->date);
		html(b, ", \"dateModified\": ");
		html_json_string(b, buf_cstr(&date));
	}
	if (*author != '\0') {
		html(b, ",\n\"author\": {\"@type\": \"Person\", \"name\": ");
		html_json_string(b, author);
		html(b, "}");
	}
	html(b, ",\n\"mainEntityOfPage\": {\"@type\": \"WebPage\", \"@id\": ");
	html_json_string(b, buf_cstr(&url));
	html(b, "},\n\"publisher\": {\"@type\": \"Organization\", \"name\": ");
	html_json_string(b, s->title);
	html(b, "}}\n</script>\n");
	buf_free(&url);
	buf_free(&date);
}

/* Links the feeds of the listing h names (else the site's), one per
 * format, each titled as the feed titles itself. */
static void
feed_links(struct buf *b, const struct site *s, const struct render_head *h)
{
	static const struct {
		const struct feed_format *format;
		const char *type;
	} links[] = {
		{ &feed_rss, "application/rss+xml" },
		{ &feed_atom, "application/atom+xml" },
		{ &feed_json, "application/feed+json" },
	};
	struct feed f;
	struct buf route = BUF_INIT, title = BUF_INIT;
	size_t i;

	/* disableKinds: RSS leaves no feed to link (Atom and JSON Feed are
	 * quire's beside it); nor does home the site's. */
	if (site_kind_off(s, "rss") || (h->feed == NULL &&
	    site_kind_off(s, "home")))
		return;
	memset(&f, 0, sizeof(f));
	f.route = h->feed != NULL ? h->feed : s->lang_root;
	f.name = h->feed != NULL ? h->feed_name : NULL;
	feed_title(&title, s, &f);
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		buf_reset(&route);
		feed_route(&route, &f, links[i].format);
		html(b, "<link rel=\"alternate\" type=\"");
		html(b, links[i].type);
		html(b, "\" href=\"");
		render_href(b, s, buf_cstr(&route));
		html(b, "\" title=\"");
		html_attr(b, buf_cstr(&title));
		html(b, "\">\n");
	}
	buf_free(&route);
	buf_free(&title);
}

void
render_open(struct ctx *ctx, const struct render_head *h)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	const char *desc = h->description != NULL && *h->description != '\0' ?
	    h->description : s->description;
	const char *card_title = h->card_title && *h->card_title ?
	    h->card_title : h->title && *h->title ? h->title : s->title;
	struct buf title = BUF_INIT, url = BUF_INIT, site_image = BUF_INIT;
	const char *image = NULL;

	if (h->title != NULL && *h->title != '\0') {
		buf_puts(&title, h->title);
		if (*s->title != '\0')
			buf_puts(&title, " | ");
	}
	buf_puts(&title, s->title);

	html(b, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(b, *s->language != '\0' ? s->language : "en");
	html(b, "\" dir=\"auto\" data-theme=\"");
	html_attr(b, s->default_theme);
	html(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1, shrink-to-fit=no\">\n<title>");
	html_text(b, buf_cstr(&title));
	html(b, "</title>\n");
	if (*desc != '\0')
		meta(b, "name", "description", desc);
	if (*s->author != '\0')
		meta(b, "name", "author", s->author);
	html(b, "<meta name=\"generator\" content=\"quire\">\n");
	if (h->canonical != NULL) {
		render_abs_url(&url, s, h->canonical);
		html(b, "<link rel=\"canonical\" href=\"");
		buf_add(b, url.data, url.len);	/* escaped by render_abs_url */
		html(b, "\">\n");
	}
	for (size_t i = 0; i < h->ntranslations; i++) {
		html(b, "<link rel=\"alternate\" hreflang=\"");
		html_attr(b, h->translations[i].lang);
		html(b, "\" href=\"");
		render_abs_url(b, s, h->translations[i].url);
		html(b, "\">\n");
	}
	html(b, "<link rel=\"stylesheet\" href=\"");
	render_href(b, s, "/css/quire.css");
	html(b, "\">\n<script src=\"");
	render_href(b, s, "/js/theme.js");
	html(b, "\"></script>\n");
	/* An article's code blocks get a copy button unless the site says
	 * no (params.ShowCodeCopyButtons; deferred: the page is read before
	 * it runs). */
	if (h->article != NULL && site_flag(s, FLAG_CODE_COPY)) {
		html(b, "<script src=\"");
		render_href(b, s, "/js/copy.js");
		html(b, "\" defer></script>\n");
	}
	feed_links(b, s, h);

	/* OpenGraph and Twitter cards, as PaperMod writes them. */
	meta(b, "property", "og:title", card_title);
	meta(b, "property", "og:description", desc);
	meta(b, "property", "og:type", h->article ? "article" : "website");
	if (h->canonical != NULL) {
		html(b, "<meta property=\"og:url\" content=\"");
		buf_add(b, url.data, url.len);
		html(b, "\">\n");
	}
	/* PaperMod's opengraph.html: the page's images, else the first
	 * of the site's params.images (absURL). */
	if (h->nimages == 0 && render_site_image(&site_image, s)) {
		image = buf_cstr(&site_image);
	} else if (h->nimages > 0) {
		image = h->images[0];
	}
	for (size_t i = 0; i < h->nimages; i++)
		meta(b, "property", "og:image", h->images[i]);
	if (h->nimages == 0 && image != NULL)
		meta(b, "property", "og:image", image);
	if (h->article != NULL && h->article->has_date) {
		struct buf d = BUF_INIT;

		if (h->section != NULL)
			meta(b, "property", "article:section", h->section);
		date_format_iso(&d, &h->article->date);
		meta(b, "property", "article:published_time", buf_cstr(&d));
		buf_reset(&d);
		date_format_iso(&d, h->article->has_lastmod ?
		    &h->article->lastmod : &h->article->date);
		meta(b, "property", "article:modified_time", buf_cstr(&d));
		buf_free(&d);
	}
	if (*s->title != '\0')
		meta(b, "property", "og:site_name", s->title);
	/* twitter_cards.html: a large image card for the first image. */
	if (image != NULL) {
		meta(b, "name", "twitter:card", "summary_large_image");
		meta(b, "name", "twitter:image", image);
	} else {
		meta(b, "name", "twitter:card", "summary");
	}
	meta(b, "name", "twitter:title", card_title);
	meta(b, "name", "twitter:description", desc);
	if (h->ncrumbs > 0)
		json_ld_breadcrumbs(b, s, h->crumbs, h->ncrumbs);
	if (h->article != NULL)
		json_ld_article(b, s, h, desc);

	html(b, "</head>\n<body class=\"");
	html(b, h->body_class);
	html(b, "\" id=\"top\">\n<header class=\"header\">\n<nav class=\"nav\">\n"
	    "<div class=\"logo\"><a href=\"");
	render_href(b, s, s->lang_root);
	html(b, "\" accesskey=\"h\" title=\"");
	html_attr(b, *s->title != '\0' ? s->title : "Home");
	html(b, " (Alt + H)\">");
	html_text(b, *s->title != '\0' ? s->title : "Home");
	html(b, "</a>\n<div class=\"logo-switches\"><button id=\"theme-toggle\" "
	    "accesskey=\"t\" title=\"(Alt + T)\" aria-label=\"Toggle theme\" "
	    "hidden><svg id=\"moon\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"24\" height=\"18\" viewBox=\"0 0 24 24\" fill=\"none\" "
	    "stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" "
	    "stroke-linejoin=\"round\"><path d=\"M21 12.79A9 9 0 1 1 11.21 3 "
	    "7 7 0 0 0 21 12.79z\"></path></svg><svg id=\"sun\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"18\" "
	    "viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" "
	    "stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
	    "<circle cx=\"12\" cy=\"12\" r=\"5\"></circle><line x1=\"12\" "
	    "y1=\"1\" x2=\"12\" y2=\"3\"></line><line x1=\"12\" y1=\"21\" "
	    "x2=\"12\" y2=\"23\"></line><line x1=\"4.22\" y1=\"4.22\" "
	    "x2=\"5.64\" y2=\"5.64\"></line><line x1=\"18.36\" y1=\"18.36\" "
	    "x2=\"19.78\" y2=\"19.78\"></line><line x1=\"1\" y1=\"12\" "
	    "x2=\"3\" y2=\"12\"></line><line x1=\"21\" y1=\"12\" x2=\"23\" "
	    "y2=\"12\"></line><line x1=\"4.22\" y1=\"19.78\" x2=\"5.64\" "
	    "y2=\"18.36\"></line><line x1=\"18.36\" y1=\"5.64\" x2=\"19.78\" "
	    "y2=\"4.22\"></line></svg></button></div>");
	lang_switch(b, s);
	html(b, "</div>\n");
	render_menu(b, s, ctx->req != NULL ? ctx->req->decoded : NULL);
	html(b, "</nav>\n</header>\n<main class=\"main\">\n");
	buf_free(&title);
	buf_free(&url);
	buf_free(&site_image);
}

void
render_begin(struct ctx *ctx, const char *title, const char *body_class)
{
	struct render_head h;

	memset(&h, 0, sizeof(h));
	h.title = title;
	h.body_class = body_class;
	h.canonical = ctx->canonical;
	render_open(ctx, &h);
}

enum db_rc
render_listing_translations(struct ctx *ctx, const char *taxonomy,
    const char *slug, struct db_translation *t, size_t max, size_t *n)
{
	const struct site *s = ctx->site;
	struct buf route = BUF_INIT;
	size_t i;
	enum db_rc rc = DB_DONE;

	*n = 0;
	for (i = 0; i < s->nlangs && *n < max && site_multilingual(s); i++) {
		const struct site_lang *l = &s->langs[i];

		if (strcmp(l->code, s->lang) == 0)
			continue;
		if (taxonomy != NULL && (rc = db_listing_in(ctx->db, ctx->now,
		    taxonomy, slug, l->code)) != DB_ROW) {
			if (rc == DB_ERROR)
				break;
			continue;
		}
		rc = DB_DONE;
		buf_reset(&route);
		buf_add(&route, l->root, strlen(l->root) - 1);
		if (taxonomy == NULL) {
			buf_putc(&route, '/');
		} else if (strcmp(taxonomy, TAXONOMY_SECTIONS) == 0) {
			buf_printf(&route, "/%s/", slug);
			if (render_section_route(ctx, &route) == DB_ERROR) {
				rc = DB_ERROR;
				break;
			}
		} else if (slug == NULL)
			buf_printf(&route, "/%s/", taxonomy);
		else
			render_term_route(&route, taxonomy, slug);
		t[*n].lang = l->code;
		t[*n].url = buf_detach(&route);
		t[*n].title = xstrdup("");
		t[*n].rank = i;
		(*n)++;
	}
	buf_free(&route);
	return rc;
}

enum page_rc
render_open_listing(struct ctx *ctx, struct render_head *h,
    const char *taxonomy, const char *slug)
{
	struct db_translation trans[16];
	size_t ntrans;

	if (render_listing_translations(ctx, taxonomy, slug, trans,
	    sizeof(trans) / sizeof(trans[0]), &ntrans) == DB_ERROR) {
		db_translations_free(trans, ntrans);
		return PAGE_DB_ERROR;
	}
	h->translations = trans;
	h->ntranslations = ntrans;
	render_open(ctx, h);
	h->translations = NULL;
	h->ntranslations = 0;
	db_translations_free(trans, ntrans);
	return PAGE_OK;
}

enum db_rc
render_head_images(struct ctx *ctx, long long page_id, struct render_head *h,
    struct buf *abs, const char **images)
{
	struct buf single = BUF_INIT, values = BUF_INIT;
	size_t off[DB_OG_IMAGES], i, n = 0;
	unsigned resources = 0;
	const char *v;
	enum db_rc rc;

	h->images = images;
	h->nimages = 0;
	if (page_id == 0)
		return DB_DONE;
	/* PaperMod's opengraph.html: the cover's image, made at import. */
	rc = db_page_cover(ctx->db, page_id, &single, abs);
	if (rc == DB_ROW && abs->len > 0) {
		images[0] = h->ld_image = buf_cstr(abs);
		h->nimages = 1;
		rc = DB_DONE;
		goto out;
	}
	buf_reset(abs);
	/* Else its front-matter images (absURL) or its bundle's image
	 * (.Permalink). */
	if (rc != DB_ERROR)
		rc = db_page_og_images(ctx->db, page_id, &values, &n,
		    &resources);
	v = values.data;
	for (i = 0; rc != DB_ERROR && i < n; i++) {
		off[i] = abs->len;
		if (resources & (1u << i))
			html_abs_url_plain(abs, ctx->site->base_url, v);
		else
			url_abs(abs, ctx->site->base_url, v);
		buf_putc(abs, '\0');
		v += strlen(v) + 1;
	}
	for (i = 0; rc != DB_ERROR && i < n; i++)
		images[i] = abs->data + off[i];
	h->nimages = rc != DB_ERROR ? n : 0;
out:
	buf_free(&single);
	buf_free(&values);
	return rc == DB_ERROR ? DB_ERROR : DB_DONE;
}

enum page_rc
render_begin_listing(struct ctx *ctx, const char *title,
    const char *body_class, const char *feed, const char *feed_name,
    const char *taxonomy, const char *slug)
{
	struct render_head h;

	memset(&h, 0, sizeof(h));
	h.title = title;
	h.body_class = body_class;
	h.canonical = ctx->canonical;
	h.feed = feed;
	h.feed_name = feed_name;
	return render_open_listing(ctx, &h, taxonomy, slug);
}

void
render_page_header(struct buf *b, const struct site *site, const char *title,
    const struct render_crumb *crumbs, size_t n)
{
	html(b, "<header class=\"page-header\">\n");
	render_breadcrumbs(b, site, crumbs, n);
	html(b, "<h1>");
	html_text(b, title);
	html(b, "</h1>\n</header>\n");
}

void
render_breadcrumbs(struct buf *b, const struct site *site,
    const struct render_crumb *crumbs, size_t n)
{
	size_t i;

	if (!site_flag(site, FLAG_BREADCRUMBS))
		return;
	html(b, "<div class=\"breadcrumbs\">");
	/* Hugo's .Ancestors hold no page of a disabled kind. */
	if (!site_kind_off(site, "home"))
		render_link(b, site, site->lang_root, "Home");
	for (i = 0; i < n; i++) {
		if (i > 0 || !site_kind_off(site, "home"))
			html(b, "&nbsp;»&nbsp;");
		render_link(b, site, crumbs[i].route, crumbs[i].name);
	}
	html(b, "</div>\n");
}

void
render_end(struct ctx *ctx)
{
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;

	/* PaperMod's footer.html: the site's copyright, markdownified when
	 * the worker opened the database, else the year and the title. */
	html(b, "</main>\n<footer class=\"footer\">\n<span>");
	if (s->copyright_html != NULL) {
		buf_puts(b, s->copyright_html);
	} else {
		struct date_civil today;

		date_civil_utc(ctx->now, &today);
		html(b, "&copy; ");
		buf_putnum(b, today.year, 0);
		html(b, " <a href=\"");
		render_href(b, s, s->lang_root);
		html(b, "\">");
		html_text(b, *s->title != '\0' ? s->title : "Home");
		html(b, "</a>");
	}
	html(b, "</span> &middot; <span>Powered by quire</span>\n"
	    "</footer>\n<a href=\"#top\" aria-label=\"go to top\" title=\"Go to "
	    "Top (Alt + G)\" class=\"top-link\" id=\"top-link\" accesskey=\"g\">"
	    "&uarr;</a>\n</body>\n</html>\n");
}

/* The entry fields of p, pointing into it. */
static void
entry_of(const struct db_page *p, struct entry *e)
{
	e->url = p->url;
	e->title = p->title;
	e->author = p->author;
	e->summary = p->summary;
	e->has_date = p->has_date;
	e->date = p->date;
	e->truncated = p->truncated;
	e->words = p->words;
	e->minutes = p->minutes;
	e->cover = p->cover;
	e->tag_entry = 0;
}

void
render_meta(struct buf *b, const struct site *site,
    const struct db_page *p)
{
	struct entry e;

	entry_of(p, &e);
	entry_meta(b, site, &e);
}

void
render_entry(struct ctx *ctx, const struct db_page *p, const char *snippet)
{
	struct entry e;

	entry_of(p, &e);
	entry_markup(&ctx->resp->body, ctx->site, &e, snippet);
}

/* The href of page n of a listing whose first page is the route arg. */
static void
listing_href(struct buf *b, const struct site *site, long n,
    const void *arg)
{
	struct buf route = BUF_INIT;

	buf_puts(&route, arg);
	if (n > 1)
		buf_printf(&route, "page/%ld/", n);
	render_list_href(b, site, buf_cstr(&route));
	buf_free(&route);
}

void
render_pagination(struct ctx *ctx, long page, int more,
    render_page_href *href, const void *arg)
{
	struct buf *b = &ctx->resp->body;

	if (page <= 1 && !more)
		return;
	html(b, "<footer class=\"page-footer\">\n<nav class=\"pagination\">");
	if (page > 1) {
		html(b, "\n<a class=\"prev\" rel=\"prev\" href=\"");
		href(b, ctx->site, page - 1, arg);
		html(b, "\">«&nbsp;Prev</a>");
	}
	if (more) {
		html(b, "\n<a class=\"next\" rel=\"next\" href=\"");
		href(b, ctx->site, page + 1, arg);
		html(b, "\">Next&nbsp;»</a>");
	}
	html(b, "\n</nav>\n</footer>\n");
}

enum page_rc
render_listing(struct ctx *ctx, long long term_id, const char *list_route)
{
	struct db_cursor cur;
	const char *entry;
	size_t len;
	long per = ctx->site->paginate, shown = 0;
	int more = 0;
	enum db_rc rc;

	/* One row beyond the page says whether a next page exists: no
	 * count(*), which would read every visible row of the listing. Each
	 * entry is entry_markup()'s, written at import. */
	for (rc = db_entries(ctx->db, &cur, ctx->now, term_id, per + 1,
	    (ctx->page - 1) * per, &entry, &len); rc == DB_ROW;
	    rc = db_entries_next(&cur, &entry, &len)) {
		if (shown == per) {
			more = 1;
			break;
		}
		buf_add(&ctx->resp->body, entry, len);
		shown++;
	}
	db_cursor_end(&cur);
	if (rc == DB_ERROR)
		return PAGE_DB_ERROR;
	if (shown == 0 && ctx->page > 1)
		return PAGE_NOT_FOUND;
	render_pagination(ctx, ctx->page, more, listing_href, list_route);
	return PAGE_OK;
}

/* Appends at most limit entries of term term_id from offset; sets *n to
 * how many. */
static enum page_rc
put_entries(struct ctx *ctx, long long term_id, long limit, long offset,
    long *n)
{
	struct db_cursor cur;
	const char *entry;
	size_t len;
	enum db_rc rc;

	*n = 0;
	for (rc = db_entries(ctx->db, &cur, ctx->now, term_id, limit, offset,
	    &entry, &len); rc == DB_ROW; rc = db_entries_next(&cur, &entry,
	    &len)) {
		buf_add(&ctx->resp->body, entry, len);
		(*n)++;
	}
	db_cursor_end(&cur);
	return rc == DB_ERROR ? PAGE_DB_ERROR : PAGE_OK;
}

enum page_rc
render_section_listing(struct ctx *ctx, long long term_id, long long sub_id,
    const char *list_route)
{
	long per = ctx->site->paginate, offset = (ctx->page - 1) * per;
	long npages = 0, nsubs = 0, shown = 0, n;
	enum page_rc rc;

	if (sub_id == 0 && term_id != 0)
		return render_listing(ctx, term_id, list_route);
	if (sub_id == 0)
		return ctx->page > 1 ? PAGE_NOT_FOUND : PAGE_OK;
	if ((term_id != 0 && db_entries_count(ctx->db, ctx->now, term_id,
	    &npages) == DB_ERROR) || db_entries_count(ctx->db, ctx->now,
	    sub_id, &nsubs) == DB_ERROR)
		return PAGE_DB_ERROR;
	if (ctx->page > 1 && offset >= npages + nsubs)
		return PAGE_NOT_FOUND;
	/* PaperMod's union .RegularPages .Sections: the pages, then the
	 * sections, each in Hugo's order. */
	if (offset < npages) {
		if ((rc = put_entries(ctx, term_id, per, offset, &shown)) !=
		    PAGE_OK)
			return rc;
	}
	if (shown < per && (rc = put_entries(ctx, sub_id, per - shown,
	    offset + shown - npages, &n)) != PAGE_OK)
		return rc;
	render_pagination(ctx, ctx->page, offset + per < npages + nsubs,
	    listing_href, list_route);
	return PAGE_OK;
}

/* Renders body into md with md_flags, all of them, and the page's
 * fragments (page_id 0: none). */
static enum page_rc
body_with(struct ctx *ctx, enum page_markup markup, const char *body,
    long long page_id, unsigned md_flags, struct md_result *md)
{
	struct fragments frags = FRAGMENTS_INIT;
	struct md_hooks hooks;
	int rc;

	memset(md, 0, sizeof(*md));
	if (page_id > 0 && markup == MARKUP_MARKDOWN &&
	    db_page_fragments(ctx->db, page_id, &frags) == DB_ERROR)
		return PAGE_DB_ERROR;
	/* A body that embeds a video widens the page's frame-src to
	 * exactly that host (one look-up by the page's key). */
	if (page_id > 0) {
		unsigned frames;

		if (db_page_frames(ctx->db, page_id, &frames) == DB_ERROR) {
			fragments_free(&frags);
			return PAGE_DB_ERROR;
		}
		ctx->resp->frames |= frames;
	}
	fragments_hooks(&frags, &hooks);
	rc = content_render(markup, body, strlen(body), md_flags, &hooks, md);
	fragments_free(&frags);
	return rc == 0 ? PAGE_OK : PAGE_ERROR;
}

/* Writes text rendered with md_flags, all of them, between open and
 * close. */
static enum page_rc
render_with(struct ctx *ctx, enum page_markup markup, const char *text,
    long long page_id, unsigned md_flags, const char *open,
    const char *close)
{
	struct buf *b = &ctx->resp->body;
	struct md_result md;
	enum page_rc rc;

	if ((rc = body_with(ctx, markup, text, page_id, md_flags, &md)) !=
	    PAGE_OK)
		return rc;
	html(b, open);
	/* cmark-gfm's HTML (raw HTML omitted unless the site set unsafe),
	 * or an HTML content file's body as written. */
	buf_add(b, md.html.data, md.html.len);
	html(b, close);
	md_result_free(&md);
	return PAGE_OK;
}

enum page_rc
render_markdown(struct ctx *ctx, const char *text, unsigned md_flags,
    const char *open, const char *close)
{
	/* Hugo's markdownify: no emoji, which only a page's content gets. */
	return render_with(ctx, MARKUP_MARKDOWN, text, 0, (md_flags |
	    site_md_flags(ctx->site)) & ~(unsigned)MD_EMOJI, open, close);
}

enum page_rc
render_body(struct ctx *ctx, enum page_markup markup, const char *body,
    long long page_id, unsigned md_flags, struct md_result *md)
{
	return body_with(ctx, markup, body, page_id, md_flags |
	    site_md_flags(ctx->site), md);
}

enum page_rc
render_content(struct ctx *ctx, enum page_markup markup, const char *text,
    long long page_id, unsigned md_flags, const char *open,
    const char *close)
{
	return render_with(ctx, markup, text, page_id, md_flags |
	    site_md_flags(ctx->site), open, close);
}
