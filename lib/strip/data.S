/*
 * strip data: the built-in line model, data/strip.model (made by make
 * strip-model), as read-only bytes of the program, as lib/ner/data.S
 * holds the entity models: .incbin takes the file as it is, with no
 * generated C array to compile.  strip_use_builtin_model() parses it.
 */
	.section .rodata
	.balign 64
	.globl stripdata_model
stripdata_model:
	.incbin "data/strip.model"
	.globl stripdata_model_end
stripdata_model_end:

	.section .note.GNU-stack,"",@progbits
