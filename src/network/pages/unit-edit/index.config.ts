export default definePageConfig({
  navigationBarTitleText: '新建或修改单位',
})
