// Example Energy's settings: the fields the settings UIs draw and validate (step 2 of
// docs/adding-a-provider.md).
import type { SettingField } from '../../../../shared/settings';

export const EXAMPLE_FIELDS: SettingField[] = [
  {
    key: 'token',
    label: 'API token',
    kind: 'secret',
    required: true,
    cli: 'token',
    help: 'The token from your Example Energy account page.',
  },
  {
    key: 'baseUrl',
    label: 'API base URL',
    kind: 'url',
    required: false,
    cli: 'base-url',
    help: 'Only to point at a test server.',
  },
];
