/* test-readfile.c - the importer reads regular files only, and never
 * waits on a FIFO or a device (src/readfile.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"

static char dir[] = "/tmp/quire-test-readfile.XXXXXX";

static void
path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void
test_readfile(void **state)
{
	char file[64], fifo[64], link[64], other[64];
	struct buf b = BUF_INIT;
	struct stat st, st_other;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path_of(file, sizeof(file), "post.md");
	path_of(fifo, sizeof(fifo), "pipe.md");
	path_of(link, sizeof(link), "link.md");
	path_of(other, sizeof(other), "other.md");
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("---\ntitle: A\n---\nBody.\n", f);
	fclose(f);
	f = fopen(other, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink(file, link), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(stat(other, &st_other), 0);

	assert_int_equal(readfile_regular(file, 1, &st, 1024, &b), READFILE_OK);
	assert_string_equal(buf_cstr(&b), "---\ntitle: A\n---\nBody.\n");
	buf_reset(&b);
	/* A FIFO with no writer: refused at once, where a plain open
	 * would wait for one forever. */
	assert_int_equal(readfile_regular(fifo, 0, NULL, 1024, &b),
	    READFILE_NOT_REGULAR);
	assert_int_equal(readfile_regular("/dev/zero", 0, NULL, 1024, &b),
	    READFILE_NOT_REGULAR);
	assert_int_equal(readfile_regular(dir, 0, NULL, 1024, &b),
	    READFILE_NOT_REGULAR);
	/* A link is followed unless the caller vetted the path itself. */
	assert_int_equal(readfile_regular(link, 0, NULL, 1024, &b),
	    READFILE_OK);
	buf_reset(&b);
	assert_int_equal(readfile_regular(link, 1, NULL, 1024, &b),
	    READFILE_ERRNO);
	assert_int_equal(errno, ELOOP);
	/* Another file swapped in since the walk saw this one. */
	assert_int_equal(readfile_regular(file, 1, &st_other, 1024, &b),
	    READFILE_NOT_REGULAR);
	buf_puts(&b, "kept");
	assert_int_equal(readfile_regular(file, 1, NULL, 8, &b),
	    READFILE_TOO_BIG);
	assert_string_equal(buf_cstr(&b), "kept");	/* as it was */
	buf_reset(&b);
	assert_int_equal(readfile_regular(other, 1, NULL, 8, &b),
	    READFILE_OK);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	unlink(file);
	unlink(fifo);
	unlink(link);
	unlink(other);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readfile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
