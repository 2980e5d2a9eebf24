/// The built-in HTML wording of the responsibility letter in Traditional Chinese (Taiwan) and
/// Simplified Chinese (mainland): the same formal document as the Markdown one
/// (`LetterTemplates`) — 甲方 the supervisor (for the company), 乙方 the department's head,
/// six numbered articles, the adjustment clause, and a signing table with a box for each
/// party's seal (印章／盖章) and the date — written for `HTMLExport.letters` (each value
/// escaped, the tables and the seal block built by `HTMLExport`). English letters keep the
/// page Accord has always written.
enum LetterTemplatesHTML {
    static let hant = """
        <header class="doc-head"><h1>{{title}}</h1>
        <p class="sub">{{session}} · 考核期間：{{period}}</p></header>
        <dl class="parties">
        <dt>甲方（上級主管／公司）</dt><dd>{{supervisor}}</dd>
        <dt>乙方（部門負責人）</dt><dd>{{head}}（{{dept}}）</dd>
        <dt>責任書狀態</dt><dd>{{status}}</dd>
        </dl>
        <p class="clause">甲乙雙方就本考核期間之目標達成下列協議：乙方負責達成本責任書所列目標項目，甲方依第三條之評分規則考核。</p>
        <h2>一、所服務之公司目標</h2>
        {{#goals}}<p class="goal">{{line}}</p>{{/goals}}{{^goals}}<p class="none">{{noGoals}}</p>{{/goals}}
        <h2>二、目標項目、權重與考核標準</h2>
        {{#hasRows}}{{{table}}}{{/hasRows}}{{^hasRows}}<p class="none">{{noRows}}</p>{{/hasRows}}
        {{#pending}}<p class="note">{{pending}}</p>{{/pending}}
        <h2>三、評分規則</h2>
        <p class="clause">{{completion}}。各目標項目之達成率依其權重加權合計，為乙方之考核結果。</p>
        <h2>四、目標調整</h2>
        <p class="clause">目標調整須經雙方書面同意。調整後本責任書內容隨之變更，原有簽署即失效，須經雙方重新簽署。</p>
        <h2>五、責任書內容</h2>
        <p class="clause">本責任書之內容以內容雜湊值 <code>{{digest}}</code> 為準；內容如有任何變更，雜湊值即隨之改變。</p>
        {{{sealBlock}}}
        <h2>六、簽署</h2>
        <table class="signing">
        <thead><tr><th class="role"></th><th>甲方（上級主管）</th><th>乙方（部門負責人）</th></tr></thead>
        <tbody>
        <tr><th class="role">姓名</th><td>{{supervisor}}</td><td>{{head}}</td></tr>
        <tr class="sign-row"><th class="role">簽名</th><td>{{#supervisorSignature.signed}}{{supervisorSignature.signer}}{{/supervisorSignature.signed}}</td><td>{{#headSignature.signed}}{{headSignature.signer}}{{/headSignature.signed}}</td></tr>
        <tr class="seal-row"><th class="role">印章</th><td><span class="seal-box"></span></td><td><span class="seal-box"></span></td></tr>
        <tr><th class="role">日期</th><td>{{#supervisorSignature.signed}}{{supervisorSignature.date}}{{/supervisorSignature.signed}}{{^supervisorSignature.signed}}中華民國　　年　　月　　日{{/supervisorSignature.signed}}</td><td>{{#headSignature.signed}}{{headSignature.date}}{{/headSignature.signed}}{{^headSignature.signed}}中華民國　　年　　月　　日{{/headSignature.signed}}</td></tr>
        </tbody></table>
        <h3 class="record">電子簽署紀錄</h3>
        {{{signatureTable}}}
        {{#signHere}}<p class="signline">{{signHere}}</p>{{/signHere}}
        {{#earlier}}<p class="note">{{earlier}}</p>{{/earlier}}

        """

    static let hans = """
        <header class="doc-head"><h1>{{title}}</h1>
        <p class="sub">{{session}} · 考核期间：{{period}}</p></header>
        <dl class="parties">
        <dt>甲方（上级主管／公司）</dt><dd>{{supervisor}}</dd>
        <dt>乙方（部门负责人）</dt><dd>{{head}}（{{dept}}）</dd>
        <dt>责任书状态</dt><dd>{{status}}</dd>
        </dl>
        <p class="clause">甲乙双方就本考核期间的目标达成如下协议：乙方负责完成本责任书所列目标项目，甲方按第三条的评分规则考核。</p>
        <h2>一、所服务的公司目标</h2>
        {{#goals}}<p class="goal">{{line}}</p>{{/goals}}{{^goals}}<p class="none">{{noGoals}}</p>{{/goals}}
        <h2>二、目标项目、权重与考核标准</h2>
        {{#hasRows}}{{{table}}}{{/hasRows}}{{^hasRows}}<p class="none">{{noRows}}</p>{{/hasRows}}
        {{#pending}}<p class="note">{{pending}}</p>{{/pending}}
        <h2>三、评分规则</h2>
        <p class="clause">{{completion}}。各目标项目的完成率按权重加权合计，为乙方的考核结果。</p>
        <h2>四、目标调整</h2>
        <p class="clause">目标调整须经双方书面同意。调整后本责任书内容随之变更，原有签署即失效，须经双方重新签署。</p>
        <h2>五、责任书内容</h2>
        <p class="clause">本责任书的内容以内容哈希值 <code>{{digest}}</code> 为准；内容如有任何变更，哈希值即随之改变。</p>
        {{{sealBlock}}}
        <h2>六、签署</h2>
        <table class="signing">
        <thead><tr><th class="role"></th><th>甲方（上级主管）</th><th>乙方（部门负责人）</th></tr></thead>
        <tbody>
        <tr><th class="role">姓名</th><td>{{supervisor}}</td><td>{{head}}</td></tr>
        <tr class="sign-row"><th class="role">签字</th><td>{{#supervisorSignature.signed}}{{supervisorSignature.signer}}{{/supervisorSignature.signed}}</td><td>{{#headSignature.signed}}{{headSignature.signer}}{{/headSignature.signed}}</td></tr>
        <tr class="seal-row"><th class="role">盖章</th><td><span class="seal-box"></span></td><td><span class="seal-box"></span></td></tr>
        <tr><th class="role">日期</th><td>{{#supervisorSignature.signed}}{{supervisorSignature.date}}{{/supervisorSignature.signed}}{{^supervisorSignature.signed}}　　年　　月　　日{{/supervisorSignature.signed}}</td><td>{{#headSignature.signed}}{{headSignature.date}}{{/headSignature.signed}}{{^headSignature.signed}}　　年　　月　　日{{/headSignature.signed}}</td></tr>
        </tbody></table>
        <h3 class="record">电子签署记录</h3>
        {{{signatureTable}}}
        {{#signHere}}<p class="signline">{{signHere}}</p>{{/signHere}}
        {{#earlier}}<p class="note">{{earlier}}</p>{{/earlier}}

        """
}

extension LetterTemplate {
    /// The built-in HTML wording of `language`: the formal 甲方/乙方 document in Chinese;
    /// nil in English, whose HTML letters are the page `HTMLExport.letters` writes.
    public static func builtInHTML(_ language: Language = .current) -> LetterTemplate? {
        let source: String
        switch language {
        case .en: return nil
        case .zhHant: source = LetterTemplatesHTML.hant
        case .zhHans: source = LetterTemplatesHTML.hans
        }
        // the built-in templates pass the HTML check and parse (HTMLLetterTemplateTests)
        return try! LetterTemplate(source, kind: .html)
    }
}
