/// <reference types="google-apps-script" />
// The Carbon section of the settings sidebar: its per-meter rows need the meter list,
// which takes the providers' servers, so the sidebar asks for them only when the section
// is opened (not on every open of the sidebar). The rows come from the one declaration
// both settings forms share (shared/carbon/form.ts).
import { type CarbonRow, carbonFormView } from '../shared/carbon/form';
import { providersOf } from '../shared/functions/context';
import { type Run, guarded, listedMeters, startRun } from './commands';
import { checkNonce } from './panel-keys';

export function carbonMeters(nonce: unknown): { rows: CarbonRow[]; problems: string[] } {
  let run: Run | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      run = startRun('Listing meters');
      try {
        const { meters, problems } = listedMeters(run);
        const providers = providersOf(run.env);
        const carbonOf = (id: string) => providers.find((p) => p.id === id)?.reportsCarbon === true;
        const view = carbonFormView(
          run.stored.settings.carbon,
          meters.map((m) => ({
            id: m.id,
            label: m.label,
            fuel: m.fuel,
            providerCarbon: carbonOf(m.provider),
          })),
        );
        return { rows: view.meters, problems };
      } finally {
        run.io.release();
      }
    },
    () => run?.stored ?? null,
  );
}
