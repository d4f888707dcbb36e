// The XML add-in manifest for Excel, generated so that every URL it names is one the
// build writes and the server serves, and every resid resolves. One shared runtime page
// (lifetime long) hosts the custom functions, the ribbon commands and the task pane.
// Task pane add-ins use VersionOverrides V1_0 (1.1 exists for Outlook only).
import { FUNCTIONS } from '../../../shared/functions/catalog';
import { EXCEL_NAMESPACE, type FunctionSpec } from '../../../shared/functions/spec';
import { iconPath, manifestIcons } from './icons';
import { DEFAULT_ORIGIN } from '../../../excel-addin/manifest/origin';
import { GROUP_LABEL, RIBBON, TAB_LABEL } from '../../../excel-addin/manifest/ribbon';

export { DEFAULT_ORIGIN };

export const ADDIN_ID = '5d0c3f7e-8a41-4c2b-9e6d-2f1a7b9c4e53';
export const PAGE = 'taskpane.html';
export const FUNCTIONS_SCRIPT = 'functions.js';
export const FUNCTIONS_METADATA = 'functions.json';
export const DISPLAY_NAME = 'Meter Sheets';
/** Office shows at most this many characters of an add-in's description. */
export const MAX_DESCRIPTION = 250;

/**
 * What the add-in does, from the function table: every function by its Excel name, the
 * streaming ones said to stream, then what the ribbon adds.
 */
export function addinDescription(functions: FunctionSpec[] = FUNCTIONS): string {
  const name = (f: FunctionSpec) => `${EXCEL_NAMESPACE}.${f.id}`;
  const plain = functions.filter((f) => !f.streaming).map(name);
  const live = functions.filter((f) => f.streaming).map(name);
  const list = (names: string[]) =>
    names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const streams = live.length ? `; ${list(live)} ${live.length > 1 ? 'stream' : 'streams'}` : '';
  // Every name must fit Office's 250 characters, so the ribbon's part is the first to go short.
  return `Smart-meter data in Excel: ${list(plain)}${streams}. Ribbon: imports, profile charts.`;
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `0.1.0` → `0.1.0.0`: the manifest wants four parts. */
export function manifestVersion(version: string): string {
  const parts = version
    .split(/[.-]/)
    .filter((p) => /^\d+$/.test(p))
    .slice(0, 4);
  while (parts.length < 4) parts.push('0');
  return parts.join('.');
}

interface Resources {
  images: [string, string][];
  urls: [string, string][];
  short: [string, string][];
  long: [string, string][];
}

function iconBlock(name: string, res: Resources, origin: string, indent: string): string {
  const lines = [16, 32, 80].map((size) => {
    const id = `${name}.${size}`;
    if (!res.images.some(([i]) => i === id))
      res.images.push([id, `${origin}/${iconPath(name, size)}`]);
    return `${indent}  <bt:Image size="${size}" resid="${id}"/>`;
  });
  return [`${indent}<Icon>`, ...lines, `${indent}</Icon>`].join('\n');
}

function controls(res: Resources, origin: string): string {
  const I = '                ';
  return RIBBON.map((b) => {
    res.short.push([`${b.key}.Label`, b.label]);
    res.long.push([`${b.key}.Tip`, b.tip]);
    const action =
      b.action.kind === 'execute'
        ? `${I}  <Action xsi:type="ExecuteFunction">\n${I}    <FunctionName>${esc(b.action.functionName)}</FunctionName>\n${I}  </Action>`
        : // No <TaskpaneId>: with a shared runtime there is one task pane, and Microsoft
          // advises that no action name one (an id would make it a second pane).
          `${I}  <Action xsi:type="ShowTaskpane">\n${I}    <SourceLocation resid="Shared.Url"/>\n${I}  </Action>`;
    return [
      `${I}<Control xsi:type="Button" id="MeterSheets.${b.key}">`,
      `${I}  <Label resid="${b.key}.Label"/>`,
      `${I}  <Supertip>`,
      `${I}    <Title resid="${b.key}.Label"/>`,
      `${I}    <Description resid="${b.key}.Tip"/>`,
      `${I}  </Supertip>`,
      iconBlock(b.icon, res, origin, I + '  '),
      action,
      `${I}</Control>`,
    ].join('\n');
  }).join('\n');
}

/** The <Resources> lists, in the order the schema fixes: images, URLs, short and long strings. */
function resourceLists(res: Resources): string {
  const lists: [list: string, entry: string, entries: [string, string][]][] = [
    ['Images', 'Image', res.images],
    ['Urls', 'Url', res.urls],
    ['ShortStrings', 'String', res.short],
    ['LongStrings', 'String', res.long],
  ];
  const I = '      ';
  return lists
    .map(([list, entry, entries]) =>
      [
        `${I}<bt:${list}>`,
        ...entries.map(
          ([id, v]) => `${I}  <bt:${entry} id="${esc(id)}" DefaultValue="${esc(v)}"/>`,
        ),
        `${I}</bt:${list}>`,
      ].join('\n'),
    )
    .join('\n');
}

/** The manifest for an add-in served at `origin` (DEFAULT_ORIGIN by default: origin.ts). */
export function manifestXml(origin: string = DEFAULT_ORIGIN, version = '0.1.0'): string {
  const o = origin.replace(/\/+$/, '');
  const res: Resources = {
    images: [],
    urls: [
      ['Shared.Url', `${o}/${PAGE}`],
      ['Functions.Script.Url', `${o}/${FUNCTIONS_SCRIPT}`],
      ['Functions.Metadata.Url', `${o}/${FUNCTIONS_METADATA}`],
      ['GetStarted.Url', `${o}/${PAGE}`],
    ],
    short: [
      ['Functions.Namespace', EXCEL_NAMESPACE],
      ['GetStarted.Title', 'Meter Sheets is ready'],
      ['Tab.Label', TAB_LABEL],
      ['Group.Label', GROUP_LABEL],
    ],
    long: [
      [
        'GetStarted.Description',
        'Open the Meter tab to import usage or compare profiles, or type =METER.USAGE("2024-01", "2024-01", "profile") in a cell.',
      ],
    ],
  };
  const groupIcon = iconBlock('icon', res, o, '              ');
  const buttons = controls(res, o);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/build/excel-addin.mjs from excel-addin/manifest/. Do not edit. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${manifestVersion(version)}</Version>
  <ProviderName>meter-sheets</ProviderName>
  <DefaultLocale>en-GB</DefaultLocale>
  <DisplayName DefaultValue="${DISPLAY_NAME}"/>
  <Description DefaultValue="${esc(addinDescription())}"/>
  <IconUrl DefaultValue="${o}/${iconPath('icon', 32)}"/>
  <HighResolutionIconUrl DefaultValue="${o}/${iconPath('icon', 64)}"/>
  <SupportUrl DefaultValue="${o}/${PAGE}"/>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="SharedRuntime" MinVersion="1.1"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${o}/${PAGE}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <Runtimes>
          <Runtime resid="Shared.Url" lifetime="long"/>
        </Runtimes>
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script>
              <SourceLocation resid="Functions.Script.Url"/>
            </Script>
            <Page>
              <SourceLocation resid="Shared.Url"/>
            </Page>
            <Metadata>
              <SourceLocation resid="Functions.Metadata.Url"/>
            </Metadata>
            <Namespace resid="Functions.Namespace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="GetStarted.Url"/>
          </GetStarted>
          <FunctionFile resid="Shared.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <CustomTab id="MeterSheets.Tab">
              <Group id="MeterSheets.Group">
                <Label resid="Group.Label"/>
${groupIcon}
${buttons}
              </Group>
              <Label resid="Tab.Label"/>
            </CustomTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
${resourceLists(res)}
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}

/** Every file the manifest points at, as paths under the served root (for the build's checks). */
export function manifestPaths(): string[] {
  return [PAGE, FUNCTIONS_SCRIPT, FUNCTIONS_METADATA, ...manifestIcons().map((i) => i.path)];
}
