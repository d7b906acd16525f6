/* ref.c - the page a ref or relref shortcode names, found as Hugo 0.111's
 * getContentNode finds it (see ref.h). Importer only: it asks the
 * database being written. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ref.h"
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

/* A ref's look-up by name: the pages whose file (less its extension and
 * language) or bundle folder is name. */
struct ref_named {
	const char *name;
	size_t found;
	struct buf url;
};

static void
ref_named_page(void *arg, const char *source, const char *url)
{
	struct ref_named *r = arg;
	const char *end = source + strlen(source) - url_content_ext(source);
	const char *base, *dot;

	/* A bundle is named by its folder. */
	base = end;
	while (base > source && base[-1] != '/')
		base--;
	if (url_is_index(base, 0) && base > source) {
		end = base - 1;
		base = end;
		while (base > source && base[-1] != '/')
			base--;
	}
	/* "NAME.fr" is NAME in French. */
	dot = memchr(base, '.', (size_t)(end - base));
	if (dot != NULL)
		end = dot;
	if ((size_t)(end - base) == strlen(r->name) &&
	    strncasecmp(base, r->name, (size_t)(end - base)) == 0) {
		if (r->found++ == 0)
			buf_puts(&r->url, url);
	}
}

int
ref_resolve(void *arg, const char *target, struct buf *url, struct buf *err)
{
	static const char *const suffixes[] = { "", ".md", ".html",
	    "/index.md", "/index.html", "/_index.md", "/_index.html" };
	const struct ref_from *from = arg;
	const char *slash = strrchr(from->source, '/');
	struct buf dir = BUF_INIT, path = BUF_INIT, source = BUF_INIT;
	size_t i, j, slashes = 0;
	const char *p;
	int found = 0;

	if (slash != NULL)
		buf_add(&dir, from->source, (size_t)(slash - from->source));
	if (url_is_index(slash ? slash + 1 : from->source, 0) &&
	    strncmp(target, "..", 2) != 0) {
		/* A leaf bundle looks on its folder's level. */
		char *up = strrchr(buf_cstr(&dir), '/');

		dir.len = up != NULL ? (size_t)(up - dir.data) : 0;
		if (dir.data != NULL)
			dir.data[dir.len] = '\0';
	}
	for (i = *target == '/' ? 1 : 0; i < 2 && found == 0; i++) {
		buf_reset(&path);
		if (ref_path(&path, i == 0 ? buf_cstr(&dir) : "", target) != 0)
			continue;
		for (j = 0; j < sizeof(suffixes) / sizeof(suffixes[0]) &&
		    found == 0; j++) {
			if (j == 0 && url_content_ext(buf_cstr(&path)) == 0)
				continue;
			buf_reset(&source);
			buf_printf(&source, "%s%s", buf_cstr(&path),
			    suffixes[j]);
			buf_reset(url);
			found = dbw_page_at(from->w, buf_cstr(&source), url,
			    err);
		}
	}
	for (p = target; *p != '\0'; p++)
		slashes += *p == '/';
	if (found == 0 && *target != '.' && (slashes == 0 ||
	    (slashes == 1 && *target == '/'))) {
		struct ref_named r = { NULL, 0, BUF_INIT };
		struct buf name = BUF_INIT, lower = BUF_INIT;
		const char *t = target + (*target == '/');

		buf_add(&name, t, strlen(t) - url_content_ext(t));
		for (p = buf_cstr(&name); *p != '\0'; p++)
			buf_putc(&lower, (char)tolower((unsigned char)*p));
		r.name = buf_cstr(&name);
		if (name.len > 0 && dbw_pages_named(from->w, buf_cstr(&lower),
		    ref_named_page, &r, err) != 0) {
			found = -1;
		} else if (r.found > 1) {
			buf_printf(err, "page reference \"%s\" is ambiguous",
			    target);
			found = -1;
		} else if (r.found == 1) {
			buf_reset(url);
			buf_puts(url, buf_cstr(&r.url));
			found = 1;
		}
		buf_free(&r.url);
		buf_free(&name);
		buf_free(&lower);
	}
	if (found <= 0)
		buf_reset(url);
	buf_free(&dir);
	buf_free(&path);
	buf_free(&source);
	return found;
}
