// The "Meter" ribbon tab, described once: the manifest's buttons and the runtime's
// Office.actions.associate calls are both generated from this list, so a function name
// cannot differ between the two.

export type RibbonAction =
  /** Runs `functionName` in the shared runtime: opens a task pane section, or refreshes. */
  | { kind: 'execute'; functionName: string; effect: 'open-section' | 'refresh' }
  /** Shows the task pane (on its Settings section). */
  | { kind: 'taskpane' };

export interface RibbonButton {
  /** Control id suffix and resource id prefix. */
  key: string;
  label: string;
  tip: string;
  icon: string;
  action: RibbonAction;
  /** The task pane section the button opens. */
  section?: Section;
}

export type Section = 'import' | 'compare' | 'tariffs' | 'settings';

export const TAB_LABEL = 'Meter';
export const GROUP_LABEL = 'Smart meter';

export const RIBBON: RibbonButton[] = [
  {
    key: 'Import',
    label: 'Import usage',
    tip: 'Import a meter’s usage for a period into a new worksheet, as a table.',
    icon: 'import',
    action: { kind: 'execute', functionName: 'meterImportUsage', effect: 'open-section' },
    section: 'import',
  },
  {
    key: 'Compare',
    label: 'Compare profiles',
    tip: 'Average days of two or more periods side by side, with a line chart (January vs July by default).',
    icon: 'compare',
    action: { kind: 'execute', functionName: 'meterCompareProfiles', effect: 'open-section' },
    section: 'compare',
  },
  {
    key: 'Tariffs',
    label: 'Compare tariffs',
    tip: 'What the same usage would have cost on several tariffs, as a table with a bar chart of the total per tariff.',
    icon: 'tariffs',
    action: { kind: 'execute', functionName: 'meterCompareTariffs', effect: 'open-section' },
    section: 'tariffs',
  },
  {
    key: 'Settings',
    label: 'Settings',
    tip: 'Providers, credentials, default meter and time zone, in the task pane.',
    icon: 'settings',
    action: { kind: 'taskpane' },
    section: 'settings',
  },
  {
    key: 'Refresh',
    label: 'Refresh',
    tip: 'Forget cached meter data, recalculate every METER formula and re-run every imported table in place (rolling periods such as last-seven-days move on).',
    icon: 'refresh',
    action: { kind: 'execute', functionName: 'meterRefresh', effect: 'refresh' },
  },
];
