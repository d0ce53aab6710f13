/*
 * scr_detail: the process detail screen (Enter on a process row): a
 * chart of the process's RSS, anon and swap over its whole history, its
 * min, max and first seen time, and its RSS verdict with its numbers.
 * Its digit (7) opens it on the selected row too; Esc goes back.
 */
#ifndef OOMWATCH_APP_SCR_DETAIL_H
#define OOMWATCH_APP_SCR_DETAIL_H

#include "app/scr.h"
#include "core/procid.h"
#include "view/detail.h"

struct scr_detail_state {
	struct procid id; /* the process shown */
	int32_t pid;
	char comm[64];
	struct dash_detail view;
};

extern const struct scr_def scr_detail;

/* Open the detail screen on the selected row of the processes table
 * (without one: on the process shown last, if any). UI_* flags. */
unsigned scr_detail_open(struct ui *ui);

#endif
