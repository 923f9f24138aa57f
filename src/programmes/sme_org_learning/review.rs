//! The reviewers' view of a checked 103 application: the figures of the competition's three
//! 評分項目 (組織學習規劃 40%, 學習積分 30%, 學習成果與感想 30%), the award category the company
//! competes in, and its 送件檢核表. Words come from the edition's `review.yaml`.

use super::model::AttachmentKind;
use super::{Checked, EDITION_YEAR};
use crate::book::template::Strings;
use crate::edition::Edition;
use crate::programmes::review::{Award, Facts};

/// The 企業配合事項 and the zone's plan rule: 500 字 of plan, 2 employees' testimonials.
const PLAN_MIN_CHARS: usize = 500;
const TESTIMONIALS_MIN: usize = 2;

/// 學習積分 with the figures it is computed from, and the learning-record file's figures when
/// there is one.
pub fn learning(c: &Checked, w: &Strings) -> Vec<String> {
    let f = &c.figures;
    let mut lines = vec![match (f.score, f.learning_count, f.learners) {
        (Some(s), Some(count), Some(learners)) => w.t(
            "fig_learning_score",
            &[
                ("score", &s.to_string()),
                ("count", &count.to_string()),
                ("learners", &learners.to_string()),
            ],
        ),
        _ => w.t("fig_learning_unknown", &[]),
    }];
    if let Some(r) = &c.records {
        lines.push(w.t(
            "fig_records",
            &[
                ("rows", &r.rows.to_string()),
                // The sheet names both: the file's rows, and those 學習積分 counted.
                ("in_period", &(r.rows - r.rows_outside).to_string()),
                ("courses", &r.courses.to_string()),
            ],
        ));
    }
    lines
}

pub fn facts(c: &Checked, edition: &Edition) -> Facts {
    let w = edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let company = c.app.company.as_ref();
    let unit = company.and_then(|co| co.name.clone()).unwrap_or_default();
    let tax_id = company.and_then(|co| co.tax_id.clone());
    let testimonials = c.app.results.as_ref().map_or(0, |r| r.testimonials.len());
    let chars = c.plan_chars.to_string();

    let plan = vec![t("fig_plan_chars", &[("n", &chars)])];
    let score = learning(c, w);
    let results = vec![
        t("fig_testimonials", &[("n", &testimonials.to_string())]),
        t("fig_videos", &[("n", &c.app.videos.len().to_string())]),
        t(
            "fig_attachments",
            &[("n", &c.app.attachments.len().to_string())],
        ),
    ];

    // 玖、二: a company that joined the zone in the competition's year competes for the three
    // awards of new users; one that joined before, as a continuing user.
    let award = match c.app.zone.as_ref().and_then(|z| z.activation_date) {
        Some(d) if d.year >= EDITION_YEAR => Award::New,
        Some(_) => Award::Continuing,
        None => Award::Unknown,
    };

    let mut checklist = vec![
        (true, t("checklist_book", &[])),
        (
            c.plan_chars >= PLAN_MIN_CHARS,
            t("checklist_plan_chars", &[("n", &chars)]),
        ),
        (
            testimonials >= TESTIMONIALS_MIN,
            t(
                "checklist_testimonials",
                &[("n", &testimonials.to_string())],
            ),
        ),
    ];
    for kind in AttachmentKind::ALL {
        let n = c.app.attachments.iter().filter(|a| a.kind == kind).count();
        checklist.push((
            n > 0,
            t(
                "checklist_attachment",
                &[("kind", kind.zh()), ("n", &n.to_string())],
            ),
        ));
    }
    let id = tax_id.clone().unwrap_or_default();
    Facts {
        subtitle: t("checklist_agency", &[("agency", &id)]),
        unit,
        agency: None,
        tax_id,
        figures: vec![plan, score, results],
        award: Some(award),
        send: vec![t("checklist_copies", &[]), t("checklist_send", &[])],
        checklist,
    }
}
