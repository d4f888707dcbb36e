// The Compare section's carbon overlay: the "Overlay grid carbon intensity" box and its
// area. The comparison itself runs in the functions bundle's host (FunctionHost.compare:
// shared/functions/compare-overlay.ts), so the usage and the intensity requests go out as
// one batch and the pane bundles no copy of the core.
import type { CompareRequest } from '../../shared/functions/compare-overlay';
import type { FunctionHost } from '../functions/host';
import { byId } from './dom';

/** The box and the area typed (blank: Settings, else national or the demo grid). */
export function overlayChoice(): Pick<CompareRequest, 'overlay' | 'area'> {
  const area = byId<HTMLInputElement>('compare-area').value.trim();
  return { overlay: byId<HTMLInputElement>('compare-overlay').checked, area: area || null };
}

/** The area is asked for only with the box ticked; blank says what Settings give. */
export async function wireOverlay(host: FunctionHost): Promise<void> {
  const box = byId<HTMLInputElement>('compare-overlay');
  const block = byId('compare-area-block');
  box.addEventListener('change', () => (block.hidden = !box.checked));
  await showSettingsArea(host);
}

/** The area field's placeholder: the default area Settings hold now (again after a save). */
export async function showSettingsArea(host: FunctionHost): Promise<void> {
  // Unreadable settings are reported by the Settings section; the box works without them.
  const settings = await host.settings.load().catch(() => null);
  const source = settings?.carbon?.source;
  byId<HTMLInputElement>('compare-area').placeholder = source
    ? `${source} (from Settings)`
    : 'from Settings, else national';
}
