/*
 * scr_memory: the Memory screen (8): where MemTotal is (the breakdown bar
 * and table, hugepages, tmpfs, slab, swap, the traps; view/mempane.h).
 * Its files (collect/memfiles.h) are read when the screen is entered and
 * after each sample while it is current, never while another screen is;
 * the reader is made on the first visit. Up/Down/PgUp/PgDn/Home/End
 * scroll. The status line names the first trap, or says there is none.
 *
 * In a replay (ui->replay set) no file is read and no reader is made: the
 * snapshot's recorded meminfo values fill the same structs
 * (model/memrec.h), and the sections the record does not hold are one
 * "Not recorded" line (view/mempane.h's unrecorded).
 */
#ifndef OOMWATCH_APP_SCR_MEMORY_H
#define OOMWATCH_APP_SCR_MEMORY_H

#include <stdbool.h>

#include "app/scr.h"
#include "collect/memfiles.h"
#include "model/memmap.h"
#include "model/memmaptrap.h"
#include "view/mempane.h"

struct scr_memory_state {
	struct memfiles *mf; /* owned; NULL until the first visit */
	bool read;           /* all holds a read */
	struct memmap_all all;
	struct memmap_breakdown bd;
	struct memmaptrap traps[MMT_COUNT];
	size_t ntraps;
	struct dash_memory view;
	char status[UI_STATUS_MAX];
};

extern const struct scr_def scr_memory;

#endif
