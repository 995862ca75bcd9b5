// Plain-language leads for the model's findings: the model says "must match the pattern ^...$", a user
// needs to hear what is allowed. The model's own words stay after the lead (one source of truth).
import type { ShapeIssue } from '../model/validate-shape.js';
import { constraints } from '../model/validate-shape.js';
import { withoutIndexes } from './api-path.js';
import { didYouMean } from './did-you-mean.js';
import { SPEC_INPUTS } from './spec-from-inputs.js';

const NAME_PATTERN = new RegExp(constraints.shapes.AgentRuntimeName.pattern!, 'u');
const NAME_RULE = 'a name starts with a letter and has at most 48 letters, digits and underscores';

function nameLead(name: unknown): string {
  if (typeof name !== 'string') return NAME_RULE;
  if (name.includes('-')) {
    const fixed = name.replace(/-/g, '_');
    const example = NAME_PATTERN.test(fixed) ? `, e.g. ${fixed}` : '';
    return `hyphens are not allowed; use underscores${example}. ${capitalize(NAME_RULE)}`;
  }
  if ([...name].length > 48) return `"${name}" has ${[...name].length} characters: ${NAME_RULE}`;
  return `"${name}" is not a valid name: ${NAME_RULE}`;
}

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

/** Leads by field (list indexes removed, map keys as `*`), for findings other than "is required". */
const LEADS: Record<string, (value: unknown, issue: ShapeIssue) => string | undefined> = {
  agentRuntimeName: (value) => nameLead(value),
  roleArn: () => 'must be the ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/MyAgentRuntimeRole',
  agentRuntimeArtifact: () =>
    'an artifact is either a container image (containerConfiguration) or code in S3 (codeConfiguration), exactly one',
  'agentRuntimeArtifact.containerConfiguration.containerUri': () =>
    'must be an Amazon ECR image URI with a tag or digest, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:v1',
  'agentRuntimeArtifact.codeConfiguration.entryPoint': () =>
    'the entry point is 1 or 2 items: the file to run (main.py), optionally after a launcher (opentelemetry-instrument, main.py)',
  'agentRuntimeArtifact.codeConfiguration.code.s3.bucket': () =>
    'must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
  'networkConfiguration.networkModeConfig.subnets[]': () =>
    'must be a subnet ID, e.g. subnet-0123456789abcdef0',
  'networkConfiguration.networkModeConfig.securityGroups[]': () =>
    'must be a security group ID, e.g. sg-0123456789abcdef0',
  'authorizerConfiguration.customJWTAuthorizer.discoveryUrl': () =>
    'the discovery URL must end in /.well-known/openid-configuration, e.g. ' +
    'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE/.well-known/openid-configuration',
  'lifecycleConfiguration.idleRuntimeSessionTimeout': () => LIFECYCLE,
  'lifecycleConfiguration.maxLifetime': () => LIFECYCLE,
  'requestHeaderConfiguration.requestHeaderAllowlist[]': () =>
    'a header name starts with a letter, then letters, digits, hyphens and underscores',
  'environmentVariables.*': (_value, issue) =>
    issue.message.startsWith('must be a string')
      ? 'environment variable values are text: quote numbers and booleans in YAML, e.g. PORT: "8080"'
      : undefined,
  'tags.*': (_value, issue) =>
    issue.message.startsWith('must be a string')
      ? 'tag values are text: quote numbers and booleans in YAML, e.g. version: "2"'
      : 'tag keys and values may use letters, digits, spaces and _ . : / = + @ -',
};

const LIFECYCLE = lifecycleRule();

/** "from 60 (1 minute) to 1209600 (14 days)", read from the model's range. */
function lifecycleRule(): string {
  const { shapes } = constraints;
  const member = shapes.LifecycleConfiguration.members!.maxLifetime;
  const { min = 0, max = 0 } = member.range ?? shapes[member.target].range ?? {};
  return `lifecycle settings are seconds, from ${min} (${duration(min)}) to ${max} (${duration(max)})`;
}

function duration(seconds: number): string {
  const [unit, size] = (
    [
      ['day', 86400],
      ['hour', 3600],
      ['minute', 60],
    ] as const
  ).find(([, s]) => seconds % s === 0) ?? ['second', 1];
  const n = seconds / size;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The message for a finding of validateShape, friendly lead first. */
export function explainIssue(issue: ShapeIssue, value: unknown): string {
  if (issue.unknownMember) return unknownMemberMessage(issue);
  if (issue.message === 'is required') return requiredMessage(issue.path);
  const lead = LEADS[fieldKey(issue.path)]?.(value, issue);
  return lead ? `${lead} (${issue.message})` : issue.message;
}

function fieldKey(path: string): string {
  const mapEntry = /^(environmentVariables|tags)\./.exec(path);
  return mapEntry ? `${mapEntry[1]}.*` : withoutIndexes(path);
}

function unknownMemberMessage({ path, unknownMember }: ShapeIssue): string {
  const { name, allowed } = unknownMember!;
  // metadataConfiguration is checked apart from the create request, yet belongs at the top level.
  const candidates = path.includes('.') ? allowed : [...allowed, 'metadataConfiguration'];
  const suggestion = didYouMean(name, candidates);
  return (
    `"${name}" is not a field here${suggestion ? `; did you mean ${suggestion}?` : '.'} ` +
    `Allowed: ${candidates.join(', ')}`
  );
}

/** What to do about a required field nobody set; the top-level ones name their input. */
function requiredMessage(path: string): string {
  if (path === 'agentRuntimeArtifact')
    return (
      'the artifact to deploy is missing: set input container-uri (or code-s3-bucket, code-s3-prefix, ' +
      'code-entry-point and code-runtime) or field agentRuntimeArtifact in the config file'
    );
  const lead = /networkModeConfig\.(subnets|securityGroups)$/.test(path)
    ? 'VPC mode needs both subnets and security groups: '
    : `${path} is required: `;
  return lead + howToSet(path);
}

/** "set input X or field Y in the config file", or just the field when no input sets it. */
function howToSet(path: string): string {
  const input = SPEC_INPUTS.find((i) => i.path === path);
  return input
    ? `set input ${input.input} or field ${path} in the config file`
    : `set field ${path} in the config file`;
}
