import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import { ReplacementRequiredError } from '../deploy/apply.js';
import { RuntimeFailedError, WaitTimeoutError } from '../aws/wait.js';
import { classifiedError, failureReasonOf, FAILURE_REASONS } from './failure-reason.js';
import type { Plan } from '../plan/plan.js';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

test.each([
  [
    'a runtime in a failure status',
    new RuntimeFailedError({ status: 'CREATE_FAILED' } as GetAgentRuntimeResponse),
    'runtime-failed',
  ],
  ['a wait that ran out', new WaitTimeoutError(10, 'still CREATING'), 'timeout'],
  [
    'a change the service cannot apply in place',
    new ReplacementRequiredError({ replacementReasons: ['artifact type'] } as Plan),
    'invalid-input',
  ],
  ['the service refusing a value', sdkError('ValidationException', 400), 'invalid-input'],
  ['access denied', sdkError('AccessDeniedException', 403), 'aws-error'],
  ['throttling after every retry', sdkError('ThrottlingException', 429), 'aws-error'],
  ['a network fault', Object.assign(new Error('socket hang up'), { name: 'ECONNRESET' }), 'aws-error'],
  [
    'a promotion stage by name',
    Object.assign(new Error('x'), { name: 'EndpointFailedError' }),
    'endpoint-failed',
  ],
  ['a smoke test by name', Object.assign(new Error('x'), { name: 'SmokeTestFailedError' }), 'smoke-failed'],
  ['something thrown that is not an error', 'boom', 'aws-error'],
  ['nothing at all', undefined, 'aws-error'],
])('%s: %s', (_what, err, reason) => expect(failureReasonOf(err)).toBe(reason));

test('an error that carries its own reason keeps it, whatever its name', () => {
  for (const reason of FAILURE_REASONS)
    expect(failureReasonOf(classifiedError(reason, 'why', 'RuntimeFailedError'))).toBe(reason);
});

test('an unknown failureReason value is not trusted', () => {
  const err = Object.assign(new Error('x'), { failureReason: 'cancelled', name: 'WaitTimeoutError' });
  expect(failureReasonOf(err)).toBe('timeout');
});

test('a name inherited from Object.prototype is no reason', () => {
  expect(failureReasonOf(Object.assign(new Error('x'), { name: 'constructor' }))).toBe('aws-error');
});
