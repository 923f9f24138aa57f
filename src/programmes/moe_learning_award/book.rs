//! The application book of form edition 107, built from a checked application in the order of
//! SPEC §2.1: cover, 目次, 壹 基本資料表, 貳 評審項目 一–五, 參 立案證書 (屬性 4–6), 附件.
//! The printed wording comes from `templates/moe-learning-award/107/book.yaml`; this file only
//! decides which sentence goes where and fills it with the applicant's data.

use super::derived::{
    Derived, DerivedFigure, FigureKey, KindCounts, LearningKind, Operand, Scale, Unit,
    WEEKS_PER_YEAR,
};
use super::model::{
    Answer, Application, Attachment, AttachmentKind, Evaluation, LeaveKind, OfficialLeave,
    OtherWays, PaidLearning, Subsidy,
};
use super::Checked;
use crate::book::numbering::label;
use crate::book::parts::{attachment_section, child, contact_rows, embed, numbered};
use crate::book::template::Strings;
use crate::book::{Block, Book, Cell, Cover, Meta, Section, Table};
use crate::model::{plain_number, Figure, Group, YesNo};

/// Height of a seal box in points: room for an official seal (4.5 cm).
const SEAL_HEIGHT: f32 = 127.56;
/// Builds the book of a checked application in the words of its edition.
pub fn build(c: &Checked, words: &Strings) -> Book {
    Words(words).build(c)
}

/// A derived figure as the book prints it, in the words of an edition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedFigure {
    /// 平均每位員工帶薪學習時數
    pub label: String,
    /// `14.33 小時`, `70.83%`, `新臺幣 3,000.00 元`
    pub value: String,
    /// The computation with the applicant's numbers: `1,720 小時 ÷ 120 人`.
    pub formula: String,
}

/// How `words` print one derived figure (label, value, formula); the book's derived lines are
/// made of these.
pub fn print_figure(words: &Strings, f: &DerivedFigure) -> PrintedFigure {
    Words(words).figure(f)
}

/// One derived figure's line as the book prints it.
pub fn figure_line(words: &Strings, f: &DerivedFigure) -> String {
    Words(words).derived_line(f)
}

/// The edition's wording (its `book.yaml`), and the builders that fill it in.
struct Words<'a>(&'a Strings);

fn line(text: String) -> Block {
    Block::Line { text }
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_string(),
    }
}

fn check(checked: bool, text: String, details: Vec<Block>) -> Block {
    Block::Check {
        checked,
        text,
        details,
    }
}

fn number(v: f64) -> String {
    plain_number(v)
}

fn yes(a: Option<YesNo>) -> bool {
    a.is_some_and(|a| a.is_yes())
}

impl Words<'_> {
    /// The sentence `key` filled with `vars`.
    fn t(&self, key: &str, vars: &[(&str, &str)]) -> String {
        self.0.t(key, vars)
    }

    fn s(&self, key: &str) -> String {
        self.t(key, &[])
    }

    /// 人, 小時, 元, 張
    fn unit(&self, u: Unit) -> String {
        self.s(match u {
            Unit::People => "unit_people",
            Unit::Hours => "unit_hours",
            Unit::Money => "unit_money",
            Unit::Certificates => "unit_certificates",
        })
    }

    /// `85 人`: a number, already formatted, with its unit.
    fn number_unit(&self, n: &str, u: Unit) -> String {
        self.t("number_unit", &[("n", n), ("unit", &self.unit(u))])
    }

    /// 帶薪學習, 學習經費補助, 公假學習, 其他方式學習
    fn kind(&self, k: LearningKind) -> String {
        self.s(match k {
            LearningKind::Paid => "kind_paid",
            LearningKind::Subsidy => "kind_subsidy",
            LearningKind::OfficialLeave => "kind_official_leave",
            LearningKind::Other => "kind_other",
        })
    }

    /// The form's name of a kind of 證明文件.
    fn attachment_kind(&self, k: AttachmentKind) -> String {
        self.s(match k {
            AttachmentKind::Regulations => "attachment_kind_regulations",
            AttachmentKind::Learning => "attachment_kind_learning",
            AttachmentKind::Budget => "attachment_kind_budget",
            AttachmentKind::Participation => "attachment_kind_participation",
            AttachmentKind::Promotion => "attachment_kind_promotion",
            AttachmentKind::Other => "attachment_kind_other",
        })
    }

    /// `85 人`, or for a school `教師 50 人、職員工 35 人，合計 85 人`.
    fn fig(&self, f: Option<&Figure>, unit: Unit) -> String {
        let nu = |v: f64| self.number_unit(&number(v), unit);
        match f {
            None => self.number_unit("—", unit),
            Some(Figure::Total(v)) => nu(*v),
            Some(Figure::Split { teachers, staff }) => self.t(
                "split_figure",
                &[
                    ("teachers", &nu(*teachers)),
                    ("staff", &nu(*staff)),
                    ("total", &nu(teachers + staff)),
                ],
            ),
        }
    }

    /// `356,000 元`, or for a school `教師 250,000 元、職員工 106,000 元，合計 356,000 元`.
    fn money(&self, f: Option<&Figure>) -> String {
        self.fig(f, Unit::Money)
    }

    /// 平均每位員工帶薪學習時數 …
    fn figure_label(&self, key: FigureKey) -> String {
        let share = |sentence: &str, k: LearningKind| self.t(sentence, &[("kind", &self.kind(k))]);
        match key {
            FigureKey::PaidHoursPerEmployee => self.s("figure_paid_hours_per_employee"),
            FigureKey::SubsidyPerRecipient => self.s("figure_subsidy_per_recipient"),
            FigureKey::LeaveHoursPerEmployeeWeek => self.s("figure_leave_hours_per_employee_week"),
            FigureKey::SpentPerEmployee => self.s("figure_spent_per_employee"),
            FigureKey::ExecutionRate => self.s("figure_execution_rate"),
            FigureKey::LearningRate => self.s("figure_learning_rate"),
            FigureKey::ShareOfLearners(k) => share("figure_share_of_learners", k),
            FigureKey::ShareOfEmployees(k) => share("figure_share_of_employees", k),
            FigureKey::DegreeRate => self.s("figure_degree_rate"),
            FigureKey::CertifiedRate => self.s("figure_certified_rate"),
            FigureKey::CertificatesPerEmployee => self.s("figure_certificates_per_employee"),
        }
    }

    /// `14.33 小時`, `70.83%`, `新臺幣 3,000.00 元`. A percentage has no thousands separator.
    fn figure_value(&self, f: &DerivedFigure) -> String {
        match f.unit() {
            None => self.t("value_percent", &[("n", &f.value.to_string())]),
            Some(Unit::Money) => self.t("value_money", &[("n", &f.value.grouped())]),
            Some(u) => self.number_unit(&f.value.grouped(), u),
        }
    }

    /// `1,720 小時 ÷ 120 人`, then `÷ 52 週` or `× 100%` as the figure's scale asks.
    fn formula(&self, f: &DerivedFigure) -> String {
        let operand = |o: &Operand| self.number_unit(&number(o.value), o.unit);
        let ratio = self.t(
            "formula_ratio",
            &[
                ("numerator", &operand(&f.numerator)),
                ("denominator", &operand(&f.denominator)),
            ],
        );
        match f.scale {
            Scale::Ratio => ratio,
            Scale::PerWeek => self.t(
                "formula_per_week",
                &[("formula", &ratio), ("weeks", &WEEKS_PER_YEAR.to_string())],
            ),
            Scale::Percent => self.t("formula_percent", &[("formula", &ratio)]),
        }
    }

    fn figure(&self, f: &DerivedFigure) -> PrintedFigure {
        PrintedFigure {
            label: self.figure_label(f.key),
            value: self.figure_value(f),
            formula: self.formula(f),
        }
    }

    /// （教師） before a school's figure for one group; nothing before the total.
    fn group_prefix(&self, g: Group) -> String {
        let name = match g {
            Group::All => return String::new(),
            Group::Teachers => self.s("group_teachers"),
            Group::Staff => self.s("group_staff"),
        };
        self.t("derived_group", &[("group", &name)])
    }

    /// The derived figures with `keys`: a line each (value and formula) for a unit with one
    /// group of employees; for a school, one table with a row per figure and a column each for
    /// 教師, 職員工 and 合計, the formula under each value, instead of three lines per figure.
    fn derived_figures(&self, d: &Derived, keys: &[FigureKey]) -> Vec<Block> {
        let split = keys.iter().any(|&k| d.get(k, Group::Teachers).is_some());
        if !split {
            return keys
                .iter()
                .flat_map(|&k| self.derived_lines(d, k))
                .collect();
        }
        let cell = |f: Option<&DerivedFigure>| match f {
            Some(f) => Cell::lines(vec![
                self.table_value(f),
                self.t("table_formula", &[("formula", &self.bare_formula(f))]),
            ]),
            None => Cell::text(self.s("table_missing")),
        };
        let mut rows = vec![vec![
            Cell::label(self.s("table_item")),
            Cell::label(self.s("group_teachers")),
            Cell::label(self.s("group_staff")),
            Cell::label(self.s("table_total")),
        ]];
        for &key in keys {
            let label = match d.get(key, Group::All).and_then(DerivedFigure::unit) {
                Some(u) => self.t(
                    "table_label_unit",
                    &[
                        ("label", &self.figure_label(key)),
                        ("unit", &self.table_unit(u)),
                    ],
                ),
                None => self.figure_label(key),
            };
            rows.push(vec![
                Cell::label(label),
                cell(d.get(key, Group::Teachers)),
                cell(d.get(key, Group::Staff)),
                cell(d.get(key, Group::All)),
            ]);
        }
        vec![Block::Table(Table {
            columns: vec![1.8, 1.4, 1.4, 1.4],
            rows,
        })]
    }

    /// A figure's value in a table cell: the number, with `%` for a percentage; other units are
    /// named once in the row's label.
    fn table_value(&self, f: &DerivedFigure) -> String {
        match f.unit() {
            None => self.t("value_percent", &[("n", &f.value.to_string())]),
            Some(_) => f.value.grouped(),
        }
    }

    /// The unit named in a table row's label: 小時, 新臺幣元.
    fn table_unit(&self, u: Unit) -> String {
        match u {
            Unit::Money => self.s("table_unit_money"),
            u => self.unit(u),
        }
    }

    /// `88 ÷ 91`, `288 ÷ 92 ÷ 52`: the formula's numbers, whose units the row's label gives.
    fn bare_formula(&self, f: &DerivedFigure) -> String {
        let ratio = self.t(
            "table_ratio",
            &[
                ("numerator", &number(f.numerator.value)),
                ("denominator", &number(f.denominator.value)),
            ],
        );
        match f.scale {
            Scale::Ratio | Scale::Percent => ratio,
            Scale::PerWeek => self.t(
                "table_formula_per_week",
                &[("formula", &ratio), ("weeks", &WEEKS_PER_YEAR.to_string())],
            ),
        }
    }

    /// Every derived figure with `key`: the total, then 教師 and 職員工 for a school.
    fn derived_lines(&self, d: &Derived, key: FigureKey) -> Vec<Block> {
        [Group::All, Group::Teachers, Group::Staff]
            .into_iter()
            .filter_map(|g| d.get(key, g))
            .map(|f| line(self.derived_line(f)))
            .collect()
    }

    /// A line of appbook's own beside the form's words (a figure or an amount the form does not
    /// ask for), marked as such by the edition's `added` sentence.
    fn added(&self, text: String) -> Block {
        line(self.t("added", &[("text", &text)]))
    }

    /// The total's value of a derived figure as the form's sentence takes it (`14.33 小時`),
    /// or — when it could not be computed.
    fn average(&self, d: &Derived, key: FigureKey, unit: Unit) -> String {
        let n = d
            .get(key, Group::All)
            .map_or_else(|| "—".to_string(), |f| f.value.grouped());
        self.number_unit(&n, unit)
    }

    /// The derived figures of `keys`, set apart as appbook's working where the form's sentence
    /// already holds the figure: each line marked as added, a school's table under a marked
    /// caption.
    fn worked(&self, d: &Derived, keys: &[FigureKey]) -> Vec<Block> {
        let mut out = Vec::new();
        for b in self.derived_figures(d, keys) {
            match b {
                Block::Line { text } => out.push(self.added(text)),
                table @ Block::Table(_) => {
                    out.push(self.added(self.s("table_caption")));
                    out.push(table);
                }
                other => out.push(other),
            }
        }
        out
    }

    fn derived_line(&self, f: &DerivedFigure) -> String {
        let p = self.figure(f);
        self.t(
            "derived",
            &[
                ("group", &self.group_prefix(f.group)),
                ("label", &p.label),
                ("value", &p.value),
                ("formula", &p.formula),
            ],
        )
    }

    /// ☑ 是 … / ☐ 否 for one answer; `yes_text` is the 是 line and `details` stand under it
    /// when 是.
    fn yes_no(&self, a: Option<YesNo>, yes_text: String, details: Vec<Block>) -> Vec<Block> {
        let y = yes(a);
        let answered_no = a == Some(YesNo::No);
        let details = if y { details } else { Vec::new() };
        vec![
            check(y, yes_text, details),
            check(answered_no, self.s("checked_no"), Vec::new()),
        ]
    }

    /// A 是/否 question whose 是 carries a description.
    fn answer_blocks(&self, a: Option<&Answer>, yes_key: &str) -> Vec<Block> {
        let answer = a.and_then(|a| a.answer);
        let desc = a.and_then(|a| a.description.clone()).unwrap_or_default();
        let text = if yes(answer) {
            self.t(yes_key, &[("text", &desc)])
        } else {
            self.s("checked_yes")
        };
        self.yes_no(answer, text, Vec::new())
    }

    fn labelled(&self, label_key: &str, value: &str) -> Block {
        line(self.t(
            "label_value",
            &[("label", &self.s(label_key)), ("value", value)],
        ))
    }

    fn opt_text(&self, v: Option<&String>) -> String {
        v.filter(|v| !v.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| self.s("none"))
    }

    fn build(&self, c: &Checked) -> Book {
        let app = &c.app;
        let b = app.basic.clone().unwrap_or_default();
        let mut sections = Vec::new();
        let mut top = 0u32;
        let mut next_top = |title: String| {
            top += 1;
            numbered(1, top, title)
        };

        sections.push(self.basic_section(next_top(self.s("basic_title")), app));
        sections.push(self.evaluation_section(next_top(self.s("evaluation_title")), c));

        let unit_type = b.unit_type.unwrap_or(0);
        if (4..=6).contains(&unit_type) {
            if let Some(cert) = b.registration.as_ref().and_then(|r| r.certificate.as_ref()) {
                let mut sec = next_top(self.s("certificate_title"));
                sec.blocks.push(embed(&c.attachments, cert));
                sections.push(sec);
            }
        }

        // 附件, in the programme's order of kinds; stable within a kind.
        let mut atts: Vec<_> = app
            .attachments
            .iter()
            .filter(|a| a.file.is_some())
            .collect();
        atts.sort_by_key(|a| a.kind);
        if !atts.is_empty() {
            let group = next_top(self.s("attachments_title"));
            sections.push(self.attachments_section(group, &atts, c));
        }

        Book {
            meta: self.meta(app),
            cover: self.cover(app),
            toc_title: self.s("toc_title"),
            sections,
        }
    }

    fn cover(&self, app: &Application) -> Cover {
        let b = app.basic.clone().unwrap_or_default();
        let date = app.application_date;
        Cover {
            title: vec![self.s("cover_title_1"), self.s("cover_title_2")],
            fields: vec![
                (self.s("cover_unit"), b.unit_name.unwrap_or_default()),
                (
                    self.s("cover_agency"),
                    b.supervising_agency.unwrap_or_default(),
                ),
            ],
            date_line: self.t(
                "cover_date",
                &[
                    (
                        "year",
                        &date.map(|d| d.roc_year().to_string()).unwrap_or_default(),
                    ),
                    (
                        "month",
                        &date.map(|d| d.month.to_string()).unwrap_or_default(),
                    ),
                ],
            ),
        }
    }

    fn meta(&self, app: &Application) -> Meta {
        let b = app.basic.clone().unwrap_or_default();
        let unit = b.unit_name.unwrap_or_default();
        let award_year = b.award_year.map(|y| y.to_string()).unwrap_or_default();
        Meta {
            title: self.s("meta_title"),
            author: unit.clone(),
            subject: self.t("meta_subject", &[("award_year", &award_year)]),
            keywords: self
                .t("meta_keywords", &[("unit", &unit)])
                .split(',')
                .map(str::to_string)
                .collect(),
            date: app.application_date,
        }
    }

    /// The list of 附件, then each one under its own heading on a new page.
    fn attachments_section(
        &self,
        mut group: Section,
        atts: &[&Attachment],
        c: &Checked,
    ) -> Section {
        group.blocks.push(line(self.s("attachments_list_head")));
        for (i, a) in atts.iter().enumerate() {
            let n = (i + 1).to_string();
            let title = a.title.clone().unwrap_or_default();
            group.blocks.push(line(self.t(
                "attachment_list_item",
                &[
                    ("n", &n),
                    ("title", &title),
                    ("kind", &self.attachment_kind(a.kind)),
                ],
            )));
            group.children.push(attachment_section(
                self.t("attachment_heading", &[("n", &n), ("title", &title)]),
                &c.attachments,
                a.file.as_deref().unwrap_or_default(),
            ));
        }
        group
    }

    fn basic_section(&self, mut sec: Section, app: &Application) -> Section {
        let b = app.basic.clone().unwrap_or_default();
        let v = |o: Option<&String>| o.cloned().unwrap_or_default();
        let unit_type = b.unit_type.unwrap_or(0);
        let mut types = vec![self.s("basic_unit_type_head")];
        for i in 1..=6 {
            let mark = if unit_type == i { "☑" } else { "☐" };
            types.push(format!("{mark} {}", self.s(&format!("unit_type_{i}"))));
        }
        let registration = match (&b.registration, (4..=6).contains(&unit_type)) {
            (Some(r), true) => vec![
                self.t(
                    "basic_registration_date",
                    &[(
                        "date",
                        &r.approval_date.map(|d| d.roc_long()).unwrap_or_default(),
                    )],
                ),
                self.t(
                    "basic_registration_number",
                    &[("number", &v(r.document_number.as_ref()))],
                ),
            ],
            _ => vec![self.s("basic_registration_none")],
        };
        let employees = match b.employees {
            Some(Figure::Split { teachers, staff }) => self.t(
                "employees_school",
                &[
                    ("teachers", &number(teachers)),
                    ("staff", &number(staff)),
                    ("total", &number(teachers + staff)),
                ],
            ),
            Some(Figure::Total(n)) => self.t("employees_total", &[("n", &number(n))]),
            None => String::new(),
        };
        let rep = b.representative.clone().unwrap_or_default();
        let contact = b.contact.clone().unwrap_or_default();
        let row2 =
            |l: &str, value: String| vec![Cell::label(self.s(l)), Cell::text(value).span(2, 1)];
        let mut rows = vec![
            row2(
                "basic_award_year",
                self.t(
                    "basic_award_year_value",
                    &[(
                        "year",
                        &b.award_year.map(|y| y.to_string()).unwrap_or_default(),
                    )],
                ),
            ),
            row2("basic_unit", v(b.unit_name.as_ref())),
            row2("basic_agency", v(b.supervising_agency.as_ref())),
            vec![
                Cell::label(self.s("basic_unit_type")),
                Cell::lines(types).span(2, 1),
            ],
            vec![
                Cell::label(self.s("basic_registration")),
                Cell::lines(registration).span(2, 1),
            ],
            vec![
                Cell::label(self.s("basic_representative")),
                Cell::text(self.t("person_name", &[("name", &v(rep.name.as_ref()))])),
                Cell::text(self.t("person_title", &[("title", &v(rep.title.as_ref()))])),
            ],
            row2("basic_employees", employees),
            row2("basic_address", v(b.address.as_ref())),
        ];
        rows.extend(contact_rows(self.0, self.s("basic_contact"), &contact));
        // The seal boxes are the table's last rows, as on the form: the captions, then room
        // for an official seal (4.5 cm, as the PDF's seal boxes elsewhere).
        rows.push(vec![
            Cell::label(self.s("seal_unit")),
            Cell::label(self.s("seal_representative")).span(2, 1),
        ]);
        rows.push(vec![
            Cell::text(String::new()).height(SEAL_HEIGHT),
            Cell::text(String::new()).span(2, 1).height(SEAL_HEIGHT),
        ]);
        sec.blocks.push(Block::Table(Table {
            columns: vec![3.7, 3.15, 3.15],
            rows,
        }));
        sec
    }

    fn evaluation_section(&self, mut sec: Section, c: &Checked) -> Section {
        let ev = c.app.evaluation.clone().unwrap_or_default();
        self.regulations(&mut sec, &ev);
        self.learning(&mut sec, &ev, c);
        self.budget(&mut sec, &ev, c);
        self.participation(&mut sec, &ev, c);
        self.promotion(&mut sec, &ev);
        sec
    }

    /// The note that a school's figures are split, under 評審項目 二–四, in the words of that
    /// item (`key`).
    fn school_note(&self, school: bool, key: &str, blocks: &mut Vec<Block>) {
        if school {
            blocks.push(para(&self.s(key)));
        }
    }

    /// 一、訂有員工學習制度規定
    fn regulations(&self, sec: &mut Section, ev: &Evaluation) {
        let r = ev.regulations.clone().unwrap_or_default();
        let one = child(sec, self.s("reg_title"));
        let a = child(one, self.s("reg_rules_title"));
        let count = child(
            a,
            self.t("reg_rules_count", &[("n", &r.rules.len().to_string())]),
        );
        for (i, rule) in r.rules.iter().enumerate() {
            count.blocks.push(line(
                self.t("listed", &[("n", &label(5, i as u32 + 1)), ("text", rule)]),
            ));
        }
        let published = child(a, self.s("reg_rules_published"));
        published.blocks =
            self.answer_blocks(r.rules_published.as_ref(), "reg_rules_published_yes");

        let b = child(one, self.s("reg_plan_title"));
        let plan = r.training_plan.clone().unwrap_or_default();
        let p = child(b, self.s("reg_plan"));
        let mut details = vec![
            self.labelled("reg_plan_purpose", &self.opt_text(plan.purpose.as_ref())),
            self.labelled(
                "reg_plan_learners",
                &self.opt_text(plan.eligible_learners.as_ref()),
            ),
            self.labelled(
                "reg_plan_count",
                &self.fig(plan.learner_count.as_ref(), Unit::People),
            ),
        ];
        // One course a line, numbered: a course names its own topics with 、, so courses joined
        // by 、 ran together and a reader could not tell where one ended.
        if plan.courses.is_empty() {
            details.push(self.labelled("reg_plan_courses", &self.s("none")));
        } else {
            details.push(self.labelled("reg_plan_courses", ""));
            for (i, course) in plan.courses.iter().enumerate() {
                details.push(self.item(i as u32 + 1, course.clone()));
            }
        }
        details.push(self.labelled("reg_plan_teachers", &self.opt_text(plan.teachers.as_ref())));
        if let Some(desc) = plan.description.as_ref().filter(|d| !d.trim().is_empty()) {
            details.push(self.labelled("reg_plan_description", desc));
        }
        p.blocks = self.yes_no(plan.answer, self.s("reg_plan_yes"), details);
        for (key, ans) in [
            ("reg_needs", &r.needs_survey),
            ("reg_satisfaction", &r.satisfaction_survey),
            ("reg_plan_published", &r.plan_published),
        ] {
            let q = child(b, self.s(key));
            q.blocks = self.answer_blocks(ans.as_ref(), "yes_how");
        }
        let other = child(one, self.s("reg_other_title"));
        other.blocks.push(para(&self.opt_text(r.other.as_ref())));
    }

    /// 二、每年給予員工帶薪、經費補助、公假或其他學習情形
    fn learning(&self, sec: &mut Section, ev: &Evaluation, c: &Checked) {
        let l = ev.learning.clone().unwrap_or_default();
        let two = child(sec, self.s("learn_title"));
        self.school_note(c.school, "school_note", &mut two.blocks);
        self.paid(two, l.paid.unwrap_or_default(), &c.derived);
        self.subsidy(two, l.subsidy.unwrap_or_default(), &c.derived);
        self.official_leave(two, l.official_leave.unwrap_or_default(), &c.derived);
        self.other_ways(two, l.other_ways.unwrap_or_default());
    }

    /// （1）, （2） … before a line of an answer's details.
    fn item(&self, n: u32, text: String) -> Block {
        line(format!("{}{}", label(5, n), text))
    }

    /// 其他相關說明：…
    fn other_description(&self, text: Option<&String>) -> String {
        self.t(
            "label_value",
            &[
                ("label", &self.s("other_description")),
                ("value", &self.opt_text(text)),
            ],
        )
    }

    /// 二（一）帶薪學習
    fn paid(&self, two: &mut Section, paid: PaidLearning, d: &Derived) {
        let a = child(two, self.s("paid_title"));
        let q = child(a, self.s("paid_question"));
        let figures = self.t(
            "paid_figures",
            &[
                (
                    "people",
                    &self.fig(paid.participants.as_ref(), Unit::People),
                ),
                ("hours", &self.fig(paid.total_hours.as_ref(), Unit::Hours)),
                (
                    "average",
                    &self.average(d, FigureKey::PaidHoursPerEmployee, Unit::Hours),
                ),
            ],
        );
        let mut details = vec![self.item(1, figures)];
        details.extend(self.worked(d, &[FigureKey::PaidHoursPerEmployee]));
        details.push(self.item(2, self.other_description(paid.description.as_ref())));
        q.blocks = self.yes_no(paid.answer, self.s("paid_yes"), details);
    }

    /// 二（二）學習經費補助
    fn subsidy(&self, two: &mut Section, sub: Subsidy, d: &Derived) {
        let b = child(two, self.s("subsidy_title"));
        let q = child(b, self.s("subsidy_question"));
        let figures = self.t(
            "subsidy_figures",
            &[
                ("people", &self.fig(sub.recipients.as_ref(), Unit::People)),
                (
                    "average",
                    &self.average(d, FigureKey::SubsidyPerRecipient, Unit::Money),
                ),
            ],
        );
        let mut details = vec![self.item(1, figures)];
        details.push(self.added(self.t(
            "subsidy_total",
            &[("amount", &self.money(sub.total_amount.as_ref()))],
        )));
        details.extend(self.worked(d, &[FigureKey::SubsidyPerRecipient]));
        details.push(self.item(2, self.other_description(sub.description.as_ref())));
        q.blocks = self.yes_no(sub.answer, self.s("subsidy_yes"), details);
    }

    /// 二（三）公假學習: 全時, 部分工時, then the weekly average.
    fn official_leave(&self, two: &mut Section, leave: OfficialLeave, d: &Derived) {
        let c3 = child(two, self.s("leave_title"));
        let q = child(c3, self.s("leave_question"));
        let mut details = self.leave_kind(1, leave.full_time, "leave_full", "leave_full_yes");
        details.extend(self.leave_kind(2, leave.part_time, "leave_part", "leave_part_yes"));
        details.push(self.item(3, self.s("leave_average")));
        details.extend(self.derived_figures(d, &[FigureKey::LeaveHoursPerEmployeeWeek]));
        q.blocks = self.yes_no(leave.answer, self.s("leave_yes"), details);
    }

    /// One kind of 公假, a 是/否 question of its own under 公假學習.
    fn leave_kind(&self, n: u32, k: Option<LeaveKind>, qkey: &str, ykey: &str) -> Vec<Block> {
        let k = k.unwrap_or_default();
        let mut out = vec![self.item(n, self.s(qkey))];
        let details =
            vec![self.labelled("leave_description", &self.opt_text(k.description.as_ref()))];
        out.extend(self.yes_no(
            k.answer,
            self.t(
                ykey,
                &[
                    ("people", &self.fig(k.participants.as_ref(), Unit::People)),
                    ("hours", &self.fig(k.total_hours.as_ref(), Unit::Hours)),
                ],
            ),
            details,
        ));
        out
    }

    /// 二（四）其他方式
    fn other_ways(&self, two: &mut Section, ow: OtherWays) {
        let d4 = child(two, self.s("other_ways_title"));
        let q = child(d4, self.s("other_ways_question"));
        q.blocks = self.yes_no(
            ow.answer,
            self.t(
                "other_ways_yes",
                &[("people", &self.fig(ow.participants.as_ref(), Unit::People))],
            ),
            vec![self.labelled(
                "other_ways_description",
                &self.opt_text(ow.description.as_ref()),
            )],
        );
    }

    /// 三、每年編列員工學習經費年度額
    fn budget(&self, sec: &mut Section, ev: &Evaluation, c: &Checked) {
        let d = &c.derived;
        let bu = ev.budget.clone().unwrap_or_default();
        let three = child(sec, self.s("budget_title"));
        self.school_note(c.school, "budget_school_note", &mut three.blocks);
        let a = child(three, self.s("budget_amounts_title"));
        a.blocks.push(para(&self.t(
            "budget_amounts",
            &[
                ("planned", &self.money(bu.planned.as_ref())),
                ("spent", &self.money(bu.spent.as_ref())),
            ],
        )));
        // The form asks for both amounts, not for their ratio.
        a.blocks.extend(self.worked(d, &[FigureKey::ExecutionRate]));
        let b = child(three, self.s("budget_average_title"));
        b.blocks
            .extend(self.derived_figures(d, &[FigureKey::SpentPerEmployee]));
        let o = child(three, self.s("budget_other_title"));
        o.blocks.push(para(&self.opt_text(bu.description.as_ref())));
    }

    /// 四、每年員工學習之人數占總人數比率
    fn participation(&self, sec: &mut Section, ev: &Evaluation, c: &Checked) {
        let d = &c.derived;
        let p = ev.participation.clone().unwrap_or_default();
        let four = child(sec, self.s("part_title"));
        self.school_note(c.school, "school_note", &mut four.blocks);
        let a = child(four, self.s("part_learners_title"));
        let learners = self.fig(p.learners.as_ref(), Unit::People);
        let total = child(a, self.t("part_learners", &[("people", &learners)]));
        total
            .blocks
            .extend(self.derived_figures(d, &[FigureKey::LearningRate]));
        let kinds = child(a, self.s("part_kinds"));
        kinds.blocks = self.learning_kinds(&KindCounts::of(&c.app), d);

        let b = child(four, self.s("part_degree_title"));
        let degrees = self.fig(p.degree_students.as_ref(), Unit::People);
        b.blocks
            .push(para(&self.t("part_degree", &[("people", &degrees)])));
        b.blocks
            .extend(self.derived_figures(d, &[FigureKey::DegreeRate]));

        let c3 = child(four, self.s("part_cert_title"));
        let certified = self.fig(p.certified_people.as_ref(), Unit::People);
        let certificates = self.fig(p.certificates.as_ref(), Unit::Certificates);
        c3.blocks.push(para(&self.t(
            "part_cert",
            &[("people", &certified), ("count", &certificates)],
        )));
        c3.blocks.extend(self.derived_figures(
            d,
            &[FigureKey::CertifiedRate, FigureKey::CertificatesPerEmployee],
        ));
        if let Some(desc) = p.description.as_ref().filter(|d| !d.trim().is_empty()) {
            c3.blocks.push(self.labelled("other_description", desc));
        }
    }

    /// 四（一）2: each kind of learning of 評審項目 二 with its people and both shares; a
    /// school's shares follow the four kinds in one table.
    fn learning_kinds(&self, counts: &KindCounts, d: &Derived) -> Vec<Block> {
        let mut out = Vec::new();
        let mut table_keys = Vec::new();
        let school = d.figures.iter().any(|f| f.group == Group::Teachers);
        for (i, kind) in LearningKind::ALL.into_iter().enumerate() {
            let people = self.fig(counts.get(kind).as_ref(), Unit::People);
            out.push(self.item(
                i as u32 + 1,
                self.t(
                    "part_kind",
                    &[("kind", &self.kind(kind)), ("people", &people)],
                ),
            ));
            let keys = [
                FigureKey::ShareOfLearners(kind),
                FigureKey::ShareOfEmployees(kind),
            ];
            if school {
                table_keys.extend(keys);
            } else {
                out.extend(self.derived_figures(d, &keys));
            }
        }
        if school {
            out.extend(self.derived_figures(d, &table_keys));
        }
        out
    }

    /// 五、其他與推動員工學習制度有關之事項
    fn promotion(&self, sec: &mut Section, ev: &Evaluation) {
        let pr = ev.promotion.clone().unwrap_or_default();
        let five = child(sec, self.s("promo_title"));
        let a = child(five, self.s("promo_eval_title"));
        let q = child(a, self.s("promo_eval_question"));
        let m = pr.evaluation.clone().unwrap_or_default();
        let n = pr.testimonials.len().to_string();
        let mut details = vec![
            self.item(1, self.s("promo_mechanism")),
            self.labelled("promo_survey", &self.opt_text(m.survey.as_ref())),
            self.labelled("promo_analysis", &self.opt_text(m.analysis.as_ref())),
            self.labelled(
                "promo_improvements",
                &self.opt_text(m.improvements.as_ref()),
            ),
            self.item(2, self.t("promo_testimonials", &[("n", &n)])),
        ];
        let testimonials = pr.testimonials.iter().map(|tm| Block::Testimonial {
            author: tm.author.clone().unwrap_or_default(),
            title: tm.title.clone().filter(|t| !t.trim().is_empty()),
            text: tm.text.clone().unwrap_or_default(),
        });
        if yes(m.answer) {
            details.extend(testimonials);
            q.blocks = self.yes_no(m.answer, self.s("promo_eval_yes"), details);
        } else {
            // The form asks for the testimonials under 是, but the rules require them whatever
            // the answer: with 否 they follow it, so nothing checked is left out of the book.
            q.blocks = self.yes_no(m.answer, self.s("promo_eval_yes"), Vec::new());
            q.blocks
                .push(line(self.t("promo_testimonials", &[("n", &n)])));
            q.blocks.extend(testimonials);
        }
        for (key, v) in [
            ("promo_benefits_title", &pr.benefits),
            ("promo_features_title", &pr.features),
            ("promo_other_title", &pr.other),
        ] {
            let sct = child(five, self.s(key));
            sct.blocks.push(para(&self.opt_text(v.as_ref())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words<'static> {
        let p = crate::programmes::find(super::super::ID, Some("107")).expect("built in");
        Words(p.edition.words())
    }

    #[test]
    fn a_derived_figure_prints_its_formula() {
        assert_eq!(
            words().t(
                "derived",
                &[
                    ("group", "（教師）"),
                    ("label", "L"),
                    ("value", "1.00 小時"),
                    ("formula", "1 ÷ 1")
                ]
            ),
            "（教師）L：1.00 小時（計算方式：1 ÷ 1）"
        );
    }

    #[test]
    fn applicant_text_is_not_a_template() {
        // Values are data: tera syntax inside them is printed, not evaluated.
        assert_eq!(
            words().t(
                "label_value",
                &[
                    ("label", "{{ label }}"),
                    ("value", "{% if x %}y{% endif %}")
                ]
            ),
            "{{ label }}：{% if x %}y{% endif %}"
        );
    }

    fn texts(sections: &[Section], out: &mut Vec<String>) {
        for s in sections {
            out.push(s.heading());
            for b in s.blocks.iter().flat_map(Block::walk) {
                match b {
                    Block::Paragraph { text }
                    | Block::Line { text }
                    | Block::Check { text, .. } => out.push(text.clone()),
                    Block::Testimonial { author, text, .. } => {
                        out.push(author.clone());
                        out.push(text.clone());
                    }
                    Block::Table(t) => {
                        for row in &t.rows {
                            for c in row {
                                out.extend(c.lines.iter().cloned());
                            }
                        }
                    }
                    _ => {}
                }
            }
            texts(&s.children, out);
        }
    }

    fn fixture(name: &str) -> (Checked, Book) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/render")
            .join(name);
        let src = crate::load::read_source(&dir.join("application.yaml"))
            .ok()
            .unwrap();
        let spans = crate::load::index(&src).ok().unwrap();
        let (checked, _) = super::super::load_and_check(&src, &spans, &dir)
            .ok()
            .unwrap();
        let book = words().build(&checked);
        (checked, book)
    }

    /// Every table of the book's sections, depth first.
    fn tables(sections: &[Section], out: &mut Vec<Table>) {
        for s in sections {
            for b in s.blocks.iter().flat_map(Block::walk) {
                if let Block::Table(t) = b {
                    out.push(t.clone());
                }
            }
            tables(&s.children, out);
        }
    }

    #[test]
    fn a_schools_figures_are_tables_with_every_group_and_formula() {
        let (checked, book) = fixture("school");
        let mut all = Vec::new();
        tables(&book.sections, &mut all);
        // A school: the total and both groups for every figure.
        assert!(checked.derived.figures.len() > 40);
        let w = words();
        for f in &checked.derived.figures {
            let column = match f.group {
                Group::Teachers => 1,
                Group::Staff => 2,
                Group::All => 3,
            };
            let want = vec![w.table_value(f), format!("({})", w.bare_formula(f))];
            let label = w.figure_label(f.key);
            let found = all.iter().any(|t| {
                t.heading_rows() == 1
                    && t.rows
                        .iter()
                        .any(|r| r[0].lines[0].starts_with(&label) && r[column].lines == want)
            });
            assert!(found, "missing: {label} {:?} {want:?}", f.group);
        }
    }

    #[test]
    fn every_derived_figure_of_a_unit_is_a_line_with_its_formula() {
        let (checked, book) = fixture("agency");
        let mut all = Vec::new();
        texts(&book.sections, &mut all);
        assert!(checked.derived.figures.len() > 10);
        let w = words();
        for f in &checked.derived.figures {
            let p = w.figure(f);
            let want = format!("{}：{}（計算方式：{}）", p.label, p.value, p.formula);
            assert!(all.iter().any(|t| t.ends_with(&want)), "missing: {want}");
        }
    }

    #[test]
    fn every_derived_figure_has_its_words_in_the_edition() {
        let (checked, _) = fixture("school");
        let w = words();
        let mut keys = Vec::new();
        for f in &checked.derived.figures {
            let p = w.figure(f);
            // A sentence the edition lacks prints as `[key]`.
            for text in [&p.label, &p.value, &p.formula, &w.group_prefix(f.group)] {
                assert!(!text.contains('['), "{:?} ({:?}): {text}", f.key, f.group);
            }
            if !keys.contains(&f.key) {
                keys.push(f.key);
            }
        }
        // 二 three, 三 two, 四 learning rate, four kinds twice, degrees, certificates twice.
        assert_eq!(keys.len(), 3 + 2 + 1 + 8 + 3);
        let rate = checked
            .derived
            .get(
                FigureKey::ShareOfEmployees(LearningKind::Paid),
                Group::Teachers,
            )
            .expect("a school has teachers' figures");
        assert_eq!(w.group_prefix(rate.group), "（教師）");
        assert_eq!(w.figure_label(rate.key), "帶薪學習參與人數占員工總人數比率");
    }

    #[test]
    fn attachments_follow_the_form_order_and_are_numbered() {
        let (_, book) = fixture("agency");
        let group = book.sections.last().expect("attachments");
        let titles: Vec<String> = group.children.iter().map(|c| c.title.clone()).collect();
        // regulations, then participation, then promotion, whatever the YAML order.
        assert_eq!(
            titles,
            vec![
                "附件1　員工終身學習實施要點",
                "附件2　學習護照統計表",
                "附件3　讀書會活動照片"
            ]
        );
        assert!(group
            .children
            .iter()
            .all(|c| c.toc && c.page_break && c.number.is_none()));
        let numbers: Vec<String> = book
            .sections
            .iter()
            .filter_map(|s| s.number.clone())
            .collect();
        assert_eq!(numbers, vec!["壹、", "貳、", "參、"]);
        let (_, foundation) = fixture("foundation");
        let numbers: Vec<String> = foundation.sections.iter().map(|s| s.heading()).collect();
        assert_eq!(
            numbers,
            vec![
                "壹、基本資料表",
                "貳、評審項目",
                "參、立案證書或登記證書影本",
                "肆、附件（證明文件）"
            ]
        );
    }
}
