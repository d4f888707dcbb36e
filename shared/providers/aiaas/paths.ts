// The aiaas API's endpoints. The published reference names every operation, its
// parameters and its answers, but not its URL paths, so the paths below are our
// assumption (docs/providers/aiaas.md lists them). They live in this ONE table, and a user whose
// instance differs overrides any of them in Settings (`paths`), e.g.
//   token=/realms/aiaas/protocol/openid-connect/token; realtime=/v2/{account_number}/now
import { MeterError } from '../../errors';
import { isAcceptableBaseUrl } from '../../settings';

export type EndpointName =
  | 'token'
  | 'pod'
  | 'onboarding'
  | 'consumption'
  | 'distribution'
  | 'distribution-12-months'
  | 'realtime'
  | 'latest'
  | 'performance'
  | 'habits'
  | 'trend'
  | 'compound'
  | 'savings'
  | 'greenness';

export interface Endpoint {
  method: 'GET' | 'POST';
  /** Relative to the base URL; `{account_number}` and `{period}` are filled in. */
  path: string;
  /** Keyed by the account: the path must carry `{account_number}`. */
  account: boolean;
  /** Takes a named period (as `{period}` in the path, else the `period` query parameter). */
  period: boolean;
  /** For messages: "aiaas has no {what}". */
  what: string;
}

const get = (path: string, what: string, period = false): Endpoint => ({
  method: 'GET',
  path,
  account: path.includes('{account_number}'),
  period,
  what,
});

export const DEFAULT_ENDPOINTS: Record<EndpointName, Endpoint> = {
  token: {
    method: 'POST',
    path: '/auth/token',
    account: false,
    period: false,
    what: 'access token',
  },
  pod: { method: 'POST', path: '/pod', account: false, period: false, what: 'POD registration' },
  onboarding: {
    method: 'POST',
    path: '/onboarding/{account_number}',
    account: true,
    period: false,
    what: 'onboarding',
  },
  consumption: get('/consumption/{account_number}', 'appliance consumption', true),
  distribution: get('/consumption/{account_number}/distribution', 'consumption distribution', true),
  'distribution-12-months': get(
    '/consumption/{account_number}/distribution/last-12-months',
    '12-month consumption distribution',
  ),
  realtime: get('/consumption/{account_number}/realtime', 'realtime consumption'),
  latest: get('/consumption/{account_number}/latest', 'latest six hours of consumption'),
  performance: get('/consumption/{account_number}/performance', 'consumption performance', true),
  habits: get('/consumption/{account_number}/habits', 'consumption habits', true),
  trend: get('/consumption/{account_number}/trend', 'consumption trend'),
  compound: get('/consumption/{account_number}/compound', 'consumption compound'),
  savings: get('/savings/{account_number}', 'savings'),
  // The reference shows no account parameter for greenness: it is the grid's, not the home's.
  greenness: get('/greenness', 'greenness forecast'),
};

export const ENDPOINT_NAMES = Object.keys(DEFAULT_ENDPOINTS) as EndpointName[];

export const PATHS_FIELD = 'settings.providers.aiaas.paths';

const PAIR = `(?:${ENDPOINT_NAMES.join('|')})\\s*=\\s*[^\\s;]+`;
/** The settings field's syntax: `name=/path` pairs separated by `;` or new lines. */
export const PATHS_PATTERN = `^\\s*(?:${PAIR}(?:\\s*[;\\n]\\s*${PAIR})*\\s*;?)?\\s*$`;
export const PATHS_HINT = `name=/path pairs separated by ";", each name one of ${ENDPOINT_NAMES.join(', ')} (e.g. realtime=/v2/{account_number}/realtime)`;

function pathsError(problem: string): MeterError {
  return new MeterError('config', `${PATHS_FIELD}: ${problem}`);
}

/** The endpoint table with the user's overrides applied, each one checked. */
export function endpointTable(overrides: unknown): Record<EndpointName, Endpoint> {
  const table = { ...DEFAULT_ENDPOINTS };
  if (overrides === undefined || overrides === null || overrides === '') return table;
  if (typeof overrides !== 'string') throw pathsError(`expected ${PATHS_HINT}`);
  for (const part of overrides.split(/[;\n]/)) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim() as EndpointName;
    const path = eq < 0 ? '' : part.slice(eq + 1).trim();
    const base = DEFAULT_ENDPOINTS[name];
    if (!base || !Object.prototype.hasOwnProperty.call(DEFAULT_ENDPOINTS, name))
      throw pathsError(`unknown endpoint "${name}"; expected one of ${ENDPOINT_NAMES.join(', ')}`);
    const absolute = /^https?:\/\//i.test(path);
    if (absolute ? !isAcceptableBaseUrl(path) : !path.startsWith('/'))
      throw pathsError(
        `${name}: expected a path starting with / (or an https:// URL), got "${path.slice(0, 60)}"`,
      );
    if (base.account && !path.includes('{account_number}'))
      throw pathsError(
        `${name}: the path must contain {account_number}, got "${path.slice(0, 60)}"`,
      );
    table[name] = { ...base, path };
  }
  return table;
}
