// The aiaas provider's settings: the OAuth client, the account, and where the API lives.
import type { SettingField } from '../../settings';
import { PATHS_HINT, PATHS_PATTERN } from './paths';

export const AIAAS_FIELDS: SettingField[] = [
  {
    key: 'clientId',
    label: 'Client ID',
    kind: 'text',
    required: true,
    cli: 'client-id',
    help: 'The OAuth client ID your energy supplier or the aiaas team issued for you.',
  },
  {
    key: 'clientSecret',
    label: 'Client secret',
    kind: 'secret',
    required: true,
    cli: 'client-secret',
    help: 'The client secret that goes with the client ID.',
  },
  {
    key: 'accountNumber',
    label: 'Account number',
    kind: 'text',
    required: true,
    cli: 'account',
    pattern: '^[A-Za-z0-9._-]{1,64}$',
    patternHint: 'an account number like 1234567890 (letters, digits, . _ -)',
    help: 'Your account number with the service, e.g. 1234567890.',
  },
  {
    key: 'baseUrl',
    label: 'API base URL',
    kind: 'url',
    required: true,
    help: 'The API address you were given (the service has no public default), e.g. https://api.example.it',
  },
  {
    key: 'paths',
    label: 'Endpoint paths',
    kind: 'text',
    cli: 'paths',
    pattern: PATHS_PATTERN,
    patternHint: PATHS_HINT,
    help: 'Only if your instance uses other paths than the defaults: name=/path pairs separated by ;',
  },
];
