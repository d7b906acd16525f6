/* feed-json.c - a listing's feed as JSON Feed 1.1
 * (https://www.jsonfeed.org/version/1.1/), at .../feed.json beside
 * Hugo's .../index.xml (not index.json: PaperMod's search index has that
 * name): the RSS feed's items with their dates, authors and tags. Every
 * string goes through html_json_value(). */
#include <string.h>

#include "feed.h"
#include "html.h"
#include "url.h"

/* Appends a member "name": value, the value an unescaped string. */
static void
member(struct buf *b, const char *indent, const char *name,
    const char *value)
{
	html(b, indent);
	html_json_value(b, name);
	html(b, ": ");
	html_json_value(b, value);
}

/* Appends a member "name": the absolute URL of a site route. */
static void
member_url(struct buf *b, const char *indent, const char *name,
    const struct site *s, const char *route)
{
	struct buf url = BUF_INIT;

	html_abs_url_plain(&url, s->base_url, route);
	member(b, indent, name, buf_cstr(&url));
	buf_free(&url);
}

/* Appends a member "name": an RFC 3339 date. */
static void
member_date(struct buf *b, const char *indent, const char *name,
    const struct qdate *d)
{
	struct buf text = BUF_INIT;

	date_format_iso(&text, d);
	member(b, indent, name, buf_cstr(&text));
	buf_free(&text);
}

/* Appends a member "authors": [{"name": name}]. */
static void
member_authors(struct buf *b, const char *indent, const char *name)
{
	html(b, indent);
	html(b, "\"authors\": [{\"name\": ");
	html_json_value(b, name);
	html(b, "}]");
}

static void
json_head(struct buf *b, const struct site *s, const struct feed *f,
    const struct feed_sum *sum)
{
	struct buf text = BUF_INIT;

	html(b, "{\n");
	member(b, "  ", "version", "https://jsonfeed.org/version/1.1");
	feed_title(&text, s, f);
	member(b, ",\n  ", "title", buf_cstr(&text));
	buf_reset(&text);
	url_list(&text, s, f->route);
	member_url(b, ",\n  ", "home_page_url", s, buf_cstr(&text));
	buf_reset(&text);
	feed_route(&text, f, &feed_json);
	member_url(b, ",\n  ", "feed_url", s, buf_cstr(&text));
	buf_reset(&text);
	feed_description(&text, s, f);
	member(b, ",\n  ", "description", buf_cstr(&text));
	if (*s->language != '\0')
		member(b, ",\n  ", "language", s->language);
	if (*s->author != '\0')
		member_authors(b, ",\n  ", s->author);
	html(b, ",\n  \"items\": [");
	buf_free(&text);
}

static void
json_item(struct buf *b, const struct site *s, const struct feed_item *it,
    int first)
{
	const char *tag;
	size_t i;

	html(b, first ? "\n    {\n" : ",\n    {\n");
	/* The permalink is the id: it never changes. */
	member_url(b, "      ", "id", s, it->url);
	member_url(b, ",\n      ", "url", s, it->url);
	member(b, ",\n      ", "title", it->title);
	/* An item has content_html or content_text (JSON Feed 1.1). */
	if (it->content != NULL) {
		member(b, ",\n      ", "content_html", it->content);
		member(b, ",\n      ", "summary", it->summary);
	} else {
		member(b, ",\n      ", "content_text", it->summary);
	}
	member_date(b, ",\n      ", "date_published", &it->date);
	member_date(b, ",\n      ", "date_modified", &it->updated);
	if (*it->author != '\0' && strcmp(it->author, s->author) != 0)
		member_authors(b, ",\n      ", it->author);
	if (it->ntags > 0) {
		html(b, ",\n      \"tags\": [");
		for (tag = it->tags, i = 0; i < it->ntags; i++) {
			if (i > 0)
				html(b, ", ");
			html_json_value(b, tag);
			tag += strlen(tag) + 1;
		}
		html(b, "]");
	}
	html(b, "\n    }");
}

static void
json_tail(struct buf *b, const struct feed_sum *sum)
{
	html(b, sum->n > 0 ? "\n  ]\n}\n" : "]\n}\n");
}

const struct feed_format feed_json = {
	"feed.json", "application/feed+json; charset=utf-8", 1,
	json_head, json_item, json_tail,
};
