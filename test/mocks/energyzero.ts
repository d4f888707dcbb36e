// EnergyZero's public price API as its public clients use it: GET /v1/energyprices with
// fromDate and tillDate (ISO 8601, UTC), interval (4 = hourly), usageType (1 = electricity)
// and inclBtw (true/false); it answers {Prices: [{price, readingDate}], intervalType,
// average, fromDate, tillDate}, one price per hour starting at readingDate (UTC), in €/kWh
// excluding VAT unless inclBtw=true (21%). Tomorrow's prices appear at 13:00 Dutch time;
// later hours are simply absent. A request spanning more than a few days is refused with
// 400, so clients ask a day at a time.
import { MS_PER_HOUR } from '../../shared/time/civil';
import { formatInstant, parseInstant } from '../../shared/time/iso';
import { civilDayAt, localMidnight, offsetAt } from '../../shared/time/zone';
import { type MockHandler, type MockRequest, json } from './mock-http';

const NL = 'Europe/Amsterdam';
const MAX_SPAN_MS = 4 * 24 * MS_PER_HOUR;

/** The wholesale price of the hour starting at t, €/kWh excluding VAT: deterministic. */
export function dayAheadEuro(t: number): number {
  const k = Math.floor(t / MS_PER_HOUR);
  return Math.round((0.04 + (((k * 13) % 17) - 3) / 100) * 100000) / 100000;
}

export function createEnergyZeroMock(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const requests: MockRequest[] = [];
  function publishedUntil(): number {
    const t = now();
    const today = civilDayAt(NL, t);
    const afterOne = t + offsetAt(NL, t) - today * 86_400_000 >= 13 * MS_PER_HOUR;
    return localMidnight(NL, today + (afterOne ? 2 : 1));
  }
  const handler: MockHandler = (req) => {
    requests.push(req);
    if (req.path.split('?')[0] !== '/v1/energyprices') return json(404, { message: 'Not Found' });
    const q = req.query;
    const from = parseInstant(q.fromDate ?? '');
    const till = parseInstant(q.tillDate ?? '');
    if (
      from === null ||
      till === null ||
      !(till > from) ||
      q.interval !== '4' ||
      !['1', '2'].includes(q.usageType ?? '')
    )
      return json(400, { message: 'bad_request' });
    if (till - from > MAX_SPAN_MS) return json(400, { message: 'bad_request' });
    const vat = q.inclBtw === 'true' ? 1.21 : 1;
    const Prices = [];
    const end = Math.min(till, publishedUntil());
    for (let t = Math.ceil(from / MS_PER_HOUR) * MS_PER_HOUR; t < end; t += MS_PER_HOUR)
      Prices.push({
        price: Math.round(dayAheadEuro(t) * vat * 100000) / 100000,
        readingDate: formatInstant(t),
      });
    const average = Prices.length ? Prices.reduce((a, p) => a + p.price, 0) / Prices.length : 0;
    return json(200, {
      Prices,
      intervalType: 4,
      average,
      fromDate: q.fromDate,
      tillDate: q.tillDate,
    });
  };
  return { handler, requests };
}
