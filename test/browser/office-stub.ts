// Office, Excel, OfficeRuntime and CustomFunctions as the task pane sees them in Excel,
// installed before the page's scripts run (page.addInitScript serialises this function,
// so it must stay self-contained). Every workbook operation is recorded on
// window.__excelLog for the test to inspect.
export interface RangeWrite {
  sheet: string;
  address: string;
  property: 'values' | 'numberFormat';
  data: unknown[][];
}

export interface ExcelLog {
  sheets: string[];
  /** Sheets deleted (by name), e.g. a half-written one taken back. */
  deletedSheets: string[];
  writes: RangeWrite[];
  tables: { sheet: string; address: string; hasHeaders: boolean; style: string }[];
  /** Table.resize calls: the table's range before and after. */
  resizes: { sheet: string; from: string; to: string }[];
  /** Range.clear calls. */
  clears: { sheet: string; address: string; applyTo: string }[];
  /** Worksheet custom properties by sheet (keys as first added; Excel ignores their case). */
  customProperties: Record<string, Record<string, string>>;
  /** Office.addin.setStartupBehavior calls. */
  startupBehaviors: string[];
  charts: {
    sheet: string;
    type: string;
    source: string;
    seriesBy: string;
    title: string;
    valueAxisTitle: string;
    categoryAxisTitle: string;
    /** categoryAxis.tickLabelSpacing / tickMarkSpacing, when set. */
    labelSpacing: number | null;
    markSpacing: number | null;
    position: string[] | null;
    /** Series the code touched (by number from 0): their axis group and line style. */
    series?: { index: number; axisGroup: string; lineStyle: string }[];
    /** The secondary value axis' title, when set. */
    secondaryAxisTitle?: string;
    /** Series.setXAxisValues calls (ranges by address), when any. */
    categories?: string[];
    reversePlotOrder?: boolean;
    legendVisible?: boolean;
  }[];
  frozenRows: Record<string, number>;
  activeSheet: string | null;
  calculations: string[];
  shown: number;
  completed: string[];
  actions: Record<string, (event: { completed(): void }) => unknown>;
  functions: string[];
  syncs: number;
}

export function installOfficeStub(): void {
  const w = window as unknown as Record<string, unknown>;
  const log: ExcelLog = {
    sheets: [],
    deletedSheets: [],
    writes: [],
    tables: [],
    resizes: [],
    clears: [],
    customProperties: {},
    startupBehaviors: [],
    charts: [],
    frozenRows: {},
    activeSheet: null,
    calculations: [],
    shown: 0,
    completed: [],
    actions: {},
    functions: [],
    syncs: 0,
  };
  w.__excelLog = log;
  const letters = (i: number) => {
    let n = i + 1;
    let s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  // Loaded properties are readable at once here; the code under test still loads and
  // syncs as Excel requires (a missing sync shows up in Excel, not in this stub).
  let tableIds = 0;
  interface StubRange {
    address: string;
    rowIndex: number;
    columnIndex: number;
    rowCount: number;
    columnCount: number;
  }
  let sheetIds = 0;
  function makeSheet(name: string) {
    const props = new Map<string, { key: string; value: string }>();
    const sheet = {
      name,
      id: `{stub-sheet-${++sheetIds}}`,
      load() {},
      customProperties: {
        // Adding a key that exists (in any case) replaces its value, as in Excel.
        add(key: string, value: string) {
          props.set(key.toLowerCase(), { key: props.get(key.toLowerCase())?.key ?? key, value });
          log.customProperties[name] = Object.fromEntries(
            [...props.values()].map((p) => [p.key, p.value]),
          );
        },
        getItemOrNullObject(key: string) {
          const p = props.get(key.toLowerCase());
          return { isNullObject: !p, key: p?.key, value: p?.value, load() {} };
        },
      },
      getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
        const address = `${letters(column)}${row + 1}:${letters(column + columns - 1)}${row + rows}`;
        const range: Record<string, unknown> = {
          address,
          rowIndex: row,
          columnIndex: column,
          rowCount: rows,
          columnCount: columns,
          load() {},
          clear(applyTo = 'All') {
            log.clears.push({ sheet: name, address, applyTo });
          },
          format: { autofitColumns() {} },
        };
        for (const property of ['values', 'numberFormat'] as const)
          Object.defineProperty(range, property, {
            set(data: unknown[][]) {
              if (data.length !== rows || data.some((r) => r.length !== columns))
                throw new Error(
                  `${property} of shape ${data.length}×${data[0]?.length} for ${address}`,
                );
              log.writes.push({ sheet: name, address, property, data });
            },
          });
        return range;
      },
      tables: {
        add(range: StubRange, hasHeaders: boolean) {
          const entry = { sheet: name, address: range.address, hasHeaders, style: '' };
          log.tables.push(entry);
          let at = range;
          const table = {
            id: `{stub-table-${++tableIds}}`,
            name: `Table${tableIds}`,
            isNullObject: false,
            load() {},
            set style(v: string) {
              entry.style = v;
            },
            getRange: () => at,
            // As Excel documents it: the header row stays where it is and the new range
            // overlaps the old one.
            resize(to: StubRange) {
              if (to.rowIndex !== at.rowIndex || to.columnIndex !== at.columnIndex)
                throw new Error(`resize of ${at.address} to ${to.address} moves the header row`);
              log.resizes.push({ sheet: name, from: at.address, to: to.address });
              at = to;
              entry.address = to.address;
            },
          };
          tableList.push(table);
          return table;
        },
        getItemOrNullObject(key: string) {
          const t = tableList.find((x) => x.id === key || x.name === key);
          return t ?? { isNullObject: true, load() {} };
        },
      },
      charts: {
        add(type: string, range: StubRange, seriesBy: string) {
          // An Excel that refuses the chart (__failCharts set): the write must take its
          // half-written sheet back.
          if (w.__failCharts) throw new Error('GeneralException: the chart could not be added');
          const entry: ExcelLog['charts'][number] = {
            sheet: name,
            type,
            source: range.address,
            seriesBy,
            title: '',
            valueAxisTitle: '',
            categoryAxisTitle: '',
            labelSpacing: null as number | null,
            markSpacing: null as number | null,
            position: null as string[] | null,
            categories: undefined as string[] | undefined,
            reversePlotOrder: undefined as boolean | undefined,
            legendVisible: undefined as boolean | undefined,
          };
          log.charts.push(entry);
          const text = (key: 'title' | 'valueAxisTitle' | 'categoryAxisTitle') => ({
            set text(v: string) {
              entry[key] = v;
            },
          });
          // By columns: a line chart's first column is its time labels, one series per
          // column after it; the bars' sources are all figures (their labels set apart).
          const seriesCount = type === 'Line' ? range.columnCount - 1 : range.columnCount;
          return {
            title: text('title'),
            legend: {
              position: '',
              set visible(v: boolean) {
                entry.legendVisible = v;
              },
            },
            series: {
              getItemAt(index: number) {
                if (index < 0 || index >= seriesCount)
                  throw new Error(`InvalidArgument: no series ${index} of ${seriesCount}`);
                // Logged once the code styles the series (axis group, line), not when it only
                // names its categories.
                const rec = { index, axisGroup: 'Primary', lineStyle: 'Continuous' };
                const styled = () => {
                  if (!entry.series?.includes(rec)) (entry.series ??= []).push(rec);
                };
                return {
                  set axisGroup(v: string) {
                    styled();
                    rec.axisGroup = v;
                  },
                  format: {
                    line: {
                      set lineStyle(v: string) {
                        styled();
                        rec.lineStyle = v;
                      },
                    },
                  },
                  setXAxisValues(r: { address: string }) {
                    (entry.categories ??= []).push(r.address);
                  },
                };
              },
            },
            axes: {
              valueAxis: { title: text('valueAxisTitle') },
              getItem(type: string, group: string) {
                if (type !== 'Value' || group !== 'Secondary')
                  throw new Error(`stub: axis ${type}/${group} not modelled`);
                return {
                  title: {
                    set text(v: string) {
                      entry.secondaryAxisTitle = v;
                    },
                  },
                };
              },
              categoryAxis: {
                title: text('categoryAxisTitle'),
                set tickLabelSpacing(n: number) {
                  entry.labelSpacing = n;
                },
                set tickMarkSpacing(n: number) {
                  entry.markSpacing = n;
                },
                set reversePlotOrder(v: boolean) {
                  entry.reversePlotOrder = v;
                },
              },
            },
            setPosition(a: string, b: string) {
              entry.position = [a, b];
            },
          };
        },
      },
      freezePanes: {
        freezeRows(n: number) {
          log.frozenRows[name] = n;
        },
      },
      activate() {
        log.activeSheet = name;
      },
    };
    const tableList: { id: string; name: string; isNullObject: boolean }[] = [];
    return sheet;
  }
  const sheets = [makeSheet('Sheet1')];
  const context = {
    workbook: {
      worksheets: {
        items: sheets,
        load() {},
        getItemOrNullObject(name: string) {
          const s = sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
          return {
            isNullObject: !s,
            delete() {
              if (!s) return; // Excel ignores calls on a null object
              sheets.splice(sheets.indexOf(s), 1);
              log.deletedSheets.push(s.name);
            },
          };
        },
        getItem(name: string) {
          // By name or id, as Excel's WorksheetCollection.getItem takes either.
          const s = sheets.find(
            (x) => x.id === name || x.name.toLowerCase() === name.toLowerCase(),
          );
          if (!s) throw new Error(`ItemNotFound: no sheet named ${name}`);
          return s;
        },
        add(name: string) {
          if (sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
            throw new Error(`a sheet named ${name} exists`);
          const s = makeSheet(name);
          sheets.push(s);
          log.sheets.push(name);
          return s;
        },
      },
      application: {
        calculate(type: string) {
          log.calculations.push(type);
        },
      },
    },
    async sync() {
      log.syncs++;
    },
  };
  w.Excel = {
    run: async (fn: (c: typeof context) => unknown) => fn(context),
    ChartType: { line: 'Line', barClustered: 'BarClustered', columnClustered: 'ColumnClustered' },
    ChartSeriesBy: { columns: 'Columns' },
    ChartLegendPosition: { bottom: 'Bottom' },
    ChartAxisGroup: { primary: 'Primary', secondary: 'Secondary' },
    ChartAxisType: { value: 'Value', category: 'Category' },
    ChartLineStyle: { continuous: 'Continuous', dash: 'Dash' },
    CalculationType: { full: 'Full' },
    ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
  };
  const info = { host: 'Excel', platform: 'PC' };
  // A slow Excel (on the web, say) answers onReady late: __officeReadyDelayMs, if set.
  const ready = () =>
    new Promise<typeof info>((resolve) => {
      const delay = Number(w.__officeReadyDelayMs ?? 0);
      if (delay > 0) setTimeout(() => resolve(info), delay);
      else resolve(info);
    });
  w.Office = {
    onReady(cb?: (i: typeof info) => void) {
      return ready().then((i) => {
        if (cb) cb(i);
        return i;
      });
    },
    HostType: { Excel: 'Excel' },
    StartupBehavior: { load: 'Load', none: 'None' },
    context: {
      requirements: {
        // Microsoft 365 Excel: each set answered for itself, unknown sets refused. An
        // older Excel: __excelApiMinor, if set (7: ExcelApi up to 1.7).
        isSetSupported(name: string, version = '1.1') {
          const have: Record<string, number> = {
            ExcelApi: Number(w.__excelApiMinor ?? 19),
            CustomFunctionsRuntime: 5,
            SharedRuntime: 1,
          };
          const [major, minor] = version.split('.').map(Number);
          return name in have && major === 1 && minor <= have[name];
        },
      },
    },
    actions: {
      associate(name: string, fn: ExcelLog['actions'][string]) {
        log.actions[name] = fn;
      },
    },
    addin: {
      async showAsTaskpane() {
        log.shown++;
      },
      // What this workbook was set to load with; __startupBehavior seeds it (a reopening).
      async getStartupBehavior() {
        return String(w.__startupBehavior ?? 'None');
      },
      async setStartupBehavior(behaviour: string) {
        log.startupBehaviors.push(behaviour);
        w.__startupBehavior = behaviour;
      },
      async onVisibilityModeChanged(handler: (args: { visibilityMode: string }) => void) {
        w.__setVisibility = (mode: string) => handler({ visibilityMode: mode });
        return async () => undefined;
      },
    },
  };
  const store = new Map<string, string>();
  w.__officeStorage = store;
  w.OfficeRuntime = {
    storage: {
      async getItems(keys: string[]) {
        const out: Record<string, string | null> = {};
        for (const k of keys) out[k] = store.get(k) ?? null;
        return out;
      },
      async setItems(items: Record<string, string>) {
        for (const [k, v] of Object.entries(items)) store.set(k, v);
      },
      async removeItems(keys: string[]) {
        for (const k of keys) store.delete(k);
      },
      async getKeys() {
        return [...store.keys()];
      },
    },
  };
  class CustomFunctionsError {
    constructor(
      public code: string,
      public message?: string,
    ) {}
  }
  w.CustomFunctions = {
    associate(id: string) {
      log.functions.push(id);
    },
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  };
}

/**
 * Adds a provider with a secret setting to whatever host the bundle publishes (test-only:
 * the built bundle's registry has only the demo meter so far).
 */
export function installTestProvider(): void {
  const w = window as unknown as Record<string, unknown>;
  let real: unknown;
  Object.defineProperty(w, 'meterSheets', {
    configurable: true,
    get: () => real,
    set(api: {
      setHost(h: unknown): void;
      createHost(o: unknown): unknown;
      defaultHostOptions(): Record<string, unknown>;
      builtInProviders: unknown[];
    }) {
      real = api;
      const acme = {
        id: 'acme',
        label: 'Acme Energy',
        fields: [
          {
            key: 'apiKey',
            label: 'API key',
            kind: 'secret',
            required: true,
            help: 'From your Acme account page.',
          },
          { key: 'baseUrl', label: 'Base URL', kind: 'url' },
        ],
        hosts: ['api.acme.test'],
        // eslint-disable-next-line require-yield
        listMeters: function* () {
          return [];
        },
        // eslint-disable-next-line require-yield
        usage: function* () {
          return { intervals: [], carbon: false, cost: false };
        },
      };
      api.setHost(
        api.createHost({ ...api.defaultHostOptions(), providers: [...api.builtInProviders, acme] }),
      );
    },
  });
}
