/* url.c - Hugo's URL rules (checked against tests/golden/). */
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "dates.h"
#include "site.h"
#include "unicode.h"
#include "url.h"

static int
is_mark(unsigned long cp)
{
	/* Combining marks that C.UTF-8 does not class as letters. */
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F);
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Hugo's PathSpec.UnicodeSanitize, then strings.ToLower when lower. */
static void
sanitize(struct buf *out, const char *s, int lower)
{
	size_t n = strlen(s), i = 0, len, start = out->len;
	unsigned long cp;
	int prepend = 0, was_hyphen = 0, allowed;

	while (i < n) {
		len = uni_next(s + i, n - i, &cp);
		allowed = (cp < 0x80 && strchr("./\\_#+~-@", (int)cp) != NULL &&
		    cp != 0) || uni_is_letter(cp) || uni_is_digit(cp) ||
		    is_mark(cp) || (cp == '%' && i + 2 < n &&
		    is_hex(s[i + 1]) && is_hex(s[i + 2]));
		if (allowed) {
			was_hyphen = cp == '-';
			if (prepend) {
				if (!was_hyphen)
					buf_putc(out, '-');
				prepend = 0;
			}
			if (lower)
				uni_put_lower(out, cp);
			else
				buf_add(out, s + i, len);
		} else if (out->len > start && !was_hyphen && uni_is_space(cp)) {
			prepend = 1;
		}
		i += len;
	}
}

void
url_urlize(struct buf *out, const char *s)
{
	sanitize(out, s, 1);
}

void
url_term_slug(struct buf *out, const char *name)
{
	size_t i, from = out->len;

	url_urlize(out, name);
	for (i = from; i < out->len; i++)
		if (out->data[i] == '/' || out->data[i] == '\\')
			out->data[i] = '-';
	/* Measured on Hugo 0.111: a term of dots only gets no page ("."
	 * and "..." are dropped, ".." stops its build). */
	if (out->len > from &&
	    strspn(out->data + from, ".") == out->len - from) {
		out->len = from;
		out->data[from] = '\0';
	}
}

/* Measured on Hugo 0.111: in an expanded permalink a '+' becomes '-', and
 * a hyphen right after such a one is dropped ("C# & C++ —" -> "c#-c-"). */
static void
permalink_plus(struct buf *b, size_t from)
{
	size_t i, o = from;
	int after_plus = 0;

	for (i = from; i < b->len; i++) {
		char c = b->data[i];

		if (c == '+' || (c == '-' && after_plus)) {
			if (o > from && b->data[o - 1] == '-' && after_plus)
				continue;
			if (c == '-' && after_plus)
				continue;
			b->data[o++] = '-';
			after_plus = 1;
			continue;
		}
		after_plus = 0;
		b->data[o++] = c;
	}
	b->len = o;
	if (b->data != NULL)
		b->data[o] = '\0';
}

/* The file's base name without extension; a bundle (NAME/index.md) gives
 * its folder's name. Returns its length; *start is set to its offset. */
static size_t
file_stem(const char *path, size_t *start)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot;

	if ((strcmp(base, "index.md") == 0 || strcmp(base, "_index.md") == 0) &&
	    slash != NULL) {
		const char *p = slash;

		while (p > path && p[-1] != '/')
			p--;
		*start = (size_t)(p - path);
		return (size_t)(slash - p);
	}
	dot = strrchr(base, '.');
	*start = (size_t)(base - path);
	return dot ? (size_t)(dot - base) : strlen(base);
}

/* Folder part of path (without the file or bundle folder), "" at top. */
static size_t
file_dir_len(const char *path)
{
	size_t start, len = file_stem(path, &start);

	(void)len;
	return start > 0 ? start - 1 : 0;
}

static const char *
permalink_for(const struct site *site, const char *path)
{
	size_t i, seclen = strcspn(path, "/");

	if (path[seclen] != '/')
		return NULL;	/* a top-level page has no section */
	for (i = 0; i < site->npermalinks; i++)
		if (strlen(site->permalinks[i].section) == seclen &&
		    strncmp(site->permalinks[i].section, path, seclen) == 0)
			return site->permalinks[i].pattern;
	return NULL;
}

/* Makes out (from offset from) start with '/' and end with '/', unless
 * keep_file and its last segment names a file ("/feed.xml"). */
static void
ensure_slashes(struct buf *out, size_t from, int keep_file)
{
	const char *last;

	if (out->len == from || out->data[from] != '/') {
		struct buf tmp = BUF_INIT;

		buf_add(&tmp, out->data + from, out->len - from);
		out->len = from;
		buf_putc(out, '/');
		buf_add(out, tmp.data, tmp.len);
		buf_free(&tmp);
	}
	last = strrchr(buf_cstr(out) + from, '/');
	if (out->data[out->len - 1] != '/' &&
	    !(keep_file && strchr(last, '.') != NULL))
		buf_putc(out, '/');
}

static void
expand_permalink(struct buf *out, const char *pattern,
    const struct url_page *page)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	static const char *const weekdays[7] = { "Sunday", "Monday",
	    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
	size_t from = out->len, start, len;
	int y = 1, m = 1, d = 1;
	const char *p = pattern;
	struct qdate zero = { -62135596800LL, 0 };
	const struct qdate *date = page->date ? page->date : &zero;

	date_fields(date, &y, &m, &d);
	while (*p != '\0') {
		size_t tok;

		if (*p != ':') {
			buf_putc(out, *p++);
			continue;
		}
		tok = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz");
#define IS(name) (tok == strlen(name) && strncmp(p + 1, name, tok) == 0)
		if (IS("year")) {
			buf_printf(out, "%04d", y);
		} else if (IS("month")) {
			buf_printf(out, "%02d", m);
		} else if (IS("monthname")) {
			url_urlize(out, months[m - 1]);
		} else if (IS("day")) {
			buf_printf(out, "%02d", d);
		} else if (IS("weekday") || IS("weekdayname") ||
		    IS("yearday")) {
			long long days = (date->t + date->offset) / 86400;
			int wd = (int)(((days % 7) + 11) % 7);
			int yd;
			struct qdate jan1;
			char iso[16];

			snprintf(iso, sizeof(iso), "%04d-01-01", y);
			date_parse(iso, &jan1);
			yd = (int)((date->t + date->offset - jan1.t -
			    jan1.offset) / 86400) + 1;
			if (IS("weekday"))
				buf_printf(out, "%d", wd);
			else if (IS("weekdayname"))
				url_urlize(out, weekdays[wd]);
			else
				buf_printf(out, "%d", yd);
		} else if (IS("section")) {
			buf_add(out, page->path, strcspn(page->path, "/"));
		} else if (IS("sections")) {
			buf_add(out, page->path, file_dir_len(page->path));
		} else if (IS("title")) {
			url_urlize(out, page->title ? page->title : "");
		} else if (IS("slug")) {
			url_urlize(out, page->slug ? page->slug :
			    page->title ? page->title : "");
		} else if (IS("filename")) {
			struct buf stem = BUF_INIT;

			len = file_stem(page->path, &start);
			buf_add(&stem, page->path + start, len);
			url_urlize(out, buf_cstr(&stem));
			buf_free(&stem);
		} else {
			buf_putc(out, ':');
			tok = 0;
		}
#undef IS
		p += 1 + tok;
	}
	permalink_plus(out, from);
}

/* Collapses runs of '/' in out from offset from (so that no URL starts
 * with "//", which a browser reads as another host), and refuses "." and
 * ".." segments and control bytes. Returns 0 or -1. */
static int
clean_path(struct buf *out, size_t from)
{
	size_t i, o = from;
	const char *seg;

	for (i = from; i < out->len; i++) {
		if (out->data[i] == '/' && o > from && out->data[o - 1] == '/')
			continue;
		if ((unsigned char)out->data[i] < 0x20 || out->data[i] == 0x7f)
			return -1;
		out->data[o++] = out->data[i];
	}
	out->len = o;
	if (out->data != NULL)
		out->data[o] = '\0';
	for (seg = buf_cstr(out) + from; *seg != '\0'; seg++) {
		size_t n;

		if (*seg != '/')
			continue;
		n = strcspn(seg + 1, "/");
		if ((n == 1 && seg[1] == '.') ||
		    (n == 2 && seg[1] == '.' && seg[2] == '.'))
			return -1;
	}
	return 0;
}

int
url_page(struct buf *out, const struct site *site,
    const struct url_page *page)
{
	size_t from = out->len, start, len;
	const char *pattern;

	if (page->url != NULL && *page->url != '\0') {
		buf_puts(out, page->url);
		ensure_slashes(out, from, 1);
		return clean_path(out, from);
	}
	pattern = permalink_for(site, page->path);
	if (pattern != NULL) {
		expand_permalink(out, pattern, page);
		ensure_slashes(out, from, 0);
		return clean_path(out, from);
	}
	buf_putc(out, '/');
	len = file_stem(page->path, &start);
	if (start > 0) {
		struct buf dir = BUF_INIT;

		buf_add(&dir, page->path, start);
		url_urlize(out, buf_cstr(&dir));
		buf_free(&dir);
	}
	if (page->slug != NULL && *page->slug != '\0') {
		url_urlize(out, page->slug);
	} else {
		struct buf stem = BUF_INIT;

		buf_add(&stem, page->path + start, len);
		url_urlize(out, buf_cstr(&stem));
		buf_free(&stem);
	}
	ensure_slashes(out, from, 0);
	return clean_path(out, from);
}
