/*
 * arm-smmu-v3.c of revision "latest-span-caller": ASSEMBLED by harness/revisions/assemble.ts,
 * do not edit (run `npm run assemble`). PROVENANCE.md beside this file has the details.
 *
 * latest with an INFERRED caller (not posted): the deferred L2 adoption called `if (span)`, not v7's `if (span && base)`, so a NULL L2Ptr meets the later kdump.c's own re-tests (SPAN, `!base`)
 *
 * Base: ../shared/revisions/mainline/arm-smmu-v3.c.excerpts.txt + ../shared/revisions/mainline/arm-smmu-v3.h.excerpts.txt + harness/revisions/sources/mainline-extra.c.txt + harness/revisions/sources/v6.18-header-compat.patch
 *   left out: mainline/arm-smmu-v3.c.excerpts.txt: excerpt 10: arm_smmu_device_probe (beginning, up to iommu_device_sysfs_add; truncated here by the excerpt) — arm_smmu_device_probe() is cut off before its closing brace
 *
 * Patches, applied in this order with GNU patch --fuzz=3 (-p5 mails, -p1 ours):
 *   harness/revisions/sources/v7.2-device-reset-compat.patch
 *     hunk #1 @@ -288,7 +288,6 @@ static int arm_smmu_device_reset(struct: applied where the diff says (patch reported nothing)
 *     hunk #2 @@ -335,17 +334,16 @@ static int arm_smmu_device_reset(struct: applied where the diff says (patch reported nothing)
 *   v7-2-7-is-attach-deferred.txt <cc28808af74240a49c9723b9de448286defa2436.1782799827.git.nicolinc@nvidia.com>
 *     hunk #1 @@ -4198,6 +4198,29 @@ static int arm_smmu_master_prepare_ats(struct arm_smmu_master *master): Hunk #1 succeeded at 773 with fuzz 3 (offset -3425 lines).
 *     NOT CARRIED: hunk #2 @@ -4361,6 +4384,7 @@ static const struct iommu_ops arm_smmu_ops = {: arm_smmu_ops and the iommu core behind it are not in the excerpts. arm_smmu_is_attach_deferred() of hunk #1 IS compiled as posted and called as the iommu core calls ops->is_attach_deferred(dev): once per device, right after its probe_device() (here arm_smmu_init_sid_strtab()) succeeded (harness/shim/driver_entry.c kshim_is_attach_deferred). That call site, iommu_init_device() in drivers/iommu/iommu.c, is not in the material: INFERRED from public copies of iommu.c.
 *   v7-5-7-retain-smmuen-reset.txt <6f08e5f6ee8de3fe3613d834e26120cdbdaae7fe.1782799827.git.nicolinc@nvidia.com>
 *     hunk #1 @@ -5025,10 +5025,27 @@ static void arm_smmu_write_strtab(struct arm_smmu_device *smmu): Hunk #1 succeeded at 287 (offset -4738 lines).
 *     hunk #2 @@ -5058,12 +5075,36 @@ static int arm_smmu_device_reset(struct arm_smmu_device *smmu): Hunk #2 succeeded at 337 (offset -4738 lines).
 *     hunk #3 @@ -5128,7 +5169,12 @@ static int arm_smmu_device_reset(struct arm_smmu_device *smmu): Hunk #3 succeeded at 417 (offset -4752 lines).
 *   v7-6-7-skip-rmr-bypass.txt <bdb1e8c97159b87a8563a1f5e5f495b1d5cd734f.1782799827.git.nicolinc@nvidia.com>
 *     hunk #1 @@ -5658,6 +5658,14 @@ static void arm_smmu_rmr_install_bypass_ste(struct arm_smmu_device *smmu): Hunk #1 succeeded at 742 (offset -4916 lines).
 *     hunk #2 @@ -5674,10 +5682,7 @@ static void arm_smmu_rmr_install_bypass_ste(struct arm_smmu_device *smmu): Hunk #2 succeeded at 766 (offset -4916 lines).
 *   v7-7-7-detect-opt-probe.txt <702d43bee205cf4970a249762d5aea6e4101987e.1782799827.git.nicolinc@nvidia.com>
 *     hunk #1 @@ -5280,6 +5280,33 @@ static void arm_smmu_get_httu(struct arm_smmu_device *smmu, u32 reg): Hunk #1 succeeded at 461 with fuzz 1 (offset -4819 lines).
 *     hunk #2 @@ -5494,6 +5521,10 @@ static int arm_smmu_device_hw_probe(struct arm_smmu_device *smmu): Hunk #2 succeeded at 702 with fuzz 3 (offset -4819 lines).
 *   harness/revisions/latest/wiring.patch
 *     hunk #1 @@ -55,11 +55,23 @@ static int arm_smmu_init_l2_strtab(struc: applied where the diff says (patch reported nothing)
 *     hunk #2 @@ -71,8 +83,7 @@ static int arm_smmu_init_l2_strtab(struc: applied where the diff says (patch reported nothing)
 *     hunk #3 @@ -134,6 +145,13 @@ static int arm_smmu_init_strtab(struct a: applied where the diff says (patch reported nothing)
 *     hunk #4 @@ -141,8 +159,7 @@ static int arm_smmu_init_strtab(struct a: applied where the diff says (patch reported nothing)
 *   harness/revisions/latest-span-caller/span-caller.patch
 *     hunk #1 @@ -67,7 +67,7 @@ static int arm_smmu_init_l2_strtab(struc: applied where the diff says (patch reported nothing)
 *
 * Extracted by brace matching, in file order:
 *   arm_smmu_write_strtab_l1_desc()
 *   arm_smmu_make_abort_ste()
 *   arm_smmu_make_bypass_ste()
 *   arm_smmu_init_initial_stes()
 *   arm_smmu_init_l2_strtab()
 *   arm_smmu_init_strtab_2lvl()
 *   arm_smmu_init_strtab_linear()
 *   arm_smmu_init_strtab()
 *   arm_smmu_init_structures()
 *   arm_smmu_write_reg_sync()
 *   arm_smmu_update_gbpa()
 *   arm_smmu_setup_irqs()
 *   arm_smmu_device_disable()
 *   arm_smmu_disable_action()
 *   arm_smmu_write_strtab()
 *   arm_smmu_device_reset()
 *   arm_smmu_device_hw_probe_kdump()
 *   arm_smmu_device_hw_probe()
 *   arm_smmu_rmr_install_bypass_ste()
 *   arm_smmu_get_step_for_sid()
 *   arm_smmu_sid_in_range()
 *   arm_smmu_init_sid_strtab()
 *   arm_smmu_destroy_vmid_map()
 *   arm_smmu_device_remove()
 *   arm_smmu_is_attach_deferred()
 *
 * Compiled beside this file, verbatim, as translation units of their own:
 *   arm-smmu-v3-kdump.c = ../shared/revisions/later/nicolinc-iommufd-7d70f78c-arm-smmu-v3-kdump.c
 *   arm-smmu-v3-kexec.c = ../shared/revisions/later/nicolinc-iommufd-02eccfaa-arm-smmu-v3-kexec.c
 */

/* Prototypes (generated): the extracted functions are out of the file's order */
static void arm_smmu_write_strtab_l1_desc(struct arm_smmu_strtab_l1 *dst,
					  dma_addr_t l2ptr_dma);
void arm_smmu_make_abort_ste(struct arm_smmu_ste *target);
VISIBLE_IF_KUNIT
void arm_smmu_make_bypass_ste(struct arm_smmu_device *smmu,
			      struct arm_smmu_ste *target);
static void arm_smmu_init_initial_stes(struct arm_smmu_ste *strtab,
				       unsigned int nent);
static int arm_smmu_init_l2_strtab(struct arm_smmu_device *smmu, u32 sid);
static int arm_smmu_init_strtab_2lvl(struct arm_smmu_device *smmu);
static int arm_smmu_init_strtab_linear(struct arm_smmu_device *smmu);
static int arm_smmu_init_strtab(struct arm_smmu_device *smmu);
static int arm_smmu_init_structures(struct arm_smmu_device *smmu);
static int arm_smmu_write_reg_sync(struct arm_smmu_device *smmu, u32 val,
				   unsigned int reg_off, unsigned int ack_off);
static int arm_smmu_update_gbpa(struct arm_smmu_device *smmu, u32 set, u32 clr);
static int arm_smmu_setup_irqs(struct arm_smmu_device *smmu);
static int arm_smmu_device_disable(struct arm_smmu_device *smmu);
static void arm_smmu_disable_action(void *data);
static void arm_smmu_write_strtab(struct arm_smmu_device *smmu);
static int arm_smmu_device_reset(struct arm_smmu_device *smmu);
static void arm_smmu_device_hw_probe_kdump(struct arm_smmu_device *smmu);
static int arm_smmu_device_hw_probe(struct arm_smmu_device *smmu);
static void arm_smmu_rmr_install_bypass_ste(struct arm_smmu_device *smmu);
static struct arm_smmu_ste *
arm_smmu_get_step_for_sid(struct arm_smmu_device *smmu, u32 sid);
static bool arm_smmu_sid_in_range(struct arm_smmu_device *smmu, u32 sid);
static int arm_smmu_init_sid_strtab(struct arm_smmu_device *smmu, u32 sid);
static void arm_smmu_destroy_vmid_map(void *data);
static void arm_smmu_device_remove(struct platform_device *pdev);
static bool arm_smmu_is_attach_deferred(struct device *dev);

/* Generated: arm_smmu_is_attach_deferred() is carried; harness/shim/driver_entry.c calls it as the iommu core would */
#define KSHIM_HAS_IS_ATTACH_DEFERRED 1

/* Stream table manipulation functions */
static void arm_smmu_write_strtab_l1_desc(struct arm_smmu_strtab_l1 *dst,
					  dma_addr_t l2ptr_dma)
{
	u64 val = 0;

	val |= FIELD_PREP(STRTAB_L1_DESC_SPAN, STRTAB_SPLIT + 1);
	val |= l2ptr_dma & STRTAB_L1_DESC_L2PTR_MASK;

	/* The HW has 64 bit atomicity with stores to the L2 STE table */
	WRITE_ONCE(dst->l2ptr, cpu_to_le64(val));
}

void arm_smmu_make_abort_ste(struct arm_smmu_ste *target)
{
	memset(target, 0, sizeof(*target));
	target->data[0] = cpu_to_le64(
		STRTAB_STE_0_V |
		FIELD_PREP(STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_ABORT));
}

VISIBLE_IF_KUNIT
void arm_smmu_make_bypass_ste(struct arm_smmu_device *smmu,
			      struct arm_smmu_ste *target)
{
	memset(target, 0, sizeof(*target));
	target->data[0] = cpu_to_le64(
		STRTAB_STE_0_V |
		FIELD_PREP(STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_BYPASS));

	if (smmu->features & ARM_SMMU_FEAT_ATTR_TYPES_OVR)
		target->data[1] = cpu_to_le64(FIELD_PREP(STRTAB_STE_1_SHCFG,
							 STRTAB_STE_1_SHCFG_INCOMING));
}

/*
 * This can safely directly manipulate the STE memory without a sync sequence
 * because the STE table has not been installed in the SMMU yet.
 */
static void arm_smmu_init_initial_stes(struct arm_smmu_ste *strtab,
				       unsigned int nent)
{
	unsigned int i;

	for (i = 0; i < nent; ++i) {
		arm_smmu_make_abort_ste(strtab);
		strtab++;
	}
}

static int arm_smmu_init_l2_strtab(struct arm_smmu_device *smmu, u32 sid)
{
	dma_addr_t l2ptr_dma;
	struct arm_smmu_strtab_cfg *cfg = &smmu->strtab_cfg;
	struct arm_smmu_strtab_l2 **l2table;
	u32 l1_idx = arm_smmu_strtab_l1_idx(sid);

	l2table = &cfg->l2.l2ptrs[l1_idx];
	if (*l2table)
		return 0;

	/* Deferred adoption of the crashed kernel's L2 table */
	if (smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT) {
		u64 l2ptr = le64_to_cpu(cfg->l2.l1tab[l1_idx].l2ptr);
		phys_addr_t base = l2ptr & STRTAB_L1_DESC_L2PTR_MASK;
		u32 span = FIELD_GET(STRTAB_L1_DESC_SPAN, l2ptr);

		if (span)
			return arm_smmu_kdump_adopt_deferred_l2_strtab(smmu, sid, base,
							      span, l2table);
	}

	*l2table = dmam_alloc_coherent(smmu->dev, sizeof(**l2table),
				       &l2ptr_dma, GFP_KERNEL);
	if (!*l2table) {
		dev_err(smmu->dev,
			"failed to allocate l2 stream table for SID %u\n",
			sid);
		return -ENOMEM;
	}

	arm_smmu_init_initial_stes((*l2table)->stes,
				   ARRAY_SIZE((*l2table)->stes));
	arm_smmu_write_strtab_l1_desc(&cfg->l2.l1tab[l1_idx], l2ptr_dma);
	return 0;
}

static int arm_smmu_init_strtab_2lvl(struct arm_smmu_device *smmu)
{
	u32 l1size;
	struct arm_smmu_strtab_cfg *cfg = &smmu->strtab_cfg;
	unsigned int last_sid_idx =
		arm_smmu_strtab_l1_idx((1ULL << smmu->sid_bits) - 1);

	/* Calculate the L1 size, capped to the SIDSIZE. */
	cfg->l2.num_l1_ents = min(last_sid_idx + 1, STRTAB_MAX_L1_ENTRIES);
	if (cfg->l2.num_l1_ents <= last_sid_idx)
		dev_warn(smmu->dev,
			 "2-level strtab only covers %u/%u bits of SID\n",
			 ilog2(cfg->l2.num_l1_ents * STRTAB_NUM_L2_STES),
			 smmu->sid_bits);

	l1size = cfg->l2.num_l1_ents * sizeof(struct arm_smmu_strtab_l1);
	cfg->l2.l1tab = dmam_alloc_coherent(smmu->dev, l1size, &cfg->l2.l1_dma,
					    GFP_KERNEL);
	if (!cfg->l2.l1tab) {
		dev_err(smmu->dev,
			"failed to allocate l1 stream table (%u bytes)\n",
			l1size);
		return -ENOMEM;
	}

	cfg->l2.l2ptrs = devm_kcalloc(smmu->dev, cfg->l2.num_l1_ents,
				      sizeof(*cfg->l2.l2ptrs), GFP_KERNEL);
	if (!cfg->l2.l2ptrs)
		return -ENOMEM;

	return 0;
}

static int arm_smmu_init_strtab_linear(struct arm_smmu_device *smmu)
{
	u32 size;
	struct arm_smmu_strtab_cfg *cfg = &smmu->strtab_cfg;

	size = (1 << smmu->sid_bits) * sizeof(struct arm_smmu_ste);
	cfg->linear.table = dmam_alloc_coherent(smmu->dev, size,
						&cfg->linear.ste_dma,
						GFP_KERNEL);
	if (!cfg->linear.table) {
		dev_err(smmu->dev,
			"failed to allocate linear stream table (%u bytes)\n",
			size);
		return -ENOMEM;
	}
	cfg->linear.num_ents = 1 << smmu->sid_bits;

	arm_smmu_init_initial_stes(cfg->linear.table, cfg->linear.num_ents);
	return 0;
}

static int arm_smmu_init_strtab(struct arm_smmu_device *smmu)
{
	int ret;

	/* Before the adoption, which reserves the crashed kernel's VMIDs in it */
	ida_init(&smmu->vmid_map);

	if ((smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT) &&
	    !arm_smmu_kdump_adopt_strtab(smmu))
		goto out;

	if (smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB)
		ret = arm_smmu_init_strtab_2lvl(smmu);
	else
		ret = arm_smmu_init_strtab_linear(smmu);
	if (ret)
		return ret;

out:
	return devm_add_action_or_reset(smmu->dev, arm_smmu_destroy_vmid_map,
					&smmu->vmid_map);
}

static int arm_smmu_init_structures(struct arm_smmu_device *smmu)
{
	int ret;

	mutex_init(&smmu->streams_mutex);
	smmu->streams = RB_ROOT;

	ret = arm_smmu_init_queues(smmu);
	if (ret)
		return ret;

	ret = arm_smmu_init_strtab(smmu);
	if (ret)
		return ret;

	if (smmu->impl_ops && smmu->impl_ops->init_structures)
		return smmu->impl_ops->init_structures(smmu);

	return 0;
}

static int arm_smmu_write_reg_sync(struct arm_smmu_device *smmu, u32 val,
				   unsigned int reg_off, unsigned int ack_off)
{
	u32 reg;

	writel_relaxed(val, smmu->base + reg_off);
	return readl_relaxed_poll_timeout_atomic(smmu->base + ack_off, reg,
						reg == val, 1,
						ARM_SMMU_POLL_TIMEOUT_US);
}

/* GBPA is "special" */
static int arm_smmu_update_gbpa(struct arm_smmu_device *smmu, u32 set, u32 clr)
{
	int ret;
	u32 reg, __iomem *gbpa = smmu->base + ARM_SMMU_GBPA;

	ret = readl_relaxed_poll_timeout(gbpa, reg, !(reg & GBPA_UPDATE),
					 1, ARM_SMMU_POLL_TIMEOUT_US);
	if (ret)
		return ret;

	reg &= ~clr;
	reg |= set;
	writel_relaxed(reg | GBPA_UPDATE, gbpa);
	ret = readl_relaxed_poll_timeout(gbpa, reg, !(reg & GBPA_UPDATE),
					 1, ARM_SMMU_POLL_TIMEOUT_US);

	if (ret)
		dev_err(smmu->dev, "GBPA not responding to update\n");
	return ret;
}

static int arm_smmu_setup_irqs(struct arm_smmu_device *smmu)
{
	int ret, irq;
	u32 irqen_flags = IRQ_CTRL_EVTQ_IRQEN | IRQ_CTRL_GERROR_IRQEN;

	/* Disable IRQs first */
	ret = arm_smmu_write_reg_sync(smmu, 0, ARM_SMMU_IRQ_CTRL,
				      ARM_SMMU_IRQ_CTRLACK);
	if (ret) {
		dev_err(smmu->dev, "failed to disable irqs\n");
		return ret;
	}

	irq = smmu->combined_irq;
	if (irq) {
		/*
		 * Cavium ThunderX2 implementation doesn't support unique irq
		 * lines. Use a single irq line for all the SMMUv3 interrupts.
		 */
		ret = devm_request_threaded_irq(smmu->dev, irq,
					arm_smmu_combined_irq_handler,
					arm_smmu_combined_irq_thread,
					IRQF_ONESHOT,
					"arm-smmu-v3-combined-irq", smmu);
		if (ret < 0)
			dev_warn(smmu->dev, "failed to enable combined irq\n");
	} else
		arm_smmu_setup_unique_irqs(smmu);

	if (smmu->features & ARM_SMMU_FEAT_PRI)
		irqen_flags |= IRQ_CTRL_PRIQ_IRQEN;

	/* Enable interrupt generation on the SMMU */
	ret = arm_smmu_write_reg_sync(smmu, irqen_flags,
				      ARM_SMMU_IRQ_CTRL, ARM_SMMU_IRQ_CTRLACK);
	if (ret)
		dev_warn(smmu->dev, "failed to enable irqs\n");

	return 0;
}

static int arm_smmu_device_disable(struct arm_smmu_device *smmu)
{
	int ret;

	ret = arm_smmu_write_reg_sync(smmu, 0, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
	if (ret)
		dev_err(smmu->dev, "failed to clear cr0\n");

	return ret;
}

static void arm_smmu_disable_action(void *data)
{
	struct arm_smmu_device *smmu = data;

	arm_smmu_device_disable(smmu);
}

static void arm_smmu_write_strtab(struct arm_smmu_device *smmu)
{
	struct arm_smmu_strtab_cfg *cfg = &smmu->strtab_cfg;
	dma_addr_t dma;
	u32 reg;

	if (smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB) {
		reg = FIELD_PREP(STRTAB_BASE_CFG_FMT,
				 STRTAB_BASE_CFG_FMT_2LVL) |
		      FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE,
				 ilog2(cfg->l2.num_l1_ents) + STRTAB_SPLIT) |
		      FIELD_PREP(STRTAB_BASE_CFG_SPLIT, STRTAB_SPLIT);
		dma = cfg->l2.l1_dma;
	} else {
		reg = FIELD_PREP(STRTAB_BASE_CFG_FMT,
				 STRTAB_BASE_CFG_FMT_LINEAR) |
		      FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, smmu->sid_bits);
		dma = cfg->linear.ste_dma;
	}
	writeq_relaxed((dma & STRTAB_BASE_ADDR_MASK) | STRTAB_BASE_RA,
		       smmu->base + ARM_SMMU_STRTAB_BASE);
	writel_relaxed(reg, smmu->base + ARM_SMMU_STRTAB_BASE_CFG);
}

static int arm_smmu_device_reset(struct arm_smmu_device *smmu)
{
	int ret;
	u32 reg, enables = 0;

	reg = readl_relaxed(smmu->base + ARM_SMMU_CR0);

	/*
	 * In a kdump case (set when CR0_SMMUEN=1 and !GERROR_SFM_ERR), retain
	 * CR0_SMMUEN to avoid aborting in-flight DMA, and CR0_ATSCHK to carry
	 * on the ATS-check policy.
	 *
	 * According to spec, updating STRTAB_BASE/CR1/CR2 when CR0_SMMUEN=1 is
	 * CONSTRAINED UNPREDICTABLE. So, skip those register updates and rely
	 * on the adopted stream table from the crashed kernel.
	 */
	if (smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT) {
		dev_info(smmu->dev,
			 "kdump: retaining SMMUEN for in-flight DMA\n");
		enables = reg & (CR0_SMMUEN | CR0_ATSCHK);
		goto reset_queues;
	}

	/* Clear CR0 and sync (disables SMMU and queue processing) */
	if (reg & CR0_SMMUEN) {
		dev_warn(smmu->dev, "SMMU currently enabled! Resetting...\n");
		arm_smmu_update_gbpa(smmu, GBPA_ABORT, 0);
	}

	ret = arm_smmu_device_disable(smmu);
	if (ret)
		return ret;

	/* CR1 (table and queue memory attributes) */
	reg = FIELD_PREP(CR1_TABLE_SH, ARM_SMMU_SH_ISH) |
	      FIELD_PREP(CR1_TABLE_OC, CR1_CACHE_WB) |
	      FIELD_PREP(CR1_TABLE_IC, CR1_CACHE_WB) |
	      FIELD_PREP(CR1_QUEUE_SH, ARM_SMMU_SH_ISH) |
	      FIELD_PREP(CR1_QUEUE_OC, CR1_CACHE_WB) |
	      FIELD_PREP(CR1_QUEUE_IC, CR1_CACHE_WB);
	writel_relaxed(reg, smmu->base + ARM_SMMU_CR1);

	/* CR2 (random crap) */
	reg = CR2_PTM | CR2_RECINVSID;

	if (smmu->features & ARM_SMMU_FEAT_E2H)
		reg |= CR2_E2H;

	writel_relaxed(reg, smmu->base + ARM_SMMU_CR2);

	/* Stream table */
	arm_smmu_write_strtab(smmu);

reset_queues:
	if (smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT) {
		/* Disable queues since arm_smmu_device_disable() was skipped */
		ret = arm_smmu_write_reg_sync(smmu, enables, ARM_SMMU_CR0,
					      ARM_SMMU_CR0ACK);
		if (ret) {
			dev_err(smmu->dev, "failed to disable queues\n");
			return ret;
		}
	}

	/*
	 * GERROR bits are latched. Read after queue disabling so that unhandled
	 * errors would be visible. Ack everything prior to re-enabling the CMDQ
	 * as a stale CMDQ_ERR would halt the CMDQ and new command will timeout.
	 */
	if (is_kdump_kernel()) {
		u32 gerror = readl_relaxed(smmu->base + ARM_SMMU_GERROR);
		u32 gerrorn = readl_relaxed(smmu->base + ARM_SMMU_GERRORN);

		if ((gerror ^ gerrorn) & GERROR_ERR_MASK)
			writel(gerror, smmu->base + ARM_SMMU_GERRORN);
	}

	/* Command queue */
	writeq_relaxed(smmu->cmdq.q.q_base, smmu->base + ARM_SMMU_CMDQ_BASE);
	writel_relaxed(smmu->cmdq.q.llq.prod, smmu->base + ARM_SMMU_CMDQ_PROD);
	writel_relaxed(smmu->cmdq.q.llq.cons, smmu->base + ARM_SMMU_CMDQ_CONS);

	enables |= CR0_CMDQEN;
	ret = arm_smmu_write_reg_sync(smmu, enables, ARM_SMMU_CR0,
				      ARM_SMMU_CR0ACK);
	if (ret) {
		dev_err(smmu->dev, "failed to enable command queue\n");
		return ret;
	}

	/* Invalidate any cached configuration */
	arm_smmu_cmdq_issue_cmd_with_sync(smmu, arm_smmu_make_cmd_cfgi_all());

	/* Invalidate any stale TLB entries */
	if (smmu->features & ARM_SMMU_FEAT_HYP) {
		arm_smmu_cmdq_issue_cmd_with_sync(
			smmu, arm_smmu_make_cmd_op(CMDQ_OP_TLBI_EL2_ALL));
	}

	arm_smmu_cmdq_issue_cmd_with_sync(
		smmu, arm_smmu_make_cmd_op(CMDQ_OP_TLBI_NSNH_ALL));

	/* Event queue */
	writeq_relaxed(smmu->evtq.q.q_base, smmu->base + ARM_SMMU_EVTQ_BASE);
	writel_relaxed(smmu->evtq.q.llq.prod, smmu->page1 + ARM_SMMU_EVTQ_PROD);
	writel_relaxed(smmu->evtq.q.llq.cons, smmu->page1 + ARM_SMMU_EVTQ_CONS);

	enables |= CR0_EVTQEN;
	ret = arm_smmu_write_reg_sync(smmu, enables, ARM_SMMU_CR0,
				      ARM_SMMU_CR0ACK);
	if (ret) {
		dev_err(smmu->dev, "failed to enable event queue\n");
		return ret;
	}

	/* PRI queue */
	if (smmu->features & ARM_SMMU_FEAT_PRI) {
		writeq_relaxed(smmu->priq.q.q_base,
			       smmu->base + ARM_SMMU_PRIQ_BASE);
		writel_relaxed(smmu->priq.q.llq.prod,
			       smmu->page1 + ARM_SMMU_PRIQ_PROD);
		writel_relaxed(smmu->priq.q.llq.cons,
			       smmu->page1 + ARM_SMMU_PRIQ_CONS);

		enables |= CR0_PRIQEN;
		ret = arm_smmu_write_reg_sync(smmu, enables, ARM_SMMU_CR0,
					      ARM_SMMU_CR0ACK);
		if (ret) {
			dev_err(smmu->dev, "failed to enable PRI queue\n");
			return ret;
		}
	}

	/*
	 * In a kdump adopt case, retain the crashed kernel's ATS-check policy
	 * captured above rather than forcing it on.
	 */
	if (!(smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT) &&
	    (smmu->features & ARM_SMMU_FEAT_ATS)) {
		enables |= CR0_ATSCHK;
		ret = arm_smmu_write_reg_sync(smmu, enables, ARM_SMMU_CR0,
					      ARM_SMMU_CR0ACK);
		if (ret) {
			dev_err(smmu->dev, "failed to enable ATS check\n");
			return ret;
		}
	}

	ret = arm_smmu_setup_irqs(smmu);
	if (ret) {
		dev_err(smmu->dev, "failed to setup irqs\n");
		return ret;
	}

	if (is_kdump_kernel())
		enables &= ~(CR0_EVTQEN | CR0_PRIQEN);

	/* Enable the SMMU interface */
	enables |= CR0_SMMUEN;
	ret = arm_smmu_write_reg_sync(smmu, enables, ARM_SMMU_CR0,
				      ARM_SMMU_CR0ACK);
	if (ret) {
		dev_err(smmu->dev, "failed to enable SMMU interface\n");
		return ret;
	}

	if (smmu->impl_ops && smmu->impl_ops->device_reset) {
		ret = smmu->impl_ops->device_reset(smmu);
		if (ret) {
			dev_err(smmu->dev, "failed to reset impl\n");
			return ret;
		}
	}

	return 0;
}

static void arm_smmu_device_hw_probe_kdump(struct arm_smmu_device *smmu)
{
	u32 gerror, gerrorn, active;

	/* No adoption if SMMU is disabled (i.e., there is no in-flight DMA) */
	if (!(readl_relaxed(smmu->base + ARM_SMMU_CR0) & CR0_SMMUEN))
		return;

	/* For now, only support a coherent SMMU that works with MEMREMAP_WB */
	if (!(smmu->features & ARM_SMMU_FEAT_COHERENCY)) {
		dev_warn(smmu->dev,
			 "kdump: non-coherent SMMU unsupported; reset to block all DMAs\n");
		return;
	}

	gerror = readl_relaxed(smmu->base + ARM_SMMU_GERROR);
	gerrorn = readl_relaxed(smmu->base + ARM_SMMU_GERRORN);
	active = gerror ^ gerrorn;
	if (active & GERROR_SFM_ERR) {
		dev_warn(smmu->dev,
			 "kdump: SMMU in Service Failure Mode, must reset\n");
		return;
	}

	smmu->options |= ARM_SMMU_OPT_KDUMP_ADOPT;
}

static int arm_smmu_device_hw_probe(struct arm_smmu_device *smmu)
{
	u32 reg;
	bool coherent = smmu->features & ARM_SMMU_FEAT_COHERENCY;

	/* IDR0 */
	reg = readl_relaxed(smmu->base + ARM_SMMU_IDR0);

	/* 2-level structures */
	if (FIELD_GET(IDR0_ST_LVL, reg) == IDR0_ST_LVL_2LVL)
		smmu->features |= ARM_SMMU_FEAT_2_LVL_STRTAB;

	if (reg & IDR0_CD2L)
		smmu->features |= ARM_SMMU_FEAT_2_LVL_CDTAB;

	/*
	 * Translation table endianness.
	 * We currently require the same endianness as the CPU, but this
	 * could be changed later by adding a new IO_PGTABLE_QUIRK.
	 */
	switch (FIELD_GET(IDR0_TTENDIAN, reg)) {
	case IDR0_TTENDIAN_MIXED:
		smmu->features |= ARM_SMMU_FEAT_TT_LE | ARM_SMMU_FEAT_TT_BE;
		break;
#ifdef __BIG_ENDIAN
	case IDR0_TTENDIAN_BE:
		smmu->features |= ARM_SMMU_FEAT_TT_BE;
		break;
#else
	case IDR0_TTENDIAN_LE:
		smmu->features |= ARM_SMMU_FEAT_TT_LE;
		break;
#endif
	default:
		dev_err(smmu->dev, "unknown/unsupported TT endianness!\n");
		return -ENXIO;
	}

	/* Boolean feature flags */
	if (IS_ENABLED(CONFIG_PCI_PRI) && reg & IDR0_PRI)
		smmu->features |= ARM_SMMU_FEAT_PRI;

	if (IS_ENABLED(CONFIG_PCI_ATS) && reg & IDR0_ATS)
		smmu->features |= ARM_SMMU_FEAT_ATS;

	if (reg & IDR0_SEV)
		smmu->features |= ARM_SMMU_FEAT_SEV;

	if (reg & IDR0_MSI) {
		smmu->features |= ARM_SMMU_FEAT_MSI;
		if (coherent && !disable_msipolling)
			smmu->options |= ARM_SMMU_OPT_MSIPOLL;
	}

	if (reg & IDR0_HYP) {
		smmu->features |= ARM_SMMU_FEAT_HYP;
		if (cpus_have_cap(ARM64_HAS_VIRT_HOST_EXTN))
			smmu->features |= ARM_SMMU_FEAT_E2H;
	}

	arm_smmu_get_httu(smmu, reg);

	/*
	 * The coherency feature as set by FW is used in preference to the ID
	 * register, but warn on mismatch.
	 */
	if (!!(reg & IDR0_COHACC) != coherent)
		dev_warn(smmu->dev, "IDR0.COHACC overridden by FW configuration (%s)\n",
			 str_true_false(coherent));

	switch (FIELD_GET(IDR0_STALL_MODEL, reg)) {
	case IDR0_STALL_MODEL_FORCE:
		smmu->features |= ARM_SMMU_FEAT_STALL_FORCE;
		fallthrough;
	case IDR0_STALL_MODEL_STALL:
		smmu->features |= ARM_SMMU_FEAT_STALLS;
	}

	if (reg & IDR0_S1P)
		smmu->features |= ARM_SMMU_FEAT_TRANS_S1;

	if (reg & IDR0_S2P)
		smmu->features |= ARM_SMMU_FEAT_TRANS_S2;

	if (!(reg & (IDR0_S1P | IDR0_S2P))) {
		dev_err(smmu->dev, "no translation support!\n");
		return -ENXIO;
	}

	/* We only support the AArch64 table format at present */
	switch (FIELD_GET(IDR0_TTF, reg)) {
	case IDR0_TTF_AARCH32_64:
		smmu->ias = 40;
		fallthrough;
	case IDR0_TTF_AARCH64:
		break;
	default:
		dev_err(smmu->dev, "AArch64 table format not supported!\n");
		return -ENXIO;
	}

	/* ASID/VMID sizes */
	smmu->asid_bits = reg & IDR0_ASID16 ? 16 : 8;
	smmu->vmid_bits = reg & IDR0_VMID16 ? 16 : 8;

	/* IDR1 */
	reg = readl_relaxed(smmu->base + ARM_SMMU_IDR1);
	if (reg & (IDR1_TABLES_PRESET | IDR1_QUEUES_PRESET | IDR1_REL)) {
		dev_err(smmu->dev, "embedded implementation not supported\n");
		return -ENXIO;
	}

	if (reg & IDR1_ATTR_TYPES_OVR)
		smmu->features |= ARM_SMMU_FEAT_ATTR_TYPES_OVR;

	/* Queue sizes, capped to ensure natural alignment */
	smmu->cmdq.q.llq.max_n_shift = min_t(u32, CMDQ_MAX_SZ_SHIFT,
					     FIELD_GET(IDR1_CMDQS, reg));
	if (smmu->cmdq.q.llq.max_n_shift <= ilog2(CMDQ_BATCH_ENTRIES)) {
		/*
		 * We don't support splitting up batches, so one batch of
		 * commands plus an extra sync needs to fit inside the command
		 * queue. There's also no way we can handle the weird alignment
		 * restrictions on the base pointer for a unit-length queue.
		 */
		dev_err(smmu->dev, "command queue size <= %d entries not supported\n",
			CMDQ_BATCH_ENTRIES);
		return -ENXIO;
	}

	smmu->evtq.q.llq.max_n_shift = min_t(u32, EVTQ_MAX_SZ_SHIFT,
					     FIELD_GET(IDR1_EVTQS, reg));
	smmu->priq.q.llq.max_n_shift = min_t(u32, PRIQ_MAX_SZ_SHIFT,
					     FIELD_GET(IDR1_PRIQS, reg));

	/* SID/SSID sizes */
	smmu->ssid_bits = FIELD_GET(IDR1_SSIDSIZE, reg);
	smmu->sid_bits = FIELD_GET(IDR1_SIDSIZE, reg);
	smmu->iommu.max_pasids = 1UL << smmu->ssid_bits;

	/*
	 * If the SMMU supports fewer bits than would fill a single L2 stream
	 * table, use a linear table instead.
	 */
	if (smmu->sid_bits <= STRTAB_SPLIT)
		smmu->features &= ~ARM_SMMU_FEAT_2_LVL_STRTAB;

	/* IDR3 */
	reg = readl_relaxed(smmu->base + ARM_SMMU_IDR3);
	if (FIELD_GET(IDR3_RIL, reg))
		smmu->features |= ARM_SMMU_FEAT_RANGE_INV;
	if (FIELD_GET(IDR3_FWB, reg))
		smmu->features |= ARM_SMMU_FEAT_S2FWB;

	if (FIELD_GET(IDR3_BBM, reg) == 2)
		smmu->features |= ARM_SMMU_FEAT_BBML2;

	/* IDR5 */
	reg = readl_relaxed(smmu->base + ARM_SMMU_IDR5);

	/* Maximum number of outstanding stalls */
	smmu->evtq.max_stalls = FIELD_GET(IDR5_STALL_MAX, reg);

	/* Page sizes */
	if (reg & IDR5_GRAN64K)
		smmu->pgsize_bitmap |= SZ_64K | SZ_512M;
	if (reg & IDR5_GRAN16K)
		smmu->pgsize_bitmap |= SZ_16K | SZ_32M;
	if (reg & IDR5_GRAN4K)
		smmu->pgsize_bitmap |= SZ_4K | SZ_2M | SZ_1G;

	/* Input address size */
	if (FIELD_GET(IDR5_VAX, reg) == IDR5_VAX_52_BIT)
		smmu->features |= ARM_SMMU_FEAT_VAX;

	/* Output address size */
	switch (FIELD_GET(IDR5_OAS, reg)) {
	case IDR5_OAS_32_BIT:
		smmu->oas = 32;
		break;
	case IDR5_OAS_36_BIT:
		smmu->oas = 36;
		break;
	case IDR5_OAS_40_BIT:
		smmu->oas = 40;
		break;
	case IDR5_OAS_42_BIT:
		smmu->oas = 42;
		break;
	case IDR5_OAS_44_BIT:
		smmu->oas = 44;
		break;
	case IDR5_OAS_52_BIT:
		smmu->oas = 52;
		smmu->pgsize_bitmap |= 1ULL << 42; /* 4TB */
		break;
	default:
		dev_info(smmu->dev,
			"unknown output address size. Truncating to 48-bit\n");
		fallthrough;
	case IDR5_OAS_48_BIT:
		smmu->oas = 48;
	}

	/* Set the DMA mask for our table walker */
	if (dma_set_mask_and_coherent(smmu->dev, DMA_BIT_MASK(smmu->oas)))
		dev_warn(smmu->dev,
			 "failed to set DMA mask for table walker\n");

	smmu->ias = max(smmu->ias, smmu->oas);

	if ((smmu->features & ARM_SMMU_FEAT_TRANS_S1) &&
	    (smmu->features & ARM_SMMU_FEAT_TRANS_S2))
		smmu->features |= ARM_SMMU_FEAT_NESTING;

	if (is_kdump_kernel())
		arm_smmu_device_hw_probe_kdump(smmu);


	arm_smmu_device_iidr_probe(smmu);

	if (arm_smmu_sva_supported(smmu))
		smmu->features |= ARM_SMMU_FEAT_SVA;

	dev_info(smmu->dev, "ias %lu-bit, oas %lu-bit (features 0x%08x)\n",
		 smmu->ias, smmu->oas, smmu->features);
	return 0;
}

static void arm_smmu_rmr_install_bypass_ste(struct arm_smmu_device *smmu)
{
	struct list_head rmr_list;
	struct iommu_resv_region *e;

	/*
	 * Kdump adoption keeps the crashed kernel's table live. Rewriting the
	 * adopted STE here could expose an in-flight fetch to a transient V=0
	 * entry, or change Cfg=translate to Cfg=bypass. Must skip here.
	 */
	if (smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT)
		return;

	INIT_LIST_HEAD(&rmr_list);
	iort_get_rmr_sids(dev_fwnode(smmu->dev), &rmr_list);

	list_for_each_entry(e, &rmr_list, list) {
		struct iommu_iort_rmr_data *rmr;
		int ret, i;

		rmr = container_of(e, struct iommu_iort_rmr_data, rr);
		for (i = 0; i < rmr->num_sids; i++) {
			ret = arm_smmu_init_sid_strtab(smmu, rmr->sids[i]);
			if (ret) {
				dev_err(smmu->dev, "RMR SID(0x%x) bypass failed\n",
					rmr->sids[i]);
				continue;
			}

			/* The fresh stream table is not yet live. */
			arm_smmu_make_bypass_ste(smmu,
				arm_smmu_get_step_for_sid(smmu, rmr->sids[i]));
		}
	}

	iort_put_rmr_sids(dev_fwnode(smmu->dev), &rmr_list);
}

static struct arm_smmu_ste *
arm_smmu_get_step_for_sid(struct arm_smmu_device *smmu, u32 sid)
{
	struct arm_smmu_strtab_cfg *cfg = &smmu->strtab_cfg;

	if (smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB) {
		/* Two-level walk */
		return &cfg->l2.l2ptrs[arm_smmu_strtab_l1_idx(sid)]
				->stes[arm_smmu_strtab_l2_idx(sid)];
	} else {
		/* Simple linear lookup */
		return &cfg->linear.table[sid];
	}
}

static bool arm_smmu_sid_in_range(struct arm_smmu_device *smmu, u32 sid)
{
	if (smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB)
		return arm_smmu_strtab_l1_idx(sid) < smmu->strtab_cfg.l2.num_l1_ents;
	return sid < smmu->strtab_cfg.linear.num_ents;
}

static int arm_smmu_init_sid_strtab(struct arm_smmu_device *smmu, u32 sid)
{
	/* Check the SIDs are in range of the SMMU and our stream table */
	if (!arm_smmu_sid_in_range(smmu, sid))
		return -ERANGE;

	/* Ensure l2 strtab is initialised */
	if (smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB)
		return arm_smmu_init_l2_strtab(smmu, sid);

	return 0;
}

static void arm_smmu_destroy_vmid_map(void *data)
{
	struct ida *ida = data;

	ida_destroy(ida);
}

static void arm_smmu_device_remove(struct platform_device *pdev)
{
	struct arm_smmu_device *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	iommu_device_sysfs_remove(&smmu->iommu);
}

static bool arm_smmu_is_attach_deferred(struct device *dev)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	struct arm_smmu_device *smmu = master->smmu;
	int i;

	if (!(smmu->options & ARM_SMMU_OPT_KDUMP_ADOPT))
		return false;

	for (i = 0; i < master->num_streams; i++) {
		struct arm_smmu_ste *ste =
			arm_smmu_get_step_for_sid(smmu, master->streams[i].id);
		u64 ent0 = le64_to_cpu(ste->data[0]);

		/* Defer only when there might be in-flight DMAs */
		if ((ent0 & STRTAB_STE_0_V) &&
		    FIELD_GET(STRTAB_STE_0_CFG, ent0) != STRTAB_STE_0_CFG_ABORT)
			return true;
	}

	return false;
}
