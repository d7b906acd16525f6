/* buf.h - growable byte buffer used for responses, rendering and import. */
#ifndef QUIRE_BUF_H
#define QUIRE_BUF_H

#include <stddef.h>
#include <string.h>

/* A byte string that grows as needed; data is always NUL-terminated
 * when len > 0 or after buf_cstr(). The owner frees it with buf_free(). */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* Makes room for extra more bytes and the NUL (buf_add's slow path). */
void buf_grow(struct buf *b, size_t extra);

/* Appends n bytes of p to b. Aborts on out-of-memory (the only abort).
 * Inline, as rendering calls these thousands of times a page: the room
 * check is one comparison, and a literal's strlen() folds away. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (b->cap - b->len <= n)
		buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Appends the NUL-terminated string s to b. */
static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends one byte. */
static inline void
buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
/* Appends the decimal digits of n, zero-padded to at least width digits
 * (after any '-'): the hot paths' printf("%0*lld"). */
void buf_putnum(struct buf *b, long long n, int width);
/* Appends printf-formatted text. Never use it for data that needs escaping. */
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns b's data as a NUL-terminated string (never NULL); b keeps it. */
const char *buf_cstr(struct buf *b);
/* Empties b but keeps its memory for reuse. */
void buf_reset(struct buf *b);
/* Frees b's memory and empties it. */
void buf_free(struct buf *b);
/* Hands b's memory to the caller (who frees it) and empties b. */
char *buf_detach(struct buf *b);
/* Makes p, len bytes and a NUL from malloc(), b's memory, freeing what b
 * held: a large result becomes a buffer without being copied. */
void buf_adopt(struct buf *b, char *p, size_t len);

/* Allocation helpers that abort on out-of-memory. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
