// The settings form, generated from the providers' SettingFields. A stored secret is shown
// only as its mask; its input starts empty (empty on save = keep), and a "Forget" box
// clears it. Nothing secret is ever written into the page.
import type { ProviderInfo } from '../functions/api';
import type { SettingsUpdate, SettingsView } from '../functions/settings-store';
import type { SettingField } from '../../shared/settings';
import { h } from './dom';

function inputId(provider: string, key: string): string {
  return `setting-${provider}-${key}`;
}

function fieldControl(p: ProviderInfo, f: SettingField, stored: unknown): HTMLElement[] {
  const id = inputId(p.id, f.key);
  const help = f.help ? h('p', { class: 'hint', id: `${id}-help` }, f.help) : null;
  const describedBy = f.help ? `${id}-help` : undefined;
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

/** Draws one fieldset per provider that has settings. */
export function renderProviderFields(
  target: HTMLElement,
  providers: ProviderInfo[],
  view: SettingsView,
): void {
  const sets = providers
    .filter((p) => p.fields.length > 0)
    .map((p) =>
      h(
        'fieldset',
        {},
        h('legend', {}, p.label),
        ...p.fields.flatMap((f) => fieldControl(p, f, view.providers[p.id]?.[f.key])),
      ),
    );
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
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-provider]'))) {
    const provider = input.dataset.provider as string;
    const key = input.dataset.key as string;
    const changes = (providers[provider] ??= {});
    if (input.type === 'checkbox') changes[key] = input.checked;
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
