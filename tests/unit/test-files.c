/* test-files.c - a stored file answered by files_answer() (files-serve.c)
 * against an imported site with file rows and a store beside it: the
 * validators, 304 on either conditional, Range and If-Range, HEAD, the
 * X-Accel-Redirect answer, and the damaged rows that are 503s; and a
 * folder's index.html by files_answer_index(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "db.h"
#include "files-serve.h"
#include "import.h"

static char dir[] = "/tmp/quire-test-files.XXXXXX";
static char db_path[sizeof(dir) + 16];
static struct db *db;

/* The bytes of the stored file: 0, 1, ... 255, 0, 1, ... (300 of them),
 * whose SHA-256 is HASH (sha256sum of the same bytes). */
#define SIZE 300
#define HASH "7728ae2f2c36e2aaafbe79ca14c87ae2f89e7c88c4390ecbbf82dce88706958d"
/* Its store file, and a hash whose store file is missing. */
#define STORED "77/28ae2f2c36e2aaafbe79ca14c87ae2f89e7c88c4390ecbbf82dce88706958d"
#define LOST "0000000000000000000000000000000000000000000000000000000000000000"
#define MTIME 1700000000LL
#define DATE "Tue, 14 Nov 2023 22:13:20 GMT"

static void
write_file(const char *rel, const char *text, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	fclose(f);
}

/* Adds a row to the file table through a connection of our own (the
 * worker's is read-only). */
static int
add_row(const char *url, const char *hash, long long size)
{
	char sql[512];
	sqlite3 *conn;
	int rc;

	if (sqlite3_open(db_path, &conn) != SQLITE_OK)
		return -1;
	snprintf(sql, sizeof(sql), "INSERT INTO file (url, source, hash, size, "
	    "mtime, media_type) VALUES ('%s', 'static%s', "
	    "'%s', %lld, %lld, 'image/png')", url, url, hash, size, MTIME);
	rc = sqlite3_exec(conn, sql, NULL, NULL, NULL);
	sqlite3_close(conn);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
setup(void **state)
{
	char content[sizeof(dir) + 16], path[512], bytes[SIZE];
	char *paths[1];
	struct import_opts o;
	struct buf err = BUF_INIT;
	FILE *log;
	int rc, i;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(content, sizeof(content), "%s/content", dir);
	snprintf(db_path, sizeof(db_path), "%s/site.db", dir);
	if (mkdir(content, 0755) != 0)
		return -1;
	write_file("content/about.md", "---\ntitle: About\n---\nHi.\n", 24);
	memset(&o, 0, sizeof(o));
	o.db = db_path;
	paths[0] = content;
	o.paths = paths;
	o.npaths = 1;
	o.quiet = 1;
	log = fopen("/dev/null", "w");
	rc = import_run(&o, log);
	fclose(log);
	if (rc != 0)
		return -1;
	/* The store: site.files/HH/REST. */
	snprintf(path, sizeof(path), "%s/site.files", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/site.files/%.2s", dir, HASH);
	mkdir(path, 0755);
	for (i = 0; i < SIZE; i++)
		bytes[i] = (char)(i & 0xff);
	snprintf(path, sizeof(path), "site.files/%.2s/%s", HASH, HASH + 2);
	write_file(path, bytes, SIZE);
	if (add_row("/img/a.png", HASH, SIZE) != 0 ||
	    add_row("/CNAME", HASH, SIZE) != 0 ||
	    add_row("/guide/index.html", HASH, SIZE) != 0 ||
	    add_row("/short.png", HASH, SIZE + 1) != 0 ||
	    add_row("/lost.png", LOST, SIZE) != 0 ||
	    add_row("/bad.png", "../../etc/passwd", SIZE) != 0)
		return -1;
	db = db_open(db_path, &err);
	buf_free(&err);
	return db != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char path[512];

	(void)state;
	db_close(db);
	snprintf(path, sizeof(path), "%s/site.files/%.2s/%s", dir, HASH,
	    HASH + 2);
	remove(path);
	snprintf(path, sizeof(path), "%s/site.files/%.2s", dir, HASH);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/site.files", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/site.db", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/site.db.lock", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/site.db.spare", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/site.db.changes", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/content/about.md", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/content", dir);
	rmdir(path);
	rmdir(dir);
	return 0;
}

/* A request's headers; NULL for absent. */
struct ask {
	const char *method, *uri;
	const char *inm, *ims, *range, *if_range, *accel;
};

/* What files_answer() should make of it: its code, the status, headers
 * that must be there (each "Name: value"), and the body's offset and
 * length in the file when streamed (len -1: no body). */
struct want {
	enum files_rc rc;
	int status;
	const char *headers[3];
	long long off, len;
};

typedef enum files_rc answer_fn(struct ctx *, const char *, struct buf *);

static void
check_with(answer_fn *answer, const struct ask *a, const struct want *w)
{
	char *env[10], lines[8][300];
	struct buf why = BUF_INIT;
	struct resp resp;
	struct req req;
	struct ctx ctx;
	enum files_rc rc;
	size_t n = 0, i;

	snprintf(lines[n], sizeof(lines[n]), "REQUEST_METHOD=%s", a->method);
	env[n] = lines[n], n++;
	snprintf(lines[n], sizeof(lines[n]), "REQUEST_URI=%s", a->uri);
	env[n] = lines[n], n++;
#define HDR(name, v) if ((v) != NULL) { snprintf(lines[n], \
	sizeof(lines[n]), "%s=%s", name, v); env[n] = lines[n]; n++; }
	HDR("HTTP_IF_NONE_MATCH", a->inm)
	HDR("HTTP_IF_MODIFIED_SINCE", a->ims)
	HDR("HTTP_RANGE", a->range)
	HDR("HTTP_IF_RANGE", a->if_range)
	HDR("QUIRE_ACCEL_PREFIX", a->accel)
#undef HDR
	env[n] = NULL;
	memset(&resp, 0, sizeof(resp));
	memset(&ctx, 0, sizeof(ctx));
	resp_reset(&resp);
	ctx.resp = &resp;
	ctx.req = &req;
	ctx.db = db;
	ctx.site = db_site(db);
	req_parse_env(&req, env, "/");
	rc = answer(&ctx, db_path, &why);
	if (rc != w->rc || (rc == FILES_OK && resp.status != w->status))
		print_error("%s %s: rc %d status %d, wanted %d %d (%s)\n",
		    a->method, a->uri, rc, resp.status, w->rc, w->status,
		    buf_cstr(&why));
	assert_int_equal(rc, w->rc);
	if (rc == FILES_DAMAGED)
		assert_non_null(strstr(buf_cstr(&why), a->uri));
	if (rc == FILES_OK) {
		assert_int_equal(resp.status, w->status);
		for (i = 0; i < 3 && w->headers[i] != NULL; i++) {
			if (strstr(buf_cstr(&resp.headers), w->headers[i]) ==
			    NULL)
				print_error("%s: no \"%s\" in\n%s", a->uri,
				    w->headers[i], buf_cstr(&resp.headers));
			assert_non_null(strstr(buf_cstr(&resp.headers),
			    w->headers[i]));
		}
		assert_int_equal(resp.body_file, w->len >= 0);
		if (w->len >= 0) {
			assert_int_equal(resp.body_off, w->off);
			assert_int_equal(resp.body_len, w->len);
		}
		assert_int_equal(resp.body.len, 0);
	}
	db_end_request(db);
	req_free(&req);
	resp_free(&resp);
	buf_free(&why);
}

static void
check(const struct ask *a, const struct want *w)
{
	check_with(files_answer, a, w);
}

static void
test_files(void **state)
{
	static const struct {
		struct ask a;
		struct want w;
	} cases[] = {
		{ { "GET", "/img/a.png", NULL, NULL, NULL, NULL, NULL },
		  { FILES_OK, 200, { "ETag: \"" HASH "\"\r\n",
		    "Last-Modified: " DATE "\r\n", "Accept-Ranges: bytes" },
		    0, SIZE } },
		{ { "GET", "/CNAME", NULL, NULL, NULL, NULL, NULL },
		  { FILES_OK, 200, { NULL }, 0, SIZE } },
		{ { "GET", "/img/b.png", NULL, NULL, NULL, NULL, NULL },
		  { FILES_NONE, 0, { NULL }, 0, -1 } },
		{ { "GET", "/img/a.png/", NULL, NULL, NULL, NULL, NULL },
		  { FILES_NONE, 0, { NULL }, 0, -1 } },
		/* Validators: a list, weak comparison, "*"; the date. */
		{ { "GET", "/img/a.png", "W/\"x\", W/\"" HASH "\"", NULL, NULL,
		    NULL, NULL }, { FILES_OK, 304, { "ETag: " }, 0, -1 } },
		{ { "GET", "/img/a.png", "*", NULL, NULL, NULL, NULL },
		  { FILES_OK, 304, { NULL }, 0, -1 } },
		{ { "GET", "/img/a.png", "\"x\"", DATE, NULL, NULL, NULL },
		  { FILES_OK, 200, { NULL }, 0, SIZE } },
		{ { "GET", "/img/a.png", NULL, DATE, NULL, NULL, NULL },
		  { FILES_OK, 304, { NULL }, 0, -1 } },
		{ { "GET", "/img/a.png", NULL, "Tue, 14 Nov 2023 22:13:19 GMT",
		    NULL, NULL, NULL }, { FILES_OK, 200, { NULL }, 0, SIZE } },
		{ { "GET", "/img/a.png", NULL, "yesterday", NULL, NULL, NULL },
		  { FILES_OK, 200, { NULL }, 0, SIZE } },
		/* Range, If-Range; HEAD ignores Range. */
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=10-19", NULL, NULL },
		  { FILES_OK, 206, { "Content-Range: bytes 10-19/300\r\n" },
		    10, 10 } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=-50", NULL, NULL },
		  { FILES_OK, 206, { "Content-Range: bytes 250-299/300\r\n" },
		    250, 50 } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=300-", NULL, NULL },
		  { FILES_OK, 416, { "Content-Range: bytes */300\r\n" }, 0,
		    -1 } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=0-1,4-5", NULL,
		    NULL }, { FILES_OK, 200, { NULL }, 0, SIZE } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=0-1", "\"" HASH "\"",
		    NULL }, { FILES_OK, 206, { NULL }, 0, 2 } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=0-1", "W/\"" HASH
		    "\"", NULL }, { FILES_OK, 200, { NULL }, 0, SIZE } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=0-1", "\"old\"",
		    NULL }, { FILES_OK, 200, { NULL }, 0, SIZE } },
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=0-1", DATE, NULL },
		  { FILES_OK, 206, { NULL }, 0, 2 } },
		{ { "HEAD", "/img/a.png", NULL, NULL, "bytes=0-1", NULL, NULL },
		  { FILES_OK, 200, { NULL }, 0, SIZE } },
		/* Under nginx: no body of ours, the store file named. */
		{ { "GET", "/img/a.png", NULL, NULL, "bytes=0-1", NULL,
		    "/_quire_store/" }, { FILES_OK, 200, {
		    "X-Accel-Redirect: /_quire_store/" STORED "\r\n",
		    "ETag: \"" HASH "\"" }, 0, -1 } },
		{ { "GET", "/img/a.png", "\"" HASH "\"", NULL, NULL, NULL,
		    "/_quire_store/" }, { FILES_OK, 304, { NULL }, 0, -1 } },
		/* Damaged rows. */
		{ { "GET", "/short.png", NULL, NULL, NULL, NULL, NULL },
		  { FILES_DAMAGED, 0, { NULL }, 0, -1 } },
		{ { "GET", "/lost.png", NULL, NULL, NULL, NULL, NULL },
		  { FILES_DAMAGED, 0, { NULL }, 0, -1 } },
		{ { "GET", "/lost.png", NULL, NULL, NULL, NULL,
		    "/_quire_store/" }, { FILES_DAMAGED, 0, { NULL }, 0, -1 } },
		{ { "GET", "/bad.png", NULL, NULL, NULL, NULL, NULL },
		  { FILES_DAMAGED, 0, { NULL }, 0, -1 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(&cases[i].a, &cases[i].w);
}

/* A path ending in '/' that no page answers: the folder's stored
 * index.html, with its validators, as a static server serves it;
 * nothing for a folder without one or a path without the slash. */
static void
test_index(void **state)
{
	static const struct {
		struct ask a;
		struct want w;
	} cases[] = {
		{ { "GET", "/guide/", NULL, NULL, NULL, NULL, NULL },
		  { FILES_OK, 200, { "ETag: \"" HASH "\"\r\n" }, 0, SIZE } },
		{ { "GET", "/guide/", "\"" HASH "\"", NULL, NULL, NULL, NULL },
		  { FILES_OK, 304, { NULL }, 0, -1 } },
		{ { "HEAD", "/guide/", NULL, NULL, NULL, NULL, "/_quire_store/" },
		  { FILES_OK, 200, { "X-Accel-Redirect: /_quire_store/" STORED
		    "\r\n" }, 0, -1 } },
		{ { "GET", "/guide", NULL, NULL, NULL, NULL, NULL },
		  { FILES_NONE, 0, { NULL }, 0, -1 } },
		{ { "GET", "/img/", NULL, NULL, NULL, NULL, NULL },
		  { FILES_NONE, 0, { NULL }, 0, -1 } },
		{ { "GET", "/", NULL, NULL, NULL, NULL, NULL },
		  { FILES_NONE, 0, { NULL }, 0, -1 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_with(files_answer_index, &cases[i].a, &cases[i].w);
}

/* Cache-Control by kind: what the pages depend on follows them. */
static void
test_cache_kind(void **state)
{
	(void)state;
	assert_string_equal(files_cache_control("text/css", 0),
	    RESP_CACHE_FILE_TEXT);
	assert_string_equal(files_cache_control("application/javascript", 0),
	    RESP_CACHE_FILE_TEXT);
	assert_string_equal(files_cache_control("image/png", 0),
	    RESP_CACHE_FILE_MEDIA);
	assert_string_equal(files_cache_control("image/svg+xml", 0),
	    RESP_CACHE_FILE_MEDIA);
	assert_string_equal(files_cache_control("video/mp4", 0),
	    RESP_CACHE_FILE_MEDIA);
	/* A resized copy quire made is immutable, whatever its type. */
	assert_string_equal(files_cache_control("image/webp", 1),
	    "public, max-age=31536000, immutable");
	assert_string_equal(files_cache_control("image/png", 1),
	    RESP_CACHE_FILE_IMMUTABLE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_cache_kind),
	};

	return cmocka_run_group_tests_name("files", tests, setup, teardown);
}
