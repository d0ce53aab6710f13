/* adjvalue.c: prompt text -> oom_score_adj, steps, clamping (adjvalue.h). */
#include "model/adjvalue.h"

/* Parse the prompt text. */
int
adjvalue_parse(const char *text, size_t len, int *adj, const char **why)
{
	size_t i = 0, digits = 0;
	int neg = 0;
	long v = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	while (len > i && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (i == len) {
		if (why != NULL)
			*why = "enter a number from -1000 to 1000";
		return -1;
	}
	if (text[i] == '-' || text[i] == '+')
		neg = text[i++] == '-';
	for (; i < len; i++, digits++) {
		if (text[i] < '0' || text[i] > '9' || digits == 4) {
			if (why != NULL)
				*why = digits == 4 && text[i] >= '0' &&
				               text[i] <= '9'
				           ? "out of range: -1000 to 1000"
				           : "not a decimal number: -1000 "
				             "to 1000";
			return -1;
		}
		v = v * 10 + (text[i] - '0');
	}
	if (digits == 0) {
		if (why != NULL)
			*why = "not a decimal number: -1000 to 1000";
		return -1;
	}
	if (neg)
		v = -v;
	if (v < ADJVALUE_MIN || v > ADJVALUE_MAX) {
		if (why != NULL)
			*why = "out of range: -1000 to 1000";
		return -1;
	}
	*adj = (int)v;
	return 0;
}

/* Clamp v to the kernel's range. */
int
adjvalue_clamp(long v)
{
	if (v < ADJVALUE_MIN)
		return ADJVALUE_MIN;
	if (v > ADJVALUE_MAX)
		return ADJVALUE_MAX;
	return (int)v;
}

/* cur moved by delta, clamped. */
int
adjvalue_step(int cur, int delta)
{
	return adjvalue_clamp((long)cur + delta);
}
