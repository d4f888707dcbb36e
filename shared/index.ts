// The platform-free core's public surface, for hosts and the CLI.
export * from './aggregate';
export * from './errors';
export * from './flow';
export * from './http';
export * from './model';
export * from './settings';
export * from './table';
export * from './time/civil';
export * from './time/zone';
export { FUNCTIONS, findFunction } from './functions/catalog';
export { runFunction, userError, resultCacheKey, type UserError } from './functions/run';
export { nowRefreshMs } from './functions/now';
export { signature, sheetsName, EXCEL_NAMESPACE, SHEETS_PREFIX } from './functions/spec';
export type { FunctionEnv, FunctionSpec, ParamSpec } from './functions/spec';
export { PROVIDERS, findProvider, fieldsByProvider } from './providers';
export type { Provider, ProviderContext, UsageQuery } from './providers';
