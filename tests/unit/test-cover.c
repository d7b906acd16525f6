/* test-cover.c - PaperMod's cover rules (cover.h, responsive.h): the
 * front matter read, .Param and Hugo's default (a false is kept),
 * GetMatch's glob, absURL and path.Join as Hugo 0.111 writes them (the
 * cases of tests/golden/hugo-covers.tsv and more), markdownify and
 * plainify, the figure's branches, and the copies' routes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cover.h"
#include "url.h"
#include "markdown.h"
#include "responsive.h"
#include "site.h"

static void
make_site(struct site *s, const char *base, const char *params)
{
	struct buf err = BUF_INIT;

	site_init(s);
	assert_int_equal(site_set_base_url(s, base, &err), 0);
	if (params != NULL)
		site_set(s, "siteParams", params);
	buf_free(&err);
}

static void
test_read(void **state)
{
	static const char yaml[] = "---\ntitle: A\ncover:\n  image: c.png\n"
	    "  Alt: The alt\n  hiddenInList: false\n  hidden: true\n"
	    "  responsiveImages: nope\n---\nBody\n";
	static const char toml[] = "+++\ntitle = 'A'\n[cover]\nimage = "
	    "'x.jpg'\nrelative = true\n+++\n";
	static const char none[] = "---\ntitle: A\ncover:\n  alt: no image\n"
	    "---\n";
	struct cover_fm c;

	(void)state;
	assert_int_equal(cover_read(yaml, sizeof(yaml) - 1, &c), 1);
	assert_string_equal(c.image, "c.png");
	assert_string_equal(c.alt, "The alt");	/* keys without case */
	assert_null(c.caption);
	assert_int_equal(c.hidden_in_list, 0);
	assert_int_equal(c.hidden, 1);
	assert_int_equal(c.hidden_in_single, -1);
	assert_int_equal(c.responsive, -1);	/* no boolean: not given */
	cover_fm_free(&c);
	assert_int_equal(cover_read(toml, sizeof(toml) - 1, &c), 1);
	assert_string_equal(c.image, "x.jpg");
	assert_int_equal(c.relative, 1);
	cover_fm_free(&c);
	assert_int_equal(cover_read(none, sizeof(none) - 1, &c), 0);
	assert_null(c.image);
}

static void
test_settle(void **state)
{
	struct cover_fm fm = { "c.png", NULL, NULL, -1, -1, -1, -1, -1 };
	struct cover_view v;
	struct site s;

	(void)state;
	make_site(&s, "https://example.org/", NULL);
	cover_settle(&fm, "/posts/a/", &s, &v);
	assert_int_equal(v.hidden_in_list, 0);
	assert_int_equal(v.hidden_in_single, 0);
	assert_int_equal(v.responsive, 1);	/* | default true */
	assert_int_equal(v.link_full, 0);
	/* hidden stands for both where the In* key is not given... */
	fm.hidden = 1;
	cover_settle(&fm, "/posts/a/", &s, &v);
	assert_int_equal(v.hidden_in_list, 1);
	assert_int_equal(v.hidden_in_single, 1);
	/* ...but a false hiddenInList is kept by Hugo's default. */
	fm.hidden_in_list = 0;
	cover_settle(&fm, "/posts/a/", &s, &v);
	assert_int_equal(v.hidden_in_list, 0);
	assert_int_equal(v.hidden_in_single, 1);
	site_free(&s);

	/* The site's params stand in for what the page does not give; the
	 * page's own win. */
	make_site(&s, "https://example.org/", "cover.hiddeninlist\x1f" "false"
	    "\x1e" "cover.hidden\x1f" "true\x1e" "cover.responsiveimages\x1f"
	    "false\x1e" "cover.linkfullimages\x1f" "true\x1e");
	fm.hidden = -1;
	fm.hidden_in_list = -1;
	cover_settle(&fm, "/posts/a/", &s, &v);
	assert_int_equal(v.hidden_in_list, 0);
	assert_int_equal(v.hidden_in_single, 1);
	assert_int_equal(v.responsive, 0);
	assert_int_equal(v.link_full, 1);
	fm.responsive = 1;
	fm.hidden = 0;
	cover_settle(&fm, "/posts/a/", &s, &v);
	assert_int_equal(v.responsive, 1);
	assert_int_equal(v.hidden_in_single, 0);
	site_free(&s);
}

static void
test_glob(void **state)
{
	(void)state;
	assert_true(cover_glob("cover.jpg", "cover.jpg"));
	assert_true(cover_glob("tiny", "tiny.gif"));		/* *tiny* */
	assert_true(cover_glob("COVER", "my-cover.png"));	/* no case */
	assert_true(cover_glob("images/shot.png", "images/shot.png"));
	/* '*' stops at '/': a name alone does not reach into a folder. */
	assert_false(cover_glob("shot.png", "images/shot.png"));
	assert_false(cover_glob("missing.jpg", "cover.jpg"));
	assert_true(cover_glob("c?ver", "cover.jpg"));
}

static void
test_urls(void **state)
{
	struct site s;
	struct buf b = BUF_INIT;

	(void)state;
	make_site(&s, "https://example.org/blog/", NULL);
	cover_abs_url(&b, &s, "cover.jpg");
	assert_string_equal(buf_cstr(&b), "https://example.org/blog/cover.jpg");
	buf_reset(&b);
	/* From the root: the host of baseURL, not its path (Hugo's). */
	cover_abs_url(&b, &s, "/img/static.png");
	assert_string_equal(buf_cstr(&b), "https://example.org/img/static.png");
	buf_reset(&b);
	cover_abs_url(&b, &s, "https://cdn.example.com/p.jpg");
	assert_string_equal(buf_cstr(&b), "https://cdn.example.com/p.jpg");
	buf_reset(&b);
	cover_abs_url(&b, &s, "//cdn.example.com/p.jpg");
	assert_string_equal(buf_cstr(&b), "//cdn.example.com/p.jpg");
	buf_reset(&b);
	cover_abs_url(&b, &s, "javascript:alert(1)");
	assert_string_equal(buf_cstr(&b), "#ZgotmplZ");
	buf_reset(&b);
	/* As Hugo 0.111.3 writes a cover's src: mailto passes, ftp not. */
	cover_abs_url(&b, &s, "MailTo:a@b.c");
	assert_string_equal(buf_cstr(&b), "MailTo:a@b.c");
	buf_reset(&b);
	cover_abs_url(&b, &s, "ftp://a.b/c.jpg");
	assert_string_equal(buf_cstr(&b), "#ZgotmplZ");
	buf_reset(&b);
	/* absURL itself keeps any scheme: an OpenGraph <meta> content is
	 * no URL to html/template (Hugo writes javascript:x there). */
	url_abs(&b, s.base_url, "javascript:x");
	assert_string_equal(buf_cstr(&b), "javascript:x");
	buf_reset(&b);
	url_abs(&b, s.base_url, "mailto:a@b.c");
	assert_string_equal(buf_cstr(&b), "mailto:a@b.c");
	buf_reset(&b);
	url_abs(&b, s.base_url, "");
	assert_string_equal(buf_cstr(&b), "https://example.org/blog/");
	buf_reset(&b);
	url_abs(&b, s.base_url, "/x.png");
	assert_string_equal(buf_cstr(&b), "https://example.org/x.png");
	buf_reset(&b);
	cover_path_join(&b, "/posts/a/", "images/x.png");
	assert_string_equal(buf_cstr(&b), "/posts/a/images/x.png");
	buf_reset(&b);
	cover_path_join(&b, "/posts/a/", "./x/../y.png");
	assert_string_equal(buf_cstr(&b), "/posts/a/y.png");
	buf_reset(&b);
	cover_path_join(&b, "/posts/a/", "/abs.png");
	assert_string_equal(buf_cstr(&b), "/posts/a/abs.png");
	buf_reset(&b);
	cover_og_image(&b, &s, &(struct cover_view){ .fm = &(struct cover_fm){
	    .image = "c.png", .relative = 1 }, .page_url = "/posts/a/" });
	assert_string_equal(buf_cstr(&b),
	    "https://example.org/blog/posts/a/c.png");
	buf_reset(&b);
	cover_og_image(&b, &s, &(struct cover_view){ .fm = &(struct cover_fm){
	    .image = "c.png", .relative = -1 }, .page_url = "/posts/a/" });
	assert_string_equal(buf_cstr(&b), "https://example.org/blog/c.png");
	buf_free(&b);
	site_free(&s);
}

static void
test_text(void **state)
{
	struct site s;
	struct buf b = BUF_INIT;

	(void)state;
	make_site(&s, "https://example.org/", NULL);
	assert_int_equal(cover_markdownify(&b, &s, "The *caption*"), 0);
	assert_string_equal(buf_cstr(&b), "The <em>caption</em>");
	buf_reset(&b);
	assert_int_equal(cover_markdownify(&b, &s, "One\n\nTwo"), 0);
	assert_string_equal(buf_cstr(&b), "<p>One</p>\n<p>Two</p>");
	buf_reset(&b);
	cover_plainify(&b, "Remote \"q\" <alt>\nnext");
	assert_string_equal(buf_cstr(&b), "Remote \"q\"  next");
	buf_free(&b);
	site_free(&s);
}

static void
test_figure(void **state)
{
	struct cover_fm fm = { "https://x.example/p.jpg", "A <b>\"q\"</b>",
	    "Cap", -1, -1, -1, -1, -1 };
	struct cover_img img;
	struct cover_view v;
	struct site s;
	struct buf b = BUF_INIT;

	(void)state;
	make_site(&s, "https://example.org/", "cover.linkfullimages\x1f"
	    "true\x1e");
	cover_settle(&fm, "/posts/a/", &s, &v);
	cover_figure(&b, &s, &v, NULL, NULL, 0);
	assert_string_equal(buf_cstr(&b), "<figure class=\"entry-cover\">"
	    "<img loading=\"lazy\" src=\"https://x.example/p.jpg\" "
	    "alt=\"A &quot;q&quot;\">\n</figure>\n");
	buf_reset(&b);
	cover_figure(&b, &s, &v, NULL, "<em>Cap</em>", 1);
	assert_non_null(strstr(buf_cstr(&b), "<a href=\"https://x.example/"
	    "p.jpg\" target=\"_blank\""));
	assert_non_null(strstr(buf_cstr(&b), "loading=\"eager\""));
	assert_non_null(strstr(buf_cstr(&b), "<p><em>Cap</em></p>\n</figure>"));
	buf_reset(&b);
	fm.hidden_in_list = 1;
	cover_settle(&fm, "/posts/a/", &s, &v);
	cover_figure(&b, &s, &v, NULL, NULL, 0);
	assert_int_equal(b.len, 0);

	/* A bundle image with copies: srcset, sizes, width and height, and
	 * a <picture> with the WebP copies. */
	memset(&img, 0, sizeof(img));
	fm.image = "c.jpg";
	fm.hidden_in_list = -1;
	cover_settle(&fm, "/posts/a/", &s, &v);
	img.url = "/posts/a/c.jpg";
	img.processable = 1;
	img.width = 500;
	img.height = 250;
	img.n = 2;
	img.widths[0] = 360;
	img.widths[1] = 480;
	img.own[0] = strdup("/posts/a/c_q1_360w.jpg");
	img.own[1] = strdup("/posts/a/c_q1_480w.jpg");
	img.webps[0] = strdup("/posts/a/c_q1_360w.webp");
	img.webps[1] = strdup("/posts/a/c_q1_480w.webp");
	cover_figure(&b, &s, &v, &img, NULL, 0);
	assert_non_null(strstr(buf_cstr(&b), "<picture><source type=\"image/"
	    "webp\" srcset=\"https://example.org/posts/a/c_q1_360w.webp 360w "
	    ",https://example.org/posts/a/c_q1_480w.webp 480w\" sizes=\"(min-"
	    "width: 768px) 720px, 100vw\"><img loading=\"lazy\" srcset=\""
	    "https://example.org/posts/a/c_q1_360w.jpg 360w ,https://example."
	    "org/posts/a/c_q1_480w.jpg 480w ,https://example.org/posts/a/c.jpg "
	    "500w\""));
	assert_non_null(strstr(buf_cstr(&b), "width=\"500\" height=\"250\">"
	    "</picture>\n</figure>"));
	/* responsiveImages false: the plain <img> of the joined path. */
	buf_reset(&b);
	fm.responsive = 0;
	cover_settle(&fm, "/posts/a/", &s, &v);
	cover_figure(&b, &s, &v, &img, NULL, 0);
	assert_string_equal(buf_cstr(&b), "<figure class=\"entry-cover\">\n"
	    "        <img loading=\"lazy\" src=\"https://example.org/posts/a/"
	    "c.jpg\" alt=\"A &quot;q&quot;\">\n</figure>\n");
	cover_img_free(&img);
	buf_free(&b);
	site_free(&s);
}

static void
test_routes(void **state)
{
	static const char hash[] = "9ce519c6b3aa0000000000000000000000000000"
	    "000000000000000000000000";
	struct buf b = BUF_INIT;

	(void)state;
	responsive_route(&b, "/posts/a/cover.jpg", hash, 360, "jpg");
	assert_string_equal(buf_cstr(&b), "/posts/a/cover_q9ce519c6b3_360w.jpg");
	buf_reset(&b);
	responsive_route(&b, "/posts/a.b/images/x.png", hash, 1500, "webp");
	assert_string_equal(buf_cstr(&b),
	    "/posts/a.b/images/x_q9ce519c6b3_1500w.webp");
	buf_reset(&b);
	responsive_route(&b, "/img/noext", hash, 480, "png");
	assert_string_equal(buf_cstr(&b), "/img/noext_q9ce519c6b3_480w.png");
	buf_free(&b);
}

/* The body's images: numbered in document order, the ones that may
 * name a site file listed with alt and title; a stored fragment
 * replaces its image, an empty one leaves it to cmark. */
static void
test_body_images(void **state)
{
	static const char md[] = "![One *a*](images/a.png \"T\") and "
	    "![Two](https://x.example/b.png)\n\n![Three](/img/c.png)\n\n"
	    "[![Four](d.png)](https://x.example/)\n";
	struct dbw_image_refs refs = { NULL, 0, 0 };
	struct md_fragment frags[4] = {
		{ "<img src=\"images/a.png\" width=\"1\" />", 36 },
		{ "", 0 }, { "", 0 }, { "<b>four</b>", 11 },
	};
	struct md_hooks hooks;
	struct md_result res;

	(void)state;
	memset(&hooks, 0, sizeof(hooks));
	hooks.image = responsive_collect;
	hooks.image_arg = &refs;
	assert_int_equal(md_render(md, sizeof(md) - 1, 0, &hooks, &res), 0);
	assert_int_equal(refs.n, 3);	/* not the absolute URL */
	assert_int_equal(refs.r[0].ordinal, 0);
	assert_string_equal(refs.r[0].url, "images/a.png");
	assert_string_equal(refs.r[0].title, "T");
	assert_string_equal(refs.r[0].alt, "One a");
	assert_int_equal(refs.r[1].ordinal, 2);
	assert_string_equal(refs.r[1].url, "/img/c.png");
	assert_int_equal(refs.r[2].ordinal, 3);
	assert_string_equal(refs.r[2].url, "d.png");
	md_result_free(&res);
	responsive_refs_free(&refs);

	memset(&hooks, 0, sizeof(hooks));
	hooks.images = frags;
	hooks.nimages = 4;
	assert_int_equal(md_render(md, sizeof(md) - 1, 0, &hooks, &res), 0);
	assert_non_null(strstr(res.html.data, "<p><img src=\"images/a.png\" "
	    "width=\"1\" /> and <img src=\"https://x.example/b.png\""));
	assert_non_null(strstr(res.html.data, "<img src=\"/img/c.png\" "
	    "alt=\"Three\" />"));
	assert_non_null(strstr(res.html.data, "<a href=\"https://x.example/\">"
	    "<b>four</b></a>"));
	md_result_free(&res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_settle),
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_figure),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_body_images),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
