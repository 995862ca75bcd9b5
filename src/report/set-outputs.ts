import * as core from '@actions/core';
import type { ActionOutputs } from './outputs.js';

export function setOutputs(outputs: Partial<ActionOutputs>): void {
  for (const [name, value] of Object.entries(outputs)) if (value !== undefined) core.setOutput(name, value);
}
