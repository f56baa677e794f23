/**
 * Form fields generated from a JSON Schema (TypeBox): the payload schema the server sends with each allowed act
 * (`allowedActs[].payloadSchema`) and the finding schema of a dimension. Strings, choices (enum / union of literals),
 * integers and numbers (min/max), decimals (as text with the pattern), dates (YYYY-MM-DD pattern → date picker),
 * yes/no and lists of texts. Labels and choice words come from the dictionary (`field.*`, `enum.*`), required fields
 * carry the required mark. `evidenceIds` is never a field: evidence is uploaded and sent as the act's sha256 list.
 * The server validates again; its field errors land next to these fields.
 */
import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { dict, type DictKey } from '../../i18n/dict.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  format?: string;
  pattern?: string;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export type FieldKind =
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'text'; long: boolean; pattern?: string; minLength?: number; maxLength?: number }
  | { kind: 'date' }
  | { kind: 'bool' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'texts'; minItems?: number }
  | { kind: 'json' };

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** Fields never rendered: evidence goes through the upload; the rest is filled in by the server. */
const HIDDEN = new Set(['evidenceIds', 'dimension', 'lines', 'enterpriseId']);

function kindOf(s: JsonSchema): FieldKind {
  const literals = s.anyOf?.every((x) => x.const !== undefined) ? s.anyOf.map((x) => String(x.const)) : s.enum?.map(String);
  if (literals && literals.length > 0) return { kind: 'choice', options: literals };
  const nonNull = s.anyOf?.filter((x) => x.type !== 'null');
  if (nonNull && nonNull.length === 1 && nonNull[0]) return kindOf(nonNull[0]);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'integer' || type === 'number')
    return {
      kind: 'number',
      integer: type === 'integer',
      ...(s.minimum !== undefined ? { min: s.minimum } : {}),
      ...(s.maximum !== undefined ? { max: s.maximum } : {}),
    };
  if (type === 'boolean') return { kind: 'bool' };
  if (type === 'string') {
    if (s.format === 'date' || s.pattern === DATE_PATTERN) return { kind: 'date' };
    return {
      kind: 'text',
      long: (s.maxLength ?? 0) > 200,
      ...(s.pattern !== undefined ? { pattern: s.pattern } : {}),
      ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
      ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
    };
  }
  if (type === 'array' && s.items && (Array.isArray(s.items.type) ? s.items.type.includes('string') : s.items.type === 'string')) {
    return { kind: 'texts', ...(s.minItems !== undefined ? { minItems: s.minItems } : {}) };
  }
  return { kind: 'json' };
}

export interface SchemaField {
  name: string;
  required: boolean;
  schema: JsonSchema;
  kind: FieldKind;
}

/** The fields of a schema that the user fills in (nothing when the act takes no payload). */
export function schemaFields(schema: unknown): SchemaField[] {
  const s = (schema ?? {}) as JsonSchema;
  const req = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {})
    .filter(([name]) => !HIDDEN.has(name))
    .map(([name, p]) => ({ name, required: req.has(name), schema: p, kind: kindOf(p) }));
}

/** Whether the schema asks for evidence files (`evidenceIds`), and whether at least one is required. */
export function evidenceSpec(schema: unknown): { accepted: boolean; required: boolean } {
  const s = (schema ?? {}) as JsonSchema;
  const p = s.properties?.evidenceIds;
  if (!p) return { accepted: false, required: false };
  return { accepted: true, required: (s.required ?? []).includes('evidenceIds') || (p.minItems ?? 0) > 0 };
}

/** Form values → payload object (dates to YYYY-MM-DD, JSON parsed, texts trimmed, empty left out). */
export function toPayload(schema: unknown, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of schemaFields(schema)) {
    let v = values[f.name];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (f.kind.kind === 'date') out[f.name] = (v as Dayjs).format('YYYY-MM-DD');
    else if (f.kind.kind === 'json') out[f.name] = JSON.parse(String(v));
    else out[f.name] = v;
  }
  return out;
}

/**
 * The human label of a field: dictionary `field.<dimension>.<name>` (a word one dimension uses, e.g. the energy
 * limit standard), else `field.<name>`, else the schema's title, else the name.
 */
export function fieldLabel(t: Translate, name: string, schema?: JsonSchema, dimension?: string): string {
  const own = `field.${dimension}.${name}`;
  if (dimension && own in dict.zh) return t(own as DictKey);
  const k = `field.${name}`;
  return k in dict.zh ? t(k as DictKey) : (schema?.title ?? name);
}

/** The human word of a choice value (dictionary `enum.<value>`, else the value itself). */
export function choiceLabel(t: Translate, value: string): string {
  const k = `enum.${value}`;
  return k in dict.zh ? t(k as DictKey) : value;
}

const DECIMAL = '^-?\\d+(\\.\\d+)?$';

export function SchemaFields({ schema, prefix, dimension }: { schema: unknown; prefix: string; dimension?: string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {schemaFields(schema).map((f) => {
        const label = fieldLabel(t, f.name, f.schema, dimension);
        const rules: Rule[] = f.required ? [{ required: true, message: t('common.required', { field: label }) }] : [];
        const name = [prefix, f.name];
        const common = { name, label, rules, validateFirst: true } as const;
        switch (f.kind.kind) {
          case 'number': {
            const { min, max } = f.kind;
            const range: Rule[] =
              min !== undefined || max !== undefined
                ? [
                    {
                      type: 'number',
                      ...(min !== undefined ? { min } : {}),
                      ...(max !== undefined ? { max } : {}),
                      message: `${label}: ${min ?? ''}–${max ?? ''}`,
                    },
                  ]
                : [];
            return (
              <Form.Item key={f.name} {...common} rules={[...rules, ...range]}>
                <InputNumber style={{ width: '100%' }} precision={f.kind.integer ? 0 : undefined} min={min} max={max} />
              </Form.Item>
            );
          }
          case 'bool':
            return (
              <Form.Item key={f.name} {...common} valuePropName="checked">
                <Switch />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item key={f.name} {...common}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().add(10, 'year'))} />
              </Form.Item>
            );
          case 'choice':
            return (
              <Form.Item key={f.name} {...common}>
                <Select options={f.kind.options.map((o) => ({ value: o, label: choiceLabel(t, o) }))} allowClear={!f.required} />
              </Form.Item>
            );
          case 'texts':
            return (
              <Form.Item key={f.name} {...common}>
                <Select mode="tags" open={false} suffixIcon={null} />
              </Form.Item>
            );
          case 'text': {
            const k = f.kind;
            const extra: Rule[] = [];
            if (k.pattern === DECIMAL) extra.push({ pattern: /^-?\d+(\.\d+)?$/, message: t('common.fieldInvalid') });
            else if (k.pattern) extra.push({ pattern: new RegExp(k.pattern), message: t('common.fieldInvalid') });
            if (k.maxLength !== undefined) extra.push({ max: k.maxLength, message: t('common.fieldInvalid') });
            return (
              <Form.Item key={f.name} {...common} rules={[...rules, ...extra]}>
                {k.long ? (
                  <Input.TextArea rows={2} maxLength={k.maxLength} />
                ) : (
                  <Input maxLength={k.maxLength} inputMode={k.pattern === DECIMAL ? 'decimal' : undefined} />
                )}
              </Form.Item>
            );
          }
          default:
            return (
              <Form.Item
                key={f.name}
                {...common}
                label={`${label} (JSON)`}
                rules={[
                  ...rules,
                  {
                    validator: (_r, v: string) => {
                      if (!v) return Promise.resolve();
                      try {
                        JSON.parse(v);
                        return Promise.resolve();
                      } catch {
                        return Promise.reject(new Error('JSON'));
                      }
                    },
                  },
                ]}
              >
                <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}
