/*
 * replay_main.c: a main() for the fuzz harnesses built without libFuzzer.
 * It feeds every regular file of each directory (or each file) named on
 * the command line to LLVMFuzzerTestOneInput, once, so `make test` replays
 * the seed corpus and every crash input saved there under the sanitizers.
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read a whole file; NULL on error. */
static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *bigger;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			bigger = realloc(buf, cap);
			if (bigger == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = bigger;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*size = n;
	return buf;
}

/* Run one input file; returns 0 or -1 when it cannot be read. */
static int
run_file(const char *path)
{
	size_t size;
	uint8_t *data = slurp(path, &size);

	if (data == NULL) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

/* Replay every file of the directories or files given. */
int
main(int argc, char **argv)
{
	char path[4096];
	struct dirent *d;
	struct stat st;
	int i, runs = 0, bad = 0;
	DIR *dir;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: not found\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]);
			runs++;
			continue;
		}
		dir = opendir(argv[i]);
		if (dir == NULL)
			return 1;
		while ((d = readdir(dir)) != NULL) {
			snprintf(path, sizeof path, "%s/%s", argv[i],
			         d->d_name);
			if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
				continue;
			bad |= run_file(path);
			runs++;
		}
		closedir(dir);
	}
	fprintf(stderr, "replay: %d inputs\n", runs);
	return bad || runs == 0 ? 1 : 0;
}
