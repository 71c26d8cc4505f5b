/** Constructors for an empty department-year. */
import { VEHICLE_KINDS, type Assets, type Budget, type BudgetMeta, type ThreePublic, type VehicleKind } from './types';

export function emptyVehicles(): Record<VehicleKind, number> {
  return Object.fromEntries(VEHICLE_KINDS.map((k) => [k, 0])) as Record<VehicleKind, number>;
}

export function emptyAssets(): Assets {
  return { vehiclesHeld: emptyVehicles(), equipmentHeld: 0, vehiclesPlanned: emptyVehicles(), equipmentPlanned: 0 };
}

export function emptyThreePublic(): ThreePublic {
  const zero = () => ({ abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, reception: 0 });
  return { current: zero(), prior: zero() };
}

export const DEFAULT_TEMPLATE_ID = 'chongqing-yubei-2024';

export function emptyBudget(meta: Partial<BudgetMeta> & Pick<BudgetMeta, 'department' | 'year'>): Budget {
  return {
    meta: {
      shortName: meta.department,
      departmentCode: '',
      district: '渝北区',
      templateId: DEFAULT_TEMPLATE_ID,
      compilingUnit: '',
      approvalDate: '',
      publishDate: '',
      ...meta,
    },
    units: [],
    functionLines: [],
    econLines: [],
    threePublic: emptyThreePublic(),
    projects: [],
    procurement: [],
    performance: { goal: '', indicators: [] },
    assets: emptyAssets(),
    texts: {},
    priorOperatingCost: null,
    carryForward: {},
    nameOverrides: {},
  };
}
