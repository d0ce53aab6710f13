/*
 * conffile: oomwatchrc, the settings file, under $XDG_CONFIG_HOME/oomwatch
 * (or ~/.config/oomwatch when XDG_CONFIG_HOME is unset or not absolute).
 * Loaded over struct config (model/config.h parses it), saved atomically
 * (persist/atomic.h). Syscall-facing: 0 or -errno; parse warnings go to
 * the caller's buffer, never to the terminal.
 */
#ifndef OOMWATCH_PERSIST_CONFFILE_H
#define OOMWATCH_PERSIST_CONFFILE_H

#include <stddef.h>

#include "model/config.h"

/*
 * $XDG_CONFIG_HOME/oomwatch/<rest>, else $HOME/.config/oomwatch/<rest>,
 * into buf. 0; -ENOENT when neither variable holds an absolute path;
 * -ENAMETOOLONG when it does not fit.
 */
int conffile_dir_path(char *buf, size_t size, const char *rest);

/* Where oomwatchrc lives (conffile_dir_path of "oomwatchrc"). */
int conffile_path(char *buf, size_t size);

/*
 * Read oomwatchrc at path over cfg (keys it does not set keep their
 * values). A missing file is fine: 0 and cfg untouched. Other read errors:
 * -errno. The first parse warning goes to warn as "LINE: what" (warn is
 * left as it was when there is none).
 */
int conffile_load(const char *path, struct config *cfg, char *warn,
                  size_t warn_size);

/* Write cfg to path atomically (mode 0600, parents 0700). 0 or -errno
 * (-EOVERFLOW when the text would not fit the writer's buffer). */
int conffile_save(const char *path, const struct config *cfg);

#endif
