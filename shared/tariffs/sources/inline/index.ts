// Tariffs typed as the `tariff` argument: see ../../inline.ts for the grammar.
import { pure } from '../../../flow';
import { looksInline, parseInline } from '../../inline';
import type { Tariff } from '../../model';
import { type PriceSource, settingsCurrency } from '../source';

export const INLINE_SOURCE: PriceSource = {
  id: 'inline',
  hosts: [],
  claims: (text) => looksInline(text),
  tariff: (text, ctx) => pure(parseInline(text, settingsCurrency(ctx.settings)) as Tariff),
};
