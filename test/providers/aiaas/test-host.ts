// Preloaded into a test build of the Sheets add-on: the aiaas API has no public host, so a
// user whitelists their base URL's host in appsscript.json; this test build does the same
// for the mock's host.
import { aiaasProvider } from '../../../shared/providers/aiaas';

if (!aiaasProvider.hosts.includes('aiaas.test')) aiaasProvider.hosts.push('aiaas.test');
