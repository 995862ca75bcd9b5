import { hasPath, valueAt, withoutIndexes } from './api-path.js';

describe('api paths', () => {
  const spec = {
    networkConfiguration: { networkModeConfig: { subnets: ['subnet-a', 'subnet-b'] } },
    environmentVariables: { 'MY.KEY': 'x', MY: 'y' },
  };

  it('walks objects and list items', () => {
    expect(valueAt(spec, 'networkConfiguration.networkModeConfig.subnets[1]')).toBe('subnet-b');
    expect(hasPath(spec, 'networkConfiguration.networkModeConfig.subnets[2]')).toBe(false);
    expect(hasPath(spec, 'networkConfiguration.networkMode')).toBe(false);
  });

  it('prefers the longest map key, so keys may contain dots', () => {
    expect(valueAt(spec, 'environmentVariables.MY.KEY')).toBe('x');
    expect(valueAt(spec, 'environmentVariables.MY')).toBe('y');
  });

  it('drops list indexes for per-field rules', () => {
    expect(withoutIndexes('a.b[12].c[0]')).toBe('a.b[].c[]');
  });
});
