/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit test of the hypervisor's page allocator (xen/common/page-alloc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>

#define RAM_SIZE (64ULL << 20)
#define NR_PAGES (RAM_SIZE / PAGE_SIZE)
#define MAX_ALLOCS 20000

struct block {
    paddr_t pa;
    unsigned int order;
};

static struct block blocks[MAX_ALLOCS];
static unsigned int nr_blocks;
static unsigned char owner[NR_PAGES]; /* 0 free, 1 allocated, 2 other */
static paddr_t base;
static int failures;

#define CHECK(c, ...) \
    do \
    { \
        if ( !(c) ) \
        { \
            printf("FAIL: " __VA_ARGS__); \
            printf("\n"); \
            failures++; \
        } \
    } while ( 0 )

void printk(const char *fmt, ...)
{
    (void)fmt;
}

static unsigned char *page_owner(paddr_t pa)
{
    return &owner[(pa - base) / PAGE_SIZE];
}

/* Banks [0, 40 MiB) and [40 MiB + 12 KiB, 64 MiB) of the buffer. */
static void setup(void)
{
    void *p = mmap(NULL, RAM_SIZE * 2, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    paddr_t i;

    if ( p == MAP_FAILED )
        exit(2);
    base = ROUNDUP((paddr_t)(uintptr_t)p, RAM_SIZE);
    CHECK(!page_alloc_add_ram(base, 40 << 20), "bank 0");
    CHECK(!page_alloc_add_ram(base + (40ULL << 20) + 0x3000,
                              RAM_SIZE - (40ULL << 20) - 0x3000),
          "bank 1");
    CHECK(page_alloc_add_ram(base + 0x1000, 0x2000) == -EEXIST, "overlap");
    for ( i = 0; i < 3; i++ )
        owner[(40ULL << 20) / PAGE_SIZE + i] = 2;
    /* The loader's leftovers: unaligned, some straddling a bank edge. */
    CHECK(!reserve_range(base + 0x123, 0x5000), "reserve a");
    CHECK(!reserve_range(base + (40ULL << 20) - 0x800, 0x4000), "reserve b");
    for ( i = 0; i < 6; i++ )
        owner[i] = 2;
    owner[(40ULL << 20) / PAGE_SIZE - 1] = 2;
    owner[(40ULL << 20) / PAGE_SIZE + 3] = 2;
}

static void take(unsigned int order)
{
    paddr_t pa, i;

    if ( alloc_pages(order, &pa) )
        return;
    CHECK(IS_ALIGNED(pa, PAGE_SIZE << order), "order %u at %#llx unaligned",
          order, (unsigned long long)pa);
    CHECK(pa >= base && pa + (PAGE_SIZE << order) <= base + RAM_SIZE,
          "order %u outside RAM", order);
    for ( i = 0; i < (1ULL << order); i++ )
    {
        unsigned char *o = page_owner(pa + i * PAGE_SIZE);

        CHECK(*o == 0, "page %#llx handed out twice or reserved",
              (unsigned long long)(pa + i * PAGE_SIZE));
        *o = 1;
    }
    blocks[nr_blocks].pa = pa;
    blocks[nr_blocks++].order = order;
}

static void give(unsigned int n)
{
    paddr_t i;

    CHECK(!free_pages(blocks[n].pa, blocks[n].order), "free %#llx order %u",
          (unsigned long long)blocks[n].pa, blocks[n].order);
    for ( i = 0; i < (1ULL << blocks[n].order); i++ )
        *page_owner(blocks[n].pa + i * PAGE_SIZE) = 0;
    blocks[n] = blocks[--nr_blocks];
}

static paddr_t free_now(void)
{
    paddr_t total, free;

    page_alloc_stats(&total, &free);
    return free;
}

int main(void)
{
    paddr_t free0 = 0;
    unsigned int round, i, most = 0;

    setup();
    srand(1);
    for ( round = 0; round < 200; round++ )
    {
        /* Fill with a mix of orders, then free every other block. */
        while ( nr_blocks < MAX_ALLOCS - 1 )
        {
            unsigned int before = nr_blocks;

            take((unsigned int)rand() % 3 ? 0 : (unsigned int)rand() % 10);
            if ( nr_blocks == before && !free_now() )
                break;
            if ( nr_blocks == before )
                take(0);
            if ( nr_blocks == before )
                break;
        }
        if ( !round )
        {
            free0 = free_now();
            most = nr_blocks;
        }
        for ( i = round % 2; i < nr_blocks; i += 2 )
            give(i);
    }
    CHECK(free0 == 0, "RAM left after filling: %llu",
          (unsigned long long)free0);
    CHECK(most > 300, "only %u blocks at the first fill", most);
    if ( nr_blocks )
    {
        paddr_t pa = blocks[0].pa;
        unsigned int order = blocks[0].order;

        give(0);
        CHECK(free_pages(pa, order) == -EINVAL, "double free accepted");
    }
    while ( nr_blocks )
        give(nr_blocks - 1);
    /* All but the gap, the reserved pages and a bitmap page a bank. */
    CHECK(free_now() == RAM_SIZE - 0x3000 - 8 * PAGE_SIZE - 2 * PAGE_SIZE,
          "free at the end: %llu", (unsigned long long)free_now());
    CHECK(free_range(base + 0x10000, 2 * PAGE_SIZE) == -EINVAL,
          "free of free pages");
    printf("page-alloc-test: %d failure%s\n", failures,
           failures == 1 ? "" : "s");
    return failures ? 1 : 0;
}
