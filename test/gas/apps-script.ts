// Fakes of the Apps Script services the add-on uses, with the limits and restrictions
// that make real add-ons fail: CacheService's 250-character keys, 100 KB values, 6-hour
// expiry and 1,000 entries; PropertiesService's 9 KB values; a custom function may not
// write to the spreadsheet, open UI or set properties, and reads the spreadsheet OWNER's
// user properties; in AuthMode.NONE nothing but the menu may be touched; UrlFetchApp
// refuses URLs outside the manifest's whitelist. State (caches, properties, sheets,
// requests, logs) lives in the world and outlasts each execution, as it does on Google's
// servers; each execution gets fresh script globals (see harness.ts).
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { HttpRequest, HttpResponse } from '../../shared/http';
import { type MockHandler, fromHttpRequest } from '../mocks/mock-http';

export type Mode = 'custom-function' | 'menu' | 'none';

export class AppsScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

// ---- clock ----

export class VirtualClock {
  constructor(public time: number) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

// ---- CacheService ----

export const CACHE_MAX_KEY = 250;
export const CACHE_MAX_VALUE_BYTES = 100 * 1024;
export const CACHE_MAX_TTL = 21600;
export const CACHE_MAX_ITEMS = 1000;

export class FakeCache {
  private entries = new Map<string, { value: string; expires: number }>();
  /** Every key ever written, for leak checks. */
  readonly keysWritten = new Set<string>();
  puts = 0;

  constructor(private clock: VirtualClock) {}

  private check(key: string, value?: unknown, ttl?: number): void {
    if (typeof key !== 'string' || key.length === 0)
      throw new AppsScriptError('Invalid argument: key');
    if (key.length > CACHE_MAX_KEY) throw new AppsScriptError('Argument too large: key');
    if (value !== undefined) {
      if (typeof value !== 'string') throw new AppsScriptError('Invalid argument: value');
      if (Buffer.byteLength(value, 'utf8') > CACHE_MAX_VALUE_BYTES)
        throw new AppsScriptError('Argument too large: value');
    }
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > CACHE_MAX_TTL))
      throw new AppsScriptError(`Invalid argument: expirationInSeconds (${ttl})`);
  }

  private read(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= this.clock.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  private write(key: string, value: string, ttl: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.clock.now() + ttl * 1000 });
    this.keysWritten.add(key);
    // Past the cap the oldest entries go, as CacheService evicts without notice.
    while (this.entries.size > CACHE_MAX_ITEMS)
      this.entries.delete(this.entries.keys().next().value as string);
  }

  get = (key: string): string | null => {
    this.check(key);
    return this.read(key);
  };
  getAll = (keys: string[]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const k of keys) {
      this.check(k);
      const v = this.read(k);
      if (v !== null) out[k] = v;
    }
    return out;
  };
  put = (key: string, value: string, ttl = 600): void => {
    this.check(key, value, ttl);
    this.puts++;
    this.write(key, value, ttl);
  };
  putAll = (values: Record<string, string>, ttl = 600): void => {
    for (const [k, v] of Object.entries(values)) this.check(k, v, ttl);
    this.puts++;
    for (const [k, v] of Object.entries(values)) this.write(k, v, ttl);
  };
  remove = (key: string): void => {
    this.check(key);
    this.entries.delete(key);
  };
  removeAll = (keys: string[]): void => {
    for (const k of keys) this.remove(k);
  };

  /** For tests: live entries. */
  size(): number {
    return [...this.entries.keys()].filter((k) => this.read(k) !== null).length;
  }
  values(): string[] {
    return [...this.entries.values()].map((e) => e.value);
  }
  clear(): void {
    this.entries.clear();
  }
}

// ---- PropertiesService ----

export const PROPERTY_MAX_VALUE_BYTES = 9 * 1024;

export class FakeProperties {
  readonly data = new Map<string, string>();
  /** Set by the execution: in a custom function, properties are read-only. */
  readOnly = false;

  private writable(method: string): void {
    if (this.readOnly) throw new AppsScriptError(`You do not have permission to call ${method}`);
  }
  getProperty = (key: string): string | null => this.data.get(key) ?? null;
  getProperties = (): Record<string, string> => Object.fromEntries(this.data);
  getKeys = (): string[] => [...this.data.keys()];
  setProperty = (key: string, value: string): FakeProperties => {
    this.writable('setProperty');
    if (Buffer.byteLength(String(value), 'utf8') > PROPERTY_MAX_VALUE_BYTES)
      throw new AppsScriptError('Argument too large: value');
    this.data.set(key, String(value));
    return this;
  };
  setProperties = (props: Record<string, string>, deleteAllOthers = false): FakeProperties => {
    this.writable('setProperties');
    if (deleteAllOthers) this.data.clear();
    for (const [k, v] of Object.entries(props)) this.setProperty(k, v);
    return this;
  };
  deleteProperty = (key: string): FakeProperties => {
    this.writable('deleteProperty');
    this.data.delete(key);
    return this;
  };
  deleteAllProperties = (): FakeProperties => {
    this.writable('deleteAllProperties');
    this.data.clear();
    return this;
  };
}

// ---- SpreadsheetApp ----

export interface SetValuesCall {
  sheet: string;
  row: number;
  column: number;
  values: unknown[][];
}

export interface FakeChart {
  type: string;
  ranges: string[];
  options: Record<string, unknown>;
  numHeaders: number;
  position: number[];
}

function a1(row: number, col: number): string {
  let c = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    c = String.fromCharCode(65 + ((n - 1) % 26)) + c;
  return `${c}${row}`;
}

export class FakeSheet {
  readonly cells = new Map<string, unknown>();
  readonly formats = new Map<string, string>();
  readonly bold = new Set<string>();
  frozenRows = 0;
  readonly charts: FakeChart[] = [];

  constructor(
    private world: SheetsWorld,
    public name: string,
  ) {}

  getName = (): string => this.name;
  getRange = (row: number, column: number, numRows = 1, numColumns = 1) =>
    new FakeRange(this.world, this, row, column, numRows, numColumns);
  setFrozenRows = (n: number): FakeSheet => {
    this.world.mutate('setFrozenRows');
    this.frozenRows = n;
    return this;
  };
  getFrozenRows = (): number => this.frozenRows;
  getLastRow = (): number =>
    Math.max(0, ...[...this.cells.keys()].map((k) => Number(k.replace(/^[A-Z]+/, ''))));
  autoResizeColumns = (): FakeSheet => this;
  newChart = () => {
    this.world.mutate('newChart');
    return new FakeChartBuilder();
  };
  insertChart = (chart: FakeChart): void => {
    this.world.mutate('insertChart');
    this.charts.push(chart);
  };
  getCharts = (): FakeChart[] => this.charts.slice();

  /** For tests: the grid as rows of values. */
  grid(): unknown[][] {
    const rows = this.getLastRow();
    const out: unknown[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row: unknown[] = [];
      for (let c = 1; this.cells.has(a1(r, c)); c++) row.push(this.cells.get(a1(r, c)));
      out.push(row);
    }
    return out;
  }
  format(row: number, col: number): string | undefined {
    return this.formats.get(a1(row, col));
  }
}

export class FakeRange {
  constructor(
    private world: SheetsWorld,
    private sheet: FakeSheet,
    private row: number,
    private column: number,
    private numRows: number,
    private numColumns: number,
  ) {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1)
      throw new AppsScriptError('The coordinates or dimensions of the range are invalid.');
  }
  private each(fn: (key: string, r: number, c: number) => void): void {
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++) fn(a1(this.row + r, this.column + c), r, c);
  }
  getA1Notation = (): string =>
    `${a1(this.row, this.column)}:${a1(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  getNumRows = (): number => this.numRows;
  getNumColumns = (): number => this.numColumns;
  getValues = (): unknown[][] => {
    const out: unknown[][] = Array.from({ length: this.numRows }, () => []);
    this.each((k, r) => out[r].push(this.sheet.cells.get(k) ?? ''));
    return out;
  };
  setValues = (values: unknown[][]): FakeRange => {
    this.world.mutate('setValues');
    if (
      !Array.isArray(values) ||
      values.length !== this.numRows ||
      values.some((v) => v.length !== this.numColumns)
    )
      throw new AppsScriptError(
        `The number of rows or columns in the data does not match the range (${this.numRows} x ${this.numColumns}).`,
      );
    this.world.setValuesCalls.push({
      sheet: this.sheet.name,
      row: this.row,
      column: this.column,
      values,
    });
    this.each((k, r, c) => this.sheet.cells.set(k, values[r][c]));
    return this;
  };
  setNumberFormat = (format: string): FakeRange => {
    this.world.mutate('setNumberFormat');
    this.each((k) => this.sheet.formats.set(k, format));
    return this;
  };
  setNumberFormats = (formats: string[][]): FakeRange => {
    this.world.mutate('setNumberFormats');
    this.each((k, r, c) => this.sheet.formats.set(k, formats[r][c]));
    return this;
  };
  setFontWeight = (weight: string): FakeRange => {
    this.world.mutate('setFontWeight');
    this.each((k) => (weight === 'bold' ? this.sheet.bold.add(k) : this.sheet.bold.delete(k)));
    return this;
  };
}

class FakeChartBuilder {
  private chart: FakeChart = { type: '', ranges: [], options: {}, numHeaders: -1, position: [] };
  setChartType = (t: string) => ((this.chart.type = t), this);
  addRange = (r: FakeRange) => (this.chart.ranges.push(r.getA1Notation()), this);
  setOption = (k: string, v: unknown) => ((this.chart.options[k] = v), this);
  setNumHeaders = (n: number) => ((this.chart.numHeaders = n), this);
  setPosition = (...p: number[]) => ((this.chart.position = p), this);
  asLineChart = () => this.setChartType('LINE');
  build = (): FakeChart => {
    if (!this.chart.type) throw new AppsScriptError('Chart type is required');
    if (this.chart.ranges.length === 0) throw new AppsScriptError('A chart needs a data range');
    return { ...this.chart };
  };
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly toasts: string[] = [];

  constructor(
    private world: SheetsWorld,
    public id: string,
    public timeZone: string,
  ) {
    this.sheets.push(new FakeSheet(world, 'Sheet1'));
  }
  getId = (): string => this.id;
  getName = (): string => 'Home energy';
  getSpreadsheetTimeZone = (): string => this.timeZone;
  getSheets = (): FakeSheet[] => this.sheets.slice();
  getSheetByName = (name: string): FakeSheet | null =>
    this.sheets.find((s) => s.name === name) ?? null;
  insertSheet = (name?: string): FakeSheet => {
    this.world.mutate('insertSheet');
    const n = name ?? `Sheet${this.sheets.length + 1}`;
    if (n.length > 100) throw new AppsScriptError('Sheet names can be at most 100 characters.');
    if (this.getSheetByName(n))
      throw new AppsScriptError(
        `A sheet with the name "${n}" already exists. Please enter another name.`,
      );
    const s = new FakeSheet(this.world, n);
    this.sheets.push(s);
    return s;
  };
  toast = (message: string, title?: string): void => {
    this.world.mutate('toast');
    this.toasts.push(`${title ?? ''}: ${message}`);
  };
}

// ---- Ui, HtmlService ----

export interface FakeMenu {
  title: string;
  items: ({ caption: string; functionName: string } | 'separator')[];
  added: boolean;
}

export class FakeHtmlOutput {
  title = '';
  width = 0;
  height = 0;
  constructor(public content: string) {}
  getContent = (): string => this.content;
  setTitle = (t: string) => ((this.title = t), this);
  getTitle = (): string => this.title;
  setWidth = (w: number) => ((this.width = w), this);
  setHeight = (h: number) => ((this.height = h), this);
  setXFrameOptionsMode = () => this;
  setSandboxMode = () => this;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Printing scriptlets only (<?= x ?> escaped, <?!= x ?> raw), of template properties. */
class FakeTemplate {
  [name: string]: unknown;
  constructor(source: string) {
    Object.defineProperty(this, 'source', { value: source, enumerable: false });
    Object.defineProperty(this, 'evaluate', {
      enumerable: false,
      value: () => {
        const out = (this.source as string).replace(
          /<\?(!?=)\s*([A-Za-z_$][\w$]*)\s*\?>/g,
          (_m, kind: string, name: string) => {
            if (!(name in this))
              throw new AppsScriptError(`ReferenceError: "${name}" is not defined.`);
            const v = String(this[name]);
            return kind === '!=' ? v : escapeHtml(v);
          },
        );
        if (out.includes('<?'))
          throw new AppsScriptError('fake HtmlService: only printing scriptlets are supported');
        return new FakeHtmlOutput(out);
      },
    });
  }
}

export interface ShownPanel {
  kind: 'sidebar' | 'dialog';
  title: string;
  html: FakeHtmlOutput;
}

// ---- Utilities ----

/** Apps Script byte arrays hold Java bytes: -128…127. */
function toJavaBytes(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}
function fromJavaBytes(bytes: number[]): Buffer {
  return Buffer.from(bytes.map((b) => (b < 0 ? b + 256 : b)));
}

class FakeBlob {
  constructor(
    private bytes: Buffer,
    private type: string | null = null,
  ) {}
  getBytes = (): number[] => toJavaBytes(this.bytes);
  getDataAsString = (): string => this.bytes.toString('utf8');
  getContentType = (): string | null => this.type;
  setContentType = (t: string) => ((this.type = t), this);
  raw(): Buffer {
    return this.bytes;
  }
}

// ---- the world ----

export interface WorldOptions {
  clock: VirtualClock;
  spreadsheetZone: string;
  scriptZone: string;
  /** HTTP peers by origin (https://host), answering synchronously. */
  routes: Record<string, MockHandler>;
  /** The deployed appsscript.json's urlFetchWhitelist (absent = no restriction). */
  urlFetchWhitelist?: string[];
  /** The built HTML files, by name without .html. */
  html: Record<string, string>;
  /** Virtual time each UrlFetchApp round trip takes. */
  latencyMs?: number;
  owner?: string;
}

export class SheetsWorld {
  readonly clock: VirtualClock;
  readonly spreadsheet: FakeSpreadsheet;
  readonly owner: string;
  readonly userProperties = new Map<string, FakeProperties>();
  readonly userCaches = new Map<string, FakeCache>();
  readonly documentCache: FakeCache;
  readonly scriptCache: FakeCache;
  readonly documentProperties = new FakeProperties();
  readonly scriptProperties = new FakeProperties();
  readonly requests: HttpRequest[] = [];
  readonly batches: number[] = [];
  readonly logs: string[] = [];
  readonly setValuesCalls: SetValuesCall[] = [];
  readonly menus: FakeMenu[] = [];
  readonly panels: ShownPanel[] = [];
  readonly locks = { taken: 0, held: new Set<string>() };
  /** Called once before the next lock is granted: lets a test run a "concurrent" cell first. */
  beforeLock: (() => void) | null = null;
  mode: Mode = 'menu';
  user: string;

  constructor(readonly options: WorldOptions) {
    this.clock = options.clock;
    this.owner = options.owner ?? 'owner@example.com';
    this.user = this.owner;
    this.spreadsheet = new FakeSpreadsheet(this, 'ss-1', options.spreadsheetZone);
    this.documentCache = new FakeCache(this.clock);
    this.scriptCache = new FakeCache(this.clock);
  }

  /** Whose user store an execution sees: custom functions read the owner's. */
  private storeUser(): string {
    return this.mode === 'custom-function' ? this.owner : this.user;
  }
  props(user = this.storeUser()): FakeProperties {
    let p = this.userProperties.get(user);
    if (!p) this.userProperties.set(user, (p = new FakeProperties()));
    p.readOnly = this.mode === 'custom-function';
    return p;
  }
  cache(user = this.storeUser()): FakeCache {
    let c = this.userCaches.get(user);
    if (!c) this.userCaches.set(user, (c = new FakeCache(this.clock)));
    return c;
  }

  /** Refuses what a custom function may not do. */
  mutate(method: string): void {
    if (this.mode === 'custom-function')
      throw new AppsScriptError(`You do not have permission to call ${method}`);
  }
  private authorised(service: string): void {
    if (this.mode === 'none')
      throw new AppsScriptError(`Authorization is required to perform that action (${service}).`);
  }

  private fetchOne(params: Record<string, unknown>): HttpResponse {
    const url = String(params.url);
    if (params.muteHttpExceptions !== true)
      throw new Error('test: the add-on fetched without muteHttpExceptions');
    const list = this.options.urlFetchWhitelist;
    if (list && !list.some((p) => url.toLowerCase().startsWith(p.toLowerCase())))
      throw new AppsScriptError(`Exception: The url ${url} is not in the urlFetchWhitelist`);
    const headers: Record<string, string> = {
      ...((params.headers as Record<string, string>) ?? {}),
    };
    if (params.contentType) headers['Content-Type'] = String(params.contentType);
    const req: HttpRequest = {
      method: String(params.method ?? 'get').toUpperCase() as HttpRequest['method'],
      url,
      headers,
      body: params.payload === undefined ? undefined : String(params.payload),
    };
    this.requests.push(req);
    const origin = /^(https?:\/\/[^/]+)/.exec(url)?.[1] ?? '';
    const handler = this.options.routes[origin];
    if (!handler) throw new AppsScriptError(`Exception: DNS error: ${url}`);
    const res = handler(fromHttpRequest(req));
    if (res instanceof Promise) throw new Error('test: asynchronous mock handler');
    return res;
  }

  private httpResponse(res: HttpResponse) {
    return {
      getResponseCode: () => res.status,
      getContentText: () => res.body,
      getAllHeaders: () => ({ ...res.headers }),
      getHeaders: () => ({ ...res.headers }),
      getBlob: () =>
        new FakeBlob(Buffer.from(res.body, 'utf8'), res.headers['content-type'] ?? null),
    };
  }

  private lock(kind: string, acquired: Set<string>) {
    const key = `${kind}:${kind === 'script' ? '' : this.storeUser()}`;
    let mine = false;
    const take = (): boolean => {
      if (this.beforeLock) {
        const run = this.beforeLock;
        this.beforeLock = null;
        run();
      }
      if (this.locks.held.has(key)) return false;
      this.locks.held.add(key);
      acquired.add(key);
      this.locks.taken++;
      mine = true;
      return true;
    };
    return {
      tryLock: (_ms: number) => take(),
      waitLock: (ms: number) => {
        if (!take())
          throw new AppsScriptError(
            `Lock timeout: another process was holding the lock for too long (${ms} ms).`,
          );
      },
      hasLock: () => mine,
      releaseLock: () => {
        if (mine) this.locks.held.delete(key);
        acquired.delete(key);
        mine = false;
      },
    };
  }

  /**
   * The Apps Script globals for one execution, and what to do when it ends (Apps Script
   * releases the locks a script still holds).
   */
  globals(): { globals: Record<string, unknown>; finish(): void } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the services close over the world
    const w = this;
    const acquired = new Set<string>();
    const finish = () => {
      for (const k of acquired) w.locks.held.delete(k);
      acquired.clear();
    };
    return { globals: this.services(acquired), finish };
  }

  private services(acquired: Set<string>): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the services close over the world
    const w = this;
    const log =
      (level: string) =>
      (...args: unknown[]) =>
        w.logs.push(`${level} ${args.map(String).join(' ')}`);
    return {
      ScriptApp: {
        AuthMode: {
          NONE: 'NONE',
          CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
          LIMITED: 'LIMITED',
          FULL: 'FULL',
        },
      },
      Logger: { log: log('Logger') },
      console: { log: log('log'), info: log('info'), warn: log('warn'), error: log('error') },
      Session: {
        getScriptTimeZone: () => w.options.scriptZone,
        getActiveUser: () => ({ getEmail: () => (w.mode === 'custom-function' ? '' : w.user) }),
        getEffectiveUser: () => ({ getEmail: () => w.storeUser() }),
        getTemporaryActiveUserKey: () => `key-${w.user}`,
      },
      UrlFetchApp: {
        fetch(url: string, params: Record<string, unknown> = {}) {
          w.authorised('UrlFetchApp.fetch');
          w.batches.push(1);
          w.clock.advance(w.options.latencyMs ?? 0);
          const res = w.fetchOne({ ...params, url });
          if (!params.muteHttpExceptions && res.status >= 400)
            throw new AppsScriptError(`Request failed for ${url} returned code ${res.status}`);
          return w.httpResponse(res);
        },
        fetchAll(requests: Record<string, unknown>[]) {
          w.authorised('UrlFetchApp.fetchAll');
          w.batches.push(requests.length);
          w.clock.advance(w.options.latencyMs ?? 0);
          return requests.map((r) => w.httpResponse(w.fetchOne(r)));
        },
      },
      CacheService: {
        getUserCache: () => (w.authorised('CacheService'), w.cache()),
        getDocumentCache: () => (w.authorised('CacheService'), w.documentCache),
        getScriptCache: () => (w.authorised('CacheService'), w.scriptCache),
      },
      PropertiesService: {
        getUserProperties: () => (w.authorised('PropertiesService'), w.props()),
        getDocumentProperties: () => (w.authorised('PropertiesService'), w.documentProperties),
        getScriptProperties: () => (w.authorised('PropertiesService'), w.scriptProperties),
      },
      LockService: {
        getUserLock: () => (w.authorised('LockService'), w.lock('user', acquired)),
        getDocumentLock: () => (w.authorised('LockService'), w.lock('document', acquired)),
        getScriptLock: () => (w.authorised('LockService'), w.lock('script', acquired)),
      },
      Utilities: {
        sleep: (ms: number) => w.clock.advance(ms),
        getUuid: () => randomUUID(),
        newBlob: (data: string | number[], contentType?: string) =>
          new FakeBlob(
            typeof data === 'string' ? Buffer.from(data, 'utf8') : fromJavaBytes(data),
            contentType ?? null,
          ),
        gzip: (blob: FakeBlob) => new FakeBlob(gzipSync(blob.raw()), 'application/x-gzip'),
        ungzip: (blob: FakeBlob) => new FakeBlob(gunzipSync(blob.raw())),
        base64Encode: (data: string | number[]) =>
          (typeof data === 'string' ? Buffer.from(data, 'utf8') : fromJavaBytes(data)).toString(
            'base64',
          ),
        base64Decode: (text: string) => toJavaBytes(Buffer.from(text, 'base64')),
        computeDigest: (algorithm: string, value: string) =>
          toJavaBytes(
            createHash(algorithm.replace('_', '').toLowerCase()).update(value, 'utf8').digest(),
          ),
        DigestAlgorithm: { MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_512: 'SHA_512' },
      },
      SpreadsheetApp: {
        getActive: () => (w.authorised('SpreadsheetApp.getActive'), w.spreadsheet),
        getActiveSpreadsheet: () => (
          w.authorised('SpreadsheetApp.getActiveSpreadsheet'),
          w.spreadsheet
        ),
        getUi: () => {
          if (w.mode === 'custom-function')
            throw new AppsScriptError('Cannot call SpreadsheetApp.getUi() from this context.');
          return w.ui();
        },
      },
      Charts: {
        ChartType: { LINE: 'LINE', AREA: 'AREA', BAR: 'BAR', COLUMN: 'COLUMN', SCATTER: 'SCATTER' },
      },
      HtmlService: {
        createTemplateFromFile: (name: string) => {
          const src = w.options.html[name];
          if (src === undefined) throw new AppsScriptError(`No HTML file named ${name} was found.`);
          return new FakeTemplate(src);
        },
        createTemplate: (html: string) => new FakeTemplate(String(html)),
        createHtmlOutputFromFile: (name: string) => {
          const src = w.options.html[name];
          if (src === undefined) throw new AppsScriptError(`No HTML file named ${name} was found.`);
          return new FakeHtmlOutput(src);
        },
        createHtmlOutput: (html = '') => new FakeHtmlOutput(html),
      },
    };
  }

  private ui() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the services close over the world
    const w = this;
    const menu = (title: string): Record<string, unknown> => {
      const m: FakeMenu = { title, items: [], added: false };
      const api: Record<string, unknown> = {
        addItem: (caption: string, functionName: string) => (
          m.items.push({ caption, functionName }),
          api
        ),
        addSeparator: () => (m.items.push('separator'), api),
        addToUi: () => {
          m.added = true;
          w.menus.push(m);
        },
      };
      return api;
    };
    const show = (kind: ShownPanel['kind']) => (html: FakeHtmlOutput, title?: string) => {
      if (w.mode === 'none') throw new AppsScriptError('Authorization is required to show UI.');
      w.panels.push({ kind, title: title ?? html.title, html });
    };
    return {
      createMenu: menu,
      createAddonMenu: () => menu('(add-on)'),
      showSidebar: show('sidebar'),
      showModalDialog: show('dialog'),
      showModelessDialog: show('dialog'),
      alert: (msg: string) => w.logs.push(`alert ${msg}`),
    };
  }
}
