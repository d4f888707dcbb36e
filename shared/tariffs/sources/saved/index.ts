// Tariffs saved by name in settings (tariffs.saved: {"my-fix": "0.2450 + 0.6012/day"}),
// written in the inline grammar, so any supplier in any country can be described once.
import { MeterError } from '../../../errors';
import { pure } from '../../../flow';
import { parseInline } from '../../inline';
import { type PriceSource, settingsCurrency } from '../source';

function savedText(text: string, saved: Record<string, string> | undefined): string | undefined {
  if (!saved) return undefined;
  const key = Object.keys(saved).find((k) => k.toLowerCase() === text.toLowerCase());
  return key === undefined ? undefined : saved[key];
}

export const SAVED_SOURCE: PriceSource = {
  id: 'saved',
  hosts: [],
  claims: (text, ctx) => savedText(text, ctx.settings.tariffs?.saved) !== undefined,
  tariff(text, ctx) {
    const body = savedText(text, ctx.settings.tariffs?.saved) as string;
    const t = parseInline(body, settingsCurrency(ctx.settings));
    if (!t) throw new MeterError('config', `settings.tariffs.saved.${text}: not a tariff`);
    return pure({ ...t, name: text, label: `${text} (${body})` });
  },
};
