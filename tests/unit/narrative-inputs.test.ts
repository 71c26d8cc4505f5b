import { describe, expect, it } from 'vitest';
import { generateNarrative } from '../../shared/narrative/template';
import { toPlainText } from '../../shared/narrative/doc';
import { inputRefFor } from '../../shared/narrative/inputs';
import { applyEdit } from '../../shared/model/edit';
import { sample } from './narrative-helpers';

describe('narrative data inputs (last year 机关运行经费, assets)', () => {
  it('maps input keys to their edit targets', () => {
    expect(inputRefFor('priorOperatingCost')).toEqual({ t: 'priorOperatingCost' });
    expect(inputRefFor('asset:vehiclesHeld:leader')).toEqual({ t: 'vehicles', slot: 'vehiclesHeld', kind: 'leader' });
    expect(inputRefFor('asset:equipmentPlanned')).toEqual({ t: 'equipment', slot: 'equipmentPlanned' });
    expect(inputRefFor('reason:basic')).toEqual({ t: 'text', key: 'reason:basic' });
    expect(inputRefFor('asset:vehiclesHeld:bicycle')).toEqual({ t: 'text', key: 'asset:vehiclesHeld:bicycle' });
  });

  it('lists them beside their paragraphs with the current values, and an edit rewrites the figures', () => {
    const { budget, ctx } = sample();
    const doc = generateNarrative(budget, ctx);
    const prior = doc.inputs.find((i) => i.key === 'priorOperatingCost')!;
    expect(prior).toMatchObject({ kind: 'amount', value: '299884.08', missing: false });
    const leader = doc.inputs.find((i) => i.key === 'asset:vehiclesHeld:leader')!;
    expect(leader).toMatchObject({ kind: 'count', value: '1', label: '现有领导干部用车（辆）' });
    expect(doc.inputs.filter((i) => i.key.startsWith('asset:'))).toHaveLength(14);

    expect(applyEdit(budget, { op: 'set', ref: inputRefFor('priorOperatingCost'), value: '400000' }).ok).toBe(true);
    expect(applyEdit(budget, { op: 'set', ref: inputRefFor('asset:vehiclesPlanned:law'), value: '2' }).ok).toBe(true);
    const text = toPlainText(generateNarrative(budget, ctx));
    expect(text).toContain('机关运行经费财政拨款预算389,346.5元，比上年减少10,653.5元');
    expect(text).toContain('安排购置车辆2辆');
  });
});
