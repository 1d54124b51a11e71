/*
 * ner data: the default entity models, data/ner-ko.wnm and data/ner-en.wnm,
 * as read-only bytes of the program (see nerdefault_open in ner/ner.h).
 *
 * .incbin copies a file into the object as it is: no generated C array
 * (which would be some 30 MB of source for 5 MB of model, slow to compile
 * twice per build), no `ld -r -b binary` (whose symbol names follow the
 * path and whose flags depend on the target).  Both gcc and clang
 * assemble it on Linux; make runs from the top of the tree, so the paths
 * are relative to it.
 */
	.section .rodata
	.balign 64
	.globl nerdata_ko
nerdata_ko:
	.incbin "data/ner-ko.wnm"
	.globl nerdata_ko_end
nerdata_ko_end:
	.balign 64
	.globl nerdata_en
nerdata_en:
	.incbin "data/ner-en.wnm"
	.globl nerdata_en_end
nerdata_en_end:

	.section .note.GNU-stack,"",@progbits
