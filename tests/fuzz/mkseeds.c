/*
 * mkseeds: seed inputs for the harnesses whose input is a binary file the
 * project writes (fuzz_state, fuzz_model), made with the project's own
 * writers so that the fuzzer starts from sound files.
 *
 *	mkseeds DIR
 *
 * writes DIR/fuzz_state/ (dedupe states: exact, near, containment, Bloom;
 * a template state) and DIR/fuzz_model/ (Korean and English models, a
 * gazetteer file), each prefixed with the selector byte its harness reads.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/state.h"
#include "core/util.h"
#include "dedupe/dedupe.h"
#include "ner/ner.h"
#include "strip/internal.h"

/* die(status, fmt, ...): this tool's way out: a message, then exit. */
static _Noreturn void __attribute__((format(printf, 2, 3)))
die(int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkseeds: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}
#include "fuzz.h"
#include "tinymodel.h"

static const char *const paragraphs[] = {
	"정부는 오늘 내년 예산안을 국회에 제출했다고 밝혔다. 총지출은 656조원이다.",
	"The central bank left its benchmark rate unchanged at 3.5 percent on Thursday.",
	"저작권자 © 한결일보 무단전재 및 재배포 금지",
	"정부는 오늘 내년 예산안을 국회에 제출했다고 밝혔다. 총지출은 657조원이다.",
	"Copyright 2024 Example News. All rights reserved.",
};
#define NPARA (sizeof paragraphs / sizeof paragraphs[0])

static void
put_seed(const char *dir, const char *name, unsigned char selector,
    const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(&selector, 1, 1, f) != 1 || fwrite(p, 1, n, f) != n ||
	    fclose(f) != 0)
		die(1, "cannot write '%s'", path);
}

static void
read_whole(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (f == NULL)
		die(1, "cannot read '%s'", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
}

/* A dedupe state with the paragraphs above, under options 'o'. */
static void
dedupe_seed(const char *dir, const char *name, unsigned char selector,
    const struct dedupe_opts *o)
{
	char path[4096];
	struct state *st;
	struct dedupe *d;
	struct dedupe_result res;
	struct buf text = BUF_INIT, file = BUF_INIT;
	size_t i;

	snprintf(path, sizeof path, "%s/%s.wds", dir, name);
	if (state_open(&st, path, DEDUPE_KIND, 0, 0) != STATE_OK)
		exit(1);
	d = dedupe_new(o, state_seed(st));
	for (i = 0; i < NPARA; i++) {
		buf_reset(&text);
		buf_printf(&text, "%s\n%s", paragraphs[i], paragraphs[(i + 1) % NPARA]);
		dedupe_record(d, text.data, text.len, "\"x\"", 3, &res);
	}
	if (dedupe_save(d, st) < 0)
		exit(1);
	dedupe_free(d);
	state_close(st);
	read_whole(path, &file);
	put_seed(dir, name, selector, file.data, file.len);
	unlink(path);
	snprintf(path, sizeof path, "%s/%s.wds.lock", dir, name);
	unlink(path);
	buf_release(&text);
	buf_release(&file);
}

static void
tmpl_seed(const char *dir)
{
	char path[4096];
	struct state *st;
	struct tmpl *t;
	struct buf file = BUF_INIT;
	size_t i;

	snprintf(path, sizeof path, "%s/template.wds", dir);
	if (state_open(&st, path, TMPL_KIND, 0, 0) != STATE_OK)
		exit(1);
	t = tmpl_new(state_seed(st), 0);
	for (i = 0; i < 3 * NPARA; i++) {
		if (i % NPARA == 0)
			tmpl_doc(t);
		tmpl_seen(t, paragraphs[i % NPARA], strlen(paragraphs[i % NPARA]));
	}
	if (tmpl_save(t, st) < 0)
		exit(1);
	tmpl_free(t);
	state_close(st);
	read_whole(path, &file);
	put_seed(dir, "template", 0x03, file.data, file.len);
	unlink(path);
	snprintf(path, sizeof path, "%s/template.wds.lock", dir);
	unlink(path);
	buf_release(&file);
}

static char *
subdir(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/%s", dir, name);
	if (mkdir(b.data, 0777) < 0 && errno != EEXIST)
		die(1, "cannot make '%s'", b.data);
	return b.data;
}

int
main(int argc, char **argv)
{
	struct dedupe_opts exact = { .min_chars = 10 }, near = exact,
	    contained = exact, bloom = exact;
	static const char names[] =
	    "# names for winnow-tag --gazetteer\n"
	    "삼성전자\tORG\n서울\tLOCATION\nNew York\tLC\nTim Cook\tPERSON\tceo\n"
	    "\n한국은행\tOG\n";
	struct buf model = BUF_INIT;
	char *dir;

	progname = "mkseeds";
	if (argc != 2)
		die(2, "usage: mkseeds DIR");
	if (mkdir(argv[1], 0777) < 0 && errno != EEXIST)
		die(1, "cannot make '%s'", argv[1]);

	dir = subdir(argv[1], "fuzz_state");
	near.near = 0.8;
	contained.contained = 1;
	bloom.memory = 1 << 16;
	dedupe_seed(dir, "exact", 0x01, &exact);
	dedupe_seed(dir, "near", 0x01 | 0x04, &near);
	dedupe_seed(dir, "contained", 0x01 | 0x08, &contained);
	dedupe_seed(dir, "bloom", 0x01 | 0x10, &bloom);
	tmpl_seed(dir);
	free(dir);

	dir = subdir(argv[1], "fuzz_model");
	if (tiny_model(NER_KO, &model) < 0)
		die(1, "cannot train a model");
	put_seed(dir, "ko-model", 0x02, model.data, model.len);
	buf_reset(&model);
	if (tiny_model(NER_EN, &model) < 0)
		die(1, "cannot train a model");
	put_seed(dir, "en-model", 0x02, model.data, model.len);
	put_seed(dir, "gazetteer", 0x01, names, sizeof names - 1);
	free(dir);
	buf_release(&model);
	return 0;
}
