/// <reference types="office-js" />
// The task pane: Import usage, Compare profiles, Compare tariffs and Settings. In Excel, results go into new
// worksheets (one range, a table, a native chart for comparisons). Opened in a plain
// browser there is no workbook, so it runs in preview mode against the demo meter and
// shows the table and an SVG chart in the page. Imports are remembered with their table
// and Refresh (the ribbon, or opening the workbook when opted in) rewrites them in place.
import type { MeterSheetsApi } from '../functions/api';
import type { FunctionHost } from '../functions/host';
import type { Section } from '../manifest/ribbon';
import {
  compareChartTitle,
  energyAxisTitle,
  meterTitle,
  profileLabelSpacing,
} from '../../shared/chart-text';
import { profileAxes } from '../../shared/carbon/overlay-axes';
import { MeterError, isMeterError } from '../../shared/errors';
import { formFieldMessage } from '../../shared/settings';
import type { Table } from '../../shared/table';
import { NAMED_PERIODS } from '../../shared/time/named-periods';
import { VERSION } from '../../shared/version';
import { overlayChoice, showSettingsArea, wireOverlay } from './compare-overlay';
import { januaryAndJuly, lastMonth } from './defaults';
import { byId, h } from './dom';
import { type ChartDrawer, type ChartRequest, writeSheet } from './excel-writer';
import { SHOW_SECTION_EVENT, STATUS_EVENT, type StatusReport, requestSection } from './navigation';
import { renderResult } from './preview';
import { MAX_IMPORT_CELLS } from './refresh-imports';
import { runRefreshImports } from './refresh-report';
import { type ImportQuery, REMEMBER_API } from './remembered';
import { CarbonFields } from './carbon-form';
import { readSettingsForm, renderProviderFields } from './settings-form';
import { toSheetData } from './sheet-data';
import { fillTariffForm, tariffArgs, tariffOutput } from './tariff-compare';
import { chunkCount, fetchUsage, queryLabel } from './usage-query';

type Mode = 'excel' | 'preview';

const SECTIONS: Section[] = ['import', 'compare', 'tariffs', 'settings'];
const AGGREGATE_LABELS: Record<string, string> = {
  none: 'none: native intervals',
  hour: 'hour',
  day: 'day',
  week: 'week (Monday to Sunday)',
  month: 'month',
  profile: 'profile: the average day',
  'weekday-profile': 'weekday profile',
  'weekend-profile': 'weekend profile',
};

interface Pane {
  api: MeterSheetsApi;
  mode: Mode;
  /** The Carbon section of Settings: drawn from the settings, its meter rows from the list. */
  carbon: CarbonFields;
}

function host(p: Pane): FunctionHost {
  return p.api.host();
}

// ---- status ---------------------------------------------------------------------------

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = byId('status');
  el.textContent = text;
  el.classList.toggle('error', kind === 'error');
}

function setProgress(done: number | null, total?: number): void {
  const bar = byId<HTMLProgressElement>('progress');
  if (done === null && total === undefined) {
    bar.hidden = true;
    return;
  }
  bar.hidden = false;
  if (done === null) bar.removeAttribute('value');
  else {
    bar.max = total ?? 1;
    bar.value = done;
  }
}

async function reportError(p: Pane, e: unknown): Promise<void> {
  const u = await host(p).describeError(e);
  setStatus(u.message, 'error');
}

async function busy(form: HTMLFormElement, work: () => Promise<void>): Promise<void> {
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (submit) submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    if (submit) submit.disabled = false;
    form.removeAttribute('aria-busy');
    setProgress(null);
  }
}

// ---- tabs -----------------------------------------------------------------------------

function showSection(section: Section, focus = false): void {
  for (const s of SECTIONS) {
    const tab = byId(`tab-${s}`);
    const on = s === section;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${s}`).hidden = !on;
    if (on && focus) tab.focus();
  }
}

function wireTabs(): void {
  SECTIONS.forEach((s, i) => {
    const tab = byId(`tab-${s}`);
    tab.addEventListener('click', () => showSection(s));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (step) showSection(SECTIONS[(i + step + SECTIONS.length) % SECTIONS.length], true);
    });
  });
}

// ---- shared inputs --------------------------------------------------------------------

function value(id: string): string | null {
  const v = byId<HTMLInputElement | HTMLSelectElement>(id).value.trim();
  return v === '' ? null : v;
}

function fillZones(): void {
  const list = byId('zones');
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf
    ? intl.supportedValuesOf('timeZone')
    : ['Europe/London', 'UTC'];
  list.replaceChildren(...zones.map((z) => h('option', { value: z })));
}

async function fillMeters(p: Pane): Promise<void> {
  let meters: { id: string; label: string; provider: string; fuel: string }[] = [];
  try {
    const table = await host(p).table('METERS', []);
    meters = table.slice(1).map((r) => ({
      id: String(r[0]),
      label: String(r[6] ?? r[0]),
      provider: String(r[1]),
      fuel: String(r[2]),
    }));
  } catch (e) {
    await reportError(p, e);
  }
  const carbonOf = (provider: string) =>
    p.api.providers().find((x) => x.id === provider)?.reportsCarbon === true;
  p.carbon.setMeters(meters.map((m) => ({ ...m, providerCarbon: carbonOf(m.provider) })));
  for (const id of ['import-meter', 'compare-meter', 'tariffs-meter']) {
    const select = byId<HTMLSelectElement>(id);
    const keep = select.value;
    select.replaceChildren(
      h('option', { value: '' }, 'Default meter (Settings)'),
      ...meters.map((m) => h('option', { value: m.id, title: m.label }, m.id)),
    );
    if (meters.some((m) => m.id === keep)) select.value = keep;
  }
  byId('meter-ids').replaceChildren(...meters.map((m) => h('option', { value: m.id }, m.label)));
}

/** The meter a result shows, named for its chart: a blank choice is the default meter. */
async function meterName(p: Pane, chosen: string | null): Promise<string> {
  if (chosen) return chosen;
  try {
    return meterTitle(null, (await host(p).settings.load()).defaultMeter);
  } catch {
    return meterTitle(null);
  }
}

async function fillTariffs(p: Pane): Promise<void> {
  try {
    fillTariffForm(await host(p).settings.load(), new Date());
  } catch {
    fillTariffForm({ providers: {} }, new Date()); // unreadable settings: the demo's tariffs
  }
}

async function zoneDefault(p: Pane): Promise<string> {
  try {
    return (await host(p).settings.load()).timezone ?? 'Europe/London';
  } catch {
    return 'Europe/London';
  }
}

// ---- import ---------------------------------------------------------------------------

/** The import form as a query: a named period as named (so it moves), else the dates. */
function importQuery(): ImportQuery | null {
  const common = {
    aggregate: value('import-aggregate') ?? 'none',
    meter: value('import-meter'),
    zone: value('import-timezone'),
  };
  const period = value('import-period');
  if (period) return { start: period, end: null, ...common };
  const start = value('import-start');
  if (!start) return null;
  return { start, end: value('import-end') ?? start, ...common };
}

function syncPeriodInputs(): void {
  const named = value('import-period') !== null;
  for (const id of ['import-start', 'import-end']) byId<HTMLInputElement>(id).disabled = named;
}

async function runImport(p: Pane): Promise<void> {
  const query = importQuery();
  if (!query) {
    setStatus('From: choose the first day to import, or a named period', 'error');
    byId('import-start').focus();
    return;
  }
  const label = queryLabel(query);
  setStatus(`Fetching ${label}…`);
  // Months give a real progress bar; a single request an indeterminate one.
  const chunks = chunkCount(query);
  if (chunks > 1) setProgress(0, chunks);
  else setProgress(null, 0);
  const table: Table = await fetchUsage(host(p), query, (done, total) => {
    if (total > 1) {
      setProgress(done, total);
      setStatus(`Fetched ${done} of ${total} months…`);
    }
  });
  // Native intervals need no mention in the sheet's name; an aggregate does.
  const suffix = query.aggregate === 'none' ? '' : ` ${query.aggregate}`;
  const title = `Usage ${label}${suffix}`;
  const end = query.end ?? query.start;
  const sheet =
    fitSheetName(title) ??
    fitSheetName(`Usage ${query.start.slice(0, 7)} to ${end.slice(0, 7)}${suffix}`) ??
    'Usage';
  await deliver(
    p,
    { sheet, heading: title },
    table,
    {
      title: `${await meterName(p, query.meter ?? null)}: ${label}${suffix}`,
      yTitle: energyAxisTitle(table),
    },
    null,
    query,
  );
}

// ---- compare --------------------------------------------------------------------------

function periodInputs(): HTMLInputElement[] {
  return Array.from(byId('compare-periods').querySelectorAll<HTMLInputElement>('input'));
}

function addPeriod(text = ''): void {
  const input = h('input', {
    type: 'text',
    placeholder: '2024-07',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  input.value = text;
  const remove = h('button', { type: 'button', class: 'remove' }, '×');
  const item = h('li', {}, input, remove);
  remove.addEventListener('click', () => {
    item.remove();
    relabelPeriods();
  });
  byId('compare-periods').append(item);
  relabelPeriods();
}

/** Names each period for screen readers; at least two periods stay (it is a comparison). */
function relabelPeriods(): void {
  const items = Array.from(byId('compare-periods').children);
  items.forEach((li, i) => {
    (li.querySelector('input') as HTMLInputElement).setAttribute('aria-label', `Period ${i + 1}`);
    const remove = li.querySelector('button') as HTMLButtonElement;
    remove.setAttribute('aria-label', `Remove period ${i + 1}`);
    remove.disabled = items.length <= 2;
  });
}

async function runCompare(p: Pane): Promise<void> {
  const periods = periodInputs()
    .map((i) => i.value.trim())
    .filter((v) => v !== '');
  if (periods.length < 2) {
    setStatus('Periods: give at least two periods to compare, e.g. 2024-01 and 2024-07', 'error');
    return;
  }
  const meter = value('compare-meter');
  const zone = value('compare-timezone');
  setStatus(`Comparing ${periods.join(', ')}…`);
  setProgress(null, 0);
  const request = { periods, meter, timezone: zone, ...overlayChoice() };
  const { table, labels, area, notes } = await host(p).compare(request);
  const heading = `Compare ${periods.join(' vs ')}`;
  const sheet = fitSheetName(`Compare ${periods.join(' ')}`) ?? `Compare ${periods.length} periods`;
  const axes = profileAxes(table);
  const chart = {
    title: compareChartTitle(await meterName(p, meter), labels, area),
    yTitle: energyAxisTitle(table),
    y2Title: axes.secondaryTitle,
  };
  await deliver(p, { sheet, heading }, table, chart, {
    title: chart.title,
    valueAxisTitle: chart.yTitle,
    categoryAxisTitle: `Local time (${zone ?? (await zoneDefault(p))})`,
    labelSpacing: profileLabelSpacing(table),
    secondary: axes.secondaryTitle ? { series: axes.secondary, title: axes.secondaryTitle } : null,
  });
  if (notes.length > 0) setStatus(`${byId('status').textContent ?? ''} ${notes.join(' ')}`.trim());
}

// ---- tariffs --------------------------------------------------------------------------

async function runTariffs(p: Pane): Promise<void> {
  const q = {
    start: value('tariffs-start') ?? '',
    end: value('tariffs-end') ?? '',
    tariffs: value('tariffs-list') ?? '',
    aggregate: value('tariffs-aggregate') ?? 'total',
    meter: value('tariffs-meter'),
    zone: value('tariffs-timezone'),
  };
  setStatus('Pricing the usage on each tariff…');
  setProgress(null, 0);
  const table = await host(p).table('TARIFF_COMPARE', tariffArgs(q));
  const out = tariffOutput(table, q, await meterName(p, q.meter));
  await deliver(p, { sheet: out.sheet, heading: out.heading }, table, out.chart, out.draw);
}

// ---- output ---------------------------------------------------------------------------

/** The name if it makes a worksheet name (at most 31 characters), else null. */
function fitSheetName(name: string): string | null {
  return name.length <= 31 ? name : null;
}

async function deliver(
  p: Pane,
  names: { sheet: string; heading: string },
  table: Table,
  chart: { title: string; yTitle: string; y2Title?: string | null; svg?: (width: number) => string },
  excelChart: ChartRequest | ChartDrawer | null,
  query?: ImportQuery,
): Promise<void> {
  const rows = table.length - 1;
  if (p.mode === 'excel') {
    const data = toSheetData(table);
    if (data.rows * data.columns > MAX_IMPORT_CELLS) {
      setStatus(
        `That is ${(data.rows * data.columns).toLocaleString('en-GB')} cells, more than the ${MAX_IMPORT_CELLS.toLocaleString('en-GB')} one write can safely carry: choose a coarser aggregate or a shorter period`,
        'error',
      );
      return;
    }
    setStatus(`Writing ${rows.toLocaleString('en-GB')} rows…`);
    const remember = query && {
      query,
      supported: Office.context.requirements.isSetSupported('ExcelApi', REMEMBER_API),
    };
    const written = await writeSheet(names.sheet, data, excelChart ?? undefined, remember);
    const refreshNote = written.remembered
      ? ' Refresh on the ribbon runs it again.'
      : remember
        ? ` This Excel cannot remember it for Refresh (needs ExcelApi ${REMEMBER_API}).`
        : '';
    setStatus(
      `Wrote ${rows.toLocaleString('en-GB')} rows to sheet “${written.sheet}” (${written.address})${written.chart ? ' with a chart' : ''}.${refreshNote}`,
    );
  } else {
    setStatus(`${rows.toLocaleString('en-GB')} rows (preview: not written to a workbook).`);
  }
  renderResult(byId('results'), names.heading, table, chart);
}

function clearResult(): void {
  const results = byId('results');
  results.replaceChildren();
  results.hidden = true;
}

// ---- settings -------------------------------------------------------------------------

async function loadSettingsForm(p: Pane): Promise<void> {
  const form = byId<HTMLFormElement>('settings-form');
  byId('settings-note').textContent =
    p.mode === 'excel'
      ? 'Saved in this add-in’s storage in Excel. Secrets are never shown again.'
      : 'Preview: settings last until this page is closed. The demo meter needs none.';
  try {
    const view = await host(p).settings.view();
    (form.elements.namedItem('defaultMeter') as HTMLInputElement).value = view.defaultMeter ?? '';
    (form.elements.namedItem('timezone') as HTMLInputElement).value = view.timezone ?? '';
    renderProviderFields(byId('settings-providers'), p.api.providers(), view);
    p.carbon.show(view.carbon);
  } catch (e) {
    renderProviderFields(byId('settings-providers'), p.api.providers(), { providers: {} });
    p.carbon.show(undefined);
    await reportError(p, e);
  }
}

async function saveSettings(p: Pane): Promise<void> {
  const form = byId<HTMLFormElement>('settings-form');
  try {
    await host(p).settings.save({ ...readSettingsForm(form), carbon: p.carbon.read() });
  } catch (e) {
    // The form names a field as its label reads, not by its path in the settings document.
    // (The store is in the functions bundle: its MeterError is another class than ours.)
    if (isMeterError(e))
      throw new MeterError(e.kind, formFieldMessage(e.message, p.api.providers()));
    throw e;
  }
  await host(p).refresh();
  await loadSettingsForm(p);
  await fillMeters(p);
  await showSettingsArea(host(p));
  setStatus('Settings saved.');
}

// ---- refresh on open -------------------------------------------------------------------

/** Office.addin's startup behaviour, where the shared runtime (SharedRuntime 1.1) has it. */
function startupApi(): typeof Office.addin | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const addin = office?.addin;
  if (!office?.context?.requirements?.isSetSupported('SharedRuntime', '1.1')) return null;
  return typeof addin?.setStartupBehavior === 'function' &&
    typeof addin.getStartupBehavior === 'function'
    ? addin
    : null;
}

/**
 * The opt-in checkbox: ticked, Office loads the add-in (hidden) whenever this workbook
 * opens, and the pane's boot refreshes the remembered imports once. Returns whether it
 * is on now, so boot knows whether this load is such an opening.
 */
async function wireRefreshOnOpen(p: Pane): Promise<boolean> {
  const box = byId<HTMLInputElement>('refresh-on-open');
  const note = byId('refresh-on-open-note');
  const addin = p.mode === 'excel' ? startupApi() : null;
  if (!addin) {
    box.disabled = true;
    note.textContent =
      p.mode === 'excel'
        ? 'This Excel cannot start the add-in with a workbook (it needs the shared runtime, SharedRuntime 1.1): use Refresh on the ribbon.'
        : 'Preview: only in Excel.';
    return false;
  }
  note.textContent =
    'Office loads the add-in, hidden, when this workbook opens; remembered imports are then refreshed once.';
  let on = false;
  try {
    on = String(await addin.getStartupBehavior()) === String(Office.StartupBehavior.load);
  } catch (e) {
    await reportError(p, e);
  }
  box.checked = on;
  box.addEventListener('change', () => {
    const wanted = box.checked;
    const behaviour = wanted ? Office.StartupBehavior.load : Office.StartupBehavior.none;
    addin.setStartupBehavior(behaviour).then(
      () =>
        setStatus(
          wanted
            ? 'Imports will be refreshed whenever this workbook opens.'
            : 'Imports will no longer be refreshed when this workbook opens.',
        ),
      async (e: unknown) => {
        box.checked = !wanted;
        await reportError(p, e);
      },
    );
  });
  return on;
}

async function describeFor(p: Pane, e: unknown): Promise<string> {
  return (await host(p).describeError(e)).message;
}

/** The refresh of an opening workbook: a problem brings the (hidden) pane forward. */
async function refreshOnce(p: Pane): Promise<void> {
  try {
    const failed = await runRefreshImports((e) => describeFor(p, e), reportFromRibbon);
    if (failed) {
      requestSection('import');
      await Office.addin.showAsTaskpane();
    }
  } catch (e) {
    await reportError(p, e);
  }
}

function reportFromRibbon(r: StatusReport): void {
  setStatus(r.text, r.kind);
}

// ---- boot -----------------------------------------------------------------------------

/** After this long without Office.onReady, say what the pane is waiting for. */
const SLOW_OFFICE_MS = 5000;

/**
 * Excel or the browser preview, as Office.onReady says: its host is Excel inside Excel and
 * null in a plain browser. Never a guess on a timer: a slow Excel on the web can take well
 * over 5 s, and a pane that gave up on it would preview inside Excel and write nothing.
 * Only when office.js did not load at all (a browser offline) is there nothing to ask.
 */
async function detectMode(office: typeof Office | undefined): Promise<Mode> {
  if (!office || typeof office.onReady !== 'function') return 'preview';
  const slow = setTimeout(() => setStatus('Waiting for Excel to finish loading…'), SLOW_OFFICE_MS);
  try {
    const info = await office.onReady();
    return String(info?.host) === 'Excel' ? 'excel' : 'preview';
  } finally {
    clearTimeout(slow);
    if (byId('status').textContent?.startsWith('Waiting for Excel')) setStatus('');
  }
}

function listenForRibbon(): void {
  let pending: Section | null = null;
  window.addEventListener(SHOW_SECTION_EVENT, (e) => {
    pending = (e as CustomEvent<Section>).detail;
    showSection(pending);
  });
  // Settings is a plain ShowTaskpane button: a pane shown by no command of ours is Settings.
  const addin = (globalThis as { Office?: typeof Office }).Office?.addin;
  const subscribed = addin?.onVisibilityModeChanged?.((args) => {
    // Shown: by a command (pending) or by the Settings button. Hidden: forget any request.
    if (String(args.visibilityMode) === 'Taskpane') showSection(pending ?? 'settings');
    pending = null;
  });
  // Hosts without the event (older Excel) simply open on the last section.
  Promise.resolve(subscribed).catch(() => undefined);
}

export async function boot(): Promise<void> {
  const api = globalThis.meterSheets;
  if (!api) {
    setStatus('functions.js did not load: reload the add-in.', 'error');
    return;
  }
  const mode = await detectMode((globalThis as { Office?: typeof Office }).Office);
  const p: Pane = { api, mode, carbon: new CarbonFields(byId('settings-carbon')) };
  document.body.dataset.mode = mode;
  byId('version').textContent = VERSION;
  if (mode === 'preview') {
    const banner = byId('mode');
    banner.textContent =
      'Preview: not running in Excel. Results appear here, against the demo meter unless you set up a provider.';
    banner.hidden = false;
  } else {
    listenForRibbon();
    window.addEventListener(STATUS_EVENT, (e) =>
      reportFromRibbon((e as CustomEvent<StatusReport>).detail),
    );
  }
  wireTabs();
  fillZones();
  byId('import-period').append(
    ...NAMED_PERIODS.map((n) => h('option', { value: n }, n.replace(/-/g, ' '))),
  );
  byId('import-period').addEventListener('change', syncPeriodInputs);
  byId<HTMLSelectElement>('import-aggregate').replaceChildren(
    ...api.aggregates.map((a) => h('option', { value: a }, AGGREGATE_LABELS[a] ?? a)),
  );
  const month = lastMonth(new Date());
  byId<HTMLInputElement>('import-start').value = month.start;
  byId<HTMLInputElement>('import-end').value = month.end;
  for (const period of januaryAndJuly(new Date())) addPeriod(period);
  byId('compare-add').addEventListener('click', () => {
    addPeriod();
    periodInputs().at(-1)?.focus();
  });
  const zone = await zoneDefault(p);
  await wireOverlay(host(p));
  byId<HTMLInputElement>('import-timezone').value = zone;
  byId<HTMLInputElement>('compare-timezone').value = zone;
  byId<HTMLInputElement>('tariffs-timezone').value = zone;
  const onSubmit = (id: string, run: (p: Pane) => Promise<void>) => {
    const form = byId<HTMLFormElement>(id);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // A new run's result replaces the last one; a failed run must not leave it standing
      // under its error, where it would read as the answer.
      if (id !== 'settings-form') clearResult();
      void busy(form, () => run(p).catch((err) => reportError(p, err)));
    });
  };
  onSubmit('import-form', runImport);
  onSubmit('compare-form', runCompare);
  onSubmit('tariffs-form', runTariffs);
  onSubmit('settings-form', saveSettings);
  const [, , refreshOnOpen] = await Promise.all([
    fillMeters(p),
    loadSettingsForm(p),
    wireRefreshOnOpen(p),
    fillTariffs(p),
  ]);
  document.body.dataset.ready = 'true';
  // Opted in: this load is the workbook opening (the shared runtime loads once per
  // session), so the remembered imports are brought up to date once.
  if (refreshOnOpen) await refreshOnce(p);
}

void boot();
