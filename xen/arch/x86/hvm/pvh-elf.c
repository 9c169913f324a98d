/* SPDX-License-Identifier: GPL-2.0-only */
/* PVH kernel loader: ELF32/ELF64 PT_LOAD segments and the PHYS32 entry note. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-start-info.h>

#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EM_386 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_NOTE 4

/* A program header in the form both classes reduce to. */
struct phdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
};

/* The image being loaded: bytes in host memory, header fields decoded. */
struct elf_img {
    const uint8_t *p;
    uint64_t size;
    bool is64;
    uint64_t entry, phoff;
    unsigned int phnum, phentsize;
};

static uint64_t rd(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while ( n-- )
        v = (v << 8) | p[n];
    return v;
}

/* Is [@off, @off + @len) inside the image? */
static bool in_image(const struct elf_img *e, uint64_t off, uint64_t len)
{
    return off <= e->size && len <= e->size - off;
}

static int elf_header(struct elf_img *e)
{
    const uint8_t *p = e->p;
    unsigned int machine;

    if ( e->size < 52 || rd(p, 4) != 0x464c457fU /* "\177ELF" */ ||
         p[EI_DATA] != ELFDATA2LSB ||
         (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64) )
        return -ENOEXEC;
    e->is64 = p[EI_CLASS] == ELFCLASS64;
    if ( e->is64 && e->size < 64 )
        return -ENOEXEC;
    machine = (unsigned int)rd(p + 18, 2);
    if ( machine != (e->is64 ? EM_X86_64 : EM_386) )
        return -ENOEXEC;
    e->entry = e->is64 ? rd(p + 24, 8) : rd(p + 24, 4);
    e->phoff = e->is64 ? rd(p + 32, 8) : rd(p + 28, 4);
    e->phentsize = (unsigned int)rd(p + (e->is64 ? 54 : 42), 2);
    e->phnum = (unsigned int)rd(p + (e->is64 ? 56 : 44), 2);
    if ( e->phentsize < (e->is64 ? 56U : 32U) ||
         !in_image(e, e->phoff, (uint64_t)e->phnum * e->phentsize) )
        return -ENOEXEC;
    return 0;
}

static void elf_phdr(const struct elf_img *e, unsigned int i, struct phdr *ph)
{
    const uint8_t *p = e->p + e->phoff + (uint64_t)i * e->phentsize;

    ph->type = (uint32_t)rd(p, 4);
    if ( e->is64 )
    {
        ph->offset = rd(p + 8, 8);
        ph->paddr = rd(p + 24, 8);
        ph->filesz = rd(p + 32, 8);
        ph->memsz = rd(p + 40, 8);
        return;
    }
    ph->offset = rd(p + 4, 4);
    ph->paddr = rd(p + 12, 4);
    ph->filesz = rd(p + 16, 4);
    ph->memsz = rd(p + 20, 4);
}

/* Look for the "Xen" PHYS32_ENTRY note in one PT_NOTE segment. */
static bool find_entry_note(const struct elf_img *e, const struct phdr *ph,
                            uint64_t *entry)
{
    uint64_t off = ph->offset, end = ph->offset + ph->filesz;

    if ( !in_image(e, ph->offset, ph->filesz) )
        return false;
    while ( end - off >= 12 )
    {
        const uint8_t *n = e->p + off;
        uint64_t namesz = rd(n, 4), descsz = rd(n + 4, 4);
        uint64_t name_off = off + 12, desc_off = name_off + ROUNDUP(namesz, 4);

        if ( desc_off > end || ROUNDUP(descsz, 4) > end - desc_off )
            return false;
        if ( rd(n + 8, 4) == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
             !memcmp(e->p + name_off, "Xen", 4) &&
             (descsz == 4 || descsz == 8) )
        {
            *entry = rd(e->p + desc_off, (unsigned int)descsz);
            return true;
        }
        off = desc_off + ROUNDUP(descsz, 4);
    }
    return false;
}

static int load_segment(struct domain *d, const struct elf_img *e,
                        const struct phdr *ph)
{
    struct arch_domain *ad = &d->arch;
    int rc;

    if ( !in_image(e, ph->offset, ph->filesz) || ph->filesz > ph->memsz ||
         ph->paddr >= ad->low_ram || ph->memsz > ad->low_ram - ph->paddr )
    {
        printk("ERROR: d%u: kernel segment at %#llx (%#llx bytes) lies "
               "outside the domain's %llu KiB of RAM below 4 GiB or its "
               "file\n",
               d->domid, (unsigned long long)ph->paddr,
               (unsigned long long)ph->memsz,
               (unsigned long long)(ad->low_ram >> 10));
        return -ENOSPC;
    }
    rc = domain_copy_to_guest(d, ph->paddr, e->p + ph->offset, ph->filesz);
    rc = rc
             ?: domain_copy_to_guest(d, ph->paddr + ph->filesz, NULL,
                                     ph->memsz - ph->filesz);
    ad->kernel_start = MIN(ad->kernel_start, ph->paddr);
    ad->kernel_end = MAX(ad->kernel_end, ph->paddr + ph->memsz);
    return rc;
}

static int load_segments(struct domain *d, const struct elf_img *e,
                         bool *have_note)
{
    struct phdr ph;
    unsigned int i, nr_load = 0;
    int rc;

    d->arch.kernel_start = ~0ULL;
    d->arch.kernel_end = 0;
    for ( i = 0; i < e->phnum; i++ )
    {
        elf_phdr(e, i, &ph);
        if ( ph.type == PT_NOTE && !*have_note )
            *have_note = find_entry_note(e, &ph, &d->arch.entry);
        if ( ph.type != PT_LOAD || !ph.memsz )
            continue;
        rc = load_segment(d, e, &ph);
        if ( rc )
            return rc;
        nr_load++;
    }
    if ( nr_load )
        return 0;
    printk("ERROR: d%u: the kernel ELF has no loadable segment\n", d->domid);
    return -ENOEXEC;
}

/* A Linux/x86 boot protocol image: "HdrS" in its setup header. */
static bool is_bzimage(const struct elf_img *e)
{
    return in_image(e, 0x202, 4) && rd(e->p + 0x202, 4) == 0x53726448U;
}

int pvh_elf_load(struct domain *d, const struct boot_module *k)
{
    struct elf_img e = { .p = (const uint8_t *)(uintptr_t)k->start,
                         .size = k->size };
    bool have_note = false;
    int rc = elf_header(&e);

    if ( rc && is_bzimage(&e) )
    {
        printk("ERROR: d%u: the kernel is a bzImage; a PVH domain needs the "
               "ELF inside it (tools/vmlinux-extract; hlimage --arch x86_64 "
               "extracts it)\n",
               d->domid);
        return rc;
    }
    if ( rc )
    {
        printk("ERROR: d%u: the kernel is not a little-endian x86 ELF "
               "image\n",
               d->domid);
        return rc;
    }
    rc = load_segments(d, &e, &have_note);
    if ( rc )
        return rc;
    if ( !have_note && e.is64 )
    {
        printk("ERROR: d%u: 64-bit kernel without a XEN_ELFNOTE_PHYS32_ENTRY "
               "note: not a PVH kernel\n",
               d->domid);
        return -ENOEXEC;
    }
    if ( !have_note )
        d->arch.entry = e.entry;
    if ( d->arch.entry >= d->arch.low_ram )
    {
        printk("ERROR: d%u: kernel entry %#llx is outside its RAM\n", d->domid,
               (unsigned long long)d->arch.entry);
        return -ENOEXEC;
    }
    return 0;
}
