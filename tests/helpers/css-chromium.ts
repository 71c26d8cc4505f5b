/**
 * What a stylesheet uses that Chromium 109 (the last on Windows 7) lacks, found by parsing it with
 * lightningcss: nested style rules (Chromium 112; 109 drops them) and color-mix() (Chromium 111;
 * 109 treats the declaration as invalid). Each use is reported with its selector or property.
 */
import { transform } from 'lightningcss';

export interface NewerCss {
  /** Selectors of style rules nested in another style rule. */
  nested: string[];
  /** Properties (custom properties by name) whose value calls color-mix(). */
  colorMix: string[];
}

type Component = { type: string; name?: string | { name?: string }; kind?: string; selectors?: Component[][] };

/** A selector as text, enough to tell rules apart: classes, types, attributes by name, pseudo-classes with their arguments. */
const selectorText = (selectors: Component[][]): string =>
  selectors
    .map((s) =>
      s
        .map((c) => {
          if (c.type === 'class') return `.${String(c.name)}`;
          if (c.type === 'type') return String(c.name);
          if (c.type === 'nesting') return '&';
          if (c.type === 'combinator') return ' ';
          if (c.type === 'attribute') return `[${typeof c.name === 'object' ? c.name?.name : c.name}]`;
          if (c.type === 'pseudo-class') return `:${c.kind}${c.selectors ? `(${selectorText(c.selectors)})` : ''}`;
          return `[${c.type}]`;
        })
        .join(''),
    )
    .join(',');

export function newerThanChromium109(css: string, file = 'style.css'): NewerCss {
  const nested: string[] = [];
  transform({
    filename: file,
    code: new TextEncoder().encode(css),
    errorRecovery: true,
    visitor: {
      Rule: {
        style(rule) {
          for (const inner of rule.value.rules ?? []) {
            if (inner.type === 'style') nested.push(selectorText(inner.value.selectors as unknown as Component[][]));
          }
          return undefined;
        },
      },
    },
  });
  // Read from the text: lightningcss computes a color-mix() of plain colours while parsing.
  const colorMix = [...css.matchAll(/([-\w]+)\s*:[^;{}]*?color-mix\(/g)].map((m) => m[1]);
  return { nested, colorMix };
}
