/* unicode.h - UTF-8 decoding and the character classes Hugo's rules use
 * (Go's unicode.IsSpace, IsLetter, IsDigit, ToLower). Letters, digits and
 * case come from the C library's C.UTF-8 locale: call uni_init() once. */
#ifndef QUIRE_UNICODE_H
#define QUIRE_UNICODE_H

#include <stddef.h>

#include "buf.h"

/* Selects the C.UTF-8 character classes for iswalpha() and friends. */
void uni_init(void);
/* Decodes one UTF-8 sequence from s (n > 0 bytes); stores the code point in
 * *cp and returns the bytes used (invalid input: U+FFFD, 1 byte). */
size_t uni_next(const char *s, size_t n, unsigned long *cp);
/* Returns non-zero if s (n bytes) is valid UTF-8 without NUL bytes. */
int uni_valid(const char *s, size_t n);
/* Go's unicode.IsSpace. */
int uni_is_space(unsigned long cp);
/* Go's unicode.IsLetter / IsDigit (through the C library's tables). */
int uni_is_letter(unsigned long cp);
int uni_is_digit(unsigned long cp);
/* Is cp in the Han, Hangul, Hiragana or Katakana script (Unicode's
 * Scripts.txt, read at build time)? */
int uni_is_cjk(unsigned long cp);
/* Does the n bytes of UTF-8 s hold such a character? Hugo's cjkRe, which
 * decides a page's isCJKLanguage when the site sets hasCJKLanguage. */
int uni_has_cjk(const char *s, size_t n);
/* Appends the UTF-8 encoding of cp (invalid ones as U+FFFD). */
void uni_put(struct buf *out, unsigned long cp);
/* Appends the lower-case form of cp. */
void uni_put_lower(struct buf *out, unsigned long cp);

#endif
