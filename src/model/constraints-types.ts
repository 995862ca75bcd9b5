// The shape of src/model/constraints.json, written by scripts/generate-constraints.ts from the official
// Smithy model. Shape and member names are the model's (without the namespace); constraints keep the
// model's meaning: `length` counts characters of a string or entries of a list/map, `range` bounds a
// number, `pattern` is an ECMA-262 regex.

export interface Bounds {
  min?: number;
  max?: number;
}

interface Constrained {
  length?: Bounds;
  range?: Bounds;
  pattern?: string;
  sensitive?: boolean;
  uniqueItems?: boolean;
}

export interface Member extends Constrained {
  target: string;
  required?: boolean;
  /** Where the member travels in the HTTP request; absent = JSON body. */
  location?: 'path' | 'query' | 'header';
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface Shape extends Constrained {
  type:
    'structure' | 'union' | 'list' | 'map' | 'enum' | 'string' | 'integer' | 'boolean' | 'timestamp' | string;
  members?: Record<string, Member>;
  member?: Member;
  key?: Member;
  value?: Member;
  values?: string[];
  error?: 'client' | 'server';
  httpError?: number;
}

export interface Operation {
  method: string;
  uri: string;
  code: number;
  input: string;
  output: string;
  errors: string[];
}

export interface Constraints {
  source: string;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}
