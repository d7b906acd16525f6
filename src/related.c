/* related.c - ranks every page's related posts for the importer
 * (related.h): a merge of the sorted page lists of the page's terms, where
 * a candidate comes up at the head of all its shared terms' lists at once. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "related.h"

/* A term's pages: places[start .. start + n), ascending (listing order). */
struct term_pages {
	long long term;
	size_t start, n;
};

/* A page's place in the listing order, found by its id. */
struct id_place {
	long long id;
	size_t place;
};

/* The candidates sharing one number of terms, in listing order, and how
 * many of them stay visible for good. */
struct level {
	size_t *places;
	size_t n, cap, lasting;
};

static int
by_id(const void *a, const void *b)
{
	long long x = ((const struct id_place *)a)->id;
	long long y = ((const struct id_place *)b)->id;

	return x < y ? -1 : x > y;
}

/* (term, place) pairs: by term, then place. */
static int
by_term_place(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static int
lasting(const struct related_page *p, long long now)
{
	return !p->draft && p->publish_at <= now && p->expire_at == LLONG_MAX;
}

static void
level_add(struct level *l, size_t place)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->places = xrealloc(l->places, l->cap * sizeof(*l->places));
	}
	l->places[l->n++] = place;
}

/* Ranks the candidates of the page at place p, whose terms are the k
 * lists of its_terms, into levels[1 .. k], and hands them to put. */
static int
rank_page(const struct related_page *pages, size_t p,
    const struct term_pages *const *its_terms, size_t k,
    const size_t *places, struct level *levels, size_t *pos, long long now,
    related_put_fn *put, void *arg)
{
	long long rank = 1;
	size_t i, s, found = 0;
	int rc;

	for (s = 1; s <= k; s++) {
		levels[s].n = 0;
		levels[s].lasting = 0;
	}
	memset(pos, 0, k * sizeof(*pos));
	for (;;) {
		size_t place = 0, shared = 0;
		int any = 0;
		const struct related_page *c;

		for (i = 0; i < k; i++) {
			const struct term_pages *t = its_terms[i];

			if (pos[i] < t->n && (!any ||
			    places[t->start + pos[i]] < place)) {
				place = places[t->start + pos[i]];
				any = 1;
			}
		}
		if (!any)
			break;
		for (i = 0; i < k; i++) {
			const struct term_pages *t = its_terms[i];

			if (pos[i] < t->n && places[t->start + pos[i]] == place) {
				shared++;
				pos[i]++;
			}
		}
		c = &pages[place];
		/* Not itself, its language only, never a draft, and never one
		 * that has expired already; a level stops taking candidates
		 * once RELATED_MAX of them will be shown for good. */
		if (place == p || c->lang != pages[p].lang || c->draft ||
		    c->expire_at <= now || levels[shared].lasting >= RELATED_MAX)
			continue;
		level_add(&levels[shared], place);
		if (lasting(c, now))
			levels[shared].lasting++;
	}
	for (s = k; s > 0 && found < RELATED_MAX; s--) {
		for (i = 0; i < levels[s].n && found < RELATED_MAX; i++) {
			const struct related_page *c = &pages[levels[s].places[i]];

			if ((rc = put(arg, pages[p].id, rank++,
			    levels[s].places[i])) != 0)
				return rc;
			if (lasting(c, now))
				found++;
		}
	}
	return 0;
}

int
related_rank(const struct related_page *pages, size_t n,
    const struct related_pair *pairs, size_t npairs, long long now,
    related_put_fn *put, void *arg)
{
	struct id_place *map = xmalloc((n ? n : 1) * sizeof(*map));
	long long (*tp)[2] = xmalloc((npairs ? npairs : 1) * sizeof(*tp));
	size_t *places = xmalloc((npairs ? npairs : 1) * sizeof(*places));
	struct term_pages *terms = xmalloc((npairs ? npairs : 1) *
	    sizeof(*terms));
	/* Each pair again, as (place, index of its term), by place. */
	long long (*pt)[2] = xmalloc((npairs ? npairs : 1) * sizeof(*pt));
	const struct term_pages **its_terms = NULL;
	struct level *levels = NULL;
	size_t *pos = NULL;
	size_t i, j, m = 0, nterms = 0, maxk = 0;
	int rc = 0;

	for (i = 0; i < n; i++) {
		map[i].id = pages[i].id;
		map[i].place = i;
	}
	qsort(map, n, sizeof(*map), by_id);
	for (i = 0; i < npairs; i++) {
		struct id_place key = { pairs[i].page, 0 }, *hit;

		hit = n ? bsearch(&key, map, n, sizeof(*map), by_id) : NULL;
		if (hit == NULL)
			continue;
		tp[m][0] = pairs[i].term;
		tp[m][1] = (long long)hit->place;
		m++;
	}
	qsort(tp, m, sizeof(*tp), by_term_place);
	/* The terms' lists, a page listed once per term. */
	for (i = 0, j = 0; i < m; i++) {
		if (i > 0 && tp[i][0] == tp[i - 1][0] &&
		    tp[i][1] == tp[i - 1][1])
			continue;
		if (nterms == 0 || terms[nterms - 1].term != tp[i][0]) {
			terms[nterms].term = tp[i][0];
			terms[nterms].start = j;
			terms[nterms].n = 0;
			nterms++;
		}
		places[j++] = (size_t)tp[i][1];
		terms[nterms - 1].n++;
		pt[j - 1][0] = tp[i][1];
		pt[j - 1][1] = (long long)(nterms - 1);
	}
	m = j;
	qsort(pt, m, sizeof(*pt), by_term_place);
	/* The most terms a page has bounds the levels. */
	for (i = 0; i < m; i = j) {
		for (j = i; j < m && pt[j][0] == pt[i][0]; j++)
			;
		if (j - i > maxk)
			maxk = j - i;
	}
	its_terms = xmalloc((maxk + 1) * sizeof(*its_terms));
	pos = xmalloc((maxk + 1) * sizeof(*pos));
	levels = xmalloc((maxk + 1) * sizeof(*levels));
	memset(levels, 0, (maxk + 1) * sizeof(*levels));
	for (i = 0; i < m && rc == 0; i = j) {
		size_t k = 0;

		for (j = i; j < m && pt[j][0] == pt[i][0]; j++)
			its_terms[k++] = &terms[pt[j][1]];
		if (pages[pt[i][0]].draft)
			continue;
		rc = rank_page(pages, (size_t)pt[i][0], its_terms, k, places,
		    levels, pos, now, put, arg);
	}
	for (i = 0; i <= maxk; i++)
		free(levels[i].places);
	free(levels);
	free(pos);
	free(its_terms);
	free(pt);
	free(terms);
	free(places);
	free(tp);
	free(map);
	return rc;
}
