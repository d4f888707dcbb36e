// Preloaded into a test build of the Sheets add-on: a bridge reachable over HTTPS at a
// public name is whitelisted in appsscript.json by the user who deploys it; this test build
// does the same for the mock bridge's host.
import { homewizardProvider } from '../../../shared/providers/homewizard';

if (!homewizardProvider.hosts.includes('bridge.test')) homewizardProvider.hosts.push('bridge.test');
