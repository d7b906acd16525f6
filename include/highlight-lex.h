/* highlight-lex.h - Chroma 2.5.0's lexers (the ones Hugo 0.111 uses) run
 * in C over PCRE2: a language name to a lexer, as Chroma's registry finds
 * it, and code to the token stream Hugo formats. The rules are generated
 * at build time from Debian's Chroma package (tools/chroma-gen.c). The
 * importer only: the worker never lexes. */
#ifndef QUIRE_HIGHLIGHT_LEX_H
#define QUIRE_HIGHLIGHT_LEX_H

#include <stddef.h>

#include "buf.h"

struct hl_lexer;

/* One token: a type (hl_token_class() names its CSS class) and its text,
 * len bytes at off in the stream's text. */
struct hl_token {
	int type;
	size_t off;
	size_t len;
};

/* A token stream, coalesced as Hugo's chroma.Coalesce does it (no empty
 * tokens; equal neighbours merged while under 8 KiB). Owned by the
 * caller: hl_tokens_free(). */
struct hl_tokens {
	struct buf text;	/* the tokens' bytes, in order */
	struct hl_token *v;
	size_t n, cap;
};

#define HL_TOKENS_INIT { BUF_INIT, NULL, 0, 0 }

/* What hl_tokenise() did. */
enum hl_lex_status {
	HL_LEX_OK,
	HL_LEX_BUDGET,	/* the work bound ran out: a hostile or huge input */
	HL_LEX_FAIL,	/* Chroma itself would fail (a rule names a missing
			 * state) or PCRE2 did */
};

/* The lexer Chroma's lexers.Get(name) returns: a name (exact, then lower
 * case), an alias (the same), then a file name glob ("filename.NAME", then
 * NAME itself) by priority; NULL when Chroma knows none. The lexer is
 * static: never freed. */
const struct hl_lexer *hl_lexer_get(const char *name);
/* The lexer's Chroma name ("Rust"). */
const char *hl_lexer_name(const struct hl_lexer *lx);
/* Non-zero if quire has the lexer's rules: Chroma's XML lexers (common
 * lisp and emacs lisp with the word lists Chroma retypes symbols by),
 * and those it writes in Go (go, html, markdown, docker, make, http, v,
 * phtml, rst, haxe, raku with the mutators that rewrite its rules as
 * it lexes, ...). Zero for Chroma's plaintext (and any lexer with a
 * pattern PCRE2 cannot take): their blocks are shown as plain text. */
int hl_lexer_usable(const struct hl_lexer *lx);
/* Why a lexer is not usable (a static sentence), NULL when it is. */
const char *hl_lexer_why(const struct hl_lexer *lx);

/* Tokenises the n bytes of code with lx as Hugo does (Chroma's
 * Tokenise(nil, code) wrapped in Coalesce: CRLF and lone CR become LF,
 * invalid UTF-8 bytes U+FFFD, the lexer's ensure_nl) into *out, which it
 * empties first. A lexer that is not usable gives the code as Text, as
 * Chroma's plaintext lexer does. Work is bounded: about 50 rule attempts
 * a byte, a PCRE2 match limit, a stack and nesting bound; past them
 * HL_LEX_BUDGET and out holds the code as Text. */
enum hl_lex_status hl_tokenise(const struct hl_lexer *lx, const char *code,
	size_t n, struct hl_tokens *out);

/* The CSS class Chroma's HTML formatter gives a token type ("" for
 * Text: written bare). */
const char *hl_token_class(int type);
/* Chroma's name of a token type ("NameFunction"). */
const char *hl_token_name(int type);

/* Frees what a stream holds and empties it. */
void hl_tokens_free(struct hl_tokens *t);

/* Frees the compiled patterns hl_tokenise() keeps for the process's
 * life (for leak checkers; lexing again compiles them anew). */
void hl_lex_cleanup(void);

#endif
