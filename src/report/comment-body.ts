// The ONE module that writes and reads PR comment bodies (the rest of the code never does string
// surgery on them). A body is a hidden header line, then the plan markdown, cut to fit GitHub's limit:
//   <!-- agentcore-deploy {"v":1,"key":"<runtimeName>@<region>","planHash":"<sha256>"} -->
// The key finds our comment for this runtime again; the plan hash identifies the reviewed plan, which a
// deploy with `require-reviewed-plan` compares with its own. Once that deploy has applied it, the header
// also records where (`"applied":{"run":"<url>","version":"3"}`) and a status line under it says so.
import { isPlainObject } from '../plan/canonical-json.js';
import type { Plan } from '../plan/plan.js';
import { safeUrl } from './escape-markdown.js';

/** GitHub rejects comment bodies longer than this. */
export const COMMENT_LIMIT = 65_536;
const MARKER = 'agentcore-deploy';
const HEADER_VERSION = 1;

export interface CommentHeader {
  v: number;
  key: string;
  planHash: string;
  /** Set by the deploy that applied this plan. */
  applied?: AppliedPlan;
}

export interface AppliedPlan {
  /** Link to the run that deployed it. */
  run: string;
  version: string;
}

/** Identifies the comment of one runtime: the same name in another region is another comment. */
export function commentKey(runtimeName: string, region: string): string {
  return `${runtimeName}@${region}`;
}

/** The hash the header carries: the plan's own (plan/plan-hash.ts says what it covers). */
export function planHash(plan: Plan): string {
  return plan.hash;
}

export function buildCommentBody(input: {
  key: string;
  planHash: string;
  markdown: string;
  summaryUrl?: string;
  /** For tests; GitHub's limit otherwise. */
  limit?: number;
}): string {
  const header = headerLine({ v: HEADER_VERSION, key: input.key, planHash: input.planHash });
  // Bytes, not characters: GitHub's count is never larger than the UTF-8 size, whichever unit it uses.
  const budget = (input.limit ?? COMMENT_LIMIT) - byteLength(header) - 1;
  return `${header}\n${fitMarkdown(input.markdown, budget, safeUrl(input.summaryUrl))}`;
}

/** The header of a body we wrote, or undefined for anyone else's comment (or an unreadable one). */
export function parseCommentHeader(body: string): CommentHeader | undefined {
  const firstLine = body
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]
    .trim();
  const match = new RegExp(`^<!--\\s*${MARKER}\\s+(\\{.*\\})\\s*-->$`).exec(firstLine);
  if (!match) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed)) return undefined;
  const { v, key, planHash: hash } = parsed;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return undefined;
  if (typeof key !== 'string' || key === '' || typeof hash !== 'string') return undefined;
  const { applied } = parsed;
  const appliedOk =
    isPlainObject(applied) && typeof applied.run === 'string' && typeof applied.version === 'string';
  return {
    v,
    key,
    planHash: hash,
    ...(appliedOk && { applied: { run: applied.run as string, version: applied.version as string } }),
  };
}

const APPLIED_LINE = /^> ✅ applied in .* at version .*$/;

/**
 * The body with the plan marked as applied: the header records it, and a status line under the header
 * says "applied in <run link> at version N" (replacing an earlier one).
 */
export function markApplied(body: string, applied: AppliedPlan): string {
  const [first, ...rest] = body.replace(/^\uFEFF/, '').split('\n');
  const header = parseCommentHeader(first);
  if (!header) throw new Error('markApplied: not a comment this action wrote');
  const link = safeUrl(applied.run);
  const where = link ? `[${link}](${link})` : 'this run';
  const status = `> ✅ applied in ${where} at version ${applied.version.replace(/[^\w.-]/g, '')}`;
  const plan = rest[0] !== undefined && APPLIED_LINE.test(rest[0]) ? rest.slice(2) : rest;
  return [headerLine({ ...header, applied }), status, '', ...plan].join('\n');
}

/** What a reviewer read: the plan markdown of a body, without its header and status line. */
export function reviewedMarkdownOf(body: string): string {
  const lines = body
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1);
  return (lines[0] !== undefined && APPLIED_LINE.test(lines[0]) ? lines.slice(2) : lines).join('\n');
}

function headerLine(header: CommentHeader): string {
  // `<`, `>` and `&` as JSON escapes: no value can end the HTML comment early ("-->").
  const json = JSON.stringify(header).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- ${MARKER} ${json} -->`;
}

/**
 * The markdown itself when it fits in `budget` bytes; otherwise as many whole lines as fit, then
 * whatever closes the constructs left open at the cut (a code fence, a table, <details> blocks), then a
 * note that points to the job summary.
 */
function fitMarkdown(markdown: string, budget: number, summaryUrl: string | undefined): string {
  if (byteLength(markdown) <= budget) return markdown;
  const lines = markdown.split('\n');
  const state: OpenBlocks = { fence: undefined, details: 0, table: false };
  let best = { kept: 0, state: { ...state } };
  let used = 0;
  for (let kept = 1; kept <= lines.length; kept++) {
    used += byteLength(lines[kept - 1]) + 1;
    track(state, lines[kept - 1]);
    if (used + byteLength(tailAfterCut(state, lines.length - kept, summaryUrl)) > budget) break;
    best = { kept, state: { ...state } };
  }
  const kept = lines.slice(0, best.kept).join('\n');
  return kept + tailAfterCut(best.state, lines.length - best.kept, summaryUrl);
}

interface OpenBlocks {
  /** The fence that opened the code block we are in (``` or ~~~, maybe longer). */
  fence: string | undefined;
  details: number;
  table: boolean;
}

function track(state: OpenBlocks, line: string): void {
  if (state.fence !== undefined) {
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1][0] === state.fence[0] && close[1].length >= state.fence.length)
      state.fence = undefined;
    return;
  }
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (open) {
    state.fence = open[1];
    state.table = false;
    return;
  }
  // Only tags at the start of a line are HTML blocks; text inside table cells is not.
  if (/^\s*<details[\s>]/i.test(line)) state.details++;
  if (/^\s*<\/details>/i.test(line)) state.details = Math.max(0, state.details - 1);
  state.table = line.trimStart().startsWith('|');
}

function tailAfterCut(state: OpenBlocks, more: number, summaryUrl: string | undefined): string {
  // A blank line ends a table or paragraph; </details> needs one before it to count as HTML again.
  let tail = state.fence !== undefined ? `\n${state.fence}\n` : '\n';
  for (let i = 0; i < state.details; i++) tail += '\n</details>\n';
  const where = summaryUrl
    ? `the full plan is in the job summary of this run: <${summaryUrl}>`
    : 'the full plan is in the job summary of this run.';
  const lines = more === 1 ? '1 more line' : `${more.toLocaleString('en-US')} more lines`;
  return `${tail}\n> [!NOTE]\n> ✂️ Plan truncated: ${lines}; ${where}\n`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Whether an existing comment already says what a new body says. The link to the run's job summary
 * changes with every run; a new run with the same plan is no reason to edit the comment (and notify).
 */
export function sameCommentContent(existing: string, next: string): boolean {
  const withoutRunLinks = (body: string) =>
    body.replace(/\/actions\/runs\/\d+(\/attempts\/\d+)?/g, '/actions/runs/…');
  return withoutRunLinks(existing) === withoutRunLinks(next);
}
