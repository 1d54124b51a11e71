/*
 * nerdefault: the entity models compiled into the program.
 *
 * data/ner-ko.wnm (trained on KLUE-NER, CC BY-SA 4.0) and data/ner-en.wnm
 * (trained on wikigold and WNUT 2017, CC BY 4.0) are linked in by
 * lib/nerdata.S; `make model` retrains them.
 */
#ifndef WINNOW_NERDEFAULT_H
#define WINNOW_NERDEFAULT_H

#include <stddef.h>

struct nermodel;

/*
 * nerdefault_open(lang): the compiled-in model for NER_KO or NER_EN,
 * checked like any model file.  Returns NULL after a message when the
 * bytes are unsound (a broken build).  The caller frees it.
 */
struct nermodel *nerdefault_open(int lang);

#endif
