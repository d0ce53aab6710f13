/* kreport.c: parsers for lockup, hung task, panic, oops and allocation
 * failure lines (see kreport.h). */
#include "model/kreport.h"

#include <string.h>

#include "model/klog.h"

#define LIT(s) s, sizeof(s) - 1

/* How a NULL dereference report starts (x86 5.1+, x86 <= 5.0, powerpc
 * 5.x "BUG: Kernel NULL pointer dereference on read at 0x..", arm, arm64,
 * riscv); the address follows one of null_deref_lead. */
static const char *const null_deref_start[] = {
    "BUG: kernel NULL pointer dereference",
    "BUG: unable to handle kernel NULL pointer dereference",
    "BUG: Kernel NULL pointer dereference",
    "Unable to handle kernel NULL pointer dereference",
};

/* The wordings that print the faulting address, most specific first. */
static const char *const null_deref_lead[] = {
    ", address: ",
    " at virtual address ",
    " at ",
};

/* Split "COMM:PID" (b..e) at its last colon. */
static bool
comm_pid(const char *b, const char *e, struct kslice *comm, int64_t *pid)
{
	const char *c = kscan_memrmem(b, (size_t)(e - b), LIT(":"));
	struct kscan k;
	uint64_t v;

	if (c == NULL)
		return false;
	kscan_init(&k, c + 1, (size_t)(e - c - 1));
	if (!kscan_u64(&k, &v) || v > INT32_MAX || kscan_left(&k) != 0)
		return false;
	comm->s = b;
	comm->len = (size_t)(c - b);
	*pid = (int64_t)v;
	return true;
}

/* "INFO: task COMM:PID blocked for more than N seconds." */
bool
kreport_parse_hung_task(const char *s, size_t len,
                        struct kreport_hung_task *out)
{
	const char *b = kscan_memmem(s, len, LIT("task ")), *e;
	struct kreport_hung_task r;
	struct kscan k;

	e = kscan_memrmem(s, len, LIT(" blocked for more than "));
	if (b == NULL || e == NULL || b + 5 > e)
		return false;
	if (!comm_pid(b + 5, e, &r.comm, &r.pid))
		return false;
	e += sizeof(" blocked for more than ") - 1;
	kscan_init(&k, e, (size_t)(s + len - e));
	if (!kscan_i64(&k, &r.seconds))
		r.seconds = KLOG_NA;
	*out = r;
	return true;
}

/* "BUG: soft lockup - CPU#N stuck for Ns! [COMM:PID]" */
bool
kreport_parse_soft_lockup(const char *s, size_t len,
                          struct kreport_soft_lockup *out)
{
	const char *p = kscan_memmem(s, len, LIT("soft lockup - CPU#"));
	const char *end = s + len, *b, *e;
	struct kreport_soft_lockup r;
	struct kscan k;

	if (p == NULL)
		return false;
	p += sizeof("soft lockup - CPU#") - 1;
	kscan_init(&k, p, (size_t)(end - p));
	r.cpu = r.seconds = r.pid = KLOG_NA;
	r.comm.s = NULL;
	r.comm.len = 0;
	if (!kscan_i64(&k, &r.cpu))
		r.cpu = KLOG_NA;
	if (kscan_lit(&k, " stuck for ") && !kscan_i64(&k, &r.seconds))
		r.seconds = KLOG_NA;
	b = kscan_memmem(k.p, kscan_left(&k), LIT("! ["));
	e = kscan_memrmem(k.p, kscan_left(&k), LIT("]"));
	if (b != NULL && e != NULL && b + 3 <= e &&
	    !comm_pid(b + 3, e, &r.comm, &r.pid)) {
		r.comm.s = NULL;
		r.pid = KLOG_NA;
	}
	*out = r;
	return true;
}

/* Hard lockup detections (not the panic they may cause). */
bool
kreport_parse_hard_lockup(const char *s, size_t len, int64_t *cpu)
{
	const char *p;
	struct kscan k;
	int64_t v = KLOG_NA;

	if (kscan_memmem(s, len, LIT("Kernel panic")))
		return false;
	if ((p = kscan_memmem(s, len, LIT("hard LOCKUP on cpu ")))) {
		p += sizeof("hard LOCKUP on cpu ") - 1;
	} else if ((p = kscan_memmem(s, len, LIT("Watchdog CPU:"))) &&
	           kscan_memmem(s, len, LIT("Hard LOCKUP"))) {
		p += sizeof("Watchdog CPU:") - 1;
	} else if ((p = kscan_memmem(s, len, LIT("watchdog: CPU "))) &&
	           kscan_memmem(s, len, LIT(" hard LOCKUP"))) {
		p += sizeof("watchdog: CPU ") - 1; /* powerpc */
	} else if (kscan_memmem(s, len, LIT("ard LOCKUP"))) {
		p = NULL;
	} else {
		return false;
	}
	if (p != NULL) {
		kscan_init(&k, p, (size_t)(s + len - p));
		if (!kscan_i64(&k, &v))
			v = KLOG_NA;
	}
	*cpu = v;
	return true;
}

/* "Kernel panic - not syncing: MESSAGE" (not the end trailer). */
bool
kreport_parse_panic(const char *s, size_t len, struct kslice *message)
{
	const char *p = kscan_memmem(s, len, LIT("Kernel panic - not syncing"));
	const char *end = s + len;

	if (p == NULL || kscan_memmem(s, (size_t)(p - s), LIT("---[ end ")))
		return false;
	p += sizeof("Kernel panic - not syncing") - 1;
	if (p < end && *p == ':')
		p++;
	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	message->s = p;
	message->len = (size_t)(end - p);
	return true;
}

/* The address of a NULL dereference, when printed: only a line that
 * starts as the kernel's report does (a quote of it elsewhere is none). */
bool
kreport_parse_null_deref(const char *s, size_t len, struct kslice *address)
{
	const char *p = NULL, *end = s + len, *q;
	size_t i, at = kscan_message_start(s, len), n;

	for (i = 0; p == NULL &&
	            i < sizeof null_deref_start / sizeof null_deref_start[0];
	     i++) {
		n = strlen(null_deref_start[i]);
		if (len - at >= n &&
		    memcmp(s + at, null_deref_start[i], n) == 0)
			p = s + at + n;
	}
	if (p == NULL)
		return false;
	address->s = NULL;
	address->len = 0;
	for (i = 0; i < sizeof null_deref_lead / sizeof null_deref_lead[0];
	     i++) {
		n = strlen(null_deref_lead[i]);
		q = kscan_memmem(p, (size_t)(end - p), null_deref_lead[i], n);
		if (q != NULL) {
			p = q + n;
			break;
		}
	}
	if (i == sizeof null_deref_lead / sizeof null_deref_lead[0])
		return true;
	for (q = p;
	     q < end && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') ||
	                 (*q >= 'A' && *q <= 'F') || *q == 'x');
	     q++)
		;
	if (q > p) {
		address->s = p;
		address->len = (size_t)(q - p);
	}
	return true;
}

/* "COMM: page allocation failure: order:N, ..." in its variants. */
bool
kreport_parse_alloc_failure(const char *s, size_t len,
                            struct kreport_alloc_failure *out)
{
	const char *p = kscan_memmem(s, len, LIT("page allocation failure"));
	const char *b = s, *e, *end = s + len;
	struct kreport_alloc_failure r;
	struct kscan k;

	if (p == NULL)
		return false;
	e = p;
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	if (e - b >= 2 && e[-2] == ':' && e[-1] == ' ')
		e -= 2;
	else
		e = b;
	r.comm.s = b;
	r.comm.len = (size_t)(e - b);
	r.order = KLOG_NA;
	p += sizeof("page allocation failure") - 1;
	kscan_init(&k, p, (size_t)(end - p));
	if (kscan_lit(&k, ": order:") || kscan_lit(&k, ". order:")) {
		if (!kscan_i64(&k, &r.order))
			r.order = KLOG_NA;
	}
	*out = r;
	return true;
}
