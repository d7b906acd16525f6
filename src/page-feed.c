/* page-feed.c - a listing's feeds: the site's (/), each section's, each
 * taxonomy's (its terms) and each term's, each as RSS 2.0 (index.xml, written here as Hugo 0.111
 * writes it), Atom (atom.xml) and JSON Feed (feed.json): the same items
 * in the same order, the same rssLimit, the same full text. */
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "feed.h"
#include "content.h"
#include "html.h"
#include "markdown.h"
#include "render.h"

/* Does the feed name a listing apart from the site (as Hugo's RSS
 * template asks)? */
static int
named(const struct site *s, const struct feed *f)
{
	return f->name != NULL && strcmp(f->name, s->title) != 0;
}

void
feed_title(struct buf *out, const struct site *s, const struct feed *f)
{
	if (named(s, f)) {
		buf_puts(out, f->name);
		buf_puts(out, " on ");
	}
	buf_puts(out, s->title);
}

void
feed_description(struct buf *out, const struct site *s,
    const struct feed *f)
{
	buf_puts(out, "Recent content ");
	if (named(s, f)) {
		buf_puts(out, "in ");
		buf_puts(out, f->name);
		buf_putc(out, ' ');
	}
	buf_puts(out, "on ");
	buf_puts(out, s->title);
}

void
feed_route(struct buf *out, const struct feed *f,
    const struct feed_format *fmt)
{
	buf_puts(out, f->route);
	buf_puts(out, fmt->file);
}

static void
rss_head(struct buf *b, const struct site *s, const struct feed *f,
    const struct feed_sum *sum)
{
	struct buf text = BUF_INIT;

	html(b, "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"");
	if (s->full_feed)
		html(b, " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"");
	html(b, ">\n  <channel>\n    <title>");
	feed_title(&text, s, f);
	html_text(b, buf_cstr(&text));
	html(b, "</title>\n    <link>");
	render_list_abs_url(b, s, f->route);
	html(b, "</link>\n    <description>");
	buf_reset(&text);
	feed_description(&text, s, f);
	html_text(b, buf_cstr(&text));
	html(b, "</description>");
	/* PaperMod's rss.xml: the first of the site's images. */
	buf_reset(&text);
	if (render_site_image(&text, s)) {
		html(b, "\n    <image>\n      <title>");
		html_text(b, s->title);
		html(b, "</title>\n      <url>");
		html_text(b, buf_cstr(&text));
		html(b, "</url>\n      <link>");
		html_text(b, buf_cstr(&text));
		html(b, "</link>\n    </image>");
	}
	html(b, "\n    <generator>quire</generator>");
	if (*s->language != '\0') {
		html(b, "\n    <language>");
		html_text(b, s->language);
		html(b, "</language>");
	}
	/* As written in the config (Markdown and all), as Hugo's. */
	if (*s->copyright != '\0') {
		html(b, "\n    <copyright>");
		html_text(b, s->copyright);
		html(b, "</copyright>");
	}
	if (sum->n > 0) {
		/* The newest item's date, as Hugo's .Date of a list. */
		html(b, "\n    <lastBuildDate>");
		date_format_rfc822(b, &sum->newest);
		html(b, "</lastBuildDate>");
	}
	html(b, "<atom:link href=\"");
	buf_reset(&text);
	feed_route(&text, f, &feed_rss);
	render_abs_url(b, s, buf_cstr(&text));
	html(b, "\" rel=\"self\" type=\"application/rss+xml\" />");
	buf_free(&text);
}

static void
rss_item(struct buf *b, const struct site *s, const struct feed_item *it,
    int first)
{
	struct entry e;

	memset(&e, 0, sizeof(e));
	e.url = it->url;
	e.title = it->title;
	e.summary = it->summary;
	e.date = it->date;
	entry_item(b, s, &e);
	if (it->content != NULL) {
		/* The body as escaped text: valid XML whatever it holds (a
		 * CDATA section could not hold "]]>"). */
		html(b, "\n      <content:encoded>");
		html_text(b, it->content);
		html(b, "</content:encoded>");
	}
	html(b, "\n    </item>");
}

static void
rss_tail(struct buf *b, const struct feed_sum *sum)
{
	html(b, "\n  </channel>\n</rss>\n");
}

const struct feed_format feed_rss = {
	"index.xml", "application/rss+xml; charset=utf-8", 0,
	rss_head, rss_item, rss_tail,
};

/* The formats by the route's ask. */
static const struct feed_format *const formats[FORMAT__MAX] = {
	[FORMAT_RSS] = &feed_rss,
	[FORMAT_ATOM] = &feed_atom,
	[FORMAT_JSON] = &feed_json,
};

/* Is a later than b? */
static int
later(const struct qdate *a, const struct qdate *b)
{
	return a->t > b->t;
}

/* Reads the names of the tags of page page_id into it (NUL-separated in
 * names). */
static enum db_rc
read_tags(struct ctx *ctx, long long page_id, struct buf *names,
    struct feed_item *it)
{
	struct db_cursor cur;
	struct db_term term;
	enum db_rc rc;

	buf_reset(names);
	it->ntags = 0;
	for (rc = db_page_terms(ctx->db, &cur, page_id, "tags", &term);
	    rc == DB_ROW; rc = db_terms_next(&cur, &term)) {
		buf_add(names, term.name, strlen(term.name) + 1);
		it->ntags++;
	}
	db_cursor_end(&cur);
	it->tags = names->data;
	return rc;
}

static enum page_rc
render_feed(struct ctx *ctx, const struct feed *f)
{
	const struct feed_format *fmt = formats[ctx->format];
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	struct buf items = BUF_INIT, tags = BUF_INIT;
	struct md_result md;
	struct feed_sum sum;
	struct feed_item fi;
	struct db_cursor cur;
	struct db_item it;
	enum page_rc prc = PAGE_OK;
	enum db_rc rc;
	const long long *skip;
	size_t nskip, i;

	memset(&sum, 0, sizeof(sum));
	db_feedless_pages(ctx->db, &skip, &nskip);
	for (rc = db_items(ctx->db, &cur, ctx->now, f->term_id, f->all,
	    s->full_feed, s->rss_limit, &it); rc == DB_ROW;
	    rc = db_items_next(&cur, &it)) {
		/* PaperMod's rss.xml writes no item for a search or archives
		 * page, after taking rssLimit pages, as here. */
		for (i = 0; i < nskip && skip[i] != it.page_id; i++)
			;
		if (i < nskip)
			continue;
		memset(&fi, 0, sizeof(fi));
		fi.url = it.url;
		fi.title = it.title;
		fi.author = it.author;
		fi.summary = it.summary;
		fi.date = it.date;
		fi.updated = it.has_lastmod ? it.lastmod : it.date;
		if (fmt->tags &&
		    read_tags(ctx, it.page_id, &tags, &fi) == DB_ERROR) {
			rc = DB_ERROR;
			break;
		}
		if (s->full_feed) {
			if ((prc = render_body(ctx, it.markup, it.body,
			    it.page_id, MD_MORE, &md)) != PAGE_OK)
				break;
			fi.content = buf_cstr(&md.html);
		}
		if (sum.n == 0 || later(&fi.updated, &sum.updated))
			sum.updated = fi.updated;
		if (sum.n == 0)
			sum.newest = fi.date;
		if (*fi.author == '\0')
			sum.anonymous = 1;
		fmt->item(&items, s, &fi, sum.n == 0);
		sum.n++;
		if (s->full_feed)
			md_result_free(&md);
	}
	db_cursor_end(&cur);
	if (prc == PAGE_OK && rc == DB_ERROR)
		prc = PAGE_DB_ERROR;
	if (prc == PAGE_OK) {
		ctx->resp->content_type = fmt->content_type;
		fmt->head(b, s, f, &sum);
		/* The items, most of a long feed, handed to the response
		 * rather than copied. */
		resp_body_splice(ctx->resp, &items);
		fmt->tail(b, &sum);
	}
	buf_free(&items);
	buf_free(&tags);
	return prc;
}

enum page_rc
page_feed_site(struct ctx *ctx)
{
	struct feed f = { NULL, ctx->site->lang_root, 1, 0 };
	const char *title, *description, *body;
	enum page_markup markup;

	/* Named by content/_index.md's title, as Hugo names it. */
	if (db_section_page(ctx->db, ctx->now, ctx->site->lang_root, &title,
	    &description, &body, &markup, NULL) == DB_ERROR)
		return PAGE_DB_ERROR;
	if (*title != '\0')
		f.name = title;
	return render_feed(ctx, &f);
}

enum page_rc
page_feed_section(struct ctx *ctx)
{
	const struct site *site = ctx->site;
	struct site plain;
	char none[1] = "";
	struct render_section sec;
	struct feed f;
	enum page_rc rc;

	if (render_section_read(ctx, ctx->found->slug, &sec) == DB_ERROR) {
		render_section_free(&sec);
		return PAGE_DB_ERROR;
	}
	f.name = buf_cstr(&sec.title);
	f.route = buf_cstr(&sec.route);
	f.all = 0;
	f.term_id = ctx->found->id;
	/* A url kept as given is no ugly list (as in page_section()). */
	if (sec.moved) {
		plain = *ctx->site;
		plain.ugly_urls = none;
		ctx->site = &plain;
	}
	rc = render_feed(ctx, &f);
	ctx->site = site;
	render_section_free(&sec);
	return rc;
}

/* A taxonomy's feed, as Hugo's: one item per term with a visible page,
 * dated by its newest page, linking the term's page, with no summary. */
enum page_rc
page_feed_terms(struct ctx *ctx)
{
	const struct feed_format *fmt = formats[ctx->format];
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	struct buf items = BUF_INIT, name = BUF_INIT, route = BUF_INIT;
	struct feed_sum sum;
	struct feed_item fi;
	struct db_cursor cur;
	struct db_term t;
	struct qdate date;
	struct feed f;
	enum db_rc rc;

	memset(&sum, 0, sizeof(sum));
	for (rc = db_taxonomy_items(ctx->db, &cur, ctx->now, ctx->taxonomy,
	    s->rss_limit, &t, &date); rc == DB_ROW;
	    rc = db_taxonomy_items_next(&cur, &t, &date)) {
		buf_reset(&route);
		render_lang_prefix(&route, s);
		render_term_route(&route, ctx->taxonomy, t.slug);
		memset(&fi, 0, sizeof(fi));
		fi.url = buf_cstr(&route);
		fi.title = t.name;
		fi.author = "";
		fi.summary = "";
		fi.date = date;
		fi.updated = date;
		if (sum.n == 0 || later(&fi.updated, &sum.updated))
			sum.updated = fi.updated;
		if (sum.n == 0)
			sum.newest = fi.date;
		sum.anonymous = 1;
		fmt->item(&items, s, &fi, sum.n == 0);
		sum.n++;
	}
	db_cursor_end(&cur);
	if (rc != DB_ERROR) {
		render_section_title(&name, ctx->taxonomy);
		buf_reset(&route);
		render_lang_prefix(&route, s);
		buf_printf(&route, "/%s/", ctx->taxonomy);
		f.name = buf_cstr(&name);
		f.route = buf_cstr(&route);
		f.all = 0;
		f.term_id = 0;
		ctx->resp->content_type = fmt->content_type;
		fmt->head(b, s, &f, &sum);
		buf_add(b, items.data, items.len);
		fmt->tail(b, &sum);
	}
	buf_free(&items);
	buf_free(&name);
	buf_free(&route);
	return rc == DB_ERROR ? PAGE_DB_ERROR : PAGE_OK;
}

enum page_rc
page_feed_term(struct ctx *ctx)
{
	struct buf route = BUF_INIT;
	struct feed f;
	enum page_rc prc;

	render_lang_prefix(&route, ctx->site);
	render_term_route(&route, ctx->taxonomy, ctx->found->slug);
	f.name = ctx->found->name;
	f.route = buf_cstr(&route);
	f.all = 0;
	f.term_id = ctx->found->id;
	prc = render_feed(ctx, &f);
	buf_free(&route);
	return prc;
}
