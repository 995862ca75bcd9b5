import { didYouMean, levenshtein } from './did-you-mean.js';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});

describe('didYouMean', () => {
  const allowed = ['agentRuntimeName', 'roleArn', 'networkConfiguration', 'tags', 'environmentVariables'];

  it('finds a typo', () => {
    expect(didYouMean('agentRuntimeNmae', allowed)).toBe('agentRuntimeName');
    expect(didYouMean('tag', allowed)).toBe('tags');
  });

  it('maps snake_case, kebab-case and PascalCase to the camelCase field', () => {
    expect(didYouMean('agent_runtime_name', allowed)).toBe('agentRuntimeName');
    expect(didYouMean('role-arn', allowed)).toBe('roleArn');
    expect(didYouMean('NetworkConfiguration', allowed)).toBe('networkConfiguration');
    expect(didYouMean('environment_varaibles', allowed)).toBe('environmentVariables');
  });

  it('completes a shortened name', () => {
    expect(didYouMean('networkConfig', allowed)).toBe('networkConfiguration');
    expect(didYouMean('environment', allowed)).toBe('environmentVariables');
  });

  it('suggests nothing for a word that is not close to any field', () => {
    expect(didYouMean('foo', allowed)).toBeUndefined();
    expect(didYouMean('imageUri', allowed)).toBeUndefined();
  });
});
