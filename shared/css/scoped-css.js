/**
 * `scope { rules }` without nesting, for Chromium < 112 (the single-file edition runs in Chromium
 * 109, the last on Windows 7): every selector of the rules is put inside `scope` (a descendant, as
 * a nested rule means); @media/@supports/@layer/@container blocks are entered; other at-rules
 * (@font-face, @keyframes, @import) are kept as they are. The rules themselves must not nest.
 *
 * ag-grid wraps each part of its theme in `:where(.ag-theme-<part>-N) { … }` when it injects it;
 * the single-file build (vite.config.ts, lowerVendorCss) makes it call this instead. Plain
 * JavaScript without imports, as the build inlines its text into ag-grid's module; tested on
 * ag-grid's own CSS against lightningcss's lowering of the nested form (tests/unit/chromium109-css.test.ts).
 */
export function scopedCss(scope, css) {
  // Index just past the quoted string or bracket group that starts at j.
  const skip = (text, j) => {
    const open = text[j];
    if (open === '"' || open === "'") {
      for (j++; j < text.length && text[j] !== open; j++) if (text[j] === '\\') j++;
      return j + 1;
    }
    for (let depth = 0; j < text.length; j++) {
      const c = text[j];
      if (c === '"' || c === "'") j = skip(text, j) - 1;
      else if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && --depth === 0) return j + 1;
    }
    return text.length;
  };
  const opens = (c) => c === '"' || c === "'" || c === '(' || c === '[';
  // Top-level parts of a selector list (commas inside :is(…), [a=","] or "…" do not split).
  const selectors = (list) => {
    const parts = [];
    let start = 0;
    for (let j = 0; j < list.length; ) {
      if (opens(list[j])) j = skip(list, j);
      else if (list[j] === ',') {
        parts.push(list.slice(start, j));
        start = ++j;
      } else j++;
    }
    parts.push(list.slice(start));
    return parts.map((s) => s.trim()).filter(Boolean);
  };
  let out = '';
  for (let i = 0; i < css.length; ) {
    // The prelude: up to the block's "{", or a statement's ";".
    let j = i;
    while (j < css.length && css[j] !== '{' && css[j] !== ';' && css[j] !== '}') j = opens(css[j]) ? skip(css, j) : j + 1;
    const prelude = css.slice(i, j).trim();
    if (css[j] !== '{') {
      if (prelude) out += `${prelude};`;
      i = j + 1;
      continue;
    }
    // The block: up to its matching "}".
    let k = j + 1;
    for (let depth = 1; k < css.length; ) {
      const c = css[k];
      if (c === '"' || c === "'") k = skip(css, k);
      else if (c === '{') (depth++, k++);
      else if (c === '}' && --depth === 0) break;
      else k++;
    }
    const block = css.slice(j + 1, k);
    if (prelude.startsWith('@')) out += `${prelude}{${/^@(?:media|supports|layer|container)\b/i.test(prelude) ? scopedCss(scope, block) : block}}`;
    else out += `${selectors(prelude).map((s) => `${scope} ${s}`).join(',')}{${block}}`;
    i = k + 1;
  }
  return out;
}
