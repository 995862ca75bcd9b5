// The plan as people read it in a PR comment and the job summary: what will happen in one headline,
// anything destructive called out before the details, then every change in tables. All values from the
// config or from AWS pass through escape-markdown.ts; environment variable values are never shown.
import { tagChangeCount } from '../plan/diff.js';
import type { FieldChange, Plan, TagChanges } from '../plan/plan.js';
import { SERVICE_DEFAULTS } from '../plan/normalize.js';
import { planHash } from './comment-body.js';
import { escapeText, inlineCode, safeUrl, shorten } from './escape-markdown.js';

export interface RenderOptions {
  /** Plans with more changes than this start collapsed (default 20). */
  detailsThreshold?: number;
  /** Link to the job summary of the run, shown in the footer. */
  summaryLink?: string;
  /**
   * `changes` renders only what changed, for a deploy summary that has already said what was done: no
   * headline or warnings in the future tense.
   */
  as?: 'plan' | 'changes';
  /** The release block (release-plan-markdown.ts): endpoint moves and the smoke test, after the headline. */
  release?: string;
}

const DEFAULT_DETAILS_THRESHOLD = 20;
/** Longer values (a 4096-character description) are cut in tables; the plan JSON has them whole. */
const MAX_VALUE_CHARS = 120;
/** Removed fields listed by name in the warning; the tables below list all of them. */
const MAX_LISTED_REMOVALS = 10;
const ENV_PREFIX = 'environmentVariables';

const MARK = { add: '➕', change: '✏️', clear: '⚠️' } as const;

export function renderPlanMarkdown(plan: Plan, options: RenderOptions = {}): string {
  const threshold = options.detailsThreshold ?? DEFAULT_DETAILS_THRESHOLD;
  const envChanges = plan.fieldChanges.filter(isEnvChange);
  const settingChanges = plan.fieldChanges.filter((c) => !isEnvChange(c));
  const tagCount = tagChangeCount(plan.tagChanges);
  const total = plan.fieldChanges.length + tagCount;

  const blocks: string[] = [];
  if (options.as !== 'changes') {
    blocks.push(headline(plan), context(plan));
    if (plan.artifactNotes.length > 0) blocks.push(plan.artifactNotes.map((n) => `📦 ${n}`).join('\n\n'));
    if (options.release) blocks.push(options.release);
    if (plan.replacementReasons.length > 0) blocks.push(replacementCaution(plan));
    // A create removes nothing; a replacement deploys nothing, so nothing is removed either.
    const removal = plan.operation === 'update' ? removalWarning(plan.fieldChanges) : undefined;
    if (removal) blocks.push(removal);
  }
  if (options.as === 'changes' && plan.artifactNotes.length > 0)
    blocks.push(plan.artifactNotes.map((n) => `📦 ${n}`).join('\n\n'));
  if (total > 0) {
    const columns = options.as === 'changes' ? '| Before | After |' : '| Now | After this deploy |';
    const body = [
      settingChanges.length > 0 ? settingsTable(settingChanges, plan.operation === 'create', columns) : '',
      envChanges.length > 0 ? envSection(envChanges, plan.operation === 'create') : '',
      tagCount > 0 ? tagSection(plan.tagChanges, plan.operation === 'create', columns) : '',
      ...settingChanges.map(listItems),
    ].filter(Boolean);
    const open = total <= threshold ? ' open' : '';
    blocks.push(`<details${open}>\n<summary>${summaryCounts(plan)}</summary>`, ...body, '</details>');
  }
  if (plan.operation === 'create') {
    const defaults = defaultsNote(plan.fieldChanges);
    if (defaults) blocks.push(defaults);
  }
  if (plan.assumedUnchanged.length > 0) blocks.push(assumedUnchangedNote(plan.assumedUnchanged));
  if (!plan.tagChanges.managed) blocks.push(unmanagedTagsNote(plan));
  blocks.push(footer(plan, options.summaryLink));
  return `${blocks.join('\n\n')}\n`;
}

function headline(plan: Plan): string {
  const name = inlineCode(plan.runtimeName, 'prose');
  switch (plan.operation) {
    case 'create':
      return `### ✨ ${name} will be created`;
    case 'none':
      return `### ✅ ${name}: no changes`;
    case 'replace':
      return `### ⛔ ${name}: REPLACEMENT REQUIRED`;
    case 'update':
      if (plan.retryOfFailed)
        return `### 🔁 ${name}: retry of a failed deploy — ${nextVersion(plan)}, \`DEFAULT\` endpoint moves to it`;
      return plan.newVersion
        ? `### 🔄 ${name} will be updated in place — ${nextVersion(plan)}, \`DEFAULT\` endpoint moves to it`
        : `### 🏷️ ${name}: tags will be updated — no new version`;
  }
}

function context(plan: Plan): string {
  const region = inlineCode(plan.region, 'prose');
  const current = plan.current;
  if (!current)
    return `New AgentCore Runtime in ${region}. It starts at version 1, which the \`DEFAULT\` endpoint serves.`;
  const where = `Runtime ${inlineCode(current.id || plan.runtimeName, 'prose')} in ${region}`;
  const now = `version ${escapeText(current.version)} (${inlineCode(current.status || 'status unknown', 'prose')})`;
  switch (plan.operation) {
    case 'none':
      return `${where} already matches the configuration at ${now}. Nothing will be deployed.`;
    case 'replace':
      return `${where}, now at ${now}, cannot be updated in place. **Deploying this configuration fails without changing anything** until the problem below is resolved.`;
    default:
      if (plan.retryOfFailed)
        return `${where} is at ${now}: its last deploy failed, and it already matches the configuration. The same configuration is deployed again as a new version (a failure for a passing reason, such as an image pushed late or a role not yet usable, is retried this way).`;
      return plan.newVersion
        ? `${where}, now at ${now}. Every update makes a new immutable version; endpoints other than \`DEFAULT\` stay where they are.`
        : `${where} stays at ${now}: only its tags change (TagResource / UntagResource), which makes no new version.`;
  }
}

function nextVersion(plan: Plan): string {
  const version = plan.current?.version ?? '';
  return /^\d+$/.test(version) ? `new version ${Number(version) + 1}` : 'new version';
}

function replacementCaution(plan: Plan): string {
  const reasons = plan.replacementReasons.map((reason) => `> - ${oneLine(reason)}`);
  return [
    '> [!CAUTION]',
    '> **The runtime must be replaced, which this action does not do:**',
    ...reasons,
  ].join('\n');
}

function removalWarning(changes: FieldChange[]): string | undefined {
  const removed = changes.filter((c) => c.action === 'clear');
  if (removed.length === 0) return undefined;
  const listed = removed.slice(0, MAX_LISTED_REMOVALS).map((c) => {
    const fallback = SERVICE_DEFAULTS[c.path];
    return `> - ${inlineCode(c.path, 'prose')}${fallback === undefined ? '' : ` (back to the default ${inlineCode(String(fallback), 'prose')})`}`;
  });
  if (removed.length > MAX_LISTED_REMOVALS)
    listed.push(`> - … and ${removed.length - MAX_LISTED_REMOVALS} more, in the tables below`);
  const one = removed.length === 1;
  const what = one ? '1 setting will be removed' : `${removed.length} settings will be removed`;
  const them = one ? 'it' : 'them';
  return [
    '> [!WARNING]',
    `> **${what}.** The runtime has ${them} but the configuration does not, and UpdateAgentRuntime replaces the whole configuration. To keep ${them}, add ${them} to the configuration:`,
    ...listed,
  ].join('\n');
}

function settingsTable(changes: FieldChange[], creating: boolean, columns: string): string {
  if (creating)
    return [
      '| Setting | Value |',
      '|---|---|',
      ...changes.map((c) => `| ${inlineCode(c.path)} | ${shown(c, 'after')} |`),
    ].join('\n');
  const rows = changes.map(
    (c) => `| ${MARK[c.action]} | ${inlineCode(c.path)} | ${beforeCell(c)} | ${afterCell(c)} |`,
  );
  return [`| | Setting ${columns}`, '|:-:|---|---|---|', ...rows].join('\n');
}

function beforeCell(c: FieldChange): string {
  if (c.action !== 'add') return shown(c, 'before');
  const fallback = SERVICE_DEFAULTS[c.path];
  return fallback === undefined ? '_not set_' : `${inlineCode(String(fallback))} _(default)_`;
}

function afterCell(c: FieldChange): string {
  if (c.action !== 'clear') return shown(c, 'after');
  const fallback = SERVICE_DEFAULTS[c.path];
  return fallback === undefined ? '**removed**' : `${inlineCode(String(fallback))} _(reset to the default)_`;
}

function shown(c: FieldChange, side: 'before' | 'after'): string {
  return c.sensitive ? '_hidden_' : value(c[side]);
}

/** A config value in a table cell: one line, in a code span, cut when long. */
function value(v: unknown): string {
  if (v === undefined) return '_not set_';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const { text: head, omitted } = shorten(text, MAX_VALUE_CHARS);
  return omitted === 0
    ? inlineCode(head)
    : `${inlineCode(`${head}…`)} _(${omitted.toLocaleString('en-US')} more characters)_`;
}

/**
 * A list too long for its table cell (hundreds of allowed clients, say) is spelled out item by item, so a
 * reviewer sees exactly which entries come and go.
 */
function listItems(c: FieldChange): string {
  if (c.sensitive) return '';
  const before = Array.isArray(c.before) ? c.before : [];
  const after = Array.isArray(c.after) ? c.after : [];
  if (before.length + after.length === 0 || JSON.stringify(c.before ?? c.after).length <= MAX_VALUE_CHARS)
    return '';
  const key = (item: unknown) => JSON.stringify(item);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const added = after.filter((item) => !had.has(key(item)));
  const removed = before.filter((item) => !has.has(key(item)));
  const item = (mark: string, v: unknown) =>
    `- ${mark} ${inlineCode(typeof v === 'string' ? v : JSON.stringify(v), 'prose')}`;
  return [
    `${inlineCode(c.path, 'prose')}: ${added.length} added, ${removed.length} removed, ${after.length - added.length} kept`,
    '',
    ...added.map((v) => item(MARK.add, v)),
    ...removed.map((v) => item(MARK.clear, v)),
  ].join('\n');
}

function envSection(changes: FieldChange[], creating: boolean): string {
  const title = '**Environment variables** (values are never shown)';
  if (creating) return `${title}: ${changes.map((c) => inlineCode(envName(c.path), 'prose')).join(', ')}`;
  const effect = { add: 'added', change: 'value changed (hidden)', clear: '**removed**' } as const;
  const rows = changes.map(
    (c) => `| ${MARK[c.action]} | ${inlineCode(envName(c.path))} | ${effect[c.action]} |`,
  );
  return [title, '', '| | Variable | Change |', '|:-:|---|---|', ...rows].join('\n');
}

function tagSection(tags: TagChanges, creating: boolean, columns: string): string {
  if (creating) {
    const rows = Object.entries(tags.add).map(([k, v]) => `| ${inlineCode(k)} | ${value(v)} |`);
    return ['**Tags**', '', '| Tag | Value |', '|---|---|', ...rows].join('\n');
  }
  const rows = [
    ...Object.entries(tags.add).map(
      ([k, v]) => `| ${MARK.add} | ${inlineCode(k)} | _not set_ | ${value(v)} |`,
    ),
    ...Object.entries(tags.change).map(
      ([k, { before, after }]) =>
        `| ${MARK.change} | ${inlineCode(k)} | ${value(before)} | ${value(after)} |`,
    ),
    ...tags.remove.map((k) => `| ${MARK.clear} | ${inlineCode(k)} | _set_ | **removed** |`),
  ];
  const note = tags.remove.length > 0 ? ' (the runtime keeps exactly the tags in the configuration)' : '';
  return [`**Tags**${note}`, '', `| | Tag ${columns}`, '|:-:|---|---|---|', ...rows].join('\n');
}

function assumedUnchangedNote(paths: string[]): string {
  const fields = paths.map((p) => inlineCode(p, 'prose')).join(', ');
  return `_Not reported by the service: assumed unchanged:_ ${fields}. _They are sent as configured with every update._`;
}

function unmanagedTagsNote(plan: Plan): string {
  return plan.current
    ? '_Tags are not managed: the configuration has no `tags`, so the runtime keeps the tags it has._'
    : '_No tags: the configuration has no `tags`._';
}

function summaryCounts(plan: Plan): string {
  const counted = (items: [number, string][]) =>
    items.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const count = (action: FieldChange['action']) =>
    plan.fieldChanges.filter((c) => c.action === action).length;
  const t = plan.tagChanges;
  const tags = counted([
    [Object.keys(t.add).length, 'to add'],
    [Object.keys(t.change).length, 'to change'],
    [t.remove.length, 'to remove'],
  ]);
  const parts = [];
  // Terraform's "N to add, N to change, N to remove", which reviewers scan for.
  if (plan.fieldChanges.length > 0)
    parts.push(`${count('add')} to add, ${count('change')} to change, ${count('clear')} to remove`);
  if (tags.length > 0) parts.push(`tags: ${tags.join(', ')}`);
  return `<b>Plan:</b> ${parts.join('; ')}`;
}

/** What a new runtime gets without asking, so the create plan does not hide its network mode. */
function defaultsNote(changes: FieldChange[]): string | undefined {
  const set = new Set(changes.map((c) => c.path));
  const defaults = Object.entries(SERVICE_DEFAULTS)
    .filter(([path]) => !set.has(path))
    .map(([path, v]) => `${inlineCode(path, 'prose')} = ${inlineCode(String(v), 'prose')}`);
  return defaults.length > 0
    ? `_Service defaults apply to the settings not listed:_ ${defaults.join(', ')}.`
    : undefined;
}

function footer(plan: Plan, summaryLink: string | undefined): string {
  const link = safeUrl(summaryLink);
  const parts = [`agentcore-deploy plan ${inlineCode(planHash(plan).slice(0, 12), 'prose')}`];
  if (link) parts.push(`[job summary](${link})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

function isEnvChange(c: FieldChange): boolean {
  return c.path.startsWith(`${ENV_PREFIX}.`) || c.path.startsWith(`${ENV_PREFIX}[`);
}

/** `environmentVariables.API_KEY` -> `API_KEY`; `environmentVariables["MY.VAR"]` -> `MY.VAR`. */
function envName(path: string): string {
  const rest = path.slice(ENV_PREFIX.length);
  return rest.startsWith('.') ? rest.slice(1) : (JSON.parse(rest.slice(1, -1)) as string);
}

/** Our own sentences may hold code spans; a line break would end the blockquote. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
