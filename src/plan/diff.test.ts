import type { AgentRuntimeSpec } from '../spec/types.js';
import { diffSpecs, diffTags, type FieldChange } from './diff.js';
import { describePath, pathOf } from './model-paths.js';
import { normalizeSpec } from './normalize.js';
import { containerSpec, IMAGE } from './test-fixtures.js';

const diff = (before: AgentRuntimeSpec, after: AgentRuntimeSpec): FieldChange[] =>
  diffSpecs(normalizeSpec(before), normalizeSpec(after));
const paths = (changes: FieldChange[]) => changes.map((c) => `${c.action} ${c.path}`);

describe('diffSpecs', () => {
  it('finds nothing between equal specs', () => {
    expect(diff(containerSpec(), containerSpec())).toEqual([]);
  });

  it('names the leaf that changed, with before and after', () => {
    const changes = diff(
      containerSpec(),
      containerSpec({ agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:1.5.0` } } }),
    );
    expect(changes).toEqual([
      {
        path: 'agentRuntimeArtifact.containerConfiguration.containerUri',
        action: 'change',
        before: `${IMAGE}:1.4.2`,
        after: `${IMAGE}:1.5.0`,
        sensitive: false,
      },
    ]);
  });

  it('reports a field the runtime has and the config lacks as a clear (the update will remove it)', () => {
    const changes = diff(
      containerSpec({ lifecycleConfiguration: { maxLifetime: 3600 } }),
      containerSpec({ description: undefined }),
    );
    expect(changes).toEqual([
      { path: 'description', action: 'clear', before: 'Answers support questions', sensitive: false },
      { path: 'lifecycleConfiguration.maxLifetime', action: 'clear', before: 3600, sensitive: false },
    ]);
  });

  it('walks a new nested object down to its leaves, in model order', () => {
    const changes = diff(
      containerSpec(),
      containerSpec({
        authorizerConfiguration: {
          customJWTAuthorizer: {
            allowedClients: ['client-a'],
            discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
          },
        },
      }),
    );
    expect(paths(changes)).toEqual([
      'add authorizerConfiguration.customJWTAuthorizer.discoveryUrl',
      'add authorizerConfiguration.customJWTAuthorizer.allowedClients',
    ]);
    expect(changes[1].after).toEqual(['client-a']);
  });

  it('compares lists whole; order counts for entry points but not for subnets', () => {
    const code = (entryPoint: string[]): AgentRuntimeSpec =>
      containerSpec({
        agentRuntimeArtifact: {
          codeConfiguration: {
            code: { s3: { bucket: 'b-1', prefix: 'p' } },
            runtime: 'PYTHON_3_13',
            entryPoint,
          },
        },
      });
    expect(
      paths(
        diff(code(['main.py', 'opentelemetry-instrument']), code(['opentelemetry-instrument', 'main.py'])),
      ),
    ).toEqual(['change agentRuntimeArtifact.codeConfiguration.entryPoint']);
    const vpc = (subnets: string[]): AgentRuntimeSpec =>
      containerSpec({
        networkConfiguration: {
          networkMode: 'VPC',
          networkModeConfig: { securityGroups: ['sg-0123456789abcdef0'], subnets },
        },
      });
    expect(
      diff(vpc(['subnet-aaaaaaaa1', 'subnet-bbbbbbbb2']), vpc(['subnet-bbbbbbbb2', 'subnet-aaaaaaaa1'])),
    ).toEqual([]);
    expect(paths(diff(vpc(['subnet-aaaaaaaa1']), vpc(['subnet-aaaaaaaa1', 'subnet-bbbbbbbb2'])))).toEqual([
      'change networkConfiguration.networkModeConfig.subnets',
    ]);
  });

  it('compares custom claims as a set, and the match values of each claim as a set too', () => {
    const claim = (name: string, values: string[]) => ({
      inboundTokenClaimName: name,
      inboundTokenClaimValueType: 'STRING_ARRAY' as const,
      authorizingClaimMatchValue: {
        claimMatchOperator: 'CONTAINS_ANY' as const,
        claimMatchValue: { matchValueStringList: values },
      },
    });
    const jwt = (customClaims: ReturnType<typeof claim>[]): AgentRuntimeSpec =>
      containerSpec({
        authorizerConfiguration: {
          customJWTAuthorizer: {
            discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
            customClaims,
          },
        },
      });
    const deployed = jwt([claim('groups', ['admins', 'support']), claim('tier', ['gold'])]);
    expect(diff(deployed, jwt([claim('tier', ['gold']), claim('groups', ['support', 'admins'])]))).toEqual(
      [],
    );
    const added = diff(
      deployed,
      jwt([claim('groups', ['admins', 'support', 'billing']), claim('tier', ['gold'])]),
    );
    expect(paths(added)).toEqual(['change authorizerConfiguration.customJWTAuthorizer.customClaims']);
    expect(JSON.stringify(added[0].after)).toContain('billing');
  });

  it('compares environment variables key by key and never carries their values', () => {
    const changes = diff(
      containerSpec({ environmentVariables: { KEEP: 'same', ROTATED: 'old-secret', GONE: 'gone-secret' } }),
      containerSpec({
        environmentVariables: { KEEP: 'same', ROTATED: 'new-secret', 'MY.VAR': 'added-secret' },
      }),
    );
    expect(changes).toEqual([
      { path: 'environmentVariables.GONE', action: 'clear', sensitive: true },
      { path: 'environmentVariables["MY.VAR"]', action: 'add', sensitive: true },
      { path: 'environmentVariables.ROTATED', action: 'change', sensitive: true },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/secret/);
  });

  it('shows the description although the model flags it sensitive (it is prose from the repository)', () => {
    const [change] = diff(containerSpec(), containerSpec({ description: 'New words' }));
    expect(change).toMatchObject({
      path: 'description',
      sensitive: false,
      before: 'Answers support questions',
      after: 'New words',
    });
  });

  it('hides the values of members the model does not know (fails closed)', () => {
    const [change] = diffSpecs({}, { mysteryField: 'value' });
    expect(change).toEqual({ path: 'mysteryField', action: 'add', sensitive: true });
  });

  it('treats keys like __proto__ and constructor as ordinary keys', () => {
    const before = JSON.parse('{"environmentVariables":{"constructor":"a"}}');
    const after = JSON.parse('{"environmentVariables":{"__proto__":"b","constructor":"a"}}');
    expect(paths(diffSpecs(before, after))).toEqual(['add environmentVariables.__proto__']);
  });
});

describe('diffTags', () => {
  it('leaves unmanaged tags alone', () => {
    expect(diffTags({ team: 'a' }, undefined)).toEqual({ add: {}, change: {}, remove: [], managed: false });
  });

  it('makes the tags exactly the desired set', () => {
    expect(diffTags({ team: 'a', owner: 'b', same: 'c' }, { team: 'z', cost: '1', same: 'c' })).toEqual({
      add: { cost: '1' },
      change: { team: { before: 'a', after: 'z' } },
      remove: ['owner'],
      managed: true,
    });
    expect(diffTags({ team: 'a' }, {})).toEqual({ add: {}, change: {}, remove: ['team'], managed: true });
  });

  it('handles tag keys that look like object internals', () => {
    const changes = diffTags({}, JSON.parse('{"__proto__":"x","constructor":"y"}'));
    expect(Object.keys(changes.add)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(changes.add)).toBe(Object.prototype);
  });
});

describe('model paths', () => {
  it('quotes map keys that are not identifiers', () => {
    expect(pathOf(['environmentVariables', 'MY.VAR'])).toBe('environmentVariables["MY.VAR"]');
    expect(pathOf(['lifecycleConfiguration', 'maxLifetime'])).toBe('lifecycleConfiguration.maxLifetime');
  });

  it('knows environment variable values are sensitive and lifecycle values are not', () => {
    expect(describePath(['environmentVariables', 'API_KEY']).sensitive).toBe(true);
    expect(describePath(['lifecycleConfiguration', 'maxLifetime']).sensitive).toBe(false);
  });
});
