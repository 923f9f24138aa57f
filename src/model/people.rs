//! People on a form: the representative, the contact person and the employees who write
//! testimonials. Both programmes ask for them in the same shape.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// # 代表人或負責人
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Representative or person in charge"))]
pub struct Person {
    /// # 姓名
    #[schemars(extend("x-title-en" = "Name"))]
    pub name: Option<String>,
    /// # 職稱
    #[schemars(extend("x-title-en" = "Job title"))]
    pub title: Option<String>,
}

/// # 聯絡人資料
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "Contact person"))]
pub struct Contact {
    /// # 姓名
    #[schemars(extend("x-title-en" = "Name"))]
    pub name: Option<String>,
    /// # 職稱
    #[schemars(extend("x-title-en" = "Job title"))]
    pub title: Option<String>,
    /// # 電話
    /// 含區碼，例如 (02)2737-7000 分機 1234。
    #[schemars(extend("x-title-en" = "Phone", "x-description-en" = "With area code, e.g. (02)2737-7000 分機 1234."))]
    pub phone: Option<String>,
    /// # E-mail
    #[schemars(extend("x-title-en" = "E-mail"))]
    pub email: Option<String>,
    /// # 傳真
    #[schemars(extend("x-title-en" = "Fax"))]
    pub fax: Option<String>,
}

/// # 員工參與學習心得
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("x-title-en" = "An employee's account of learning"))]
pub struct Testimonial {
    /// # 撰寫人（姓名或職稱）
    #[schemars(extend("x-title-en" = "Author (name or job title)"))]
    pub author: Option<String>,
    /// # 標題
    #[schemars(extend("x-title-en" = "Title"))]
    pub title: Option<String>,
    /// # 心得內容
    #[schemars(extend("x-title-en" = "Text"))]
    pub text: Option<String>,
}
