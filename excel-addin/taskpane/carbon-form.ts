// The Carbon section of the settings form, drawn from the declaration both settings forms
// share (shared/carbon/form.ts): the default area (a select, with a postcode box beside
// "postcode area…"), one choice per electricity meter once the meters are listed, and the
// Carbon Intensity API's URL. What it sends back is read by carbonFromForm in the store.
import {
  type CarbonChoiceInput,
  type CarbonFormInput,
  type CarbonFormMeter,
  type CarbonRow,
  POSTCODE_CHOICE,
  carbonFormView,
} from '../../shared/carbon/form';
import type { CarbonSettings } from '../../shared/settings';
import { h } from './dom';

function choiceRow(id: string, row: CarbonRow, postcodeLabel: string): HTMLElement {
  const select = h(
    'select',
    { id, class: 'carbon-choice', 'aria-describedby': row.help ? `${id}-help` : undefined },
    ...row.choices.map((c) => h('option', { value: c.value }, c.label)),
  );
  select.value = row.value;
  const code = h('input', {
    type: 'text',
    id: `${id}-postcode`,
    class: 'carbon-postcode',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'RG10',
    'aria-label': `${row.label}: ${postcodeLabel}`,
  });
  code.value = row.postcode;
  code.hidden = row.value !== POSTCODE_CHOICE;
  select.addEventListener('change', () => {
    code.hidden = select.value !== POSTCODE_CHOICE;
    if (!code.hidden) code.focus();
  });
  return h(
    'div',
    { class: 'carbon-row', 'data-carbon': row.key },
    h('label', { for: id }, row.label),
    select,
    code,
    row.help ? h('p', { class: 'hint', id: `${id}-help` }, row.help) : null,
  );
}

function choiceOf(row: Element): CarbonChoiceInput {
  return {
    choice: row.querySelector<HTMLSelectElement>('.carbon-choice')?.value ?? '',
    postcode: row.querySelector<HTMLInputElement>('.carbon-postcode')?.value ?? '',
  };
}

/**
 * The section in `target`. `show` draws what is saved; `setMeters` adds the meters' rows
 * when the list arrives (keeping whatever was chosen meanwhile); `read` is the form input.
 */
export class CarbonFields {
  private saved: CarbonSettings | undefined;
  private meters: CarbonFormMeter[] = [];

  constructor(private readonly target: HTMLElement) {}

  show(saved: CarbonSettings | undefined): void {
    this.saved = saved;
    this.draw(false);
  }

  setMeters(meters: CarbonFormMeter[]): void {
    this.meters = meters;
    this.draw(true);
  }

  read(): CarbonFormInput {
    const section = this.target.querySelector('#carbon-section');
    if (!section) return {};
    const meters: Record<string, CarbonChoiceInput> = {};
    for (const row of Array.from(
      section.querySelectorAll<HTMLElement>('.carbon-meters .carbon-row'),
    ))
      meters[row.dataset.carbon as string] = choiceOf(row);
    const source = section.querySelector('#carbon-source')?.closest('.carbon-row');
    return {
      source: source ? choiceOf(source) : undefined,
      baseUrl: section.querySelector<HTMLInputElement>('#carbon-baseUrl')?.value ?? '',
      meters,
    };
  }

  private draw(keepEdits: boolean): void {
    const before = keepEdits ? this.read() : null;
    const wasOpen = this.target.querySelector<HTMLDetailsElement>('#carbon-section')?.open;
    const view = carbonFormView(this.saved, this.meters);
    const edited = (row: CarbonRow): CarbonRow => {
      const sent = row.key === 'source' ? before?.source : before?.meters?.[row.key];
      if (!sent) return row;
      const value = String(sent.choice ?? '');
      if (!row.choices.some((c) => c.value === value)) return row;
      return { ...row, value, postcode: String(sent.postcode ?? '') };
    };
    const baseUrl = h('input', {
      type: 'url',
      id: 'carbon-baseUrl',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: view.baseUrl.placeholder,
      'aria-describedby': 'carbon-baseUrl-help',
    });
    baseUrl.value =
      before && typeof before.baseUrl === 'string' ? before.baseUrl : view.baseUrl.value;
    this.target.replaceChildren(
      h(
        'details',
        { class: 'provider', id: 'carbon-section', open: view.saved || wasOpen === true },
        h('summary', {}, view.title, view.saved ? h('span', { class: 'badge' }, 'set up') : null),
        h(
          'div',
          { class: 'provider-fields' },
          h('p', { class: 'hint' }, view.help),
          choiceRow('carbon-source', edited(view.source), view.postcodeLabel),
          h('h3', { class: 'subhead' }, view.metersLabel),
          h('p', { class: 'hint' }, view.metersHelp),
          h(
            'div',
            { class: 'carbon-meters' },
            ...view.meters.map((row, i) =>
              choiceRow(`carbon-meter-${i}`, edited(row), view.postcodeLabel),
            ),
          ),
          view.meters.length === 0
            ? h('p', { class: 'hint' }, 'No electricity meters to choose for.')
            : null,
          h('label', { for: 'carbon-baseUrl' }, view.baseUrl.label),
          baseUrl,
          h('p', { class: 'hint', id: 'carbon-baseUrl-help' }, view.baseUrl.help),
        ),
      ),
    );
  }
}
