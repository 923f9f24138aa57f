//! What reviewers need to know about a checked application, whatever its programme: who applied,
//! under which 主管機關, the figures appbook computed for each 評審項目, the award category, and
//! what its 送件檢核表 lists. Every text here is already worded by the edition's `review.yaml`
//! (and `book.yaml` for the derived figures), so the reviewers' commands only lay it out.

/// One application as the reviewers' forms see it.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// 申請單位名稱 (or 企業名稱).
    pub unit: String,
    /// 隸屬之中央政府機關: the 初審合格名單一覽表 lists applications by it. None for a programme
    /// without a 初審 by a 主管機關.
    pub agency: Option<String>,
    /// 統一編號, for programmes that have one.
    pub tax_id: Option<String>,
    /// The line under the applicant's name on every form: 主管機關：… or 統一編號：….
    pub subtitle: String,
    /// For each 評審項目 of the edition's `review.yaml`, in its order: the computed figures.
    pub figures: Vec<Vec<String>>,
    /// The award category the application competes in, for programmes that have them.
    pub award: Option<Award>,
    /// Where and how the book is sent (the submission guidance of the form).
    pub send: Vec<String>,
    /// The 送件檢核表: each thing to enclose, and whether the application already has it.
    pub checklist: Vec<(bool, String)>,
}

/// 獎項類別 of the 企業組織學習競賽 that the application itself decides; 學習標竿 (repeated
/// winners) is the committee's call and is given to `appbook score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Award {
    /// Joined the zone in the competition's year.
    New,
    /// Joined before and keeps using it.
    Continuing,
    /// No activation date: the category cannot be told.
    Unknown,
}
