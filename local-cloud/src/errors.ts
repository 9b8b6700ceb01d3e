/**
 * An error answered to the SDK in the TCB admin API's error shape: `{ code, message, requestId }`.
 * Codes follow the real service where we know them (e.g. DATABASE_COLLECTION_NOT_EXIST, -502005).
 */
export class CloudError extends Error {
  constructor(
    readonly code: string | number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message)
    this.name = 'CloudError'
  }
}
