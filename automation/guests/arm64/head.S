/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test guest entry: arm64 Image header, boot CPU and PSCI CPU_ON entry,
 * EL1 exception vectors.  Position independent: only PC-relative addressing.
 *
 * Entry (Linux arm64 boot protocol): x0 = DTB physical address, MMU off, EL1.
 */

#define STACK_SIZE	0x2000
#define NR_STACKS	8

	.section .head.text, "ax"
	.globl	_start
_start:
	b	boot_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: load at RAM base */
	.quad	_image_size		/* image_size, bss and stacks included */
	.quad	0xa			/* flags: LE, 4K pages, anywhere in RAM */
	.quad	0, 0, 0			/* reserved */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* reserved (PE/COFF offset) */

	.text
boot_entry:
	mov	x19, x0			/* DTB */
	msr	daifset, #0xf
	/* Zero the bss (8-byte aligned by the linker script). */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x0, #0
	bl	cpu_setup
	mov	x0, x19
	bl	guest_main
	b	guest_halt

/* PSCI CPU_ON entry point: x0 = context id = logical CPU number. */
	.globl	secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	cmp	x0, #NR_STACKS
	b.hs	3f
	bl	cpu_setup
	mov	x0, x19
	bl	secondary_main
3:	b	guest_halt

/* x0 = CPU number: its stack, the vectors.  Clobbers x0-x2. */
cpu_setup:
	adrp	x1, stacks_top
	add	x1, x1, :lo12:stacks_top
	mov	x2, #STACK_SIZE
	msub	x1, x0, x2, x1
	mov	sp, x1
	adrp	x1, vectors
	add	x1, x1, :lo12:vectors
	msr	vbar_el1, x1
	isb
	ret

	.globl	guest_halt
guest_halt:
	wfi
	b	guest_halt

/*
 * Vectors: each slot saves x0/x1, puts its slot number in x0 and jumps to the
 * common path, which calls guest_exception(slot, esr, far, elr) and resumes
 * at the address it returns.
 */
	.macro	vec slot
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\slot
	b	vec_common
	.endm

	.balign	0x800
vectors:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vec	\n
	.endr

vec_common:
	sub	sp, sp, #160
	stp	x2, x3, [sp, #0]
	stp	x4, x5, [sp, #16]
	stp	x6, x7, [sp, #32]
	stp	x8, x9, [sp, #48]
	stp	x10, x11, [sp, #64]
	stp	x12, x13, [sp, #80]
	stp	x14, x15, [sp, #96]
	stp	x16, x17, [sp, #112]
	stp	x18, x29, [sp, #128]
	str	x30, [sp, #144]
	mrs	x1, esr_el1
	mrs	x2, far_el1
	mrs	x3, elr_el1
	bl	guest_exception
	msr	elr_el1, x0
	ldp	x2, x3, [sp, #0]
	ldp	x4, x5, [sp, #16]
	ldp	x6, x7, [sp, #32]
	ldp	x8, x9, [sp, #48]
	ldp	x10, x11, [sp, #64]
	ldp	x12, x13, [sp, #80]
	ldp	x14, x15, [sp, #96]
	ldp	x16, x17, [sp, #112]
	ldp	x18, x29, [sp, #128]
	ldr	x30, [sp, #144]
	add	sp, sp, #160
	ldp	x0, x1, [sp], #16
	eret

/* SMCCC calls: x0 = function id, x1..x3 = arguments; result in x0. */
	.globl	hvc_call
hvc_call:
	hvc	#0
	ret

	.globl	smc_call
smc_call:
	smc	#0
	ret

	.bss
	.balign	16
stacks:
	.skip	STACK_SIZE * NR_STACKS
stacks_top:
