extension Demo.Script {
    /// 晨光科技 2027 年度目標對齊會議: the worked meeting of a Taiwanese company, in Taiwan
    /// usage (轉換率, 名單, 資料來源, 啟用). It begins with `lang zh-Hant`, so the session
    /// speaks Traditional Chinese whenever it is reopened. Every command succeeds: 客服部's
    /// objection is answered by a revised target before the goal is put to the room again.
    public static let zhHant = Demo.Script(
        language: .zhHant,
        sheetName: "kpi-sheet-zh-Hant.csv",
        kpiSheet: """
        部門,KPI名稱,方向,目標值,單位,資料來源,考核週期,權重,負責人
        行銷部,網站流量,提升,150000,訪次,GA4,月度,40,林怡君
        行銷部,名單數,提升,1200,筆,HubSpot,月度,40,林怡君
        行銷部,廣告點擊率,提升,2.8,%,Google Ads,月度,20,林怡君
        業務部,銷售額,提升,90000000,元,Salesforce,季度,60,張志明
        業務部,折扣率,提升,15,%,Salesforce,季度,10,張志明
        業務部,名單轉換率,提升,12,%,Salesforce,季度,30,張志明
        客服部,淨營收留存率,提升,110,%,帳務系統,季度,50,陳美玲
        客服部,平均處理時間,降低,6,分鐘,Zendesk,月度,30,陳美玲
        客服部,客戶滿意度,提升,92,%,Zendesk,月度,20,陳美玲
        產品部,獲客成本,降低,12000,元,財務報表,季度,50,黃俊傑
        產品部,新客戶數,提升,300,家,Salesforce,季度,30,黃俊傑
        產品部,廣告預算,提升,7500000,元,財務報表,季度,20,黃俊傑

        """,
        commands: """
        lang zh-Hant
        title "晨光科技 2027 年度目標對齊會議"
        period 2027
        dept add 行銷部 --head "林怡君" --supervisor "王建民"
        dept add 業務部 --head "張志明" --supervisor "王建民"
        dept add 客服部 --head "陳美玲" --supervisor "王建民"
        dept add 產品部 --head "黃俊傑" --supervisor "王建民"
        next
        kpi import kpi-sheet-zh-Hant.csv
        audit
        conflict resolve C1 "行銷部與業務部同意：廣告成效以業務接受的有效名單來判斷，不只看點擊率"
        conflict accept C2 "名單數與名單轉換率並存，兩個部門每月一起檢視名單品質"
        conflict accept C6 "保留平均處理時間，但客服部以客戶滿意度為領先指標"
        audit
        next --force "其餘衝突帶到目標討論中處理"
        goal add "提升客戶終身價值" --metric cltv --baseline 360000 --target 450000 --unit 元 --by 2027-12-31 --owner 業務部
        vote G1 行銷部 同意
        vote G1 業務部 同意
        vote G1 客服部 反對 "續約工作需要先決定客服人力的編制"
        vote G1 產品部 同意
        goal edit G1 --target 435000
        vote G1 行銷部 同意
        vote G1 業務部 同意
        vote G1 客服部 同意
        vote G1 產品部 棄權
        goal adopt G1
        goal add "降低整體獲客成本" --metric cac --baseline 13500 --target 11400 --unit 元 --by 2027-12-31 --owner 產品部
        vote G2 行銷部 同意
        vote G2 業務部 同意
        vote G2 客服部 棄權
        vote G2 產品部 同意
        goal adopt G2
        next
        map G1 留存 收入 推薦
        map G2 獲取 啟用
        contrib add G1 業務部 --stage 收入 --kpi "加購營收" --metric revenue --target 36000000 --challenge 45000000 --floor 27000000 --unit 元 --weight 60 --source Salesforce --cycle 季度
        contrib add G1 客服部 --stage 留存 --kpi "淨營收留存率" --target 110 --challenge 115 --floor 104 --unit % --weight 70 --source 帳務系統 --cycle 季度
        contrib add G1 客服部 --stage 推薦 --kpi "轉介紹客戶數" --metric referrals --target 40 --challenge 60 --floor 25 --unit 家 --weight 30 --source Salesforce --cycle 季度
        contrib add G1 行銷部 --stage 推薦 --kpi "推薦計畫報名數" --metric referrals --target 300 --challenge 400 --floor 200 --unit 人 --weight 30 --source HubSpot --cycle 月度
        contrib add G2 產品部 --stage 獲取 --kpi "獲客成本" --metric cac --target 11400 --challenge 10500 --floor 12600 --unit 元 --weight 60 --source 財務報表 --cycle 季度
        contrib add G2 產品部 --stage 啟用 --kpi "試用轉付費率" --metric trial_conversion --target 18 --challenge 22 --floor 15 --unit % --weight 40 --source Salesforce --cycle 月度
        contrib add G2 行銷部 --stage 獲取 --kpi "業務接受名單數" --metric qualified_leads --target 900 --challenge 1100 --floor 700 --unit 筆 --weight 70 --source Salesforce --cycle 月度
        contrib add G2 業務部 --stage 啟用 --kpi "名單轉換率" --target 14 --challenge 16 --floor 11 --unit % --weight 40 --source Salesforce --cycle 季度
        next
        sign 行銷部 負責人 "林怡君"
        sign 行銷部 主管 "王建民"
        sign 業務部 負責人 "張志明"
        sign 業務部 主管 "王建民"
        sign 客服部 負責人 "陳美玲"
        sign 客服部 主管 "王建民"
        sign 產品部 負責人 "黃俊傑"
        sign 產品部 主管 "王建民"
        """,
        tourDept: "行銷部"
    )
}
