/* main.c: parse the command line and hand over to one of the three modes. */
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/modes.h"
#include "app/options.h"
#include "app/record.h"
#include "app/report.h"
#include "core/clock.h"

/* Entry point: options, then batch, events or the dashboard. */
int
main(int argc, char **argv)
{
	struct options opt;
	char err[256];

	/* one malloc arena: the helper threads (command lines, the history
	 * loader, the boots reader) allocate little, and an arena of their
	 * own would keep its own touched pages and free lists */
	mallopt(M_ARENA_MAX, 1);
	/* blocks of 64 kB and more get mappings of their own: pages of a
	 * calloc'd state not used yet cost nothing, and a refresh's scratch
	 * goes back to the system when freed (a fixed threshold: glibc would
	 * raise it to the largest block freed and keep that much touched free
	 * memory in the heap) */
	mallopt(M_MMAP_THRESHOLD, 64 * 1024);
	setlocale(LC_ALL, "");
	/* numbers read and written with '.' (JSON, -d) whatever the locale */
	setlocale(LC_NUMERIC, "C");
	signal(SIGPIPE, SIG_IGN);
	/* test hook: golden screens draw with frozen clocks */
	if (clock_fix_from_env() < 0) {
		fprintf(stderr, "oomwatch: %s: expected WALL_MS[:MONO_MS]\n",
		        CLOCK_TEST_ENV);
		return 2;
	}
	if (options_parse(&opt, argc, argv, getenv("NO_COLOR"), err,
	                  sizeof err) != 0) {
		fprintf(stderr, "oomwatch: %s\n", err);
		return 2;
	}
	switch (opt.mode) {
	case OPTIONS_HELP:
		fputs(options_usage(), stdout);
		return 0;
	case OPTIONS_VERSION:
		printf("oomwatch %s\n", OOMWATCH_VERSION);
		return 0;
	case OPTIONS_BATCH:
		return batch_run(&opt);
	case OPTIONS_EVENTS:
		return events_run(&opt);
	case OPTIONS_RECORD:
		return record_run(&opt);
	case OPTIONS_BOOTS:
		return boots_run(&opt);
	case OPTIONS_REPORT:
		return report_run(&opt);
	case OPTIONS_REPLAY: /* the dashboard on the record */
	case OPTIONS_DASHBOARD:
	default:
		return ui_run(&opt);
	}
}
