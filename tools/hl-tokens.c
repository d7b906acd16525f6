/* hl-tokens.c - dev tool: the token stream quire's highlighter makes of
 * stdin with the lexer named (as a fence would name it), one token a
 * line as TYPE<TAB>"JSON string", the format tools/chroma-tokdump.go
 * prints for Chroma itself, so that tools/chroma-diff.sh can compare.
 *
 * usage: hl-tokens LANG < CODE */
#include <stdio.h>
#include <stdlib.h>

#include "highlight-lex.h"

static void
json_string(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else if (c == 0xe2 && i + 2 < n && s[i + 1] == '\x80' &&
		    (s[i + 2] == '\xa8' || s[i + 2] == '\xa9')) {
			/* U+2028, U+2029: escaped by Go's encoder */
			printf("\\u%s", s[i + 2] == '\xa8' ? "2028" : "2029");
			i += 2;
		} else {
			putchar(c);
		}
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	const struct hl_lexer *lx;
	struct hl_tokens t = HL_TOKENS_INIT;
	struct buf code = BUF_INIT;
	char chunk[65536];
	size_t n, i;
	enum hl_lex_status st;

	if (argc != 2) {
		fprintf(stderr, "usage: hl-tokens LANG < CODE\n");
		return 2;
	}
	lx = hl_lexer_get(argv[1]);
	if (lx == NULL) {
		fprintf(stderr, "hl-tokens: no lexer %s\n", argv[1]);
		return 2;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		buf_add(&code, chunk, n);
	st = hl_tokenise(lx, code.data, code.len, &t);
	if (st != HL_LEX_OK)
		fprintf(stderr, "hl-tokens: %s: %s\n", hl_lexer_name(lx),
		    st == HL_LEX_BUDGET ? "over budget" : "failed, or needs a "
		    "lexer quire has no rules for");
	else if (!hl_lexer_usable(lx))
		fprintf(stderr, "hl-tokens: %s: no rules (plain)\n",
		    hl_lexer_name(lx));
	for (i = 0; i < t.n; i++) {
		printf("%s\t", hl_token_name(t.v[i].type));
		json_string(t.text.data + t.v[i].off, t.v[i].len);
		putchar('\n');
	}
	hl_tokens_free(&t);
	buf_free(&code);
	hl_lex_cleanup();
	return st == HL_LEX_OK ? 0 : 1;
}
