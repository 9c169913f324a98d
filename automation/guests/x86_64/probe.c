/* SPDX-License-Identifier: GPL-2.0-only */
/* MSR accesses that record an exception instead of taking it; port I/O. */
#include "guest.h"

uint32_t probe_rdmsr(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;

    trap_vector = TRAP_NONE;
    asm volatile("movl $1f, trap_fixup\n\trdmsr\n1:\tmovl $0, trap_fixup"
                 : "+a"(lo), "+d"(hi)
                 : "c"(msr)
                 : "memory");
    *val = (uint64_t)hi << 32 | lo;
    return trap_vector;
}

uint32_t probe_wrmsr(uint32_t msr, uint64_t val)
{
    trap_vector = TRAP_NONE;
    asm volatile("movl $1f, trap_fixup\n\twrmsr\n1:\tmovl $0, trap_fixup"
                 :
                 : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
                 : "memory");
    return trap_vector;
}

uint32_t port_in(uint16_t port, unsigned int size)
{
    uint32_t v = 0;

    if ( size == 1 )
        asm volatile("inb %1, %b0" : "+a"(v) : "Nd"(port));
    else if ( size == 2 )
        asm volatile("inw %1, %w0" : "+a"(v) : "Nd"(port));
    else
        asm volatile("inl %1, %0" : "+a"(v) : "Nd"(port));
    return v;
}

void port_out(uint16_t port, unsigned int size, uint32_t v)
{
    if ( size == 1 )
        asm volatile("outb %b0, %1" : : "a"(v), "Nd"(port));
    else if ( size == 2 )
        asm volatile("outw %w0, %1" : : "a"(v), "Nd"(port));
    else
        asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
