// The HomeWizard provider's settings: where the bridge answers and its token, the fields
// the settings UIs draw and validate.
import type { SettingField } from '../../settings';
import { BRIDGE_DEFAULT_URL, BRIDGE_TOKEN_PATTERN } from './wire';

export const HOMEWIZARD_FIELDS: SettingField[] = [
  {
    key: 'baseUrl',
    label: 'Bridge URL',
    kind: 'url',
    help: `Where the meter-sheets bridge answers. Default: ${BRIDGE_DEFAULT_URL} (this machine).`,
  },
  {
    key: 'token',
    label: 'Bridge token',
    kind: 'secret',
    required: true,
    cli: 'bridge-token',
    pattern: BRIDGE_TOKEN_PATTERN,
    patternHint: "the bridge's 43-character token, from the bridge-token file it created",
    help: "In the bridge-token file in the bridge's data directory.",
  },
];
