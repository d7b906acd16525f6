/* test-escape.c - the escaping writers of html.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <string.h>
#include <wctype.h>

#include "html.h"
#include "unicode.h"

typedef void (*writer)(struct buf *, const char *);

static void
check(writer w, const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	w(&b, in);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_text(void **state)
{
	(void)state;
	check(html_text, "plain", "plain");
	check(html_text, "<script>alert(1)</script>",
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	check(html_text, "a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;");
	check(html_text, "caf\xC3\xA9", "caf\xC3\xA9");
	/* Control bytes are dropped; tab and newline kept. */
	check(html_text, "a\x01" "b\x7f" "c\td\n", "abc\td\n");
	/* U+FFFE and U+FFFF, valid UTF-8 but no XML character (the feeds),
	 * become U+FFFD; other characters starting EF stay. */
	check(html_text, "a\xEF\xBF\xBE" "b\xEF\xBC\x88" "c\xEF\xBF\xBF",
	    "a\xEF\xBF\xBD" "b\xEF\xBC\x88" "c\xEF\xBF\xBD");
	check(html_text, "", "");
}

/* The byte-at-a-time definition html_textn() must agree with, whatever
 * its fast path does with runs of sixteen bytes. */
static void
text_reference(struct buf *b, const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		/* U+FFFE and U+FFFF: U+FFFD, as XML has no place for them */
		if (s[i] == 0xef && n - i >= 3 && s[i + 1] == 0xbf &&
		    (s[i + 2] == 0xbe || s[i + 2] == 0xbf)) {
			buf_puts(b, "\xef\xbf\xbd");
			i += 2;
			continue;
		}
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:
			if ((s[i] >= 0x20 && s[i] != 0x7f) || s[i] == '\t' ||
			    s[i] == '\n')
				buf_putc(b, (char)s[i]);
		}
	}
}

static void
test_text_every_byte(void **state)
{
	static const unsigned char pool[] = "abc \xC3\xA9\xE2\x80\x99&<>\"'"
	    "\t\n\r\x01\x1f\x7f\x80\xff\xef\xbf\xbe\xbc";
	unsigned char in[80];
	unsigned seed = 12345;
	int round, c;
	size_t i, n;

	(void)state;
	/* Each byte alone, at every position of a 40-byte run. */
	for (c = 0; c < 256; c++) {
		for (i = 0; i < 40; i++) {
			struct buf got = BUF_INIT, want = BUF_INIT;

			memset(in, 'x', 40);
			in[i] = (unsigned char)c;
			html_textn(&got, (const char *)in, 40);
			text_reference(&want, in, 40);
			assert_int_equal(got.len, want.len);
			assert_memory_equal(got.data, want.data, got.len);
			buf_free(&got);
			buf_free(&want);
		}
	}
	/* Random mixes of every length up to 80. */
	for (round = 0; round < 4000; round++) {
		struct buf got = BUF_INIT, want = BUF_INIT;

		n = (size_t)round % sizeof(in);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (seed >> 16) % 8 == 0 ?
			    pool[(seed >> 8) % (sizeof(pool) - 1)] : 'a';
		}
		html_textn(&got, (const char *)in, n);
		text_reference(&want, in, n);
		assert_int_equal(got.len, want.len);
		if (got.len > 0)
			assert_memory_equal(got.data, want.data, got.len);
		buf_free(&got);
		buf_free(&want);
	}
}

static void
test_attr(void **state)
{
	(void)state;
	check(html_attr, "\" onmouseover=\"alert(1)",
	    "&quot; onmouseover=&quot;alert(1)");
	check(html_attr, "x' onerror='y", "x&#39; onerror=&#39;y");
	check(html_attr, "<img src=x onerror=alert(1)>",
	    "&lt;img src=x onerror=alert(1)&gt;");
}

/* An attribute value is escaped as text is (a listing writes each title
 * as both), for every byte and at lengths on both sides of the sixteen-
 * and thirty-two-byte runs the fast path reads. */
static void
test_attr_as_text(void **state)
{
	char in[72];
	int c;
	size_t n;

	(void)state;
	for (c = 1; c < 256; c++) {
		for (n = 1; n < sizeof(in); n += 7) {
			struct buf got = BUF_INIT, want = BUF_INIT;

			memset(in, 'a', n);
			in[n - 1] = (char)c;
			in[n / 2] = (char)c;
			in[n] = '\0';
			html_attr(&got, in);
			text_reference(&want, (const unsigned char *)in, n);
			assert_int_equal(got.len, want.len);
			assert_memory_equal(got.data, want.data, got.len);
			buf_free(&got);
			buf_free(&want);
		}
	}
}

static void
test_url_path(void **state)
{
	(void)state;
	check(html_url_path, "/posts/hello-world/", "/posts/hello-world/");
	check(html_url_path, "/tags/caf\xC3\xA9-cr\xC3\xA8me/",
	    "/tags/caf%C3%A9-cr%C3%A8me/");
	check(html_url_path, "/tags/c#/", "/tags/c%23/");
	check(html_url_path, "/tags/c++/", "/tags/c++/");
	check(html_url_path, "/a b?c\"d<e>'f&g",
	    "/a%20b%3Fc%22d%3Ce%3E%27f%26g");
	/* javascript: stays a path segment, never a scheme: callers pass
	 * paths that start with '/'. */
	check(html_url_path, "/javascript:alert(1)", "/javascript:alert(1)");
}

static void
test_json(void **state)
{
	(void)state;
	check(html_json_string, "plain", "\"plain\"");
	check(html_json_string, "a \"q\" \\ b", "\"a \\\"q\\\" \\\\ b\"");
	/* Nothing can close the <script type="application/ld+json"> block. */
	check(html_json_string, "</script><script>alert(1)</script>",
	    "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
	    "\\u003c/script\\u003e\"");
	check(html_json_string, "a&b\n\x01", "\"a\\u0026b\\n\\u0001\"");
	check(html_json_string, "\xE2\x80\xA8", "\"\\u2028\"");
	check(html_json_string, "caf\xC3\xA9", "\"caf\xC3\xA9\"");
	/* Other U+20xx characters pass; U+2029 and DEL do not. */
	check(html_json_string, "a\xE2\x80\x99" "b\xE2\x80\xA9" "c\x7f\td",
	    "\"a\xE2\x80\x99" "b\\u2029c\\u007f\\td\"");
	/* Bytes that do not start valid UTF-8 (a stray continuation, a cut
	 * sequence, an overlong '/', a surrogate) become U+FFFD. */
	check(html_json_string, "a\x80" "b\xE2\x80" "c\xC0\xAF" "d\xED\xA0\x80",
	    "\"a\\ufffdb\\ufffd\\ufffdc\\ufffd\\ufffdd\\ufffd\\ufffd\\ufffd\"");
}

/* A JSON document's strings (JSON Feed): markup stays as it is, only
 * JSON's escapes, the JavaScript line ends and invalid UTF-8 change. */
static void
test_json_value(void **state)
{
	(void)state;
	check(html_json_value, "<p>a &amp; b</p>", "\"<p>a &amp; b</p>\"");
	check(html_json_value, "a \"q\" \\ b\n\r\x01\x1f\x7f\t",
	    "\"a \\\"q\\\" \\\\ b\\n\\u000d\\u0001\\u001f\\u007f\\t\"");
	check(html_json_value, "x\xE2\x80\xA8y\xE2\x80\xA9z",
	    "\"x\\u2028y\\u2029z\"");
	check(html_json_value, "caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD",
	    "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD\"");
	check(html_json_value, "\xFF\xF0\x9F\x98", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	check(html_json_value, "", "\"\"");
}

static void
test_url_arg(void **state)
{
	(void)state;
	check(html_url_arg, "a b&c=d/e", "a%20b%26c%3Dd%2Fe");
	check(html_url_arg, "\xC3\xA9", "%C3%A9");
}

static void
test_url_query(void **state)
{
	(void)state;
	/* What a query may hold stays as it is. */
	check(html_url_query, "q=a+b&p=2;x=%C3%A9", "q=a+b&p=2;x=%C3%A9");
	check(html_url_query, "a=b/c?d:e@f!$'()*,~", "a=b/c?d:e@f!$'()*,~");
	/* The rest is encoded, a stray '%' too. */
	check(html_url_query, "x=\"<>\\^`{|}[]#",
	    "x=%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D%23");
	check(html_url_query, "b=%zz&c=%4&d=%", "b=%25zz&c=%254&d=%25");
	check(html_url_query, "r=\xC3\xA9", "r=%C3%A9");
}

static void
unescape_check(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	html_unescape(&b, in, strlen(in));
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_unescape(void **state)
{
	(void)state;
	unescape_check("AT&amp;T &lt;b&gt; &quot;q&quot;", "AT&T <b> \"q\"");
	unescape_check("&#39;&#x41;&#66;", "'AB");
	unescape_check("it&rsquo;s&nbsp;&hellip;", "it\xE2\x80\x99s\xC2\xA0\xE2\x80\xA6");
	unescape_check("&#x21a9;&#xfe0e;", "\xE2\x86\xA9\xEF\xB8\x8E");
	/* Unknown or unterminated references stay as written. */
	unescape_check("&bogus; & &amp &#; &#xZZ;", "&bogus; & &amp &#; &#xZZ;");
	/* NUL and surrogates become U+FFFD. */
	unescape_check("&#0;&#xD800;", "\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_true(uni_valid("caf\xC3\xA9", 5));
	assert_false(uni_valid("\xC3", 1));
	assert_false(uni_valid("\xC0\xAF", 2));	/* overlong '/' */
	assert_false(uni_valid("\xED\xA0\x80", 3));	/* surrogate */
	assert_false(uni_valid("a\0b", 3));
	assert_false(uni_valid("abcdefgh\0", 9));
}

/* uni_valid() skips ASCII 32 bytes, then a word, at a time: at every
 * offset and length it must still agree with a walk of one character at
 * a time. */
static int
valid_by_chars(const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned long cp;

	while (i < n) {
		if (s[i] == '\0')
			return 0;
		len = uni_next(s + i, n - i, &cp);
		if (cp == 0xFFFD && len == 1 && (unsigned char)s[i] >= 0x80)
			return 0;
		i += len;
	}
	return 1;
}

static void
test_utf8_words(void **state)
{
	static const char *const odd[] = { "\xC3\xA9", "\xC3", "\0",
	    "\xE2\x82\xAC", "\xED\xA0\x80", "\x80", "\xF0\x9F\x98\x80" };
	char text[80];
	size_t k, at, n;

	(void)state;
	for (k = 0; k < sizeof(odd) / sizeof(odd[0]); k++)
		for (at = 0; at < 72; at++) {
			size_t olen = k == 2 ? 1 : strlen(odd[k]);

			memset(text, 'x', sizeof(text));
			memcpy(text + at, odd[k], olen);
			for (n = 0; n <= sizeof(text); n++)
				assert_int_equal(uni_valid(text, n),
				    valid_by_chars(text, n));
		}
	assert_true(uni_is_space(0x3000));
	assert_false(uni_is_space(0x200B));	/* zero width: not space in Go */
}

/* ASCII takes a short cut past the tables: Go's classes and C's case. */
static void
test_ascii_classes(void **state)
{
	struct buf b = BUF_INIT;
	unsigned long cp;

	(void)state;
	for (cp = 0; cp < 0x80; cp++) {
		/* Go's unicode.IsPunct: ASCII punctuation less the
		 * symbols $ + < = > ^ ` | ~ (Sc, Sm, Sk). */
		enum uni_go_class want = isalpha((int)cp) ? UNI_GO_LETTER :
		    isdigit((int)cp) ? UNI_GO_DIGIT :
		    ispunct((int)cp) && strchr("$+<=>^`|~", (int)cp) == NULL ?
		    UNI_GO_PUNCT : UNI_GO_OTHER;

		assert_int_equal(uni_go_class(cp), want);
		buf_reset(&b);
		uni_put_lower(&b, cp);
		assert_int_equal(b.len, 1);
		assert_int_equal((unsigned char)b.data[0], towlower((wint_t)cp));
	}
	assert_int_equal(uni_go_class(0xE9), UNI_GO_LETTER);	/* é */
	assert_int_equal(uni_go_class(0xB2), UNI_GO_NUMBER);	/* ² */
	assert_int_equal(uni_go_class(0x2019), UNI_GO_PUNCT);	/* ’ */
	assert_int_equal(uni_go_class(0xA1), UNI_GO_PUNCT);	/* ¡ */
	assert_int_equal(uni_go_class(0xA9), UNI_GO_OTHER);	/* © (So) */
	assert_int_equal(uni_go_class(0x20AC), UNI_GO_OTHER);	/* € (Sc) */
	assert_true(uni_is_go_punct(0x3002));			/* 。 */
	assert_false(uni_is_go_punct('+'));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_every_byte),
		cmocka_unit_test(test_attr),
		cmocka_unit_test(test_attr_as_text),
		cmocka_unit_test(test_url_path),
		cmocka_unit_test(test_url_arg),
		cmocka_unit_test(test_url_query),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_value),
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_words),
		cmocka_unit_test(test_ascii_classes),
	};

	uni_init();
	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
