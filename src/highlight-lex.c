/* highlight-lex.c - Chroma 2.5.0's regex lexers on PCRE2 (see
 * highlight-lex.h): the registry, the tokeniser loop as Chroma's
 * LexerState.Iterator runs it, regexp2's lookbehinds that PCRE2 cannot
 * take (as callouts), the Go functions of Chroma's that are not data
 * (rst's code-block emitter, Haxe's preprocessor mutator), and
 * Coalesce. The rules are tables that tools/chroma-gen.c writes at
 * build time into build/chroma-tables.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <fnmatch.h>
#include <pcre2.h>
#include <stdint.h>
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
	EM_USINGBYGROUP, EM_CODEBLOCK };
enum { MU_NONE, MU_PUSH, MU_POP, MU_PREPROC };

#define LX_ENSURE_NL	1
#define LX_CI		2
#define LX_DOTALL	4
#define LX_NOTML	8
#define LX_GO		16	/* written in Go: quire has no rules */
#define LX_BROKEN	32	/* a pattern PCRE2 cannot compile */
#define LX_HTTPBODY	64	/* Chroma's httpBodyContentTypeLexer around
				 * it (see http_body()) */

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
	const char *lexer;	/* EM_USING: the lexer's name */
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
	    PCRE2_DOLLAR_ENDONLY | PCRE2_NO_UTF_CHECK, &err, &off, NULL);
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
		    PCRE2_NO_DOTSTAR_ANCHOR | PCRE2_NO_UTF_CHECK, &err, &off,
		    NULL);
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

	if (lx->nwords > 0)	/* its TypeRemapping, for what it emits */
		x->wl = lx;
	if (++x->nest > NEST_MAX) {
		x->status = HL_LEX_BUDGET;
		goto out;
	}
	stack[sp++] = start;
	while (pos < end && sp > 0 && x->status == HL_LEX_OK) {
		const struct hl_state *S = &hl_states[stack[sp - 1]];
		const struct hl_rule *R = NULL;
		size_t g[2 * GROUPS_MAX], m0 = pos, m1 = pos;
		int i, ng = 1, k;

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
				for (k = 0; k < ng; k++) {
					if (k < rc && ov[2 * k] !=
					    PCRE2_UNSET) {
						g[2 * k] = ov[2 * k];
						g[2 * k + 1] = ov[2 * k + 1];
					} else {
						g[2 * k] = g[2 * k + 1] = m0;
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
		if (R->pattern == NULL) {
			g[0] = g[1] = pos;
			ng = 1;
		}
		pos = m1;
		if (R->mu == MU_PUSH) {
			int n = R->npush ? R->npush : 1;

			for (k = 0; k < n; k++) {
				int st = R->npush ? hl_push[R->push + k] :
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
		}
		if (x->status != HL_LEX_OK)
			break;
		{
			const struct hl_emitter *em = &hl_emitters[R->em];

			if (em->kind == EM_USINGBYGROUP) {
				using_by_group(x, lx, em, text, g, ng);
			} else if (em->kind == EM_CODEBLOCK) {
				code_block(x, lx, em, text, g, ng);
			} else if (em->kind == EM_BYGROUPS) {
				if (em->n != ng - 1) {
					emit(x, HL_TYPE_ERROR, text + m0,
					    m1 - m0);
				} else {
					for (k = 1; k < ng; k++)
						run_emitter(x, lx,
						    em->first + k - 1,
						    text + g[2 * k],
						    g[2 * k + 1] - g[2 * k]);
				}
			} else if (em->kind != EM_NONE) {
				run_emitter(x, lx, R->em, text + m0, m1 - m0);
			}
		}
	}
	if (x->status == HL_LEX_OK && pos != len && sp == 0)
		emit(x, HL_TYPE_ERROR, text + pos, len - pos);
out:
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
