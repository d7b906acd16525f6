/* test-images.c - the importer's images (images.h) on files made here
 * with libvips: sizes read from headers, resized copies never upscaled,
 * and the bounds: other loaders blocked, a decompression bomb refused
 * before decoding, a truncated file an error, an animation left whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vips/vips.h>

#include "images.h"

static char dir[] = "/tmp/quire-images-XXXXXX";

static const char *
at(const char *name)
{
	static char path[4][256];
	static int turn;

	turn = (turn + 1) % 4;
	snprintf(path[turn], sizeof(path[turn]), "%s/%s", dir, name);
	return path[turn];
}

/* A w x h picture with something in it (a gradient), saved by name's
 * extension. */
static void
make_image(const char *name, int w, int h)
{
	VipsImage *xyz, *band, *img;

	assert_int_equal(vips_xyz(&xyz, w, h, NULL), 0);
	assert_int_equal(vips_extract_band(xyz, &band, 0, NULL), 0);
	assert_int_equal(vips_cast_uchar(band, &img, NULL), 0);
	assert_int_equal(vips_image_write_to_file(img, at(name), NULL), 0);
	g_object_unref(img);
	g_object_unref(band);
	g_object_unref(xyz);
}

static void
write_file(const char *name, const void *data, size_t n)
{
	FILE *f = fopen(at(name), "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL || images_start("test-images") != 0)
		return -1;
	make_image("wide.jpg", 1600, 900);
	make_image("wide.png", 1600, 900);
	make_image("small.gif", 200, 100);
	make_image("photo.webp", 800, 600);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_probe(void **state)
{
	static const struct {
		const char *name;
		enum image_type type;
		int w, h;
		const char *ext, *media;
	} cases[] = {
		{ "wide.jpg", IMAGE_JPEG, 1600, 900, "jpg", "image/jpeg" },
		{ "wide.png", IMAGE_PNG, 1600, 900, "png", "image/png" },
		{ "small.gif", IMAGE_GIF, 200, 100, "gif", "image/gif" },
		{ "photo.webp", IMAGE_WEBP, 800, 600, "webp", "image/webp" },
	};
	struct image_info info;
	char err[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(image_probe(at(cases[i].name), &info, err,
		    sizeof(err)), 0);
		assert_int_equal(info.type, cases[i].type);
		assert_int_equal(info.width, cases[i].w);
		assert_int_equal(info.height, cases[i].h);
		assert_int_equal(info.frames, 1);
		assert_string_equal(image_type_ext(info.type), cases[i].ext);
		assert_string_equal(image_type_media(info.type),
		    cases[i].media);
	}
}

/* Resized to each srcset width below the image's own, in its type and
 * as WebP, at the width asked and the height in proportion. */
static void
test_resize(void **state)
{
	static const char *const from[] = { "wide.jpg", "wide.png" };
	struct image_info info, got;
	struct buf out = BUF_INIT;
	char err[200];
	size_t f, i;
	int made = 0;

	(void)state;
	for (f = 0; f < 2; f++) {
		assert_int_equal(image_probe(at(from[f]), &info, err,
		    sizeof(err)), 0);
		for (i = 0; i < image_nsrcset_widths; i++) {
			int w = image_srcset_widths[i], t;

			if (w > info.width)
				continue;
			for (t = 0; t < 2; t++) {
				enum image_type type = t ? IMAGE_WEBP :
				    info.type;

				buf_reset(&out);
				assert_int_equal(image_resize(at(from[f]), w,
				    type, &out, err, sizeof(err)), 0);
				write_file("out", out.data, out.len);
				assert_int_equal(image_probe(at("out"), &got,
				    err, sizeof(err)), 0);
				assert_int_equal(got.type, type);
				assert_int_equal(got.width, w);
				assert_int_equal(got.height, (w * 900 + 800) / 1600);
				made++;
			}
		}
	}
	assert_int_equal(made, 2 * 2 * 5);
	buf_free(&out);
}

static void
test_never_upscaled(void **state)
{
	struct buf out = BUF_INIT;
	char err[200];

	(void)state;
	assert_int_equal(image_resize(at("small.gif"), 360, IMAGE_GIF, &out,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "never upscaled"));
	assert_int_equal(out.len, 0);
	assert_int_equal(image_resize(at("small.gif"), 100, IMAGE_GIF, &out,
	    err, sizeof(err)), 0);
	assert_true(out.len > 6 && memcmp(out.data, "GIF8", 4) == 0);
	buf_free(&out);
}

/* Text, and formats libvips could read but quire does not let it (SVG
 * through librsvg, PDF through poppler), whatever the file's name. */
static void
test_not_ours(void **state)
{
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/>"
	    "</svg>\n";
	static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n"
	    "%%EOF\n";
	struct image_info info;
	char err[200];

	(void)state;
	write_file("text.png", "hello\n", 6);
	assert_int_equal(image_probe(at("text.png"), &info, err, sizeof(err)),
	    -1);
	assert_true(err[0] != '\0');
	write_file("drawing.png", svg, sizeof(svg) - 1);
	assert_int_equal(image_probe(at("drawing.png"), &info, err,
	    sizeof(err)), -1);
	write_file("drawing.svg", svg, sizeof(svg) - 1);
	assert_int_equal(image_probe(at("drawing.svg"), &info, err,
	    sizeof(err)), -1);
	write_file("doc.pdf", pdf, sizeof(pdf) - 1);
	assert_int_equal(image_probe(at("doc.pdf"), &info, err, sizeof(err)),
	    -1);
}

/* PNG's CRC-32 (ISO 3309), bit by bit: enough for a 13-byte chunk. */
static uint32_t
crc32_png(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return c ^ 0xffffffffu;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A 50,000 x 50,000 PNG in 57 bytes: refused from its header, at once. */
static void
test_bomb(void **state)
{
	unsigned char png[8 + 25 + 12 + 12];
	struct image_info info;
	struct buf out = BUF_INIT;
	char err[200];

	(void)state;
	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	put32(png + 8, 13);
	memcpy(png + 12, "IHDR", 4);
	put32(png + 16, 50000);
	put32(png + 20, 50000);
	memcpy(png + 24, "\x08\x02\x00\x00\x00", 5);	/* 8-bit RGB */
	put32(png + 29, crc32_png(png + 12, 17));
	/* An empty IDAT: the header is all a reader needs to say no. */
	put32(png + 33, 0);
	memcpy(png + 37, "IDAT", 4);
	put32(png + 41, crc32_png(png + 37, 4));
	put32(png + 45, 0);
	memcpy(png + 49, "IEND", 4);
	put32(png + 53, crc32_png(png + 49, 4));
	write_file("bomb.png", png, sizeof(png));
	assert_int_equal(image_probe(at("bomb.png"), &info, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "50000 x 50000 pixels, over the limit"));
	assert_int_equal(image_resize(at("bomb.png"), 360, IMAGE_PNG, &out,
	    err, sizeof(err)), -1);
	assert_int_equal(out.len, 0);
}

/* Half a JPEG: its header reads, its pixels do not; no padded copy. */
static void
test_truncated(void **state)
{
	FILE *f = fopen(at("wide.jpg"), "rb");
	struct buf out = BUF_INIT;
	char data[200000], err[200];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(data, 1, sizeof(data), f);
	fclose(f);
	assert_true(n > 1000 && n < sizeof(data));
	write_file("half.jpg", data, n / 2);
	assert_int_equal(image_resize(at("half.jpg"), 360, IMAGE_JPEG, &out,
	    err, sizeof(err)), -1);
	assert_int_equal(out.len, 0);
	assert_true(err[0] != '\0');
}

/* Two frames of 300 x 200: an animation, measured by its frame, and
 * not resized (a resized copy would stand still). */
static void
test_animation(void **state)
{
	VipsImage *frame, *both, *in[2];
	struct image_info info;
	struct buf out = BUF_INIT;
	char err[200];

	(void)state;
	assert_int_equal(vips_black(&frame, 300, 200, NULL), 0);
	in[0] = in[1] = frame;
	assert_int_equal(vips_arrayjoin(in, &both, 2, "across", 1, NULL), 0);
	vips_image_set_int(both, "page-height", 200);
	assert_int_equal(vips_image_write_to_file(both, at("anim.gif"), NULL),
	    0);
	g_object_unref(both);
	g_object_unref(frame);
	assert_int_equal(image_probe(at("anim.gif"), &info, err, sizeof(err)),
	    0);
	assert_int_equal(info.type, IMAGE_GIF);
	assert_int_equal(info.width, 300);
	assert_int_equal(info.height, 200);
	assert_int_equal(info.frames, 2);
	assert_int_equal(image_resize(at("anim.gif"), 150, IMAGE_GIF, &out,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "animation of 2 frames"));
}

/* A photo stored on its side (EXIF orientation 6) is as wide as the
 * browser shows it, and so is its resized copy. */
static void
test_orientation(void **state)
{
	VipsImage *img, *turned;
	struct image_info info;
	struct buf out = BUF_INIT;
	char err[200];

	(void)state;
	assert_int_equal(vips_black(&img, 400, 300, NULL), 0);
	assert_int_equal(vips_copy(img, &turned, NULL), 0);
	vips_image_set_int(turned, "orientation", 6);
	assert_int_equal(vips_image_write_to_file(turned, at("side.jpg"),
	    NULL), 0);
	g_object_unref(turned);
	g_object_unref(img);
	assert_int_equal(image_probe(at("side.jpg"), &info, err, sizeof(err)),
	    0);
	assert_int_equal(info.width, 300);
	assert_int_equal(info.height, 400);
	assert_int_equal(image_resize(at("side.jpg"), 150, IMAGE_JPEG, &out,
	    err, sizeof(err)), 0);
	write_file("side-small.jpg", out.data, out.len);
	assert_int_equal(image_probe(at("side-small.jpg"), &info, err,
	    sizeof(err)), 0);
	assert_int_equal(info.width, 150);
	assert_int_equal(info.height, 200);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_never_upscaled),
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_bomb),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_animation),
		cmocka_unit_test(test_orientation),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
