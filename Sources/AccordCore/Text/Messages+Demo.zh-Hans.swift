/// `Messages.demo` in Simplified Chinese (mainland usage): `accord demo`.
extension Messages {
    /// 简体中文（中国大陆）。
    static let demoZhHans: KeyValuePairs<String, String> = [
        "demo.exists": "{file} 已存在；请换一个文件名，或加上 --force 覆盖。",
        "demo.locked": "{file} 已在另一个 accord 中打开；请先在那里关闭。",
        "demo.written": "已写入示例会议 {file}：“{title}”的 {events} 条事件，全部责任书均已签署。",
        "demo.tour": "试试 `status`、`grid`、`letter {dept}`、`log 20`；退出后可运行 `accord replay {file}`。",
        "demo.failed": "无法生成示例：`{cmd}`：{why}",
    ]
}
