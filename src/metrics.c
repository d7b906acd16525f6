/* metrics.c - Hugo 0.111's word count, reading time and summary, from the
 * HTML that markdown.c renders. Each rule names the Hugo function it
 * follows; the golden vectors in tests/golden/ hold Hugo's own figures. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emoji.h"
#include "html.h"
#include "markdown.h"
#include "metrics.h"
#include "unicode.h"

/* Hugo's stand-in for the newlines of </p> and <br> while tags are
 * stripped (tpl.StripHTML's hugoNewLinePlaceholder). */
#define NEWLINE_MARK "___hugonl_"

/* Elements whose content Go's stripTags reads as raw text: dropped for
 * script and style, kept for textarea and title. */
enum raw_element { RAW_NONE, RAW_SCRIPT, RAW_STYLE, RAW_TEXTAREA, RAW_TITLE };

static int
is_ascii_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_ascii_alnum(unsigned char c)
{
	return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* HTML's white space as Go's html/template skips it in a tag. */
static int
is_tag_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static size_t
skip_tag_space(const char *s, size_t n, size_t i)
{
	while (i < n && is_tag_space(s[i]))
		i++;
	return i;
}

/* html/template's eatTagName: the end of the tag name at i (i itself
 * when none starts there: "<3" is text). */
static size_t
tag_name_end(const char *s, size_t n, size_t i)
{
	size_t j;

	if (i >= n || !is_ascii_alpha((unsigned char)s[i]))
		return i;
	for (j = i + 1; j < n; ) {
		if (is_ascii_alnum((unsigned char)s[j]))
			j++;
		else if ((s[j] == ':' || s[j] == '-') && j + 1 < n &&
		    is_ascii_alnum((unsigned char)s[j + 1]))
			j += 2;
		else
			break;
	}
	return j;
}

static const char *const raw_names[] = {
	[RAW_SCRIPT] = "script", [RAW_STYLE] = "style",
	[RAW_TEXTAREA] = "textarea", [RAW_TITLE] = "title",
};

static enum raw_element
raw_element_of(const char *name, size_t len)
{
	int e;

	for (e = RAW_SCRIPT; e <= RAW_TITLE; e++)
		if (strlen(raw_names[e]) == len &&
		    strncasecmp(raw_names[e], name, len) == 0)
			return (enum raw_element)e;
	return RAW_NONE;
}

/* Where the raw text of element e that starts at i ends: the "</" of
 * "</NAME" in any case (html/template's indexTagEnd); n when it does
 * not end. */
static size_t
raw_text_end(const char *s, size_t n, size_t i, enum raw_element e)
{
	size_t len = strlen(raw_names[e]);
	const char *p;

	while (i < n && (p = memmem(s + i, n - i, "</", 2)) != NULL) {
		i = (size_t)(p - s) + 2;
		if (n - i >= len && strncasecmp(s + i, raw_names[e], len) == 0)
			return i - 2;
	}
	return n;
}

/* Go's html/template stripTags, which Hugo 0.111's tpl.StripHTML runs:
 * appends the text of the n bytes of html s to out. Tags and comments
 * go; so does the content of <script> and <style>, while <textarea>
 * and <title> content stays; a '<' that starts no tag ("I <3 Go") is
 * text; a quoted attribute value may hold '>'. Where Go's parser gives
 * up (an unclosed quote, a quote in an attribute name), the rest is
 * dropped, as there. */
static void
strip_tags(struct buf *out, const char *s, size_t n)
{
	enum { TEXT, TAG, AFTER_NAME, BEFORE_VALUE, COMMENT, RAW } st = TEXT;
	enum raw_element raw = RAW_NONE;
	size_t i = 0, j, k;
	const char *p;

	while (i < n) {
		switch (st) {
		case TEXT:
			/* Find the next '<' that opens a tag or a comment. */
			for (k = i; ; k = j) {
				int end = 0;

				p = memchr(s + k, '<', n - k);
				if (p == NULL || (size_t)(p - s) + 1 == n) {
					buf_add(out, s + i, n - i);
					return;
				}
				k = (size_t)(p - s);
				if (n - k >= 4 && memcmp(s + k, "<!--", 4) == 0) {
					buf_add(out, s + i, k - i);
					i = k + 4;
					st = COMMENT;
					break;
				}
				j = k + 1;
				if (s[j] == '/') {
					if (j + 1 == n) {
						buf_add(out, s + i, n - i);
						return;
					}
					end = 1;
					j++;
				}
				if (tag_name_end(s, n, j) != j) {
					size_t name = j;

					j = tag_name_end(s, n, j);
					buf_add(out, s + i, k - i);
					raw = end ? RAW_NONE :
					    raw_element_of(s + name, j - name);
					i = j;
					st = TAG;
					break;
				}
			}
			break;
		case TAG:
			i = skip_tag_space(s, n, i);
			if (i == n)
				return;
			if (s[i] == '>') {
				i++;
				st = raw != RAW_NONE ? RAW : TEXT;
				break;
			}
			for (j = i; j < n && !is_tag_space(s[j]) && s[j] != '=' &&
			    s[j] != '>'; j++)
				if (s[j] == '"' || s[j] == '\'' || s[j] == '<')
					return;
			if (j == i || j == n)
				return;
			i = j;
			st = AFTER_NAME;
			break;
		case AFTER_NAME:
			i = skip_tag_space(s, n, i);
			if (i == n)
				return;
			if (s[i] == '=') {
				i++;
				st = BEFORE_VALUE;
			} else {
				st = TAG;
			}
			break;
		case BEFORE_VALUE:
			i = skip_tag_space(s, n, i);
			if (i == n)
				return;
			if (s[i] == '"' || s[i] == '\'') {
				p = memchr(s + i + 1, s[i], n - i - 1);
				if (p == NULL)
					return;
				i = (size_t)(p - s) + 1;
			} else {
				for (j = i; j < n && !is_tag_space(s[j]) &&
				    s[j] != '>'; j++)
					;
				if (j == n)
					return;
				i = j;
			}
			st = TAG;
			break;
		case COMMENT:
			p = memmem(s + i, n - i, "-->", 3);
			if (p == NULL)
				return;
			i = (size_t)(p - s) + 3;
			st = TEXT;
			break;
		case RAW:
			j = raw_text_end(s, n, i, raw);
			if (raw == RAW_TEXTAREA || raw == RAW_TITLE) {
				/* Go cuts the text at its last '<', if any. */
				for (k = j; k > i && s[k - 1] != '<'; k--)
					;
				buf_add(out, s + i, (k > i ? k - 1 : j) - i);
			}
			i = j;
			raw = RAW_NONE;
			st = TEXT;
			break;
		}
	}
}

/* Hugo 0.111's tpl.StripHTML: newlines become spaces and </p>, <br> and
 * <br /> newlines; then strip_tags(); then each run of white space is
 * cut to its first character. Text without '<' or '>' is kept as is. */
void
metrics_plain(struct buf *plain, const char *html, size_t n)
{
	struct buf pre = BUF_INIT, text = BUF_INIT;
	size_t i, len;
	int marked = 0, last_space = 0;
	unsigned long cp;

	if (memchr(html, '<', n) == NULL && memchr(html, '>', n) == NULL) {
		buf_add(plain, html, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (html[i] == '\n') {
			buf_putc(&pre, ' ');
			marked = 1;
		} else if (html[i] == '<' && (n - i >= 4 &&
		    memcmp(html + i, "</p>", 4) == 0)) {
			buf_puts(&pre, NEWLINE_MARK);
			i += 3;
			marked = 1;
		} else if (html[i] == '<' && n - i >= 4 &&
		    memcmp(html + i, "<br>", 4) == 0) {
			buf_puts(&pre, NEWLINE_MARK);
			i += 3;
			marked = 1;
		} else if (html[i] == '<' && n - i >= 6 &&
		    memcmp(html + i, "<br />", 6) == 0) {
			buf_puts(&pre, NEWLINE_MARK);
			i += 5;
			marked = 1;
		} else {
			buf_putc(&pre, html[i]);
		}
	}
	strip_tags(&text, pre.data ? pre.data : "", pre.len);
	for (i = 0; i < text.len; i += len) {
		const char *q = text.data + i;

		if (marked && text.len - i >= sizeof(NEWLINE_MARK) - 1 &&
		    memcmp(q, NEWLINE_MARK, sizeof(NEWLINE_MARK) - 1) == 0) {
			len = sizeof(NEWLINE_MARK) - 1;
			q = "\n";
			cp = '\n';
		} else {
			len = uni_next(q, text.len - i, &cp);
		}
		if (uni_is_space(cp)) {
			if (!last_space)
				buf_add(plain, q, cp == '\n' ? 1 : len);
			last_space = 1;
		} else {
			buf_add(plain, q, len);
			last_space = 0;
		}
	}
	buf_free(&pre);
	buf_free(&text);
}

long
metrics_words(const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned long cp;
	long words = 0;
	int in_word = 0;

	while (i < n) {
		len = uni_next(s + i, n - i, &cp);
		if (uni_is_space(cp)) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
		i += len;
	}
	return words;
}

long
metrics_minutes(long words)
{
	return (words + 212) / 213;
}

static int
is_sentence_end(unsigned long cp)
{
	return cp == '.' || cp == '?' || cp == '!' || cp == '"' || cp == '\n';
}

/* helpers.TruncateWordsToWholeSentence, then strings.TrimSpace. */
size_t
metrics_summary_cut(const char *s, size_t n, long words, size_t *start,
    int *truncated)
{
	size_t i, len, last_space = (size_t)-1, end = (size_t)-1;
	unsigned long cp;
	int spaces = 0;

	*truncated = 0;
	for (i = 0; i < n; i += len) {
		len = uni_next(s + i, n - i, &cp);
		if (uni_is_space(cp)) {
			spaces++;
			last_space = i;
			if (spaces >= words)
				break;
		}
	}
	if (last_space == (size_t)-1) {
		*start = 0;
		return n;
	}
	for (i = last_space; end == (size_t)-1 && i < n; i += len) {
		len = uni_next(s + i, n - i, &cp);
		if (is_sentence_end(cp))
			end = i + len;
	}
	*start = 0;
	if (end == (size_t)-1)
		return n;	/* returned whole and untrimmed, as Hugo does */
	if (end < n)
		*truncated = 1;
	/* strings.TrimSpace */
	while (*start < end) {
		len = uni_next(s + *start, end - *start, &cp);
		if (!uni_is_space(cp))
			break;
		*start += len;
	}
	while (end > *start) {
		size_t back = end - 1;

		while (back > *start && ((unsigned char)s[back] & 0xC0) == 0x80)
			back--;
		uni_next(s + back, end - back, &cp);
		if (!uni_is_space(cp))
			break;
		end = back;
	}
	return end - *start;
}

/* The next field of s (n bytes) from *i on, as Go's strings.Fields splits:
 * sets *start and returns its length (0 at the end), *i past it. */
static size_t
next_field(const char *s, size_t n, size_t *i, size_t *start)
{
	unsigned long cp;
	size_t len;

	while (*i < n && (len = uni_next(s + *i, n - *i, &cp)) > 0 &&
	    uni_is_space(cp))
		*i += len;
	*start = *i;
	while (*i < n && (len = uni_next(s + *i, n - *i, &cp)) > 0 &&
	    !uni_is_space(cp))
		*i += len;
	return *i - *start;
}

/* The characters in n bytes of s (an invalid byte is one, as in Go). */
static size_t
rune_count(const char *s, size_t n)
{
	unsigned long cp;
	size_t i, runes = 0;

	for (i = 0; i < n; i += uni_next(s + i, n - i, &cp))
		runes++;
	return runes;
}

/* Hugo's word count of a CJK page (isCJKLanguage): a field of the plain
 * text is one word when it is all ASCII, else each of its characters
 * is one. */
long
metrics_cjk_words(const char *s, size_t n)
{
	size_t i = 0, start, len;
	long words = 0;

	while ((len = next_field(s, n, &i, &start)) > 0) {
		size_t runes = rune_count(s + start, len);

		words += runes == len ? 1 : (long)runes;
	}
	return words;
}

/* Hugo's TruncateWordsByRune over the fields of plain text s: appends
 * the summary, the fields kept joined by one space, to out, and sets
 * *truncated. An all-ASCII field counts one, another each character,
 * and a field that would pass the limit is cut inside. */
static void
cjk_summary(struct buf *out, const char *s, size_t n, long words,
    int *truncated)
{
	size_t i = 0, start, len, count = 0, limit = words > 0 ?
	    (size_t)words : 0;
	unsigned long cp;

	*truncated = 0;
	while ((len = next_field(s, n, &i, &start)) > 0) {
		size_t runes, at;

		if (count >= limit) {
			*truncated = 1;
			return;
		}
		runes = rune_count(s + start, len);
		if (out->len > 0)
			buf_putc(out, ' ');
		if (runes == len) {
			count++;
		} else if (count + runes < limit) {
			count += runes;
		} else {
			for (at = 0; at < len; ) {
				if (count >= limit) {
					buf_add(out, s + start, at);
					*truncated = 1;
					return;
				}
				count++;
				at += uni_next(s + start + at, len - at, &cp);
			}
		}
		buf_add(out, s + start, len);
	}
}

/* Sets m->summary to `SUMMARY | plainify | htmlUnescape` of summary HTML. */
static void
set_summary_from_html(struct metrics *m, const char *html, size_t n)
{
	struct buf plain = BUF_INIT, text = BUF_INIT;

	metrics_plain(&plain, html, n);
	html_unescape(&text, buf_cstr(&plain), plain.len);
	m->summary = buf_detach(&text);
	buf_free(&plain);
}

/* Hugo's TrimShortHTML: a summary of one paragraph loses its <p>. */
static void
trim_short_html(struct buf *html)
{
	const char *s = buf_cstr(html);
	size_t n = html->len;

	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	if (n >= 7 && strncmp(s, "<p>", 3) == 0 &&
	    strncmp(s + n - 4, "</p>", 4) == 0 &&
	    strstr(s + 3, "<p>") == NULL) {
		memmove(html->data, html->data + 3, n - 7);
		html->len = n - 7;
		html->data[html->len] = '\0';
	}
}

/* Sets m's text, words and minutes from plain, the page's plain text. */
static void
count_plain(struct metrics *m, struct buf *plain,
    const struct metrics_opts *opts)
{
	struct buf text = BUF_INIT;

	html_unescape(&text, buf_cstr(plain), plain->len);
	m->text = buf_detach(&text);
	if (opts->cjk) {
		m->words = metrics_cjk_words(buf_cstr(plain), plain->len);
		m->minutes = (m->words + 500) / 501;
	} else {
		m->words = metrics_words(buf_cstr(plain), plain->len);
		m->minutes = metrics_minutes(m->words);
	}
}

/* Sets m's summary from a front-matter summary (Markdown, as Hugo renders
 * it for every page), else cut from plain (Hugo's setAutoSummary).
 * Returns 0, or -1 when the Markdown could not be rendered. */
static int
summary_of(struct metrics *m, struct buf *plain, const char *fm_summary,
    const struct metrics_opts *opts)
{
	if (fm_summary != NULL) {
		struct md_result sres;

		/* Hugo emojifies a page's content, not this. */
		if (md_render(fm_summary, strlen(fm_summary), opts->md_flags &
		    ~(unsigned)MD_EMOJI, NULL, &sres) != 0)
			return -1;
		trim_short_html(&sres.html);
		set_summary_from_html(m, buf_cstr(&sres.html), sres.html.len);
		md_result_free(&sres);
		m->truncated = 0;
	} else if (opts->cjk) {
		struct buf cut = BUF_INIT, text = BUF_INIT;

		cjk_summary(&cut, buf_cstr(plain), plain->len,
		    opts->summary_words, &m->truncated);
		html_unescape(&text, buf_cstr(&cut), cut.len);
		m->summary = buf_detach(&text);
		buf_free(&cut);
	} else {
		size_t start, len;
		struct buf text = BUF_INIT;

		len = metrics_summary_cut(buf_cstr(plain), plain->len,
		    opts->summary_words, &start, &m->truncated);
		html_unescape(&text, buf_cstr(plain) + start, len);
		m->summary = buf_detach(&text);
	}
	return 0;
}

int
metrics_compute(const char *body, size_t n, const char *fm_summary,
    const struct metrics_opts *opts, struct metrics *m)
{
	struct md_result res;
	struct buf plain = BUF_INIT;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	/* The typographer's characters as Goldmark writes them: entities,
	 * which Hugo's plain text keeps and its CJK counts count. */
	if (md_render(body, n, opts->md_flags | MD_MORE | MD_SUMMARY |
	    MD_TYPO_ENTITIES, opts->hooks, &res) != 0)
		return -1;
	metrics_plain(&plain, buf_cstr(&res.html), res.html.len);
	count_plain(m, &plain, opts);
	if (res.summary_len != (size_t)-1) {
		/* <!--more--> wins over a front-matter summary (measured). */
		set_summary_from_html(m, buf_cstr(&res.html), res.summary_len);
		m->truncated = res.more_truncated;
	} else if (summary_of(m, &plain, fm_summary, opts) != 0) {
		goto out;
	}
	rc = 0;
out:
	buf_free(&plain);
	md_result_free(&res);
	return rc;
}

/* Hugo's stand-in for the divider in content it renders (page__content.go's
 * internalSummaryDividerPre), which Hugo 0.111 leaves in an HTML page's
 * content when nothing follows the divider. */
#define HUGO_MORE_LEFT "\n\nHUGOMORE42\n\n"

int
metrics_compute_html(const char *body, size_t n, const char *fm_summary,
    const struct metrics_opts *opts, struct metrics *m, size_t *content_off,
    size_t *content_len)
{
	static const char more[] = "<!--more-->";
	const char *div = memmem(body, n, more, sizeof(more) - 1);
	struct buf plain = BUF_INIT, counted = BUF_INIT;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	*content_off = 0;
	*content_len = n;
	buf_add(&counted, body, n);
	if (div != NULL) {
		size_t at = (size_t)(div - body), after = at + sizeof(more) - 1;

		/* Hugo 0.111 (page.go, page__per_output.go): the summary is
		 * the source before the divider as written; the lexer eats
		 * the white space after it, and .Content is the source after
		 * that; with nothing there, the page with the divider's
		 * stand-in, which the figures count and quire does not
		 * show. */
		while (after < n && strchr(" \t\n\v\f\r", body[after]) != NULL)
			after++;
		m->truncated = after < n;
		buf_reset(&counted);
		if (after < n) {
			*content_off = after;
			*content_len = n - after;
			buf_add(&counted, body + after, n - after);
		} else {
			*content_len = at;
			buf_add(&counted, body, at);
			buf_puts(&counted, HUGO_MORE_LEFT);
		}
		set_summary_from_html(m, body, at);
	} else if ((opts->md_flags & MD_EMOJI) && memchr(body, ':', n) != NULL) {
		/* Hugo 0.111 replaces an HTML page's emoji codes when it
		 * has no divider (with one, it takes the source as
		 * written, before and after it). */
		struct buf emojified = BUF_INIT;

		if (emoji_replace(&emojified, body, n) > 0) {
			buf_free(&counted);
			counted = emojified;
			m->html = xstrdup(buf_cstr(&counted));
		} else {
			buf_free(&emojified);
		}
	}
	metrics_plain(&plain, buf_cstr(&counted), counted.len);
	count_plain(m, &plain, opts);
	if (div == NULL)
		rc = summary_of(m, &plain, fm_summary, opts);
	buf_free(&plain);
	buf_free(&counted);
	return rc;
}

void
metrics_free(struct metrics *m)
{
	free(m->summary);
	free(m->text);
	free(m->html);
	m->summary = NULL;
	m->text = NULL;
	m->html = NULL;
}
