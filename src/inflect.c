/* inflect.c - the plural of a section's name for its default title, by
 * the rules of the English inflection library Hugo 0.111.3 is built with
 * (gobuffalo/flect 0.3.0), checked against Hugo (tests/hugo/listkinds). */
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

/* The characters that part words besides white space. */
static const char separators[] = "_ :-/";

static int
is_separator(unsigned long c)
{
	return (c < 128 && c != '\0' && strchr(separators, (int)c) != NULL) ||
	    uni_is_space(c);
}

/* Go's unicode.IsPunct for ASCII; the C library's class beyond. */
static int
is_punct(unsigned long c)
{
	if (c < 128)
		return c != '\0' && strchr("!\"#%&'()*,-./:;?@[\\]_{}",
		    (int)c) != NULL;
	return iswpunct((wint_t)c);
}

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
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
		    is_punct(c) || c == '`') {
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
	for (i = 0; i < NELEM(words); i++)
		if (strcmp(buf_cstr(&lower), words[i].many) == 0) {
			buf_add(out, s, n);
			goto out;
		}
	for (i = 0; i < NELEM(words); i++)
		if (strcmp(buf_cstr(&lower), words[i].one) == 0) {
			buf_add(out, s, keep);
			if (is_capital(w, wn))
				put_capital(out, words[i].many,
				    strlen(words[i].many));
			else
				buf_puts(out, words[i].many);
			goto out;
		}
	for (i = 0; i < NELEM(suffixes); i++) {
		if (ends_with(lower.data, lower.len, suffixes[i].many)) {
			buf_add(out, s, keep);
			buf_add(out, w, wn);
			goto out;
		}
		if (ends_with(lower.data, lower.len, suffixes[i].one)) {
			size_t cut = strlen(suffixes[i].one);

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
