/*
 * bbpane: "before this kill", the events view's black box of the selected
 * event (model/recbox.h, from the recorder's database): MemAvailable and
 * swap used at the black box's sample, the processes largest by RSS
 * beside those that grew most in the minutes before, and the victim's
 * RSS over the hour before as a column chart (model/chart.h; ASCII in
 * the C locale).
 */
#ifndef OOMWATCH_VIEW_BBPANE_H
#define OOMWATCH_VIEW_BBPANE_H

#include <stdbool.h>

#include "model/layout.h"
#include "model/recbox.h"
#include "view/screen.h"

/* The one-line summary of b (which has a box) at row y, x, w wide: what
 * MemAvailable and swap were, when, and that Enter shows the rest. */
void bbpane_summary(struct screen *s, int y, int x, int w,
                    const struct recbox *b);

/* The black box of b from row y to the bottom of r; closes: Enter goes
 * back to the event's report (else it has none, being only in the
 * record). */
void bbpane_draw(struct screen *s, int y, const struct layout_rect *r,
                 const struct recbox *b, bool closes);

#endif
