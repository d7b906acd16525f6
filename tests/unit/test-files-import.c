/* test-files-import.c - the site's files' rules at import (files.h):
 * which names the store takes, media types from a mime.types table, one
 * URL one file, and a file's SHA-256 written once into the store at
 * HH/REST. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

static void
test_names(void **state)
{
	static const char *const good[] = { "01.png", "a file & more (1).txt",
	    "über.JPG", ".well-known", "a..b", "日本.txt" };
	static const char *const bad[] = { "..", ".", "ctl\001.txt",
	    "del\177", "c1\302\205x", "bad\377.png", "trunc\303",
	    "overlong\300\257" };
	struct buf why = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(files_name_ok(good[i], &why), 1);
	assert_int_equal(why.len, 0);
	files_shown("ok \303\274 ctl\001 bad\377 c1\302\205", &why);
	assert_string_equal(buf_cstr(&why),
	    "ok \303\274 ctl\\x01 bad\\xff c1\\xc2\\x85");
	buf_reset(&why);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&why);
		assert_int_equal(files_name_ok(bad[i], &why), 0);
		assert_true(why.len > 0);
	}
	buf_free(&why);
}

static void
test_mime(void **state)
{
	char path[] = "/tmp/quire-test-mime.XXXXXX";
	struct mime_types m;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("# a comment jpg\n"
	    "image/jpeg\t\tjpeg jpg jpe\n"
	    "application/pdf pdf\n"
	    "text/plain txt\n"
	    "text/x-other txt\n"
	    "application/x-lonely\n", fp);
	fclose(fp);
	assert_int_equal(mime_load(&m, path), 0);
	assert_string_equal(mime_type(&m, "a/photo.JPG"), "image/jpeg");
	assert_string_equal(mime_type(&m, "deck.pdf"), "application/pdf");
	/* The first line naming an extension wins, as nginx's types. */
	assert_string_equal(mime_type(&m, "x.txt"), "text/plain");
	assert_string_equal(mime_type(&m, "CNAME"), FILES_DEFAULT_TYPE);
	assert_string_equal(mime_type(&m, "dir.jpg/file"), FILES_DEFAULT_TYPE);
	assert_string_equal(mime_type(&m, "trailing."), FILES_DEFAULT_TYPE);
	assert_string_equal(mime_type(&m, "x.unknown"), FILES_DEFAULT_TYPE);
	mime_free(&m);
	unlink(path);
	assert_int_equal(mime_load(&m, "/nonexistent/mime.types"), -1);
	assert_string_equal(mime_type(&m, "x.pdf"), FILES_DEFAULT_TYPE);
}

static void
test_dedupe(void **state)
{
	struct site_files l = { NULL, 0, 0 };
	struct stat st;

	(void)state;
	memset(&st, 0, sizeof(st));
	files_add(&l, "/img/a.png", "themes/t/static/img/a.png", "t", NULL,
	    &st, 2);
	files_add(&l, "/img/a.png", "static/img/a.png", "s", NULL, &st, 1);
	files_add(&l, "/b.txt", "static/b.txt", "b", NULL, &st, 1);
	files_add(&l, "/img/a.png", "content/img/a.png", "c", NULL, &st, 0);
	files_dedupe(&l, NULL, NULL);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.f[0].url, "/b.txt");
	assert_string_equal(l.f[1].source, "content/img/a.png");
	files_free(&l);
}

static void
test_put(void **state)
{
	char dir[] = "/tmp/quire-test-store.XXXXXX";
	struct buf src = BUF_INIT, store = BUF_INIT, err = BUF_INIT;
	struct site_file f;
	struct stat st, again;
	char path[4096];
	FILE *fp;
	int written;

	(void)state;
	assert_non_null(mkdtemp(dir));
	buf_printf(&src, "%s/abc.txt", dir);
	buf_printf(&store, "%s/x.files", dir);
	fp = fopen(buf_cstr(&src), "w");
	fputs("abc", fp);
	fclose(fp);
	assert_int_equal(stat(buf_cstr(&src), &st), 0);
	memset(&f, 0, sizeof(f));
	f.fs_path = (char *)buf_cstr(&src);
	f.dev = st.st_dev;
	f.ino = st.st_ino;
	assert_int_equal(files_put(buf_cstr(&store), &f, 3, &written, &err), 0);
	/* SHA-256("abc"), FIPS 180-2's example. */
	assert_string_equal(f.hash, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(written, 1);
	assert_int_equal(f.size, 3);
	assert_int_equal(store_path(buf_cstr(&store), f.hash, path,
	    sizeof(path)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(files_stored(buf_cstr(&store), f.hash));
	/* Stored already: not written again. */
	assert_int_equal(files_put(buf_cstr(&store), &f, 3, &written, &err), 0);
	assert_int_equal(written, 0);
	assert_int_equal(stat(path, &again), 0);
	assert_int_equal(again.st_ino, st.st_ino);
	/* Over the limit: refused, naming the file. */
	assert_int_equal(files_put(buf_cstr(&store), &f, 2, &written, &err), -1);
	assert_non_null(strstr(buf_cstr(&err), "abc.txt: too large (3 bytes, "
	    "limit 2)"));
	unlink(path);
	path[strlen(path) - 63] = '\0';
	rmdir(path);
	rmdir(buf_cstr(&store));
	unlink(buf_cstr(&src));
	rmdir(dir);
	buf_free(&src);
	buf_free(&store);
	buf_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_mime),
		cmocka_unit_test(test_dedupe),
		cmocka_unit_test(test_put),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
