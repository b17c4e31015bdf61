/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Declarations of arm-smmu-v3.h that the header excerpt does not carry (the
 * excerpt skips its offsets ~9.6k..25.9k: queues and commands), reduced to the
 * members the extracted functions touch. Names and values are the kernel's.
 * Force-included (-include) before every driver translation unit.
 */
#ifndef _ARM_SMMU_V3_GAPS_H
#define _ARM_SMMU_V3_GAPS_H

#include <kshim.h>

#define ARM_SMMU_POLL_TIMEOUT_US	1000000 /* 1s! */

#define CMDQ_ENT_SZ_SHIFT		4
#define CMDQ_ENT_DWORDS			((1 << CMDQ_ENT_SZ_SHIFT) >> 3)
#define CMDQ_MAX_SZ_SHIFT		(Q_MAX_SZ_SHIFT - CMDQ_ENT_SZ_SHIFT)

#define EVTQ_ENT_SZ_SHIFT		5
#define EVTQ_ENT_DWORDS			((1 << EVTQ_ENT_SZ_SHIFT) >> 3)
#define EVTQ_MAX_SZ_SHIFT		(Q_MAX_SZ_SHIFT - EVTQ_ENT_SZ_SHIFT)

#define PRIQ_ENT_SZ_SHIFT		4
#define PRIQ_ENT_DWORDS			((1 << PRIQ_ENT_SZ_SHIFT) >> 3)
#define PRIQ_MAX_SZ_SHIFT		(Q_MAX_SZ_SHIFT - PRIQ_ENT_SZ_SHIFT)

#define CMDQ_BATCH_ENTRIES		BITS_PER_LONG

#define CMDQ_0_OP			GENMASK_ULL(7, 0)
#define CMDQ_CFGI_1_RANGE		GENMASK_ULL(4, 0)

enum arm_smmu_cmdq_opcode {
	CMDQ_OP_CFGI_ALL = 0x4,
	CMDQ_OP_TLBI_EL2_ALL = 0x20,
	CMDQ_OP_TLBI_NSNH_ALL = 0x30,
};

/* v7.2 (the base of v7): commands are encoded directly */
struct arm_smmu_cmd {
	u64				data[CMDQ_ENT_DWORDS];
};

static inline struct arm_smmu_cmd
arm_smmu_make_cmd_op(enum arm_smmu_cmdq_opcode op)
{
	struct arm_smmu_cmd cmd = {};

	cmd.data[0] = FIELD_PREP(CMDQ_0_OP, op);
	return cmd;
}

static inline struct arm_smmu_cmd arm_smmu_make_cmd_cfgi_all(void)
{
	struct arm_smmu_cmd cmd = arm_smmu_make_cmd_op(CMDQ_OP_CFGI_ALL);

	cmd.data[1] |= FIELD_PREP(CMDQ_CFGI_1_RANGE, 31);
	return cmd;
}

/*
 * struct arm_smmu_master (include/.../arm-smmu-v3.h, v6.18.y and later), reduced to
 * the members arm_smmu_kdump_is_attach_deferred() of the later kdump.c reads.
 */
struct arm_smmu_stream;
struct arm_smmu_master {
	struct arm_smmu_device		*smmu;
	struct device			*dev;
	struct arm_smmu_stream		*streams;
	unsigned int			num_streams;
};
struct iopf_queue;

/* v6.18.y (the base of mainline and v6): commands are built from an entry */
struct arm_smmu_cmdq_ent {
	/* Common fields */
	u8				opcode;
	bool				substream_valid;
};

struct arm_smmu_ll_queue {
	u32				prod;
	u32				cons;
	u32				max_n_shift;
};

struct arm_smmu_queue {
	struct arm_smmu_ll_queue	llq;
	int				irq; /* Wired interrupt */

	__le64				*base;
	dma_addr_t			base_dma;
	u64				q_base;

	size_t				ent_dwords;

	u32 __iomem			*prod_reg;
	u32 __iomem			*cons_reg;
};

struct arm_smmu_cmdq {
	struct arm_smmu_queue		q;
};

struct arm_smmu_evtq {
	struct arm_smmu_queue		q;
	struct iopf_queue		*iopf;
	u32				max_stalls;
};

struct arm_smmu_priq {
	struct arm_smmu_queue		q;
};

#endif /* _ARM_SMMU_V3_GAPS_H */
