/**
 * The nearby search's radius bounds, shared by the stations and activities contracts. A module of its own
 * so the activities contract (and the activities bundle) need not build the stations schemas (issue 9).
 */

/** 15-minute walking circle (15分钟文明实践服务圈): about 1 km. */
export const NEARBY_DEFAULT_RADIUS_M = 1000
export const NEARBY_MAX_RADIUS_M = 5000
