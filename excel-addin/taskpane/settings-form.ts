// The settings form, generated from the providers' SettingFields: one section per
// provider, open only when something is saved for it, with a link to the provider's own
// page; fields with fixed values are selects. A stored secret is shown only as its mask;
// its input starts empty (empty on save = keep), and a "Forget" box clears it. Nothing
// secret is ever written into the page.
import type { ProviderInfo } from '../functions/api';
import type { SettingsUpdate, SettingsView } from '../functions/settings-store';
import type { SettingField } from '../../shared/settings';
import { h } from './dom';

function inputId(provider: string, key: string): string {
  return `setting-${provider}-${key}`;
}

function fieldControl(p: ProviderInfo, f: SettingField, stored: unknown): HTMLElement[] {
  const id = inputId(p.id, f.key);
  const docs = f.docsUrl
    ? h('a', { href: f.docsUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Where to find it')
    : null;
  const help =
    f.help || docs
      ? h('p', { class: 'hint', id: `${id}-help` }, f.help ?? '', docs ? ' ' : '', docs)
      : null;
  const describedBy = help ? `${id}-help` : undefined;
  const label = h('label', { for: id }, f.label + (f.required ? '' : ' (optional)'));
  if (f.kind === 'boolean') {
    const box = h('input', {
      type: 'checkbox',
      id,
      'data-provider': p.id,
      'data-key': f.key,
      'aria-describedby': describedBy,
    });
    box.checked = stored === true;
    return [h('label', { class: 'secret-row', for: id }, box, f.label), ...(help ? [help] : [])];
  }
  if (f.kind === 'secret') {
    const isSet = typeof stored === 'string' && stored.length > 0;
    const input = h('input', {
      type: 'password',
      id,
      autocomplete: 'off',
      spellcheck: 'false',
      'data-provider': p.id,
      'data-key': f.key,
      'data-kind': 'secret',
      placeholder: isSet ? `${String(stored)} stored; type to replace` : '',
      'aria-describedby': describedBy,
    });
    const out: HTMLElement[] = [label, input];
    if (isSet) {
      const forget = h('input', {
        type: 'checkbox',
        id: `${id}-forget`,
        'data-forget': `${p.id}:${f.key}`,
      });
      out.push(
        h(
          'label',
          { class: 'secret-row', for: `${id}-forget` },
          forget,
          `Forget the stored ${f.label.toLowerCase()}`,
        ),
      );
    }
    if (help) out.push(help);
    return out;
  }
  if (f.choices && f.choices.length > 0) {
    const current = stored === undefined || stored === null ? '' : String(stored);
    const known = f.choices.some((c) => c.value === current);
    const select = h(
      'select',
      { id, 'data-provider': p.id, 'data-key': f.key, 'aria-describedby': describedBy },
      // Blank keeps the provider's default and saves nothing for an unused provider.
      h('option', { value: '' }, `Default: ${f.choices[0].label}`),
      ...f.choices.map((c) => h('option', { value: c.value }, c.label)),
      current !== '' && !known ? h('option', { value: current }, current) : null,
    );
    select.value = current;
    return help ? [label, select, help] : [label, select];
  }
  const input = h('input', {
    type: f.kind === 'number' ? 'number' : f.kind === 'url' ? 'url' : 'text',
    id,
    spellcheck: 'false',
    autocomplete: 'off',
    'data-provider': p.id,
    'data-key': f.key,
    'data-kind': f.kind,
    'aria-describedby': describedBy,
  });
  input.value = stored === undefined || stored === null ? '' : String(stored);
  return help ? [label, input, help] : [label, input];
}

/**
 * Draws one collapsible section per provider that has settings, open when something is
 * saved for it: a provider added later gets its section from its fields alone.
 */
export function renderProviderFields(
  target: HTMLElement,
  providers: ProviderInfo[],
  view: SettingsView,
): void {
  const sets = providers
    .filter((p) => p.fields.length > 0)
    .map((p) => {
      const saved = Object.keys(view.providers[p.id] ?? {}).length > 0;
      return h(
        'details',
        { class: 'provider', id: `provider-${p.id}`, open: saved },
        h('summary', {}, p.label, saved ? h('span', { class: 'badge' }, 'set up') : null),
        h(
          'div',
          { class: 'provider-fields' },
          p.docsUrl
            ? h(
                'p',
                { class: 'hint' },
                h(
                  'a',
                  { href: p.docsUrl, target: '_blank', rel: 'noopener noreferrer' },
                  `${p.label}: how to get access`,
                ),
              )
            : null,
          ...p.fields.flatMap((f) => fieldControl(p, f, view.providers[p.id]?.[f.key])),
        ),
      );
    });
  target.replaceChildren(...sets);
}

/** The update the form describes (see SettingsUpdate: empty secret = keep). */
export function readSettingsForm(form: HTMLFormElement): SettingsUpdate {
  const text = (name: string) => {
    const v = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    return v === '' ? null : v;
  };
  const update: SettingsUpdate = {
    defaultMeter: text('defaultMeter'),
    timezone: text('timezone'),
    providers: {},
  };
  const providers = update.providers as NonNullable<SettingsUpdate['providers']>;
  const controls = form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
    'input[data-provider], select[data-provider]',
  );
  for (const input of Array.from(controls)) {
    const provider = input.dataset.provider as string;
    const key = input.dataset.key as string;
    const changes = (providers[provider] ??= {});
    if (input instanceof HTMLInputElement && input.type === 'checkbox')
      changes[key] = input.checked;
    else if (input.dataset.kind === 'secret')
      changes[key] = input.value === '' ? undefined : input.value;
    else if (input.dataset.kind === 'number')
      changes[key] = input.value === '' ? null : Number(input.value);
    else changes[key] = input.value.trim() === '' ? null : input.value.trim();
  }
  for (const box of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-forget]'))) {
    if (!box.checked) continue;
    const [provider, key] = (box.dataset.forget as string).split(':');
    (providers[provider] ??= {})[key] = null;
  }
  return update;
}
