/* chroma-gen.c - build-time generator: Chroma's lexer rules (Debian's
 * golang-github-alecthomas-chroma-v2-dev, the Chroma Hugo 0.111 is built
 * with) and its token classes, read from the package's XML and Go files,
 * written as C tables for src/highlight-lex.c.
 *
 * usage: chroma-gen CHROMA_DIR OUT.h
 *
 * Nothing of Chroma is kept in quire's tree: make runs this over the
 * installed package and compiles the result from build/. What it does to
 * the rules, as Chroma does when it loads them:
 * - repeated attributes (<push state="a" state="b"/>, which Go's XML
 *   reader accepts and libxml2 rejects) become one list;
 * - <include> is spliced in place, <combined> becomes a push of a state
 *   made of the named states' rules;
 * - each pattern gets the lexer's flags, as (?m) (?i) (?s), and the
 *   rewrites that make PCRE2 read it as Go's regexp2 1.4 (RE2 mode) does:
 *   \Z is end of text only, \v the VT character, and [^\W\d] matches
 *   digits (a regexp2 bug that Hugo's output shows), a quantified \b
 *   is (?:\b)?, and \w, \W, \b, \B are regexp2's word characters
 *   spelt out (see word_classes());
 * - what PCRE2 10.42 still refuses is fitted to it (fit_pattern()): a
 *   lookbehind of variable length becomes a callout highlight-lex.c
 *   answers, a word list too large a trie;
 * - a lexer with a pattern PCRE2 cannot compile even so is marked
 *   broken (its blocks are shown unhighlighted, with a warning).
 * Chroma's lexers written in Go (the lexers folder's .go files) are read
 * too: their name, aliases and file names always, and their rules where
 * they are plain data in Go syntax (see go_rules(); Rules{...}.Merge(
 * another function's Rules) too, another lexer's rules renamed and
 * merged (go_func_get()), another function's with rules put first
 * (go_func_compose()); an emitter function that only lists its groups'
 * tokens counts, as do rst's code-block emitter and Haxe's preprocessor
 * mutator, which highlight-lex.c runs; http's body-by-Content-Type
 * wrapper is flagged for the engine; Raku's rules come after the
 * constants, word lists and bracket map they are built from, which are
 * read too, and its mutators findBrackets and replaceRule, its emitter
 * functions and ByGroupNames are tabled for the engine to run), and the
 * word lists of an XML lexer registered again as a TypeRemappingLexer
 * (see type_mapping()); any other is marked, and shown unhighlighted. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LX_ENSURE_NL	1
#define LX_CI		2
#define LX_DOTALL	4
#define LX_NOTML	8
#define LX_GO		16	/* written in Go: no rules here */
#define LX_BROKEN	32	/* a pattern PCRE2 cannot take */
#define LX_HTTPBODY	64	/* Chroma's httpBodyContentTypeLexer around
				 * it: its body lexed by the Content-Type */
#define LX_RAKU		128	/* Raku's rules: its mutators and emitter
				 * functions, run by highlight-lex.c */

enum { EM_NONE, EM_TOKEN, EM_BYGROUPS, EM_USINGSELF, EM_USING,
	EM_USINGBYGROUP, EM_CODEBLOCK, EM_BYNAMES, EM_RK_QUOTE,
	EM_RK_COLONPAIR, EM_RK_PODCONFIG, EM_RK_PODCODE };
enum { MU_NONE, MU_PUSH, MU_POP, MU_INCLUDE, MU_COMBINED, MU_PREPROC,
	MU_RK_BRACKETS, MU_RK_REPLACE };

struct emitter {
	int kind;
	char *arg;
	struct emitter *sub;
	int nsub;
	int id;			/* index in the output table */
	char *remap_from;	/* EM_USING: a type the lexer's tokens */
	char *remap_to;		/* have, and the one Hugo sees instead */
	int name_group;		/* EM_USINGBYGROUP: the group naming the */
	int code_group;		/* lexer, and the group it lexes;
				 * EM_CODEBLOCK: the first of the groups
				 * it lexes, all those after it too, and
				 * remap_to the type when no lexer has
				 * the name */
	char *gname;		/* a child of EM_BYNAMES: its group */
};

struct rule {
	char *pattern;		/* NULL: always matches, empty */
	struct emitter em;
	int mu, depth;
	char **states;
	int nstates;
	int id;			/* -1 until written */
	int rk;			/* MU_RK_BRACKETS: the token class */
	char *rk_delim;		/* MU_RK_REPLACE: the rule it puts in */
	char *rk_type;		/* place: delimiter, token type, state, */
	char *rk_state;		/* whether it pops the state, pushes */
	int rk_pop, rk_push;	/* the rule's */
};

struct state {
	char *name;
	struct rule **rules;
	int n;
	int id;
};

struct lexer {
	char *name;
	char **aliases, **filenames, **alias_filenames;
	int naliases, nfilenames, nalias_filenames;
	double priority;
	int flags;
	struct state *st;
	int nst;
	char *file;		/* the XML file's base name */
	int xml_of;		/* a Go registration of an XML lexer's
				 * rules: 1 + its index; 0 none */
	const char *go_text;	/* Go-coded: its file, and where its */
	const char *go_after;	/* Config ends, read once all are */
	const char *go_config;	/* loaded (UsingLexer names a variable) */
	char *delegate_var;	/* DelegatingLexer(VAR, this): VAR's */
	const char *delegate;	/* lexer lexes what this one leaves as
				 * Other */
	struct word *words;	/* TypeRemappingLexer(this, mapping): */
	int nwords;		/* its words, by type and word */
	char **mimes;		/* its MIME types */
	int nmimes;
	int wrap;		/* flags its Go registration adds */
};

/* One word of a TypeMapping: a token of type from with this text is of
 * type to. */
struct word {
	char *word;
	char *from, *to;
	int f, t;		/* their type ids, when written */
};

struct typedef_ {
	char *name;
	int value;
	int canonical;
};

static struct lexer *lexers;
static int nlexers;
static struct typedef_ *types;
static int ntypes;

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "chroma-gen: out of memory\n");
		exit(1);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		fprintf(stderr, "chroma-gen: out of memory\n");
		exit(1);
	}
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "chroma-gen: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		die("%s: cannot open", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("%s: cannot read", path);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
push_str(char ***list, int *n, const char *s, size_t len)
{
	*list = xrealloc(*list, sizeof(**list) * (size_t)(*n + 1));
	(*list)[(*n)++] = xstrndup(s, len);
}

/* Token types: types.go's const blocks (NAME TokenType = BASE + iota,
 * then one name a line) and aliases (NAME = OTHER). */
static int
type_value(const char *name, int *found)
{
	int i;

	for (i = 0; i < ntypes; i++)
		if (strcmp(types[i].name, name) == 0) {
			*found = 1;
			return types[i].value;
		}
	*found = 0;
	return 0;
}

static void
add_type(const char *name, size_t len, int value, int canonical)
{
	types = xrealloc(types, sizeof(*types) * (size_t)(ntypes + 1));
	types[ntypes].name = xstrndup(name, len);
	types[ntypes].value = value;
	types[ntypes].canonical = canonical;
	ntypes++;
}

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static size_t
ident_len(const char *p)
{
	size_t n = 0;

	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n;
}

/* The StandardTypes map: value -> class name. */
struct cls {
	int value;
	char *cls;
};
static struct cls *classes;
static int nclasses;

static void
read_types(const char *path)
{
	size_t len;
	char *text = slurp(path, &len), *line, *save = NULL;
	int in_const = 0, in_map = 0, next = 0, step = 1;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *p = skip_ws(line);
		size_t n;

		if (strncmp(p, "const (", 7) == 0) {
			in_const = 1;
			continue;
		}
		if (strstr(p, "StandardTypes = map[TokenType]string{")) {
			in_map = 1;
			continue;
		}
		if ((in_const || in_map) && *p == ')' ) {
			in_const = 0;
			continue;
		}
		if (in_map && *p == '}') {
			in_map = 0;
			continue;
		}
		if (strncmp(p, "//", 2) == 0 || *p == '\0')
			continue;
		n = ident_len(p);
		if (n == 0)
			continue;
		if (in_map) {
			const char *q = skip_ws(p + n), *e;
			char *key = xstrndup(p, n);
			int found, v;

			if (*q != ':' || (q = strchr(q, '"')) == NULL ||
			    (e = strchr(q + 1, '"')) == NULL)
				die("%s: cannot read StandardTypes line: %s",
				    path, line);
			v = type_value(key, &found);
			if (!found)
				die("%s: unknown type %s", path, key);
			classes = xrealloc(classes,
			    sizeof(*classes) * (size_t)(nclasses + 1));
			classes[nclasses].value = v;
			classes[nclasses].cls = xstrndup(q + 1,
			    (size_t)(e - q - 1));
			nclasses++;
			free(key);
			continue;
		}
		if (!in_const)
			continue;
		{
			const char *q = skip_ws(p + n);

			if (*q == '\0') {		/* next of iota */
				add_type(p, n, next, 1);
				next += step;
			} else if (strncmp(q, "TokenType = ", 12) == 0) {
				const char *r = q + 12;

				if (strstr(r, "- iota")) {
					next = atoi(r);
					step = -1;
				} else if (strstr(r, "+ iota")) {
					next = atoi(r);
					step = 1;
				} else {	/* EOFType TokenType = 0 */
					add_type(p, n, atoi(r), 1);
					continue;
				}
				add_type(p, n, next, 1);
				next += step;
			} else if (*q == '=') {		/* alias */
				const char *r = skip_ws(q + 1);
				char *other = xstrndup(r, ident_len(r));
				int found, v = type_value(other, &found);

				if (!found)
					die("%s: alias of unknown %s", path, other);
				add_type(p, n, v, 0);
				free(other);
			}
		}
	}
	free(text);
	if (nclasses < 50)
		die("%s: StandardTypes not found", path);
}

/* Chroma's formatter: a type's class is its own, else its parent's. */
static const char *
class_of(int t)
{
	for (;;) {
		int i;

		for (i = 0; i < nclasses; i++)
			if (classes[i].value == t)
				return classes[i].cls;
		if (t == 0)
			return "";
		if (t % 100 != 0)
			t = t / 100 * 100;
		else if (t % 1000 != 0)
			t = t / 1000 * 1000;
		else
			t = 0;
	}
}

/* The canonical types in a fixed order: their index is the token's type
 * id at run time. */
static int
type_id(const char *name)
{
	int i, id = 0;

	for (i = 0; i < ntypes; i++) {
		if (!types[i].canonical)
			continue;
		if (strcmp(types[i].name, name) == 0)
			return id;
		id++;
	}
	return -1;
}

/* The canonical name of a type or of one of its aliases (Go code writes
 * Whitespace for TextWhitespace); NULL when types.go has none. */
static const char *
canonical_type(const char *name)
{
	int i, found, v;

	if (name == NULL)
		return NULL;
	v = type_value(name, &found);
	if (!found)
		return NULL;
	for (i = 0; i < ntypes; i++)
		if (types[i].canonical && types[i].value == v)
			return types[i].name;
	return NULL;
}

/* Joins repeated state="..." attributes of <push> and <combined> into one,
 * the names separated by '|' (state names hold spaces, never '|'). */
static char *
fix_xml(const char *in, size_t *len)
{
	size_t n = *len, o = 0;
	char *out = xmalloc(n * 2 + 16);
	const char *p = in, *end = in + n;

	while (p < end) {
		if (*p == '<' && (strncmp(p, "<push ", 6) == 0 ||
		    strncmp(p, "<combined ", 10) == 0)) {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			const char *sp = strchr(p, ' '), *q = p;
			int k = 0, selfclose;

			if (gt == NULL)
				die("unterminated tag");
			selfclose = gt[-1] == '/';
			memcpy(out + o, p, (size_t)(sp - p));
			o += (size_t)(sp - p);
			memcpy(out + o, " state=\"", 8);
			o += 8;
			while ((q = strstr(q, "state=\"")) != NULL && q < gt) {
				const char *e;

				q += 7;
				e = strchr(q, '"');
				if (k++)
					out[o++] = '|';
				memcpy(out + o, q, (size_t)(e - q));
				o += (size_t)(e - q);
				q = e;
			}
			if (k == 0) {	/* no state: as written */
				o -= (size_t)(sp - p) + 8;
				memcpy(out + o, p, (size_t)(gt + 1 - p));
				o += (size_t)(gt + 1 - p);
			} else {
				out[o++] = '"';
				if (selfclose)
					out[o++] = '/';
				out[o++] = '>';
			}
			p = gt + 1;
			continue;
		}
		out[o++] = *p++;
	}
	*len = o;
	return out;
}

static int
split_states(const char *v, char ***out)
{
	int n = 0;
	const char *p = v;

	*out = NULL;
	for (;;) {
		const char *e = strchr(p, '|');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		push_str(out, &n, p, l);
		if (e == NULL)
			break;
		p = e + 1;
	}
	return n;
}

static char *
prop(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

static void
parse_emitter(xmlNode *c, struct emitter *em)
{
	const char *t = (const char *)c->name;

	if (strcmp(t, "token") == 0) {
		em->kind = EM_TOKEN;
		em->arg = prop(c, "type");
	} else if (strcmp(t, "usingself") == 0) {
		em->kind = EM_USINGSELF;
		em->arg = prop(c, "state");
	} else if (strcmp(t, "using") == 0) {
		em->kind = EM_USING;
		em->arg = prop(c, "lexer");
	} else if (strcmp(t, "bygroups") == 0) {
		xmlNode *g;

		em->kind = EM_BYGROUPS;
		for (g = c->children; g; g = g->next) {
			if (g->type != XML_ELEMENT_NODE)
				continue;
			em->sub = xrealloc(em->sub,
			    sizeof(*em->sub) * (size_t)(em->nsub + 1));
			memset(&em->sub[em->nsub], 0, sizeof(*em->sub));
			parse_emitter(g, &em->sub[em->nsub++]);
		}
	} else {
		die("unknown emitter <%s>", t);
	}
}

static struct state *
find_state(struct lexer *lx, const char *name)
{
	int i;

	for (i = 0; i < lx->nst; i++)
		if (strcmp(lx->st[i].name, name) == 0)
			return &lx->st[i];
	return NULL;
}

static struct state *
add_state(struct lexer *lx, const char *name)
{
	struct state *s;

	lx->st = xrealloc(lx->st, sizeof(*lx->st) * (size_t)(lx->nst + 1));
	s = &lx->st[lx->nst++];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name);
	return s;
}

static void
add_rule(struct state *s, struct rule *r)
{
	s->rules = xrealloc(s->rules, sizeof(*s->rules) * (size_t)(s->n + 1));
	s->rules[s->n++] = r;
}

/* Splices includes and makes combined states, as Chroma does when it
 * loads a lexer. Returns 0, or -1 when a state named is missing. */
static int
expand(struct lexer *lx)
{
	int changed = 1, guard = 0;

	while (changed && guard++ < 100000) {
		int s, i;

		changed = 0;
		for (s = 0; s < lx->nst && !changed; s++) {
			for (i = 0; i < lx->st[s].n && !changed; i++) {
				struct rule *r = lx->st[s].rules[i];
				struct state *S = &lx->st[s];

				if (r->mu == MU_INCLUDE) {
					struct state *inc = find_state(lx,
					    r->states[0]);
					struct rule **nr;
					int m;

					if (inc == NULL)
						return -1;
					m = inc->n;
					nr = xmalloc(sizeof(*nr) *
					    (size_t)(S->n - 1 + m));
					memcpy(nr, S->rules, sizeof(*nr) *
					    (size_t)i);
					memcpy(nr + i, inc->rules, sizeof(*nr) *
					    (size_t)m);
					memcpy(nr + i + m, S->rules + i + 1,
					    sizeof(*nr) * (size_t)(S->n - i -
					    1));
					free(S->rules);
					S->rules = nr;
					S->n = S->n - 1 + m;
					changed = 1;
				} else if (r->mu == MU_COMBINED) {
					char name[1024] = "__combined_";
					int k;

					for (k = 0; k < r->nstates; k++) {
						if (k)
							strcat(name, "__");
						if (strlen(name) +
						    strlen(r->states[k]) + 3 >=
						    sizeof(name))
							return -1;
						strcat(name, r->states[k]);
					}
					if (find_state(lx, name) == NULL) {
						struct state *C;
						int j;

						for (k = 0; k < r->nstates; k++)
							if (!find_state(lx,
							    r->states[k]))
								return -1;
						add_state(lx, name);
						C = &lx->st[lx->nst - 1];
						for (k = 0; k < r->nstates; k++) {
							struct state *x =
							    find_state(lx,
							    r->states[k]);

							for (j = 0; j < x->n;
							    j++)
								add_rule(C,
								    x->rules[j]);
						}
					}
					r->mu = MU_PUSH;
					r->states = xmalloc(sizeof(char *));
					r->states[0] = strdup(name);
					r->nstates = 1;
					changed = 1;
				}
			}
		}
	}
	return changed ? -1 : 0;
}

static int
truthy(xmlNode *c)
{
	xmlChar *v = xmlNodeGetContent(c);
	int t = v == NULL || strcmp((const char *)v, "false") != 0;

	xmlFree(v);
	return t;
}

static void
load_xml(const char *dir, const char *file)
{
	char path[8300];
	size_t n;
	char *buf, *fx;
	xmlDoc *doc;
	xmlNode *root, *sec;
	struct lexer *lx;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	buf = slurp(path, &n);
	fx = fix_xml(buf, &n);
	doc = xmlReadMemory(fx, (int)n, path, "UTF-8", XML_PARSE_NONET);
	if (doc == NULL)
		die("%s: not XML", path);
	lexers = xrealloc(lexers, sizeof(*lexers) * (size_t)(nlexers + 1));
	lx = &lexers[nlexers++];
	memset(lx, 0, sizeof(*lx));
	lx->file = strdup(file);
	root = xmlDocGetRootElement(doc);
	for (sec = root->children; sec; sec = sec->next) {
		xmlNode *c, *s;

		if (sec->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)sec->name, "config") == 0) {
			for (c = sec->children; c; c = c->next) {
				const char *k = (const char *)c->name;
				xmlChar *v;

				if (c->type != XML_ELEMENT_NODE)
					continue;
				v = xmlNodeGetContent(c);
				if (strcmp(k, "name") == 0)
					lx->name = strdup((char *)v);
				else if (strcmp(k, "alias") == 0)
					push_str(&lx->aliases, &lx->naliases,
					    (char *)v, strlen((char *)v));
				else if (strcmp(k, "filename") == 0)
					push_str(&lx->filenames,
					    &lx->nfilenames, (char *)v,
					    strlen((char *)v));
				else if (strcmp(k, "alias_filename") == 0)
					push_str(&lx->alias_filenames,
					    &lx->nalias_filenames, (char *)v,
					    strlen((char *)v));
				else if (strcmp(k, "mime_type") == 0)
					push_str(&lx->mimes, &lx->nmimes,
					    (char *)v, strlen((char *)v));
				else if (strcmp(k, "priority") == 0)
					lx->priority = atof((char *)v);
				else if (strcmp(k, "ensure_nl") == 0 &&
				    truthy(c))
					lx->flags |= LX_ENSURE_NL;
				else if (strcmp(k, "case_insensitive") == 0 &&
				    truthy(c))
					lx->flags |= LX_CI;
				else if (strcmp(k, "dot_all") == 0 &&
				    truthy(c))
					lx->flags |= LX_DOTALL;
				else if (strcmp(k, "not_multiline") == 0 &&
				    truthy(c))
					lx->flags |= LX_NOTML;
				xmlFree(v);
			}
			continue;
		}
		if (strcmp((const char *)sec->name, "rules") != 0)
			continue;
		for (s = sec->children; s; s = s->next) {
			char *nm;
			struct state *S;
			xmlNode *r;

			if (s->type != XML_ELEMENT_NODE)
				continue;
			nm = prop(s, "name");
			S = find_state(lx, nm);
			if (S == NULL)
				S = add_state(lx, nm);
			free(nm);
			for (r = s->children; r; r = r->next) {
				struct rule *R;

				if (r->type != XML_ELEMENT_NODE)
					continue;
				R = xmalloc(sizeof(*R));
				memset(R, 0, sizeof(*R));
				R->id = -1;
				R->pattern = prop(r, "pattern");
				for (c = r->children; c; c = c->next) {
					const char *t = (const char *)c->name;
					char *st;

					if (c->type != XML_ELEMENT_NODE)
						continue;
					st = prop(c, "state");
					if (strcmp(t, "push") == 0) {
						R->mu = MU_PUSH;
						if (st)
							R->nstates =
							    split_states(st,
							    &R->states);
					} else if (strcmp(t, "pop") == 0) {
						char *d = prop(c, "depth");

						R->mu = MU_POP;
						R->depth = d ? atoi(d) : 1;
						free(d);
					} else if (strcmp(t, "include") == 0) {
						R->mu = MU_INCLUDE;
						R->nstates = split_states(st ?
						    st : "", &R->states);
					} else if (strcmp(t, "combined") == 0) {
						R->mu = MU_COMBINED;
						R->nstates = split_states(st ?
						    st : "", &R->states);
					} else {
						parse_emitter(c, &R->em);
					}
					free(st);
				}
				add_rule(S, R);
			}
		}
	}
	xmlFreeDoc(doc);
	free(fx);
	free(buf);
	if (lx->name == NULL)
		die("%s: no name", path);
	if (expand(lx) != 0 || find_state(lx, "root") == NULL)
		lx->flags |= LX_BROKEN;
}

/* The pattern as PCRE2 (UTF, UCP) reads it the way regexp2 reads the
 * original; flags as Chroma adds them. */
static char *
rewrite_pattern(const char *p, int flags)
{
	size_t n = strlen(p), i;
	char *o = xmalloc(n * 4 + 32), *w = o;

	w += sprintf(w, "(?%s%s%s)(?:", flags & LX_NOTML ? "" : "m",
	    flags & LX_CI ? "i" : "", flags & LX_DOTALL ? "s" : "");
	if (strncmp(o, "(?)", 3) == 0)
		w = o + sprintf(o, "(?:");
	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n) {
			char c = p[i + 1];

			if (c == 'Z') {
				w += sprintf(w, "\\z");
				i++;
				continue;
			}
			if (c == 'W' && i >= 2 && p[i - 1] == '^' &&
			    p[i - 2] == '[' && strncmp(p + i, "\\W\\d", 4) == 0) {
				w += sprintf(w, "\\W");
				i += 3;
				continue;
			}
			if (c == 'v') {
				w += sprintf(w, "\\x0b");
				i++;
				continue;
			}
			if ((c == 'b' || c == 'B') && i + 2 < n &&
			    strchr("?*+", p[i + 2]) != NULL) {
				/* a quantified word boundary, which
				 * regexp2 takes and PCRE2 refuses */
				w += sprintf(w, "(?:\\%c)", c);
				i++;
				continue;
			}
			*w++ = p[i];
			*w++ = p[++i];
			continue;
		}
		*w++ = p[i];
	}
	w += sprintf(w, ")");
	*w = '\0';
	return o;
}

/* Output buffers, written at the end in table order. */
struct sbuf {
	char *p;
	size_t n;
	FILE *f;
};
static struct sbuf b_emit, b_rule, b_srules, b_push, b_state, b_rk;

static void
sb_open(struct sbuf *b)
{
	b->f = open_memstream(&b->p, &b->n);
}

/* The options highlight-lex.c compiles a rule's pattern with, and a
 * lookbehind's body (see struct behind); regexp2 takes a group name
 * twice (Raku's name pattern within a pattern twice). */
#define MAIN_OPTS (PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | \
	PCRE2_DOLLAR_ENDONLY | PCRE2_DUPNAMES)
#define BEHIND_OPTS (PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY | \
	PCRE2_NO_AUTO_POSSESS | PCRE2_NO_DOTSTAR_ANCHOR | PCRE2_DUPNAMES)

/* 0 when PCRE2 compiles pat with opts, else its error code and *off
 * where. */
static int
compile_error(const char *pat, uint32_t opts, PCRE2_SIZE *off)
{
	int err;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    opts, &err, off, NULL);

	if (re == NULL)
		return err;
	pcre2_code_free(re);
	return 0;
}

/* Where the character class opening at p[i] closes; -1 if it does not. */
static long
class_end(const char *p, long i)
{
	i++;
	if (p[i] == '^')
		i++;
	if (p[i] == ']')
		i++;
	for (; p[i]; i++) {
		if (p[i] == '\\') {
			if (p[++i] == '\0')
				return -1;
		} else if (p[i] == '[' && p[i + 1] == ':') {
			const char *e = strstr(p + i + 2, ":]");

			if (e != NULL)
				i = e - p + 1;
		} else if (p[i] == ']') {
			return i;
		}
	}
	return -1;
}

/* Where the group opening at p[i] closes; -1 if it does not. */
static long
group_end(const char *p, long i)
{
	int depth = 0;

	for (; p[i]; i++) {
		if (p[i] == '\\') {
			if (p[++i] == '\0')
				return -1;
		} else if (p[i] == '[') {
			if ((i = class_end(p, i)) < 0)
				return -1;
		} else if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')' && --depth == 0) {
			return i;
		}
	}
	return -1;
}

/* regexp2's word characters (its IsWordChar: letters, non-spacing
 * marks, decimal digits, connector punctuation, ZWNJ and ZWJ), as
 * items of a PCRE2 class; PCRE2 10.42's \w with UCP is letters, all
 * numbers and '_'. */
#define WORD "\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}"

/* pat (malloc'd, consumed) with regexp2's \w, \W, \b and \B spelt
 * out for PCRE2: \w as [WORD], \b (unless native_b) as a lookbehind
 * and a lookahead on it; in a class, \w as WORD's items (a '-' beside
 * it literal, as regexp2 reads it), and \W, which no class can join
 * to other items, as an alternation ([A\W] as (?:[A]|[^WORD]), [^A\W]
 * as (?![A])[WORD]). */
static char *
word_classes(char *pat, int native_b)
{
	struct sbuf b;
	long i;

	sb_open(&b);
	for (i = 0; pat[i]; i++) {
		if (pat[i] == '\\' && pat[i + 1] != '\0') {
			switch (pat[++i]) {
			case 'w':
				fputs("[" WORD "]", b.f);
				break;
			case 'W':
				fputs("[^" WORD "]", b.f);
				break;
			case 'b':
				if (native_b)
					fputs("\\b", b.f);
				else
					fputs("(?:(?<=[" WORD "])(?![" WORD
					    "])|(?<![" WORD "])(?=[" WORD "]))",
					    b.f);
				break;
			case 'B':
				if (native_b)
					fputs("\\B", b.f);
				else
					fputs("(?:(?<=[" WORD "])(?=[" WORD
					    "])|(?<![" WORD "])(?![" WORD "]))",
					    b.f);
				break;
			default:
				fputc('\\', b.f);
				fputc(pat[i], b.f);
			}
			continue;
		}
		if (pat[i] == '[') {
			long e = class_end(pat, i), j, a = i + 1;
			int neg = pat[a] == '^', w = 0, W = 0;
			struct sbuf items;

			if (e < 0)
				break;
			if (neg)
				a++;
			sb_open(&items);
			for (j = a; j < e; j++) {
				if (pat[j] == '\\' && (pat[j + 1] == 'w' ||
				    pat[j + 1] == 'W')) {
					if (pat[++j] == 'w')
						w = 1;
					else
						W = 1;
					continue;
				}
				if ((pat[j] == '-' || pat[j] == '^') &&
				    ftell(items.f) == 0) {
					/* first: after WORD's items, or
					 * as [^ */
					fprintf(items.f, "\\%c", pat[j]);
					continue;
				}
				if (pat[j] == '-' && ((j >= a + 2 &&
				    pat[j - 2] == '\\' && (pat[j - 1] == 'w' ||
				    pat[j - 1] == 'W')) || (pat[j + 1] == '\\' &&
				    (pat[j + 2] == 'w' || pat[j + 2] == 'W')))) {
					/* beside \w: a '-', not a range */
					fputs("\\-", items.f);
					continue;
				}
				if (pat[j] == '[' && pat[j + 1] == ':') {
					const char *c = strstr(pat + j + 2, ":]");

					if (c != NULL && c < pat + e) {
						fprintf(items.f, "%.*s", (int)(c + 2 -
						    (pat + j)), pat + j);
						j = c + 1 - pat;
						continue;
					}
				}
				if (pat[j] == '\\')
					fputc(pat[j++], items.f);
				fputc(pat[j], items.f);
			}
			fclose(items.f);
			if (w && W)		/* every character, or none */
				fputs(neg ? "(?!)" : "(?s:.)", b.f);
			else if (W && items.n == 0)
				fputs(neg ? "[" WORD "]" : "[^" WORD "]", b.f);
			else if (W && neg)
				fprintf(b.f, "(?![%s])[" WORD "]", items.p);
			else if (W)
				fprintf(b.f, "(?:[%s]|[^" WORD "])", items.p);
			else
				fprintf(b.f, "[%s%s%s]", neg ? "^" : "",
				    w ? WORD : "", items.p);
			free(items.p);
			i = e;
			continue;
		}
		fputc(pat[i], b.f);
	}
	fclose(b.f);
	free(pat);
	return b.p;
}

/* The capturing groups that open in p[a..b). */
static int
count_captures(const char *p, long a, long b)
{
	int n = 0;
	long i;

	for (i = a; i < b; i++) {
		if (p[i] == '\\') {
			i++;
		} else if (p[i] == '[') {
			if ((i = class_end(p, i)) < 0)
				return n;
		} else if (p[i] == '(') {
			if (p[i + 1] != '?')
				n++;
			else if ((p[i + 2] == '<' && p[i + 3] != '=' &&
			    p[i + 3] != '!') || p[i + 2] == '\'' ||
			    (p[i + 2] == 'P' && p[i + 3] == '<'))
				n++;
		}
	}
	return n;
}

/* The flag settings in force at p[at]: the leading "(?mis)" and every
 * bare "(?i)"-like group before at (a setting inside a group that closed
 * before at is taken too: no Chroma pattern has one). */
static void
flags_at(FILE *f, const char *p, long at)
{
	long i;

	for (i = 0; i < at; i++) {
		long j;

		if (p[i] == '\\') {
			i++;
			continue;
		}
		if (p[i] == '[') {
			if ((i = class_end(p, i)) < 0)
				return;
			continue;
		}
		if (p[i] != '(' || p[i + 1] != '?')
			continue;
		for (j = i + 2; isalpha((unsigned char)p[j]) || p[j] == '-';
		    j++)
			;
		if (p[j] == ')' && j > i + 2)
			fprintf(f, "%.*s", (int)(j - i + 1), p + i);
	}
}

/* A lookbehind PCRE2 10.42 cannot take (not of fixed length; regexp2
 * matches lookbehinds right to left, of any length): the rule's pattern
 * holds the callout (?Cn) in its place, followed by an empty group for
 * each group it captured, and highlight-lex.c answers the callout with
 * the places in the text where a match of the body pat ends (its
 * callout 255 notes each one). */
struct behind {
	char *pat;	/* (?FLAGS)(?:BODY)(?C255) */
	int neg;	/* (?<! */
	int first;	/* its own callouts' first entry, -1 none */
};
static struct behind *behinds;
static int nbehinds;

#define MAX_CALLOUTS 254	/* 255: a body's end */

static char *factor_words(const char *pat);

/* pat (malloc'd, consumed) made something PCRE2 compiles with opts:
 * variable length lookbehinds as callouts, the largest alternation of
 * words as a trie while the pattern is too large. The result, or NULL
 * when PCRE2 still refuses it; *first: the pattern's callouts' first
 * entry in behinds, -1 none. */
static char *
fit_pattern(char *pat, uint32_t opts, int *first)
{
	struct behind local[MAX_CALLOUTS];
	int nl = 0, k, guard;

	*first = -1;
	for (guard = 0; guard < 1000; guard++) {
		PCRE2_SIZE off;
		int err = compile_error(pat, opts, &off);
		long o = (long)off, end;
		struct sbuf b;
		char *t;

		if (err == 0)
			break;
		if (err == PCRE2_ERROR_PATTERN_TOO_LARGE &&
		    (t = factor_words(pat)) != NULL) {
			free(pat);
			pat = t;
			continue;
		}
		if (err != PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH ||
		    nl == MAX_CALLOUTS || (strncmp(pat + o, "(?<=", 4) != 0 &&
		    strncmp(pat + o, "(?<!", 4) != 0) ||
		    (end = group_end(pat, o)) < 0) {
			if (getenv("CHROMA_GEN_VERBOSE"))
				fprintf(stderr, "chroma-gen: PCRE2 error %d "
				    "at %ld: %s\n", err, o, pat);
			free(pat);
			for (k = 0; k < nl; k++)
				free(local[k].pat);
			return NULL;
		}
		sb_open(&b);
		flags_at(b.f, pat, o);
		fprintf(b.f, "(?:%.*s)(?C255)", (int)(end - o - 4), pat + o + 4);
		fclose(b.f);
		local[nl].pat = b.p;
		local[nl].neg = pat[o + 3] == '!';
		local[nl].first = -1;
		nl++;
		sb_open(&b);
		fprintf(b.f, "%.*s(?C%d)", (int)o, pat, nl);
		for (k = count_captures(pat, o, end); k > 0; k--)
			fputs("()", b.f);
		fputs(pat + end + 1, b.f);
		fclose(b.f);
		free(pat);
		pat = b.p;
	}
	if (nl == 0)
		return pat;
	*first = nbehinds;
	behinds = xrealloc(behinds, sizeof(*behinds) * (size_t)(nbehinds +
	    nl));
	memcpy(behinds + nbehinds, local, sizeof(*local) * (size_t)nl);
	nbehinds += nl;
	for (k = 0; k < nl; k++) {
		int i = *first + k, f;
		char *a = fit_pattern(behinds[i].pat, BEHIND_OPTS, &f);

		if (a == NULL) {
			free(pat);
			return NULL;
		}
		behinds[i].pat = a;
		behinds[i].first = f;
	}
	return pat;
}

/* An alternation of words as a trie: "(abc|abd|b)" as
 * "(ab(?:c|d)|b)", for a pattern too large for PCRE2's compiled form.
 * Of the words an alternation holds, only those that are prefixes of
 * one another can match at one place, so the trie keeps their order:
 * where a word ends at a node, those longer go before it or after it
 * as they did; where some went before and some after, that node's
 * words stay a plain alternation in their order. */
struct tnode {
	char ch[5];
	int end;		/* the first word ending here, -1 none */
	int lo, hi;		/* the words ending in its subtree */
	int *kids, nkids;
};
static struct tnode *tn;
static int ntn;

static int
tnode_new(const char *ch, size_t l)
{
	tn = xrealloc(tn, sizeof(*tn) * (size_t)(ntn + 1));
	memset(&tn[ntn], 0, sizeof(*tn));
	memcpy(tn[ntn].ch, ch, l);
	tn[ntn].end = -1;
	tn[ntn].lo = 1 << 30;
	tn[ntn].hi = -1;
	return ntn++;
}

static size_t
utf8_unit(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void
put_lit(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr("\\.+*?()|[]{}^$#", s[i]) || s[i] == ' ')
			fputc('\\', f);
		fputc(s[i], f);
	}
}

static void
tnode_words(int t, const char *prefix, size_t pl, char ***w, int **idx,
    int *n)
{
	char buf[4096];
	size_t l = strlen(tn[t].ch);
	int k;

	if (pl + l >= sizeof(buf))
		return;
	memcpy(buf, prefix, pl);
	memcpy(buf + pl, tn[t].ch, l);
	if (tn[t].end >= 0) {
		*w = xrealloc(*w, sizeof(**w) * (size_t)(*n + 1));
		*idx = xrealloc(*idx, sizeof(**idx) * (size_t)(*n + 1));
		(*w)[*n] = xstrndup(buf, pl + l);
		(*idx)[(*n)++] = tn[t].end;
	}
	for (k = 0; k < tn[t].nkids; k++)
		tnode_words(tn[t].kids[k], buf, pl + l, w, idx, n);
}

/* Writes what matches the words below node t, in their order. */
static void
tnode_write(FILE *f, int t)
{
	struct tnode *T = &tn[t];
	int k, lo = 1 << 30, hi = -1, end_first = 0;

	for (k = 0; k < T->nkids; k++) {
		if (tn[T->kids[k]].lo < lo)
			lo = tn[T->kids[k]].lo;
		if (tn[T->kids[k]].hi > hi)
			hi = tn[T->kids[k]].hi;
	}
	if (T->nkids == 0)
		return;
	if (T->end >= 0 && lo < T->end && hi > T->end) {
		/* mixed: the words as they were, in their order */
		char **w = NULL;
		int *idx = NULL, n = 0, i, j;

		for (k = 0; k < T->nkids; k++)
			tnode_words(T->kids[k], "", 0, &w, &idx, &n);
		w = xrealloc(w, sizeof(*w) * (size_t)(n + 1));
		idx = xrealloc(idx, sizeof(*idx) * (size_t)(n + 1));
		w[n] = xstrndup("", 0);
		idx[n++] = T->end;
		fputs("(?:", f);
		for (i = 0; i < n; i++) {
			int best = -1;

			for (j = 0; j < n; j++)
				if (idx[j] >= 0 && (best < 0 ||
				    idx[j] < idx[best]))
					best = j;
			if (i > 0)
				fputc('|', f);
			put_lit(f, w[best], strlen(w[best]));
			idx[best] = -1;
		}
		fputc(')', f);
		for (j = 0; j < n; j++)
			free(w[j]);
		free(w);
		free(idx);
		return;
	}
	end_first = T->end >= 0 && lo > T->end;
	if (T->nkids == 1 && T->end < 0) {
		put_lit(f, tn[T->kids[0]].ch, strlen(tn[T->kids[0]].ch));
		tnode_write(f, T->kids[0]);
		return;
	}
	fputs("(?:", f);
	if (end_first)
		fputc('|', f);
	for (k = 0; k < T->nkids; k++) {
		int c = tn[t].kids[k];

		if (k > 0)
			fputc('|', f);
		put_lit(f, tn[c].ch, strlen(tn[c].ch));
		tnode_write(f, c);
	}
	if (tn[t].end >= 0 && !end_first)
		fputc('|', f);
	fputc(')', f);
}

static int
tnode_span(int t)
{
	int k;

	if (tn[t].end >= 0) {
		tn[t].lo = tn[t].end;
		tn[t].hi = tn[t].end;
	}
	for (k = 0; k < tn[t].nkids; k++) {
		int c = tn[t].kids[k];

		tnode_span(c);
		if (tn[c].lo < tn[t].lo)
			tn[t].lo = tn[c].lo;
		if (tn[c].hi > tn[t].hi)
			tn[t].hi = tn[c].hi;
	}
	return 0;
}

/* Reads p[a..b) as an alternation of two or more words (characters
 * and backslashed punctuation, nothing else) into the trie at root 0;
 * lower-cased when ci (ASCII only). 0, or -1 when it is not one. */
static int
read_words(const char *p, long a, long b, int ci)
{
	long i = a;
	int word = 0, node = -1, bars = 0;

	ntn = 0;
	tnode_new("", 0);
	node = 0;
	for (;;) {
		if (i == b || p[i] == '|') {
			if (tn[node].end < 0)
				tn[node].end = word;
			word++;
			node = 0;
			if (i == b)
				break;
			bars++;
			i++;
			continue;
		}
		{
			char ch[5];
			size_t l;
			int k;

			if (p[i] == '\\') {
				if (i + 1 >= b || isalnum((unsigned char)p[i + 1])
				    || (unsigned char)p[i + 1] >= 0x80)
					return -1;
				i++;
			} else if (strchr(".+*?()[]{}^$", p[i])) {
				return -1;
			}
			l = utf8_unit((unsigned char)p[i]);
			if (i + (long)l > b || (ci && l > 1))
				return -1;
			memcpy(ch, p + i, l);
			ch[l] = '\0';
			if (ci)
				ch[0] = (char)tolower((unsigned char)ch[0]);
			i += (long)l;
			for (k = 0; k < tn[node].nkids; k++)
				if (strcmp(tn[tn[node].kids[k]].ch, ch) == 0)
					break;
			if (k == tn[node].nkids) {
				int c = tnode_new(ch, l);

				tn[node].kids = xrealloc(tn[node].kids,
				    sizeof(int) * (size_t)(tn[node].nkids + 1));
				tn[node].kids[tn[node].nkids++] = c;
			}
			node = tn[node].kids[k];
		}
	}
	return bars > 0 ? 0 : -1;
}

static char *
factor_words(const char *pat)
{
	long i, best = -1, best_a = 0, best_b = 0;
	struct sbuf b;
	int ci, k;

	for (i = 0; pat[i]; i++) {
		long a, e;

		if (pat[i] == '\\') {
			i++;
			continue;
		}
		if (pat[i] == '[') {
			if ((i = class_end(pat, i)) < 0)
				return NULL;
			continue;
		}
		if (pat[i] != '(')
			continue;
		if (pat[i + 1] != '?')
			a = i + 1;
		else if (pat[i + 2] == ':')
			a = i + 3;
		else
			continue;
		if ((e = group_end(pat, i)) < 0)
			return NULL;
		if (e - a > best_b - best_a) {
			/* a group of words holds no other */
			long j;

			for (j = a; j < e; j++)
				if ((pat[j] == '(' || pat[j] == '[') &&
				    (j == a || pat[j - 1] != '\\'))
					break;
			if (j == e) {
				best = i;
				best_a = a;
				best_b = e;
			}
		}
	}
	if (best < 0)
		return NULL;
	/* case-insensitive there: the lexer's flags or an inline (?i) */
	sb_open(&b);
	flags_at(b.f, pat, best);
	fclose(b.f);
	ci = 0;
	for (i = 0; b.p[i]; i++) {
		int on = 1;

		if (b.p[i] != '(' || b.p[i + 1] != '?')
			continue;
		for (i += 2; b.p[i] && b.p[i] != ')'; i++) {
			if (b.p[i] == '-')
				on = 0;
			else if (b.p[i] == 'i')
				ci = on;
		}
	}
	free(b.p);
	if (read_words(pat, best_a, best_b, ci) != 0)
		return NULL;
	tnode_span(0);
	sb_open(&b);
	fprintf(b.f, "%.*s", (int)best_a, pat);
	tnode_write(b.f, 0);
	fputs(pat + best_b, b.f);
	fclose(b.f);
	for (k = 0; k < ntn; k++)
		free(tn[k].kids);
	free(tn);
	tn = NULL;
	ntn = 0;
	return b.p;
}

/* Lexers written in Go: their Config blocks (name, aliases, file names,
 * priority), in file order; an XML lexer a Go file wraps is marked. */
static void
read_go_strings(const char *block, const char *key, char ***list, int *n)
{
	const char *p = strstr(block, key), *e;

	if (p == NULL)
		return;
	p = strchr(p, '{');
	e = p ? strchr(p, '}') : NULL;
	if (p == NULL || e == NULL)
		return;
	while ((p = memchr(p, '"', (size_t)(e - p))) != NULL && p < e) {
		const char *q = strchr(p + 1, '"');

		push_str(list, n, p + 1, (size_t)(q - p - 1));
		p = q + 1;
	}
}

/* Chroma's lexers written in Go whose rules are plain data: a reader for
 * the Go they are written in, as far as it goes (string literals, Words,
 * token types, ByGroups, Using, UsingSelf, UsingByGroup, a type-remapped
 * UsingLexer, Push, Pop, Combined, Include, Default; a DelegatingLexer
 * names the lexer of its Other text). A lexer using anything else
 * (emitter or mutator functions, rules built by code) stays
 * unhighlighted. */
struct gotok {
	int kind;		/* 'i' identifier, 's' string, 'n' number,
				 * else the punctuation character */
	char *text;
};

struct goparse {
	struct gotok *t;
	int n, pos;
	int fail;
	char **vars, **names;	/* Go variable -> registered lexer name */
	int nvars;
};

static char **go_vars, **go_var_names;
static int ngo_vars;

static const char *go_lex_end;	/* where go_lex() stopped */

/* Tokenises Go text from s up to the brace closing the one at s. */
static int
go_lex(const char *s, struct gotok **out, int *n)
{
	int depth = 0, cap = 0;

	*out = NULL;
	*n = 0;
	while (*s) {
		struct gotok t = { 0, NULL };

		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
			continue;
		}
		if (s[0] == '/' && s[1] == '/') {
			s = strchr(s, '\n');
			if (s == NULL)
				return -1;
			continue;
		}
		if (*s == '`') {
			const char *e = strchr(s + 1, '`');

			if (e == NULL)
				return -1;
			t.kind = 's';
			t.text = xstrndup(s + 1, (size_t)(e - s - 1));
			s = e + 1;
		} else if (*s == '"') {
			char *b = xmalloc(2 * strlen(s) + 8), *w = b;

			for (s++; *s && *s != '"'; s++) {
				if (*s != '\\') {
					*w++ = *s;
					continue;
				}
				s++;
				switch (*s) {
				case '\\': *w++ = '\\'; break;
				case '"': *w++ = '"'; break;
				case 'n': *w++ = '\n'; break;
				case 't': *w++ = '\t'; break;
				case 'r': *w++ = '\r'; break;
				case 'a': *w++ = '\a'; break;
				case 'b': *w++ = '\b'; break;
				case 'f': *w++ = '\f'; break;
				case 'v': *w++ = '\v'; break;
				case 'x': case 'u': case 'U': {
					/* as UTF-8; a byte below 0x80 only
					 * (strings are patterns: NUL as
					 * PCRE2's \x{0}) */
					int nd = *s == 'x' ? 2 : *s == 'u' ? 4 :
					    8, k;
					unsigned long cp = 0;

					for (k = 1; k <= nd; k++) {
						if (!isxdigit((unsigned char)s[k])) {
							free(b);
							return -1;
						}
						cp = cp * 16 + (unsigned long)(
						    isdigit((unsigned char)s[k]) ?
						    s[k] - '0' :
						    (tolower((unsigned char)s[k]) -
						    'a' + 10));
					}
					s += nd;
					if (nd == 2 && cp >= 0x80) {
						free(b);
						return -1;
					}
					if (cp == 0) {
						memcpy(w, "\\x{0}", 5);
						w += 5;
					} else if (cp < 0x80) {
						*w++ = (char)cp;
					} else if (cp < 0x800) {
						*w++ = (char)(0xc0 | cp >> 6);
						*w++ = (char)(0x80 | (cp & 0x3f));
					} else if (cp < 0x10000) {
						*w++ = (char)(0xe0 | cp >> 12);
						*w++ = (char)(0x80 | (cp >> 6 &
						    0x3f));
						*w++ = (char)(0x80 | (cp & 0x3f));
					} else {
						*w++ = (char)(0xf0 | cp >> 18);
						*w++ = (char)(0x80 | (cp >> 12 &
						    0x3f));
						*w++ = (char)(0x80 | (cp >> 6 &
						    0x3f));
						*w++ = (char)(0x80 | (cp & 0x3f));
					}
					break;
				}
				default: free(b); return -1;
				}
			}
			if (*s != '"') {
				free(b);
				return -1;
			}
			*w = '\0';
			s++;
			t.kind = 's';
			t.text = b;
		} else if (isalpha((unsigned char)*s) || *s == '_') {
			size_t l = ident_len(s);

			t.kind = 'i';
			t.text = xstrndup(s, l);
			s += l;
		} else if (isdigit((unsigned char)*s)) {
			size_t l = 0;

			while (isdigit((unsigned char)s[l]))
				l++;
			t.kind = 'n';
			t.text = xstrndup(s, l);
			s += l;
		} else {
			t.kind = *s++;
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = xrealloc(*out, sizeof(**out) * (size_t)cap);
		}
		(*out)[(*n)++] = t;
		if (t.kind == '{')
			depth++;
		if (t.kind == '}' && --depth == 0) {
			go_lex_end = s;
			return 0;
		}
	}
	return -1;
}

static struct gotok *
gp_peek(struct goparse *g)
{
	static struct gotok eof = { -1, NULL };

	return g->pos < g->n ? &g->t[g->pos] : &eof;
}

static int
gp_is(struct goparse *g, int kind, const char *text)
{
	struct gotok *t = gp_peek(g);

	return t->kind == kind && (text == NULL ||
	    (t->text && strcmp(t->text, text) == 0));
}

static void
gp_expect(struct goparse *g, int kind, const char *text)
{
	if (!gp_is(g, kind, text))
		g->fail = 1;
	else
		g->pos++;
}

/* An identifier, less a package qualifier ("chroma.Text"). */
static char *
gp_ident(struct goparse *g)
{
	char *s;

	if (!gp_is(g, 'i', NULL)) {
		g->fail = 1;
		return NULL;
	}
	s = g->t[g->pos++].text;
	if (gp_is(g, '.', NULL) && g->pos + 1 < g->n &&
	    g->t[g->pos + 1].kind == 'i') {
		g->pos++;
		s = g->t[g->pos++].text;
	}
	return s;
}

static char *
gp_string(struct goparse *g)
{
	if (!gp_is(g, 's', NULL)) {
		g->fail = 1;
		return NULL;
	}
	return g->t[g->pos++].text;
}

static int
cmp_len_desc(const void *a, const void *b)
{
	size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);

	return la < lb ? 1 : la > lb ? -1 : 0;
}

/* Go's regexp.QuoteMeta. */
static void
quote_meta(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\.+*?()|[]{}^$", *s))
			fputc('\\', b->f);
		fputc(*s, b->f);
	}
}

static const char *gp_file;	/* the Go file being read */

/* The string constant name of gp_file ("name = `...`", in a const
 * block or not); NULL when there is none. */
static char *
go_const(const char *name)
{
	const char *p = gp_file;
	size_t l = strlen(name);

	while (p != NULL && (p = strstr(p, name)) != NULL) {
		const char *q = skip_ws(p + l), *e;

		if (p == gp_file || (p[-1] != '\t' && p[-1] != ' ') ||
		    *q != '=') {
			p += l;
			continue;
		}
		q = skip_ws(q + 1);
		if ((*q != '`' && *q != '"') || (e = strchr(q + 1, *q)) ==
		    NULL || (*q == '"' && memchr(q, '\\', (size_t)(e - q))))
			return NULL;
		return xstrndup(q + 1, (size_t)(e - q - 1));
	}
	return NULL;
}

static char *gp_pattern(struct goparse *g);

/* Where gp_file defines name ("name = " or "name := " after white
 * space): the text after the "=", NULL when it does not. */
static const char *
go_def(const char *name)
{
	const char *p = gp_file;
	size_t l = strlen(name);

	while (p != NULL && (p = strstr(p, name)) != NULL) {
		const char *q = p + l;

		if (p == gp_file || (p[-1] != '\t' && p[-1] != ' ')) {
			p = q;
			continue;
		}
		while (*q == ' ' || *q == '\t')
			q++;
		if (q[0] == ':' && q[1] == '=')
			q++;
		if (q[0] == '=' && q[1] != '=')
			return q + 1;
		p += l;
	}
	return NULL;
}

/* The value of the Go string expression name (a sum of literals,
 * constants, Words() and the like, see gp_pattern()), or NULL. */
static char *
go_expr(const char *name)
{
	const char *d = go_def(name), *e;
	int depth = 0;
	char *text, *out = NULL;
	struct goparse g;
	size_t n;

	if (d == NULL)
		return NULL;
	/* to the end of the line that does not go on with a + */
	for (e = d; *e; e++) {
		if (*e == '`') {
			e = strchr(e + 1, '`');
			if (e == NULL)
				return NULL;
		} else if (*e == '"') {
			for (e++; *e && *e != '"'; e++)
				if (*e == '\\' && e[1])
					e++;
			if (*e == '\0')
				return NULL;
		} else if (*e == '(' || *e == '[' || *e == '{') {
			depth++;
		} else if (*e == ')' || *e == ']' || *e == '}') {
			depth--;
		} else if (*e == '\n' && depth == 0) {
			const char *b = e;

			while (b > d && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > d && b[-1] != '+')
				break;
		}
	}
	n = (size_t)(e - d);
	text = xmalloc(n + 3);
	text[0] = '{';
	memcpy(text + 1, d, n);
	text[n + 1] = '}';
	text[n + 2] = '\0';
	memset(&g, 0, sizeof(g));
	if (go_lex(text, &g.t, &g.n) == 0) {
		g.pos = 1;
		out = gp_pattern(&g);
		if (g.fail || g.pos != g.n - 1) {
			free(out);
			out = NULL;
		}
	}
	free(g.t);
	free(text);
	return out;
}

/* The strings of the Go []string name in gp_file ("name :=
 * []string{...}"), appended to *words; 0, or -1. */
static int
go_list(const char *name, char ***words, int *n)
{
	const char *d = go_def(name);
	struct goparse g;

	if (d == NULL || (d = strstr(d, "[]string{")) == NULL)
		return -1;
	memset(&g, 0, sizeof(g));
	if (go_lex(d + 8, &g.t, &g.n) != 0)
		return -1;
	gp_expect(&g, '{', NULL);
	while (!g.fail && !gp_is(&g, '}', NULL)) {
		*words = xrealloc(*words, sizeof(**words) * (size_t)(*n + 1));
		(*words)[(*n)++] = gp_string(&g);
		if (gp_is(&g, ',', NULL))
			g.pos++;
	}
	free(g.t);
	return g.fail ? -1 : 0;
}

/* The keys of the Go map[rune]rune name in gp_file (rune literals
 * '\uXXXX'), as UTF-8 into b, QuoteMeta'd; 0, or -1. The pairs go to
 * b_rkpairs the first time (Raku's brackets, for its mutator). */
static struct sbuf b_rkpairs;	/* the map's pairs, as hl_rk_brackets[] */
static int nrkpairs;

static int
go_runemap(const char *name, struct sbuf *b)
{
	const char *d = go_def(name), *e;
	int n = 0;
	static int opened;
	int record = !opened;

	if (!opened) {
		sb_open(&b_rkpairs);
		opened = 1;
	}
	if (d == NULL || (d = strstr(d, "map[rune]rune{")) == NULL ||
	    (e = strchr(d, '}')) == NULL)
		return -1;
	for (; (d = strstr(d, "'\\u")) != NULL && d < e; d += 8) {
		unsigned long cp = strtoul(d + 3, NULL, 16);
		char u[8];
		int l;

		/* the key is the literal before the colon */
		if (skip_ws(d + 8)[0] != ':')
			continue;
		{
			const char *v = skip_ws(skip_ws(d + 8) + 1);

			if (strncmp(v, "'\\u", 3) != 0)
				return -1;
			if (record)
				fprintf(b_rkpairs.f, "\t{ 0x%lx, 0x%lx },\n", cp,
			    strtoul(v + 3, NULL, 16));
			nrkpairs += record;
		}
		l = cp < 0x80 ? (u[0] = (char)cp, 1) : cp < 0x800 ?
		    (u[0] = (char)(0xc0 | cp >> 6),
		    u[1] = (char)(0x80 | (cp & 0x3f)), 2) :
		    (u[0] = (char)(0xe0 | cp >> 12),
		    u[1] = (char)(0x80 | (cp >> 6 & 0x3f)),
		    u[2] = (char)(0x80 | (cp & 0x3f)), 3);
		u[l] = '\0';
		quote_meta(b, u);
		n++;
	}
	return n > 0 ? 0 : -1;
}

/* A pattern: a string, a string constant, Words(prefix, suffix,
 * words...), or a sum. */
static char *
gp_pattern(struct goparse *g)
{
	struct sbuf b;
	char *out;

	sb_open(&b);
	do {
		if (gp_is(g, '+', NULL))
			g->pos++;
		if (gp_is(g, 's', NULL)) {
			fputs(gp_string(g), b.f);
		} else if (gp_is(g, 'i', "Words")) {
			char *prefix, *suffix, **words = NULL;
			int n = 0, i;

			g->pos++;
			gp_expect(g, '(', NULL);
			prefix = gp_string(g);
			gp_expect(g, ',', NULL);
			suffix = gp_string(g);
			while (!g->fail && gp_is(g, ',', NULL)) {
				g->pos++;
				if (gp_is(g, ')', NULL))
					break;
				if (gp_is(g, 'i', NULL) && g->pos + 3 < g->n &&
				    g->t[g->pos + 1].kind == '.' &&
				    g->t[g->pos + 2].kind == '.' &&
				    g->t[g->pos + 3].kind == '.') {
					/* a []string variable's words... */
					if (go_list(g->t[g->pos].text, &words,
					    &n) != 0)
						g->fail = 1;
					g->pos += 4;
					continue;
				}
				words = xrealloc(words, sizeof(*words) *
				    (size_t)(n + 1));
				words[n++] = gp_string(g);
			}
			gp_expect(g, ')', NULL);
			if (g->fail)
				break;
			/* Chroma sorts by length, longest first; equal
			 * lengths cannot both match at one place */
			qsort(words, (size_t)n, sizeof(*words), cmp_len_desc);
			fputs(prefix, b.f);
			fputc('(', b.f);
			for (i = 0; i < n; i++) {
				if (i)
					fputc('|', b.f);
				quote_meta(&b, words[i]);
			}
			fputc(')', b.f);
			fputs(suffix, b.f);
			free(words);
		} else if (gp_is(g, 'i', "regexp") && g->pos + 9 < g->n &&
		    g->t[g->pos + 2].text != NULL &&
		    strcmp(g->t[g->pos + 2].text, "QuoteMeta") == 0 &&
		    g->t[g->pos + 4].text != NULL &&
		    strcmp(g->t[g->pos + 4].text, "joinRuneMap") == 0) {
			/* regexp.QuoteMeta(joinRuneMap(MAP)): the map's
			 * keys (Raku's brackets), in a class */
			g->pos += 6;
			if (!gp_is(g, 'i', NULL) ||
			    go_runemap(g->t[g->pos].text, &b) != 0) {
				g->fail = 1;
				break;
			}
			g->pos++;
			gp_expect(g, ')', NULL);
			gp_expect(g, ')', NULL);
		} else if (gp_is(g, 'i', NULL) && !gp_is(g, 'i', "nil") &&
		    g->pos + 1 < g->n && g->t[g->pos + 1].kind != '(' &&
		    g->t[g->pos + 1].kind != '.') {
			char *c = go_expr(g->t[g->pos].text);

			if (c == NULL)
				c = go_const(g->t[g->pos].text);
			if (c == NULL) {
				g->fail = 1;
				break;
			}
			g->pos++;
			fputs(c, b.f);
			free(c);
		} else {
			g->fail = 1;
		}
	} while (!g->fail && gp_is(g, '+', NULL));
	fclose(b.f);
	out = b.p;
	return out;
}

static const char *
go_var_lexer(const char *var)
{
	int i;

	for (i = 0; i < ngo_vars; i++)
		if (strcmp(go_vars[i], var) == 0)
			return go_var_names[i];
	return NULL;
}

/* An emitter function of gp_file that only lists its groups' tokens
 * ("tokens := []Token{{T1, groups[1]}, ...}; return
 * Literator(tokens...)"): the ByGroups it amounts to (groups 1 to N, in
 * order), or a token type (groups[0] alone). 0, or -1 for anything
 * else. */
static int go_raku_func(const char *name, struct emitter *em);

static int
go_emitter_func(const char *name, struct emitter *em)
{
	char want[300];
	const char *f, *b, *e;
	struct goparse g;
	int n = 0, depth = 0, rc = -1;

	snprintf(want, sizeof(want), "func %s(groups []string, state "
	    "*LexerState) Iterator {", name);
	if (gp_file == NULL || (f = strstr(gp_file, want)) == NULL)
		return -1;
	b = f + strlen(want);
	while (*b == '\n' || *b == '\t' || *b == ' ')
		b++;
	if (strncmp(b, "tokens := []Token{", 18) != 0)
		return -1;
	/* what follows the list must be the return, and the end */
	for (e = b + 17; *e; e++) {
		if (*e == '{')
			depth++;
		else if (*e == '}' && --depth == 0)
			break;
	}
	if (*e == '\0')
		return -1;
	for (e++; *e == '\n' || *e == '\t' || *e == ' '; e++)
		;
	if (strncmp(e, "return Literator(tokens...)\n}",
	    strlen("return Literator(tokens...)\n}")) != 0)
		return -1;
	memset(&g, 0, sizeof(g));
	if (go_lex(b + 17, &g.t, &g.n) != 0)
		return -1;
	memset(em, 0, sizeof(*em));
	gp_expect(&g, '{', NULL);
	while (!g.fail && gp_is(&g, '{', NULL)) {
		const char *t;
		int k;

		g.pos++;
		t = canonical_type(gp_ident(&g));
		gp_expect(&g, ',', NULL);
		gp_expect(&g, 'i', "groups");
		gp_expect(&g, '[', NULL);
		k = gp_is(&g, 'n', NULL) ? atoi(g.t[g.pos++].text) : -1;
		gp_expect(&g, ']', NULL);
		gp_expect(&g, '}', NULL);
		if (gp_is(&g, ',', NULL))
			g.pos++;
		if (g.fail || t == NULL)
			goto out;
		if (k == 0 && n == 0 && gp_is(&g, '}', NULL)) {
			/* the whole match: one token */
			em->kind = EM_TOKEN;
			em->arg = (char *)t;
			n = 1;
			break;
		}
		if (k != n + 1)
			goto out;
		em->kind = EM_BYGROUPS;
		em->sub = xrealloc(em->sub, sizeof(*em->sub) *
		    (size_t)(em->nsub + 1));
		memset(&em->sub[em->nsub], 0, sizeof(*em->sub));
		em->sub[em->nsub].kind = EM_TOKEN;
		em->sub[em->nsub++].arg = (char *)t;
		n++;
	}
	gp_expect(&g, '}', NULL);
	rc = g.fail || n == 0 ? -1 : 0;
out:
	free(g.t);
	return rc;
}

/* An emitter function of gp_file that gives its first groups' tokens,
 * then the text of group N and all after it lexed by the lexer group L
 * names, or as one token when none has it (rst's code-block):
 *	tokens := []Token{{T1, groups[1]}, ...}
 *	code := strings.Join(groups[N:], "")
 *	lexer := Get(groups[L])
 *	if lexer == nil {
 *		tokens = append(tokens, Token{T, code})
 *	...  sub, err := lexer.Tokenise(nil, code) ...
 * as EM_CODEBLOCK. 0, or -1 for anything else. */
static int
go_codeblock_func(const char *name, struct emitter *em)
{
	char want[300];
	const char *f, *e, *c, *l, *a;
	struct goparse g;
	int n = 0, rc = -1;

	snprintf(want, sizeof(want), "func %s(groups []string, state "
	    "*LexerState) Iterator {", name);
	if (gp_file == NULL || (f = strstr(gp_file, want)) == NULL)
		return -1;
	e = strstr(f, "\n}\n");
	c = strstr(f, "\tcode := strings.Join(groups[");
	l = strstr(f, "\tlexer := Get(groups[");
	a = strstr(f, "tokens = append(tokens, Token{");
	if (e == NULL || c == NULL || l == NULL || a == NULL || c > e ||
	    l > e || a > e || strstr(f, "lexer.Tokenise(nil, code)") > e ||
	    (f = strstr(f, "tokens := []Token{")) == NULL || f > c)
		return -1;
	memset(&g, 0, sizeof(g));
	if (go_lex(f + 17, &g.t, &g.n) != 0)
		return -1;
	memset(em, 0, sizeof(*em));
	em->kind = EM_CODEBLOCK;
	gp_expect(&g, '{', NULL);
	while (!g.fail && gp_is(&g, '{', NULL)) {
		const char *t;

		g.pos++;
		t = canonical_type(gp_ident(&g));
		gp_expect(&g, ',', NULL);
		gp_expect(&g, 'i', "groups");
		gp_expect(&g, '[', NULL);
		if (!gp_is(&g, 'n', NULL) || atoi(g.t[g.pos].text) != n + 1 ||
		    t == NULL)
			goto out;
		g.pos++;
		gp_expect(&g, ']', NULL);
		gp_expect(&g, '}', NULL);
		if (gp_is(&g, ',', NULL))
			g.pos++;
		em->sub = xrealloc(em->sub, sizeof(*em->sub) *
		    (size_t)(em->nsub + 1));
		memset(&em->sub[em->nsub], 0, sizeof(*em->sub));
		em->sub[em->nsub].kind = EM_TOKEN;
		em->sub[em->nsub++].arg = (char *)t;
		n++;
	}
	gp_expect(&g, '}', NULL);
	em->code_group = atoi(c + strlen("\tcode := strings.Join(groups["));
	em->name_group = atoi(l + strlen("\tlexer := Get(groups["));
	a += strlen("tokens = append(tokens, Token{");
	{
		char *tname = xstrndup(a, ident_len(a));

		em->remap_to = (char *)canonical_type(tname);
		free(tname);
	}
	if (g.fail || n == 0 || em->code_group != n + 1 ||
	    em->name_group < 1 || em->name_group > n ||
	    em->remap_to == NULL || strncmp(a + ident_len(a), ", code}", 7))
		goto out;
	rc = 0;
out:
	free(g.t);
	return rc;
}

static void
gp_emitter(struct goparse *g, struct emitter *em)
{
	char *id;

	memset(em, 0, sizeof(*em));
	if (gp_is(g, 'i', "nil")) {
		g->pos++;
		return;
	}
	id = gp_ident(g);
	if (g->fail)
		return;
	if (strcmp(id, "ByGroups") == 0) {
		em->kind = EM_BYGROUPS;
		gp_expect(g, '(', NULL);
		while (!g->fail && !gp_is(g, ')', NULL)) {
			em->sub = xrealloc(em->sub, sizeof(*em->sub) *
			    (size_t)(em->nsub + 1));
			gp_emitter(g, &em->sub[em->nsub++]);
			if (gp_is(g, ',', NULL))
				g->pos++;
		}
		gp_expect(g, ')', NULL);
	} else if (strcmp(id, "EmitterFunc") == 0) {
		gp_expect(g, '(', NULL);
		id = gp_ident(g);
		gp_expect(g, ')', NULL);
		if (!g->fail && go_raku_func(id, em) != 0 &&
		    go_emitter_func(id, em) != 0 &&
		    go_codeblock_func(id, em) != 0)
			g->fail = 1;
	} else if (strcmp(id, "colonPair") == 0 && go_raku_func(id, em) == 0) {
		/* Raku's colonPair(TYPE): the key's type */
		gp_expect(g, '(', NULL);
		em->arg = (char *)canonical_type(gp_ident(g));
		if (em->arg == NULL)
			g->fail = 1;
		gp_expect(g, ')', NULL);
	} else if (strcmp(id, "ByGroupNames") == 0) {
		/* ByGroupNames(map[string]Emitter{"group": E, ...}) */
		em->kind = EM_BYNAMES;
		gp_expect(g, '(', NULL);
		gp_expect(g, 'i', "map");
		gp_expect(g, '[', NULL);
		gp_expect(g, 'i', "string");
		gp_expect(g, ']', NULL);
		gp_expect(g, 'i', "Emitter");
		gp_expect(g, '{', NULL);
		while (!g->fail && !gp_is(g, '}', NULL)) {
			char *name = gp_string(g);

			gp_expect(g, ':', NULL);
			if (g->fail)
				break;
			em->sub = xrealloc(em->sub, sizeof(*em->sub) *
			    (size_t)(em->nsub + 1));
			gp_emitter(g, &em->sub[em->nsub]);
			if (em->sub[em->nsub].kind == EM_BYGROUPS ||
			    em->sub[em->nsub].kind == EM_BYNAMES)
				g->fail = 1;
			em->sub[em->nsub++].gname = name;
			if (gp_is(g, ',', NULL))
				g->pos++;
		}
		gp_expect(g, '}', NULL);
		if (gp_is(g, ',', NULL))
			g->pos++;
		gp_expect(g, ')', NULL);
	} else if (strcmp(id, "UsingSelf") == 0 || strcmp(id, "Using") == 0) {
		em->kind = id[5] ? EM_USINGSELF : EM_USING;
		gp_expect(g, '(', NULL);
		em->arg = gp_string(g);
		gp_expect(g, ')', NULL);
	} else if (strcmp(id, "UsingLexer") == 0) {
		/* UsingLexer(TypeRemappingLexer(VAR, TypeMapping{{FROM,
		 * TO, nil}})) */
		const char *name;

		em->kind = EM_USING;
		gp_expect(g, '(', NULL);
		gp_expect(g, 'i', "TypeRemappingLexer");
		gp_expect(g, '(', NULL);
		id = gp_ident(g);
		name = id ? go_var_lexer(id) : NULL;
		if (name == NULL)
			g->fail = 1;
		em->arg = (char *)name;
		gp_expect(g, ',', NULL);
		gp_expect(g, 'i', "TypeMapping");
		gp_expect(g, '{', NULL);
		gp_expect(g, '{', NULL);
		em->remap_from = (char *)canonical_type(gp_ident(g));
		gp_expect(g, ',', NULL);
		em->remap_to = (char *)canonical_type(gp_ident(g));
		if (em->remap_from == NULL || em->remap_to == NULL)
			g->fail = 1;
		gp_expect(g, ',', NULL);
		gp_expect(g, 'i', "nil");
		gp_expect(g, '}', NULL);
		gp_expect(g, '}', NULL);
		gp_expect(g, ')', NULL);
		gp_expect(g, ')', NULL);
	} else if (strcmp(id, "UsingByGroup") == 0) {
		em->kind = EM_USINGBYGROUP;
		gp_expect(g, '(', NULL);
		if (gp_is(g, 'n', NULL))
			em->name_group = atoi(g->t[g->pos++].text);
		else
			g->fail = 1;
		gp_expect(g, ',', NULL);
		if (gp_is(g, 'n', NULL))
			em->code_group = atoi(g->t[g->pos++].text);
		else
			g->fail = 1;
		while (!g->fail && gp_is(g, ',', NULL)) {
			g->pos++;
			if (gp_is(g, ')', NULL))
				break;
			em->sub = xrealloc(em->sub, sizeof(*em->sub) *
			    (size_t)(em->nsub + 1));
			gp_emitter(g, &em->sub[em->nsub]);
			if (em->sub[em->nsub].kind != EM_NONE &&
			    em->sub[em->nsub].kind != EM_TOKEN)
				g->fail = 1;
			em->nsub++;
		}
		gp_expect(g, ')', NULL);
	} else if (canonical_type(id) != NULL) {
		em->kind = EM_TOKEN;
		em->arg = (char *)canonical_type(id);
	} else {
		g->fail = 1;
	}
}

/* Raku's Go functions (lexers/raku.go), which highlight-lex.c runs:
 * the emitters quote (a quoting construct, its text lexed by the state
 * its adverbs name), colonPair (a pair's key and value), podConfig and
 * podCode (pod's configuration and its code block, by :lang); each is
 * known by a line of its body. 0 and em set, or -1. */
static int
go_raku_func(const char *name, struct emitter *em)
{
	static const struct {
		const char *name, *head, *must;
		int kind;
	} fn[] = {
		{ "quote", "func quote(groups []string, state *LexerState) "
		    "Iterator {", "case \"c\", \"closure\":", EM_RK_QUOTE },
		{ "colonPair", "func colonPair(tokenClass TokenType) Emitter {",
		    "case \"<<\", \"«\":", EM_RK_COLONPAIR },
		{ "podConfig", "func podConfig(groups []string, state "
		    "*LexerState) Iterator {", "State:  \"colon-pair-attribute\"",
		    EM_RK_PODCONFIG },
		{ "podCode", "func podCode(groups []string, state *LexerState) "
		    "Iterator {", ":lang\\W+(\\w+)", EM_RK_PODCODE },
	};
	size_t i;
	const char *f, *e, *q;

	for (i = 0; i < sizeof(fn) / sizeof(fn[0]); i++) {
		if (strcmp(name, fn[i].name) != 0)
			continue;
		if (gp_file == NULL || (f = strstr(gp_file, fn[i].head)) ==
		    NULL || (e = strstr(f, "\n}\n")) == NULL ||
		    (q = strstr(f, fn[i].must)) == NULL || q > e)
			return -1;
		memset(em, 0, sizeof(*em));
		em->kind = fn[i].kind;
		return 0;
	}
	return -1;
}

/* Raku's findBrackets(CLASS) mutator: the token classes it knows, in
 * the order highlight-lex.c numbers them. */
static const char *const raku_classes[] = {
	"rakuQuote", "rakuNameAttribute", "rakuPod", "rakuPodFormatter",
	"rakuPodDeclaration", "rakuMultilineComment", "rakuMatchRegex",
	"rakuSubstitutionRegex",
};

/* Raku's replaceRule(ruleReplacingConfig{delimiter: []rune(`D`),
 * tokenType: T, stateName: `S`, popState: B, pushState: B}) into r. */
static void
gp_raku_replace(struct goparse *g, struct rule *r)
{
	r->mu = MU_RK_REPLACE;
	gp_expect(g, 'i', "ruleReplacingConfig");
	gp_expect(g, '{', NULL);
	while (!g->fail && !gp_is(g, '}', NULL)) {
		char *key = gp_ident(g);

		gp_expect(g, ':', NULL);
		if (g->fail)
			break;
		if (strcmp(key, "delimiter") == 0) {
			gp_expect(g, '[', NULL);
			gp_expect(g, ']', NULL);
			gp_expect(g, 'i', "rune");
			gp_expect(g, '(', NULL);
			r->rk_delim = gp_string(g);
			gp_expect(g, ')', NULL);
		} else if (strcmp(key, "tokenType") == 0) {
			r->rk_type = (char *)canonical_type(gp_ident(g));
			if (r->rk_type == NULL)
				g->fail = 1;
		} else if (strcmp(key, "stateName") == 0) {
			r->rk_state = gp_string(g);
		} else if (strcmp(key, "popState") == 0 ||
		    strcmp(key, "pushState") == 0) {
			char *v = gp_ident(g);
			int t = v != NULL && strcmp(v, "true") == 0;

			if (v == NULL || (!t && strcmp(v, "false") != 0))
				g->fail = 1;
			if (key[1] == 'o')
				r->rk_pop = t;
			else
				r->rk_push = t;
		} else {
			g->fail = 1;
		}
		if (gp_is(g, ',', NULL))
			g->pos++;
	}
	gp_expect(g, '}', NULL);
	if (r->rk_delim == NULL || r->rk_type == NULL || r->rk_state == NULL)
		g->fail = 1;
}

/* A mutator function of gp_file that keeps a stack of the lexer's
 * stacks for preprocessor conditionals (Haxe's haxePreProcMutator): on
 * group 2 "if" it saves the stack, "else" and "elseif" go back to the
 * last saved, "end" drops it; "if" and "elseif" then push state X,
 * "error" state Y. As MU_PREPROC with states {X, Y}; 0, or -1 for
 * anything else. */
static int
go_preproc_func(const char *name, struct rule *r)
{
	static const char *const must[] = {
		"proc := state.Groups[2]",
		"case \"if\":\n\t\tstack = append(stack, state.Stack)",
		"case \"else\", \"elseif\":\n\t\tif len(stack) > 0 {\n"
		    "\t\t\tstate.Stack = stack[len(stack)-1]",
		"case \"end\":\n\t\tstack = stack[:len(stack)-1]",
		"if proc == \"if\" || proc == \"elseif\" {\n"
		    "\t\tstate.Stack = append(state.Stack, \"",
		"if proc == \"error\" {\n\t\tstate.Stack = append(state.Stack, "
		    "\"",
	};
	char want[300];
	const char *f, *e, *q;
	size_t i;

	snprintf(want, sizeof(want), "func %s(state *LexerState) error {",
	    name);
	if (gp_file == NULL || (f = strstr(gp_file, want)) == NULL ||
	    (e = strstr(f, "\n}\n")) == NULL)
		return -1;
	for (i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		if ((q = strstr(f, must[i])) == NULL || q > e)
			return -1;
	r->mu = MU_PREPROC;
	r->nstates = 0;
	for (i = 4; i < 6; i++) {
		const char *a = strstr(f, must[i]) + strlen(must[i]);
		const char *b = strchr(a, '"');

		push_str(&r->states, &r->nstates, a, (size_t)(b - a));
	}
	return 0;
}

static void gp_chain(struct goparse *g, struct rule *r, struct rule *next);

static void
gp_mutator(struct goparse *g, struct rule *r)
{
	char *id;

	if (gp_is(g, 'i', "nil")) {
		g->pos++;
		return;
	}
	id = gp_ident(g);
	if (g->fail)
		return;
	gp_expect(g, '(', NULL);
	if (strcmp(id, "MutatorFunc") == 0) {
		id = gp_ident(g);
		if (g->fail || go_preproc_func(id, r) != 0)
			g->fail = 1;
	} else if (strcmp(id, "Push") == 0 || strcmp(id, "Combined") == 0) {
		r->mu = id[0] == 'P' ? MU_PUSH : MU_COMBINED;
		while (!g->fail && !gp_is(g, ')', NULL)) {
			push_str(&r->states, &r->nstates, gp_peek(g)->text ?
			    gp_peek(g)->text : "", gp_peek(g)->text ?
			    strlen(gp_peek(g)->text) : 0);
			gp_string(g);
			if (gp_is(g, ',', NULL))
				g->pos++;
		}
	} else if (strcmp(id, "Pop") == 0 && gp_is(g, 'n', NULL)) {
		r->mu = MU_POP;
		r->depth = atoi(g->t[g->pos++].text);
	} else if (strcmp(id, "Mutators") == 0) {
		gp_mutator(g, r);
		while (!g->fail && gp_is(g, ',', NULL)) {
			struct rule next;

			g->pos++;
			memset(&next, 0, sizeof(next));
			gp_mutator(g, &next);
			gp_chain(g, r, &next);
		}
	} else if (strcmp(id, "findBrackets") == 0 && gp_file != NULL &&
	    strstr(gp_file, "findBrackets := func(tokenClass RakuToken) "
	    "MutatorFunc {") != NULL) {
		size_t k;

		id = gp_ident(g);
		r->mu = MU_RK_BRACKETS;
		r->rk = -1;
		for (k = 0; id && k < sizeof(raku_classes) /
		    sizeof(raku_classes[0]); k++)
			if (strcmp(id, raku_classes[k]) == 0)
				r->rk = (int)k;
		if (r->rk < 0)
			g->fail = 1;
	} else if (strcmp(id, "replaceRule") == 0 && gp_file != NULL &&
	    strstr(gp_file, "func replaceRule(rule ruleReplacingConfig) "
	    "MutatorFunc {") != NULL) {
		gp_raku_replace(g, r);
	} else {
		g->fail = 1;
	}
	gp_expect(g, ')', NULL);
}

/* Chroma's Mutators(a, b): r's then next's, as one push list (pops
 * as "#pop"); only pushes and pops chain. */
static void
gp_chain(struct goparse *g, struct rule *r, struct rule *next)
{
	int k;

	if ((r->mu != MU_PUSH && r->mu != MU_POP) ||
	    (next->mu != MU_PUSH && next->mu != MU_POP) ||
	    (r->mu == MU_PUSH && r->nstates == 0) ||
	    (next->mu == MU_PUSH && next->nstates == 0)) {
		g->fail = 1;
		return;
	}
	if (r->mu == MU_POP) {
		for (k = 0; k < r->depth; k++)
			push_str(&r->states, &r->nstates, "#pop", 4);
		r->mu = MU_PUSH;
		r->depth = 0;
	}
	for (k = 0; next->mu == MU_POP && k < next->depth; k++)
		push_str(&r->states, &r->nstates, "#pop", 4);
	for (k = 0; next->mu == MU_PUSH && k < next->nstates; k++)
		push_str(&r->states, &r->nstates, next->states[k],
		    strlen(next->states[k]));
}

static struct rule *
gp_rule(struct goparse *g)
{
	struct rule *r = xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->id = -1;
	if (gp_is(g, '{', NULL)) {
		g->pos++;
		r->pattern = gp_pattern(g);
		gp_expect(g, ',', NULL);
		gp_emitter(g, &r->em);
		gp_expect(g, ',', NULL);
		gp_mutator(g, r);
		if (gp_is(g, ',', NULL))
			g->pos++;
		gp_expect(g, '}', NULL);
	} else if (gp_is(g, 'i', "Include")) {
		g->pos++;
		gp_expect(g, '(', NULL);
		r->mu = MU_INCLUDE;
		r->nstates = 1;
		r->states = xmalloc(sizeof(char *));
		r->states[0] = gp_string(g);
		gp_expect(g, ')', NULL);
	} else if (gp_is(g, 'i', "Default")) {
		g->pos++;
		gp_expect(g, '(', NULL);
		gp_mutator(g, r);
		while (!g->fail && gp_is(g, ',', NULL)) {
			/* Default(Pop(1), Push("a"), ...): Chroma's
			 * Mutators, one after another */
			struct rule next;
			int k;

			g->pos++;
			memset(&next, 0, sizeof(next));
			gp_mutator(g, &next);
			if ((r->mu != MU_PUSH && r->mu != MU_POP) ||
			    (next.mu != MU_PUSH && next.mu != MU_POP) ||
			    (r->mu == MU_PUSH && r->nstates == 0) ||
			    (next.mu == MU_PUSH && next.nstates == 0)) {
				g->fail = 1;
				break;
			}
			if (r->mu == MU_POP) {
				for (k = 0; k < r->depth; k++)
					push_str(&r->states, &r->nstates,
					    "#pop", 4);
				r->mu = MU_PUSH;
				r->depth = 0;
			}
			for (k = 0; next.mu == MU_POP && k < next.depth; k++)
				push_str(&r->states, &r->nstates, "#pop", 4);
			for (k = 0; next.mu == MU_PUSH && k < next.nstates;
			    k++)
				push_str(&r->states, &r->nstates,
				    next.states[k], strlen(next.states[k]));
		}
		gp_expect(g, ')', NULL);
	} else {
		g->fail = 1;
	}
	return r;
}

static const char *go_rules_end;	/* the text after the last Rules{} */

/* Reads "Rules{ "state": { rule, ... }, ... }" into lx; 0 or -1. */
static int
go_rules(struct lexer *lx, const char *text)
{
	struct goparse g;
	int i;

	memset(&g, 0, sizeof(g));
	if (go_lex(text, &g.t, &g.n) != 0)
		return -1;
	go_rules_end = go_lex_end;
	gp_expect(&g, 'i', "Rules");
	gp_expect(&g, '{', NULL);
	while (!g.fail && !gp_is(&g, '}', NULL)) {
		char *name = gp_string(&g);
		struct state *S;

		gp_expect(&g, ':', NULL);
		gp_expect(&g, '{', NULL);
		if (g.fail)
			break;
		S = find_state(lx, name);
		if (S == NULL)
			S = add_state(lx, name);
		while (!g.fail && !gp_is(&g, '}', NULL)) {
			add_rule(&lx->st[S - lx->st], gp_rule(&g));
			if (gp_is(&g, ',', NULL))
				g.pos++;
		}
		gp_expect(&g, '}', NULL);
		if (gp_is(&g, ',', NULL))
			g.pos++;
	}
	gp_expect(&g, '}', NULL);
	if (g.fail && getenv("CHROMA_GEN_VERBOSE"))
		fprintf(stderr, "chroma-gen: %s: Go rules not read at %s "
		    "(token %d)\n", lx->name, g.pos < g.n && g.t[g.pos].text ?
		    g.t[g.pos].text : "?", g.pos);
	if (g.fail && getenv("CHROMA_GEN_VERBOSE"))
		for (i = g.pos - 12; i < g.pos + 3 && i < g.n; i++)
			if (i >= 0)
				fprintf(stderr, "  %d %c %.60s\n", i,
				    g.t[i].kind, g.t[i].text ? g.t[i].text :
				    "");
	for (i = 0; i < g.n; i++)
		if (g.t[i].kind != 's' && g.t[i].kind != 'i')
			free(g.t[i].text);
	free(g.t);
	return g.fail ? -1 : 0;
}

static int go_func_rules(struct lexer *lx, const char *text, const char *f,
	int depth);

/* The rules of a Go function at f that takes another's and puts rules
 * before some of its states' (V shell's, of V's):
 *	X := NAME()
 *	L := []Rule{ rule, ... }
 *	X["state"] = append(L, X["state"]...)
 *	return X
 * 0, or -1 for anything else. */
static int
go_func_compose(struct lexer *lx, const char *text, const char *f,
    int depth)
{
	struct goparse g;
	struct rule **list = NULL;
	const char *var, *fn, *g2, *lvar = NULL;
	char want[300];
	int nlist = 0, rc = -1;

	memset(&g, 0, sizeof(g));
	if (go_lex(strchr(f, '{'), &g.t, &g.n) != 0)
		return -1;
	gp_expect(&g, '{', NULL);
	var = gp_ident(&g);
	gp_expect(&g, ':', NULL);
	gp_expect(&g, '=', NULL);
	fn = gp_ident(&g);
	gp_expect(&g, '(', NULL);
	gp_expect(&g, ')', NULL);
	if (g.fail || strlen(fn) > 200)
		goto out;
	snprintf(want, sizeof(want), "func %s() Rules {", fn);
	if ((g2 = strstr(text, want)) == NULL ||
	    go_func_rules(lx, text, g2, depth + 1) != 0)
		goto out;
	gp_file = text;
	while (!g.fail && !gp_is(&g, 'i', "return")) {
		const char *name = gp_ident(&g), *st;
		struct state *S;
		int k;

		if (gp_is(&g, ':', NULL)) {
			gp_expect(&g, ':', NULL);
			gp_expect(&g, '=', NULL);
			gp_expect(&g, '[', NULL);
			gp_expect(&g, ']', NULL);
			gp_expect(&g, 'i', "Rule");
			gp_expect(&g, '{', NULL);
			free(list);
			list = NULL;
			nlist = 0;
			while (!g.fail && !gp_is(&g, '}', NULL)) {
				list = xrealloc(list, sizeof(*list) *
				    (size_t)(nlist + 1));
				list[nlist++] = gp_rule(&g);
				if (gp_is(&g, ',', NULL))
					g.pos++;
			}
			gp_expect(&g, '}', NULL);
			lvar = name;
			continue;
		}
		gp_expect(&g, '[', NULL);
		st = gp_string(&g);
		gp_expect(&g, ']', NULL);
		gp_expect(&g, '=', NULL);
		gp_expect(&g, 'i', "append");
		gp_expect(&g, '(', NULL);
		if (g.fail || name == NULL || strcmp(name, var) != 0 ||
		    lvar == NULL || !gp_is(&g, 'i', lvar))
			goto out;
		g.pos++;
		gp_expect(&g, ',', NULL);
		gp_expect(&g, 'i', var);
		gp_expect(&g, '[', NULL);
		if (g.fail || !gp_is(&g, 's', st))
			goto out;
		g.pos++;
		gp_expect(&g, ']', NULL);
		for (k = 0; k < 3; k++)
			gp_expect(&g, '.', NULL);
		gp_expect(&g, ')', NULL);
		if (g.fail)
			goto out;
		if ((S = find_state(lx, st)) == NULL)
			S = add_state(lx, st);
		S->rules = xrealloc(S->rules, sizeof(*S->rules) *
		    (size_t)(S->n + nlist));
		memmove(S->rules + nlist, S->rules, sizeof(*S->rules) *
		    (size_t)S->n);
		memcpy(S->rules, list, sizeof(*list) * (size_t)nlist);
		S->n += nlist;
	}
	gp_expect(&g, 'i', "return");
	gp_expect(&g, 'i', var);
	gp_expect(&g, '}', NULL);
	rc = g.fail ? -1 : 0;
out:
	free(list);
	free(g.t);
	return rc;
}

/* The rules of a Go function whose body is
 *	return Get("NAME").(*RegexLexer).MustRules().
 *		Rename("a", "b").Merge(Rules{...})
 * (PHTML's, of PHP): lexer NAME's states copied (their rules to be
 * written anew, with this lexer's flags), one renamed, the literal's
 * states replacing or joining them. body: the text after "return ".
 * 0, or -1 for anything else. */
static int
go_func_get(struct lexer *lx, const char *body)
{
	const char *p = body + strlen("Get(\""), *q = strchr(p, '"');
	const char *tail, *m;
	struct lexer *other = NULL;
	int i, k;

	if (q == NULL || strncmp(q, "\").(*RegexLexer).MustRules().",
	    strlen("\").(*RegexLexer).MustRules().")) != 0)
		return -1;
	for (i = 0; i < nlexers; i++)
		if (strlen(lexers[i].name) == (size_t)(q - p) &&
		    strncmp(lexers[i].name, p, (size_t)(q - p)) == 0 &&
		    !(lexers[i].flags & (LX_GO | LX_BROKEN)) &&
		    lexers[i].xml_of == 0)
			other = &lexers[i];
	if (other == NULL || other == lx)
		return -1;
	for (i = 0; i < other->nst; i++) {
		struct state *S = add_state(lx, other->st[i].name);
		struct state *O = &other->st[i];

		for (k = 0; k < O->n; k++) {
			struct rule *r = xmalloc(sizeof(*r));

			*r = *O->rules[k];
			r->id = -1;
			add_rule(S, r);
		}
	}
	tail = q + strlen("\").(*RegexLexer).MustRules().");
	while (*tail == '\n' || *tail == '\t' || *tail == ' ')
		tail++;
	if (strncmp(tail, "Rename(\"", 8) == 0) {
		const char *a = tail + 8, *ae = strchr(a, '"'), *b, *be;
		struct state *S;

		if (ae == NULL || strncmp(ae, "\", \"", 4) != 0)
			return -1;
		b = ae + 4;
		if ((be = strchr(b, '"')) == NULL || strncmp(be, "\").", 3))
			return -1;
		{
			char *an = xstrndup(a, (size_t)(ae - a));

			S = find_state(lx, an);
			free(an);
		}
		if (S == NULL)
			return -1;
		free(S->name);
		S->name = xstrndup(b, (size_t)(be - b));
		tail = be + 3;
		while (*tail == '\n' || *tail == '\t' || *tail == ' ')
			tail++;
	}
	if (strncmp(tail, "Merge(Rules{", 12) != 0)
		return -1;
	{
		struct lexer lit;

		memset(&lit, 0, sizeof(lit));
		lit.name = lx->name;
		if (go_rules(&lit, tail + 6) != 0)
			return -1;
		m = go_rules_end;
		if (*m != ')')
			return -1;
		for (i = 0; i < lit.nst; i++) {
			struct state *S = find_state(lx, lit.st[i].name);

			if (S == NULL)
				S = add_state(lx, lit.st[i].name);
			S->rules = lit.st[i].rules;
			S->n = lit.st[i].n;
		}
	}
	return 0;
}

/* The rules the Go function at f returns: "return Rules{...}" and
 * nothing else, or "return Rules{...}.Merge(NAME())", NAME's states
 * replacing or joining those (Chroma's Rules.Merge), or another's with
 * rules put first (go_func_compose()). 0, or -1. */
static int
go_func_rules(struct lexer *lx, const char *text, const char *f, int depth)
{
	const char *r = strstr(f, "return Rules{"), *body, *m;
	char want[300];
	size_t l;

	if (depth > 4)
		return -1;
	/* the function must return the literal and do nothing else */
	body = strchr(f, '{') + 1;
	while (*body == '\n' || *body == '\t' || *body == ' ')
		body++;
	gp_file = text;
	if (strncmp(body, "return Get(\"", 12) == 0)
		return go_func_get(lx, body + 7);
	if (r != NULL && body != r && strstr(text, "findBrackets := func("
	    "tokenClass RakuToken) MutatorFunc {") != NULL) {
		/* Raku's: word lists, constants and functions, then the
		 * rules, whose mutators highlight-lex.c runs */
		lx->wrap |= LX_RAKU;
		body = r;
	}
	if (r == NULL || body != r)
		return go_func_compose(lx, text, f, depth);
	gp_file = text;
	if (go_rules(lx, r + 7) != 0)
		return -1;
	m = go_rules_end;
	while (*m == '\n' || *m == '\t' || *m == ' ')
		m++;
	if (*m == '}')
		return 0;
	if (strncmp(m, ".Merge(", 7) != 0)
		return -1;
	m += 7;
	l = ident_len(m);
	if (l == 0 || l > 200 || strncmp(m + l, "())", 3) != 0)
		return -1;
	{
		struct lexer other;
		const char *g;
		int i;

		snprintf(want, sizeof(want), "func %.*s() Rules {", (int)l, m);
		if ((g = strstr(text, want)) == NULL)
			return -1;
		memset(&other, 0, sizeof(other));
		other.name = lx->name;
		if (go_func_rules(&other, text, g, depth + 1) != 0)
			return -1;
		for (i = 0; i < other.nst; i++) {
			struct state *S = &other.st[i];
			struct state *T = find_state(lx, S->name);

			if (T == NULL)
				T = add_state(lx, S->name);
			T->rules = S->rules;
			T->n = S->n;
		}
	}
	return 0;
}

/* The rules of the Go lexer whose Config block ends at after: a
 * function named there, or written inline. 0, or -1 when not plain. */
static int
go_lexer_rules(struct lexer *lx, const char *text, const char *after)
{
	const char *p = after;
	char name[256], want[300];
	const char *f;
	size_t l;

	while (*p == ',' || *p == '\n' || *p == '\t' || *p == ' ')
		p++;
	l = ident_len(p);
	if (l == 0 || l >= sizeof(name))
		return -1;
	memcpy(name, p, l);
	name[l] = '\0';
	if (strcmp(name, "func") == 0) {
		f = p;
	} else {
		snprintf(want, sizeof(want), "func %s() Rules {", name);
		f = strstr(text, want);
		if (f == NULL)
			return -1;
	}
	if (go_func_rules(lx, text, f, 0) != 0)
		return -1;
	if (expand(lx) != 0 || find_state(lx, "root") == NULL)
		return -1;
	return 0;
}

static int
go_flag(const char *block, const char *key)
{
	const char *p = strstr(block, key);

	return p != NULL && strncmp(skip_ws(p + strlen(key)), "true", 4) == 0;
}

/* The strings of the Go []string variable name in text ("name =
 * []string{...}"), appended to *words; 0, or -1 when there is none. */
static int
go_string_var(const char *text, const char *name, char ***words, int *n)
{
	const char *p = text;
	size_t l = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		const char *q = skip_ws(p + l);
		struct gotok *t;
		int nt, i;

		if ((p > text && (isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_')) || strncmp(q, "= []string{", 11) != 0) {
			p += l;
			continue;
		}
		if (go_lex(q + 10, &t, &nt) != 0)
			return -1;
		for (i = 0; i < nt; i++) {
			if (t[i].kind == 's')
				push_str(words, n, t[i].text,
				    strlen(t[i].text));
			else if (t[i].kind != ',' && t[i].kind != '{' &&
			    t[i].kind != '}')
				return -1;
			free(t[i].text);
		}
		free(t);
		return 0;
	}
	return -1;
}

/* Reads the TypeMapping after at, in text, into lx's words: each entry
 * {FROM, TO, VAR} or {FROM, TO, append(VAR, VAR...)}, a later entry
 * winning for a word, as Chroma's lookup table. 0, or -1 when the
 * mapping is something else. */
static int
type_mapping(struct lexer *lx, const char *text, const char *at)
{
	const char *m = strstr(at, "TypeMapping{");
	struct goparse g;
	int rc = -1;

	if (m == NULL)
		return -1;
	memset(&g, 0, sizeof(g));
	if (go_lex(m + 11, &g.t, &g.n) != 0)
		return -1;
	gp_expect(&g, '{', NULL);
	while (!g.fail && gp_is(&g, '{', NULL)) {
		const char *from, *to;
		char **words = NULL;
		int nw = 0, i, j, append;

		g.pos++;
		from = canonical_type(gp_ident(&g));
		gp_expect(&g, ',', NULL);
		to = canonical_type(gp_ident(&g));
		gp_expect(&g, ',', NULL);
		if (g.fail || from == NULL || to == NULL)
			goto out;
		append = gp_is(&g, 'i', "append");
		if (append) {
			g.pos++;
			gp_expect(&g, '(', NULL);
		}
		do {
			if (gp_is(&g, ',', NULL))
				g.pos++;
			if (!gp_is(&g, 'i', NULL) || go_string_var(text,
			    g.t[g.pos].text, &words, &nw) != 0)
				goto out;
			g.pos++;
			if (gp_is(&g, '.', NULL))	/* VAR... */
				g.pos += 3;
		} while (append && gp_is(&g, ',', NULL));
		if (append)
			gp_expect(&g, ')', NULL);
		gp_expect(&g, '}', NULL);
		if (gp_is(&g, ',', NULL))
			g.pos++;
		if (g.fail)
			goto out;
		for (i = 0; i < nw; i++) {
			for (j = 0; j < lx->nwords; j++)
				if (strcmp(lx->words[j].from, from) == 0 &&
				    strcmp(lx->words[j].word, words[i]) == 0)
					break;
			if (j == lx->nwords) {
				lx->words = xrealloc(lx->words,
				    sizeof(*lx->words) *
				    (size_t)(lx->nwords + 1));
				lx->nwords++;
			}
			lx->words[j].word = words[i];
			lx->words[j].from = (char *)from;
			lx->words[j].to = (char *)to;
		}
		free(words);
	}
	gp_expect(&g, '}', NULL);
	rc = g.fail || lx->nwords == 0 ? -1 : 0;
out:
	free(g.t);
	if (rc != 0) {
		free(lx->words);
		lx->words = NULL;
		lx->nwords = 0;
	}
	return rc;
}

static void
load_go(const char *dir, const char *file)
{
	char path[8300];
	size_t len;
	char *text, *orig, *p;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = slurp(path, &len);
	orig = xstrndup(text, len);
	/* an XML lexer registered again with its types remapped: Hugo
	 * gets the remapped one; quire has it when the mapping is words
	 * (TypeMapping{{FROM, TO, WORDS}, ...}) */
	for (p = text; (p = strstr(p, "TypeRemappingLexer(MustNewXMLLexer("))
	    != NULL; p++) {
		char *e = strstr(p, "embedded/"), *q;
		int i;

		if (e == NULL || (q = strchr(e, '"')) == NULL)
			break;
		for (i = 0; i < nlexers; i++)
			if (strlen(lexers[i].file) == (size_t)(q - e - 9) &&
			    strncmp(lexers[i].file, e + 9,
			    (size_t)(q - e - 9)) == 0 &&
			    type_mapping(&lexers[i], orig, orig + (q - text))
			    != 0)
				lexers[i].flags |= LX_GO;
	}
	for (p = text; (p = strstr(p, "&Config{")) != NULL; ) {
		char *end = strstr(p, "\n\t},"), *nm, *q, *reg, *var;
		struct lexer *lx;
		size_t off = (size_t)(p - text);

		if (end == NULL)
			break;
		*end = '\0';
		nm = strstr(p, "Name:");
		if (nm == NULL || (nm = strchr(nm, '"')) == NULL) {
			p = end + 1;
			continue;
		}
		q = strchr(nm + 1, '"');
		lexers = xrealloc(lexers, sizeof(*lexers) *
		    (size_t)(nlexers + 1));
		lx = &lexers[nlexers++];
		memset(lx, 0, sizeof(*lx));
		lx->name = xstrndup(nm + 1, (size_t)(q - nm - 1));
		lx->file = strdup(file);
		lx->flags = LX_GO;
		read_go_strings(p, "Aliases:", &lx->aliases, &lx->naliases);
		read_go_strings(p, "\tFilenames:", &lx->filenames,
		    &lx->nfilenames);
		read_go_strings(p, "AliasFilenames:", &lx->alias_filenames,
		    &lx->nalias_filenames);
		read_go_strings(p, "MimeTypes:", &lx->mimes, &lx->nmimes);
		if ((q = strstr(p, "Priority:")) != NULL)
			lx->priority = atof(q + 9);
		/* what the Config is registered with: from the Register(
		 * before it (and the variable holding it) */
		var = NULL;
		for (q = orig + off; q > orig; q--)
			if (strncmp(q, "\nvar ", 5) == 0) {
				var = q + 5;
				break;
			}
		reg = var != NULL ? var : orig;
		if (var != NULL) {
			size_t vl = ident_len(var);

			go_vars = xrealloc(go_vars, sizeof(char *) *
			    (size_t)(ngo_vars + 1));
			go_var_names = xrealloc(go_var_names, sizeof(char *) *
			    (size_t)(ngo_vars + 1));
			go_vars[ngo_vars] = xstrndup(var, vl);
			go_var_names[ngo_vars++] = lx->name;
		}
		{
			char *seg = xstrndup(reg, (size_t)(orig + off - reg));
			char *e = strstr(seg, "embedded/");

			char *dl = strstr(seg, "DelegatingLexer(");

			if (dl != NULL) {
				dl += strlen("DelegatingLexer(");
				lx->delegate_var = xstrndup(dl, ident_len(dl));
			}
			if (strstr(seg, "httpBodyContentTypeLexer("))
				lx->wrap |= LX_HTTPBODY;
			if (strstr(seg, "TypeRemappingLexer(")) {
				/* remapping: not here */
			} else if (e != NULL && strstr(seg, "MustNewXMLLexer(")) {
				char *qq = strchr(e, '"');
				int i;

				for (i = 0; qq && i < nlexers - 1; i++)
					if (strlen(lexers[i].file) ==
					    (size_t)(qq - e - 9) &&
					    strncmp(lexers[i].file, e + 9,
					    (size_t)(qq - e - 9)) == 0) {
						lx->xml_of = i + 1;
						lx->flags = lexers[i].flags &
						    ~LX_GO;
					}
			} else if (strstr(seg, "MustNewLexer(")) {
				lx->go_text = orig;
				lx->go_after = orig + (end - text) + 4;
				lx->go_config = strdup(p);
			}
			free(seg);
		}
		p = end + 1;
	}
	free(text);	/* orig stays: the rules are read later */
}

/* Reads the rules of the Go-coded lexers load_go() found plain. */
static void
load_go_rules(void)
{
	int i;

	for (i = 0; i < nlexers; i++) {
		struct lexer *lx = &lexers[i];
		const char *c = lx->go_config;

		if (lx->delegate_var != NULL) {
			lx->delegate = go_var_lexer(lx->delegate_var);
			if (lx->delegate == NULL) {
				lx->flags |= LX_GO;
				lx->xml_of = 0;
				continue;
			}
		}
		if (lx->go_text == NULL ||
		    go_lexer_rules(lx, lx->go_text, lx->go_after) != 0)
			continue;
		lx->flags = 0;
		if (go_flag(c, "EnsureNL:"))
			lx->flags |= LX_ENSURE_NL;
		if (go_flag(c, "CaseInsensitive:"))
			lx->flags |= LX_CI;
		if (go_flag(c, "DotAll:"))
			lx->flags |= LX_DOTALL;
		if (go_flag(c, "NotMultiline:"))
			lx->flags |= LX_NOTML;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **
list_dir(const char *dir, const char *suffix, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;

	*n = 0;
	if (d == NULL)
		die("%s: cannot open", dir);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);

		if (l > sl && strcmp(e->d_name + l - sl, suffix) == 0)
			push_str(&names, n, e->d_name, l);
	}
	closedir(d);
	qsort(names, (size_t)*n, sizeof(*names), cmp_str);
	return names;
}

/* A C string literal: octal escapes for anything but printable ASCII,
 * and \? against trigraphs. */
static void
cstr(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '?')
			fputs("\\?", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static FILE *out;
static int nemit, nrule, nstate_rules, npush, nrk;

/* One hl_emitter initialiser. */
static void
put_emitter(const char *kind, int arg, int first, int n, const char *lexer,
    int from, int to)
{
	fprintf(b_emit.f, "\t{ %s, %d, %d, %d, ", kind, arg, first, n);
	cstr(b_emit.f, lexer);
	fprintf(b_emit.f, ", %d, %d },\n", from, to);
}

static int
write_emitter(struct lexer *lx, struct emitter *em, int *broken)
{
	int id, i, first = -1;

	/* bygroups' children first, consecutive (Chroma's XML has no
	 * bygroups within bygroups) */
	if (em->kind == EM_BYGROUPS || em->kind == EM_USINGBYGROUP ||
	    em->kind == EM_CODEBLOCK || em->kind == EM_BYNAMES) {
		first = nemit;
		for (i = 0; i < em->nsub; i++) {
			if (em->sub[i].kind == EM_BYGROUPS) {
				put_emitter("EM_NONE", 0, 0, 0, NULL, -1, -1);
				nemit++;
				*broken = 1;
				continue;
			}
			write_emitter(lx, &em->sub[i], broken);
		}
	}
	id = nemit++;
	switch (em->kind) {
	case EM_NONE:
		/* a child of EM_BYNAMES has its group's name as lexer */
		put_emitter("EM_NONE", 0, 0, 0, em->gname, -1, -1);
		break;
	case EM_TOKEN: {
		int t = type_id(em->arg ? em->arg : "");

		if (t < 0)
			die("%s: unknown token type %s", lx->file, em->arg);
		put_emitter("EM_TOKEN", t, 0, 0, em->gname, -1, -1);
		break;
	}
	case EM_BYGROUPS:
		put_emitter("EM_BYGROUPS", 0, first, em->nsub, NULL, -1, -1);
		break;
	case EM_BYNAMES:
		put_emitter("EM_BYNAMES", 0, first, em->nsub, NULL, -1, -1);
		break;
	case EM_USINGSELF: {
		struct state *s = find_state(lx, em->arg ? em->arg : "root");

		if (s == NULL)
			*broken = 1;
		put_emitter("EM_USINGSELF", s ? s->id : -1, 0, 0, em->gname,
		    -1, -1);
		break;
	}
	case EM_USINGBYGROUP:
		/* arg: the name's group; from: the code's */
		put_emitter("EM_USINGBYGROUP", em->name_group, first, em->nsub,
		    NULL, em->code_group, -1);
		break;
	case EM_CODEBLOCK:
		/* arg: the name's group; from: the code's first; to: the
		 * type of code no lexer has */
		put_emitter("EM_CODEBLOCK", em->name_group, first, em->nsub,
		    NULL, em->code_group, type_id(em->remap_to));
		break;
	case EM_USING:
		put_emitter("EM_USING", 0, 0, 0, em->arg ? em->arg : "",
		    em->remap_from ? type_id(em->remap_from) : -1,
		    em->remap_to ? type_id(em->remap_to) : -1);
		break;
	case EM_RK_QUOTE:
		put_emitter("EM_RK_QUOTE", 0, 0, 0, NULL, -1, -1);
		break;
	case EM_RK_COLONPAIR:
		/* arg: the key's type */
		put_emitter("EM_RK_COLONPAIR", type_id(em->arg), 0, 0, NULL,
		    -1, -1);
		break;
	case EM_RK_PODCONFIG:
		put_emitter("EM_RK_PODCONFIG", 0, 0, 0, em->gname, -1, -1);
		break;
	case EM_RK_PODCODE:
		put_emitter("EM_RK_PODCODE", 0, 0, 0, NULL, -1, -1);
		break;
	}
	return id;
}

static void
write_lexer_rules(struct lexer *lx, int *first_state)
{
	int s, i, broken = 0;

	*first_state = -1;
	if ((lx->flags & (LX_GO | LX_BROKEN)) || lx->xml_of)
		return;
	/* state ids first: usingself and push refer to them */
	{
		static int next_state;

		*first_state = next_state;
		for (s = 0; s < lx->nst; s++)
			lx->st[s].id = next_state + s;
		next_state += lx->nst;
	}
	for (s = 0; s < lx->nst; s++) {
		struct state *S = &lx->st[s];
		int first = nstate_rules;

		for (i = 0; i < S->n; i++) {
			struct rule *r = S->rules[i];

			if (r->id < 0) {
				int em = write_emitter(lx, &r->em, &broken);
				int pfirst = npush, k, behind = -1;
				char *pat = NULL;

				if (r->mu == MU_PUSH || r->mu == MU_PREPROC)
					for (k = 0; k < r->nstates; k++) {
						struct state *t;
						int id = -1;

						if (strcmp(r->states[k],
						    "#pop") != 0) {
							t = find_state(lx,
							    r->states[k]);
							/* Chroma panics when it
							 * gets there: -2 */
							id = t ? t->id : -2;
						}
						fprintf(b_push.f, "\t%d,\n",
						    id);
						npush++;
					}
				if (r->pattern != NULL && r->pattern[0]) {
					pat = fit_pattern(word_classes(
					    rewrite_pattern(r->pattern,
					    lx->flags), 0), MAIN_OPTS, &behind);
					if (pat == NULL)	/* too large so:
								 * PCRE2's \b */
						pat = fit_pattern(word_classes(
						    rewrite_pattern(r->pattern,
						    lx->flags), 1), MAIN_OPTS,
						    &behind);
					if (pat == NULL) {
						if (getenv("CHROMA_GEN_VERBOSE"))
							fprintf(stderr,
							    "chroma-gen: %s: "
							    "PCRE2 cannot "
							    "compile %s\n",
							    lx->name,
							    r->pattern);
						broken = 1;
					}
				}
				if (r->mu == MU_RK_REPLACE) {
					/* its rule in hl_rk_replace[] */
					struct state *t = find_state(lx,
					    r->rk_state);

					if (t == NULL)
						broken = 1;
					r->rk = nrk++;
					fprintf(b_rk.f, "\t{ ");
					cstr(b_rk.f, r->rk_delim);
					fprintf(b_rk.f, ", %d, %d, %d, %d },\n",
					    type_id(r->rk_type), t ? t->id :
					    -1, r->rk_pop, r->rk_push);
				}
				fprintf(b_rule.f, "\t{ ");
				cstr(b_rule.f, pat);
				fprintf(b_rule.f, ", %d, %d, %d, %d, %d, %d, "
				    "%d },\n", em, r->mu == MU_PUSH ? 1 :
				    r->mu == MU_POP ? 2 : r->mu ==
				    MU_PREPROC ? 3 : r->mu ==
				    MU_RK_BRACKETS ? 4 : r->mu ==
				    MU_RK_REPLACE ? 5 : 0, r->depth,
				    pfirst, r->mu == MU_PUSH || r->mu ==
				    MU_PREPROC ? r->nstates : 0, behind,
				    r->mu == MU_RK_BRACKETS ||
				    r->mu == MU_RK_REPLACE ? r->rk : -1);
				free(pat);
				r->id = nrule++;
			}
			fprintf(b_srules.f, "\t%d,\n", r->id);
			nstate_rules++;
		}
		fprintf(b_state.f, "\t{ ");
		cstr(b_state.f, S->name);
		fprintf(b_state.f, ", %d, %d },\n", first, S->n);
	}
	if (broken)
		lx->flags |= LX_BROKEN;
}

static void
flush(struct sbuf *b, const char *decl)
{
	fclose(b->f);
	fprintf(out, "%s = {\n%s", decl, b->p);
	if (b->n == 0)
		fprintf(out, "\t{ 0 }\n");
	fprintf(out, "};\n\n");
	free(b->p);
}

static int
cmp_word(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if (x->f != y->f)
		return x->f < y->f ? -1 : 1;
	return strcmp(x->word, y->word);
}


/* Which of a lexer's strings a registry table lists. */
enum key_kind {
	KEY_NAME, KEY_ALIASES, KEY_FILENAMES, KEY_MIMES, KEY_ALIAS_FILENAMES,
};

/* Writes table to f: each lexer's strings of kind with the lexer's index, in
 * registration order, ended by { NULL, 0 }. */
static void
key_table(FILE *f, const char *table, enum key_kind kind)
{
	int i, k, n;
	char **v;

	fprintf(f, "static const struct hl_key %s[] = {\n", table);
	for (i = 0; i < nlexers; i++) {
		struct lexer *lx = &lexers[i];

		switch (kind) {
		case KEY_NAME: v = &lx->name; n = 1; break;
		case KEY_ALIASES: v = lx->aliases; n = lx->naliases; break;
		case KEY_FILENAMES: v = lx->filenames; n = lx->nfilenames; break;
		case KEY_MIMES: v = lx->mimes; n = lx->nmimes; break;
		default: v = lx->alias_filenames; n = lx->nalias_filenames;
			break;
		}
		for (k = 0; k < n; k++) {
			fprintf(f, "\t{ ");
			cstr(f, v[k]);
			fprintf(f, ", %d },\n", i);
		}
	}
	fprintf(f, "\t{ NULL, 0 }\n};\n\n");
}

int
main(int argc, char **argv)
{
	char dir[4096], **files;
	int nfiles, i, k, t, *first_state, *first_word;

	if (argc != 3) {
		fprintf(stderr, "usage: chroma-gen CHROMA_DIR OUT.h\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/types.go", argv[1]);
	read_types(dir);
	snprintf(dir, sizeof(dir), "%s/lexers/embedded", argv[1]);
	files = list_dir(dir, ".xml", &nfiles);
	if (nfiles == 0)
		die("%s: no lexers", dir);
	for (i = 0; i < nfiles; i++)
		load_xml(dir, files[i]);
	snprintf(dir, sizeof(dir), "%s/lexers", argv[1]);
	files = list_dir(dir, ".go", &nfiles);
	for (i = 0; i < nfiles; i++) {
		size_t l = strlen(files[i]);

		if (strcmp(files[i], "lexers.go") == 0 ||
		    (l > 8 && strcmp(files[i] + l - 8, "_test.go") == 0))
			continue;
		load_go(dir, files[i]);
	}
	load_go_rules();

	out = fopen(argv[2], "w");
	if (out == NULL)
		die("%s: cannot write", argv[2]);
	fprintf(out, "/* Generated by tools/chroma-gen.c from %s: do not "
	    "edit. */\n\n", argv[1]);

	/* token types: id -> name, class */
	fprintf(out, "static const struct hl_type hl_types[] = {\n");
	for (t = 0; t < ntypes; t++) {
		if (!types[t].canonical)
			continue;
		fprintf(out, "\t{ ");
		cstr(out, types[t].name);
		fprintf(out, ", ");
		cstr(out, class_of(types[t].value));
		fprintf(out, " },\n");
	}
	fprintf(out, "};\n#define HL_TYPE_TEXT %d\n#define HL_TYPE_ERROR %d\n"
	    "#define HL_TYPE_OTHER %d\n#define HL_TYPE_NAME %d\n"
	    "#define HL_TYPE_LITERAL %d\n#define HL_TYPE_GENERIC %d\n\n",
	    type_id("Text"), type_id("Error"), type_id("Other"),
	    type_id("Name"), type_id("Literal"), type_id("Generic"));
	/* the types Raku's Go code emits */
	{
		static const char *const rk[][2] = {
			{ "PUNCTUATION", "Punctuation" },
			{ "KEYWORD", "Keyword" },
			{ "STRING_AFFIX", "StringAffix" },
			{ "STRING_OTHER", "StringOther" },
			{ "STRING_DOC", "StringDoc" },
			{ "STRING", "String" },
			{ "COMMENT", "Comment" },
			{ "NAME_ATTRIBUTE", "NameAttribute" },
			{ "GENERIC_STRONG", "GenericStrong" },
			{ "GENERIC_EMPH", "GenericEmph" },
			{ "GENERIC_UNDERLINE", "GenericUnderline" },
		};
		size_t j;

		for (j = 0; j < sizeof(rk) / sizeof(rk[0]); j++) {
			const char *c = canonical_type(rk[j][1]);

			if (c == NULL || type_id(c) < 0)
				die("types.go: no type %s", rk[j][1]);
			fprintf(out, "#define HL_TYPE_%s %d\n", rk[j][0],
			    type_id(c));
		}
		fputc('\n', out);
	}

	sb_open(&b_emit);
	sb_open(&b_rule);
	sb_open(&b_srules);
	sb_open(&b_push);
	sb_open(&b_state);
	sb_open(&b_rk);
	first_state = xmalloc(sizeof(int) * (size_t)nlexers);
	for (i = 0; i < nlexers; i++)
		write_lexer_rules(&lexers[i], &first_state[i]);
	flush(&b_emit, "static const struct hl_emitter hl_emitters[]");
	flush(&b_rule, "static const struct hl_rule hl_rules[]");
	flush(&b_srules, "static const int hl_state_rules[]");
	flush(&b_push, "static const int hl_push[]");
	flush(&b_state, "static const struct hl_state hl_states[]");
	flush(&b_rk, "static const struct hl_rk_replace hl_rk_replace[]");
	if (b_rkpairs.f == NULL)
		sb_open(&b_rkpairs);
	flush(&b_rkpairs, "static const struct hl_rk_pair hl_rk_brackets[]");
	fprintf(out, "#define HL_NRK_BRACKETS %d\n\n", nrkpairs);
	fprintf(out, "#define HL_NRULES %d\n\n", nrule);

	/* lookbehinds as callouts: a body, negated or not, its own
	 * callouts' first entry */
	fprintf(out, "static const struct hl_behind hl_behinds[] = {\n");
	for (i = 0; i < nbehinds; i++) {
		fprintf(out, "\t{ ");
		cstr(out, behinds[i].pat);
		fprintf(out, ", %d, %d },\n", behinds[i].neg, behinds[i].first);
	}
	if (nbehinds == 0)
		fprintf(out, "\t{ NULL, 0, -1 },\n");
	fprintf(out, "};\n#define HL_NBEHINDS %d\n\n", nbehinds);

	/* type remapping words, each lexer's sorted by type, then word
	 * (bytes), for bsearch */
	first_word = xmalloc(sizeof(int) * (size_t)nlexers);
	fprintf(out, "static const struct hl_word hl_words[] = {\n");
	for (i = 0, k = 0; i < nlexers; i++) {
		struct lexer *lx = &lexers[i];
		int w;

		first_word[i] = k;
		for (w = 0; w < lx->nwords; w++) {
			lx->words[w].f = type_id(lx->words[w].from);
			lx->words[w].t = type_id(lx->words[w].to);
		}
		qsort(lx->words, (size_t)lx->nwords, sizeof(*lx->words),
		    cmp_word);
		for (w = 0; w < lx->nwords; w++, k++) {
			fprintf(out, "\t{ ");
			cstr(out, lx->words[w].word);
			fprintf(out, ", %d, %d },\n", lx->words[w].f,
			    lx->words[w].t);
		}
	}
	if (k == 0)
		fprintf(out, "\t{ NULL, 0, 0 },\n");
	fprintf(out, "};\n\n");

	fprintf(out, "static const struct hl_lexer hl_lexers[] = {\n");
	for (i = 0; i < nlexers; i++) {
		struct lexer *lx = &lexers[i], *rules = lx;
		struct state *root;
		int first = first_state[i];

		if (lx->xml_of) {	/* another name for an XML lexer */
			rules = &lexers[lx->xml_of - 1];
			first = first_state[lx->xml_of - 1];
		}
		root = (rules->flags & (LX_GO | LX_BROKEN)) ? NULL :
		    find_state(rules, "root");
		fprintf(out, "\t{ ");
		cstr(out, lx->name);
		fprintf(out, ", %d, %g, %d, %d, ", rules->flags | lx->wrap,
		    lx->priority, root ? root->id : -1, first);
		cstr(out, lx->delegate);
		fprintf(out, ", %d, %d },\n", rules->nwords ?
		    first_word[rules - lexers] : 0, rules->nwords);
	}
	fprintf(out, "};\n#define HL_NLEXERS %d\n\n", nlexers);

	/* names and aliases, in registration order (a later one wins);
	 * MIME types, in registration order (Chroma's MatchMimeType) */
	key_table(out, "hl_names", KEY_NAME);
	key_table(out, "hl_aliases", KEY_ALIASES);
	key_table(out, "hl_filenames", KEY_FILENAMES);
	key_table(out, "hl_mimes", KEY_MIMES);
	key_table(out, "hl_alias_filenames", KEY_ALIAS_FILENAMES);
	if (fclose(out) != 0)
		die("%s: cannot write", argv[2]);
	for (i = 0; i < nlexers; i++)
		if (lexers[i].flags & LX_BROKEN)
			fprintf(stderr, "chroma-gen: %s: a pattern PCRE2 cannot "
			    "compile; shown unhighlighted\n", lexers[i].name);
	return 0;
}
