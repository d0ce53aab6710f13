/* ui_status.c: the status-line message (one, replaced by the next). */
#include "app/ui.h"

#include <stdarg.h>
#include <stdio.h>

/* Set a status-line message. */
void
ui_status(struct ui *ui, enum theme_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status.text, sizeof ui->status.text, fmt, ap);
	va_end(ap);
	ui->status.role = role;
}
