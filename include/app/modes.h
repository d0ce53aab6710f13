/*
 * modes: the three faces of oomwatch, one function each, called by main()
 * after the options are parsed. Each returns the process exit status.
 */
#ifndef OOMWATCH_APP_MODES_H
#define OOMWATCH_APP_MODES_H

#include "app/options.h"

/* --batch: COUNT snapshots as a text report or JSON lines (app/batch.c). */
int batch_run(const struct options *opt);
/* --events: kernel events from the live log or a saved one (app/events_cli.c).
 */
int events_run(const struct options *opt);
/* --boots: the boot history, how each boot ended (app/boots_cli.c). */
int boots_run(const struct options *opt);
/* The interactive dashboard (app/ui_main.c; it draws through view/). */
int ui_run(const struct options *opt);

#endif
