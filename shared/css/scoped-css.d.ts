/** Types of shared/css/scoped-css.js (plain JavaScript: the single-file build inlines its text into ag-grid). */
export function scopedCss(scope: string, css: string): string;
