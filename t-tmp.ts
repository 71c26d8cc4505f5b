import { readFileSync } from 'node:fs';
import { builtinCatalog } from './shared/catalog/index';
import { checkNarrativeAlone } from './shared/narrative/internal';
const r = checkNarrativeAlone(readFileSync(process.argv[2]!, 'utf8'), { catalog: builtinCatalog() });
console.log(r.year, r.truncated);
for (const f of r.findings) console.log(f.id, f.severity, f.message, JSON.stringify(f.quotes.map(q=>[q.line,q.text])));
