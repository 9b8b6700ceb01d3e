export { nextFireTime, parseCron, type ParsedCron } from './cron'
export { TimerScheduler, type TimerInfo } from './scheduler'
