//! YAML → typed model. Reading is in three steps so that hostile input fails before any
//! expensive work: the bytes are read with a size cap and checked for UTF-8, the event stream is
//! checked against a budget (depth, aliases, nodes), and only then is the document indexed for
//! locations and deserialized.

mod source;
mod spans;

pub use source::{
    guess_encoding, read_source, read_stdin, SourceFile, MAX_INPUT_BYTES, STDIN_NAME,
};
pub use spans::{join_key, parent_path, Entry, IndexError, SpanIndex};

use crate::diagnostics::{Diagnostic, Location, Text};
use serde::de::DeserializeOwned;
use serde_saphyr::budget::{Budget, BudgetBreach};

/// Deeper nesting than any form needs; refused before deserialization.
pub const MAX_DEPTH: usize = 64;

/// Nodes a document may have with every alias expanded; far above any real application.
pub const MAX_EXPANDED_NODES: u64 = 200_000;

/// A failure to load: the diagnostic to show, and whether the input is unreadable
/// altogether (exit status 2) rather than merely wrong (exit status 1).
#[derive(Debug)]
pub struct LoadFailure {
    /// Boxed: failures travel through many `Result`s and a diagnostic is large.
    pub diagnostic: Box<Diagnostic>,
    pub fatal: bool,
}

impl LoadFailure {
    pub fn new(diagnostic: Diagnostic, fatal: bool) -> Self {
        LoadFailure {
            diagnostic: Box::new(diagnostic),
            fatal,
        }
    }

    pub fn fatal(diagnostic: Diagnostic) -> Self {
        LoadFailure {
            diagnostic: Box::new(diagnostic),
            fatal: true,
        }
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
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
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
        Err(IndexError::Syntax(e)) => Err(syntax_failure(src, &e)),
    }
}

/// Deserializes the typed model. The input has passed [`index`] already, so errors here are
/// about shape: unknown keys, wrong types.
pub fn deserialize<T: DeserializeOwned>(
    src: &SourceFile,
    spans: &SpanIndex,
) -> Result<T, LoadFailure> {
    serde_saphyr::from_str_with_options::<T>(&src.text, options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let path = spans.path_at(line, column).unwrap_or_default();
        let detail = plain_error(&e);
        // Budget errors may arrive wrapped (with a snippet), so the variant alone is not enough.
        let budget = matches!(e, serde_saphyr::Error::Budget { .. })
            || detail.contains("budget breached")
            || detail.contains("alias")
                && (detail.contains("limit") || detail.contains("exceeded"));
        let location = Location {
            file: src.name.clone(),
            line,
            column,
            path,
            byte: None,
        };
        if budget {
            return LoadFailure::fatal(Diagnostic::error(
                "INPUT-LIMIT",
                location,
                Text::new(
                    format!("YAML 超過安全上限，拒絕處理：{detail}"),
                    format!("the YAML exceeds a safety limit and was rejected: {detail}"),
                ),
            ));
        }
        let (code, zh, en) = if detail.contains("unknown field") {
            (
                "YAML-UNKNOWN-KEY",
                "不認得的欄位（可能拼錯了）",
                "unknown key (perhaps misspelt)",
            )
        } else {
            (
                "YAML-TYPE",
                "欄位的值型別不符",
                "a value has the wrong type",
            )
        };
        LoadFailure::new(
            Diagnostic::error(
                code,
                location,
                Text::new(format!("{zh}：{detail}"), format!("{en}: {detail}")),
            )
            .with_hint(Text::new(
                "請對照 `appbook schema` 的欄位名稱與型別，或參考 `appbook init` 產生的範本。",
                "compare with `appbook schema` or the template written by `appbook init`.",
            )),
            false,
        )
    })
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
                format!("YAML 語法錯誤：{}", e.info()),
                format!("YAML syntax error: {}", e.info()),
            ),
        )
        .with_hint(Text::new(
            "檢查這一行的縮排（只能用空白，不能用 Tab）、冒號後的空白，以及引號是否成對。",
            "check this line's indentation (spaces only, no tabs), the space after each colon, and that quotes are paired.",
        )),
false)
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
            format!("超過安全上限：{other:?}"),
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
