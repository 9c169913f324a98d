/* SPDX-License-Identifier: GPL-2.0-only */
/* Test guest runtime: console, formatted output, DT facts, PSCI, faults. */
#include "guest.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1U << 5)
#define UART_FR_RXFE (1U << 4)
#define XEN_VPL011_BASE 0x22000000UL

struct guest_info gi;
volatile unsigned int exc_count;
volatile uint64_t exc_esr, exc_far;
volatile unsigned int exc_slot;
volatile bool exc_quiet;
volatile unsigned int exc_limit = 8;
volatile uint64_t exc_resume;
volatile unsigned int exc_resume_ec;

/* ---- strings ---- */

size_t str_len(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

int str_ncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        if ( *a != *b )
            return (unsigned char)*a - (unsigned char)*b;
        if ( !*a )
            break;
    }
    return 0;
}

int str_cmp(const char *a, const char *b)
{
    return str_ncmp(a, b, (size_t)-1);
}

const char *str_find(const char *hay, const char *needle)
{
    size_t n = str_len(needle);

    for ( ; *hay; hay++ )
        if ( !str_ncmp(hay, needle, n) )
            return hay;
    return NULL;
}

uint64_t str_to_u64(const char *s)
{
    uint64_t v = 0;
    unsigned int base = 10, d;

    if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
    {
        base = 16;
        s += 2;
    }
    for ( ;; s++ )
    {
        if ( *s >= '0' && *s <= '9' )
            d = (unsigned int)(*s - '0');
        else if ( base == 16 && *s >= 'a' && *s <= 'f' )
            d = (unsigned int)(*s - 'a' + 10);
        else if ( base == 16 && *s >= 'A' && *s <= 'F' )
            d = (unsigned int)(*s - 'A' + 10);
        else
            return v;
        v = v * base + d;
    }
}

/* The compiler may emit calls to these for struct copies and clears. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

void *memset(void *d, int c, size_t n)
{
    volatile unsigned char *p = d;

    while ( n-- )
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const volatile unsigned char *q = s;

    while ( n-- )
        *p++ = *q++;
    return d;
}

/* ---- console: PL011 / SBSA UART, polled ---- */

void con_putc(char c)
{
    volatile uint32_t *base = (volatile uint32_t *)gi.console;

    if ( !base )
        return;
    while ( base[UART_FR / 4] & UART_FR_TXFF )
        ;
    base[UART_DR / 4] = (uint32_t)(unsigned char)c;
}

int con_getc(void)
{
    volatile uint32_t *base = (volatile uint32_t *)gi.console;

    if ( !base || (base[UART_FR / 4] & UART_FR_RXFE) )
        return -1;
    return (int)(base[UART_DR / 4] & 0xff);
}

void con_puts(const char *s)
{
    while ( *s )
        con_putc(*s++);
}

static void put_num(uint64_t v, unsigned int base)
{
    char buf[24];
    int i = 0;

    do
    {
        unsigned int d = (unsigned int)(v % base);

        buf[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while ( v );
    while ( i )
        con_putc(buf[--i]);
}

/* %s %c %d %u %x, with an optional 'l' for 64-bit; %% */
void gprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    for ( ; *fmt; fmt++ )
    {
        bool l = false;
        int64_t sv;

        if ( *fmt != '%' )
        {
            con_putc(*fmt);
            continue;
        }
        if ( *++fmt == 'l' )
        {
            l = true;
            fmt++;
        }
        switch ( *fmt )
        {
        case 's':
            con_puts(va_arg(ap, const char *));
            break;
        case 'c':
            con_putc((char)va_arg(ap, int));
            break;
        case 'd':
            sv = l ? va_arg(ap, int64_t) : va_arg(ap, int);
            if ( sv < 0 )
            {
                con_putc('-');
                sv = -sv;
            }
            put_num((uint64_t)sv, 10);
            break;
        case 'u':
            put_num(l ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int), 10);
            break;
        case 'x':
            put_num(l ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int), 16);
            break;
        case '%':
            con_putc('%');
            break;
        default:
            return;
        }
    }
    va_end(ap);
}

/* ---- what the device tree says ---- */

static uint64_t node_reg(const void *fdt, int node, uint32_t i, uint64_t *size)
{
    int parent = fdt_parent(fdt, node);
    uint32_t ac = fdt_cells(fdt, parent, "#address-cells", 2);
    uint32_t sc = fdt_cells(fdt, parent, "#size-cells", 1);
    uint32_t len;
    const void *reg = fdt_prop(fdt, node, "reg", &len);

    if ( !reg || len < 4 * (ac + sc) * (i + 1) )
        return ~0UL;
    if ( size )
        *size = fdt_read_cells(reg, (ac + sc) * i + ac, sc);
    return fdt_read_cells(reg, (ac + sc) * i, ac);
}

/* /chosen/stdout-path ("/path" or "alias", options after ':'), if usable. */
static int stdout_node(const void *fdt)
{
    char buf[128];
    const char *sp;
    uint32_t len, n = 0;
    int chosen = fdt_path(fdt, "/chosen"), aliases;

    sp = chosen >= 0 ? fdt_prop(fdt, chosen, "stdout-path", &len) : NULL;
    if ( !sp )
        return -1;
    while ( n < len && n < sizeof(buf) - 1 && sp[n] && sp[n] != ':' )
    {
        buf[n] = sp[n];
        n++;
    }
    buf[n] = '\0';
    if ( buf[0] == '/' )
        return fdt_path(fdt, buf);
    aliases = fdt_path(fdt, "/aliases");
    sp = aliases >= 0 ? fdt_prop(fdt, aliases, buf, &len) : NULL;
    return sp ? fdt_path(fdt, sp) : -1;
}

static void find_console(const void *fdt)
{
    int node = stdout_node(fdt), depth = 0;

    if ( node < 0 || !(fdt_compatible(fdt, node, "arm,sbsa-uart") ||
                       fdt_compatible(fdt, node, "arm,pl011")) )
    {
        for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
              node = fdt_next_node(fdt, node, &depth) )
            if ( fdt_compatible(fdt, node, "arm,sbsa-uart") ||
                 fdt_compatible(fdt, node, "arm,pl011") )
                break;
    }
    gi.console_from_dt = node >= 0;
    gi.console = node >= 0 ? node_reg(fdt, node, 0, NULL) : XEN_VPL011_BASE;
    if ( gi.console == ~0UL )
        gi.console = XEN_VPL011_BASE;
}

static void read_memory_and_cpus(const void *fdt)
{
    int node, depth = 0, cpus = fdt_path(fdt, "/cpus");
    uint32_t len;

    gi.ram_base = ~0UL;
    for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
    {
        const char *name = fdt_name(fdt, node);
        const char *dt = fdt_prop(fdt, node, "device_type", &len);
        uint64_t base, size;
        uint32_t i;

        if ( depth == 1 && !str_ncmp(name, "memory", 6) &&
             (name[6] == '\0' || name[6] == '@') )
        {
            for ( i = 0; (base = node_reg(fdt, node, i, &size)) != ~0UL; i++ )
            {
                gi.ram_bytes += size;
                if ( base < gi.ram_base )
                    gi.ram_base = base;
                if ( base + size > gi.ram_top )
                    gi.ram_top = base + size;
            }
        }
        else if ( depth == 2 && cpus >= 0 && fdt_parent(fdt, node) == cpus &&
                  dt && !str_cmp(dt, "cpu") )
        {
            if ( gi.nr_cpus < 8 )
                gi.cpu_mpidr[gi.nr_cpus] = node_reg(fdt, node, 0, NULL);
            gi.nr_cpus++;
        }
    }
}

void guest_dt_read(const void *fdt)
{
    int node;
    uint32_t len;
    const char *s;

    gi.fdt = fdt;
    gi.bootargs = "";
    if ( fdt_check(fdt) )
    {
        gi.console = XEN_VPL011_BASE;
        gprintf("%s: no valid DTB at 0x%lx\n", guest_name, (uint64_t)fdt);
        guest_halt();
    }
    find_console(fdt);
    node = fdt_path(fdt, "/chosen");
    s = node >= 0 ? fdt_prop(fdt, node, "bootargs", &len) : NULL;
    if ( s && len )
        gi.bootargs = s;
    read_memory_and_cpus(fdt);
    node = fdt_path(fdt, "/psci");
    s = node >= 0 ? fdt_prop(fdt, node, "method", &len) : NULL;
    if ( s && !str_cmp(s, "hvc") )
        gi.psci = 1;
    else if ( s && !str_cmp(s, "smc") )
        gi.psci = 2;
    if ( !gi.console_from_dt )
        gprintf("%s: no UART in the DT, trying 0x%lx\n", guest_name,
                gi.console);
}

/* ---- PSCI ---- */

uint64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    if ( gi.psci == 1 )
        return hvc_call(fn, a1, a2, a3);
    if ( gi.psci == 2 )
        return smc_call(fn, a1, a2, a3);
    return (uint64_t)-1; /* NOT_SUPPORTED */
}

void psci_system_off(void)
{
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    gprintf("%s: PSCI SYSTEM_OFF returned\n", guest_name);
    guest_halt();
}

uint64_t read_mpidr(void)
{
    uint64_t v;

    asm volatile("mrs %0, mpidr_el1" : "=r"(v));
    return v & 0xff00ffffffUL;
}

/* ---- exceptions ---- */

static const char *ec_name(uint64_t esr)
{
    switch ( esr >> 26 )
    {
    case 0x00:
        return "undefined instruction";
    case 0x20:
    case 0x21:
        return "instruction abort";
    case 0x24:
    case 0x25:
        return "data abort";
    case 0x2f:
        return "SError";
    default:
        return "exception";
    }
}

uint64_t guest_exception(uint64_t slot, uint64_t esr, uint64_t far,
                         uint64_t elr)
{
    bool sync = (slot & 3) == 0;
    uint64_t resume = exc_resume;

    exc_count++;
    exc_slot = (unsigned int)slot;
    exc_esr = esr;
    exc_far = far;
    if ( !exc_quiet )
        gprintf("%s: %s ESR=0x%lx FAR=0x%lx ELR=0x%lx\n", guest_name,
                sync ? ec_name(esr) : "asynchronous exception", esr, far, elr);
    if ( exc_count > exc_limit )
    {
        gprintf("%s: too many exceptions, powering off\n", guest_name);
        psci_system_off();
    }
    if ( resume && sync && (esr >> 26) == exc_resume_ec )
    {
        /* Back to EL1h where the test asked, whatever was interrupted. */
        exc_resume = 0;
        asm volatile("msr spsr_el1, %0" : : "r"(0x3c5UL));
        return resume;
    }
    /* Skip the faulting instruction (all A64, 4 bytes). */
    return sync ? elr + 4 : elr;
}

__attribute__((weak)) void secondary_main(unsigned long cpu)
{
    gprintf("%s: unexpected CPU %lu started\n", guest_name, (uint64_t)cpu);
    guest_halt();
}

unsigned int start_other_cpus(void)
{
    uint64_t self = read_mpidr(), entry = (uint64_t)(uintptr_t)secondary_entry;
    unsigned int n, nr = gi.nr_cpus < 8 ? gi.nr_cpus : 8, up = 0;

    for ( n = 0; n < nr; n++ )
        if ( gi.cpu_mpidr[n] != self &&
             !psci_call(PSCI_CPU_ON, gi.cpu_mpidr[n], entry, up + 1) )
            up++;
    return up;
}
