/* metrics.c - Hugo 0.111's word count, reading time and summary, from the
 * HTML that markdown.c renders. Each rule names the Hugo function it
 * follows; the golden vectors in tests/golden/ hold Hugo's own figures. */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "markdown.h"
#include "metrics.h"
#include "unicode.h"

/* Hugo 0.111's tpl.StripHTML: newlines become spaces, </p> and <br>
 * newlines, tags are dropped, and a white-space character is kept only
 * when the last character kept was not white space (so runs collapse to
 * their first character even across tags, as the golden vectors show). */
void
metrics_plain(struct buf *plain, const char *html, size_t n)
{
	size_t i, len;
	int in_tag = 0, last_space = 0;
	unsigned long cp;

	if (memchr(html, '<', n) == NULL && memchr(html, '>', n) == NULL) {
		buf_add(plain, html, n);
		return;
	}
	for (i = 0; i < n; i += len) {
		const char *p = html + i;
		char nl = '\n';

		len = 1;
		if (*p == '\n') {
			p = " ";
		} else if (n - i >= 4 && memcmp(p, "</p>", 4) == 0) {
			p = &nl, len = 4;
		} else if (n - i >= 6 && memcmp(p, "<br />", 6) == 0) {
			p = &nl, len = 6;
		} else if (n - i >= 4 && memcmp(p, "<br>", 4) == 0) {
			p = &nl, len = 4;
		} else if (*p == '<') {
			in_tag = 1;
			continue;
		} else if (*p == '>') {
			in_tag = 0;
			continue;
		} else {
			len = uni_next(p, n - i, &cp);
			if (in_tag)
				continue;
			if (uni_is_space(cp)) {
				if (!last_space)
					buf_add(plain, p, len);
				last_space = 1;
			} else {
				buf_add(plain, p, len);
				last_space = 0;
			}
			continue;
		}
		/* A newline or a replaced </p> or <br>: white space. */
		if (!in_tag && !last_space) {
			buf_putc(plain, *p);
			last_space = 1;
		}
	}
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
metrics_summary_cut(const char *s, size_t n, size_t *start, int *truncated)
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
			if (spaces >= METRICS_SUMMARY_WORDS)
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

int
metrics_compute(const char *body, size_t n, const char *fm_summary,
    unsigned flags, struct metrics *m)
{
	struct md_result res;
	struct buf plain = BUF_INIT;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (md_render(body, n, flags | MD_MORE, &res) != 0)
		return -1;
	metrics_plain(&plain, buf_cstr(&res.html), res.html.len);
	{
		struct buf text = BUF_INIT;

		html_unescape(&text, buf_cstr(&plain), plain.len);
		m->text = buf_detach(&text);
	}
	m->words = metrics_words(buf_cstr(&plain), plain.len);
	m->minutes = metrics_minutes(m->words);

	if (res.summary_len != (size_t)-1) {
		/* <!--more--> wins over a front-matter summary (measured). */
		set_summary_from_html(m, buf_cstr(&res.html), res.summary_len);
		m->truncated = res.more_truncated;
	} else if (fm_summary != NULL) {
		struct md_result sres;

		if (md_render(fm_summary, strlen(fm_summary), flags, &sres) != 0)
			goto out;
		trim_short_html(&sres.html);
		set_summary_from_html(m, buf_cstr(&sres.html), sres.html.len);
		md_result_free(&sres);
		m->truncated = 0;
	} else {
		size_t start, len;
		struct buf text = BUF_INIT;

		len = metrics_summary_cut(buf_cstr(&plain), plain.len, &start,
		    &m->truncated);
		html_unescape(&text, buf_cstr(&plain) + start, len);
		m->summary = buf_detach(&text);
	}
	rc = 0;
out:
	buf_free(&plain);
	md_result_free(&res);
	return rc;
}

void
metrics_free(struct metrics *m)
{
	free(m->summary);
	free(m->text);
	m->summary = NULL;
	m->text = NULL;
}
