// Rules the model cannot express but users trip on: an unpinned image, network settings that do not
// fit the network mode or sit beside a capacity provider, and an idle timeout longer than the lifetime.
import { constraints } from '../model/validate-shape.js';
import { MARKER_TAG_KEY } from '../plan/marker-tag.js';
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
  return [
    ...containerIsPinned(spec),
    ...(onCapacityProvider(spec) ? noOwnNetwork(spec) : networkFitsMode(spec)),
    ...lifecycleOrder(spec),
    ...leavesRoomForMarker(spec),
  ];
}

/** The runtime's tags also carry the action's marker tag: its key is taken, and it takes one place. */
function leavesRoomForMarker(spec: Record<string, unknown>): RuleIssue[] {
  const tags = valueAt(spec, 'tags');
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return [];
  if (Object.hasOwn(tags, MARKER_TAG_KEY))
    return [
      {
        path: `tags.${MARKER_TAG_KEY}`,
        message: `the tag key ${MARKER_TAG_KEY} is reserved: the action marks the runtimes it creates with it`,
        at: 'key',
      },
    ];
  const max = constraints.shapes.TagsMap.length?.max ?? 50;
  const count = Object.keys(tags).length;
  if (count < max) return [];
  return [
    {
      path: 'tags',
      message: `at most ${max - 1} tags, not ${count}: AgentCore allows ${max}, and the action adds its marker tag ${MARKER_TAG_KEY}`,
    },
  ];
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

const isSet = (v: unknown) => v !== undefined && v !== null;
const onCapacityProvider = (spec: Record<string, unknown>) => isSet(spec.capacityProviderConfiguration);

/**
 * A runtime on a capacity provider runs in the capacity provider's network: the service refuses
 * "NetworkConfiguration is not allowed when capacityProviderConfiguration is specified" (see
 * service-behaviour.md), and merge.ts adds no PUBLIC default there, so any network here is the user's.
 */
function noOwnNetwork(spec: Record<string, unknown>): RuleIssue[] {
  if (!isSet(spec.networkConfiguration)) return [];
  return [
    {
      path: 'networkConfiguration',
      message:
        'a runtime on a capacity provider (capacityProviderConfiguration, set in the config file) uses the ' +
        "capacity provider's network, so it cannot have its own: remove inputs network-mode, subnets and " +
        'security-groups and field networkConfiguration from the config file, or remove ' +
        'capacityProviderConfiguration to run on a network of its own',
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
