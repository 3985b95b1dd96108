//! The HTML review page in a real browser: headless Chromium driven over
//! the DevTools protocol (on a pipe, no network). It loads a page of three
//! articles, types in the search box, unticks a kind in the legend, picks
//! an article, switches to the table, sorts a column both ways, exports
//! the rows shown as CSV and checks them against `--format csv`, and opens
//! the summary.
//!
//! Skipped, with a message, when `/usr/bin/chromium` is not installed
//! (`.ci/run` installs it). `ZONEFACTS_SCREENSHOT=FILE.png` keeps a
//! screenshot of the summary view.

mod common;

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const TIMEOUT: Duration = Duration::from_secs(60);

/// A browser on the other end of the DevTools pipe.
struct Browser {
    child: Child,
    to: File,
    from: Receiver<Value>,
    next_id: u64,
    events: Vec<Value>,
    session: Option<String>,
}

impl Browser {
    /// Starts Chromium with `--remote-debugging-pipe`: it reads commands on
    /// fd 3 and writes answers on fd 4, each a JSON text ended by a NUL.
    /// Named pipes carry them; bash puts them on fds 3 and 4.
    fn launch(dir: &Path) -> Browser {
        let (fifo_in, fifo_out) = (dir.join("cdp-in"), dir.join("cdp-out"));
        for f in [&fifo_in, &fifo_out] {
            let st = Command::new("mkfifo").arg(f).status().expect("mkfifo");
            assert!(st.success());
        }
        let profile = dir.join("profile");
        let child = Command::new("bash")
            .arg("-c")
            .arg(
                "exec \"$0\" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
                  --disable-component-update --disable-sync --disable-dev-shm-usage --hide-scrollbars \
                  --user-data-dir=\"$1\" --remote-debugging-pipe about:blank 3<\"$2\" 4>\"$3\"",
            )
            .arg(CHROMIUM)
            .arg(&profile)
            .arg(&fifo_in)
            .arg(&fifo_out)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        // Opening a named pipe waits for the other end: do it off this
        // thread, with a time limit.
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let to = OpenOptions::new().write(true).open(&fifo_in);
            let from = File::open(&fifo_out);
            let _ = tx.send((to, from));
        });
        let (to, from) = rx.recv_timeout(TIMEOUT).expect("chromium opened the DevTools pipe");
        let (to, from) = (to.expect("open cdp-in"), from.expect("open cdp-out"));
        let (msg_tx, msg_rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(from);
            let mut buf = Vec::new();
            while r.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && msg_tx.send(v).is_err()
                {
                    break;
                }
                buf.clear();
            }
        });
        Browser { child, to, from: msg_rx, next_id: 1, events: Vec::new(), session: None }
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if session {
            msg["sessionId"] = json!(self.session.clone().expect("attached to a page"));
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.from.recv_timeout(left).unwrap_or_else(|_| panic!("no answer to {method}"));
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method} failed: {v}");
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// A command to the page.
    fn page(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    fn wait_event(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.events.iter().position(|e| e["method"] == method) {
                return self.events.remove(i);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.from.recv_timeout(left).unwrap_or_else(|_| panic!("no {method} event"));
            self.events.push(v);
        }
    }

    /// Evaluates JavaScript in the page and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.page("Runtime.evaluate", json!({"expression": expr, "returnByValue": true}));
        assert!(r.get("exceptionDetails").is_none(), "{expr}: {r}");
        r["result"]["value"].clone()
    }

    /// Clicks the middle of the element `selector` with the mouse.
    fn click(&mut self, selector: &str) {
        let rect = self.eval(&format!(
            "(function(){{var e=document.querySelector({sel});e.scrollIntoView({{block:'center'}});\
             var r=e.getBoundingClientRect();return [r.x+r.width/2,r.y+r.height/2];}})()",
            sel = json!(selector)
        ));
        let (x, y) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.page(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// The `data-f` ids of the elements `selector` that are not hidden.
    fn shown_ids(&mut self, selector: &str) -> Vec<String> {
        let v = self.eval(&format!(
            "Array.prototype.slice.call(document.querySelectorAll({})).filter(function(e){{return !e.hidden;}})\
             .map(function(e){{return e.getAttribute('data-f');}})",
            json!(selector)
        ));
        v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.to.write_all(b"{\"id\":999999,\"method\":\"Browser.close\"}\0");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// A fact of the JSON output, with the page's id for it.
struct Fact {
    id: String,
    file: String,
    json: Value,
}

fn numeric_value(f: &Value) -> Option<f64> {
    f["value"].as_str().and_then(|v| v.split('/').next()).and_then(|v| v.parse().ok())
}

#[test]
fn review_page_works_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: {CHROMIUM} is not installed (apt-get install chromium fonts-wqy-zenhei)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs = [QINGXI, PAGE, "../examples/data/linjiang-report.txt"];
    let page: PathBuf = dir.path().join("review.html");
    let mut args = vec!["-f", "html", "-o", page.to_str().unwrap()];
    args.extend(inputs);
    ok(&args);
    let mut jsonl_args = vec!["-f", "jsonl"];
    jsonl_args.extend(inputs);
    let docs = jsonl_docs(&ok(&jsonl_args));
    let mut facts = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (i, f) in doc["facts"].as_array().unwrap().iter().enumerate() {
            facts.push(Fact {
                id: format!("d{}-f{}", d + 1, i + 1),
                file: doc["file"].as_str().unwrap().to_string(),
                json: f.clone(),
            });
        }
    }
    let total = facts.len();
    assert!(total > 50);

    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let mut b = Browser::launch(dir.path());
    b.send(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.to_str().unwrap(), "eventsEnabled": true}),
        false,
    );
    let target = b.send("Target.createTarget", json!({"url": "about:blank"}), false);
    let attached = b.send("Target.attachToTarget", json!({"targetId": target["targetId"], "flatten": true}), false);
    b.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    b.page("Page.enable", json!({}));
    b.page(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
    );
    b.page("Page.navigate", json!({"url": format!("file://{}", page.display())}));
    b.wait_event("Page.loadEventFired");

    // Loaded: every fact listed, the legend counted.
    assert_eq!(b.eval("document.body.classList.contains('ready')"), json!(true), "the script ran");
    assert_eq!(b.eval("document.getElementById('count').textContent"), json!(format!("{total} of {total} facts")));
    let all: Vec<String> = facts.iter().map(|f| f.id.clone()).collect();
    assert_eq!(b.shown_ids("ol.list li[data-f]"), all);
    let money = facts.iter().filter(|f| f.json["kind"] == "money").count();
    assert_eq!(b.eval("document.querySelector('[data-count=money]').textContent"), json!(format!(" {money}")));
    // A value for reading in the side list, the exact value in the tooltip.
    let li = b.eval(
        "(function(){var l=[].slice.call(document.querySelectorAll('ol.list li.k-money'));\
                     var e=l.filter(function(e){return e.textContent.indexOf('1356.54亿元')>=0;})[0];\
                     return [e.querySelector('.val').textContent, e.title];})()",
    );
    assert_eq!(li[0], "= 1,356.54亿元");
    assert!(li[1].as_str().unwrap().contains("value: 135654000000"), "{li}");

    // Type in the search box.
    b.click("#q");
    b.page("Input.insertText", json!({"text": "投资"}));
    let has = |f: &Fact, word: &str| {
        ["text", "value", "subject", "change"].iter().any(|k| f.json[*k].as_str().is_some_and(|s| s.contains(word)))
    };
    let searched: Vec<String> = facts.iter().filter(|f| has(f, "投资")).map(|f| f.id.clone()).collect();
    assert!(searched.len() >= 4, "{searched:?}");
    assert_eq!(b.shown_ids("ol.list li[data-f]"), searched);
    // Untick percent in the legend, and pick one article.
    b.click(".legend input[data-kind=percent]");
    b.eval("(function(){var s=document.getElementById('f-doc');s.value='0';s.dispatchEvent(new Event('change'));})()");
    let expected: Vec<&Fact> =
        facts.iter().filter(|f| has(f, "投资") && f.json["kind"] != "percent" && f.file == "qingxi.txt").collect();
    assert!(expected.len() >= 2);
    let ids: Vec<String> = expected.iter().map(|f| f.id.clone()).collect();
    assert_eq!(b.shown_ids("ol.list li[data-f]"), ids);
    assert_eq!(
        b.eval("document.getElementById('count').textContent"),
        json!(format!("{} of {total} facts", ids.len()))
    );
    assert_eq!(b.eval("document.getElementById('d2').hidden"), json!(true), "other articles hidden");

    // The table: the same rows; sorted by value, up then down.
    b.click(".views button[data-view=table]");
    assert_eq!(b.shown_ids("#facts tbody tr"), ids);
    let mut by_value: Vec<&Fact> = expected.clone();
    by_value.sort_by(|a, b| numeric_value(&a.json).partial_cmp(&numeric_value(&b.json)).unwrap());
    b.click("#facts th[data-k=value]");
    assert_eq!(b.shown_ids("#facts tbody tr"), by_value.iter().map(|f| f.id.clone()).collect::<Vec<_>>());
    b.click("#facts th[data-k=value]");
    by_value.sort_by(|a, b| numeric_value(&b.json).partial_cmp(&numeric_value(&a.json)).unwrap());
    let down: Vec<String> = by_value.iter().map(|f| f.id.clone()).collect();
    assert_eq!(b.shown_ids("#facts tbody tr"), down);
    assert_eq!(
        b.eval("document.querySelector('#facts th[data-k=value]').getAttribute('aria-sort')"),
        json!("descending")
    );
    // Values for reading, the exact one in the tooltip.
    let cell = b
        .eval("(function(){var c=document.querySelector('#facts tbody tr td.val');return [c.textContent,c.title];})()");
    let top = &by_value[0].json;
    assert!(cell[1].as_str().unwrap().contains(top["value"].as_str().unwrap()), "{cell}");
    assert!(cell[0].as_str().unwrap().ends_with('元') || cell[0].as_str().unwrap().ends_with('个'), "{cell}");

    // Export: the rows shown, in the order shown, as `--format csv` writes them.
    b.click("#export");
    let done = loop {
        let e = b.wait_event("Browser.downloadProgress");
        if e["params"]["state"] != "inProgress" {
            break e;
        }
    };
    assert_eq!(done["params"]["state"], "completed", "{done}");
    let file = std::fs::read_dir(&downloads).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).next().unwrap();
    assert_eq!(file.file_name().unwrap(), "zonefacts.csv");
    let bytes = std::fs::read(&file).unwrap();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).expect("a BOM for spreadsheets");
    let rows = |data: &[u8]| -> Vec<BTreeMap<String, String>> {
        csv::Reader::from_reader(data).deserialize().map(|r| r.expect("CSV row")).collect()
    };
    let exported = rows(body);
    let mut csv_args = vec!["-f", "csv"];
    csv_args.extend(inputs);
    let tool_rows = rows(ok(&csv_args).as_bytes());
    let want: Vec<BTreeMap<String, String>> = by_value
        .iter()
        .map(|f| {
            tool_rows
                .iter()
                .find(|r| {
                    r["file"] == f.file
                        && Some(r["start"].as_str()) == f.json["start"].as_u64().map(|n| n.to_string()).as_deref()
                        && r["kind"] == f.json["kind"]
                })
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(exported, want);
    let header = String::from_utf8_lossy(body).lines().next().unwrap().to_string();
    assert_eq!(header, String::from_utf8_lossy(ok(&csv_args).as_bytes()).lines().next().unwrap());

    // The summary: an indicator per subject, with a chart.
    b.click("#reset");
    assert_eq!(b.eval("document.getElementById('count').textContent"), json!(format!("{total} of {total} facts")));
    b.click(".views button[data-view=summary]");
    let summary = b.eval(
        "[document.querySelectorAll('#summary-body .ind').length, document.querySelectorAll('#summary-body svg.chart rect').length,\
          document.querySelector('#summary-body').textContent.indexOf('总投资') >= 0]",
    );
    assert!(summary[0].as_u64().unwrap() >= 5, "{summary}");
    assert!(summary[1].as_u64().unwrap() >= 2, "{summary}");
    assert_eq!(summary[2], json!(true));
    assert_eq!(b.eval("location.hash"), json!("#summary"));
    let shot = b.page("Page.captureScreenshot", json!({"format": "png"}));
    let png = base64(shot["data"].as_str().unwrap());
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000, "a screenshot that is not blank");
    if let Some(keep) = std::env::var_os("ZONEFACTS_SCREENSHOT") {
        std::fs::write(keep, &png).unwrap();
    }
}

#[test]
fn page_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("<img src=x onerror=alert(1)>.txt");
    std::fs::write(&evil, "<script>alert('x')</script>总投资216亿元,</textarea>同比增长8.6%。</script>\u{1b}[31m")
        .unwrap();
    let page = dir.path().join("page.html");
    let out = run(&["-f", "html", "-o", page.to_str().unwrap(), QINGXI, PAGE, evil.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "-o writes to the file");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The page's own script and one data block per article, nothing else.
    assert_eq!(html.matches("<script").count(), 4);
    assert_eq!(html.matches("<script type=\"application/json\" class=\"zf-data\">").count(), 3);
    assert_eq!(html.matches("</script>").count(), 4, "no data closes its script element");
    assert!(!html.contains("<img"));
    assert!(!html.contains('\u{1b}'));
    for banned in ["http://", "https://", "<link", "src=\"", "@import", "url("] {
        assert!(!html.contains(banned), "self-contained: found {banned}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    // A mark for each fact of the JSON output that does not cross another.
    let docs = json_docs(&ok(&[QINGXI, PAGE]));
    for (i, doc) in docs.iter().enumerate() {
        for (j, f) in doc["facts"].as_array().unwrap().iter().enumerate() {
            let open = format!("<mark class=\"f k-{}\" id=\"d{}-f{}\">", f["kind"].as_str().unwrap(), i + 1, j + 1);
            assert!(html.contains(&open), "{open}");
        }
    }
    // The table of contents lists the three inputs.
    let toc = &html[html.find("<nav class=\"toc\"").unwrap()..];
    assert!(toc.contains(">qingxi.txt</a>") && toc.contains(">page.md</a>") && toc.contains("&lt;img src=x"));
}

#[test]
fn a_large_page_warns_and_suggests_csv() {
    let dir = tempfile::tempdir().unwrap();
    // About 6 MB of articles: a page of more than 20 MB.
    let article = read(QINGXI);
    let big = article.repeat(6_000_000 / article.len());
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &big).unwrap();
    let page = dir.path().join("big.html");
    let out = run(&["-f", "html", "-o", page.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(out.status.success());
    let size = std::fs::metadata(&page).unwrap().len();
    assert!(size > 20 << 20, "{size}");
    let err = stderr(&out);
    assert!(err.contains("zonefacts: warning: the HTML page is over 20 MB after 1 input;"), "{err}");
    assert!(err.contains("consider --format csv"), "{err}");
    // A small page says nothing.
    let out = run(&["-f", "html", "-o", page.to_str().unwrap(), QINGXI]);
    assert!(out.status.success() && out.stderr.is_empty());
}
