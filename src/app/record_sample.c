/*
 * record_sample.c: a stored sample from a snapshot and recsel's pick (see
 * record_sample.h).
 */
#include "app/record_sample.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A string copy, or NULL when unknown. */
static char *
record_sample_dup(bool known, const char *s)
{
	return known ? strdup(s) : NULL;
}

/* The identities the pick found new, with their sanitized strings. */
static int
record_sample_idents(const struct snapshot *snap,
                     const struct recsel_pick *pick, bool no_cmdline,
                     struct recdb_sample *s)
{
	struct recsel_ident id;

	if (pick->nidents == 0)
		return 0;
	s->idents = calloc(pick->nidents, sizeof *s->idents);
	if (s->idents == NULL)
		return -ENOMEM;
	for (size_t k = 0; k < pick->nidents; k++) {
		const struct proc_row *p = &snap->procs[pick->idents[k]];
		struct recdb_ident *d = &s->idents[s->nidents++];

		recsel_ident(snap, pick->idents[k], no_cmdline, &id);
		d->pid = p->pid;
		d->start_time = p->start_time;
		d->uid = p->uid;
		d->comm = strdup(id.comm);
		d->cmdline = record_sample_dup(id.has_cmdline, id.cmdline);
		d->cgroup = record_sample_dup(id.has_cgroup, id.cgroup);
	}
	return 0;
}

/* The process rows the pick chose. */
static int
record_sample_rows(const struct snapshot *snap, const struct recsel_pick *pick,
                   struct recdb_sample *s)
{
	if (pick->nrows == 0)
		return 0;
	s->rows = calloc(pick->nrows, sizeof *s->rows);
	if (s->rows == NULL)
		return -ENOMEM;
	for (size_t k = 0; k < pick->nrows; k++) {
		const struct proc_row *p = &snap->procs[pick->rows[k]];

		s->rows[s->nrows++] = (struct recdb_row){
		    .pid = p->pid,
		    .start_time = p->start_time,
		    .rss_kb = p->rss_kb,
		    .anon_kb = p->anon_kb,
		    .file_kb = p->file_kb,
		    .shmem_kb = p->shmem_kb,
		    .swap_kb = p->swap_kb,
		    .oom_score = p->oom_score,
		    .oom_score_adj = p->oom_score_adj,
		};
	}
	return 0;
}

/* Build a stored sample (see record_sample.h). */
int
record_sample_build(const struct snapshot *snap, const struct recsel_pick *pick,
                    bool no_cmdline, struct recdb_sample *out)
{
	memset(out, 0, sizeof *out);
	out->time_ms = snap->time_unix_ms;
	out->mem = snap->mem;
	out->vmstat = snap->vmstat;
	out->psi = snap->psi;
	if (record_sample_idents(snap, pick, no_cmdline, out) < 0)
		return -ENOMEM;
	return record_sample_rows(snap, pick, out);
}
