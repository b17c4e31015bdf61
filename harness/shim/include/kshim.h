/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The subset of the kernel API used by the SMMUv3 stream-table code, for
 * building that code as wasm64 (LP64, like arm64).
 *
 * Every kernel service is a WebAssembly import (module "kernel") implemented
 * by the simulated kernel in TypeScript; harness/shim/ABI.md is the contract.
 * The wrappers below add the caller's __func__ and __LINE__, so the driver
 * text keeps calling the services by their kernel names while the simulated
 * kernel can attribute every call (ledger, fault schedule, trace).
 *
 * Pure helpers (FIELD_GET, ilog2, ...) and struct mutex are plain C here.
 */
#ifndef _KSHIM_H
#define _KSHIM_H

/* ---- Configuration of the kernel being simulated (arm64 server) ---- */
#define CONFIG_PCI_ATS		1
#define CONFIG_PCI_PRI		1
#define CONFIG_CRASH_DUMP	1
#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define MAX_PAGE_ORDER		10

/* ---- Compiler ---- */
#define __KSHIM_IMPORT(name) \
	__attribute__((import_module("kernel"), import_name(#name)))

#define __iomem
#define __user
#define __force
#define __bitwise
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __always_inline		inline __attribute__((__always_inline__))
#define __cleanup(func)		__attribute__((__cleanup__(func)))
#define fallthrough		__attribute__((__fallthrough__))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

/* IS_ENABLED(CONFIG_FOO), as include/linux/kconfig.h does it */
#define __ARG_PLACEHOLDER_1			0,
#define __take_second_arg(__ignored, val, ...)	val
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define __is_defined(x)			___is_defined(x)
#define IS_ENABLED(option)		__is_defined(option)

/* KUnit visibility: the functions under test are plain driver functions */
#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL(sym)

/* ---- Types ---- */
typedef signed char		s8;
typedef unsigned char		u8;
typedef signed short		s16;
typedef unsigned short		u16;
typedef signed int		s32;
typedef unsigned int		u32;
typedef signed long long	s64;
typedef unsigned long long	u64;
typedef u16			__le16;
typedef u32			__le32;
typedef u64			__le64;
typedef __SIZE_TYPE__		size_t;
typedef long			ssize_t;
typedef _Bool			bool;
typedef u64			phys_addr_t;
typedef u64			dma_addr_t;
typedef phys_addr_t		resource_size_t;
typedef unsigned int		gfp_t;
typedef unsigned int		ioasid_t;
typedef struct { int counter; }	atomic_t;

#define true			1
#define false			0
#define NULL			((void *)0)
#define U32_MAX			((u32)~0U)
#define ULONG_MAX		(~0UL)
#define BITS_PER_LONG		64

#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

/* ---- Bits and fields (include/linux/bits.h, bitfield.h) ---- */
#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))
#define GENMASK(h, l) \
	(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l) \
	(((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (64 - 1 - (h))))
#define __bf_shf(x)		(__builtin_ffsll(x) - 1)
#define FIELD_PREP(_mask, _val) \
	((((typeof(_mask))(_val)) << __bf_shf(_mask)) & (_mask))
#define FIELD_GET(_mask, _reg) \
	((typeof(_mask))(((_reg) & (_mask)) >> __bf_shf(_mask)))
#define DMA_BIT_MASK(n)		(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

#define SZ_4K			0x00001000
#define SZ_16K			0x00004000
#define SZ_64K			0x00010000
#define SZ_128K			0x00020000
#define SZ_2M			0x00200000
#define SZ_32M			0x02000000
#define SZ_512M			0x20000000
#define SZ_1G			0x40000000

/* ---- Arithmetic (include/linux/minmax.h, log2.h, math.h, align.h) ---- */
#define min(a, b) ({ typeof(a) __a = (a); typeof(b) __b = (b); \
		     __a < __b ? __a : __b; })
#define max(a, b) ({ typeof(a) __a = (a); typeof(b) __b = (b); \
		     __a > __b ? __a : __b; })
#define min_t(type, a, b)	min((type)(a), (type)(b))
#define max_t(type, a, b)	max((type)(a), (type)(b))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

/* ilog2(0) is -1, as fls64(0) - 1 is in the kernel */
static inline int kshim_ilog2(u64 n)
{
	return n ? 63 - __builtin_clzll(n) : -1;
}
#define ilog2(n)		kshim_ilog2(n)

/* ---- Byte order and access (arm64 and wasm are both little-endian) ---- */
#define le64_to_cpu(x)		((u64)(x))
#define cpu_to_le64(x)		((__le64)(x))
#define le32_to_cpu(x)		((u32)(x))
#define cpu_to_le32(x)		((__le32)(x))
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

/* ---- Error pointers and codes (include/linux/err.h, errno.h) ---- */
#define EPERM		1
#define ENOENT		2
#define EIO		5
#define ENXIO		6
#define ENOMEM		12
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define EOVERFLOW	75
#define EOPNOTSUPP	95
#define ETIMEDOUT	110
#define MAX_ERRNO	4095

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}
#define ERR_CAST(ptr)		((void *)(ptr))

/* ---- The imports: every kernel service is implemented in TypeScript ---- */
struct device;
struct xarray;
struct ida;

__KSHIM_IMPORT(mmio_read32) u32 kernel_mmio_read32(u64 addr);
__KSHIM_IMPORT(mmio_read64) u64 kernel_mmio_read64(u64 addr);
__KSHIM_IMPORT(mmio_write32) void kernel_mmio_write32(u64 addr, u32 val);
__KSHIM_IMPORT(mmio_write64) void kernel_mmio_write64(u64 addr, u64 val);
__KSHIM_IMPORT(memremap)
void *kernel_memremap(phys_addr_t pa, size_t size, unsigned long flags,
		      const char *site, int line);
__KSHIM_IMPORT(memunmap)
void kernel_memunmap(void *ptr, const char *site, int line);
__KSHIM_IMPORT(devm_memremap)
void *kernel_devm_memremap(struct device *dev, phys_addr_t pa, size_t size,
			   unsigned long flags, const char *site, int line);
__KSHIM_IMPORT(devm_memunmap)
void kernel_devm_memunmap(struct device *dev, void *ptr, const char *site,
			  int line);
__KSHIM_IMPORT(kmalloc)
void *kernel_kmalloc(size_t size, gfp_t gfp, int zero, const char *site,
		     int line);
__KSHIM_IMPORT(kfree) void kernel_kfree(const void *ptr, const char *site,
					int line);
__KSHIM_IMPORT(devm_kmalloc)
void *kernel_devm_kmalloc(struct device *dev, size_t size, gfp_t gfp, int zero,
			  const char *site, int line);
__KSHIM_IMPORT(devm_kfree)
void kernel_devm_kfree(struct device *dev, const void *ptr, const char *site,
		       int line);
__KSHIM_IMPORT(dmam_alloc_coherent)
void *kernel_dmam_alloc_coherent(struct device *dev, size_t size,
				 dma_addr_t *dma_handle, gfp_t gfp,
				 const char *site, int line);
__KSHIM_IMPORT(devm_add_action)
int kernel_devm_add_action(struct device *dev, void (*action)(void *),
			   void *data, int reset, const char *site, int line);
__KSHIM_IMPORT(dev_printk)
void kernel_dev_printk(int level, const char *site, const char *fmt,
		       void *args);
__KSHIM_IMPORT(warn)
void kernel_warn(const char *file, int line, const char *cond, int once);
__KSHIM_IMPORT(stub) u64 kernel_stub(const char *name, u64 arg);
__KSHIM_IMPORT(is_kdump_kernel) int kernel_is_kdump_kernel(void);
__KSHIM_IMPORT(region_intersects)
int kernel_region_intersects(resource_size_t start, size_t size,
			     unsigned long flags, unsigned long desc,
			     const char *site, int line);
__KSHIM_IMPORT(xa_insert)
int kernel_xa_insert(struct xarray *xa, unsigned long index, void *entry,
		     gfp_t gfp, const char *site, int line);
#define xa_insert(xa, index, entry, gfp) \
	kernel_xa_insert(xa, index, entry, gfp, __func__, __LINE__)
__KSHIM_IMPORT(xa_load) void *xa_load(struct xarray *xa, unsigned long index);
__KSHIM_IMPORT(xa_erase) void *xa_erase(struct xarray *xa, unsigned long index);
__KSHIM_IMPORT(xa_find)
void *kernel_xa_find(struct xarray *xa, unsigned long *indexp,
		     unsigned long max, int after);
__KSHIM_IMPORT(ida_init) void ida_init(struct ida *ida);
__KSHIM_IMPORT(ida_alloc_range)
int kernel_ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
			   gfp_t gfp, const char *site, int line);
#define ida_alloc_range(ida, min, max, gfp) \
	kernel_ida_alloc_range(ida, min, max, gfp, __func__, __LINE__)
__KSHIM_IMPORT(ida_free) void ida_free(struct ida *ida, unsigned int id);
__KSHIM_IMPORT(ida_destroy) void ida_destroy(struct ida *ida);

/* ---- MMIO (include/asm-generic/io.h); ordering is not simulated ---- */
#define __kshim_mmio(addr)	((u64)(unsigned long)(addr))
#define readl_relaxed(addr)	kernel_mmio_read32(__kshim_mmio(addr))
#define readq_relaxed(addr)	kernel_mmio_read64(__kshim_mmio(addr))
#define writel_relaxed(v, addr)	kernel_mmio_write32(__kshim_mmio(addr), (v))
#define writeq_relaxed(v, addr)	kernel_mmio_write64(__kshim_mmio(addr), (v))
#define readl(addr)		readl_relaxed(addr)
#define readq(addr)		readq_relaxed(addr)
#define writel(v, addr)		writel_relaxed(v, addr)
#define writeq(v, addr)		writeq_relaxed(v, addr)

/*
 * include/linux/iopoll.h. The kernel polls for up to timeout_us; here a
 * bounded number of reads stands for the timeout, so a register that never
 * acks (powered off, wedged) times out after KSHIM_POLL_READS reads.
 */
#define KSHIM_POLL_READS	8
#define readx_poll_timeout(op, addr, val, cond, sleep_us, timeout_us)	\
({									\
	int __kshim_left = KSHIM_POLL_READS;				\
	for (;;) {							\
		(val) = op(addr);					\
		if (cond)						\
			break;						\
		if (--__kshim_left == 0)				\
			break;						\
	}								\
	(cond) ? 0 : -ETIMEDOUT;					\
})
#define readl_relaxed_poll_timeout(addr, val, cond, delay_us, timeout_us) \
	readx_poll_timeout(readl_relaxed, addr, val, cond, delay_us, timeout_us)
#define readl_relaxed_poll_timeout_atomic(addr, val, cond, delay_us, timeout_us) \
	readx_poll_timeout(readl_relaxed, addr, val, cond, delay_us, timeout_us)

/* ---- Memory mapping (kernel/iomem.c) ---- */
#define MEMREMAP_WB		(1 << 0)
#define MEMREMAP_WT		(1 << 2)
#define MEMREMAP_WC		(1 << 3)
#define memremap(pa, size, flags) \
	kernel_memremap((pa), (size), (flags), __func__, __LINE__)
#define memunmap(ptr)		kernel_memunmap((ptr), __func__, __LINE__)
#define devm_memremap(dev, pa, size, flags) \
	kernel_devm_memremap((dev), (pa), (size), (flags), __func__, __LINE__)
#define devm_memunmap(dev, ptr) \
	kernel_devm_memunmap((dev), (ptr), __func__, __LINE__)

/* ---- Allocation (include/linux/slab.h, device/devres.h, dma-mapping.h) ---- */
#define GFP_KERNEL		0xcc0U
#define GFP_ATOMIC		0x820U

/* n * size overflowing returns NULL without allocating, as kmalloc_array() */
#define __kshim_array(n, size, alloc) ({				\
	size_t __kshim_bytes;						\
	__builtin_mul_overflow((size_t)(n), (size_t)(size), &__kshim_bytes) ? \
		NULL : (alloc);						\
})
#define kmalloc(size, gfp) \
	kernel_kmalloc((size), (gfp), 0, __func__, __LINE__)
#define kzalloc(size, gfp) \
	kernel_kmalloc((size), (gfp), 1, __func__, __LINE__)
#define kmalloc_array(n, size, gfp) __kshim_array(n, size, \
	kernel_kmalloc(__kshim_bytes, (gfp), 0, __func__, __LINE__))
#define kcalloc(n, size, gfp) __kshim_array(n, size, \
	kernel_kmalloc(__kshim_bytes, (gfp), 1, __func__, __LINE__))
#define kfree(ptr)		kernel_kfree((ptr), __func__, __LINE__)
#define devm_kmalloc(dev, size, gfp) \
	kernel_devm_kmalloc((dev), (size), (gfp), 0, __func__, __LINE__)
#define devm_kzalloc(dev, size, gfp) \
	kernel_devm_kmalloc((dev), (size), (gfp), 1, __func__, __LINE__)
#define devm_kcalloc(dev, n, size, gfp) __kshim_array(n, size, \
	kernel_devm_kmalloc((dev), __kshim_bytes, (gfp), 1, __func__, __LINE__))
#define devm_kfree(dev, ptr)	kernel_devm_kfree((dev), (ptr), __func__, __LINE__)
#define dmam_alloc_coherent(dev, size, dma_handle, gfp)			\
	kernel_dmam_alloc_coherent((dev), (size), (dma_handle), (gfp),	\
				   __func__, __LINE__)
#define devm_add_action(dev, action, data) \
	kernel_devm_add_action((dev), (action), (data), 0, __func__, __LINE__)
#define devm_add_action_or_reset(dev, action, data) \
	kernel_devm_add_action((dev), (action), (data), 1, __func__, __LINE__)

/* ---- Logging (include/linux/dev_printk.h, asm-generic/bug.h) ---- */
#define LOGLEVEL_EMERG		0
#define LOGLEVEL_ALERT		1
#define LOGLEVEL_CRIT		2
#define LOGLEVEL_ERR		3
#define LOGLEVEL_WARNING	4
#define LOGLEVEL_NOTICE		5
#define LOGLEVEL_INFO		6
#define LOGLEVEL_DEBUG		7

/* Defined in the shim runtime: passes its va_list on to the import */
void kshim_dev_printk(int level, const char *site, const char *fmt, ...)
	__attribute__((__format__(__printf__, 3, 4)));

/* A file may define dev_fmt() before its includes, as in the kernel */
#ifndef dev_fmt
#define dev_fmt(fmt)		fmt
#endif
#define dev_printk(level, dev, fmt, ...) \
	kshim_dev_printk(level, __func__, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) \
	dev_printk(LOGLEVEL_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) \
	dev_printk(LOGLEVEL_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) \
	dev_printk(LOGLEVEL_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) \
	dev_printk(LOGLEVEL_INFO, dev, fmt, ##__VA_ARGS__)
/* As with dynamic debug: emitted at KERN_DEBUG, the log decides to show it */
#define dev_dbg(dev, fmt, ...) \
	dev_printk(LOGLEVEL_DEBUG, dev, fmt, ##__VA_ARGS__)

/* The "once" state is the simulated kernel's (it is reset between runs) */
#define __kshim_warn(condition, text, once) ({				\
	int __kshim_ret = !!(condition);				\
	if (unlikely(__kshim_ret))					\
		kernel_warn(__FILE__, __LINE__, (text), (once));	\
	unlikely(__kshim_ret);						\
})
#define WARN_ON(condition)	__kshim_warn(condition, #condition, 0)
#define WARN_ON_ONCE(condition)	__kshim_warn(condition, #condition, 1)
/* WARN(): the format is reported as the condition text, its arguments dropped */
#define WARN(condition, fmt, ...)	__kshim_warn(condition, fmt, 0)
#define WARN_ONCE(condition, fmt, ...)	__kshim_warn(condition, fmt, 1)

/* ---- kdump (include/linux/crash_dump.h) ---- */
#define is_kdump_kernel()	((bool)kernel_is_kdump_kernel())

/* include/linux/ioport.h: what region_intersects() is asked about */
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_SYSRAM	0x01000000
#define IORESOURCE_BUSY		0x80000000
#define IORESOURCE_SYSTEM_RAM	(IORESOURCE_MEM|IORESOURCE_SYSRAM)
#define IORES_DESC_NONE		0
enum {
	REGION_INTERSECTS,
	REGION_DISJOINT,
	REGION_MIXED,
};
#define region_intersects(start, size, flags, desc) \
	kernel_region_intersects((start), (size), (flags), (desc), __func__, \
				 __LINE__)

/*
 * include/linux/dma-direct.h: the SMMU has no dma-ranges offset (no
 * dev->dma_range_map) and there is no memory encryption (__sme_clr() is a
 * no-op), so a DMA address is its physical address.
 */
static inline phys_addr_t dma_to_phys(struct device *dev, dma_addr_t dma_addr)
{
	return dma_addr;
}

/* ---- Stubs outside the stream-table logic report to the trace ---- */
#define kshim_stub(name, arg)	kernel_stub(name, (u64)(arg))

/* ---- Lists and rbtree roots (include/linux/list.h, rbtree_types.h) ---- */
struct list_head {
	struct list_head *next, *prev;
};

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	list->prev = list;
}
#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) \
	list_entry((ptr)->next, type, member)
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, typeof(*(pos)), member)
#define list_entry_is_head(pos, head, member)	(&pos->member == (head))
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, typeof(*pos), member);	\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};

struct rb_root {
	struct rb_node *rb_node;
};
#define RB_ROOT			(struct rb_root) { NULL, }

/* ---- struct mutex: single-threaded, so it only tracks being held ---- */
struct mutex {
	int held;
};
#define DEFINE_MUTEX(mutexname)	struct mutex mutexname = { 0 }

static inline void mutex_init(struct mutex *lock)
{
	lock->held = 0;
}

static inline void mutex_lock(struct mutex *lock)
{
	/* With one thread, taking a held mutex would deadlock */
	WARN(lock->held, "mutex_lock() of a held mutex: deadlock");
	lock->held = 1;
}

static inline void mutex_unlock(struct mutex *lock)
{
	WARN(!lock->held, "mutex_unlock() of a mutex that is not held");
	lock->held = 0;
}
#define lockdep_assert_held(l)	WARN_ON(!(l)->held)

/* guard(mutex)(&lock), as include/linux/cleanup.h's scope-based guard */
static inline struct mutex *kshim_guard_mutex_enter(struct mutex *lock)
{
	mutex_lock(lock);
	return lock;
}

static inline void kshim_guard_mutex_exit(struct mutex **lockp)
{
	mutex_unlock(*lockp);
}
#define guard(_name)		__kshim_guard_##_name
#define __kshim_guard_mutex(lock)					\
	struct mutex *__UNIQUE_ID(guard) __maybe_unused			\
	__cleanup(kshim_guard_mutex_exit) = kshim_guard_mutex_enter(lock)

/* ---- XArray and IDA: state lives in the simulated kernel ---- */
/* Keyed by the C address of the struct, so they only need to exist */
struct xarray {
	unsigned long kshim_unused;
};
#define DEFINE_XARRAY_ALLOC1(name)	struct xarray name = { 0 }

struct ida {
	unsigned long kshim_unused;
};

static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}
#define xa_find(xa, indexp, max, filter)	kernel_xa_find(xa, indexp, max, 0)
#define xa_find_after(xa, indexp, max, filter)	kernel_xa_find(xa, indexp, max, 1)
#define xa_for_each(xa, index, entry)					\
	for (index = 0, entry = xa_find(xa, &index, ULONG_MAX, 0);	\
	     entry; entry = xa_find_after(xa, &index, ULONG_MAX, 0))

/* ---- Devices and the IOMMU core (only what the structs need) ---- */
struct fwnode_handle;

struct device {
	void *driver_data;
	const char *init_name;
};

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

struct platform_device {
	struct device dev;
};

/*
 * dev_iommu_priv_get(): the kernel returns dev->iommu->priv, which the driver's probe_device()
 * set (dev_iommu_priv_set(dev, master)). The shim's struct device has no dev->iommu (a member
 * would change every module's layout), so the device the iommu-core glue of
 * harness/shim/driver_entry.c hands to ops->is_attach_deferred() carries its priv beside it.
 */
struct kshim_iommu_device {
	struct device dev;
	void *iommu_priv;
};

static inline void *dev_iommu_priv_get(struct device *dev)
{
	return container_of(dev, struct kshim_iommu_device, dev)->iommu_priv;
}
#define platform_get_drvdata(pdev)	dev_get_drvdata(&(pdev)->dev)
#define platform_set_drvdata(pdev, data) dev_set_drvdata(&(pdev)->dev, (data))

struct iommu_device {
	u32 max_pasids;
};

struct iommu_user_data;

enum iommu_hw_info_type {
	IOMMU_HW_INFO_TYPE_NONE = 0,
	IOMMU_HW_INFO_TYPE_ARM_SMMUV3 = 2,
};

enum iommu_viommu_type {
	IOMMU_VIOMMU_TYPE_DEFAULT = 0,
	IOMMU_VIOMMU_TYPE_ARM_SMMUV3 = 1,
};

struct iommu_resv_region {
	struct list_head list;
	phys_addr_t start;
	size_t length;
	int prot;
	int type;
};

struct iommu_iort_rmr_data {
	struct iommu_resv_region rr;
	const u32 *sids;
	u32 num_sids;
};

/* ---- IRQs (include/linux/interrupt.h) ---- */
typedef enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
	IRQ_WAKE_THREAD = 2,
} irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev);
#define IRQF_ONESHOT		0x00002000

/* ---- include/linux/string_choices.h ---- */
static inline const char *str_true_false(bool v)
{
	return v ? "true" : "false";
}

/* ---- The C library the module carries (shim runtime) ---- */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
int memcmp(const void *s1, const void *s2, size_t n);

#endif /* _KSHIM_H */
