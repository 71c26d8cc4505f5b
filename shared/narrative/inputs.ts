/**
 * Narrative inputs that are not free texts: last year's 机关运行经费 and the asset counts. The
 * generator lists them beside their paragraphs; this maps an input key to the Edit target, so the
 * view never needs to know where a value lives.
 */
import { readInput } from '../model/edit';
import { VEHICLE_KINDS, VEHICLE_NAMES, type Budget, type VehicleKind } from '../model/types';
import type { InputRef } from '../tables/types';
import type { NarrativeInput } from './doc';

export const PRIOR_OPERATING_COST_KEY = 'priorOperatingCost';

const SLOT_LABEL = { vehiclesHeld: '现有', vehiclesPlanned: '本年购置', equipmentHeld: '现有', equipmentPlanned: '本年购置' } as const;

/** The InputRef behind a narrative input key; a plain text key otherwise. */
export function inputRefFor(key: string): InputRef {
  if (key === PRIOR_OPERATING_COST_KEY) return { t: 'priorOperatingCost' };
  const [head, slot, kind] = key.split(':');
  if (head === 'asset' && (slot === 'vehiclesHeld' || slot === 'vehiclesPlanned') && VEHICLE_KINDS.includes(kind as VehicleKind)) {
    return { t: 'vehicles', slot, kind: kind as VehicleKind };
  }
  if (head === 'asset' && (slot === 'equipmentHeld' || slot === 'equipmentPlanned') && kind === undefined) {
    return { t: 'equipment', slot };
  }
  return { t: 'text', key };
}

/** The count inputs of one asset paragraph: vehicles by kind, then equipment. */
export function assetInputs(budget: Budget, paragraph: string, planned: boolean): NarrativeInput[] {
  const vehicles = planned ? 'vehiclesPlanned' : 'vehiclesHeld';
  const equipment = planned ? 'equipmentPlanned' : 'equipmentHeld';
  const count = (key: string, label: string): NarrativeInput => ({
    key,
    paragraph,
    label,
    kind: 'count',
    value: readInput(budget, inputRefFor(key)),
    missing: false,
    required: false,
    multiline: false,
  });
  return [
    ...VEHICLE_KINDS.map((k) => count(`asset:${vehicles}:${k}`, `${SLOT_LABEL[vehicles]}${VEHICLE_NAMES[k]}（辆）`)),
    count(`asset:${equipment}`, `${SLOT_LABEL[equipment]}100万元以上设备（台套）`),
  ];
}
