export default definePageConfig({ navigationBarTitleText: '月计划与完成情况' })
