/* fuzz_klog.c: libFuzzer harness for the line parser and the classifier
 * (model/klog.c, model/kclass.c): any bytes as one line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/kclass.h"
#include "model/klog.h"

/* One input = one line of any format. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klog_record *rec = malloc(sizeof *rec);
	const char *s = (const char *)data, *nl;
	size_t len;

	if (rec == NULL)
		return 0;
	klog_parse(s, size, rec);
	if (rec->text_len >= KLOG_TEXT_MAX || rec->text[rec->text_len] != 0)
		abort();
	if (rec->level < -1 || rec->level > 7 || rec->facility > 127)
		abort();
	/* classify each display line of the decoded text */
	for (s = rec->text;; s = nl + 1) {
		nl = memchr(s, '\n', rec->text_len - (size_t)(s - rec->text));
		len = nl ? (size_t)(nl - s)
		         : rec->text_len - (size_t)(s - rec->text);
		if ((unsigned)kclass_of(s, len, rec->level, rec->from_user) >=
		    KCLASS_COUNT)
			abort();
		if (rec->from_user &&
		    kclass_of(s, len, rec->level, true) != KCLASS_USER)
			abort();
		if (nl == NULL)
			break;
	}
	klog_month((const char *)data, size < 8 ? size : 8);
	free(rec);
	return 0;
}
