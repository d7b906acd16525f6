/* dates.h - Hugo's front-matter dates: parsing in the site's time zone,
 * and PaperMod's display format. */
#ifndef QUIRE_DATES_H
#define QUIRE_DATES_H

#include "buf.h"

/* An instant and the UTC offset it was written in (seconds east). */
struct qdate {
	long long t;
	int offset;
};

/* Says whether name is a zone date_set_zone() accepts: "UTC", or an IANA
 * zone such as "Europe/Paris" found in the system's zoneinfo. Changes
 * nothing. */
int date_zone_known(const char *name);
/* Makes name the process's zone (TZ) for dates written without one: the
 * importer calls it once, before it reads any front matter; the worker
 * never does. Returns 0, or -1 if the zone is unknown. */
int date_set_zone(const char *name);
/* Parses a front-matter date: YYYY-MM-DD, optionally followed by T or a
 * space, HH:MM[:SS[.frac]] and a zone (Z, +07:00, -0700). Returns 0, or
 * -1 when s is not such a date. */
int date_parse(const char *s, struct qdate *d);
/* A language's month and weekday names and date patterns (Unicode
 * CLDR's, read at build time), as Hugo's time.Format puts them in a
 * date. */
struct date_names;
/* The names of language lang (a Hugo language code: "fr", "pt-br"; a
 * region without names of its own takes its language's), else of
 * fallback (Hugo's: the default content language), else English's.
 * Static data: never freed. */
const struct date_names *date_names_for(const char *lang,
	const char *fallback);
/* Appends the name of month (1..12) as Go's layout "January" gives it,
 * in names' language (NULL: English), as Hugo's time.Format and
 * GroupByDate do (PaperMod's archive headings). */
void date_month_name(struct buf *b, int month, const struct date_names *n);
/* Which of Hugo's CLDR layouts layout is: 0 for ":date_full", 1
 * ":date_long", 2 ":date_medium", 3 ":date_short" (any case); -1 for any
 * other (a Go layout, or ":time_long", which quire does not write). */
int date_cldr_layout(const char *layout);
/* Appends d in its own zone as Hugo 0.111's time.Format writes it with
 * layout in the language of names (NULL: English): a Go layout ("2
 * January 2006", "02.01.2006"), its English month and weekday names then
 * replaced by the language's as Hugo replaces them; or one of
 * date_cldr_layout()'s, the language's CLDR date pattern. A zone name
 * (MST) is "UTC" or the offset: quire keeps no zone names. */
void date_format(struct buf *b, const struct qdate *d, const char *layout,
	const struct date_names *names);
/* date_format() with PaperMod's default layout, "January 2, 2006"
 * ("janvier 2, 2024" on a French page). */
void date_format_long(struct buf *b, const struct qdate *d,
	const struct date_names *names);
/* Appends d as RFC 3339 "2006-01-02T15:04:05-07:00" in its own zone. */
void date_format_iso(struct buf *b, const struct qdate *d);
/* Days from 1970-01-01 to the date y-m-d (m 1..12) of the proleptic
 * Gregorian calendar. */
long long date_days_from_civil(int y, int m, int d);
/* Appends d as RFC 822 "Mon, 02 Jan 2006 15:04:05 -0700" in its own zone
 * (RSS pubDate, as Hugo writes it). */
void date_format_rfc822(struct buf *b, const struct qdate *d);
/* The calendar fields of an instant in UTC. */
struct date_civil {
	int year, month, day;	/* month 1..12, day 1..31 */
	int hour, minute, second;
	int wday;		/* 0 = Sunday */
};

/* Breaks t (seconds since the epoch) into UTC calendar fields: plain
 * arithmetic, so no time-zone lock or state is involved (gmtime_r takes
 * one on every call). */
void date_civil_utc(long long t, struct date_civil *c);
/* Breaks d into calendar fields in its own zone. */
void date_fields(const struct qdate *d, int *year, int *month, int *day);

#endif
