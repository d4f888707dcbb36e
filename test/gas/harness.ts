// Runs the BUILT add-on (dist/gas, or a test build of it with test providers preloaded)
// the way Apps Script does: every execution (a cell recalculating, a menu command, a
// panel's server call) evaluates Code.js afresh in a V8 context that has ECMAScript and
// Apps Script's services and nothing else — no URL, fetch, setTimeout, process or
// TextEncoder — while caches, properties and the spreadsheet persist in the world.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { carbonRoutes } from '../mocks/carbon-intensity';
import type { MockHandler } from '../mocks/mock-http';
import { type Mode, SheetsWorld, VirtualClock } from './apps-script';

// The repository root, from this file (test/gas/) or from a bundle of it (dist/bench/).
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Host APIs Apps Script lacks: the context must not have them. */
export const NOT_IN_APPS_SCRIPT = [
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'fetch',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'queueMicrotask',
  'structuredClone',
  'process',
  'require',
  'module',
  'Buffer',
  'window',
  'document',
  'navigator',
];

export interface AddOn {
  code: string;
  manifest: { urlFetchWhitelist?: string[]; [key: string]: unknown };
  html: Record<string, string>;
  files: Record<string, string>;
}

const builds = new Map<string, Promise<AddOn>>();

/** An add-on from its files: Code.js (or a pasted script), appsscript.json, any *.html. */
export function fromFiles(files: Record<string, string>): AddOn {
  const html: Record<string, string> = {};
  for (const [name, text] of Object.entries(files))
    if (name.endsWith('.html')) html[name.replace(/\.html$/, '')] = text;
  return { code: files['Code.js'], manifest: JSON.parse(files['appsscript.json']), html, files };
}

/**
 * The add-on as built by `npm run build` (dist/gas), or, with `preload`, a build of the
 * same sources by the same script with those modules (test providers) loaded first.
 */
export function loadAddOn(preload: string[] = [], providers?: string[]): Promise<AddOn> {
  const key = preload.join('|') + '#' + (providers ?? []).join(',');
  let p = builds.get(key);
  if (!p) {
    p = (async () => {
      const dist = join(ROOT, 'dist', 'gas');
      if (preload.length === 0 && !providers && existsSync(join(dist, 'Code.js'))) {
        const files: Record<string, string> = {};
        for (const f of readdirSync(dist)) files[f] = readFileSync(join(dist, f), 'utf8');
        return fromFiles(files);
      }
      const { buildGas } = await import(
        pathToFileURL(join(ROOT, 'scripts', 'build', 'gas.mjs')).href
      );
      return fromFiles(await buildGas({ preload, providers }));
    })();
    builds.set(key, p);
  }
  return p;
}

export const TEST_PROVIDERS_PRELOAD = ['test/helpers/register-test-providers.ts'];

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** An error thrown by the add-on, as the cell or panel shows it. */
export class AddOnError extends Error {}

/** The message a menu command or panel call refused with (the add-on's own error only). */
export function addOnFailure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AddOnError) return e.message;
    throw e;
  }
  throw new Error('expected a failure');
}

export interface WorldSetup {
  preload?: string[];
  /** Build with only these providers (and the demo), as METER_SHEETS_PROVIDERS does. */
  providers?: string[];
  routes?: Record<string, MockHandler>;
  spreadsheetZone?: string;
  scriptZone?: string;
  now?: number;
  latencyMs?: number;
  /** Virtual time setValues takes per cell (a large write can outlast a menu command). */
  writeMsPerCell?: number;
}

export const DEFAULT_NOW = Date.UTC(2025, 0, 10, 12, 0, 0);

export class Sheets {
  readonly world: SheetsWorld;
  /** Executions so far (each a fresh load of Code.js). */
  executions = 0;

  constructor(
    readonly addOn: AddOn,
    setup: WorldSetup,
  ) {
    this.world = new SheetsWorld({
      clock: new VirtualClock(setup.now ?? DEFAULT_NOW),
      spreadsheetZone: setup.spreadsheetZone ?? 'Europe/London',
      scriptZone: setup.scriptZone ?? 'Europe/London',
      routes: { ...carbonRoutes(), ...(setup.routes ?? {}) },
      urlFetchWhitelist: addOn.manifest.urlFetchWhitelist,
      html: addOn.html,
      latencyMs: setup.latencyMs,
      writeMsPerCell: setup.writeMsPerCell,
    });
  }

  /** A fresh script context with the add-on loaded, as Apps Script starts an execution. */
  context(globals: Record<string, unknown>): vm.Context {
    const ctx = vm.createContext({ ...globals, __now: this.world.clock.now });
    vm.runInContext(
      '(function (now) { Date.now = function () { return now(); }; })(__now); delete globalThis.__now;',
      ctx,
    );
    vm.runInContext(this.addOn.code, ctx, { filename: 'Code.gs' });
    return ctx;
  }

  private toRealm(ctx: vm.Context, v: unknown): unknown {
    if (isDate(v)) return vm.runInContext(`new Date(${v.getTime()})`, ctx);
    if (Array.isArray(v)) {
      const arr = vm.runInContext('[]', ctx) as unknown[];
      for (const x of v) arr.push(this.toRealm(ctx, x));
      return arr;
    }
    if (v !== null && typeof v === 'object') {
      const obj = vm.runInContext('({})', ctx) as Record<string, unknown>;
      for (const [k, x] of Object.entries(v)) obj[k] = this.toRealm(ctx, x);
      return obj;
    }
    return v;
  }

  private fromRealm(v: unknown): unknown {
    if (isDate(v)) return new Date(v.getTime());
    if (Array.isArray(v)) return v.map((x) => this.fromRealm(x));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.fromRealm(x)]));
    return v;
  }

  /** Calls a top-level function of the add-on in a new execution. */
  run(mode: Mode, name: string, ...args: unknown[]): unknown {
    const w = this.world;
    const saved = { mode: w.mode, runStartedAt: w.runStartedAt };
    w.mode = mode;
    w.runStartedAt = w.clock.now();
    const { globals, finish } = w.globals();
    try {
      this.executions++;
      const ctx = this.context(globals);
      const fn = (ctx as Record<string, unknown>)[name];
      if (typeof fn !== 'function')
        throw new Error(`test: Code.js has no top-level function ${name}`);
      try {
        return this.fromRealm(fn(...args.map((a) => this.toRealm(ctx, a))));
      } catch (e) {
        throw new AddOnError(String((e as { message?: unknown })?.message ?? e));
      }
    } finally {
      finish();
      w.mode = saved.mode;
      w.runStartedAt = saved.runStartedAt;
    }
  }

  /** A formula recalculating: `=NAME(args…)`. */
  cell(name: string, ...args: unknown[]): unknown[][] {
    return this.run('custom-function', name, ...args) as unknown[][];
  }

  /** The message a failing formula shows. */
  cellError(name: string, ...args: unknown[]): string {
    try {
      this.cell(name, ...args);
    } catch (e) {
      if (e instanceof AddOnError) return e.message;
      throw e;
    }
    throw new Error(`expected ${name} to fail`);
  }

  /** A menu command or a panel's server call, as `user` (default: the owner). */
  menu(name: string, ...args: unknown[]): unknown {
    return this.run('menu', name, ...args);
  }

  as<T>(user: string, fn: () => T): T {
    const saved = this.world.user;
    this.world.user = user;
    try {
      return fn();
    } finally {
      this.world.user = saved;
    }
  }

  /** The state the last panel was opened with (the JSON its page script starts from). */
  panelState(kind?: 'sidebar' | 'dialog'): Record<string, unknown> & { nonce: string } {
    const panels = this.world.panels.filter((p) => !kind || p.kind === kind);
    const last = panels[panels.length - 1];
    if (!last) throw new Error('test: no panel was shown');
    const m = /var STATE = (.*);\n/.exec(last.html.getContent());
    if (!m) throw new Error('test: the panel has no STATE');
    return JSON.parse(m[1]);
  }

  /** Opens Settings and saves `form` through the sidebar's server function. */
  saveSettings(form: Record<string, unknown>): unknown {
    this.menu('meterShowSettings');
    return this.menu('meterSaveSettings', this.panelState('sidebar').nonce, form);
  }

  requestCount(): number {
    return this.world.requests.length;
  }
}

export async function sheets(setup: WorldSetup = {}): Promise<Sheets> {
  return new Sheets(await loadAddOn(setup.preload ?? [], setup.providers), setup);
}
