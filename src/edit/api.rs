//! The editor's HTTP interface. The page is static; everything about the application goes
//! through these routes, each a thin call into [`Editor`] on a blocking thread (Typst and
//! the rules are CPU work).
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the page |
//! | `GET /assets/…` | its script and style |
//! | `GET /api/state` | YAML text, data, schema, diagnostics, pages, attachment files |
//! | `PUT /api/data` | the form's data as JSON: saved as the smallest edit of the file |
//! | `PUT /api/yaml` | the YAML tab's text, saved as typed |
//! | `GET /api/page/{n}` | page n of the preview (PNG) |
//! | `GET /api/book.pdf`, `/api/book.docx` | the book, as `render` makes it |
//! | `GET /api/checklist.pdf` | the 送件檢核表, as `render` of a folder writes it beside the book |
//! | `POST /api/attachments?name=…` | a dropped file, copied into attachments/ |
//! | `GET /api/file/{*path}` | a file inside the application's folder |

use super::editor::{Download, Editor, MAX_UPLOAD_BYTES};
use super::guard::{self, Guard};
use crate::diagnostics::{Lang, Text};
use crate::load::MAX_INPUT_BYTES;
use crate::writers::Format;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/style.css");

#[derive(Clone)]
pub struct App {
    editor: Arc<Mutex<Editor>>,
    lang: Lang,
}

pub fn router(editor: Editor, lang: Lang, guard: Arc<Guard>) -> Router {
    let app = App {
        editor: Arc::new(Mutex::new(editor)),
        lang,
    };
    Router::new()
        .route("/", get(page))
        .route("/assets/app.js", get(script))
        .route("/assets/style.css", get(style))
        .route("/api/state", get(state))
        .route(
            "/api/data",
            put(save_data).layer(DefaultBodyLimit::max(4 * MAX_INPUT_BYTES)),
        )
        .route(
            "/api/yaml",
            put(save_yaml).layer(DefaultBodyLimit::max(MAX_INPUT_BYTES)),
        )
        .route("/api/page/{n}", get(page_png))
        .route(
            "/api/book.pdf",
            get(|s: State<App>| download(s, Format::Pdf, "book", Editor::book_file)),
        )
        .route(
            "/api/book.docx",
            get(|s: State<App>| download(s, Format::Docx, "book", Editor::book_file)),
        )
        .route(
            "/api/checklist.pdf",
            get(|s: State<App>| download(s, Format::Pdf, "checklist", Editor::checklist_file)),
        )
        .route(
            "/api/attachments",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/api/file/{*path}", get(file))
        .with_state(app)
        .layer(axum::middleware::from_fn_with_state(guard, guard::check))
}

/// Runs `f` on the editor on a blocking thread.
async fn with_editor<T: Send + 'static>(
    app: &App,
    f: impl FnOnce(&mut Editor) -> T + Send + 'static,
) -> Result<T, Response> {
    let editor = app.editor.clone();
    tokio::task::spawn_blocking(move || {
        let mut guard = editor.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    })
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// A JSON answer. (axum's own `Json` would turn on a serde_json feature that recompiles
/// everything depending on serde_json, Typst included.)
fn json_response(status: StatusCode, v: &Value) -> Response {
    let body = serde_json::to_vec(v).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn failure(app: &App, status: StatusCode, t: &Text) -> Response {
    json_response(status, &json!({ "error": t.get(app.lang) }))
}

fn no_store(content_type: &'static str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    no_store("text/html; charset=utf-8", PAGE)
}

async fn script() -> Response {
    no_store("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    no_store("text/css; charset=utf-8", STYLE)
}

async fn state(State(app): State<App>) -> Response {
    match with_editor(&app, |e| e.state().clone()).await {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(r) => r,
    }
}

/// The state after a save, or why nothing was saved (409, the file unchanged).
async fn saved(
    app: &App,
    f: impl FnOnce(&mut Editor) -> Result<(), Text> + Send + 'static,
) -> Response {
    match with_editor(app, move |e| f(e).map(|()| e.state().clone())).await {
        Ok(Ok(v)) => json_response(StatusCode::OK, &v),
        Ok(Err(t)) => failure(app, StatusCode::CONFLICT, &t),
        Err(r) => r,
    }
}

async fn save_data(State(app): State<App>, body: Bytes) -> Response {
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        let t = Text::new("內容不是 JSON。", "the body is not JSON.");
        return failure(&app, StatusCode::BAD_REQUEST, &t);
    };
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    saved(&app, move |e| e.save_data(&data)).await
}

async fn save_yaml(State(app): State<App>, body: Bytes) -> Response {
    let Ok(text) = String::from_utf8(body.to_vec()) else {
        let t = Text::new("內容不是 UTF-8 文字。", "the text is not UTF-8.");
        return failure(&app, StatusCode::BAD_REQUEST, &t);
    };
    saved(&app, move |e| e.save_yaml(&text)).await
}

async fn page_png(State(app): State<App>, Path(n): Path<usize>) -> Response {
    match with_editor(&app, move |e| e.page(n)).await {
        Ok(Some(png)) => no_store("image/png", png),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(r) => r,
    }
}

/// A file to download: the book or the 送件檢核表, made by `make` in `format`. `plain` is its
/// ASCII name for clients that cannot read the UTF-8 one.
async fn download(
    State(app): State<App>,
    format: Format,
    plain: &'static str,
    make: fn(&Editor, Format) -> Result<Download, Text>,
) -> Response {
    match with_editor(&app, move |e| make(e, format)).await {
        Ok(Ok((name, bytes))) => {
            let content_type = match format {
                Format::Pdf => "application/pdf",
                Format::Docx => {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                }
            };
            let disposition = format!(
                "attachment; filename=\"{plain}.{}\"; filename*=UTF-8''{}",
                format.extension(),
                percent_encode(&name)
            );
            (
                [
                    (header::CONTENT_TYPE, content_type.to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(t)) => failure(&app, StatusCode::CONFLICT, &t),
        Err(r) => r,
    }
}

/// RFC 5987 encoding of a file name for Content-Disposition.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct UploadQuery {
    name: String,
}

async fn upload(State(app): State<App>, Query(q): Query<UploadQuery>, body: Bytes) -> Response {
    match with_editor(&app, move |e| {
        e.add_attachment(&q.name, &body)
            .map(|file| json!({ "file": file, "state": e.state() }))
    })
    .await
    {
        Ok(Ok(v)) => json_response(StatusCode::OK, &v),
        Ok(Err(t)) => failure(&app, StatusCode::UNPROCESSABLE_ENTITY, &t),
        Err(r) => r,
    }
}

async fn file(State(app): State<App>, Path(path): Path<String>) -> Response {
    match with_editor(&app, move |e| e.read_inside(&path)).await {
        Ok(Ok(bytes)) => {
            let kind = crate::attachment::sniff(&bytes);
            let content_type = match kind {
                Some(crate::attachment::FileKind::Pdf) => "application/pdf",
                Some(crate::attachment::FileKind::Png) => "image/png",
                Some(crate::attachment::FileKind::Jpeg) => "image/jpeg",
                None => "application/octet-stream",
            };
            no_store(content_type, bytes)
        }
        Ok(Err(_)) => (
            StatusCode::FORBIDDEN,
            "appbook edit: refused (outside the folder)\n",
        )
            .into_response(),
        Err(r) => r,
    }
}
