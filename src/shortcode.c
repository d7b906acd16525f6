/* shortcode.c - Hugo's shortcodes: the parser, as Hugo 0.111's pageparser
 * lexes them and hugolib's extractShortcode nests them, with their
 * messages, and the expansion into Markdown and fragments (see
 * shortcode.h); what each shortcode writes is shortcodes-builtin.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fragments.h"
#include "html.h"
#include "shortcode.h"
#include "shortcodes-builtin.h"
#include "site.h"
#include "unicode.h"

/* Deeper nesting is refused (it would only exhaust the stack). */
#define MAX_DEPTH 64

struct parser {
	const char *file;
	const char *s;
	size_t n, pos;
	int first_line;
	sc_inner_fn takes_inner;
	void *arg;
	struct buf *err;
	char **opened;		/* every name opened so far */
	size_t nopened;
	int depth;
};

/* A tag as lexed: {{< name params >}}, {{< /name >}} or {{< name />}}. */
struct tag {
	int markdown, closing, self_close;
	char *name;
	struct sc_param *params;
	size_t nparams;
	int named;	/* its parameters have names */
	/* Hugo's lexer mode (paramElements), set by the first parameter: 1
	 * positional, 2 named when '=' follows the word at once. A later
	 * "name = value" (blanks before '=') is lexed in positional mode yet
	 * named by the parser, so "a = 1 b = 2" is fine and "a = 1 b=2" is
	 * Hugo's error. */
	int mode;
};

static int
line_at(const struct parser *p, size_t off)
{
	const char *q = p->s, *end = p->s + off;
	int line = p->first_line;

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		line++;
		q++;
	}
	return line;
}

static int __attribute__((format(printf, 3, 4)))
fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;
	int len;

	buf_reset(p->err);
	buf_printf(p->err, "%s:%d: ", p->file, line_at(p, at));
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(p->err, (size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p->err->data + p->err->len, (size_t)len + 1, fmt, ap);
	p->err->len += (size_t)len;
	va_end(ap);
	return -1;
}

/* The code point at s[i] (and its length in *w; a bad byte is itself). */
static unsigned long
rune_at(const struct parser *p, size_t i, size_t *w)
{
	unsigned long cp;

	*w = uni_next(p->s + i, p->n - i, &cp);
	if (*w == 0) {
		*w = 1;
		cp = (unsigned char)p->s[i];
	}
	return cp;
}

/* Hugo's isAlphaNumeric: '_', a letter or a digit. */
static int
is_alnum(unsigned long cp)
{
	return cp == '_' || uni_is_letter(cp) || uni_is_digit(cp);
}

static int
is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	    (cp >= 0x80 && uni_is_space(cp));
}

static int
at_delim(const struct parser *p, size_t i, int markdown)
{
	return i + 3 <= p->n && memcmp(p->s + i, markdown ? "%}}" : ">}}",
	    3) == 0;
}

static void
tag_free(struct tag *t)
{
	size_t i;

	for (i = 0; i < t->nparams; i++) {
		free(t->params[i].name);
		free(t->params[i].value);
	}
	free(t->params);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

static struct sc_param *
add_param(struct tag *t)
{
	struct sc_param *q;

	t->params = xrealloc(t->params, (t->nparams + 1) * sizeof(*t->params));
	q = &t->params[t->nparams++];
	memset(q, 0, sizeof(*q));
	return q;
}

/* Go's %#U of cp: U+003E '>' (the quoted rune only when printable). */
static void
put_rune_name(struct buf *b, unsigned long cp)
{
	buf_printf(b, "U+%04lX", cp);
	if (cp >= 0x20 && cp != 0x7f) {
		buf_puts(b, " '");
		uni_put(b, cp);
		buf_putc(b, '\'');
	}
}

/* A value in "...", from the quote at p->pos; escaped says whether \"
 * inside is a quote (a value opened by \" ends at the next \"). */
static int
lex_quoted(struct parser *p, size_t tag_at, int escaped_ok, char **out)
{
	size_t start = p->pos + 1, i = start;
	int escapes = 0;
	struct buf v = BUF_INIT;

	for (;;) {
		char c;

		if (i >= p->n || p->s[i] == '\n') {
			struct buf cur = BUF_INIT;

			buf_add(&cur, p->s + start, (i < p->n ? i + 1 : i) -
			    start);
			fail(p, tag_at, "unterminated quoted string in "
			    "shortcode parameter-argument: '%s'", buf_cstr(&cur));
			buf_free(&cur);
			return -1;
		}
		c = p->s[i];
		if (c == '\\' && i + 1 < p->n && p->s[i + 1] == '"') {
			if (!escaped_ok)
				break;
			escapes = 1;
			i += 2;
			continue;
		}
		if (c == '\\' && i + 1 < p->n && p->s[i + 1] == '`')
			return fail(p, tag_at, "unrecognized escape character");
		if (c == '"')
			break;
		i++;
	}
	/* With an escaped quote inside, Hugo drops every backslash. */
	for (size_t j = start; j < i; j++)
		if (!(escapes && p->s[j] == '\\'))
			buf_putc(&v, p->s[j]);
	*out = buf_detach(&v);
	if (p->s[i] == '\\')
		i += 2;		/* the \" that closes a \"-opened value */
	else
		i++;
	p->pos = i;
	return 0;
}

/* A raw value in `...` (may span lines), from the backtick at p->pos. */
static int
lex_raw(struct parser *p, size_t tag_at, char **out)
{
	size_t start = p->pos + 1;
	const char *end = memchr(p->s + start, '`', p->n - start);

	if (end == NULL) {
		struct buf cur = BUF_INIT;

		buf_add(&cur, p->s + start, p->n - start);
		fail(p, tag_at, "unterminated raw string in shortcode "
		    "parameter-argument: '%s'", buf_cstr(&cur));
		buf_free(&cur);
		return -1;
	}
	*out = xstrndup(p->s + start, (size_t)(end - (p->s + start)));
	p->pos = (size_t)(end - p->s) + 1;
	return 0;
}

/* A parameter (lexShortcodeParam): a quoted or raw positional value, or
 * a word, which is a name when '=' follows it. */
static int
lex_param(struct parser *p, struct tag *t, size_t tag_at, int esc_start)
{
	char c = p->s[p->pos];
	size_t start = p->pos, w;
	struct sc_param *q;

	if (c == '"' || (c == '`' && !esc_start)) {
		if (t->mode == 2)
			return fail(p, tag_at, "got quoted positional "
			    "parameter. Cannot mix named and positional "
			    "parameters");
		t->mode = 1;
		q = add_param(t);
		q->quoted = 1;
		return c == '"' ? lex_quoted(p, tag_at, !esc_start, &q->value) :
		    lex_raw(p, tag_at, &q->value);
	}
	if (c == '`')
		return fail(p, tag_at, "unrecognized escape character");
	/* The first rune is taken whatever it is, then a word. */
	rune_at(p, p->pos, &w);
	p->pos += w;
	while (p->pos < p->n) {
		unsigned long cp = rune_at(p, p->pos, &w);

		if (!is_alnum(cp) && cp != '-' && cp != '.')
			break;
		p->pos += w;
	}
	if (p->pos < p->n && p->s[p->pos] == '=') {
		if (t->mode == 1)
			return fail(p, tag_at, "got named parameter '%.*s'. "
			    "Cannot mix named and positional parameters",
			    (int)(p->pos - start), p->s + start);
		t->mode = 2;
		t->named = 1;
		q = add_param(t);
		q->name = xstrndup(p->s + start, p->pos - start);
		return 0;
	}
	if (t->mode == 2)
		return fail(p, tag_at, "got positional parameter '%.*s'. "
		    "Cannot mix named and positional parameters",
		    (int)(p->pos - start), p->s + start);
	t->mode = 1;
	q = add_param(t);
	q->value = xstrndup(p->s + start, p->pos - start);
	return 0;
}

/* The value after '=' (p->pos is past it), given to the last parameter. */
static int
lex_value(struct parser *p, struct tag *t, size_t tag_at)
{
	struct sc_param *q;
	char *v = NULL;
	size_t w, start;
	int quoted = 1, rc;

	while (p->pos < p->n && is_space(rune_at(p, p->pos, &w)))
		p->pos += w;
	if (p->pos < p->n && p->s[p->pos] == '"') {
		rc = lex_quoted(p, tag_at, 1, &v);
	} else if (p->pos + 1 < p->n && p->s[p->pos] == '\\' &&
	    p->s[p->pos + 1] == '"') {
		p->pos++;
		rc = lex_quoted(p, tag_at, 0, &v);
	} else if (p->pos < p->n && p->s[p->pos] == '`') {
		rc = lex_raw(p, tag_at, &v);
	} else {
		/* Unquoted: up to the next white space, whatever it holds. */
		start = p->pos;
		while (p->pos < p->n && !is_space(rune_at(p, p->pos, &w)))
			p->pos += w;
		v = xstrndup(p->s + start, p->pos - start);
		quoted = 0;
		rc = 0;
	}
	if (rc != 0)
		return -1;
	if (t->nparams == 0) {
		free(v);	/* a value with no name: Hugo drops it */
		return 0;
	}
	q = &t->params[t->nparams - 1];
	if (q->name == NULL) {
		/* "name = value": the word was a name after all. */
		q->name = q->value;
		t->named = 1;
	} else {
		free(q->value);
	}
	q->value = v;
	q->quoted = quoted;
	return 0;
}

/* Lexes the tag whose "{{" is at at (not a comment) into t; p->pos ends
 * past its closing delimiter. */
static int
lex_tag(struct parser *p, size_t at, struct tag *t)
{
	size_t w;

	memset(t, 0, sizeof(*t));
	t->markdown = p->s[at + 2] == '%';
	p->pos = at + 3;
	for (;;) {
		unsigned long cp;

		if (at_delim(p, p->pos, t->markdown)) {
			p->pos += 3;
			return 0;
		}
		if (p->pos >= p->n)
			return fail(p, at, "unclosed shortcode action");
		cp = rune_at(p, p->pos, &w);
		if (is_space(cp)) {
			p->pos += w;
		} else if (cp == '=') {
			p->pos++;
			if (lex_value(p, t, at) != 0)
				return -1;
		} else if (cp == '/') {
			if (t->name == NULL && p->nopened == 0)
				return fail(p, at, "got closing shortcode, but "
				    "none is open");
			p->pos++;
			if (t->name == NULL)
				t->closing = 1;
			else
				t->self_close = 1;
		} else if (cp == '\\') {
			p->pos++;
			if (p->pos < p->n && (p->s[p->pos] == '"' ||
			    p->s[p->pos] == '`') && lex_param(p, t, at, 1) != 0)
				return -1;
		} else if (t->name != NULL && (is_alnum(cp) || cp == '-' ||
		    cp == '"' || cp == '`')) {
			if (lex_param(p, t, at, 0) != 0)
				return -1;
		} else if (is_alnum(cp)) {
			size_t start = p->pos;

			while (p->pos < p->n) {
				cp = rune_at(p, p->pos, &w);
				if (cp == '.') {
					if (p->n - p->pos < 8 || memcmp(p->s +
					    p->pos + 1, "inline ", 7) != 0)
						return fail(p, at, "period in "
						    "shortcode name only allowed "
						    "for inline identifiers");
				} else if (!is_alnum(cp) && cp != '-' &&
				    cp != '/') {
					break;
				}
				p->pos += w;
			}
			t->name = xstrndup(p->s + start, p->pos - start);
			if (t->closing) {
				/* Only white space may follow the name. */
				while (p->pos < p->n && !at_delim(p, p->pos,
				    t->markdown)) {
					if (!is_space(rune_at(p, p->pos, &w)))
						return fail(p, at,
						    "unclosed shortcode");
					p->pos += w;
				}
			}
		} else {
			struct buf name = BUF_INIT;

			put_rune_name(&name, cp);
			fail(p, at, "unrecognized character in shortcode "
			    "action: %s. Note: Parameters with non-alphanumeric "
			    "args must be quoted", buf_cstr(&name));
			buf_free(&name);
			return -1;
		}
	}
}

/* The next "{{<" or "{{%" at or after from, or n. */
static size_t
next_open(const struct parser *p, size_t from)
{
	const char *q = p->s + from, *end = p->s + p->n;

	while ((q = memchr(q, '{', (size_t)(end - q))) != NULL) {
		if (end - q >= 3 && q[1] == '{' && (q[2] == '<' || q[2] == '%'))
			return (size_t)(q - p->s);
		q++;
	}
	return p->n;
}

/* Whether a closing tag of name follows from (an unknown shortcode takes
 * inner content when it is closed somewhere after). */
static int
close_ahead(const struct parser *p, const char *name, size_t from)
{
	size_t len = strlen(name), i;

	for (i = next_open(p, from); i < p->n; i = next_open(p, i + 3)) {
		size_t j = i + 3;

		while (j < p->n && (p->s[j] == ' ' || p->s[j] == '\t' ||
		    p->s[j] == '\n' || p->s[j] == '\r'))
			j++;
		if (j >= p->n || p->s[j] != '/')
			continue;
		j++;
		while (j < p->n && (p->s[j] == ' ' || p->s[j] == '\t'))
			j++;
		if (p->n - j > len && memcmp(p->s + j, name, len) == 0 &&
		    (p->s[j + len] == ' ' || p->s[j + len] == '\t' ||
		    p->s[j + len] == '\n' || p->s[j + len] == '>' ||
		    p->s[j + len] == '%'))
			return 1;
	}
	return 0;
}

static struct sc_item *
add_item(struct sc_item **items, size_t *n)
{
	struct sc_item *it;

	*items = xrealloc(*items, (*n + 1) * sizeof(**items));
	it = &(*items)[(*n)++];
	memset(it, 0, sizeof(*it));
	return it;
}

static void
add_text(struct sc_item **items, size_t *n, const char *s, size_t len)
{
	struct sc_item *it;

	if (len == 0)
		return;
	if (*n > 0 && !(*items)[*n - 1].is_call) {
		it = &(*items)[*n - 1];
		it->text = xrealloc(it->text, it->len + len + 1);
	} else {
		it = add_item(items, n);
		it->text = xmalloc(len + 1);
	}
	memcpy(it->text + it->len, s, len);
	it->len += len;
	it->text[it->len] = '\0';
}

static void
items_free(struct sc_item *items, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		free(items[i].text);
		free(items[i].name);
		for (j = 0; j < items[i].nparams; j++) {
			free(items[i].params[j].name);
			free(items[i].params[j].value);
		}
		free(items[i].params);
		items_free(items[i].inner, items[i].ninner);
	}
	free(items);
}

static int
was_opened(const struct parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nopened; i++)
		if (strcmp(p->opened[i], name) == 0)
			return 1;
	return 0;
}

/* Parses items up to the closing tag of closing (NULL: the end of the
 * body). Returns 0, 1 when the body ended before that closing tag (its
 * "{{" offset, when found, in *close_at), or -1 on an error. */
static int
parse_seq(struct parser *p, struct sc_item **items, size_t *nitems,
    const char *closing, size_t *close_at)
{
	for (;;) {
		size_t at = next_open(p, p->pos);
		struct tag t;
		struct sc_item *it;
		int inner, rc;

		add_text(items, nitems, p->s + p->pos, at - p->pos);
		p->pos = at;
		if (at >= p->n)
			return closing != NULL ? 1 : 0;
		if (p->n - at >= 5 && p->s[at + 3] == '/' &&
		    p->s[at + 4] == '*') {
			/* The comment form: the shortcode as text, less
			 * its comment marks. */
			int md = p->s[at + 2] == '%';
			const char *end = memmem(p->s + at + 3, p->n - at - 3,
			    md ? "*/%}}" : "*/>}}", 5);

			if (end == NULL || end - (p->s + at + 3) <= 1)
				return fail(p, at, "comment must be closed");
			add_text(items, nitems, p->s + at, 3);
			add_text(items, nitems, p->s + at + 5,
			    (size_t)(end - (p->s + at + 5)));
			add_text(items, nitems, end + 2, 3);
			p->pos = (size_t)(end - p->s) + 5;
			continue;
		}
		if (lex_tag(p, at, &t) != 0) {
			tag_free(&t);
			return -1;
		}
		if (t.name == NULL) {
			tag_free(&t);
			return fail(p, at, "failed to extract shortcode: "
			    "shortcode has no name");
		}
		if (t.closing) {
			if (closing != NULL && strcmp(t.name, closing) == 0) {
				tag_free(&t);
				*close_at = at;
				return 0;
			}
			if (was_opened(p, t.name) &&
			    p->takes_inner(p->arg, t.name) == 0)
				fail(p, at, "failed to extract shortcode: "
				    "shortcode \"%s\" does not evaluate .Inner "
				    "or .InnerDeindent, yet a closing tag was "
				    "provided", t.name);
			else
				fail(p, at, "closing tag for shortcode '%s' does "
				    "not match start tag", t.name);
			tag_free(&t);
			return -1;
		}
		if (!was_opened(p, t.name)) {
			p->opened = xrealloc(p->opened, (p->nopened + 1) *
			    sizeof(*p->opened));
			p->opened[p->nopened++] = xstrdup(t.name);
		}
		inner = p->takes_inner(p->arg, t.name);
		if (inner < 0)
			inner = t.self_close || close_ahead(p, t.name, p->pos);
		if (t.self_close && !inner) {
			tag_free(&t);
			return fail(p, at, "failed to extract shortcode: "
			    "shortcode \"%s\" does not evaluate .Inner or "
			    ".InnerDeindent, yet a closing tag was provided",
			    t.markdown ? "%}}" : ">}}");
		}
		it = add_item(items, nitems);
		it->is_call = 1;
		it->name = t.name;
		it->markdown = t.markdown;
		it->line = line_at(p, at);
		{
			size_t b = at;

			while (b > 0 && (p->s[b - 1] == ' ' ||
			    p->s[b - 1] == '\t'))
				b--;
			if (b == 0 || p->s[b - 1] == '\n')
				it->indent = at - b;
		}
		it->self_closed = t.self_close;
		it->has_inner = inner;
		it->params = t.params;
		it->nparams = t.nparams;
		it->named = t.named;
		t.name = NULL;
		t.params = NULL;
		t.nparams = 0;
		if (!inner || t.self_close)
			continue;
		if (p->depth >= MAX_DEPTH)
			return fail(p, at, "shortcodes nested more than %d deep",
			    MAX_DEPTH);
		p->depth++;
		{
			/* The item array may move while the inner grows. */
			struct sc_item *inner_items = NULL;
			size_t ninner = 0, close = p->n, ix = *nitems - 1;
			size_t inner_off = p->pos;

			rc = parse_seq(p, &inner_items, &ninner,
			    (*items)[ix].name, &close);
			it = &(*items)[ix];
			it->inner = inner_items;
			it->ninner = ninner;
			it->inner_off = inner_off;
			it->inner_len = close - inner_off;
		}
		p->depth--;
		if (rc < 0)
			return -1;
		if (rc == 1)
			return fail(p, at, "failed to extract shortcode: "
			    "shortcode \"%s\" must be closed or self-closed",
			    it->name);
	}
}

int
sc_parse(const char *file, const char *src, size_t n, int first_line,
    sc_inner_fn takes_inner, void *arg, struct sc_doc *doc, struct buf *err)
{
	struct parser p;
	size_t i;
	int rc;

	memset(doc, 0, sizeof(*doc));
	memset(&p, 0, sizeof(p));
	p.file = file;
	p.s = src;
	p.n = n;
	p.first_line = first_line;
	p.takes_inner = takes_inner;
	p.arg = arg;
	p.err = err;
	rc = parse_seq(&p, &doc->items, &doc->n, NULL, NULL);
	for (i = 0; i < p.nopened; i++)
		free(p.opened[i]);
	free(p.opened);
	if (rc != 0) {
		sc_doc_free(doc);
		return -1;
	}
	return 0;
}

void
sc_doc_free(struct sc_doc *doc)
{
	items_free(doc->items, doc->n);
	memset(doc, 0, sizeof(*doc));
}

int
sc_present(const char *src, size_t n)
{
	return memmem(src, n, "{{<", 3) != NULL ||
	    memmem(src, n, "{{%", 3) != NULL;
}

const struct sc_param *
sc_get(const struct sc_item *call, const char *name, int pos)
{
	size_t i;

	if (call->named) {
		if (name == NULL)
			return NULL;
		for (i = 0; i < call->nparams; i++)
			if (call->params[i].name != NULL &&
			    strcmp(call->params[i].name, name) == 0)
				return &call->params[i];
		return NULL;
	}
	if (pos < 0 || (size_t)pos >= call->nparams)
		return NULL;
	return &call->params[pos];
}

/* An inline shortcode defined earlier in the page (Hugo keeps each
 * page's, for {{< name.inline />}} to run again). */
struct inline_def {
	const char *name;	/* the call's (the parsed document's) */
	char *output;		/* its template when it has no action, the
				 * output; NULL: one quire cannot run */
};

/* The expansion of one body: the fragments by placeholder index. */
struct expander {
	struct sc_ctx *ctx;
	struct buf *slots;
	size_t nslots, cap;
	size_t ordinal;		/* the next top-level shortcode's */
	struct inline_def *inlines;
	size_t ninlines;
	struct buf *err;
};

static size_t
new_slot(struct expander *e)
{
	if (e->nslots == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->slots = xrealloc(e->slots, e->cap * sizeof(*e->slots));
	}
	memset(&e->slots[e->nslots], 0, sizeof(*e->slots));
	return e->nslots++;
}

/* Hugo's placeholder for fragment k, alone in a paragraph when block:
 * its lines indented as the shortcode was, so that one in a list item
 * stays in it. */
static void
put_placeholder(struct buf *md, size_t k, int block, size_t indent)
{
	size_t i, j;

	for (i = 0; block && i < 2; i++) {
		buf_putc(md, '\n');
		for (j = 0; j < indent; j++)
			buf_putc(md, ' ');
	}
	buf_printf(md, "%s%zu%s", MD_PLACEHOLDER_PREFIX, k,
	    MD_PLACEHOLDER_SUFFIX);
	for (i = 0; block && i < 2; i++) {
		buf_putc(md, '\n');
		for (j = 0; j < indent; j++)
			buf_putc(md, ' ');
	}
}

static int expand_items(struct expander *e, const struct sc_item *items,
	size_t n, int raw, int top, struct buf *out);

/* Whether name's output is made from its inner content as written (with
 * nested output in place), rather than wrapped around Markdown. */
static int
raw_inner(const char *name)
{
	return strcmp(name, "highlight") == 0 || strcmp(name, "rawhtml") == 0;
}

/* Whether name is an inline shortcode's ("NAME.inline"). */
static int
is_inline(const char *name)
{
	size_t n = strlen(name);

	return n > 7 && strcmp(name + n - 7, ".inline") == 0;
}

/* Whether call's inner, as parsed, is nothing or blanks only. */
static int
inner_blank(const struct sc_item *call)
{
	size_t i, k;

	for (i = 0; i < call->ninner; i++) {
		if (call->inner[i].is_call)
			return 0;
		for (k = 0; k < call->inner[i].len; k++)
			if ((unsigned char)call->inner[i].text[k] >= 0x80 ||
			    !is_space((unsigned char)call->inner[i].text[k]))
				return 0;
	}
	return 1;
}

/* Whether an inline shortcode's inner, as parsed, is a template with
 * no action: text alone, without "{{". */
static int
inline_static(const struct sc_item *call)
{
	size_t i;

	for (i = 0; i < call->ninner; i++)
		if (call->inner[i].is_call || memmem(call->inner[i].text,
		    call->inner[i].len, "{{", 2) != NULL)
			return 0;
	return 1;
}

/* An inline shortcode ("NAME.inline"), a Go template written in the
 * content: Hugo 0.111 runs it only with enableInlineShortcodes, and else
 * shows nothing. Of a template quire runs only the kind with no action,
 * whose output is its text as written; self-closed, the name runs the
 * page's earlier definition again, as in Hugo. Else nothing, never the
 * template's text, and a warning. Sets o to SCB_HTML output. */
static void
inline_output(struct expander *e, const struct sc_item *call,
    struct scb_out *o)
{
	struct sc_ctx *ctx = e->ctx;
	const struct inline_def *def = NULL;
	size_t i;

	o->shape = SCB_HTML;
	if (ctx->site == NULL || !ctx->site->inline_shortcodes) {
		buf_printf(&ctx->warn, "%s:%d: inline shortcode \"%s\" shows "
		    "nothing: the site does not set enableInlineShortcodes, "
		    "as in Hugo\n", ctx->file, call->line, call->name);
		return;
	}
	if (call->self_closed) {
		for (i = e->ninlines; i > 0 && def == NULL; i--)
			if (strcmp(e->inlines[i - 1].name, call->name) == 0)
				def = &e->inlines[i - 1];
		if (def == NULL) {
			buf_printf(&ctx->warn, "%s:%d: inline shortcode \"%s\" "
			    "is not defined before this use; it shows "
			    "nothing\n", ctx->file, call->line, call->name);
			return;
		}
	} else {
		struct buf text = BUF_INIT;
		int runs = inline_static(call);

		for (i = 0; runs && i < call->ninner; i++)
			buf_add(&text, call->inner[i].text, call->inner[i].len);
		e->inlines = xrealloc(e->inlines, (e->ninlines + 1) *
		    sizeof(*e->inlines));
		e->inlines[e->ninlines].name = call->name;
		e->inlines[e->ninlines].output = runs ?
		    xstrdup(buf_cstr(&text)) : NULL;
		def = &e->inlines[e->ninlines++];
		buf_free(&text);
	}
	if (def->output == NULL) {
		buf_printf(&ctx->warn, "%s:%d: inline shortcode \"%s\" is a Go "
		    "template with actions, which quire does not run; it "
		    "shows nothing\n", ctx->file, call->line, call->name);
		return;
	}
	buf_puts(&o->open, def->output);
}

/* Expands one call into out: raw (inside a shortcode whose inner is
 * taken as written) puts every output in place; else {{< >}} output is
 * a fragment, in slot (its top-level ordinal) or a new one. */
static int
expand_call(struct expander *e, const struct sc_item *call, int raw,
    long slot, struct buf *out)
{
	struct sc_ctx *ctx = e->ctx;
	struct buf inner = BUF_INIT;
	struct scb_out o;
	int rc, have_inner = 0, text = 0;
	size_t k;

	memset(&o, 0, sizeof(o));
	if (call->has_inner && (raw || raw_inner(call->name))) {
		if (expand_items(e, call->inner, call->ninner, 1, 0,
		    &inner) != 0)
			goto fail;
		have_inner = 1;
	}
	if (is_inline(call->name)) {
		inline_output(e, call, &o);
		rc = 0;
	} else {
		rc = scb_render(call, buf_cstr(&inner), inner.len, ctx, &o,
		    e->err);
	}
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		buf_printf(&ctx->warn, "%s:%d: shortcode \"%s\" is not known; "
		    "its inner content is shown\n", ctx->file, call->line,
		    call->name);
		o.shape = SCB_WRAP;
	}
	if (o.shape == SCB_TEXT) {
		/* Text out of Hugo's html/template is escaped, wherever it
		 * goes (a {{% %}} one into the Markdown too). */
		struct buf esc = BUF_INIT;

		html_gotmpl(&esc, buf_cstr(&o.open));
		buf_free(&o.open);
		o.open = esc;
		o.shape = SCB_HTML;
		text = 1;
	}
	if (o.shape == SCB_WRAP) {
		int block = !raw && o.open.len > 0;

		if (raw) {
			buf_add(out, o.open.data, o.open.len);
		} else if (o.open.len > 0) {
			k = slot >= 0 ? (size_t)slot : new_slot(e);
			buf_add(&e->slots[k], o.open.data, o.open.len);
			put_placeholder(out, k, 1, call->indent);
		} else if (inner_blank(call)) {
			/* Nothing to show (an unknown one with no inner, or
			 * only blanks; an empty rawhtml): Hugo's placeholder
			 * still holds its place while the Markdown is parsed,
			 * so that its line is not blank (a blank one would end
			 * the raw HTML block around it). */
			k = slot >= 0 ? (size_t)slot : new_slot(e);
			put_placeholder(out, k, 0, 0);
		}
		if (have_inner)
			buf_add(out, inner.data, inner.len);
		else if (expand_items(e, call->inner, call->ninner, raw, 0,
		    out) != 0)
			goto fail;
		if (raw) {
			buf_add(out, o.close.data, o.close.len);
		} else if (o.close.len > 0) {
			k = new_slot(e);
			buf_add(&e->slots[k], o.close.data, o.close.len);
			put_placeholder(out, k, 1, call->indent);
		} else if (block) {
			size_t j;

			buf_puts(out, "\n\n");
			for (j = 0; j < call->indent; j++)
				buf_putc(out, ' ');
		}
	} else if (raw || call->markdown) {
		/* {{% %}}: the output is Markdown source, as in Hugo. */
		if (!text && call->markdown && o.open.len > 0 && !raw &&
		    (ctx->site == NULL || !ctx->site->unsafe) &&
		    (!is_inline(call->name) ||
		    memchr(o.open.data, '<', o.open.len) != NULL))
			buf_printf(&ctx->warn, "%s:%d: {{%% %s %%}} writes HTML "
			    "into the Markdown, which "
			    "markup.goldmark.renderer.unsafe: false omits, as "
			    "Hugo does; write {{< %s >}}\n", ctx->file,
			    call->line, call->name, call->name);
		buf_add(out, o.open.data, o.open.len);
	} else {
		k = slot >= 0 ? (size_t)slot : new_slot(e);
		buf_add(&e->slots[k], o.open.data, o.open.len);
		put_placeholder(out, k, 0, 0);
	}
	buf_free(&inner);
	buf_free(&o.open);
	buf_free(&o.close);
	return 0;
fail:
	buf_free(&inner);
	buf_free(&o.open);
	buf_free(&o.close);
	return -1;
}

static int
expand_items(struct expander *e, const struct sc_item *items, size_t n,
    int raw, int top, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		long slot = -1;

		if (!items[i].is_call) {
			buf_add(out, items[i].text, items[i].len);
			continue;
		}
		if (top)
			slot = (long)e->ordinal++;
		if (expand_call(e, &items[i], raw, slot, out) != 0)
			return -1;
	}
	return 0;
}

int
sc_expand(const char *src, size_t n, int first_line, struct sc_ctx *ctx,
    struct buf *md, struct fragments *frags, struct buf *err)
{
	struct sc_doc doc;
	struct expander e;
	size_t i;
	int rc;

	if (sc_parse(ctx->file, src, n, first_line, scb_takes_inner,
	    (void *)ctx->site, &doc, err) != 0)
		return -1;
	memset(&e, 0, sizeof(e));
	e.ctx = ctx;
	e.err = err;
	/* Placeholder N is the Nth top-level shortcode's, whichever its
	 * form (Hugo's ordinal); nested ones and closing halves follow. */
	for (i = 0; i < doc.n; i++)
		if (doc.items[i].is_call)
			new_slot(&e);
	rc = expand_items(&e, doc.items, doc.n, ctx->in_place, 1, md);
	for (i = 0; i < e.nslots; i++) {
		if (rc == 0)
			fragments_add(frags, FRAGMENT_SHORTCODE,
			    e.slots[i].data ? e.slots[i].data : "",
			    e.slots[i].len);
		buf_free(&e.slots[i]);
	}
	free(e.slots);
	for (i = 0; i < e.ninlines; i++)
		free(e.inlines[i].output);
	free(e.inlines);
	sc_doc_free(&doc);
	return rc;
}

void
sc_fill_placeholders(struct buf *html, const struct fragments *frags)
{
	const size_t plen = strlen(MD_PLACEHOLDER_PREFIX);
	const size_t slen = strlen(MD_PLACEHOLDER_SUFFIX);
	struct buf out = BUF_INIT;
	const char *p, *from;

	if (html->len == 0 || frags->nshortcodes == 0 ||
	    memmem(html->data, html->len, MD_PLACEHOLDER_PREFIX, plen) == NULL)
		return;
	from = buf_cstr(html);
	while ((p = strstr(from, MD_PLACEHOLDER_PREFIX)) != NULL) {
		const char *q = p + plen;
		size_t k = 0;

		while (*q >= '0' && *q <= '9' && q - (p + plen) < 9)
			k = k * 10 + (size_t)(*q++ - '0');
		if (q == p + plen || strncmp(q, MD_PLACEHOLDER_SUFFIX,
		    slen) != 0 || k >= frags->nshortcodes) {
			buf_add(&out, from, (size_t)(p + plen - from));
			from = p + plen;
			continue;
		}
		buf_add(&out, from, (size_t)(p - from));
		buf_add(&out, frags->shortcodes[k].html,
		    frags->shortcodes[k].len);
		from = q + slen;
	}
	buf_puts(&out, from);
	buf_reset(html);
	buf_add(html, out.data, out.len);
	buf_free(&out);
}
