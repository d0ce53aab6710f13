/*
 * themefile: find a theme file and parse it (model/theme.h). The current
 * directory is never searched, so a hostile directory cannot restyle or
 * confuse a root session. Messages are returned, never printed.
 */
#ifndef OOMWATCH_PERSIST_THEMEFILE_H
#define OOMWATCH_PERSIST_THEMEFILE_H

#include <stddef.h>

#include "model/theme.h"

/*
 * Find and parse a theme: a path (contains '/' or ends in .theme), else
 * $XDG_CONFIG_HOME/oomwatch/themes/NAME.theme (conffile_dir_path), then
 * themes/ next to the binary in exe_dir (and ../themes,
 * ../share/oomwatch/themes), then the built-in default / mono. The first
 * file that exists decides: a bad one is an error, not skipped. 0, or -1
 * with err set ("FILE:LINE: what" for a bad file, "NAME: no such theme
 * file" for a missing path); unknown roles are counted into warn (emptied
 * first). *out is written only on success.
 */
int themefile_load(const char *name, const char *exe_dir, struct theme *out,
                   char *err, size_t err_size, char *warn, size_t warn_size);

/* The directory of the running binary (from /proc/self/exe), or "." when
 * it cannot be read; the start of themefile_load's installed search. */
void themefile_exe_dir(char *buf, size_t size);

#endif
