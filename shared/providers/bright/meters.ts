// Meter discovery: GET /virtualentity lists the household's virtual entities (the DCC
// smart meter, and a Glow display if there is one), each with its resources. Every
// `electricity.consumption` and `gas.consumption` resource is a meter, `bright:<resource
// id>`; the same entity's `…consumption.cost` resource, when present, gives its cost.
import type { Flow } from '../../flow';
import type { Meter } from '../../model';
import { MS_PER_HALF_HOUR } from '../../time/civil';
import { responseError } from '../common';
import type { ProviderContext } from '../provider';
import { BRIGHT_ID, BRIGHT_LABEL } from './config';
import { openSession, send } from './session';
import { type RawEntity, parseVirtualEntities, roleOf, virtualEntitiesRequest } from './wire';

const HALF_HOURLY = { kind: 'fixed' as const, stepMs: MS_PER_HALF_HOUR };

/** The meters of the entities, electricity before gas, in the API's order otherwise. */
export function metersOf(entities: RawEntity[]): Meter[] {
  const meters: Meter[] = [];
  const seen = new Set<string>();
  for (const ve of entities) {
    for (const r of ve.resources) {
      const role = roleOf(r);
      if (!role || role.kind !== 'consumption') continue;
      const id = `${BRIGHT_ID}:${r.resourceId}`;
      if (seen.has(id.toLowerCase())) continue;
      seen.add(id.toLowerCase());
      const cost = ve.resources.find((c) => {
        const cr = roleOf(c);
        return cr?.kind === 'cost' && cr.fuel === role.fuel;
      });
      const ref: Record<string, string> = { resource: r.resourceId, entity: ve.veId };
      if (cost) ref.cost = cost.resourceId;
      const fuel = role.fuel === 'gas' ? 'Gas' : 'Electricity';
      // The entity's name is the household's own label ("DCC Sourced", "Glow display"…).
      const where = ve.name ? ` (${ve.name.slice(0, 40)})` : '';
      meters.push({
        id,
        provider: BRIGHT_ID,
        fuel: role.fuel,
        direction: 'import',
        firstDay: null,
        lastDay: null,
        label: `${fuel}${where}, half-hourly${cost ? ', with cost' : ''}`,
        grid: HALF_HOURLY,
        // Bright reads British smart meters (through the DCC): their days are UK days.
        homeZone: 'Europe/London',
        ref,
      });
    }
  }
  return meters.sort((a, b) => (a.fuel === 'gas' ? 1 : 0) - (b.fuel === 'gas' ? 1 : 0));
}

export function* listBrightMeters(ctx: ProviderContext): Flow<Meter[]> {
  const session = yield* openSession(ctx);
  const [response] = yield* send(session, [virtualEntitiesRequest]);
  const failed = responseError(response, BRIGHT_LABEL, 'the list of meters');
  if (failed) throw failed;
  return metersOf(parseVirtualEntities(response));
}
