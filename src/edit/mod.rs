//! `appbook edit [DIR]`: the applicant's desk. A web server inside appbook, on 127.0.0.1 only,
//! serves a page with the application as a form, its diagnostics and a live preview of the
//! book. The page is plain HTML, CSS and JavaScript compiled into the binary (nothing is
//! fetched from elsewhere); every change is saved to DIR/application.yaml at once, as the
//! smallest edit of the file, and read back through the one pass of `check`.
//!
//! - `editor.rs`: the application being edited (load, save, book, preview, attachments)
//! - `save.rs`: a form change as the smallest edit of the YAML text; `order.rs`: the form's
//!   order of keys
//! - `preview.rs`: the book's pages as PNG, with Typst kept warm between edits
//! - `api.rs`: the HTTP routes
//! - `guard.rs`: token, Host and Origin checks; `paths.rs`: nothing outside DIR

mod api;
mod editor;
mod guard;
mod order;
mod paths;
mod preview;
mod save;

pub use editor::Editor;

use crate::diagnostics::{Lang, Text};
use crate::writers::pdf::fonts::FontOptions;
use std::path::PathBuf;
use std::sync::Arc;

/// What `appbook edit` is asked to do.
pub struct Options {
    pub dir: PathBuf,
    pub lang: Lang,
    /// Open the page in the user's browser.
    pub open: bool,
    pub fonts: FontOptions,
}

fn io_failure(e: std::io::Error) -> Text {
    Text::new(
        format!(
            "無法啟動編輯器的網頁伺服器：{}",
            crate::diagnostics::io_error_zh(&e)
        ),
        format!("cannot start the editor's web server: {e}"),
    )
}

/// Serves the editor until Ctrl-C. `ready` gets the page's address (with its token) once
/// the server listens.
pub fn run(opts: Options, ready: impl FnOnce(&str)) -> Result<(), Text> {
    let editor = editor::Editor::open(&opts.dir, opts.lang, &opts.fonts)?;
    // Port 0: the system picks a free port. Only the loopback address is ever bound.
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).map_err(io_failure)?;
    listener.set_nonblocking(true).map_err(io_failure)?;
    let port = listener.local_addr().map_err(io_failure)?.port();
    let token = guard::new_token().map_err(|e| {
        Text::new(
            format!("無法取得亂數：{e}"),
            format!("cannot get random bytes: {e}"),
        )
    })?;
    let url = format!("http://127.0.0.1:{port}/?token={token}");
    let router = api::router(editor, opts.lang, Arc::new(guard::Guard::new(port, token)));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(io_failure)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(io_failure)?;
        ready(&url);
        if opts.open {
            // The address is printed too: without a browser the user opens it by hand.
            let _ = open::that_detached(&url);
        }
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(io_failure)
    })
}
