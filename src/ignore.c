/* ignore.c - which files of the content folders Hugo 0.111 does not
 * read: names it skips, and the site's ignoreFiles patterns matched with
 * PCRE2 against a file's absolute path, as Hugo's IgnoreFile does. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "ignore.h"
#include "buf.h"

/* Go's regexp: $ is the end of the text (no multi-line flag), UTF-8. */
#define IGNORE_OPTIONS (PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | \
	PCRE2_MATCH_INVALID_UTF)

struct ignore {
	pcre2_code **re;
	size_t n;
	pcre2_match_data *md;
};

int
ignore_name(const char *base)
{
	size_t n = strlen(base);

	return n > 0 && (base[0] == '.' || base[0] == '#' ||
	    base[n - 1] == '~');
}

static pcre2_code *
compile(const char *pattern, size_t len, struct buf *why)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *re;
	int code;

	re = pcre2_compile((PCRE2_SPTR)pattern, len, IGNORE_OPTIONS, &code,
	    &off, NULL);
	if (re == NULL && why != NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		buf_printf(why, "%s at offset %zu", (const char *)msg,
		    (size_t)off);
	}
	return re;
}

int
ignore_check(const char *pattern, struct buf *why)
{
	pcre2_code *re = compile(pattern, strlen(pattern), why);

	if (re == NULL)
		return -1;
	pcre2_code_free(re);
	return 0;
}

struct ignore *
ignore_new(const char *list)
{
	struct ignore *set;
	const char *p = list, *nl;
	pcre2_code *re;

	if (list == NULL || *list == '\0')
		return NULL;
	set = xmalloc(sizeof(*set));
	memset(set, 0, sizeof(*set));
	for (; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if ((re = compile(p, (size_t)(nl - p), NULL)) == NULL) {
			ignore_free(set);
			return NULL;
		}
		set->re = xrealloc(set->re, (set->n + 1) * sizeof(*set->re));
		set->re[set->n++] = re;
	}
	set->md = pcre2_match_data_create(1, NULL);
	if (set->md == NULL)
		abort();
	return set;
}

int
ignore_match(const struct ignore *set, const char *path)
{
	size_t i;

	for (i = 0; set != NULL && i < set->n; i++)
		if (pcre2_match(set->re[i], (PCRE2_SPTR)path, strlen(path), 0,
		    0, set->md, NULL) >= 0)
			return 1;
	return 0;
}

void
ignore_free(struct ignore *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		pcre2_code_free(set->re[i]);
	free(set->re);
	pcre2_match_data_free(set->md);
	free(set);
}
