/* fuzz-images.c - libFuzzer target for images.c: the input is written
 * to a file as an upload would be, probed, and when it is an image at
 * least 32 pixels wide, resized to 32 pixels in its type. Invariants: an
 * answer of 0 or -1, a message with -1, an image whose sides are
 * positive and within the pixel bound, and a resized copy that probes
 * back as 32 pixels wide (libFuzzer's -timeout catches a stall). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <vips/vips.h>

#include "buf.h"
#include "images.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char in_path[64], out_path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	if (images_start((*argv)[0]) != 0)
		abort();
	vips_concurrency_set(1);
	snprintf(in_path, sizeof(in_path), "/tmp/fuzz-images-%ld.in",
	    (long)getpid());
	snprintf(out_path, sizeof(out_path), "/tmp/fuzz-images-%ld.out",
	    (long)getpid());
	return 0;
}

static void
put(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_info info, back;
	struct buf out = BUF_INIT;
	char err[256];
	int rc;

	put(in_path, data, size);
	err[0] = '\0';
	rc = image_probe(in_path, &info, err, sizeof(err));
	if (rc != 0) {
		if (rc != -1 || err[0] == '\0')
			abort();
		return 0;
	}
	if (info.width <= 0 || info.height <= 0 || (long long)info.width *
	    info.height > IMAGE_MAX_PIXELS || info.frames < 1)
		abort();
	if (info.width < 32)
		return 0;
	err[0] = '\0';
	rc = image_resize(in_path, 32, info.type, &out, err, sizeof(err));
	if (rc == 0) {
		put(out_path, out.data, out.len);
		if (image_probe(out_path, &back, err, sizeof(err)) != 0 ||
		    back.width != 32 || back.type != info.type)
			abort();
	} else if (rc != -1 || err[0] == '\0' || out.len != 0) {
		abort();
	}
	buf_free(&out);
	unlink(out_path);
	return 0;
}
