/*
 * wtmpgen: write a wtmp file (struct utmpx records, this machine's
 * layout) from a text description, for the live and golden tests. One
 * record per input line: KIND UNIX_SECONDS [KERNEL]. KIND is boot (BOOT_TIME
 * "reboot" on "~", as systemd writes it), shutdown (RUN_LVL "shutdown" on
 * "~"), login (a user session on pts/0) or logout (its end). Lines
 * starting with '#' are skipped.
 * Usage: wtmpgen < description > wtmp
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utmpx.h>

/* Fill one record of kind at t (kernel: the boot records' host field). */
static int
fill(struct utmpx *u, const char *kind, long long t, const char *kernel)
{
	memset(u, 0, sizeof *u);
	u->ut_tv.tv_sec = (int32_t)t;
	strncpy(u->ut_host, kernel, sizeof u->ut_host - 1);
	if (strcmp(kind, "boot") == 0) {
		u->ut_type = BOOT_TIME;
		strcpy(u->ut_user, "reboot");
		strcpy(u->ut_line, "~");
		strcpy(u->ut_id, "~~");
	} else if (strcmp(kind, "shutdown") == 0) {
		u->ut_type = RUN_LVL;
		strcpy(u->ut_user, "shutdown");
		strcpy(u->ut_line, "~");
		strcpy(u->ut_id, "~~");
	} else if (strcmp(kind, "login") == 0 || strcmp(kind, "logout") == 0) {
		u->ut_type = kind[3] == 'i' ? USER_PROCESS : DEAD_PROCESS;
		u->ut_pid = 4242;
		strcpy(u->ut_user, kind[3] == 'i' ? "alice" : "");
		strcpy(u->ut_line, "pts/0");
		strcpy(u->ut_id, "ts/0");
		strncpy(u->ut_host, "192.0.2.1", sizeof u->ut_host - 1);
	} else {
		return -1;
	}
	return 0;
}

/* Read the description, write the records. */
int
main(void)
{
	char line[512], kind[32], kernel[128];
	long long t;
	struct utmpx u;
	int n, lineno = 0;

	while (fgets(line, sizeof line, stdin) != NULL) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		kernel[0] = '\0';
		n = sscanf(line, "%31s %lld %127s", kind, &t, kernel);
		if (n < 2 || fill(&u, kind, t, kernel) != 0) {
			fprintf(stderr,
			        "wtmpgen: line %d: expected KIND "
			        "SECONDS [KERNEL]\n",
			        lineno);
			return 2;
		}
		if (fwrite(&u, sizeof u, 1, stdout) != 1)
			return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
