/** 服务类别: the one list of what residents can order (点单), every screen and function uses it. */
export const SERVICE_CATEGORIES = [
  '义诊',
  '理发',
  '法律援助',
  '家电维修',
  '心理疏导',
  '理论宣讲',
  '代跑腿',
  '助餐',
  '助浴',
  '陪伴聊天',
] as const
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]

/** The line a resident sees under each category before a center writes its own description. */
export const DEFAULT_DESCRIPTIONS: Record<ServiceCategory, string> = {
  义诊: '量血压、测血糖、健康咨询',
  理发: '上门或到站理发，适合行动不便的老人',
  法律援助: '法律咨询、纠纷调解、文书指导',
  家电维修: '小家电、灯具、水电简单维修',
  心理疏导: '谈心谈话、情绪疏导',
  理论宣讲: '政策解读、理论宣讲进家门',
  代跑腿: '代买药品、代办缴费、代取快递',
  助餐: '送餐上门、助餐点用餐',
  助浴: '协助洗浴、个人清洁',
  陪伴聊天: '上门陪伴、读报聊天',
}
