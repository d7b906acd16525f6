/* responsive.c - resized copies of a bundle's images, made once per image
 * and stored (responsive.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "images.h"
#include "responsive.h"
#include "store.h"

/* Hex digits of the original's hash a copy's route carries. */
#define ROUTE_HASH 10

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
		if (r->started == 0)
			r->started = images_start("quire") == 0 ? 1 : -1;
		if (r->started < 0) {
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
		if (r->started == 0)
			r->started = images_start("quire") == 0 ? 1 : -1;
		if (r->started < 0 || image_resize(path, width, type, &data,
		    msg, sizeof(msg)) != 0) {
			warn(r, f, r->started < 0 ? "libvips cannot start" :
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
	if (dbw_file_put(r->w, &row, image_type_media(type), err) != 0)
		goto out;
	rc = 1;
out:
	buf_free(&data);
	return rc;
}

int
responsive_image(struct responsive *r, const struct dbw_file *f,
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
responsive_end(struct responsive *r)
{
	if (r->started > 0)
		images_stop();
	r->started = 0;
}
