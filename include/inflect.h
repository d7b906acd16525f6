/* inflect.h - a section's default title as Hugo 0.111 makes it: the
 * folder name with its first letter in upper case, made plural by the
 * English rules of the inflection library Hugo 0.111.3 is built with
 * (gobuffalo/flect 0.3.0). */
#ifndef QUIRE_INFLECT_H
#define QUIRE_INFLECT_H

#include "buf.h"

/* Appends to out the plural of the UTF-8 word (or words) s, as flect's
 * Pluralize gives it: known words from a table ("person" -> "people"),
 * else the first suffix rule that fits the last word ("story" ->
 * "stories"), else an "s". Needs uni_init(). */
void inflect_plural(struct buf *out, const char *s);

/* Appends Hugo's default title of the section folder name: its first
 * character in upper case, then inflect_plural() ("note" -> "Notes",
 * "child" -> "Children", "box" -> "boxes", as Hugo writes it). */
void inflect_section_title(struct buf *out, const char *name);

/* Appends name with its first character in upper case (Hugo's
 * FirstUpper): the section's default title under pluralizeListTitles:
 * false ("post" -> "Post"). */
void inflect_capital(struct buf *out, const char *name);

#endif
