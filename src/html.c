/* html.c - escaping writers for HTML text, attributes and URLs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "unicode.h"

/* What each byte becomes in text and attribute values: kept as it is,
 * or replaced by len bytes of text: nothing for control characters other
 * than tab and newline (no page should carry them, and XML, the feeds,
 * cannot), else a reference; 0xEF is looked at with what follows.
 * text holds at most six bytes and is copied whole (html_textn()). */
struct text_escape {
	unsigned char replaced, len;
	char text[6];
};

#define DROP { 1, 0, "" }
static const struct text_escape text_escape[256] = {
	[0x00] = DROP, [0x01] = DROP, [0x02] = DROP, [0x03] = DROP,
	[0x04] = DROP, [0x05] = DROP, [0x06] = DROP, [0x07] = DROP,
	[0x08] = DROP, [0x0b] = DROP, [0x0c] = DROP, [0x0d] = DROP,
	[0x0e] = DROP, [0x0f] = DROP, [0x10] = DROP, [0x11] = DROP,
	[0x12] = DROP, [0x13] = DROP, [0x14] = DROP, [0x15] = DROP,
	[0x16] = DROP, [0x17] = DROP, [0x18] = DROP, [0x19] = DROP,
	[0x1a] = DROP, [0x1b] = DROP, [0x1c] = DROP, [0x1d] = DROP,
	[0x1e] = DROP, [0x1f] = DROP, [0x7f] = DROP,
	/* Checked by html_textn(): U+FFFE and U+FFFF (EF BF BE, EF BF BF)
	 * become U+FFFD, as XML 1.0 (the feeds) has no place for them;
	 * any other character starting EF is kept. */
	[0xef] = { 1, 1, "\xef" },
	['&'] = { 1, 5, "&amp;" }, ['<'] = { 1, 4, "&lt;" },
	['>'] = { 1, 4, "&gt;" }, ['"'] = { 1, 6, "&quot;" },
	['\''] = { 1, 5, "&#39;" },
};
#undef DROP

/* The longest replacement in text_escape. */
#define ESCAPE_MAX 6

/* Returns the length of the run of bytes at the start of s[0..n) that
 * html_textn() keeps as they are, one byte at a time. */
static size_t
plain_bytes(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && !text_escape[s[i]].replaced)
		i++;
	return i;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* One bit per byte of v that text_escape replaces. */
static inline unsigned
escape_mask(__m128i v)
{
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
	    gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"'),
	    apos = _mm_set1_epi8('\''), del = _mm_set1_epi8(0x7f),
	    tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'),
	    below_space = _mm_set1_epi8(0x1f), ef = _mm_set1_epi8((char)0xef);
	/* v <= 0x1f unsigned, but for tab and newline. */
	__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v);
	__m128i hit;

	ctl = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab),
	    _mm_cmpeq_epi8(v, nl)), ctl);
	hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp),
	    _mm_cmpeq_epi8(v, lt)), _mm_or_si128(_mm_cmpeq_epi8(v, gt),
	    _mm_cmpeq_epi8(v, quot)));
	hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, apos),
	    _mm_or_si128(_mm_cmpeq_epi8(v, del), ctl)));
	hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, ef));
	return (unsigned)_mm_movemask_epi8(hit);
}

/* plain_bytes(), sixteen bytes at a time (SSE2, which every x86-64 has):
 * most text has nothing to escape, and this is the hottest loop of a
 * listing. The last
 * bytes of a run of sixteen or more are read as the sixteen that end it,
 * overlapping those already seen, rather than one by one. */
static size_t
plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	unsigned mask;

	if (n < 16)
		return plain_bytes(s, n);
	for (; i + 16 <= n; i += 16) {
		mask = escape_mask(_mm_loadu_si128((const __m128i *)(s + i)));
		if (mask != 0)
			return i + (size_t)__builtin_ctz(mask);
	}
	if (i == n)
		return n;
	mask = escape_mask(_mm_loadu_si128((const __m128i *)(s + n - 16))) >>
	    (16 - (n - i));
	return mask != 0 ? i + (size_t)__builtin_ctz(mask) : n;
}
#else
#define plain_run plain_bytes
#endif

void
html_textn(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run;
	char *out;

	if (n == 0)
		return;
	/* Room for the worst case, every byte a reference: the loop then
	 * writes without a check per piece. */
	if (n > ((size_t)-1 - b->len) / ESCAPE_MAX - 1) {
		fputs("quire: buffer overflow\n", stderr);
		abort();	/* as buf_grow() */
	}
	if (b->cap - b->len <= n * ESCAPE_MAX)
		buf_grow(b, n * ESCAPE_MAX);
	out = b->data + b->len;
	while (i < n) {
		run = plain_run(u + i, n - i);
		memcpy(out, s + i, run);
		out += run;
		i += run;
		if (i < n && u[i] == 0xef) {
			if (n - i >= 3 && u[i + 1] == 0xbf &&
			    (u[i + 2] == 0xbe || u[i + 2] == 0xbf)) {
				memcpy(out, "\xef\xbf\xbd", 3);
				out += 3;
				i += 3;
			} else {
				*out++ = (char)u[i++];
			}
		} else if (i < n) {
			const struct text_escape *e = &text_escape[u[i++]];

			memcpy(out, e->text, ESCAPE_MAX);
			out += e->len;
		}
	}
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
}

void
html_text(struct buf *b, const char *s)
{
	if (s != NULL)
		html_textn(b, s, strlen(s));
}

void
html_text_marked(struct buf *b, const char *s)
{
	const char *p;
	int open = 0;

	for (p = s; *p != '\0'; p++) {
		size_t n = strcspn(p, "\x01\x02");

		html_textn(b, p, n);
		p += n;
		if (*p == '\0')
			break;
		if (*p == '\x01' && !open) {
			html(b, "<mark>");
			open = 1;
		} else if (*p == '\x02' && open) {
			html(b, "</mark>");
			open = 0;
		}
	}
	if (open)
		html(b, "</mark>");
}

void
html_attr(struct buf *b, const char *s)
{
	html_text(b, s);
}

/* Fills kept[] with RFC 3986's unreserved bytes and those of extra. */
static void
url_kept_init(unsigned char kept[256], const char *extra)
{
	int c;

	for (c = 0; c < 256; c++)
		kept[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~';
	for (; *extra != '\0'; extra++)
		kept[(unsigned char)*extra] = 1;
}

/* Percent-encodes s, keeping the bytes marked in kept[]. */
static void
url_encode(struct buf *b, const char *s, const unsigned char kept[256])
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p != '\0'; ) {
		const unsigned char *run = p;

		while (*p != '\0' && kept[*p])
			p++;
		buf_add(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		buf_putc(b, '%');
		buf_putc(b, hex[*p >> 4]);
		buf_putc(b, hex[*p & 15]);
		p++;
	}
}

void
html_url_path(struct buf *b, const char *s)
{
	static unsigned char kept[256];
	static int ready;

	if (!ready) {
		url_kept_init(kept, "/!$()*+,;=:@");
		ready = 1;
	}
	url_encode(b, s, kept);
}

void
html_url_arg(struct buf *b, const char *s)
{
	static unsigned char kept[256];
	static int ready;

	if (!ready) {
		url_kept_init(kept, "");
		ready = 1;
	}
	url_encode(b, s, kept);
}

/* Is c a hexadecimal digit (in any locale)? */
static int
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

void
html_url_query(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	static unsigned char kept[256];
	static int ready;
	const unsigned char *p;

	if (!ready) {
		url_kept_init(kept, "!$&'()*+,;=:@/?");
		ready = 1;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (kept[*p] || (*p == '%' && is_hex(p[1]) && is_hex(p[2]))) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

/* Appends s as a JSON string literal: JSON's own escapes (" \\ and
 * control bytes), U+2028 and U+2029 as \uXXXX (they end a line in
 * JavaScript), and any byte that does not start valid UTF-8 as \ufffd,
 * so the result is valid JSON whatever s holds. With script set, < > &
 * become \uXXXX too, so that "</script>" cannot end a script block. */
static void
json_escape(struct buf *b, const char *s, int script)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *run;

	buf_putc(b, '"');
	for (;;) {
		/* Copy the bytes that need nothing in one go. */
		for (run = p; *p >= 0x20 && *p < 0x7f && *p != '"' &&
		    *p != '\\' && (!script || (*p != '<' && *p != '>' &&
		    *p != '&')); p++)
			;
		buf_add(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (*p >= 0x80) {
			unsigned long cp;
			size_t n = uni_next((const char *)p, strnlen(
			    (const char *)p, 4), &cp);

			if (cp == 0x2028 || cp == 0x2029)
				buf_puts(b, cp == 0x2028 ? "\\u2028" : "\\u2029");
			else if (cp == 0xFFFD && n == 1)
				buf_puts(b, "\\ufffd");
			else
				buf_add(b, p, n);
			p += n;
			continue;
		}
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:	/* < > & (script), DEL and control bytes */
			buf_puts(b, "\\u00");
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
		p++;
	}
	buf_putc(b, '"');
}

void
html_json_string(struct buf *b, const char *s)
{
	json_escape(b, s, 1);
}

void
html_json_value(struct buf *b, const char *s)
{
	json_escape(b, s, 0);
}

void
html_int(struct buf *b, long long n)
{
	buf_putnum(b, n, 0);
}

static const struct {
	const char *name;
	unsigned long cp;
} named_refs[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xA0 }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
	{ "laquo", 0xAB }, { "raquo", 0xBB }, { "copy", 0xA9 },
	{ "reg", 0xAE }, { "trade", 0x2122 },
};

/* Decodes the reference at s[0] == '&'; returns its length, or 0. */
static size_t
decode_ref(struct buf *out, const char *s, size_t n)
{
	size_t i, j;
	unsigned long cp = 0;

	if (n >= 3 && s[1] == '#') {
		int hexa = (s[2] == 'x' || s[2] == 'X');

		for (i = hexa ? 3 : 2; i < n && i < 12; i++) {
			char c = s[i];
			int d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hexa && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hexa && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			cp = cp * (hexa ? 16 : 10) + (unsigned long)d;
		}
		if (i == (size_t)(hexa ? 3 : 2) || i >= n || s[i] != ';')
			return 0;
		uni_put(out, cp);
		return i + 1;
	}
	for (j = 0; j < sizeof(named_refs) / sizeof(named_refs[0]); j++) {
		size_t len = strlen(named_refs[j].name);

		if (len + 2 <= n && memcmp(s + 1, named_refs[j].name, len) == 0 &&
		    s[len + 1] == ';') {
			uni_put(out, named_refs[j].cp);
			return len + 2;
		}
	}
	return 0;
}

void
html_unescape(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, start = 0, used;

	while (i < n) {
		if (s[i] != '&') {
			i++;
			continue;
		}
		buf_add(out, s + start, i - start);
		used = decode_ref(out, s + i, n - i);
		start = i;
		i += used ? used : 1;
		if (used)
			start = i;
	}
	buf_add(out, s + start, n - start);
}

/* Appends a site route below a base that ends in '/': its leading
 * slashes dropped (never "//host", another site), percent-encoded. */
static void
route_below(struct buf *b, const char *route)
{
	while (*route == '/')
		route++;
	html_url_path(b, route);
}

void
html_href(struct buf *b, const char *base_path, const char *route)
{
	html_url_path(b, base_path);
	route_below(b, route);
}

void
html_abs_url(struct buf *b, const char *base_url, const char *route)
{
	html_text(b, base_url);
	route_below(b, route);
}

void
html_abs_url_plain(struct buf *b, const char *base_url, const char *route)
{
	buf_puts(b, base_url);
	route_below(b, route);
}

void
html_gotmpl(struct buf *b, const char *s)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '"': rep = "&#34;"; break;
		case '&': rep = "&amp;"; break;
		case '\'': rep = "&#39;"; break;
		case '+': rep = "&#43;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

void
html_gotmpl_url(struct buf *b, const char *s, int filter)
{
	static const char hex[] = "0123456789abcdef";
	struct buf norm = BUF_INIT;
	const char *colon = strchr(s, ':');
	const unsigned char *p;

	if (filter && colon != NULL &&
	    memchr(s, '/', (size_t)(colon - s)) == NULL) {
		size_t n = (size_t)(colon - s);

		if (!((n == 4 && strncasecmp(s, "http", 4) == 0) ||
		    (n == 5 && strncasecmp(s, "https", 5) == 0) ||
		    (n == 6 && strncasecmp(s, "mailto", 6) == 0))) {
			buf_puts(b, "#ZgotmplZ");
			return;
		}
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~!#$&*+,/:;=?@[]%",
		    *p) != NULL) {
			buf_putc(&norm, (char)*p);
			continue;
		}
		buf_putc(&norm, '%');
		buf_putc(&norm, hex[*p >> 4]);
		buf_putc(&norm, hex[*p & 15]);
	}
	html_gotmpl(b, buf_cstr(&norm));
	buf_free(&norm);
}

const struct html_refs html_refs_go = {
	"&amp;", "&lt;", "&gt;", "&#34;", "&#39;",
};

const struct html_refs html_refs_cmark = {
	"&amp;", "&lt;", "&gt;", "&quot;", NULL,
};

void
html_escape_refs(struct buf *out, const char *s, size_t n,
    const struct html_refs *refs)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *ref;

		switch (s[i]) {
		case '&': ref = refs->amp; break;
		case '<': ref = refs->lt; break;
		case '>': ref = refs->gt; break;
		case '"': ref = refs->quot; break;
		case '\'': ref = refs->apos; break;
		default: ref = NULL; break;
		}
		if (ref == NULL)
			continue;
		buf_add(out, s + run, i - run);
		buf_puts(out, ref);
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}
