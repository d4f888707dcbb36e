// Octopus's settings: the fields the settings UIs draw and validate.
import type { SettingField } from '../../settings';
import { DEFAULT_CALORIFIC_VALUE } from './gas-units';
import { OCTOPUS_DEFAULT_BASE } from './wire';

export const OCTOPUS_FIELDS: SettingField[] = [
  {
    key: 'apiKey',
    label: 'API key',
    kind: 'secret',
    required: true,
    cli: 'api-key',
    pattern: '^[A-Za-z0-9_-]{16,128}$',
    patternHint:
      'an API key like sk_live_… (letters, digits and _ only) from your online account: Personal details → API access',
    help: 'In your Octopus account: Personal details → API access (starts sk_live_).',
    docsUrl: 'https://octopus.energy/dashboard/new/accounts/personal-details/api-access',
  },
  {
    key: 'account',
    label: 'Account number',
    kind: 'text',
    required: true,
    cli: 'account',
    pattern: '^[Aa]-[0-9A-Za-z]{8}$',
    patternHint:
      'an account number like A-1B2C3D4E (on your bills and at the top of your online account)',
  },
  {
    key: 'baseUrl',
    label: 'API base URL',
    kind: 'url',
    help: `Leave empty for ${OCTOPUS_DEFAULT_BASE}; another Kraken supplier's REST API otherwise.`,
  },
  {
    key: 'gasUnit',
    label: 'Gas meter reports',
    kind: 'text',
    cli: 'gas-unit',
    pattern: '^(m3|m³|kWh|kwh)$',
    patternHint: 'm3 (SMETS2 gas meters, the default) or kWh (SMETS1 gas meters)',
    choices: [
      { value: 'm3', label: 'm³ (SMETS2 meters)' },
      { value: 'kWh', label: 'kWh (SMETS1 meters)' },
    ],
    help: 'SMETS2 smart gas meters report m³ (converted to kWh with the calorific value); SMETS1 meters report kWh.',
  },
  {
    key: 'calorificValue',
    label: 'Gas calorific value (MJ/m³)',
    kind: 'number',
    cli: 'calorific-value',
    help: `Used to turn m³ into kWh; default ${DEFAULT_CALORIFIC_VALUE}. Your gas bill states the value for your area.`,
  },
];
