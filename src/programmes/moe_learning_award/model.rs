//! The data model of 中央政府推動建立員工學習制度獎勵申請書, form edition 107 (公告 107-12-07,
//! 臺教社(一)字第1070211713號). Each field's doc comment starts with the form's own label,
//! which becomes the JSON Schema title that editors show.
//!
//! Fields are optional at the serde level so that one run reports every missing field at its
//! line (rules.rs), instead of stopping at the first one.

pub use crate::model::{Contact, Person, Testimonial};
use crate::model::{Date, Figure, YesNo};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// # 中央政府推動建立員工學習制度獎勵申請書
/// 一份申請：壹、基本資料表，貳、評審項目一至五，以及附件（證明文件）。
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Central government employee-learning award: application", "x-description-en" = "One application: 基本資料表, 評審項目 一 to 五, and the attachments (證明文件)."))]
pub struct Application {
    /// # 計畫代碼
    /// 固定填 `moe-learning-award`。
    #[schemars(required, extend("x-title-en" = "Programme", "x-description-en" = "Always `moe-learning-award`.", "const" = "moe-learning-award"))]
    pub programme: Option<String>,
    /// # 書表格式版本
    /// 書表格式版本：填 `107`（107年12月7日公告之格式）。
    #[schemars(extend("x-title-en" = "Form edition", "x-description-en" = "The form edition: `107` (107年12月7日公告)."))]
    pub edition: Option<String>,
    /// # 申請日期
    /// 申請書送出之日期：民國年-月-日，例如 114-06-20（也可寫西元 2025-06-20）。封面印出其民國年、月。
    #[schemars(extend("x-title-en" = "Date of application", "x-description-en" = "The date the book is sent (2025-06-20 or 114-06-20). The cover prints its 民國 year and month."))]
    pub application_date: Option<Date>,
    /// # 壹、基本資料表
    #[schemars(extend("x-title-en" = "I. Basic data"))]
    pub basic: Option<Basic>,
    /// # 貳、評審項目
    #[schemars(extend("x-title-en" = "II. Items reviewed"))]
    pub evaluation: Option<Evaluation>,
    /// # 附件（證明文件）
    /// 各項證明文件；每件的附件種類決定它在申請書中的排列位置。
    #[schemars(extend("x-title-en" = "Attachments (proofs)", "x-description-en" = "Proofs, each with a kind that fixes its place in the book (SPEC §2.1)."))]
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

impl Application {
    /// A school (屬性 2, or `school: true` for one registered under another 屬性) splits
    /// 員工總數 and the figures of 評審項目 二–四 into 教師 and 職員工. Decided once per
    /// application, in `load_and_check`, and handed to the rules, the derived figures and the book.
    pub fn is_school(&self) -> bool {
        self.basic
            .as_ref()
            .is_some_and(|b| b.school || b.unit_type == Some(2))
    }
}

/// # 壹、基本資料表
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "I. Basic data"))]
pub struct Basic {
    /// # 申請獎勵年度
    /// 辦理員工學習之民國年度，即申請年度的前一年，例如 114 年申請填 113。
    #[schemars(extend("x-title-en" = "Award year applied for", "x-description-en" = "民國 year of the activities, the year before the application (e.g. 113 when applying in 114)."))]
    pub award_year: Option<i64>,
    /// # 申請單位名稱
    /// 申請單位全銜。
    #[schemars(extend("x-title-en" = "Name of the applying unit", "x-description-en" = "The unit's full name (全銜)."))]
    pub unit_name: Option<String>,
    /// # 隸屬之中央政府機關名稱
    /// 申請單位所隸屬之中央政府機關全銜；封面印為「主管機關」。
    #[schemars(extend("x-title-en" = "Central government agency the unit belongs to", "x-description-en" = "The central government agency the unit belongs to (全銜); printed as 主管機關 on the cover."))]
    pub supervising_agency: Option<String>,
    /// # 申請單位屬性
    /// 填代號：1 機關(構)本身；2 主管之學校；3 主管之公營事業機構；4 主管之依法設立、立案或登記之法人；
    /// 5 主管之依法設立、立案或登記之私立機構；6 主管之依法設立、立案或登記之團體。
    #[schemars(range(min = 1, max = 6), extend("x-title-en" = "Type of unit", "x-description-en" = "A number: 1 機關(構)本身, 2 主管之學校, 3 主管之公營事業機構, 4 主管之依法設立、立案或登記之法人,\n5 主管之依法設立、立案或登記之私立機構, 6 主管之依法設立、立案或登記之團體.", "x-codes" = {"minimum": "MOE-UNIT-TYPE", "maximum": "MOE-UNIT-TYPE"}))]
    pub unit_type: Option<i64>,
    /// # 學校
    /// 申請單位屬性不是 2 但實為學校時填 `true`（例如登記為法人之私立學校）。
    /// 學校之員工總數及評審項目二至四之人數，分教師與職員工填寫。
    #[schemars(extend("x-title-en" = "School", "x-description-en" = "`true` when the unit is a school although its 屬性 is not 2 (e.g. a 私立學校 registered as 法人).\nA school gives 員工總數 and the figures of 評審項目 二–四 split into 教師 and 職員工."))]
    #[serde(default)]
    pub school: bool,
    /// # 設立(立案、登記)核准日期及文號
    /// 申請單位屬性為 4 至 6 者必填，並附立案證書或登記證書影本。
    #[schemars(extend("x-title-en" = "Date and number of the founding (registration) approval", "x-description-en" = "Required for 屬性 4–6, with a copy of the certificate."))]
    pub registration: Option<Registration>,
    /// # 代表人或負責人
    #[schemars(extend("x-title-en" = "Representative or person in charge"))]
    pub representative: Option<Person>,
    /// # 員工總數
    /// 填人數；學校分教師與職員工填寫：{teachers: 教師數, staff: 職員工數}。
    #[schemars(extend("x-title-en" = "Employees in all", "x-description-en" = "A number; a school writes {teachers: 教師數, staff: 職員工數}."))]
    pub employees: Option<Figure>,
    /// # 通訊地址
    #[schemars(extend("x-title-en" = "Postal address"))]
    pub address: Option<String>,
    /// # 聯絡人資料
    #[schemars(extend("x-title-en" = "Contact person"))]
    pub contact: Option<Contact>,
}

/// # 設立(立案、登記)核准日期及文號
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Date and number of the founding (registration) approval"))]
pub struct Registration {
    /// # 核准日期
    #[schemars(extend("x-title-en" = "Date of approval"))]
    pub approval_date: Option<Date>,
    /// # 核准文號
    #[schemars(extend("x-title-en" = "Number of the approval"))]
    pub document_number: Option<String>,
    /// # 立案證書或登記證書影本
    /// 證書影本檔案（PDF、PNG 或 JPEG），放在申請資料夾內，填其路徑，例如 attachments/registration.pdf。
    #[schemars(extend("x-title-en" = "Copy of the registration certificate", "x-description-en" = "PDF, PNG or JPEG inside the application's folder, e.g. attachments/registration.pdf."))]
    pub certificate: Option<String>,
}

/// # 貳、評審項目
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "II. Items reviewed"))]
pub struct Evaluation {
    /// # 一、訂有員工學習制度規定（15%）
    #[schemars(extend("x-title-en" = "1. Rules on employee learning (15%)"))]
    pub regulations: Option<Regulations>,
    /// # 二、每年給予員工帶薪、經費補助、公假或其他學習情形（20%）
    #[schemars(extend("x-title-en" = "2. Paid learning, subsidies, official leave and other support each year (20%)"))]
    pub learning: Option<Learning>,
    /// # 三、每年編列員工學習經費年度額（20%）
    #[schemars(extend("x-title-en" = "3. Yearly budget for employee learning (20%)"))]
    pub budget: Option<Budget>,
    /// # 四、每年員工學習之人數占總人數比率（20%）
    #[schemars(extend("x-title-en" = "4. Share of employees who learn each year (20%)"))]
    pub participation: Option<Participation>,
    /// # 五、其他與推動員工學習制度有關之事項（25%）
    #[schemars(extend("x-title-en" = "5. Other ways of promoting employee learning (25%)"))]
    pub promotion: Option<Promotion>,
}

/// 是／否題；答「是」時，須填表單要求之辦理方式說明。
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-description-en" = "A 是/否 question with the description the form asks for when the answer is 是."))]
pub struct Answer {
    /// # 是／否
    #[schemars(extend("x-title-en" = "Yes / no"))]
    pub answer: Option<YesNo>,
    /// # 辦理方式說明
    /// 答「是」時必填；答「否」時不填。
    #[schemars(extend("x-title-en" = "How it is done", "x-description-en" = "Required when the answer is 是; left out when it is 否."))]
    pub description: Option<String>,
}

/// # 一、訂有員工學習制度規定
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "1. Rules on employee learning"))]
pub struct Regulations {
    /// # 自訂相關員工學習規章
    /// 每項規章名稱寫一行；項數即為行數。
    #[schemars(extend("x-title-en" = "The unit's own rules on employee learning", "x-description-en" = "One line per regulation; 項數 is the length of this list."))]
    #[serde(default)]
    pub rules: Vec<String>,
    /// # 是否主動公開提供員工各項參與學習規定之資訊及公開方式
    #[schemars(extend("x-title-en" = "Are the learning rules published to employees, and how?"))]
    pub rules_published: Option<Answer>,
    /// # 是否訂有年度教育訓練計畫
    /// 答「是」時，填寫訓練目的、學員資格及人數、課程規劃、師資，並回答其後三題。
    #[schemars(extend("x-title-en" = "Is there a yearly training plan?", "x-description-en" = "是: give 訓練目的、學員資格及人數、課程規劃、師資, and answer the next three questions."))]
    pub training_plan: Option<TrainingPlan>,
    /// # 訂定教育訓練計畫前，是否調查員工學習需求，建立溝通機制
    #[schemars(extend("x-title-en" = "Are learning needs surveyed before the plan is made?"))]
    pub needs_survey: Option<Answer>,
    /// # 教育訓練後是否進行滿意度調查及後續溝通檢討機制
    #[schemars(extend("x-title-en" = "Is satisfaction surveyed and reviewed after training?"))]
    pub satisfaction_survey: Option<Answer>,
    /// # 是否主動公開提供員工各項教育訓練計畫資訊
    #[schemars(extend("x-title-en" = "Is the training plan published to employees?"))]
    pub plan_published: Option<Answer>,
    /// # （三）其他員工學習制度規定或教育訓練計畫之規定、辦理情形
    #[schemars(extend("x-title-en" = "(3) Other rules or training plans and how they are carried out"))]
    pub other: Option<String>,
}

/// # 年度教育訓練計畫
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Yearly training plan"))]
pub struct TrainingPlan {
    /// # 是否訂有年度教育訓練計畫
    #[schemars(extend("x-title-en" = "Is there a yearly training plan?"))]
    pub answer: Option<YesNo>,
    /// # 訓練目的
    #[schemars(extend("x-title-en" = "Purpose of the training"))]
    pub purpose: Option<String>,
    /// # 學員資格
    #[schemars(extend("x-title-en" = "Who may take part"))]
    pub eligible_learners: Option<String>,
    /// # 學員人數
    #[schemars(extend("x-title-en" = "Number of learners"))]
    pub learner_count: Option<Figure>,
    /// # 課程規劃
    #[serde(default)]
    #[schemars(extend("x-title-en" = "Courses planned"))]
    pub courses: Vec<String>,
    /// # 師資
    #[schemars(extend("x-title-en" = "Teachers"))]
    pub teachers: Option<String>,
    /// # 其他說明
    #[schemars(extend("x-title-en" = "Other remarks"))]
    pub description: Option<String>,
}

/// # 二、每年給予員工帶薪、經費補助、公假或其他學習情形
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "2. Paid learning, subsidies, official leave and other support"))]
pub struct Learning {
    /// # （一）該年度是否給予員工帶薪學習
    #[schemars(extend("x-title-en" = "(1) Paid learning in the year?"))]
    pub paid: Option<PaidLearning>,
    /// # （二）該年度是否給予員工學習經費補助
    #[schemars(extend("x-title-en" = "(2) Learning subsidies in the year?"))]
    pub subsidy: Option<Subsidy>,
    /// # （三）該年度是否給予員工公假學習
    #[schemars(extend("x-title-en" = "(3) Official leave for learning in the year?"))]
    pub official_leave: Option<OfficialLeave>,
    /// # （四）是否以其他方式鼓勵員工學習
    #[schemars(extend("x-title-en" = "(4) Learning encouraged in other ways?"))]
    pub other_ways: Option<OtherWays>,
}

/// # 帶薪學習
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Paid learning"))]
pub struct PaidLearning {
    /// # 是否給予員工帶薪學習
    #[schemars(extend("x-title-en" = "Paid learning given?"))]
    pub answer: Option<YesNo>,
    /// # 員工帶薪學習之參與員工人數（人）
    #[schemars(extend("x-title-en" = "Employees in paid learning (people)"))]
    pub participants: Option<Figure>,
    /// # 該年度員工帶薪學習總時數（小時）
    #[schemars(extend("x-title-en" = "Hours of paid learning in the year (hours)"))]
    pub total_hours: Option<Figure>,
    /// # 其他相關說明
    #[schemars(extend("x-title-en" = "Other remarks"))]
    pub description: Option<String>,
}

/// # 學習經費補助
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Learning subsidies"))]
pub struct Subsidy {
    /// # 是否給予員工學習經費補助
    #[schemars(extend("x-title-en" = "Learning subsidies given?"))]
    pub answer: Option<YesNo>,
    /// # 獲得經費補助之員工人數（人）
    #[schemars(extend("x-title-en" = "Employees subsidised (people)"))]
    pub recipients: Option<Figure>,
    /// # 補助經費總額（新臺幣元）
    /// appbook 以此金額除以獲補助人數，印出「每位員工平均獲得補助之經費」。
    #[schemars(extend("x-title-en" = "Subsidies in all (NT$)", "x-description-en" = "appbook divides it by the recipients to print 每位員工平均獲得補助之經費."))]
    pub total_amount: Option<Figure>,
    /// # 其他相關說明
    #[schemars(extend("x-title-en" = "Other remarks"))]
    pub description: Option<String>,
}

/// # 公假學習
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Official leave for learning"))]
pub struct OfficialLeave {
    /// # 是否給予員工公假學習
    #[schemars(extend("x-title-en" = "Official leave for learning given?"))]
    pub answer: Option<YesNo>,
    /// # （1）是否給予員工全時公假
    #[schemars(extend("x-title-en" = "(1) Full-time official leave given?"))]
    pub full_time: Option<LeaveKind>,
    /// # （2）是否給予員工部分工時公假
    #[schemars(extend("x-title-en" = "(2) Part-time official leave given?"))]
    pub part_time: Option<LeaveKind>,
}

/// # 全時／部分工時公假
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Full-time / part-time official leave"))]
pub struct LeaveKind {
    /// # 是／否
    #[schemars(extend("x-title-en" = "Yes / no"))]
    pub answer: Option<YesNo>,
    /// # 參與之員工總人數（人）
    #[schemars(extend("x-title-en" = "Employees taking part (people)"))]
    pub participants: Option<Figure>,
    /// # 合計公假總時數（小時）
    #[schemars(extend("x-title-en" = "Hours of official leave in all (hours)"))]
    pub total_hours: Option<Figure>,
    /// # 辦理情形、員工參與之學習類型、相關規定及其他相關說明
    #[schemars(extend("x-title-en" = "How it is done, kinds of learning, rules and other remarks"))]
    pub description: Option<String>,
}

/// # 其他方式鼓勵員工學習
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Learning encouraged in other ways"))]
pub struct OtherWays {
    /// # 是否以其他方式鼓勵員工學習
    #[schemars(extend("x-title-en" = "Learning encouraged in other ways?"))]
    pub answer: Option<YesNo>,
    /// # 參與員工人數（人）
    /// 計入評審項目四之「其他方式學習」人數。
    #[schemars(extend("x-title-en" = "Employees taking part (people)", "x-description-en" = "Counted in 評審項目 四 as 「其他方式學習」."))]
    pub participants: Option<Figure>,
    /// # 辦理類型、議題、內容、員工參與學習情形、辦理場次、時數等
    #[schemars(extend("x-title-en" = "Kinds, topics, content, participation, sessions, hours"))]
    pub description: Option<String>,
}

/// # 三、員工學習經費編列及執行
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "3. Budget for employee learning and its use"))]
pub struct Budget {
    /// # 員工學習編列之總經費（新臺幣元）
    #[schemars(extend("x-title-en" = "Budget planned for employee learning (NT$)"))]
    pub planned: Option<Figure>,
    /// # 實際執行總金額（新臺幣元）
    #[schemars(extend("x-title-en" = "Amount actually spent (NT$)"))]
    pub spent: Option<Figure>,
    /// # 其他辦理情形說明
    #[schemars(extend("x-title-en" = "Other remarks on how it is done"))]
    pub description: Option<String>,
}

/// # 四、員工參與學習人數
/// 帶薪、補助、公假、其他方式學習之人數取自評審項目二，不必重填。
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "4. Employees who learn", "x-description-en" = "The per-kind counts (帶薪, 補助, 公假, 其他) are taken from 評審項目 二, not typed again."))]
pub struct Participation {
    /// # 該年度員工參與學習之總人數（人）
    #[schemars(extend("x-title-en" = "Employees who learnt in the year (people)"))]
    pub learners: Option<Figure>,
    /// # 該年度員工進修學位之人數（人）
    #[schemars(extend("x-title-en" = "Employees studying for a degree in the year (people)"))]
    pub degree_students: Option<Figure>,
    /// # 參與研習取得證照之人數（人）
    #[schemars(extend("x-title-en" = "Employees who gained certificates (people)"))]
    pub certified_people: Option<Figure>,
    /// # 取得證照總數（張）
    #[schemars(extend("x-title-en" = "Certificates gained in all"))]
    pub certificates: Option<Figure>,
    /// # 其他說明
    #[schemars(extend("x-title-en" = "Other remarks"))]
    pub description: Option<String>,
}

/// # 五、其他與推動員工學習制度有關之事項
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "5. Other ways of promoting employee learning"))]
pub struct Promotion {
    /// # （一）是否建立評估機制
    #[schemars(extend("x-title-en" = "(1) Is there an evaluation mechanism?"))]
    pub evaluation: Option<EvaluationMechanism>,
    /// # 具體員工參與學習心得（3篇以上）
    #[serde(default)]
    #[schemars(extend("x-title-en" = "Employees' accounts of their learning (3 or more)"))]
    pub testimonials: Vec<Testimonial>,
    /// # （二）鼓勵員工學習對於員工個人及組織發展具體效益評估
    #[schemars(extend("x-title-en" = "(2) Benefits of learning for the employees and the organisation"))]
    pub benefits: Option<String>,
    /// # （三）辦理鼓勵員工學習之整體特色
    #[schemars(extend("x-title-en" = "(3) What is distinctive about the unit's support for learning"))]
    pub features: Option<String>,
    /// # （四）其他
    #[schemars(extend("x-title-en" = "(4) Other"))]
    pub other: Option<String>,
}

/// # 評估機制
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Evaluation mechanism"))]
pub struct EvaluationMechanism {
    /// # 是否建立評估機制
    #[schemars(extend("x-title-en" = "Evaluation mechanism in place?"))]
    pub answer: Option<YesNo>,
    /// # 滿意度調查
    #[schemars(extend("x-title-en" = "Satisfaction survey"))]
    pub survey: Option<String>,
    /// # 調查結果分析
    #[schemars(extend("x-title-en" = "Analysis of the survey's results"))]
    pub analysis: Option<String>,
    /// # 相關改善措施
    #[schemars(extend("x-title-en" = "Improvements made"))]
    pub improvements: Option<String>,
}

/// # 附件種類
/// 決定附件在申請書中的位置，依表單「檢附資料」所列順序。
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("x-title-en" = "Kind of attachment", "x-description-en" = "Fixes the attachment's place in the book, in the order of the form's 檢附資料 list."))]
pub enum AttachmentKind {
    /// 員工學習制度規章、教育訓練計畫或其他規定
    #[schemars(extend("x-description-en" = "Regulations on employee learning, the training plan or other rules"))]
    Regulations,
    /// 推動員工帶薪、經費補助、公假或其他方式學習之相關證明文件
    #[schemars(extend("x-description-en" = "Proofs of paid learning, learning subsidies, official leave or other ways of learning"))]
    Learning,
    /// 員工學習經費編列及執行之相關證明文件
    #[schemars(extend("x-description-en" = "Proofs of the learning budget and its spending"))]
    Budget,
    /// 員工參與學習人數之相關證明文件
    #[schemars(extend("x-description-en" = "Proofs of the number of employees who took part in learning"))]
    Participation,
    /// 其他與推動員工學習制度有關事項（可含評估機制及具體員工參與學習心得）之相關證明文件
    #[schemars(extend("x-description-en" = "Proofs of the other measures (evaluation mechanism, testimonials)"))]
    Promotion,
    /// 其他相關資料
    #[schemars(extend("x-description-en" = "Other material"))]
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 6] = [
        AttachmentKind::Regulations,
        AttachmentKind::Learning,
        AttachmentKind::Budget,
        AttachmentKind::Participation,
        AttachmentKind::Promotion,
        AttachmentKind::Other,
    ];

    /// The name diagnostics use; the book prints the edition's `attachment_kind_*` sentence.
    pub fn zh(self) -> &'static str {
        match self {
            AttachmentKind::Regulations => "員工學習制度規章、教育訓練計畫或其他規定",
            AttachmentKind::Learning => "推動員工帶薪、經費補助、公假或其他方式學習之相關證明文件",
            AttachmentKind::Budget => "員工學習經費編列及執行之相關證明文件",
            AttachmentKind::Participation => "員工參與學習人數之相關證明文件",
            AttachmentKind::Promotion => {
                "其他與推動員工學習制度有關事項（可含評估機制及具體員工參與學習心得）之相關證明文件"
            }
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
    /// 附件檔案（PDF、PNG 或 JPEG），放在申請資料夾內，填其路徑，例如 attachments/plan.pdf。
    #[schemars(extend("x-title-en" = "File", "x-description-en" = "PDF, PNG or JPEG inside the application's folder, e.g. attachments/plan.pdf."))]
    pub file: Option<String>,
}
