/* metrics.h - Hugo 0.111's counting rules: plain text, word count, reading
 * time and summary, computed from rendered HTML exactly as Hugo does. */
#ifndef QUIRE_METRICS_H
#define QUIRE_METRICS_H

#include <stddef.h>

#include "buf.h"
#include "markdown.h"

/* Hugo's summaryLength default. */
#define METRICS_SUMMARY_WORDS 70

/* How a page is counted. */
struct metrics_opts {
	unsigned md_flags;	/* markdown.h's MD_* */
	int cjk;		/* isCJKLanguage: words by character, 501 a
				 * minute, the summary cut by characters */
	long summary_words;	/* the site's summaryLength */
	const struct md_hooks *hooks;	/* for the body (NULL: none) */
};

/* Figures stored with each post. */
struct metrics {
	long words;		/* .WordCount */
	long minutes;		/* .ReadingTime */
	int truncated;		/* .Truncated */
	char *summary;		/* .Summary | plainify | htmlUnescape; caller frees */
	char *text;		/* the whole plain text, entities decoded (search) */
	char *html;		/* an HTML page's content to store where it is
				 * not its body as written (emoji codes
				 * replaced), else NULL; caller frees */
};

/* Appends Hugo's StripHTML of n bytes of html to plain. */
void metrics_plain(struct buf *plain, const char *html, size_t n);
/* Returns the number of white-space separated fields (Go strings.Fields). */
long metrics_words(const char *s, size_t n);
/* Returns the reading time in minutes for a word count (Hugo: 213 wpm). */
long metrics_minutes(long words);
/* Hugo's TruncateWordsToWholeSentence over n bytes of plain text, for a
 * summaryLength of words: returns the length of the summary prefix (after
 * trimming) and sets *truncated. */
size_t metrics_summary_cut(const char *plain, size_t n, long words,
	size_t *start, int *truncated);

/* Hugo's word count of a CJK page: an all-ASCII field is one word,
 * another field one word per character. */
long metrics_cjk_words(const char *s, size_t n);

/* Computes every figure for a post body in Markdown and its optional
 * front-matter summary (NULL when absent), counted as opts says.
 * Returns 0, or -1 when the Markdown could not be rendered. */
int metrics_compute(const char *body, size_t n, const char *fm_summary,
	const struct metrics_opts *opts, struct metrics *m);
/* Computes every figure for a page of HTML content (an .html file's n
 * bytes of body, which Hugo 0.111 does not render: its figures are taken
 * from it as written) and its optional front-matter summary (Markdown).
 * With Hugo's <!--more--> divider, the summary is what precedes it and
 * .Content what follows it, as Hugo 0.111 does: *content_off and
 * *content_len say which bytes of body are the page's content (all of
 * them without a divider), unless m->html is set: the content then. Returns
 * 0, or -1 when the front-matter summary could not be rendered. */
int metrics_compute_html(const char *body, size_t n, const char *fm_summary,
	const struct metrics_opts *opts, struct metrics *m,
	size_t *content_off, size_t *content_len);
/* Frees the strings in m. */
void metrics_free(struct metrics *m);

#endif
