/* feed.h - a listing's feed in its three formats: what page-feed.c reads
 * for every format, and the writers, one per format: RSS 2.0
 * (page-feed.c, as Hugo 0.111 writes it), Atom (feed-atom.c) and JSON
 * Feed 1.1 (feed-json.c). */
#ifndef QUIRE_FEED_H
#define QUIRE_FEED_H

#include <stddef.h>

#include "buf.h"
#include "dates.h"
#include "site.h"

/* What one feed lists and how it is titled. */
struct feed {
	const char *name;	/* "Posts", a term's name; NULL for the site */
	const char *route;	/* the listing the feed belongs to */
	int all;		/* the site feed lists every kind of page */
	long long term_id;	/* a term's feed, else 0 */
};

/* One item as every format shows it; the caller owns every string. */
struct feed_item {
	const char *url;	/* the page's route, decoded */
	const char *title;
	const char *author;	/* "": the site's */
	const char *summary;	/* plain text */
	const char *content;	/* the rendered body (HTML) when the site
				 * shows full text in feeds, else NULL */
	struct qdate date;
	struct qdate updated;	/* the lastmod, else the date */
	const char *tags;	/* the page's tags, as first written, each
				 * ending in a NUL byte: ntags of them
				 * (formats with tags only) */
	size_t ntags;
};

/* What a feed's head says of its items, known once all are read. */
struct feed_sum {
	size_t n;		/* items */
	struct qdate newest;	/* the first (newest) item's date */
	struct qdate updated;	/* the latest updated of any item */
	int anonymous;		/* an item has no author of its own */
};

/* A format: its file beside the listing's route, its Content-Type, and
 * its writer. page-feed.c appends each item with item() to a buffer of
 * items, then head() to the body, the items, and tail(). */
struct feed_format {
	const char *file;		/* "index.xml", "atom.xml", "feed.json" */
	const char *content_type;	/* with its charset */
	int tags;			/* items show their tags */
	void (*head)(struct buf *b, const struct site *s,
	    const struct feed *f, const struct feed_sum *sum);
	void (*item)(struct buf *b, const struct site *s,
	    const struct feed_item *it, int first);
	void (*tail)(struct buf *b, const struct feed_sum *sum);
};

extern const struct feed_format feed_rss, feed_atom, feed_json;

/* Appends the feed's title, unescaped: "NAME on SITE", or the site's
 * title for the site's feed (and for a listing named as the site). */
void feed_title(struct buf *out, const struct site *s, const struct feed *f);
/* Appends the feed's description, unescaped: "Recent content in NAME on
 * SITE", as Hugo's RSS template writes it. */
void feed_description(struct buf *out, const struct site *s,
	const struct feed *f);
/* Appends the route of the feed's file in format fmt: the listing's
 * route and fmt->file. */
void feed_route(struct buf *out, const struct feed *f,
	const struct feed_format *fmt);

#endif
