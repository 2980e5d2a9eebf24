/// The built-in wording of the responsibility letter, one Mustache template per language
/// (see `LetterTemplate` for the names a template can use). English reproduces the letters
/// Accord has always exported; Traditional Chinese (Taiwan) and Simplified Chinese (mainland)
/// are formal documents: 甲方 the supervisor (for the company), 乙方 the department's head,
/// numbered articles, the adjustment clause, and signature, seal and date areas.
/// `\u{20}\u{20}` is the two spaces that end a Markdown line without ending its paragraph.
enum LetterTemplates {
    static let markdownEN = """
        ## {{title}}

        {{headLine}}\u{20}\u{20}
        {{statusLine}}

        ### {{goalsHeading}}

        {{#goals}}
        - {{line}}
        {{/goals}}
        {{^goals}}
        {{noGoals}}
        {{/goals}}

        ### {{rowsHeading}}

        {{#hasRows}}
        {{table}}
        {{/hasRows}}
        {{^hasRows}}
        {{noRows}}
        {{/hasRows}}
        {{#pending}}

        {{pending}}
        {{/pending}}

        {{completion}}\u{20}\u{20}
        {{digestLabel}}`{{digest}}`\u{20}\u{20}
        {{sealLine}}

        ### {{signaturesHeading}}

        {{signatureTable}}
        {{#signHere}}

        {{signHere}}
        {{/signHere}}
        {{#earlier}}

        {{earlier}}
        {{/earlier}}

        """

    static let markdownHant = """
        ## {{title}}

        {{session}} · 考核期間：{{period}}

        甲方（上級主管／公司）：{{supervisor}}\u{20}\u{20}
        乙方（部門負責人）：{{head}}（{{dept}}）

        甲乙雙方就本考核期間之目標達成下列協議：乙方負責達成本責任書所列目標項目，甲方依第三條之評分規則考核。

        ### 一、所服務之公司目標

        {{#goals}}
        - {{line}}
        {{/goals}}
        {{^goals}}
        {{noGoals}}
        {{/goals}}

        ### 二、目標項目、權重與考核標準

        {{#hasRows}}
        {{table}}
        {{/hasRows}}
        {{^hasRows}}
        {{noRows}}
        {{/hasRows}}
        {{#pending}}

        {{pending}}
        {{/pending}}

        ### 三、評分規則

        {{completion}}。各目標項目之達成率依其權重加權合計，為乙方之考核結果。

        ### 四、目標調整

        目標調整須經雙方書面同意。調整後本責任書內容隨之變更，原有簽署即失效，須經雙方重新簽署。

        ### 五、責任書內容

        本責任書之內容以內容雜湊值 `{{digest}}` 為準；內容如有任何變更，雜湊值即隨之改變。\u{20}\u{20}
        {{sealLine}}\u{20}\u{20}
        狀態：{{status}}

        ### 六、簽署

        |      | 甲方（上級主管） | 乙方（部門負責人） |
        | :--- | :--- | :--- |
        | 姓名 | {{supervisor}} | {{head}} |
        | 簽名 | {{#supervisorSignature.signed}}{{supervisorSignature.signer}}{{/supervisorSignature.signed}} | {{#headSignature.signed}}{{headSignature.signer}}{{/headSignature.signed}} |
        | 印章 |  |  |
        | 日期 | {{#supervisorSignature.signed}}{{supervisorSignature.date}}{{/supervisorSignature.signed}}{{^supervisorSignature.signed}}中華民國　　年　　月　　日{{/supervisorSignature.signed}} | {{#headSignature.signed}}{{headSignature.date}}{{/headSignature.signed}}{{^headSignature.signed}}中華民國　　年　　月　　日{{/headSignature.signed}} |

        電子簽署紀錄：

        {{signatureTable}}
        {{#signHere}}

        {{signHere}}
        {{/signHere}}
        {{#earlier}}

        {{earlier}}
        {{/earlier}}

        """

    static let markdownHans = """
        ## {{title}}

        {{session}} · 考核期间：{{period}}

        甲方（上级主管／公司）：{{supervisor}}\u{20}\u{20}
        乙方（部门负责人）：{{head}}（{{dept}}）

        甲乙双方就本考核期间的目标达成如下协议：乙方负责完成本责任书所列目标项目，甲方按第三条的评分规则考核。

        ### 一、所服务的公司目标

        {{#goals}}
        - {{line}}
        {{/goals}}
        {{^goals}}
        {{noGoals}}
        {{/goals}}

        ### 二、目标项目、权重与考核标准

        {{#hasRows}}
        {{table}}
        {{/hasRows}}
        {{^hasRows}}
        {{noRows}}
        {{/hasRows}}
        {{#pending}}

        {{pending}}
        {{/pending}}

        ### 三、评分规则

        {{completion}}。各目标项目的完成率按权重加权合计，为乙方的考核结果。

        ### 四、目标调整

        目标调整须经双方书面同意。调整后本责任书内容随之变更，原有签署即失效，须经双方重新签署。

        ### 五、责任书内容

        本责任书的内容以内容哈希值 `{{digest}}` 为准；内容如有任何变更，哈希值即随之改变。\u{20}\u{20}
        {{sealLine}}\u{20}\u{20}
        状态：{{status}}

        ### 六、签署

        |      | 甲方（上级主管） | 乙方（部门负责人） |
        | :--- | :--- | :--- |
        | 姓名 | {{supervisor}} | {{head}} |
        | 签字 | {{#supervisorSignature.signed}}{{supervisorSignature.signer}}{{/supervisorSignature.signed}} | {{#headSignature.signed}}{{headSignature.signer}}{{/headSignature.signed}} |
        | 盖章 |  |  |
        | 日期 | {{#supervisorSignature.signed}}{{supervisorSignature.date}}{{/supervisorSignature.signed}}{{^supervisorSignature.signed}}　　年　　月　　日{{/supervisorSignature.signed}} | {{#headSignature.signed}}{{headSignature.date}}{{/headSignature.signed}}{{^headSignature.signed}}　　年　　月　　日{{/headSignature.signed}} |

        电子签署记录：

        {{signatureTable}}
        {{#signHere}}

        {{signHere}}
        {{/signHere}}
        {{#earlier}}

        {{earlier}}
        {{/earlier}}

        """
}
