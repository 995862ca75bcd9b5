import { join } from 'node:path';
import { loadConfigFile, type ConfigFile } from './config-file.js';
import { makeWorkspace, removeWorkspaces } from './fixtures/workspace.js';

afterAll(removeWorkspaces);

function load(name: string, text: string): ConfigFile {
  const result = loadConfigFile(name, makeWorkspace({ [name]: text }));
  expect(result.errors).toEqual([]);
  return result.file!;
}

describe('loadConfigFile', () => {
  it('reads YAML from .yml/.yaml and JSON from .json', () => {
    expect(load('a.yml', 'agentRuntimeName: a\n').document).toEqual({ agentRuntimeName: 'a' });
    expect(load('a.yaml', 'tags: {team: x}\n').document).toEqual({ tags: { team: 'x' } });
    expect(load('a.json', '{"agentRuntimeName": "j"}').document).toEqual({ agentRuntimeName: 'j' });
  });

  it('tries JSON then YAML for other extensions', () => {
    expect(load('agent.conf', '{"agentRuntimeName": "j"}').document).toEqual({ agentRuntimeName: 'j' });
    expect(load('agent', 'agentRuntimeName: y\n').document).toEqual({ agentRuntimeName: 'y' });
  });

  it('resolves the path against GITHUB_WORKSPACE, not the current directory', () => {
    const workspace = makeWorkspace({ 'deploy/agent.yaml': 'agentRuntimeName: nested\n' });
    const result = loadConfigFile('deploy/agent.yaml', workspace);
    expect(result.file?.document).toEqual({ agentRuntimeName: 'nested' });
    expect(result.file?.path).toBe('deploy/agent.yaml');
  });

  it('treats a key without a value as not set, and ignores a byte order mark', () => {
    expect(load('a.yaml', '\uFEFFdescription:\nagentRuntimeName: a\n').document).toEqual({
      agentRuntimeName: 'a',
    });
  });

  it('says where it looked for a missing file', () => {
    const workspace = makeWorkspace();
    const { errors } = loadConfigFile('agent.yaml', workspace);
    expect(errors).toEqual([
      {
        field: 'config-file',
        file: 'agent.yaml',
        message: expect.stringContaining(`${join(workspace, 'agent.yaml')} does not exist`),
      },
    ]);
    expect(errors[0].message).toContain(`resolved against GITHUB_WORKSPACE (${workspace})`);
  });

  it('rejects a directory, and a relative path when GITHUB_WORKSPACE is unset', () => {
    const workspace = makeWorkspace({ 'dir/x.yaml': '' });
    expect(loadConfigFile('dir', workspace).errors[0].message).toContain('is a directory');
    expect(loadConfigFile('agent.yaml', undefined).errors[0].message).toContain(
      'GITHUB_WORKSPACE is not set',
    );
  });

  it('reports malformed YAML with line and column, without quoting the source', () => {
    const workspace = makeWorkspace({ 'a.yaml': 'environmentVariables:\n  TOKEN: hunter2: more\n' });
    const { errors } = loadConfigFile('a.yaml', workspace);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'config-file', file: 'a.yaml', line: 2, column: 10 });
    expect(errors[0].message).toMatch(/^a\.yaml is not valid YAML: .* at line 2, column 10/);
    expect(errors[0].message).not.toContain('hunter2');
  });

  it('cuts the offending text from YAML messages that quote it', () => {
    const { errors } = loadConfigFile('a.yaml', makeWorkspace({ 'a.yaml': 'A: | hunter2\n  x\n' }));
    expect(errors[0].message).toBe('a.yaml is not valid YAML: Not a YAML token at line 1, column 6');
  });

  it.each([
    ['a missing comma', '{\n  "a": "hunter2"\n  "b": 1\n}', 3, 3],
    ['a bare word', '{\n  "a": hunter2\n}', 2, 8],
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1],
    ['an unterminated object', '{\n  "a": "hunter2"', 2, 17],
  ])(
    'reports malformed JSON (%s) with line and column, without quoting the source',
    (_, text, line, column) => {
      const { errors } = loadConfigFile('a.json', makeWorkspace({ 'a.json': text }));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ field: 'config-file', file: 'a.json', line, column });
      expect(errors[0].message).toMatch(/^a\.json is not valid JSON: .* at line \d+, column \d+$/);
      expect(errors[0].message).not.toContain('hunter2');
    },
  );

  it('requires a mapping at the top', () => {
    for (const text of ['- a\n', 'just text\n', '']) {
      const { errors } = loadConfigFile('a.yaml', makeWorkspace({ 'a.yaml': text }));
      expect(errors[0].message).toContain('must hold a mapping of CreateAgentRuntime fields');
    }
  });
});

describe('ConfigFile.locate', () => {
  const yaml = [
    'agentRuntimeName: a', // 1
    'networkConfiguration:', // 2
    '  networkModeConfig:', // 3
    '    subnets:', // 4
    '      - subnet-a', // 5
    '      - subnet-b', // 6
    'environmentVariables:', // 7
    '  MY.DOTTED.KEY: x', // 8
  ].join('\n');

  it('points at scalars, list items and map entries whose keys contain dots', () => {
    const file = load('a.yaml', yaml);
    expect(file.locate('agentRuntimeName')).toEqual({ line: 1, column: 19 });
    expect(file.locate('networkConfiguration.networkModeConfig.subnets[1]')).toEqual({ line: 6, column: 9 });
    expect(file.locate('environmentVariables.MY.DOTTED.KEY')).toEqual({ line: 8, column: 18 });
    expect(file.locate('environmentVariables.MY.DOTTED.KEY', 'key')).toEqual({ line: 8, column: 3 });
  });

  it('points at the key of an object, and at the nearest written ancestor of a missing field', () => {
    const file = load('a.yaml', yaml);
    expect(file.locate('networkConfiguration.networkModeConfig')).toEqual({ line: 3, column: 3 });
    expect(file.locate('networkConfiguration.networkModeConfig.securityGroups')).toEqual({
      line: 3,
      column: 3,
    });
    expect(file.locate('roleArn')).toBeUndefined();
  });

  it('works for JSON files', () => {
    const file = load('a.json', '{\n  "tags": {\n    "team": "x"\n  }\n}');
    expect(file.locate('tags.team')).toEqual({ line: 3, column: 13 });
  });
});
