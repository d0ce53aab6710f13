/* kevsum.c: a boot's kernel log in a few numbers (see kevsum.h). */
#include "model/kevsum.h"

#include <string.h>

/* Lines that say how the kernel went down (kernel/reboot.c). */
static const struct {
	const char *text;
	enum kevsum_halt halt;
} halt_lines[] = {
    {"reboot: Restarting system", KEVSUM_HALT_RESTART},
    {"reboot: Power down", KEVSUM_HALT_POWEROFF},
    {"reboot: System halted", KEVSUM_HALT_HALT},
};

/* Zero the summary. */
void
kevsum_clear(struct kevsum *s)
{
	memset(s, 0, sizeof *s);
}

/* True when msg holds needle. */
static bool
has(const char *msg, size_t len, const char *needle)
{
	return memmem(msg, len, needle, strlen(needle)) != NULL;
}

/* The OOM killer's panics (mm/oom_kill.c check_panic_on_oom, out_of_memory). */
bool
kevsum_is_oom_panic(const char *msg, size_t len)
{
	return (len >= 13 && memcmp(msg, "Out of memory", 13) == 0) ||
	       has(msg, len, "deadlocked on memory") ||
	       has(msg, len, "panic_on_oom");
}

/* Count the n newest events of ev (the ones just completed). */
static void
count_new(struct kevsum *s, const struct kevents *ev, size_t n)
{
	const struct kevent *e;

	for (size_t i = n; i-- > 0;) {
		e = kevents_get(ev, i);
		if (e == NULL || (unsigned)e->kind >= KEVENT_KIND_COUNT)
			continue;
		if (s->counts[e->kind] < UINT32_MAX)
			s->counts[e->kind]++;
		if (e->kind != KEVENT_PANIC || s->panicked)
			continue;
		s->panicked = true;
		s->panic = e->text;
		s->oom_panic =
		    e->text.set && kevsum_is_oom_panic(e->text.s, e->text.len);
	}
}

/* Note a halt line. */
static void
note_halt(struct kevsum *s, const char *text, size_t len)
{
	for (size_t i = 0; i < sizeof halt_lines / sizeof halt_lines[0]; i++)
		if (has(text, len, halt_lines[i].text))
			s->halt = halt_lines[i].halt;
}

/* Feed one raw line and count what it completes. */
void
kevsum_feed_line(struct kevsum *s, struct kevents *ev, const char *line,
                 size_t len)
{
	s->lines++;
	note_halt(s, line, len);
	count_new(s, ev, kevents_feed_line(ev, line, len));
}

/* Feed one parsed record and count what it completes. */
void
kevsum_feed_record(struct kevsum *s, struct kevents *ev,
                   const struct klog_record *rec)
{
	s->lines++;
	if (!rec->from_user)
		note_halt(s, rec->text, rec->text_len);
	count_new(s, ev, kevents_feed_record(ev, rec));
}

/* End of input. */
void
kevsum_finish(struct kevsum *s, struct kevents *ev)
{
	count_new(s, ev, kevents_finish(ev));
}

/* The number of events counted. */
uint32_t
kevsum_total(const struct kevsum *s)
{
	uint64_t t = 0;

	for (size_t i = 0; i < KEVENT_KIND_COUNT; i++)
		t += s->counts[i];
	return t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}
