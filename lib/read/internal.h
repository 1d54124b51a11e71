/*
 * read/internal.h: what only lib/read/ files and their unit tests share.
 * Code outside the engine includes read/read.h, never this.
 */
#ifndef WINNOW_READ_INTERNAL_H
#define WINNOW_READ_INTERNAL_H

#include "read/read.h"

#endif
