// How the ribbon commands (commands.js) tell the task pane (taskpane.js) which section to
// show: both run in the same shared-runtime page, so a DOM event on window is enough.
import type { Section } from '../manifest/ribbon';

export const SHOW_SECTION_EVENT = 'meter-sheets:show-section';

export function requestSection(section: Section): void {
  window.dispatchEvent(new CustomEvent<Section>(SHOW_SECTION_EVENT, { detail: section }));
}

/** A line for the task pane's status area from a ribbon command (Refresh's outcome). */
export const STATUS_EVENT = 'meter-sheets:status';

export interface StatusReport {
  text: string;
  kind: 'info' | 'error';
}

export function reportStatus(report: StatusReport): void {
  window.dispatchEvent(new CustomEvent<StatusReport>(STATUS_EVENT, { detail: report }));
}
