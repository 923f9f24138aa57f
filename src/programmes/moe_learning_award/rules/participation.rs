//! 評審項目 四、每年員工學習之人數占總人數比率: learners, degree students, certificates, and the
//! per-kind counts taken from 評審項目 二.

use super::super::derived::{KindCounts, LearningKind};
use super::super::model::Participation;
use super::figures::{whole, Count, Figures, Measure};
use super::REQUIRED as R;
use crate::diagnostics::Text;
use crate::model::{plain_number, Figure};
use crate::rulekit::context::{join, Context};

const PATH: &str = "evaluation.participation";

pub fn check(p: Option<&Participation>, kinds: &KindCounts, figs: &mut Figures) {
    let Some(p) = p else {
        figs.ctx
            .missing(R, PATH, "四、每年員工學習之人數占總人數比率");
        return;
    };
    figs.ctx.required(
        R,
        &join(PATH, "learners"),
        "該年度員工參與學習之總人數",
        p.learners.as_ref(),
    );
    counts(p, figs);
    certificates(
        p.certified_people.as_ref(),
        p.certificates.as_ref(),
        figs.ctx,
    );
    if let Some(learners) = &p.learners {
        kinds_within_learners(kinds, learners, figs);
    }
}

fn counts(p: &Participation, figs: &mut Figures) {
    let people = [
        ("learners", "參與學習之總人數", p.learners.as_ref()),
        (
            "degree_students",
            "進修學位之人數",
            p.degree_students.as_ref(),
        ),
        (
            "certified_people",
            "參與研習取得證照之人數",
            p.certified_people.as_ref(),
        ),
    ];
    for (key, label, f) in people {
        figs.check(&Count {
            path: join(PATH, key),
            label,
            figure: f,
            measure: Measure::People,
        });
    }
    figs.check(&Count {
        path: join(PATH, "certificates"),
        label: "取得證照總數",
        figure: p.certificates.as_ref(),
        measure: Measure::Pieces,
    });
    // Certificates are counted in whole pieces, but they are not people: no 員工總數 ceiling.
    if let Some(c) = &p.certificates {
        whole(figs.ctx, &join(PATH, "certificates"), "取得證照總數", c);
    }
}

/// Certified people and certificates come together, and each person holds at least one.
fn certificates(people: Option<&Figure>, certs: Option<&Figure>, ctx: &mut Context) {
    match (people, certs) {
        (Some(people), None) if people.total() > 0.0 => {
            ctx.missing(R, &join(PATH, "certificates"), "取得證照總數")
        }
        (Some(people), Some(certs)) if people.total() > certs.total() => ctx.error(
            "MOE-CERTIFICATES-FEWER",
            &join(PATH, "certificates"),
            Text::new(
                format!(
                    "取得證照 {} 人，證照總數卻只有 {} 張",
                    plain_number(people.total()),
                    plain_number(certs.total())
                ),
                format!(
                    "{} people obtained certificates but only {} certificates are counted",
                    plain_number(people.total()),
                    plain_number(certs.total())
                ),
            ),
            Text::new(
                "每位取得證照者至少一張；請核對 certified_people 與 certificates。",
                "each certified person holds at least one; check certified_people and certificates.",
            ),
        ),
        (None, Some(c)) if c.total() > 0.0 => ctx.missing(
            R,
            &join(PATH, "certified_people"),
            "參與研習取得證照之人數",
        ),
        _ => {}
    }
}

/// No kind of learning of 評審項目 二 has more people than 參與學習總人數; reported where the
/// kind's count is written.
fn kinds_within_learners(kinds: &KindCounts, learners: &Figure, figs: &mut Figures) {
    for kind in LearningKind::ALL {
        let Some(count) = kinds.get(kind) else {
            continue;
        };
        let (source, label) = match kind {
            LearningKind::Paid => ("evaluation.learning.paid.participants", "帶薪學習"),
            LearningKind::Subsidy => ("evaluation.learning.subsidy.recipients", "學習經費補助"),
            LearningKind::OfficialLeave => ("evaluation.learning.official_leave", "公假學習"),
            LearningKind::Other => (
                "evaluation.learning.other_ways.participants",
                "其他方式學習",
            ),
        };
        let c = Count {
            path: source.to_string(),
            label,
            figure: Some(&count),
            measure: Measure::People,
        };
        figs.ceiling(
            &c,
            &count,
            learners,
            "MOE-KIND-EXCEEDS-LEARNERS",
            "參與學習總人數",
        );
    }
}
