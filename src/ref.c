/* ref.c - the page a ref or relref shortcode names, found as Hugo 0.111's
 * getContentNode finds it (see ref.h). Importer only: it asks the
 * database being written. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang.h"
#include "ref.h"
#include "schema.h"
#include "site.h"
#include "url.h"

/* Appends the content path target names from the folder dir (""
 * for content/ itself) to out, "." and ".." resolved; -1 when it climbs
 * above content/. */
static int
ref_path(struct buf *out, const char *dir, const char *target)
{
	struct buf joined = BUF_INIT;
	const char *p, *seg;
	int rc = 0;

	if (*dir != '\0' && *target != '/')
		buf_printf(&joined, "%s/", dir);
	buf_puts(&joined, target);
	for (p = buf_cstr(&joined); *p != '\0' && rc == 0; p = seg) {
		size_t n = strcspn(p, "/");

		seg = p + n + (p[n] == '/');
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (out->len == 0) {
				rc = -1;
				break;
			}
			slash = strrchr(buf_cstr(out), '/');
			out->len = slash != NULL ? (size_t)(slash - out->data) : 0;
			out->data[out->len] = '\0';
			continue;
		}
		if (out->len > 0)
			buf_putc(out, '/');
		buf_add(out, p, n);
	}
	buf_free(&joined);
	return rc;
}

/* One page as a ref finds it: by a key (lower case) and, of pages with
 * the same key, the first in the database's order (seq). */
struct ref_entry {
	char *key;
	const char *url;	/* owned by the language's urls */
	size_t seq;
};

/* The pages of one language, read once: by their path in the language's
 * content, and (sections aside) by the name a bare ref gives them. */
struct ref_lang {
	char *lang;
	struct ref_entry *paths, *names;	/* sorted by key, then seq */
	size_t npaths, nnames;
	char **urls;
	size_t nurls;
};

struct ref_index {
	const struct site *site;
	struct ref_lang *langs;
	size_t nlangs;
};

struct ref_index *
ref_index_new(const struct site *site)
{
	struct ref_index *ix = xmalloc(sizeof(*ix));

	memset(ix, 0, sizeof(*ix));
	ix->site = site;
	return ix;
}

void
ref_index_free(struct ref_index *ix)
{
	size_t i, j;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->nlangs; i++) {
		struct ref_lang *l = &ix->langs[i];

		for (j = 0; j < l->npaths; j++)
			free(l->paths[j].key);
		for (j = 0; j < l->nnames; j++)
			free(l->names[j].key);
		for (j = 0; j < l->nurls; j++)
			free(l->urls[j]);
		free(l->paths);
		free(l->names);
		free(l->urls);
		free(l->lang);
	}
	free(ix->langs);
	free(ix);
}

/* The n bytes at s in lower case, as a new string. */
static char *
lower_dup(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
	return out;
}

/* The name a bare ref gives the page at rel (its path in its language's
 * content): its file name less extension and any ".xx" suffix, or a
 * bundle's folder name. Sets *n to its length. */
static const char *
ref_name_of(const char *rel, size_t *n)
{
	const char *end = rel + strlen(rel) - url_content_ext(rel);
	const char *base, *dot;

	base = end;
	while (base > rel && base[-1] != '/')
		base--;
	if (url_is_index(base, 0) && base > rel) {
		end = base - 1;
		base = end;
		while (base > rel && base[-1] != '/')
			base--;
	}
	/* "NAME.fa", fa no language of the site's, is NAME. */
	dot = memchr(base, '.', (size_t)(end - base));
	if (dot != NULL)
		end = dot;
	*n = (size_t)(end - base);
	return base;
}

static void
ref_entry_add(struct ref_entry **list, size_t *n, char *key,
    const char *url, size_t seq)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n].key = key;
	(*list)[*n].url = url;
	(*list)[*n].seq = seq;
	(*n)++;
}

/* What dbw_pages_of_lang() gives the language being read. */
struct ref_reading {
	const struct site *site;
	struct ref_lang *l;
	struct buf rel;
};

static void
ref_read_page(void *arg, const char *source, const char *url, int kind)
{
	struct ref_reading *r = arg;
	struct ref_lang *l = r->l;
	const char *name;
	size_t n, seq = l->nurls;

	buf_reset(&r->rel);
	lang_of_file(r->site, source, &r->rel);
	l->urls = xrealloc(l->urls, (l->nurls + 1) * sizeof(*l->urls));
	l->urls[l->nurls++] = xstrdup(url);
	ref_entry_add(&l->paths, &l->npaths,
	    lower_dup(buf_cstr(&r->rel), r->rel.len), l->urls[seq], seq);
	if (kind != PAGE_SECTION) {
		name = ref_name_of(buf_cstr(&r->rel), &n);
		ref_entry_add(&l->names, &l->nnames, lower_dup(name, n),
		    l->urls[seq], seq);
	}
}

static int
ref_entry_order(const void *a, const void *b)
{
	const struct ref_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The pages of language lang, read from w on its first ref; NULL with
 * err set when the database could not be read. */
static const struct ref_lang *
ref_lang_of(struct ref_index *ix, struct dbw *w, const char *lang,
    struct buf *err)
{
	struct ref_reading r = { ix->site, NULL, BUF_INIT };
	size_t i;

	for (i = 0; i < ix->nlangs; i++)
		if (strcmp(ix->langs[i].lang, lang) == 0)
			return &ix->langs[i];
	ix->langs = xrealloc(ix->langs, (ix->nlangs + 1) * sizeof(*ix->langs));
	r.l = &ix->langs[ix->nlangs++];
	memset(r.l, 0, sizeof(*r.l));
	r.l->lang = xstrdup(lang);
	if (dbw_pages_of_lang(w, lang, ref_read_page, &r, err) != 0) {
		buf_free(&r.rel);
		return NULL;
	}
	buf_free(&r.rel);
	qsort(r.l->paths, r.l->npaths, sizeof(*r.l->paths), ref_entry_order);
	qsort(r.l->names, r.l->nnames, sizeof(*r.l->names), ref_entry_order);
	return r.l;
}

/* The first entry of list (n, sorted) whose key is key, and in *count
 * how many have it; NULL for none. */
static const struct ref_entry *
ref_find(const struct ref_entry *list, size_t n, const char *key,
    size_t *count)
{
	size_t lo = 0, hi = n, first;

	while (lo < hi) {	/* the first key >= key */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(list[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < n && strcmp(list[lo].key, key) == 0)
		lo++;
	*count = lo - first;
	return lo > first ? &list[first] : NULL;
}

/* The content paths a ref may name, in the order tried (from the page's
 * folder, then from the content root; each with the suffixes a file or
 * folder may take), lower case. */
struct ref_scan {
	char **paths;
	size_t npaths;
};

/* Adds the content paths target names from the folder dir ("" for the
 * content root) to r, in the order Hugo tries them. */
static void
ref_candidates(struct ref_scan *r, const char *dir, const char *target)
{
	static const char *const suffixes[] = { "", ".md", ".html",
	    "/index.md", "/index.html", "/_index.md", "/_index.html" };
	struct buf path = BUF_INIT;
	size_t i, j;

	for (i = *target == '/' ? 1 : 0; i < 2; i++) {
		char *lower;

		buf_reset(&path);
		if (ref_path(&path, i == 0 ? dir : "", target) != 0)
			continue;
		lower = lower_dup(buf_cstr(&path), path.len);
		for (j = 0; j < sizeof(suffixes) / sizeof(suffixes[0]); j++) {
			struct buf cand = BUF_INIT;

			if (j == 0 && url_content_ext(lower) == 0)
				continue;
			buf_printf(&cand, "%s%s", lower, suffixes[j]);
			r->paths = xrealloc(r->paths, (r->npaths + 1) *
			    sizeof(*r->paths));
			r->paths[r->npaths++] = buf_detach(&cand);
		}
		free(lower);
	}
	buf_free(&path);
}

int
ref_resolve(void *arg, const char *target, const char *lang,
    struct buf *url, struct buf *err)
{
	const struct ref_from *from = arg;
	const char *slash = strrchr(from->path, '/');
	const struct ref_lang *pages = NULL;
	const struct ref_entry *e;
	struct ref_scan r;
	struct buf dir = BUF_INIT;
	char *name = NULL;
	size_t i, count, slashes = 0;
	const char *p;
	int found = 0;

	buf_reset(url);
	if (lang == NULL || *lang == '\0')
		lang = from->lang;
	else if (strcmp(lang, from->lang) != 0 &&
	    site_lang_find(from->site, lang) == NULL) {
		buf_printf(err, "no site found with lang \"%s\"", lang);
		return 0;
	}
	memset(&r, 0, sizeof(r));
	if (slash != NULL)
		buf_add(&dir, from->path, (size_t)(slash - from->path));
	if (url_is_index(slash ? slash + 1 : from->path, 0) &&
	    strncmp(target, "..", 2) != 0) {
		/* A leaf bundle looks on its folder's level. */
		char *up = strrchr(buf_cstr(&dir), '/');

		dir.len = up != NULL ? (size_t)(up - dir.data) : 0;
		if (dir.data != NULL)
			dir.data[dir.len] = '\0';
	}
	ref_candidates(&r, buf_cstr(&dir), target);
	for (p = target; *p != '\0'; p++)
		slashes += *p == '/';
	if (*target != '.' && (slashes == 0 ||
	    (slashes == 1 && *target == '/'))) {
		const char *t = target + (*target == '/');

		name = lower_dup(t, strlen(t) - url_content_ext(t));
	}
	if (r.npaths > 0 || (name != NULL && *name != '\0')) {
		pages = ref_lang_of(from->index, from->w, lang, err);
		if (pages == NULL)
			found = -1;
	}
	for (i = 0; pages != NULL && i < r.npaths && found == 0; i++) {
		e = ref_find(pages->paths, pages->npaths, r.paths[i], &count);
		if (e != NULL) {
			buf_puts(url, e->url);
			found = 1;
		}
	}
	if (pages != NULL && found == 0 && name != NULL && *name != '\0') {
		e = ref_find(pages->names, pages->nnames, name, &count);
		if (count > 1) {
			buf_printf(err, "page reference \"%s\" is ambiguous",
			    target);
			found = -1;
		} else if (e != NULL) {
			buf_puts(url, e->url);
			found = 1;
		}
	}
	for (i = 0; i < r.npaths; i++)
		free(r.paths[i]);
	free(r.paths);
	buf_free(&dir);
	free(name);
	return found;
}
