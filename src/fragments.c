/* fragments.c - a page's importer-made HTML, kept and spliced (see
 * fragments.h). */
#include <stdlib.h>
#include <string.h>

#include "fragments.h"

size_t
fragments_add(struct fragments *f, enum fragment_kind kind, const char *html,
    size_t n)
{
	struct md_fragment **list = kind == FRAGMENT_CODE ? &f->code :
	    kind == FRAGMENT_IMAGE ? &f->images : &f->shortcodes;
	size_t *count = kind == FRAGMENT_CODE ? &f->ncode :
	    kind == FRAGMENT_IMAGE ? &f->nimages : &f->nshortcodes;
	char *copy = xmalloc(n + 1);

	/* Grows at powers of two from 4. */
	if (*count == 0)
		*list = xmalloc(4 * sizeof(**list));
	else if (*count >= 4 && (*count & (*count - 1)) == 0)
		*list = xrealloc(*list, 2 * *count * sizeof(**list));
	memcpy(copy, html, n);
	copy[n] = '\0';
	(*list)[*count].html = copy;
	(*list)[*count].len = n;
	return (*count)++;
}

void
fragments_hooks(const struct fragments *f, struct md_hooks *hooks)
{
	memset(hooks, 0, sizeof(*hooks));
	hooks->code = f->code;
	hooks->ncode = f->ncode;
	hooks->shortcodes = f->shortcodes;
	hooks->nshortcodes = f->nshortcodes;
	hooks->images = f->images;
	hooks->nimages = f->nimages;
}

void
fragments_free(struct fragments *f)
{
	size_t i;

	for (i = 0; i < f->ncode; i++)
		free((char *)f->code[i].html);
	for (i = 0; i < f->nshortcodes; i++)
		free((char *)f->shortcodes[i].html);
	for (i = 0; i < f->nimages; i++)
		free((char *)f->images[i].html);
	free(f->code);
	free(f->shortcodes);
	free(f->images);
	memset(f, 0, sizeof(*f));
}
