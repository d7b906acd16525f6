/* highlight.c - fenced code blocks and highlight shortcodes as Hugo 0.111
 * writes them (see highlight.h): the fence's attributes as Goldmark 1.5
 * parses them, Hugo's option decoding over the site's markup.highlight,
 * and Chroma's HTML formatter (classes only) over highlight-lex.c's
 * tokens. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "highlight.h"
#include "highlight-lex.h"
#include "html.h"
#include "site.h"

void
hl_escape(struct buf *out, const char *s, size_t n)
{
	html_escape_refs(out, s, n, &html_refs_go);
}

/* An option's or attribute's value, as Goldmark parses it and Hugo's
 * attributes.New converts it. */
enum vkind { V_BOOL, V_NUM, V_STR, V_RANGES };

struct val {
	enum vkind k;
	int b;
	double num;
	char *s;
	long (*r)[2];
	size_t nr;
};

struct attr {
	char *name;
	struct val v;
};

struct attrs {
	struct attr *v;
	size_t n;
};

static void
val_free(struct val *v)
{
	free(v->s);
	free(v->r);
	memset(v, 0, sizeof(*v));
}

static void
attrs_free(struct attrs *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].name);
		val_free(&a->v[i].v);
	}
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

/* Adds name = v (taken over); with replace, a name already there (case
 * folded) gets the new value in its place, as a Go map does. */
static void
attrs_put(struct attrs *a, const char *name, size_t len, struct val *v,
    int replace)
{
	size_t i;

	if (replace)
		for (i = 0; i < a->n; i++)
			if (strlen(a->v[i].name) == len &&
			    strncasecmp(a->v[i].name, name, len) == 0) {
				val_free(&a->v[i].v);
				a->v[i].v = *v;
				return;
			}
	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	a->v[a->n].name = xstrndup(name, len);
	a->v[a->n].v = *v;
	a->n++;
}

/* Adds class v (a string, taken over): a second class joins the first,
 * space-separated, as Goldmark's attribute parser does. */
static void
attrs_add_class(struct attrs *a, struct val *v)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, "class") == 0)
			break;
	if (i == a->n) {
		attrs_put(a, "class", 5, v, 0);
		return;
	}
	{
		struct buf b = BUF_INIT;

		buf_puts(&b, a->v[i].v.s);
		buf_putc(&b, ' ');
		buf_puts(&b, v->s);
		free(a->v[i].v.s);
		a->v[i].v.s = buf_detach(&b);
		val_free(v);
	}
}

/* A number as a line number: Go converts out of range floats to its
 * smallest int and lets sums wrap; here they are bounded instead, far
 * past any block's length. */
#define LINE_MAX_ABS 1000000000000L

static long
bounded(double d)
{
	if (!(d > -LINE_MAX_ABS))
		return -LINE_MAX_ABS;
	if (!(d < LINE_MAX_ABS))
		return LINE_MAX_ABS;
	return (long)d;
}

/* Go's strconv.Atoi: an optional sign and decimal digits, nothing else. */
static int
go_atoi(const char *s, size_t n, long *out)
{
	size_t i = 0;
	int neg = 0;
	long v = 0;

	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == n)
		return -1;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > 100000000000L)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

/* Goldmark 1.5's attribute reader over one line (the fence's info). */
struct reader {
	const char *s;
	size_t n, pos;
};

static int
peek(const struct reader *r)
{
	return r->pos < r->n ? (unsigned char)r->s[r->pos] : -1;
}

static int
gm_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

static int
gm_punct(int c)
{
	return c >= 0 && c < 128 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
	    c) != NULL && c != 0;
}

static int
gm_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
gm_name_char(int c)
{
	return gm_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
	    c == '.' || c == '-';
}

static void
skip_spaces(struct reader *r)
{
	while (r->pos < r->n && gm_space((unsigned char)r->s[r->pos]))
		r->pos++;
}

/* Returns 1 on a value, 0 when Goldmark rejects the attributes, -1 on a
 * value Hugo cannot take (nested {} or null: Hugo panics). */
static int parse_value(struct reader *r, struct val *v);

static int
parse_string(struct reader *r, struct val *v)
{
	struct buf b = BUF_INIT;

	r->pos++;
	while (r->pos < r->n) {
		char c = r->s[r->pos];

		if (c == '\\' && r->pos != r->n - 1) {
			char e = r->s[r->pos + 1];
			const char *rep = NULL;

			switch (e) {
			case '"': case '/': case '\\': buf_putc(&b, e); break;
			case 'b': rep = "\b"; break;
			case 'f': rep = "\f"; break;
			case 'n': rep = "\n"; break;
			case 'r': rep = "\r"; break;
			case 't': rep = "\t"; break;
			default:
				buf_putc(&b, '\\');
				r->pos++;
				continue;
			}
			if (rep != NULL)
				buf_puts(&b, rep);
			r->pos += 2;
			continue;
		}
		if (c == '"') {
			r->pos++;
			v->k = V_STR;
			v->s = xstrdup(buf_cstr(&b));
			buf_free(&b);
			return 1;
		}
		buf_putc(&b, c);
		r->pos++;
	}
	buf_free(&b);
	return 0;
}

static void
scan_digits(struct reader *r, struct buf *b)
{
	while (peek(r) >= '0' && peek(r) <= '9')
		buf_putc(b, r->s[r->pos++]);
}

static int
parse_number(struct reader *r, struct val *v)
{
	struct buf b = BUF_INIT;
	int sign = 1, c = peek(r);

	if (c == '-' || c == '+') {
		sign = c == '-' ? -1 : 1;
		r->pos++;
	}
	if (!(peek(r) >= '0' && peek(r) <= '9'))
		return 0;
	scan_digits(r, &b);
	if (peek(r) == '.') {
		buf_putc(&b, '.');
		r->pos++;
		scan_digits(r, &b);
	}
	if (peek(r) == 'e' || peek(r) == 'E') {
		buf_putc(&b, 'e');
		r->pos++;
		if (peek(r) == '-' || peek(r) == '+')
			buf_putc(&b, r->s[r->pos++]);
		scan_digits(r, &b);
	}
	v->k = V_NUM;
	v->num = sign * strtod(buf_cstr(&b), NULL);
	buf_free(&b);
	return 1;
}

/* An array, converted as Hugo's attributes.New does: a number N is the
 * line range [N-1, N-1], a string "A-B" [A-1, B-1]; the rest is skipped. */
static int
parse_array(struct reader *r, struct val *v)
{
	size_t i;

	v->k = V_RANGES;
	r->pos++;
	for (i = 0;; i++) {
		int c = peek(r), comma = 0, rc;
		struct val e;

		if (i != 0 && c == ',') {
			r->pos++;
			comma = 1;
		}
		if (c == ']') {
			if (comma)
				return 0;
			r->pos++;
			return 1;
		}
		skip_spaces(r);
		memset(&e, 0, sizeof(e));
		if ((rc = parse_value(r, &e)) != 1) {
			val_free(&e);
			return rc;
		}
		if (e.k == V_NUM || e.k == V_STR) {
			long a, b;
			const char *dash;

			if (e.k == V_NUM) {
				a = b = bounded(e.num) - 1;
			} else {
				dash = strchr(e.s, '-');
				if (go_atoi(e.s, dash ? (size_t)(dash - e.s) :
				    strlen(e.s), &a) != 0) {
					val_free(&e);
					skip_spaces(r);
					continue;
				}
				b = a;
				if (dash != NULL) {
					const char *d2 = strchr(dash + 1, '-');

					if (go_atoi(dash + 1, d2 ? (size_t)(d2 -
					    dash - 1) : strlen(dash + 1), &b)
					    != 0) {
						val_free(&e);
						skip_spaces(r);
						continue;
					}
				}
				a--;
				b--;
			}
			v->r = xrealloc(v->r, (v->nr + 1) * sizeof(*v->r));
			v->r[v->nr][0] = a;
			v->r[v->nr][1] = b;
			v->nr++;
		}
		val_free(&e);
		skip_spaces(r);
	}
}

static int
parse_value(struct reader *r, struct val *v)
{
	int c;
	size_t i;

	skip_spaces(r);
	c = peek(r);
	if (c < 0)
		return 0;
	if (c == '{')
		return -1;
	if (c == '[')
		return parse_array(r, v);
	if (c == '"')
		return parse_string(r, v);
	if (c == '-' || c == '+' || (c >= '0' && c <= '9'))
		return parse_number(r, v);
	if (!(gm_alpha(c) || c == '_' || c == ':'))
		return 0;
	for (i = r->pos; i < r->n && gm_name_char((unsigned char)r->s[i]); i++)
		;
	if (i - r->pos == 4 && strncmp(r->s + r->pos, "true", 4) == 0) {
		v->k = V_BOOL;
		v->b = 1;
	} else if (i - r->pos == 5 && strncmp(r->s + r->pos, "false", 5) ==
	    0) {
		v->k = V_BOOL;
		v->b = 0;
	} else if (i - r->pos == 4 && strncmp(r->s + r->pos, "null", 4) ==
	    0) {
		return -1;
	} else {
		v->k = V_STR;
		v->s = xstrndup(r->s + r->pos, i - r->pos);
	}
	r->pos = i;
	return 1;
}

/* Hugo's chromaHightlightProcessingAttributes: these attribute names
 * are options, the others the wrapper's HTML attributes. */
static int
is_option(const char *name)
{
	static const char *const names[] = {
		"anchorlinenos", "guesssyntax", "hl_lines", "hl_inline",
		"lineanchors", "linenos", "linenostart", "linenumbersintable",
		"noclasses", "nohl", "style", "tabwidth",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* Goldmark's ParseAttributes at the info string's first '{', split as
 * Hugo's attributes.New splits it. Returns 0 (none when Goldmark
 * rejects them), or -1 with err set on a value Hugo panics on. */
static int
fence_attrs(const char *info, struct attrs *opts, struct attrs *html,
    struct buf *err)
{
	const char *brace = strchr(info, '{');
	struct reader r;
	struct attrs all = { NULL, 0 };
	size_t i;
	int rc = 0;

	if (brace == NULL)
		return 0;
	r.s = brace;
	r.n = strcspn(brace, "\n");
	r.pos = 1;
	for (;;) {
		size_t start, len;
		struct val v;
		int c;

		memset(&v, 0, sizeof(v));
		if (peek(&r) == '}')
			break;
		skip_spaces(&r);
		c = peek(&r);
		if (c == '#' || c == '.') {
			r.pos++;
			start = r.pos;
			while (r.pos < r.n && !gm_space((unsigned char)r.s[r.pos])
			    && (!gm_punct((unsigned char)r.s[r.pos]) ||
			    strchr("_-:.", r.s[r.pos]) != NULL))
				r.pos++;
			v.k = V_STR;
			v.s = xstrndup(r.s + start, r.pos - start);
			if (c == '.') {
				attrs_add_class(&all, &v);
			} else {
				attrs_put(&all, "id", 2, &v, 0);
			}
		} else {
			if (c < 0 || !(gm_alpha(c) || c == '_' || c == ':'))
				goto rejected;
			start = r.pos;
			while (r.pos < r.n &&
			    gm_name_char((unsigned char)r.s[r.pos]))
				r.pos++;
			len = r.pos - start;
			skip_spaces(&r);
			if (peek(&r) != '=')
				goto rejected;
			r.pos++;
			skip_spaces(&r);
			rc = parse_value(&r, &v);
			if (rc == 0) {
				val_free(&v);
				goto rejected;
			}
			if (rc < 0) {
				buf_printf(err, "code block attribute '%.*s' "
				    "has a value Hugo cannot take (null or "
				    "{...})", (int)len, r.s + start);
				val_free(&v);
				attrs_free(&all);
				return -1;
			}
			if (len == 5 && strncmp(r.s + start, "class", 5) == 0 &&
			    v.k != V_STR) {
				val_free(&v);
				goto rejected;
			}
			if (len == 5 && strncmp(r.s + start, "class", 5) == 0)
				attrs_add_class(&all, &v);
			else
				attrs_put(&all, r.s + start, len, &v, 0);
		}
		skip_spaces(&r);
		if (peek(&r) == ',') {
			r.pos++;
			skip_spaces(&r);
		}
	}
	/* accepted: options (a later one wins) and HTML attributes */
	for (i = 0; i < all.n; i++) {
		struct attr *a = &all.v[i];

		if (strncasecmp(a->name, "on", 2) == 0)
			continue;
		if (is_option(a->name)) {
			attrs_put(opts, a->name, strlen(a->name), &a->v, 1);
		} else {
			char *p;

			for (p = a->name; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p + 32);
			attrs_put(html, a->name, strlen(a->name), &a->v, 0);
		}
		memset(&a->v, 0, sizeof(a->v));
	}
	attrs_free(&all);
	return 0;
rejected:
	attrs_free(&all);
	return 0;
}

/* Hugo's highlight.Config, as far as the HTML depends on it. */
struct cfg {
	int line_nos, table, anchor, inline_code, guess, code_fences;
	long start;
	char *hl_lines;			/* Hl_Lines, owned */
	long (*parsed)[2];		/* HL_lines_parsed, owned */
	size_t nparsed;
	char *anchors;			/* LineAnchors, owned */
};

static void
cfg_init(struct cfg *c, const struct site *site)
{
	memset(c, 0, sizeof(*c));
	c->table = 1;
	c->code_fences = 1;
	c->start = 1;
	if (site != NULL) {
		c->line_nos = site->hl_line_nos;
		c->table = site->hl_table;
		c->anchor = site->hl_anchor_line_nos;
		c->guess = site->hl_guess;
		c->code_fences = site->hl_code_fences;
		c->start = site->hl_line_start;
	}
	c->hl_lines = xstrdup(site != NULL && site->hl_lines != NULL ?
	    site->hl_lines : "");
	c->anchors = xstrdup(site != NULL && site->hl_line_anchors != NULL ?
	    site->hl_line_anchors : "");
}

static void
cfg_free(struct cfg *c)
{
	free(c->hl_lines);
	free(c->parsed);
	free(c->anchors);
}

/* mapstructure.WeakDecode's conversions; -1 where it fails. */
static int
decode_bool(const struct val *v, int *out)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true",
		"True" };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false",
		"False", "" };
	size_t i;

	switch (v->k) {
	case V_BOOL: *out = v->b; return 0;
	case V_NUM: *out = v->num != 0; return 0;
	case V_STR:
		for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
			if (strcmp(v->s, yes[i]) == 0) {
				*out = 1;
				return 0;
			}
		for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
			if (strcmp(v->s, no[i]) == 0) {
				*out = 0;
				return 0;
			}
		return -1;
	default:
		return -1;
	}
}

static int
parse_int(const char *s, long *out)
{
	char *end;

	if (*s == '\0') {
		*out = 0;
		return 0;
	}
	*out = bounded((double)strtol(s, &end, 0));
	return *end == '\0' ? 0 : -1;
}

static int
decode_int(const struct val *v, long *out)
{
	switch (v->k) {
	case V_BOOL: *out = v->b; return 0;
	case V_NUM: *out = bounded(v->num); return 0;
	case V_STR: return parse_int(v->s, out);
	default: return -1;
	}
}

static int
decode_str(const struct val *v, char **out)
{
	struct buf b = BUF_INIT;

	switch (v->k) {
	case V_BOOL: buf_puts(&b, v->b ? "1" : "0"); break;
	case V_NUM:
		if (v->num == (double)bounded(v->num))
			buf_printf(&b, "%ld", bounded(v->num));
		else
			buf_printf(&b, "%g", v->num);
		break;
	case V_STR: buf_puts(&b, v->s); break;
	default: return -1;
	}
	free(*out);
	*out = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return 0;
}

/* Hugo's normalizeHighlightOptions then WeakDecode over c. */
static int
apply_options(struct cfg *c, const struct attrs *o, struct buf *err)
{
	long base = 1, n;
	size_t i, k;
	int b;

	for (i = 0; i < o->n; i++)
		if (strcasecmp(o->v[i].name, "linenostart") == 0 &&
		    decode_int(&o->v[i].v, &n) == 0)
			base = n;
	for (i = 0; i < o->n; i++) {
		const char *key = o->v[i].name;
		const struct val *v = &o->v[i].v;
		int bad = 0;

		if (strcasecmp(key, "linenos") == 0) {
			if (v->k == V_STR) {
				if (strcmp(v->s, "table") == 0 ||
				    strcmp(v->s, "inline") == 0)
					c->table = strcmp(v->s, "table") == 0;
				c->line_nos = strcmp(v->s, "false") != 0;
			} else {
				bad = decode_bool(v, &c->line_nos);
			}
		} else if (strcasecmp(key, "linenumbersintable") == 0) {
			bad = decode_bool(v, &c->table);
		} else if (strcasecmp(key, "linenostart") == 0) {
			bad = decode_int(v, &c->start);
		} else if (strcasecmp(key, "hl_lines") == 0) {
			if (v->k == V_RANGES) {
				free(c->parsed);
				c->parsed = NULL;
				c->nparsed = 0;
				if (v->nr > 0) {
					c->parsed = xmalloc(v->nr *
					    sizeof(*c->parsed));
					for (k = 0; k < v->nr; k++) {
						c->parsed[k][0] = v->r[k][0] +
						    base;
						c->parsed[k][1] = v->r[k][1] +
						    base;
					}
					c->nparsed = v->nr;
				}
			} else {
				bad = decode_str(v, &c->hl_lines);
			}
		} else if (strcasecmp(key, "anchorlinenos") == 0) {
			bad = decode_bool(v, &c->anchor);
		} else if (strcasecmp(key, "lineanchors") == 0) {
			bad = decode_str(v, &c->anchors);
		} else if (strcasecmp(key, "hl_inline") == 0) {
			bad = decode_bool(v, &c->inline_code);
		} else if (strcasecmp(key, "guesssyntax") == 0) {
			bad = decode_bool(v, &c->guess);
		} else if (strcasecmp(key, "codefences") == 0) {
			bad = decode_bool(v, &c->code_fences);
		} else if (strcasecmp(key, "noclasses") == 0 ||
		    strcasecmp(key, "nohl") == 0) {
			bad = decode_bool(v, &b);
		} else if (strcasecmp(key, "tabwidth") == 0) {
			bad = decode_int(v, &n);
		} else if (strcasecmp(key, "style") == 0) {
			char *s = NULL;

			bad = decode_str(v, &s);
			free(s);
		}
		if (bad) {
			buf_printf(err, "highlight option '%s': a value Hugo "
			    "cannot decode", key);
			return -1;
		}
	}
	return 0;
}

/* Hugo's parseHightlightOptions: "k=v,k=v" (the shortcode's form). */
static int
string_options(const char *in, struct attrs *o, struct buf *err)
{
	const char *p = in, *end;

	while (*p == ' ')
		p++;
	end = p + strlen(p);
	while (end > p && end[-1] == ' ')
		end--;
	if (p == end)
		return 0;
	for (;;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma ? comma : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *ks = p, *ke = eq ? eq : stop;
		struct val v;

		while (ks < ke && *ks == ' ')
			ks++;
		while (ke > ks && ke[-1] == ' ')
			ke--;
		if (eq == NULL || memchr(eq + 1, '=', (size_t)(stop - eq - 1))) {
			buf_printf(err, "invalid Highlight option: %.*s",
			    (int)(ke - ks), ks);
			return -1;
		}
		memset(&v, 0, sizeof(v));
		v.k = V_STR;
		v.s = xstrndup(eq + 1, (size_t)(stop - eq - 1));
		attrs_put(o, ks, (size_t)(ke - ks), &v, 1);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

/* Hugo's hlLinesToRanges: "3-8 10", relative to the first line number. */
static void
string_ranges(const char *s, long start, long (**r)[2], size_t *nr)
{
	const char *p = s;

	*r = NULL;
	*nr = 0;
	while (*p) {
		size_t len = strcspn(p, " ");
		const char *dash = memchr(p, '-', len);
		long a, b;

		if (len == 0 || strspn(p, " \t\n\r\v\f") >= len) {
			p += len + (p[len] == ' ');
			continue;
		}
		{
			/* Go trims each field of white space */
			const char *fs = p, *fe = p + len;

			while (fs < fe && strchr(" \t\n\r\v\f", *fs))
				fs++;
			while (fe > fs && strchr(" \t\n\r\v\f", fe[-1]))
				fe--;
			dash = memchr(fs, '-', (size_t)(fe - fs));
			if (go_atoi(fs, dash ? (size_t)(dash - fs) :
			    (size_t)(fe - fs), &a) != 0)
				goto bad;
			b = a;
			if (dash != NULL) {
				const char *d2 = memchr(dash + 1, '-',
				    (size_t)(fe - dash - 1));

				if (go_atoi(dash + 1, (size_t)((d2 ? d2 : fe) -
				    dash - 1), &b) != 0)
					goto bad;
			}
		}
		*r = xrealloc(*r, (*nr + 1) * sizeof(**r));
		(*r)[*nr][0] = a + start - 1;
		(*r)[*nr][1] = b + start - 1;
		(*nr)++;
		p += len + (p[len] == ' ');
	}
	return;
bad:
	free(*r);
	*r = NULL;
	*nr = 0;
}

/* One piece of a line: a token, or the part of one on that line. */
struct piece {
	int type;
	const char *p;
	size_t n;
};

/* Chroma's SplitTokensIntoLines: pieces, and where each line starts
 * (lines[nlines] is one past the last piece). */
struct lines {
	struct piece *v;
	size_t n, cap;
	size_t *start;
	size_t nlines, lcap;
};

static void
add_piece(struct lines *l, int type, const char *p, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].type = type;
	l->v[l->n].p = p;
	l->v[l->n].n = n;
	l->n++;
}

static void
end_line(struct lines *l, size_t next)
{
	if (l->nlines + 2 > l->lcap) {
		l->lcap = l->lcap ? 2 * l->lcap : 64;
		l->start = xrealloc(l->start, l->lcap * sizeof(*l->start));
	}
	l->start[++l->nlines] = next;
}

static void
split_lines(const struct hl_tokens *t, struct lines *l)
{
	size_t i, line_first = 0;

	memset(l, 0, sizeof(*l));
	l->lcap = 64;
	l->start = xmalloc(l->lcap * sizeof(*l->start));
	l->start[0] = 0;
	for (i = 0; i < t->n; i++) {
		const char *p = t->text.data + t->v[i].off;
		size_t n = t->v[i].len;
		const char *nl;

		while ((nl = memchr(p, '\n', n)) != NULL) {
			size_t head = (size_t)(nl - p) + 1;

			add_piece(l, t->v[i].type, p, head);
			end_line(l, l->n);
			line_first = l->n;
			p += head;
			n -= head;
		}
		add_piece(l, t->v[i].type, p, n);
	}
	if (l->n > line_first)
		end_line(l, l->n);
	/* a last line of one empty piece is dropped */
	if (l->nlines > 0 && l->start[l->nlines] - l->start[l->nlines - 1] == 1
	    && l->v[l->start[l->nlines - 1]].n == 0)
		l->nlines--;
}

static void
lines_free(struct lines *l)
{
	free(l->v);
	free(l->start);
}

/* Hugo's preWrapper.Start: the pre (class="chroma" when formatted) and
 * the code naming the language. */
static void
pre_start(struct buf *out, int chroma, const char *lang, size_t llen)
{
	buf_puts(out, chroma ? "<pre tabindex=\"0\" class=\"chroma\"><code" :
	    "<pre tabindex=\"0\"><code");
	if (llen > 0) {
		buf_puts(out, " class=\"language-");
		hl_escape(out, lang, llen);
		buf_puts(out, "\" data-lang=\"");
		hl_escape(out, lang, llen);
		buf_puts(out, "\"");
	}
	buf_puts(out, ">");
}

static void
line_title(struct buf *out, const struct cfg *c, int digits, long line)
{
	struct buf num = BUF_INIT;
	int pad;

	buf_printf(&num, "%ld", line);
	for (pad = (int)num.len; pad < digits; pad++)
		buf_putc(out, ' ');
	if (c->anchor) {
		buf_puts(out, "<a class=\"lnlinks\" href=\"#");
		hl_escape(out, c->anchors, strlen(c->anchors));
		buf_printf(out, "%ld\">", line);
	}
	buf_add(out, num.data, num.len);
	if (c->anchor)
		buf_puts(out, "</a>");
	buf_free(&num);
}

static void
line_id(struct buf *out, const struct cfg *c, long line)
{
	if (!c->anchor)
		return;
	buf_puts(out, " id=\"");
	hl_escape(out, c->anchors, strlen(c->anchors));
	buf_printf(out, "%ld\"", line);
}

/* Chroma's shouldHighlight over ranges sorted by their start. */
static int
should_highlight(long (*r)[2], size_t nr, size_t *idx, long line)
{
	while (*idx < nr && line > r[*idx][1])
		(*idx)++;
	return *idx < nr && line >= r[*idx][0] && line <= r[*idx][1];
}

/* Chroma's HTML formatter (classes; Hugo's preWrapper) over tokens. */
static void
format(struct buf *out, const struct cfg *c, const struct hl_tokens *t,
    const char *lang, size_t llen)
{
	struct lines l;
	long (*r)[2] = NULL;
	size_t nr = 0, i, j, idx;
	int digits, table = c->line_nos && c->table;
	struct buf tmp = BUF_INIT;

	split_lines(t, &l);
	if (c->nparsed > 0) {
		r = xmalloc(c->nparsed * sizeof(*r));
		memcpy(r, c->parsed, c->nparsed * sizeof(*r));
		nr = c->nparsed;
	} else if (c->hl_lines[0] != '\0') {
		string_ranges(c->hl_lines, c->start, &r, &nr);
	}
	for (i = 1; i < nr; i++)		/* by start, stable */
		for (j = i; j > 0 && r[j][0] < r[j - 1][0]; j--) {
			long a = r[j][0], b = r[j][1];

			r[j][0] = r[j - 1][0];
			r[j][1] = r[j - 1][1];
			r[j - 1][0] = a;
			r[j - 1][1] = b;
		}
	buf_printf(&tmp, "%ld", c->start + (long)l.nlines - 1);
	digits = (int)tmp.len;
	buf_free(&tmp);

	if (table) {
		buf_puts(out, "<div class=\"chroma\">\n<table class=\"lntable\">"
		    "<tr><td class=\"lntd\">\n");
		pre_start(out, 1, NULL, 0);
		for (i = 0, idx = 0; i < l.nlines; i++) {
			long line = c->start + (long)i;
			int hl = should_highlight(r, nr, &idx, line);

			if (hl)
				buf_puts(out, "<span class=\"hl\">");
			buf_puts(out, "<span class=\"lnt\"");
			line_id(out, c, line);
			buf_puts(out, ">");
			line_title(out, c, digits, line);
			buf_puts(out, "\n</span>");
			if (hl)
				buf_puts(out, "</span>");
		}
		buf_puts(out, "</code></pre></td>\n<td class=\"lntd\">\n");
	}
	if (c->inline_code) {
		buf_puts(out, "<code class=\"code-inline language-");
		hl_escape(out, lang, llen);
		buf_puts(out, "\">");
	} else {
		pre_start(out, 1, lang, llen);
	}
	for (i = 0, idx = 0; i < l.nlines; i++) {
		long line = c->start + (long)i;
		int hl = should_highlight(r, nr, &idx, line);

		if (!c->inline_code) {
			buf_puts(out, hl ? "<span class=\"line hl\">" :
			    "<span class=\"line\">");
			if (c->line_nos && !table) {
				buf_puts(out, "<span class=\"ln\"");
				line_id(out, c, line);
				buf_puts(out, ">");
				line_title(out, c, digits, line);
				buf_puts(out, "</span>");
			}
			buf_puts(out, "<span class=\"cl\">");
		}
		for (j = l.start[i]; j < l.start[i + 1]; j++) {
			const char *cls = hl_token_class(l.v[j].type);

			if (*cls) {
				buf_puts(out, "<span class=\"");
				buf_puts(out, cls);
				buf_puts(out, "\">");
			}
			hl_escape(out, l.v[j].p, l.v[j].n);
			if (*cls)
				buf_puts(out, "</span>");
		}
		if (!c->inline_code)
			buf_puts(out, "</span></span>");
	}
	buf_puts(out, c->inline_code ? "</code>" : "</code></pre>");
	if (table)
		buf_puts(out, "</td></tr></table>\n</div>\n");
	free(r);
	lines_free(&l);
}

/* Hugo's writeDivStart: the first class attribute joins "highlight", the
 * other attributes follow (escaped here, where Hugo writes them raw). */
static void
div_start(struct buf *out, const struct attrs *html)
{
	size_t i;
	char *s = NULL;

	buf_puts(out, "<div class=\"highlight");
	for (i = 0; i < html->n; i++)
		if (strcmp(html->v[i].name, "class") == 0) {
			if (decode_str(&html->v[i].v, &s) == 0) {
				buf_putc(out, ' ');
				hl_escape(out, s, strlen(s));
			}
			break;
		}
	buf_putc(out, '"');
	for (i = 0; i < html->n; i++) {
		if (strcmp(html->v[i].name, "class") == 0)
			continue;
		buf_putc(out, ' ');
		hl_escape(out, html->v[i].name, strlen(html->v[i].name));
		buf_puts(out, "=\"");
		if (html->v[i].v.k == V_BOOL)
			buf_puts(out, html->v[i].v.b ? "true" : "false");
		else if (decode_str(&html->v[i].v, &s) == 0)
			hl_escape(out, s, strlen(s));
		buf_putc(out, '"');
	}
	buf_putc(out, '>');
	free(s);
}

/* Hugo's highlight(): the lexer for lang, the shape for none, the
 * formatted block for one. */
static void
highlight(struct buf *out, const char *code, size_t n, const char *lang,
    size_t llen, const struct attrs *html, const struct cfg *c,
    struct buf *warn)
{
	const struct hl_lexer *lx = NULL;
	struct hl_tokens t = HL_TOKENS_INIT;
	char *name = xstrndup(lang, llen);
	enum hl_lex_status st;

	if (llen > 0)
		lx = hl_lexer_get(name);
	if (lx == NULL && c->guess) {
		/* no analysers: Chroma's fallback lexer, as when none
		 * of them recognises the code */
		lx = hl_lexer_get("plaintext");
		lang = "fallback";
		llen = 8;
	}
	if (lx == NULL) {
		if (c->inline_code) {
			buf_puts(out, "<code class=\"code-inline language-");
			hl_escape(out, lang, llen);
			buf_puts(out, "\">");
		} else {
			pre_start(out, 0, lang, llen);
		}
		hl_escape(out, code, n);
		buf_puts(out, c->inline_code ? "</code>" : "</code></pre>");
		free(name);
		return;
	}
	st = hl_tokenise(lx, code, n, &t);
	if (warn != NULL && !hl_lexer_usable(lx) &&
	    strcmp(hl_lexer_name(lx), "plaintext") != 0)
		buf_printf(warn, "language '%s': Chroma's %s lexer is not "
		    "quire's (%s); the block is shown unhighlighted", name,
		    hl_lexer_name(lx), hl_lexer_why(lx));
	else if (warn != NULL && st == HL_LEX_BUDGET)
		buf_printf(warn, "a %zu-byte '%s' block is past the "
		    "highlighter's work bound; shown unhighlighted", n, name);
	else if (warn != NULL && st == HL_LEX_FAIL)
		buf_printf(warn, "Chroma's %s lexer needs a lexer quire does "
		    "not have for part of this block, or fails on it; shown "
		    "unhighlighted", hl_lexer_name(lx));
	if (!c->inline_code)
		div_start(out, html);
	format(out, c, &t, lang, llen);
	if (!c->inline_code)
		buf_puts(out, "</div>");
	hl_tokens_free(&t);
	free(name);
}

int
hl_fence_at(struct buf *out, const char *info, size_t ordinal,
    const char *code, size_t n, const struct site *site, struct buf *err,
    struct buf *warn)
{
	struct attrs opts = { NULL, 0 }, html = { NULL, 0 };
	struct buf text = BUF_INIT;
	struct cfg c;
	size_t llen;
	int rc = -1;

	if (info == NULL)
		info = "";
	/* Goldmark's language: up to the first space, then cut at '{' */
	llen = strcspn(info, " ");
	if (memchr(info, '{', llen) != NULL)
		llen = (size_t)((const char *)memchr(info, '{', llen) - info);
	cfg_init(&c, site);
	if (!c.code_fences) {
		rc = 0;
		goto out;
	}
	if (fence_attrs(info, &opts, &html, err) != 0 ||
	    apply_options(&c, &opts, err) != 0)
		goto out;
	if (c.anchors[0] == '\0') {
		free(c.anchors);
		buf_printf(&text, "hl-%zu", ordinal);
		c.anchors = buf_detach(&text);
	}
	if (c.anchors[0] != '\0') {
		buf_puts(&text, c.anchors);
		buf_putc(&text, '-');
		free(c.anchors);
		c.anchors = buf_detach(&text);
	}
	/* Hugo's code: the block's text less its trailing newlines, then
	 * one newline (none for an empty block) */
	while (n > 0 && (code[n - 1] == '\n' || code[n - 1] == '\r'))
		n--;
	buf_add(&text, code, n);
	if (n > 0)
		buf_putc(&text, '\n');
	highlight(out, text.len ? text.data : "", text.len, info, llen, &html,
	    &c, warn);
	rc = 0;
out:
	buf_free(&text);
	attrs_free(&opts);
	attrs_free(&html);
	cfg_free(&c);
	return rc;
}

int
hl_fence(struct buf *out, const char *info, const char *code, size_t n,
    const struct site *site, struct buf *err)
{
	return hl_fence_at(out, info, 0, code, n, site, err, NULL);
}

int
hl_code_warn(struct buf *out, const char *lang, const char *options,
    const char *code, size_t n, const struct site *site, struct buf *err,
    struct buf *warn)
{
	struct attrs opts = { NULL, 0 }, html = { NULL, 0 };
	struct cfg c;
	int rc = -1;

	if (lang == NULL)
		lang = "";
	cfg_init(&c, site);
	if (options != NULL && (string_options(options, &opts, err) != 0 ||
	    apply_options(&c, &opts, err) != 0))
		goto out;
	if (c.anchors[0] != '\0') {
		struct buf a = BUF_INIT;

		buf_puts(&a, c.anchors);
		buf_putc(&a, '-');
		free(c.anchors);
		c.anchors = buf_detach(&a);
	}
	highlight(out, code, n, lang, strlen(lang), &html, &c, warn);
	rc = 0;
out:
	attrs_free(&opts);
	attrs_free(&html);
	cfg_free(&c);
	return rc;
}

int
hl_code(struct buf *out, const char *lang, const char *options,
    const char *code, size_t n, const struct site *site, struct buf *err)
{
	return hl_code_warn(out, lang, options, code, n, site, err, NULL);
}
