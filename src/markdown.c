/* markdown.c - Markdown to HTML with cmark-gfm, Hugo's heading ids and
 * Hugo's <!--more--> summary divider. */
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wctype.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "emoji.h"
#include "html.h"
#include "markdown.h"
#include "md-splice.h"
#include "unicode.h"

/* Hugo replaces the divider by this paragraph before rendering. */
#define MORE_MARK "<!--more-->"
#define MORE_PLACEHOLDER "HUGOMORE42"
/* What the placeholder's paragraph is rendered as: a byte no rendered
 * text holds (the input is valid UTF-8, which has no 0xFF, and so are
 * the fragments spliced in), so that no author's text or raw HTML can
 * be taken for the divider. */
#define MORE_MARKER "\xFF"

#define LSQUO "\xE2\x80\x98"	/* ‘ */
#define RSQUO "\xE2\x80\x99"	/* ’ */
#define LDQUO "\xE2\x80\x9C"	/* “ */
#define RDQUO "\xE2\x80\x9D"	/* ” */

/* What Goldmark's typographer writes, as characters (cmark-gfm's smart
 * punctuation) and as the entities Goldmark writes. With
 * MD_TYPO_ENTITIES, a character the typographer made is rendered as
 * TYPO_MARK and its index, a byte pair no UTF-8 text holds, and the
 * pair replaced by the entity in the HTML. */
#define TYPO_MARK '\xFE'
/* typography[]'s rows: those before TYPO_SMART are cmark-gfm's smart
 * punctuation, the guillemets Goldmark's own (goldmark_guillemets()). */
enum {
	TYPO_LDQUO, TYPO_RDQUO, TYPO_LSQUO, TYPO_RSQUO, TYPO_NDASH,
	TYPO_MDASH, TYPO_HELLIP, TYPO_SMART, TYPO_LAQUO = TYPO_SMART,
	TYPO_RAQUO, TYPO_COUNT
};
static const struct {
	const char *chars, *entity;
} typography[] = {
	{ "\xE2\x80\x9C", "&ldquo;" }, { "\xE2\x80\x9D", "&rdquo;" },
	{ LSQUO, "&lsquo;" }, { RSQUO, "&rsquo;" },
	{ "\xE2\x80\x93", "&ndash;" }, { "\xE2\x80\x94", "&mdash;" },
	{ "\xE2\x80\xA6", "&hellip;" }, { "\xC2\xAB", "&laquo;" },
	{ "\xC2\xBB", "&raquo;" },
};
_Static_assert(sizeof(typography) / sizeof(typography[0]) == TYPO_COUNT,
    "a row for each TYPO_ index");

/* cmark-gfm's extensions, and the flag that leaves each out (the
 * markup.goldmark.extensions setting turned off). */
static const struct {
	const char *name;
	unsigned off;
} extension_names[] = {
	{ "table", MD_NO_TABLE },
	{ "strikethrough", MD_NO_STRIKETHROUGH },
	{ "autolink", MD_NO_LINKIFY },
	{ "tasklist", MD_NO_TASK_LIST },
};

/*
 * Everything cmark-gfm allocates while md_render() parses and renders one
 * document comes from this arena and is dropped at once when it returns:
 * cmark-gfm allocates and frees thousands of small pieces per post, one
 * by one. A cmark_mem of our own is the hook cmark-gfm offers for this.
 * Its built-in arena (cmark_get_arena_mem_allocator) suits batch runs,
 * not a worker: it zeroes a large slab per reset and keeps it resident,
 * and its realloc always copies.
 *
 * Blocks stay allocated between renders, up to ARENA_KEEP bytes, so a
 * render touches warm memory; a larger document gets blocks of its own
 * that are freed afterwards. Each allocation is preceded by its size and
 * a flag, for realloc and free; the newest one grows in place (cmark's
 * string buffers grow by realloc), and freeing it gives its room back.
 *
 * An arena never reuses what is freed out of order, and cmark-gfm frees
 * scratch memory that way: its table extension re-reads a paragraph at
 * each line that could be a table's delimiter row, so the memory of such
 * a post grew with the square of its length (369 MB for 12 KB of input).
 * So a render has a budget, ARENA_BUDGET plus ARENA_BUDGET_PER_BYTE times
 * its input (a 3,000-word post uses about a tenth of it); past that, each
 * allocation comes from malloc, is freed when cmark frees it, and is
 * linked so that the reset frees the rest. quire is single-threaded: one
 * arena serves the process.
 */
#define ARENA_BLOCK (256u << 10)
#define ARENA_KEEP (1u << 20)
#define ARENA_BUDGET (4u << 20)
#define ARENA_BUDGET_PER_BYTE 32u
#define ARENA_ALIGN 16u		/* malloc's alignment on x86-64 */

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};

/* Before each allocation, in the ARENA_ALIGN bytes below it. */
struct arena_head {
	size_t size;		/* as asked for (a block's room: rounded up) */
	size_t from_malloc;	/* 1: an arena_big, see below */
};

/* An allocation past the budget: its links, then its arena_head. */
struct arena_big {
	struct arena_big *prev, *next;
	struct arena_head head;
};

_Static_assert(sizeof(struct arena_head) == ARENA_ALIGN, "arena header");
_Static_assert(sizeof(struct arena_big) % ARENA_ALIGN == 0, "arena_big");

/*
 * Under AddressSanitizer a block's bytes are poisoned but for the
 * allocations cmark holds, so that it still sees cmark read past an
 * allocation, or use one freed or reallocated (the fuzz and sanitizer
 * runs). Headers are poisoned too and read through head_of().
 */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#endif
#endif
#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#endif

static struct {
	struct arena_block *first, *cur;
	char *last;		/* the newest allocation in a block, or NULL */
	size_t spent, budget;	/* of blocks' bytes, this render */
	struct arena_big *bigs;	/* the allocations from malloc */
} arena;

static size_t
arena_round(size_t n)
{
	/* Far from any size a header and rounding could overflow. */
	if (n > (size_t)-1 / 2)
		abort();	/* as xmalloc() on out-of-memory */
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static struct arena_head *
arena_head(void *p)
{
	return (struct arena_head *)(void *)((char *)p - ARENA_ALIGN);
}

/* A copy of p's header. */
static struct arena_head
head_of(void *p)
{
	struct arena_head *h = arena_head(p), copy;

	ASAN_UNPOISON_MEMORY_REGION(h, sizeof(*h));
	copy = *h;
	if (!copy.from_malloc)
		ASAN_POISON_MEMORY_REGION(h, sizeof(*h));
	return copy;
}

/* Sets the header of p, an allocation in a block. */
static void
head_set(void *p, size_t size)
{
	struct arena_head *h = arena_head(p);

	ASAN_UNPOISON_MEMORY_REGION(h, sizeof(*h));
	h->size = size;
	h->from_malloc = 0;
	ASAN_POISON_MEMORY_REGION(h, sizeof(*h));
}

static void
big_link(struct arena_big *b)
{
	b->prev = NULL;
	b->next = arena.bigs;
	if (arena.bigs != NULL)
		arena.bigs->prev = b;
	arena.bigs = b;
}

static void
big_unlink(struct arena_big *b)
{
	if (b->prev != NULL)
		b->prev->next = b->next;
	else
		arena.bigs = b->next;
	if (b->next != NULL)
		b->next->prev = b->prev;
}

static struct arena_big *
big_of(void *p)
{
	return (struct arena_big *)(void *)((char *)p -
	    offsetof(struct arena_big, head) - ARENA_ALIGN);
}

static void *
big_alloc(size_t n)
{
	struct arena_big *b = xmalloc(sizeof(*b) + arena_round(n));

	b->head.size = n;
	b->head.from_malloc = 1;
	big_link(b);
	return b + 1;
}

static void *
arena_alloc(size_t n)
{
	size_t need = arena_round(n) + ARENA_ALIGN;
	struct arena_block **link;
	char *p;

	if (need > arena.budget - arena.spent)
		return big_alloc(n);
	link = arena.cur != NULL ? &arena.cur->next : &arena.first;
	while (arena.cur == NULL || arena.cur->size - arena.cur->used < need) {
		/* The next kept block if it is big enough, else a new one
		 * in its place. */
		struct arena_block *b = *link;

		if (b == NULL || b->size < need) {
			size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;

			b = xmalloc(offsetof(struct arena_block, data) + size);
			b->size = size;
			b->next = *link;
			*link = b;
			ASAN_POISON_MEMORY_REGION(b->data, size);
		}
		b->used = 0;
		arena.cur = b;
		link = &b->next;
	}
	p = (char *)arena.cur->data + arena.cur->used + ARENA_ALIGN;
	head_set(p, n);
	ASAN_UNPOISON_MEMORY_REGION(p, n);
	arena.cur->used += need;
	arena.spent += need;
	arena.last = p;
	return p;
}

static void *
arena_calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > (size_t)-1 / size)
		abort();
	p = arena_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *
arena_realloc(void *p, size_t n)
{
	struct arena_head h;
	size_t room, want;
	void *q;

	if (p == NULL)
		return arena_alloc(n);
	h = head_of(p);
	if (h.from_malloc) {
		struct arena_big *b = big_of(p);

		big_unlink(b);
		b = xrealloc(b, sizeof(*b) + arena_round(n));
		b->head.size = n;
		big_link(b);
		return b + 1;
	}
	room = arena_round(h.size);
	want = arena_round(n);
	if (want <= room || (p == arena.last && arena.cur->size -
	    arena.cur->used >= want - room && want - room <=
	    arena.budget - arena.spent)) {
		if (want > room) {
			arena.cur->used += want - room;
			arena.spent += want - room;
		}
		head_set(p, n);
		ASAN_POISON_MEMORY_REGION(p, want > room ? want : room);
		ASAN_UNPOISON_MEMORY_REGION(p, n);
		return p;
	}
	q = arena_alloc(n);
	memcpy(q, p, h.size);
	ASAN_POISON_MEMORY_REGION(p, room);
	return q;
}

static void
arena_free(void *p)
{
	struct arena_head h;

	if (p == NULL)
		return;
	h = head_of(p);
	if (h.from_malloc) {
		struct arena_big *b = big_of(p);

		big_unlink(b);
		free(b);
		return;
	}
	ASAN_POISON_MEMORY_REGION(p, arena_round(h.size));
	if (p == arena.last) {
		arena.cur->used -= arena_round(h.size) + ARENA_ALIGN;
		arena.spent -= arena_round(h.size) + ARENA_ALIGN;
		arena.last = NULL;
	}
}

/* Starts a render of n bytes of input: sets its budget. */
static void
arena_start(size_t n)
{
	arena.spent = 0;
	arena.budget = n > ((size_t)-1 - ARENA_BUDGET) / ARENA_BUDGET_PER_BYTE ?
	    (size_t)-1 : ARENA_BUDGET + ARENA_BUDGET_PER_BYTE * n;
}

/* Forgets every allocation: frees those from malloc, and the blocks past
 * ARENA_KEEP bytes. */
static void
arena_reset(void)
{
	struct arena_block **link = &arena.first, *b;
	size_t kept = 0;

	while (arena.bigs != NULL) {
		struct arena_big *big = arena.bigs;

		arena.bigs = big->next;
		free(big);
	}
	while ((b = *link) != NULL) {
		if (kept + b->size > ARENA_KEEP) {
			*link = b->next;
			ASAN_UNPOISON_MEMORY_REGION(b->data, b->size);
			free(b);
			continue;
		}
		kept += b->size;
		b->used = 0;
		ASAN_POISON_MEMORY_REGION(b->data, b->size);
		link = &b->next;
	}
	arena.cur = arena.first;
	arena.last = NULL;
	arena.spent = 0;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };


/* Appends rune cp of a github or github-ascii id to out. */
static void
anchor_rune(struct buf *out, unsigned long cp)
{
	enum uni_go_class cls;

	if (cp == '-' || cp == ' ') {
		buf_putc(out, '-');
		return;
	}
	cls = uni_go_class(cp);
	if (cp == '_' || cls == UNI_GO_LETTER || cls == UNI_GO_DIGIT)
		uni_put_lower(out, cp);
}

void
md_anchor(struct buf *out, const char *text, size_t n, unsigned flags)
{
	const char *s = text;
	size_t len;
	unsigned long cp;
	int dash = 0;
	size_t start = out->len;

	/* bytes.TrimSpace, then one rune at a time (Hugo's autoid.go). */
	while (n > 0) {
		size_t back = n;
		while (back > 0 && (s[back - 1] & 0xC0) == 0x80)
			back--;
		if (back == 0)
			break;
		uni_next(s + back - 1, n - back + 1, &cp);
		if (!uni_is_space(cp))
			break;
		n = back - 1;
	}
	while (n > 0) {
		len = uni_next(s, n, &cp);
		if (!uni_is_space(cp))
			break;
		s += len;
		n -= len;
	}
	for (; n > 0; s += len, n -= len) {
		len = uni_next(s, n, &cp);
		if (flags & MD_IDS_BLACKFRIDAY) {
			/* Blackfriday's SanitizedAnchorName: runs of
			 * anything but letters and numbers are one '-',
			 * none first or last. */
			enum uni_go_class cls = uni_go_class(cp);

			if (cls == UNI_GO_OTHER || cls == UNI_GO_PUNCT) {
				dash = 1;
				continue;
			}
			if (dash && out->len > start)
				buf_putc(out, '-');
			dash = 0;
			uni_put_lower(out, cp);
		} else if (flags & MD_IDS_ASCII) {
			/* Accents removed, then ASCII only. */
			int c = uni_ascii_fold(cp);

			if (c != 0)
				anchor_rune(out, (unsigned long)c);
		} else {
			anchor_rune(out, cp);
		}
	}
}

/* Appends the text of node's descendants (the table of contents'). */
static void
node_text(cmark_node *node, struct buf *out)
{
	cmark_node *child;
	const char *lit;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(node);
		if (lit != NULL)
			buf_puts(out, lit);
		return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		buf_putc(out, ' ');
		return;
	default:
		break;
	}
	for (child = cmark_node_first_child(node); child != NULL;
	    child = cmark_node_next(child))
		node_text(child, out);
}

/* The Markdown a document was parsed from, and a cursor on its lines
 * (cmark-gfm's: ended by \n, \r\n or \r), which only moves forward. */
struct md_source {
	const char *s;
	size_t n;
	int line;		/* the line at off, from 1 */
	size_t off;
	int cr;			/* -1 unknown, else whether s holds a \r */
};

/* The end of the line that starts at off: its \n or \r, or n. */
static size_t
line_end(struct md_source *src, size_t off)
{
	const char *nl;
	size_t end;

	if (src->cr < 0)
		src->cr = memchr(src->s, '\r', src->n) != NULL;
	if (!src->cr) {
		nl = memchr(src->s + off, '\n', src->n - off);
		return nl != NULL ? (size_t)(nl - src->s) : src->n;
	}
	for (end = off; end < src->n && src->s[end] != '\n' &&
	    src->s[end] != '\r'; end++)
		;
	return end;
}

/* Sets *len to the length of line (from 1; not before the cursor's) of
 * src, without its end, and returns its first byte (NULL past the end). */
static const char *
source_line(struct md_source *src, int line, size_t *len)
{
	size_t end;

	while (src->line < line && src->off < src->n) {
		end = line_end(src, src->off);
		if (end < src->n && src->s[end] == '\r' && end + 1 < src->n &&
		    src->s[end + 1] == '\n')
			end++;
		src->off = end + (end < src->n);
		src->line++;
	}
	if (src->line != line || src->off > src->n)
		return NULL;
	*len = line_end(src, src->off) - src->off;
	return src->s + src->off;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Is the n bytes of line s, from byte col - 1 (its container's prefix),
 * a setext heading's underline: '=' or '-' only, blanks around? */
static int
is_underline(const char *s, size_t n, size_t col)
{
	size_t i = col > 0 && col - 1 <= n ? col - 1 : 0;
	char c;

	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || (s[i] != '=' && s[i] != '-'))
		return 0;
	for (c = s[i]; i < n && s[i] == c; i++)
		;
	while (i < n && is_blank(s[i]))
		i++;
	return i == n;
}

/*
 * Appends the Markdown Goldmark makes a heading's id from: the source of
 * its last line as written (emphasis marks, code backquotes, a link's
 * URL, raw HTML, entities and all; Hugo: "what-_does_-traceroute-do"),
 * without an ATX heading's opening and closing '#'s and without a custom
 * id's attribute block (custom: there is one).
 */
static void
heading_source(cmark_node *h, struct md_source *src, int custom,
    struct buf *out)
{
	int first = cmark_node_get_start_line(h), line;
	size_t col = (size_t)cmark_node_get_start_column(h);
	struct md_source scan;
	const char *s, *u;
	size_t len, ulen, i, k;

	if ((s = source_line(src, first, &len)) == NULL)
		return;
	i = col > 0 && col - 1 <= len ? col - 1 : 0;
	while (i < len && is_blank(s[i]))
		i++;
	for (k = i; k < len && s[k] == '#'; k++)
		;
	if (k > i && k - i <= 6 && (k == len || is_blank(s[k]))) {
		/* ATX: the text between the '#'s and a closing sequence
		 * ('#'s after a blank, or alone). */
		i = k;
		while (len > i && is_blank(s[len - 1]))
			len--;
		for (k = len; k > i && s[k - 1] == '#'; k--)
			;
		if (k < len && (k == i || is_blank(s[k - 1])))
			len = k;
	} else {
		/* Setext: its last line of text, the one before its
		 * underline (cmark-gfm may end the heading past it). */
		scan = *src;
		for (line = first + 1; (u = source_line(&scan, line, &ulen)) !=
		    NULL && !is_underline(u, ulen, col); line++)
			;
		if (u != NULL && line - 1 > first) {
			if ((s = source_line(src, line - 1, &len)) == NULL)
				return;
			i = col > 0 && col - 1 <= len ? col - 1 : 0;
			while (i < len && is_blank(s[i]))
				i++;
		}
	}
	while (len > i && is_blank(s[len - 1]))
		len--;
	if (custom) {
		for (k = len; k > i && s[k - 1] != '{'; k--)
			;
		if (k > i)
			len = k - 1;
	}
	buf_add(out, s + i, len - i);
}

/* Goldmark's attribute grammar (parser/attribute.go, 1.5.4): is c a
 * byte of a bare name or value (letters, digits, "_:.-")? */
static int
attr_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '.' ||
	    c == '-';
}

/* Goldmark's util.IsPunct: ASCII punctuation only. */
static int
ascii_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Goldmark's util.IsSpace: ASCII white space only. */
static int
ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Nesting of {blocks} and [lists] in a value past which quire takes the
 * block for none: a heading line cannot hold more in practice, and the
 * recursion stays bounded on hostile input. */
#define ATTR_DEPTH 16

static size_t attr_value(const char *s, size_t n, size_t i, int depth);

static void code_escape(struct buf *out, const char *s, size_t n);

/* A heading's attributes from its block, in the order Goldmark 1.5.4
 * sets them on the node: each name once, in the place it first took (a
 * repeated name's later value replaces it; classes join with a space),
 * each value as Hugo writes it before escaping. */
struct heading_attr {
	char *name;
	struct buf value;
};

struct heading_attrs {
	struct heading_attr *v;
	size_t n;
};

static void
heading_attrs_free(struct heading_attrs *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].name);
		buf_free(&a->v[i].value);
	}
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

/* Sets attribute name (n bytes) to value (vn bytes) in a. */
static void
heading_attrs_set(struct heading_attrs *a, const char *name, size_t n,
    const char *value, size_t vn)
{
	struct heading_attr *at = NULL;
	size_t i;

	for (i = 0; i < a->n && at == NULL; i++)
		if (strlen(a->v[i].name) == n && memcmp(a->v[i].name, name,
		    n) == 0)
			at = &a->v[i];
	if (at == NULL) {
		a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
		at = &a->v[a->n++];
		at->name = xstrndup(name, n);
		memset(&at->value, 0, sizeof(at->value));
	} else if (n == 5 && memcmp(name, "class", 5) == 0)
		buf_putc(&at->value, ' ');
	else
		buf_reset(&at->value);
	buf_add(&at->value, value, vn);
}

/* The text of a quoted value's n bytes (between its quotes), its
 * escapes read as Goldmark's parseAttributeString reads them: \" \/ \\
 * and \b \f \n \r \t; any other backslash stays. */
static void
attr_string(struct buf *out, const char *s, size_t n)
{
	static const char from[] = "\"/\\bfnrt", to[] = "\"/\\\b\f\n\r\t";
	const char *c;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] != '\0' &&
		    (c = strchr(from, s[i + 1])) != NULL) {
			buf_putc(out, to[c - from]);
			i++;
		} else
			buf_putc(out, s[i]);
	}
}

/* Appends the number written in s (n bytes) as Hugo writes an attribute
 * of Goldmark's float64: Go's strconv.FormatFloat(f, 'f', -1, 64), the
 * shortest digits that read back the same, without an exponent. Returns
 * 0 when it is out of a double's range (Goldmark then takes the block
 * for none). */
static int
attr_number(struct buf *out, const char *s, size_t n)
{
	char num[64], e[40], *end;
	const char *d;
	double f;
	int p, x, i, ndig = 0;
	char digits[20];

	if (n >= sizeof(num))
		return 0;
	memcpy(num, s, n);
	num[n] = '\0';
	f = strtod(num, &end);
	if (f > 1.7976931348623157e308 || f < -1.7976931348623157e308)
		return 0;
	if (f == 0) {
		buf_puts(out, signbit(f) ? "-0" : "0");
		return 1;
	}
	for (p = 1; p < 17; p++) {
		snprintf(e, sizeof(e), "%.*e", p - 1, f);
		if (strtod(e, NULL) == f)
			break;
	}
	snprintf(e, sizeof(e), "%.*e", p - 1, f);
	d = e;
	if (*d == '-') {
		buf_putc(out, '-');
		d++;
	}
	for (; *d != 'e'; d++)
		if (*d != '.')
			digits[ndig++] = *d;
	x = atoi(d + 1);	/* f = 0.digits x 10^(x + 1) */
	if (x < 0) {
		buf_puts(out, "0.");
		for (i = 0; i < -x - 1; i++)
			buf_putc(out, '0');
		buf_add(out, digits, (size_t)ndig);
		return 1;
	}
	for (i = 0; i <= x; i++)
		buf_putc(out, i < ndig ? digits[i] : '0');
	if (ndig > x + 1) {
		buf_putc(out, '.');
		buf_add(out, digits + x + 1, (size_t)(ndig - x - 1));
	}
	return 1;
}

/* Appends the value at s[v..k) (attr_value()'s) as Hugo writes it: a
 * string's text, a number as Go formats it, true and false as words,
 * null, a list and a block as nothing. Returns 0 for a number out of
 * range. */
static int
attr_value_text(struct buf *out, const char *s, size_t v, size_t k)
{
	if (s[v] == '"')
		attr_string(out, s + v + 1, k - v - 2);
	else if (s[v] == '-' || s[v] == '+' || (s[v] >= '0' && s[v] <= '9'))
		return attr_number(out, s + v, k - v);
	else if (s[v] != '[' && s[v] != '{' && !(k - v == 4 &&
	    memcmp(s + v, "null", 4) == 0))
		buf_add(out, s + v, k - v);
	return 1;
}

/* The end of the attribute block "{...}" that starts at s[i], or 0 when
 * it is none. Sets its attributes in out (NULL: a nested block's). */
static size_t
attr_block(const char *s, size_t n, size_t i, struct heading_attrs *out,
    int depth)
{
	size_t k;

	if (i >= n || s[i] != '{' || depth > ATTR_DEPTH)
		return 0;
	for (i++;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '}')
			return i + 1;
		if (i == n)
			return 0;
		if (s[i] == '#' || s[i] == '.') {
			/* An id or a class: no blank, no ASCII punctuation
			 * but "_-:." (Goldmark keeps ids XHTML's). */
			for (k = i + 1; k < n && s[k] != ' ' && s[k] != '\t' &&
			    (!ascii_punct(s[k]) || strchr("_-:.", s[k]) !=
			    NULL); k++)
				;
			if (out != NULL)
				heading_attrs_set(out, s[i] == '#' ? "id" :
				    "class", s[i] == '#' ? 2 : 5, s + i + 1,
				    k - i - 1);
		} else {
			if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
			    s[i] <= 'Z') || s[i] == '_' || s[i] == ':'))
				return 0;
			size_t name = i, v;

			for (k = i; k < n && attr_name_char(s[k]); k++)
				;
			i = k;
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k == n || s[k] != '=')
				return 0;
			for (v = k + 1; v < n && (s[v] == ' ' || s[v] == '\t');
			    v++)
				;
			if ((k = attr_value(s, n, v, depth)) == 0)
				return 0;
			if (out != NULL) {
				struct buf value = BUF_INIT;
				int ok = attr_value_text(&value, s, v, k);

				if (ok)
					heading_attrs_set(out, s + name,
					    i - name, value.data != NULL ?
					    value.data : "", value.len);
				buf_free(&value);
				if (!ok)
					return 0;
			}
		}
		i = k;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == ',') {
			i++;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
		}
	}
}

/* The end of the value at s[i] (after "name="): a "string" (with
 * backslash escapes), a number, a [list], a {block}, or a bare word;
 * 0 when it is none of them. */
static size_t
attr_value(const char *s, size_t n, size_t i, int depth)
{
	size_t k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || depth >= ATTR_DEPTH)
		return 0;
	if (s[i] == '{')
		return attr_block(s, n, i, NULL, depth + 1);
	if (s[i] == '"') {
		for (k = i + 1; k < n && s[k] != '"'; k++)
			if (s[k] == '\\' && k + 1 < n)
				k++;
		return k < n ? k + 1 : 0;
	}
	if (s[i] == '[') {
		for (k = i + 1;;) {
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k < n && s[k] == ']')
				return k + 1;
			if ((k = attr_value(s, n, k, depth + 1)) == 0)
				return 0;
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k < n && s[k] == ',')
				k++;
		}
	}
	if (s[i] == '-' || s[i] == '+' || (s[i] >= '0' && s[i] <= '9')) {
		k = i + (s[i] == '-' || s[i] == '+');
		if (k == n || s[k] < '0' || s[k] > '9')
			return 0;
		while (k < n && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k < n && s[k] == '.')
			for (k++; k < n && s[k] >= '0' && s[k] <= '9'; k++)
				;
		if (k < n && (s[k] == 'e' || s[k] == 'E')) {
			k++;
			if (k < n && (s[k] == '-' || s[k] == '+'))
				k++;
			while (k < n && s[k] >= '0' && s[k] <= '9')
				k++;
		}
		return k;
	}
	if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	    s[i] == '_' || s[i] == ':'))
		return 0;
	for (k = i; k < n && attr_name_char(s[k]); k++)
		;
	return k;
}

/* Strips a trailing Goldmark attribute block (`{#id .class}`) from the
 * heading's last text node; returns 1 if there was one, with its
 * attributes set in out (empty otherwise). Goldmark reads the
 * block as written: its source line decides, where cmark-gfm's smart
 * punctuation has made "--" a dash and quotes curly in the text
 * ({#a--b} is the id a--b; {#it's} is no block, "'" being no id's). */
static int
take_attributes(cmark_node *heading, struct md_source *src,
    struct heading_attrs *out)
{
	cmark_node *last = cmark_node_last_child(heading), *from, *next;
	struct buf line = BUF_INIT;
	const char *lit, *open = NULL, *block;
	char *kept;
	size_t end, n;
	int found = 0;

	out->v = NULL;
	out->n = 0;
	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(last)) == NULL)
		return 0;
	end = strlen(lit);
	while (end > 0 && (lit[end - 1] == ' ' || lit[end - 1] == '\t'))
		end--;
	if (end == 0 || lit[end - 1] != '}')
		return 0;
	/* The text that opens the block: the last '{' of the heading's
	 * text, which raw HTML in a quoted value may leave nodes before
	 * the last ({title="<b>"}). */
	for (from = last; from != NULL && open == NULL;
	    from = open == NULL ? cmark_node_previous(from) : from)
		if (cmark_node_get_type(from) == CMARK_NODE_TEXT &&
		    (lit = cmark_node_get_literal(from)) != NULL)
			open = strrchr(lit, '{');
	if (open == NULL)
		return 0;
	heading_source(heading, src, 0, &line);
	/* The block is the line's last '{' to its end: one nested in a
	 * value never parses, as in Goldmark. */
	if (line.len > 0 && line.data[line.len - 1] == '}' &&
	    (block = memrchr(line.data, '{', line.len)) != NULL) {
		n = line.len - (size_t)(block - line.data);
		found = attr_block(block, n, 0, out, 0) == n;
	}
	buf_free(&line);
	if (!found) {
		heading_attrs_free(out);
		return 0;
	}
	while (open > lit && (open[-1] == ' ' || open[-1] == '\t'))
		open--;
	kept = xstrndup(lit, (size_t)(open - lit));
	cmark_node_set_literal(from, kept);
	free(kept);
	/* The block's rest leaves the tree; the nodes stay in the arena
	 * until the render ends (lists of nodes may still name them). */
	for (; (next = cmark_node_next(from)) != NULL; )
		cmark_node_unlink(next);
	return 1;
}

/* Copies up to n bytes of the text that follows node (its following
 * text siblings) into out; returns the number copied. */
static size_t
text_after(cmark_node *node, char *out, size_t n)
{
	size_t got = 0;

	for (node = cmark_node_next(node); node != NULL && got < n;
	    node = cmark_node_next(node)) {
		const char *lit;
		size_t len;

		if (cmark_node_get_type(node) != CMARK_NODE_TEXT)
			break;
		lit = cmark_node_get_literal(node);
		len = lit ? strlen(lit) : 0;
		if (len > n - got)
			len = n - got;
		memcpy(out + got, lit, len);
		got += len;
	}
	return got;
}

static int
ends_word(const char *s, size_t n, size_t i)
{
	return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    ((unsigned char)s[i] < 0x80 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
	    s[i]) != NULL) || (unsigned char)s[i] >= 0x80;
}

/* The first (last: the last) character an inline node other than text
 * stands on in the source, as Goldmark's typographer sees it beside a
 * quote: a newline for a line break, a spliced shortcode's placeholder's
 * (HAHAHUGOSHORTCODE...HBHB) for quire's own nodes, and for the rest
 * what its syntax starts (ends) with. */
static char
node_edge_char(cmark_node *node, int last)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		return '*';
	case CMARK_NODE_LINK:
		return last ? ')' : '[';
	case CMARK_NODE_IMAGE:
		return last ? ')' : '!';
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		return last ? ']' : '[';
	case CMARK_NODE_CODE:
		return '`';
	case CMARK_NODE_HTML_INLINE:
		return last ? '>' : '<';
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return '\n';
	case CMARK_NODE_CUSTOM_INLINE:
		return last ? 'B' : 'H';
	default:	/* strikethrough */
		return '~';
	}
}

/* Is node strikethrough (an extension's node type)? */
static int
is_strikethrough(cmark_node *node)
{
	const char *t = cmark_node_get_type_string(node);

	return t != NULL && strcmp(t, "strikethrough") == 0;
}

/* The marks an inline node's children sit between in the source, as
 * Goldmark reads past them: for a link or an image, its text's "[" and
 * "](" (its destination following); NULL for a block. */
static const char *
inline_open(cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_EMPH:
		return "*";
	case CMARK_NODE_STRONG:
		return "**";
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		return "[";
	default:
		return is_strikethrough(node) ? "~~" : NULL;
	}
}

static const char *
inline_close(cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		return "](";
	default:
		return inline_open(node);
	}
}

/* The character before position q of text node node's literal copy: from
 * the literal, else the end of the previous text sibling, else the last
 * character of the node before, else the mark that opens the inline node
 * it is the first child of ("[" of a link's text), else a newline (the
 * start of a line, as Goldmark's PrecedingCharacter says). */
static unsigned long
char_before(cmark_node *node, const char *copy, const char *q)
{
	const char *p = q, *lit;
	cmark_node *prev;
	unsigned long cp;

	if (q > copy) {
		while (p > copy && ((unsigned char)p[-1] & 0xC0) == 0x80)
			p--;
		if (p > copy)
			p--;
		uni_next(p, (size_t)(q - p), &cp);
		return cp;
	}
	prev = cmark_node_previous(node);
	if (prev == NULL) {
		const char *open = cmark_node_parent(node) != NULL ?
		    inline_open(cmark_node_parent(node)) : NULL;

		return open != NULL ? (unsigned char)open[0] : '\n';
	}
	if (cmark_node_get_type(prev) != CMARK_NODE_TEXT)
		return (unsigned char)node_edge_char(prev, 1);
	if ((lit = cmark_node_get_literal(prev)) == NULL || *lit == '\0')
		return '\n';
	return char_before(prev, lit, lit + strlen(lit));
}

/* The first ‘ in s, or NULL: strchr() finds its lead byte, then the
 * rest is compared. */
static char *
find_lsquo(const char *s)
{
	const char *p;

	for (p = strchr(s, LSQUO[0]); p != NULL; p = strchr(p + 1, LSQUO[0]))
		if (p[1] == LSQUO[1] && p[2] == LSQUO[2])
			return (char *)p;
	return NULL;
}

/* Goldmark's typographer (Hugo's) writes a right single quote where cmark
 * opens one: before a contraction ('d in alert('d'), 's, 'm, 't, 've, 'll,
 * 're followed by punctuation or space) and, after a space or punctuation,
 * before t, e, l or n ('twas, 'em, but also 'nested'). Applies that to
 * cmark's text nodes. */
static void
goldmark_quotes(cmark_node **texts, size_t ntexts)
{
	size_t t;

	for (t = 0; t < ntexts; t++) {
		cmark_node *node = texts[t];
		const char *lit;
		char next[4], *copy, *q;
		size_t n, len;

		if (cmark_node_parent(node) == NULL)
			continue;	/* joined into an earlier node */
		lit = cmark_node_get_literal(node);
		if (lit == NULL || find_lsquo(lit) == NULL)
			continue;
		copy = xstrdup(lit);
		len = strlen(copy);
		for (q = find_lsquo(copy); q != NULL; q = find_lsquo(q + 3)) {
			/* The characters after the quote, across nodes. */
			size_t have = len - (size_t)(q + 3 - copy);
			unsigned long before = char_before(node, copy, q);

			if (have > sizeof(next))
				have = sizeof(next);
			memcpy(next, q + 3, have);
			n = have + text_after(node, next + have,
			    sizeof(next) - have);
			if ((n >= 1 && strchr("teln", next[0]) != NULL &&
			    (uni_is_space(before) || iswpunct((wint_t)before))) ||
			    (n >= 1 && strchr("smtd", next[0]) != NULL &&
			    ends_word(next, n, 1)) ||
			    (n >= 2 && (strncmp(next, "ve", 2) == 0 ||
			    strncmp(next, "ll", 2) == 0 ||
			    strncmp(next, "re", 2) == 0) && ends_word(next, n, 2)))
				memcpy(q, RSQUO, 3);
		}
		cmark_node_set_literal(node, copy);
		free(copy);
	}
}

/* Does s (n bytes) hold U+2000 + the last byte lo - 0x80 or hi - 0x80:
 * “ or ” (0x9C, 0x9D), ‘ or ’ (0x98, 0x99)? memchr() finds their lead
 * byte, rare in Markdown (glibc's memmem is byte by byte). */
static int
holds_curly(const char *s, size_t n, unsigned char lo, unsigned char hi)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, 0xE2, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == lo || (unsigned char)p[2] == hi))
			return 1;
		p++;
	}
	return 0;
}

/* Does the Markdown input (n bytes) hold a curly quote of the author's,
 * as the character or as an entity cmark-gfm decodes into text (&rsquo;,
 * &#8217;, &#x2019;): “ ” for dq, ‘ ’ otherwise? */
static int
author_curly(const char *input, size_t n, int dq)
{
	unsigned long lo = dq ? 0x201C : 0x2018;
	const char *p = input, *end = input + n;

	if (holds_curly(input, n, (unsigned char)(0x80 + (lo & 0x3F)),
	    (unsigned char)(0x81 + (lo & 0x3F))))
		return 1;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		unsigned long cp = 0;
		const char *q = ++p;
		int hex = 0;

		if ((size_t)(end - q) >= 6 && q[1] == (dq ? 'd' : 's') &&
		    strncmp(q + 2, "quo;", 4) == 0 && (q[0] == 'l' || q[0] == 'r'))
			return 1;
		if (q == end || *q++ != '#')
			continue;
		if (q < end && (*q == 'x' || *q == 'X')) {
			hex = 1;
			q++;
		}
		for (; q < end && cp <= 0x10FFFF; q++) {
			if (*q >= '0' && *q <= '9')
				cp = cp * (hex ? 16 : 10) + (unsigned long)(*q - '0');
			else if (hex && ((*q | 32) >= 'a' && (*q | 32) <= 'f'))
				cp = cp * 16 + (unsigned long)((*q | 32) - 'a' + 10);
			else
				break;
		}
		if (q < end && *q == ';' && (cp == lo || cp == lo + 1))
			return 1;
	}
	return 0;
}

static void
push_node(cmark_node ***list, size_t *n, cmark_node *node)
{
	/* Grows at powers of two from 16. */
	if (*n >= 16 && (*n & (*n - 1)) == 0)
		*list = xrealloc(*list, 2 * *n * sizeof(**list));
	else if (*n == 0)
		*list = xmalloc(16 * sizeof(**list));
	(*list)[(*n)++] = node;
}

/* source_line() for a reader that may go back (the quote pass: cmark-gfm
 * moves footnote definitions to the document's end). */
static const char *
source_line_at(struct md_source *src, int line, size_t *len)
{
	if (line < src->line) {
		src->line = 1;
		src->off = 0;
	}
	return source_line(src, line, len);
}

/* The ASCII that cmark-gfm's smart punctuation made the typographic
 * character at p (avail bytes) from, or NULL for any other: quotes from
 * " and ', dashes from -- and ---, an ellipsis from ... (all U+20xx). */
static const char *
typo_ascii(const char *p, size_t avail)
{
	if (avail < 3 || (unsigned char)p[0] != 0xE2 ||
	    (unsigned char)p[1] != 0x80)
		return NULL;
	switch ((unsigned char)p[2]) {
	case 0x9C: case 0x9D: return "\"";
	case 0x98: case 0x99: return "'";
	case 0xA6: return "...";
	case 0x93: return "--";
	case 0x94: return "---";
	default: return NULL;
	}
}

/* curly_from_ascii() from byte j of source line s (end bytes). */
static int
align_from(const char *lit, const char *s, size_t j, size_t end,
    unsigned char *ours)
{
	size_t len = strlen(lit), i = 0, n;
	const char *ascii;

	memset(ours, 0, len);
	while (i < len) {
		if (j < end && s[j] == '\\' && j + 1 < end &&
		    ascii_punct(s[j + 1]) && lit[i] == s[j + 1]) {
			i++;
			j += 2;
		} else if (j < end && s[j] == '&' && (lit[i] != '&' ||
		    (end - j >= 5 && memcmp(s + j, "&amp;", 5) == 0 &&
		    strncmp(lit + i, "&amp;", 5) != 0))) {
			const char *semi = memchr(s + j, ';', end - j);
			unsigned long cp;

			if (semi == NULL || semi - (s + j) > 40)
				return -1;
			j = (size_t)(semi - s) + 1;
			i += uni_next(lit + i, len - i, &cp);
		} else if (j < end && lit[i] == s[j]) {
			i++;
			j++;
		} else if ((ascii = typo_ascii(lit + i, len - i)) != NULL) {
			n = strlen(ascii);
			if (end - j < n || memcmp(s + j, ascii, n) != 0)
				return -1;
			ours[i] = n == 1;	/* a quote */
			i += 3;
			j += n;
		} else if (j < end && is_blank(s[j])) {
			j++;	/* indentation cmark-gfm strips */
		} else {
			return -1;
		}
	}
	return 0;
}

/* Marks in ours (one byte per byte of lit) the lead byte of each curly
 * quote of text node node's literal lit that cmark-gfm made from an ASCII
 * quote, by reading lit beside the node's source line (src) as cmark-gfm
 * made the one from the other: escapes, entities, and its typographic
 * characters (quotes from ' and ", dashes, ellipses). A curly quote there
 * in the source is the author's. The node's start column is tried, then
 * the line's start (cmark-gfm's columns are off on a lazy continuation
 * line). Returns 0, or -1 where the two do not line up (a node of
 * quire's, with no position; an entity of more than one character; a
 * line number cmark-gfm left behind after a backslash's hard break). */
static int
curly_from_ascii(cmark_node *node, const char *lit, struct md_source *src,
    unsigned char *ours)
{
	int line = cmark_node_get_start_line(node);
	int first = cmark_node_get_start_column(node);
	const char *s;
	size_t n;

	if (line <= 0 || first <= 0 ||
	    (s = source_line_at(src, line, &n)) == NULL ||
	    (size_t)first - 1 > n)
		return -1;
	if (align_from(lit, s, (size_t)first - 1, n, ours) == 0)
		return 0;
	return first > 1 ? align_from(lit, s, 0, n, ours) : -1;
}

/* Does text lit (n bytes) end as the k bytes of source s do, over its
 * last six bytes or all of it: curly quotes cmark-gfm made from ASCII
 * ones read as those? */
static int
tail_matches(const char *lit, size_t n, const char *s, size_t k)
{
	size_t seen = 0;

	while (n > 0 && k > 0 && seen < 6) {
		const char *ascii = n >= 3 ? typo_ascii(lit + n - 3, 3) : NULL;

		if (ascii != NULL && ascii[1] == '\0' && s[k - 1] == *ascii) {
			n -= 3;
			seen += 3;
		} else if (lit[n - 1] == s[k - 1]) {
			n--;
			seen++;
		} else {
			return 0;
		}
		k--;
	}
	return seen >= 6 || n == 0;
}

/* What Goldmark's typographer reads after text node node where a line
 * break follows it (hard: a hard one; src: the Markdown cmark-gfm parsed):
 * a blank when the source line ends in one (cmark-gfm drops the blanks
 * before a break from the text: "Chris' " then a newline), a hard
 * break's backslash, else 0 (the line's end). The line is read to its
 * end, as cmark-gfm's columns are off on a continuation line, and it is
 * the one whose end the text's does: cmark-gfm's line number, or a later
 * one (it keeps the number of the line before after a backslash's hard
 * break); none: 0. */
static char
before_break(struct md_source *src, cmark_node *node, int hard)
{
	const char *lit = cmark_node_get_literal(node), *s;
	int line = cmark_node_get_end_line(node), tries;
	size_t n, len, k;

	if (line <= 0 || lit == NULL || (n = strlen(lit)) == 0)
		return 0;	/* a node of quire's, with no position */
	for (tries = 0; tries < 16; tries++, line++) {
		if ((s = source_line_at(src, line, &len)) == NULL)
			return 0;
		for (k = len; k > 0 && is_blank(s[k - 1]); k--)
			;
		if (k < len && tail_matches(lit, n, s, k))
			return ' ';
		if (hard && k == len && k > 0 && s[k - 1] == '\\' &&
		    tail_matches(lit, n, s, k - 1))
			return '\\';
		if (tail_matches(lit, n, s, k))
			return 0;
	}
	return 0;
}

/* Up to n bytes of the source as the author wrote it after position i of
 * text node node's literal lit (the text that follows, across text
 * siblings, with cmark-gfm's typographic characters back as the ASCII
 * they were: quotes, dashes, ellipses), past the marks that close the
 * inline nodes it ends (a link's "](", and an 'x' for its destination),
 * then the lead character of the node that ends the text, if any, and an
 * 'x' for what follows it on the line, unless that node is a line break
 * (what before_break() reads before one is there too). Returns the
 * number of bytes; fewer than n where the block ends. */
static size_t
source_after(cmark_node *node, const char *lit, size_t i, char *out, size_t n,
    struct md_source *src)
{
	size_t got = 0;

	for (;;) {
		while (lit[i] != '\0' && got < n) {
			/* 3: lit ends in a NUL, which no lead byte matches. */
			const char *ascii = typo_ascii(lit + i, 3);

			if (ascii != NULL) {
				while (*ascii != '\0' && got < n)
					out[got++] = *ascii++;
				i += 3;
			} else {
				out[got++] = lit[i++];
			}
		}
		if (got == n)
			return got;
		while (cmark_node_next(node) == NULL) {
			cmark_node *parent = cmark_node_parent(node);
			const char *close = parent != NULL ?
			    inline_close(parent) : NULL;

			if (close == NULL)
				return got;	/* the end of the block */
			while (*close != '\0' && got < n)
				out[got++] = *close++;
			if (cmark_node_get_type(parent) == CMARK_NODE_LINK ||
			    cmark_node_get_type(parent) == CMARK_NODE_IMAGE) {
				if (got < n)
					out[got++] = 'x';
				return got;
			}
			if (got == n)
				return got;
			node = parent;
		}
		if (cmark_node_get_type(node) == CMARK_NODE_TEXT &&
		    (cmark_node_get_type(cmark_node_next(node)) ==
		    CMARK_NODE_SOFTBREAK || cmark_node_get_type(
		    cmark_node_next(node)) == CMARK_NODE_LINEBREAK) &&
		    (out[got] = before_break(src, node, cmark_node_get_type(
		    cmark_node_next(node)) == CMARK_NODE_LINEBREAK)) != 0) {
			if (++got == n)
				return got;
		}
		node = cmark_node_next(node);
		if (cmark_node_get_type(node) != CMARK_NODE_TEXT) {
			out[got] = node_edge_char(node, 0);
			if (out[got++] != '\n' && got < n)
				out[got++] = 'x';
			return got;
		}
		lit = cmark_node_get_literal(node);
		if (lit == NULL)
			lit = "";
		i = 0;
	}
}

/* Goldmark's util.IsPunctRune, which its delimiters' flanking uses: ASCII
 * punctuation and symbols, and Unicode's punctuation (P*) beyond. */
static int
flank_punct(unsigned long cp)
{
	return cp < 0x80 ? ascii_punct((char)cp) : uni_is_go_punct(cp);
}

/* Is the line from a quote (line[0], len bytes, as source_after() gives
 * it) one where a quote that can both open and close closes: punctuation
 * (Go's unicode.IsPunct) after it, then the end of the line, punctuation
 * or a space ("why?". and "why?"), for instance)? */
static int
may_close(const char *line, size_t len)
{
	return len > 1 && (unsigned char)line[1] < 0x80 &&
	    uni_is_go_punct((unsigned char)line[1]) &&
	    (len == 2 || ascii_punct(line[2]) ||
	    ascii_space(line[2]));
}

/* Goldmark's choice for a '"': LDQUO, RDQUO or '"' itself (see
 * goldmark_quote_pass()). */
static const char *
double_quote(unsigned long before, const char *line, size_t len, int left,
    int right, size_t *open)
{
	if (left && !right) {
		(*open)++;
		return LDQUO;
	}
	/* "Monitor 21"": the first stays. */
	if (*open > 0 && right && (!left || may_close(line, len)) &&
	    !(len > 1 && line[1] == '"' && uni_go_class(before) ==
	    UNI_GO_DIGIT)) {
		(*open)--;
		return RDQUO;
	}
	return "\"";
}

/* Goldmark's choice for a '\'': RSQUO as an apostrophe, LSQUO, RSQUO as
 * a closing quote, or '\'' itself, rule by rule as its typographer
 * goes. */
static const char *
single_quote(unsigned long before, const char *line, size_t len, int left,
    int right, size_t *open)
{
	unsigned long next = 0, fifth = ' ';

	if (len > 1)
		uni_next(line + 1, len - 1, &next);
	/* '90s */
	if (left && !right && len > 3 && line[1] >= '0' && line[1] <= '9' &&
	    line[2] >= '0' && line[2] <= '9' && line[3] == 's') {
		if (len > 4)
			uni_next(line + 4, len - 4, &fifth);
		if (uni_is_space(fifth) || flank_punct(fifth))
			return RSQUO;
	}
	/* 'twas, 'em, 'net */
	if (len > 1 && (uni_is_go_punct(before) || uni_is_space(before)) &&
	    line[1] != '\0' && strchr("teln", line[1]) != NULL)
		return RSQUO;
	/* between a letter or digit and a letter: don't */
	if (len > 1 && (uni_go_class(before) == UNI_GO_LETTER ||
	    uni_go_class(before) == UNI_GO_DIGIT) &&
	    uni_go_class(next) == UNI_GO_LETTER)
		return RSQUO;
	if (left && !right) {
		/* Alice's, I'm, Don't, You'd; I've, I'll, You're */
		if (len > 1 && line[1] != '\0' && strchr("smtd", line[1]) &&
		    (len < 3 || ascii_punct(line[2]) ||
		    ascii_space(line[2])))
			return RSQUO;
		if (len > 2 && (strncmp(line + 1, "ve", 2) == 0 ||
		    strncmp(line + 1, "ll", 2) == 0 ||
		    strncmp(line + 1, "re", 2) == 0) && (len < 4 ||
		    ascii_punct(line[3]) ||
		    ascii_space(line[3])))
			return RSQUO;
		(*open)++;
		return LSQUO;
	}
	/* Smiths' car, doin' it: any not before a digit, with two more
	 * bytes on the line. */
	if (len > 2 && uni_go_class(next) != UNI_GO_DIGIT)
		return RSQUO;
	if (*open > 0 && right && (!left || may_close(line, len))) {
		(*open)--;
		return RSQUO;
	}
	return "'";
}

/* Goldmark's typographer (Hugo 0.111's) decides each quote of a page in
 * turn, where cmark-gfm pairs them. A '"' that can open and not close (a
 * left-flanking delimiter) is a left quote; one that can close, while a
 * left quote is still open, is a right quote if it cannot open, or if it
 * can and may_close() says so, but for a '"' after a digit and before
 * another ("Monitor 21""); any other stays '"' (a"b"c, 中文"引号"中文, a
 * closing quote with none open). A '\'' goes through its own rules
 * (single_quote()): apostrophes, then quotes as for '"'. The counts of
 * open quotes run over the whole page: Goldmark 1.5's typographer means
 * to reset them at each block's end, but its CloseBlock does not match
 * the interface the parser calls, so it never does (a quote left open in
 * one paragraph closes one in the next).
 *
 * Where the Markdown input (n bytes) holds no curly double quote of the
 * author's (author_curly()), every “ and ” of the text is cmark-gfm's,
 * and is set to Goldmark's choice; likewise ‘ and ’. Where it holds one,
 * only those curly_from_ascii() finds cmark-gfm's are; the texts it
 * cannot line up with their source are listed in *unsure (malloc'd, for
 * goldmark_quotes()) when single quotes are so mixed. */
static void
goldmark_quote_pass(cmark_node **texts, size_t ntexts, const char *input,
    size_t n, cmark_node ***unsure, size_t *nunsure)
{
	/* Its own cursor, which goes back where it must: texts linkify
	 * split off, and footnote definitions, come last. */
	struct md_source src = { input, n, 1, 0, -1 };
	struct buf b = BUF_INIT;
	unsigned char *ours = NULL;
	size_t t, open[2] = { 0, 0 };
	int take[2], mixed[2];

	*unsure = NULL;
	*nunsure = 0;
	take[0] = memchr(input, '\'', n) != NULL;
	take[1] = memchr(input, '"', n) != NULL;
	if (!take[0] && !take[1])
		return;
	mixed[0] = take[0] && author_curly(input, n, 0);
	mixed[1] = take[1] && author_curly(input, n, 1);
	for (t = 0; t < ntexts; t++) {
		cmark_node *node = texts[t];
		const char *lit;
		size_t len, i;
		int changed = 0, mapped = 1;

		if ((lit = cmark_node_get_literal(node)) == NULL ||
		    memchr(lit, 0xE2, strlen(lit)) == NULL)
			continue;
		len = strlen(lit);
		if (mixed[0] || mixed[1]) {
			ours = xrealloc(ours, len);
			mapped = curly_from_ascii(node, lit, &src, ours) == 0;
			if (!mapped && mixed[0])
				push_node(unsure, nunsure, node);
		}
		buf_reset(&b);
		for (i = 0; i < len; ) {
			unsigned long before, after;
			int bs, bp, as, ap, dq;
			char line[8];	/* the rules read five bytes */
			size_t got, run;
			const char *lead = memchr(lit + i, 0xE2, len - i);
			const char *quote;

			/* The bytes up to the next quote's lead, at once. */
			got = lead != NULL ? (size_t)(lead - lit) - i : len - i;
			buf_add(&b, lit + i, got);
			if ((i += got) == len)
				break;
			dq = len - i >= 3 && (memcmp(lit + i, LDQUO, 3) == 0 ||
			    memcmp(lit + i, RDQUO, 3) == 0);
			if (!(dq ? take[1] : len - i >= 3 && take[0] &&
			    (memcmp(lit + i, LSQUO, 3) == 0 ||
			    memcmp(lit + i, RSQUO, 3) == 0)) ||
			    (mixed[dq] && (!mapped || !ours[i]))) {
				/* Not a quote, or one of the author's (or of
				 * a node that cannot tell). */
				buf_putc(&b, lit[i++]);
				continue;
			}
			before = char_before(node, lit, lit + i);
			/* The line from the quote as the author wrote it; its
			 * delimiter run is every such quote in a row, and
			 * after is what follows the run. */
			line[0] = dq ? '"' : '\'';
			got = 1 + source_after(node, lit, i + 3, line + 1,
			    sizeof(line) - 1, &src);
			for (run = 1; run < got && line[run] == line[0]; run++)
				;
			after = ' ';
			if (run < got)
				uni_next(line + run, got - run, &after);
			bs = uni_is_space(before);
			bp = !bs && flank_punct(before);
			as = uni_is_space(after);
			ap = !as && flank_punct(after);
			quote = (dq ? double_quote : single_quote)(before, line,
			    got, !as && (!ap || bs || bp),
			    !bs && (!bp || as || ap), &open[dq]);
			buf_puts(&b, quote);
			if (quote[1] == '\0' || memcmp(lit + i, quote, 3) != 0)
				changed = 1;
			i += 3;
		}
		if (changed)
			cmark_node_set_literal(node, buf_cstr(&b));
	}
	buf_free(&b);
	free(ours);
}

/* Replaces every "<<" by « and ">>" by » in s (in place); with mark,
 * by their TYPO_MARK pairs. */
static void
angle_quotes(struct buf *s, int mark)
{
	struct buf out = BUF_INIT;
	size_t i;

	for (i = 0; i < s->len; i++) {
		if (i + 1 < s->len && s->data[i] == '<' && s->data[i + 1] == '<') {
			if (mark)
				buf_printf(&out, "%c%c", TYPO_MARK,
				    'a' + TYPO_LAQUO);
			else
				buf_puts(&out, "\xC2\xAB");
			i++;
		} else if (i + 1 < s->len && s->data[i] == '>' &&
		    s->data[i + 1] == '>') {
			if (mark)
				buf_printf(&out, "%c%c", TYPO_MARK,
				    'a' + TYPO_RAQUO);
			else
				buf_puts(&out, "\xC2\xBB");
			i++;
		} else {
			buf_putc(&out, s->data[i]);
		}
	}
	buf_free(s);
	*s = out;
}

/* Goldmark's typographer reads "<<" and ">>" as guillemets before it looks
 * for raw HTML, so "a <<b c>> d" is "a «b c» d" in Hugo, where cmark sees
 * the tag <b c>. Rejoins such a tag with the text around it, then makes
 * the guillemets in every text node. */
static void
goldmark_guillemets(cmark_node **texts, size_t n, int mark)
{
	size_t i;

	for (i = 0; i < n; i++) {
		cmark_node *node = texts[i], *tag, *after;
		const char *lit = cmark_node_get_literal(node), *h = NULL;
		struct buf b = BUF_INIT;
		size_t len;
		int join;

		if (cmark_node_parent(node) == NULL || lit == NULL)
			continue;	/* joined into an earlier node */
		len = strlen(lit);
		tag = cmark_node_next(node);
		join = len > 0 && lit[len - 1] == '<' && tag != NULL &&
		    cmark_node_get_type(tag) == CMARK_NODE_HTML_INLINE &&
		    (h = cmark_node_get_literal(tag)) != NULL && h[0] == '<';
		/* Most text has neither: leave it as it is, uncopied. */
		if (!join && (strpbrk(lit, "<>") == NULL ||
		    (strstr(lit, "<<") == NULL && strstr(lit, ">>") == NULL)))
			continue;
		buf_add(&b, lit, len);
		if (join) {
			buf_puts(&b, h);	/* "<" + "<b c>" = "<<b c>" */
			/* Unlinked nodes stay in the arena until the render
			 * ends (md_render()). */
			after = cmark_node_next(tag);
			cmark_node_unlink(tag);
			if (after != NULL &&
			    cmark_node_get_type(after) == CMARK_NODE_TEXT &&
			    cmark_node_get_literal(after) != NULL) {
				buf_puts(&b, cmark_node_get_literal(after));
				cmark_node_unlink(after);
			}
		}
		if (strstr(buf_cstr(&b), "<<") != NULL ||
		    strstr(buf_cstr(&b), ">>") != NULL) {
			angle_quotes(&b, mark);
			cmark_node_set_literal(node, buf_cstr(&b));
		} else if (b.len != len) {
			cmark_node_set_literal(node, buf_cstr(&b));
		}
		buf_free(&b);
	}
}

/*
 * Bare URLs. cmark-gfm's autolink extension and Goldmark's linkify (on in
 * Hugo) find mostly the same ones, but Goldmark's take a dotted host with
 * a lower-case top-level name, no port after a www. host, and a path of
 * fewer characters, and it links http, https and ftp URLs and www. hosts
 * only (Hugo's linkifyProtocol: https for www.). The passes below cut
 * each link cmark-gfm made to what Goldmark's rule matches, or unlink it,
 * and link what Goldmark links and cmark-gfm does not.
 */
#define URL_HOST_CHARS "-@:%._+~#="
#define URL_PATH_CHARS "-@:%_+.~#!?&/=();,'\">^{}[]`"

static int
url_char(unsigned char c, const char *set)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr(set, c) != NULL);
}

/* The length of the match of Goldmark's linkify pattern at the start of
 * s (n bytes), www. hosts when www is set, else http, https and ftp URLs;
 * 0 for none. The patterns' host part is greedy, then gives back up to
 * the last ".name" it can end on, as Go's leftmost-first regexp does. */
static size_t
linkify_match(const char *s, size_t n, int www)
{
	static const char *const schemes[] = { "http://", "https://",
	    "ftp://" };
	size_t i = 0, host, k, end;

	if (www) {
		if (n < 4 || memcmp(s, "www.", 4) != 0)
			return 0;
		i = 4;
	} else {
		for (k = 0; k < 3; k++)
			if (n >= strlen(schemes[k]) &&
			    memcmp(s, schemes[k], strlen(schemes[k])) == 0)
				break;
		if (k == 3)
			return 0;
		i = strlen(schemes[k]);
	}
	for (host = i; host < n && host - i < 256 &&
	    url_char((unsigned char)s[host], URL_HOST_CHARS); host++)
		;
	/* Back to the longest host whose next bytes are ".[a-z]". */
	for (; host > i; host--)
		if (host + 1 < n && s[host] == '.' && s[host + 1] >= 'a' &&
		    s[host + 1] <= 'z')
			break;
	if (host == i)
		return 0;
	for (end = host + 1; end < n && s[end] >= 'a' && s[end] <= 'z'; end++)
		;
	if (!www && end + 1 < n && s[end] == ':' && s[end + 1] >= '0' &&
	    s[end + 1] <= '9')
		for (end++; end < n && s[end] >= '0' && s[end] <= '9'; end++)
			;
	if (end < n && strchr("/#?", s[end]) != NULL)
		for (end++; end < n && (url_char((unsigned char)s[end],
		    URL_PATH_CHARS) || (!www && s[end] == '$')); end++)
			;
	return end;
}

/* Goldmark's trimming of a linkify match of n bytes: a final '.', the
 * ')' that close no '(' of the match, a final "&name;", then any final
 * run of ?!.,:*_~. Returns the length kept. */
static size_t
linkify_trim(const char *s, size_t n)
{
	size_t i;
	int closing = 0;

	if (n == 0)
		return 0;
	if (s[n - 1] == '.') {
		n--;
	} else if (s[n - 1] == ')') {
		for (i = 0; i < n; i++)
			closing += s[i] == ')' ? 1 : s[i] == '(' ? -1 : 0;
		if (closing > 0)
			n -= (size_t)closing;
	} else if (s[n - 1] == ';') {
		for (i = n - 1; i > 0 && url_char((unsigned char)s[i - 1], "");
		    i--)
			;
		if (i < n - 1 && i > 0 && s[i - 1] == '&')
			n = i - 1;
	}
	while (n > 1 && strchr("?!.,:*_~", s[n - 1]) != NULL)
		n--;
	return n;
}

/* Did the autolink extension make the link node (not [text](url) nor
 * <url>)? Its URL autolinks carry no source position; its www. links
 * (http://TEXT, or https://TEXT once cut to Goldmark's) span their text
 * alone. */
static int
is_autolinked(cmark_node *link)
{
	cmark_node *text = cmark_node_first_child(link);
	const char *lit, *url = cmark_node_get_url(link);

	if (text == NULL || cmark_node_next(text) != NULL ||
	    cmark_node_get_type(text) != CMARK_NODE_TEXT)
		return 0;
	if (cmark_node_get_start_line(link) == 0)
		return 1;
	lit = cmark_node_get_literal(text);
	if (lit == NULL || url == NULL)
		return 0;
	if (strncmp(url, "https://", 8) == 0)
		url += 8;	/* made so by goldmark_linkify() */
	else if (strncmp(url, "http://", 7) == 0)
		url += 7;
	else
		return 0;
	return strcmp(url, lit) == 0 &&
	    cmark_node_get_start_line(link) == cmark_node_get_end_line(link) &&
	    cmark_node_get_end_column(link) -
	    cmark_node_get_start_column(link) <= (int)strlen(lit);
}

/* The ids given so far in a document, and for each the next number to
 * try when it comes again: a hash table, so that a page of a thousand
 * headings named alike costs what a page of distinct ones does. */
struct idset {
	struct idslot {
		char *key;
		int next;
	} *slot;
	size_t cap, used;
};

static size_t
id_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Returns the slot holding key, or the empty slot where it would go. */
static struct idslot *
idset_slot(struct idset *set, const char *key)
{
	size_t i = id_hash(key) & (set->cap - 1);

	while (set->slot[i].key != NULL && strcmp(set->slot[i].key, key) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->slot[i];
}

static struct idslot *
idset_find(struct idset *set, const char *key)
{
	struct idslot *s;

	if (set->cap == 0)
		return NULL;
	s = idset_slot(set, key);
	return s->key != NULL ? s : NULL;
}

static struct idslot *
idset_add(struct idset *set, const char *key)
{
	struct idslot *s;

	if ((set->used + 1) * 2 > set->cap) {
		struct idset bigger;
		size_t i;

		bigger.cap = set->cap ? set->cap * 2 : 64;
		bigger.used = set->used;
		bigger.slot = xmalloc(bigger.cap * sizeof(*bigger.slot));
		memset(bigger.slot, 0, bigger.cap * sizeof(*bigger.slot));
		for (i = 0; i < set->cap; i++)
			if (set->slot[i].key != NULL)
				*idset_slot(&bigger, set->slot[i].key) = set->slot[i];
		free(set->slot);
		*set = bigger;
	}
	s = idset_slot(set, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		s->next = 1;
		set->used++;
	}
	return s;
}

static void
idset_free(struct idset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slot[i].key);
	free(set->slot);
}

/* Makes id unique in set as Goldmark does ("a", "a-1", "a-2"...) and adds
 * it. */
static void
unique_id(struct idset *set, struct buf *id)
{
	struct idslot *base = idset_find(set, buf_cstr(id));
	size_t len = id->len;
	int k;

	if (base != NULL) {
		for (k = base->next;; k++) {
			id->len = len;
			buf_printf(id, "-%d", k);
			if (idset_find(set, buf_cstr(id)) == NULL)
				break;
		}
		/* The table may grow below: find the base again after. */
		idset_add(set, buf_cstr(id));
		id->data[len] = '\0';
		idset_find(set, id->data)->next = k + 1;
		id->data[len] = '-';
		return;
	}
	idset_add(set, buf_cstr(id));
}

/* Does heading h's content render on one line: no line break, soft or
 * hard, and no raw HTML or spliced markup holding one? */
static int
heading_on_one_line(cmark_node *h)
{
	cmark_iter *iter = cmark_iter_new(h);
	cmark_event_type ev;
	int one = 1;

	while (one && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *s = NULL;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			one = 0;
			break;
		case CMARK_NODE_HTML_INLINE:
			s = cmark_node_get_literal(node);
			break;
		case CMARK_NODE_CUSTOM_INLINE:
			s = cmark_node_get_on_enter(node);
			one = s == NULL || strchr(s, '\n') == NULL;
			s = cmark_node_get_on_exit(node);
			break;
		default:
			break;
		}
		if (s != NULL && strchr(s, '\n') != NULL)
			one = 0;
	}
	cmark_iter_free(iter);
	return one;
}

/* Gives each heading of list[0..n) its id by replacing it with a custom
 * inline that prints `<hN id="...">` and `</hN>` around its text (in a
 * custom block), and records it in res. The replaced
 * heading nodes stay in the arena until the render ends: raw HTML nodes
 * moved out of them still point into their text. */
static void
number_headings(cmark_node **list, size_t n, struct md_result *res,
    unsigned flags, struct md_source *src)
{
	size_t i;
	struct idset ids = { NULL, 0, 0 };

	if (n > 0)
		res->headings = xmalloc(n * sizeof(*res->headings));

	for (i = 0; i < n; i++) {
		cmark_node *h = list[i], *block, *inl, *child;
		struct buf text = BUF_INIT, id = BUF_INIT, tag = BUF_INIT;
		struct buf idtext = BUF_INIT;
		int level = cmark_node_get_heading_level(h);
		struct heading_attrs attrs;
		int block_given = take_attributes(h, src, &attrs);
		/* A heading's own id, even "{#}"'s empty one, is written as
		 * Goldmark writes it: id="". */
		const struct heading_attr *given = NULL;
		int opens_with_id = -1;	/* -1: no attribute written yet */
		size_t k;

		for (k = 0; k < attrs.n; k++)
			if (strcmp(attrs.v[k].name, "id") == 0)
				given = &attrs.v[k];
		node_text(h, &text);
		if (given != NULL) {
			buf_add(&id, given->value.data != NULL ?
			    given->value.data : "", given->value.len);
			idset_add(&ids, buf_cstr(&id));
		} else if (!(flags & MD_NO_HEADING_IDS)) {
			heading_source(h, src, block_given, &idtext);
			md_anchor(&id, idtext.data, idtext.len, flags);
			if (id.len == 0)
				buf_puts(&id, "heading");
			unique_id(&ids, &id);
		}
		/* Hugo's default heading: the block's attributes in their
		 * order (escaped as Goldmark's util.EscapeHTML does, no event
		 * handler: no name that starts with "on"), then the id made
		 * from the text. */
		html(&tag, "<h");
		buf_putnum(&tag, level, 1);
		for (k = 0; k < attrs.n; k++) {
			const struct heading_attr *a = &attrs.v[k];

			if (strncasecmp(a->name, "on", 2) == 0)
				continue;
			if (opens_with_id < 0)
				opens_with_id = a == given;
			buf_putc(&tag, ' ');
			buf_puts(&tag, a->name);
			buf_puts(&tag, "=\"");
			code_escape(&tag, a->value.data, a->value.len);
			buf_putc(&tag, '"');
		}
		if (given == NULL && id.len > 0) {
			if (opens_with_id < 0)
				opens_with_id = 1;
			html(&tag, " id=\"");
			code_escape(&tag, id.data, id.len);
			buf_putc(&tag, '"');
		}
		buf_puts(&tag, ">");
		heading_attrs_free(&attrs);
		res->headings[res->nheadings].open_tag = xstrdup(buf_cstr(&tag));

		/* A block writes its tags on lines of their own; Goldmark
		 * keeps a heading on one line: the tags are an inline's, in
		 * a block that writes nothing but the line's end. */
		block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK,
		    &arena_mem);
		cmark_node_set_on_enter(block, "");
		cmark_node_set_on_exit(block, "");
		inl = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE,
		    &arena_mem);
		cmark_node_append_child(block, inl);
		cmark_node_set_on_enter(inl, buf_cstr(&tag));
		if (memchr(tag.data, '\n', tag.len) != NULL)
			opens_with_id = 0;	/* an attribute of two lines */
		buf_reset(&tag);
		/* PaperMod's anchored_headings.html adds the link by a
		 * regular expression that wants a tag opening with a
		 * non-empty id and the heading on one line: "{#}"'s id=""
		 * gets none, nor does a tag whose class comes first, nor a
		 * setext heading of two lines. */
		if ((flags & MD_ANCHORS) && opens_with_id == 1 && id.len > 0 &&
		    heading_on_one_line(h)) {
			html(&tag, "<a hidden class=\"anchor\" aria-hidden=\"true\" "
			    "href=\"#");
			code_escape(&tag, id.data, id.len);
			html(&tag, "\">#</a>");
		}
		html(&tag, "</h");
		buf_putnum(&tag, level, 1);
		html(&tag, ">");
		cmark_node_set_on_exit(inl, buf_cstr(&tag));
		res->headings[res->nheadings].close_tag = xstrdup(buf_cstr(&tag));
		while ((child = cmark_node_first_child(h)) != NULL)
			cmark_node_append_child(inl, child);
		cmark_node_insert_before(h, block);
		cmark_node_unlink(h);

		res->headings[res->nheadings].level = level;
		res->headings[res->nheadings].id = buf_detach(&id);
		res->headings[res->nheadings].text = buf_detach(&text);
		res->nheadings++;
		buf_free(&tag);
		buf_free(&idtext);
	}
	idset_free(&ids);
}

/* bytes.TrimSpace of res->html, as Hugo 0.111 trims a page's content
 * when it splits off the summary; returns how many bytes went from its
 * start. */
static size_t
trim_space(struct md_result *res)
{
	char *c = res->html.data;
	size_t len = res->html.len, k;

	while (len > 0 && strchr(" \t\n\r\v\f", c[len - 1]) != NULL)
		len--;
	for (k = 0; k < len && strchr(" \t\n\r\v\f", c[k]) != NULL; k++)
		;
	if (k > 0)
		memmove(c, c + k, len - k);
	len -= k;
	res->html.len = len;
	c[len] = '\0';
	return k;
}

/* Removes Hugo's divider paragraph from res->html as Hugo 0.111's
 * splitUserDefinedSummaryAndContent does, and records the summary length.
 * The divider is MORE_MARKER where mark_divider() found its paragraph;
 * else (a divider in code, say) the placeholder's text, as Hugo finds it. */
static void
split_summary(struct md_result *res)
{
	char *c = res->html.data, *mark, *p;
	size_t start, end, len = res->html.len, tail, k;

	if (c == NULL)
		return;
	if ((mark = memchr(c, MORE_MARKER[0], len)) != NULL) {
		start = (size_t)(mark - c);
		end = start + 1;
	} else if ((mark = strstr(c, MORE_PLACEHOLDER)) != NULL) {
		start = (size_t)(mark - c);
		for (p = mark; p > c; p--)
			if (p[-1] == '<' && p[0] == 'p')
				break;
		if (p > c)
			start = (size_t)(p - 1 - c);
		p = strstr(mark, "</p");
		end = p != NULL ? (size_t)(p - c) + 4 : (size_t)(mark - c) +
		    strlen(MORE_PLACEHOLDER);
	} else {
		return;
	}
	if (end > len)
		end = len;
	tail = end;
	while (tail < len && c[tail] == '\n')
		tail++;
	memmove(c + start, c + tail, len - tail);
	res->html.len = start + (len - tail);
	/* bytes.TrimSpace of the whole content and of the summary. */
	k = trim_space(res);
	c = res->html.data;
	len = res->html.len;
	start = start > k ? start - k : 0;
	if (start > len)
		start = len;
	while (start > 0 && strchr(" \t\n\r\v\f", c[start - 1]) != NULL)
		start--;
	res->summary_len = start;
}

/* The nodes the Goldmark passes work on, found in one walk of the tree. */
struct md_nodes {
	cmark_node **texts, **headings;
	cmark_node **links;	/* links the autolink extension made */
	size_t ntexts, nheadings, nlinks;
	cmark_node **defs;	/* footnote definitions, as rendered */
	size_t ndefs;
	int *nrefs;		/* references to defs[k] (its number k + 1) */
	/* For md-splice.c: fenced code blocks, when a hook writes them;
	 * texts, code, raw HTML, links and images holding a shortcode
	 * placeholder, when there are shortcodes. */
	cmark_node **codes, **sc_texts, **sc_links;
	size_t ncodes, nsc_texts, nsc_links;
};

static void
free_nodes(struct md_nodes *nodes)
{
	free(nodes->headings);
	free(nodes->texts);
	free(nodes->links);
	free(nodes->codes);
	free(nodes->sc_texts);
	free(nodes->sc_links);
	free(nodes->defs);
	free(nodes->nrefs);
}

/* Whether node's string (its literal or its URL) holds a placeholder. */
static int
holds_placeholder(const char *s)
{
	return s != NULL && md_has_placeholder(s, strlen(s));
}

static void
collect_nodes(cmark_node *doc, struct md_nodes *nodes,
    const struct md_hooks *hooks)
{
	int codes = hooks != NULL && (hooks->code_block != NULL ||
	    hooks->ncode > 0);
	int shortcodes = hooks != NULL && hooks->nshortcodes > 0;

	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;

	memset(nodes, 0, sizeof(*nodes));
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
			push_node(&nodes->texts, &nodes->ntexts, node);
			if (shortcodes &&
			    holds_placeholder(cmark_node_get_literal(node)))
				push_node(&nodes->sc_texts, &nodes->nsc_texts,
				    node);
			break;
		case CMARK_NODE_CODE_BLOCK: {
			int len, offset;
			char fence;

			if (codes && cmark_node_get_fenced(node, &len, &offset,
			    &fence))
				push_node(&nodes->codes, &nodes->ncodes, node);
			/* One the hook writes leaves the tree first. */
			if (shortcodes &&
			    holds_placeholder(cmark_node_get_literal(node)))
				push_node(&nodes->sc_texts, &nodes->nsc_texts,
				    node);
			break;
		}
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if (shortcodes &&
			    holds_placeholder(cmark_node_get_literal(node)))
				push_node(&nodes->sc_texts, &nodes->nsc_texts,
				    node);
			break;
		case CMARK_NODE_IMAGE:
			if (shortcodes &&
			    holds_placeholder(cmark_node_get_url(node)))
				push_node(&nodes->sc_links, &nodes->nsc_links,
				    node);
			break;
		case CMARK_NODE_HEADING:
			push_node(&nodes->headings, &nodes->nheadings, node);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			push_node(&nodes->defs, &nodes->ndefs, node);
			break;
		case CMARK_NODE_LINK:
			if (is_autolinked(node))
				push_node(&nodes->links, &nodes->nlinks, node);
			if (shortcodes &&
			    holds_placeholder(cmark_node_get_url(node)))
				push_node(&nodes->sc_links, &nodes->nsc_links,
				    node);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
}

/* Appends s as cmark-gfm's houdini_escape_href writes it in an href: '&'
 * and '\'' as entities, bytes outside its URL set %-encoded. */
static void
href_escape(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') ||
		    (c != '\0' && strchr("-_.+!*(),%#@?=;:/$~", c) != NULL)) {
			buf_putc(out, (char)c);
		} else if (c == '&') {
			buf_puts(out, "&amp;");
		} else if (c == '\'') {
			buf_puts(out, "&#x27;");
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
	}
}

/* Appends the label of the footnote definition def as cmark-gfm keeps it:
 * what is between "[^" and "]:" on its first line in src, before the
 * column its text starts at. */
static void
footnote_label(cmark_node *def, const struct md_source *src, struct buf *out)
{
	struct md_source from = *src;
	const char *s;
	size_t len, i, k, end;
	int col = cmark_node_get_start_column(def);

	from.line = 1;
	from.off = 0;
	if ((s = source_line(&from, cmark_node_get_start_line(def), &len)) ==
	    NULL)
		return;
	end = col > 0 && (size_t)col - 1 < len ? (size_t)col - 1 : len;
	for (i = 0; i + 1 < end; i++) {
		if (s[i] != '[' || s[i + 1] != '^')
			continue;
		for (k = i + 2; k < end && s[k] != ']'; k++)
			if (s[k] == '\\')
				k++;
		if (k + 1 < end + 1 && k + 1 < len && s[k] == ']' &&
		    s[k + 1] == ':') {
			buf_add(out, s + i + 2, k - i - 2);
			return;
		}
	}
}

/* Appends n bytes of code as cmark-gfm escapes a code block's text (and
 * as Goldmark's util.EscapeHTML escapes an attribute's value). */
static void
code_escape(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, s[i]); break;
		}
}

/* Appends the HTML cmark-gfm writes for the code block node, less its
 * final newline. */
static void
code_block_html(cmark_node *node, struct buf *out)
{
	const char *info = cmark_node_get_fence_info(node);
	const char *lit = cmark_node_get_literal(node);
	size_t word;

	buf_puts(out, "<pre><code");
	if (info != NULL && *info != '\0') {
		word = strcspn(info, " \t\n\v\f\r");
		buf_puts(out, " class=\"language-");
		code_escape(out, info, word);
		buf_puts(out, "\"");
	}
	buf_puts(out, ">");
	if (lit != NULL)
		code_escape(out, lit, strlen(lit));
	buf_puts(out, "</code></pre>");
}

/* A new custom node of type in the arena, writing enter and exit. */
static cmark_node *
custom_node(cmark_node_type type, const char *enter, const char *exit)
{
	cmark_node *node = cmark_node_new_with_mem(type, &arena_mem);

	cmark_node_set_on_enter(node, enter);
	cmark_node_set_on_exit(node, exit);
	return node;
}

/*
 * Footnotes as Goldmark ends them, where cmark-gfm would write its own
 * back links ("↩", then "↩<sup>2</sup>" for each further reference): a
 * "&#160;" and "&#x21a9;&#xfe0e;" link per reference, as the last
 * paragraph's end, else after the note's last block (right after a code
 * block, highlighted or not, with no newline), the item closing right
 * after it. Hugo counts
 * words on that (its entities encoded). Each definition becomes a custom
 * block writing cmark-gfm's markup around it (the list of notes, the
 * item and its id, as cmark's references link them), so cmark-gfm writes
 * no back link and nothing is rewritten in the HTML.
 */
static void
goldmark_footnotes(struct md_nodes *nodes, const struct md_source *src)
{
	struct buf label = BUF_INIT, open = BUF_INIT, back = BUF_INIT;
	struct buf close = BUF_INIT;
	size_t k;
	int r;

	for (k = 0; k < nodes->ndefs; k++) {
		cmark_node *def = nodes->defs[k], *block, *child, *last, *wrap;
		int n = nodes->nrefs[k] > 0 ? nodes->nrefs[k] : 1;

		buf_reset(&label);
		buf_reset(&open);
		buf_reset(&back);
		buf_reset(&close);
		footnote_label(def, src, &label);
		if (k == 0)
			buf_puts(&open, "<section class=\"footnotes\" "
			    "data-footnotes>\n<ol>\n");
		buf_puts(&open, "<li id=\"fn-");
		href_escape(&open, label.data, label.len);
		buf_puts(&open, "\">");
		for (r = 1; r <= n; r++) {
			buf_puts(&back, "&#160;<a href=\"#fnref-");
			href_escape(&back, label.data, label.len);
			if (r > 1)
				buf_printf(&back, "-%d", r);
			buf_puts(&back, "\" class=\"footnote-backref\" "
			    "data-footnote-backref aria-label=\"Back to "
			    "content\">&#x21a9;&#xfe0e;</a>");
		}
		last = cmark_node_last_child(def);
		if (last != NULL &&
		    cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH) {
			cmark_node_append_child(last, custom_node(
			    CMARK_NODE_CUSTOM_INLINE, buf_cstr(&back), ""));
			buf_puts(&close, "</li>");
		} else {
			/* After the last block, on the line it ends (a
			 * code block's own), and the item closes there. */
			struct buf after = BUF_INIT;

			if (last != NULL &&
			    cmark_node_get_type(last) == CMARK_NODE_CODE_BLOCK) {
				code_block_html(last, &after);
				cmark_node_unlink(last);
			} else if (last != NULL && md_stored_block(last) != NULL) {
				/* A stored highlighted block: the same. */
				const struct md_fragment *f =
				    md_stored_block(last);

				buf_add(&after, f->html, f->len);
				while (after.len > 0 &&
				    after.data[after.len - 1] == '\n')
					after.data[--after.len] = '\0';
				cmark_node_unlink(last);
			} else if (last != NULL && cmark_node_get_type(last) ==
			    CMARK_NODE_CUSTOM_BLOCK && cmark_node_first_child(
			    last) == NULL && cmark_node_get_on_enter(last) !=
			    NULL) {
				/* A block the importer made (md-splice.c:
				 * highlighted code, as Hugo's, or a
				 * shortcode's output): no newline after. */
				buf_puts(&after, cmark_node_get_on_enter(last));
				if (cmark_node_get_on_exit(last) != NULL)
					buf_puts(&after,
					    cmark_node_get_on_exit(last));
				while (after.len > 0 &&
				    after.data[after.len - 1] == '\n')
					after.data[--after.len] = '\0';
				cmark_node_unlink(last);
			}
			buf_add(&after, back.data, back.len);
			buf_puts(&after, "</li>");
			wrap = custom_node(CMARK_NODE_CUSTOM_BLOCK, "", "");
			cmark_node_append_child(wrap, custom_node(
			    CMARK_NODE_CUSTOM_INLINE, buf_cstr(&after), ""));
			cmark_node_append_child(def, wrap);
			buf_free(&after);
		}
		if (k + 1 == nodes->ndefs)
			buf_puts(&close, close.len ? "\n</ol>\n</section>" :
			    "</ol>\n</section>");
		block = custom_node(CMARK_NODE_CUSTOM_BLOCK, buf_cstr(&open),
		    buf_cstr(&close));
		while ((child = cmark_node_first_child(def)) != NULL)
			cmark_node_append_child(block, child);
		/* The definition stays in the arena: cmark's references
		 * still read their label from it. */
		cmark_node_insert_before(def, block);
		cmark_node_unlink(def);
	}
	buf_free(&label);
	buf_free(&open);
	buf_free(&back);
	buf_free(&close);
}

/* Counts the references to each footnote definition into nodes->nrefs:
 * a reference's literal is the number of the note it refers to. */
static void
count_references(cmark_node *doc, struct md_nodes *nodes)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;

	nodes->nrefs = xmalloc(nodes->ndefs * sizeof(*nodes->nrefs));
	memset(nodes->nrefs, 0, nodes->ndefs * sizeof(*nodes->nrefs));
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *lit;
		long k;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) !=
		    CMARK_NODE_FOOTNOTE_REFERENCE ||
		    (lit = cmark_node_get_literal(node)) == NULL)
			continue;
		k = strtol(lit, NULL, 10);
		if (k >= 1 && (size_t)k <= nodes->ndefs)
			nodes->nrefs[k - 1]++;
	}
	cmark_iter_free(iter);
}

/* Keeps in nodes->texts only the text nodes the Goldmark passes below
 * may change: those holding '<', '>' or ‘, which most text does not.
 * (A node that a guillemet join grows holds '<' already.) */
static void
keep_typography_texts(struct md_nodes *nodes)
{
	size_t i, kept = 0;

	for (i = 0; i < nodes->ntexts; i++) {
		const char *lit = cmark_node_get_literal(nodes->texts[i]);

		if (lit != NULL && (strpbrk(lit, "<>") != NULL ||
		    find_lsquo(lit) != NULL))
			nodes->texts[kept++] = nodes->texts[i];
	}
	nodes->ntexts = kept;
}

/* The index in typography[] of the character at s (n bytes), or -1. */
static int
typo_at(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < sizeof(typography) / sizeof(typography[0]); i++) {
		k = strlen(typography[i].chars);
		if (n >= k && memcmp(s, typography[i].chars, k) == 0)
			return (int)i;
	}
	return -1;
}

/* Writes each character cmark-gfm's smart punctuation made as its
 * TYPO_MARK pair (MD_TYPO_ENTITIES). cmark-gfm joins what it makes with
 * the text around it, so a quote, dash or ellipsis of the text is the
 * typographer's when the Markdown input (n bytes) holds no such
 * character itself; where the author wrote some, that character stays
 * as it is throughout. */
static void
mark_typography(cmark_node *doc, const char *input, size_t n)
{
	cmark_iter *iter;
	cmark_event_type ev;
	struct buf b = BUF_INIT;
	int made[TYPO_SMART];
	size_t k, any = 0;

	for (k = 0; k < TYPO_SMART; k++) {
		made[k] = memmem(input, n, typography[k].chars,
		    strlen(typography[k].chars)) == NULL;
		any += (size_t)made[k];
	}
	if (any == 0)
		return;
	iter = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *lit;
		size_t len, i;
		int changed = 0;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_TEXT ||
		    (lit = cmark_node_get_literal(node)) == NULL ||
		    strpbrk(lit, "\xE2") == NULL)
			continue;
		len = strlen(lit);
		buf_reset(&b);
		for (i = 0; i < len; ) {
			int t = typo_at(lit + i, len - i);

			if (t >= 0 && t < TYPO_SMART && made[t]) {
				buf_printf(&b, "%c%c", TYPO_MARK, 'a' + t);
				i += strlen(typography[t].chars);
				changed = 1;
			} else {
				buf_putc(&b, lit[i++]);
			}
		}
		if (changed)
			cmark_node_set_literal(node, buf_cstr(&b));
	}
	cmark_iter_free(iter);
	buf_free(&b);
}

/* Replaces each TYPO_MARK pair of html by its entity. */
static void
typo_entities(struct buf *html)
{
	struct buf out = BUF_INIT;
	const char *s = buf_cstr(html), *m;
	size_t n = html->len;

	if (memchr(s, TYPO_MARK, n) == NULL)
		return;
	while ((m = memchr(s, TYPO_MARK, n)) != NULL) {
		size_t k = m + 1 < s + n ? (size_t)(m[1] - 'a') : 0;

		buf_add(&out, s, (size_t)(m - s));
		if (m + 1 < s + n && k < sizeof(typography) /
		    sizeof(typography[0])) {
			buf_puts(&out, typography[k].entity);
			m++;
		}
		n -= (size_t)(m + 1 - s);
		s = m + 1;
	}
	buf_add(&out, s, n);
	buf_free(html);
	*html = out;
}

/* Does s (n bytes) end with a character Goldmark's typographer writes
 * (cmark-gfm's smart punctuation writes the same into the text)? */
static int
ends_typographic(const char *s, size_t n)
{
	static const char *const typographic[] = { "\xE2\x80\x9C",
	    "\xE2\x80\x9D", LSQUO, RSQUO, "\xE2\x80\x93", "\xE2\x80\x94",
	    "\xE2\x80\xA6", "\xC2\xAB", "\xC2\xBB" };
	size_t i, k;

	for (i = 0; i < sizeof(typographic) / sizeof(typographic[0]); i++) {
		k = strlen(typographic[i]);
		if (n >= k && memcmp(s + n - k, typographic[i], k) == 0)
			return 1;
	}
	return 0;
}

/* May Goldmark's linkify start at byte p of the text node's literal lit:
 * after white space, '*', '_', '~' or '(' (its trigger characters), at
 * the head of a line, an emphasis or a cell, or after any other inline
 * (code, a link, a typographic quote: Goldmark tries its inline parsers
 * again at the byte after one)? */
static int
linkify_may_start(cmark_node *text, const char *lit, size_t p)
{
	cmark_node *prev, *parent;
	const char *plit;

	if (p > 0)
		return strchr(" \t\n*_~(", lit[p - 1]) != NULL ||
		    ends_typographic(lit, p);
	if ((prev = cmark_node_previous(text)) == NULL) {
		parent = cmark_node_parent(text);
		switch (cmark_node_get_type(parent)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			return 1;
		default:	/* strikethrough, table cells: extensions' */
			return parent != NULL && (strcmp(
			    cmark_node_get_type_string(parent),
			    "strikethrough") == 0 || strcmp(
			    cmark_node_get_type_string(parent),
			    "table_cell") == 0);
		}
	}
	if (cmark_node_get_type(prev) != CMARK_NODE_TEXT)
		return 1;	/* a line break, code, a link, emphasis... */
	plit = cmark_node_get_literal(prev);
	return plit != NULL && *plit != '\0' &&
	    linkify_may_start(prev, plit, strlen(plit));
}

/* Is node inside a link or an image (whose text Goldmark never links)? */
static int
in_link(cmark_node *node)
{
	for (node = cmark_node_parent(node); node != NULL;
	    node = cmark_node_parent(node))
		if (cmark_node_get_type(node) == CMARK_NODE_LINK ||
		    cmark_node_get_type(node) == CMARK_NODE_IMAGE)
			return 1;
	return 0;
}

/* Points link at scheme followed by the first n bytes of s, and makes
 * those bytes label's text. */
static void
set_link(cmark_node *link, cmark_node *label, const char *scheme,
    const char *s, size_t n)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, scheme);
	buf_add(&b, s, n);
	cmark_node_set_url(link, buf_cstr(&b));
	buf_reset(&b);
	buf_add(&b, s, n);
	cmark_node_set_literal(label, buf_cstr(&b));
	buf_free(&b);
}

/* Links the first URL in the text node that Goldmark's linkify links and
 * cmark-gfm's autolink extension did not (a host with '_', a www. host
 * inside emphasis): the node is cut before it, and the text after it
 * goes to a new node appended to nodes->texts, to be looked at in turn.
 * The nodes come from the arena. */
static void
linkify_text(cmark_node *text, struct md_nodes *nodes)
{
	const char *lit = cmark_node_get_literal(text), *hit;
	cmark_node *link, *label, *rest;
	struct buf b = BUF_INIT;
	size_t n, p, keep = 0;
	int www = 0;

	/* Every URL linkify takes holds "www." or a scheme's ':': most text
	 * holds neither, and two scans of it are cheaper than stopping at
	 * each 'w', 'h' and 'f'. */
	if (lit == NULL || (strchr(lit, ':') == NULL &&
	    strstr(lit, "www.") == NULL))
		return;
	n = strlen(lit);
	for (hit = lit; (hit = strpbrk(hit, "whf")) != NULL; hit++) {
		p = (size_t)(hit - lit);
		www = *hit == 'w';
		if ((www ? strncmp(hit, "www.", 4) == 0 : strncmp(hit, "http",
		    4) == 0 || strncmp(hit, "ftp:", 4) == 0) &&
		    linkify_may_start(text, lit, p) &&
		    (keep = linkify_trim(hit, linkify_match(hit, n - p,
		    www))) > 0)
			break;
	}
	if (hit == NULL || in_link(text))
		return;
	link = cmark_node_new_with_mem(CMARK_NODE_LINK, &arena_mem);
	label = cmark_node_new_with_mem(CMARK_NODE_TEXT, &arena_mem);
	set_link(link, label, www ? "https://" : "", hit, keep);
	cmark_node_append_child(link, label);
	cmark_node_insert_after(text, link);
	if (p + keep < n) {
		rest = cmark_node_new_with_mem(CMARK_NODE_TEXT, &arena_mem);
		cmark_node_set_literal(rest, hit + keep);
		cmark_node_insert_after(link, rest);
		push_node(&nodes->texts, &nodes->ntexts, rest);
	}
	buf_reset(&b);
	buf_add(&b, lit, p);
	cmark_node_set_literal(text, buf_cstr(&b));
	buf_free(&b);
}

static int
is_alnum(char c)
{
	return url_char((unsigned char)c, "");
}

/* The length of the host Goldmark takes after an email address's '@' in
 * d (n bytes): dot-separated names of letters, digits and '-', each
 * beginning and ending with a letter or digit, at most 63 long. */
static size_t
email_host_len(const char *d, size_t n)
{
	size_t end = 0, i, j;

	for (i = 0; i < n && is_alnum(d[i]); i = j + 1) {
		for (j = i + 1; j < n && j - i < 63 &&
		    (is_alnum(d[j]) || d[j] == '-'); j++)
			;
		while (d[j - 1] == '-')
			j--;
		end = j;
		if (j >= n || d[j] != '.')
			break;
	}
	return end;
}

/* Keeps the email address cmark-gfm linked (text lit, n bytes, of the
 * link's one text node) as far as Goldmark's linkify takes it: a host
 * with a dot, not followed by '-' or '_'; unlinks it when there is none. */
static void
email_linkify(cmark_node *link, cmark_node *text, const char *lit, size_t n)
{
	const char *at = strchr(lit, '@');
	cmark_node *next = cmark_node_next(link), *rest;
	const char *after;
	size_t host, keep;

	if (at == NULL)
		return;
	host = email_host_len(at + 1, n - (size_t)(at + 1 - lit));
	keep = (size_t)(at + 1 - lit) + host;
	if (keep < n)
		after = lit + keep;
	else if (next != NULL && cmark_node_get_type(next) == CMARK_NODE_TEXT &&
	    cmark_node_get_literal(next) != NULL)
		after = cmark_node_get_literal(next);
	else
		after = "";
	if (memchr(at + 1, '.', host) == NULL || *after == '-' ||
	    *after == '_') {
		cmark_node_insert_before(link, text);
		cmark_node_unlink(link);
		return;
	}
	if (keep == n)
		return;
	rest = cmark_node_new_with_mem(CMARK_NODE_TEXT, &arena_mem);
	cmark_node_set_literal(rest, lit + keep);
	cmark_node_insert_after(link, rest);
	set_link(link, text, "mailto:", lit, keep);
}

/* Cuts the autolinked link to what Goldmark's linkify links, or replaces
 * it by its text: the text cut off follows it as a text node (added to
 * nodes->texts). The nodes come from the arena. */
static void
goldmark_linkify(cmark_node *link, struct md_nodes *nodes)
{
	cmark_node *text = cmark_node_first_child(link), *rest;
	const char *lit = cmark_node_get_literal(text);
	const char *url = cmark_node_get_url(link);
	size_t n = strlen(lit), keep;
	int www;

	if (url != NULL && strncmp(url, "mailto:", 7) == 0 &&
	    strcmp(url + 7, lit) == 0) {
		email_linkify(link, text, lit, n);
		return;
	}
	www = strncmp(lit, "www.", 4) == 0;
	keep = linkify_trim(lit, linkify_match(lit, n, www));
	if (keep == 0) {
		/* Not a link in Hugo: its text stays, in its place. */
		cmark_node_insert_before(link, text);
		cmark_node_unlink(link);
		return;
	}
	if (keep < n) {
		rest = cmark_node_new_with_mem(CMARK_NODE_TEXT, &arena_mem);
		cmark_node_set_literal(rest, lit + keep);
		cmark_node_insert_after(link, rest);
		push_node(&nodes->texts, &nodes->ntexts, rest);
	}
	set_link(link, text, www ? "https://" : "", lit, keep);
}

/* The line (from 1) of byte off of s, as cmark-gfm numbers lines. */
static int
line_of(const char *s, size_t off)
{
	size_t i;
	int line = 1;

	for (i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off ||
		    s[i + 1] != '\n')))
			line++;
	return line;
}

/* Replaces the paragraph of Hugo's divider placeholder, the block of doc
 * that starts on line, by a custom block writing marker: MORE_MARKER
 * for split_summary() to find, or "" where no summary is wanted (the
 * block then writes nothing at all: the newline cmark puts after a block
 * is there before it). Returns whether it was there (a divider in a code
 * block or raw HTML is not). */
static int
mark_divider(cmark_node *doc, int line, const char *marker_html)
{
	cmark_node *node, *text, *marker;
	const char *lit;

	for (node = cmark_node_first_child(doc); node != NULL;
	    node = cmark_node_next(node)) {
		if (cmark_node_get_start_line(node) < line)
			continue;
		if (cmark_node_get_start_line(node) > line)
			return 0;
		text = cmark_node_first_child(node);
		if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH ||
		    text == NULL || cmark_node_next(text) != NULL ||
		    cmark_node_get_type(text) != CMARK_NODE_TEXT ||
		    (lit = cmark_node_get_literal(text)) == NULL ||
		    strcmp(lit, MORE_PLACEHOLDER) != 0)
			return 0;
		marker = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK,
		    &arena_mem);
		cmark_node_set_on_enter(marker, marker_html);
		cmark_node_set_on_exit(marker, "");
		cmark_node_insert_before(node, marker);
		cmark_node_unlink(node);
		return 1;
	}
	return 0;
}

int
md_render(const char *src, size_t n, unsigned flags,
    const struct md_hooks *hooks, struct md_result *res)
{
	int options = CMARK_OPT_VALIDATE_UTF8 |
	    CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	cmark_parser *parser;
	cmark_node *doc;
	char *html;
	struct buf input = BUF_INIT, emojified = BUF_INIT;
	const char *more = NULL;
	struct md_nodes nodes;
	struct md_source source;
	size_t i;
	int more_line = 0, divided = 0;

	memset(res, 0, sizeof(*res));
	res->summary_len = (size_t)-1;
	if (flags & MD_UNSAFE)
		options |= CMARK_OPT_UNSAFE;
	if (!(flags & MD_NO_TYPOGRAPHER))
		options |= CMARK_OPT_SMART;
	if (!(flags & MD_NO_FOOTNOTE))
		options |= CMARK_OPT_FOOTNOTES;
	if (flags & MD_HARD_WRAPS)
		options |= CMARK_OPT_HARDBREAKS;

	/* Hugo emojifies the page's Markdown (its shortcodes' placeholders
	 * in it), then renders it. */
	if ((flags & MD_EMOJI) && n > 0 && memchr(src, ':', n) != NULL &&
	    emoji_replace(&emojified, src, n) > 0) {
		src = emojified.data;
		n = emojified.len;
	}
	if ((flags & MD_MORE) && n > 0)
		more = memmem(src, n, MORE_MARK, strlen(MORE_MARK));
	if (more != NULL) {
		const char *after = more + strlen(MORE_MARK);

		buf_add(&input, src, (size_t)(more - src));
		buf_puts(&input, "\n\n");
		more_line = line_of(input.data, input.len);
		buf_puts(&input, MORE_PLACEHOLDER "\n\n");
		buf_add(&input, after, n - (size_t)(after - src));
		for (; after < src + n; after++)
			if (strchr(" \t\r\n", *after) == NULL) {
				res->more_truncated = 1;
				break;
			}
		src = input.data;
		n = input.len;
	}

	/* cmark-gfm's own check copies the input a code point at a time,
	 * ten times what ours costs; valid input (the importer refuses any
	 * other) reads the same without it, and NUL bytes cmark replaces
	 * either way. */
	if (uni_valid(src, n))
		options &= ~CMARK_OPT_VALIDATE_UTF8;
	cmark_gfm_core_extensions_ensure_registered();
	arena_start(n);
	parser = cmark_parser_new_with_mem(options, &arena_mem);
	for (i = 0; i < sizeof(extension_names) / sizeof(extension_names[0]);
	    i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extension_names[i].name);

		if (ext != NULL && !(flags & extension_names[i].off))
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, src, n);
	doc = cmark_parser_finish(parser);
	source.s = src;
	source.n = n;
	source.line = 1;
	source.off = 0;
	source.cr = -1;
	if (doc == NULL) {
		buf_free(&input);
		buf_free(&emojified);
		arena_reset();
		return -1;
	}
	/* A page's request wants the content alone: the divider's block
	 * writes nothing, which spares moving the HTML after it. */
	if (more != NULL)
		divided = mark_divider(doc, more_line,
		    (flags & MD_SUMMARY) ? MORE_MARKER : "");
	collect_nodes(doc, &nodes, hooks);
	if (nodes.ncodes > 0 && md_splice_code(nodes.codes, nodes.ncodes,
	    hooks, &arena_mem) != 0) {
		free_nodes(&nodes);
		buf_free(&input);
		buf_free(&emojified);
		arena_reset();
		return -1;
	}
	/* Before the Goldmark passes, which then see a spliced shortcode's
	 * output as Hugo's do: as something other than text. */
	if (nodes.nsc_texts + nodes.nsc_links > 0) {
		md_splice_shortcodes(nodes.sc_texts, nodes.nsc_texts,
		    nodes.sc_links, nodes.nsc_links, hooks, &arena_mem);
		/* Splicing split and freed text nodes: collect anew. */
		free_nodes(&nodes);
		collect_nodes(doc, &nodes, NULL);
	}
	for (i = 0; i < nodes.nlinks; i++)
		goldmark_linkify(nodes.links[i], &nodes);
	for (i = 0; i < nodes.ntexts && !(flags & MD_NO_LINKIFY); i++)
		linkify_text(nodes.texts[i], &nodes);
	if (options & CMARK_OPT_SMART) {
		/* Over every text node, before the list keeps only those the
		 * passes below may change. */
		cmark_node **unsure;
		size_t nunsure;

		goldmark_quote_pass(nodes.texts, nodes.ntexts, src, n,
		    &unsure, &nunsure);

		keep_typography_texts(&nodes);
		goldmark_guillemets(nodes.texts, nodes.ntexts,
		    (flags & MD_TYPO_ENTITIES) != 0);
		goldmark_quotes(unsure, nunsure);
		free(unsure);
	}
	number_headings(nodes.headings, nodes.nheadings, res, flags, &source);
	if (hooks != NULL && (hooks->image != NULL || hooks->nimages > 0))
		md_splice_images(doc, hooks, &arena_mem);
	if (nodes.ndefs > 0) {
		count_references(doc, &nodes);
		goldmark_footnotes(&nodes, &source);
	}
	if ((flags & MD_TYPO_ENTITIES) && (options & CMARK_OPT_SMART))
		mark_typography(doc, src, n);
	buf_free(&input);
	buf_free(&emojified);
	/* The HTML alone comes from the heap, so that the result takes it
	 * as it is: a code-heavy page is 100 KB, copied once fewer. */
	html = cmark_render_html_with_mem(doc, options,
	    cmark_parser_get_syntax_extensions(parser),
	    cmark_get_default_mem_allocator());
	free_nodes(&nodes);
	/* The tree and the parser are in the arena: no cmark_node_free()
	 * or cmark_parser_free(), one reset drops them. */
	if (html != NULL)
		buf_adopt(&res->html, html, strlen(html));
	arena_reset();
	if (html != NULL && (flags & MD_TYPO_ENTITIES))
		typo_entities(&res->html);
	if (html == NULL) {
		md_result_free(res);
		return -1;
	}
	if (more != NULL && divided && !(flags & MD_SUMMARY))
		trim_space(res);
	else if (more != NULL)
		split_summary(res);
	if (!(flags & MD_SUMMARY))
		res->summary_len = (size_t)-1;
	return 0;
}

/* Could line s (n bytes, no end) continue a paragraph as a line of its
 * text: not blank, indented less than four, and opening no other block
 * (heading, quote, fence, list item, table row, HTML)? */
static int
paragraph_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i == n || i >= 4 || s[i] == '\t' ||
	    strchr("#>`~|<", s[i]) != NULL)
		return 0;
	if (strchr("-*+", s[i]) != NULL && (i + 1 == n || s[i + 1] == ' ' ||
	    s[i + 1] == '\t'))
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return !(i > 0 && i < n && (s[i] == '.' || s[i] == ')') &&
	    s[i - 1] >= '0' && s[i - 1] <= '9' && (i + 1 == n ||
	    s[i + 1] == ' '));
}

int
md_definition_line(const char *src, size_t n)
{
	const char *s = src, *end = src + n, *e;
	char fence = 0;
	int line = 1, after_text = 0, blanks = 0;

	for (; s < end; s = e + (e < end), line++) {
		size_t len, i = 0;

		e = memchr(s, '\n', (size_t)(end - s));
		if (e == NULL)
			e = end;
		len = (size_t)(e - s);
		if (len > 0 && s[len - 1] == '\r')
			len--;
		while (i < len && i < 4 && s[i] == ' ')
			i++;
		if (i + 3 <= len && (s[i] == '`' || s[i] == '~') &&
		    s[i + 1] == s[i] && s[i + 2] == s[i] &&
		    (fence == 0 || fence == s[i])) {
			fence = fence ? 0 : s[i];
			after_text = 0;
			continue;
		}
		if (fence)
			continue;
		if (i == len) {
			blanks++;
			continue;
		}
		if (i < 4 && s[i] == ':' && i + 1 < len &&
		    (s[i + 1] == ' ' || s[i + 1] == '\t') && after_text &&
		    blanks <= 1)
			return line;
		after_text = paragraph_line(s, len);
		blanks = 0;
	}
	return 0;
}

int
md_markdownify(struct buf *out, const char *text, unsigned flags)
{
	struct md_result md;
	const char *h;
	size_t n;

	if (md_render(text, strlen(text), flags, NULL, &md) != 0)
		return -1;
	h = md.html.data != NULL ? md.html.data : "";
	n = md.html.len;
	while (n > 0 && h[n - 1] == '\n')
		n--;
	/* A lone paragraph loses its <p>, as Hugo's markdownify does. */
	if (n >= 7 && strncmp(h, "<p>", 3) == 0 &&
	    strncmp(h + n - 4, "</p>", 4) == 0 &&
	    memmem(h + 3, n - 7, "<p>", 3) == NULL) {
		h += 3;
		n -= 7;
	}
	buf_add(out, h, n);
	md_result_free(&md);
	return 0;
}

void
md_result_free(struct md_result *res)
{
	size_t i;

	buf_free(&res->html);
	for (i = 0; i < res->nheadings; i++) {
		free(res->headings[i].id);
		free(res->headings[i].text);
		free(res->headings[i].open_tag);
		free(res->headings[i].close_tag);
	}
	free(res->headings);
	res->headings = NULL;
	res->nheadings = 0;
}
