// appbook edit: the page. It asks the server for the application's state (YAML text, data,
// JSON Schema, diagnostics, pages) and builds the form from the schema. Every change is sent
// as the whole application; the server saves the smallest edit of the file, checks it as
// `appbook check` does and answers with the new state.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";

const TEXT = {
  "zh-TW": {
    form: "表單", yaml: "YAML", pdf: "下載 PDF", docx: "下載 DOCX", checklist: "送件檢核表 PDF",
    diagnostics: "檢查結果", preview: "申請書預覽", none: "沒有發現問題。",
    summary: (e, w) => `${e} 個錯誤，${w} 個警告`,
    saving: "儲存中…", saved: "已儲存", failed: "未儲存：",
    yes: "是", no: "否", add: "新增", remove: "刪除",
    drop: "把附件（PDF、PNG、JPEG）拖放到這裡，或按此選擇檔案",
    dropHint: "放開以加入附件", files: "attachments/ 資料夾中的檔案：",
    notAttachment: "（不是 PDF、PNG、JPEG）",
    yamlSave: "儲存 YAML", yamlHint: "Ctrl+S 儲存；有問題的行號以顏色標出。",
    line: (n) => `第 ${n} 行`, page: (n) => `第 ${n} 頁`,
    figures: "計算所得數字（自動計算，不需填寫）",
    unsaved: "YAML 有未儲存的修改",
  },
  en: {
    form: "Form", yaml: "YAML", pdf: "Download PDF", docx: "Download DOCX", checklist: "Checklist (送件檢核表) PDF",
    diagnostics: "Check results", preview: "Preview of the book", none: "No problems found.",
    summary: (e, w) => `${e} errors, ${w} warnings`,
    saving: "Saving…", saved: "Saved", failed: "Not saved: ",
    yes: "是 (yes)", no: "否 (no)", add: "Add", remove: "Remove",
    drop: "Drop attachments (PDF, PNG, JPEG) here, or click to choose files",
    dropHint: "Release to add the attachments", files: "Files in attachments/:",
    notAttachment: " (not PDF, PNG or JPEG)",
    yamlSave: "Save YAML", yamlHint: "Ctrl+S saves; lines with problems are coloured.",
    line: (n) => `line ${n}`, page: (n) => `page ${n}`,
    figures: "Computed figures (appbook computes them; nothing to type)",
    unsaved: "the YAML has unsaved changes",
  },
};

let state = null;
let data = {};
let t = TEXT["zh-TW"];
let lang = "zh-TW";
let tab = "form";
let yamlDirty = false;
let queue = Promise.resolve();
let queued = 0;

const $ = (id) => document.getElementById(id);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

async function api(method, path, body, type) {
  const headers = { "X-Appbook-Token": token };
  if (type) headers["Content-Type"] = type;
  const r = await fetch(path, { method, headers, body });
  const ct = r.headers.get("Content-Type") || "";
  const payload = ct.includes("json") ? await r.json() : await r.blob();
  if (!r.ok) throw new Error((payload && payload.error) || r.statusText);
  return payload;
}

// --- paths: "a.b[2].c" <-> ["a", "b", 2, "c"] ---------------------------------------------
function pathOf(segs) {
  let s = "";
  for (const p of segs) s += typeof p === "number" ? `[${p}]` : (s ? "." : "") + p;
  return s;
}
function getAt(segs) {
  let v = data;
  for (const p of segs) { if (v == null) return undefined; v = v[p]; }
  return v;
}
function setAt(segs, value) {
  let v = data;
  for (let i = 0; i < segs.length - 1; i++) {
    const p = segs[i];
    if (v[p] == null || typeof v[p] !== "object") v[p] = typeof segs[i + 1] === "number" ? [] : {};
    v = v[p];
  }
  const last = segs[segs.length - 1];
  if (value === undefined) {
    if (Array.isArray(v)) v.splice(last, 1); else delete v[last];
  } else v[last] = value;
}

// --- schema ----------------------------------------------------------------------------------
function defs() { return (state && state.schema && state.schema.$defs) || {}; }
function resolve(s) {
  let out = Object.assign({}, s || {});
  for (let guard = 0; guard < 20; guard++) {
    if (out.$ref) {
      const { $ref, ...rest } = out;
      out = Object.assign({}, defs()[$ref.split("/").pop()] || {}, rest);
    } else if (out.anyOf) {
      const { anyOf, ...rest } = out;
      const some = anyOf.filter((x) => x.type !== "null");
      out = some.length === 1 ? Object.assign({}, some[0], rest) : Object.assign({}, rest, { oneOf: some });
    } else break;
  }
  return out;
}
function typeOf(s) {
  const ty = Array.isArray(s.type) ? s.type.filter((x) => x !== "null")[0] : s.type;
  if (s.oneOf) {
    if (s.oneOf.some((o) => o.enum && o.enum.includes("是"))) return "yesno";
    if (s.oneOf.some((o) => o.properties && o.properties.teachers)) return "figure";
    if (s.oneOf.every((o) => o.const !== undefined)) return "enum";
  }
  // The schema gives 是/否 as a plain list of the accepted spellings, and a figure as a number
  // or a {teachers, staff} object in one schema.
  if (s.enum && s.enum.includes("是") && s.enum.includes("否")) return "yesno";
  if (s.properties && s.properties.teachers && s.properties.staff) return "figure";
  if (s.enum) return "enum";
  if (ty === "object" && s.properties) return "object";
  if (ty === "array") return "array";
  if (ty === "integer" || ty === "number") return ty;
  if (ty === "boolean") return "boolean";
  return "string";
}
function help(s) {
  return lang === "en" ? s["x-description-en"] || s.description : s.description;
}
// The schema carries each label in zh-TW (`title`) and English (`x-title-en`), from the same
// place in the data model.
function label(s) {
  if (!s) return undefined;
  return lang === "en" ? s["x-title-en"] || s.title : s.title;
}
const SHORT = /^(name|title|phone|email|fax|address|unit_name|supervising_agency|author|file|number|date|tax_id|kind|website|industry)$|_date$|_number$/;
// The schema lists keys alphabetically; the form follows the form's own order, which the
// server learnt from the edition's template and the file.
function ordered(path, keys) {
  const known = (state.order || {})[path.replace(/\[\d+\]/g, "[]")] || [];
  const rank = (k) => { const i = known.indexOf(k); return i < 0 ? known.length : i; };
  return keys.slice().sort((a, b) => rank(a) - rank(b));
}
function isSchool() {
  const b = data.basic || {};
  return b.unit_type === 2 || b.school === true;
}
function isYes(v) { return v === "是" || v === true || v === "yes"; }

// --- the form --------------------------------------------------------------------------------
function save(structural) {
  queued++;
  setStatus(t.saving);
  queue = queue.then(async () => {
    try {
      const s = await api("PUT", "/api/data", JSON.stringify({ data }), "application/json");
      queued--;
      show(s, queued === 0);
      setStatus(t.saved);
    } catch (e) {
      queued--;
      setStatus(t.failed + e.message, true);
      if (structural) buildForm();
    }
  });
  return queue;
}

function field(s, segs, key) {
  const path = pathOf(segs);
  const id = "f:" + path;
  const wrap = el("div", { class: "field", id: "w:" + path, "data-path": path });
  const title = label(s) || key;
  const kind = typeOf(s);
  const value = getAt(segs);
  const change = (v, structural) => { setAt(segs, v); save(structural); };
  if (kind === "boolean") {
    const box = el("input", { type: "checkbox", id, checked: value === true,
      onchange: (e) => change(e.target.checked, true) });
    wrap.append(el("label", {}, box, document.createTextNode(" " + title)));
  } else {
    wrap.append(el("label", { for: id, text: title }));
  }
  if (help(s)) wrap.append(el("div", { class: "help", text: help(s) }));
  if (kind === "boolean") return wrap;
  if (kind === "figure" && (isSchool() || (value && typeof value === "object"))) {
    const split = el("div", { class: "split" });
    const parts = (s.oneOf ? (s.oneOf.find((o) => o.properties) || {}).properties : s.properties) || {};
    for (const part of ["teachers", "staff"]) {
      const v = value && typeof value === "object" ? value[part] : undefined;
      split.append(el("label", { text: label(parts[part]) || part },
        el("input", { type: "number", id: id + "." + part, value: v ?? "", min: "0", step: "any",
          onchange: (e) => {
            const cur = getAt(segs);
            const obj = cur && typeof cur === "object" ? Object.assign({}, cur) : {};
            if (e.target.value === "") delete obj[part]; else obj[part] = Number(e.target.value);
            change(Object.keys(obj).length ? obj : undefined);
          } })));
    }
    wrap.append(split);
  } else if (kind === "integer" || kind === "number" || kind === "figure") {
    wrap.append(el("input", { type: "number", id, value: value ?? "", step: kind === "integer" ? "1" : "any",
      onchange: (e) => change(e.target.value === "" ? undefined : Number(e.target.value), key === "unit_type") }));
  } else if (kind === "enum") {
    const sel = el("select", { id, onchange: (e) => change(e.target.value === "" ? undefined : e.target.value, true) },
      el("option", { value: "", text: "—" }));
    const opts = s.oneOf ? s.oneOf.map((o) => [o.const, lang === "en" ? o["x-description-en"] || o.description : o.description])
      : s.enum.map((v, i) => [v, ((lang === "en" && s["x-enum-descriptions-en"]) || s.enumDescriptions || [])[i]])
        .filter(([v]) => v !== null);
    for (const [v, label] of opts) sel.append(el("option", { value: v, text: label ? `${label}（${v}）` : v, selected: value === v }));
    wrap.append(sel);
  } else {
    const text = value == null ? "" : String(value);
    const long = !SHORT.test(key) && typeof key === "string";
    const input = long
      ? el("textarea", { id, rows: Math.min(12, Math.max(2, Math.ceil(text.length / 45))) })
      : el("input", { type: "text", id });
    input.value = text;
    input.addEventListener("change", (e) => change(e.target.value === "" ? undefined : e.target.value));
    wrap.append(input);
  }
  return wrap;
}

function group(s, segs, key, level) {
  const path = pathOf(segs);
  const props = s.properties || {};
  const box = el("fieldset", { id: "w:" + path, "data-path": path },
    el("legend", { text: label(s) || key }));
  if (help(s) && level > 0) box.append(el("div", { class: "help", text: help(s) }));
  let holder = box;
  const answer = props.answer && typeOf(resolve(props.answer)) === "yesno";
  if (answer) {
    const cur = getAt(segs.concat("answer"));
    const name = "f:" + pathOf(segs.concat("answer"));
    const radios = el("div", { class: "yesno field", id: "w:" + pathOf(segs.concat("answer")), "data-path": pathOf(segs.concat("answer")) });
    for (const [v, label] of [["是", t.yes], ["否", t.no]]) {
      radios.append(el("label", {}, el("input", { type: "radio", name, value: v, id: name + "=" + v,
        checked: cur === undefined ? false : isYes(cur) === (v === "是"),
        onchange: () => {
          const obj = Object.assign({}, getAt(segs) || {});
          obj.answer = v;
          // 否 has no details: they leave the file.
          if (v === "否") for (const k of Object.keys(obj)) if (k !== "answer") delete obj[k];
          setAt(segs, obj);
          save(true);
        } }), document.createTextNode(" " + label)));
    }
    const first = radios.querySelector("input");
    if (first) first.id = name;
    box.append(radios);
    holder = el("div", { class: "details", hidden: !isYes(cur) });
    box.append(holder);
  }
  for (const k of ordered(path, Object.keys(props))) {
    const sub = props[k];
    if (answer && k === "answer") continue;
    if (level === 0 && (k === "programme" || k === "edition")) continue;
    holder.append(node(sub, segs.concat(k), k, level + 1));
  }
  const figs = (state.figures || []).filter((f) => f.path === path);
  if (figs.length) {
    const fb = el("div", { class: "figures" }, el("strong", { text: t.figures }));
    for (const f of figs) fb.append(el("div", { class: "figure", text: f.text }));
    holder.append(fb);
  }
  return box;
}

function list(s, segs, key, level) {
  const path = pathOf(segs);
  const items = getAt(segs) || [];
  const box = el("fieldset", { id: "w:" + path, "data-path": path, class: "list" },
    el("legend", { text: label(s) || key }));
  if (help(s)) box.append(el("div", { class: "help", text: help(s) }));
  const itemSchema = resolve(s.items || {});
  items.forEach((_, i) => {
    const itemSegs = segs.concat(i);
    const div = el("div", { class: "list-item" });
    div.append(el("button", { type: "button", class: "remove", text: t.remove,
      onclick: () => { const arr = getAt(segs).slice(); arr.splice(i, 1); setAt(segs, arr); save(true); } }));
    if (typeOf(itemSchema) === "object") div.append(group(itemSchema, itemSegs, `${i + 1}`, level + 1));
    else div.append(field(itemSchema, itemSegs, `${i + 1}`));
    box.append(div);
  });
  box.append(el("button", { type: "button", class: "add", text: t.add + "：" + (label(itemSchema) || label(s) || key),
    onclick: () => {
      const arr = (getAt(segs) || []).slice();
      arr.push(typeOf(itemSchema) === "object" ? {} : "");
      setAt(segs, arr);
      buildForm();
      const ids = [...document.querySelectorAll(`[id^="f:${CSS.escape(path)}[${arr.length - 1}]"]`)];
      if (ids[0]) ids[0].focus();
    } }));
  if (key === "attachments") box.append(dropZone());
  return box;
}

function node(s, segs, key, level) {
  s = resolve(s);
  const kind = typeOf(s);
  if (kind === "object") return group(s, segs, key, level);
  if (kind === "array") return list(s, segs, key, level);
  return field(s, segs, key);
}

function buildForm() {
  const form = $("form");
  const active = document.activeElement;
  const keep = active && active.id && form.contains(active)
    ? { id: active.id, value: active.value, start: active.selectionStart, end: active.selectionEnd } : null;
  const scroll = $("edit-pane").scrollTop;
  form.replaceChildren();
  if (!state.schema || !state.data) return;
  form.append(group(resolve(state.schema), [], "", 0));
  annotate();
  $("edit-pane").scrollTop = scroll;
  if (keep) {
    const again = document.getElementById(keep.id);
    if (again) {
      if ("value" in again && again.type !== "radio" && again.type !== "checkbox") again.value = keep.value;
      again.focus();
      try { again.setSelectionRange(keep.start, keep.end); } catch (_) { /* not a text field */ }
    }
  }
}

// --- attachments -----------------------------------------------------------------------------
function dropZone() {
  const input = el("input", { type: "file", id: "attach-input", multiple: true, accept: ".pdf,.png,.jpg,.jpeg", hidden: true,
    onchange: (e) => addFiles(e.target.files) });
  const zone = el("div", { id: "drop-zone", text: t.drop, onclick: () => input.click() });
  const files = el("div", { class: "files", id: "attach-files" }, el("div", { text: t.files }));
  for (const f of state.files || []) {
    files.append(el("div", { class: "file", "data-file": f.file,
      text: `${f.file}　${f.kind || t.notAttachment}` }));
  }
  return el("div", {}, zone, input, files);
}

async function addFiles(list) {
  for (const file of list) {
    try {
      setStatus(t.saving);
      const r = await api("POST", "/api/attachments?name=" + encodeURIComponent(file.name), file, "application/octet-stream");
      state = r.state;
      const kinds = resolve(resolve((state.schema.properties || {}).attachments || {}).items || {});
      const kindSchema = resolve((kinds.properties || {}).kind || {});
      const consts = kindSchema.oneOf ? kindSchema.oneOf.map((o) => o.const) : (kindSchema.enum || []).filter((v) => v !== null);
      const arr = (data.attachments || []).slice();
      arr.push({ kind: consts.includes("other") ? "other" : consts[0], title: file.name.replace(/\.[^.]*$/, ""), file: r.file });
      data.attachments = arr;
      await save(true);
    } catch (e) {
      setStatus(t.failed + e.message, true);
    }
  }
}

let dragDepth = 0;
window.addEventListener("dragenter", (e) => { e.preventDefault(); dragDepth++; $("drop-hint").hidden = false; });
window.addEventListener("dragleave", () => { if (--dragDepth <= 0) { dragDepth = 0; $("drop-hint").hidden = true; } });
window.addEventListener("dragover", (e) => e.preventDefault());
window.addEventListener("drop", (e) => {
  e.preventDefault();
  dragDepth = 0;
  $("drop-hint").hidden = true;
  if (e.dataTransfer && e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
});

// --- diagnostics -----------------------------------------------------------------------------
function wrapperFor(path) {
  for (let p = path; ; ) {
    const w = document.getElementById("w:" + p);
    if (w) return w;
    if (!p) return null;
    const i = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    p = i < 0 ? "" : p.slice(0, i);
  }
}

function annotate() {
  for (const d of state.diagnostics) {
    const w = wrapperFor(d.path);
    if (!w) continue;
    if (d.severity === "error") w.classList.add("has-error");
    const msg = el("div", { class: "msg " + d.severity, "data-code": d.code, text: d.message });
    const legend = w.querySelector(":scope > legend");
    if (legend) legend.after(msg); else w.append(msg);
  }
}

function focusPath(path) {
  if (tab === "yaml") return;
  const w = wrapperFor(path);
  if (!w) return;
  const exact = document.getElementById("f:" + path);
  const target = exact || w.querySelector("input, textarea, select");
  w.scrollIntoView({ block: "center" });
  if (target) target.focus();
}

function focusLine(line) {
  const ta = $("yaml");
  const lines = ta.value.split("\n");
  let start = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
  ta.focus();
  ta.setSelectionRange(start, start + (lines[line - 1] || "").length);
  ta.scrollTop = Math.max(0, (line - 5) * 18.85);
}

function showDiagnostics() {
  const ul = $("diagnostics");
  ul.replaceChildren();
  $("diag-summary").textContent = state.diagnostics.length ? t.summary(state.errors, state.warnings) : t.none;
  for (const d of state.diagnostics) {
    const where = [d.line ? t.line(d.line) : "", d.path].filter(Boolean).join(" · ");
    ul.append(el("li", { class: d.severity, "data-path": d.path, "data-line": d.line, tabindex: "0",
      onclick: () => (tab === "yaml" ? focusLine(d.line) : focusPath(d.path)) },
      el("span", { class: "message", text: d.message }),
      el("span", { class: "where", text: `${d.code} · ${where}` })));
  }
}

// --- preview ---------------------------------------------------------------------------------
function showPages() {
  const box = $("pages");
  const note = $("preview-note");
  note.hidden = !state.preview_note;
  note.textContent = state.preview_note || "";
  while (box.children.length > state.pages) box.lastChild.remove();
  for (let i = 0; i < state.pages; i++) {
    let img = box.children[i];
    if (!img) {
      img = el("img", { alt: t.page(i + 1), "data-page": i + 1, loading: i < 3 ? "eager" : "lazy" });
      box.append(img);
    }
    img.src = `/api/page/${i}?token=${encodeURIComponent(token)}&v=${state.version}`;
  }
}

// --- YAML tab --------------------------------------------------------------------------------
function showYaml() {
  if (!yamlDirty) $("yaml").value = state.yaml;
  const marks = {};
  for (const d of state.diagnostics) {
    if (!d.line) continue;
    if (d.severity === "error") marks[d.line] = "bad";
    else if (!marks[d.line]) marks[d.line] = "warn";
  }
  const n = $("yaml").value.split("\n").length;
  const gutter = $("yaml-gutter");
  gutter.replaceChildren();
  for (let i = 1; i <= n; i++) {
    gutter.append(marks[i] ? el("span", { class: marks[i], text: String(i) }) : document.createTextNode(String(i)));
    gutter.append(document.createTextNode("\n"));
  }
  gutter.scrollTop = $("yaml").scrollTop;
}

async function saveYaml() {
  setStatus(t.saving);
  try {
    const s = await api("PUT", "/api/yaml", $("yaml").value, "text/plain; charset=utf-8");
    yamlDirty = false;
    show(s, true);
    setStatus(t.saved);
  } catch (e) {
    setStatus(t.failed + e.message, true);
  }
}

// --- the whole page --------------------------------------------------------------------------
function setStatus(text, bad) {
  const s = $("status");
  s.textContent = text;
  s.style.color = bad ? "#ffd2cc" : "";
}

function show(s, takeData) {
  state = s;
  if (takeData) data = s.data ? JSON.parse(JSON.stringify(s.data)) : {};
  if (lang !== s.lang) setLang(s.lang);
  buildForm();
  showDiagnostics();
  showPages();
  showYaml();
  // Only an edition whose forms have a 送件檢核表 offers it.
  $("download-checklist").hidden = !s.checklist;
  document.body.dataset.version = s.version;
}

function setLang(l) {
  lang = l;
  t = TEXT[l] || TEXT["zh-TW"];
  document.documentElement.lang = l === "en" ? "en" : "zh-Hant-TW";
  $("tab-form").textContent = t.form;
  $("tab-yaml").textContent = t.yaml;
  $("download-pdf").textContent = t.pdf;
  $("download-docx").textContent = t.docx;
  $("download-checklist").textContent = t.checklist;
  $("diag-title").textContent = t.diagnostics;
  $("preview-title").textContent = t.preview;
  $("yaml-save").textContent = t.yamlSave;
  $("yaml-hint").textContent = t.yamlHint;
  $("drop-hint").textContent = t.dropHint;
}

async function switchTab(to) {
  if (to === tab) return;
  if (tab === "yaml" && yamlDirty) await saveYaml();
  tab = to;
  $("tab-form").classList.toggle("active", to === "form");
  $("tab-yaml").classList.toggle("active", to === "yaml");
  $("form").hidden = to !== "form";
  $("yaml-view").hidden = to !== "yaml";
}

// The file's name is the one the server gives, as `render` names it.
function fileName(r, fallback) {
  const m = /filename\*=UTF-8''([^;]+)/.exec(r.headers.get("Content-Disposition") || "");
  return m ? decodeURIComponent(m[1]) : fallback;
}

async function download(path) {
  try {
    const r = await fetch(path, { headers: { "X-Appbook-Token": token } });
    if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || r.statusText);
    const blob = await r.blob();
    const name = fileName(r, `${state.folder || "book"}.${path.split(".").pop()}`);
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    setStatus(e.message, true);
  }
}

$("tab-form").addEventListener("click", () => switchTab("form"));
$("tab-yaml").addEventListener("click", () => switchTab("yaml"));
$("download-pdf").addEventListener("click", () => download("/api/book.pdf"));
$("download-docx").addEventListener("click", () => download("/api/book.docx"));
$("download-checklist").addEventListener("click", () => download("/api/checklist.pdf"));
$("yaml-save").addEventListener("click", saveYaml);
$("yaml").addEventListener("input", () => { yamlDirty = true; setStatus(t.unsaved); showYaml(); });
$("yaml").addEventListener("scroll", () => { $("yaml-gutter").scrollTop = $("yaml").scrollTop; });
$("yaml").addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); saveYaml(); }
});

api("GET", "/api/state").then((s) => {
  setLang(s.lang);
  document.title = `appbook · ${s.folder || ""}`;
  $("title").textContent = `appbook · ${s.folder || ""}`;
  show(s, true);
}, (e) => setStatus(e.message, true));
