/* gen-blog.c - writes a realistic Hugo blog with a fixed seed, for `make
 * bench`: NPOSTS posts of 300-4,000 words (skewed towards short ones) with
 * YAML front matter (title, date, tags from a pool of 40), headings, lists,
 * code blocks, tables, links, quotes and footnotes, plus the article,
 * content/posts/the-article.md, of ARTICLE_WORDS words of prose (default
 * 2,500: Hugo and quire count about 3,000 with its code and table), and
 * the code article, content/posts/the-code-article.md: about 3,000 words
 * with ten code blocks, two each in Rust, Python, Bash, YAML and JSON.
 *
 *   gen-blog OUTDIR NPOSTS SEED [ARTICLE_WORDS]
 *
 * Writes OUTDIR/hugo.yaml and OUTDIR/content/posts/, and prints, one per
 * line, `newest=FILE`, `tag=TAG` and `search=WORD` (a word found in a few
 * percent of the posts) for the benchmark. The same arguments always give
 * the same bytes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned
below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static double
unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const common[] = {
	"the", "a", "of", "to", "and", "in", "is", "it", "that", "for", "on",
	"with", "as", "this", "we", "you", "are", "be", "by", "at", "from",
	"or", "an", "not", "but", "can", "when", "which", "all", "one", "so",
	"what", "there", "their", "more", "if", "no", "each", "then", "how",
	"request", "page", "server", "file", "data", "time", "memory", "cache",
	"process", "thread", "queue", "latency", "build", "compile", "test",
	"error", "value", "function", "pointer", "buffer", "string", "table",
	"index", "query", "write", "read", "small", "large", "fast", "slow",
	"simple", "careful", "every", "first", "last", "next", "little",
	"system", "program", "library", "module", "interface", "design",
	"measure", "profile", "number", "result", "output", "input", "loop",
	"review", "change", "release", "version", "user", "reader", "writer",
	"blog", "post", "draft", "note", "idea", "question", "answer",
	"morning", "evening", "week", "year", "garden", "coffee", "walk",
	"book", "chapter", "story", "friend", "team", "meeting", "plan",
	"because", "while", "after", "before", "without", "between", "under",
	"should", "would", "could", "might", "must", "often", "rarely",
	"always", "never", "really", "quite", "almost", "perhaps", "still",
	"makes", "takes", "gives", "keeps", "shows", "finds", "needs", "uses",
	"works", "runs", "starts", "stops", "grows", "fails", "holds",
	"clear", "quiet", "honest", "strange", "useful", "boring", "subtle",
	"obvious", "cheap", "expensive", "stable", "fragile", "plain",
};

struct topic {
	const char *tag;
	const char *words[3];
};

/* The first tags of the pool: each post has one topic, whose words appear
 * only in its posts (a search for one of them finds a few percent). */
static const struct topic topics[] = {
	{ "sqlite", { "vacuum", "journal", "pragma" } },
	{ "performance", { "flamegraph", "throughput", "callgrind" } },
	{ "c", { "malloc", "struct", "undefined" } },
	{ "linux", { "syscall", "kernel", "cgroup" } },
	{ "nginx", { "upstream", "location", "keepalive" } },
	{ "rust", { "borrow", "lifetime", "cargo" } },
	{ "go", { "goroutine", "channel", "gofmt" } },
	{ "python", { "virtualenv", "decorator", "pytest" } },
	{ "networking", { "packet", "handshake", "congestion" } },
	{ "security", { "sandbox", "seccomp", "capability" } },
	{ "databases", { "btree", "isolation", "snapshot" } },
	{ "writing", { "paragraph", "editor", "outline" } },
	{ "hugo", { "shortcode", "taxonomy", "permalink" } },
	{ "testing", { "fixture", "regression", "fuzzing" } },
	{ "tools", { "makefile", "shellcheck", "dotfiles" } },
	{ "emacs", { "keybinding", "orgmode", "elisp" } },
	{ "photography", { "aperture", "exposure", "darkroom" } },
	{ "cooking", { "sourdough", "braise", "saffron" } },
	{ "travel", { "railway", "ferry", "itinerary" } },
	{ "music", { "chord", "metronome", "synthesizer" } },
};

static const char *const general_tags[] = {
	"notes", "howto", "opinion", "review", "release", "debugging",
	"unix", "web", "http", "compilers", "algorithms", "books", "career",
	"open-source", "hardware", "retro", "math", "typography", "css",
	"shell",
};

static const char *const langs[] = { "c", "go", "sh", "python", "sql" };

struct out {
	FILE *f;
	long words;
};

static const char *
word(unsigned topic)
{
	if (below(100) < 4)
		return topics[topic].words[below(3)];
	return common[below(N(common))];
}

static void
sentence(struct out *o, unsigned topic)
{
	unsigned n = 6 + below(14), i;
	const char *w;

	for (i = 0; i < n; i++) {
		w = word(topic);
		if (i > 0)
			fputc(' ', o->f);
		if (i == 0) {
			fputc(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0], o->f);
			fputs(w + 1, o->f);
		} else {
			switch (below(60)) {
			case 0: fprintf(o->f, "**%s**", w); break;
			case 1: fprintf(o->f, "*%s*", w); break;
			case 2: fprintf(o->f, "`%s()`", w); break;
			case 3: fprintf(o->f, "[%s](https://example.org/%s/)", w, w);
				break;
			case 4: fprintf(o->f, "\"%s\"", w); break;
			case 5: fprintf(o->f, "%s's", w); break;
			default: fputs(w, o->f); break;
			}
		}
		o->words++;
		if (i + 1 < n && below(12) == 0)
			fputs(below(3) == 0 ? " --" : ",", o->f);
	}
	fputs(below(10) == 0 ? "?" : ".", o->f);
}

static void
paragraph(struct out *o, unsigned topic)
{
	unsigned n = 2 + below(5), i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(i % 2 ? ' ' : '\n', o->f);
		sentence(o, topic);
	}
	fputs("\n\n", o->f);
}

static void
code_block(struct out *o, unsigned topic)
{
	unsigned n = 4 + below(16), i;
	const char *lang = langs[below(N(langs))];

	fprintf(o->f, "```%s\n", lang);
	for (i = 0; i < n; i++) {
		const char *a = word(topic), *b = common[below(N(common))];

		switch (i % 4) {
		case 0: fprintf(o->f, "%*sint %s_%s = %u;\n", (int)(i % 3) * 4, "",
		    a, b, below(1000)); break;
		case 1: fprintf(o->f, "%*sif (%s < %s && n > 0) {\n",
		    (int)(i % 3) * 4, "", a, b); break;
		case 2: fprintf(o->f, "%*sreturn %s(%s, \"%s\");\n",
		    (int)(i % 3) * 4, "", a, b, word(topic)); break;
		default: fprintf(o->f, "}  // %s <%s> & %s\n", a, b, word(topic));
			break;
		}
	}
	fputs("```\n\n", o->f);
}

/* Lines of each language of the code article: %s is a word, %u a number. */
static const struct {
	const char *lang;
	const char *lines[6];
} code_langs[] = {
	{ "rust", { "fn %s(input: &str) -> Result<usize, Error> {",
	    "    let count = input.lines().filter(|l| l.contains(\"%s\")).count();",
	    "    // %s: checked before the loop",
	    "    for i in 0..%u { total += weights[i] as u64; }",
	    "    let v: Vec<String> = items.iter().map(|x| x.to_string()).collect();",
	    "    Ok(count + %u)\n}" } },
	{ "python", { "def %s(items, limit=10):",
	    "    \"\"\"Return the %s entries in order.\"\"\"",
	    "    result = [x for x in items if x.score > %u]",
	    "    # %s keeps the order stable",
	    "    return sorted(result, key=lambda x: (x.name, x.size))[:limit]",
	    "print(f\"{len(items)} items, {%u} kept\")" } },
	{ "bash", { "for f in \"$DIR\"/%s/*.md; do",
	    "  grep -c '%s' \"$f\" || echo \"none in $f\" >&2",
	    "done",
	    "export LIMIT=%u  # %s",
	    "if [ \"$(wc -l < \"$out\")\" -gt 10 ]; then sort -u \"$out\" | head -n %u; fi",
	    "tar -czf \"backup-$(date +%%F).tar.gz\" \"$DIR\"" } },
	{ "yaml", { "%s:", "  enabled: true",
	    "  name: \"%s\"", "  retries: %u  # %s",
	    "  paths: [/var/lib/app, /srv/data]", "  timeout: %u" } },
	{ "json", { "{", "  \"%s\": {", "    \"name\": \"%s\",",
	    "    \"count\": %u, \"note\": \"%s\",",
	    "    \"tags\": [\"a\", \"b\"], \"limit\": %u", "  }\n}" } },
};

/* A block of 20 to 30 lines in language code_langs[l]. */
static void
code_article_block(struct out *o, unsigned topic, unsigned l)
{
	unsigned n = 20 + below(11), i, k;

	fprintf(o->f, "```%s\n", code_langs[l].lang);
	for (i = 0; i < n; i++) {
		const char *line = code_langs[l].lines[i % 6];

		/* Each %s and %u in turn gets a word and a number. */
		for (k = 0; line[k] != '\0'; k++) {
			if (line[k] == '%' && line[k + 1] == 's') {
				fputs(word(topic), o->f);
				k++;
			} else if (line[k] == '%' && line[k + 1] == 'u') {
				fprintf(o->f, "%u", below(1000));
				k++;
			} else if (line[k] == '%' && line[k + 1] == '%') {
				fputc('%', o->f);
				k++;
			} else {
				fputc(line[k], o->f);
			}
		}
		fputc('\n', o->f);
	}
	fputs("```\n\n", o->f);
}

static void
table(struct out *o, unsigned topic)
{
	unsigned cols = 3 + below(3), rows = 3 + below(6), r, c;

	for (c = 0; c < cols; c++)
		fprintf(o->f, "| %s ", common[below(N(common))]);
	fputs("|\n", o->f);
	for (c = 0; c < cols; c++)
		fputs(c == 0 ? "|:---" : c + 1 == cols ? "|---:" : "|:---:", o->f);
	fputs("|\n", o->f);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			if (c + 1 == cols)
				fprintf(o->f, "| %u.%u ", below(1000), below(10));
			else
				fprintf(o->f, "| %s ", word(topic));
			o->words++;
		}
		fputs("|\n", o->f);
	}
	fputc('\n', o->f);
}

static void
list(struct out *o, unsigned topic)
{
	unsigned n = 3 + below(5), i, k, kind = below(3);

	for (i = 0; i < n; i++) {
		if (kind == 0)
			fprintf(o->f, "%u. ", i + 1);
		else if (kind == 1)
			fputs("- ", o->f);
		else
			fputs(below(2) ? "- [x] " : "- [ ] ", o->f);
		for (k = 3 + below(8); k > 0; k--) {
			fputs(word(topic), o->f);
			fputc(k > 1 ? ' ' : '\n', o->f);
			o->words++;
		}
	}
	fputc('\n', o->f);
}

static void
title(FILE *f, unsigned topic, unsigned words)
{
	unsigned i;

	for (i = 0; i < words; i++) {
		const char *w = i == 1 ? topics[topic].words[below(3)] :
		    common[below(N(common))];

		if (i > 0)
			fputc(' ', f);
		fputc(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0], f);
		fputs(w + 1, f);
	}
}

/* A post of about target words. */
static void
body(struct out *o, unsigned topic, long target, int more)
{
	long next_heading = 250 + below(300);
	int footnote = below(4) == 0, section = 0;

	paragraph(o, topic);
	if (more)
		fputs("<!--more-->\n\n", o->f);
	while (o->words < target) {
		if (o->words >= next_heading) {
			section++;
			fprintf(o->f, "%s ", below(4) == 0 ? "###" : "##");
			title(o->f, topic, 2 + below(4));
			fputs("\n\n", o->f);
			next_heading = o->words + 250 + below(300);
		}
		switch (below(14)) {
		case 0: code_block(o, topic); break;
		case 1: table(o, topic); break;
		case 2: list(o, topic); break;
		case 3:
			fputs("> ", o->f);
			sentence(o, topic);
			fputs("\n\n", o->f);
			break;
		default: paragraph(o, topic); break;
		}
	}
	if (footnote) {
		fputs("Read the notes on this.[^1]\n\n[^1]: ", o->f);
		sentence(o, topic);
		fputs("\n", o->f);
	}
}

static void
front(FILE *f, unsigned topic, long long t, int ntags)
{
	struct tm tm;
	time_t tt = (time_t)t;
	const char *tags[5];
	int n = 0, i, j;
	char date[40];

	gmtime_r(&tt, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs("---\ntitle: \"", f);
	title(f, topic, 3 + below(6));
	fprintf(f, "\"\ndate: %s\ntags: [", date);
	tags[n++] = topics[topic].tag;
	while (n < ntags) {
		/* Other topics' tags, Zipf-like, and the general ones. */
		const char *t2 = below(2) ? topics[below(1 + below(N(topics)))].tag
		    : general_tags[below(N(general_tags))];

		for (j = 0; j < n; j++)
			if (strcmp(tags[j], t2) == 0)
				break;
		if (j == n)
			tags[n++] = t2;
	}
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? ", " : "", tags[i]);
	fputs("]\n---\n", f);
}

static void
mkdirs(const char *path)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
		perror(buf);
		exit(1);
	}
}

static FILE *
create(const char *dir, const char *name)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	return f;
}

int
main(int argc, char **argv)
{
	const char *outdir;
	char posts[4096], name[64];
	long n, i, article_words = 2500;
	/* 2014-01-01 to 2024-12-31: every post is in the past. */
	const long long start = 1388534400LL, span = 346000000LL;
	struct out o;
	FILE *f;

	if (argc < 4) {
		fputs("usage: gen-blog OUTDIR NPOSTS SEED [ARTICLE_WORDS]\n", stderr);
		return 2;
	}
	outdir = argv[1];
	n = atol(argv[2]);
	rng_state = strtoull(argv[3], NULL, 10);
	if (argc > 4)
		article_words = atol(argv[4]);
	snprintf(posts, sizeof(posts), "%s/content/posts", outdir);
	mkdirs(posts);

	f = create(outdir, "hugo.yaml");
	fputs("baseURL: https://bench.example.org/\ntitle: quire bench\n"
	    "paginate: 10\ntimeZone: UTC\nparams:\n  author: bench\n"
	    "  description: A generated blog for make bench.\n", f);
	fclose(f);

	for (i = 0; i < n; i++) {
		double u = unit();
		long target = 300 + (long)(3700.0 * u * u);
		unsigned topic;
		double z = unit() * 3.5977;	/* H(20): Zipf over the topics */
		double acc = 0;

		for (topic = 0; topic + 1 < N(topics); topic++) {
			acc += 1.0 / (topic + 1);
			if (z < acc)
				break;
		}
		snprintf(name, sizeof(name), "post-%05ld.md", i + 1);
		f = create(posts, name);
		front(f, topic, start + i * (span / n) + below(3600),
		    1 + (int)below(4));
		o.f = f;
		o.words = 0;
		body(&o, topic, target, below(2) == 0);
		fclose(f);
	}

	/* The article: performance, dated mid-range, with its code and table. */
	f = create(posts, "the-article.md");
	fputs("---\ntitle: \"The article: measuring a three-thousand-word post\"\n"
	    "date: 2019-06-15T09:30:00Z\ntags: [performance, c, nginx]\n---\n", f);
	o.f = f;
	o.words = 0;
	paragraph(&o, 1);
	fputs("<!--more-->\n\n## Where the time goes\n\n", f);
	paragraph(&o, 1);
	code_block(&o, 1);
	table(&o, 1);
	body(&o, 1, article_words - 40, 0);
	code_block(&o, 2);
	fclose(f);

	/* The code article, drawn after everything else so that the other
	 * files stay as they were. */
	f = create(posts, "the-code-article.md");
	fputs("---\ntitle: \"The code article: ten blocks in five languages\"\n"
	    "date: 2019-06-16T09:30:00Z\ntags: [performance, shell]\n---\n", f);
	o.f = f;
	o.words = 0;
	paragraph(&o, 1);
	fputs("<!--more-->\n\n", f);
	for (i = 0; i < 10; i++) {
		fprintf(f, "## Part %ld\n\n", i + 1);
		/* Prose only: body() would add code blocks of its own. */
		for (o.words = 0; o.words < 140;)
			paragraph(&o, 1);
		code_article_block(&o, 1, (unsigned)(i % N(code_langs)));
	}
	fclose(f);

	printf("newest=post-%05ld.md\ntag=%s\nsearch=%s\n", n, topics[4].tag,
	    topics[4].words[2]);
	return 0;
}
