import type { GeminiSchema } from './types.ts';

type JsonSchema = Record<string, unknown>;

/**
 * Keywords Gemini's Schema object accepts (https://ai.google.dev/api/caching#Schema), copied as they
 * are. Everything else OpenAI tool schemas carry (`additionalProperties`, `$schema`, `strict`,
 * `$defs`, `examples`, `not`, ...) is dropped: Gemini answers 400 INVALID_ARGUMENT ("Unknown name")
 * for keywords outside this OpenAPI 3.0 subset.
 */
const COPIED_KEYWORDS = [
  'title', 'description', 'default', 'example', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems',
  'minLength', 'maxLength', 'minProperties', 'maxProperties', 'propertyOrdering',
] as const;

/** Formats Gemini accepts per type; others are refused with 400, so they are dropped. */
const SUPPORTED_FORMATS: Readonly<Record<string, readonly string[]>> = {
  STRING: ['enum', 'date-time'],
  NUMBER: ['float', 'double'],
  INTEGER: ['int32', 'int64'],
};

/** `$ref` chains deeper than this (recursive schemas) end in a plain object. */
const MAX_REFERENCE_DEPTH = 8;

/**
 * Converts a JSON Schema (as OpenAI tools carry it) to Gemini's Schema subset: uppercase types,
 * `type: [X, "null"]` and `anyOf` with null → `nullable`, `const` → one-value `enum`, `oneOf` →
 * `anyOf`, `allOf` merged, local `$ref`s (`#/$defs/...`, `#/definitions/...`) inlined, and
 * `required` limited to declared properties.
 */
export function toGeminiSchema(schema: unknown): GeminiSchema {
  if (!isObject(schema)) return {};
  return convert(schema, { root: schema, depth: 0 });
}

interface ConversionScope {
  root: JsonSchema;
  depth: number;
}

function convert(input: JsonSchema, outerScope: ConversionScope): GeminiSchema {
  const { schema, scope } = resolveComposition(resolveReference(input, outerScope));
  const output: GeminiSchema = {};
  applyType(schema, output, scope);
  const copied = output as Record<string, unknown>;
  for (const keyword of COPIED_KEYWORDS) if (schema[keyword] !== undefined) copied[keyword] = schema[keyword];
  applyEnum(schema, output);
  applyFormat(schema, output);
  if (isObject(schema.properties)) {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(schema.properties)) properties[name] = convert(asSchema(property), scope);
    output.properties = properties;
    if (Array.isArray(schema.required)) {
      const required = schema.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) output.required = required;
    }
  }
  const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
  if (isObject(items)) output.items = convert(items, scope);
  return output;
}

interface ScopedSchema {
  schema: JsonSchema;
  /** Its depth counts the `$ref`s expanded to reach it, so recursive schemas end. */
  scope: ConversionScope;
}

function resolveReference(input: JsonSchema, outerScope: ConversionScope): ScopedSchema {
  let schema = input;
  let scope = outerScope;
  while (typeof schema.$ref === 'string') {
    if (scope.depth >= MAX_REFERENCE_DEPTH) return { schema: { type: 'object', description: schema.description }, scope };
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(schema.$ref);
    const definitions = match === null ? undefined : scope.root[match[1]];
    const target = isObject(definitions) && match !== null ? definitions[decodePointer(match[2])] : undefined;
    const { $ref: _reference, ...siblings } = schema;
    if (!isObject(target)) return { schema: siblings, scope };
    // Sibling keywords next to `$ref` (a description, say) override the referenced ones.
    schema = { ...target, ...siblings };
    scope = { ...scope, depth: scope.depth + 1 };
  }
  return { schema, scope };
}

/** `oneOf` reads as `anyOf` (Gemini has no exclusive choice); `allOf` is merged into one schema. */
function resolveComposition({ schema, scope }: ScopedSchema): ScopedSchema {
  let result = schema;
  let depth = scope.depth;
  if (Array.isArray(result.allOf)) {
    const { allOf, ...rest } = result;
    const parts = (allOf as unknown[]).map((part) => resolveReference(asSchema(part), scope));
    depth = Math.max(depth, ...parts.map((part) => part.scope.depth));
    result = parts.map((part) => part.schema).reduce<JsonSchema>(mergeSchemas, rest);
  }
  if (Array.isArray(result.oneOf) && result.anyOf === undefined) {
    const { oneOf, ...rest } = result;
    result = { ...rest, anyOf: oneOf };
  }
  return { schema: result, scope: { ...scope, depth } };
}

function mergeSchemas(left: JsonSchema, right: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...left, ...right };
  if (isObject(left.properties) || isObject(right.properties)) merged.properties = { ...asSchema(left.properties), ...asSchema(right.properties) };
  if (Array.isArray(left.required) || Array.isArray(right.required)) {
    merged.required = [...new Set([...(left.required as unknown[] ?? []), ...(right.required as unknown[] ?? [])])];
  }
  return merged;
}

function applyType(schema: JsonSchema, output: GeminiSchema, scope: ConversionScope): void {
  const types = (Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type])
    .filter((type): type is string => typeof type === 'string');
  if (types.includes('null') || schema.nullable === true) output.nullable = true;
  const concrete = types.filter((type) => type !== 'null');
  if (concrete.length === 1) output.type = concrete[0].toUpperCase();
  else if (concrete.length > 1) output.anyOf = concrete.map((type) => ({ type: type.toUpperCase() }));
  if (Array.isArray(schema.anyOf)) {
    const choices = schema.anyOf.map(asSchema);
    if (choices.some((choice) => choice.type === 'null')) output.nullable = true;
    const alternatives = choices.filter((choice) => choice.type !== 'null').map((choice) => convert(choice, scope));
    if (alternatives.length === 1 && output.type === undefined) Object.assign(output, alternatives[0], output.nullable ? { nullable: true } : {});
    else if (alternatives.length > 0) output.anyOf = alternatives;
  }
  if (output.type === undefined && schema.const !== undefined) output.type = typeof schema.const === 'number' ? 'NUMBER' : 'STRING';
}

/** Gemini enums are strings; a non-string enum is marked `format: enum` (its documented form). */
function applyEnum(schema: JsonSchema, output: GeminiSchema): void {
  const values = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined;
  if (values === undefined) return;
  if (values.includes(null)) output.nullable = true;
  const present = values.filter((value) => value !== null);
  if (present.length === 0) return;
  output.enum = present.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  if (output.type !== undefined && output.type !== 'STRING') output.format = 'enum';
}

function applyFormat(schema: JsonSchema, output: GeminiSchema): void {
  if (typeof schema.format !== 'string' || output.format !== undefined) return;
  const allowed = typeof output.type === 'string' ? SUPPORTED_FORMATS[output.type] : undefined;
  if (allowed?.includes(schema.format)) output.format = schema.format;
}

function decodePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function asSchema(value: unknown): JsonSchema {
  return isObject(value) ? value : {};
}

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
