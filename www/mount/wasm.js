// Loading the wasm modules and the language catalogues, once per page however many explorers it mounts.
// @ts-check

// NATX-GLUE: a bare name the build resolves: to the page's module next to pkg/mount.js, or, in the single file,
// to the full module inlined (see `bundle` in xtask/src/main.rs).
import init, { Explorer } from 'natx-glue';

/** @import { Api, FullApi, PageApi } from './types' */

// The module that can also load a reader's own files, fetched when a reader picks one. Relative to the built
// pkg/mount.js.
const FULL_MODULE = './full/na_trade_explorer.js';
// The wasm module carries English; French and Spanish are fetched the first time a reader needs them, from here
// (relative to pkg/mount.js; the single-file build inlines them as NATX_CATALOGUES).
const CATALOGUE_BASE = './i18n/';

/** @type {Map<string, Promise<Api>>} */
const modules = new Map();
/** @type {Map<string, Promise<string>>} */
const catalogueTexts = new Map();

/**
 * Load a wasm module once per page and resolve to `{ Explorer, exports }`: 'page' (everything but reading a
 * reader's own files) or 'full'. The single-file build has one module inline, the full one, for both.
 * @overload
 * @param {'full'} kind
 * @returns {Promise<FullApi>}
 */
/**
 * @overload
 * @param {'page'} [kind]
 * @returns {Promise<PageApi>}
 */
/**
 * @overload
 * @param {'page' | 'full'} [kind]
 * @returns {Promise<Api>}
 */
/** @param {'page' | 'full'} [kind] */
export function loadModule(kind = 'page') {
  const inline = typeof NATX_WASM_BASE64 !== 'undefined';
  if (inline) kind = 'page';
  let loaded = modules.get(kind);
  if (!loaded) {
    /** @type {Promise<Api>} */
    let ready;
    if (kind === 'full') {
      const url = new URL(FULL_MODULE, import.meta.url).href;
      ready = import(url).then(async (m) => ({ Explorer: m.Explorer, exports: await m.default() }));
    } else if (inline) {
      // A data: URL lets the browser decode and compile the module while streaming, even from file://.
      ready = init({ module_or_path: fetch(`data:application/wasm;base64,${NATX_WASM_BASE64}`) }).then((exports) => ({ Explorer, exports }));
    } else {
      ready = init().then((exports) => ({ Explorer, exports }));
    }
    // A failed load may be retried.
    modules.set(kind, loaded = ready.catch((error) => { modules.delete(kind); throw error; }));
  }
  return loaded;
}

/** The primary language code of a tag (`fr-CA` → `fr`).
 * @param {string | null | undefined} tag */
export const languageCode = (tag) => String(tag || '').trim().split(/[-_]/)[0].toLowerCase();
/** The `lang` of a link's query string, if any.
 * @param {string | null | undefined} query */
export const queryLanguage = (query) => new URLSearchParams(query || '').get('lang');

/**
 * Start fetching a language's catalogue (once per page). English (in the wasm) needs nothing; `known` is the
 * list of language codes Rust supports (`Explorer.languages()`), so an unknown tag fetches nothing.
 * @param {string | null | undefined} tag
 * @param {string[]} known
 * @returns {Promise<string> | null}
 */
export function catalogueText(tag, known) {
  const code = languageCode(tag);
  if (code === 'en' || !known.includes(code)) return null;
  let text = catalogueTexts.get(code);
  if (!text) {
    const fetched = typeof NATX_CATALOGUES !== 'undefined'
      ? Promise.resolve(JSON.stringify(NATX_CATALOGUES[code]))
      : fetch(new URL(`${CATALOGUE_BASE}${code}.json`, import.meta.url)).then((response) => {
        if (!response.ok) throw new Error(`The ${code} texts could not be loaded (HTTP ${response.status}).`);
        return response.text();
      });
    // A failed fetch may be retried on the next request.
    catalogueTexts.set(code, text = fetched.catch((error) => { catalogueTexts.delete(code); throw error; }));
  }
  return text;
}

/** The codes of the languages a loaded module (`{ Explorer }`) knows.
 * @param {Api} api
 * @returns {string[]} */
export const languageCodes = (api) => api.Explorer.languages().map((/** @type {[string, string]} */ [code]) => code);

/** Make sure the strings of every language among `tags` are in a loaded module (`{ Explorer }`).
 * @param {(string | null | undefined)[]} tags
 * @param {Api} api */
export async function ensureLanguages(tags, api) {
  const known = languageCodes(api);
  for (const tag of tags) {
    const code = languageCode(tag);
    if (!tag || api.Explorer.language_ready(code)) continue;
    const text = catalogueText(code, known);
    if (text) api.Explorer.load_language(code, await text);
  }
}
