//! The 組織學習規劃 of the 103年度企業組織學習專區, built from a checked application in the
//! outline of the form's 附件「組織學習規劃範例參考」 (SPEC §3.1): cover, 目次, 壹 企業基本資料,
//! 貳 實施動機與目標, 參 訓練組織架構, 肆 具體推動策略措施 (the five TTQS phases), 伍 學習成果與感想,
//! then the competition's 評分表 with the computed 學習積分, and the 附件.
//! The printed wording comes from `templates/sme-org-learning/103/book.yaml`.

use super::model::{Application, Unit};
use super::Checked;
use crate::attachment::Attachments;
use crate::book::chart::{ChartUnit, OrgChart};
use crate::book::parts::{attachment_section, child, contact_rows, numbered};
use crate::book::template::Strings;
use crate::book::{Block, Book, Cell, Cover, Meta, Section, Table};
use crate::model::{group_digits, plain_number, Date, Person};
use std::collections::BTreeSet;

/// Builds the book of a checked application in the words of its edition.
pub fn build(c: &Checked, words: &Strings) -> Book {
    Words(words).build(c)
}

/// The edition's wording (its `book.yaml`), and the builders that fill it in.
struct Words<'a>(&'a Strings);

fn para(text: String) -> Block {
    Block::Paragraph { text }
}

fn line(text: String) -> Block {
    Block::Line { text }
}

fn v(o: Option<&String>) -> String {
    o.cloned().unwrap_or_default()
}

/// 12,345
fn count(n: u64) -> String {
    group_digits(&n.to_string())
}

/// A manager's name and title, whichever are given.
fn manager_lines(p: Option<&Person>) -> Vec<String> {
    let p = p.cloned().unwrap_or_default();
    [p.name, p.title]
        .into_iter()
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn roc_date(d: Option<Date>) -> String {
    d.map(|d| d.roc_long()).unwrap_or_default()
}

/// Units in chart order: each top unit followed by the units under it, depth first, with their
/// depth. A unit whose 上級單位 names no unit is drawn at the top (the checker has warned), and
/// a loop of parents cannot repeat a unit.
fn chart(units: &[Unit]) -> Vec<(usize, &Unit)> {
    let names: BTreeSet<&str> = units.iter().filter_map(|u| u.name.as_deref()).collect();
    let is_top = |u: &Unit| {
        u.parent.as_deref().is_none_or(|p| {
            p.trim().is_empty() || !names.contains(p) || u.name.as_deref() == Some(p)
        })
    };
    fn below<'a>(
        units: &'a [Unit],
        i: usize,
        depth: usize,
        seen: &mut Vec<bool>,
        out: &mut Vec<(usize, &'a Unit)>,
    ) {
        if seen[i] {
            return;
        }
        seen[i] = true;
        out.push((depth, &units[i]));
        let name = units[i].name.as_deref();
        for (j, u) in units.iter().enumerate() {
            if name.is_some() && u.parent.as_deref() == name {
                below(units, j, depth + 1, seen, out);
            }
        }
    }
    let mut seen = vec![false; units.len()];
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if is_top(u) {
            below(units, i, 0, &mut seen, &mut out);
        }
    }
    // Units caught in a loop of parents have no top; list them rather than drop them.
    for i in 0..units.len() {
        below(units, i, 0, &mut seen, &mut out);
    }
    out
}

impl Words<'_> {
    /// The sentence `key` filled with `vars`.
    fn t(&self, key: &str, vars: &[(&str, &str)]) -> String {
        self.0.t(key, vars)
    }

    fn s(&self, key: &str) -> String {
        self.t(key, &[])
    }

    /// The applicant's prose, or 無。 when left empty (optional parts such as 前言 are left out
    /// by the caller instead).
    fn prose(&self, o: Option<&String>) -> Block {
        para(
            o.filter(|t| !t.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| self.s("none")),
        )
    }

    fn person(&self, p: Option<&Person>) -> String {
        let p = p.cloned().unwrap_or_default();
        match (p.name, p.title) {
            (Some(name), Some(title)) if !title.trim().is_empty() => {
                self.t("person", &[("name", &name), ("title", &title)])
            }
            (Some(name), _) => name,
            (None, Some(title)) => title,
            (None, None) => String::new(),
        }
    }

    fn build(&self, c: &Checked) -> Book {
        let app = &c.app;
        let company = app.company.clone().unwrap_or_default();
        let name = v(company.name.as_ref());
        let date = app.application_date;
        let part = |f: fn(&Date) -> String| date.as_ref().map(f).unwrap_or_default();

        let cover = Cover {
            title: vec![
                self.s("cover_title_1"),
                self.s("cover_title_2"),
                self.s("cover_title_3"),
            ],
            fields: vec![
                (self.s("cover_company"), name.clone()),
                (self.s("cover_tax_id"), v(company.tax_id.as_ref())),
            ],
            date_line: self.t(
                "cover_date",
                &[
                    ("year", &part(|d| d.roc_year().to_string())),
                    ("month", &part(|d| d.month.to_string())),
                    ("day", &part(|d| d.day.to_string())),
                ],
            ),
        };
        let meta = Meta {
            title: self.s("meta_title"),
            author: name.clone(),
            subject: self.s("meta_subject"),
            keywords: self
                .t("meta_keywords", &[("company", &name)])
                .split(',')
                .map(str::to_string)
                .collect(),
            date,
        };

        let mut sections = Vec::new();
        let mut top = 0u32;
        let mut next_top = |title: String| {
            top += 1;
            numbered(1, top, title)
        };
        sections.push(self.company_section(next_top(self.s("company_title")), app));
        sections.push(self.motivation_section(next_top(self.s("motivation_title")), app));
        sections.push(self.organisation_section(next_top(self.s("organisation_title")), app));
        sections.push(self.strategies_section(next_top(self.s("strategies_title")), app));
        sections.push(self.results_section(next_top(self.s("results_title")), app));
        if let Some(sec) = self.attachments_section(app, &c.attachments) {
            sections.push(sec);
        }

        Book {
            meta,
            cover,
            toc_title: self.s("toc_title"),
            sections,
        }
    }

    fn company_section(&self, mut sec: Section, app: &Application) -> Section {
        let c = app.company.clone().unwrap_or_default();
        let contact = c.contact.clone().unwrap_or_default();
        let row = |label: &str, value: String| {
            vec![Cell::label(self.s(label)), Cell::text(value).span(2, 1)]
        };
        let money = |n: Option<u64>| {
            n.map(|n| self.t("money", &[("n", &count(n))]))
                .unwrap_or_default()
        };
        let mut rows = vec![
            row("company_name", v(c.name.as_ref())),
            row("company_tax_id", v(c.tax_id.as_ref())),
            row("company_industry", v(c.industry.as_ref())),
            row("company_capital", money(c.capital)),
        ];
        if c.revenue.is_some() {
            rows.push(row("company_revenue", money(c.revenue)));
        }
        rows.extend([
            row(
                "company_employees",
                c.employees
                    .map(|n| self.t("number_unit", &[("n", &count(n)), ("unit", "人")]))
                    .unwrap_or_default(),
            ),
            row("company_address", v(c.address.as_ref())),
            row(
                "company_representative",
                self.person(c.representative.as_ref()),
            ),
        ]);
        rows.extend(contact_rows(self.0, self.s("company_contact"), &contact));
        sec.blocks.push(Block::Table(Table {
            columns: vec![3.0, 3.5, 3.5],
            rows,
        }));
        self.zone_section(&mut sec, app);
        sec
    }

    /// 企業組織學習專區使用情形 under 壹: the platform's activation, the accounts opened and the
    /// company's own courses, which the 企業配合事項 ask for and the rules check.
    fn zone_section(&self, sec: &mut Section, app: &Application) {
        let zone = app.zone.clone().unwrap_or_default();
        let z = child(sec, self.s("zone_title"));
        let mut accounts: Vec<String> = zone
            .accounts
            .iter()
            .map(|b| {
                self.t(
                    "zone_account_batch",
                    &[
                        ("date", &roc_date(b.date)),
                        ("n", &count(b.count.unwrap_or(0))),
                    ],
                )
            })
            .collect();
        accounts.push(self.t(
            "zone_accounts_total",
            &[(
                "n",
                &count(zone.accounts.iter().filter_map(|b| b.count).sum()),
            )],
        ));
        let mut courses: Vec<String> = zone
            .self_made_courses
            .iter()
            .map(|c| {
                self.t(
                    "zone_self_made_course",
                    &[
                        ("title", &v(c.title.as_ref())),
                        ("size", &plain_number(c.size_mb.unwrap_or(0.0))),
                    ],
                )
            })
            .collect();
        if courses.is_empty() {
            courses.push(self.s("none"));
        } else {
            // Sum in hundredths of a MB so 186.4 + 92.7 prints 279.1, not a float artefact.
            let hundredths: f64 = zone
                .self_made_courses
                .iter()
                .map(|c| (c.size_mb.unwrap_or(0.0) * 100.0).round())
                .sum();
            courses.push(self.t(
                "zone_self_made_total",
                &[
                    ("n", &zone.self_made_courses.len().to_string()),
                    ("size", &plain_number(hundredths / 100.0)),
                ],
            ));
        }
        z.blocks.push(Block::Table(Table {
            columns: vec![3.0, 7.0],
            rows: vec![
                vec![
                    Cell::label(self.s("zone_activation")),
                    Cell::text(roc_date(zone.activation_date)),
                ],
                vec![Cell::label(self.s("zone_accounts")), Cell::lines(accounts)],
                vec![Cell::label(self.s("zone_self_made")), Cell::lines(courses)],
            ],
        }));
    }

    fn motivation_section(&self, mut sec: Section, app: &Application) -> Section {
        let m = app.motivation.clone().unwrap_or_default();
        for (key, text) in [
            ("motivation_motivation", &m.motivation),
            ("motivation_problems", &m.problems),
            ("motivation_goals", &m.goals),
        ] {
            child(&mut sec, self.s(key))
                .blocks
                .push(self.prose(text.as_ref()));
        }
        sec
    }

    fn organisation_section(&self, mut sec: Section, app: &Application) -> Section {
        let o = app.organisation.clone().unwrap_or_default();
        if o.description.as_ref().is_some_and(|d| !d.trim().is_empty()) {
            sec.blocks.push(self.prose(o.description.as_ref()));
        }
        if o.units.is_empty() {
            return sec;
        }
        let total: u64 = o.units.iter().filter_map(|u| u.learner_count).sum();
        sec.blocks.push(Block::OrgChart(OrgChart {
            title: self.s("organisation_chart_head"),
            units: self.chart_units(&chart(&o.units)),
        }));
        sec.blocks
            .push(line(self.t("organisation_total", &[("n", &count(total))])));
        sec
    }

    /// The units in chart order (depth first, with their depth) as the chart's tree of boxes.
    fn chart_units(&self, ordered: &[(usize, &Unit)]) -> Vec<ChartUnit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ordered.len() {
            let (depth, u) = ordered[i];
            // Its units are the run after it that stands deeper.
            let end = ordered[i + 1..]
                .iter()
                .position(|(d, _)| *d <= depth)
                .map_or(ordered.len(), |p| i + 1 + p);
            out.push(ChartUnit {
                name: v(u.name.as_ref()),
                lines: self.box_lines(u),
                children: self.chart_units(&ordered[i + 1..end]),
            });
            i = end;
        }
        out
    }

    /// A unit's box under its name: its manager (name and 職稱 apart), its learners and their
    /// number.
    fn box_lines(&self, u: &Unit) -> Vec<String> {
        let mut lines = Vec::new();
        let manager = manager_lines(u.manager.as_ref()).join("\u{3000}");
        if !manager.is_empty() {
            lines.push(self.t("organisation_manager", &[("manager", &manager)]));
        }
        let learners = v(u.learners.as_ref());
        if !learners.trim().is_empty() || u.learner_count.is_some() {
            // 「 27 人」 after the learners, or nothing when the number is not given.
            let n = u
                .learner_count
                .map(|n| {
                    format!(
                        " {}",
                        self.t("number_unit", &[("n", &count(n)), ("unit", "人")])
                    )
                })
                .unwrap_or_default();
            lines.push(self.t(
                "organisation_learners",
                &[("learners", &learners), ("count", &n)],
            ));
        }
        lines
    }

    fn strategies_section(&self, mut sec: Section, app: &Application) -> Section {
        let st = app.strategies.clone().unwrap_or_default();
        if st
            .introduction
            .as_ref()
            .is_some_and(|d| !d.trim().is_empty())
        {
            sec.blocks.push(self.prose(st.introduction.as_ref()));
        }
        let phase = |sec: &mut Section, title: &str, items: Vec<(&str, Option<String>)>| {
            let p = child(sec, self.s(title));
            for (key, text) in items {
                child(p, self.s(key)).blocks.push(self.prose(text.as_ref()));
            }
        };
        let pl = st.planning.clone().unwrap_or_default();
        phase(
            &mut sec,
            "planning_title",
            vec![
                ("planning_team", pl.promotion_team),
                ("planning_resources", pl.resources),
            ],
        );
        let d = st.design.clone().unwrap_or_default();
        phase(
            &mut sec,
            "design_title",
            vec![
                ("design_basis", d.basis),
                ("design_strategy", d.strategy),
                ("design_schedule", d.schedule),
                ("design_courses", d.courses),
                ("design_expected", d.expected_results),
                ("design_measurement", d.measurement),
                ("design_incentives", d.incentives),
            ],
        );
        let e = st.execution.clone().unwrap_or_default();
        phase(
            &mut sec,
            "execution_title",
            vec![
                ("execution_mechanism", e.mechanism),
                ("execution_environment", e.environment),
                ("execution_capability", e.capability),
            ],
        );
        let r = st.review.clone().unwrap_or_default();
        phase(
            &mut sec,
            "review_title",
            vec![
                ("review_presentation", r.presentation),
                ("review_benchmarking", r.benchmarking),
            ],
        );
        let ev = st.evaluation.clone().unwrap_or_default();
        phase(
            &mut sec,
            "evaluation_title",
            vec![
                ("evaluation_company", ev.company),
                ("evaluation_employees", ev.employees),
            ],
        );
        sec
    }

    fn results_section(&self, mut sec: Section, app: &Application) -> Section {
        let r = app.results.clone().unwrap_or_default();
        child(&mut sec, self.s("results_company"))
            .blocks
            .push(self.prose(r.company_account.as_ref()));
        let two = child(&mut sec, self.s("results_testimonials"));
        two.blocks.push(line(self.t(
            "results_testimonials_count",
            &[("n", &r.testimonials.len().to_string())],
        )));
        for tm in &r.testimonials {
            two.blocks.push(Block::Testimonial {
                author: tm.author.clone().unwrap_or_default(),
                title: tm.title.clone().filter(|t| !t.trim().is_empty()),
                text: tm.text.clone().unwrap_or_default(),
            });
        }
        sec
    }

    /// The 學習積分 as printed (6.53), and the line saying how it was computed.
    /// 附件 after 伍, unnumbered: seed 000's outline of the plan ends at 伍.
    fn attachments_section(&self, app: &Application, read: &Attachments) -> Option<Section> {
        // 附件 in the programme's order of kinds (勞保清單 first); stable within a kind.
        let mut atts: Vec<_> = app
            .attachments
            .iter()
            .filter(|a| a.file.is_some())
            .collect();
        atts.sort_by_key(|a| a.kind);
        let videos: Vec<_> = app.videos.iter().filter(|v| v.url.is_some()).collect();
        if atts.is_empty() && videos.is_empty() {
            return None;
        }
        let mut group = numbered(1, 1, self.s("attachments_title"));
        group.number = None;
        if !atts.is_empty() {
            group.blocks.push(line(self.s("attachments_list_head")));
        }
        for (i, a) in atts.iter().enumerate() {
            let n = (i + 1).to_string();
            let title = a.title.clone().unwrap_or_else(|| a.kind.zh().to_string());
            group.blocks.push(line(self.t(
                "attachment_list_item",
                &[("n", &n), ("title", &title), ("kind", a.kind.zh())],
            )));
            group.children.push(attachment_section(
                self.t("attachment_heading", &[("n", &n), ("title", &title)]),
                read,
                a.file.as_deref().unwrap_or_default(),
            ));
        }
        if !videos.is_empty() {
            // A link is printed as text: paper cannot play it, and the reviewer types it in.
            group.blocks.push(line(self.s("videos_head")));
            for vid in videos {
                group.blocks.push(line(self.t(
                    "video_item",
                    &[
                        ("title", &v(vid.title.as_ref())),
                        ("url", &v(vid.url.as_ref())),
                    ],
                )));
            }
        }
        Some(group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, parent: Option<&str>) -> Unit {
        Unit {
            name: Some(name.into()),
            parent: parent.map(str::to_string),
            ..Unit::default()
        }
    }

    #[test]
    fn the_chart_lists_each_unit_once_below_its_parent() {
        let units = vec![
            unit("品保課", Some("生產部")),
            unit("總經理室", None),
            unit("生產部", Some("總經理室")),
            unit("管理部", Some("總經理室")),
            // A parent that names no unit: drawn at the top rather than lost.
            unit("外部顧問", Some("董事會")),
            // A loop of parents: both still listed, once each.
            unit("甲", Some("乙")),
            unit("乙", Some("甲")),
        ];
        let drawn: Vec<(usize, &str)> = chart(&units)
            .into_iter()
            .map(|(d, u)| (d, u.name.as_deref().unwrap()))
            .collect();
        assert_eq!(
            drawn,
            vec![
                (0, "總經理室"),
                (1, "生產部"),
                (2, "品保課"),
                (1, "管理部"),
                (0, "外部顧問"),
                (0, "甲"),
                (1, "乙"),
            ]
        );
    }
}
