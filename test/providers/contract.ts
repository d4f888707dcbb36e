// What every provider must do against its own mock, in-process through the core (the host
// tests then run the same case through the built Sheets and Excel add-ins): list its
// meters, answer METER_USAGE for the case's day, send a long range's requests together,
// and refuse a wrong credential with a clear message that does not repeat it.
import { expect, it } from 'vitest';
import { findProvider } from '../../shared/providers';
import { col, harness } from '../helpers/provider-harness';
import type { MockHandler } from '../mocks/mock-http';
import { type ProviderCase, planted } from './case';

const NOW = Date.UTC(2025, 0, 10, 12);

function routes(c: ProviderCase, handler: MockHandler): Record<string, MockHandler> {
  const base =
    typeof c.config.baseUrl === 'string' ? /^https:\/\/[^/]+/.exec(c.config.baseUrl) : null;
  if (base) return { [base[0]]: handler };
  return Object.fromEntries(
    (findProvider(c.provider)?.hosts ?? []).map((h) => [`https://${h}`, handler]),
  );
}

export function providerContract(c: ProviderCase): void {
  const setup = (config = c.config) => {
    const mock = c.mock(() => NOW);
    return harness(routes(c, mock.handler), { providers: { [c.provider]: config } }, NOW);
  };

  it('is in the registry with its settings fields', () => {
    const p = findProvider(c.provider);
    expect(p?.id).toBe(c.provider);
    for (const key of Object.keys(c.config))
      expect(
        p?.fields.map((f) => f.key),
        key,
      ).toContain(key);
  });

  it('lists its meters and answers METER_USAGE for a day', async () => {
    const h = setup();
    const meters = await h.call('METERS');
    expect(meters.slice(1).some((r) => String(r[1]) === c.provider)).toBe(true);
    const usage = await h.call('USAGE', c.day, c.day, 'none', c.provider);
    expect(usage.slice(1).some((r) => typeof r[col(usage, 'kWh')] === 'number')).toBe(true);
  });

  it("sends a long range's usage requests together, not one after another", async () => {
    const h = setup();
    await h.call('USAGE', ...c.matrix.usageArgs);
    const { requests, batches } = h.io.record;
    const isUsage = requests.map((r) =>
      c.matrix.isUsage({
        method: r.method,
        path: r.url.replace(/^https?:\/\/[^/]+/, ''),
        query: {},
        headers: {},
        body: r.body ?? '',
      }),
    );
    let at = 0;
    const perBatch = batches.map((n) => isUsage.slice(at, (at += n)).filter(Boolean).length);
    // The range takes several requests (the matrix lands a fault after the first of them).
    if (c.matrix.skip > 0) expect(Math.max(...perBatch)).toBeGreaterThan(1);
    else expect(Math.max(...perBatch)).toBe(1);
  });

  it('refuses a wrong credential without repeating it', async () => {
    const field = findProvider(c.provider)?.fields.find((f) => f.kind === 'secret');
    if (!field) return;
    const wrong = planted(`${c.provider}wrong`, String(c.config[field.key]).length);
    const e = await setup({ ...c.config, [field.key]: wrong }).fail('METERS');
    expect(e.message).not.toContain(wrong);
    expect(e.message).toMatch(/refused|credentials|token|key|secret/i);
  });
}
