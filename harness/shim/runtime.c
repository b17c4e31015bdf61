// SPDX-License-Identifier: GPL-2.0-only
/*
 * The C runtime the module carries: memset/memcpy/memmove/memcmp, the
 * AddressSanitizer hooks the instrumented driver code calls for every load
 * and store, and the variadic half of dev_printk(). Built WITHOUT
 * -fsanitize=address: these functions are the checks.
 *
 * A check of [addr, addr + size) passes without leaving the module when the
 * range lies in [4 KiB, __heap_base): the stack and the module's own data.
 * Anything else (the NULL page, the kernel's RAM and mappings above
 * __heap_base) is for the simulated kernel's ledger to judge: the "access"
 * import, the KASAN-like slow path.
 */
#include <kshim.h>

#define KSHIM_NULL_PAGE		4096UL

extern unsigned char __heap_base;

__KSHIM_IMPORT(access)
void kernel_access(unsigned long addr, unsigned long size, int is_write);

/*
 * Ranges the simulated kernel has already judged for this run (a populated page of a live
 * window, a live allocation): accesses inside them need no call out. The TypeScript side sets
 * them after a slow-path check, and clears them whenever its judgement could change (a release,
 * a crossing that writes windows back, the end of a run). Writes get their own range, since a
 * window page must be noted dirty on its first write.
 */
struct kshim_fast_ranges {
	unsigned long rlo, rhi, wlo, whi;
};
static struct kshim_fast_ranges kshim_fast;

__attribute__((export_name("kshim_fast_ranges")))
struct kshim_fast_ranges *kshim_fast_ranges_ptr(void)
{
	return &kshim_fast;
}

static inline __attribute__((always_inline)) void kshim_check(unsigned long addr, unsigned long size,
			       int is_write)
{
	unsigned long end = addr + size;

	if (addr >= KSHIM_NULL_PAGE && end >= addr &&
	    end <= (unsigned long)&__heap_base)
		return;
	if (end >= addr && (is_write ?
	    addr >= kshim_fast.wlo && end <= kshim_fast.whi :
	    addr >= kshim_fast.rlo && end <= kshim_fast.rhi))
		return;
	kernel_access(addr, size, is_write);
}

#define KSHIM_ASAN_ACCESS(size)						\
void __asan_load##size(unsigned long addr)				\
{									\
	kshim_check(addr, size, 0);					\
}									\
void __asan_store##size(unsigned long addr)				\
{									\
	kshim_check(addr, size, 1);					\
}

KSHIM_ASAN_ACCESS(1)
KSHIM_ASAN_ACCESS(2)
KSHIM_ASAN_ACCESS(4)
KSHIM_ASAN_ACCESS(8)
KSHIM_ASAN_ACCESS(16)

void __asan_loadN(unsigned long addr, size_t size)
{
	kshim_check(addr, size, 0);
}

void __asan_storeN(unsigned long addr, size_t size)
{
	kshim_check(addr, size, 1);
}

/* The module constructor's calls; the shadow lives in the simulated kernel */
void __asan_init(void)
{
}

void __asan_version_mismatch_check_v8(void)
{
}

/* The C library: one check per range, then plain byte loops */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	if (n)
		kshim_check((unsigned long)s, n, 1);
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (n) {
		kshim_check((unsigned long)src, n, 0);
		kshim_check((unsigned long)dest, n, 1);
	}
	while (n--)
		*d++ = *s++;
	return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (n) {
		kshim_check((unsigned long)src, n, 0);
		kshim_check((unsigned long)dest, n, 1);
	}
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dest;
}

int memcmp(const void *s1, const void *s2, size_t n)
{
	const unsigned char *a = s1, *b = s2;

	if (n) {
		kshim_check((unsigned long)s1, n, 0);
		kshim_check((unsigned long)s2, n, 0);
	}
	for (; n; n--, a++, b++)
		if (*a != *b)
			return *a - *b;
	return 0;
}

/* What the instrumentation calls for struct copies and the like */
void *__asan_memset(void *s, int c, size_t n)
{
	return memset(s, c, n);
}

void *__asan_memcpy(void *dest, const void *src, size_t n)
{
	return memcpy(dest, src, n);
}

void *__asan_memmove(void *dest, const void *src, size_t n)
{
	return memmove(dest, src, n);
}

/*
 * dev_printk(): clang's wasm va_list is a pointer to the argument buffer
 * (each argument at its natural alignment), handed on as it is.
 */
void kshim_dev_printk(int level, const char *site, const char *fmt, ...)
{
	__builtin_va_list args;

	__builtin_va_start(args, fmt);
	kernel_dev_printk(level, site, fmt, (void *)args);
	__builtin_va_end(args);
}
