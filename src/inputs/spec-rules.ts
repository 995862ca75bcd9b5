// Rules the model cannot express but users trip on: an unpinned image, network settings that do not
// fit the network mode, and an idle timeout longer than the lifetime.
import { constraints } from '../model/validate-shape.js';
import { valueAt } from './api-path.js';

export interface RuleIssue {
  path: string;
  message: string;
  /** Point at the key (`requireServiceS3Endpoint:`) rather than the value. */
  at?: 'key' | 'value';
}

const CONTAINER_URI = 'agentRuntimeArtifact.containerConfiguration.containerUri';
const CONTAINER_URI_PATTERN = new RegExp(constraints.shapes.RuntimeContainerUri.pattern!, 'u');
const VPC = 'networkConfiguration.networkModeConfig';

export function checkSpecRules(spec: Record<string, unknown>): RuleIssue[] {
  return [...containerIsPinned(spec), ...networkFitsMode(spec), ...lifecycleOrder(spec)];
}

/** The model's pattern makes the tag optional; an untagged image cannot be told apart from the next one. */
function containerIsPinned(spec: Record<string, unknown>): RuleIssue[] {
  const uri = valueAt(spec, CONTAINER_URI);
  if (typeof uri !== 'string' || !CONTAINER_URI_PATTERN.test(uri)) return []; // the model reports those
  const image = uri.slice(uri.lastIndexOf('/') + 1);
  if (image.includes(':') || image.includes('@')) return [];
  return [
    {
      path: CONTAINER_URI,
      message: `pin a tag or digest, e.g. ${uri}:v1 or ${uri}@sha256:<digest>, so each deploy names exactly one image`,
    },
  ];
}

function networkFitsMode(spec: Record<string, unknown>): RuleIssue[] {
  const mode = valueAt(spec, 'networkConfiguration.networkMode');
  const vpcConfig = valueAt(spec, VPC);
  if (mode === 'VPC' && vpcConfig === undefined)
    return [
      {
        path: 'networkConfiguration.networkMode',
        message:
          'networkMode VPC needs subnets and security groups: set inputs subnets and security-groups, or ' +
          `fields ${VPC}.subnets and ${VPC}.securityGroups in the config file`,
      },
    ];
  if (mode === 'PUBLIC' && vpcConfig !== undefined)
    return [
      {
        path: VPC,
        message:
          'networkModeConfig is only for VPC, and networkMode is PUBLIC (the default): set network-mode ' +
          '(or networkConfiguration.networkMode) to VPC, or remove the subnets and security groups',
      },
    ];
  return [];
}

function lifecycleOrder(spec: Record<string, unknown>): RuleIssue[] {
  const idle = valueAt(spec, 'lifecycleConfiguration.idleRuntimeSessionTimeout');
  const max = valueAt(spec, 'lifecycleConfiguration.maxLifetime');
  if (!Number.isInteger(idle) || !Number.isInteger(max) || (idle as number) <= (max as number)) return [];
  return [
    {
      path: 'lifecycleConfiguration.idleRuntimeSessionTimeout',
      message: `idleRuntimeSessionTimeout (${idle} s) must not be longer than maxLifetime (${max} s): a session cannot idle longer than it may live`,
    },
  ];
}
