// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exports of harness/shim/ABI.md: small wrappers that reach the driver's
 * static functions. The revision's assembled arm-smmu-v3.c is #included so
 * that it is compiled unchanged; -I picks the revision's directory.
 */
#include "arm-smmu-v3.h"
#include "callee_stubs.h"
#include "arm-smmu-v3.c"

#define KSHIM_EXPORT(name)	__attribute__((export_name(#name)))

/* Defined in arm-smmu-v3.c (DEFINE_XARRAY_ALLOC1/DEFINE_MUTEX), not excerpted */
DEFINE_XARRAY_ALLOC1(arm_smmu_asid_xa);
DEFINE_MUTEX(arm_smmu_asid_lock);

/* What arm_smmu_device_probe() would have set up before hw_probe */
static struct platform_device kshim_pdev;
static struct arm_smmu_device kshim_smmu_dev;

/*
 * The module's constructors (the sanitizer's __asan_init) run here, once per
 * setup. Calling them explicitly also stops wasm-ld from wrapping every
 * export in a constructor call, as it does for a module that never does.
 */
void __wasm_call_ctors(void);

KSHIM_EXPORT(kshim_setup)
void kshim_setup(u64 mmio_base, int coherent)
{
	struct arm_smmu_device *smmu = &kshim_smmu_dev;

	__wasm_call_ctors();
	memset(smmu, 0, sizeof(*smmu));
	memset(&kshim_pdev, 0, sizeof(kshim_pdev));
	smmu->dev = &kshim_pdev.dev;
	smmu->base = (void __iomem *)(unsigned long)mmio_base;
	/* arm_smmu_resource_size() > SZ_64K: page 1 is the next 64K */
	smmu->page1 = smmu->base + SZ_64K;
	/* Firmware's dma-coherent / IORT COHACC override */
	if (coherent)
		smmu->features = ARM_SMMU_FEAT_COHERENCY;
	platform_set_drvdata(&kshim_pdev, smmu);
}

KSHIM_EXPORT(kshim_hw_probe)
int kshim_hw_probe(void)
{
	return arm_smmu_device_hw_probe(&kshim_smmu_dev);
}

KSHIM_EXPORT(kshim_init_structures)
int kshim_init_structures(void)
{
	return arm_smmu_init_structures(&kshim_smmu_dev);
}

KSHIM_EXPORT(kshim_rmr_install_bypass_ste)
void kshim_rmr_install_bypass_ste(void)
{
	arm_smmu_rmr_install_bypass_ste(&kshim_smmu_dev);
}

KSHIM_EXPORT(kshim_device_reset)
int kshim_device_reset(void)
{
	return arm_smmu_device_reset(&kshim_smmu_dev);
}

KSHIM_EXPORT(kshim_device_disable)
int kshim_device_disable(void)
{
	return arm_smmu_device_disable(&kshim_smmu_dev);
}

/* The last step of arm_smmu_device_probe() */
KSHIM_EXPORT(kshim_add_disable_action)
int kshim_add_disable_action(void)
{
	struct arm_smmu_device *smmu = &kshim_smmu_dev;

	return devm_add_action_or_reset(smmu->dev, arm_smmu_disable_action,
					smmu);
}

/* The stream-table part of arm_smmu_insert_master(), for one SID */
KSHIM_EXPORT(kshim_insert_sid)
int kshim_insert_sid(u32 sid)
{
	return arm_smmu_init_sid_strtab(&kshim_smmu_dev, sid);
}

/*
 * The iommu core's `dev->iommu->attach_deferred = ops->is_attach_deferred(dev)` for a device with
 * one stream ID, called once its ops->probe_device() (kshim_insert_sid) succeeded, as
 * iommu_init_device() of drivers/iommu/iommu.c does (not in the material: inferred). Exported
 * only by a revision whose arm-smmu-v3.c carries arm_smmu_is_attach_deferred() (the assembler
 * then defines KSHIM_HAS_IS_ATTACH_DEFERRED): 1 deferred, 0 not.
 */
#ifdef KSHIM_HAS_IS_ATTACH_DEFERRED
static struct arm_smmu_stream kshim_master_stream;
static struct arm_smmu_master kshim_master;
static struct kshim_iommu_device kshim_master_dev;

KSHIM_EXPORT(kshim_is_attach_deferred)
int kshim_is_attach_deferred(u32 sid)
{
	/* What arm_smmu_probe_device() set up for the device: its master, one stream */
	kshim_master_stream.id = sid;
	kshim_master.smmu = &kshim_smmu_dev;
	kshim_master.dev = &kshim_master_dev.dev;
	kshim_master.streams = &kshim_master_stream;
	kshim_master.num_streams = 1;
	kshim_master_dev.iommu_priv = &kshim_master;
	return arm_smmu_is_attach_deferred(&kshim_master_dev.dev);
}
#endif

KSHIM_EXPORT(kshim_get_step)
struct arm_smmu_ste *kshim_get_step(u32 sid)
{
	return arm_smmu_get_step_for_sid(&kshim_smmu_dev, sid);
}

KSHIM_EXPORT(kshim_device_remove)
void kshim_device_remove(void)
{
	arm_smmu_device_remove(&kshim_pdev);
}

KSHIM_EXPORT(kshim_smmu)
struct arm_smmu_device *kshim_smmu(void)
{
	return &kshim_smmu_dev;
}

KSHIM_EXPORT(kshim_features)
u32 kshim_features(void)
{
	return kshim_smmu_dev.features;
}

KSHIM_EXPORT(kshim_options)
u32 kshim_options(void)
{
	return kshim_smmu_dev.options;
}

KSHIM_EXPORT(kshim_sid_bits)
u32 kshim_sid_bits(void)
{
	return kshim_smmu_dev.sid_bits;
}

KSHIM_EXPORT(kshim_strtab_cfg)
struct arm_smmu_strtab_cfg *kshim_strtab_cfg(void)
{
	return &kshim_smmu_dev.strtab_cfg;
}

KSHIM_EXPORT(kshim_sizeof_strtab_cfg)
u64 kshim_sizeof_strtab_cfg(void)
{
	return sizeof(struct arm_smmu_strtab_cfg);
}

/*
 * The ASID xarray and the VMID IDA, by address: the simulated kernel keys its
 * xarray/IDA models by them, so the reservations the C leaves can be read back.
 */
KSHIM_EXPORT(kshim_asid_xa)
struct xarray *kshim_asid_xa(void)
{
	return &arm_smmu_asid_xa;
}

KSHIM_EXPORT(kshim_vmid_map)
struct ida *kshim_vmid_map(void)
{
	return &kshim_smmu_dev.vmid_map;
}

/* Field numbers are ABI.md's; an unknown number gives ~0 */
KSHIM_EXPORT(kshim_offsetof)
u64 kshim_offsetof(int field)
{
	switch (field) {
	case 0: return offsetof(struct arm_smmu_strtab_cfg, l2.l1tab);
	case 1: return offsetof(struct arm_smmu_strtab_cfg, l2.l2ptrs);
	case 2: return offsetof(struct arm_smmu_strtab_cfg, l2.l1_dma);
	case 3: return offsetof(struct arm_smmu_strtab_cfg, l2.num_l1_ents);
	case 4: return offsetof(struct arm_smmu_strtab_cfg, linear.table);
	case 5: return offsetof(struct arm_smmu_strtab_cfg, linear.ste_dma);
	case 6: return offsetof(struct arm_smmu_strtab_cfg, linear.num_ents);
	default: return ~0ULL;
	}
}
