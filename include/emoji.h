/* emoji.h - Hugo 0.111's enableEmoji: ":code:" to the emoji of
 * kyokomi/emoji's code map (generated from Debian's copy at build time). */
#ifndef QUIRE_EMOJI_H
#define QUIRE_EMOJI_H

#include <stddef.h>

#include "buf.h"

/* Returns the UTF-8 emoji for the n bytes of code (":smile:", colons
 * included), or NULL when the table has none. The string is static. */
const char *emoji_lookup(const char *code, size_t n);

/* Appends n bytes of s to out with every code replaced as Hugo 0.111
 * replaces it in a page's content (its page lexer's rule: a code is
 * ASCII letters, digits, '_', '-' and '+' between two colons; "::smile:"
 * keeps its first colon, ":30:smile:" stays as it is). Returns the number
 * of codes replaced. */
size_t emoji_replace(struct buf *out, const char *s, size_t n);

#endif
