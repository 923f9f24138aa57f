//! People on a form: the representative, the contact person and the employees who write
//! testimonials. Both programmes ask for them in the same shape.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// # 代表人或負責人
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// # 姓名
    pub name: Option<String>,
    /// # 職稱
    pub title: Option<String>,
}

/// # 聯絡人資料
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// # 姓名
    pub name: Option<String>,
    /// # 職稱
    pub title: Option<String>,
    /// # 電話
    /// 含區碼，例如 (02)2737-7000 分機 1234。
    #[schemars(extend("x-description-en" = "With area code, e.g. (02)2737-7000 分機 1234."))]
    pub phone: Option<String>,
    /// # E-mail
    pub email: Option<String>,
    /// # 傳真
    pub fax: Option<String>,
}

/// # 員工參與學習心得
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Testimonial {
    /// # 撰寫人（姓名或職稱）
    pub author: Option<String>,
    /// # 標題
    pub title: Option<String>,
    /// # 心得內容
    pub text: Option<String>,
}
