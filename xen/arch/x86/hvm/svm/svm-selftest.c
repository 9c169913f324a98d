/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot self-test of SVM: run a tiny guest on NPT-backed RAM to VMMCALL. */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/apic.h>
#include <asm/npt.h>
#include <asm/svm.h>

#define TEST_RAM_SIZE (2ULL << 20) /* at GPA 0 */
#define TEST_GUEST_GPA 0x1000      /* as in test-guest.S */
#define TEST_ASID 1
#define TEST_MAX_EXITS 64 /* the guest needs 8: never loop for ever */
#define COM1_PORT 0x3f8
#define LINE_MAX 80

extern const char svm_test_guest[], svm_test_guest_end[];

struct test_state {
    struct npt npt;
    struct svm_vcpu sv;
    char line[LINE_MAX];
    unsigned int len;
};

static void guest_putc(struct test_state *t, char c)
{
    if ( c != '\n' && t->len < LINE_MAX )
        t->line[t->len++] = c;
    if ( c == '\n' || t->len == LINE_MAX )
    {
        console_guest_line(0, t->line, t->len);
        t->len = 0;
    }
}

/* OUT of one byte to COM1's data register; anything else is refused. */
static int handle_ioio(struct test_state *t)
{
    struct vmcb *vmcb = t->sv.vmcb;
    uint64_t info = vmcb->exitinfo1;
    unsigned int port = (unsigned int)(info >> SVM_IOIO_PORT_SHIFT) & 0xffff;

    if ( port != COM1_PORT ||
         (info & (SVM_IOIO_IN | SVM_IOIO_STR | SVM_IOIO_REP)) ||
         !(info & SVM_IOIO_SZ8) )
    {
        printk("SVM self-test: unexpected I/O exit %#llx\n",
               (unsigned long long)info);
        return -EIO;
    }
    guest_putc(t, (char)vmcb->rax);
    vmcb->rip = vmcb->exitinfo2; /* next RIP: no NRIP save under TCG */
    return 0;
}

/* Run until VMMCALL (0), or fail on any other exit. */
static int run_guest(struct test_state *t)
{
    unsigned int n;
    uint64_t code;
    int rc;

    for ( n = 0; n < TEST_MAX_EXITS; n++ )
    {
        code = svm_vcpu_run(&t->sv);
        if ( code == SVM_EXIT_VMMCALL )
            return 0;
        if ( code == SVM_EXIT_INTR )
        {
            apic_take_pending_irq();
            continue;
        }
        if ( code != SVM_EXIT_IOIO )
        {
            printk("SVM self-test: unexpected exit %#llx at rip %#llx "
                   "(info1 %#llx, info2 %#llx)\n",
                   (unsigned long long)code,
                   (unsigned long long)t->sv.vmcb->rip,
                   (unsigned long long)t->sv.vmcb->exitinfo1,
                   (unsigned long long)t->sv.vmcb->exitinfo2);
            return -EIO;
        }
        rc = handle_ioio(t);
        if ( rc )
            return rc;
    }
    printk("SVM self-test: no VMMCALL after %u exits\n", n);
    return -EIO;
}

/* Copy the blob into guest RAM through the NPT. */
static int load_guest(struct test_state *t)
{
    size_t size = (size_t)(svm_test_guest_end - svm_test_guest);
    paddr_t pa;
    int rc = npt_translate(&t->npt, TEST_GUEST_GPA, &pa);

    if ( rc )
        return rc;
    memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
    memcpy((void *)(uintptr_t)pa, svm_test_guest, size);
    return 0;
}

static int svm_selftest_run(struct test_state *t)
{
    int rc;

    rc = npt_init(&t->npt);
    rc = rc ?: npt_populate_ram(&t->npt, 0, TEST_RAM_SIZE);
    rc = rc ?: load_guest(t);
    rc =
        rc ?: svm_vcpu_init(&t->sv, TEST_ASID, t->npt.pt.root, TEST_GUEST_GPA);
    rc = rc ?: run_guest(t);
    svm_vcpu_destroy(&t->sv);
    npt_destroy(&t->npt);
    return rc;
}

int svm_selftest(void)
{
    static struct test_state t;
    paddr_t total, free_before, free_after;
    int rc = svm_enable();

    if ( rc == -ENODEV )
    {
        printk("SVM self-test skipped: no SVM with nested paging\n");
        return 0;
    }
    page_alloc_stats(&total, &free_before);
    memset(&t, 0, sizeof(t));
    rc = rc ?: svm_selftest_run(&t);
    page_alloc_stats(&total, &free_after);
    if ( !rc && free_after != free_before )
    {
        printk("SVM self-test: %lld bytes leaked\n",
               (long long)(free_before - free_after));
        rc = -EIO;
    }
    if ( rc )
    {
        printk("SVM self-test FAILED (%d)\n", rc);
        return rc;
    }
    printk("SVM self-test passed\n");
    return 0;
}
