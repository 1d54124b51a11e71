/*
 * read/internal.h: what only lib/read/ files and their unit tests share.
 * Code outside the engine includes read/read.h, never this.
 */
#ifndef WINNOW_READ_INTERNAL_H
#define WINNOW_READ_INTERNAL_H

#include "read/read.h"

/* read_name_skipped(name): a hidden or backup file's name, left out of a walk. */
int read_name_skipped(const char *name);

#endif
