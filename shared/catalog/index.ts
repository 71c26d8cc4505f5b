export {
  Catalog,
  CatalogCsvError,
  NAME_ALIASES,
  SCHEMES,
  SCHEME_LABELS,
  builtinCatalog,
  builtinCsvTexts,
  levelFromCode,
  normalizeCode,
  normalizeName,
  parentCodesOf,
} from './catalog';
export { isPinyinQuery, pinyinMatches } from './pinyin';
export type { CatalogCsvTexts, CatalogEntry, Level, MappingEntry, NameAlias, Scheme, UnitKind } from './catalog';
