/* unicode.c - UTF-8 and Go's character classes for Hugo's rules. */
#include <locale.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>

#include "unicode.h"
#include "cjk-ranges.h"
#include "go-classes.h"

void
uni_init(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
}

size_t
uni_next(const char *str, size_t n, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

/* Are the n (a multiple of 8) bytes at s all ASCII without a NUL? A
 * byte of 0x01..0x7F has no top bit, and subtracting one from it borrows
 * from nothing; a NUL borrows, setting its top bit. */
static int
ascii_words(const char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080ULL;
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w, any = 0;
	size_t i;

	for (i = 0; i < n; i += sizeof(w)) {
		memcpy(&w, s + i, sizeof(w));
		any |= w | (w - ones);
	}
	return (any & high) == 0;
}

int
uni_valid(const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned long cp;

	while (i < n) {
		/* A post is mostly ASCII: an import checks every byte of
		 * every file, and a request its page's Markdown, so skip it
		 * 32 bytes, then a word, at a time. */
		if (n - i >= 32 && ascii_words(s + i, 32)) {
			i += 32;
			continue;
		}
		if (n - i >= 8 && ascii_words(s + i, 8)) {
			i += 8;
			continue;
		}
		if (s[i] == '\0')
			return 0;
		len = uni_next(s + i, n - i, &cp);
		if (cp == 0xFFFD && len == 1 && (unsigned char)s[i] >= 0x80)
			return 0;
		i += len;
	}
	return 1;
}

int
uni_is_space(unsigned long cp)
{
	switch (cp) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return 1;
	default:
		return cp >= 0x2000 && cp <= 0x200A;
	}
}

int
uni_is_letter(unsigned long cp)
{
	return iswalpha((wint_t)cp) && !iswdigit((wint_t)cp);
}

int
uni_is_digit(unsigned long cp)
{
	return iswdigit((wint_t)cp) || (cp > 0x7F && iswalnum((wint_t)cp) &&
	    !iswalpha((wint_t)cp));
}

void
uni_put(struct buf *out, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(out, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(out, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(out, u, 4);
	}
}

void
uni_put_lower(struct buf *out, unsigned long cp)
{
	/* Heading ids are mostly ASCII: no call for it. */
	if (cp < 0x80) {
		buf_putc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		return;
	}
	uni_put(out, (unsigned long)towlower((wint_t)cp));
}

int
uni_is_cjk(unsigned long cp)
{
	size_t lo = 0, hi = sizeof(cjk_ranges) / sizeof(cjk_ranges[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < cjk_ranges[mid].lo)
			hi = mid;
		else if (cp > cjk_ranges[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
uni_has_cjk(const char *s, size_t n)
{
	size_t i, len;
	unsigned long cp;

	for (i = 0; i < n; i += len) {
		len = uni_next(s + i, n - i, &cp);
		if (cp >= cjk_ranges[0].lo && uni_is_cjk(cp))
			return 1;
	}
	return 0;
}

enum uni_go_class
uni_go_class(unsigned long cp)
{
	size_t lo = 0, hi = sizeof(go_classes) / sizeof(go_classes[0]);

	/* ASCII, the most of every heading, without the search. */
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z' ? UNI_GO_LETTER :
		    cp >= '0' && cp <= '9' ? UNI_GO_DIGIT :
		    cp != '\0' && strchr("!\"#%&'()*,-./:;?@[\\]_{}",
		    (int)cp) != NULL ? UNI_GO_PUNCT : UNI_GO_OTHER;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < go_classes[mid].lo)
			hi = mid;
		else if (cp > go_classes[mid].hi)
			lo = mid + 1;
		else
			return (enum uni_go_class)go_classes[mid].cls;
	}
	return UNI_GO_OTHER;
}

int
uni_is_go_punct(unsigned long cp)
{
	return uni_go_class(cp) == UNI_GO_PUNCT;
}

int
uni_ascii_fold(unsigned long cp)
{
	size_t lo = 0, hi = sizeof(go_folds) / sizeof(go_folds[0]);

	if (cp < 0x80)
		return (int)cp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < go_folds[mid].cp)
			hi = mid;
		else if (cp > go_folds[mid].cp)
			lo = mid + 1;
		else
			return go_folds[mid].ascii;
	}
	return 0;
}
