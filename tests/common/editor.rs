//! `appbook edit` for tests: a copy of a sample in a temporary folder, the editor started on it
//! with `--no-open`, its address read from what it prints, plain HTTP/1.1 requests over a TCP
//! socket (so a test can send any Host or Origin it likes), and the server stopped with
//! SIGINT, as Ctrl-C stops it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running `appbook edit`.
pub struct Editor {
    child: Child,
    pub dir: PathBuf,
    pub port: u16,
    pub token: String,
    pub url: String,
    _tmp: tempfile::TempDir,
}

/// What came back from one request.
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl Editor {
    /// Starts the editor on a copy of `samples/<programme>/<name>`.
    pub fn on_sample(programme: &str, name: &str, args: &[&str]) -> Editor {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        super::copy_dir(
            &super::root().join("samples").join(programme).join(name),
            &dir,
        );
        // The samples name their schema by a path that leaves the copy; it only serves editors.
        Editor::start(tmp, dir, args)
    }

    pub fn start(tmp: tempfile::TempDir, dir: PathBuf, args: &[&str]) -> Editor {
        let mut child = Command::new(super::bin())
            .arg("edit")
            .arg(&dir)
            .arg("--no-open")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("appbook runs");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("appbook edit printed no address within 120 s");
            }
        };
        let rest = url
            .strip_prefix("http://127.0.0.1:")
            .expect("bound to 127.0.0.1");
        let (port, query) = rest.split_once("/?token=").expect("address with a token");
        Editor {
            child,
            dir,
            port: port.parse().unwrap(),
            token: query.to_string(),
            url,
            _tmp: tmp,
        }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends one request as written (`head` without the final blank line) and reads the reply.
    pub fn raw(&self, head: &str, body: &[u8]) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("the editor listens");
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut req = head.replace('\n', "\r\n");
        req.push_str(&format!(
            "\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        s.write_all(req.as_bytes()).unwrap();
        // The body is written while the reply is read: the server may refuse a large body
        // before reading it and close the socket, and the reply must not be lost then.
        let mut writer = s.try_clone().unwrap();
        let body = body.to_vec();
        let sending = std::thread::spawn(move || {
            let _ = writer.write_all(&body);
        });
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let _ = s.shutdown(std::net::Shutdown::Both);
        let _ = sending.join();
        let split = buf
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no HTTP reply: {}", String::from_utf8_lossy(&buf)));
        let head = String::from_utf8_lossy(&buf[..split]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status line");
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "{head}"
        );
        Response {
            status,
            head,
            body: buf[split + 4..].to_vec(),
        }
    }

    /// A request as the page sends it: right Host, the token in its header.
    pub fn call(&self, method: &str, path: &str, body: &[u8]) -> Response {
        self.raw(
            &format!(
                "{method} {path} HTTP/1.1\nHost: {}\nX-Appbook-Token: {}",
                self.host(),
                self.token
            ),
            body,
        )
    }

    pub fn state(&self) -> serde_json::Value {
        let r = self.call("GET", "/api/state", b"");
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    pub fn application(&self) -> String {
        std::fs::read_to_string(self.dir.join("application.yaml")).unwrap()
    }

    /// Stops the editor as Ctrl-C does; its exit status.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        for _ in 0..300 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("appbook edit did not stop within 30 s of SIGINT");
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
