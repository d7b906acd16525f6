/* url.c - Hugo's URL rules (checked against tests/golden/). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

size_t
url_markdown_ext(const char *name)
{
	static const char *const exts[] = { ".md", ".markdown", ".mdown" };
	size_t n = strlen(name), i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t e = strlen(exts[i]);

		if (n > e && strcmp(name + n - e, exts[i]) == 0)
			return e;
	}
	return 0;
}

size_t
url_content_ext(const char *name)
{
	static const char *const exts[] = { ".html", ".htm" };
	size_t n = strlen(name), i, e = url_markdown_ext(name);

	for (i = 0; e == 0 && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (n > strlen(exts[i]) &&
		    strcmp(name + n - strlen(exts[i]), exts[i]) == 0)
			e = strlen(exts[i]);
	return e;
}

int
url_is_index(const char *base, int branch)
{
	const char *stem = branch ? "_index" : "index";
	size_t n = strlen(stem), e = url_content_ext(base);

	return e > 0 && strlen(base) == n + e && strncmp(base, stem, n) == 0;
}

/* The file's base name without extension; a bundle (NAME/index.md) gives
 * its folder's name. Returns its length; *start is set to its offset. */
static size_t
file_stem(const char *path, size_t *start)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot;

	if ((url_is_index(base, 0) || url_is_index(base, 1)) &&
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
	size_t start;

	(void)file_stem(path, &start);
	return start > 0 ? start - 1 : 0;
}

const char *
url_permalink_for(const struct site *site, const char *path)
{
	/* A top-level page's key is the root's ("/"). */
	size_t i, seclen = url_top_section(path);

	for (i = 0; i < site->npermalinks; i++)
		if (strlen(site->permalinks[i].name) == seclen &&
		    strncmp(site->permalinks[i].name, path, seclen) == 0)
			return site->permalinks[i].url;
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

static int
hex_value(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Decodes %XX escapes in b from offset from, and '+' to a space when
 * query (Go's url.QueryUnescape). Returns -1, b unchanged, on a '%' not
 * followed by two hex digits when strict. */
static int
unescape(struct buf *b, size_t from, int query, int strict)
{
	size_t i, o = from;

	if (strict)
		for (i = from; i < b->len; i++)
			if (b->data[i] == '%' && (i + 2 >= b->len ||
			    !is_hex(b->data[i + 1]) || !is_hex(b->data[i + 2])))
				return -1;
	for (i = from; i < b->len; i++) {
		char c = b->data[i];

		if (c == '%' && i + 2 < b->len && is_hex(b->data[i + 1]) &&
		    is_hex(b->data[i + 2])) {
			c = (char)(hex_value(b->data[i + 1]) * 16 +
			    hex_value(b->data[i + 2]));
			i += 2;
		} else if (c == '+' && query) {
			c = ' ';
		}
		b->data[o++] = c;
	}
	b->len = o;
	if (b->data != NULL)
		b->data[o] = '\0';
	return 0;
}

/* Replaces b's bytes from offset from by their MakePathSanitized. */
static void
sanitize_tail(struct buf *b, size_t from)
{
	struct buf raw = BUF_INIT;

	buf_add(&raw, b->data + from, b->len - from);
	b->len = from;
	url_urlize(b, buf_cstr(&raw));
	buf_free(&raw);
}

/* What Go's Time.Format needs of a date, in its own zone. */
struct go_time {
	struct date_civil c;
	int yday;		/* 1..366 */
	int offset;
};

static void
go_time_of(const struct qdate *d, struct go_time *g)
{
	date_civil_utc(d->t + d->offset, &g->c);
	g->yday = (int)(date_days_from_civil(g->c.year, g->c.month,
	    g->c.day) - date_days_from_civil(g->c.year, 1, 1)) + 1;
	g->offset = d->offset;
}

static const char *const month_names[12] = { "January", "February",
	"March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December" };
static const char *const weekday_names[7] = { "Sunday", "Monday",
	"Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };

static int
starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - s) >= n && strncmp(s, prefix, n) == 0;
}

/* Appends Go's Time.Format(layout) for the n bytes of layout, as far as
 * a permalink attribute can spell one (letters, digits, '_'; Go's
 * nextStdChunk). Returns -1 on a zone name ("MST"), which quire does not
 * keep. */
static int
go_format(struct buf *out, const char *layout, size_t n,
    const struct go_time *g)
{
	const char *p = layout, *end = layout + n;
	int h12 = g->c.hour % 12 == 0 ? 12 : g->c.hour % 12;
	int off = g->offset < 0 ? -g->offset : g->offset;

	while (p < end) {
		if (starts(p, end, "January")) {
			buf_puts(out, month_names[g->c.month - 1]);
			p += 7;
		} else if (starts(p, end, "Jan")) {
			buf_add(out, month_names[g->c.month - 1], 3);
			p += 3;
		} else if (starts(p, end, "Monday")) {
			buf_puts(out, weekday_names[g->c.wday]);
			p += 6;
		} else if (starts(p, end, "Mon")) {
			buf_add(out, weekday_names[g->c.wday], 3);
			p += 3;
		} else if (starts(p, end, "MST")) {
			return -1;
		} else if (starts(p, end, "002")) {
			buf_printf(out, "%03d", g->yday);
			p += 3;
		} else if (*p == '0' && p + 1 < end && p[1] >= '1' &&
		    p[1] <= '6') {
			int v[6] = { g->c.month, g->c.day, h12, g->c.minute,
			    g->c.second, g->c.year % 100 };

			buf_printf(out, "%02d", v[p[1] - '1']);
			p += 2;
		} else if (starts(p, end, "15")) {
			buf_printf(out, "%02d", g->c.hour);
			p += 2;
		} else if (*p == '1') {
			buf_printf(out, "%d", g->c.month);
			p++;
		} else if (starts(p, end, "2006")) {
			buf_printf(out, "%04d", g->c.year);
			p += 4;
		} else if (*p == '2') {
			buf_printf(out, "%d", g->c.day);
			p++;
		} else if (starts(p, end, "_2006")) {
			buf_printf(out, "_%04d", g->c.year);
			p += 5;
		} else if (starts(p, end, "__2")) {
			buf_printf(out, "%3d", g->yday);
			p += 3;
		} else if (starts(p, end, "_2")) {
			buf_printf(out, "%2d", g->c.day);
			p += 2;
		} else if (*p == '3' || *p == '4' || *p == '5') {
			buf_printf(out, "%d", *p == '3' ? h12 : *p == '4' ?
			    g->c.minute : g->c.second);
			p++;
		} else if (starts(p, end, "PM") || starts(p, end, "pm")) {
			buf_puts(out, g->c.hour >= 12 ? (*p == 'P' ? "PM" :
			    "pm") : (*p == 'P' ? "AM" : "am"));
			p += 2;
		} else if (starts(p, end, "Z070000") ||
		    starts(p, end, "Z0700") || starts(p, end, "Z07")) {
			size_t len = starts(p, end, "Z070000") ? 7 :
			    starts(p, end, "Z0700") ? 5 : 3;

			if (g->offset == 0) {
				buf_putc(out, 'Z');
			} else {
				buf_printf(out, "%c%02d", g->offset < 0 ? '-' :
				    '+', off / 3600);
				if (len >= 5)
					buf_printf(out, "%02d", off / 60 % 60);
				if (len == 7)
					buf_printf(out, "%02d", off % 60);
			}
			p += len;
		} else {
			buf_putc(out, *p++);
		}
	}
	return 0;
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Length of the attribute at p (after its ':'), as Hugo's regexp
 * `:\w+(\[.+?\])?` takes it; 0 when none. */
static size_t
attr_len(const char *p)
{
	size_t n = 0;
	const char *close;

	while (is_word(p[n]))
		n++;
	if (n > 0 && p[n] == '[' && p[n + 1] != '\0' &&
	    (close = strchr(p + n + 2, ']')) != NULL)
		n = (size_t)(close - p) + 1;
	return n;
}

enum attr {
	A_UNKNOWN, A_YEAR, A_MONTH, A_MONTHNAME, A_DAY, A_WEEKDAY,
	A_WEEKDAYNAME, A_YEARDAY, A_SECTION, A_SECTIONS, A_TITLE, A_SLUG,
	A_SLUGORFILENAME, A_FILENAME, A_SECTIONS_CUT, A_GO_LAYOUT,
};

/* What Hugo 0.111's PermalinkExpander makes of the attribute a (n bytes):
 * its named ones, "sections[...]", or else a Go time layout if formatting
 * Hugo's reference time with it changes it. */
static enum attr
attr_kind(const char *a, size_t n)
{
	static const char *const names[] = { "year", "month", "monthname",
	    "day", "weekday", "weekdayname", "yearday", "section", "sections",
	    "title", "slug", "slugorfilename", "filename" };
	struct qdate ref = { 1573340502LL, 0 };	/* 2019-11-09T23:01:42Z */
	struct go_time g;
	struct buf f = BUF_INIT;
	size_t i;
	int changed;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncmp(a, names[i], n) == 0)
			return (enum attr)(A_YEAR + i);
	if (n > 9 && strncmp(a, "sections[", 9) == 0)
		return A_SECTIONS_CUT;
	go_time_of(&ref, &g);
	changed = go_format(&f, a, n, &g) != 0 || f.len != n ||
	    memcmp(f.data, a, n) != 0;
	buf_free(&f);
	return changed ? A_GO_LAYOUT : A_UNKNOWN;
}

int
url_permalink_check(const char *pattern, struct buf *err)
{
	const char *p;
	int empty = 0;

	/* Hugo's validate(): after the first byte, no empty segment but
	 * the last, and every attribute known. */
	for (p = *pattern ? pattern + 1 : pattern; ; ) {
		size_t seg = strcspn(p, "/"), i;

		if (empty) {
			buf_puts(err, "permalink ill-formed (an empty segment)");
			return -1;
		}
		empty = seg == 0;
		for (i = 0; i < seg; i++) {
			size_t n;

			if (p[i] != ':' || (n = attr_len(p + i + 1)) == 0)
				continue;
			if (attr_kind(p + i + 1, n) == A_UNKNOWN) {
				buf_printf(err, "permalink attribute ':%.*s' "
				    "not recognised", (int)n, p + i + 1);
				return -1;
			}
			if (attr_kind(p + i + 1, n) == A_GO_LAYOUT) {
				struct go_time g;
				struct buf f = BUF_INIT;
				struct qdate ref = { 0, 0 };
				int bad;

				go_time_of(&ref, &g);
				bad = go_format(&f, p + i + 1, n, &g) != 0;
				buf_free(&f);
				if (bad) {
					buf_printf(err, "permalink attribute "
					    "':%.*s' names a time zone, which "
					    "quire does not keep", (int)n,
					    p + i + 1);
					return -1;
				}
			}
			i += n;
		}
		if (p[seg] == '\0')
			break;
		p += seg + 1;
	}
	return 0;
}

/* Hugo's toSliceFunc index: "" (low: 0, high: all), "last", a number
 * (clamped to 0..n). */
static size_t
cut_index(const char *s, size_t len, int low, size_t n)
{
	char tmp[32], *end;
	long v;

	if (len == 0)
		return low ? 0 : n;
	if (len == 4 && strncmp(s, "last", 4) == 0)
		return n > 0 ? n - 1 : 0;
	if (len >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	v = strtol(tmp, &end, 10);
	if (*end != '\0' || v < 0)
		v = 0;
	return (size_t)v > n ? n : (size_t)v;
}

/* Appends the entries of sections ("a/b/c") that cut ("[1:]", "[last]",
 * "[0]") selects, joined by '/', as Hugo's :sections[...] does. */
static void
sections_cut(struct buf *out, const char *sections, const char *cut,
    size_t cutlen)
{
	const char *ent[64], *p = sections;
	size_t lens[64], n = 0, lo, hi, i;
	char lower[64];
	const char *colon;

	while (*p != '\0' && n < 64) {
		lens[n] = strcspn(p, "/");
		ent[n++] = p;
		p += lens[n - 1];
		if (*p == '/')
			p++;
	}
	/* Measured on Hugo 0.111: a top-level section's entries end with an
	 * empty one ([last] and [1:] give nothing, [0] the section). */
	if (n == 1) {
		ent[n] = "";
		lens[n++] = 0;
	}
	/* Trimmed and lower-cased, as Hugo reads the cut. */
	while (cutlen > 0 && (*cut == ' ' || *cut == '\t'))
		cut++, cutlen--;
	while (cutlen > 0 && (cut[cutlen - 1] == ' ' || cut[cutlen - 1] == '\t'))
		cutlen--;
	if (cutlen < 3 || cutlen >= sizeof(lower) || cut[0] != '[' ||
	    cut[cutlen - 1] != ']' || n == 0)
		return;
	for (i = 0; i < cutlen; i++)
		lower[i] = (char)((cut[i] >= 'A' && cut[i] <= 'Z') ?
		    cut[i] + 32 : cut[i]);
	lower[cutlen] = '\0';
	colon = memchr(lower + 1, ':', cutlen - 2);
	if (colon == NULL) {
		lo = cut_index(lower + 1, cutlen - 2, 1, n);
		hi = lo + 1;
		if (lo >= n)
			return;	/* Hugo 0.111 panics here */
	} else {
		lo = cut_index(lower + 1, (size_t)(colon - lower - 1), 1, n);
		hi = cut_index(colon + 1, (size_t)(lower + cutlen - 1 -
		    colon - 1), 0, n);
		if (lo > hi)
			return;	/* Hugo 0.111 panics here */
	}
	for (i = lo; i < hi; i++) {
		if (i > lo)
			buf_putc(out, '/');
		buf_add(out, ent[i], lens[i]);
	}
}

/* The page's current section ("posts", "docs/guide"): the deepest folder
 * above it that holds an _index.md, else its top folder. */
static void
current_section(struct buf *out, const struct url_page *page)
{
	size_t dir = file_dir_len(page->path), best = strcspn(page->path, "/"),
	    i;

	if (page->path[best] != '/')
		return;
	for (i = 0; i < page->nsections; i++) {
		size_t n = strlen(page->sections[i]);

		if (n > best && n <= dir &&
		    strncmp(page->path, page->sections[i], n) == 0 &&
		    (page->path[n] == '/'))
			best = n;
	}
	buf_add(out, page->path, best);
}

/* Appends the front-matter slug with Hugo's trim of '-'; 0 when empty. */
static size_t
put_slug(struct buf *out, const char *slug)
{
	size_t n;

	if (slug == NULL)
		return 0;
	slug += strspn(slug, "-");
	n = strlen(slug);
	while (n > 0 && slug[n - 1] == '-')
		n--;
	buf_add(out, slug, n);
	return n;
}

/* Appends Hugo's URLize of the n bytes at s (before the URL escaping a
 * later QueryUnescape undoes). */
static void
urlize_n(struct buf *out, const char *s, size_t n)
{
	struct buf tmp = BUF_INIT;

	buf_add(&tmp, s, n);
	url_urlize(out, buf_cstr(&tmp));
	buf_free(&tmp);
}

/* Appends :filename: the file's base name, a bundle's folder name. */
static void
put_filename(struct buf *out, const char *path)
{
	size_t start, len = file_stem(path, &start);

	urlize_n(out, path + start, len);
}

/* Expands pattern for page as Hugo 0.111's PermalinkExpander, then its
 * url.QueryUnescape. Returns 0, or -1 when the pattern cannot be
 * expanded or unescaped (Hugo then keeps the page's default path). */
static int
expand_permalink(struct buf *out, const char *pattern,
    const struct url_page *page)
{
	size_t from = out->len;
	const char *p = pattern;
	struct qdate zero = { -62135596800LL, 0 };	/* Go's zero time */
	struct go_time g;
	struct buf tmp = BUF_INIT;
	int rc = -1;

	go_time_of(page->date ? page->date : &zero, &g);
	while (*p != '\0') {
		size_t n;

		if (*p != ':' || (n = attr_len(p + 1)) == 0) {
			buf_putc(out, *p++);
			continue;
		}
		switch (attr_kind(p + 1, n)) {
		case A_YEAR:
			buf_printf(out, "%d", g.c.year);
			break;
		case A_MONTH:
			buf_printf(out, "%02d", g.c.month);
			break;
		case A_MONTHNAME:
			buf_puts(out, month_names[g.c.month - 1]);
			break;
		case A_DAY:
			buf_printf(out, "%02d", g.c.day);
			break;
		case A_WEEKDAY:
			buf_printf(out, "%d", g.c.wday);
			break;
		case A_WEEKDAYNAME:
			buf_puts(out, weekday_names[g.c.wday]);
			break;
		case A_YEARDAY:
			buf_printf(out, "%d", g.yday);
			break;
		case A_SECTION:
			buf_add(out, page->path, page->path[strcspn(page->path,
			    "/")] == '/' ? strcspn(page->path, "/") : 0);
			break;
		case A_SECTIONS:
			current_section(out, page);
			break;
		case A_SECTIONS_CUT:
			buf_reset(&tmp);
			current_section(&tmp, page);
			sections_cut(out, buf_cstr(&tmp), p + 9, n - 8);
			break;
		case A_TITLE:
			url_urlize(out, page->title ? page->title : "");
			break;
		case A_SLUG:
		case A_SLUGORFILENAME:
			buf_reset(&tmp);
			if (put_slug(&tmp, page->slug) > 0)
				url_urlize(out, buf_cstr(&tmp));
			else if (attr_kind(p + 1, n) == A_SLUG)
				url_urlize(out, page->title ? page->title : "");
			else
				put_filename(out, page->path);
			break;
		case A_FILENAME:
			put_filename(out, page->path);
			break;
		case A_GO_LAYOUT:
			if (go_format(out, p + 1, n, &g) != 0)
				goto out;
			break;
		case A_UNKNOWN:
			goto out;
		}
		p += 1 + n;
	}
	rc = unescape(out, from, 1, 1);
out:
	buf_free(&tmp);
	if (rc != 0) {
		out->len = from;
		if (out->data != NULL)
			out->data[from] = '\0';
	}
	return rc;
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

size_t
url_top_section(const char *path)
{
	const char *last = strrchr(path, '/'), *slash = strchr(path, '/');

	/* A leaf bundle's folder is the page: its section is the folder
	 * the bundle is in. */
	if (last != NULL && url_is_index(last + 1, 0) && slash == last)
		return 0;
	return slash != NULL ? (size_t)(slash - path) : 0;
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
	/* Hugo builds "/" + the expanded permalink (else the folder and the
	 * slug or file name), runs MakePathSanitized over the whole of it
	 * and serves the result, its %XX escapes decoded. */
	pattern = url_permalink_for(site, page->path);
	if (pattern == NULL || expand_permalink(out, pattern, page) != 0) {
		len = file_stem(page->path, &start);
		buf_add(out, page->path, start);
		if (put_slug(out, page->slug) == 0)
			buf_add(out, page->path + start, len);
	}
	buf_putc(out, '/');
	ensure_slashes(out, from, 0);
	sanitize_tail(out, from);
	unescape(out, from, 0, 0);
	if (clean_path(out, from) != 0)
		return -1;
	/* uglyURLs: "/posts/a/" is "/posts/a.html" (a front-matter url is
	 * kept as written, above). */
	if (site_ugly(site, page->path, url_top_section(page->path)) &&
	    out->len - from > 1) {
		out->len--;
		out->data[out->len] = '\0';
		buf_puts(out, ".html");
	}
	return 0;
}

void
url_ref_route(struct buf *out, const char *ref)
{
	size_t from = out->len;
	const char *p = ref;

	while (*p == '/')
		p++;
	buf_putc(out, '/');
	for (; *p != '\0'; p++)
		buf_putc(out, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') :
		    *p);
	out->len -= url_content_ext(out->data + from + 1);
	out->data[out->len] = '\0';
	if (out->len - from >= 6 &&
	    strcmp(out->data + out->len - 6, "/index") == 0)
		out->len -= 5;
	else if (out->len - from >= 7 &&
	    strcmp(out->data + out->len - 7, "/_index") == 0)
		out->len -= 6;
	out->data[out->len] = '\0';
	if (out->data[out->len - 1] != '/')
		buf_putc(out, '/');
}


int
url_section(struct buf *out, const char *name, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc = -1;

	buf_putc(&b, '/');
	buf_add(&b, name, n);
	buf_putc(&b, '/');
	sanitize_tail(&b, 0);
	unescape(&b, 0, 0, 0);
	if (clean_path(&b, 0) != 0 || b.len < 3)
		goto out;
	for (i = 1; i + 1 < b.len; i++)
		if (b.data[i] == '/' && b.data[i + 1] == '/')
			goto out;
	buf_add(out, b.data + 1, b.len - 2);
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

int
url_list_is_ugly(const struct site *s, const char *route)
{
	const char *root = s->lang_root != NULL ? s->lang_root : "/";
	size_t k = strlen(root), n;

	if (*s->ugly_urls == '\0' || strncmp(route, root, k) != 0 ||
	    route[k] == '\0')
		return 0;	/* not ugly, or a home page */
	if (strcmp(s->ugly_urls, "*") == 0)
		return 1;
	n = strcspn(route + k, "/");
	return site_ugly(s, route + k, n) &&
	    site_taxonomy(s, route + k, n) < 0;
}

void
url_list(struct buf *out, const struct site *s, const char *route)
{
	size_t n = strlen(route);

	if (n > 1 && route[n - 1] == '/' && url_list_is_ugly(s, route)) {
		buf_add(out, route, n - 1);
		buf_puts(out, ".html");
	} else {
		buf_puts(out, route);
	}
}

int
url_alias(struct buf *out, const struct site *s, const char *url,
    const char *a)
{
	const char *p, *last;
	size_t from = out->len;

	if (*a == '\0' || strstr(a, "://") != NULL || strchr(a, '?') ||
	    strchr(a, '#'))
		return -1;
	if (*a != '/') {
		/* "/posts/new/" -> "/posts/" */
		size_t n = strlen(url);

		while (n > 1 && url[n - 1] == '/')
			n--;
		while (n > 0 && url[n - 1] != '/')
			n--;
		buf_add(out, url, n);
	}
	buf_puts(out, a);
	for (p = out->data + from; *p != '\0'; p++) {
		size_t seg = strcspn(p + 1, "/");

		if (*p == '/' && ((seg == 1 && p[1] == '.') ||
		    (seg == 2 && p[1] == '.' && p[2] == '.') ||
		    (seg == 0 && p[1] == '/')))
			return -1;
		if ((unsigned char)*p < 0x20)
			return -1;
	}
	last = strrchr(out->data + from, '/');
	if (out->data[out->len - 1] != '/' && strchr(last, '.') == NULL)
		buf_putc(out, '/');
	/* Under uglyURLs: true (not a map of sections), Hugo writes the
	 * alias /old/ as /old.html. */
	if (strcmp(s->ugly_urls, "*") == 0 && out->len - from > 1 &&
	    out->data[out->len - 1] == '/') {
		out->data[--out->len] = '\0';
		buf_puts(out, ".html");
	}
	return 0;
}

size_t
url_scheme_len(const char *in)
{
	size_t i = 0;

	if (!isalpha((unsigned char)in[0]))
		return 0;
	while (isalnum((unsigned char)in[i]) || in[i] == '+' || in[i] == '-' ||
	    in[i] == '.')
		i++;
	return in[i] == ':' ? i : 0;
}

void
url_abs(struct buf *out, const char *base_url, const char *in)
{
	size_t k = url_scheme_len(in);
	const char *host_end;

	if (k > 0 || (in[0] == '/' && in[1] == '/')) {
		buf_puts(out, in);
		return;
	}
	if (in[0] == '/') {
		/* The host of baseURL, without its path. */
		host_end = strstr(base_url, "://");
		host_end = host_end != NULL ? strchr(host_end + 3, '/') : NULL;
		if (host_end != NULL)
			buf_add(out, base_url, (size_t)(host_end -
			    base_url));
		buf_puts(out, in);
		return;
	}
	buf_puts(out, base_url);
	buf_puts(out, in);
}

int
url_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
