/* feed-atom.c - a listing's feed as Atom (RFC 4287), at .../atom.xml
 * beside Hugo's .../index.xml: the RSS feed's items, with ids that are
 * the pages' permalinks (they never change), published and updated
 * dates, authors and tags. */
#include <string.h>

#include "feed.h"
#include "html.h"
#include "render.h"

/* Appends <author><name>name</name></author>, indented by indent. */
static void
author(struct buf *b, const char *indent, const char *name)
{
	html(b, indent);
	html(b, "<author><name>");
	html_text(b, name);
	html(b, "</name></author>");
}

static void
atom_head(struct buf *b, const struct site *s, const struct feed *f,
    const struct feed_sum *sum)
{
	static const struct qdate epoch = { 0, 0 };
	struct buf text = BUF_INIT;

	html(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (*s->language != '\0') {
		html(b, " xml:lang=\"");
		html_attr(b, s->language);
		html(b, "\"");
	}
	html(b, ">\n  <title>");
	feed_title(&text, s, f);
	html_text(b, buf_cstr(&text));
	html(b, "</title>\n  <subtitle>");
	buf_reset(&text);
	feed_description(&text, s, f);
	html_text(b, buf_cstr(&text));
	/* The listing's URL names the feed: stable across imports. */
	html(b, "</subtitle>\n  <id>");
	html_abs_url(b, s->base_url, f->route);
	html(b, "</id>\n  <link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"");
	buf_reset(&text);
	feed_route(&text, f, &feed_atom);
	html_abs_url(b, s->base_url, buf_cstr(&text));
	html(b, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
	render_list_abs_url(b, s, f->route);
	/* An empty feed was last changed at no instant it can name. */
	html(b, "\"/>\n  <updated>");
	date_format_iso(b, sum->n > 0 ? &sum->updated : &epoch);
	html(b, "</updated>\n");
	if (*s->copyright != '\0') {
		html(b, "  <rights>");
		html_text(b, s->copyright);
		html(b, "</rights>\n");
	}
	/* RFC 4287 4.1.1: the feed names an author unless every entry
	 * does; the site's author, else its title. */
	if (*s->author != '\0')
		author(b, "  ", s->author);
	else if (sum->anonymous)
		author(b, "  ", s->title);
	if (*s->author != '\0' || sum->anonymous)
		html(b, "\n");
	html(b, "  <generator>quire</generator>");
	buf_free(&text);
}

static void
atom_entry(struct buf *b, const struct site *s, const struct feed_item *it,
    int first)
{
	const char *tag;
	size_t i;

	html(b, "\n  <entry>\n    <title>");
	html_text(b, it->title);
	html(b, "</title>\n    <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	html_abs_url(b, s->base_url, it->url);
	html(b, "\"/>\n    <id>");
	html_abs_url(b, s->base_url, it->url);
	html(b, "</id>\n    <published>");
	date_format_iso(b, &it->date);
	html(b, "</published>\n    <updated>");
	date_format_iso(b, &it->updated);
	html(b, "</updated>");
	if (*it->author != '\0' && strcmp(it->author, s->author) != 0) {
		html(b, "\n");
		author(b, "    ", it->author);
	}
	for (tag = it->tags, i = 0; i < it->ntags; i++) {
		html(b, "\n    <category term=\"");
		html_attr(b, tag);
		html(b, "\"/>");
		tag += strlen(tag) + 1;
	}
	/* RFC 4287 4.1.1.1: an entry without content has a summary. */
	html(b, "\n    <summary type=\"text\">");
	html_text(b, it->summary);
	html(b, "</summary>");
	if (it->content != NULL) {
		html(b, "\n    <content type=\"html\">");
		html_text(b, it->content);
		html(b, "</content>");
	}
	html(b, "\n  </entry>");
}

static void
atom_tail(struct buf *b, const struct feed_sum *sum)
{
	html(b, "\n</feed>\n");
}

const struct feed_format feed_atom = {
	"atom.xml", "application/atom+xml; charset=utf-8", 1,
	atom_head, atom_entry, atom_tail,
};
