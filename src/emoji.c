/* emoji.c - Hugo 0.111's enableEmoji: the codes its page lexer finds in
 * a page's Markdown, replaced from kyokomi/emoji 2.2.12's code map. */
#include <stddef.h>
#include <string.h>

#include "emoji.h"
#include "emoji-table.h"	/* build/, by scripts/gen-emoji.sh */

/* Compares row code with the n bytes of key, as strcmp would. */
static int
code_cmp(const char *code, const char *key, size_t n)
{
	int c = strncmp(code, key, n);

	if (c != 0)
		return c;
	return code[n] != '\0';
}

const char *
emoji_lookup(const char *code, size_t n)
{
	size_t lo = 0, hi = sizeof(emoji_rows) / sizeof(emoji_rows[0]);

	if (n < 3 || n > EMOJI_CODE_MAX || memchr(code, '\0', n) != NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = code_cmp(emoji_strings + emoji_rows[mid].code, code, n);

		if (c == 0)
			return emoji_strings + emoji_rows[mid].text;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Does Hugo's page lexer take byte c into an emoji code? It decodes
 * the rune at each byte and steps one byte: a letter or digit of more
 * than one byte ends the code at its second byte, so only ASCII ones
 * count (isAlphaNumericOrHyphen, or '+'). */
static int
code_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+';
}

/*
 * Hugo 0.111 finds emoji codes while it reads a page's content for
 * shortcodes (its pageparser's lexEmoji): at each ':' the code is the
 * run of code bytes up to the next ':', one byte at least; with none,
 * the ':' is text and the search goes on after it. A code is replaced
 * when the table has it, else kept as written; either way its closing
 * ':' opens no other (":30:smile:" stays, "::smile:" is ":" then one).
 */
size_t
emoji_replace(struct buf *out, const char *s, size_t n)
{
	size_t done = 0, i = 0, k, replaced = 0;
	const char *colon, *text;

	while (i < n && (colon = memchr(s + i, ':', n - i)) != NULL) {
		i = (size_t)(colon - s);
		for (k = i + 1; k < n && code_byte((unsigned char)s[k]); k++)
			;
		if (k == i + 1 || k >= n || s[k] != ':') {
			i++;
			continue;
		}
		if ((text = emoji_lookup(s + i, k + 1 - i)) != NULL) {
			buf_add(out, s + done, i - done);
			buf_puts(out, text);
			done = k + 1;
			replaced++;
		}
		i = k + 1;
	}
	buf_add(out, s + done, n - done);
	return replaced;
}
