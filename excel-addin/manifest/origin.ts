// Where the add-in is served from by default. OfficeRuntime.storage, which holds the
// settings and credentials, is kept per origin ("10 MB per domain, which may be shared by
// multiple add-ins"), not per add-in: every add-in served from the same origin reads and
// writes the same store. https://localhost:3000 is the origin every Office add-in
// template uses, so the local server listens on a port of its own; a hosted add-in should
// likewise have an origin no other add-in is served from (see SECURITY.md).
export const DEFAULT_PORT = 47613;
export const DEFAULT_ORIGIN = `https://localhost:${DEFAULT_PORT}`;
/** The origin of the Office add-in templates (Yeoman generator, samples): never ours. */
export const TEMPLATE_ORIGIN = 'https://localhost:3000';
