/* test-route.c - every row of the route table (src/route.c), answered
 * against a small site imported into a temporary database: the fixed
 * routes, the paged rows and their "/page/1/" redirects, stored pages by
 * layout, aliases, the trailing-slash redirects (also route_page_slash()'s
 * for a page whose name holds a dot), and what answers 404. */
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

#include "db.h"
#include "import.h"
#include "route.h"

static char dir[] = "/tmp/quire-test-route.XXXXXX";
static char db_path[sizeof(dir) + 16];
static struct db *db;

static void
write_file(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The site: two posts a page, three posts with tags and a category, an
 * alias, a standalone page, and pages with the archives and search
 * layouts away from /archives/ and /search/. */
static int
setup(void **state)
{
	char content[sizeof(dir) + 16], posts[sizeof(dir) + 32];
	char *paths[1];
	struct import_opts o;
	struct buf err = BUF_INIT;
	FILE *log;
	int rc;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(content, sizeof(content), "%s/content", dir);
	snprintf(posts, sizeof(posts), "%s/content/posts", dir);
	snprintf(db_path, sizeof(db_path), "%s/site.db", dir);
	if (mkdir(content, 0755) != 0 || mkdir(posts, 0755) != 0)
		return -1;
	write_file("hugo.yaml", "baseURL: http://example.org/\n"
	    "title: Routes\npaginate: 2\n");
	write_file("content/posts/one.md", "---\ntitle: One\n"
	    "date: 2026-01-01\ntags: [go]\ncategories: [notes]\n"
	    "aliases: [/old/one/, /tags/retired/]\n---\nFirst.\n");
	write_file("content/posts/two.md", "---\ntitle: Two\n"
	    "date: 2026-01-02\ntags: [go]\n---\nSecond.\n");
	write_file("content/posts/three.md", "---\ntitle: Three\n"
	    "date: 2026-01-03\ntags: [go, c]\n---\nThird.\n");
	write_file("content/about.md", "---\ntitle: About me\n---\nHi.\n");
	write_file("content/release-1.2.md", "---\ntitle: Release\n---\n");
	write_file("content/every-post.md", "---\ntitle: Every post\n"
	    "layout: archives\n---\n");
	write_file("content/find.md", "---\ntitle: Find things\n"
	    "layout: search\n---\n");
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
	db = db_open(db_path, &err);
	buf_free(&err);
	return db != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	static const char *const suffix[] = { "/site.db", "/site.db.lock",
	    "/site.db.spare", "/site.db.changes",
	    "/hugo.yaml", "/content/posts/one.md", "/content/posts/two.md",
	    "/content/posts/three.md", "/content/about.md",
	    "/content/release-1.2.md",
	    "/content/every-post.md", "/content/find.md", "/content/posts",
	    "/content" };
	char path[512];
	size_t i;

	(void)state;
	db_close(db);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", dir, suffix[i]);
		remove(path);
	}
	rmdir(dir);
	return 0;
}

/* What a request should get: a status (404 for PAGE_NOT_FOUND), and
 * either the Location of a redirect or a piece of the body. */
struct want {
	const char *uri;
	int status;
	const char *location;	/* a 301's target */
	const char *body;	/* a substring of a 200's body */
	int stable;		/* the 301 depends on the request alone */
};

static void
expect(const struct want *w)
{
	struct resp resp;
	struct req req;
	struct ctx ctx;
	enum req_verdict v;
	enum page_rc rc;
	int status;

	memset(&resp, 0, sizeof(resp));
	memset(&ctx, 0, sizeof(ctx));
	resp_reset(&resp);
	ctx.resp = &resp;
	ctx.req = &req;
	ctx.db = db;
	ctx.site = db_site(db);
	ctx.now = (long long)time(NULL);
	v = req_parse(&req, "GET", w->uri, ctx.site->base_path);
	if (v != REQ_OK && v != REQ_ADD_SLASH) {
		status = 404;
	} else {
		rc = route_dispatch(&ctx, v);
		/* As the worker does once no stored file has the path. */
		if (rc == PAGE_NOT_FOUND && v == REQ_OK)
			rc = route_page_slash(&ctx);
		status = rc == PAGE_NOT_FOUND ? 404 : rc == PAGE_OK ?
		    resp.status : 500;
	}
	if (status != w->status)
		print_error("%s: status %d, wanted %d\n", w->uri, status,
		    w->status);
	assert_int_equal(status, w->status);
	if (w->location != NULL) {
		char line[512];

		snprintf(line, sizeof(line), "Location: %s\r\n", w->location);
		if (strstr(buf_cstr(&resp.headers), line) == NULL)
			print_error("%s: headers %s\n", w->uri,
			    buf_cstr(&resp.headers));
		assert_non_null(strstr(buf_cstr(&resp.headers), line));
		assert_int_equal(resp.stable, w->stable);
	}
	if (w->body != NULL) {
		if (strstr(buf_cstr(&resp.body), w->body) == NULL)
			print_error("%s: no \"%s\" in the page\n", w->uri,
			    w->body);
		assert_non_null(strstr(buf_cstr(&resp.body), w->body));
	}
	/* Only pages the router answered name a canonical route. */
	if (status == 200)
		assert_string_equal(ctx.canonical, req.decoded);
	db_end_request(db);
	req_free(&req);
	resp_free(&resp);
}

static void
test_routes(void **state)
{
	static const struct want table[] = {
		/* the listings and their paged rows */
		{ "/", 200, NULL, "<title>Routes</title>", 0 },
		{ "/page/2/", 200, NULL, "aria-label=\"post link to One\"", 0 },
		{ "/page/3/", 404, NULL, NULL, 0 },
		{ "/page/1/", 301, "/", NULL, 0 },
		{ "/page/0/", 404, NULL, NULL, 0 },
		{ "/page/01/", 404, NULL, NULL, 0 },
		{ "/posts/", 200, NULL, "<title>Posts | Routes</title>", 0 },
		{ "/posts/page/2/", 200, NULL, "post link to One", 0 },
		{ "/posts/page/1/", 301, "/posts/", NULL, 0 },
		/* taxonomies */
		{ "/tags/", 200, NULL, "<title>Tags | Routes</title>", 0 },
		{ "/tags/go/", 200, NULL, "<title>go | Routes</title>", 0 },
		{ "/tags/go/page/2/", 200, NULL, "post link to One", 0 },
		{ "/tags/go/page/1/", 301, "/tags/go/", NULL, 0 },
		{ "/tags/rust/", 404, NULL, NULL, 0 },
		{ "/categories/", 200, NULL, "notes", 0 },
		{ "/categories/notes/", 200, NULL, "post link to One", 0 },
		{ "/categories/notes/page/1/", 301, "/categories/notes/", NULL,
		    0 },
		/* feeds and files */
		{ "/index.xml", 200, NULL, "<rss version=\"2.0\"", 0 },
		{ "/posts/index.xml", 200, NULL, "Posts on Routes", 0 },
		{ "/tags/go/index.xml", 200, NULL, "go on Routes", 0 },
		{ "/categories/notes/index.xml", 200, NULL, "notes on Routes",
		    0 },
		{ "/atom.xml", 200, NULL,
		    "<feed xmlns=\"http://www.w3.org/2005/Atom\"", 0 },
		{ "/feed.json", 200, NULL,
		    "\"version\": \"https://jsonfeed.org/version/1.1\"", 0 },
		{ "/posts/atom.xml", 200, NULL, "<title>Posts on Routes</title>",
		    0 },
		{ "/posts/feed.json", 200, NULL,
		    "\"title\": \"Posts on Routes\"", 0 },
		{ "/tags/go/atom.xml", 200, NULL, "href=\"http://example.org/"
		    "tags/go/atom.xml\"", 0 },
		{ "/tags/go/feed.json", 200, NULL, "\"feed_url\": \"http://"
		    "example.org/tags/go/feed.json\"", 0 },
		{ "/categories/notes/atom.xml", 200, NULL,
		    "<title>notes on Routes</title>", 0 },
		{ "/categories/notes/feed.json", 200, NULL,
		    "\"title\": \"notes on Routes\"", 0 },
		{ "/tags/rust/atom.xml", 404, NULL, NULL, 0 },
		{ "/tags/rust/feed.json", 404, NULL, NULL, 0 },
		{ "/posts/one/atom.xml", 404, NULL, NULL, 0 },
		{ "/index.json", 404, NULL, NULL, 0 },
		{ "/sitemap.xml", 200, NULL, "<urlset", 0 },
		{ "/robots.txt", 200, NULL, "Sitemap:", 0 },
		/* quire's own pages, and the stored pages that show them */
		{ "/archives/", 200, NULL, "<title>Archive | Routes</title>", 0 },
		{ "/search/", 200, NULL, "<title>Search | Routes</title>", 0 },
		{ "/every-post/", 200, NULL,
		    "<title>Every post | Routes</title>", 0 },
		{ "/every-post/", 200, NULL, "archive-year", 0 },
		{ "/find/", 200, NULL, "<title>Find things | Routes</title>", 0 },
		{ "/find/", 200, NULL, "search-form", 0 },
		/* stored pages, aliases, the slash redirect, nothing */
		{ "/posts/two/", 200, NULL, "<h1 class=\"post-title", 0 },
		{ "/about/", 200, NULL, "About me", 0 },
		{ "/old/one/", 301, "/posts/one/", NULL, 0 },
		{ "/tags/retired/", 301, "/posts/one/", NULL, 0 },
		{ "/posts/two", 301, "/posts/two/", NULL, 1 },
		{ "/posts", 301, "/posts/", NULL, 1 },
		{ "/release-1.2/", 200, NULL, "<title>Release | Routes</title>",
		    0 },
		{ "/release-1.2", 301, "/release-1.2/", NULL, 0 },
		{ "/release-1.3", 404, NULL, NULL, 0 },
		{ "/posts/two/x.png", 404, NULL, NULL, 0 },
		{ "/nothing/here/", 404, NULL, NULL, 0 },
		{ "/tags/go/extra/", 404, NULL, NULL, 0 },
		{ "/posts/page/x/", 404, NULL, NULL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		expect(&table[i]);
}

/* Two cursors on one list at once, interleaved, each read in full: the
 * second gets a statement of its own. */
static void
test_two_lists(void **state)
{
	struct db_cursor a, b, t;
	struct db_page pa, pb;
	struct db_term term;
	long long now = (long long)time(NULL);
	enum db_rc ra, rb, rt;
	int n = 0, terms = 0;

	(void)state;
	ra = db_list(db, &a, now, -1, 0, &pa);
	rb = db_list(db, &b, now, -1, 0, &pb);
	rt = db_terms(db, &t, now, "tags", &term);
	while (ra == DB_ROW && rb == DB_ROW) {
		assert_string_equal(pa.url, pb.url);
		n++;
		ra = db_list_next(&a, &pa);
		if (rt == DB_ROW) {
			terms++;
			rt = db_terms_next(&t, &term);
		}
		rb = db_list_next(&b, &pb);
	}
	assert_int_equal(ra, DB_DONE);
	assert_int_equal(rb, DB_DONE);
	assert_int_equal(rt, DB_DONE);
	assert_int_equal(n, 3);		/* one, two, three */
	assert_int_equal(terms, 2);	/* c, go */
	db_cursor_end(&a);
	db_cursor_end(&b);
	db_cursor_end(&t);
	/* Ended early, a cursor gives its statement back. */
	assert_int_equal(db_list(db, &a, now, -1, 0, &pa), DB_ROW);
	db_cursor_end(&a);
	assert_int_equal(db_list(db, &b, now, 1, 0, &pb), DB_ROW);
	assert_int_equal(b.own, 0);
	db_cursor_end(&b);
	db_end_request(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_two_lists),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
