/**
 * mingo 7 ships the subpath `mingo/core` (what its docs tell custom operators to use), but its
 * package has no `typesVersions`, so TypeScript's "node" module resolution cannot see the types.
 * The functions the local cloud uses from it, typed here.
 */
declare module 'mingo/core' {
  /** Evaluates `{ [operator]: expr }` against `obj`. */
  export function computeValue(obj: unknown, expr: unknown, operator: string, options: unknown): unknown
  /** Evaluates the expression `expr` against `obj`. */
  export function evalExpr(obj: unknown, expr: unknown, options: unknown): unknown
}
