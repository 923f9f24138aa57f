//! The data model of 促進中小企業數位學習計畫 103年度企業組織學習專區: the 組織學習規劃 with
//! the outline 壹–伍 of the form's 附件「組織學習規劃範例參考」, the zone's use during the year,
//! and the proofs. Each field's doc comment starts with its label, which becomes the JSON
//! Schema title that editors show.
//!
//! Fields are optional at the serde level so that one run reports every missing field at its
//! line (rules.rs), instead of stopping at the first one.

pub use super::thresholds::Sector;
use crate::model::Date;
pub use crate::model::{Contact, Person, Testimonial};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// # 促進中小企業數位學習計畫 企業組織學習專區 組織學習規劃
/// 一份申請：組織學習規劃壹至伍、專區使用情形及證明文件。
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "SME digital learning programme, organisational learning zone: plan", "x-description-en" = "One application: the plan 壹–伍, the zone's learning data and the proofs."))]
pub struct Application {
    /// # 計畫代碼
    /// 固定填 `sme-org-learning`。
    #[schemars(required, extend("x-title-en" = "Programme", "x-description-en" = "Always `sme-org-learning`.", "const" = "sme-org-learning"))]
    pub programme: Option<String>,
    /// # 年度版本
    /// 計畫年度：填 `103`（103年度企業組織學習專區）。
    #[schemars(extend("x-title-en" = "Programme year", "x-description-en" = "The programme year: `103` (103年度企業組織學習專區)."))]
    pub edition: Option<String>,
    /// # 提交日期
    /// 組織學習規劃提交之日期：民國年-月-日，例如 103-10-15（期限 103-10-31）；並依此日期適用當時之中小企業認定標準。
    #[schemars(extend("x-title-en" = "Date handed in", "x-description-en" = "The date the plan is handed in (due 103-10-31); it also picks the 中小企業認定標準 in force."))]
    pub application_date: Option<Date>,
    /// # 壹、企業基本資料
    #[schemars(extend("x-title-en" = "I. Company data"))]
    pub company: Option<Company>,
    /// # 貳、實施動機與目標
    #[schemars(extend("x-title-en" = "II. Motivation and goals"))]
    pub motivation: Option<Motivation>,
    /// # 參、訓練組織架構
    #[schemars(extend("x-title-en" = "III. Training organisation"))]
    pub organisation: Option<Organisation>,
    /// # 肆、具體推動策略措施
    /// 依 TTQS（國家訓練品質系統）之五個階段填寫。
    #[schemars(extend("x-title-en" = "IV. Strategies and measures", "x-description-en" = "The five phases of TTQS (國家訓練品質系統)."))]
    pub strategies: Option<Strategies>,
    /// # 伍、學習成果與感想
    #[schemars(extend("x-title-en" = "V. Results and reflections"))]
    pub results: Option<Results>,
    /// # 企業組織學習專區使用情形
    /// 專區之日期及人數；附學習紀錄檔（CSV）時，人數由 appbook 計算。
    #[schemars(extend("x-title-en" = "Use of the organisational learning zone", "x-description-en" = "Dates and figures of the zone; with a learning-record CSV, appbook computes them."))]
    pub zone: Option<Zone>,
    /// # 附件（證明文件）
    /// 勞保被保險人計費清單及其他證明文件：PDF、PNG 或 JPEG 檔，放在申請資料夾內。
    #[schemars(extend("x-title-en" = "Attachments (proofs)", "x-description-en" = "勞保被保險人計費清單 and other proofs: PDF, PNG or JPEG inside the application's folder."))]
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// # 影片連結
    /// 計畫相關影片，填 http:// 或 https:// 網址。
    #[schemars(extend("x-title-en" = "Video links", "x-description-en" = "Videos of the programme, as http(s) links."))]
    #[serde(default)]
    pub videos: Vec<Video>,
}

/// # 壹、企業基本資料
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "I. Company data"))]
pub struct Company {
    /// # 企業名稱
    /// 公司登記名稱全銜。
    #[schemars(extend("x-title-en" = "Company name", "x-description-en" = "The registered name (全銜)."))]
    pub name: Option<String>,
    /// # 統一編號
    /// 8 位數字；請加引號，例如 "04595257"，以免開頭的 0 被去掉。
    #[schemars(extend("x-title-en" = "Tax ID (統一編號)", "x-description-en" = "8 digits; write it in quotes (\"04595257\") so a leading 0 is kept."))]
    pub tax_id: Option<String>,
    /// # 行業別
    /// 依登記之行業填寫，例如 金屬製品製造業、資訊服務業。
    #[schemars(extend("x-title-en" = "Industry", "x-description-en" = "As registered, e.g. 金屬製品製造業, 資訊服務業."))]
    pub industry: Option<String>,
    /// # 行業類別（中小企業認定標準）
    /// 填代碼：manufacturing 製造業；construction 營造業；mining 礦業及土石採取業；other 其他行業。
    #[schemars(extend("x-title-en" = "Industry group (SME standard)", "x-description-en" = "manufacturing 製造業, construction 營造業, mining 礦業及土石採取業, other 其他行業."))]
    pub sector: Option<Sector>,
    /// # 實收資本額（新臺幣元）
    #[schemars(extend("x-title-en" = "Paid-in capital (NT$)"))]
    pub capital: Option<u64>,
    /// # 前一年營業額（新臺幣元）
    /// 行業類別為其他行業，且適用民國 98 年或 104 年版中小企業認定標準時必填。
    #[schemars(extend("x-title-en" = "Revenue of the previous year (NT$)", "x-description-en" = "Needed for 其他行業 under the 2009 and 2015 standards."))]
    pub revenue: Option<u64>,
    /// # 經常僱用員工數（人）
    /// 最近 12 個月平均每月參加勞保之員工人數；至少 10 人。
    #[schemars(extend("x-title-en" = "Regular employees (people)", "x-description-en" = "Average monthly headcount insured with 勞保 over the last 12 months; at least 10."))]
    pub employees: Option<u64>,
    /// # 地址
    #[schemars(extend("x-title-en" = "Address"))]
    pub address: Option<String>,
    /// # 負責人
    #[schemars(extend("x-title-en" = "Person in charge"))]
    pub representative: Option<Person>,
    /// # 聯絡人資料
    #[schemars(extend("x-title-en" = "Contact person"))]
    pub contact: Option<Contact>,
}

/// # 貳、實施動機與目標
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "II. Motivation and goals"))]
pub struct Motivation {
    /// # 申請動機
    #[schemars(extend("x-title-en" = "Why the company applies"))]
    pub motivation: Option<String>,
    /// # 遭遇之困境或問題
    #[schemars(extend("x-title-en" = "Difficulties and problems met"))]
    pub problems: Option<String>,
    /// # 欲達成之目標與預期效益
    #[schemars(extend("x-title-en" = "Goals and expected benefits"))]
    pub goals: Option<String>,
}

/// # 參、訓練組織架構
/// 各單位之實施對象及負責主管。
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "III. Training organisation", "x-description-en" = "Each unit with who is trained there and the manager responsible."))]
pub struct Organisation {
    /// # 組織架構說明
    #[schemars(extend("x-title-en" = "The organisation described"))]
    pub description: Option<String>,
    /// # 各單位實施對象與負責主管
    #[serde(default)]
    #[schemars(extend("x-title-en" = "Each unit's learners and manager"))]
    pub units: Vec<Unit>,
}

/// # 單位
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Unit"))]
pub struct Unit {
    /// # 單位名稱
    #[schemars(extend("x-title-en" = "Name of the unit"))]
    pub name: Option<String>,
    /// # 上級單位
    /// 組織圖中上一層單位之名稱；最上層單位不填。
    #[schemars(extend("x-title-en" = "Parent unit", "x-description-en" = "The name of the unit above this one in the chart; left out for the top."))]
    pub parent: Option<String>,
    /// # 實施對象
    /// 本單位受訓之對象，例如 生產線作業員。
    #[schemars(extend("x-title-en" = "Learners", "x-description-en" = "Who is trained in this unit, e.g. 生產線作業員."))]
    pub learners: Option<String>,
    /// # 實施人數（人）
    #[schemars(extend("x-title-en" = "Number of learners (people)"))]
    pub learner_count: Option<u64>,
    /// # 負責主管
    #[schemars(extend("x-title-en" = "Manager in charge"))]
    pub manager: Option<Person>,
}

/// # 肆、具體推動策略措施
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "IV. Strategies and measures"))]
pub struct Strategies {
    /// # 前言
    /// 說明本規劃如何依循 TTQS；可不填。
    #[schemars(extend("x-title-en" = "Introduction", "x-description-en" = "How the plan follows TTQS; optional."))]
    pub introduction: Option<String>,
    /// # 一、規劃階段
    #[schemars(extend("x-title-en" = "1. Planning"))]
    pub planning: Option<Planning>,
    /// # 二、設計階段
    #[schemars(extend("x-title-en" = "2. Design"))]
    pub design: Option<Design>,
    /// # 三、執行階段
    #[schemars(extend("x-title-en" = "3. Execution"))]
    pub execution: Option<Execution>,
    /// # 四、查核階段
    #[schemars(extend("x-title-en" = "4. Review"))]
    pub review: Option<Review>,
    /// # 五、成果評估階段
    #[schemars(extend("x-title-en" = "5. Evaluation of results"))]
    pub evaluation: Option<Evaluation>,
}

/// # 一、規劃階段
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "1. Planning"))]
pub struct Planning {
    /// # 設置組織學習推動組織
    #[schemars(extend("x-title-en" = "The team that drives organisational learning"))]
    pub promotion_team: Option<String>,
    /// # 確定組織學習資源
    #[schemars(extend("x-title-en" = "Resources for organisational learning"))]
    pub resources: Option<String>,
}

/// # 二、設計階段（組織學習計畫）
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "2. Design (the learning plan)"))]
pub struct Design {
    /// # 計畫依據
    #[schemars(extend("x-title-en" = "What the plan is based on"))]
    pub basis: Option<String>,
    /// # 推動策略
    #[schemars(extend("x-title-en" = "Strategy"))]
    pub strategy: Option<String>,
    /// # 辦理時程規劃
    #[schemars(extend("x-title-en" = "Schedule"))]
    pub schedule: Option<String>,
    /// # 課程安排
    #[schemars(extend("x-title-en" = "Courses"))]
    pub courses: Option<String>,
    /// # 預期成效
    #[schemars(extend("x-title-en" = "Expected results"))]
    pub expected_results: Option<String>,
    /// # 衡量方式
    #[schemars(extend("x-title-en" = "How results are measured"))]
    pub measurement: Option<String>,
    /// # 獎勵措施
    #[schemars(extend("x-title-en" = "Incentives"))]
    pub incentives: Option<String>,
}

/// # 三、執行階段
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "3. Execution"))]
pub struct Execution {
    /// # （一）建構組織學習機制
    #[schemars(extend("x-title-en" = "(1) Mechanisms of organisational learning"))]
    pub mechanism: Option<String>,
    /// # （二）營造組織學習有利環境
    #[schemars(extend("x-title-en" = "(2) An environment that favours learning"))]
    pub environment: Option<String>,
    /// # （三）提升組織學習能力
    #[schemars(extend("x-title-en" = "(3) Building the capacity to learn"))]
    pub capability: Option<String>,
}

/// # 四、查核階段
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "4. Review"))]
pub struct Review {
    /// # （一）組織學習成果發表
    #[schemars(extend("x-title-en" = "(1) Presentation of learning results"))]
    pub presentation: Option<String>,
    /// # （二）標竿學習擴散成果
    #[schemars(extend("x-title-en" = "(2) Benchmarking and spreading the results"))]
    pub benchmarking: Option<String>,
}

/// # 五、成果評估階段
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "5. Evaluation of results"))]
pub struct Evaluation {
    /// # （一）對公司的助益
    #[schemars(extend("x-title-en" = "(1) Benefits to the company"))]
    pub company: Option<String>,
    /// # （二）對員工個別的助益
    #[schemars(extend("x-title-en" = "(2) Benefits to each employee"))]
    pub employees: Option<String>,
}

/// # 伍、學習成果與感想
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "V. Results and reflections"))]
pub struct Results {
    /// # 一、企業推動成果與心得感想
    #[schemars(extend("x-title-en" = "1. The company's results and reflections"))]
    pub company_account: Option<String>,
    /// # 二、員工學習心得感想（至少 2 位員工）
    #[serde(default)]
    #[schemars(extend("x-title-en" = "2. Employees' reflections (at least 2 employees)"))]
    pub testimonials: Vec<Testimonial>,
}

/// # 企業組織學習專區使用情形
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Use of the organisational learning zone"))]
pub struct Zone {
    /// # 平台開通日期
    #[schemars(extend("x-title-en" = "Date the platform was opened"))]
    pub activation_date: Option<Date>,
    /// # 新增員工帳號
    /// 每批新增之帳號數及新增日期；開通後 15 天內須新增 10 個帳號。
    #[schemars(extend("x-title-en" = "Employee accounts added", "x-description-en" = "Each batch of accounts added, with its date; 10 are due within 15 days of activation."))]
    #[serde(default)]
    pub accounts: Vec<AccountBatch>,
    /// # 學習紀錄檔（CSV）
    /// 平台匯出之學習紀錄檔，放在申請資料夾內，填其路徑。有此檔時，appbook 據以計算學習人次。
    #[schemars(extend("x-title-en" = "Learning-record file (CSV)", "x-description-en" = "The platform's learning-record export, inside the application's folder. When given,\nappbook computes 學習人次 from it."))]
    pub records: Option<String>,
    /// # 專區內學員人數（人）
    /// 企業組織學習專區內的學員（帳號）總數，含尚無學習紀錄者，即學習積分的分母；有無學習紀錄檔都須填寫，且不得少於紀錄檔中有紀錄的學員人數。
    #[schemars(extend("x-title-en" = "Learners in the zone (people)", "x-description-en" = "Every learner (account) of the zone, those without records included: the divisor of 學習積分. Needed with or without a learning-record CSV, and no fewer than the learners with records in it."))]
    pub learners: Option<u64>,
    /// # 網大課程總學習人次（含自製課程）
    /// 統計期間 103/1/1 至 103/10/31；未附學習紀錄檔（CSV）時才須填寫。
    #[schemars(extend("x-title-en" = "Course completions in all (own courses included)", "x-description-en" = "103/1/1–103/10/31; needed only without a learning-record CSV."))]
    pub learning_count: Option<u64>,
    /// # 企業自製課程
    /// 企業上傳之課程；專區容量為 10 門課程、合計 600 MB。
    #[schemars(extend("x-title-en" = "The company's own courses", "x-description-en" = "Courses the company uploaded: the zone holds 10 courses, 600 MB in all."))]
    #[serde(default)]
    pub self_made_courses: Vec<SelfMadeCourse>,
}

/// # 帳號新增批次
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Batch of accounts"))]
pub struct AccountBatch {
    /// # 新增日期
    #[schemars(extend("x-title-en" = "Date added"))]
    pub date: Option<Date>,
    /// # 新增帳號數
    #[schemars(extend("x-title-en" = "Accounts added"))]
    pub count: Option<u64>,
}

/// # 自製課程
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Own course"))]
pub struct SelfMadeCourse {
    /// # 課程名稱
    #[schemars(extend("x-title-en" = "Course title"))]
    pub title: Option<String>,
    /// # 檔案大小（MB）
    #[schemars(extend("x-title-en" = "File size (MB)"))]
    pub size_mb: Option<f64>,
}

/// # 附件種類
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("x-title-en" = "Kind of attachment"))]
pub enum AttachmentKind {
    /// 勞保被保險人計費清單（員工人數證明）
    #[schemars(extend("x-description-en" = "Labour insurance premium list (proof of the headcount)"))]
    InsuranceList,
    /// 企業推動歷程或成果之證明文件、照片
    #[schemars(extend("x-description-en" = "Proofs or photos of what the company did and achieved"))]
    Proof,
    /// 其他相關資料
    #[schemars(extend("x-description-en" = "Other material"))]
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 3] = [
        AttachmentKind::InsuranceList,
        AttachmentKind::Proof,
        AttachmentKind::Other,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            AttachmentKind::InsuranceList => "勞保被保險人計費清單",
            AttachmentKind::Proof => "企業推動歷程或成果之證明文件",
            AttachmentKind::Other => "其他相關資料",
        }
    }
}

/// # 附件
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Attachment"))]
pub struct Attachment {
    /// # 附件種類
    #[schemars(extend("x-title-en" = "Kind of attachment"))]
    pub kind: AttachmentKind,
    /// # 附件名稱
    #[schemars(extend("x-title-en" = "Title of the attachment"))]
    pub title: Option<String>,
    /// # 檔案
    /// 附件檔案（PDF、PNG 或 JPEG），放在申請資料夾內，填其路徑，例如 attachments/insurance.pdf。
    #[schemars(extend("x-title-en" = "File", "x-description-en" = "PDF, PNG or JPEG inside the application's folder, e.g. attachments/insurance.pdf."))]
    pub file: Option<String>,
}

/// # 影片
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Video"))]
pub struct Video {
    /// # 影片名稱
    #[schemars(extend("x-title-en" = "Title of the video"))]
    pub title: Option<String>,
    /// # 網址
    /// 以 http:// 或 https:// 開頭之網址。
    #[schemars(extend("x-title-en" = "Address (URL)", "x-description-en" = "An http:// or https:// link."))]
    pub url: Option<String>,
}
