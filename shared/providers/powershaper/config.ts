// PowerShaper's settings: the fields the settings UIs draw and validate.
import type { SettingField } from '../../settings';
import { POWERSHAPER_DEFAULT_BASE } from './wire';

export const POWERSHAPER_FIELDS: SettingField[] = [
  {
    key: 'token',
    label: 'Access token',
    kind: 'secret',
    required: true,
    cli: 'token',
    pattern: '^[0-9A-Za-z]{40}$',
    patternHint:
      'the 40-character access token (letters and digits only, without "Token ") from the Settings page of PowerShaper Monitor',
    help: 'PowerShaper Monitor → Settings → API access token (40 characters).',
    docsUrl: 'https://app.powershaper.io',
  },
  {
    key: 'baseUrl',
    label: 'API base URL',
    kind: 'url',
    help: `Leave empty for ${POWERSHAPER_DEFAULT_BASE}.`,
  },
];
