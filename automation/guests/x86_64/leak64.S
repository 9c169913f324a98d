/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * leak: long mode for the leak guest, to reach XMM8-15 and the upper
 * halves of YMM0-15.  long_mode_enter() maps the first 1 GiB 1:1 and turns
 * on EFER.LME and paging: the guest goes on in compatibility mode (the
 * 32-bit code segment of traps.S); the other two far-call into 64-bit code
 * (selector 0x18) and come back.
 */
#define SEL_CODE64 0x18
#define MSR_EFER 0xc0000080
#define EFER_LME 0x100
#define CR4_PAE 0x20
#define CR0_PG 0x80000000

        .section .bss
        .balign 4096
pml4:   .fill   4096, 1, 0
pdpt:   .fill   4096, 1, 0
pd:     .fill   4096, 1, 0

        .text
        .code32
/* void long_mode_enter(void) */
        .globl long_mode_enter
long_mode_enter:
        movl    $pdpt + 3, pml4
        movl    $pd + 3, pdpt
        xor     %ecx, %ecx
1:      mov     %ecx, %eax
        shl     $21, %eax
        or      $0x83, %eax             /* present, writable, 2 MiB */
        mov     %eax, pd(, %ecx, 8)
        inc     %ecx
        cmp     $512, %ecx
        jb      1b
        mov     %cr4, %eax
        or      $CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $pml4, %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
        mov     %cr0, %eax
        or      $CR0_PG, %eax
        mov     %eax, %cr0
        ret

/*
 * void regs64_fill(uint32_t s, uint32_t avx): every dword of XMM0-15 (and
 * of YMM0-15 with @avx) is @s.
 */
        .globl regs64_fill
regs64_fill:
        mov     4(%esp), %eax
        mov     8(%esp), %ecx
        lcall   $SEL_CODE64, $fill64
        ret

/* void regs64_save(void *area, uint32_t xsave): XSAVE (all of XCR0) or FXSAVE. */
        .globl regs64_save
regs64_save:
        push    %edi
        mov     8(%esp), %edi
        mov     12(%esp), %ecx
        lcall   $SEL_CODE64, $save64
        pop     %edi
        ret

        .code64
fill64:
        movd    %eax, %xmm0
        pshufd  $0, %xmm0, %xmm0
        test    %ecx, %ecx
        jz      2f
        vinsertf128 $1, %xmm0, %ymm0, %ymm0
        vmovdqa %ymm0, %ymm1
        vmovdqa %ymm0, %ymm2
        vmovdqa %ymm0, %ymm3
        vmovdqa %ymm0, %ymm4
        vmovdqa %ymm0, %ymm5
        vmovdqa %ymm0, %ymm6
        vmovdqa %ymm0, %ymm7
        vmovdqa %ymm0, %ymm8
        vmovdqa %ymm0, %ymm9
        vmovdqa %ymm0, %ymm10
        vmovdqa %ymm0, %ymm11
        vmovdqa %ymm0, %ymm12
        vmovdqa %ymm0, %ymm13
        vmovdqa %ymm0, %ymm14
        vmovdqa %ymm0, %ymm15
        lret
2:      movdqa  %xmm0, %xmm1
        movdqa  %xmm0, %xmm2
        movdqa  %xmm0, %xmm3
        movdqa  %xmm0, %xmm4
        movdqa  %xmm0, %xmm5
        movdqa  %xmm0, %xmm6
        movdqa  %xmm0, %xmm7
        movdqa  %xmm0, %xmm8
        movdqa  %xmm0, %xmm9
        movdqa  %xmm0, %xmm10
        movdqa  %xmm0, %xmm11
        movdqa  %xmm0, %xmm12
        movdqa  %xmm0, %xmm13
        movdqa  %xmm0, %xmm14
        movdqa  %xmm0, %xmm15
        lret

save64:
        mov     %edi, %edi
        test    %ecx, %ecx
        jz      3f
        mov     $-1, %eax
        mov     $-1, %edx
        xsave64 (%rdi)
        lret
3:      fxsave64 (%rdi)
        lret
