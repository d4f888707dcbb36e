// Settings of the Kraken provider: which Kraken (every supplier runs its own: Octopus GB,
// EDF, E.ON Next, Octopus in other countries…), which account, and one way to sign in.
import { MeterError } from '../../errors';
import { urlOrigin } from '../../http';
import type { ProviderConfig, SettingField } from '../../settings';

export const DEFAULT_GRAPHQL_URL = 'https://api.octopus.energy/v1/graphql/';
/** SMETS2 gas in m³ → kWh: volume correction 1.02264, CV in MJ/m³, 3.6 MJ per kWh. */
export const DEFAULT_CALORIFIC_VALUE = 40;

export const KRAKEN_FIELDS: SettingField[] = [
  {
    key: 'account',
    label: 'Account number',
    kind: 'text',
    required: true,
    cli: 'account',
    pattern: '^\\s*[A-Za-z]-[0-9A-Za-z]{8}\\s*$',
    patternHint: 'an account number like A-1234ABCD',
    help: 'On your bills and at the top of your online account, e.g. A-1234ABCD.',
  },
  {
    key: 'apiKey',
    label: 'API key',
    kind: 'secret',
    cli: 'api-key',
    help: 'Octopus customers: Personal details → API access in your account (sk_live_…). Or use one of the other sign-ins below.',
    docsUrl: 'https://octopus.energy/dashboard/new/accounts/personal-details/api-access',
  },
  {
    key: 'email',
    label: 'Email (with password)',
    kind: 'text',
    cli: 'email',
    help: 'The email you sign in with; Kraken is retiring this sign-in in favour of its auth server.',
  },
  { key: 'password', label: 'Password', kind: 'secret', cli: 'password' },
  {
    key: 'organizationSecretKey',
    label: 'Organisation secret key',
    kind: 'secret',
    cli: 'organization-secret-key',
    help: "A third-party organisation's live secret key (partners only).",
  },
  {
    key: 'clientId',
    label: 'OAuth client id',
    kind: 'text',
    cli: 'client-id',
    help: "An OAuth application's client id, for the auth server's client-credentials grant.",
  },
  { key: 'clientSecret', label: 'OAuth client secret', kind: 'secret', cli: 'client-secret' },
  {
    key: 'authUrl',
    label: 'Auth server token URL',
    kind: 'url',
    cli: 'auth-url',
    help: 'Default: the API host with api. replaced by auth., path /token/ (https://auth.octopus.energy/token/).',
  },
  {
    key: 'calorificValue',
    label: 'Gas calorific value (MJ/m³)',
    kind: 'number',
    cli: 'calorific-value',
    help: 'Only used if the Kraken reports gas in m³. Default 40; your bill states the current one.',
  },
  {
    key: 'baseUrl',
    label: 'GraphQL endpoint',
    kind: 'url',
    help: `Default ${DEFAULT_GRAPHQL_URL}; other suppliers' Krakens have their own.`,
  },
];

export type KrakenCredentials =
  | { kind: 'api-key'; apiKey: string }
  | { kind: 'organization'; organizationSecretKey: string }
  | { kind: 'password'; email: string; password: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string };

export interface KrakenSettings {
  account: string;
  graphqlUrl: string;
  authUrl: string;
  credentials: KrakenCredentials;
  calorificValue: number;
}

function text(config: ProviderConfig, key: string): string {
  const v = config[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** `https://auth.octopus.energy/token/` for `https://api.octopus.energy/v1/graphql/`. */
export function defaultAuthUrl(graphqlUrl: string): string {
  const o = urlOrigin(graphqlUrl);
  if (!o) return 'https://auth.octopus.energy/token/';
  const host = o.host.startsWith('api.') ? 'auth.' + o.host.slice(4) : o.host;
  return `${o.scheme}://${host}${o.port ? ':' + o.port : ''}/token/`;
}

/** The settings, or a config error naming what is missing. */
export function krakenSettings(config: ProviderConfig): KrakenSettings {
  const account = text(config, 'account').toUpperCase();
  if (!account)
    throw new MeterError('config', 'Kraken is not set up: fill in Account number in Settings');
  const graphqlUrl = text(config, 'baseUrl') || DEFAULT_GRAPHQL_URL;
  const authUrl = text(config, 'authUrl') || defaultAuthUrl(graphqlUrl);
  const cv = config.calorificValue;
  const calorificValue = typeof cv === 'number' && cv > 0 ? cv : DEFAULT_CALORIFIC_VALUE;
  let credentials: KrakenCredentials | null = null;
  if (text(config, 'apiKey')) credentials = { kind: 'api-key', apiKey: text(config, 'apiKey') };
  else if (text(config, 'organizationSecretKey'))
    credentials = {
      kind: 'organization',
      organizationSecretKey: text(config, 'organizationSecretKey'),
    };
  else if (text(config, 'email') && text(config, 'password'))
    credentials = {
      kind: 'password',
      email: text(config, 'email'),
      password: text(config, 'password'),
    };
  else if (text(config, 'clientId') && text(config, 'clientSecret'))
    credentials = {
      kind: 'oauth',
      clientId: text(config, 'clientId'),
      clientSecret: text(config, 'clientSecret'),
    };
  if (!credentials)
    throw new MeterError(
      'config',
      'Kraken is not set up: fill in an API key (or email and password, an organisation secret key, or an OAuth client id and secret) in Settings',
    );
  return { account, graphqlUrl, authUrl, credentials, calorificValue };
}
