// The inputs that steer the action itself (not the runtime): mode, waiting, credentials, PR comments.
// The same defaults as action.yml, applied in code too: a runner of the bundle may leave an input unset ('').
import type { SpecError } from '../spec/types.js';
import { parseBoolean, parseDuration, parseWholeNumber } from './parse.js';
import type { ReleaseSettings } from './release-settings.js';

export interface ActionSettings {
  mode: 'auto' | 'plan' | 'deploy' | 'destroy';
  waitForReady: boolean;
  waitTimeoutSeconds: number;
  /** aws-region input, else AWS_REGION, else AWS_DEFAULT_REGION. */
  region?: string;
  roleToAssume?: string;
  roleSessionName: string;
  roleDurationSeconds: number;
  audience: string;
  githubToken?: string;
  commentOnPr: 'true' | 'changes-only' | 'false';
  /** Destroy also deletes a runtime without the action's marker tag. */
  forceDestroy: boolean;
  /** A deploy goes ahead only when its plan is the one this action posted on the pull request. */
  requireReviewedPlan: boolean;
  /** Named endpoint and smoke test (read by readReleaseSettings). */
  release: ReleaseSettings;
}

const DEFAULT_SETTINGS = {
  mode: 'auto',
  waitForReady: true,
  waitTimeoutSeconds: 30 * 60,
  roleSessionName: 'GitHubActions',
  roleDurationSeconds: 3600,
  audience: 'sts.amazonaws.com',
  commentOnPr: 'true',
  forceDestroy: false,
  requireReviewedPlan: false,
} as const satisfies Partial<ActionSettings>;

const MODES = ['auto', 'plan', 'deploy', 'destroy'] as const;
// The limits of STS AssumeRoleWithWebIdentity.
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::[0-9]{12}:role\/.+$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const MIN_ROLE_SECONDS = 900;
const MAX_ROLE_SECONDS = 43200;

export function readSettings(
  getInput: (name: string) => string,
  env: Record<string, string | undefined>,
): { settings: ActionSettings; errors: SpecError[] } {
  const errors: SpecError[] = [];
  const error = (field: string, message: string) => void errors.push({ field, message });
  const settings: ActionSettings = { ...DEFAULT_SETTINGS, release: {} };

  const mode = getInput('mode');
  const knownMode = MODES.find((m) => m === mode.toLowerCase());
  if (knownMode) settings.mode = knownMode;
  else if (mode) error('mode', `mode must be auto, plan, deploy or destroy, not "${mode}"`);

  const readBoolean = (input: string, set: (value: boolean) => void) => {
    const text = getInput(input);
    if (!text) return;
    const parsed = parseBoolean(text, input);
    if (parsed.ok) set(parsed.value);
    else error(input, parsed.message);
  };
  readBoolean('wait-for-ready', (v) => (settings.waitForReady = v));
  readBoolean('force-destroy', (v) => (settings.forceDestroy = v));
  readBoolean('require-reviewed-plan', (v) => (settings.requireReviewedPlan = v));

  const waitTimeout = getInput('wait-timeout');
  if (waitTimeout) {
    const parsed = parseDuration(waitTimeout, 'wait-timeout');
    if (parsed.ok) settings.waitTimeoutSeconds = parsed.value;
    else error('wait-timeout', parsed.message);
  }

  const region = getInput('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (region) settings.region = region;
  else
    error(
      'aws-region',
      'no AWS region: set the aws-region input, or AWS_REGION (e.g. with aws-actions/configure-aws-credentials)',
    );

  const roleToAssume = getInput('role-to-assume');
  if (roleToAssume) {
    settings.roleToAssume = roleToAssume;
    if (!ROLE_ARN.test(roleToAssume))
      error(
        'role-to-assume',
        'role-to-assume must be the ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/GitHubDeploy',
      );
  }

  const sessionName = getInput('role-session-name');
  if (sessionName) {
    settings.roleSessionName = sessionName;
    if (!SESSION_NAME.test(sessionName))
      error('role-session-name', 'role-session-name must have 2 to 64 letters, digits and _ + = , . @ -');
  }

  const duration = getInput('role-duration-seconds');
  if (duration) {
    const parsed = parseWholeNumber(duration, 'role-duration-seconds');
    if (!parsed.ok) error('role-duration-seconds', parsed.message);
    else if (parsed.value < MIN_ROLE_SECONDS || parsed.value > MAX_ROLE_SECONDS)
      error(
        'role-duration-seconds',
        `role-duration-seconds must be between ${MIN_ROLE_SECONDS} (15 minutes) and ${MAX_ROLE_SECONDS} (12 hours), ` +
          `not ${parsed.value}; the role's maximum session duration may be lower`,
      );
    else settings.roleDurationSeconds = parsed.value;
  }

  settings.audience = getInput('audience') || DEFAULT_SETTINGS.audience;
  // action.yml defaults the input to github.token; GITHUB_TOKEN covers runners of the bundle that do not.
  const githubToken = getInput('github-token') || env.GITHUB_TOKEN;
  if (githubToken) settings.githubToken = githubToken;

  const commentOnPr = readCommentOnPr(getInput('comment-on-pr'));
  if (commentOnPr) settings.commentOnPr = commentOnPr;
  else
    error(
      'comment-on-pr',
      `comment-on-pr must be true, changes-only or false, not "${getInput('comment-on-pr')}"`,
    );

  return { settings, errors };
}

function readCommentOnPr(text: string): ActionSettings['commentOnPr'] | undefined {
  if (text === '') return DEFAULT_SETTINGS.commentOnPr;
  if (text.toLowerCase() === 'changes-only') return 'changes-only';
  const parsed = parseBoolean(text, 'comment-on-pr');
  return parsed.ok ? (parsed.value ? 'true' : 'false') : undefined;
}
