// The competitors' schemas: the crate's lenient-mode rules (src/read.rs, src/issue.rs) written as
// JSON Schema (for ajv) and as zod 4, as close as each allows.
//
// Lenient mode makes these errors, and so do the schemas:
//   - the document (or a collection item) is not an object;
//   - wrong JSON types: id must be a string; clientContext, status, completionReason,
//     recordingLocation, recordingAccessToken, recordResourceLocation, recordResourceAccessToken
//     and resultInfo.message must be a string or null; resultInfo must be an object or null;
//     resultInfo.@odata.type must be a string;
//   - resultInfo.code / subcode / subCode not an Int32: a JSON integer in -2^31..2^31-1 or a string
//     in JSON integer syntax (`"200"`, `"-0"`) in that range; `200.5`, `"200.5"`, `"abc"`, `" 200"`,
//     `"007"` and out-of-range values are errors;
//   - an @odata.type that is not `#microsoft.graph.recordOperation` (resp. `resultInfo`), with the
//     `#` optional and the namespace and name compared in ASCII case only.
// Everything else is a warning (status in any case or undocumented, `"200"` as a string, `subCode`,
// missing code/subcode/id/status, extra properties, legacy names), so the schemas accept it: status
// is any string or null, not an enum (an undocumented status is kept, with a warning).
//
// What JSON Schema cannot express, and the benchmark data therefore does not contain: duplicate
// keys (JSON.parse keeps the last one silently), `subcode` and `subCode` both present with
// different values, a legacy property that conflicts with its current name, JSON syntax errors,
// lone surrogates, and numbers JSON.parse rounds into integers (`2147483647.0000000001`).

/** `s` with every ASCII letter as a two-case class: a case-insensitive match limited to ASCII
 *  (a `u`-flag regex with `i` would also let `ſ` match `s` and `K` (Kelvin) match `k`). */
function asciiCaseInsensitive(s) {
  let out = '';
  for (const ch of s) {
    if (/[a-zA-Z]/.test(ch)) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

export const RECORD_OPERATION_TYPE = `^#?${asciiCaseInsensitive('microsoft.graph.recordOperation')}$`;
export const RESULT_INFO_TYPE = `^#?${asciiCaseInsensitive('microsoft.graph.resultInfo')}$`;
/** A string holding a JSON integer in Int32 range (`-0` included: lenient mode reads it as 0). */
export const INT32_STRING =
  '^(?:-?(?:0|[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}' +
  '|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7])|-2147483648)$';

const nullableString = { type: ['string', 'null'] };
// One subschema for numbers and strings: `minimum`/`maximum` apply to numbers, `pattern` to strings.
const int32 = { type: ['integer', 'string'], minimum: -2147483648, maximum: 2147483647, pattern: INT32_STRING };

export const resultInfoSchema = {
  type: ['object', 'null'],
  properties: {
    '@odata.type': { type: 'string', pattern: RESULT_INFO_TYPE },
    code: int32,
    subcode: int32,
    subCode: int32,
    message: nullableString,
  },
};

/** A recordOperation (open type: any other property is allowed). */
export const recordOperationSchema = {
  $id: 'https://example.invalid/recordOperation.json',
  type: 'object',
  properties: {
    '@odata.type': { type: 'string', pattern: RECORD_OPERATION_TYPE },
    id: { type: 'string' },
    clientContext: nullableString,
    status: nullableString,
    completionReason: nullableString,
    resultInfo: resultInfoSchema,
    recordingLocation: nullableString,
    recordingAccessToken: nullableString,
    recordResourceLocation: nullableString,
    recordResourceAccessToken: nullableString,
  },
};

/** A collection item: another resource (a string @odata.type that is not ours) is skipped, not
 *  checked (parseAny lists it under `skipped`); anything else must be a valid recordOperation. */
export const collectionItemSchema = {
  $id: 'https://example.invalid/collectionItem.json',
  if: {
    type: 'object',
    required: ['@odata.type'],
    properties: { '@odata.type': { type: 'string', not: { pattern: RECORD_OPERATION_TYPE } } },
  },
  then: true,
  else: { ...recordOperationSchema, $id: undefined },
};
delete collectionItemSchema.else.$id;

/** The whole collection in one schema (for the all-errors variant). */
export const collectionSchema = {
  $id: 'https://example.invalid/collection.json',
  type: 'object',
  required: ['value'],
  properties: { value: { type: 'array', items: { ...collectionItemSchema, $id: undefined } } },
};
delete collectionSchema.properties.value.items.$id;

/** The same rules in zod 4. */
export function zodSchemas(z) {
  const recordType = new RegExp(RECORD_OPERATION_TYPE);
  const resultType = new RegExp(RESULT_INFO_TYPE);
  const int32z = z.union([
    z.number().int().min(-2147483648).max(2147483647),
    z.string().regex(new RegExp(INT32_STRING)),
  ]);
  const ns = z.string().nullable().optional();
  const resultInfo = z
    .looseObject({
      '@odata.type': z.string().regex(resultType).optional(),
      code: int32z.optional(),
      subcode: int32z.optional(),
      subCode: int32z.optional(),
      message: ns,
    })
    .nullable()
    .optional();
  const recordOperation = z.looseObject({
    '@odata.type': z.string().regex(recordType).optional(),
    id: z.string().optional(),
    clientContext: ns,
    status: ns,
    completionReason: ns,
    resultInfo,
    recordingLocation: ns,
    recordingAccessToken: ns,
    recordResourceLocation: ns,
    recordResourceAccessToken: ns,
  });
  const otherResource = z.looseObject({
    '@odata.type': z.string().refine((t) => !recordType.test(t)),
  });
  const collectionItem = z.union([otherResource, recordOperation]);
  return { recordOperation, collectionItem };
}
