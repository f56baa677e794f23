/** TypeBox schemas of the documents API (validation, response whitelist, OpenAPI). */
import { Type } from '@sinclair/typebox';
import { IsoDate, Paging } from '../../platform/http/schemas.ts';

const NonBlank = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex' });

export const SERVICE_METHODS = ['direct', 'post', 'electronic', 'announcement'] as const;
export const SERVICE_METHOD_ZH = { direct: '直接送达', post: '邮寄送达', electronic: '电子送达', announcement: '公告送达' } as const;

export const DocumentListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'search: 发文字号, title or enterprise name' })),
    kind: Type.Optional(Type.String({ maxLength: 60, pattern: '^[a-z-]+$' })),
    caseId: Type.Optional(Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 })),
    status: Type.Optional(Type.Union([Type.Literal('issued'), Type.Literal('voided')])),
    ...Paging,
  },
  { additionalProperties: false },
);

export const NextStep = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String(), who: Type.String({ description: 'who acts next (zh)' }) });

export const DocumentItem = Type.Object({
  id: Type.Integer(),
  number: Type.String({ description: '发文字号' }),
  kind: Type.String(),
  kindName: Type.String(),
  kindNameEn: Type.String(),
  title: Type.String(),
  unitName: Type.String({ description: '发文机关' }),
  docDate: IsoDate,
  status: Type.Union([Type.Literal('issued'), Type.Literal('voided')]),
  voidReason: Nullable(Type.String()),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  actId: Type.Union([Type.Integer(), Type.Null()]),
  actKind: Nullable(Type.String()),
  enterpriseName: Nullable(Type.String()),
  territoryName: Nullable(Type.String()),
  dimension: Nullable(Type.String()),
  version: Type.Integer({ description: 'the latest version (0 while version 1 is being rendered)' }),
  sha256: Nullable(Type.String({ description: 'SHA-256 of the latest version’s .docx' })),
  servedOn: Nullable(IsoDate),
  nextStep: NextStep,
  createdAt: Type.String({ format: 'date-time' }),
});

export const DocumentVersion = Type.Object({
  version: Type.Integer(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  reason: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const DocumentService = Type.Object({
  id: Type.Integer(),
  method: Type.Union(SERVICE_METHODS.map((m) => Type.Literal(m))),
  methodName: Type.String(),
  servedOn: IsoDate,
  recipient: Type.String(),
  trackingNo: Nullable(Type.String()),
  receiptSha256: Nullable(Type.String()),
  note: Nullable(Type.String()),
  servedBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const DocumentDetail = Type.Composite([
  DocumentItem,
  Type.Object({
    basis: Type.Union([Type.Object({ id: Type.String(), citationZh: Type.String(), citation: Type.String() }), Type.Null()]),
    deadlineFromService: Type.Boolean({ description: 'a period in this document runs from its service date' }),
    versions: Type.Array(DocumentVersion),
    services: Type.Array(DocumentService),
    pdf: Type.Object({ available: Type.Boolean(), reason: Type.Optional(Type.String()), reasonZh: Type.Optional(Type.String()) }),
  }),
]);

export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false });

export const ReasonBody = Type.Object({ reason: NonBlank(500) }, { additionalProperties: false });

export const ServiceBody = Type.Object(
  {
    method: Type.Union(SERVICE_METHODS.map((m) => Type.Literal(m))),
    servedOn: IsoDate,
    recipient: NonBlank(200),
    trackingNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z-]+$', description: 'post: the tracking number (required)' })),
    receiptSha256: Type.Optional(Sha256),
    note: Type.Optional(NonBlank(2000)),
  },
  { additionalProperties: false },
);
