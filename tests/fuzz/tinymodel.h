/*
 * tinymodel.h: small entity models trained on a few sentences, for the
 * harnesses that need a model (fuzz_tag) or model files to seed from
 * (mkseeds), without depending on the model files of data/.
 */
#ifndef WINNOW_TINYMODEL_H
#define WINNOW_TINYMODEL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/buf.h"
#include "ner/internal.h"

static const char tiny_ko_corpus[] =
    "## 1\n삼\tB-PS\n성\tI-PS\n민\tI-PS\n은\tO\n \tO\n서\tB-LC\n울\tI-LC\n에\tO\n"
    " \tO\n갔\tO\n다\tO\n.\tO\n\n"
    "## 2\n한\tB-OG\n국\tI-OG\n은\tI-OG\n행\tI-OG\n은\tO\n \tO\n3\tB-DT\n일\tI-DT\n"
    " \tO\n발\tO\n표\tO\n했\tO\n다\tO\n\n"
    "## 3\n오\tB-TI\n후\tI-TI\n \tI-TI\n3\tI-TI\n시\tI-TI\n에\tO\n \tO\n1\tB-QT\n0\tI-QT\n"
    "0\tI-QT\n명\tI-QT\n이\tO\n \tO\n왔\tO\n다\tO\n\n";
static const char tiny_en_corpus[] =
    "Tim\tB-PER\nCook\tI-PER\nvisited\tO\nSeoul\tB-LOC\non\tO\nMonday\tB-DATE\n.\tO\n\n"
    "Apple\tB-ORG\nInc.\tI-ORG\nhired\tO\n300\tB-QUANTITY\nengineers\tI-QUANTITY\nat\tO\n"
    "3\tB-TIME\np.m.\tI-TIME\n.\tO\n\n";

/*
 * tiny_model(lang, out): train a model for NER_KO or NER_EN on the corpus
 * above and append its file bytes to 'out'.  Returns 0, or -1.
 */
static inline int
tiny_model(int lang, struct buf *out)
{
	const char *corpus = lang == NER_KO ? tiny_ko_corpus : tiny_en_corpus;
	size_t len = lang == NER_KO ? sizeof tiny_ko_corpus - 1 :
	    sizeof tiny_en_corpus - 1;
	char path[] = "/tmp/winnow-tiny.XXXXXX";
	struct nercorpus *c = nercorpus_new(lang);
	struct nertrain_opts o = { .epochs = 3, .seed = 1, .min_count = 1 };
	size_t idx[16], i;
	int fd = mkstemp(path);
	long n;

	if (fd < 0 || write(fd, corpus, len) != (ssize_t)len) {
		if (fd >= 0)
			close(fd);
		nercorpus_free(c);
		return -1;
	}
	close(fd);
	n = nercorpus_read(c, path, NERCORPUS_AUTO);
	unlink(path);
	if (n <= 0) {
		nercorpus_free(c);
		return -1;
	}
	for (i = 0; i < c->n && i < 16; i++)
		idx[i] = i;
	nertrain(c, idx, i, &o, out);
	nercorpus_free(c);
	return 0;
}

#endif
