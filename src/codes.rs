//! Every diagnostic code appbook can raise, with a one-line description. Codes are stable:
//! CI configurations and reviewers' scripts match on them.

use crate::diagnostics::{Severity, Text};

pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn c(code: &'static str, severity: Severity, zh: &'static str, en: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        severity,
        zh,
        en,
    }
}

use Severity::{Error as E, Info as I, Warning as W};

pub const CODES: &[CodeInfo] = &[
    c(
        "INPUT-UNREADABLE",
        E,
        "檔案無法開啟或讀取",
        "the file cannot be opened or read",
    ),
    c(
        "INPUT-TOO-LARGE",
        E,
        "檔案超過大小上限",
        "the file exceeds the size limit",
    ),
    c(
        "INPUT-NOT-UTF8",
        E,
        "檔案不是 UTF-8 編碼（例如 Big5）",
        "the file is not UTF-8 (e.g. Big5)",
    ),
    c(
        "INPUT-LIMIT",
        E,
        "YAML 超過安全上限（巢狀、別名、節點數）",
        "the YAML exceeds a safety limit (nesting, aliases, nodes)",
    ),
    c(
        "INPUT-UNSUPPORTED",
        E,
        "不支援的檔案種類",
        "unsupported kind of file",
    ),
    c("INPUT-EMPTY", E, "檔案是空的", "the file is empty"),
    c(
        "INPUT-NOTHING-FOUND",
        E,
        "給的路徑中找不到任何可檢查的檔案",
        "nothing to check was found under the paths given",
    ),
    c(
        "INPUT-EXCLUDE",
        E,
        "--exclude 的樣式無效",
        "an --exclude pattern is not valid",
    ),
    c(
        "INPUT-NOT-DOCX",
        E,
        "不是有效的 DOCX（zip）檔",
        "not a valid DOCX (zip) file",
    ),
    c(
        "INPUT-DOCX-PART-MISSING",
        E,
        "DOCX 缺少 word/document.xml",
        "the DOCX lacks word/document.xml",
    ),
    c(
        "INPUT-DOCX-DOCTYPE",
        E,
        "DOCX 的 XML 含有 DOCTYPE 或實體宣告（Word 不會寫出）",
        "an XML part of the DOCX carries a DOCTYPE or entity declaration (Word never writes one)",
    ),
    c("INPUT-NOT-PDF", E, "不是 PDF 檔", "not a PDF file"),
    c(
        "INPUT-PDF-BROKEN",
        E,
        "PDF 損毀、被截斷或交互參照表毀損",
        "the PDF is damaged, truncated or has a broken xref table",
    ),
    c(
        "INPUT-PDF-ENCRYPTED",
        E,
        "PDF 已加密",
        "the PDF is encrypted",
    ),
    c("YAML-SYNTAX", E, "YAML 語法錯誤", "YAML syntax error"),
    c(
        "YAML-TYPE",
        E,
        "欄位值的型別不符",
        "a value has the wrong type",
    ),
    c("YAML-UNKNOWN-KEY", E, "不認得的欄位", "unknown key"),
    c(
        "YAML-DUPLICATE-KEY",
        E,
        "同一層的欄位寫了兩次",
        "a key is written twice in one mapping",
    ),
    c(
        "YAML-INDENT",
        E,
        "縮排用了 Tab、不換行空白或全形空白",
        "indentation with a tab, a no-break space or an ideographic space",
    ),
    c(
        "YAML-FULLWIDTH-COLON",
        E,
        "欄位名稱後面是全形冒號「：」",
        "a key followed by the full-width colon `：`",
    ),
    c(
        "APP-PLACEHOLDER",
        E,
        "還留著範本的預留文字【請填寫…】",
        "a value still holds the template's placeholder 【請填寫…】",
    ),
    c(
        "APP-DATE-INVALID",
        E,
        "日期不在日曆上（例如 2 月 30 日）",
        "a date that is not on the calendar (such as 30 February)",
    ),
    c(
        "APP-PROGRAMME-MISSING",
        E,
        "缺少 programme 欄位",
        "the programme key is missing",
    ),
    c(
        "APP-PROGRAMME-UNKNOWN",
        E,
        "不認得的計畫代碼",
        "unknown programme",
    ),
    c(
        "APP-EDITION-UNSUPPORTED",
        E,
        "不支援的書表版本",
        "unsupported form edition",
    ),
    c(
        "ATTACH-MISSING",
        E,
        "附件檔案不存在",
        "the attachment file does not exist",
    ),
    c(
        "ATTACH-OUTSIDE",
        E,
        "附件在申請資料夾之外",
        "the attachment lies outside the application's folder",
    ),
    c(
        "ATTACH-TYPE",
        E,
        "附件內容不是 PDF、PNG 或 JPEG",
        "the attachment is not PDF, PNG or JPEG by content",
    ),
    c(
        "ATTACH-UNREADABLE",
        E,
        "附件無法讀取或不完整",
        "the attachment cannot be read or is truncated",
    ),
    c(
        "ATTACH-EXTENSION",
        W,
        "附件副檔名與內容不符",
        "the attachment's extension does not match its content",
    ),
    c(
        "MOE-REQUIRED",
        E,
        "缺少必填欄位",
        "a required field is missing",
    ),
    c(
        "MOE-AWARD-YEAR",
        E,
        "申請獎勵年度不是申請日期的前一年度",
        "the award year is not the year before the application",
    ),
    c(
        "MOE-DEADLINE",
        E,
        "申請日期已逾收件期限，逾期不予受理",
        "the application date is past the deadline; late applications are not accepted",
    ),
    c(
        "MOE-DATE-ORDER",
        E,
        "設立（立案、登記）核准日期晚於申請日期",
        "the registration approval date is after the application date",
    ),
    c(
        "MOE-UNIT-TYPE",
        E,
        "申請單位屬性不是 1–6",
        "the unit type is not 1–6",
    ),
    c(
        "MOE-REGISTRATION-MISSING",
        E,
        "屬性 4–6 缺少立案資料或證書",
        "a type 4–6 unit lacks registration data or certificate",
    ),
    c(
        "MOE-REGISTRATION-UNEXPECTED",
        E,
        "屬性 1–3 不應填立案資料",
        "a type 1–3 unit gives registration data",
    ),
    c(
        "MOE-EMPLOYEES",
        E,
        "員工總數必須大於 0",
        "the number of employees must be positive",
    ),
    c(
        "MOE-CONTACT-FORMAT",
        E,
        "聯絡電話、傳真或 E-mail 格式錯誤",
        "a contact phone, fax or e-mail is malformed",
    ),
    c("MOE-NEGATIVE", E, "數字不可為負", "a number is negative"),
    c(
        "MOE-NOT-WHOLE",
        E,
        "人數或張數不是整數",
        "a count is not a whole number",
    ),
    c(
        "MOE-IMPLAUSIBLE",
        E,
        "數字大得不合理（人數逾一千萬、時數逾 24×366×員工數、金額逾一兆元）",
        "a number is implausibly large (over 10,000,000 people, 24×366 hours per employee, NT$1e12)",
    ),
    c(
        "MOE-SCHOOL-SPLIT",
        E,
        "學校須分列教師與職員工（非學校則不分列）",
        "schools split figures into teachers and staff, others do not",
    ),
    c(
        "MOE-COUNT-EXCEEDS-EMPLOYEES",
        E,
        "人數超過員工總數",
        "a count exceeds the number of employees",
    ),
    c(
        "MOE-KIND-EXCEEDS-LEARNERS",
        E,
        "各類學習人數超過參與學習總人數",
        "a per-kind count exceeds the total learners",
    ),
    c(
        "MOE-PEOPLE-FIGURE-MISMATCH",
        E,
        "人數與時數或金額不相符：一方為 0，另一方不是",
        "people and their hours or amount disagree: one is 0 and the other is not",
    ),
    c(
        "MOE-YES-NEEDS-DETAIL",
        E,
        "答「是」卻缺少數字或說明",
        "a 是 answer lacks its figures or description",
    ),
    c(
        "MOE-NO-HAS-DETAIL",
        E,
        "答「否」卻填了數字或說明",
        "a 否 answer has figures or description",
    ),
    c(
        "MOE-NOT-ELIGIBLE",
        E,
        "帶薪、經費補助、公假、其他方式都答「否」，不符獎勵辦法第 3 條的申請資格",
        "帶薪, 經費補助, 公假 and 其他方式 are all 否: not eligible under 第3條",
    ),
    c(
        "MOE-BUDGET-OVERSPENT",
        W,
        "實際執行經費超過編列",
        "spending exceeds the budget",
    ),
    c(
        "MOE-CERTIFICATES-FEWER",
        E,
        "證照張數少於取得證照人數",
        "fewer certificates than certified people",
    ),
    c(
        "MOE-TESTIMONIALS-MIN",
        E,
        "員工學習心得少於 3 篇",
        "fewer than 3 employee testimonials",
    ),
    c(
        "MOE-TESTIMONIAL-INCOMPLETE",
        E,
        "學習心得缺少撰寫人或內容",
        "a testimonial lacks its author or text",
    ),
    c(
        "MOE-TESTIMONIAL-DUPLICATE",
        E,
        "兩篇學習心得內容相同（不計空白與標點）",
        "two testimonials have the same text (ignoring spaces and punctuation)",
    ),
    c(
        "MOE-ATTACHMENT-KIND-MISSING",
        W,
        "某一評審項目沒有證明文件",
        "an evaluation item has no supporting document",
    ),
    c(
        "SME-REQUIRED",
        E,
        "缺少必填欄位",
        "a required field is missing",
    ),
    c(
        "SME-TAX-ID",
        E,
        "統一編號不是 8 位數字或檢查碼不符",
        "the tax ID is not 8 digits or fails its checksum",
    ),
    c(
        "SME-NOT-SME",
        E,
        "不符合申請日期適用之中小企業認定標準",
        "not an SME under the standard in force on the application date",
    ),
    c(
        "SME-EMPLOYEES-MIN",
        E,
        "員工人數少於 10 人",
        "fewer than 10 employees",
    ),
    c(
        "SME-INSURANCE-LIST-MISSING",
        E,
        "缺少勞保被保險人計費清單",
        "the labour insurance list is missing",
    ),
    c(
        "SME-CONTACT-FORMAT",
        E,
        "聯絡電話、傳真或 E-mail 格式錯誤",
        "a contact phone, fax or e-mail is malformed",
    ),
    c(
        "SME-PLAN-TOO-SHORT",
        E,
        "組織學習規劃少於 500 字",
        "the plan has fewer than 500 字",
    ),
    c(
        "SME-TESTIMONIALS-MIN",
        E,
        "員工學習心得少於 2 篇",
        "fewer than 2 employee testimonials",
    ),
    c(
        "SME-TESTIMONIAL-INCOMPLETE",
        E,
        "學習心得缺少撰寫人或內容",
        "a testimonial lacks its author or text",
    ),
    c(
        "SME-TESTIMONIAL-DUPLICATE",
        E,
        "兩篇學習心得內容相同，或出自同一位員工",
        "two testimonials have the same text or the same author",
    ),
    c(
        "SME-CHART-HEADCOUNT",
        W,
        "組織架構的實施人數合計多於經常僱用員工數",
        "the chart trains more people than the company employs",
    ),
    c(
        "SME-CHART-BOX-LONG",
        W,
        "組織架構圖方框中的實施對象文字過長",
        "a unit's learners are too long a text for a box of the chart",
    ),
    c(
        "SME-ORG-PARENT",
        E,
        "組織架構的上級單位不存在",
        "a unit's parent is not another unit",
    ),
    c(
        "SME-VIDEO-URL",
        E,
        "影片連結不是有效網址",
        "a video link is not a valid URL",
    ),
    c(
        "SME-RECORDS-FILE",
        E,
        "學習紀錄檔無法讀取、過大或不是 UTF-8",
        "the learning-record file is unreadable, too large or not UTF-8",
    ),
    c(
        "SME-RECORDS-HEADER",
        E,
        "學習紀錄檔的欄位名稱列不正確",
        "the learning-record file's header row is wrong",
    ),
    c(
        "SME-RECORDS-ROW",
        E,
        "學習紀錄檔某一行格式錯誤",
        "a row of the learning-record file is malformed",
    ),
    c(
        "SME-RECORDS-OUTSIDE-PERIOD",
        I,
        "部分學習紀錄不在核計期間內，未計入",
        "some learning records fall outside the counting period",
    ),
    c(
        "SME-RECORDS-OVERRIDES",
        W,
        "填寫的人次或學員數與學習紀錄計算結果不同",
        "typed figures differ from those computed from the records",
    ),
    c(
        "SME-OBLIGATION-ACCOUNTS",
        W,
        "開通後 15 日內新增員工帳號未達 10 個",
        "fewer than 10 accounts within 15 days of activation",
    ),
    c(
        "SME-OBLIGATION-LEARNING",
        W,
        "10/31 前學習人次未達 50",
        "fewer than 50 學習人次 by 10/31",
    ),
    c(
        "SME-OBLIGATION-PLAN",
        W,
        "組織學習規劃逾 10/31 提交",
        "the plan is handed in after 10/31",
    ),
    c(
        "SME-OBLIGATION-INACTIVE",
        W,
        "開通後 1 個月內無上課紀錄或超過 3 個月未使用",
        "no records within a month of activation, or 3 months unused",
    ),
    c(
        "SME-ZONE-LEARNERS",
        E,
        "專區內學員人數為 0 或少於有學習紀錄的學員",
        "the zone's learners are 0 or fewer than the learners with records",
    ),
    c(
        "SME-SELF-MADE-QUOTA",
        W,
        "自製課程超過 10 個或 600MB",
        "self-made courses exceed 10 courses or 600 MB",
    ),
    c("FMT-PAPER", E, "紙張不是 A4", "the paper is not A4"),
    c(
        "FMT-ORIENTATION",
        E,
        "頁面不是直向",
        "the page is not portrait",
    ),
    c(
        "FMT-FONT-SIZE",
        E,
        "標題或內文不是 14 pt",
        "a title or body text is not 14 pt",
    ),
    c(
        "FMT-FONT-FACE",
        E,
        "中文字型不是標楷體",
        "Chinese text is not set in 標楷體",
    ),
    c(
        "FMT-FONT-SUBSTITUTE",
        W,
        "中文字型是標楷體的替代字型",
        "Chinese text is set in a free substitute for 標楷體",
    ),
    c(
        "FMT-LINE-SPACING",
        E,
        "行距不是單行間距",
        "line spacing is not single",
    ),
    c(
        "FMT-HEADING-ORDER",
        E,
        "標題編號層級順序顛倒",
        "heading numbering levels are out of order",
    ),
    c(
        "FMT-HEADING-SKIP",
        E,
        "標題編號跳層",
        "a heading level is skipped",
    ),
    c(
        "FMT-HEADING-SEQUENCE",
        E,
        "同層標題編號不連續",
        "heading numbers of one level are out of sequence",
    ),
    c(
        "FMT-BOLD",
        W,
        "文字設為粗體（標楷體沒有粗體）",
        "text is bold (標楷體 has no bold face)",
    ),
    c(
        "FMT-ITALIC",
        W,
        "文字設為斜體（標楷體沒有斜體）",
        "text is italic (標楷體 has no italic face)",
    ),
    c(
        "FMT-PAGE-NUMBER",
        E,
        "沒有頁碼或頁碼不連續",
        "page numbers are missing or do not go up by one",
    ),
    c(
        "FMT-MARGIN",
        E,
        "邊界太窄，印不到或文字距裝訂邊不到 1 公分",
        "a margin is too narrow to print, or text is within 1 cm of the binding edge",
    ),
    c(
        "FMT-BINDING",
        W,
        "較寬的邊界不在左側裝訂邊，或雙面列印卻沒有左右對稱",
        "the wider margin is not on the left binding side, or a double-sided book's margins are not mirrored",
    ),
    c(
        "FMT-NO-TEXT",
        E,
        "檔案沒有可檢查的中文文字（例如只有掃描影像或內容空白）",
        "the file has no Chinese text to check (a scan made of images, an empty body)",
    ),
    c(
        "INPUT-TEMPLATES",
        E,
        "--templates 指定的書表版本資料夾有誤",
        "a form-edition folder given with --templates is not valid",
    ),
];

pub fn info(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

pub fn describe(code: &str) -> Option<Text> {
    info(code).map(|c| Text::new(c.zh, c.en))
}
