/* test-related.c - the importer's ranking of related posts
 * (src/related.c): most shared terms first, then listing order; never the
 * page itself, a draft, another language or an expired page; and enough
 * candidates kept for what time will publish or expire. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "related.h"

#define NOW 1000000LL
#define LATER (NOW + 3600)

/* What related_rank() handed out: "page:candidate,candidate;..." */
struct got {
	char text[1024];
	long long page, rank;
};

static int
collect(void *arg, long long page, long long rank, size_t place)
{
	struct got *g = arg;
	size_t n = strlen(g->text);
	long long candidate = (long long)place + 1;	/* ids are places + 1 */

	if (page != g->page) {
		snprintf(g->text + n, sizeof(g->text) - n, "%s%lld:%lld",
		    n > 0 ? ";" : "", page, candidate);
		g->page = page;
		g->rank = 1;
	} else {
		snprintf(g->text + n, sizeof(g->text) - n, ",%lld", candidate);
		g->rank++;
	}
	assert_int_equal(rank, g->rank);
	return 0;
}

/* A lasting page of language 0 with id `id`. */
#define PAGE(id) { (id), 0, LLONG_MAX, 0, 0 }

static void
test_shared_then_listing_order(void **state)
{
	/* Listing order is the array's: 1 is newest. */
	struct related_page pages[] = {
		PAGE(1), PAGE(2), PAGE(3), PAGE(4), PAGE(5),
	};
	/* 1 has terms 10 and 11; 4 shares both, 2 and 5 one, 3 none. */
	struct related_pair pairs[] = {
		{ 10, 1 }, { 11, 1 }, { 10, 2 }, { 11, 4 }, { 10, 4 },
		{ 11, 5 }, { 12, 3 }, { 10, 1 },	/* a repeated pair */
		{ 10, 99 },			/* no such page */
	};
	struct got g = { "", 0, 0 };

	(void)state;
	assert_int_equal(related_rank(pages, 5, pairs, sizeof(pairs) /
	    sizeof(pairs[0]), NOW, collect, &g), 0);
	assert_string_equal(g.text, "1:4,2,5;2:1,4;4:1,2,5;5:1,4");
}

static void
test_never_shown(void **state)
{
	struct related_page pages[] = {
		PAGE(1), PAGE(2), PAGE(3), PAGE(4), PAGE(5),
	};
	struct related_pair pairs[] = {
		{ 10, 1 }, { 10, 2 }, { 10, 3 }, { 10, 4 }, { 10, 5 },
	};
	struct got g = { "", 0, 0 };

	(void)state;
	pages[1].draft = 1;		/* 2: a draft, and ranks nothing */
	pages[2].lang = 1;		/* 3: another language */
	pages[3].expire_at = NOW;	/* 4: expired at the import */
	assert_int_equal(related_rank(pages, 5, pairs, 5, NOW, collect, &g), 0);
	assert_string_equal(g.text, "1:5;4:1,5;5:1");
}

static void
test_kept_for_later(void **state)
{
	/* Page 1 shares its term with eight others: 2 is published later,
	 * 3 expires later; they do not count towards the five that are
	 * shown for good, so the list runs on to 8, and 9 is never needed. */
	struct related_page pages[] = {
		PAGE(1), PAGE(2), PAGE(3), PAGE(4), PAGE(5), PAGE(6),
		PAGE(7), PAGE(8), PAGE(9),
	};
	struct related_pair pairs[9];
	struct got g = { "", 0, 0 };
	int i;

	(void)state;
	for (i = 0; i < 9; i++) {
		pairs[i].term = 10;
		pairs[i].page = i + 1;
	}
	pages[1].publish_at = LATER;
	pages[2].expire_at = LATER;
	assert_int_equal(related_rank(pages, 9, pairs, 9, NOW, collect, &g), 0);
	assert_true(strncmp(g.text, "1:2,3,4,5,6,7,8;", 16) == 0);
}

static int
stop(void *arg, long long page, long long rank, size_t candidate)
{
	int *calls = arg;

	(void)page;
	(void)rank;
	(void)candidate;
	return ++*calls == 2 ? 7 : 0;
}

static void
test_put_stops(void **state)
{
	struct related_page pages[] = { PAGE(1), PAGE(2), PAGE(3) };
	struct related_pair pairs[] = { { 10, 1 }, { 10, 2 }, { 10, 3 } };
	int calls = 0;

	(void)state;
	assert_int_equal(related_rank(pages, 3, pairs, 3, NOW, stop, &calls), 7);
	assert_int_equal(calls, 2);
	assert_int_equal(related_rank(pages, 0, NULL, 0, NOW, stop, &calls), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_then_listing_order),
		cmocka_unit_test(test_never_shown),
		cmocka_unit_test(test_kept_for_later),
		cmocka_unit_test(test_put_stops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
