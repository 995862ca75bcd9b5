// Tagging by ARN (runtimes and endpoints). Tags live beside the versions: changing them never makes one.
import { raise } from './errors.js';
import type { OperationContext, OperationHandler } from './operation.js';

function tagsOf({ state, input }: OperationContext): Record<string, string> {
  const arn = String(input.resourceArn);
  if (!state.store.findArn(arn)) raise('ResourceNotFoundException', `Resource ${arn} was not found`);
  return state.store.tags.get(arn)!;
}

export const tagResource: OperationHandler = (ctx) => {
  Object.assign(tagsOf(ctx), ctx.input.tags as Record<string, string>);
  return undefined;
};

export const untagResource: OperationHandler = (ctx) => {
  const tags = tagsOf(ctx);
  for (const key of ctx.input.tagKeys as string[]) delete tags[key];
  return undefined;
};

export const listTagsForResource: OperationHandler = (ctx) => ({ tags: { ...tagsOf(ctx) } });
