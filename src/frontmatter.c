/* frontmatter.c - reads Hugo front matter (YAML, TOML or JSON, through
 * yamldoc.h), checking each value's type as Hugo would. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"
#include "unicode.h"
#include "url.h"
#include "yamldoc.h"

/* Line (1-based) of byte offset off in text. */
static size_t
line_of(const char *text, size_t off)
{
	size_t line = 1, i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* Finds the end of a line starting at p: returns the length without
 * the newline (and a CR before it). */
static size_t
line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

	if (len > 0 && p[len - 1] == '\r')
		len--;
	return len;
}

/* Is the line p (len bytes) the delimiter delim, trailing blanks allowed? */
static int
is_delim(const char *p, size_t len, const char *delim)
{
	size_t d = strlen(delim);

	if (len < d || memcmp(p, delim, d) != 0)
		return 0;
	for (; d < len; d++)
		if (p[d] != ' ' && p[d] != '\t')
			return 0;
	return 1;
}

/* Steps p past the line it starts (its newline, and a CR before it). */
static const char *
next_line(const char *p, const char *end)
{
	p += line_len(p, end);
	if (p < end && *p == '\r')
		p++;
	if (p < end)
		p++;
	return p;
}

/* The end of JSON front matter starting at the '{' p, by Hugo's rule:
 * braces are counted outside double quotes, a backslash hides the
 * character after it, and the first brace that closes the outermost one
 * ends it. NULL if none does. */
static const char *
json_end(const char *p, const char *end)
{
	int level = 0, quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\\')
			p++;
		else if (*p == '{' && !quoted)
			level++;
		else if (*p == '}' && !quoted && --level == 0)
			return p + 1;
	}
	return NULL;
}

/* The front matter that starts at p (line line), if any, as
 * find_front_matter() says; *body is left alone when there is none. */
static int
delimited(const char *name, const char *p, const char *end, size_t line,
    enum yamldoc_format *fmt, const char **start, const char **stop,
    size_t *first_line, const char **body, struct buf *err)
{
	const char *q, *delim;
	size_t len;

	/* No front matter: the body keeps its leading blanks (after a
	 * byte-order mark), which may indent a code block. */
	if (p == end || (*p != '-' && *p != '+' && *p != '{'))
		return 0;
	if (*p == '{') {
		if ((q = json_end(p, end)) == NULL) {
			buf_printf(err, "%s:%zu: JSON front matter opened with "
			    "'{' is never closed", name, line);
			return -1;
		}
		*fmt = YAMLDOC_JSON;
		*start = p;
		*stop = q;
		*first_line = line;
		/* Hugo takes the line break after the brace with it. */
		if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
			q++;
		if (q < end && *q == '\n')
			q++;
		*body = q;
		return 0;
	}
	delim = *p == '-' ? "---" : "+++";
	*fmt = *p == '-' ? YAMLDOC_YAML : YAMLDOC_TOML;
	len = line_len(p, end);
	if (len < 3 || memcmp(p, delim, 3) != 0) {
		/* A list item, say: Hugo stops its build on such a page. */
		buf_printf(err, "%s:%zu: invalid %s delimiter: a page that "
		    "starts with '%c' must start with '%s', its front matter "
		    "(Hugo 0.111 stops its build on this page too)", name, line,
		    yamldoc_format_name(*fmt), *p, delim);
		return -1;
	}
	if (!is_delim(p, len, delim)) {
		buf_printf(err, "%s:%zu: '%s' must stand alone on the line "
		    "that opens the front matter", name, line, delim);
		return -1;
	}
	*first_line = line + 1;
	*start = p = next_line(p, end);
	while (p < end) {
		len = line_len(p, end);
		if (is_delim(p, len, delim) || (*fmt == YAMLDOC_YAML &&
		    is_delim(p, len, "..."))) {
			*stop = p;
			*body = next_line(p, end);
			return 0;
		}
		p = next_line(p, end);
	}
	buf_printf(err, "%s:%zu: front matter opened with '%s' is never "
	    "closed", name, line, delim);
	return -1;
}

/* Finds a page's front matter as Hugo 0.111 does: after blank space (and
 * a byte-order mark), '---' opens YAML and '+++' TOML, each closed by the
 * same line; '{' opens JSON, closed by its matching brace. A line opening
 * an HTML comment ("<!--") before it is skipped (the comment may hide
 * the front matter); the body then starts after the next "-->". Any other
 * '<' there is an error, as in Hugo ("plain HTML documents not
 * supported"). Sets *start and *stop around the text to parse (*start
 * NULL when the page has none), *fmt, *first_line (the file line of
 * *start) and *body. Returns 0, or -1 with "NAME:LINE: what" in err. */
static int
find_front_matter(const char *name, const char *text, size_t n,
    enum yamldoc_format *fmt, const char **start, const char **stop,
    size_t *first_line, const char **body, struct buf *err)
{
	const char *end = text + n, *p = text, *from, *q;
	size_t line = 1, comment_line = 0;

	*start = *stop = NULL;
	*body = p;
	for (;;) {
		if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			*body = p += 3;
		else if (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		else if (p < end && *p == '\n')
			p++, line++;
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			/* Hugo's lexer skips the rest of the line. */
			if (comment_line == 0)
				comment_line = line;
			p = next_line(p, end);
			if (p[-1] == '\n')
				line++;
		} else
			break;
	}
	if (p < end && *p == '<') {
		buf_printf(err, "%s:%zu: a page must not start with HTML: Hugo "
		    "0.111 stops its build on it (\"plain HTML documents not "
		    "supported\"); an HTML file starting so is a file, not a "
		    "page", name, line);
		return -1;
	}
	if (delimited(name, p, end, line, fmt, start, stop, first_line, body,
	    err) != 0)
		return -1;
	if (comment_line == 0)
		return 0;
	from = *start != NULL ? *body : p;
	q = memmem(from, (size_t)(end - from), "-->", 3);
	if (q == NULL) {
		buf_printf(err, "%s:%zu: the HTML comment opened here is never "
		    "closed by '-->' (Hugo 0.111 stops its build on this page "
		    "too)", name, comment_line);
		return -1;
	}
	*body = q + 3;
	return 0;
}

/* A string value holding a NUL byte (a YAML or TOML escape), as Hugo
 * 0.111 takes it: a url stops its build (an error here); a slug loses
 * the NUL (the URL is made without it); any other string shows it as
 * U+FFFD, as Go's templates print it. Each is said in a warning.
 * Returns the string to keep (malloc'd), or NULL with err set. */
static char *
take_nul_string(const char *s, size_t n, const char *key, const char *name,
    size_t line, struct buf *err, struct buf *warn)
{
	struct buf b = BUF_INIT;
	size_t i;
	int drop = strcmp(key, "slug") == 0;

	if (strcmp(key, "url") == 0) {
		buf_printf(err, "%s:%zu: 'url' holds a NUL byte, which no URL "
		    "can (Hugo 0.111 stops its build on it)", name, line);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (s[i] != '\0')
			buf_putc(&b, s[i]);
		else if (!drop)
			buf_puts(&b, "\xEF\xBF\xBD");
	}
	buf_printf(warn, "%s:%zu: '%s' holds a NUL byte; %s, as in Hugo\n",
	    name, line, key, drop ? "it is left out of the URL" :
	    "it shows as U+FFFD");
	return buf_detach(&b);
}

static int
get_string(struct yamldoc *y, yaml_node_t *map, const char *key,
    char **out, const char *name, struct buf *err, struct buf *warn)
{
	yaml_node_t *node = yamldoc_get(y, map, key);
	const char *s;

	if (node == NULL)
		return 0;
	s = yamldoc_scalar(node);
	if (s == NULL) {
		buf_printf(err, "%s:%zu: '%s' must be a string", name,
		    yamldoc_line(y, node), key);
		return -1;
	}
	if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (strcmp(s, "~") == 0 || strcasecmp(s, "null") == 0 || *s == '\0'))
		return 0;
	if (memchr(s, '\0', node->data.scalar.length) != NULL) {
		*out = take_nul_string(s, node->data.scalar.length, key, name,
		    yamldoc_line(y, node), err, warn);
		return *out != NULL ? 0 : -1;
	}
	*out = xstrdup(s);
	return 0;
}

/* Whether node is a YAML null (~, null, or nothing). */
static int
is_null(yaml_node_t *node)
{
	const char *s = yamldoc_scalar(node);

	return s != NULL && node->data.scalar.style ==
	    YAML_PLAIN_SCALAR_STYLE && (*s == '\0' || strcmp(s, "~") == 0 ||
	    strcasecmp(s, "null") == 0);
}

struct kv {
	const char *key;
	yaml_node_t *value;
};

static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

/* An author printed from a list or map longer than this is cut: a name
 * line, not a document (aliases could make it gigabytes). */
#define GO_PRINT_MAX 4096

/* Appends node as Go's fmt prints the value a template shows: a list as
 * "[a b]", a map as "map[k:v]" with its keys sorted; nothing more once
 * out holds GO_PRINT_MAX bytes. */
static void
go_print(struct yamldoc *y, yaml_node_t *node, struct buf *out, int depth)
{
	size_t i, n;

	if (node == NULL || depth > 8 || out->len >= GO_PRINT_MAX)
		return;
	if (yamldoc_scalar(node) != NULL) {
		if (is_null(node))
			buf_puts(out, "<nil>");
		else
			buf_puts(out, yamldoc_scalar(node));
	} else if (node->type == YAML_SEQUENCE_NODE) {
		buf_putc(out, '[');
		for (i = 0; i < yamldoc_seq_len(node); i++) {
			if (i > 0)
				buf_putc(out, ' ');
			go_print(y, yamldoc_seq_item(y, node, i), out,
			    depth + 1);
		}
		buf_putc(out, ']');
	} else if (node->type == YAML_MAPPING_NODE) {
		struct kv *kv;

		n = yamldoc_map_len(node);
		kv = xmalloc((n ? n : 1) * sizeof(*kv));
		for (i = 0; i < n; i++) {
			const char *k = yamldoc_scalar(yamldoc_map_key(y, node,
			    i));

			kv[i].key = k ? k : "";
			kv[i].value = yamldoc_map_value(y, node, i);
		}
		qsort(kv, n, sizeof(*kv), kv_cmp);
		buf_puts(out, "map[");
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_putc(out, ' ');
			buf_puts(out, kv[i].key);
			buf_putc(out, ':');
			go_print(y, kv[i].value, out, depth + 1);
		}
		buf_putc(out, ']');
		free(kv);
	}
}

void
fm_author(struct yamldoc *y, yaml_node_t *node, struct buf *out)
{
	size_t i, n;
	const char *s;

	if (node == NULL || is_null(node))
		return;
	s = yamldoc_scalar(node);
	if (s != NULL) {
		/* A false value is no author: the site's is shown. */
		if (strcmp(s, "false") != 0 || node->data.scalar.style !=
		    YAML_PLAIN_SCALAR_STYLE)
			buf_puts(out, s);
		return;
	}
	if (node->type != YAML_SEQUENCE_NODE) {
		if (yamldoc_map_len(node) > 0)
			go_print(y, node, out, 0);
		return;
	}
	/* Hugo's delimit: an item that is no string is skipped, with the
	 * separator it would have had. */
	n = yamldoc_seq_len(node);
	for (i = 0; i < n; i++) {
		yaml_node_t *item = yamldoc_seq_item(y, node, i);

		if (yamldoc_scalar(item) == NULL)
			continue;
		if (!is_null(item))
			buf_puts(out, yamldoc_scalar(item));
		if (i + 1 < n)
			buf_puts(out, ", ");
	}
}

/* Reads author: a string, or a list PaperMod joins with ", ". */
static void
get_author(struct yamldoc *y, yaml_node_t *map, char **out)
{
	struct buf b = BUF_INIT;

	fm_author(y, yamldoc_get(y, map, "author"), &b);
	if (b.len > 0)
		*out = buf_detach(&b);
	buf_free(&b);
}

/* Whether s is a YAML 1.1 decimal integer that fits *v. */
static int
plain_int(const char *s, long long *v)
{
	const char *p = s + (*s == '-' || *s == '+');
	char *end;

	if (!isdigit((unsigned char)*p) || strchr(p, '_') != NULL)
		return 0;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return *end == '\0' && errno == 0;
}

static int
get_date(struct yamldoc *y, yaml_node_t *map, const char *key,
    struct qdate *d, int *has, const char *name, struct buf *err)
{
	yaml_node_t *node = yamldoc_get(y, map, key);
	const char *s;

	if (node == NULL)
		return 0;
	s = yamldoc_scalar(node);
	if (s != NULL && *s == '\0')
		return 0;
	if (s != NULL && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    plain_int(s, &d->t)) {
		/* A YAML integer: Hugo (spf13/cast) reads Unix seconds, shown
		 * in the zone Hugo runs in; quire takes UTC. */
		d->offset = 0;
	} else if (s == NULL || date_parse(s, d) != 0) {
		buf_printf(err, "%s:%zu: '%s' is not a date Hugo can read "
		    "(use 2006-01-02 or 2006-01-02T15:04:05-07:00)", name,
		    yamldoc_line(y, node), key);
		return -1;
	}
	/* Go's zero time, 0001-01-01T00:00:00Z, is Hugo's "no date". */
	*has = d->t != -62135596800LL;
	return 0;
}

/* Appends the n bytes of s for a one-line message: a NUL as \0 and other
 * control bytes as \xNN. */
static void
put_shown(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0)
			buf_puts(b, "\\0");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, (char)c);
	}
}

/* Checks one term (what: "tag") of taxonomy key ("tags"), the n bytes of
 * s (a YAML escape may put a NUL in them) on line. Sets *out to the term to store
 * (malloc'd), or NULL when it is left out with a warning because it can
 * have no page. Returns -1 (err set) on "..", which stops Hugo's build. */
static int
take_term(const char *s, size_t n, const char *key, const char *what,
    const char *name, size_t line, char **out, struct buf *err,
    struct buf *warn)
{
	struct buf term = BUF_INIT, slug = BUF_INIT;
	size_t i;
	int nul = 0, rc = 0;

	*out = NULL;
	/* Hugo keeps a NUL (its page is the urlize without it: "a\0b" is
	 * /tags/ab/) and its templates print it as U+FFFD: store that. */
	for (i = 0; i < n; i++) {
		if (s[i] == '\0') {
			buf_puts(&term, "\xEF\xBF\xBD");
			nul = 1;
		} else {
			buf_putc(&term, s[i]);
		}
	}
	url_term_slug(&slug, buf_cstr(&term));
	if (slug.len == 0) {
		buf_reset(&slug);
		url_urlize(&slug, buf_cstr(&term));
		if (strcmp(buf_cstr(&slug), "..") == 0) {
			buf_printf(err, "%s:%zu: %s '", name, line, what);
			put_shown(err, s, n);
			buf_puts(err, "' can have no page, as its URL would be "
			    "its parent's (Hugo 0.111 stops its build on it)");
			rc = -1;
		} else {
			buf_printf(warn, "%s:%zu: %s '", name, line, what);
			put_shown(warn, s, n);
			buf_printf(warn, "' can have no page: its URL would be "
			    "/%s/%s/; left out, as Hugo leaves it out\n", key,
			    buf_cstr(&slug));
		}
		goto out;
	}
	if (nul) {
		buf_printf(warn, "%s:%zu: %s '", name, line, what);
		put_shown(warn, s, n);
		buf_printf(warn, "' holds a NUL byte; its page is /%s/%s/, as "
		    "in Hugo\n", key, buf_cstr(&slug));
	}
	*out = buf_detach(&term);
out:
	buf_free(&term);
	buf_free(&slug);
	return rc;
}

/* Hugo's list values (taxonomies, aliases): a list of strings, or one
 * string kept whole (with a warning for a taxonomy). term names a
 * taxonomy's term in messages ("tag"), and its terms are checked with
 * take_term(); it is NULL for aliases, where a NUL is an error. */
static int
get_list(struct yamldoc *y, yaml_node_t *map, const char *key,
    char ***out, size_t *count, const char *name, const char *term,
    struct buf *err, struct buf *warn)
{
	yaml_node_t *node = yamldoc_get(y, map, key), *item;
	size_t i, n = 1;
	char *s;

	if (node == NULL)
		return 0;
	if (yamldoc_scalar(node) != NULL) {
		if (node->data.scalar.length == 0)
			return 0;
		if (term != NULL)
			buf_printf(warn, "%s:%zu: '%s' is one string, so it is "
			    "one %s (write a list: [a, b])\n", name,
			    yamldoc_line(y, node), key, term);
	} else if (node->type == YAML_SEQUENCE_NODE) {
		n = yamldoc_seq_len(node);
	} else {
		buf_printf(err, "%s:%zu: '%s' must be a list of strings", name,
		    yamldoc_line(y, node), key);
		return -1;
	}
	*out = xmalloc((n ? n : 1) * sizeof(char *));
	for (i = 0; i < n; i++) {
		item = node->type == YAML_SEQUENCE_NODE ?
		    yamldoc_seq_item(y, node, i) : node;
		if (yamldoc_scalar(item) == NULL) {
			buf_printf(err, "%s:%zu: each of '%s' must be a string",
			    name, yamldoc_line(y, item), key);
			return -1;
		}
		if (item->data.scalar.length == 0)
			continue;
		if (term != NULL) {
			if (take_term(yamldoc_scalar(item),
			    item->data.scalar.length, key, term, name,
			    yamldoc_line(y, item), &s, err, warn) != 0)
				return -1;
			if (s == NULL)
				continue;
		} else if (strlen(yamldoc_scalar(item)) !=
		    item->data.scalar.length) {
			buf_printf(err, "%s:%zu: each of '%s' must be a string "
			    "without NUL bytes", name, yamldoc_line(y, item), key);
			return -1;
		} else {
			s = xstrdup(yamldoc_scalar(item));
		}
		(*out)[(*count)++] = s;
	}
	return 0;
}

static int
get_bool(struct yamldoc *y, yaml_node_t *map, const char *key, int *out,
    const char *name, struct buf *err)
{
	yaml_node_t *node = yamldoc_get(y, map, key);
	const char *s;

	if (node == NULL)
		return 0;
	s = yamldoc_scalar(node);
	if (s != NULL && (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0 ||
	    strcasecmp(s, "t") == 0)) {
		*out = 1;
		return 0;
	}
	if (s != NULL && (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0 ||
	    strcasecmp(s, "f") == 0 || *s == '\0')) {
		*out = 0;
		return 0;
	}
	buf_printf(err, "%s:%zu: '%s' must be true or false", name,
	    yamldoc_line(y, node), key);
	return -1;
}

/* Go's strconv.ParseInt(s, 0, 64), as spf13/cast reads a string: an
 * optional sign, then 0x, 0o, 0b or a leading 0 (octal), or decimal
 * digits; '_' only between digits (a base prefix counts as one). Returns
 * 0 with *v set; 1 when s is an integer beyond int64 but within uint64,
 * with *v its uint64 wrapped (Go's int(uint64)); 2 beyond that; -1 when
 * s is no integer. */
static int
go_parse_int(const char *s, long long *v)
{
	const char *p = s;
	unsigned long long u = 0;
	int neg = 0, base = 10, digits = 0, prev = 0, big = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16;
	else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
		base = 8;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2;
	if (base != 10) {
		p += 2;
		prev = 1;
	} else if (p[0] == '0' && p[1] != '\0') {
		base = 8;
		p++;
		prev = digits = 1;
	}
	for (; *p != '\0'; p++) {
		int d;

		if (*p == '_') {
			if (!prev)
				return -1;
			prev = 0;
			continue;
		}
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			return -1;
		if (d >= base)
			return -1;
		if (u > (~0ULL - (unsigned)d) / (unsigned)base)
			big = 1;
		u = u * (unsigned)base + (unsigned)d;
		prev = digits = 1;
	}
	if (!digits || !prev)
		return -1;
	if (big || (neg && u > 1ULL << 63))
		return 2;
	if (neg) {
		*v = u == 1ULL << 63 ? LLONG_MIN : -(long long)u;
		return 0;
	}
	*v = (long long)u;
	return u > (unsigned long long)LLONG_MAX;
}

/* Whether s is a float as YAML 1.1 (go-yaml v2) resolves a plain
 * scalar: [-+]?(.D+|D+(.D*)?)([eE][-+]?D+)?, or .inf or .nan. */
static int
yaml_float(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t n = 0;

	if (strcmp(p, ".inf") == 0 || strcmp(p, ".Inf") == 0 ||
	    strcmp(p, ".INF") == 0 || strcmp(s, ".nan") == 0 ||
	    strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0)
		return 1;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++)
			n++;
		if (n == 0)
			return 0;
	} else {
		for (; isdigit((unsigned char)*p); p++)
			n++;
		if (n == 0)
			return 0;
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		p += *p == '-' || *p == '+';
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

/* Go's int(f) on amd64: toward zero; NaN and what int64 cannot hold
 * give its least value. */
static long long
go_float_int(double f)
{
	if (!(f > -9223372036854775808.0 - 1.0 && f < 9223372036854775808.0))
		return LLONG_MIN;
	return (long long)f;
}

/* A YAML 1.1 boolean (go-yaml v2): 1 true, 0 false, -1 neither. */
static int
yaml_bool(const char *s)
{
	static const char *const yes[] = { "y", "Y", "yes", "Yes", "YES",
	    "true", "True", "TRUE", "on", "On", "ON" };
	static const char *const no[] = { "n", "N", "no", "No", "NO",
	    "false", "False", "FALSE", "off", "Off", "OFF" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0)
			return 1;
		if (strcmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Front-matter weight as Hugo 0.111 reads it (spf13/cast's ToInt of the
 * value its YAML, TOML or JSON reader made): an integer; a float toward
 * zero; a boolean as 1 or 0; a string read as Go reads an integer
 * ("0x10", "1_000"; "2.00" as 2); anything else, and a string that is no
 * integer, 0 (unset). Hugo says nothing of a value it turns into
 * another: quire warns, naming the value it takes. */
static void
get_weight(struct yamldoc *y, yaml_node_t *map, long long *out,
    const char *name, struct buf *warn)
{
	yaml_node_t *node = yamldoc_get(y, map, "weight");
	const char *s, *what = NULL;
	struct buf plain = BUF_INIT;
	long long v = 0;
	int b, r;

	*out = 0;
	if (node == NULL || is_null(node))
		return;
	s = yamldoc_scalar(node);
	if (s == NULL || strlen(s) != node->data.scalar.length) {
		what = "is not a number";
	} else if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		/* A string: cast trims a decimal point followed by zeros
		 * only, then parses; a failure is 0. */
		size_t n = strlen(s), i = n;
		int zero = 0;

		while (i > 0 && s[i - 1] == '0') {
			zero = 1;
			i--;
		}
		if (zero && i > 0 && s[i - 1] == '.')
			n = i - 1;
		buf_add(&plain, s, n);
		r = go_parse_int(buf_cstr(&plain), &v);
		if (r != 0) {
			v = 0;
			what = "is not an integer";
		}
	} else if ((b = yaml_bool(s)) >= 0) {
		v = b;
		what = "is a boolean";
	} else {
		const char *p;

		/* go-yaml drops a plain number's underscores. */
		for (p = s; *p != '\0'; p++)
			if (*p != '_')
				buf_putc(&plain, *p);
		r = go_parse_int(buf_cstr(&plain), &v);
		if (r == 1) {
			what = "is beyond a 64-bit integer";
		} else if (r == 2 || (r < 0 && yaml_float(buf_cstr(&plain)))) {
			double f = strtod(buf_cstr(&plain), NULL);

			/* strtod reads "inf" and "nan", not YAML's ".inf". */
			if (strstr(s, "nan") || strstr(s, "NaN") ||
			    strstr(s, "NAN"))
				f = NAN;
			else if (strstr(s, "inf") || strstr(s, "Inf") ||
			    strstr(s, "INF"))
				f = *s == '-' ? -INFINITY : INFINITY;
			v = go_float_int(f);
			if (r == 2 || v == LLONG_MIN)
				what = "is beyond a 64-bit integer";
			else if ((double)v != f)
				what = "is not a whole number";
		} else if (r < 0) {
			v = 0;
			what = "is not a number";
		}
	}
	if (what != NULL)
		buf_printf(warn, "%s:%zu: 'weight' %s: it is read as %lld, as "
		    "Hugo reads it%s\n", name, yamldoc_line(y, node), what, v,
		    v == 0 ? " (no weight)" : "");
	*out = v;
	buf_free(&plain);
}

static char *const default_plurals[] = { "tags", "categories" };
static char *const default_singulars[] = { "tag", "category" };

/* Reads Hugo's _build mapping node (found as key, in name) into b:
 * render always/never/link, list always/never/local (true and false
 * are always and never, as Hugo decodes them), publishResources. */
static int
read_build(struct yamldoc *y, yaml_node_t *node, const char *key,
    struct fm_build *b, const char *name, struct buf *err)
{
	static const char *const renders[] = { "always", "never", "link" };
	static const char *const lists[] = { "always", "never", "local" };
	const char *const *words[2] = { renders, lists };
	const char *keys[2] = { "render", "list" };
	int *out[2] = { &b->render, &b->list };
	yaml_node_t *v;
	const char *s;
	size_t k, i;

	b->set = 1;
	b->line = yamldoc_line(y, node);
	b->render = FM_RENDER_ALWAYS;
	b->list = FM_LIST_ALWAYS;
	b->publish_resources = 1;
	if (node->type != YAML_MAPPING_NODE) {
		buf_printf(err, "%s:%zu: '%s' must be a mapping (render, "
		    "list, publishResources)", name, b->line, key);
		return -1;
	}
	for (k = 0; k < 2; k++) {
		v = yamldoc_get(y, node, keys[k]);
		if (v == NULL)
			continue;
		s = yamldoc_scalar(v);
		for (i = 0; s != NULL && i < 3; i++)
			if (strcasecmp(s, words[k][i]) == 0)
				break;
		if (s != NULL && i == 3 && strcasecmp(s, "true") == 0)
			i = 0;
		else if (s != NULL && i == 3 && strcasecmp(s, "false") == 0)
			i = 1;
		if (s == NULL || i == 3) {
			buf_printf(err, "%s:%zu: '%s.%s' must be %s, %s or %s",
			    name, yamldoc_line(y, v), key, keys[k],
			    words[k][0], words[k][1], words[k][2]);
			return -1;
		}
		*out[k] = (int)i;
	}
	return get_bool(y, node, "publishResources", &b->publish_resources,
	    name, err);
}

/* Reads _build, headless and a cascade's _build (a mapping, or the
 * first entry of a list without _target; one with _target is not
 * applied, with a warning) into fm. */
static int
get_build(struct yamldoc *y, yaml_node_t *root, struct frontmatter *fm,
    const char *name, struct buf *err, struct buf *warn)
{
	yaml_node_t *node = yamldoc_get(y, root, "_build"), *c, *item, *b;
	size_t i;

	if (node != NULL && read_build(y, node, "_build", &fm->build, name,
	    err) != 0)
		return -1;
	node = yamldoc_get(y, root, "headless");
	if (node != NULL) {
		if (get_bool(y, root, "headless", &fm->headless, name, err))
			return -1;
		fm->headless_line = yamldoc_line(y, node);
	}
	c = yamldoc_get(y, root, "cascade");
	if (c == NULL)
		return 0;
	if (c->type == YAML_MAPPING_NODE) {
		b = yamldoc_get(y, c, "_build");
		return b != NULL ? read_build(y, b, "cascade._build",
		    &fm->cascade, name, err) : 0;
	}
	for (i = 0; c->type == YAML_SEQUENCE_NODE &&
	    i < yamldoc_seq_len(c); i++) {
		item = yamldoc_seq_item(y, c, i);
		if (item == NULL || item->type != YAML_MAPPING_NODE ||
		    (b = yamldoc_get(y, item, "_build")) == NULL)
			continue;
		if (yamldoc_get(y, item, "_target") != NULL) {
			buf_printf(warn, "%s:%zu: cascade._build with _target: "
			    "quire does not apply it (it applies a cascade's "
			    "_build to every page of the section)\n", name,
			    yamldoc_line(y, b));
			continue;
		}
		if (!fm->cascade.set && read_build(y, b, "cascade._build",
		    &fm->cascade, name, err) != 0)
			return -1;
	}
	return 0;
}

/* Hugo's per-page outputs: a list of output formats without HTML (a
 * page published as JSON alone) has no HTML page in Hugo, while quire
 * serves every page as HTML: say so. */
static void
warn_outputs(struct yamldoc *y, yaml_node_t *map, const char *name,
    struct buf *warn)
{
	yaml_node_t *node = yamldoc_get(y, map, "outputs");
	size_t i, n;

	if (node == NULL || node->type != YAML_SEQUENCE_NODE)
		return;
	n = yamldoc_seq_len(node);
	for (i = 0; i < n; i++) {
		const char *f = yamldoc_scalar(yamldoc_seq_item(y, node, i));

		if (f != NULL && strcasecmp(f, "html") == 0)
			return;
	}
	buf_printf(warn, "%s:%zu: 'outputs' has no html: Hugo makes no HTML "
	    "page of it, quire serves one (other output formats are not "
	    "made)\n", name, yamldoc_line(y, node));
}

int
fm_parse(const char *name, const char *text, size_t n,
    struct frontmatter *fm, struct buf *err, struct buf *warn)
{
	return fm_parse_terms(name, text, n, default_plurals,
	    default_singulars, 2, fm, err, warn);
}

char **
fm_terms(const struct frontmatter *fm, const char *plural, size_t *n)
{
	size_t i;

	for (i = 0; i < fm->ntaxonomies; i++)
		if (strcmp(fm->plurals[i], plural) == 0) {
			*n = fm->nterms[i];
			return fm->terms[i];
		}
	*n = 0;
	return NULL;
}

int
fm_parse_terms(const char *name, const char *text, size_t n,
    char *const *plurals, char *const *singulars, size_t ntaxonomies,
    struct frontmatter *fm, struct buf *err, struct buf *warn)
{
	size_t t;
	const char *end = text + n, *fm_start, *fm_end;
	enum yamldoc_format fmt;
	struct yamldoc y;
	yaml_node_t *root;
	size_t first_line;
	int rc = -1;

	memset(fm, 0, sizeof(*fm));
	fm->cjk = -1;
	memset(&y, 0, sizeof(y));
	fm->plurals = plurals;
	fm->ntaxonomies = ntaxonomies;
	fm->terms = xmalloc((ntaxonomies ? ntaxonomies : 1) *
	    sizeof(char **));
	fm->nterms = xmalloc((ntaxonomies ? ntaxonomies : 1) *
	    sizeof(size_t));
	for (t = 0; t < ntaxonomies; t++) {
		fm->terms[t] = NULL;
		fm->nterms[t] = 0;
	}
	if (memchr(text, '\0', n) != NULL) {
		buf_printf(err, "%s:%zu: binary data (a NUL byte) in a Markdown "
		    "file", name, line_of(text, (size_t)((const char *)
		    memchr(text, '\0', n) - text)));
		return -1;
	}
	if (!uni_valid(text, n)) {
		size_t i = 0, l;
		unsigned long cp;

		while (i < n) {
			l = uni_next(text + i, n - i, &cp);
			if (cp == 0xFFFD && l == 1 &&
			    (unsigned char)text[i] >= 0x80)
				break;
			i += l;
		}
		buf_printf(err, "%s:%zu: not valid UTF-8", name,
		    line_of(text, i));
		return -1;
	}
	if (find_front_matter(name, text, n, &fmt, &fm_start, &fm_end,
	    &first_line, &fm->body, err) != 0)
		return -1;
	fm->body_len = (size_t)(end - fm->body);
	if (fm_start == NULL) {
		buf_printf(warn, "%s:1: no front matter (no title, no date)\n",
		    name);
		return 0;
	}
	{
		struct buf yerr = BUF_INIT;

		if (yamldoc_load_as(fmt, &y, fm_start, (size_t)(fm_end -
		    fm_start), first_line, &yerr) != 0) {
			buf_printf(err, "%s:%s", name, buf_cstr(&yerr));
			buf_free(&yerr);
			goto out;
		}
		buf_free(&yerr);
	}
	root = yamldoc_root(&y);
	if (root == NULL) {
		rc = 0;
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		buf_printf(err, "%s:%zu: front matter must be a mapping of "
		    "keys to values", name, yamldoc_line(&y, root));
		goto out;
	}
	if (get_string(&y, root, "title", &fm->title, name, err, warn) ||
	    get_string(&y, root, "slug", &fm->slug, name, err, warn) ||
	    get_string(&y, root, "url", &fm->url, name, err, warn) ||
	    get_string(&y, root, "translationKey", &fm->translation_key, name,
	    err, warn) ||
	    get_string(&y, root, "summary", &fm->summary, name, err, warn) ||
	    get_string(&y, root, "description", &fm->description, name, err,
	    warn) ||
	    get_string(&y, root, "layout", &fm->layout, name, err, warn) ||
	    get_bool(&y, root, "draft", &fm->draft, name, err) ||
	    get_bool(&y, root, "isCJKLanguage", &fm->cjk, name, err) ||
	    get_date(&y, root, "date", &fm->date, &fm->has_date, name, err) ||
	    get_date(&y, root, "publishDate", &fm->publish, &fm->has_publish,
	    name, err) ||
	    get_date(&y, root, "expiryDate", &fm->expiry, &fm->has_expiry,
	    name, err) ||
	    get_date(&y, root, "lastmod", &fm->lastmod, &fm->has_lastmod,
	    name, err) ||
	    get_list(&y, root, "aliases", &fm->aliases, &fm->naliases, name,
	    NULL, err, warn))
		goto out;
	for (t = 0; t < ntaxonomies; t++)
		if (get_list(&y, root, plurals[t], &fm->terms[t],
		    &fm->nterms[t], name, singulars[t], err, warn) != 0)
			goto out;
	if (get_build(&y, root, fm, name, err, warn) != 0)
		goto out;
	get_author(&y, root, &fm->author);
	get_weight(&y, root, &fm->weight, name, warn);
	warn_outputs(&y, root, name, warn);
	if (fm->title == NULL)
		buf_printf(warn, "%s:1: no title\n", name);
	rc = 0;
out:
	yamldoc_free(&y);
	return rc;
}

static void
free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
fm_free(struct frontmatter *fm)
{
	free(fm->title);
	free(fm->slug);
	free(fm->url);
	free(fm->translation_key);
	free(fm->summary);
	free(fm->description);
	free(fm->author);
	free(fm->layout);
	size_t i;

	for (i = 0; i < fm->ntaxonomies && fm->terms != NULL; i++)
		free_list(fm->terms[i], fm->nterms[i]);
	free(fm->terms);
	free(fm->nterms);
	free_list(fm->aliases, fm->naliases);
	memset(fm, 0, sizeof(*fm));
}

/* Loads text's front matter into y (zeroed first; free it with
 * yamldoc_free() in all cases); 0, or -1 when there is none or it does
 * not parse (fm_parse() says why on import). */
static int
load_front_matter(const char *text, size_t n, struct yamldoc *y)
{
	struct buf err = BUF_INIT;
	const char *start, *stop, *body;
	enum yamldoc_format fmt;
	size_t first_line;
	int rc;

	memset(y, 0, sizeof(*y));
	rc = find_front_matter("", text, n, &fmt, &start, &stop, &first_line,
	    &body, &err) != 0 || start == NULL || yamldoc_load_as(fmt, y,
	    start, (size_t)(stop - start), first_line, &err) != 0 ? -1 : 0;
	buf_free(&err);
	return rc;
}

int
fm_param(const char *text, size_t n, const char *key, struct buf *out)
{
	const char *p = key;
	struct yamldoc y;
	yaml_node_t *node;
	int found = 0;

	if (load_front_matter(text, n, &y) != 0)
		goto out;
	/* A dotted key walks down maps, each key without case. */
	node = yamldoc_root(&y);
	while (node != NULL && *p != '\0') {
		size_t len = strcspn(p, ".");
		char *part = xstrndup(p, len);

		node = node->type == YAML_MAPPING_NODE ?
		    yamldoc_get(&y, node, part) : NULL;
		free(part);
		p += len + (p[len] == '.');
	}
	if (node != NULL && yamldoc_scalar(node) != NULL) {
		buf_puts(out, yamldoc_scalar(node));
		found = 1;
	}
out:
	yamldoc_free(&y);
	return found;
}

int
fm_param_list(const char *text, size_t n, const char *key, struct buf *out,
    size_t *line)
{
	size_t i;
	struct yamldoc y;
	yaml_node_t *node;
	int count = 0;

	*line = 0;
	if (load_front_matter(text, n, &y) != 0)
		goto out;
	node = yamldoc_root(&y);
	node = node != NULL && node->type == YAML_MAPPING_NODE ?
	    yamldoc_get(&y, node, key) : NULL;
	if (node == NULL)
		goto out;
	*line = yamldoc_line(&y, node);
	if (node->type != YAML_SEQUENCE_NODE) {
		/* What Go's template "with" takes for false (null, false,
		 * "") is as good as none. */
		const char *v = yamldoc_scalar(node);

		count = v == NULL || strcmp(v, "") == 0 || strcmp(v, "~") ==
		    0 || strcasecmp(v, "null") == 0 || strcmp(v, "false") == 0
		    ? 0 : -1;
		goto out;
	}
	for (i = 0; i < yamldoc_seq_len(node); i++) {
		const char *v = yamldoc_scalar(yamldoc_seq_item(&y, node, i));

		buf_puts(out, v != NULL ? v : "");
		buf_putc(out, '\0');
		count++;
	}
out:
	yamldoc_free(&y);
	return count;
}
