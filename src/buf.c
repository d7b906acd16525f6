/* buf.c - growable byte buffer; out-of-memory is the one fatal error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fputs("quire: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fputs("quire: out of memory\n", stderr);
		abort();
	}
	return q;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len) {
		fputs("quire: buffer overflow\n", stderr);
		abort();
	}
	if (need <= b->cap)
		return;
	if (b->cap < 256)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_putnum(struct buf *b, long long n, int width)
{
	char digits[24];
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n;
	int i = (int)sizeof(digits);

	/* Dates are mostly two-digit fields. */
	if (n >= 0 && n < 100 && width <= 2) {
		if (n >= 10 || width == 2) {
			digits[0] = (char)('0' + n / 10);
			digits[1] = (char)('0' + n % 10);
			buf_add(b, digits, 2);
		} else {
			buf_putc(b, (char)('0' + n));
		}
		return;
	}
	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0 && i > 0);
	while ((int)sizeof(digits) - i < width && i > 0)
		digits[--i] = '0';
	if (n < 0)
		buf_putc(b, '-');
	buf_add(b, digits + i, sizeof(digits) - (size_t)i);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	/* Most calls are short: format once into the stack, copy. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *
buf_cstr(struct buf *b)
{
	if (b->data == NULL)
		return "";
	return b->data;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_adopt(struct buf *b, char *p, size_t len)
{
	free(b->data);
	b->data = p;
	b->len = len;
	b->cap = len + 1;
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
