//! 評審項目 二、每年給予員工帶薪、經費補助、公假或其他學習情形: （一）帶薪學習, （二）學習經費補助,
//! （三）公假學習 (全時 and 部分工時), （四）其他方式.

use super::super::model::{Learning, LeaveKind, OfficialLeave, OtherWays, PaidLearning, Subsidy};
use super::answers::{yes_no, YesNoCheck};
use super::figures::{
    compared_groups, group_path, group_suffix, group_zh, Count, Figures, Measure, MAX_PEOPLE,
};
use super::REQUIRED as R;
use crate::diagnostics::Text;
use crate::model::{plain_number, Figure, YesNo};
use crate::rulekit::common::has_text;
use crate::rulekit::context::join;

const PATH: &str = "evaluation.learning";

pub fn check(l: Option<&Learning>, figs: &mut Figures) {
    let Some(l) = l else {
        figs.ctx.missing(
            R,
            PATH,
            "二、每年給予員工帶薪、經費補助、公假或其他學習情形",
        );
        return;
    };
    paid(l.paid.as_ref(), figs);
    subsidy(l.subsidy.as_ref(), figs);
    official_leave(l.official_leave.as_ref(), figs);
    other_ways(l.other_ways.as_ref(), figs);
    eligible(l, figs);
}

/// 第3條 of the 獎勵辦法: the award is for a 學習制度 run by 帶薪、經費補助、公假 or 其他方式, and only
/// a unit that runs one may apply. Reported only when all four questions are answered, so a
/// missing answer is a missing field and not also a verdict on eligibility.
fn eligible(l: &Learning, figs: &mut Figures) {
    let answers = [
        l.paid.as_ref().and_then(|x| x.answer),
        l.subsidy.as_ref().and_then(|x| x.answer),
        l.official_leave.as_ref().and_then(|x| x.answer),
        l.other_ways.as_ref().and_then(|x| x.answer),
    ];
    if !answers.iter().all(|a| *a == Some(YesNo::No)) {
        return;
    }
    figs.ctx.error(
        "MOE-NOT-ELIGIBLE",
        PATH,
        Text::new(
            "帶薪、經費補助、公假、其他方式四項都答「否」，不符申請資格：依「中央政府推動建立員工學習制度獎勵辦法」第 3 條，學習制度得以帶薪、經費補助、公假或其他方式為之，依此方式辦理者始得申請獎勵",
            "帶薪, 經費補助, 公假 and 其他方式 are all answered 否, so the unit is not eligible: under 第3條 of the award's regulation, the learning scheme is run by paid learning, subsidies, official leave or other ways, and only a unit that runs it so may apply",
        ),
        Text::new(
            "該年度若有以其中任一方式鼓勵員工學習，把該項改為「是」並填寫人數、時數或金額及說明；若都沒有，本年度不能申請。",
            "if the unit encouraged learning in any of these ways that year, answer that item 是 with its figures and description; if in none, it cannot apply this year.",
        ),
    );
}

/// （一）帶薪學習
fn paid(x: Option<&PaidLearning>, figs: &mut Figures) {
    let p = join(PATH, "paid");
    let label = "該年度是否給予員工帶薪學習";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    answered(
        figs,
        &Answered {
            path: &p,
            question: label,
            answer: x.answer,
            people: Number {
                key: "participants",
                label: "參與員工人數",
                named: "帶薪學習參與員工人數",
                value: x.participants.as_ref(),
                measure: Measure::People,
            },
            figure: Some(Number {
                key: "total_hours",
                label: "帶薪學習總時數",
                named: "帶薪學習總時數",
                value: x.total_hours.as_ref(),
                measure: Measure::Hours,
            }),
            description: ("其他相關說明", has_text(&x.description)),
        },
    );
}

/// （二）學習經費補助
fn subsidy(x: Option<&Subsidy>, figs: &mut Figures) {
    let p = join(PATH, "subsidy");
    let label = "該年度是否給予員工學習經費補助";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    answered(
        figs,
        &Answered {
            path: &p,
            question: label,
            answer: x.answer,
            people: Number {
                key: "recipients",
                label: "獲得經費補助之員工人數",
                named: "獲得經費補助之員工人數",
                value: x.recipients.as_ref(),
                measure: Measure::People,
            },
            figure: Some(Number {
                key: "total_amount",
                label: "補助經費總額",
                named: "補助經費總額",
                value: x.total_amount.as_ref(),
                measure: Measure::Amount,
            }),
            description: ("其他相關說明", has_text(&x.description)),
        },
    );
}

/// （三）公假學習: the question, then 全時 and 部分工時 公假, each a question of its own.
fn official_leave(x: Option<&OfficialLeave>, figs: &mut Figures) {
    let p = join(PATH, "official_leave");
    let label = "該年度是否給予員工公假學習";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    let answer = yes_no(
        figs.ctx,
        &YesNoCheck {
            path: &p,
            label,
            answer: x.answer,
            details: &[],
        },
    );
    let kinds = [
        ("full_time", "是否給予員工全時公假", x.full_time.as_ref()),
        (
            "part_time",
            "是否給予員工部分工時公假",
            x.part_time.as_ref(),
        ),
    ];
    for (key, kind_label, kind) in kinds {
        leave_kind(&join(&p, key), kind_label, answer, kind, figs);
    }
    if answer == Some(YesNo::Yes) {
        some_kind_is_yes(&p, x, figs);
    }
}

/// One kind of 公假 under the answer to 公假學習.
fn leave_kind(
    path: &str,
    label: &str,
    leave: Option<YesNo>,
    kind: Option<&LeaveKind>,
    figs: &mut Figures,
) {
    match (leave, kind) {
        (Some(YesNo::Yes), None) => figs.ctx.missing(R, path, label),
        (Some(YesNo::No), Some(k)) if k.answer == Some(YesNo::Yes) => figs.ctx.error(
            "MOE-NO-HAS-DETAIL",
            path,
            Text::new(
                format!("公假學習答「否」，「{label}」卻答「是」"),
                format!("official leave is answered 否, yet 「{label}」 is 是"),
            ),
            Text::new(
                "把公假學習改為「是」，或刪除此項。",
                "answer official_leave 是, or remove this item.",
            ),
        ),
        (_, Some(k)) => leave_kind_figures(path, label, k, figs),
        _ => {}
    }
}

fn leave_kind_figures(path: &str, label: &str, k: &LeaveKind, figs: &mut Figures) {
    answered(
        figs,
        &Answered {
            path,
            question: label,
            answer: k.answer,
            people: Number {
                key: "participants",
                label: "參與之員工總人數",
                named: "公假學習參與員工總人數",
                value: k.participants.as_ref(),
                measure: Measure::People,
            },
            figure: Some(Number {
                key: "total_hours",
                label: "合計公假總時數",
                named: "公假總時數",
                value: k.total_hours.as_ref(),
                measure: Measure::Hours,
            }),
            description: ("辦理情形說明", has_text(&k.description)),
        },
    );
}

/// 公假學習 answered 是 with both kinds given and both answered 否 says no leave at all.
fn some_kind_is_yes(path: &str, x: &OfficialLeave, figs: &mut Figures) {
    let (Some(full), Some(part)) = (&x.full_time, &x.part_time) else {
        return;
    };
    if full.answer == Some(YesNo::Yes) || part.answer == Some(YesNo::Yes) {
        return;
    }
    figs.ctx.error(
        "MOE-YES-NEEDS-DETAIL",
        &join(path, "answer"),
        Text::new(
            "公假學習答「是」，但全時與部分工時公假都答「否」",
            "official leave is answered 是, but both full-time and part-time leave are 否",
        ),
        Text::new(
            "至少一種公假應答「是」並填人數與時數，或把公假學習改為「否」。",
            "answer at least one kind 是 with its figures, or answer official_leave 否.",
        ),
    );
}

/// （四）其他方式
fn other_ways(x: Option<&OtherWays>, figs: &mut Figures) {
    let p = join(PATH, "other_ways");
    let label = "是否以其他方式鼓勵員工學習";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    answered(
        figs,
        &Answered {
            path: &p,
            question: label,
            answer: x.answer,
            people: Number {
                key: "participants",
                label: "參與員工人數",
                named: "其他方式學習參與員工人數",
                value: x.participants.as_ref(),
                measure: Measure::People,
            },
            figure: None,
            description: (
                "辦理類型、議題、內容、場次、時數等說明",
                has_text(&x.description),
            ),
        },
    );
}

/// A 是/否 question of 評審項目 二 with its numbers: the people who learnt that way and, but for
/// 其他方式, the hours or money they had; then its description.
struct Answered<'a> {
    path: &'a str,
    question: &'a str,
    answer: Option<YesNo>,
    people: Number<'a>,
    figure: Option<Number<'a>>,
    /// The description's label in the form, and whether it has text.
    description: (&'a str, bool),
}

/// One number of a question: its key, its label in the form's details (what a 是 must give),
/// the fuller name its own checks call it by (the question's subject with it), its value and
/// what it measures.
struct Number<'a> {
    key: &'a str,
    label: &'a str,
    named: &'a str,
    value: Option<&'a Figure>,
    measure: Measure,
}

/// The answer against its details, each number on its own, then the people against their
/// hours or money.
fn answered(figs: &mut Figures, q: &Answered) {
    let numbers = std::iter::once(&q.people).chain(&q.figure);
    let mut details: Vec<_> = numbers
        .clone()
        .map(|n| (n.key, n.label, n.value.is_some()))
        .collect();
    details.push(("description", q.description.0, q.description.1));
    yes_no(
        figs.ctx,
        &YesNoCheck {
            path: q.path,
            label: q.question,
            answer: q.answer,
            details: &details,
        },
    );
    for n in numbers {
        figs.check(&Count {
            path: join(q.path, n.key),
            label: n.named,
            figure: n.value,
            measure: n.measure,
        });
    }
    with_people(figs, q);
}

/// A 是 whose people number 0 says that nobody learnt that way, and the book would print
/// 「0 人」 with an average of 「—」: it lacks its figure as surely as a 是 with none. Hours or
/// money with nobody to have them, or people with none, cannot both be right either; a school's
/// groups are compared one by one, so 教師 0 人 beside teachers' hours is found too.
fn with_people(figs: &mut Figures, b: &Answered) {
    let Some(people) = b.people.value else {
        return;
    };
    let (people_key, people_label) = (b.people.key, b.people.label);
    if b.answer != Some(YesNo::Yes) || !counts_whole(people) {
        return;
    }
    let people_path = join(b.path, people_key);
    if people.total() == 0.0 {
        figs.ctx.error(
            "MOE-YES-NEEDS-DETAIL",
            &people_path,
            Text::new(
                format!("「{}」答「是」，「{people_label}」卻是 0 人", b.question),
                format!(
                    "「{}」 is answered 是, yet 「{people_label}」 ({people_key}) is 0",
                    b.question
                ),
            ),
            Text::new(
                "填入該年度實際參與的人數；若沒有員工以此方式學習，把答案改為「否」並刪除其人數、數字與說明。",
                "give the number of employees who took part that year; if none did, answer 否 and remove the figures and description.",
            ),
        );
        return;
    }
    let Some(Number {
        key,
        label,
        value: Some(figure),
        measure,
        ..
    }) = b.figure
    else {
        return;
    };
    let odd = |(_, v): &(&str, f64)| !v.is_finite() || *v < 0.0;
    if people.is_split() != figure.is_split() || figure.parts().iter().any(odd) {
        return;
    }
    let path = join(b.path, key);
    for &g in compared_groups(people, figure) {
        let (Some(n), Some(v)) = (people.get(g), figure.get(g)) else {
            continue;
        };
        if (n == 0.0) == (v == 0.0) {
            continue;
        }
        let (unit_zh, unit_en) = match measure {
            Measure::Amount => ("元", "NT$"),
            _ => ("小時", "hours"),
        };
        let who = group_zh(g);
        let (zh, en) = if n == 0.0 {
            (
                format!(
                    "{who}「{people_label}」是 0 人，「{label}」卻有 {} {unit_zh}",
                    plain_number(v)
                ),
                format!(
                    "「{people_label}」 is 0{}, yet 「{label}」 is {} {unit_en}",
                    group_suffix(g),
                    plain_number(v)
                ),
            )
        } else {
            (
                format!(
                    "{who}「{people_label}」有 {} 人，「{label}」卻是 0",
                    plain_number(n)
                ),
                format!(
                    "「{people_label}」 is {}{}, yet 「{label}」 is 0",
                    plain_number(n),
                    group_suffix(g)
                ),
            )
        };
        figs.ctx.error(
            "MOE-PEOPLE-FIGURE-MISMATCH",
            &group_path(&path, g),
            Text::new(zh, en),
            hint(measure, people_label, label),
        );
    }
}

/// Why people and their hours or money go together, to check both numbers.
fn hint(measure: Measure, people: &str, figure: &str) -> Text {
    match measure {
        Measure::Amount => Text::new(
            format!("核對「{people}」與「{figure}」：有人獲得補助就有補助金額，沒有人獲得補助就沒有金額。"),
            format!("check 「{people}」 against 「{figure}」: an amount belongs to the people who received it; with recipients there is an amount, with nobody there is none."),
        ),
        _ => Text::new(
            format!("核對「{people}」與「{figure}」：有人參與就有學習時數，沒有人參與就沒有時數。"),
            format!("check 「{people}」 against 「{figure}」: hours belong to the people who learnt; with people there are hours, with nobody there are none."),
        ),
    }
}

/// A count other rules have nothing to say about: whole, finite and not negative. A count they
/// already reported is not held against its hours again.
fn counts_whole(f: &Figure) -> bool {
    f.parts()
        .iter()
        .all(|(_, v)| v.is_finite() && *v >= 0.0 && v.fract() == 0.0 && *v <= MAX_PEOPLE)
}
