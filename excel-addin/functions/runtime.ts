/// <reference types="office-js" />
/// <reference types="office-runtime" />
// Boots the functions bundle inside the shared runtime page (or Node, for the harnesses):
// builds the default host from what the environment offers and publishes the API the task
// pane and the ribbon commands use. The generated declarations call currentHost().
import { AGGREGATES } from '../../shared/aggregate';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { PROVIDERS } from '../../shared/providers';
import type { MeterSheetsApi } from './api';
import { detectDateStyle } from './cells';
import { FunctionHost, type HostOptions } from './host';
import { type KeyValueStorage, memoryStorage } from './storage';

let host: FunctionHost | null = null;

// Safari before 16 (older Excel on Mac) lacks AbortSignal.timeout, which the fetch driver uses.
if (typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout !== 'function') {
  AbortSignal.timeout = (ms: number) => {
    const c = new AbortController();
    setTimeout(() => c.abort(new DOMException('timed out', 'TimeoutError')), ms);
    return c.signal;
  };
}

export function defaultHostOptions(): HostOptions {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const officeStorage =
    typeof OfficeRuntime !== 'undefined' && OfficeRuntime.storage
      ? (OfficeRuntime.storage as unknown as KeyValueStorage)
      : null;
  const page = (globalThis as { location?: Location }).location;
  return {
    // Outside Office (the browser preview) settings live for the session only.
    storage: officeStorage ?? memoryStorage(),
    proxyOrigin: page && /^https?:$/.test(page.protocol) ? page.origin : null,
    dateStyle: () => detectDateStyle(office?.context?.requirements),
  };
}

export function currentHost(): FunctionHost {
  if (!host) host = new FunctionHost(defaultHostOptions());
  return host;
}

/** Publishes the API; `associated` lists the ids the generated code associated. */
export function publishApi(associated: string[]): MeterSheetsApi {
  const api: MeterSheetsApi = {
    host: currentHost,
    setHost: (h) => (host = h),
    createHost: (options) => new FunctionHost(options),
    defaultHostOptions,
    builtInProviders: PROVIDERS,
    providers: () =>
      currentHost().providers.map((p) => ({
        id: p.id,
        label: p.label,
        fields: p.fields,
        hosts: p.hosts,
        docsUrl: p.docsUrl,
      })),
    functions: FUNCTIONS.map((f) => ({
      id: f.id,
      params: f.params.map(({ name, type, optional, matrix }) => ({
        name,
        type,
        optional,
        matrix,
      })),
      streaming: !!f.streaming,
    })),
    aggregates: AGGREGATES,
    associated,
  };
  globalThis.meterSheets = api;
  return api;
}
