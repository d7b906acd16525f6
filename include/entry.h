/* entry.h - a post as a list shows it: PaperMod's post-entry (title,
 * summary, meta line, link), the meta line alone, and the start of its
 * RSS item. The importer writes every post's entry into the database
 * (the entry column of its card and term rows) with this code, so that a
 * listing copies it; the worker writes search hits, meta lines and feed
 * items with the same code. */
#ifndef QUIRE_ENTRY_H
#define QUIRE_ENTRY_H

#include "buf.h"
#include "dates.h"
#include "site.h"

/* The version of entry_markup()'s output: bump it with any change to it,
 * so that the next import writes every stored entry again. */
#define ENTRY_VERSION "4"

/* What an entry shows of a post. */
struct entry {
	const char *url;	/* its route, decoded */
	const char *title;
	const char *author;	/* "": the site's */
	const char *summary;	/* plain text */
	int has_date;
	struct qdate date;
	int truncated;		/* the summary is cut: " ..." follows */
	long words;
	long minutes;
	const char *cover;	/* PaperMod's figure.entry-cover (cover.h),
				 * as the importer made it; NULL or "": none */
	int tag_entry;		/* in a taxonomy term's list: PaperMod's
				 * class tag-entry (its CSS hides the cover) */
};

/* Appends PaperMod's meta line: date · N min · N words · author, joined
 * by &nbsp;·&nbsp;, as the site's flags say. */
void entry_meta(struct buf *b, const struct site *site, const struct entry *e);
/* Appends the entry (article.post-entry): its cover (not for a search
 * hit), the title, the summary (or,
 * for a search hit, snippet with its matches marked \x01 ... \x02), the
 * meta line and the link. */
void entry_markup(struct buf *b, const struct site *site,
	const struct entry *e, const char *snippet);

/* Appends the start of the post's RSS 2.0 item, as Hugo 0.111 writes it:
 * "<item>" with its title, link, pubDate, guid and description (the
 * summary). A feed goes on with the content, if it shows it, and
 * "</item>". */
void entry_item(struct buf *b, const struct site *site,
	const struct entry *e);

#endif
