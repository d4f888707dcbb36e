/// <reference types="google-apps-script" />
// What every entry point needs from Apps Script: the clock, the user's cache (namespaced
// by the cache generation), the fetch whitelist, and environments for the core.
import type { FunctionEnv } from '../shared/functions/spec';
import { CARBON_SOURCES } from '../shared/carbon';
import { PRICE_SOURCES } from '../shared/tariffs/sources';
import { PROVIDERS } from '../shared/providers';
import { emptySettings } from '../shared/settings';
import { type ChunkedCache, chunkedCache } from './cache';
import type { Stored } from './settings-store';
import { urlFetchWhitelist } from './whitelist';

/** Prefixes appsscript.json lists by hand; the build fills this in. */
declare const MANUAL_URL_WHITELIST: string[] | undefined;

export function now(): number {
  return Date.now();
}

export function whitelist(): string[] {
  const manual = typeof MANUAL_URL_WHITELIST === 'undefined' ? [] : MANUAL_URL_WHITELIST;
  return urlFetchWhitelist(manual, [...PROVIDERS, ...CARBON_SOURCES, ...PRICE_SOURCES]);
}

export function userCache(generation: number): ChunkedCache {
  return chunkedCache(
    CacheService.getUserCache() as GoogleAppsScript.Cache.Cache,
    `m${generation}:`,
  );
}

export function emptyStored(): Stored {
  return { settings: emptySettings(), formulaSpreadsheets: [], generation: 0 };
}

/** An environment that only serves to redact the stored secrets from a message. */
export function redactionEnv(stored: Stored | null): FunctionEnv {
  return { settings: stored?.settings ?? emptySettings(), clock: now };
}
