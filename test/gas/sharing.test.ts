// A shared spreadsheet: custom functions read the OWNER's user properties whoever is
// editing, so formulas use the owner's credentials only where the owner allowed it for that
// spreadsheet (gas/settings-store.ts formulaProviders). End to end, against the PowerShaper
// mock with planted secrets: an editor recalculating a formula gets the refusal and never
// data or a secret; the editor cannot grant the permission; revoking it works at once,
// cached answers included; the permission belongs to one spreadsheet id.
import { describe, expect, it } from 'vitest';
import { leaks } from '../secrets/leaks';
import { sheets } from './harness';
import { PROVIDER_CASES, plantedSecrets } from './provider-cases';

const EDITOR = 'editor@example.com';
const c = PROVIDER_CASES.find((x) => x.provider === 'powershaper')!;
const USAGE = ['METER_USAGE', '2024-12-01', '2024-12-01', 'day', 'powershaper'] as const;
const REFUSED = /^Formulas in this spreadsheet may not use your PowerShaper Monitor credentials/;

async function shared() {
  const s = await sheets({ routes: await c.routes() });
  const editor = <T>(fn: () => T) => s.as(EDITOR, fn);
  return { s, editor };
}

describe('formulas in a shared spreadsheet', () => {
  it("an editor recalculating a formula gets the refusal, not the owner's data or secrets", async () => {
    const { s, editor } = await shared();
    s.saveSettings({ providers: { powershaper: c.config } }); // not allowed for formulas
    const messages = [
      editor(() => s.cellError(...USAGE)),
      editor(() => s.cellError('METER_METERS')),
      editor(() => s.cellError('METER_NOW', 'powershaper')),
      s.cellError(...USAGE), // the owner too, until they allow it
    ];
    for (const m of messages) expect(m).toMatch(REFUSED);
    expect(s.requestCount()).toBe(0);
    // The demo meter needs no credentials and still works for everyone.
    expect(editor(() => s.cell('METER_USAGE', '2024-12-01', '', 'day'))).toHaveLength(2);
    expect(leaks({ messages, logs: s.world.logs }, plantedSecrets(c))).toEqual([]);
  });

  it("an editor cannot grant the permission: ticking it saves the editor's own settings", async () => {
    const { s, editor } = await shared();
    s.saveSettings({ providers: { powershaper: c.config } });
    editor(() => s.saveSettings({ allowFormulas: true }));
    expect(s.cellError(...USAGE)).toMatch(REFUSED);
    expect(editor(() => s.cellError(...USAGE))).toMatch(REFUSED);
    expect(s.requestCount()).toBe(0);
  });

  it('allowed by the owner, then revoked: refused again at once, cached answers included', async () => {
    const { s, editor } = await shared();
    s.saveSettings({ providers: { powershaper: c.config }, allowFormulas: true });
    const rows = editor(() => s.cell(...USAGE));
    expect(rows).toHaveLength(2);
    expect(typeof rows[1][2]).toBe('number');
    const requests = s.requestCount();
    expect(editor(() => s.cell(...USAGE))).toEqual(rows); // answered from the cache

    // The owner unticks the box (saving the rest unchanged: the secret stays saved).
    s.saveSettings({ providers: { powershaper: {} }, allowFormulas: false });
    expect(editor(() => s.cellError(...USAGE))).toMatch(REFUSED);
    expect(s.cellError(...USAGE)).toMatch(REFUSED);
    expect(s.requestCount()).toBe(requests);
    s.menu('meterShowSettings');
    const view = s.panelState('sidebar') as unknown as {
      view: { allowFormulas: boolean; providers: { id: string; saved: boolean }[] };
    };
    expect(view.view.allowFormulas).toBe(false);
    expect(view.view.providers.find((p) => p.id === 'powershaper')!.saved).toBe(true);

    // Allowed again: formulas work again.
    s.saveSettings({ providers: { powershaper: {} }, allowFormulas: true });
    expect(editor(() => s.cell(...USAGE))).toEqual(rows);
  });

  it('the permission belongs to one spreadsheet: another one of the same owner is refused', async () => {
    const { s } = await shared();
    s.world.spreadsheet.id = 'budget';
    s.saveSettings({ providers: { powershaper: c.config }, allowFormulas: true });
    expect(s.cell(...USAGE)).toHaveLength(2);
    s.world.spreadsheet.id = 'shared-with-the-street';
    expect(s.cellError(...USAGE)).toMatch(REFUSED);
    s.menu('meterShowSettings');
    const view = s.panelState('sidebar') as unknown as {
      view: { allowFormulas: boolean; otherSpreadsheets: number };
    };
    expect(view.view).toMatchObject({ allowFormulas: false, otherSpreadsheets: 1 });
    // Revoking in one spreadsheet leaves the other's permission alone.
    s.saveSettings({ providers: { powershaper: {} }, allowFormulas: false });
    s.world.spreadsheet.id = 'budget';
    expect(s.cell(...USAGE)).toHaveLength(2);
  });
});
