//! YAML → typed model. Reading is in three steps so that hostile input fails before any
//! expensive work: the bytes are read with a size cap and checked for UTF-8, the event stream is
//! checked against a budget (depth, aliases, nodes), and only then is the document indexed for
//! locations and deserialized.

mod layout;
mod plain_tree;
mod source;
mod spans;
mod structure;
pub mod tree;
mod values;

pub use source::{
    guess_encoding, read_source, read_stdin, SourceFile, MAX_INPUT_BYTES, STDIN_NAME,
};
pub use spans::{join_key, parent_path, Entry, IndexError, SpanIndex};
pub use structure::{Schema, Seg};

use crate::diagnostics::{Diagnostic, Location, Text};
use serde::de::DeserializeOwned;
use serde_saphyr::budget::{Budget, BudgetBreach};

/// Deeper nesting than any form needs; refused before deserialization.
pub const MAX_DEPTH: usize = 64;

/// Nodes a document may have with every alias expanded; far above any real application.
pub const MAX_EXPANDED_NODES: u64 = 200_000;

/// A failure to load: the diagnostics to show, and whether the input is unreadable
/// altogether (exit status 2) rather than merely wrong (exit status 1).
#[derive(Debug)]
pub struct LoadFailure {
    pub diagnostics: Vec<Diagnostic>,
    pub fatal: bool,
}

impl LoadFailure {
    pub fn new(diagnostic: Diagnostic, fatal: bool) -> Self {
        LoadFailure {
            diagnostics: vec![diagnostic],
            fatal,
        }
    }

    pub fn fatal(diagnostic: Diagnostic) -> Self {
        LoadFailure::new(diagnostic, true)
    }
}

/// Limits no honest application comes near; they stop billion-laughs, deep nesting and
/// node floods before deserialization allocates anything.
pub fn budget() -> Budget {
    let mut b = Budget::default();
    b.max_depth = MAX_DEPTH;
    b.flow_nesting_limit = MAX_DEPTH;
    b.max_aliases = 256;
    b.max_anchors = 256;
    b.max_nodes = 200_000;
    b.max_events = 400_000;
    b.max_documents = 1;
    b.max_total_scalar_bytes = MAX_INPUT_BYTES;
    b.max_reader_input_bytes = Some(MAX_INPUT_BYTES);
    b
}

fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget());
    // A repeated key is reported from the span index, with both lines; the tree keeps the
    // first, as the index does.
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::FirstWins;
    o
}

/// Builds the location index. Syntax errors come back as diagnostics with their line; nesting
/// beyond [`MAX_DEPTH`] as a fatal failure. Aliases are not expanded here; the budget of
/// [`deserialize`] bounds their expansion.
pub fn index(src: &SourceFile) -> Result<SpanIndex, LoadFailure> {
    match SpanIndex::build(&src.text, MAX_DEPTH, MAX_EXPANDED_NODES) {
        Ok(index) => Ok(index),
        Err(IndexError::TooDeep(depth)) => Err(LoadFailure::fatal(budget_diagnostic(
            src,
            &BudgetBreach::Depth { depth },
        ))),
        Err(IndexError::TooManyNodes(nodes)) => Err(LoadFailure::fatal(budget_diagnostic(
            src,
            &BudgetBreach::Nodes {
                nodes: nodes as usize,
            },
        ))),
        Err(IndexError::Syntax(e)) if e.info().contains("recursion limit") => Err(
            LoadFailure::fatal(budget_diagnostic(src, &BudgetBreach::Depth { depth: 0 })),
        ),
        Err(IndexError::Syntax(e)) => {
            // A tab, an odd space or a full-width colon is named at its own line; the parser
            // would report it as a puzzle somewhere else.
            let layout = layout::problems(&src.text);
            if layout.is_empty() {
                Err(syntax_failure(src, &e))
            } else {
                Err(LoadFailure {
                    diagnostics: layout::diagnostics(&src.name, &layout),
                    fatal: false,
                })
            }
        }
    }
}

/// The YAML document as a JSON tree (see [`tree`]), for the schema.
pub fn to_tree(src: &SourceFile) -> Result<serde_json::Value, LoadFailure> {
    serde_saphyr::from_str_with_options::<tree::Tree>(&src.text, options())
        .map(|t| t.0)
        .map_err(|e| parse_failure(src, &e))
}

/// A model read from an application, with the structural findings: every way the YAML does
/// not fit the programme's schema, each at its line.
pub struct Structured<T> {
    pub model: T,
    pub findings: Vec<Diagnostic>,
    /// The values the structural check took out; the rules never saw them.
    removed: Vec<String>,
}

impl<T> Structured<T> {
    /// The structural findings followed by the rules' findings, less the rules' findings about
    /// a value already reported and taken out (a wrong value is not also a missing one).
    pub fn and_rules(self, rules: Vec<Diagnostic>) -> (T, Vec<Diagnostic>) {
        let under = |path: &str, removed: &str| {
            path == removed
                || path
                    .strip_prefix(removed)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        };
        let mut found = self.findings;
        found.extend(
            rules
                .into_iter()
                .filter(|d| !self.removed.iter().any(|r| under(&d.location.path, r))),
        );
        (self.model, found)
    }
}

/// Reads the typed model: the YAML's layout, then the tree against `schema` (every structural
/// error at once), then the model from what is left. Fails only when nothing usable is left.
pub fn deserialize<T: DeserializeOwned>(
    src: &SourceFile,
    spans: &SpanIndex,
    schema: &Schema,
) -> Result<Structured<T>, LoadFailure> {
    let layout = layout::problems(&src.text);
    let mut findings = layout::diagnostics(&src.name, &layout);
    findings.extend(duplicates(src, spans));
    let mut tree = match spans.take_tree() {
        Some(tree) => tree,
        None => to_tree(src)?,
    };
    let (placeholders, mut removed) = structure::placeholders(schema, &mut tree, &src.name, spans);
    findings.extend(placeholders);
    let checked = structure::check(schema, &mut tree, &src.name, &src.text, spans);
    // What a layout problem breaks (a key that swallowed an ideographic space, a mapping read
    // as text) is the same problem, already reported at that line.
    let layout_lines: Vec<usize> = layout.iter().map(|p| p.line).collect();
    findings.extend(
        checked
            .findings
            .into_iter()
            .filter(|d| !layout_lines.contains(&d.location.line)),
    );
    removed.extend(checked.removed);
    if !checked.usable {
        return Err(LoadFailure {
            diagnostics: findings,
            fatal: false,
        });
    }
    // The schema cannot say that 2025-02-30 is no date; each value that still fails is
    // reported and taken out, one at a time (a bound keeps a pathological file finite).
    // Tracking the path costs a copy of every key, so it is done only once a reading failed.
    let mut model = T::deserialize(&tree).ok();
    for _ in 0..64 {
        if model.is_some() {
            break;
        }
        match serde_path_to_error::deserialize::<_, T>(&tree) {
            Ok(m) => model = Some(m),
            Err(e) => {
                let path = from_serde_path(e.path());
                findings.push(structure::value_error(
                    schema, &tree, &path, &src.name, spans,
                ));
                let cut = structure::removable(&path);
                if cut.is_empty() {
                    break;
                }
                structure::remove(&mut tree, &cut);
                removed.push(structure::dotted(&cut));
            }
        }
    }
    match model {
        Some(model) => {
            findings.sort_by_key(|d| (d.location.line, d.location.column));
            Ok(Structured {
                model,
                findings,
                removed,
            })
        }
        None => Err(LoadFailure {
            diagnostics: findings,
            fatal: false,
        }),
    }
}

fn from_serde_path(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// YAML-DUPLICATE-KEY at each repeat, naming the line of the first.
fn duplicates(src: &SourceFile, spans: &SpanIndex) -> Vec<Diagnostic> {
    spans
        .duplicates()
        .iter()
        .map(|d| {
            let key = d.path.rsplit('.').next().unwrap_or(&d.path);
            let first = d.first.line;
            Diagnostic::error(
                "YAML-DUPLICATE-KEY",
                Location {
                    file: src.name.clone(),
                    line: d.again.line,
                    column: d.again.column,
                    path: d.path.clone(),
                    byte: d.again.byte.clone(),
                },
                Text::new(
                    format!(
                        "「{key}」重複出現：第 {first} 行已經寫過，第 {} 行又寫一次",
                        d.again.line
                    ),
                    format!(
                        "`{key}` appears twice: on line {first} and again on line {}",
                        d.again.line
                    ),
                ),
            )
            .with_hint(Text::new(
                format!(
                    "保留正確的一行（第 {first} 或 {} 行），刪除另一行。",
                    d.again.line
                ),
                format!(
                    "keep the right one (line {first} or {}) and delete the other.",
                    d.again.line
                ),
            ))
        })
        .collect()
}

/// A failure of serde-saphyr after the index has accepted the text: a safety limit (fatal),
/// or something the index did not see.
fn parse_failure(src: &SourceFile, e: &serde_saphyr::Error) -> LoadFailure {
    let (line, column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((1, 1));
    let detail = plain_error(e);
    // Budget errors may arrive wrapped (with a snippet), so the variant alone is not enough.
    let budget = matches!(e, serde_saphyr::Error::Budget { .. })
        || detail.contains("budget breached")
        || detail.contains("alias") && (detail.contains("limit") || detail.contains("exceeded"));
    let location = Location {
        file: src.name.clone(),
        line,
        column,
        path: String::new(),
        byte: None,
    };
    if budget {
        return LoadFailure::fatal(Diagnostic::error(
            "INPUT-LIMIT",
            location,
            Text::new(
                "YAML 超過安全上限（別名展開、節點數或巢狀層數），拒絕處理",
                format!("the YAML exceeds a safety limit and was rejected: {detail}"),
            ),
        ));
    }
    LoadFailure::new(
        Diagnostic::error(
            "YAML-SYNTAX",
            location,
            Text::new(
                "YAML 無法解讀",
                format!("the YAML cannot be read: {detail}"),
            ),
        )
        .with_hint(syntax_hint()),
        false,
    )
}

fn syntax_hint() -> Text {
    Text::new(
        "檢查這一行的縮排（只能用半形空白）、冒號後的空白，以及引號是否成對。",
        "check this line's indentation (ASCII spaces only), the space after each colon, and that quotes are paired.",
    )
}

/// serde-saphyr renders errors with a source snippet; the first line alone is the message,
/// since the human printer draws its own snippet.
fn plain_error(e: &serde_saphyr::Error) -> String {
    let full = e.to_string();
    let first = full.lines().next().unwrap_or("").trim();
    let first = first.trim_start_matches("error: ");
    // The position is reported separately; drop serde-saphyr's own "line N column M: " prefix.
    let first = match first.split_once(": ") {
        Some((pos, rest)) if pos.starts_with("line ") && pos.contains(" column ") => rest,
        _ => first,
    };
    first.trim_end_matches('.').to_string()
}

fn syntax_failure(src: &SourceFile, e: &serde_saphyr::granit_parser::ScanError) -> LoadFailure {
    let m = e.marker();
    let line = src.text.lines().nth(m.line().max(1) - 1).unwrap_or("");
    let (zh, en) = match colon_without_space(line) {
        Some((key, value)) => (
            format!("冒號後少了一個半形空白：「{key}:{value}」要寫成「{key}: {value}」"),
            format!(
                "the colon needs a space after it: write 「{key}: {value}」, not 「{key}:{value}」"
            ),
        ),
        None => {
            let (zh, en) = syntax_words(e);
            (zh.to_string(), en.to_string())
        }
    };
    LoadFailure::new(
        Diagnostic::error(
            "YAML-SYNTAX",
            Location {
                file: src.name.clone(),
                line: m.line().max(1),
                column: m.col() + 1,
                path: String::new(),
                byte: None,
            },
            Text::new(
                format!("YAML 語法錯誤：{zh}"),
                format!("YAML syntax error: {en}"),
            ),
        )
        .with_hint(syntax_hint()),
        false,
    )
}

/// `key:value` with no space after the colon (a common slip, 「employees:152」), which YAML reads
/// as one plain word where a key was wanted: the key and the value, to show both spellings.
fn colon_without_space(line: &str) -> Option<(&str, &str)> {
    let item = line.trim_start();
    let item = item.strip_prefix("- ").unwrap_or(item).trim_start();
    let (key, value) = item.split_once(':')?;
    let simple = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let value = value.trim_end();
    (simple && value.chars().next().is_some_and(|c| !c.is_whitespace())).then_some((key, value))
}

/// The parser's error in words a clerk reads, in both languages: the parser's own English
/// (「simple key expected ':'」) is no more use to an English-speaking applicant than to a
/// Chinese-speaking one.
fn syntax_words(e: &serde_saphyr::granit_parser::ScanError) -> (&'static str, &'static str) {
    use serde_saphyr::granit_parser::ErrorKind as E;
    match e.kind() {
        E::SimpleKeyExpected
        | E::InvalidSimpleKey
        | E::MappingValueNotAllowed
        | E::MappingKeyNotAllowed
        | E::InvalidColonPlacement
        | E::InvalidMappingValueWhitespace => (
            "這一行的冒號位置不對：一行只能有一個「欄位: 值」，值裡有「: 」時請整段加引號",
            "a colon is out of place on this line: a line holds one 「key: value」, and a value that contains 「: 」 must be quoted whole",
        ),
        E::InvalidIndentation
        | E::ExpectedBlockMappingKey
        | E::ExpectedBlockSequenceEntry
        | E::BlockSequenceEntryNotAllowed
        | E::InvalidBlockScalarIndent => (
            "縮排不一致：同一層的欄位要對齊，下一層多縮兩格",
            "the indentation is uneven: keys of one level line up, and the next level is two spaces further in",
        ),
        E::UnclosedQuotedScalar
        | E::InvalidTrailingSingleQuotedScalar
        | E::InvalidTrailingDoubleQuotedScalar => (
            "引號沒有成對，或引號後面還有文字",
            "a quote is not closed, or text follows the closing quote",
        ),
        E::UnclosedFlowCollection { .. }
        | E::MismatchedFlowCollectionEnd { .. }
        | E::MisplacedFlowCollectionEnd
        | E::ExpectedFlowMappingSeparator
        | E::ExpectedFlowSequenceSeparator => (
            "大括號 { } 或中括號 [ ] 沒有成對",
            "braces { } or brackets [ ] are not paired",
        ),
        E::TabNotAllowed | E::TabInBlockIndentation | E::TabInIndentation | E::TabInPlainScalar => (
            "用了 Tab 字元；YAML 的縮排只能用半形空白",
            "a tab is used; YAML is indented with spaces only",
        ),
        E::UnknownAnchor => (
            "別名（*名稱）找不到對應的錨點（&名稱）",
            "an alias (*name) has no anchor (&name) to refer to",
        ),
        E::UnexpectedCharacter { .. } => (
            "這裡有 YAML 保留的符號（例如 @ 或 `）開頭；請把整個值加上引號",
            "a value starts with a character YAML reserves (such as @ or `); quote the whole value",
        ),
        E::UnknownQuotedScalarEscape | E::InvalidQuotedScalarHexEscape => (
            "雙引號內的反斜線（\\）後面不是有效的跳脫字元；改用單引號，或寫兩個反斜線",
            "a backslash (\\) inside double quotes is not a valid escape; use single quotes, or write two backslashes",
        ),
        _ => (
            "這一行附近的寫法不是有效的 YAML",
            "the YAML near this line is not valid",
        ),
    }
}

fn budget_diagnostic(src: &SourceFile, breach: &BudgetBreach) -> Diagnostic {
    let (zh, en) = match breach {
        BudgetBreach::Depth { depth: 0 } => (
            "巢狀層數超過上限".to_string(),
            "nesting is too deep".to_string(),
        ),
        BudgetBreach::Depth { depth } => (
            format!("巢狀層數超過上限（已達 {depth} 層）"),
            format!("nesting is too deep (reached {depth} levels)"),
        ),
        BudgetBreach::Nodes { nodes } => (
            format!("別名（*alias）展開後超過 {MAX_EXPANDED_NODES} 個節點（至少 {nodes} 個），疑似「十億笑」攻擊"),
            format!("aliases would expand to more than {MAX_EXPANDED_NODES} nodes (at least {nodes}); this looks like a billion-laughs attack"),
        ),
        BudgetBreach::Aliases { aliases } => (
            format!("別名（*alias）數量超過上限（{aliases} 個），疑似「十億笑」攻擊"),
            format!("too many aliases ({aliases}); this looks like a billion-laughs attack"),
        ),
        other => (
            "超過安全上限".to_string(),
            format!("a safety limit was exceeded: {other:?}"),
        ),
    };
    Diagnostic::error(
        "INPUT-LIMIT",
        Location {
            file: src.name.clone(),
            line: 1,
            column: 1,
            path: String::new(),
            byte: None,
        },
        Text::new(
            format!("{zh}，拒絕處理此 YAML。"),
            format!("{en}; the YAML was rejected."),
        ),
    )
    .with_hint(Text::new(
        "申請資料不需要深層巢狀或大量別名；請改寫成一般的欄位與清單。",
        "an application needs neither deep nesting nor many aliases; write plain keys and lists.",
    ))
}
