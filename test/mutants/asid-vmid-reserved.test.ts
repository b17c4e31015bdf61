/**
 * asid-vmid-reserved kills latest-no-vmid-reservation: arm_smmu_kexec_resv_vmid() is what takes
 * the S2VMIDs of the adopted stage-2 STEs out of smmu->vmid_map.
 */
import { intactLinear } from '../../harness/stories/intact';
import { failed, runBoth, signatureOf } from './_mutant';

const MUTANT = 'latest-no-vmid-reservation';

describe(`asid-vmid-reserved catches ${MUTANT}`, () => {
  // A linear table whose SID 200 translates through stage 2 with VMID 201 (SID 3 bypasses).
  const r = runBoth('asid-vmid-reserved', MUTANT, intactLinear(8, [3, 200]));

  test('latest: VMID 201 is in vmid_map while adopted and gone after unbind; the property holds', () => {
    expect(r.latest.ctx.outcome.reservations!.after_probe!.vmids.map((v) => v.vmid)).toEqual([201]);
    expect(r.latest.verdict).toEqual({ ok: true });
  });

  test('mutant: the table is adopted with VMID 201 live and not reserved', () => {
    expect(r.mutant.ctx.outcome.adopted).toBe(true);
    expect(r.mutant.ctx.outcome.reservations!.after_init!.vmids).toEqual([]);
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('asid-vmid-reserved:vmid-unreserved@after_init');
    expect(f.message).toContain('VMID 201 (S2VMID of the STE of SID 0xc8');
    expect(signatureOf(r.latest.verdict)).not.toBe(f.signature);
  });
});
