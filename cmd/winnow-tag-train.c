/* winnow-tag-train: train (and cross-validate) a winnow-tag model. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/util.h"
#include "ner/ner.h"
#include "record/cli.h"
#include "record/io.h"

/*
 * Option codes as record/cli.h has them: the letter of an option with a
 * short form; long-only options count up from CLI_OPT_LONG.
 */
enum {
	OPT_OUTPUT = 'o', OPT_GAZETTEER = 'g', OPT_VERBOSE = 'v',
	OPT_HELP = 'h', OPT_VERSION = 'V',
	OPT_FOLDS = CLI_OPT_LONG, OPT_EPOCHS, OPT_SEED, OPT_LANG, OPT_FORMAT,
	OPT_MIN_COUNT, OPT_PRUNE, OPT_ERRORS, OPT_ALSO, OPT_TEST, OPT_MODEL
};

static int epochs = 10;
static long long seed = 1;
static long long folds = 0;
static long long min_count = 2;
static double prune = 2;
static int lang = -1;
static int format = NERCORPUS_AUTO;
static const struct choice langs[] = {
	{ "ko", NER_KO }, { "en", NER_EN }, { NULL, 0 }
};
static const struct choice formats[] = {
	{ "klue", NERCORPUS_KLUE }, { "conll", NERCORPUS_CONLL }, { NULL, 0 }
};
static const char *output;
static int verbose;
static FILE *errors;
static const char *also[16];
static int nalso;
static const char *test;
static const char *model;

static const char usage_text[] =
"usage: winnow-tag-train [OPTION]... CORPUS...\n"
"       winnow-tag-train --model FILE --test CORPUS\n"
"Train a winnow-tag model on annotated sentences: KLUE's character format\n"
"(Korean) or CoNLL/CoNLL-U token format (English), BIO tags over PS/PER,\n"
"LC/LOC, OG/ORG, DT, TI, QT (other types count as O).\n"
"\n"
"  -o, --output FILE     write the model to FILE (atomically)\n"
"      --folds K         K-fold cross-validation: print precision, recall and\n"
"                        F1 per type (exact span and type, as KLUE scores)\n"
"      --epochs N        passes over the data (default 10)\n"
"      --seed N          order of the sentences and folds (default 1); the\n"
"                        same data, options and seed give the same bytes\n"
"  -g, --gazetteer FILE  names to use as features: FORM<TAB>TYPE lines\n"
"                        (repeatable)\n"
"      --lang ko|en      the model's language (default: ko for KLUE input,\n"
"                        en for CoNLL)\n"
"      --format klue|conll  the corpus format (default: by its first line)\n"
"      --min-count N     leave out features seen fewer than N times\n"
"                        (default 2)\n"
"      --also CORPUS     train on CORPUS too, but never score it in\n"
"                        cross-validation (repeatable)\n"
"      --test CORPUS     score the model on CORPUS, which it never saw:\n"
"                        the model trained, or the one given by --model\n"
"      --model FILE      score this model (with --test) instead of training\n"
"      --errors FILE     with --folds or --test: write the sentences with\n"
"                        mistakes\n"
"      --prune X         leave out features whose weights are all below X\n"
"                        quantization steps (default 2)\n"
"  -v, --verbose         progress on stderr\n"
"  -h, --help            this help;  -V, --version  the version\n"
"\n"
"Exit status: 0 ok, 2 usage error or a corpus that cannot be read,\n"
"71 out of memory, 74 I/O error.\n"
"\n"
"Examples:\n"
"  winnow-tag-train --folds 5 -g names.tsv klue-ner-train4k.tsv\n"
"  winnow-tag-train -o en.wnm wikigold.conllu wnut17train.conll\n";

static void
usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

/*
 * Write 'b' to 'path' the way every filter's -o does: a temporary file
 * beside it, fsynced and renamed over it, or nothing at all.
 */
static int
write_atomic(const char *path, const struct buf *b)
{
	struct out *o = out_open(path, OUT_ATOMIC);

	if (o == NULL)
		return -1;
	if (out_write(o, b->data, b->len) < 0) {
		out_abort(o);
		return -1;
	}
	return out_close(o);
}

/* Score model 'm' (NULL: already reported) on the --test corpus. */
static int
score_test(struct nermodel *m)
{
	struct nercorpus *t;
	struct buf b = BUF_INIT;
	double f;

	if (!m)
		return EXIT_USAGE;
	t = nercorpus_new(nermodel_lang(m));
	if (nercorpus_read(t, test, format) < 0) {
		nermodel_free(m);
		nercorpus_free(t);
		return EXIT_USAGE;
	}
	f = nereval_model(m, t, errors, &b);
	printf("test on %s, %zu sentences\n%s", test, nercorpus_size(t),
	    b.data);
	buf_release(&b);
	nercorpus_free(t);
	if (errors && fflush(errors) != 0) {
		warnp("write error: errors file");
		return EXIT_IOERR;
	}
	return f >= 0 ? EXIT_OK : EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "folds", required_argument, NULL, OPT_FOLDS },
		{ "epochs", required_argument, NULL, OPT_EPOCHS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "gazetteer", required_argument, NULL, OPT_GAZETTEER },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
		{ "prune", required_argument, NULL, OPT_PRUNE },
		{ "errors", required_argument, NULL, OPT_ERRORS },
		{ "also", required_argument, NULL, OPT_ALSO },
		{ "test", required_argument, NULL, OPT_TEST },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "verbose", no_argument, NULL, OPT_VERBOSE },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct gaz *gaz = gaz_new();
	struct nercorpus *c = NULL;
	struct nertrain_opts o = { 0 };
	struct buf b = BUF_INIT, note = BUF_INIT;
	long long v;
	size_t i, *idx;
	int ch, ngaz = 0;

	progname = "winnow-tag-train";
	while ((ch = getopt_long(argc, argv, "o:g:vhV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_OUTPUT:
			output = optarg;
			break;
		case OPT_FOLDS:
			if (parse_int("--folds", optarg, 2, 100, &folds) < 0)
				return EXIT_USAGE;
			break;
		case OPT_EPOCHS:
			if (parse_int("--epochs", optarg, 1, 1000, &v) < 0)
				return EXIT_USAGE;
			epochs = (int)v;
			break;
		case OPT_SEED:
			if (parse_int("--seed", optarg, 0, INT64_MAX, &seed) < 0)
				return EXIT_USAGE;
			break;
		case OPT_GAZETTEER:
			if (gaz_load(gaz, optarg) < 0)
				return EXIT_USAGE;
			buf_printf(&note, "gazetteer=%s\n", optarg);
			ngaz++;
			break;
		case OPT_LANG:
			if (parse_choice("--lang", optarg, langs, &lang) < 0)
				return EXIT_USAGE;
			break;
		case OPT_FORMAT:
			if (parse_choice("--format", optarg, formats, &format) < 0)
				return EXIT_USAGE;
			break;
		case OPT_MIN_COUNT:
			if (parse_int("--min-count", optarg, 1, 1000,
			    &min_count) < 0)
				return EXIT_USAGE;
			break;
		case OPT_PRUNE:
			if (parse_real("--prune", optarg, 0, 127, &prune) < 0)
				return EXIT_USAGE;
			break;
		case OPT_ALSO:
			if (nalso == 16) {
				warnx("option '--also': at most 16 corpora");
				return EXIT_USAGE;
			}
			also[nalso++] = optarg;
			break;
		case OPT_TEST:
			test = optarg;
			break;
		case OPT_MODEL:
			model = optarg;
			break;
		case OPT_ERRORS:
			if (!(errors = fopen(optarg, "w"))) {
				warnp("cannot create '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_VERBOSE:
			verbose = 1;
			break;
		case OPT_HELP:
			usage(EXIT_OK);
			break;
		case OPT_VERSION:
			printf("winnow-tag-train %s\n", WINNOW_VERSION);
			return EXIT_OK;
		default:
			usage(EXIT_USAGE);
		}
	}
	if (model) {
		if (!test || optind < argc || output || folds) {
			warnx("--model FILE goes with --test CORPUS alone");
			return EXIT_USAGE;
		}
		return score_test(nermodel_load(model));
	}
	if (optind == argc) {
		warnx("no corpus given");
		usage(EXIT_USAGE);
	}
	if (!output && !folds && !test) {
		warnx("nothing to do: give --output FILE, --folds K or --test "
		    "CORPUS");
		return EXIT_USAGE;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (!c) {
			FILE *fp = fopen(argv[i], "r");
			int klue = format == NERCORPUS_KLUE;

			if (format == NERCORPUS_AUTO && fp)
				klue = fgetc(fp) == '#' && fgetc(fp) == '#';
			if (fp)
				fclose(fp);
			c = nercorpus_new(lang >= 0 ? lang : klue ? NER_KO :
			    NER_EN);
		}
		if (nercorpus_read(c, argv[i], format) < 0)
			return EXIT_USAGE;
		buf_printf(&note, "corpus=%s\n", argv[i]);
	}
	nercorpus_score_first(c, nercorpus_size(c));
	for (i = 0; i < (size_t)nalso; i++) {
		if (nercorpus_read(c, also[i], format) < 0)
			return EXIT_USAGE;
		buf_printf(&note, "corpus=%s\n", also[i]);
	}
	if (verbose)
		fprintf(stderr, "%s: %zu sentences, %zu names in %d gazetteers\n",
		    progname, nercorpus_size(c), gaz_count(gaz), ngaz);
	o.epochs = epochs;
	o.seed = (uint64_t)seed;
	o.min_count = (int)min_count;
	o.prune = prune;
	o.gaz = gaz;
	o.verbose = verbose;
	o.note = note.data;
	o.errors = errors;
	if (folds) {
		double f;

		f = nertrain_cv(c, (int)folds, &o, &b);
		if (f < 0)
			return EXIT_USAGE;
		printf("%lld-fold cross-validation, %zu sentences, %d epochs, "
		    "seed %lld\n%s", folds, nercorpus_size(c), epochs, seed, b.data);
		buf_reset(&b);
		if (errors && fclose(errors) != 0) {
			warnp("write error: errors file");
			return EXIT_IOERR;
		}
	}
	if (output || test) {
		idx = xmalloc((nercorpus_size(c) + 1) * sizeof *idx);
		for (i = 0; i < nercorpus_size(c); i++)
			idx[i] = i;
		if (nertrain(c, idx, nercorpus_size(c), &o, &b) < 0)
			return EXIT_USAGE;
		free(idx);
		if (output && write_atomic(output, &b) < 0)
			return EXIT_IOERR;
		if (test) {
			int rc = score_test(nermodel_open_copy(b.data, b.len,
			    "trained"));

			if (rc != EXIT_OK)
				return rc;
		}
	}
	buf_release(&b);
	buf_release(&note);
	nercorpus_free(c);
	gaz_free(gaz);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warnp("write error");
		return EXIT_IOERR;
	}
	return EXIT_OK;
}
