// The mock Kraken's one customer: an account, its credentials and its meter points.
export const MOCK_ACCOUNT = 'A-AB12CD34';
export const MOCK_API_KEY = 'sk_live_KrakenMockKey4f8e2a9c1b7d3e6f';
export const MOCK_EMAIL = 'ada@example.com';
export const MOCK_PASSWORD = 'correct-horse-battery-staple-42';
export const MOCK_ORG_KEY = 'sk_live_OrgSecret9b1c4d7e2f5a8b3c6d';
export const MOCK_CLIENT_ID = 'meter-sheets-test-client';
export const MOCK_CLIENT_SECRET = 'oauth_secret_7d3e6f4f8e2a9c1b7d';

export const MOCK_POINTS = {
  import: { mpan: '1900012345678', serial: '22L4381234', deviceId: '0A-1B-2C-FF-FE-3D-4E-5F' },
  export: { mpan: '1170009876543', serial: '22L4381234', deviceId: '0A-1B-2C-FF-FE-3D-4E-5F' },
  gas: { mprn: '7412589630', serial: 'E6S12345671961', deviceId: '0A-1B-2C-FF-FE-3D-4E-60' },
  /** A supply the household left in 2022: only visible without active: true. */
  old: { mpan: '1900098765432', serial: 'S1A0099887', deviceId: '' },
};

/** The smart meter fitted in a meter exchange (mock option `meterExchangeAt`). */
export const MOCK_REPLACEMENT = { serial: '24E0077123', deviceId: '0A-1B-2C-FF-FE-77-88-99' };
