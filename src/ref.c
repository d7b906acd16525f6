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

/* A ref's look-up in the pages of its language: the content paths it
 * may name, in the order tried (from the page's folder, then from the
 * content root; each with the suffixes a file or folder may take), and,
 * for a bare name, the pages whose file (less its extension and
 * language) or bundle folder is that name. */
struct ref_scan {
	const struct site *site;
	char **paths;		/* lower case, in order */
	size_t npaths;
	size_t best;		/* the first path found, npaths when none */
	struct buf url;		/* its page's URL */
	const char *name;	/* the bare name, or NULL */
	size_t named;		/* pages of that name */
	struct buf named_url;	/* the first's URL */
	struct buf rel;		/* a page's path in its language's content */
};

/* Is the page at rel (its path in its language's content) the one the
 * bare name r->name names? */
static int
ref_named(const struct ref_scan *r, const char *rel)
{
	const char *end = rel + strlen(rel) - url_content_ext(rel);
	const char *base, *dot;

	/* A bundle is named by its folder. */
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
	return (size_t)(end - base) == strlen(r->name) &&
	    strncasecmp(base, r->name, (size_t)(end - base)) == 0;
}

static void
ref_scan_page(void *arg, const char *source, const char *url, int kind)
{
	struct ref_scan *r = arg;
	size_t i;

	buf_reset(&r->rel);
	lang_of_file(r->site, source, &r->rel);
	for (i = 0; i < r->best; i++)
		if (strcasecmp(r->paths[i], buf_cstr(&r->rel)) == 0) {
			r->best = i;
			buf_reset(&r->url);
			buf_puts(&r->url, url);
			break;
		}
	if (r->name != NULL && kind != PAGE_SECTION &&
	    ref_named(r, buf_cstr(&r->rel)) && r->named++ == 0)
		buf_puts(&r->named_url, url);
}

/* Adds the content paths target names from the folder dir ("" for the
 * content root) to r, in the order Hugo tries them. */
static void
ref_candidates(struct ref_scan *r, const char *dir, const char *target)
{
	static const char *const suffixes[] = { "", ".md", ".html",
	    "/index.md", "/index.html", "/_index.md", "/_index.html" };
	struct buf path = BUF_INIT, cand = BUF_INIT;
	size_t i, j;
	const char *p;

	for (i = *target == '/' ? 1 : 0; i < 2; i++) {
		buf_reset(&path);
		if (ref_path(&path, i == 0 ? dir : "", target) != 0)
			continue;
		for (j = 0; j < sizeof(suffixes) / sizeof(suffixes[0]); j++) {
			if (j == 0 && url_content_ext(buf_cstr(&path)) == 0)
				continue;
			buf_reset(&cand);
			for (p = buf_cstr(&path); *p != '\0'; p++)
				buf_putc(&cand, (char)tolower((unsigned char)*p));
			buf_puts(&cand, suffixes[j]);
			r->paths = xrealloc(r->paths, (r->npaths + 1) *
			    sizeof(*r->paths));
			r->paths[r->npaths++] = xstrdup(buf_cstr(&cand));
		}
	}
	buf_free(&path);
	buf_free(&cand);
}

int
ref_resolve(void *arg, const char *target, const char *lang,
    struct buf *url, struct buf *err)
{
	const struct ref_from *from = arg;
	const char *slash = strrchr(from->path, '/');
	struct ref_scan r;
	struct buf dir = BUF_INIT, name = BUF_INIT;
	size_t i, slashes = 0;
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
	r.site = from->site;
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
	r.best = r.npaths;
	for (p = target; *p != '\0'; p++)
		slashes += *p == '/';
	if (*target != '.' && (slashes == 0 ||
	    (slashes == 1 && *target == '/'))) {
		const char *t = target + (*target == '/');

		buf_add(&name, t, strlen(t) - url_content_ext(t));
		if (name.len > 0)
			r.name = buf_cstr(&name);
	}
	if (r.npaths > 0 || r.name != NULL) {
		if (dbw_pages_of_lang(from->w, lang, ref_scan_page, &r,
		    err) != 0) {
			found = -1;
		} else if (r.best < r.npaths) {
			buf_puts(url, buf_cstr(&r.url));
			found = 1;
		} else if (r.named > 1) {
			buf_printf(err, "page reference \"%s\" is ambiguous",
			    target);
			found = -1;
		} else if (r.named == 1) {
			buf_puts(url, buf_cstr(&r.named_url));
			found = 1;
		}
	}
	for (i = 0; i < r.npaths; i++)
		free(r.paths[i]);
	free(r.paths);
	buf_free(&r.url);
	buf_free(&r.named_url);
	buf_free(&r.rel);
	buf_free(&dir);
	buf_free(&name);
	return found;
}
