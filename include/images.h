/* images.h - a site's images at import, with libvips: their size, for
 * the width and height every <img> quire writes should carry (no layout
 * shift), and the resized copies PaperMod's responsiveImages offers in
 * srcset. Importer only: the worker never decodes an image.
 *
 * Bounded as an import must be against a hostile file: only the JPEG,
 * PNG, GIF and WebP loaders run (libvips' others, ImageMagick's among
 * them, are blocked); an image over IMAGE_MAX_PIXELS is never decoded;
 * a decode or resize running past IMAGE_MAX_SECONDS is stopped. A
 * failure is a message for the caller's warning, and the image stays a
 * plain file. */
#ifndef QUIRE_IMAGES_H
#define QUIRE_IMAGES_H

#include <stddef.h>

#include "buf.h"

/* 100 megapixels: a 48-megapixel phone photo passes, a 50,000 x 50,000
 * decompression bomb does not. */
#define IMAGE_MAX_PIXELS 100000000LL
#define IMAGE_MAX_SECONDS 20

/* The formats quire reads and writes (PaperMod's processable ones less
 * TIFF and BMP, which browsers do not show). */
enum image_type {
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_GIF,
	IMAGE_WEBP,
};

struct image_info {
	enum image_type type;
	int width;
	int height;
	int frames;	/* pages of an animated GIF or WebP; 1 otherwise */
};

/* The widths PaperMod's cover partial offers in srcset, smallest first;
 * an image gets those up to its own width, never upscaled. */
extern const int image_srcset_widths[];
extern const size_t image_nsrcset_widths;

/* Starts libvips for this process with the bounds above (argv0 for its
 * messages). Returns 0, or -1 when libvips cannot start. */
int images_start(const char *argv0);
/* Shuts libvips down. */
void images_stop(void);

/* Reads the header of the image file at path, not its pixels, into
 * *info. Returns 0, or -1 with a message in err (errsz bytes): not an
 * image of the four types, unreadable, or over IMAGE_MAX_PIXELS. */
int image_probe(const char *path, struct image_info *info, char *err,
	size_t errsz);

/* Appends to out the image at path resized to width pixels wide (height
 * in proportion), encoded as type with metadata stripped (quality 75 for
 * JPEG and WebP, Hugo's default). Never upscales: a width over the
 * image's is an error, as is an animated image (resizing would stop
 * it). Returns 0, or -1 with a message in err and out as it was. */
int image_resize(const char *path, int width, enum image_type type,
	struct buf *out, char *err, size_t errsz);

/* The file extension (no dot) and media type of a type. */
const char *image_type_ext(enum image_type type);
const char *image_type_media(enum image_type type);

#endif
