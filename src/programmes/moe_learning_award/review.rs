//! The reviewers' view of a checked 107 application: the figures of each 評審項目 for the score
//! sheet, the 主管機關 that lists it in its 初審合格名單一覽表, and its 送件檢核表. Words come from
//! the edition's `review.yaml`; derived figures are printed as the book prints them.

use super::book::print_figure;
use super::derived::FigureKey;
use super::model::{Answer, AttachmentKind};
use super::Checked;
use crate::edition::Edition;
use crate::model::{Group, YesNo};
use crate::programmes::review::Facts;

/// The figures beside each 評審項目 of `review.yaml` (regulations, learning, budget,
/// participation, promotion).
const ITEM_FIGURES: [&[FigureKey]; 5] = [
    &[],
    &[
        FigureKey::PaidHoursPerEmployee,
        FigureKey::SubsidyPerRecipient,
        FigureKey::LeaveHoursPerEmployeeWeek,
    ],
    &[FigureKey::SpentPerEmployee, FigureKey::ExecutionRate],
    &[
        FigureKey::LearningRate,
        FigureKey::DegreeRate,
        FigureKey::CertifiedRate,
        FigureKey::CertificatesPerEmployee,
    ],
    &[],
];

pub fn facts(c: &Checked, edition: &Edition) -> Facts {
    let w = edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let basic = c.app.basic.as_ref();
    let unit = basic.and_then(|b| b.unit_name.clone()).unwrap_or_default();
    let agency = basic
        .and_then(|b| b.supervising_agency.clone())
        .unwrap_or_default();
    let unit_type = basic.and_then(|b| b.unit_type);
    let ev = c.app.evaluation.as_ref();

    let answer = |question: &str, a: Option<YesNo>| {
        let a = match a {
            Some(a) if a.is_yes() => t("answer_yes", &[]),
            Some(_) => t("answer_no", &[]),
            None => t("answer_none", &[]),
        };
        t(
            "fig_answer",
            &[("question", &t(question, &[])), ("answer", &a)],
        )
    };
    let of = |a: Option<&Answer>| a.and_then(|a| a.answer);

    let mut figures: Vec<Vec<String>> = ITEM_FIGURES
        .iter()
        .map(|keys| {
            keys.iter()
                .filter_map(|k| c.derived.get(*k, Group::All))
                .map(|f| {
                    let p = print_figure(edition.words(), f);
                    t(
                        "figure",
                        &[
                            ("label", &p.label),
                            ("value", &p.value),
                            ("formula", &p.formula),
                        ],
                    )
                })
                .collect()
        })
        .collect();
    let reg = ev.and_then(|e| e.regulations.as_ref());
    figures[0] = vec![
        t(
            "fig_rules",
            &[("n", &reg.map_or(0, |r| r.rules.len()).to_string())],
        ),
        answer(
            "q_training_plan",
            reg.and_then(|r| r.training_plan.as_ref())
                .and_then(|p| p.answer),
        ),
        answer(
            "q_needs_survey",
            of(reg.and_then(|r| r.needs_survey.as_ref())),
        ),
        answer(
            "q_satisfaction_survey",
            of(reg.and_then(|r| r.satisfaction_survey.as_ref())),
        ),
    ];
    let promo = ev.and_then(|e| e.promotion.as_ref());
    figures[4] = vec![
        answer(
            "q_evaluation",
            promo
                .and_then(|p| p.evaluation.as_ref())
                .and_then(|e| e.answer),
        ),
        t(
            "fig_testimonials",
            &[("n", &promo.map_or(0, |p| p.testimonials.len()).to_string())],
        ),
        t(
            "fig_attachments",
            // Only the proofs filed under this item: the others are proofs of items 一–四
            // or other material, and counting them made the item look better documented.
            &[(
                "n",
                &c.app
                    .attachments
                    .iter()
                    .filter(|a| a.kind == AttachmentKind::Promotion)
                    .count()
                    .to_string(),
            )],
        ),
    ];

    // 屬性 1 (the agency itself) sends to the ministry by 8/31; every other unit applies to its
    // 主管機關 by 6/30 (獎勵辦法第4條).
    let send = if unit_type == Some(1) {
        t("checklist_send_self", &[])
    } else {
        t("checklist_send_unit", &[("agency", &agency)])
    };
    let mut checklist = vec![(true, t("checklist_book", &[]))];
    if matches!(unit_type, Some(4..=6)) {
        let given = basic
            .and_then(|b| b.registration.as_ref())
            .is_some_and(|r| r.certificate.is_some());
        checklist.push((given, t("checklist_registration", &[])));
    }
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
    checklist.push((false, t("checklist_seals", &[])));

    Facts {
        subtitle: t("checklist_agency", &[("agency", &agency)]),
        unit,
        agency: Some(agency),
        tax_id: None,
        figures,
        award: None,
        send: vec![t("checklist_copies", &[]), send],
        checklist,
    }
}
