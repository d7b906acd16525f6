/* gen-images.c - a site of image bundles for `make bench`: N leaf
 * bundles content/posts/img-K/index.md, each with a PaperMod cover
 * (cover.jpg, 800 x 533, its own gradient so that no two files share
 * bytes) and a sentence of text, and a hugo.yaml. Both quire and Hugo
 * build it; both make the cover's resized copies (quire at import, Hugo
 * through bench/hugo's single.html, as PaperMod's cover.html does).
 *
 *   gen-images DIR N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <vips/vips.h>

static void
die(const char *what)
{
	fprintf(stderr, "gen-images: %s\n", what);
	exit(1);
}

static void
mkdirs(const char *path)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof(buf))
		die("path too long");
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++)
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];

			buf[i] = '\0';
			mkdir(buf, 0755);
			buf[i] = c;
		}
}

int
main(int argc, char **argv)
{
	char path[4096];
	VipsImage *xyz, *x, *y, *r, *g, *b, *rgb, *u;
	VipsImage *bands[3];
	FILE *f;
	long n, k;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0)
		die("usage: gen-images DIR N");
	if (VIPS_INIT(argv[0]) != 0)
		die("libvips did not start");
	snprintf(path, sizeof(path), "%s/hugo.yaml", argv[1]);
	mkdirs(argv[1]);
	if ((f = fopen(path, "w")) == NULL)
		die("cannot write hugo.yaml");
	fputs("baseURL: http://bench.example/\ntitle: Image bench\n", f);
	fclose(f);
	if (vips_xyz(&xyz, 800, 533, NULL) != 0 ||
	    vips_extract_band(xyz, &x, 0, NULL) != 0 ||
	    vips_extract_band(xyz, &y, 1, NULL) != 0)
		die(vips_error_buffer());
	for (k = 0; k < n; k++) {
		double shift = (double)(k % 251);

		snprintf(path, sizeof(path), "%s/content/posts/img-%ld",
		    argv[1], k);
		mkdirs(path);
		/* Red and green follow x and y, blue the bundle's number. */
		if (vips_linear1(x, &r, 255.0 / 800, shift, NULL) != 0 ||
		    vips_linear1(y, &g, 255.0 / 533, 0, NULL) != 0 ||
		    vips_linear1(x, &b, 0, (double)((k * 37) % 256), NULL) != 0)
			die(vips_error_buffer());
		bands[0] = r;
		bands[1] = g;
		bands[2] = b;
		if (vips_bandjoin(bands, &rgb, 3, NULL) != 0 ||
		    vips_cast_uchar(rgb, &u, NULL) != 0)
			die(vips_error_buffer());
		snprintf(path, sizeof(path),
		    "%s/content/posts/img-%ld/cover.jpg", argv[1], k);
		if (vips_jpegsave(u, path, "Q", 85, NULL) != 0)
			die(vips_error_buffer());
		g_object_unref(u);
		g_object_unref(rgb);
		g_object_unref(r);
		g_object_unref(g);
		g_object_unref(b);
		snprintf(path, sizeof(path),
		    "%s/content/posts/img-%ld/index.md", argv[1], k);
		if ((f = fopen(path, "w")) == NULL)
			die("cannot write index.md");
		fprintf(f, "---\ntitle: \"Image %ld\"\ndate: 2024-01-%02ldT10:00:00Z\n"
		    "cover:\n  image: cover.jpg\n  alt: \"Gradient %ld\"\n---\n"
		    "A post whose cover is a photo-sized JPEG.\n", k, 1 + k % 28,
		    k);
		fclose(f);
	}
	g_object_unref(x);
	g_object_unref(y);
	g_object_unref(xyz);
	vips_shutdown();
	return 0;
}
