/* highlight-lex.c - Chroma 2.5.0's regex lexers on PCRE2 (see
 * highlight-lex.h): the registry, the tokeniser loop as Chroma's
 * LexerState.Iterator runs it, regexp2's lookbehinds that PCRE2 cannot
 * take (as callouts), the Go functions of Chroma's that are not data
 * (rst's code-block emitter, Haxe's preprocessor mutator, Raku's
 * rule-rewriting mutators and emitters), and Coalesce. The rules are
 * tables that tools/chroma-gen.c writes at build time into
 * build/chroma-tables.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <fnmatch.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "highlight-lex.h"
#include "unicode.h"

/* Memcheck cannot follow PCRE2's JIT code (Debian's PCRE2 is not built
 * for it) and reports its reads as uninitialised: under valgrind the
 * patterns run in PCRE2's interpreter. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* The generated tables' shapes (chroma-gen.c writes initialisers in this
 * field order). */
enum { EM_NONE, EM_TOKEN, EM_BYGROUPS, EM_USINGSELF, EM_USING,
	EM_USINGBYGROUP, EM_CODEBLOCK, EM_BYNAMES, EM_RK_QUOTE,
	EM_RK_COLONPAIR, EM_RK_PODCONFIG, EM_RK_PODCODE };
enum { MU_NONE, MU_PUSH, MU_POP, MU_PREPROC, MU_RK_BRACKETS,
	MU_RK_REPLACE };

#define LX_ENSURE_NL	1
#define LX_CI		2
#define LX_DOTALL	4
#define LX_NOTML	8
#define LX_GO		16	/* written in Go: quire has no rules */
#define LX_BROKEN	32	/* a pattern PCRE2 cannot compile */
#define LX_HTTPBODY	64	/* Chroma's httpBodyContentTypeLexer around
				 * it (see http_body()) */
#define LX_RAKU		128	/* Raku's mutators and emitter functions
				 * (see the Raku part below) */

struct hl_type {
	const char *name;
	const char *cls;
};

struct hl_emitter {
	int kind;
	int arg;		/* EM_TOKEN: type; EM_USINGSELF: state;
				 * EM_USINGBYGROUP, EM_CODEBLOCK: the
				 * group naming the lexer (from: the group
				 * it lexes; EM_CODEBLOCK: the first, and
				 * all after it; to: their type when no
				 * lexer has the name) */
	int first, n;		/* EM_BYGROUPS, EM_USINGBYGROUP: their
				 * emitters, one a group */
	const char *lexer;	/* EM_USING: the lexer's name; a child of
				 * EM_BYNAMES: its group's name */
	int from, to;		/* EM_USING: its tokens of type from are
				 * of type to (Chroma's TypeRemapping) */
};

struct hl_rule {
	const char *pattern;	/* NULL: matches the empty string */
	int em;
	int mu;
	int depth;		/* MU_POP */
	int push, npush;	/* MU_PUSH: states in hl_push[] (-1 #pop,
				 * -2 a state that does not exist); none:
				 * the current one again; MU_PREPROC: see
				 * preproc() */
	int behind;		/* its callouts (?Cn): hl_behinds[behind +
				 * n - 1]; -1 none */
	int rk;			/* MU_RK_BRACKETS: Raku's token class;
				 * MU_RK_REPLACE: its hl_rk_replace[] */
};

/* Raku's replaceRule(config): the rule it puts first in state (a
 * delimiter, Punctuation), popping the state first and pushing it
 * after, as it says. */
struct hl_rk_replace {
	const char *delim;
	int type;
	int state;
	int pop, push;
};

/* A lookbehind PCRE2 cannot take (not of fixed length), which the
 * generator made a callout (see behind_callout()): its body, a pattern
 * whose callout 255 stands at its end. */
struct hl_behind {
	const char *pattern;
	int neg;		/* (?<! */
	int first;		/* its own callouts, as hl_rule's behind */
};

struct hl_state {
	const char *name;
	int first, n;		/* its rules in hl_state_rules[] */
};

struct hl_lexer {
	const char *name;
	int flags;
	double priority;
	int root;		/* "root" state, -1 when not usable */
	int first_state;
	const char *delegate;	/* Chroma's DelegatingLexer: the lexer of
				 * what this one leaves as Other */
	int words, nwords;	/* TypeRemappingLexer(this, mapping): its
				 * words in hl_words[] */
};

/* A word of a lexer's type remapping: a token of type from whose text
 * is word is of type to. */
struct hl_word {
	const char *word;
	int from, to;
};

struct hl_key {
	const char *key;
	int lexer;
};

/* A bracket of Raku's and the one that closes it. */
struct hl_rk_pair {
	unsigned long open, close;
};

#include "chroma-tables.h"

#define NTYPES (sizeof(hl_types) / sizeof(hl_types[0]))

/* Bounds on one block's work. */
#define STEPS_PER_BYTE	50	/* rule attempts per byte of code */
#define STEPS_MIN	4096
#define MATCH_LIMIT	1000000	/* PCRE2's, per attempt */
#define DEPTH_LIMIT	100000
#define STACK_MAX	1024	/* lexer states */
#define NEST_MAX	16	/* using / usingself within each other */
#define SECONDS_MAX	2	/* a safety net past the counts */
#define COALESCE_MAX	8192	/* Chroma's Coalesce: merge under 8 KiB */
#define GROUPS_MAX	128
#define BEHIND_DEPTH	4	/* lookbehinds within lookbehinds */

/* A rule's compiled pattern and what lets the loop skip PCRE2 for it:
 * the bytes a match can start with, its minimum length, whether it
 * starts at a line start only. Kept for the process's life. */
struct compiled {
	pcre2_code *re;
	uint32_t ncap;
	uint32_t minlen;
	uint8_t map[32];
	char has_map;
	char startline;
	char jit;
	char state;		/* 0 not yet, 1 compiled, 2 failed */
};

static struct compiled *cache;
static pcre2_code **behind_re;	/* hl_behinds' bodies, compiled */
static pcre2_jit_stack *jit_stack;

const char *
hl_lexer_why(const struct hl_lexer *lx)
{
	if (hl_lexer_usable(lx))
		return NULL;
	if (lx->flags & LX_BROKEN)
		return "one of its patterns is beyond PCRE2";
	return "Chroma builds it in Go code (functions, or rules made by "
	    "code) that quire has no rules for";
}

const char *
hl_token_class(int type)
{
	return type >= 0 && (size_t)type < NTYPES ? hl_types[type].cls : "";
}

const char *
hl_token_name(int type)
{
	return type >= 0 && (size_t)type < NTYPES ? hl_types[type].name : "";
}

const char *
hl_lexer_name(const struct hl_lexer *lx)
{
	return lx->name;
}

int
hl_lexer_usable(const struct hl_lexer *lx)
{
	const struct hl_lexer *d;

	if ((lx->flags & (LX_GO | LX_BROKEN)) || lx->root < 0)
		return 0;
	if (lx->delegate == NULL)
		return 1;
	d = hl_lexer_get(lx->delegate);
	return d != NULL && d != lx && d->delegate == NULL &&
	    hl_lexer_usable(d);
}

/* The registry's maps hold a name as written and in lower case; the
 * last lexer registered under a key wins. */
static int
key_lookup(const struct hl_key *keys, const char *name)
{
	int i, n = 0, found = -1;
	struct buf low = BUF_INIT;

	while (keys[n].key != NULL)
		n++;
	for (i = n - 1; i >= 0 && found < 0; i--) {
		size_t j, len = strlen(keys[i].key);

		if (strcmp(keys[i].key, name) == 0) {
			found = keys[i].lexer;
			break;
		}
		buf_reset(&low);
		for (j = 0; j < len; j++) {
			unsigned char c = (unsigned char)keys[i].key[j];

			buf_putc(&low, (char)(c >= 'A' && c <= 'Z' ?
			    c + 32 : c));
		}
		if (strcmp(buf_cstr(&low), name) == 0)
			found = keys[i].lexer;
	}
	buf_free(&low);
	return found;
}

static double
priority(int lexer)
{
	double p = hl_lexers[lexer].priority;

	return p == 0 ? 1 : p;
}

/* Chroma's ignoredSuffixes: a glob also matches the name with one of
 * these after it. */
static const char *const ignored_suffixes[] = {
	"~", ".bak", ".old", ".orig", ".dpkg-dist", ".dpkg-old", ".ucf-dist",
	".ucf-new", ".ucf-old", ".rpmnew", ".rpmorig", ".rpmsave", ".in",
};

static int
glob_match(const char *glob, const char *name)
{
	size_t i;
	struct buf g = BUF_INIT;
	int ok = fnmatch(glob, name, 0) == 0;

	for (i = 0; !ok && i < sizeof(ignored_suffixes) /
	    sizeof(ignored_suffixes[0]); i++) {
		buf_reset(&g);
		buf_puts(&g, glob);
		buf_puts(&g, ignored_suffixes[i]);
		ok = fnmatch(buf_cstr(&g), name, 0) == 0;
	}
	buf_free(&g);
	return ok;
}

/* The highest-priority lexer of keys whose glob matches name (the first
 * registered of equals: Go's sort of so few is an insertion sort). */
static int
glob_lookup(const struct hl_key *keys, const char *name)
{
	int i, best = -1;

	for (i = 0; keys[i].key != NULL; i++) {
		if (best >= 0 && keys[i].lexer == best)
			continue;
		if (!glob_match(keys[i].key, name))
			continue;
		if (best < 0 || priority(keys[i].lexer) > priority(best))
			best = keys[i].lexer;
	}
	return best;
}

/* Chroma's registry Match(filename): file name globs, then alias ones. */
static int
match_filename(const char *filename)
{
	const char *base = strrchr(filename, '/');
	int lx;

	base = base != NULL ? base + 1 : filename;
	if (*base == '\0')
		return -1;
	lx = glob_lookup(hl_filenames, base);
	if (lx < 0)
		lx = glob_lookup(hl_alias_filenames, base);
	return lx;
}

const struct hl_lexer *
hl_lexer_get(const char *name)
{
	struct buf low = BUF_INIT, fn = BUF_INIT;
	int lx, a, b;
	size_t i;

	if (name == NULL || *name == '\0')
		return NULL;
	if ((lx = key_lookup(hl_names, name)) >= 0 ||
	    (lx = key_lookup(hl_aliases, name)) >= 0)
		return &hl_lexers[lx];
	for (i = 0; name[i]; i++) {
		unsigned char c = (unsigned char)name[i];

		buf_putc(&low, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
	}
	lx = key_lookup(hl_names, buf_cstr(&low));
	if (lx < 0)
		lx = key_lookup(hl_aliases, buf_cstr(&low));
	buf_free(&low);
	if (lx >= 0)
		return &hl_lexers[lx];
	buf_puts(&fn, "filename.");
	buf_puts(&fn, name);
	a = match_filename(buf_cstr(&fn));
	buf_free(&fn);
	b = match_filename(name);
	if (a >= 0 && b >= 0)
		lx = priority(b) > priority(a) ? b : a;
	else
		lx = a >= 0 ? a : b;
	return lx >= 0 ? &hl_lexers[lx] : NULL;
}

/* Compiles rule r's pattern once; 0, or -1 when PCRE2 cannot. */
static int
compile_rule(int r)
{
	struct compiled *c;
	int err;
	PCRE2_SIZE off;
	uint32_t ft = 0;
	const uint8_t *bm = NULL;

	if (cache == NULL) {
		cache = calloc(HL_NRULES, sizeof(*cache));
		if (cache == NULL)
			abort();
	}
	c = &cache[r];
	if (c->state)
		return c->state == 1 ? 0 : -1;
	c->state = 2;
	c->re = pcre2_compile((PCRE2_SPTR)hl_rules[r].pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED |
	    PCRE2_DOLLAR_ENDONLY | PCRE2_DUPNAMES | PCRE2_NO_UTF_CHECK, &err,
	    &off, NULL);
	if (c->re == NULL)
		return -1;
	c->jit = !RUNNING_ON_VALGRIND &&
	    pcre2_jit_compile(c->re, PCRE2_JIT_COMPLETE) == 0;
	pcre2_pattern_info(c->re, PCRE2_INFO_CAPTURECOUNT, &c->ncap);
	pcre2_pattern_info(c->re, PCRE2_INFO_MINLENGTH, &c->minlen);
	pcre2_pattern_info(c->re, PCRE2_INFO_FIRSTCODETYPE, &ft);
	pcre2_pattern_info(c->re, PCRE2_INFO_FIRSTBITMAP, &bm);
	if (bm != NULL) {
		memcpy(c->map, bm, sizeof(c->map));
		c->has_map = 1;
	} else if (ft == 1) {
		uint32_t cu = 0;

		pcre2_pattern_info(c->re, PCRE2_INFO_FIRSTCODEUNIT, &cu);
		if (cu < 128) {
			/* either case: the pattern may be caseless */
			c->map[cu >> 3] |= (uint8_t)(1u << (cu & 7));
			if ((cu | 32) >= 'a' && (cu | 32) <= 'z') {
				uint32_t o = cu ^ 32;

				c->map[o >> 3] |= (uint8_t)(1u << (o & 7));
			}
			c->has_map = 1;
		}
	}
	c->startline = ft == 2;
	c->state = 1;
	return 0;
}

struct lexrun;

/* What a callout answers for: the pattern's lookbehinds (its callouts'
 * first entry in hl_behinds), and for a body, the places its matches
 * end (a bit each) and how deep it is within others. */
struct callctx {
	struct lexrun *x;
	int first;
	unsigned char *ends;
	int depth;
};

/* Where body e's matches end in one subject, kept for the run. */
struct behind_memo {
	int e;
	const unsigned char *subject;
	size_t len;
	unsigned char *ends;
};
#define MEMO_MAX	32

struct rk_shared;

/* One tokenisation's shared state. */
struct lexrun {
	struct callctx cc;	/* the rule being matched */
	pcre2_match_data *bmd[BEHIND_DEPTH];	/* for lookbehind bodies, */
	pcre2_match_context *bmc[BEHIND_DEPTH];	/* one a depth */
	struct behind_memo memo[MEMO_MAX];
	int memo_next;
	const char *main;	/* the text the run lexes: its memos stay */
	pcre2_match_data *md;
	pcre2_match_context *mc;
	long steps, budget;
	struct timespec start;
	int nest;
	int from, to;		/* the remapping of the lexer running */
	enum hl_lex_status status;
	struct hl_tokens *out;
	const struct hl_lexer *wl;	/* the lexer whose TypeRemapping
					 * words apply */
	struct rk_shared *rk;	/* Raku's rules in place (see rk_brackets()) */
};

/* Compiles lookbehind body e once (for PCRE2's interpreter: its
 * matches run within another's callout); 0, or -1 when PCRE2 cannot. */
static int
compile_behind(int e)
{
	int err;
	PCRE2_SIZE off;

	if (behind_re == NULL) {
		behind_re = calloc(HL_NBEHINDS ? HL_NBEHINDS : 1,
		    sizeof(*behind_re));
		if (behind_re == NULL)
			abort();
	}
	if (behind_re[e] == NULL)
		behind_re[e] = pcre2_compile((PCRE2_SPTR)hl_behinds[e].pattern,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_DOLLAR_ENDONLY | PCRE2_NO_AUTO_POSSESS |
		    PCRE2_NO_DOTSTAR_ANCHOR | PCRE2_DUPNAMES |
		    PCRE2_NO_UTF_CHECK, &err, &off, NULL);
	return behind_re[e] != NULL ? 0 : -1;
}

static int behind_callout(pcre2_callout_block *cb, void *data);
static int over_time(struct lexrun *x);

/* Forgets what the memo holds of the subject at p, n bytes. */
static void
behind_forget(struct lexrun *x, const char *p, size_t n)
{
	int i;

	for (i = 0; i < MEMO_MAX; i++) {
		struct behind_memo *m = &x->memo[i];

		if (m->ends != NULL && (const char *)m->subject >= p &&
		    (const char *)m->subject <= p + n) {
			free(m->ends);
			m->ends = NULL;
		}
	}
}

/* The places in subject where a match of body e ends, found once:
 * PCRE2 runs the body from every start, its callout 255 noting where
 * it stands and backtracking, so that every way is tried. NULL when
 * the work bound ran out or PCRE2 failed (x->status says which). */
static const unsigned char *
behind_ends(struct lexrun *x, int e, int depth, pcre2_callout_block *cb)
{
	struct behind_memo *m;
	struct callctx sub;
	int i, rc;

	for (i = 0; i < MEMO_MAX; i++) {
		m = &x->memo[i];
		if (m->ends != NULL && m->e == e && m->subject == cb->subject &&
		    m->len == cb->subject_length)
			return m->ends;
	}
	if (x->bmd[depth] == NULL) {
		x->bmd[depth] = pcre2_match_data_create(1, NULL);
		x->bmc[depth] = pcre2_match_context_create(NULL);
		if (x->bmd[depth] == NULL || x->bmc[depth] == NULL)
			abort();
		pcre2_set_match_limit(x->bmc[depth], MATCH_LIMIT);
		pcre2_set_depth_limit(x->bmc[depth], DEPTH_LIMIT);
	}
	sub.x = x;
	sub.first = hl_behinds[e].first;
	sub.depth = depth + 1;
	sub.ends = calloc(cb->subject_length / 8 + 1, 1);
	if (sub.ends == NULL)
		abort();
	pcre2_set_callout(x->bmc[depth], behind_callout, &sub);
	rc = pcre2_match(behind_re[e], cb->subject, cb->subject_length, 0,
	    PCRE2_NO_UTF_CHECK, x->bmd[depth], x->bmc[depth]);
	if (rc != PCRE2_ERROR_NOMATCH) {
		if (x->status == HL_LEX_OK)
			x->status = HL_LEX_BUDGET;
		free(sub.ends);
		return NULL;
	}
	/* a slot free or of another subject than the run's text (a
	 * sub-lexer's part), whose memo would be made anew each time */
	for (i = 0; i < MEMO_MAX; i++) {
		m = &x->memo[x->memo_next];
		x->memo_next = (x->memo_next + 1) % MEMO_MAX;
		if (m->ends == NULL || (const char *)m->subject != x->main)
			break;
	}
	free(m->ends);
	m->e = e;
	m->subject = cb->subject;
	m->len = cb->subject_length;
	m->ends = sub.ends;
	return m->ends;
}

/* PCRE2's callout, as regexp2's lookbehind: callout n of a rule's
 * pattern holds if the body hl_behinds[first + n - 1] has a match that
 * ends where the match stands (regexp2 matches it right to left), or
 * has none for (?<!; callout 255 ends a body (see behind_ends()). 0
 * lets the match go on, 1 backtracks, a negative number ends it (the
 * work bound ran out, or PCRE2 failed). */
static int
behind_callout(pcre2_callout_block *cb, void *data)
{
	struct callctx *cc = data;
	struct lexrun *x = cc->x;
	const unsigned char *ends;
	size_t p = cb->current_position;
	int e;

	if (++x->steps > x->budget ||
	    ((x->steps & 1023) == 0 && over_time(x))) {
		x->status = HL_LEX_BUDGET;
		return PCRE2_ERROR_CALLOUT;
	}
	if (cb->callout_number == 255 && cc->ends != NULL) {
		cc->ends[p >> 3] |= (unsigned char)(1u << (p & 7));
		return 1;
	}
	e = cc->first + (int)cb->callout_number - 1;
	if (cc->first < 0 || cb->callout_number == 0 || e >= HL_NBEHINDS ||
	    cc->depth >= BEHIND_DEPTH || compile_behind(e) != 0) {
		x->status = HL_LEX_FAIL;
		return PCRE2_ERROR_CALLOUT;
	}
	if ((ends = behind_ends(x, e, cc->depth, cb)) == NULL)
		return PCRE2_ERROR_CALLOUT;
	return ((ends[p >> 3] >> (p & 7)) & 1) != hl_behinds[e].neg ? 0 : 1;
}

/* Chroma's TypeRemappingLexer: the type lx's mapping gives a token of
 * type with text p, n (its words are sorted by type, then bytes). */
static int
remap_word(const struct hl_lexer *lx, int type, const char *p, size_t n)
{
	size_t lo = 0, hi = (size_t)lx->nwords;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct hl_word *w = &hl_words[lx->words + (int)mid];
		int c = w->from - type;

		if (c == 0) {
			size_t l = strlen(w->word);

			c = memcmp(w->word, p, l < n ? l : n);
			if (c == 0)
				c = l < n ? -1 : l > n ? 1 : 0;
		}
		if (c == 0)
			return w->to;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return type;
}

/* Appends a token, merging it into the last as Coalesce does. */
static void
emit(struct lexrun *x, int type, const char *p, size_t n)
{
	struct hl_tokens *t = x->out;

	if (n == 0)
		return;
	if (x->wl != NULL)
		type = remap_word(x->wl, type, p, n);
	if (type == x->from)
		type = x->to;
	if (t->n > 0 && t->v[t->n - 1].type == type &&
	    t->v[t->n - 1].len < COALESCE_MAX) {
		buf_add(&t->text, p, n);
		t->v[t->n - 1].len += n;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].type = type;
	t->v[t->n].off = t->text.len;
	t->v[t->n].len = n;
	t->n++;
	buf_add(&t->text, p, n);
}

/* Chroma's plaintext lexer: each line's text, then its newline, as Text. */
static void
emit_plain(struct lexrun *x, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;

		emit(x, HL_TYPE_TEXT, s + i, e - i);
		if (nl == NULL)
			break;
		emit(x, HL_TYPE_TEXT, "\n", 1);
		i = e + 1;
	}
}

static int
over_time(struct lexrun *x)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - x->start.tv_sec > SECONDS_MAX;
}

static size_t
utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void run(struct lexrun *x, const struct hl_lexer *lx,
	const char *text, size_t len, int start, size_t added);
static enum hl_lex_status tokenise_one(const struct hl_lexer *lx,
	const char *code, size_t n, struct hl_tokens *out, int nested);
static enum hl_lex_status http_body(struct hl_tokens *t, int nested);
static void run_emitter(struct lexrun *x, const struct hl_lexer *lx, int e,
	const char *text, size_t n);

static int rk_cpa_state(const struct rk_shared *k);

static const struct hl_lexer *
lexer_by_name(const char *name)
{
	return hl_lexer_get(name);
}

/* Runs emitter e over text (one match or one group). */
static void
run_emitter(struct lexrun *x, const struct hl_lexer *lx, int e,
    const char *text, size_t n)
{
	const struct hl_emitter *em = &hl_emitters[e];

	switch (em->kind) {
	case EM_TOKEN:
		emit(x, em->arg, text, n);
		break;
	case EM_USINGSELF:
		if (em->arg < 0) {
			x->status = HL_LEX_FAIL;
			break;
		}
		run(x, lx, text, n, em->arg, 0);
		break;
	case EM_RK_PODCONFIG:	/* Raku's podConfig */
		if (x->rk == NULL) {
			x->status = HL_LEX_FAIL;
			break;
		}
		run(x, lx, text, n, rk_cpa_state(x->rk), 0);
		break;
	case EM_USING: {
		const struct hl_lexer *sub = lexer_by_name(em->lexer);
		int from = x->from, to = x->to;

		if (sub == NULL || !hl_lexer_usable(sub)) {
			x->status = HL_LEX_FAIL;
			break;
		}
		if (em->from >= 0) {
			x->from = em->from;
			x->to = em->to;
		}
		run(x, sub, text, n, sub->root, 0);
		x->from = from;
		x->to = to;
		break;
	}
	default:
		break;
	}
}

/* Lexes p with sub as a stream of its own and emits its tokens: http's
 * body (one Tokenise pass, as http_body()), or a delegating lexer's whole
 * Tokenise(nil, code), bounded in depth as nesting is. A failure or an
 * exhausted bound ends x's run. */
static void
emit_stream(struct lexrun *x, const struct hl_lexer *sub, const char *p,
    size_t n, int delegating)
{
	static int depth;
	struct hl_tokens t = HL_TOKENS_INIT;
	enum hl_lex_status st;
	size_t i;

	if (delegating) {
		if (depth >= NEST_MAX) {
			x->status = HL_LEX_BUDGET;
			return;
		}
		depth++;
		st = hl_tokenise(sub, p, n, &t);
		depth--;
	} else {
		st = tokenise_one(sub, p, n, &t, 1);
	}
	if (st != HL_LEX_OK)
		x->status = st;
	for (i = 0; i < t.n && st == HL_LEX_OK; i++)
		emit(x, t.v[i].type, t.text.data + t.v[i].off, t.v[i].len);
	hl_tokens_free(&t);
}

/* Chroma's UsingByGroup: the group code lexed by the lexer the group
 * name names (as a top-level Tokenise: its ensure_nl applies), each
 * other group by its emitter. */
static void
using_by_group(struct lexrun *x, const struct hl_lexer *lx,
    const struct hl_emitter *em, const char *text, const size_t *g, int ng)
{
	const struct hl_lexer *sub;
	char *name;
	int k;

	if (em->n != ng - 1 || em->arg >= ng || em->from >= ng) {
		x->status = HL_LEX_FAIL;	/* Chroma panics */
		return;
	}
	name = xstrndup(text + g[2 * em->arg], g[2 * em->arg + 1] -
	    g[2 * em->arg]);
	sub = hl_lexer_get(name);
	free(name);
	for (k = 1; k < ng && x->status == HL_LEX_OK; k++) {
		const char *p = text + g[2 * k];
		size_t n = g[2 * k + 1] - g[2 * k];

		if (k == em->from && sub != NULL &&
		    strcmp(hl_lexer_name(sub), "plaintext") == 0) {
			/* Chroma's plaintext lexer (```text, ```txt):
			 * written in Go, each line as Text */
			emit_plain(x, p, n);
		} else if (k == em->from && sub != NULL &&
		    (sub->flags & LX_HTTPBODY) && hl_lexer_usable(sub)) {
			/* http: as a block within this one (http_body()) */
			emit_stream(x, sub, p, n, 0);
		} else if (k == em->from && sub != NULL &&
		    sub->delegate != NULL && hl_lexer_usable(sub)) {
			/* a delegating lexer (```markdown in markdown):
			 * Tokenise(nil, code) of its own, then its tokens */
			emit_stream(x, sub, p, n, 1);
		} else if (k == em->from && sub != NULL) {
			struct buf t = BUF_INIT;
			size_t added = 0;

			if (!hl_lexer_usable(sub) || sub->delegate != NULL) {
				x->status = HL_LEX_FAIL;
				break;
			}
			buf_add(&t, p, n);
			if ((sub->flags & LX_ENSURE_NL) &&
			    (n == 0 || p[n - 1] != '\n')) {
				buf_putc(&t, '\n');
				added = 1;
			}
			if (t.len > 0)
				run(x, sub, t.data, t.len, sub->root, added);
			behind_forget(x, t.data, t.len);
			buf_free(&t);
		} else if (hl_emitters[em->first + k - 1].kind != EM_NONE) {
			run_emitter(x, lx, em->first + k - 1, p, n);
		}
	}
}

/* An emitter function of Chroma's Go (rst's code-block, see
 * chroma-gen.c's go_codeblock_func()): a token for each of the first
 * groups, then the text of group em->from and all after it lexed as a
 * stream of its own by the lexer group em->arg names, or one token of
 * type em->to when no lexer has the name. */
static void
code_block(struct lexrun *x, const struct hl_lexer *lx,
    const struct hl_emitter *em, const char *text, const size_t *g, int ng)
{
	const struct hl_lexer *sub;
	struct buf code = BUF_INIT;
	char *name;
	int k;

	if (em->arg >= ng || em->from > ng || em->n >= ng) {
		x->status = HL_LEX_FAIL;	/* Chroma panics */
		return;
	}
	for (k = 1; k <= em->n && x->status == HL_LEX_OK; k++)
		run_emitter(x, lx, em->first + k - 1, text + g[2 * k],
		    g[2 * k + 1] - g[2 * k]);
	for (k = em->from; k < ng; k++)
		buf_add(&code, text + g[2 * k], g[2 * k + 1] - g[2 * k]);
	name = xstrndup(text + g[2 * em->arg], g[2 * em->arg + 1] -
	    g[2 * em->arg]);
	sub = hl_lexer_get(name);
	free(name);
	if (x->status != HL_LEX_OK)
		;
	else if (sub == NULL)
		emit(x, em->to, code.data, code.len);
	else if (strcmp(hl_lexer_name(sub), "plaintext") == 0)
		emit_plain(x, code.data, code.len);
	else if (!hl_lexer_usable(sub))
		x->status = HL_LEX_FAIL;
	else
		emit_stream(x, sub, code.data != NULL ? code.data : "",
		    code.len, 1);
	buf_free(&code);
}

/* The state stack as Go holds Chroma's: which backing array the live
 * slice is in and that array's capacity, as append grows it; and the
 * slices Haxe's preprocessor mutator saved, each with a copy of what
 * its array holds within its length (see preproc()). */
struct gostack {
	size_t gocap;
	unsigned long arr, narr;
	struct saved {
		int *v;
		size_t n, gocap;
		unsigned long arr;
	} *saved;
	size_t nsaved;
};

/* Go's append growth for a []string of capacity c (go1.19's
 * growslice, 16-byte elements: doubling below 256, then 1.25 times
 * and 192). */
static size_t
go_grow(size_t c)
{
	return c == 0 ? 1 : c < 256 ? 2 * c : c + (c + 768) / 4;
}

/* Notes that the live stack (sp states) is pushed value v at index
 * sp: a new array when Go's would be full, and the saved slices that
 * share the array see the value. */
static void
gostack_push(struct gostack *gs, size_t sp, int v)
{
	size_t i;

	if (sp == gs->gocap) {
		gs->gocap = go_grow(gs->gocap);
		gs->arr = ++gs->narr;
		return;
	}
	for (i = 0; i < gs->nsaved; i++)
		if (gs->saved[i].arr == gs->arr && gs->saved[i].n > sp)
			gs->saved[i].v[sp] = v;
}

/* The live stack is a new []string{state}. */
static void
gostack_reset(struct gostack *gs)
{
	gs->gocap = 1;
	gs->arr = ++gs->narr;
}

static void
gostack_free(struct gostack *gs)
{
	size_t i;

	for (i = 0; i < gs->nsaved; i++)
		free(gs->saved[i].v);
	free(gs->saved);
}

/* Haxe's haxePreProcMutator (chroma-gen.c's go_preproc_func()) over
 * the stack and its sp states, for the directive d, n bytes (group 2):
 * "if" saves the stack (a Go slice: it shares its array with the live
 * one, see gostack_push()), "else" and "elseif" go back to the last one
 * saved, "end" drops it (Chroma panics when there is none); then "if"
 * and "elseif" push the rule's first state, "error" its second. 0, or
 * -1 when Chroma panics or the stack bound is reached. */
static int
preproc(struct gostack *gs, const struct hl_rule *R, const char *d,
    size_t n, int **stack, size_t *sp, size_t *cap, int *stack_small)
{
	int push = -1;

#define IS(w) (n == sizeof(w) - 1 && memcmp(d, w, n) == 0)
	if (IS("if")) {
		struct saved *v;

		gs->saved = xrealloc(gs->saved, (gs->nsaved + 1) *
		    sizeof(*gs->saved));
		v = &gs->saved[gs->nsaved++];
		v->v = xmalloc((*sp ? *sp : 1) * sizeof(int));
		memcpy(v->v, *stack, *sp * sizeof(int));
		v->n = *sp;
		v->gocap = gs->gocap;
		v->arr = gs->arr;
	} else if (IS("else") || IS("elseif")) {
		if (gs->nsaved > 0) {
			const struct saved *v = &gs->saved[gs->nsaved - 1];

			if (v->n > *cap) {
				int *ns = xmalloc(v->n * sizeof(int));

				if (*stack != stack_small)
					free(*stack);
				*stack = ns;
				*cap = v->n;
			}
			memcpy(*stack, v->v, v->n * sizeof(int));
			*sp = v->n;
			gs->gocap = v->gocap;
			gs->arr = v->arr;
		}
	} else if (IS("end")) {
		if (gs->nsaved == 0)
			return -1;
		free(gs->saved[--gs->nsaved].v);
	}
	if (IS("if") || IS("elseif"))
		push = hl_push[R->push];
	else if (IS("error"))
		push = hl_push[R->push + 1];
#undef IS
	if (push < 0)
		return push == -1 ? 0 : -1;
	if (*sp == STACK_MAX)
		return -1;
	if (*sp == *cap) {
		int *ns = xmalloc(2 * *cap * sizeof(*ns));

		memcpy(ns, *stack, *sp * sizeof(*ns));
		if (*stack != stack_small)
			free(*stack);
		*stack = ns;
		*cap *= 2;
	}
	gostack_push(gs, *sp, push);
	(*stack)[(*sp)++] = push;
	return 0;
}

/* Raku (Chroma's lexers/raku.go), whose mutators rewrite the lexer's
 * rules while it lexes. replaceRule puts a rule in the first (or last)
 * place of a state and keeps what it put there on a stack of the
 * lexing's own, popRule goes back to the one before; findBrackets finds
 * what closes the construct just matched (the mirrored bracket, nested;
 * the same character; a heredoc's terminator; pod's =end) and hands the
 * text between to the emitter, or makes the rule that will close it.
 * As in Chroma the rules put in place are shared by the lexings within
 * one block (a quote's text, a group lexed with the lexer itself), and
 * the stacks are each lexing's own; Go's panics are HL_LEX_FAIL. Each
 * block starts from the generated rules (Chroma keeps what the last
 * block left in place for the process's life). */
enum { RK_QUOTE, RK_NAMEATTR, RK_POD, RK_PODFORMATTER, RK_PODDECL,
	RK_MLCOMMENT, RK_MATCHREGEX, RK_SUBSTREGEX };
enum { RK_SLOT_ROOT, RK_SLOT_REGEX, RK_SLOT_FMT_TOP, RK_SLOT_FMT_BOTTOM,
	RK_NSLOTS };
enum { RK_NEVER, RK_DELIM, RK_SUBST, RK_ANY };

/* A rule replaceRule puts in place. */
struct rk_cfg {
	int kind;
	char *delim;		/* RK_DELIM: the text it matches; RK_SUBST:
				 * the delimiter (one character) */
	size_t dlen;
	int type;		/* the token type of its match */
	int slot;		/* where it goes */
	int append;		/* the slot whose popRule follows its own;
				 * -1 none */
	pcre2_code *re;		/* RK_SUBST's pattern */
};

/* What the lexings of one block share: the rules in place. */
struct rk_shared {
	struct rk_cfg *cfg;	/* every rule made, [slot] the placeholder
				 * \A\z each stack starts with */
	int ncfg, capcfg;
	int slot[RK_NSLOTS];	/* the rule in place; -1 the generated */
	int state[RK_NSLOTS];	/* the slot's state */
	int st_qq, st_ww, st_q, st_qclosure, st_qvariable, st_root,
	    st_common, st_cpa, st_podfmt;
	int *repl;		/* hl_rk_replace[i]'s rule, once made */
};

/* One lexing's stacks (Chroma's MutatorContext). */
struct rk_ctx {
	int *v[RK_NSLOTS];
	size_t n[RK_NSLOTS], cap[RK_NSLOTS];
};

/* A Raku rule's match: its groups, and what findBrackets put in the
 * named ones (Chroma's state.NamedGroups). */
struct rk_match {
	const char *text;
	size_t len;
	const size_t *g;
	int ng;
	const pcre2_code *re;
	struct { const char *name, *p; size_t n; } ov[3];
	int nov;
	char *own[4];		/* strings the overrides point into */
	int nown;
};

/* The run's state stack, as run() holds it. */
struct rk_stack {
	int **v;
	size_t *sp, *cap;
	int *small;
	struct gostack *gs;
};

static int
rk_state_id(const struct hl_lexer *lx, const char *name)
{
	size_t i;

	for (i = (size_t)lx->first_state; i < sizeof(hl_states) /
	    sizeof(hl_states[0]); i++)
		if (hl_states[i].name != NULL &&
		    strcmp(hl_states[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
rk_new_cfg(struct rk_shared *k)
{
	if (k->ncfg == k->capcfg) {
		k->capcfg = k->capcfg ? 2 * k->capcfg : 16;
		k->cfg = xrealloc(k->cfg, (size_t)k->capcfg *
		    sizeof(*k->cfg));
	}
	memset(&k->cfg[k->ncfg], 0, sizeof(k->cfg[0]));
	k->cfg[k->ncfg].append = -1;
	return k->ncfg++;
}

/* The block's shared rules, made on its first Raku lexing; NULL when
 * the lexer lacks a state Chroma's code names (it would panic). */
static struct rk_shared *
rk_shared_get(struct lexrun *x, const struct hl_lexer *lx)
{
	struct rk_shared *k;
	int i;

	if (x->rk != NULL)
		return x->rk;
	k = xmalloc(sizeof(*k));
	memset(k, 0, sizeof(*k));
	k->state[RK_SLOT_ROOT] = k->st_root = rk_state_id(lx, "root");
	k->state[RK_SLOT_REGEX] = rk_state_id(lx, "regex");
	k->state[RK_SLOT_FMT_TOP] = k->state[RK_SLOT_FMT_BOTTOM] =
	    k->st_podfmt = rk_state_id(lx, "pod-formatter");
	k->st_qq = rk_state_id(lx, "qq");
	k->st_ww = rk_state_id(lx, "ww");
	k->st_q = rk_state_id(lx, "Q");
	k->st_qclosure = rk_state_id(lx, "Q-closure");
	k->st_qvariable = rk_state_id(lx, "Q-variable");
	k->st_common = rk_state_id(lx, "common");
	k->st_cpa = rk_state_id(lx, "colon-pair-attribute");
	k->repl = xmalloc(sizeof(hl_rk_replace));
	for (i = 0; i < (int)(sizeof(hl_rk_replace) /
	    sizeof(hl_rk_replace[0])); i++)
		k->repl[i] = -1;
	for (i = 0; i < RK_NSLOTS; i++) {
		int c = rk_new_cfg(k);

		k->cfg[c].kind = RK_NEVER;
		k->cfg[c].slot = i;
		k->slot[i] = -1;
	}
	x->rk = k;
	if (k->st_root < 0 || k->state[RK_SLOT_REGEX] < 0 ||
	    k->st_podfmt < 0 || k->st_qq < 0 || k->st_ww < 0 ||
	    k->st_q < 0 || k->st_qclosure < 0 || k->st_qvariable < 0 ||
	    k->st_common < 0 || k->st_cpa < 0)
		return NULL;
	return k;
}

/* The state Raku's podConfig lexes in. */
static int
rk_cpa_state(const struct rk_shared *k)
{
	return k->st_cpa;
}

static void
rk_shared_free(struct rk_shared *k)
{
	int i;

	if (k == NULL)
		return;
	for (i = 0; i < k->ncfg; i++) {
		free(k->cfg[i].delim);
		pcre2_code_free(k->cfg[i].re);
	}
	free(k->cfg);
	free(k->repl);
	free(k);
}

static void
rk_ctx_free(struct rk_ctx *c)
{
	int i;

	for (i = 0; i < RK_NSLOTS; i++)
		free(c->v[i]);
}

/* The slot state st's rule i (of n) is, or -1. */
static int
rk_slot_at(const struct rk_shared *k, int st, int i, int n)
{
	if (st == k->st_root && i == 0)
		return RK_SLOT_ROOT;
	if (st == k->state[RK_SLOT_REGEX] && i == 0)
		return RK_SLOT_REGEX;
	if (st == k->st_podfmt && i == 0)
		return RK_SLOT_FMT_TOP;
	if (st == k->st_podfmt && i == n - 1)
		return RK_SLOT_FMT_BOTTOM;
	return -1;
}

static int
rk_push_state(struct rk_stack *s, int st)
{
	if (*s->sp == STACK_MAX)
		return -1;
	if (*s->sp == *s->cap) {
		int *ns = xmalloc(2 * *s->cap * sizeof(*ns));

		memcpy(ns, *s->v, *s->sp * sizeof(*ns));
		if (*s->v != s->small)
			free(*s->v);
		*s->v = ns;
		*s->cap *= 2;
	}
	gostack_push(s->gs, *s->sp, st);
	(*s->v)[(*s->sp)++] = st;
	return 0;
}

/* Chroma's replaceRule(rule c): c in its slot, the state popped and
 * pushed as asked, c on the lexing's stack unless popping. 0, or -1
 * where Chroma panics (or the stack bound). */
static int
rk_replace(struct rk_shared *k, struct rk_ctx *ctx, struct rk_stack *s,
    int c, int pop_state, int push_state, int popping)
{
	int slot = k->cfg[c].slot;

	if (ctx->n[slot] + 2 > ctx->cap[slot]) {
		ctx->cap[slot] = ctx->cap[slot] ? 2 * ctx->cap[slot] : 8;
		ctx->v[slot] = xrealloc(ctx->v[slot], ctx->cap[slot] *
		    sizeof(int));
	}
	if (ctx->n[slot] == 0)
		ctx->v[slot][ctx->n[slot]++] = slot;	/* the placeholder */
	k->slot[slot] = c;
	if (pop_state) {
		if (*s->sp == 0)
			return -1;
		(*s->sp)--;
	}
	if (push_state && rk_push_state(s, k->state[slot]) != 0)
		return -1;
	if (!popping)
		ctx->v[slot][ctx->n[slot]++] = c;
	return 0;
}

/* Chroma's popRule: the slot's rule before the last, back in place. */
static int
rk_pop_rule(struct rk_shared *k, struct rk_ctx *ctx, struct rk_stack *s,
    int slot)
{
	if (ctx->n[slot] == 0)
		return 0;
	if (--ctx->n[slot] == 0)
		return -1;	/* stack[len(stack)-1] of an empty one */
	return rk_replace(k, ctx, s, ctx->v[slot][ctx->n[slot] - 1], 0, 0,
	    1);
}

/* Matches rule c at pos of text: its length, -1 none, -2 a failure. */
static long
rk_cfg_match(struct lexrun *x, struct rk_cfg *c, const char *text,
    size_t len, size_t pos, size_t *g, int *ng)
{
	int rc, k;
	PCRE2_SIZE *ov;

	switch (c->kind) {
	case RK_DELIM:
		if (len - pos < c->dlen ||
		    memcmp(text + pos, c->delim, c->dlen) != 0)
			return -1;
		/* (?<!(?<!\\)\\) */
		if (pos >= 1 && text[pos - 1] == '\\' &&
		    !(pos >= 2 && text[pos - 2] == '\\'))
			return -1;
		return (long)c->dlen;
	case RK_ANY:	/* .+? without DotAll */
		if (text[pos] == '\n')
			return -1;
		k = (int)utf8_len((unsigned char)text[pos]);
		return (size_t)k > len - pos ? (long)(len - pos) : k;
	case RK_SUBST:
		rc = pcre2_match(c->re, (PCRE2_SPTR)text, len, pos,
		    PCRE2_NO_UTF_CHECK, x->md, x->mc);
		if (rc == PCRE2_ERROR_NOMATCH)
			return -1;
		if (rc < 4)
			return -2;
		ov = pcre2_get_ovector_pointer(x->md);
		for (k = 0; k < 4; k++) {
			g[2 * k] = ov[2 * k];
			g[2 * k + 1] = ov[2 * k + 1];
		}
		*ng = 4;
		return (long)(ov[1] - ov[0]);
	default:
		return -1;
	}
}

/* The text of the named group (or what findBrackets put there); ""
 * when the rule has none. */
static void
rk_named(const struct rk_match *m, const char *name, const char **p,
    size_t *n)
{
	uint32_t count = 0, size = 0, i;
	PCRE2_SPTR tab = NULL;

	*p = "";
	*n = 0;
	for (i = 0; i < (uint32_t)m->nov; i++)
		if (strcmp(m->ov[i].name, name) == 0) {
			*p = m->ov[i].p;
			*n = m->ov[i].n;
			return;
		}
	if (m->re == NULL)
		return;
	pcre2_pattern_info(m->re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(m->re, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(m->re, PCRE2_INFO_NAMETABLE, &tab);
	for (i = 0; i < count; i++) {
		const unsigned char *e = tab + i * size;
		int k = e[0] << 8 | e[1];

		if (strcmp((const char *)e + 2, name) != 0 || k >= m->ng)
			continue;
		*p = m->text + m->g[2 * k];
		*n = m->g[2 * k + 1] - m->g[2 * k];
		if (*n > 0)
			return;
	}
}

/* Emits the named group's text as one token of type. */
static void
rk_emit_group(struct lexrun *x, const struct rk_match *m, const char *name,
    int type)
{
	const char *p;
	size_t n;

	rk_named(m, name, &p, &n);
	emit(x, type, p, n);
}

static void
rk_set(struct rk_match *m, const char *name, const char *p, size_t n)
{
	int i;

	for (i = 0; i < m->nov; i++)
		if (strcmp(m->ov[i].name, name) == 0)
			break;
	if (i == m->nov)
		m->nov++;
	m->ov[i].name = name;
	m->ov[i].p = p;
	m->ov[i].n = n;
}

static char *
rk_own(struct rk_match *m, size_t n)
{
	char *p = xmalloc(n + 1);

	m->own[m->nown++] = p;
	return p;
}

static void
rk_match_free(struct rk_match *m)
{
	int i;

	for (i = 0; i < m->nown; i++)
		free(m->own[i]);
}

/* Runes in s's first n bytes, as Go's utf8.RuneCountInString counts
 * them (a byte of a cut sequence is one). */
static size_t
rk_runes(const char *s, size_t n)
{
	size_t i = 0, r = 0;

	while (i < n) {
		size_t l = utf8_len((unsigned char)s[i]);

		i += l <= n - i ? l : 1;
		r++;
	}
	return r;
}

/* The byte offset of rune k of s (n bytes). */
static size_t
rk_rune_off(const char *s, size_t n, size_t k)
{
	size_t i = 0;

	while (k-- > 0 && i < n)
		i += utf8_len((unsigned char)s[i]);
	return i < n ? i : n;
}

/* The byte offset n runes after byte pos of t (len bytes): past len
 * by what is left when the text ends first (Go's rune positions may
 * point past its text). */
static size_t
rk_adv(const char *t, size_t len, size_t pos, size_t n)
{
	while (n > 0 && pos < len) {
		pos += utf8_len((unsigned char)t[pos]);
		n--;
	}
	return pos + n;
}

/* Raku's indexAt(text, sub, pos) on the n bytes at t: where sub is
 * next found from pos (not after a lone backslash), -1 nowhere, -2
 * where Go panics; offsets in bytes, as Go's in runes, its slip (a
 * rune count taken for a byte one) included. Go recurses once for each
 * escaped one: past RK_ESCAPES of them, the work bound has run out. */
#define RK_ESCAPES	4096

static long
rk_index_depth(struct lexrun *x, const char *t, size_t n, size_t pos,
    const char *sub, size_t sl, int depth)
{
	const char *s = t + pos, *f;
	size_t m = n - pos, b;

	if (pos > n)
		return -2;
	if (depth > RK_ESCAPES) {
		x->steps = x->budget + 1;
		return -2;
	}
	x->steps += (long)(m / 64);
	f = sl > 0 ? memmem(s, m, sub, sl) : s;
	if (f == NULL)
		return -1;
	b = (size_t)(f - s);
	if ((b >= 2 && s[b - 1] == '\\' && s[b - 2] != '\\') ||
	    (b == 1 && s[0] == '\\')) {
		long r = rk_index_depth(x, s, m, b + utf8_len((unsigned char)
		    s[b]), sub, sl, depth + 1);
		size_t rr, k;

		if (r < 0)
			return -2;	/* text[:-1], or past the bound */
		rr = rk_runes(s, (size_t)r);
		if (rr > m)
			return -2;
		k = rk_runes(s, rr);
		return (long)(pos + rk_rune_off(s, m, k));
	}
	return (long)(pos + b);
}

static long
rk_index_at(struct lexrun *x, const char *t, size_t n, size_t pos,
    const char *sub, size_t sl)
{
	return rk_index_depth(x, t, n, pos, sub, sl, 0);
}

static unsigned long
rk_decode(const char *p, size_t n)
{
	unsigned long cp = 0;

	if (n == 0)
		return 0;
	uni_next(p, n, &cp);
	return cp;
}

static size_t
rk_encode(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int
rk_closing(unsigned long open, unsigned long *close)
{
	int i;

	for (i = 0; i < HL_NRK_BRACKETS; i++)
		if (hl_rk_brackets[i].open == open) {
			*close = hl_rk_brackets[i].close;
			return 1;
		}
	return 0;
}

static int
rk_word_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* Go's regexp `:to\b|:heredoc\b` on the adverbs. */
static int
rk_heredoc(const char *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t l = n - i >= 3 && memcmp(a + i, ":to", 3) == 0 ? 3 :
		    n - i >= 8 && memcmp(a + i, ":heredoc", 8) == 0 ? 8 : 0;

		if (l > 0 && (i + l == n || !rk_word_byte(a[i + l])))
			return 1;
	}
	return 0;
}

/* Raku's findBrackets(cls) after a match that ends at *pos: the rules
 * it puts in place, or the construct's value and closing delimiters
 * (m's overrides), *pos past its end, and for a multi-line comment
 * the match's new end *m1. 0, or -1 (x->status says why). */
static int
rk_brackets(struct lexrun *x, struct rk_shared *k, struct rk_ctx *ctx,
    struct rk_stack *s, int cls, struct rk_match *m, size_t *pos,
    size_t *m1)
{
	const char *text = m->text, *op, *adv, *cl = NULL;
	size_t len = m->len, opn, advn, cln = 0, nb, i;	/* nb: runes */
	long endpos, close, open, endh = 0;
	unsigned long oc, cc = 0;
	int has_cc, level, heredoc = 0, c;
	const char *term = NULL;
	size_t termn = 0;
	pcre2_code *podre = NULL;

	if (cls == RK_POD) {
		static const char *const parts[] = { "ws", "keyword", "ws2",
			"name" };
		char *j;

		for (i = 0, opn = 0; i < 4; i++) {
			rk_named(m, parts[i], &op, &nb);
			opn += nb;
		}
		j = rk_own(m, opn);
		for (i = 0, opn = 0; i < 4; i++) {
			rk_named(m, parts[i], &op, &nb);
			memcpy(j + opn, op, nb);
			opn += nb;
		}
		op = j;
		adv = "";
		advn = 0;
	} else {
		rk_named(m, "adverbs", &adv, &advn);
		rk_named(m, "opening_delimiters", &op, &opn);
	}
	if (opn == 0)
		goto panic;	/* openingChars[0] */
	oc = rk_decode(op, opn);
	has_cc = cls == RK_POD ? 1 : rk_closing(oc, &cc);
	if (cls == RK_PODFORMATTER) {
		const char *kw;
		size_t kn, n = rk_runes(op, opn), e;
		int type = HL_TYPE_STRING_OTHER, f, d;

		rk_named(m, "keyword", &kw, &kn);
		if (kn == 1 && kw[0] == 'B')
			type = HL_TYPE_GENERIC_STRONG;
		else if (kn == 1 && kw[0] == 'I')
			type = HL_TYPE_GENERIC_EMPH;
		else if (kn == 1 && kw[0] == 'U')
			type = HL_TYPE_GENERIC_UNDERLINE;
		f = rk_new_cfg(k);
		k->cfg[f].kind = RK_ANY;
		k->cfg[f].type = type;
		k->cfg[f].slot = RK_SLOT_FMT_BOTTOM;
		if (rk_replace(k, ctx, s, f, 0, 0, 0) != 0)
			goto panic;
		d = rk_new_cfg(k);
		k->cfg[d].kind = RK_DELIM;
		k->cfg[d].type = HL_TYPE_PUNCTUATION;
		k->cfg[d].slot = RK_SLOT_FMT_TOP;
		k->cfg[d].append = RK_SLOT_FMT_BOTTOM;
		k->cfg[d].delim = xmalloc(4 * n + 1);
		for (i = 0, e = 0; i < n; i++)
			e += rk_encode(k->cfg[d].delim + e, cc);
		k->cfg[d].dlen = e;
		return rk_replace(k, ctx, s, d, 0, 1, 0) != 0 ? -1 : 0;
	}
	if (cls == RK_MATCHREGEX) {
		c = rk_new_cfg(k);
		k->cfg[c].kind = RK_DELIM;
		k->cfg[c].type = HL_TYPE_PUNCTUATION;
		k->cfg[c].slot = RK_SLOT_REGEX;
		k->cfg[c].delim = xmalloc(opn + 4);
		if (has_cc) {
			k->cfg[c].dlen = rk_encode(k->cfg[c].delim, cc);
		} else {
			memcpy(k->cfg[c].delim, op, opn);
			k->cfg[c].dlen = opn;
		}
		if (rk_replace(k, ctx, s, c, 1, 1, 0) != 0)
			goto panic;
		return 0;
	}
	if (cls == RK_SUBSTREGEX) {
		char pat[128];
		int err;
		PCRE2_SIZE off;

		snprintf(pat, sizeof(pat), "(\\x{%lx})((?:\\\\\\\\|\\\\/|.)*?)"
		    "(\\x{%lx})", oc, oc);
		c = rk_new_cfg(k);
		k->cfg[c].kind = RK_SUBST;
		k->cfg[c].slot = RK_SLOT_REGEX;
		k->cfg[c].re = pcre2_compile((PCRE2_SPTR)pat,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, &err, &off, NULL);
		if (k->cfg[c].re == NULL)
			goto panic;
		if (rk_replace(k, ctx, s, c, 1, 1, 0) != 0)
			goto panic;
		return 0;
	}
	nb = rk_runes(op, opn);
	if (!has_cc) {
		/* not mirrored: the next one of the same */
		cl = op;
		cln = opn;
		endpos = rk_index_at(x, text, len, *pos, op, opn);
		if (endpos == -2)
			goto panic;
	} else {
		if (cls == RK_POD) {
			struct buf p = BUF_INIT;
			const char *ws, *name;
			size_t wn, nn;
			int err;
			PCRE2_SIZE off;

			rk_named(m, "ws", &ws, &wn);
			rk_named(m, "name", &name, &nn);
			buf_add(&p, ws, wn);
			buf_puts(&p, "=end\\s+\\Q");
			buf_add(&p, name, nn);
			buf_puts(&p, "\\E");
			podre = pcre2_compile((PCRE2_SPTR)p.data, p.len,
			    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err,
			    &off, NULL);
			buf_free(&p);
			if (podre == NULL)
				goto panic;
		} else {
			size_t n = rk_runes(op, opn), e;
			char *b = rk_own(m, 4 * n);

			for (i = 0, e = 0; i < n; i++)
				e += rk_encode(b + e, cc);
			cl = b;
			cln = e;
		}
		level = 1;
		i = *pos;
		close = -1;
		while (level > 0) {
			if (podre != NULL) {
				int rc = pcre2_match(podre, (PCRE2_SPTR)text,
				    len, i, PCRE2_NO_UTF_CHECK, x->md, x->mc);
				PCRE2_SIZE *ov =
				    pcre2_get_ovector_pointer(x->md);

				x->steps += (long)((len - i) / 64);
				if (rc < 0)	/* nil match: Go panics */
					goto panic;
				close = (long)ov[0];
				cl = text + ov[0];
				cln = ov[1] - ov[0];
			} else {
				close = rk_index_at(x, text, len, i, cl, cln);
			}
			open = rk_index_at(x, text, len, i, op, opn);
			if (close == -2 || open == -2 || x->steps > x->budget)
				goto panic;
			if (close == -1) {
				close = (long)len;
				level = 0;
			} else if (open != -1 && open < close) {
				level++;
				nb = rk_runes(op, opn);
				i = rk_adv(text, len, (size_t)open, nb);
			} else {
				level--;
				nb = rk_runes(cl, cln);
				i = rk_adv(text, len, (size_t)close, nb);
			}
		}
		endpos = close;
	}
	if (endpos < 0)
		endpos = (long)len;
	if (rk_heredoc(adv, advn)) {
		heredoc = 1;
		if ((size_t)endpos != len) {
			term = text + *pos;
			termn = (size_t)endpos - *pos;
			nb = rk_runes(term, termn);
		} else {
			endpos = (long)(*pos < len ? *pos + utf8_len(
			    (unsigned char)text[*pos]) : len + 1);
			term = "";
			termn = 0;
			nb = 0;
		}
		if (nb > 0) {
			if ((size_t)endpos > len)
				goto panic;
			endh = rk_index_at(x, text + endpos, len -
			    (size_t)endpos, 0, term, termn);
			if (endh == -2)
				goto panic;
			if (endh > -1)
				endpos += endh;
			else
				endpos = (long)len;
		}
	}
	if ((size_t)endpos > len || (size_t)endpos < *pos)
		goto panic;	/* text[Pos:endPos] */
	switch (cls) {
	case RK_POD:
	case RK_PODDECL:
	case RK_NAMEATTR:
		rk_set(m, "value", text + *pos, (size_t)endpos - *pos);
		rk_set(m, "closing_delimiters", cl, cln);
		break;
	case RK_QUOTE:
		if (heredoc && termn > 0) {
			size_t h = rk_runes(term, termn) + rk_runes(op, opn) + 1;
			size_t a = *pos, r;

			for (r = 0; r < h; r++) {
				if (a >= len)
					goto panic;
				a += utf8_len((unsigned char)text[a]);
			}
			if (a > len || a > (size_t)endpos)
				goto panic;
			if (op + opn == text + *pos) {
				rk_set(m, "opening_delimiters", op, opn + a -
				    *pos);
			} else {
				char *b = rk_own(m, opn + a - *pos);

				memcpy(b, op, opn);
				memcpy(b + opn, text + *pos, a - *pos);
				rk_set(m, "opening_delimiters", b, opn + a -
				    *pos);
			}
			rk_set(m, "value", text + a, (size_t)endpos - a);
			if (endh > -1)
				rk_set(m, "closing_delimiters", term, termn);
		} else {
			rk_set(m, "value", text + *pos, (size_t)endpos - *pos);
			if (nb > 0)
				rk_set(m, "closing_delimiters", cl, cln);
		}
		break;
	default:	/* the comment: the match runs to its end */
		if (rk_adv(text, len, (size_t)endpos, nb) > len)
			goto panic;
		*m1 = rk_adv(text, len, (size_t)endpos, nb);
		break;
	}
	*pos = rk_adv(text, len, (size_t)endpos, nb);
	pcre2_code_free(podre);
	return 0;
panic:
	pcre2_code_free(podre);
	if (x->status == HL_LEX_OK)
		x->status = x->steps > x->budget ? HL_LEX_BUDGET : HL_LEX_FAIL;
	return -1;
}

/* The state a quote's text is lexed in, by its keyword and adverbs
 * (Raku's quote()). */
static int
rk_quote_state(const struct rk_shared *k, const char *kw, size_t kn,
    const char *adv, size_t an)
{
	int qq = 0, ww = 0, cl = 0, var = 0;
	size_t i = 0;

	while (i <= an) {
		const char *e = memchr(adv + i, ':', an - i);
		size_t j = e != NULL ? (size_t)(e - adv) : an, l = j - i;
		const char *a = adv + i;

#define IS(w) (l == sizeof(w) - 1 && memcmp(a, w, l) == 0)
		if (IS("c") || IS("closure"))
			cl = 1;
		else if (IS("qq"))
			qq = 1;
		else if (IS("ww"))
			ww = 1;
		else if (IS("s") || IS("scalar") || IS("a") || IS("array") ||
		    IS("h") || IS("hash") || IS("f") || IS("function"))
			var = 1;
#undef IS
		i = j + 1;
	}
	if ((kn == 2 && memcmp(kw, "qq", 2) == 0) || qq)
		return k->st_qq;
	if ((an == 2 && memcmp(adv, "ww", 2) == 0) || ww)
		return k->st_ww;
	if (cl && var)
		return k->st_qq;
	if (cl)
		return k->st_qclosure;
	if (var)
		return k->st_qvariable;
	return k->st_q;
}

/* Go's regexp `:lang\W+(\w+)` on a pod block's configuration: the
 * language's name into *p, *n (empty when none). */
static void
rk_lang(const char *c, size_t cn, const char **p, size_t *n)
{
	size_t i, j;

	*p = "";
	*n = 0;
	for (i = 0; i + 5 <= cn; i++) {
		if (memcmp(c + i, ":lang", 5) != 0)
			continue;
		for (j = i + 5; j < cn && !rk_word_byte(c[j]); j++)
			;
		if (j == i + 5 || j == cn)
			continue;
		*p = c + j;
		while (j < cn && rk_word_byte(c[j]))
			j++;
		*n = (size_t)(c + j - *p);
		return;
	}
}

/* Raku's emitters over its rule's match m: ByGroupNames (its groups as
 * regexp2 numbers them: unnamed ones first, each an Error token, then
 * the named, by the emitter the map gives, Error when none), quote,
 * colonPair and podCode; podConfig is run_emitter's. */
static void
rk_emit(struct lexrun *x, const struct hl_lexer *lx, struct rk_shared *k,
    const struct hl_emitter *em, struct rk_match *m, size_t m0, size_t m1)
{
	const char *p;
	size_t n;

	switch (em->kind) {
	case EM_BYNAMES: {
		uint32_t count = 0, size = 0, i;
		PCRE2_SPTR tab = NULL;
		int gi, total = 0;

		pcre2_pattern_info(m->re, PCRE2_INFO_NAMECOUNT, &count);
		pcre2_pattern_info(m->re, PCRE2_INFO_NAMEENTRYSIZE, &size);
		pcre2_pattern_info(m->re, PCRE2_INFO_NAMETABLE, &tab);
		for (gi = 1; gi < m->ng && x->status == HL_LEX_OK; gi++) {
			int named = 0;

			for (i = 0; i < count && !named; i++)
				named = (tab[i * size] << 8 |
				    tab[i * size + 1]) == gi;
			if (named)
				continue;
			total++;
			emit(x, HL_TYPE_ERROR, m->text + m->g[2 * gi],
			    m->g[2 * gi + 1] - m->g[2 * gi]);
		}
		/* the names, by their first group (the table is sorted by
		 * name) */
		for (gi = 1; gi < m->ng && x->status == HL_LEX_OK; gi++) {
			const char *name = NULL;
			int c, first = 1;

			for (i = 0; i < count; i++) {
				const unsigned char *e = tab + i * size;

				if ((e[0] << 8 | e[1]) == gi)
					name = (const char *)e + 2;
			}
			if (name == NULL)
				continue;
			for (i = 0; i < count; i++) {
				const unsigned char *e = tab + i * size;

				if ((e[0] << 8 | e[1]) < gi &&
				    strcmp((const char *)e + 2, name) == 0)
					first = 0;
			}
			if (!first)
				continue;
			total++;
			rk_named(m, name, &p, &n);
			for (c = 0; c < em->n; c++)
				if (strcmp(hl_emitters[em->first + c].lexer,
				    name) == 0)
					break;
			if (c == em->n)
				emit(x, HL_TYPE_ERROR, p, n);
			else if (hl_emitters[em->first + c].kind != EM_NONE)
				run_emitter(x, lx, em->first + c, p, n);
		}
		if (total == 0)
			emit(x, HL_TYPE_ERROR, m->text + m0, m1 - m0);
		break;
	}
	case EM_RK_QUOTE: {
		const char *kw, *adv;
		size_t kn, an;

		rk_named(m, "keyword", &kw, &kn);
		rk_named(m, "adverbs", &adv, &an);
		emit(x, HL_TYPE_KEYWORD, kw, kn);
		emit(x, HL_TYPE_STRING_AFFIX, adv, an);
		rk_emit_group(x, m, "ws", HL_TYPE_TEXT);
		rk_emit_group(x, m, "opening_delimiters", HL_TYPE_PUNCTUATION);
		rk_named(m, "value", &p, &n);
		run(x, lx, p, n, rk_quote_state(k, kw, kn, adv, an), 0);
		rk_emit_group(x, m, "closing_delimiters", HL_TYPE_PUNCTUATION);
		break;
	}
	case EM_RK_COLONPAIR: {
		const char *key, *od;
		size_t kn, on, i;
		int st = -1;

		rk_emit_group(x, m, "colon", HL_TYPE_PUNCTUATION);
		rk_named(m, "key", &key, &kn);
		if (em->arg == HL_TYPE_NAME_ATTRIBUTE) {
			emit(x, HL_TYPE_NAME_ATTRIBUTE, key, kn);
		} else {
			for (i = 0; i < kn && key[i] >= '0' && key[i] <= '9';
			    i++)
				;
			run(x, lx, key, kn, kn > 0 && i == kn ? k->st_common :
			    k->st_q, 0);
		}
		rk_named(m, "opening_delimiters", &od, &on);
		emit(x, HL_TYPE_PUNCTUATION, od, on);
		if (on == 1 && (od[0] == '(' || od[0] == '{' || od[0] == '['))
			st = k->st_root;
		else if ((on == 2 && memcmp(od, "<<", 2) == 0) ||
		    (on == 2 && memcmp(od, "\302\253", 2) == 0))
			st = k->st_ww;
		else if (on == 1 && od[0] == '<')
			st = k->st_q;
		rk_named(m, "value", &p, &n);
		if (st >= 0)
			run(x, lx, p, n, st, 0);
		rk_emit_group(x, m, "closing_delimiters", HL_TYPE_PUNCTUATION);
		break;
	}
	case EM_RK_PODCODE: {
		const char *cfg, *lang, *name;
		size_t cn, ln, nn;
		const struct hl_lexer *sub = NULL;
		char *l;

		rk_emit_group(x, m, "ws", HL_TYPE_COMMENT);
		rk_emit_group(x, m, "keyword", HL_TYPE_KEYWORD);
		rk_emit_group(x, m, "ws2", HL_TYPE_KEYWORD);
		rk_named(m, "name", &name, &nn);
		emit(x, HL_TYPE_KEYWORD, name, nn);
		rk_named(m, "config", &cfg, &cn);
		run(x, lx, cfg, cn, k->st_cpa, 0);
		rk_lang(cfg, cn, &lang, &ln);
		l = xstrndup(lang, ln);
		if (ln > 0)
			sub = hl_lexer_get(l);
		free(l);
		rk_named(m, "value", &p, &n);
		if (x->status != HL_LEX_OK)
			break;
		if (sub == NULL)
			emit(x, HL_TYPE_STRING_DOC, p, n);
		else if (strcmp(hl_lexer_name(sub), "plaintext") == 0)
			emit_plain(x, p, n);
		else if (!hl_lexer_usable(sub))
			x->status = HL_LEX_FAIL;
		else
			emit_stream(x, sub, p, n, 1);
		rk_emit_group(x, m, "ws3", HL_TYPE_COMMENT);
		rk_emit_group(x, m, "end_keyword", HL_TYPE_KEYWORD);
		rk_emit_group(x, m, "ws4", HL_TYPE_KEYWORD);
		emit(x, HL_TYPE_KEYWORD, name, nn);
		break;
	}
	default:
		break;
	}
}

/* Chroma's LexerState.Iterator over text from state start; added is 1
 * when the last byte is the newline ensure_nl appended. */
static void
run(struct lexrun *x, const struct hl_lexer *lx, const char *text,
    size_t len, int start, size_t added)
{
	int stack_small[32], *stack = stack_small;
	size_t sp = 0, cap = 32, pos = 0, end = len - added;
	const struct hl_lexer *wl = x->wl;
	struct gostack gs = { 1, 0, 0, NULL, 0 };
	struct rk_shared *k = NULL;
	struct rk_ctx ctx;
	struct rk_stack ss = { &stack, &sp, &cap, stack_small, &gs };

	if (lx->nwords > 0)	/* its TypeRemapping, for what it emits */
		x->wl = lx;
	if (++x->nest > NEST_MAX) {
		x->status = HL_LEX_BUDGET;
		goto out;
	}
	memset(&ctx, 0, sizeof(ctx));
	if ((lx->flags & LX_RAKU) && (k = rk_shared_get(x, lx)) == NULL) {
		x->status = HL_LEX_FAIL;
		goto out;
	}
	stack[sp++] = start;
	while (pos < end && sp > 0 && x->status == HL_LEX_OK) {
		const struct hl_state *S = &hl_states[stack[sp - 1]];
		const struct hl_rule *R = NULL;
		size_t g[2 * GROUPS_MAX], m0 = pos, m1 = pos;
		int i, ng = 1, j, dyn = -1, dslot = -1;
		struct rk_match rm;

		if (++x->steps > x->budget ||
		    ((x->steps & 1023) == 0 && over_time(x))) {
			x->status = HL_LEX_BUDGET;
			break;
		}
		for (i = 0; i < S->n; i++) {
			int r = hl_state_rules[S->first + i];
			const struct hl_rule *rule = &hl_rules[r];
			struct compiled *c;
			unsigned char ch = (unsigned char)text[pos];
			int rc;

			if (k != NULL && (dslot = rk_slot_at(k, stack[sp - 1],
			    i, S->n)) >= 0 && k->slot[dslot] >= 0) {
				/* the rule Raku's code put here */
				long ml = rk_cfg_match(x, &k->cfg[k->slot[dslot]],
				    text, len, pos, g, &ng);

				if (ml == -2) {
					x->status = HL_LEX_BUDGET;
					break;
				}
				if (ml < 0)
					continue;
				dyn = k->slot[dslot];
				m0 = pos;
				m1 = pos + (size_t)ml;
				g[0] = m0;
				g[1] = m1;
				R = rule;
				break;
			}
			if (rule->pattern == NULL) {
				R = rule;
				break;
			}
			if (compile_rule(r) != 0) {
				x->status = HL_LEX_FAIL;
				break;
			}
			c = &cache[r];
			if (c->has_map && !(c->map[ch >> 3] & (1u << (ch & 7))))
				continue;
			if (c->startline && pos > 0 && text[pos - 1] != '\n')
				continue;
			if (len - pos < c->minlen)
				continue;
			if (++x->steps > x->budget) {
				x->status = HL_LEX_BUDGET;
				break;
			}
			if (c->ncap + 1 > GROUPS_MAX) {
				x->status = HL_LEX_FAIL;
				break;
			}
			x->cc.first = rule->behind;
			if (c->jit) {
				rc = pcre2_jit_match(c->re, (PCRE2_SPTR)text,
				    len, pos, PCRE2_NO_UTF_CHECK, x->md, x->mc);
				if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
					rc = pcre2_match(c->re,
					    (PCRE2_SPTR)text, len, pos,
					    PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
					    x->md, x->mc);
			} else {
				rc = pcre2_match(c->re, (PCRE2_SPTR)text, len,
				    pos, PCRE2_NO_UTF_CHECK, x->md, x->mc);
			}
			if (rc == PCRE2_ERROR_NOMATCH)
				continue;
			if (rc < 0) {
				/* match or depth limit: Chroma's timeout
				 * is not reproducible; the block goes
				 * plain (a lookbehind's failure said
				 * why) */
				if (x->status == HL_LEX_OK)
					x->status = HL_LEX_BUDGET;
				break;
			}
			{
				PCRE2_SIZE *ov =
				    pcre2_get_ovector_pointer(x->md);

				m0 = ov[0];
				m1 = ov[1];
				ng = (int)c->ncap + 1;
				for (j = 0; j < ng; j++) {
					if (j < rc && ov[2 * j] !=
					    PCRE2_UNSET) {
						g[2 * j] = ov[2 * j];
						g[2 * j + 1] = ov[2 * j + 1];
					} else {
						g[2 * j] = g[2 * j + 1] = m0;
					}
				}
			}
			R = rule;
			break;
		}
		if (x->status != HL_LEX_OK)
			break;
		if (R == NULL) {
			size_t l;

			if (text[pos] == '\n' && stack[sp - 1] != start) {
				sp = 1;
				stack[0] = start;
				gostack_reset(&gs);
				continue;
			}
			l = utf8_len((unsigned char)text[pos]);
			if (l > len - pos)
				l = len - pos;
			emit(x, HL_TYPE_ERROR, text + pos, l);
			pos += l;
			continue;
		}
		if (R->pattern == NULL && dyn < 0) {
			g[0] = g[1] = pos;
			ng = 1;
		}
		pos = m1;
		if (dyn >= 0) {
			/* its mutators (Pop(1) and popRule at the top, its
			 * appended popRule), then its token or groups */
			int kind = k->cfg[dyn].kind, type = k->cfg[dyn].type;
			int app = k->cfg[dyn].append;

			if (dslot != RK_SLOT_FMT_BOTTOM &&
			    (sp == 0 || (sp--, rk_pop_rule(k, &ctx, &ss,
			    dslot) != 0)))
				x->status = HL_LEX_FAIL;
			else if (app >= 0 && rk_pop_rule(k, &ctx, &ss, app)
			    != 0)
				x->status = HL_LEX_FAIL;
			else if (kind == RK_SUBST) {
				emit(x, HL_TYPE_PUNCTUATION, text + g[2],
				    g[3] - g[2]);
				run(x, lx, text + g[4], g[5] - g[4],
				    k->st_qq, 0);
				emit(x, HL_TYPE_PUNCTUATION, text + g[6],
				    g[7] - g[6]);
			} else {
				emit(x, type, text + m0, m1 - m0);
			}
			continue;
		}
		memset(&rm, 0, sizeof(rm));
		rm.text = text;
		rm.len = len;
		rm.g = g;
		rm.ng = ng;
		rm.re = R->pattern != NULL ? cache[R - hl_rules].re : NULL;
		if (R->mu == MU_PUSH) {
			int n = R->npush ? R->npush : 1;

			for (j = 0; j < n; j++) {
				int st = R->npush ? hl_push[R->push + j] :
				    stack[sp - 1];

				if (st == -2) {
					x->status = HL_LEX_FAIL;
					break;
				}
				if (st == -1) {
					if (sp == 0) {
						x->status = HL_LEX_FAIL;
						break;
					}
					sp--;
					continue;
				}
				if (sp == STACK_MAX) {
					x->status = HL_LEX_BUDGET;
					break;
				}
				if (sp == cap) {
					int *ns = xmalloc(2 * cap *
					    sizeof(*ns));

					memcpy(ns, stack, sp * sizeof(*ns));
					if (stack != stack_small)
						free(stack);
					stack = ns;
					cap *= 2;
				}
				gostack_push(&gs, sp, st);
				stack[sp++] = st;
			}
		} else if (R->mu == MU_POP) {
			if ((size_t)R->depth > sp) {
				x->status = HL_LEX_FAIL;
				break;
			}
			sp -= (size_t)R->depth;
		} else if (R->mu == MU_PREPROC) {
			if (ng < 3 || R->npush != 2 || preproc(&gs, R,
			    text + g[4], g[5] - g[4], &stack, &sp, &cap,
			    stack_small) != 0) {
				x->status = HL_LEX_FAIL;
				break;
			}
		} else if (R->mu == MU_RK_BRACKETS && k != NULL) {
			rk_brackets(x, k, &ctx, &ss, R->rk, &rm, &pos, &m1);
		} else if (R->mu == MU_RK_REPLACE && k != NULL) {
			const struct hl_rk_replace *rp = &hl_rk_replace[R->rk];
			int c = k->repl[R->rk];

			if (c < 0) {	/* its rule, made once */
				c = k->repl[R->rk] = rk_new_cfg(k);
				k->cfg[c].kind = RK_DELIM;
				k->cfg[c].delim = xstrndup(rp->delim,
				    strlen(rp->delim));
				k->cfg[c].dlen = strlen(rp->delim);
				k->cfg[c].type = rp->type;
				k->cfg[c].slot = rp->state == k->st_root ?
				    RK_SLOT_ROOT : rp->state ==
				    k->state[RK_SLOT_REGEX] ? RK_SLOT_REGEX :
				    -1;
			}
			if (k->cfg[c].slot < 0 || rk_replace(k, &ctx, &ss, c,
			    rp->pop, rp->push, 0) != 0)
				x->status = HL_LEX_FAIL;
		} else if (R->mu >= MU_RK_BRACKETS) {
			x->status = HL_LEX_FAIL;
		}
		if (x->status != HL_LEX_OK) {
			rk_match_free(&rm);
			break;
		}
		{
			const struct hl_emitter *em = &hl_emitters[R->em];

			if (em->kind >= EM_BYNAMES && em->kind !=
			    EM_RK_PODCONFIG && k != NULL) {
				rk_emit(x, lx, k, em, &rm, m0, m1);
			} else if (em->kind == EM_USINGBYGROUP) {
				using_by_group(x, lx, em, text, g, ng);
			} else if (em->kind == EM_CODEBLOCK) {
				code_block(x, lx, em, text, g, ng);
			} else if (em->kind == EM_BYGROUPS) {
				if (em->n != ng - 1) {
					emit(x, HL_TYPE_ERROR, text + m0,
					    m1 - m0);
				} else {
					for (j = 1; j < ng; j++)
						run_emitter(x, lx,
						    em->first + j - 1,
						    text + g[2 * j],
						    g[2 * j + 1] - g[2 * j]);
				}
			} else if (em->kind != EM_NONE) {
				run_emitter(x, lx, R->em, text + m0, m1 - m0);
			}
		}
		rk_match_free(&rm);
	}
	if (x->status == HL_LEX_OK && pos > len && sp == 0)
		x->status = HL_LEX_FAIL;	/* Go: text[Pos:] panics */
	else if (x->status == HL_LEX_OK && pos != len && sp == 0)
		emit(x, HL_TYPE_ERROR, text + pos, len - pos);
out:
	rk_ctx_free(&ctx);
	gostack_free(&gs);
	x->nest--;
	x->wl = wl;
	if (stack != stack_small)
		free(stack);
}

/* EnsureLF (CRLF and lone CR to LF), and invalid UTF-8 as Go's []rune
 * reads it: each bad byte one U+FFFD. */
static void
normalise(struct buf *t, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned long cp;
		size_t l;

		if (s[i] == '\r') {
			if (i + 1 < n && s[i + 1] == '\n') {
				i++;
				continue;
			}
			buf_putc(t, '\n');
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			buf_putc(t, s[i++]);
			continue;
		}
		l = uni_next(s + i, n - i, &cp);
		if (cp == 0xfffd && !(l == 3 && memcmp(s + i, "\357\277\275",
		    3) == 0))
			buf_add(t, "\357\277\275", 3);
		else
			buf_add(t, s + i, l);
		i += l;
	}
}

/* Tokenise() of one regex lexer (its delegate aside); nested is 1 when
 * it lexes a block within another's (see http_body()). */
static enum hl_lex_status
tokenise_one(const struct hl_lexer *lx, const char *code, size_t n,
    struct hl_tokens *out, int nested)
{
	struct buf text = BUF_INIT;
	struct lexrun x;
	size_t added = 0;
	int i;

	memset(&x, 0, sizeof(x));
	x.from = x.to = -1;
	out->n = 0;
	buf_reset(&out->text);
	x.out = out;
	normalise(&text, code, n);
	if ((lx->flags & (LX_GO | LX_BROKEN)) || lx->root < 0) {
		emit_plain(&x, text.data, text.len);
		buf_free(&text);
		return HL_LEX_OK;
	}
	if ((lx->flags & LX_ENSURE_NL) &&
	    (text.len == 0 || text.data[text.len - 1] != '\n')) {
		buf_putc(&text, '\n');
		added = 1;
	}
	x.budget = (long)(STEPS_PER_BYTE * text.len) + STEPS_MIN;
	clock_gettime(CLOCK_MONOTONIC, &x.start);
	x.md = pcre2_match_data_create(GROUPS_MAX, NULL);
	x.mc = pcre2_match_context_create(NULL);
	if (x.md == NULL || x.mc == NULL)
		abort();
	pcre2_set_match_limit(x.mc, MATCH_LIMIT);
	pcre2_set_depth_limit(x.mc, DEPTH_LIMIT);
	x.cc.x = &x;
	pcre2_set_callout(x.mc, behind_callout, &x.cc);
	if (jit_stack == NULL)
		jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024,
		    NULL);
	if (jit_stack != NULL)
		pcre2_jit_stack_assign(x.mc, NULL, jit_stack);
	x.main = text.data;
	if (text.len > 0)
		run(&x, lx, text.data, text.len, lx->root, added);
	pcre2_match_data_free(x.md);
	pcre2_match_context_free(x.mc);
	for (i = 0; i < BEHIND_DEPTH; i++) {
		pcre2_match_data_free(x.bmd[i]);
		pcre2_match_context_free(x.bmc[i]);
	}
	for (i = 0; i < MEMO_MAX; i++)
		free(x.memo[i].ends);
	rk_shared_free(x.rk);
	if (x.status == HL_LEX_OK && (lx->flags & LX_HTTPBODY))
		x.status = http_body(out, nested);
	if (x.status != HL_LEX_OK) {
		out->n = 0;
		buf_reset(&out->text);
		if (added)
			text.len--;
		emit_plain(&x, text.data, text.len);
	}
	buf_free(&text);
	return x.status;
}

/* One run of a delegating lexer's own tokens: where it starts in the
 * text, where the text it stands for ends (0 when Chroma never set it),
 * and its tokens. */
struct insertion {
	size_t start, end;
	size_t first, n;
};

/* Chroma's DelegatingLexer: the language lexer's tokens, with the text
 * of its Other tokens lexed by the root lexer and the two interleaved. */
static enum hl_lex_status
tokenise_delegating(const struct hl_lexer *lx, const char *code, size_t n,
    struct hl_tokens *out)
{
	const struct hl_lexer *root = hl_lexer_get(lx->delegate);
	struct hl_tokens lang = HL_TOKENS_INIT, rt = HL_TOKENS_INIT;
	struct insertion *ins = NULL;
	struct buf others = BUF_INIT;
	size_t nins = 0, i, ti = 0, ii = 0, tlen = 0, offset = 0;
	const char *tp = NULL;
	int last = -1000, have_last = 0, ttype = 0, have_t;
	enum hl_lex_status st;
	struct lexrun x;

	st = tokenise_one(lx, code, n, &lang, 0);
	if (st != HL_LEX_OK) {
		hl_tokens_free(out);
		*out = lang;
		return st;
	}
	for (i = 0; i < lang.n; i++) {
		const struct hl_token *t = &lang.v[i];

		if (t->type == HL_TYPE_OTHER) {
			if (have_last && nins > 0 && last != HL_TYPE_OTHER)
				ins[nins - 1].end = offset;
			buf_add(&others, lang.text.data + t->off, t->len);
		} else {
			if (!have_last || last == HL_TYPE_OTHER) {
				ins = xrealloc(ins, (nins + 1) * sizeof(*ins));
				ins[nins].start = offset;
				ins[nins].end = 0;
				ins[nins].first = i;
				ins[nins].n = 0;
				nins++;
			}
			ins[nins - 1].n++;
		}
		last = t->type;
		have_last = 1;
		offset += t->len;
	}
	if (nins == 0) {
		hl_tokens_free(&lang);
		buf_free(&others);
		return tokenise_one(root, code, n, out, 0);
	}
	st = tokenise_one(root, others.data ? others.data : "", others.len,
	    &rt, 0);
	buf_free(&others);
	memset(&x, 0, sizeof(x));
	x.from = x.to = -1;
	x.out = out;
	out->n = 0;
	buf_reset(&out->text);
	if (st != HL_LEX_OK)
		goto plain;
	/* interleave, as Chroma's delegatingLexer.Tokenise */
	offset = 0;
	have_t = rt.n > 0;
	if (have_t) {
		ttype = rt.v[0].type;
		tp = rt.text.data + rt.v[0].off;
		tlen = rt.v[0].len;
		ti = 1;
	}
	while (have_t || ii < nins) {
		if (!have_t || (ii < nins && ins[ii].start < offset + tlen)) {
			const struct insertion *in = &ins[ii];
			size_t k;

			if (have_t) {
				size_t cut;

				if (in->start < offset || in->start - offset >
				    tlen) {
					st = HL_LEX_FAIL;	/* Go panics */
					goto plain;
				}
				cut = in->start - offset;
				emit(&x, ttype, tp, cut);
				offset += cut;
				tp += cut;
				tlen -= cut;
				if (tlen == 0)
					have_t = 0;
			}
			for (k = 0; k < in->n; k++) {
				const struct hl_token *t = &lang.v[in->first + k];

				emit(&x, t->type, lang.text.data + t->off,
				    t->len);
			}
			offset += in->end - in->start;
			if (!have_t && ti < rt.n) {
				ttype = rt.v[ti].type;
				tp = rt.text.data + rt.v[ti].off;
				tlen = rt.v[ti].len;
				ti++;
				have_t = 1;
			}
			ii++;
		} else {
			emit(&x, ttype, tp, tlen);
			offset += tlen;
			have_t = 0;
			if (ti < rt.n) {
				ttype = rt.v[ti].type;
				tp = rt.text.data + rt.v[ti].off;
				tlen = rt.v[ti].len;
				ti++;
				have_t = 1;
			}
		}
	}
	goto out;
plain:
	out->n = 0;
	buf_reset(&out->text);
	{
		struct buf text = BUF_INIT;

		normalise(&text, code, n);
		emit_plain(&x, text.data ? text.data : "", text.len);
		buf_free(&text);
	}
out:
	free(ins);
	hl_tokens_free(&lang);
	hl_tokens_free(&rt);
	return st;
}

/* Chroma's MatchMimeType: of the lexers registered with the MIME type
 * mime, the first of the highest priority; NULL when none. */
static const struct hl_lexer *
mime_lookup(const char *mime)
{
	int i, best = -1;

	for (i = 0; hl_mimes[i].key != NULL; i++)
		if (strcmp(hl_mimes[i].key, mime) == 0 &&
		    (best < 0 || priority(hl_mimes[i].lexer) > priority(best)))
			best = hl_mimes[i].lexer;
	return best >= 0 ? &hl_lexers[best] : NULL;
}

/* Go's strings.TrimSpace over ASCII white space, into out. */
static void
trim_into(struct buf *out, const char *s, size_t n)
{
	while (n > 0 && strchr(" \t\n\v\f\r", s[0]) != NULL)
		s++, n--;
	while (n > 0 && strchr(" \t\n\v\f\r", s[n - 1]) != NULL)
		n--;
	buf_reset(out);
	buf_add(out, s, n);
}

/* Chroma's httpBodyContentTypeLexer over the HTTP lexer's tokens t: the
 * body (the Generic token its content state makes) is lexed by the
 * lexer of the MIME type the Content-Type header names (less its
 * parameters; "a/b+json" falls back to "a/json"), or is Text when no
 * lexer has it. As in Chroma, the body's tokens never merge with the
 * one before them, and a block within another (nested: a markdown
 * fence) loses its body, which its iterator's early EOF cuts off. */
static enum hl_lex_status
http_body(struct hl_tokens *t, int nested)
{
	struct buf ct = BUF_INIT, tmp = BUF_INIT, body = BUF_INIT;
	enum hl_lex_status st = HL_LEX_OK;
	int is_ct = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		struct hl_token *k = &t->v[i];
		const char *v = t->text.data + k->off;
		const struct hl_lexer *lx;
		const char *semi, *slash, *plus;

		if (k->type == HL_TYPE_NAME && k->len == 12 &&
		    strncasecmp(v, "content-type", 12) == 0) {
			is_ct = 1;
			continue;
		}
		if (k->type == HL_TYPE_LITERAL && is_ct) {
			is_ct = 0;
			trim_into(&ct, v, k->len);
			semi = ct.len ? memchr(ct.data, ';', ct.len) : NULL;
			if (semi != NULL && semi > ct.data) {
				trim_into(&tmp, ct.data, (size_t)(semi -
				    ct.data));
				trim_into(&ct, tmp.data, tmp.len);
			}
			continue;
		}
		if (k->type != HL_TYPE_GENERIC || ct.len == 0)
			continue;
		lx = mime_lookup(buf_cstr(&ct));
		plus = memrchr(ct.data, '+', ct.len);
		if (lx == NULL && plus != NULL) {
			slash = memchr(ct.data, '/', ct.len);
			buf_reset(&tmp);
			buf_add(&tmp, ct.data, slash != NULL ?
			    (size_t)(slash - ct.data) + 1 : 0);
			buf_add(&tmp, plus + 1, ct.len - (size_t)(plus + 1 -
			    ct.data));
			lx = mime_lookup(buf_cstr(&tmp));
		}
		if (lx == NULL) {
			/* Text, coalesced with the Text before it */
			k->type = HL_TYPE_TEXT;
			if (i > 0 && t->v[i - 1].type == HL_TYPE_TEXT &&
			    t->v[i - 1].len < COALESCE_MAX) {
				t->v[i - 1].len += k->len;
				t->n--;
			}
			break;
		}
		buf_add(&body, v, k->len);
		t->text.len = k->off;
		t->n = i;
		if (!nested) {
			struct hl_tokens sub = HL_TOKENS_INIT;
			size_t j;

			if (!hl_lexer_usable(lx) &&
			    strcmp(hl_lexer_name(lx), "plaintext") != 0)
				st = HL_LEX_FAIL;
			else
				st = hl_tokenise(lx, body.data != NULL ?
				    body.data : "", body.len, &sub);
			for (j = 0; j < sub.n && st == HL_LEX_OK; j++) {
				if (t->n == t->cap) {
					t->cap = t->cap ? 2 * t->cap : 64;
					t->v = xrealloc(t->v, t->cap *
					    sizeof(*t->v));
				}
				t->v[t->n].type = sub.v[j].type;
				t->v[t->n].off = t->text.len;
				t->v[t->n].len = sub.v[j].len;
				t->n++;
				buf_add(&t->text, sub.text.data + sub.v[j].off,
				    sub.v[j].len);
			}
			hl_tokens_free(&sub);
		}
		break;
	}
	buf_free(&ct);
	buf_free(&tmp);
	buf_free(&body);
	return st;
}

enum hl_lex_status
hl_tokenise(const struct hl_lexer *lx, const char *code, size_t n,
    struct hl_tokens *out)
{
	if (lx->delegate != NULL && hl_lexer_usable(lx))
		return tokenise_delegating(lx, code, n, out);
	return tokenise_one(lx, code, n, out, 0);
}

void
hl_tokens_free(struct hl_tokens *t)
{
	buf_free(&t->text);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

void
hl_lex_cleanup(void)
{
	size_t i;

	if (cache != NULL) {
		for (i = 0; i < HL_NRULES; i++)
			pcre2_code_free(cache[i].re);
		free(cache);
		cache = NULL;
	}
	if (behind_re != NULL) {
		for (i = 0; i < HL_NBEHINDS; i++)
			pcre2_code_free(behind_re[i]);
		free(behind_re);
		behind_re = NULL;
	}
	if (jit_stack != NULL) {
		pcre2_jit_stack_free(jit_stack);
		jit_stack = NULL;
	}
}
