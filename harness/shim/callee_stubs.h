/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Callees of the extracted functions that belong to other subsystems
 * (command queue, IRQs, firmware tables, IOMMU core). The functions under
 * test are never stubbed, only these. Each stub reports itself through the
 * "stub" import, so the trace shows the call, and returns what the simulated
 * kernel answers (0 unless a scenario says otherwise).
 */
#ifndef _KSHIM_CALLEE_STUBS_H
#define _KSHIM_CALLEE_STUBS_H

/* module_param(disable_msipolling, bool, 0444): default */
static bool disable_msipolling;

/* arch/arm64/include/asm/cpucaps.h: only passed to cpus_have_cap() */
#define ARM64_HAS_VIRT_HOST_EXTN	33

static bool cpus_have_cap(unsigned int num)
{
	return kshim_stub(__func__, num) != 0;
}

static int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	return (int)kshim_stub(__func__, mask);
}

/* Queues: allocated by arm_smmu_init_queues(), not part of the stream table */
static int arm_smmu_init_queues(struct arm_smmu_device *smmu)
{
	return (int)kshim_stub(__func__, 0);
}

/*
 * The trace records the opcode of every command the reset issues. v6.18.y
 * passes a struct arm_smmu_cmdq_ent *, v7.2 a struct arm_smmu_cmd by value.
 */
static int kshim_issue_cmdq_ent_with_sync(struct arm_smmu_device *smmu,
					  struct arm_smmu_cmdq_ent *ent)
{
	return (int)kshim_stub("arm_smmu_cmdq_issue_cmd_with_sync", ent->opcode);
}

static int kshim_issue_cmd_with_sync(struct arm_smmu_device *smmu,
				     struct arm_smmu_cmd cmd)
{
	return (int)kshim_stub("arm_smmu_cmdq_issue_cmd_with_sync",
			       FIELD_GET(CMDQ_0_OP, cmd.data[0]));
}

#define arm_smmu_cmdq_issue_cmd_with_sync(smmu, cmd)			\
	_Generic((cmd), struct arm_smmu_cmd: kshim_issue_cmd_with_sync,	\
		 default: kshim_issue_cmdq_ent_with_sync)(smmu, cmd)

static void arm_smmu_get_httu(struct arm_smmu_device *smmu, u32 reg)
{
	kshim_stub(__func__, reg);
}

static void arm_smmu_device_iidr_probe(struct arm_smmu_device *smmu)
{
	kshim_stub(__func__, 0);
}

static bool arm_smmu_sva_supported(struct arm_smmu_device *smmu)
{
	return kshim_stub(__func__, 0) != 0;
}

/* IRQs */
static irqreturn_t arm_smmu_combined_irq_handler(int irq, void *dev)
{
	return (irqreturn_t)kshim_stub(__func__, irq);
}

static irqreturn_t arm_smmu_combined_irq_thread(int irq, void *dev)
{
	return (irqreturn_t)kshim_stub(__func__, irq);
}

static int devm_request_threaded_irq(struct device *dev, unsigned int irq,
				     irq_handler_t handler,
				     irq_handler_t thread_fn,
				     unsigned long irqflags,
				     const char *devname, void *dev_id)
{
	return (int)kshim_stub(__func__, irq);
}

static int __maybe_unused devm_request_irq(struct device *dev, unsigned int irq,
					   irq_handler_t handler,
					   unsigned long irqflags,
					   const char *devname, void *dev_id)
{
	return (int)kshim_stub(__func__, irq);
}

static void arm_smmu_setup_unique_irqs(struct arm_smmu_device *smmu)
{
	kshim_stub(__func__, 0);
}

/* Firmware: no IORT RMR nodes, so the RMR list stays empty */
static struct fwnode_handle *dev_fwnode(const struct device *dev)
{
	return (struct fwnode_handle *)(unsigned long)
		kshim_stub(__func__, (unsigned long)dev);
}

static void iort_get_rmr_sids(struct fwnode_handle *iommu_fwnode,
			      struct list_head *head)
{
	kshim_stub(__func__, (unsigned long)iommu_fwnode);
}

static void iort_put_rmr_sids(struct fwnode_handle *iommu_fwnode,
			      struct list_head *head)
{
	kshim_stub(__func__, (unsigned long)iommu_fwnode);
}

/* IOMMU core registration, undone by arm_smmu_device_remove() */
static void iommu_device_unregister(struct iommu_device *iommu)
{
	kshim_stub(__func__, 0);
}

static void iommu_device_sysfs_remove(struct iommu_device *iommu)
{
	kshim_stub(__func__, 0);
}

#endif /* _KSHIM_CALLEE_STUBS_H */
