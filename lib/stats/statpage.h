/*
 * statpage: a stats report (lib/stats) as one self-contained web page:
 * summary figures, tables and bar charts drawn as inline SVG, styles
 * inline, no script, no font or image to fetch, so the file can be mailed,
 * archived or opened offline and shows the same everywhere.
 */
#ifndef WINNOW_STATPAGE_H
#define WINNOW_STATPAGE_H

#include "core/buf.h"
#include "stats/stats.h"

/*
 * statpage_html(rep, title, out): append the page for 'rep' to 'out'.
 * 'title' (UTF-8, e.g. the input's name) heads the page; it and every
 * string from the data are escaped for HTML.
 */
void statpage_html(const struct stats_report *rep, const char *title,
    struct buf *out);

#endif
