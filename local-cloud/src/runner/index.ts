export { calleeContext, functionsAdminHandler, openApiPermissionGuard, OPENAPI_NO_PERMISSION } from './admin'
export { contextEnv, SOURCE, type Identity, type InvocationContext } from './context'
export {
  DEFAULT_TIMEOUT_SECONDS,
  FunctionCatalog,
  parseFunctionConfig,
  type FunctionConfig,
  type FunctionSource,
  type TimerTrigger,
} from './function-config'
export {
  FREEZE_DEFAULT,
  freezeByDefault,
  FunctionError,
  FunctionRunner,
  type FunctionStatus,
  type LiveInvocation,
  type RunnerOptions,
} from './runner'
