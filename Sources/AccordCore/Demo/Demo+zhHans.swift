extension Demo.Script {
    /// 启明科技 2027 年度目标对齐会: the worked meeting of a mainland company, in mainland
    /// usage (转化率, 线索, 数据来源, 激活). It begins with `lang zh-Hans`, so the session
    /// speaks Simplified Chinese whenever it is reopened. Every command succeeds: 客服部's
    /// objection is answered by a revised target before the goal is put to the room again.
    public static let zhHans = Demo.Script(
        language: .zhHans,
        sheetName: "kpi-sheet-zh-Hans.csv",
        kpiSheet: """
        部门,KPI名称,方向,目标值,单位,数据来源,考核周期,权重,负责人
        市场部,网站流量,提升,150000,访问,百度统计,月度,40,刘洋
        市场部,线索量,提升,1200,条,纷享销客,月度,40,刘洋
        市场部,广告点击率,提升,2.8,%,巨量引擎,月度,20,刘洋
        销售部,销售额,提升,20000000,元,纷享销客,季度,60,张伟
        销售部,折扣率,提升,15,%,纷享销客,季度,10,张伟
        销售部,线索转化率,提升,12,%,纷享销客,季度,30,张伟
        客服部,净收入留存率,提升,110,%,财务系统,季度,50,李娜
        客服部,平均处理时长,降低,6,分钟,客服系统,月度,30,李娜
        客服部,客户满意度,提升,92,%,客服系统,月度,20,李娜
        产品部,获客成本,降低,2800,元,财务报表,季度,50,王磊
        产品部,新客户数,提升,300,家,纷享销客,季度,30,王磊
        产品部,广告费用,提升,1600000,元,财务报表,季度,20,王磊

        """,
        commands: """
        lang zh-Hans
        title "启明科技 2027 年度目标对齐会"
        period 2027
        dept add 市场部 --head "刘洋" --supervisor "陈静"
        dept add 销售部 --head "张伟" --supervisor "陈静"
        dept add 客服部 --head "李娜" --supervisor "陈静"
        dept add 产品部 --head "王磊" --supervisor "陈静"
        next
        kpi import kpi-sheet-zh-Hans.csv
        audit
        conflict resolve C1 "市场部与销售部商定：投放效果以销售确认的有效线索为准，不只看点击率"
        conflict accept C2 "线索量与线索转化率并存，两个部门每月一起复盘线索质量"
        conflict accept C6 "保留平均处理时长，但客服部以客户满意度为先行指标"
        audit
        next --force "其余冲突留到目标讨论时处理"
        goal add "提升客户终身价值" --metric cltv --baseline 80000 --target 100000 --unit 元 --by 2027-12-31 --owner 销售部
        vote G1 市场部 同意
        vote G1 销售部 同意
        vote G1 客服部 反对 "续费工作需要先确定客服人员编制"
        vote G1 产品部 同意
        goal edit G1 --target 96000
        vote G1 市场部 同意
        vote G1 销售部 同意
        vote G1 客服部 同意
        vote G1 产品部 弃权
        goal adopt G1
        goal add "降低综合获客成本" --metric cac --baseline 3000 --target 2500 --unit 元 --by 2027-12-31 --owner 产品部
        vote G2 市场部 同意
        vote G2 销售部 同意
        vote G2 客服部 弃权
        vote G2 产品部 同意
        goal adopt G2
        next
        map G1 留存 收入 推荐
        map G2 获取 激活
        contrib add G1 销售部 --stage 收入 --kpi "增购收入" --metric revenue --target 8000000 --challenge 10000000 --floor 6000000 --unit 元 --weight 60 --source 纷享销客 --cycle 季度
        contrib add G1 客服部 --stage 留存 --kpi "净收入留存率" --target 110 --challenge 115 --floor 104 --unit % --weight 70 --source 财务系统 --cycle 季度
        contrib add G1 客服部 --stage 推荐 --kpi "转介绍客户数" --metric referrals --target 40 --challenge 60 --floor 25 --unit 家 --weight 30 --source 纷享销客 --cycle 季度
        contrib add G1 市场部 --stage 推荐 --kpi "推荐计划报名数" --metric referrals --target 300 --challenge 400 --floor 200 --unit 人 --weight 30 --source 企业微信 --cycle 月度
        contrib add G2 产品部 --stage 获取 --kpi "获客成本" --metric cac --target 2500 --challenge 2300 --floor 2800 --unit 元 --weight 60 --source 财务报表 --cycle 季度
        contrib add G2 产品部 --stage 激活 --kpi "试用转付费率" --metric trial_conversion --target 18 --challenge 22 --floor 15 --unit % --weight 40 --source 纷享销客 --cycle 月度
        contrib add G2 市场部 --stage 获取 --kpi "销售确认线索数" --metric qualified_leads --target 900 --challenge 1100 --floor 700 --unit 条 --weight 70 --source 纷享销客 --cycle 月度
        contrib add G2 销售部 --stage 激活 --kpi "线索转化率" --target 14 --challenge 16 --floor 11 --unit % --weight 40 --source 纷享销客 --cycle 季度
        next
        sign 市场部 负责人 "刘洋"
        sign 市场部 主管 "陈静"
        sign 销售部 负责人 "张伟"
        sign 销售部 主管 "陈静"
        sign 客服部 负责人 "李娜"
        sign 客服部 主管 "陈静"
        sign 产品部 负责人 "王磊"
        sign 产品部 主管 "陈静"
        """,
        tourDept: "市场部"
    )
}
