// Every carbon source, and how the core picks one. Adding a source = one folder + one line
// here. The demo grid answers for `demo` and for the demo provider's meters (offline);
// the Carbon Intensity API for every real area.
import type { Flow } from '../flow';
import type { Meter } from '../model';
import type { Runtime } from '../providers/provider';
import type { Settings } from '../settings';
import type { Area } from './area';
import { carbonIntensitySource } from './carbon-intensity';
import { demoCarbonSource } from './demo';
import type { CarbonContext, CarbonSource, IntensityPoint, IntensityQuery } from './source';

export const CARBON_SOURCES: CarbonSource[] = [demoCarbonSource, carbonIntensitySource];

export function sourceFor(area: Area, meter?: Meter): CarbonSource {
  if (meter?.provider === 'demo') return demoCarbonSource;
  return CARBON_SOURCES.find((s) => s.serves(area)) ?? carbonIntensitySource;
}

export interface CarbonEnv {
  settings: Settings;
  clock(): number;
  runtime?: Runtime;
  deadline?: number;
}

export function carbonContext(env: CarbonEnv): CarbonContext {
  return {
    config: env.settings.carbon?.baseUrl ? { baseUrl: env.settings.carbon.baseUrl } : {},
    clock: env.clock,
    runtime: env.runtime ?? 'node',
    deadline: env.deadline,
  };
}

/** The intensity a query asks for, from the source that serves its area (or the meter's). */
export function intensityFor(
  env: CarbonEnv,
  query: IntensityQuery,
  meter?: Meter,
): Flow<IntensityPoint[]> {
  return sourceFor(query.area, meter).intensity(carbonContext(env), query);
}

export { type Area, parseArea, areaLabel, areaText, REGIONS } from './area';
export { applyIntensity, carbonSign } from './apply';
export { carbonChoice, type CarbonChoice } from './choice';
export type { IntensityPoint, IntensityQuery, CarbonSource } from './source';
