/* optfix.c: options_parse on a literal argument list (see optfix.h). */
#include "optfix.h"

/* Parse "oomwatch" and the NULL-ended args into *o. */
int
optfix_parse(struct options *o, char *err, const char *const *args)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = (char *)"oomwatch";
	while (*args && argc < 31)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	err[0] = '\0';
	return options_parse(o, argc, argv, NULL, err, 256);
}
