// Settings of the Bright provider: the e-mail and password of the Bright app (Hildebrand's
// Glowmarkt platform), and where its API is. Both credentials are secrets: the e-mail is
// personal data and, with the password, signs in to the household's energy account.
// API reference: https://docs.glowmarkt.com/GlowmarktAPIDataRetrievalDocumentationIndividualUserForBright.pdf
import { MeterError } from '../../errors';
import type { ProviderConfig, SettingField } from '../../settings';

export const BRIGHT_ID = 'bright';
export const BRIGHT_LABEL = 'Bright';
export const DEFAULT_BASE_URL = 'https://api.glowmarkt.com/api/v0-1';
/**
 * The application id Glowmarkt publishes for individual users of the Bright app (sent in
 * the `applicationId` header of every request). Organisations get their own.
 */
export const BRIGHT_APPLICATION_ID = 'b0f1b774-a586-4f72-9edd-27ead8aa7a8d';

export const BRIGHT_FIELDS: SettingField[] = [
  {
    key: 'username',
    label: 'Bright e-mail',
    kind: 'secret',
    required: true,
    cli: 'username',
    help: 'The e-mail you sign in to the Bright app with (glowmarkt.com accounts work too).',
  },
  {
    key: 'password',
    label: 'Bright password',
    kind: 'secret',
    required: true,
    cli: 'password',
    help: 'The Bright app password. It is sent only to sign in; the token Bright returns is kept for up to 7 days.',
  },
  {
    key: 'baseUrl',
    label: 'API base URL',
    kind: 'url',
    help: `Leave empty for ${DEFAULT_BASE_URL} (the root that holds /auth).`,
  },
  {
    key: 'applicationId',
    label: 'Application id',
    kind: 'text',
    pattern: '^[0-9a-fA-F-]{8,64}$',
    patternHint: 'an application id like b0f1b774-a586-4f72-9edd-27ead8aa7a8d',
    help: "Leave empty for the Bright app's public id; organisations with a Glow data contract use their own.",
  },
];

export interface BrightSettings {
  username: string;
  password: string;
  /** Without a trailing slash. */
  baseUrl: string;
  applicationId: string;
}

function text(config: ProviderConfig, key: string): string {
  const v = config[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** The settings, or a config error naming what is missing. */
export function brightSettings(config: ProviderConfig): BrightSettings {
  const username = text(config, 'username');
  // A password may begin or end with a space: only an empty one is missing.
  const password = typeof config.password === 'string' ? config.password : '';
  if (!username || !password)
    throw new MeterError(
      'config',
      `${BRIGHT_LABEL} is not set up: fill in Bright e-mail, Bright password in Settings`,
    );
  return {
    username,
    password,
    baseUrl: (text(config, 'baseUrl') || DEFAULT_BASE_URL).replace(/\/+$/, ''),
    applicationId: text(config, 'applicationId') || BRIGHT_APPLICATION_ID,
  };
}
