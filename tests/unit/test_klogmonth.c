/* Unit tests for the dmesg -T date parser (model/klogmonth.c) and its
 * generated month table (model/klogmonth_table.c). Month and weekday names
 * are the abmon / abday strings of the glibc 2.36 locale sources
 * (/usr/share/i18n/locales/<name>, LC_TIME) named in each comment; the
 * tests do not read those files. Weekdays of the dates were checked with
 * Python's datetime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/klogmonth.h"

/* Month at the end of a string literal, no date. */
#define FIND(lit) klogmonth_find(lit, sizeof(lit) - 1, 0, 0)
/* Month at the end of a string literal on year-month?-day. */
#define FIND_ON(lit, y, d) klogmonth_find(lit, sizeof(lit) - 1, y, d)

static struct klogmonth_date date;

/* Parse a bracket's inside given as a string literal. */
#define PARSE(lit) klogmonth_parse_dmesg_t(lit, sizeof(lit) - 1, &date)

/* The bracket's inside s parses, every field as given. */
static void
date_is(const char *s, unsigned year, unsigned month, unsigned day,
        unsigned hour, unsigned min, unsigned sec)
{
	struct klogmonth_date d;

	assert_true(klogmonth_parse_dmesg_t(s, strlen(s), &d));
	assert_int_equal(d.year, year);
	assert_int_equal(d.month, month);
	assert_int_equal(d.day, day);
	assert_int_equal(d.hour, hour);
	assert_int_equal(d.min, min);
	assert_int_equal(d.sec, sec);
}

static const char *const en_abday[7] = {"Sun", "Mon", "Tue", "Wed",
                                        "Thu", "Fri", "Sat"};
static const char *const en_abmon[12] = {"Jan", "Feb", "Mar", "Apr",
                                         "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec"};

static void
test_english_every_month_and_day(void **state)
{
	char buf[64];
	unsigned m, d, wd;
	int n;

	(void)state;
	/* what dmesg -T prints in the C locale on every day of 2025 */
	for (m = 1; m <= 12; m++) {
		for (d = 1; d <= 28; d++) {
			wd = klogmonth_weekday(2025, m, d);
			assert_in_range(wd, 0, 6);
			n = snprintf(buf, sizeof buf, "%s %s %2u 17:51:31 2025",
			             en_abday[wd], en_abmon[m - 1], d);
			assert_true(
			    klogmonth_parse_dmesg_t(buf, (size_t)n, &date));
			assert_int_equal(date.month, m);
			assert_int_equal(date.day, d);
		}
	}
}

static void
test_whole_bracket_fields(void **state)
{
	(void)state;
	date_is("Tue Nov  4 17:51:31 2025", 2025, 11, 4, 17, 51, 31);

	date_is("Wed Dec 24 00:00:60 2025", 2025, 12, 24, 0, 0, 60);
}

static void
test_whole_bracket_non_ascii_weekday(void **state)
{
	(void)state;
	/* ru_RU: abday "Вт", abmon "ноя" */
	date_is("Вт ноя  4 17:51:31 2025", 2025, 11, 4, 17, 51, 31);
	/* ga_IE: "Máirt" (Tuesday) "Samh" (November) */
	date_is("Máirt Samh  4 17:51:31 2025", 2025, 11, 4, 17, 51, 31);
	/* ja_JP: 2025-01-04 is a Saturday "土"; abmon " 1月" has its own
	 * leading space, and %e pads the 4 */
	date_is("土  1月  4 09:05:01 2025", 2025, 1, 4, 9, 5, 1);
	/* ar_SY: abday "ث" (Tuesday), abmon "تشرين الثاني" */
	date_is("ث تشرين الثاني  4 17:51:31 2025", 2025, 11, 4, 17, 51, 31);
}

static void
test_german(void **state)
{
	(void)state;
	/* de_DE */
	assert_int_equal(FIND("Mo Okt"), 10);
	assert_int_equal(FIND("Mi Dez"), 12);
	assert_int_equal(FIND("Fr Mär"), 3);
	assert_int_equal(FIND("Mär"), 3);
	assert_int_equal(FIND("Mai"), 5);
}

static void
test_french(void **state)
{
	(void)state;
	/* fr_FR: the weekday "mar." (Tuesday) must not make it March */
	assert_int_equal(FIND("lun. févr."), 2);
	assert_int_equal(FIND("mar. déc."), 12);
	assert_int_equal(FIND("mar. juil."), 7);
	assert_int_equal(FIND("mer. août"), 8);
	date_is("mar. déc. 23 10:00:00 2025", 2025, 12, 23, 10, 0, 0);
}

static void
test_finnish_is_not_march(void **state)
{
	(void)state;
	/* fi_FI: "marras" is November; a "mar" prefix used to say March */
	assert_int_equal(FIND("ti marras"), 11);
	assert_int_equal(FIND("marras"), 11);
	assert_int_equal(FIND("la maalis"), 3);
	assert_int_equal(FIND("ke kesä"), 6);
	date_is("ti marras  4 17:51:31 2025", 2025, 11, 4, 17, 51, 31);
}

static void
test_scandinavian_maj(void **state)
{
	(void)state;
	/* sv_SE "tis maj", da_DK "tir maj" */
	assert_int_equal(FIND("tis maj"), 5);
	assert_int_equal(FIND("tir maj"), 5);
	assert_int_equal(FIND("lør maj"), 5);
}

static void
test_russian(void **state)
{
	(void)state;
	/* ru_RU abmon: янв фев мар апр мая июн июл авг сен окт ноя дек */
	assert_int_equal(FIND("Вт ноя"), 11);
	assert_int_equal(FIND("Пн янв"), 1);
	assert_int_equal(FIND("Сб мая"), 5);
	assert_int_equal(FIND("Пт дек"), 12);
}

static void
test_japanese_korean_chinese(void **state)
{
	(void)state;
	/* ja_JP " 1月".."12月"; ko_KR " 1월"; zh_CN "1月" */
	assert_int_equal(FIND("火  1月"), 1);
	assert_int_equal(FIND(" 9月"), 9);
	assert_int_equal(FIND("水 12月"), 12);
	assert_int_equal(FIND("화  1월"), 1);
	assert_int_equal(FIND("목 11월"), 11);
	assert_int_equal(FIND("二 1月"), 1);
	assert_int_equal(FIND("三 10月"), 10);
	assert_int_equal(FIND("12月"), 12);
	date_is("水 12月 24 17:51:31 2025", 2025, 12, 24, 17, 51, 31);
}

static void
test_greek_turkish(void **state)
{
	(void)state;
	/* el_GR */
	assert_int_equal(FIND("Τρι Νοε"), 11);
	assert_int_equal(FIND("Τρι Μαΐ"), 5);
	/* tr_TR: "Kas" alone is October in be_BY@latin, November here; with
	 * a Turkish weekday it is known */
	assert_int_equal(FIND("Sal Kas"), 11);
	assert_int_equal(FIND("Çrş Kas"), 11);
	assert_int_equal(FIND("Sal Şub"), 2);
	assert_int_equal(FIND("Pan Kas"), 10); /* be_BY@latin Monday */
}

static void
test_spaces_inside_names(void **state)
{
	(void)state;
	/* ca_ES "de nov.", vi_VN "Thg 1" / "Thg 11", ar_SY "كانون الأول" */
	assert_int_equal(FIND("dt. de nov."), 11);
	assert_int_equal(FIND("dt. d’oct."), 10);
	assert_int_equal(FIND("T3 Thg 1"), 1);
	assert_int_equal(FIND("T3 Thg 11"), 11);
	assert_int_equal(FIND("ث كانون الأول"), 12);
	assert_int_equal(FIND("ث كانون الثاني"), 1);
	/* br_FR: abmon "Du  " ends in spaces: "%b %e" of 2025-11-05
	 * (Wednesday "mer") and 2025-11-12 */
	date_is("mer Du    5 10:00:00 2025", 2025, 11, 5, 10, 0, 0);
	date_is("mer Du   12 10:00:00 2025", 2025, 11, 12, 10, 0, 0);
}

static void
test_ambiguous_names(void **state)
{
	(void)state;
	/* alone, a name two locales use for different months is unknown */
	assert_int_equal(FIND("Jan"), 0); /* st_ZA: June */
	assert_int_equal(FIND("Kas"), 0);
	assert_int_equal(FIND("out"), 0); /* pt 10, ht_HT 8 */
	assert_int_equal(FIND("lis"), 0); /* pl 11, hr 10 */
	/* with the weekday of the locale, known */
	assert_int_equal(FIND("Sun Jan"), 1);
	assert_int_equal(FIND("sex out"), 10); /* pt_BR Friday */
	assert_int_equal(FIND("van out"), 8);  /* ht_HT Friday */
	/* st_ZA June and nr_ZA January are both "Son Jan" on a Sunday: the
	 * date's weekday decides. 2025-06-01 is a Sunday, 2025-01-01 not */
	assert_int_equal(FIND_ON("Son Jan", 2025, 1), 6);
	assert_int_equal(FIND_ON("Son Jan", 2025, 5), 1); /* 2025-01-05 */
	assert_int_equal(FIND_ON("Son Jan", 2025, 2), 0); /* neither */
	assert_int_equal(FIND("Son Jan"), 0);             /* no date */
	/* hr_HR "pon lis" October, pl_PL "pon lis" November (Mondays) */
	assert_int_equal(FIND_ON("pon lis", 2025, 3), 11); /* 2025-11-03 */
	assert_int_equal(FIND_ON("pon lis", 2025, 6), 10); /* 2025-10-06 */
	date_is("pon lis  3 08:00:00 2025", 2025, 11, 3, 8, 0, 0);
	/* om_ET November and so_SO March are both "Jim Sad" (Friday), and
	 * 1 March and 1 November fall on the same weekday: never known */
	assert_int_equal(FIND_ON("Jim Sad", 2025, 7), 0);
	date_is("Jim Sad  7 08:00:00 2025", 2025, 0, 7, 8, 0, 0);
}

static void
test_locales_the_prefix_table_got_wrong(void **state)
{
	(void)state;
	/* the 7 locales the old prefix table misread, one name each */
	assert_int_equal(FIND("ti marras"), 11);  /* fi_FI, was 3 */
	assert_int_equal(FIND("Máirt Meith"), 6); /* ga_IE, was 5 */
	assert_int_equal(FIND("Aoine DFómh"), 10);
	assert_int_equal(FIND("Jem Mayrnt"), 3); /* gv_GB, was 5 */
	assert_int_equal(FIND("van out"), 8);    /* ht_HT, was 10 */
	assert_int_equal(FIND("mar out"), 8);    /* mfe_MU Tuesday */
	assert_int_equal(FIND("Tkel Jang"), 4);  /* mjw_IN, was 1 */
	assert_int_equal(FIND("Ur Phe"), 10);    /* mjw_IN; st_ZA: 1 */
	/* st_ZA June, was 1; nso_ZA January is "Bed Jan" too: 2025-06-03
	 * is a Tuesday, 2025-01-03 a Friday */
	assert_int_equal(FIND_ON("Bed Jan", 2025, 3), 6);
	assert_int_equal(FIND_ON("Bed Jan", 2025, 7), 1); /* 2025-01-07 */
	assert_int_equal(FIND("Mma Phe"), 1);             /* st_ZA */
}

static void
test_junk(void **state)
{
	(void)state;
	assert_int_equal(klogmonth_find("", 0, 0, 0), 0);
	assert_int_equal(FIND("xyz"), 0);
	assert_int_equal(FIND("Tue Foo"), 0);
	assert_int_equal(FIND("TueNov"), 0); /* a name starts after a space */
	assert_int_equal(FIND("Nov."), 0);
	assert_int_equal(FIND("NOV"), 0); /* dmesg prints the exact name */
	assert_int_equal(FIND("\xff\xfe\x80"), 0);

	assert_false(PARSE(""));
	assert_false(PARSE("Tue Nov  4 17:51 2025"));
	assert_false(PARSE("Tue Nov 32 17:51:31 2025"));
	assert_false(PARSE("Tue Nov  0 17:51:31 2025"));
	assert_false(PARSE("Tue Nov  4 24:00:00 2025"));
	assert_false(PARSE("Tue Nov  4 17:60:00 2025"));
	assert_false(PARSE("Tue Nov  4 17:51:61 2025"));
	assert_false(PARSE("Tue Nov 104 17:51:31 2025"));
	assert_false(PARSE("4 17:51:31 2025"));     /* no name */
	assert_false(PARSE("Nov4 17:51:31 2025"));  /* no blank */
	assert_false(PARSE("  123.456789"));        /* a dmesg time */
	assert_false(PARSE("Tue Nov  4 17:51:31")); /* no year */
	assert_false(PARSE("Tue Nov  4 17:51:31 1234567890"));

	/* the shape is right, the name is not known */
	date_is("Tue Foo  4 17:51:31 2025", 2025, 0, 4, 17, 51, 31);
}

static void
test_respaced_text(void **state)
{
	(void)state;
	/* not what %e prints, but read when the name still ends there */
	date_is("Tue Nov 4 17:51:31 2025", 2025, 11, 4, 17, 51, 31);
	date_is("Tue Nov   14 17:51:31 2025 ", 2025, 11, 14, 17, 51, 31);
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(klogmonth_weekday(2025, 11, 4), 2);
	assert_int_equal(klogmonth_weekday(2000, 2, 29), 2);
	assert_int_equal(klogmonth_weekday(1970, 1, 1), 4);
	assert_int_equal(klogmonth_weekday(2024, 5, 14), 2);
	assert_int_equal(klogmonth_weekday(0, 1, 1), 6); /* proleptic */
	assert_int_equal(klogmonth_weekday(2025, 13, 1), 7);
	assert_int_equal(klogmonth_weekday(2025, 0, 1), 7);
}

/* Order of two table names as klogmonth.c compares them. */
static int
names_cmp(const struct klogmonth_name *a, const struct klogmonth_name *b)
{
	size_t m = a->len < b->len ? a->len : b->len;
	int c = memcmp(klogmonth_name_s(a), klogmonth_name_s(b), m);

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static void
test_table_sorted_and_each_name_found(void **state)
{
	const struct klogmonth_name *n;
	size_t i;

	(void)state;
	assert_true(klogmonth_names_count > 1500);
	for (i = 0; i < klogmonth_names_count; i++) {
		n = &klogmonth_names[i];
		assert_int_equal(strlen(klogmonth_name_s(n)), n->len);
		assert_in_range(n->month, 0, 12);
		assert_true(n->wday >= -1 && n->wday <= 6);
		if (i > 0)
			assert_true(names_cmp(&klogmonth_names[i - 1], n) < 0);
		if (n->month != 0) {
			assert_int_equal(n->maybe, 1u << n->month);
			assert_int_equal(n->wday, -1);
		} else {
			/* two months at least, none outside 1..12 */
			assert_int_equal(n->maybe & ~0x1ffeu, 0);
			assert_true((n->maybe & (n->maybe - 1)) != 0);
		}
		/* the binary search finds every name */
		assert_int_equal(
		    klogmonth_find(klogmonth_name_s(n), n->len, 0, 0),
		    n->month);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_english_every_month_and_day),
	    cmocka_unit_test(test_whole_bracket_fields),
	    cmocka_unit_test(test_whole_bracket_non_ascii_weekday),
	    cmocka_unit_test(test_german),
	    cmocka_unit_test(test_french),
	    cmocka_unit_test(test_finnish_is_not_march),
	    cmocka_unit_test(test_scandinavian_maj),
	    cmocka_unit_test(test_russian),
	    cmocka_unit_test(test_japanese_korean_chinese),
	    cmocka_unit_test(test_greek_turkish),
	    cmocka_unit_test(test_spaces_inside_names),
	    cmocka_unit_test(test_ambiguous_names),
	    cmocka_unit_test(test_locales_the_prefix_table_got_wrong),
	    cmocka_unit_test(test_junk),
	    cmocka_unit_test(test_respaced_text),
	    cmocka_unit_test(test_weekday),
	    cmocka_unit_test(test_table_sorted_and_each_name_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
