/* responsive.h - the resized copies of a page bundle's images that
 * PaperMod's responsiveImages offers in srcset (360, 480, 720, 1080 and
 * 1500 pixels wide, never above the image's own width), each in the
 * image's type and in WebP, made with images.h at import, written into
 * the file store and served through file rows of their own. What is
 * learnt of an image is kept by the hash of its bytes (schema 016), so a
 * re-import decodes and resizes nothing it has seen. An image that
 * cannot be read, is animated, or is over the pixel bound stays a plain
 * file: a warning names it, and the import goes on. libvips starts the
 * first time an image is read and stops when the process exits (it
 * cannot start again: --watch imports many times). Importer only. */
#ifndef QUIRE_RESPONSIVE_H
#define QUIRE_RESPONSIVE_H

#include "buf.h"
#include "cover.h"
#include "dbw.h"

struct responsive {
	struct dbw *w;
	const char *store;	/* the store folder (store.h) */
	/* Tells a warning (a whole line, "\n" included). */
	void (*warn)(void *arg, const char *line);
	void *arg;
	long images, made, reused;
};

/* Appends the route of the copy of the image at route whose bytes hash
 * to hash, width pixels wide, with extension ext:
 * "/posts/a/cover.jpg" -> "/posts/a/cover_q1a2b3c4d5e_360w.jpg". A
 * changed image gets new routes. */
void responsive_route(struct buf *out, const char *route, const char *hash,
	int width, const char *ext);

/* Learns the image of file row f and, when copies is set, makes (or
 * finds) its copies, with a file row each; fills img (its strings
 * malloc'd: cover_img_free()).
 * Returns 0 (also for an image it cannot read: warned, img then says
 * not processable), or -1 on an error that fails the import (the
 * database, the store), with the message in err. */
int responsive_image(struct responsive *r, const struct dbw_file *f,
	int copies, struct cover_img *img, struct buf *err);

/* md_hooks' image for the importer: adds the image to the
 * dbw_image_refs arg when its URL may name a file of the site (relative,
 * or a path from the root). */
void responsive_collect(void *arg, size_t ordinal, const char *url,
	const char *title, const char *alt);
/* Frees what refs holds and empties it. */
void responsive_refs_free(struct dbw_image_refs *refs);

/* The pass over every page's body images (after the files are stored):
 * each that names an image file of the site gets its <img> with width
 * and height, and, for a relative one, srcset and sizes and a <picture>
 * with the WebP copies, stored as the page's image fragment (its alt
 * and title as written; the URL as written, so a browser finds it
 * where cmark-gfm's <img> does). s is the site. Returns 0, or -1 with
 * err. */
int responsive_bodies(struct responsive *r, const struct site *s,
	struct buf *err);

#endif
