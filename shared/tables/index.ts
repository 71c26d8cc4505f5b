export * from './types';
export * from './template-types';
export * from './derive';
export { CHONGQING_YUBEI_2024 } from './templates/chongqing-yubei-2024';
export { TEMPLATE_SETS, templatesFor } from './registry';
export * from './roles';
