import { View } from '@tarojs/components'
import { useState } from 'react'
import type { MyVolunteer, StationSummary, VolunteerProfile } from '@core/contract'
import type { VolunteerSpeciality } from '@core/domain'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { ChoiceField, TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import './people.css'

export interface VolunteerFormProps {
  mine: MyVolunteer
  stations: StationSummary[]
  /** the person's home station, preselected for a new volunteer */
  homeUnitId: string | null
  onSaved: (profile: VolunteerProfile) => void
}

/** 成为志愿者 / 修改志愿者信息: one form; the ID number is optional and never shown back unmasked. */
export function VolunteerForm({ mine, stations, homeUnitId, onSaved }: VolunteerFormProps) {
  const profile = mine.profile?.status === 'active' ? mine.profile : null
  const [name, setName] = useState(profile?.name ?? mine.profile?.name ?? '')
  const [phone, setPhone] = useState(profile?.phone ?? mine.profile?.phone ?? '')
  const [home, setHome] = useState(profile?.homeUnitId ?? homeUnitId ?? stations[0]?._id ?? '')
  const [chosen, setChosen] = useState<VolunteerSpeciality[]>(profile?.specialities ?? [])
  const [idNumber, setIdNumber] = useState('')
  const [agreed, setAgreed] = useState(!!profile)
  const [save, runSave] = useMutation(async () => {
    const form = { name, phone, homeUnitId: home, specialities: chosen }
    const id = idNumber.trim() ? { idNumber: idNumber.trim() } : {}
    return profile
      ? api.people.updateVolunteer({ ...form, ...id })
      : api.people.register({ ...form, ...id, consentVersion: mine.consent.version })
  })
  const fields = save.status === 'error' ? (save.error.fields ?? {}) : {}
  const toggle = (s: VolunteerSpeciality) =>
    setChosen((xs) => (xs.includes(s) ? xs.filter((x) => x !== s) : [...xs, s]))

  const submit = async () => {
    const saved = await runSave()
    if (saved) onSaved(saved)
  }

  return (
    <View>
      <TextField
        id="vol-name"
        label="姓名"
        value={name}
        onChange={setName}
        error={fields.name}
        maxLength={20}
      />
      <TextField
        id="vol-phone"
        label="手机号"
        type="tel"
        value={phone}
        onChange={setPhone}
        error={fields.phone}
        maxLength={11}
      />
      <ChoiceField
        id="vol-home"
        label="所在站点"
        value={home}
        options={stations.map((s) => ({ value: s._id, label: s.name }))}
        onChange={setHome}
        error={fields.homeUnitId}
      />
      <Heading level={3}>专长（可选多项）</Heading>
      <View className="people-chips" {...a11y({ role: 'group', label: '专长' })}>
        {mine.specialities.map((s) => (
          <Button
            key={s}
            pressed={chosen.includes(s)}
            variant={chosen.includes(s) ? 'primary' : 'secondary'}
            onClick={() => toggle(s)}
          >
            {chosen.includes(s) ? `✓ ${s}` : s}
          </Button>
        ))}
      </View>
      {fields.specialities && <ErrorNotice message={fields.specialities} />}
      <TextField
        id="vol-id"
        label={
          profile?.idNumberMasked
            ? `身份证号（选填，已保存 ${profile.idNumberMasked}，不改请留空）`
            : '身份证号（选填，加密保存，只显示遮挡后的号码）'
        }
        value={idNumber}
        onChange={setIdNumber}
        error={fields.idNumber}
        maxLength={18}
      />
      {!profile && (
        <>
          <Heading level={3}>志愿者注册须知</Heading>
          <Note>
            <View className="people-consent">{mine.consent.text}</View>
          </Note>
          <Button switchOn={agreed} block onClick={() => setAgreed(!agreed)}>
            {agreed ? '✓ ' : ''}我已阅读并同意志愿者注册须知
          </Button>
          {fields.consentVersion && <ErrorNotice message={fields.consentVersion} />}
        </>
      )}
      {save.status === 'error' && <ErrorNotice message={save.error.message} />}
      <Button variant="primary" block disabled={!agreed || save.status === 'pending'} onClick={submit}>
        {save.status === 'pending' ? '正在保存…' : profile ? '保存修改' : '注册成为志愿者'}
      </Button>
    </View>
  )
}
