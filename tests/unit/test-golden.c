/* test-golden.c - the Markdown pipeline against golden files: each
 * tests/golden/render/NAME.md, rendered by md_render() as an article is
 * (NAME.unsafe.md with raw HTML kept), must give NAME.html byte for byte.
 * QUIRE_GOLDEN_REGEN=1 writes the .html files instead (make golden-render;
 * review the diff before committing it). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "markdown.h"
#include "unicode.h"

#define DIR_ "tests/golden/render/"

/* Reads a whole file; NULL if it cannot. Sets *n to its length. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t k;

	if (f == NULL)
		return NULL;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, k);
	fclose(f);
	*n = b.len;
	return buf_detach(&b);
}

/* Prints the first line where got and want part, numbered from 1. */
static void
print_first_difference(const char *name, const char *got, const char *want)
{
	size_t line = 1;
	const char *g = got, *w = want;

	while (*g != '\0' && *g == *w) {
		if (*g == '\n')
			line++;
		g++;
		w++;
	}
	while (g > got && g[-1] != '\n') {
		g--;
		w--;
	}
	print_error("%s:%zu: differs\n  want: %.*s\n  got:  %.*s\n", name, line,
	    (int)strcspn(w, "\n"), w, (int)strcspn(g, "\n"), g);
}

static int
is_markdown(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && strcmp(d->d_name + n - 3, ".md") == 0;
}

static void
test_golden_render(void **state)
{
	struct dirent **names;
	int i, n, failed = 0, regen = getenv("QUIRE_GOLDEN_REGEN") != NULL;

	(void)state;
	n = scandir(DIR_, &names, is_markdown, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(name) - 3, srclen, wantlen;
		unsigned flags = MD_MORE;
		struct buf path = BUF_INIT;
		struct md_result md;
		char *src, *want;

		if (len > 7 && strncmp(name + len - 7, ".unsafe", 7) == 0)
			flags |= MD_UNSAFE;
		buf_printf(&path, DIR_ "%s", name);
		src = slurp(buf_cstr(&path), &srclen);
		assert_non_null(src);
		assert_int_equal(md_render(src, srclen, flags, &md), 0);
		buf_reset(&path);
		buf_printf(&path, DIR_ "%.*s.html", (int)len, name);
		if (regen) {
			FILE *f = fopen(buf_cstr(&path), "wb");

			assert_non_null(f);
			fwrite(md.html.data, 1, md.html.len, f);
			assert_int_equal(fclose(f), 0);
		} else if ((want = slurp(buf_cstr(&path), &wantlen)) == NULL) {
			print_error("%s: missing (make golden-render)\n",
			    buf_cstr(&path));
			failed++;
		} else {
			if (wantlen != md.html.len ||
			    memcmp(want, md.html.data, wantlen) != 0) {
				print_first_difference(buf_cstr(&path),
				    buf_cstr(&md.html), want);
				failed++;
			}
			free(want);
		}
		md_result_free(&md);
		buf_free(&path);
		free(src);
		free(names[i]);
	}
	free(names);
	assert_int_equal(failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_render),
	};

	uni_init();
	date_set_zone("UTC");
	return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
