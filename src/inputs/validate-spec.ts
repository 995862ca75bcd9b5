// Checks the merged spec before any AWS call: the model's constraints (patterns, lengths, ranges, enums,
// exactly-one unions, list sizes) through validateShape, then the rules users trip on. Each finding is
// reported where the user wrote the value: the input's name, or the file path with line and column.
import { validateShape, type ShapeIssue } from '../model/validate-shape.js';
import type { SpecError } from '../spec/types.js';
import { valueAt } from './api-path.js';
import { explainIssue } from './friendly.js';
import { isWithin, whereIs, type Sources } from './origin.js';
import { checkSpecRules } from './spec-rules.js';
import { isArtifactInput } from './spec-from-inputs.js';

export function validateSpec(spec: Record<string, unknown>, sources: Sources): SpecError[] {
  // metadataConfiguration exists only on UpdateAgentRuntime: check it on its own, then the create request.
  const { metadataConfiguration, ...createRequest } = spec;
  const issues: ShapeIssue[] = [
    ...validateShape(createRequest, 'CreateAgentRuntimeRequest', {
      rejectUnknownMembers: true,
      skipTopLevel: ['clientToken'],
    }),
    ...(metadataConfiguration === undefined
      ? []
      : validateShape(
          metadataConfiguration,
          'RuntimeMetadataConfiguration',
          { rejectUnknownMembers: true },
          'metadataConfiguration',
        )),
  ];
  const artifactFromInputs = sources.overrides.some(isArtifactInput);
  const modelErrors = issues
    // Incomplete code-* inputs are already reported, input by input.
    .filter(
      (i) => !(artifactFromInputs && i.message === 'is required' && isWithin(i.path, 'agentRuntimeArtifact')),
    )
    .map((issue) =>
      toSpecError(
        issue.path,
        explainIssue(issue, valueAt(spec, issue.path)),
        sources,
        issue.unknownMember ? 'key' : 'value',
      ),
    );
  const ruleErrors = checkSpecRules(spec).map((rule) =>
    toSpecError(rule.path, rule.message, sources, rule.at),
  );
  return [...modelErrors, ...ruleErrors];
}

function toSpecError(
  path: string,
  message: string,
  sources: Sources,
  at: 'key' | 'value' = 'value',
): SpecError {
  const { within, ...where } = whereIs(path, sources, at);
  return { ...where, message: within ? `${within}: ${message}` : message };
}
