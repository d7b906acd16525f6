/* images.c - a site's images at import, with libvips (see images.h). */
#include <stdio.h>
#include <string.h>

#include <vips/vips.h>

#include "images.h"

const int image_srcset_widths[] = { 360, 480, 720, 1080, 1500 };
const size_t image_nsrcset_widths =
    sizeof(image_srcset_widths) / sizeof(image_srcset_widths[0]);

static const struct {
	const char *loader;	/* libvips' "vips-loader" for the type */
	const char *ext;
	const char *media;
} types[] = {
	[IMAGE_JPEG] = { "jpegload", "jpg", "image/jpeg" },
	[IMAGE_PNG] = { "pngload", "png", "image/png" },
	[IMAGE_GIF] = { "gifload", "gif", "image/gif" },
	[IMAGE_WEBP] = { "webpload", "webp", "image/webp" },
};

/* The loaders that stay allowed: everything else of libvips' (PDF, SVG,
 * ImageMagick's many formats, FITS, ...) is blocked, so that a file
 * named .png can only ever reach one of these four decoders. */
static const char *const allowed_loaders[] = {
	"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif",
	"VipsForeignLoadWebp",
};

/* libvips' warnings (a damaged tile, a chunk out of place) go nowhere:
 * what matters reaches the caller as an error, which the importer
 * reports as FILE: message, the one form an import's messages take. */
static void
drop_warning(const char *domain, GLogLevelFlags level, const char *message,
    void *unused)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)unused;
}

int
images_start(const char *argv0)
{
	size_t i;

	if (VIPS_INIT(argv0) != 0)
		return -1;
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_warning, NULL);
	vips_block_untrusted_set(TRUE);
	vips_operation_block_set("VipsForeignLoad", TRUE);
	for (i = 0; i < sizeof(allowed_loaders) / sizeof(allowed_loaders[0]);
	    i++)
		vips_operation_block_set(allowed_loaders[i], FALSE);
	/* One image at a time, each dropped when done: an import of a
	 * thousand photos must not hold them. */
	vips_cache_set_max(0);
	return 0;
}

void
images_stop(void)
{
	vips_shutdown();
}

/* Copies libvips' first message line into err and clears its buffer. */
static int
fail_vips(char *err, size_t errsz, const char *what)
{
	const char *msg = vips_error_buffer();
	size_t n = strcspn(msg, "\n");

	snprintf(err, errsz, "%s: %.*s", what, (int)n,
	    n > 0 ? msg : "libvips failed");
	vips_error_clear();
	return -1;
}

/* Reads what image_probe() reports from an image's header. */
static int
read_header(VipsImage *im, struct image_info *info, char *err, size_t errsz)
{
	const char *loader = NULL;
	size_t i;
	long long w, h;

	if (vips_image_get_typeof(im, "vips-loader") == 0 ||
	    vips_image_get_string(im, "vips-loader", &loader) != 0) {
		vips_error_clear();
		loader = "";
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(loader, types[i].loader) == 0)
			break;
	if (i == sizeof(types) / sizeof(types[0])) {
		snprintf(err, errsz, "not a JPEG, PNG, GIF or WebP image");
		return -1;
	}
	info->type = (enum image_type)i;
	info->width = vips_image_get_width(im);
	info->height = vips_image_get_page_height(im);
	info->frames = vips_image_get_n_pages(im);
	if (info->frames < 1)
		info->frames = 1;
	w = info->width;
	h = info->height;
	if (w <= 0 || h <= 0 || w * h > IMAGE_MAX_PIXELS) {
		snprintf(err, errsz, "%lld x %lld pixels, over the limit of "
		    "%lld megapixels", w, h, IMAGE_MAX_PIXELS / 1000000);
		return -1;
	}
	/* As the browser shows it: an EXIF orientation of a quarter turn
	 * swaps the sides. */
	if (vips_image_get_orientation_swap(im)) {
		info->width = (int)h;
		info->height = (int)w;
	}
	return 0;
}

int
image_probe(const char *path, struct image_info *info, char *err,
    size_t errsz)
{
	VipsImage *im;
	int rc;

	/* The header alone: pixels are read only when asked for. */
	im = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL,
	    NULL);
	if (im == NULL)
		return fail_vips(err, errsz, "cannot read the image");
	rc = read_header(im, info, err, errsz);
	g_object_unref(im);
	return rc;
}

/* libvips' progress signal: stops an image that takes too long. */
static void
on_eval(VipsImage *im, VipsProgress *progress, void *unused)
{
	(void)unused;
	if (progress->run >= IMAGE_MAX_SECONDS)
		vips_image_set_kill(im, TRUE);
}

int
image_resize(const char *path, int width, enum image_type type,
    struct buf *out, char *err, size_t errsz)
{
	struct image_info info;
	VipsImage *small = NULL;
	void *data = NULL;
	size_t len = 0;
	int rc;

	if (image_probe(path, &info, err, errsz) != 0)
		return -1;
	if (info.frames > 1) {
		snprintf(err, errsz, "an animation of %d frames", info.frames);
		return -1;
	}
	if (width <= 0 || width > info.width) {
		snprintf(err, errsz, "%d pixels wide, not %d: never upscaled",
		    info.width, width);
		return -1;
	}
	/* Shrink-on-load where the format allows (JPEG, WebP), in one
	 * streaming pass; turned as EXIF says; stopped on a truncated or
	 * damaged file rather than padded. */
	if (vips_thumbnail(path, &small, width, "height", VIPS_MAX_COORD,
	    "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0)
		return fail_vips(err, errsz, "cannot resize the image");
	vips_image_set_progress(small, TRUE);
	g_signal_connect(small, "eval", G_CALLBACK(on_eval), NULL);
	switch (type) {
	case IMAGE_JPEG:
		rc = vips_jpegsave_buffer(small, &data, &len, "Q", 75,
		    "strip", TRUE, NULL);
		break;
	case IMAGE_PNG:
		rc = vips_pngsave_buffer(small, &data, &len, "strip", TRUE,
		    NULL);
		break;
	case IMAGE_GIF:
		rc = vips_gifsave_buffer(small, &data, &len, "strip", TRUE,
		    NULL);
		break;
	case IMAGE_WEBP:
	default:
		rc = vips_webpsave_buffer(small, &data, &len, "Q", 75,
		    "strip", TRUE, NULL);
		break;
	}
	g_object_unref(small);
	if (rc != 0) {
		g_free(data);
		return fail_vips(err, errsz, "cannot encode the image");
	}
	buf_add(out, data, len);
	g_free(data);
	return 0;
}

const char *
image_type_ext(enum image_type type)
{
	return types[type].ext;
}

const char *
image_type_media(enum image_type type)
{
	return types[type].media;
}
