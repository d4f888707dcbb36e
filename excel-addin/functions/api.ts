// What the functions bundle offers the rest of the shared runtime (task pane, ribbon
// commands, test harnesses) on `globalThis.meterSheets`: the one host with its settings
// and caches, so the pane never bundles a second copy of the core or of the providers.
import type { ParamSpec } from '../../shared/functions/spec';
import type { SettingField } from '../../shared/settings';
import type { FunctionHost, HostOptions } from './host';
import type { Provider } from '../../shared/providers';

export interface ProviderInfo {
  id: string;
  label: string;
  fields: SettingField[];
  hosts: string[];
  /** Where to learn how to set it up. */
  docsUrl?: string;
}

/**
 * A function as the runtime knows it. Its documentation is in functions.json: the bundle is
 * built without the specs' texts (scripts/build/_spec-docs.mjs).
 */
export interface FunctionInfo {
  id: string;
  params: Pick<ParamSpec, 'name' | 'type' | 'optional' | 'matrix'>[];
  streaming: boolean;
}

export interface MeterSheetsApi {
  /** The host every custom function call goes to. */
  host(): FunctionHost;
  /** Replace the host (harnesses: other providers, a fake clock or storage). */
  setHost(host: FunctionHost): void;
  createHost(options?: HostOptions): FunctionHost;
  /** The options the default host was made with (Office storage, proxy origin, dates). */
  defaultHostOptions(): HostOptions;
  /** The registry the bundle was built with. */
  builtInProviders: Provider[];
  providers(): ProviderInfo[];
  functions: FunctionInfo[];
  aggregates: readonly string[];
  /** Ids passed to CustomFunctions.associate. */
  associated: string[];
}

declare global {
  var meterSheets: MeterSheetsApi | undefined;
}
