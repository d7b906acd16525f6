/* section.c - a page's top-level and nearest section, and Hugo's
 * default main section (the one with the most published pages). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "section.h"
#include "url.h"

size_t
section_len(const char *source)
{
	return url_top_section(source);
}

void
section_count(struct section_tally *t, const char *name, size_t len, long n)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strlen(t->v[i].name) == len &&
		    memcmp(t->v[i].name, name, len) == 0) {
			t->v[i].pages += n;
			return;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].name = xstrndup(name, len);
	t->v[t->n].pages = n;
	t->n++;
}

const char *
section_most(const struct section_tally *t)
{
	const struct section_count *best = NULL;
	size_t i;

	/* Measured on Hugo 0.111: sections are compared in name order and
	 * a later one must have more pages to win. */
	for (i = 0; i < t->n; i++) {
		const struct section_count *c = &t->v[i];

		if (c->pages <= 0)
			continue;
		if (best == NULL || c->pages > best->pages ||
		    (c->pages == best->pages && strcmp(c->name, best->name) < 0))
			best = c;
	}
	return best != NULL ? best->name : NULL;
}

void
section_tally_free(struct section_tally *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

int
section_is_among(const char *source, char *const *names, size_t n)
{
	size_t len = section_len(source), i;

	for (i = 0; i < n; i++)
		if (len > 0 && strlen(names[i]) == len &&
		    memcmp(names[i], source, len) == 0)
			return 1;
	return 0;
}

size_t
section_of(const char *path, char *const *folders, size_t n, int own)
{
	const char *slash = strrchr(path, '/');
	size_t dir, best, i;

	if (slash == NULL)
		return 0;
	dir = (size_t)(slash - path);	/* the folder: path[0..dir) */
	if (!own) {
		while (dir > 0 && path[dir - 1] != '/')
			dir--;
		if (dir == 0)
			return 0;	/* a top-level folder: no parent */
		dir--;
	}
	best = section_len(path);
	if (best == 0 || best > dir)
		return 0;
	for (i = 0; i < n; i++) {
		size_t k = strlen(folders[i]);

		if (k > best && k <= dir && memcmp(folders[i], path, k) == 0 &&
		    (k == dir || path[k] == '/'))
			best = k;
	}
	return best;
}
