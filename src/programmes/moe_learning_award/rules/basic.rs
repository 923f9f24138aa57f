//! 壹、基本資料表: award year, unit type and its registration (dated before the application),
//! deadline, 員工總數, contact.

use super::super::model::{Application, Basic};
use super::figures::{plausible, split_mismatch, whole, Measure};
use super::{CODES, REQUIRED as R};
use crate::diagnostics::Text;
use crate::model::{Date, Figure};
use crate::rulekit::attachments;
use crate::rulekit::common;
use crate::rulekit::context::Context;

/// Deadlines of SPEC §2.5: agencies (屬性 1) by 8/31 to 教育部, others by 6/30 to their 主管機關.
/// Seed 002 (申請書體例 4) says 逾期不予受理, so a late date is an error, not a warning.
pub fn deadline(unit_type: i64, year: i32) -> Date {
    if unit_type == 1 {
        Date {
            year,
            month: 8,
            day: 31,
        }
    } else {
        Date {
            year,
            month: 6,
            day: 30,
        }
    }
}

pub fn check(app: &Application, b: &Basic, school: bool, ctx: &mut Context) {
    if ctx.required(R, "basic.award_year", "申請獎勵年度", b.award_year.as_ref()) {
        award_year(app, b, ctx);
    }
    ctx.required_text(R, "basic.unit_name", "申請單位名稱", b.unit_name.as_ref());
    ctx.required_text(
        R,
        "basic.supervising_agency",
        "隸屬之中央政府機關名稱",
        b.supervising_agency.as_ref(),
    );
    if ctx.required(R, "basic.unit_type", "申請單位屬性", b.unit_type.as_ref()) {
        unit_type(app, b, b.unit_type.unwrap_or(0), ctx);
    }
    common::person(
        ctx,
        CODES,
        "basic.representative",
        "代表人或負責人",
        b.representative.as_ref(),
    );
    if ctx.required(R, "basic.employees", "員工總數", b.employees.as_ref()) {
        if let Some(e) = &b.employees {
            employees(e, school, ctx);
        }
    }
    ctx.required_text(R, "basic.address", "通訊地址", b.address.as_ref());
    common::contact(ctx, CODES, "basic.contact", b.contact.as_ref());
}

/// The award year is the year before the application date.
fn award_year(app: &Application, b: &Basic, ctx: &mut Context) {
    let (Some(year), Some(date)) = (b.award_year, app.application_date) else {
        return;
    };
    let expected = date.roc_year() as i64 - 1;
    if year == expected {
        return;
    }
    ctx.error(
        "MOE-AWARD-YEAR",
        "basic.award_year",
        Text::new(
            format!("申請獎勵年度應為申請日期的前一年度（民國 {expected} 年），而不是 {year} 年"),
            format!("the award year must be the year before the application date (ROC {expected}), not {year}"),
        ),
        Text::new(
            format!("把 award_year 改成 {expected}，或更正 application_date。"),
            format!("set award_year to {expected}, or correct application_date."),
        ),
    );
}

/// The registration and the deadline follow from 屬性, which the schema holds to 1–6
/// (MOE-UNIT-TYPE) before the rules run.
fn unit_type(app: &Application, b: &Basic, t: i64, ctx: &mut Context) {
    registration(app, b, t, ctx);
    if let Some(date) = app.application_date {
        on_time(date, t, ctx);
    }
}

fn on_time(date: Date, t: i64, ctx: &mut Context) {
    let due = deadline(t, date.year);
    if date <= due {
        return;
    }
    let (to_zh, to_en) = if t == 1 {
        ("教育部", "the Ministry of Education")
    } else {
        ("主管機關", "their supervising agency")
    };
    ctx.error(
        "MOE-DEADLINE",
        "application_date",
        Text::new(
            format!(
                "屬性 {t} 的單位應於 {} 前送{to_zh}，申請日期 {date} 已逾期（以郵戳為憑），逾期不予受理",
                due.roc_long()
            ),
            format!("units of type {t} must submit to {to_en} by {due}; {date} is late (postmark counts) and a late application is not accepted"),
        ),
        Text::new(
            format!("在 {} 前寄出（以郵戳為憑），並把 application_date 改成寄出日；若日期填錯，請更正。", due.roc_long()),
            format!("send it by {due} (the postmark counts) and set application_date to the day it is sent; if the date is a typo, correct it."),
        ),
    );
}

/// 屬性 4–6 give their registration and its certificate; the others give none.
fn registration(app: &Application, b: &Basic, unit_type: i64, ctx: &mut Context) {
    let needs = (4..=6).contains(&unit_type);
    match (&b.registration, needs) {
        (None, true) => ctx.error(
            "MOE-REGISTRATION-MISSING",
            "basic.unit_type",
            Text::new(
                format!("屬性 {unit_type} 的單位須填列設立（立案、登記）核准日期及文號，並檢附立案證書或登記證書影本"),
                format!("a unit of type {unit_type} must give its registration approval date and number, with a copy of the certificate"),
            ),
            Text::new(
                "加上 basic.registration：approval_date、document_number、certificate。",
                "add basic.registration with approval_date, document_number and certificate.",
            ),
        ),
        (Some(r), true) => {
            let code = "MOE-REGISTRATION-MISSING";
            if ctx.required(code, "basic.registration.approval_date", "設立(立案、登記)核准日期", r.approval_date.as_ref()) {
                if let (Some(approved), Some(applied)) = (r.approval_date, app.application_date) {
                    approved_before_applying(approved, applied, ctx);
                }
            }
            ctx.required_text(code, "basic.registration.document_number", "設立(立案、登記)核准文號", r.document_number.as_ref());
            if ctx.required_text(code, "basic.registration.certificate", "立案證書或登記證書影本", r.certificate.as_ref()) {
                attachments::check(ctx, "basic.registration.certificate", r.certificate.as_deref().unwrap_or(""));
            }
        }
        (Some(_), false) => ctx.error(
            "MOE-REGISTRATION-UNEXPECTED",
            "basic.registration",
            Text::new(
                format!("屬性 {unit_type} 的單位不填設立（立案、登記）資料，書中也不放立案證書（限屬性 4–6）"),
                format!("registration data and certificate belong only to units of type 4–6, not type {unit_type}"),
            ),
            Text::new(
                "刪除 basic.registration，或更正 unit_type。",
                "remove basic.registration, or correct unit_type.",
            ),
        ),
        (None, false) => {}
    }
}

/// A unit applies as what it was registered as, so its registration cannot postdate the
/// application; a later date is almost always a typo in one of the two dates.
fn approved_before_applying(approved: Date, applied: Date, ctx: &mut Context) {
    if approved <= applied {
        return;
    }
    ctx.error(
        "MOE-DATE-ORDER",
        "basic.registration.approval_date",
        Text::new(
            format!("設立（立案、登記）核准日期 {approved} 晚於申請日期 {applied}；須先完成設立、立案或登記才能申請"),
            format!("the registration approval date {approved} is after the application date {applied}; a unit applies only once it is registered"),
        ),
        Text::new(
            "核對立案證書或登記證書上的核准日期，並更正 approval_date 或 application_date（民國年寫三位數，例如 102-09-10）。",
            "check the approval date on the certificate and correct approval_date or application_date (ROC years have three digits, e.g. 102-09-10).",
        ),
    );
}

fn employees(e: &Figure, school: bool, ctx: &mut Context) {
    plausible(ctx, "basic.employees", "員工總數", e, Measure::People, None);
    whole(ctx, "basic.employees", "員工總數", e);
    split_mismatch(ctx, "basic.employees", "員工總數", e, school);
    if e.total() <= 0.0 {
        ctx.error(
            "MOE-EMPLOYEES",
            "basic.employees",
            Text::new(
                "員工總數必須大於 0",
                "the number of employees must be greater than 0",
            ),
            Text::new(
                "填寫申請年度的員工總人數。",
                "give the total number of employees in the award year.",
            ),
        );
    }
}
