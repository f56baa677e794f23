/**
 * The finding fields of each dimension, as JSON Schema, mirroring `findingSchemas` of the domain
 * (server/domain/lifecycle/{energy,environment,quality,safety,technology}.ts). The server does not publish them
 * (POST /cases declares `finding` as an open record), so they are restated here; the server checks the finding
 * against its own schema and answers INVALID_ACT_INPUT with the fields at fault, which the form shows.
 * `dimension`, `lines`, `enterpriseId` and `date` are filled in by the form/server.
 */
import type { Dimension } from '../../shared/status.ts';
import type { JsonSchema } from './ActFields.tsx';

const text: JsonSchema = { type: 'string', minLength: 1 };
const long: JsonSchema = { type: 'string', minLength: 1, maxLength: 2000 };
const decimal: JsonSchema = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
const oneOf = (...values: string[]): JsonSchema => ({ anyOf: values.map((v) => ({ const: v, type: 'string' })) });
const description: JsonSchema = long;

export const FINDING_SCHEMAS: Record<Dimension, JsonSchema> = {
  energy: {
    type: 'object',
    properties: { standard: text, edition: text, process: text, measured: decimal, limit: decimal, unit: text, description },
    required: ['standard', 'edition', 'process', 'measured', 'limit', 'unit'],
  },
  environment: {
    type: 'object',
    properties: { kind: oneOf('emission', 'totalQuantity', 'solidWaste'), pollutant: text, standard: text, measured: decimal, limit: decimal, unit: text, description },
    required: ['kind', 'pollutant'],
  },
  quality: {
    type: 'object',
    properties: { kind: oneOf('nonConforming', 'unlicensed', 'eliminatedProduct'), product: text, description },
    required: ['kind'],
  },
  safety: {
    type: 'object',
    properties: { hazard: long, description },
    required: ['hazard'],
  },
  technology: {
    type: 'object',
    properties: { catalogueEdition: oneOf('catalogue-2019', 'catalogue-2024'), catalogueItem: long, description },
    required: ['catalogueEdition', 'catalogueItem'],
  },
};

/** Dimensions whose finding must name at least one production line (technology: the equipment to eliminate). */
export const LINES_REQUIRED: readonly Dimension[] = ['technology'];
