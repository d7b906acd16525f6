/* test-highlight.c - code blocks against Hugo 0.111.3's own HTML: each
 * page of tests/hugo/highlight/ (one fenced block or highlight shortcode)
 * rendered by hl_fence_at() / hl_code() equals tests/golden/highlight/
 * NAME.html (and highlight-inline/NAME.html with inline.yaml's settings),
 * byte for byte; made by tests/hugo/gen-golden-highlight.sh. Then the
 * lexer's rules one by one: the registry, EnsureLF, ensure_nl, Coalesce's
 * 8 KiB, the regexp2 rewrites, the work bound, option errors. */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "highlight.h"
#include "highlight-lex.h"
#include "site.h"

#define PAGES "tests/hugo/highlight/content/posts/"

static int
read_all(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
	return 0;
}

/* Renders the page's block: a fence (``` INFO ... ```) or a highlight
 * shortcode ({{< highlight LANG "OPTIONS" >}} ... {{< /highlight >}},
 * its inner text trimmed of newlines as Hugo's template does). */
static int
render_page(const char *md, const struct site *site, struct buf *out,
    struct buf *err)
{
	const char *body = strstr(md + 3, "\n---\n") + 5, *p, *end;
	struct buf info = BUF_INIT, code = BUF_INIT, lang = BUF_INIT;
	struct buf opts = BUF_INIT;
	int rc;

	while (*body == '\n')
		body++;
	if (strncmp(body, "```", 3) == 0) {
		size_t ticks = strspn(body, "`");
		struct buf close = BUF_INIT;

		p = body + ticks;
		end = strchr(p, '\n');
		buf_add(&info, p, (size_t)(end - p));
		p = end + 1;
		/* the closing fence: as many backticks, on a line */
		buf_putc(&close, '\n');
		buf_add(&close, body, ticks);
		buf_putc(&close, '\n');
		end = strncmp(p, buf_cstr(&close) + 1, ticks + 1) == 0 ? p :
		    strstr(p, buf_cstr(&close));
		if (end == NULL)
			end = p + strlen(p);
		else if (end != p)
			end++;
		buf_free(&close);
		buf_add(&code, p, (size_t)(end - p));
		rc = hl_fence_at(out, buf_cstr(&info), 0, buf_cstr(&code),
		    code.len, site, err, NULL);
	} else {
		p = body + strlen("{{< highlight ");
		end = strchr(p, ' ');
		buf_add(&lang, p, (size_t)(end - p));
		p = strchr(end, '"') + 1;
		end = strchr(p, '"');
		buf_add(&opts, p, (size_t)(end - p));
		p = strstr(end, ">}}") + 3;
		end = strstr(p, "{{< /highlight >}}");
		while (p < end && (*p == '\n' || *p == '\r'))
			p++;
		while (end > p && (end[-1] == '\n' || end[-1] == '\r'))
			end--;
		buf_add(&code, p, (size_t)(end - p));
		rc = hl_code(out, buf_cstr(&lang), buf_cstr(&opts),
		    buf_cstr(&code), code.len, site, err);
	}
	buf_free(&info);
	buf_free(&code);
	buf_free(&lang);
	buf_free(&opts);
	return rc;
}

/* Every page against the golden directory dir, with site. */
static void
golden_run(const char *dir, const struct site *site)
{
	DIR *d = opendir(PAGES);
	struct dirent *e;
	int n = 0, failed = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		struct buf path = BUF_INIT, md = BUF_INIT, want = BUF_INIT;
		struct buf got = BUF_INIT, err = BUF_INIT;
		size_t len = strlen(e->d_name);

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		buf_printf(&path, PAGES "%s", e->d_name);
		assert_int_equal(read_all(buf_cstr(&path), &md), 0);
		buf_reset(&path);
		buf_printf(&path, "tests/golden/%s/%.*s.html", dir,
		    (int)(len - 3), e->d_name);
		assert_int_equal(read_all(buf_cstr(&path), &want), 0);
		assert_int_equal(render_page(buf_cstr(&md), site, &got, &err),
		    0);
		/* a shortcode's output replaces its paragraph, whose
		 * newline stays after it in .Content */
		if (strncmp(e->d_name, "sc-", 3) == 0 && want.len > 0 &&
		    want.data[want.len - 1] == '\n')
			want.len--;
		n++;
		if (got.len != want.len || memcmp(got.data, want.data,
		    got.len) != 0) {
			size_t i = 0;

			while (i < got.len && i < want.len &&
			    got.data[i] == want.data[i])
				i++;
			print_error("%s/%s: differs from Hugo at byte %zu:\n"
			    "  hugo:  %.80s\n  quire: %.80s\n", dir, e->d_name,
			    i, want.data + i, buf_cstr(&got) + i);
			failed++;
		}
		buf_free(&path);
		buf_free(&md);
		buf_free(&want);
		buf_free(&got);
		buf_free(&err);
	}
	closedir(d);
	assert_true(n >= 50);
	assert_int_equal(failed, 0);
}

static void
test_golden_table(void **state)
{
	struct site s;

	(void)state;
	site_init(&s);
	site_set(&s, "hl.noClasses", "0");
	golden_run("highlight", &s);
	site_free(&s);
}

static void
test_golden_inline(void **state)
{
	struct site s;

	(void)state;
	site_init(&s);
	site_set(&s, "hl.noClasses", "0");
	site_set(&s, "hl.lineNos", "1");
	site_set(&s, "hl.lineNumbersInTable", "0");
	site_set(&s, "hl.lineNoStart", "5");
	site_set(&s, "hl.hl_Lines", "2");
	golden_run("highlight-inline", &s);
	site_free(&s);
}

/* Chroma's lexers.Get: names, aliases, any case, file name globs. */
static void
test_registry(void **state)
{
	static const char *const cases[][2] = {
		{ "sh", "Bash" }, { "shell", "Bash" }, { "zsh", "Bash" },
		{ "console", "BashSession" }, { "js", "JavaScript" },
		{ "dockerfile", "Docker" }, { "C++", "C++" }, { "cpp", "C++" },
		{ "RUST", "Rust" }, { "rs", "Rust" }, { "yml", "YAML" },
		{ "py", "Python" }, { "golang", "Go" }, { "txt", "plaintext" },
		{ "patch", "Diff" }, { "kt", "Kotlin" }, { "tsx", "TypeScript" },
		{ "html", "HTML" }, { "Makefile", "Makefile" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct hl_lexer *lx = hl_lexer_get(cases[i][0]);

		assert_non_null(lx);
		assert_string_equal(hl_lexer_name(lx), cases[i][1]);
	}
	assert_null(hl_lexer_get("nosuchlang"));
	assert_null(hl_lexer_get(""));
	assert_true(hl_lexer_usable(hl_lexer_get("rust")));
	assert_true(hl_lexer_usable(hl_lexer_get("go")));
	assert_true(hl_lexer_usable(hl_lexer_get("markdown")));
	/* an XML lexer Chroma registers again with words retyped */
	assert_true(hl_lexer_usable(hl_lexer_get("emacs-lisp")));
	assert_true(hl_lexer_usable(hl_lexer_get("common-lisp")));
	/* http: its emitter functions list their groups' tokens, and
	 * its body is lexed by the Content-Type */
	assert_true(hl_lexer_usable(hl_lexer_get("http")));
	/* rst: its code-block emitter function, read from Chroma's Go */
	assert_true(hl_lexer_usable(hl_lexer_get("rst")));
	/* Rules{...}.Merge(common()): Caddyfile's states and its common
	 * ones */
	assert_true(hl_lexer_usable(hl_lexer_get("caddyfile")));
	assert_true(hl_lexer_usable(hl_lexer_get("caddy-d")));
	/* patterns PCRE2 takes only as chroma-gen rewrites them: a
	 * variable length lookbehind (fish, scss, svelte), a quantified
	 * \b (al), word lists too large uncut (racket, openedge) */
	assert_true(hl_lexer_usable(hl_lexer_get("fish")));
	assert_true(hl_lexer_usable(hl_lexer_get("scss")));
	assert_true(hl_lexer_usable(hl_lexer_get("svelte")));
	assert_true(hl_lexer_usable(hl_lexer_get("al")));
	assert_true(hl_lexer_usable(hl_lexer_get("racket")));
	assert_true(hl_lexer_usable(hl_lexer_get("openedge")));
	/* V shell: V's rules with its own first; PHTML: PHP's renamed
	 * and merged; Haxe: its preprocessor mutator */
	assert_true(hl_lexer_usable(hl_lexer_get("vsh")));
	assert_true(hl_lexer_usable(hl_lexer_get("phtml")));
	assert_true(hl_lexer_usable(hl_lexer_get("haxe")));
	/* Raku: Go code whose mutators rewrite its rules as it lexes,
	 * run by highlight-lex.c */
	assert_true(hl_lexer_usable(hl_lexer_get("raku")));
}

/* Joins a stream back as "Type:text|" for comparing. */
static void
dump(const struct hl_tokens *t, struct buf *out)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		buf_printf(out, "%s:", hl_token_name(t->v[i].type));
		buf_add(out, t->text.data + t->v[i].off, t->v[i].len);
		buf_putc(out, '|');
	}
}

static void
lex(const char *lang, const char *code, size_t n, struct buf *out)
{
	struct hl_tokens t = HL_TOKENS_INIT;

	buf_reset(out);
	assert_int_equal(hl_tokenise(hl_lexer_get(lang), code, n, &t),
	    HL_LEX_OK);
	dump(&t, out);
	hl_tokens_free(&t);
}

static void
test_lexer_rules(void **state)
{
	struct buf b = BUF_INIT, big = BUF_INIT;
	struct hl_tokens t = HL_TOKENS_INIT;
	size_t i;

	(void)state;
	/* EnsureLF: CRLF and a lone CR are LF before lexing */
	lex("ini", "a=1\r\nb=2\rc", 11, &b);
	assert_null(strchr(buf_cstr(&b), '\r'));
	assert_non_null(strstr(buf_cstr(&b), "b"));
	/* lookbehinds of any length, as Chroma's (?<=...\s*) after
	 * "end\n" (fish) and (?<!:\s*) (scss): Chroma's tokens */
	lex("fish", "end\nfunction f\n", 15, &b);
	assert_string_equal(buf_cstr(&b), "Keyword:end|Text:\n|"
	    "Keyword:function|Text: |NameFunction:f|Text:\n|");
	lex("scss", "a { b: c; }\n", 12, &b);
	assert_string_equal(buf_cstr(&b), "NameTag:a|Text: |Punctuation:{|"
	    "Text: |NameAttribute:b|Operator::|Text: |Name:c|"
	    "Punctuation:;|Text: |Punctuation:}|Text:\n|");
	/* Haxe's #else goes back to the stack its #if saved, a Go slice
	 * whose array the pushes after a pop below it wrote to: Chroma's
	 * last "}" is an Error */
	lex("haxe", "class A {\n  function f() {\n#if js\n  }\n  function "
	    "g() {\n#elseif x\n  }\n  var y = 1;\n#else\n  }\n#end\n}\n",
	    99, &b);
	assert_non_null(strstr(buf_cstr(&b), "CommentPreproc:#end|Text:\n|"
	    "Error:}|Text:\n|"));
	/* regexp2's \w: a combining mark is a word character, a
	 * superscript digit is not (PCRE2's has it the other way) */
	lex("go", "x\xc2\xb2 caf\xc3\xa9\xcc\x81", 11, &b);
	assert_string_equal(buf_cstr(&b), "NameOther:x|Error:\xc2\xb2|"
	    "Text: |NameOther:caf\xc3\xa9\xcc\x81|");
	/* a word of a list cut into a trie */
	lex("racket", "(variable-reference->module-declaration-inspector)",
	    50, &b);
	assert_string_equal(buf_cstr(&b), "Punctuation:(|NameBuiltin:"
	    "variable-reference->module-declaration-inspector|"
	    "Punctuation:)|");
	/* ensure_nl (Rust has it): the added newline is not a token */
	lex("rust", "x", 1, &b);
	assert_string_equal(buf_cstr(&b), "Name:x|");
	/* a markdown fence naming plaintext (Go-coded in Chroma) or a
	 * delegating lexer: each lexed as Chroma does, as in Hugo */
	{
		static const char md[] = "```text\na <b>\n```\n```md\n*x*\n"
		    "```\n";

		lex("markdown", md, sizeof(md) - 1, &b);
		assert_string_equal(buf_cstr(&b), "LiteralString:```text\n|"
		    "Text:a <b>\n|LiteralString:```|Text:\n|LiteralString:"
		    "```md\n|Text:*x*\n|LiteralString:```|Text:\n|");
	}
	/* TypeRemappingLexer: Emacs Lisp's symbols by Chroma's word lists
	 * (a later list wins: signal, a builtin function, is an error
	 * keyword too) */
	lex("elisp", "(when (signal x) &optional)", 27, &b);
	assert_string_equal(buf_cstr(&b), "Punctuation:(|NameBuiltin:when|"
	    "Text: |Punctuation:(|NameException:signal|Text: |NameVariable:x|"
	    "Punctuation:)|Text: |KeywordPseudo:&optional|Punctuation:)|");
	/* regexp2 reads [^\W\d] as [^\W]: Java's identifiers may start
	 * with a digit in Hugo's output */
	lex("java", "9abc", 4, &b);
	assert_non_null(strstr(buf_cstr(&b), "Name:9abc|"));
	/* Raku: findBrackets takes a quote to the bracket closing it,
	 * nested ones within; a closure in a qq string puts a rule for
	 * its "}" first in root; a heredoc runs to its terminator; pod's
	 * B<...> pushes a state whose rules its code made */
	lex("raku", "q{a {b} c}", 10, &b);
	assert_string_equal(buf_cstr(&b), "Keyword:q|Punctuation:{|"
	    "LiteralString:a {b} c|Punctuation:}|");
	lex("raku", "say qq{x {1 + 2} y};", 20, &b);
	assert_string_equal(buf_cstr(&b), "NameBuiltin:say|Text: |"
	    "Keyword:qq|Punctuation:{|LiteralStringDouble:x |Punctuation:{|"
	    "LiteralNumberInteger:1|Text: |Operator:+|Text: |"
	    "LiteralNumberInteger:2|Punctuation:}|LiteralStringDouble: y|"
	    "Punctuation:};|");
	lex("raku", "my $h = q:to/END/;\n  text\n  END\n", 32, &b);
	assert_string_equal(buf_cstr(&b), "Keyword:my|Text: |NameVariable:$h|"
	    "Text: |Operator:=|Text: |Keyword:q|LiteralStringAffix::to|"
	    "Punctuation:/END/;|LiteralString:\n  text\n  |Punctuation:END|"
	    "Text:\n|");
	lex("raku", "=begin pod\nB<bold> C<x>\n=end pod\n", 33, &b);
	assert_string_equal(buf_cstr(&b), "Keyword:=begin|LiteralStringDoc: |"
	    "Keyword:pod|LiteralStringDoc:\n|Keyword:B|Punctuation:<|"
	    "GenericStrong:bold|Punctuation:>|LiteralStringDoc: |Keyword:C|"
	    "Punctuation:<|LiteralStringOther:x|Punctuation:>|"
	    "LiteralStringDoc:\n|Keyword:=end pod|Text:\n|");
	/* invalid UTF-8: one U+FFFD per bad byte, as Go's []rune */
	lex("plaintext", "a\377b", 3, &b);
	assert_string_equal(buf_cstr(&b), "Text:a\357\277\275b|");
	/* Coalesce: equal neighbours merge while under 8 KiB */
	for (i = 0; i < 1000; i++)
		buf_puts(&big, "0123456789\n");
	assert_int_equal(hl_tokenise(hl_lexer_get("plaintext"), big.data,
	    big.len, &t), HL_LEX_OK);
	assert_int_equal(t.n, 2);
	/* 744 lines are 8184 bytes, under 8192: one more "0123456789"
	 * joins, its newline starts the next token */
	assert_int_equal(t.v[0].len, 8194);
	assert_int_equal(t.v[0].len + t.v[1].len, big.len);
	hl_tokens_free(&t);
	buf_free(&big);
	buf_free(&b);
}

/* A hostile block ends within the bound, unhighlighted, with a warning:
 * 3,000 nested "$(" push Bash's state stack past its bound. A long
 * string of escapes stays within it. Raku's nesting and its search for
 * closing brackets are bounded too. */
static void
test_budget(void **state)
{
	struct buf code = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	struct buf warn = BUF_INIT;
	struct hl_tokens t = HL_TOKENS_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 3000; i++)
		buf_puts(&code, "$(");
	assert_int_equal(hl_tokenise(hl_lexer_get("bash"), code.data,
	    code.len, &t), HL_LEX_BUDGET);
	assert_int_equal(t.n, 1);
	assert_int_equal(hl_fence_at(&out, "bash", 0, code.data, code.len,
	    NULL, &err, &warn), 0);
	assert_non_null(strstr(buf_cstr(&warn), "work bound"));
	assert_non_null(strstr(buf_cstr(&out), "<span class=\"cl\">$($("));
	buf_reset(&code);
	for (i = 0; i < 100000; i++)
		buf_puts(&code, "\"\\");
	assert_int_equal(hl_tokenise(hl_lexer_get("python"), code.data,
	    code.len, &t), HL_LEX_OK);
	/* Raku: quotes lexed within closures within quotes, past the
	 * nesting bound; a quote whose closing bracket is searched for
	 * past 50,000 nested ones ... */
	buf_reset(&code);
	for (i = 0; i < 30; i++)
		buf_puts(&code, "qq[{");
	assert_int_equal(hl_tokenise(hl_lexer_get("raku"), code.data,
	    code.len, &t), HL_LEX_BUDGET);
	buf_reset(&code);
	buf_puts(&code, "q{ ");
	for (i = 0; i < 100000; i++)
		buf_puts(&code, i < 50000 ? "{ " : "} ");
	assert_int_equal(hl_tokenise(hl_lexer_get("raku"), code.data,
	    code.len, &t), HL_LEX_BUDGET);
	assert_int_equal(t.n, 1);
	/* ... and past 100,000 escaped closing brackets, each of which
	 * Chroma's search recurses for */
	buf_reset(&code);
	buf_puts(&code, "q{");
	for (i = 0; i < 100000; i++)
		buf_puts(&code, "a\\}");
	assert_int_equal(hl_tokenise(hl_lexer_get("raku"), code.data,
	    code.len, &t), HL_LEX_BUDGET);
	hl_tokens_free(&t);
	buf_free(&code);
	buf_free(&out);
	buf_free(&err);
	buf_free(&warn);
}

static void
test_options(void **state)
{
	struct buf out = BUF_INIT, err = BUF_INIT, warn = BUF_INIT;
	struct site s;

	(void)state;
	/* a value Hugo's decoder refuses fails the build */
	assert_int_equal(hl_fence_at(&out, "go {linenostart=\"abc\"}", 0,
	    "x\n", 2, NULL, &err, NULL), -1);
	assert_non_null(strstr(buf_cstr(&err), "linenostart"));
	buf_reset(&err);
	assert_int_equal(hl_code(&out, "rust", "linenos", "x", 1, NULL,
	    &err), -1);
	assert_string_equal(buf_cstr(&err), "invalid Highlight option: "
	    "linenos");
	/* a block Chroma's lexer panics on (Raku's pod block with no
	 * =end): Hugo's markup, unhighlighted, and a warning */
	buf_reset(&out);
	assert_int_equal(hl_fence_at(&out, "raku", 0, "=begin x\nsay 2;\n",
	    16, NULL, &err, &warn), 0);
	assert_string_equal(buf_cstr(&out), "<div class=\"highlight\"><pre "
	    "tabindex=\"0\" class=\"chroma\"><code class=\"language-raku\" "
	    "data-lang=\"raku\"><span class=\"line\"><span class=\"cl\">"
	    "=begin x\n</span></span><span class=\"line\"><span class=\"cl\">"
	    "say 2;\n</span></span></code></pre></div>");
	assert_non_null(strstr(buf_cstr(&warn), "Raku"));
	/* the same within a markdown block: the whole block plain, and
	 * a warning */
	buf_reset(&out);
	buf_reset(&warn);
	assert_int_equal(hl_fence_at(&out, "md", 0, "```raku\n=begin x\n```\n",
	    21, NULL, &err, &warn), 0);
	assert_non_null(strstr(buf_cstr(&out), "<span class=\"cl\">```raku"));
	assert_non_null(strstr(buf_cstr(&warn), "markdown"));
	/* the ordinal names the line anchors */
	buf_reset(&out);
	assert_int_equal(hl_fence_at(&out, "c {linenos=inline,anchorlinenos="
	    "true}", 3, "x\n", 2, NULL, &err, NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "<span class=\"ln\" "
	    "id=\"hl-3-1\"><a class=\"lnlinks\" href=\"#hl-3-1\">1</a>"));
	/* codeFences off: nothing written, the block is cmark's */
	site_init(&s);
	site_set(&s, "hl.codeFences", "0");
	buf_reset(&out);
	assert_int_equal(hl_fence_at(&out, "c", 0, "x\n", 2, &s, &err, NULL),
	    0);
	assert_int_equal(out.len, 0);
	site_free(&s);
	buf_free(&out);
	buf_free(&err);
	buf_free(&warn);
}

static int
teardown(void **state)
{
	(void)state;
	hl_lex_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_table),
		cmocka_unit_test(test_golden_inline),
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_lexer_rules),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
