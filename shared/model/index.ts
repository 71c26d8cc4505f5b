export * from './types';
export * from './budget';
export * from './edit';
export * from './choices';
export * from './units';
export * from './defaults';
export * from './rows';
