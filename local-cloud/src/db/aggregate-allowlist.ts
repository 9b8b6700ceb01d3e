/**
 * The aggregation stages and operators the platform takes: exactly what @cloudbase/database 1.4.3
 * (under wx-server-sdk 4.0.2) exposes — `collection.aggregate().<stage>()` and `db.command.aggregate`
 * (`$.<operator>`), plus the query operators `db.command` encodes into `$match` / `$geoNear.query`.
 * mingo knows many more ($facet, $unionWith, $setWindowFields, $toString …); a pipeline that uses one
 * would pass locally and fail on WeChat's cloud, so it is refused here with the platform's error
 * (DATABASE_INVALID_OPERRATOR, which wx-server-sdk reports as errCode -502002). Which exact message
 * the platform sends is UNCONFIRMED; ours is MongoDB's wording.
 *
 * aggregate-allowlist.test.ts derives these lists from the installed SDK and fails when they drift.
 */
import { CloudError } from '../errors'

/** Aggregation#<stage>() in @cloudbase/database's aggregate.js. */
export const PLATFORM_STAGES: ReadonlySet<string> = new Set(
  'addFields bucket bucketAuto count geoNear group limit lookup match project replaceRoot sample skip sort sortByCount unwind'
    .split(' ')
    .map((s) => `$${s}`),
)

/** Every AggregationOperator name in Command.aggregate of command.js (neq is sent as $ne). */
export const PLATFORM_EXPRESSION_OPERATORS: ReadonlySet<string> = new Set(
  (
    'abs add ceil divide exp floor ln log log10 mod multiply pow sqrt subtract trunc ' +
    'arrayElemAt arrayToObject concatArrays filter in indexOfArray isArray map range reduce reverseArray size slice zip ' +
    'and not or cmp eq gt gte lt lte ne cond ifNull switch ' +
    'dateFromParts dateFromString dayOfMonth dayOfWeek dayOfYear isoDayOfWeek isoWeek isoWeekYear millisecond minute month second hour week year ' +
    'literal mergeObjects objectToArray allElementsTrue anyElementTrue setDifference setEquals setIntersection setIsSubset setUnion ' +
    'concat dateToString indexOfBytes indexOfCP split strLenBytes strLenCP strcasecmp substr substrBytes substrCP toLower toUpper ' +
    'meta addToSet avg first last max min push stdDevPop stdDevSamp sum let'
  )
    .split(' ')
    .map((s) => `$${s}`),
)

/**
 * Query operators db.command encodes (QUERY_COMMANDS_LITERAL, LOGIC_COMMANDS_LITERAL, expr, jsonSchema,
 * text), with the keys their serialisation uses: geo ($nearSphere, $geometry, $maxDistance …),
 * db.RegExp ($regex, $options) and $text's fields.
 */
export const PLATFORM_QUERY_OPERATORS: ReadonlySet<string> = new Set(
  (
    'eq ne gt gte lt lte in nin all elemMatch exists size mod and or not nor expr jsonSchema ' +
    'nearSphere geoWithin geoIntersects geometry maxDistance minDistance centerSphere ' +
    'regex options text search language caseSensitive diacriticSensitive'
  )
    .split(' ')
    .map((s) => `$${s}`),
)

function invalid(message: string): CloudError {
  return new CloudError('DATABASE_INVALID_OPERRATOR', message)
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** Throws the platform's error when a stage or operator is not one the platform takes. */
export function assertPlatformPipeline(pipeline: readonly Record<string, unknown>[]): void {
  for (const stage of pipeline) {
    const [name] = Object.keys(stage)
    if (!PLATFORM_STAGES.has(name)) throw invalid(`Unrecognized pipeline stage name: '${name}'`)
    const value = stage[name]
    if (name === '$lookup' && isPlain(value) && Array.isArray(value.pipeline)) {
      assertPlatformPipeline(value.pipeline.filter(isPlain))
      checkOperators({ ...value, pipeline: undefined })
    } else checkOperators(value)
  }
}

/** Walks a stage's value iteratively (its depth is bounded at the HTTP layer, but never recurse). */
function checkOperators(root: unknown): void {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const v = stack.pop()
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item)
      continue
    }
    if (!isPlain(v)) continue
    for (const [key, child] of Object.entries(v)) {
      if (
        key.startsWith('$') &&
        !PLATFORM_EXPRESSION_OPERATORS.has(key) &&
        !PLATFORM_QUERY_OPERATORS.has(key)
      ) {
        throw invalid(`Unrecognized expression '${key}'`)
      }
      // $literal's value is data, not expressions
      if (key !== '$literal') stack.push(child)
    }
  }
}

/** The pipeline, once checked (the one call in actions.ts). */
export function platformPipeline<T extends Record<string, unknown>[]>(pipeline: T): T {
  assertPlatformPipeline(pipeline)
  return pipeline
}
