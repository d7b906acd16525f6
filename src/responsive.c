/* responsive.c - resized copies of a bundle's images, made once per image
 * and stored (responsive.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "html.h"
#include "images.h"
#include "responsive.h"
#include "store.h"
#include "url.h"

/* Hex digits of the original's hash a copy's route carries. */
#define ROUTE_HASH 10

/* libvips, once a process: it cannot start again after it stops (an
 * import under --watch runs many), so it stops at exit. 1 running, -1
 * failed to start. */
static int vips_state;

/* Starts libvips the first time an import needs it; 0, or -1. */
static int
vips_ready(void)
{
	if (vips_state == 0) {
		vips_state = images_start("quire") == 0 ? 1 : -1;
		if (vips_state > 0)
			atexit(images_stop);
	}
	return vips_state > 0 ? 0 : -1;
}

void
responsive_route(struct buf *out, const char *route, const char *hash,
    int width, const char *ext)
{
	const char *slash = strrchr(route, '/');
	const char *dot = strrchr(route, '.');
	size_t stem = dot != NULL && (slash == NULL || dot > slash) ?
	    (size_t)(dot - route) : strlen(route);

	buf_add(out, route, stem);
	buf_printf(out, "_q%.*s_%dw.%s", ROUTE_HASH, hash, width, ext);
}

static void
warn(struct responsive *r, const struct dbw_file *f, const char *why)
{
	struct buf line = BUF_INIT;

	buf_printf(&line, "warning: %s: %s; served as it is, without resized "
	    "copies\n", f->source, why);
	r->warn(r->arg, buf_cstr(&line));
	buf_free(&line);
}

/* Writes the n bytes of data into the store and sets hash: through a
 * temporary file beside it (the sweep removes one a killed import
 * leaves), then files_put() as any file. Returns 0 or -1 with err. */
static int
put_bytes(struct responsive *r, const struct buf *data, char *hash,
    struct buf *err)
{
	struct buf tmp = BUF_INIT;
	struct site_file sf;
	struct stat st;
	int fd, written, rc = -1;
	size_t off = 0;
	ssize_t k;

	buf_printf(&tmp, "%s/.tmp-XXXXXX", r->store);
	if ((fd = mkstemp(tmp.data)) < 0) {
		buf_printf(err, "%s: %s", buf_cstr(&tmp), strerror(errno));
		buf_free(&tmp);
		return -1;
	}
	while (off < data->len) {
		k = write(fd, data->data + off, data->len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			buf_printf(err, "%s: %s", buf_cstr(&tmp),
			    k < 0 ? strerror(errno) : "short write");
			goto out;
		}
		off += (size_t)k;
	}
	if (fstat(fd, &st) != 0) {
		buf_printf(err, "%s: %s", buf_cstr(&tmp), strerror(errno));
		goto out;
	}
	memset(&sf, 0, sizeof(sf));
	sf.fs_path = tmp.data;
	sf.dev = st.st_dev;
	sf.ino = st.st_ino;
	sf.size = (long long)st.st_size;
	if (files_put(r->store, &sf, INT64_MAX, &written, err) != 0)
		goto out;
	memcpy(hash, sf.hash, STORE_HASH_HEX + 1);
	rc = 0;
out:
	close(fd);
	unlink(buf_cstr(&tmp));
	buf_free(&tmp);
	return rc;
}

/* What is known of f's image: from the image table, else probed (and
 * recorded). Returns 1 with *info, 0 when it cannot be read (warned),
 * -1 on error. */
static int
learn(struct responsive *r, const struct dbw_file *f, const char *path,
    struct image_info *info, struct buf *err)
{
	struct buf why = BUF_INIT;
	char msg[512];
	int known, rc = -1;

	known = dbw_image_get(r->w, f->hash, info, &why, err);
	if (known < 0)
		goto out;
	if (!known) {
		if (vips_ready() != 0) {
			buf_puts(&why, "libvips cannot start");
			warn(r, f, buf_cstr(&why));
			rc = 0;
			goto out;
		}
		if (image_probe(path, info, msg, sizeof(msg)) != 0) {
			buf_puts(&why, msg);
			if (dbw_image_put(r->w, f->hash, NULL, msg, err) != 0)
				goto out;
		} else if (dbw_image_put(r->w, f->hash, info, "", err) != 0) {
			goto out;
		}
	}
	if (why.len > 0) {
		warn(r, f, buf_cstr(&why));
		rc = 0;
		goto out;
	}
	rc = 1;
out:
	buf_free(&why);
	return rc;
}

/* The copy of f's image at width, in its type or WebP: found or made,
 * and its file row written at route. Returns 1, 0 when it cannot be
 * made (warned), -1 on error. */
static int
copy(struct responsive *r, const struct dbw_file *f, const char *path,
    const struct image_info *info, int width, int webp, const char *route,
    struct buf *err)
{
	enum image_type type = webp ? IMAGE_WEBP : info->type;
	char variant[STORE_HASH_HEX + 1], msg[512];
	struct buf data = BUF_INIT;
	struct site_file row;
	long long size = 0;
	int found, rc = -1;

	found = dbw_variant_get(r->w, f->hash, width, webp, variant, &size,
	    err);
	if (found < 0)
		return -1;
	if (found && files_stored(r->store, variant)) {
		r->reused++;
	} else {
		if (vips_ready() != 0 || image_resize(path, width, type, &data,
		    msg, sizeof(msg)) != 0) {
			warn(r, f, vips_state < 0 ? "libvips cannot start" :
			    msg);
			rc = 0;
			goto out;
		}
		if (put_bytes(r, &data, variant, err) != 0 ||
		    dbw_variant_put(r->w, f->hash, width, webp, variant,
		    (long long)data.len, err) != 0)
			goto out;
		size = (long long)data.len;
		r->made++;
	}
	memset(&row, 0, sizeof(row));
	row.url = (char *)route;
	row.source = (char *)f->source;
	memcpy(row.hash, variant, sizeof(row.hash));
	row.size = size;
	row.mtime = f->mtime;
	/* Its route holds the original's hash and its width: other bytes
	 * come at another URL. */
	if (dbw_file_put(r->w, &row, image_type_media(type), 1, err) != 0)
		goto out;
	rc = 1;
out:
	buf_free(&data);
	return rc;
}

int
responsive_image(struct responsive *r, const struct dbw_file *f, int copies,
    struct cover_img *img, struct buf *err)
{
	struct image_info info;
	struct buf route = BUF_INIT;
	char path[4096];
	size_t i;
	int got, rc = -1;

	memset(img, 0, sizeof(*img));
	img->url = f->url;
	if (store_path(r->store, f->hash, path, sizeof(path)) != 0) {
		buf_printf(err, "%s: no path in the store for %s", f->source,
		    f->hash);
		return -1;
	}
	/* PaperMod's processable formats less TIFF and BMP, which quire
	 * does not decode; an SVG (or any other image) is shown as it is,
	 * as PaperMod shows it. */
	if (strcmp(f->media_type, "image/tiff") == 0 ||
	    strcmp(f->media_type, "image/bmp") == 0) {
		warn(r, f, "PaperMod would offer resized copies of it, but "
		    "quire reads no TIFF or BMP");
		return 0;
	}
	if (strcmp(f->media_type, "image/jpeg") != 0 &&
	    strcmp(f->media_type, "image/png") != 0 &&
	    strcmp(f->media_type, "image/gif") != 0 &&
	    strcmp(f->media_type, "image/webp") != 0)
		return 0;
	r->images++;
	got = learn(r, f, path, &info, err);
	if (got <= 0)
		return got;
	img->processable = 1;
	img->width = info.width;
	img->height = info.height;
	img->webp = info.type == IMAGE_WEBP;
	if (!copies)
		return 0;
	if (info.frames > 1) {
		/* Resizing would stop it: the original alone, as it is. */
		warn(r, f, "an animated image");
		return 0;
	}
	for (i = 0; i < image_nsrcset_widths && img->n < COVER_MAX_WIDTHS;
	    i++) {
		int width = image_srcset_widths[i];

		if (width > info.width)
			break;
		buf_reset(&route);
		responsive_route(&route, f->url, f->hash, width,
		    image_type_ext(info.type));
		if ((got = copy(r, f, path, &info, width, 0, buf_cstr(&route),
		    err)) < 0)
			goto out;
		if (got == 0)
			break;
		img->widths[img->n] = width;
		img->own[img->n] = strdup(buf_cstr(&route));
		if (!img->webp) {
			buf_reset(&route);
			responsive_route(&route, f->url, f->hash, width,
			    image_type_ext(IMAGE_WEBP));
			if ((got = copy(r, f, path, &info, width, 1,
			    buf_cstr(&route), err)) < 0) {
				img->n++;
				goto out;
			}
			if (got > 0)
				img->webps[img->n] = strdup(buf_cstr(&route));
		}
		img->n++;
	}
	rc = 0;
out:
	buf_free(&route);
	return rc;
}


void
responsive_collect(void *arg, size_t ordinal, const char *url,
    const char *title, const char *alt)
{
	struct dbw_image_refs *refs = arg;
	struct dbw_image_ref *ref;
	size_t i;

	/* A URL with a scheme, another host or no path names no file. */
	if (*url == '\0' || *url == '#' || *url == '?' ||
	    (url[0] == '/' && url[1] == '/') ||
	    strcspn(url, ":") < strcspn(url, "/?#"))
		return;
	/* A render again (the pages that call ref) numbers alike. */
	for (i = 0; i < refs->n; i++)
		if (refs->r[i].ordinal == ordinal)
			return;
	if (refs->n == refs->cap) {
		refs->cap = refs->cap ? 2 * refs->cap : 8;
		refs->r = xrealloc(refs->r, refs->cap * sizeof(*refs->r));
	}
	ref = &refs->r[refs->n++];
	ref->ordinal = ordinal;
	ref->url = xstrdup(url);
	ref->title = xstrdup(title);
	ref->alt = xstrdup(alt);
}

void
responsive_refs_free(struct dbw_image_refs *refs)
{
	for (size_t i = 0; i < refs->n; i++) {
		free(refs->r[i].url);
		free(refs->r[i].title);
		free(refs->r[i].alt);
	}
	free(refs->r);
	memset(refs, 0, sizeof(*refs));
}

/* A body image read from the database, owned. */
struct body_image {
	long long page_id;
	char *page_url, *url, *title, *alt;
	size_t ordinal;
};

struct body_list {
	struct body_image *b;
	size_t n, cap;
};

static int
add_body_image(void *arg, const struct dbw_page_image *r)
{
	struct body_list *l = arg;
	struct body_image *b;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->b = xrealloc(l->b, l->cap * sizeof(*l->b));
	}
	b = &l->b[l->n++];
	b->page_id = r->page_id;
	b->page_url = xstrdup(r->page_url);
	b->url = xstrdup(r->url);
	b->title = xstrdup(r->title);
	b->alt = xstrdup(r->alt);
	b->ordinal = r->ordinal;
	return 0;
}

/* Appends the route a body image's URL names on the page at page_url,
 * decoded as file rows are: a relative URL from the page's folder, a
 * path from the root under the site's base path. Returns 1 for a
 * relative URL, 0 for one from the root, -1 when it names no route. */
static int
body_route(struct buf *out, const struct site *s, const char *page_url,
    const char *url)
{
	struct buf path = BUF_INIT, dir = BUF_INIT;
	size_t n = strcspn(url, "?#"), i, bp = strlen(s->base_path);
	const char *slash;
	int rc;

	for (i = 0; i < n; i++) {
		if (url[i] == '%' && i + 2 < n && url_hex_digit(url[i + 1]) >= 0
		    && url_hex_digit(url[i + 2]) >= 0) {
			buf_putc(&path, (char)(url_hex_digit(url[i + 1]) * 16 +
			    url_hex_digit(url[i + 2])));
			i += 2;
		} else {
			buf_putc(&path, url[i]);
		}
	}
	if (path.len == 0) {
		rc = -1;
	} else if (path.data[0] == '/') {
		rc = strncmp(buf_cstr(&path), s->base_path, bp) == 0 ? 0 : -1;
		if (rc == 0)
			cover_path_join(out, "/", buf_cstr(&path) + bp);
	} else {
		slash = strrchr(page_url, '/');
		buf_add(&dir, page_url, slash != NULL ?
		    (size_t)(slash - page_url) + 1 : 0);
		cover_path_join(out, buf_cstr(&dir), buf_cstr(&path));
		rc = 1;
	}
	buf_free(&path);
	buf_free(&dir);
	return rc;
}

#define BODY_SIZES "(min-width: 768px) 720px, 100vw"

/* Appends the <img> (in a <picture> with WebP copies) of body image bi. */
static void
body_markup(struct buf *b, const struct site *s, const struct body_image *bi,
    const struct cover_img *img)
{
	struct buf src = BUF_INIT;
	int pic = img->n > 0 && !img->webp && img->webps[0] != NULL;

	if (pic) {
		html(b, "<picture><source type=\"image/webp\" srcset=\"");
		cover_srcset(b, s, img, 1, SRCSET_BODY);
		html(b, "\" sizes=\"" BODY_SIZES "\">");
	}
	/* The URL as cmark-gfm writes it: percent-encoded where it must
	 * be, then escaped for the attribute. */
	html_url_query(&src, bi->url);
	html(b, "<img src=\"");
	html_attr(b, buf_cstr(&src));
	html(b, "\" alt=\"");
	html_attr(b, bi->alt);
	html(b, "\"");
	if (*bi->title != '\0') {
		html(b, " title=\"");
		html_attr(b, bi->title);
		html(b, "\"");
	}
	if (img->n > 0) {
		html(b, " srcset=\"");
		cover_srcset(b, s, img, 0, SRCSET_BODY);
		html(b, "\" sizes=\"" BODY_SIZES "\"");
	}
	html(b, " width=\"");
	html_int(b, img->width);
	html(b, "\" height=\"");
	html_int(b, img->height);
	html(b, "\" />");
	if (pic)
		html(b, "</picture>");
	buf_free(&src);
}

/* Makes and stores the image fragments of the n images of one page. */
static int
body_page(struct responsive *r, const struct site *s,
    const struct body_image *bi, size_t n, struct buf *err)
{
	struct buf route = BUF_INIT, hold = BUF_INIT, out = BUF_INIT;
	char **frag = NULL;
	size_t nfrag = 0, i;
	int rc = -1, kind, found;

	for (i = 0; i < n; i++) {
		struct dbw_file f;
		struct cover_img img;

		buf_reset(&route);
		if ((kind = body_route(&route, s, bi[i].page_url, bi[i].url)) < 0)
			continue;
		if ((found = dbw_file_at(r->w, buf_cstr(&route), &f, &hold,
		    err)) < 0)
			goto out;
		if (!found || strncmp(f.media_type, "image/", 6) != 0)
			continue;
		if (responsive_image(r, &f, kind, &img, err) != 0)
			goto out;
		if (img.width > 0) {
			buf_reset(&out);
			body_markup(&out, s, &bi[i], &img);
			if (bi[i].ordinal >= nfrag) {
				frag = xrealloc(frag, (bi[i].ordinal + 1) *
				    sizeof(*frag));
				while (nfrag <= bi[i].ordinal)
					frag[nfrag++] = NULL;
			}
			frag[bi[i].ordinal] = xstrdup(buf_cstr(&out));
		}
		cover_img_free(&img);
	}
	rc = dbw_image_fragments(r->w, bi[0].page_id, frag, nfrag, err);
out:
	for (i = 0; i < nfrag; i++)
		free(frag[i]);
	free(frag);
	buf_free(&route);
	buf_free(&hold);
	buf_free(&out);
	return rc;
}

int
responsive_bodies(struct responsive *r, const struct site *s, struct buf *err)
{
	struct body_list l;
	size_t i, j;
	int rc;

	memset(&l, 0, sizeof(l));
	rc = dbw_page_images(r->w, add_body_image, &l, err);
	for (i = 0; rc == 0 && i < l.n; i = j) {
		for (j = i; j < l.n && l.b[j].page_id == l.b[i].page_id; j++)
			;
		rc = body_page(r, s, &l.b[i], j - i, err);
	}
	for (i = 0; i < l.n; i++) {
		free(l.b[i].page_url);
		free(l.b[i].url);
		free(l.b[i].title);
		free(l.b[i].alt);
	}
	free(l.b);
	return rc;
}
