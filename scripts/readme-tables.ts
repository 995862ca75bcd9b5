// Writes the README's inputs and outputs tables from action.yml, between the markers
// <!-- inputs:start --> ... <!-- inputs:end --> and <!-- outputs:start --> ... <!-- outputs:end -->.
// action.yml is the single source; readme.test.ts fails when the README drifts from it.
//
//   npx tsx scripts/readme-tables.ts        (rewrites README.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

function inputsTable(action: ActionYml): string {
  const rows = Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
  );
  return ['| input | default | description |', '|---|---|---|', ...rows].join('\n');
}

function outputsTable(action: ActionYml): string {
  const rows = Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  return ['| output | description |', '|---|---|', ...rows].join('\n');
}

export function withTables(readme: string, action: ActionYml): string {
  const replace = (text: string, marker: string, table: string) =>
    text.replace(
      new RegExp(`(<!-- ${marker}:start -->)[\\s\\S]*?(<!-- ${marker}:end -->)`),
      (_m, start: string, end: string) => `${start}\n${table}\n${end}`,
    );
  return replace(replace(readme, 'inputs', inputsTable(action)), 'outputs', outputsTable(action));
}

export const readActionYml = (root: string): ActionYml =>
  parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYml;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const path = join(root, 'README.md');
  writeFileSync(path, withTables(readFileSync(path, 'utf8'), readActionYml(root)));
  console.log('README.md tables rewritten from action.yml');
}
