//! The rules of SPEC §3.2 and §4.2 for sme-org-learning, edition 103. Each finding names the
//! YAML path of the offending value so it is reported at its line; findings about the
//! learning-record CSV name its line instead (records.rs).

use super::model::*;
use super::records::{self, Summary};
use super::tax_id::{self, TaxIdError};
use super::thresholds::{self, Outcome, Test};
use crate::diagnostics::Text;
use crate::model::{group_digits, Date, Fixed};
use crate::rulekit::attachments;
use crate::rulekit::common;
use crate::rulekit::context::{join, Context};
use crate::text::wordcount;

/// The shared checks (contact, testimonials) report SME-* codes.
const CODES: common::Codes = common::Codes { prefix: "SME" };
const R: &str = "SME-REQUIRED";

/// The plan is a Word file of 500 字 or more (企業配合事項 四).
pub const MIN_PLAN_CHARS: usize = 500;
/// 伍、二 asks for at least 2 employees' testimonials.
pub const MIN_TESTIMONIALS: usize = 2;
/// 申請資格 二: at least 10 employees.
pub const MIN_EMPLOYEES: u64 = 10;
/// 企業配合事項 二: 10 accounts within 15 days of activation.
pub const MIN_ACCOUNTS: u64 = 10;
pub const ACCOUNT_DAYS: i64 = 15;
/// 企業配合事項 三: 50 學習人次 by 10/31.
pub const MIN_LEARNING_COUNT: u64 = 50;
/// 專區特色 六: 10 self-made courses, 600 MB in all.
pub const SELF_MADE_COURSES: usize = 10;
pub const SELF_MADE_MB: f64 = 600.0;

/// 學習人次, learners and 學習積分 as the book prints them, and where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// 專區內學員人數: the zone's learners, as the application gives them; the score's divisor.
    pub learners: Option<u64>,
    /// Learners with a record in the period, from the learning-record CSV.
    pub learners_with_records: Option<u64>,
    pub learning_count: Option<u64>,
    pub score: Option<Fixed>,
    /// True when computed from the learning-record CSV, false when typed in the YAML.
    pub from_records: bool,
}

/// What the rules found besides diagnostics, for the book.
pub struct Outputs {
    pub records: Option<Summary>,
    pub figures: Figures,
    pub plan_chars: usize,
}

/// Every piece of prose of the plan 貳–伍 the applicant writes, with its YAML path. The
/// 500 字 rule counts these; names in the tables (壹, 參) are not prose.
pub fn plan_prose(app: &Application) -> Vec<(String, &str)> {
    fn add<'a>(out: &mut Vec<(String, &'a str)>, path: &str, v: &'a Option<String>) {
        if let Some(t) = v {
            out.push((path.to_string(), t.as_str()));
        }
    }
    let mut out: Vec<(String, &str)> = Vec::new();
    if let Some(m) = &app.motivation {
        add(&mut out, "motivation.motivation", &m.motivation);
        add(&mut out, "motivation.problems", &m.problems);
        add(&mut out, "motivation.goals", &m.goals);
    }
    if let Some(o) = &app.organisation {
        add(&mut out, "organisation.description", &o.description);
    }
    if let Some(s) = &app.strategies {
        add(&mut out, "strategies.introduction", &s.introduction);
        if let Some(p) = &s.planning {
            add(
                &mut out,
                "strategies.planning.promotion_team",
                &p.promotion_team,
            );
            add(&mut out, "strategies.planning.resources", &p.resources);
        }
        if let Some(d) = &s.design {
            add(&mut out, "strategies.design.basis", &d.basis);
            add(&mut out, "strategies.design.strategy", &d.strategy);
            add(&mut out, "strategies.design.schedule", &d.schedule);
            add(&mut out, "strategies.design.courses", &d.courses);
            add(
                &mut out,
                "strategies.design.expected_results",
                &d.expected_results,
            );
            add(&mut out, "strategies.design.measurement", &d.measurement);
            add(&mut out, "strategies.design.incentives", &d.incentives);
        }
        if let Some(e) = &s.execution {
            add(&mut out, "strategies.execution.mechanism", &e.mechanism);
            add(&mut out, "strategies.execution.environment", &e.environment);
            add(&mut out, "strategies.execution.capability", &e.capability);
        }
        if let Some(r) = &s.review {
            add(&mut out, "strategies.review.presentation", &r.presentation);
            add(&mut out, "strategies.review.benchmarking", &r.benchmarking);
        }
        if let Some(e) = &s.evaluation {
            add(&mut out, "strategies.evaluation.company", &e.company);
            add(&mut out, "strategies.evaluation.employees", &e.employees);
        }
    }
    if let Some(r) = &app.results {
        add(&mut out, "results.company_account", &r.company_account);
        for (i, t) in r.testimonials.iter().enumerate() {
            add(
                &mut out,
                &format!("results.testimonials[{i}].text"),
                &t.text,
            );
        }
    }
    out
}

/// 字數 of the plan by the SPEC §4.3 counter.
pub fn plan_chars(app: &Application) -> usize {
    plan_prose(app)
        .iter()
        .map(|(_, t)| wordcount::count(t))
        .sum()
}

pub fn check(app: &Application, year: i32, ctx: &mut Context) -> Outputs {
    ctx.required(
        R,
        "application_date",
        "提交日期",
        app.application_date.as_ref(),
    );
    if let Some(date) = app.application_date {
        let (_, due) = records::period(year);
        if date > due {
            ctx.warning(
                "SME-OBLIGATION-PLAN",
                "application_date",
                Text::new(
                    format!("組織學習規劃應於{}前完成，提交日期 {}已逾期", due.roc_long(), date.roc()),
                    format!("the plan was due by {due}; {date} is late"),
                ),
                Text::new(
                    "逾期未完成企業配合事項，專區可能被關閉；請儘早提交或與執行單位聯繫。",
                    "missing an obligation may close the zone; hand it in soon or contact the executing agency.",
                ),
            );
        }
    }
    match &app.company {
        Some(c) => check_company(app, c, ctx),
        None => ctx.missing(R, "company", "壹、企業基本資料"),
    }
    check_plan(app, ctx);
    let plan_chars = check_length(app, ctx);
    let (records, figures) = check_zone(app, year, ctx);
    check_attachments(app, ctx);
    check_videos(app, ctx);
    Outputs {
        records,
        figures,
        plan_chars,
    }
}

fn check_company(app: &Application, c: &Company, ctx: &mut Context) {
    ctx.required_text(R, "company.name", "企業名稱", c.name.as_ref());
    if ctx.required_text(R, "company.tax_id", "統一編號", c.tax_id.as_ref()) {
        let id = c.tax_id.as_deref().unwrap_or("").trim();
        match tax_id::validate(id) {
            Ok(()) => {}
            Err(TaxIdError::Shape) => ctx.error(
                "SME-TAX-ID",
                "company.tax_id",
                Text::new(
                    format!("統一編號「{id}」不是 8 位數字"),
                    format!("the tax ID `{id}` is not 8 digits"),
                ),
                Text::new(
                    "照營利事業登記寫 8 位半形數字，並加引號保留開頭的 0，例如 \"04595257\"。",
                    "write the 8 half-width digits in quotes so a leading 0 is kept, e.g. \"04595257\".",
                ),
            ),
            Err(TaxIdError::Checksum(sum)) => ctx.error(
                "SME-TAX-ID",
                "company.tax_id",
                Text::new(
                    format!("統一編號「{id}」的檢查碼不符（加權和 {sum} 不能被 10 或 5 整除），可能抄錯了"),
                    format!("the tax ID `{id}` fails its checksum (weighted sum {sum} is divisible by neither 10 nor 5); it may be mistyped"),
                ),
                Text::new(
                    "對照公司登記或發票上的統一編號重新填寫。",
                    "copy the number again from the company registration or an invoice.",
                ),
            ),
        }
    }
    ctx.required_text(R, "company.industry", "行業別", c.industry.as_ref());
    ctx.required(
        R,
        "company.sector",
        "行業類別（中小企業認定標準）",
        c.sector.as_ref(),
    );
    if ctx.required(
        R,
        "company.employees",
        "經常僱用員工數",
        c.employees.as_ref(),
    ) {
        let n = c.employees.unwrap_or(0);
        if n < MIN_EMPLOYEES {
            ctx.error(
                "SME-EMPLOYEES-MIN",
                "company.employees",
                Text::new(
                    format!("員工人數須 {MIN_EMPLOYEES} 人（含）以上始可申請，目前為 {n} 人"),
                    format!("at least {MIN_EMPLOYEES} employees are needed to apply; {n} given"),
                ),
                Text::new(
                    "以勞保被保險人計費清單上的人數為準。",
                    "count the people on the 勞保被保險人計費清單 (labour insurance list).",
                ),
            );
        }
    }
    if let (Some(sector), Some(date)) = (c.sector, app.application_date) {
        check_sme(c, sector, date, ctx);
    }
    ctx.required_text(R, "company.address", "地址", c.address.as_ref());
    common::person(
        ctx,
        CODES,
        "company.representative",
        "負責人",
        c.representative.as_ref(),
    );
    common::contact(ctx, CODES, "company.contact", c.contact.as_ref());
}

fn nt(v: u64) -> String {
    format!("NT${}", group_digits(&v.to_string()))
}

fn check_sme(c: &Company, sector: Sector, date: Date, ctx: &mut Context) {
    let Some(rev) = thresholds::in_force(date) else {
        return;
    };
    let figures = thresholds::Figures {
        capital: c.capital,
        revenue: c.revenue,
        employees: c.employees,
    };
    match rev.assess(sector, &figures) {
        Outcome::Sme(_) => {}
        Outcome::Unknown(test) => ctx.missing(R, &join("company", test.key()), test.zh()),
        Outcome::NotSme(test) => {
            let (value, limit_zh, limit_en) = match test {
                Test::Employees => {
                    let l = rev.employees_limit(sector);
                    (
                        format!("{} 人", c.employees.unwrap_or(0)),
                        format!("未滿 {l} 人"),
                        format!("fewer than {l}"),
                    )
                }
                _ => {
                    let (_, max) = rev.finance_test(sector);
                    let v = if test == Test::Capital {
                        c.capital
                    } else {
                        c.revenue
                    };
                    (
                        nt(v.unwrap_or(0)),
                        format!("不超過 {}", nt(max)),
                        format!("at most {}", nt(max)),
                    )
                }
            };
            let also = match rev.kind {
                thresholds::Kind::FinanceFirst => String::new(),
                _ => format!(
                    "，經常僱用員工數也未滿足「未滿 {} 人」",
                    rev.employees_limit(sector)
                ),
            };
            ctx.error(
                "SME-NOT-SME",
                &join("company", test.key()),
                Text::new(
                    format!(
                        "依{}，{}{}須{limit_zh}，填寫的是 {value}{also}，不符合中小企業資格",
                        rev.name_zh,
                        sector.zh(),
                        test.zh()
                    ),
                    format!(
                        "under the SME standard in force since {}, the {} of a company in this industry must be {limit_en}; {value} is given, so it is not an SME",
                        rev.since,
                        test.key()
                    ),
                ),
                Text::new(
                    "本專區只受理中小企業；請核對資本額、營業額、員工數與行業類別（sector）。",
                    "only SMEs may apply; check capital, revenue, employees and the sector.",
                ),
            );
        }
    }
}

fn check_plan(app: &Application, ctx: &mut Context) {
    match &app.motivation {
        None => ctx.missing(R, "motivation", "貳、實施動機與目標"),
        Some(m) => {
            ctx.required_text(
                R,
                "motivation.motivation",
                "申請動機",
                m.motivation.as_ref(),
            );
            ctx.required_text(
                R,
                "motivation.problems",
                "遭遇之困境或問題",
                m.problems.as_ref(),
            );
            ctx.required_text(
                R,
                "motivation.goals",
                "欲達成之目標與預期效益",
                m.goals.as_ref(),
            );
        }
    }
    match &app.organisation {
        None => ctx.missing(R, "organisation", "參、訓練組織架構"),
        Some(o) => {
            if o.units.is_empty() {
                ctx.missing(R, "organisation.units", "各單位實施對象與負責主管");
            }
            let names: Vec<&str> = o.units.iter().filter_map(|u| u.name.as_deref()).collect();
            for (i, u) in o.units.iter().enumerate() {
                let p = format!("organisation.units[{i}]");
                ctx.required_text(R, &join(&p, "name"), "單位名稱", u.name.as_ref());
                ctx.required_text(R, &join(&p, "learners"), "實施對象", u.learners.as_ref());
                check_box_text(ctx, &join(&p, "learners"), u.learners.as_deref());
                common::person(
                    ctx,
                    CODES,
                    &join(&p, "manager"),
                    "負責主管",
                    u.manager.as_ref(),
                );
                if let Some(parent) = u.parent.as_deref() {
                    if !names.contains(&parent) || u.name.as_deref() == Some(parent) {
                        ctx.error(
                            "SME-ORG-PARENT",
                            &join(&p, "parent"),
                            Text::new(
                                format!("上級單位「{parent}」不是組織架構中其他單位的名稱"),
                                format!("the parent unit `{parent}` is not the name of another unit"),
                            ),
                            Text::new(
                                "parent 寫另一個單位的 name（完全相同），最上層單位不寫 parent。",
                                "write another unit's exact name as parent; leave it out for the top unit.",
                            ),
                        );
                    }
                }
            }
            check_headcount(app, o, ctx);
        }
    }
    match &app.strategies {
        None => ctx.missing(R, "strategies", "肆、具體推動策略措施"),
        Some(s) => check_strategies(s, ctx),
    }
    match &app.results {
        None => ctx.missing(R, "results", "伍、學習成果與感想"),
        Some(r) => {
            ctx.required_text(
                R,
                "results.company_account",
                "企業推動成果與心得感想",
                r.company_account.as_ref(),
            );
            common::testimonials(
                ctx,
                CODES,
                "results.testimonials",
                &r.testimonials,
                common::TestimonialRule {
                    min: MIN_TESTIMONIALS,
                    one_per_author: true,
                },
            );
        }
    }
}

/// The most characters of 實施對象 a box of the 組織架構圖 is meant to hold: a few lines of a
/// box. A longer text still prints whole (the box breaks across pages when it must), but a chart
/// of such boxes runs over pages and reads as a list, not a chart.
const MAX_BOX_LEARNERS: usize = 60;

fn check_box_text(ctx: &mut Context, path: &str, learners: Option<&str>) {
    let Some(text) = learners else {
        return;
    };
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    if n > MAX_BOX_LEARNERS {
        ctx.warning(
            "SME-CHART-BOX-LONG",
            path,
            Text::new(
                format!("實施對象有 {n} 字，組織架構圖的方框只宜容納 {MAX_BOX_LEARNERS} 字以內的簡短說明"),
                format!(
                    "the learners take {n} characters; a box of the chart is meant for a short phrase of at most {MAX_BOX_LEARNERS}"
                ),
            ),
            Text::new(
                "learners 寫受訓對象的類別（例如 生產線作業員）；名單或細節寫在 organisation.description。",
                "write the kind of learners (e.g. 生產線作業員) in learners; put lists and details in organisation.description.",
            ),
        );
    }
}

/// The chart's 實施人數 cannot add up to more people than the company employs (經常僱用員工數):
/// one of the two is wrong, and a reviewer comparing them would ask which.
fn check_headcount(app: &Application, o: &Organisation, ctx: &mut Context) {
    let Some(employees) = app.company.as_ref().and_then(|c| c.employees) else {
        return;
    };
    let total = o
        .units
        .iter()
        .filter_map(|u| u.learner_count)
        .fold(0u64, u64::saturating_add);
    if total > employees {
        ctx.warning(
            "SME-CHART-HEADCOUNT",
            "organisation.units",
            Text::new(
                format!("組織架構各單位的實施人數合計 {total} 人，多於經常僱用員工數 {employees} 人"),
                format!(
                    "the units of the chart train {total} people in all, more than the {employees} employees the company has"
                ),
            ),
            Text::new(
                "核對各單位的 learner_count 與 company.employees：同一人只算在一個單位。",
                "compare each unit's learner_count with company.employees: count each person in one unit only.",
            ),
        );
    }
}

fn check_strategies(s: &Strategies, ctx: &mut Context) {
    let sp = "strategies";
    let section = |ctx: &mut Context, key: &str, label: &str, present: bool| {
        if !present {
            ctx.missing(R, &join(sp, key), label);
        }
        present
    };
    if section(ctx, "planning", "一、規劃階段", s.planning.is_some()) {
        let p = s.planning.as_ref().expect("checked above");
        for (key, label, v) in [
            ("promotion_team", "設置組織學習推動組織", &p.promotion_team),
            ("resources", "確定組織學習資源", &p.resources),
        ] {
            ctx.required_text(R, &format!("{sp}.planning.{key}"), label, v.as_ref());
        }
    }
    if section(ctx, "design", "二、設計階段", s.design.is_some()) {
        let d = s.design.as_ref().expect("checked above");
        for (key, label, v) in [
            ("basis", "計畫依據", &d.basis),
            ("strategy", "推動策略", &d.strategy),
            ("schedule", "辦理時程規劃", &d.schedule),
            ("courses", "課程安排", &d.courses),
            ("expected_results", "預期成效", &d.expected_results),
            ("measurement", "衡量方式", &d.measurement),
            ("incentives", "獎勵措施", &d.incentives),
        ] {
            ctx.required_text(R, &format!("{sp}.design.{key}"), label, v.as_ref());
        }
    }
    if section(ctx, "execution", "三、執行階段", s.execution.is_some()) {
        let e = s.execution.as_ref().expect("checked above");
        for (key, label, v) in [
            ("mechanism", "建構組織學習機制", &e.mechanism),
            ("environment", "營造組織學習有利環境", &e.environment),
            ("capability", "提升組織學習能力", &e.capability),
        ] {
            ctx.required_text(R, &format!("{sp}.execution.{key}"), label, v.as_ref());
        }
    }
    if section(ctx, "review", "四、查核階段", s.review.is_some()) {
        let r = s.review.as_ref().expect("checked above");
        for (key, label, v) in [
            ("presentation", "組織學習成果發表", &r.presentation),
            ("benchmarking", "標竿學習擴散成果", &r.benchmarking),
        ] {
            ctx.required_text(R, &format!("{sp}.review.{key}"), label, v.as_ref());
        }
    }
    if section(
        ctx,
        "evaluation",
        "五、成果評估階段",
        s.evaluation.is_some(),
    ) {
        let e = s.evaluation.as_ref().expect("checked above");
        for (key, label, v) in [
            ("company", "對公司的助益", &e.company),
            ("employees", "對員工個別的助益", &e.employees),
        ] {
            ctx.required_text(R, &format!("{sp}.evaluation.{key}"), label, v.as_ref());
        }
    }
}

/// The plan's 字數 against the 500 字 rule; reported at the plan's first section present.
fn check_length(app: &Application, ctx: &mut Context) -> usize {
    let n = plan_chars(app);
    if n < MIN_PLAN_CHARS {
        let short = MIN_PLAN_CHARS - n;
        let at = ["motivation", "organisation", "strategies", "results"]
            .into_iter()
            .find(|p| ctx.spans.contains(p))
            .unwrap_or("");
        ctx.error(
            "SME-PLAN-TOO-SHORT",
            at,
            Text::new(
                format!("組織學習規劃須 {MIN_PLAN_CHARS} 字以上，目前 {n} 字，尚差 {short} 字（依 Word 字數計算方式）"),
                format!("the plan needs at least {MIN_PLAN_CHARS} 字; it has {n}, {short} short (counted as Word counts 字數)"),
            ),
            Text::new(
                "充實 貳 至 伍 各節的說明（每個中文字與全形標點算 1 字，英文單字或數字一組算 1 字）。",
                "expand the sections 貳 to 伍 (each Chinese character or full-width mark counts 1; a Latin word or number counts 1).",
            ),
        );
    }
    n
}

/// `date` plus `months` calendar months, the day clamped to the month's end.
fn add_months(date: Date, months: u32) -> Date {
    let m0 = date.month - 1 + months;
    let year = date.year + (m0 / 12) as i32;
    let month = m0 % 12 + 1;
    (1..=date.day)
        .rev()
        .find_map(|day| Date::new(year, month, day))
        .unwrap_or(date)
}

fn add_days(date: Date, days: i64) -> Date {
    // Walk from the month start; days are small (15), so a loop is clearer than calendar maths.
    let target = date.days() + days;
    let mut d = date;
    while d.days() < target {
        d = Date::new(d.year, d.month, d.day + 1)
            .or_else(|| Date::new(d.year, d.month + 1, 1))
            .or_else(|| Date::new(d.year + 1, 1, 1))
            .expect("the next day exists");
    }
    d
}

fn check_zone(app: &Application, year: i32, ctx: &mut Context) -> (Option<Summary>, Figures) {
    let mut figures = Figures {
        learners: None,
        learners_with_records: None,
        learning_count: None,
        score: None,
        from_records: false,
    };
    let Some(z) = &app.zone else {
        ctx.missing(R, "zone", "企業組織學習專區使用情形");
        return (None, figures);
    };
    let activation = z.activation_date;
    ctx.required(
        R,
        "zone.activation_date",
        "平台開通日期",
        activation.as_ref(),
    );
    for (i, b) in z.accounts.iter().enumerate() {
        let p = format!("zone.accounts[{i}]");
        ctx.required(R, &join(&p, "date"), "新增日期", b.date.as_ref());
        ctx.required(R, &join(&p, "count"), "新增帳號數", b.count.as_ref());
    }
    if let Some(act) = activation {
        let due = add_days(act, ACCOUNT_DAYS);
        let added: u64 = z
            .accounts
            .iter()
            .filter(|b| b.date.is_some_and(|d| d <= due))
            .filter_map(|b| b.count)
            .sum();
        if added < MIN_ACCOUNTS {
            let at = if ctx.spans.contains("zone.accounts") {
                "zone.accounts"
            } else {
                "zone.activation_date"
            };
            ctx.warning(
                "SME-OBLIGATION-ACCOUNTS",
                at,
                Text::new(
                    format!("平台開通（{}）後 {ACCOUNT_DAYS} 日內，即 {}前，須新增員工帳號至少 {MIN_ACCOUNTS} 個，目前只有 {added} 個", act.roc(), due.roc()),
                    format!("at least {MIN_ACCOUNTS} employee accounts are due within {ACCOUNT_DAYS} days of activation ({act}), i.e. by {due}; {added} were added"),
                ),
                Text::new(
                    "在 zone.accounts 列出每批新增帳號的日期與數量；未達成企業配合事項可能被關閉專區。",
                    "list each batch of accounts with its date and count under zone.accounts; missing an obligation may close the zone.",
                ),
            );
        }
    }
    let summary = match z.records.as_deref() {
        Some(rel) if !rel.trim().is_empty() => records::read(ctx, "zone.records", rel.trim(), year),
        Some(_) => {
            ctx.missing(R, "zone.records", "學習紀錄檔（CSV）");
            None
        }
        None => None,
    };
    let learners = ctx
        .required(R, "zone.learners", "專區內學員人數", z.learners.as_ref())
        .then_some(z.learners)
        .flatten();
    if let Some(s) = &summary {
        figures.learners_with_records = Some(s.learners);
        figures.learning_count = Some(s.learning_count);
        figures.from_records = true;
        if let Some(t) = z.learning_count.filter(|t| *t != s.learning_count) {
            let computed = s.learning_count;
            ctx.warning(
                "SME-RECORDS-OVERRIDES",
                "zone.learning_count",
                Text::new(
                    format!("依學習紀錄檔計算的「網大課程總學習人次」是 {computed}，取代填寫的 {t}"),
                    format!("「網大課程總學習人次」 computed from the learning records is {computed}; it replaces the {t} typed here"),
                ),
                Text::new(
                    "有學習紀錄檔時不必填 learning_count；刪除此欄或核對紀錄檔。",
                    "with a record file, learning_count need not be typed; remove it or check the file.",
                ),
            );
        }
        if let Some(act) = activation {
            check_activity(app, act, s, year, ctx);
        }
    } else if z.records.is_none() {
        figures.learning_count = ctx
            .required(
                R,
                "zone.learning_count",
                "網大課程總學習人次",
                z.learning_count.as_ref(),
            )
            .then_some(z.learning_count)
            .flatten();
    }
    if let Some(n) = learners {
        if zone_learners_fit(n, figures.learners_with_records, ctx) {
            figures.learners = Some(n);
            figures.score = figures
                .learning_count
                .and_then(|count| records::score(count, n));
        }
    }
    if let Some(count) = figures.learning_count {
        if count < MIN_LEARNING_COUNT && (summary.is_some() || z.records.is_none()) {
            let (_, due) = records::period(year);
            let at = if figures.from_records {
                "zone.records"
            } else {
                "zone.learning_count"
            };
            ctx.warning(
                "SME-OBLIGATION-LEARNING",
                at,
                Text::new(
                    format!("須於{}前完成至少 {MIN_LEARNING_COUNT} 個學習人次，目前 {count} 個，尚差 {} 個", due.roc_long(), MIN_LEARNING_COUNT - count),
                    format!("at least {MIN_LEARNING_COUNT} 學習人次 are due by {due}; {count} so far, {} short", MIN_LEARNING_COUNT - count),
                ),
                Text::new(
                    "學員完成課程時數 50% 以上才算 1 個學習人次；請鼓勵同仁於期限前完成課程。",
                    "one 學習人次 is a learner completing 50% of a course's hours; encourage completion before the deadline.",
                ),
            );
        }
    }
    check_self_made(z, ctx);
    (summary, figures)
}

/// 注意事項 一、二: no learners or records within a month of activation, or more than three
/// months without use, may close the zone. Judged on the record dates up to the plan's date
/// (or 10/31, whichever is earlier).
fn check_activity(app: &Application, act: Date, s: &Summary, year: i32, ctx: &mut Context) {
    let (_, period_end) = records::period(year);
    let end = app
        .application_date
        .map_or(period_end, |d| d.min(period_end));
    let used: Vec<Date> = s
        .dates
        .iter()
        .copied()
        .filter(|d| *d >= act && *d <= end)
        .collect();
    let first_due = add_months(act, 1);
    let warn = |ctx: &mut Context, zh: String, en: String| {
        ctx.warning(
            "SME-OBLIGATION-INACTIVE",
            "zone.records",
            Text::new(zh, en),
            Text::new(
                "依注意事項，經溝通 7 日內仍未改善者，執行單位得關閉企業組織學習專區，且兩年內不得再申請。",
                "per the programme's notes, a zone still unused 7 days after notice may be closed, with no new application for two years.",
            ),
        );
    };
    match used.first() {
        None if end >= first_due => warn(
            ctx,
            format!("平台開通（{}）後 1 個月內（{}前）沒有任何上課紀錄", act.roc(), first_due.roc()),
            format!("no learning records within a month of activation ({act}), i.e. by {first_due}"),
        ),
        Some(first) if *first > first_due => warn(
            ctx,
            format!("平台開通（{}）後 1 個月內（{}前）沒有上課紀錄，第一筆紀錄在 {}", act.roc(), first_due.roc(), first.roc()),
            format!("no learning records within a month of activation ({act}, due {first_due}); the first is on {first}"),
        ),
        _ => {}
    }
    let mut previous = act;
    for d in used.iter().copied().chain(std::iter::once(end)) {
        if d > add_months(previous, 3) {
            warn(
                ctx,
                format!(
                    "{}至 {}之間超過 3 個月未使用專區進行學習",
                    previous.roc(),
                    d.roc()
                ),
                format!("the zone was not used for more than 3 months between {previous} and {d}"),
            );
            break;
        }
        previous = previous.max(d);
    }
}

/// 專區內學員人數 is the divisor of 學習積分 (seed 000: 網大課程總學習人次／專區內學員人數), so it
/// must count every learner: at least one, and no fewer than those with a record. False when
/// it cannot be used.
fn zone_learners_fit(n: u64, with_records: Option<u64>, ctx: &mut Context) -> bool {
    let (zh, en) = match with_records {
        _ if n == 0 => (
            "專區內學員人數是 0，學習積分無法計算".to_string(),
            "the zone's learners are 0, so no 學習積分 can be computed".to_string(),
        ),
        Some(m) if n < m => (
            format!("專區內學員人數 {n} 少於學習紀錄檔中有紀錄的學員 {m} 人"),
            format!("the zone's learners ({n}) are fewer than the {m} learners with records in the learning-record file"),
        ),
        _ => return true,
    };
    ctx.error(
        "SME-ZONE-LEARNERS",
        "zone.learners",
        Text::new(zh, en),
        Text::new(
            "填專區內全部學員（帳號）的人數，含沒有學習紀錄者；學習積分＝總學習人次 ÷ 此人數。",
            "give the number of all learners (accounts) in the zone, those without records included; 學習積分 = 學習人次 ÷ this number.",
        ),
    );
    false
}

fn check_self_made(z: &Zone, ctx: &mut Context) {
    let mut total = 0.0;
    for (i, c) in z.self_made_courses.iter().enumerate() {
        let p = format!("zone.self_made_courses[{i}]");
        ctx.required_text(R, &join(&p, "title"), "課程名稱", c.title.as_ref());
        match c.size_mb {
            Some(v) if v.is_finite() && v >= 0.0 => total += v,
            Some(_) => ctx.error(
                R,
                &join(&p, "size_mb"),
                Text::new(
                    "自製課程的檔案大小必須是 0 以上的數字（MB）",
                    "a self-made course's size must be a number of 0 or more (MB)",
                ),
                Text::new(
                    "填寫上傳檔案的大小，例如 45.5。",
                    "give the uploaded size, e.g. 45.5.",
                ),
            ),
            None => ctx.missing(R, &join(&p, "size_mb"), "檔案大小（MB）"),
        }
    }
    let n = z.self_made_courses.len();
    if n > SELF_MADE_COURSES || total > SELF_MADE_MB {
        let total_s = crate::model::plain_number((total * 100.0).round() / 100.0);
        ctx.warning(
            "SME-SELF-MADE-QUOTA",
            "zone.self_made_courses",
            Text::new(
                format!("企業專區提供自製課程 {SELF_MADE_COURSES} 個、共 600MB，目前 {n} 個、{total_s} MB"),
                format!("the zone holds {SELF_MADE_COURSES} self-made courses and 600 MB; {n} courses, {total_s} MB are listed"),
            ),
            Text::new(
                "超出部分須另行付費向服務平台廠商租用空間；請確認已租用，或減少課程。",
                "space beyond the quota must be rented from the platform vendor; confirm it is rented, or list fewer courses.",
            ),
        );
    }
}

fn check_attachments(app: &Application, ctx: &mut Context) {
    for (i, a) in app.attachments.iter().enumerate() {
        let p = format!("attachments[{i}]");
        ctx.required_text(R, &join(&p, "title"), "附件名稱", a.title.as_ref());
        if ctx.required_text(R, &join(&p, "file"), "附件檔案", a.file.as_ref()) {
            attachments::check(ctx, &join(&p, "file"), a.file.as_deref().unwrap_or(""));
        }
    }
    if !app
        .attachments
        .iter()
        .any(|a| a.kind == AttachmentKind::InsuranceList)
    {
        let at = if ctx.spans.contains("attachments") {
            "attachments"
        } else {
            "company.employees"
        };
        ctx.error(
            "SME-INSURANCE-LIST-MISSING",
            at,
            Text::new(
                "缺少勞保被保險人計費清單（員工人數 10 人以上的證明）",
                "the 勞保被保險人計費清單 (labour insurance list, the proof of 10 or more employees) is missing",
            ),
            Text::new(
                "在 attachments 加上一項 kind: insurance_list，檔案為勞保局的計費清單 PDF。",
                "add an attachment with kind: insurance_list and the insurance bureau's list as PDF.",
            ),
        );
    }
}

fn valid_url(u: &str) -> bool {
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            host.contains('.')
                && !host.starts_with('.')
                && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

fn check_videos(app: &Application, ctx: &mut Context) {
    for (i, v) in app.videos.iter().enumerate() {
        let p = format!("videos[{i}]");
        ctx.required_text(R, &join(&p, "title"), "影片名稱", v.title.as_ref());
        if ctx.required_text(R, &join(&p, "url"), "影片網址", v.url.as_ref()) {
            let u = v.url.as_deref().unwrap_or("").trim();
            if !valid_url(u) {
                ctx.error(
                    "SME-VIDEO-URL",
                    &join(&p, "url"),
                    Text::new(
                        format!("「{u}」不是有效的影片網址"),
                        format!("`{u}` is not a valid video link"),
                    ),
                    Text::new(
                        "寫完整網址，以 https:// 開頭，例如 https://www.youtube.com/watch?v=…；影片檔本身請上傳到影音平台。",
                        "write the full link starting with https://, e.g. https://www.youtube.com/watch?v=…; upload the video itself to a video site.",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn calendar_steps() {
        assert_eq!(add_days(d(2014, 3, 20), 15), d(2014, 4, 4));
        assert_eq!(add_days(d(2014, 12, 25), 15), d(2015, 1, 9));
        assert_eq!(add_months(d(2014, 1, 31), 1), d(2014, 2, 28));
        assert_eq!(add_months(d(2014, 11, 15), 3), d(2015, 2, 15));
    }

    #[test]
    fn video_links() {
        assert!(valid_url("https://www.youtube.com/watch?v=abc"));
        assert!(valid_url("http://example.com.tw/v/1"));
        assert!(!valid_url("www.youtube.com/watch?v=abc"));
        assert!(!valid_url("https://"));
        assert!(!valid_url("https://exa mple.com"));
        assert!(!valid_url("javascript:alert(1)"));
    }
}
