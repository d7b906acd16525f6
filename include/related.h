/* related.h - related posts, ranked once by the importer: a page's related
 * posts are the pages of its language sharing the most of its terms (of
 * the config's taxonomies, never only a section), then in listing order
 * (date, newest first, then title, then file). The importer stores each
 * page's ranked candidates in page_related (schema/011); the worker shows
 * the first RELATED_MAX of them visible at the time of the request.
 *
 * Visibility changes with time (a post published tomorrow, one that
 * expires), so a page keeps every candidate up to and including the
 * RELATED_MAX-th one that will stay visible for good (published by the
 * import, no expiry date, not a draft): whatever comes after those can
 * never be shown. Drafts are never candidates. */
#ifndef QUIRE_RELATED_H
#define QUIRE_RELATED_H

#include <stddef.h>

/* How many related posts an article shows. */
#define RELATED_MAX 5

/* A page, in listing order. */
struct related_page {
	long long id;
	long long publish_at;
	long long expire_at;	/* LLONG_MAX: none */
	int draft;
	int lang;		/* any number naming the page's language */
};

/* One term of one page; the pairs are in any order. */
struct related_pair {
	long long term;
	long long page;		/* a related_page's id */
};

/* Called for each candidate of each page, in rank order from 1, with the
 * candidate's index in the pages given to related_rank(); returns 0, or
 * non-zero to stop (related_rank then returns that). */
typedef int related_put_fn(void *arg, long long page, long long rank,
    size_t candidate);

/* Ranks the candidates of every page of pages (n, in listing order) from
 * the pairs (npairs; pairs naming no page are ignored) as seen at instant
 * now, and hands them to put. Returns 0 or put's non-zero answer. */
int related_rank(const struct related_page *pages, size_t n,
    const struct related_pair *pairs, size_t npairs, long long now,
    related_put_fn *put, void *arg);

#endif
