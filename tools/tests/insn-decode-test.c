/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit test of the MMIO MOV decoder (xen/arch/x86/hvm/insn-decode.c). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/hvm-emulate.h>

#define PAGE 4096U
#define MAX_INSN 15U
#define NO_REG 0xfffeU /* expect(): a refusal */
#define READ 0
#define WRITE 1

static int failures, checks;
static uint8_t *page_end; /* the byte after it is a PROT_NONE guard page */

void printk(const char *fmt, ...)
{
    (void)fmt;
}

static void hexdump(const uint8_t *b, unsigned int n, char *out)
{
    unsigned int i;

    out[0] = 0;
    for ( i = 0; i < n; i++ )
        sprintf(out + 3 * i, "%02x ", b[i]);
}

/* Decode @n bytes placed right before the guard page: no read past them. */
static int decode_at_end(const uint8_t *b, unsigned int n, bool addr32,
                         struct hvm_mmio_insn *mi)
{
    uint8_t *p = page_end - n;

    memcpy(p, b, n);
    return hvm_decode_mov(p, n, addr32, mi);
}

/*
 * The @n bytes of @b decode (in 64-bit mode, or 32-bit with @addr32) to
 * the whole instruction (length @n) with direction @write and register
 * @reg, also with trailing bytes after it; every shorter prefix of them is
 * refused.  With @reg == NO_REG, the bytes are refused whole.
 */
static void expect(const char *what, const uint8_t *b, unsigned int n,
                   bool addr32, unsigned int reg, int write)
{
    struct hvm_mmio_insn mi;
    uint8_t padded[MAX_INSN];
    char hex[3 * MAX_INSN + 1];
    unsigned int k;
    int rc;

    checks++;
    hexdump(b, n, hex);
    rc = decode_at_end(b, n, addr32, &mi);
    if ( reg == NO_REG )
    {
        if ( rc != -EOPNOTSUPP )
        {
            printf("FAIL: %s [%s] (%s): accepted (len %u)\n", what, hex,
                   addr32 ? "32-bit" : "64-bit", mi.len);
            failures++;
        }
        return;
    }
    if ( rc || mi.len != n || mi.reg != reg || mi.write != write )
    {
        printf("FAIL: %s [%s]: rc %d len %u reg %#x write %d\n", what, hex, rc,
               mi.len, mi.reg, mi.write);
        failures++;
        return;
    }
    /* The same with NOPs after it: the length does not change. */
    memset(padded, 0x90, sizeof(padded));
    memcpy(padded, b, n);
    if ( decode_at_end(padded, MAX_INSN, addr32, &mi) || mi.len != n )
    {
        printf("FAIL: %s [%s] padded: len %u\n", what, hex, mi.len);
        failures++;
    }
    for ( k = 0; k < n; k++ )
    {
        rc = decode_at_end(b, k, addr32, &mi);
        if ( rc != -EOPNOTSUPP )
        {
            printf("FAIL: %s [%s] truncated to %u: rc %d\n", what, hex, k, rc);
            failures++;
        }
    }
}

#define OK64(what, reg, wr, ...) \
    do \
    { \
        static const uint8_t b_[] = { __VA_ARGS__ }; \
        expect(what, b_, sizeof(b_), false, reg, wr); \
    } while ( 0 )
#define OK32(what, reg, wr, ...) \
    do \
    { \
        static const uint8_t b_[] = { __VA_ARGS__ }; \
        expect(what, b_, sizeof(b_), true, reg, wr); \
    } while ( 0 )
#define BAD(what, ...) \
    do \
    { \
        static const uint8_t b_[] = { __VA_ARGS__ }; \
        expect(what, b_, sizeof(b_), false, NO_REG, 0); \
        expect(what, b_, sizeof(b_), true, NO_REG, 0); \
    } while ( 0 )
#define BAD64(what, ...) \
    do \
    { \
        static const uint8_t b_[] = { __VA_ARGS__ }; \
        expect(what, b_, sizeof(b_), false, NO_REG, 0); \
    } while ( 0 )
#define BAD32(what, ...) \
    do \
    { \
        static const uint8_t b_[] = { __VA_ARGS__ }; \
        expect(what, b_, sizeof(b_), true, NO_REG, 0); \
    } while ( 0 )

#define D32 0x78, 0x56, 0x34, 0x12 /* a disp32 or imm32 */

/* Every mod/rm/SIB form: the lengths (the same in both modes). */
static void modrm_forms(void)
{
    unsigned int mod, rm, reg;

    for ( mod = 0; mod < 3; mod++ )
        for ( rm = 0; rm < 8; rm++ )
            for ( reg = 0; reg < 8; reg++ )
            {
                uint8_t b[12] = { 0x8b, (uint8_t)(mod << 6 | reg << 3 | rm) };
                unsigned int n = 2, base;

                for ( base = 0; base < (rm == 4 ? 8U : 1U); base++ )
                {
                    n = 2;
                    if ( rm == 4 )
                        b[n++] = (uint8_t)(0x88 | base); /* index 1, x4 */
                    if ( mod == 1 )
                        n += 1;
                    else if ( mod == 2 ||
                              (mod == 0 &&
                               (rm == 5 || (rm == 4 && base == 5))) )
                        n += 4;
                    expect("modrm form", b, n, false, reg, READ);
                    expect("modrm form", b, n, true, reg, READ);
                }
            }
}

static void encodings(void)
{
    OK64("mov eax,[rax]", 0, READ, 0x8b, 0x00);
    OK64("mov ecx,[rax+8]", 1, READ, 0x8b, 0x48, 0x08);
    OK64("mov edx,[rax+disp32]", 2, READ, 0x8b, 0x90, D32);
    OK64("mov ebx,[rsp]", 3, READ, 0x8b, 0x1c, 0x24);
    OK64("mov esp,[rsp+8]", 4, READ, 0x8b, 0x64, 0x24, 0x08);
    OK64("mov ebp,[rsp+disp32]", 5, READ, 0x8b, 0xac, 0x24, D32);
    OK64("mov esi,[disp32] (SIB no base)", 6, READ, 0x8b, 0x34, 0x25, D32);
    OK64("mov edi,[rbp+rcx*4+8]", 7, READ, 0x8b, 0x7c, 0x8d, 0x08);
    OK64("mov eax,[rbp+rcx*4+disp32]", 0, READ, 0x8b, 0x84, 0x8d, D32);
    OK64("mov eax,[rip+disp32]", 0, READ, 0x8b, 0x05, D32);
    OK64("mov [rip+disp32],eax", 0, WRITE, 0x89, 0x05, D32);
    OK64("mov r8d,[rax]", 8, READ, 0x44, 0x8b, 0x00);
    OK64("mov r15d,[rax]", 15, READ, 0x44, 0x8b, 0x38);
    OK64("mov r9d,[rip+disp32]", 9, READ, 0x44, 0x8b, 0x0d, D32);
    OK64("mov eax,[r12] (SIB)", 0, READ, 0x41, 0x8b, 0x04, 0x24);
    OK64("mov eax,[r13+0]", 0, READ, 0x41, 0x8b, 0x45, 0x00);
    OK64("mov eax,[rip] with REX.B", 0, READ, 0x41, 0x8b, 0x05, D32);
    OK64("mov eax,[r8+r9*2]", 0, READ, 0x43, 0x8b, 0x04, 0x48);
    OK64("mov [r12],r15d", 15, WRITE, 0x45, 0x89, 0x3c, 0x24);
    OK64("mov [rax],r11d", 11, WRITE, 0x44, 0x89, 0x18);
    OK64("REX without bits", 0, READ, 0x40, 0x8b, 0x00);
    OK64("mov [rax],imm32", HVM_MMIO_IMM, WRITE, 0xc7, 0x00, D32);
    OK64("mov [rax+8],imm32", HVM_MMIO_IMM, WRITE, 0xc7, 0x40, 0x08, D32);
    OK64("mov [rip+disp32],imm32", HVM_MMIO_IMM, WRITE, 0xc7, 0x05, D32, D32);
    OK64("mov [rsp+disp32],imm32", HVM_MMIO_IMM, WRITE, 0xc7, 0x84, 0x24, D32,
         D32);
    OK64("mov [r8],imm32 (REX.B)", HVM_MMIO_IMM, WRITE, 0x41, 0xc7, 0x00, D32);
    OK64("mov [rax],imm32 (REX.R)", HVM_MMIO_IMM, WRITE, 0x44, 0xc7, 0x00,
         D32);
    OK64("cs mov", 0, READ, 0x2e, 0x8b, 0x00);
    OK64("ss mov", 0, READ, 0x36, 0x8b, 0x00);
    OK64("ds mov", 0, READ, 0x3e, 0x8b, 0x00);
    OK64("es mov", 0, READ, 0x26, 0x8b, 0x00);
    OK64("fs mov", 0, READ, 0x64, 0x8b, 0x00);
    OK64("gs mov r8d", 8, READ, 0x65, 0x44, 0x8b, 0x00);
    OK64("two segment prefixes", 0, WRITE, 0x2e, 0x3e, 0x89, 0x00);
    OK64("mov eax,moffs64", 0, READ, 0xa1, D32, D32);
    OK64("mov moffs64,eax", 0, WRITE, 0xa3, D32, D32);
    OK32("mov eax,[disp32] (32-bit)", 0, READ, 0x8b, 0x05, D32);
    OK32("mov [esp+8],ecx (32-bit)", 1, WRITE, 0x89, 0x4c, 0x24, 0x08);
    OK32("mov [ebx],imm32 (32-bit)", HVM_MMIO_IMM, WRITE, 0xc7, 0x03, D32);
    OK32("mov eax,moffs32", 0, READ, 0xa1, D32);
    OK32("mov moffs32,eax", 0, WRITE, 0xa3, D32);
    OK32("gs mov (32-bit)", 0, READ, 0x65, 0x8b, 0x00);
}

static void refusals(void)
{
    unsigned int r;

    BAD("empty");
    BAD64("REX.W mov", 0x48, 0x8b, 0x00);
    BAD64("REX.WR mov", 0x4c, 0x89, 0x00);
    BAD64("REX.W mov imm", 0x48, 0xc7, 0x00, D32);
    BAD64("REX.W moffs", 0x48, 0xa1, D32, D32);
    BAD64("REX then segment", 0x44, 0x64, 0x8b, 0x00);
    BAD64("two REX", 0x40, 0x44, 0x8b, 0x00);
    BAD32("0x40 is INC in 32-bit mode", 0x40, 0x8b, 0x00);
    BAD32("0x44 is INC in 32-bit mode", 0x44, 0x8b, 0x00);
    BAD32("0x48 is DEC in 32-bit mode", 0x48, 0x8b, 0x00);
    BAD("operand size 0x66", 0x66, 0x8b, 0x00);
    BAD("address size 0x67", 0x67, 0x8b, 0x00);
    BAD("lock", 0xf0, 0x89, 0x00);
    BAD("repne", 0xf2, 0x8b, 0x00);
    BAD("rep", 0xf3, 0x8b, 0x00);
    BAD("segment then 0x66", 0x64, 0x66, 0x8b, 0x00);
    BAD("byte load 8A", 0x8a, 0x00);
    BAD("byte store 88", 0x88, 0x00);
    BAD("byte imm C6", 0xc6, 0x00, 0x12);
    BAD("register operand 8B", 0x8b, 0xc0);
    BAD("register operand 89", 0x89, 0xd8);
    BAD("register operand C7", 0xc7, 0xc0, D32);
    BAD64("register operand with REX", 0x45, 0x8b, 0xc7);
    for ( r = 1; r < 8; r++ )
    {
        uint8_t b[] = { 0xc7, (uint8_t)(r << 3), D32 };

        expect("C7 /reg != 0", b, sizeof(b), false, NO_REG, 0);
        expect("C7 /reg != 0", b, sizeof(b), true, NO_REG, 0);
    }
    BAD("movs", 0xa5);
    BAD("rep movs", 0xf3, 0xa5);
    BAD("stos", 0xab);
    BAD("lods", 0xad);
    BAD("add [rax],eax", 0x01, 0x00);
    BAD("add eax,[rax]", 0x03, 0x00);
    BAD("add [rax],imm8", 0x83, 0x00, 0x01);
    BAD("push [rax]", 0xff, 0x30);
    BAD("inc [rax]", 0xff, 0x00);
    BAD("xchg [rax],eax", 0x87, 0x00);
    BAD("movzx", 0x0f, 0xb6, 0x00);
    BAD("movnti", 0x0f, 0xc3, 0x00);
    BAD("movd xmm", 0x66, 0x0f, 0x6e, 0x00);
    BAD("mov al,moffs", 0xa0, D32, D32);
    BAD("mov moffs,al", 0xa2, D32, D32);
    BAD("nop", 0x90);
}

/* Random bytes at the end of the page: accepted ones stay within @avail. */
static void random_bytes(void)
{
    unsigned int i, k;

    srand(1);
    for ( i = 0; i < 2000000; i++ )
    {
        uint8_t b[MAX_INSN];
        unsigned int n = (unsigned int)rand() % (MAX_INSN + 1);
        struct hvm_mmio_insn mi;
        int rc;

        for ( k = 0; k < n; k++ )
            b[k] = (uint8_t)rand();
        if ( n && (i & 1) )
            b[rand() % 3 < 2 ? 0 : n / 2] = (uint8_t)(0x89 + (i & 2));
        rc = decode_at_end(b, n, i & 4, &mi);
        if ( rc == 0 && (mi.len > n || mi.len < 2 ||
                         (mi.reg > 15 && mi.reg != HVM_MMIO_IMM)) )
        {
            printf("FAIL: random: len %u of %u, reg %#x\n", mi.len, n, mi.reg);
            failures++;
            return;
        }
        if ( rc != 0 && rc != -EOPNOTSUPP )
        {
            printf("FAIL: random: rc %d\n", rc);
            failures++;
            return;
        }
    }
    checks++;
}

int main(void)
{
    uint8_t *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if ( p == MAP_FAILED || mprotect(p + PAGE, PAGE, PROT_NONE) )
        return 2;
    page_end = p + PAGE;
    modrm_forms();
    encodings();
    refusals();
    random_bytes();
    printf("%s: %d checks, %d failures\n", failures ? "FAIL" : "PASS", checks,
           failures);
    return failures ? 1 : 0;
}
