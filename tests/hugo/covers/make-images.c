/* make-images.c - writes the covers fixture's images (see
 * gen-golden-covers.sh): gradients in blocks of BLOCK pixels (small
 * files) of known sizes, so that each file's bytes are distinct and its
 * width and height known. Usage: make-images PATH WIDTH HEIGHT... */
#include <stdio.h>
#include <vips/vips.h>

#define BLOCK 40

static int
gradient(const char *path, int w0, int h0)
{
	VipsImage *xyz, *x, *y, *r, *g, *b, *bands[3], *rgb, *big, *out;
	int w = (w0 + BLOCK - 1) / BLOCK, h = (h0 + BLOCK - 1) / BLOCK;
	double ka = 255.0 / w, kb = 255.0 / h, kc = -255.0 / w, z = 0, top = 255;

	if (vips_xyz(&xyz, w, h, NULL) || vips_extract_band(xyz, &x, 0, NULL) ||
	    vips_extract_band(xyz, &y, 1, NULL) ||
	    vips_linear(x, &r, &ka, &z, 1, "uchar", TRUE, NULL) ||
	    vips_linear(y, &g, &kb, &z, 1, "uchar", TRUE, NULL) ||
	    vips_linear(x, &b, &kc, &top, 1, "uchar", TRUE, NULL))
		return -1;
	bands[0] = r, bands[1] = g, bands[2] = b;
	if (vips_bandjoin(bands, &rgb, 3, NULL) ||
	    vips_zoom(rgb, &big, BLOCK, BLOCK, NULL) ||
	    vips_extract_area(big, &out, 0, 0, w0, h0, NULL) ||
	    vips_copy(out, &rgb, "interpretation", VIPS_INTERPRETATION_sRGB,
	    NULL) || vips_image_write_to_file(rgb, path, NULL))
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	int i;

	if (VIPS_INIT(argv[0]))
		vips_error_exit(NULL);
	/* argv: PATH WIDTH HEIGHT, repeated */
	for (i = 1; i + 2 < argc; i += 3)
		if (gradient(argv[i], atoi(argv[i + 1]), atoi(argv[i + 2])))
			vips_error_exit("%s", argv[i]);
	return 0;
}
