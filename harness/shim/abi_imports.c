// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keeps every import of ABI.md in every module, whether or not a revision
 * calls it, so that all revisions (and mutants) share exactly one interface
 * and the simulated kernel can instantiate any of them the same way.
 */
#include <kshim.h>

__KSHIM_IMPORT(access)
void kernel_access(unsigned long addr, unsigned long size, int is_write);

__attribute__((used)) static const void *const kshim_abi_imports[] = {
	kernel_mmio_read32,
	kernel_mmio_read64,
	kernel_mmio_write32,
	kernel_mmio_write64,
	kernel_memremap,
	kernel_memunmap,
	kernel_devm_memremap,
	kernel_devm_memunmap,
	kernel_kmalloc,
	kernel_kfree,
	kernel_devm_kmalloc,
	kernel_devm_kfree,
	kernel_dmam_alloc_coherent,
	kernel_devm_add_action,
	kernel_dev_printk,
	kernel_warn,
	kernel_is_kdump_kernel,
	kernel_region_intersects,
	kernel_access,
	kernel_stub,
	kernel_xa_insert,
	xa_load,
	xa_erase,
	kernel_xa_find,
	ida_init,
	kernel_ida_alloc_range,
	ida_free,
	ida_destroy,
};
