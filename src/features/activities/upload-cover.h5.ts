/**
 * H5: the browser has no cloud-storage upload of its own here, so the picture is shrunk to a small JPEG
 * (callFunction payloads stay small) and sent to the activities function, which stores it.
 */
import { ACTIVITY_LIMITS } from '@core/activities/validation'
import { api } from '@/lib/api'
import { CloudCallError } from '@/lib/cloud'

export interface ChosenCover {
  fileId: string
  preview: string
}

function pickFile(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.addEventListener('change', () => resolve(input.files?.[0] ?? undefined))
    input.click()
  })
}

async function shrink(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file)
  for (const [width, quality] of [
    [800, 0.7],
    [640, 0.6],
    [480, 0.5],
  ] as const) {
    const scale = Math.min(1, width / bitmap.width)
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const base64 = canvas.toDataURL('image/jpeg', quality).split(',')[1] ?? ''
    if (base64.length <= ACTIVITY_LIMITS.coverBase64Max) return base64
  }
  throw new CloudCallError('INVALID_INPUT', '图片太大了，请选一张小一些的')
}

export async function chooseAndUploadCover(unitId: string): Promise<ChosenCover | undefined> {
  const file = await pickFile()
  if (!file) return undefined
  const dataBase64 = await shrink(file)
  const { fileId, url } = await api.activities.uploadCover({
    unitId,
    contentType: 'image/jpeg',
    dataBase64,
  })
  return { fileId, preview: url ?? `data:image/jpeg;base64,${dataBase64}` }
}
