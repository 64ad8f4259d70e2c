import { z } from 'zod';

/**
 * One numeric setting, declared once: Settings shows a field from it, `settings.json`'s schema
 * and the default are derived from it. Bounds are in the shown unit, the default in the stored
 * one.
 */
export interface NumberSettingField<K extends string = string> {
  key: K;
  /** The field's label, without its unit. */
  label: string;
  /** The shown unit (`s`, `ms`, `MiB`), or empty for a count. */
  unit: string;
  /** Stored units per shown unit: 1,000 for a timeout kept in ms and shown in s, otherwise 1. */
  scale: number;
  /** Least and most shown value accepted (inclusive). */
  min: number;
  max: number;
  /** The value when none is set, in stored units. */
  default: number;
  /** The shown value is a whole number (otherwise a decimal, rounded once scaled). */
  whole: boolean;
}

/** Each field's default, keyed by setting (stored units). */
export const defaultsOf = <K extends string>(
  fields: readonly NumberSettingField<K>[],
): Record<K, number> =>
  Object.fromEntries(fields.map((f) => [f.key, f.default])) as Record<K, number>;

/** A strict schema of any subset of the fields: whole stored units within each field's bounds. */
export const schemaOf = <K extends string>(fields: readonly NumberSettingField<K>[]) =>
  z
    .object(
      Object.fromEntries(
        fields.map((f) => [
          f.key,
          z
            .number()
            .int()
            .min(Math.round(f.min * f.scale))
            .max(Math.round(f.max * f.scale))
            .optional(),
        ]),
      ) as Record<K, z.ZodOptional<z.ZodNumber>>,
    )
    .strict();

/** Whether `text` is a value `field` accepts: a number (whole where it says so) within its bounds, in its shown unit. */
export function isValidSettingText(field: NumberSettingField, text: string): boolean {
  const value = Number(text);
  const shaped = field.whole
    ? /^\d+$/.test(text.trim())
    : text.trim() !== '' && Number.isFinite(value);
  return shaped && value >= field.min && value <= field.max;
}

/** `text` (in the shown unit) in stored units: scaled and rounded. */
export const storedValueOf = (field: NumberSettingField, text: string): number =>
  Math.round(Number(text) * field.scale);

/** The field's label with its unit, e.g. `Connect timeout (s)`; a count's label alone. */
export const fieldLabelOf = (field: NumberSettingField): string =>
  `${field.label}${field.unit ? ` (${field.unit})` : ''}`;

/**
 * One text setting, declared once like a numeric one: Settings shows a text field from it,
 * `settings.json`'s schema and the default are derived from it. An empty value means the
 * default.
 */
export interface TextSettingField<K extends string = string> {
  key: K;
  label: string;
  /** What it is for, shown under the field. */
  hint: string;
  /** The value when none is set. */
  default: string;
  /** What a value must match (trimmed). */
  pattern: RegExp;
  /** Why a value that does not match is refused. */
  invalid: string;
}

/** A strict schema of any subset of the text fields: each trimmed and matching its pattern. */
export const textSchemaOf = <K extends string>(fields: readonly TextSettingField<K>[]) =>
  z
    .object(
      Object.fromEntries(
        fields.map((f) => [f.key, z.string().trim().regex(f.pattern, f.invalid).optional()]),
      ) as Record<K, z.ZodOptional<z.ZodString>>,
    )
    .strict();
