/* entry.c - a post's list entry and meta line, in PaperMod's markup
 * (entry.h). */
#include "entry.h"
#include "html.h"

void
entry_meta(struct buf *b, const struct site *site, const struct entry *e)
{
	const char *author = *e->author != '\0' ? e->author : site->author;
	int first = 1;

	if (e->has_date) {
		/* Digits, '-', 'T', ':' and '+': nothing to escape. */
		html(b, "<span title=\"");
		date_format_iso(b, &e->date);
		html(b, "\">");
		/* PaperMod: time.Format with params.DateFormat. */
		date_format(b, &e->date, site->date_format,
		    date_names_for(site->lang, site->default_lang));
		html(b, "</span>");
		first = 0;
	}
	if (site_flag(site, FLAG_READING_TIME)) {
		if (!first)
			html(b, "&nbsp;·&nbsp;");
		html_int(b, e->minutes);
		html(b, " min");
		first = 0;
	}
	if (site_flag(site, FLAG_WORD_COUNT)) {
		if (!first)
			html(b, "&nbsp;·&nbsp;");
		html_int(b, e->words);
		html(b, " words");
		first = 0;
	}
	if (*author != '\0') {
		if (!first)
			html(b, "&nbsp;·&nbsp;");
		html_text(b, author);
	}
}

void
entry_markup(struct buf *b, const struct site *site, const struct entry *e,
    const char *snippet)
{
	html(b, e->tag_entry ? "<article class=\"post-entry tag-entry\">\n" :
	    "<article class=\"post-entry\">\n");
	/* The importer's markup (cover.c), escaped when it was made. */
	if (snippet == NULL && e->cover != NULL)
		buf_puts(b, e->cover);
	html(b, "<header class=\"entry-header\">\n<h2 class=\"entry-hint-parent\">");
	html_text(b, e->title);
	html(b, "</h2>\n</header>\n");
	if (snippet != NULL) {
		html(b, "<div class=\"entry-content\">\n<p>");
		html_text_marked(b, snippet);
		html(b, "</p>\n</div>\n");
	} else if (*e->summary != '\0' || e->truncated) {
		html(b, "<div class=\"entry-content\">\n<p>");
		html_text(b, e->summary);
		if (e->truncated)
			html(b, " ...");
		html(b, "</p>\n</div>\n");
	}
	html(b, "<footer class=\"entry-footer\">");
	entry_meta(b, site, e);
	html(b, "</footer>\n<a class=\"entry-link\" aria-label=\"post link to ");
	html_attr(b, e->title);
	html(b, "\" href=\"");
	html_href(b, site->base_path, e->url);
	html(b, "\"></a>\n</article>\n");
}

void
entry_item(struct buf *b, const struct site *site, const struct entry *e)
{
	html(b, "\n    <item>\n      <title>");
	html_text(b, e->title);
	html(b, "</title>\n      <link>");
	html_abs_url(b, site->base_url, e->url);
	html(b, "</link>\n      <pubDate>");
	date_format_rfc822(b, &e->date);
	html(b, "</pubDate>\n      <guid>");
	html_abs_url(b, site->base_url, e->url);
	html(b, "</guid>\n      <description>");
	html_text(b, e->summary);
	html(b, "</description>");
}
