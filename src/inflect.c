/* inflect.c - the plural of a section's name for its default title, by
 * the rules of the English inflection library Hugo 0.111.3 is built with
 * (gobuffalo/flect 0.3.0), checked against Hugo (tests/hugo/listkinds). */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "inflect.h"
#include "unicode.h"

struct word_pair {
	const char *one, *many;
};

/* Words whose plural is known whole (their lower-case form). A word that
 * is one of the plurals is left as it is. */
static const struct word_pair words[] = {
	{ "aircraft", "aircraft" }, { "alias", "aliases" },
	{ "alumna", "alumnae" }, { "alumnus", "alumni" },
	{ "analysis", "analyses" }, { "antenna", "antennas" },
	{ "antithesis", "antitheses" }, { "apex", "apexes" },
	{ "appendix", "appendices" }, { "axis", "axes" },
	{ "bacillus", "bacilli" }, { "bacterium", "bacteria" },
	{ "basis", "bases" }, { "beau", "beaus" }, { "bison", "bison" },
	{ "bureau", "bureaus" }, { "bus", "buses" },
	{ "campus", "campuses" }, { "caucus", "caucuses" },
	{ "child", "children" }, { "ch\xc3\xa2teau", "ch\xc3\xa2teaux" },
	{ "circus", "circuses" }, { "codex", "codices" },
	{ "concerto", "concertos" }, { "corpus", "corpora" },
	{ "crisis", "crises" }, { "criterion", "criteria" },
	{ "curriculum", "curriculums" }, { "datum", "data" },
	{ "deer", "deer" }, { "diagnosis", "diagnoses" }, { "die", "dice" },
	{ "dwarf", "dwarves" }, { "ellipsis", "ellipses" },
	{ "equipment", "equipment" }, { "erratum", "errata" },
	{ "fez", "fezzes" }, { "fish", "fish" }, { "focus", "foci" },
	{ "foo", "foos" }, { "foot", "feet" }, { "formula", "formulas" },
	{ "fungus", "fungi" }, { "genus", "genera" }, { "goose", "geese" },
	{ "graffito", "graffiti" }, { "grouse", "grouse" },
	{ "half", "halves" }, { "halo", "halos" }, { "hoof", "hooves" },
	{ "human", "humans" }, { "hypothesis", "hypotheses" },
	{ "index", "indices" }, { "information", "information" },
	{ "jeans", "jeans" }, { "larva", "larvae" },
	{ "libretto", "librettos" }, { "loaf", "loaves" },
	{ "locus", "loci" }, { "louse", "lice" }, { "matrix", "matrices" },
	{ "medium", "media" }, { "minutia", "minutiae" },
	{ "money", "money" }, { "moose", "moose" }, { "mouse", "mice" },
	{ "nebula", "nebulae" }, { "news", "news" },
	{ "nucleus", "nuclei" }, { "oasis", "oases" },
	{ "octopus", "octopi" }, { "offspring", "offspring" },
	{ "opus", "opera" }, { "ovum", "ova" }, { "ox", "oxen" },
	{ "parenthesis", "parentheses" }, { "person", "people" },
	{ "phenomenon", "phenomena" }, { "photo", "photos" },
	{ "phylum", "phyla" }, { "piano", "pianos" }, { "plus", "pluses" },
	{ "police", "police" }, { "prognosis", "prognoses" },
	{ "prometheus", "prometheuses" }, { "quiz", "quizzes" },
	{ "quota", "quotas" }, { "radius", "radiuses" },
	{ "referendum", "referendums" }, { "ress", "resses" },
	{ "rice", "rice" }, { "salmon", "salmon" }, { "sex", "sexes" },
	{ "series", "series" }, { "sheep", "sheep" }, { "shoe", "shoes" },
	{ "shrimp", "shrimp" }, { "species", "species" },
	{ "stimulus", "stimuli" }, { "stratum", "strata" },
	{ "swine", "swine" }, { "syllabus", "syllabi" },
	{ "symposium", "symposiums" }, { "synapse", "synapses" },
	{ "synopsis", "synopses" }, { "tableau", "tableaus" },
	{ "testis", "testes" }, { "thesis", "theses" },
	{ "thief", "thieves" }, { "tooth", "teeth" }, { "trout", "trout" },
	{ "tuna", "tuna" }, { "vedalia", "vedalias" },
	{ "vertebra", "vertebrae" }, { "vertix", "vertices" },
	{ "vita", "vitae" }, { "vortex", "vortices" },
	{ "wharf", "wharves" }, { "wife", "wives" }, { "woman", "women" },
	{ "wolf", "wolves" }, { "you", "you" },
};

/* Suffix rules, tried in this order on the lower-case word: a word
 * ending in a rule's plural stays as it is; one ending in its singular
 * has those bytes replaced by the plural, written as here (so "Box"
 * gives "boxes", as Hugo's title does). */
static const struct word_pair suffixes[] = {
	{ "campus", "campuses" }, { "person", "people" },
	{ "phylum", "phyla" }, { "randum", "randa" }, { "actus", "acti" },
	{ "adium", "adia" }, { "basis", "basis" }, { "child", "children" },
	{ "chive", "chives" }, { "focus", "foci" }, { "genus", "genera" },
	{ "hello", "hellos" }, { "jeans", "jeans" }, { "louse", "lice" },
	{ "media", "media" }, { "mouse", "mice" }, { "movie", "movies" },
	{ "oasis", "oasis" }, { "atum", "ata" }, { "atus", "atuses" },
	{ "base", "bases" }, { "cess", "cesses" }, { "dium", "diums" },
	{ "eses", "esis" }, { "half", "halves" }, { "hive", "hives" },
	{ "iano", "ianos" }, { "irus", "iri" }, { "isis", "ises" },
	{ "leus", "li" }, { "mnus", "mni" }, { "move", "moves" },
	{ "news", "news" }, { "odex", "odice" }, { "oose", "eese" },
	{ "ouse", "ouses" }, { "ovum", "ova" }, { "shoe", "shoes" },
	{ "stis", "stes" }, { "tive", "tives" }, { "vice", "vices" },
	{ "wife", "wives" }, { "afe", "aves" }, { "bfe", "bves" },
	{ "box", "boxes" }, { "cfe", "cves" }, { "dfe", "dves" },
	{ "dge", "dges" }, { "efe", "eves" }, { "gfe", "gves" },
	{ "hfe", "hves" }, { "ife", "ives" }, { "itz", "itzes" },
	{ "ium", "ia" }, { "ize", "izes" }, { "jfe", "jves" },
	{ "kfe", "kves" }, { "man", "men" }, { "mfe", "mves" },
	{ "nfe", "nves" }, { "nna", "nnas" }, { "oaf", "oaves" },
	{ "oci", "ocus" }, { "ode", "odes" }, { "ofe", "oves" },
	{ "pfe", "pves" }, { "qfe", "qves" }, { "quy", "quies" },
	{ "rfe", "rves" }, { "sfe", "sves" }, { "tfe", "tves" },
	{ "tum", "ta" }, { "tus", "tuses" }, { "ufe", "uves" },
	{ "ula", "ulae" }, { "ula", "ulas" }, { "uli", "ulus" },
	{ "use", "uses" }, { "uss", "usses" }, { "vfe", "vves" },
	{ "wfe", "wves" }, { "xfe", "xves" }, { "yfe", "yves" },
	{ "you", "you" }, { "zfe", "zves" }, { "by", "bies" },
	{ "ch", "ches" }, { "cy", "cies" }, { "dy", "dies" },
	{ "ex", "ices" }, { "fy", "fies" }, { "gy", "gies" },
	{ "hy", "hies" }, { "io", "ios" }, { "jy", "jies" },
	{ "ky", "kies" }, { "lf", "lves" }, { "ly", "lies" },
	{ "my", "mies" }, { "ny", "nies" }, { "py", "pies" },
	{ "qy", "qies" }, { "rf", "rves" }, { "ry", "ries" },
	{ "sh", "shes" }, { "ss", "sses" }, { "sy", "sies" },
	{ "ty", "ties" }, { "tz", "tzes" }, { "va", "vae" },
	{ "vy", "vies" }, { "wy", "wies" }, { "xy", "xies" },
	{ "zy", "zies" }, { "zz", "zzes" }, { "o", "oes" }, { "x", "xes" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* words[] by its singular and by its plural, sorted once (a worker names
 * a section on every article's breadcrumbs): a look-up is a binary
 * search, not a walk of the table. */
static const struct word_pair *by_one[NELEM(words)], *by_many[NELEM(words)];
/* The length of each suffixes[i].one and .many. */
static size_t one_len[NELEM(suffixes)], many_len[NELEM(suffixes)];

static int
cmp_one(const void *a, const void *b)
{
	return strcmp((*(const struct word_pair *const *)a)->one,
	    (*(const struct word_pair *const *)b)->one);
}

static int
cmp_many(const void *a, const void *b)
{
	return strcmp((*(const struct word_pair *const *)a)->many,
	    (*(const struct word_pair *const *)b)->many);
}

static void
sort_words(void)
{
	static int sorted;
	size_t i;

	if (sorted)
		return;
	for (i = 0; i < NELEM(words); i++)
		by_one[i] = by_many[i] = &words[i];
	for (i = 0; i < NELEM(suffixes); i++) {
		one_len[i] = strlen(suffixes[i].one);
		many_len[i] = strlen(suffixes[i].many);
	}
	qsort(by_one, NELEM(words), sizeof(by_one[0]), cmp_one);
	qsort(by_many, NELEM(words), sizeof(by_many[0]), cmp_many);
	sorted = 1;
}

/* The entry of words[] whose singular (or plural, many) is w, or NULL;
 * of several, the first in words[], as a walk of it would find. */
static const struct word_pair *
find_word(const char *w, int many)
{
	const struct word_pair *const *list = many ? by_many : by_one;
	const struct word_pair *hit = NULL;
	size_t lo = 0, hi = NELEM(words);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(w, many ? list[mid]->many : list[mid]->one);

		if (c > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < NELEM(words) && strcmp(w, many ? list[lo]->many :
	    list[lo]->one) == 0; lo++)
		if (hit == NULL || list[lo] < hit)
			hit = list[lo];
	return hit;
}

/* The characters that part words besides white space. */
static const char separators[] = "_ :-/";

static int
is_separator(unsigned long c)
{
	return (c < 128 && c != '\0' && strchr(separators, (int)c) != NULL) ||
	    uni_is_space(c);
}

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* Does b end with suffix (of length k)? Its last byte is compared
 * first: most suffixes fail there. */
static int
has_suffix(const struct buf *b, const char *suffix, size_t k)
{
	return k > 0 && b->len >= k && b->data[b->len - 1] == suffix[k - 1] &&
	    memcmp(b->data + b->len - k, suffix, k) == 0;
}

/* Trims a part as flect does: white space, then each separator in turn
 * from both ends; sets [*start, *end). */
static void
trim_part(const char *s, size_t *start, size_t *end)
{
	unsigned long c;
	size_t i, k;

	while (*start < *end) {
		k = uni_next(s + *start, *end - *start, &c);
		if (!uni_is_space(c))
			break;
		*start += k;
	}
	while (*end > *start) {
		for (k = 1; k < *end - *start &&
		    (s[*end - k] & 0xc0) == 0x80; k++)
			;
		uni_next(s + *end - k, k, &c);
		if (!uni_is_space(c))
			break;
		*end -= k;
	}
	for (i = 0; separators[i] != '\0'; i++) {
		while (*start < *end && s[*start] == separators[i])
			(*start)++;
		while (*end > *start && s[*end - 1] == separators[i])
			(*end)--;
	}
}

/* The last word of s: flect splits at white space and separators, before
 * an upper-case letter that follows a letter in lower case, and at any
 * character that is no letter, digit or punctuation. Sets [*start, *end)
 * (empty when s holds no word). */
static void
last_word(const char *s, size_t *start, size_t *end)
{
	size_t n = strlen(s), i = 0, k, cs = 0, ce = 0;
	unsigned long c, prev = 0;
	int have = 0;

	*start = *end = 0;
	while (i < n) {
		k = uni_next(s + i, n - i, &c);
		if (is_separator(c) || (iswupper((wint_t)c) &&
		    !iswupper((wint_t)prev))) {
			if (have) {
				size_t a = cs, b = ce;

				trim_part(s, &a, &b);
				if (a < b) {
					*start = a;
					*end = b;
				}
			}
			cs = i;
			ce = i + k;
			have = 1;
		} else if (uni_is_letter(c) || uni_is_digit(c) ||
		    uni_is_go_punct(c) || c == '`') {
			if (!have || ce != i) {
				if (have) {
					size_t a = cs, b = ce;

					trim_part(s, &a, &b);
					if (a < b) {
						*start = a;
						*end = b;
					}
				}
				cs = i;
			}
			ce = i + k;
			have = 1;
		} else if (have) {
			size_t a = cs, b = ce;

			trim_part(s, &a, &b);
			if (a < b) {
				*start = a;
				*end = b;
			}
			have = 0;
		}
		prev = c;
		i += k;
	}
	if (have) {
		trim_part(s, &cs, &ce);
		if (cs < ce) {
			*start = cs;
			*end = ce;
		}
	}
}

/* Appends s with its first character in title case. */
static void
put_capital(struct buf *out, const char *s, size_t n)
{
	unsigned long c;
	size_t k;

	if (n == 0)
		return;
	k = uni_next(s, n, &c);
	uni_put(out, (unsigned long)towupper((wint_t)c));
	buf_add(out, s + k, n - k);
}

/* Is the first character of s (n bytes) other than a lower-case one? */
static int
is_capital(const char *s, size_t n)
{
	unsigned long c;

	if (n == 0)
		return 1;
	uni_next(s, n, &c);
	return (unsigned long)towupper((wint_t)c) == c;
}

void
inflect_plural(struct buf *out, const char *s)
{
	struct buf lower = BUF_INIT;
	const struct word_pair *pair;
	size_t n = strlen(s), ws, we, wn, keep, i, k;
	const char *w;
	unsigned long c;

	last_word(s, &ws, &we);
	if (ws == we)
		return;		/* flect gives an empty string */
	w = s + ws;
	wn = we - ws;
	/* The original less the word, when it ends with it (Go's
	 * strings.TrimSuffix). */
	keep = n >= wn && memcmp(s + n - wn, w, wn) == 0 ? n - wn : n;
	for (i = 0; i < wn; i += k) {
		k = uni_next(w + i, wn - i, &c);
		uni_put_lower(&lower, c);
	}
	sort_words();
	if (find_word(buf_cstr(&lower), 1) != NULL) {
		buf_add(out, s, n);
		goto out;
	}
	if ((pair = find_word(buf_cstr(&lower), 0)) != NULL) {
		buf_add(out, s, keep);
		if (is_capital(w, wn))
			put_capital(out, pair->many, strlen(pair->many));
		else
			buf_puts(out, pair->many);
		goto out;
	}
	for (i = 0; i < NELEM(suffixes); i++) {
		if (has_suffix(&lower, suffixes[i].many, many_len[i])) {
			buf_add(out, s, keep);
			buf_add(out, w, wn);
			goto out;
		}
		if (has_suffix(&lower, suffixes[i].one, one_len[i])) {
			size_t cut = one_len[i];

			buf_add(out, s, keep);
			buf_add(out, w, wn >= cut ? wn - cut : 0);
			buf_puts(out, suffixes[i].many);
			goto out;
		}
	}
	buf_add(out, s, n);
	if (!ends_with(lower.data, lower.len, "s"))
		buf_putc(out, 's');
out:
	buf_free(&lower);
}

void
inflect_section_title(struct buf *out, const char *name)
{
	struct buf first = BUF_INIT;

	put_capital(&first, name, strlen(name));
	inflect_plural(out, buf_cstr(&first));
	buf_free(&first);
}

void
inflect_capital(struct buf *out, const char *name)
{
	put_capital(out, name, strlen(name));
}
