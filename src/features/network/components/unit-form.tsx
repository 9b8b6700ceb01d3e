import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { UnitNode } from '@core/contract'
import { UNIT_LEVEL_NAMES, type UnitLevel } from '@core/domain'
import { DEFAULT_SERVICE_RADIUS_M } from '@core/network/rules'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { TextField } from '@/components/form-fields'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { CAN_PICK_ON_MAP, pickLocation } from '../pick-location'

type FormKey = 'name' | 'address' | 'latitude' | 'longitude' | 'phone' | 'hours' | 'radiusMeters'
type Form = Record<FormKey, string>

export interface UnitFormProps {
  /** new unit under this parent, with the level it will get */
  parent?: { _id: string; name: string; childLevel: UnitLevel }
  /** or edit this one */
  editing?: UnitNode
}

function formOf(u?: UnitNode): Form {
  return {
    name: u?.name ?? '',
    address: u?.address ?? '',
    latitude: u ? String(u.latitude) : '',
    longitude: u ? String(u.longitude) : '',
    phone: u?.phone ?? '',
    hours: u?.hours ?? '周一至周五 8:30–17:30',
    radiusMeters: String(u?.radiusMeters ?? DEFAULT_SERVICE_RADIUS_M),
  }
}

const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))

/** 新建 / 修改单位: name, address, location (map on the mini-program, numbers on H5), phone, hours, 服务圈. */
export function UnitForm({ parent, editing }: UnitFormProps) {
  const [form, setForm] = useState<Form>(() => formOf(editing))
  const [errors, setErrors] = useState<Partial<Record<FormKey, string>>>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)

  const set = (key: FormKey, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const pick = async () => {
    const place = await pickLocation()
    if (!place) return
    setForm((f) => ({
      ...f,
      latitude: place.latitude.toFixed(6),
      longitude: place.longitude.toFixed(6),
      address: f.address || place.address,
    }))
    setErrors((e) => ({ ...e, latitude: undefined, longitude: undefined }))
  }

  const submit = async () => {
    const latitude = number(form.latitude)
    const longitude = number(form.longitude)
    const radiusMeters = number(form.radiusMeters)
    const found: Partial<Record<FormKey, string>> = {}
    if (Number.isNaN(latitude)) found.latitude = '请填写纬度（数字，例如 36.7005）'
    if (Number.isNaN(longitude)) found.longitude = '请填写经度（数字，例如 119.1012）'
    if (Number.isNaN(radiusMeters)) found.radiusMeters = '请填写服务圈半径（米）'
    setErrors(found)
    setFailure(undefined)
    if (Object.keys(found).length > 0) {
      setFailure('有几处需要修改，请看红字提示。')
      return
    }
    const fields = {
      name: form.name,
      address: form.address,
      latitude,
      longitude,
      phone: form.phone,
      hours: form.hours,
      radiusMeters,
    }
    setBusy(true)
    try {
      if (editing) {
        await api.network.updateUnit({ id: editing._id, ...fields })
        await Taro.navigateBack().catch(() => undefined)
      } else if (parent) {
        const { unit } = await api.network.createUnit({ parentId: parent._id, ...fields })
        await Taro.redirectTo({ url: `/network/pages/units/index?unitId=${encodeURIComponent(unit._id)}` })
      }
    } catch (e) {
      const error = toCloudError(e)
      if (error.fields) setErrors(error.fields as Partial<Record<FormKey, string>>)
      setFailure(error.message)
    } finally {
      setBusy(false)
    }
  }

  const level = editing?.level ?? parent?.childLevel
  return (
    <View className="unit-form">
      {parent && <Note>上级单位：{parent.name}</Note>}
      {level && <Note>单位级别：{UNIT_LEVEL_NAMES[level]}</Note>}
      <TextField
        id="unit-name"
        label="单位名称"
        value={form.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
      />
      <TextField
        id="unit-address"
        label="地址"
        value={form.address}
        onChange={(v) => set('address', v)}
        error={errors.address}
      />
      {CAN_PICK_ON_MAP && (
        <Button block onClick={pick}>
          在地图上选择位置
        </Button>
      )}
      <TextField
        id="unit-latitude"
        label="纬度（北纬，例如 36.7005）"
        type="number"
        value={form.latitude}
        onChange={(v) => set('latitude', v)}
        error={errors.latitude}
      />
      <TextField
        id="unit-longitude"
        label="经度（东经，例如 119.1012）"
        type="number"
        value={form.longitude}
        onChange={(v) => set('longitude', v)}
        error={errors.longitude}
      />
      <TextField
        id="unit-phone"
        label="联系电话"
        type="tel"
        value={form.phone}
        onChange={(v) => set('phone', v)}
        error={errors.phone}
      />
      <TextField
        id="unit-hours"
        label="开放时间"
        value={form.hours}
        onChange={(v) => set('hours', v)}
        error={errors.hours}
      />
      <TextField
        id="unit-radius"
        label="十五分钟服务圈半径（米）"
        type="number"
        value={form.radiusMeters}
        onChange={(v) => set('radiusMeters', v)}
        error={errors.radiusMeters}
      />
      {failure && <ErrorNotice message={failure} />}
      <Button variant="primary" block onClick={submit} disabled={busy}>
        {busy ? '正在保存…' : editing ? '保存修改' : '新建单位'}
      </Button>
    </View>
  )
}
