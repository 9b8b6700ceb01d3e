/**
 * The one error shape the cloud functions answer: `{ ok: false, code, message }`.
 * Codes are stable (clients and tests match on them); messages are Chinese and tell a person what to do.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNKNOWN_ACTION: '不支持的操作，请更新小程序后再试',
  UNAUTHENTICATED: '无法识别您的微信身份，请重新打开小程序',
  FORBIDDEN: '您没有权限进行此操作，如需开通请联系所在站点的专管员',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFLICT: '操作冲突，请稍后再试',
  CONTENT_RISKY: '内容含有不适宜发布的信息，请修改后再提交',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务暂时不可用，请稍后再试',
  NETWORK: '网络不太好，请检查网络后再试',
  ACTIVITY_FULL: '名额已满，下次早点来报名',
  REGISTRATION_CLOSED: '现在不能报名或取消报名了',
  ACTIVITY_CANCELLED: '活动已取消',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES | (string & {})

export interface Failure {
  ok: false
  code: ErrorCode
  message: string
  /** field-level problems for INVALID_INPUT: path → Chinese message */
  fields?: Record<string, string>
}

export interface Success<T> {
  ok: true
  data: T
}

export type Result<T> = Success<T> | Failure

/** Thrown by handlers; the router turns it into a Failure. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] ?? ERROR_MESSAGES.INTERNAL)
    this.name = 'AppError'
  }
}
