import { parseScene, sceneFrom, SCENE_PROBLEM_MESSAGES, type ParsedScene } from '@core/signin/scene'

export type ScanTarget =
  | { kind: 'station'; scene: string }
  | { kind: 'volunteer'; token: string }
  | { kind: 'invalid'; message: string }

/** What the scan page was opened with: a station code, a volunteer code, or something it says is wrong. */
export function scanTarget(params: Partial<Record<string, string>>): ScanTarget {
  const scene = sceneFrom({ scene: params.scene, q: params.q })
  const parsed: ParsedScene = parseScene(scene)
  if (parsed.kind === 'station') return { kind: 'station', scene: `s=${parsed.unitCode}` }
  if (parsed.kind === 'volunteer') return { kind: 'volunteer', token: parsed.token }
  return { kind: 'invalid', message: SCENE_PROBLEM_MESSAGES[parsed.reason] }
}
