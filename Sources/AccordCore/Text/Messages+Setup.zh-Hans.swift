/// `Messages.setup` in Simplified Chinese (mainland usage): language, title, period, departments.
extension Messages {
    /// 简体中文（中国大陆）。
    static let setupZhHans: KeyValuePairs<String, String> = [
        "help.lang": "设置会议语言（记录在会议文件中）；不带参数时显示当前语言",
        "lang.set": "会议语言已设为 {lang}（{name}）；本会议的回放和导出也将使用该语言。",
        "lang.already": "会议语言已经是 {lang}（{name}）。",
        "lang.shown": "会议语言：{lang}（{name}），由 `lang` 设置。",
        "lang.shown.locale": "当前语言：{lang}（{name}），来自 --lang、ACCORD_LANG 或系统区域设置；`lang zh-Hans` 可设置本会议自己的语言。",
        "lang.unknown": "没有 `{value}` 这种语言：可选 {all}（也可识别 zh_TW 和 zh_CN）。",
        "setup.title-set": "标题：{title}",
        "setup.period-set": "考核期：{period}",
        "dept.added": "已添加部门 {name}（目前共 {n} 个部门）。",
        "dept.exists": "部门 {name} 已存在。",
        "dept.edited": "{name}：负责人 {head}，直属上级 {supervisor}。",
        "dept.edit-nothing": "请说明要修改什么：--head 姓名 和/或 --supervisor 姓名。",
        "dept.none": "还没有部门。添加一个：dept add 部门名称 --head 负责人 --supervisor 直属上级",
        "dept.none-yet": "没有部门 `{name}`：目前还没有任何部门（`dept add`）。",
        "dept.unknown": "没有部门 `{name}`（现有部门：{all}）。",
        "dept.unknown.suggest": "没有部门 `{name}`（现有部门：{all}）。您是想输入 `{nearest}` 吗？",
        "dept.removed": "已删除部门 {name}{with}。",
        "dept.rm.with": "，连同 {what}",
        "dept.rm.kpis": "{n} 项 KPI",
        "dept.rm.contribs": "{n} 个贡献项",
        "dept.rm.votes": "{n} 次表态",
        "dept.rm.signatures": "{n} 个签名",
        "dept.renamed": "已将 {old} 重命名为 {new}。",
    ]
}
