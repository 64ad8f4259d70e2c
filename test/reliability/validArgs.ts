// fast-check arbitraries of arguments a call's zod schema accepts, through the schema's JSON
// Schema (zod's toJSONSchema), for the valid-argument contract fuzzing.
import fc from 'fast-check';
import { z } from 'zod';

/** The JSON Schema keywords zod emits for the contract's schemas. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

/** Strings stay short: the point is valid shapes, not sizes (the hostile fuzzing covers those). */
const maxString = 24;
const maxArray = 3;

function arbitraryOf(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const choices = s.oneOf ?? s.anyOf;
  if (choices) return fc.oneof(...choices.map(arbitraryOf));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      const minLength = s.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxLength ?? maxString, maxString));
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        return fc
          .stringMatching(re)
          .filter((v) => v.length >= minLength && v.length <= (s.maxLength ?? Infinity));
      }
      if (s.format === 'uri' || s.format === 'url') return fc.constant('http://127.0.0.1:9/x');
      return fc.string({ minLength, maxLength });
    }
    case 'integer':
      return fc.integer({
        min: s.minimum ?? (s.exclusiveMinimum ?? -1_000_000) + 1,
        max: s.maximum ?? (s.exclusiveMaximum ?? 1_000_000) - 1,
      });
    case 'number':
      return fc.double({
        min: s.minimum ?? -1e6,
        max: s.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? arbitraryOf(s.items) : fc.constant(null), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? maxArray, maxArray)),
      });
    case 'object': {
      const properties = s.properties ?? {};
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryOf(v)])),
        { requiredKeys: (s.required ?? []).filter((k) => k in properties) },
      );
    }
    default:
      return fc.constant({});
  }
}

/**
 * Arguments `schema` accepts: generated from its JSON Schema (input side), then kept only when
 * the schema itself parses them (refinements such as a repeated container name are not in the
 * JSON Schema). `adjust` may pin fields first (a sandbox's connection, container, folders).
 */
export function validArgs(
  schema: z.ZodType,
  adjust: (args: unknown) => unknown = (a) => a,
): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  return arbitraryOf(json)
    .map(adjust)
    .filter((args) => schema.safeParse(args).success);
}
