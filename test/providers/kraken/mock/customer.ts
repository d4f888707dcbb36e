// The mock Kraken's one customer (fixtures/customer.json): an account, its credentials and
// its meter points. `points.old` is a supply the household left in 2022, only visible
// without active: true; `replacement` is the smart meter fitted in a meter exchange (mock
// option `meterExchangeAt`).
import CUSTOMER from '../fixtures/customer.json';

export const MOCK_ACCOUNT = CUSTOMER.account;
export const MOCK_API_KEY = CUSTOMER.credentials.apiKey;
export const MOCK_EMAIL = CUSTOMER.credentials.email;
export const MOCK_PASSWORD = CUSTOMER.credentials.password;
export const MOCK_ORG_KEY = CUSTOMER.credentials.organizationSecretKey;
export const MOCK_CLIENT_ID = CUSTOMER.credentials.clientId;
export const MOCK_CLIENT_SECRET = CUSTOMER.credentials.clientSecret;
export const MOCK_POINTS = CUSTOMER.points;
export const MOCK_REPLACEMENT = CUSTOMER.replacement;
