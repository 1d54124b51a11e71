/* ner defaults: the entity models compiled into the program. */
#include "ner/internal.h"

/* data.S */
extern const unsigned char nerdata_ko[], nerdata_ko_end[];
extern const unsigned char nerdata_en[], nerdata_en_end[];

struct nermodel *
nerdefault_open(int lang)
{
	if (lang == NER_KO)
		return nermodel_open(nerdata_ko,
		    (size_t)(nerdata_ko_end - nerdata_ko), "built-in Korean");
	return nermodel_open(nerdata_en, (size_t)(nerdata_en_end - nerdata_en),
	    "built-in English");
}
