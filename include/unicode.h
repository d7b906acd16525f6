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
/* Go's unicode.IsLetter, IsDigit and IsNumber as Hugo 0.111's heading
 * ids use them, and IsPunct as Goldmark's typographer does, from
 * Unicode's own tables (UnicodeData.txt, read at build time), where
 * uni_is_letter() and uni_is_digit() follow the C library. */
enum uni_go_class {
	UNI_GO_OTHER,
	UNI_GO_LETTER,		/* L* */
	UNI_GO_DIGIT,		/* Nd */
	UNI_GO_NUMBER,		/* Nl, No (Go's IsNumber is Nd too) */
	UNI_GO_PUNCT		/* P* (not the symbols S*: $ + < = > ^ ` | ~) */
};
enum uni_go_class uni_go_class(unsigned long cp);
/* Go's unicode.IsPunct: uni_go_class(cp) == UNI_GO_PUNCT. */
int uni_is_go_punct(unsigned long cp);
/* The ASCII character cp is less its accents (Hugo's RemoveAccents:
 * NFD, non-spacing marks removed, NFC): 'e' for U+00E9, cp for ASCII,
 * 0 when cp leaves no one ASCII character. */
int uni_ascii_fold(unsigned long cp);
/* Appends the UTF-8 encoding of cp (invalid ones as U+FFFD). */
void uni_put(struct buf *out, unsigned long cp);
/* Appends the lower-case form of cp. */
void uni_put_lower(struct buf *out, unsigned long cp);

#endif
