//! `renderRecordOperation`: shows a payload of any shape as accessible HTML, built node by node.
//!
//! Every piece of payload text reaches the page through `textContent` or a text node, never through
//! markup parsing, so no payload can inject elements or scripts. The only attribute taken from the
//! payload that the browser acts on is a link's `href`, set only for an absolute `https:` URL (the
//! core's own rule). The recording access token never enters the DOM until its reveal button is
//! pressed: it waits in Rust memory, keyed by container, until the next render replaces it.
//!
//! The markup uses the `gro-` class prefix and is styled by the package's `style.css`.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event};

use crate::bindings::input::{parse_options, with_input, LoneSurrogate};
use crate::bindings::issues::with_lone_surrogate;
use crate::{
    parse_any_bytes, AnyPayload, ExtraProperty, Field, Issue, OperationEntry, OperationStatus,
    PayloadKind, RecordOperation, ResultInfo, SkippedResource,
};

/// At most this many operation cards are built; the summary still counts every operation.
const MAX_CARDS: usize = 200;
/// At most this many issues are listed in one list.
const MAX_ISSUES: usize = 500;
/// Longer texts are shortened on screen (the payload itself is untouched).
const MAX_SHOWN_CHARS: usize = 2_000;
/// Titles and badges are shortened further; the full value is in its field.
const MAX_TITLE_CHARS: usize = 80;
/// What the masked token shows.
const MASK: &str = "••••••••••••";
/// The expando property that marks a container whose click listener is installed.
const CONTAINER_KEY: &str = "__graphRecordOperationRender";

thread_local! {
    /// The tokens of the cards currently shown, by container id, by slot. (A page has a few
    /// containers: a list, without a hash map of its own.)
    static TOKENS: RefCell<Vec<(u32, Vec<String>)>> = const { RefCell::new(Vec::new()) };
    /// The next container id.
    static NEXT_CONTAINER: Cell<u32> = const { Cell::new(1) };
}

#[wasm_bindgen(typescript_custom_section)]
const RENDER_TYPES: &'static str = r#"
/**
 * The element `renderRecordOperation` renders into: `HTMLElement` where the DOM types are loaded
 * (`"lib": ["DOM"]`). Written this way so the declarations also compile without the DOM types.
 */
export type RenderContainer =
  typeof globalThis extends { HTMLElement: { prototype: infer E } } ? E : never;

/** What `renderRecordOperation` found and showed. */
export interface RenderSummary {
  /** The detected shape; `null` when the text could not be read far enough to tell. */
  kind: "operation" | "collection" | "notifications" | "array" | null;
  /** How many recordOperations the payload holds (cards are built for the first 200). */
  operations: number;
  /** How many other resources were skipped. */
  skipped: number;
  /** True when no issue is an error (in strict mode every issue is an error). */
  valid: boolean;
  /** How many issues are errors. */
  errors: number;
  /** How many issues are warnings. */
  warnings: number;
}
"#;

/// Renders a recordOperation payload of any shape into `container`, replacing its children.
///
/// `input` is JSON text, an already-parsed object, or a `RecordOperation`. The view shows the
/// status badge and lifecycle stepper, the completion reason with its description, resultInfo,
/// the recording location (a link only for an absolute `https:` URL), the access token masked with
/// reveal and copy buttons, clientContext, id, `@odata.type`, extra properties, and every
/// validation issue; for a collection or notification envelope, counts by status, one card per
/// operation and the skipped resources by type.
///
/// Each issue is an `li.gro-issue` carrying `data-path`, `data-line`, `data-column`, `data-code`
/// and `data-severity`, with a `button.gro-issue-locate`: a host page can listen for clicks on the
/// container to take the user to the offending line.
///
/// The access tokens stay out of the DOM until their reveal button is pressed; they wait in wasm
/// memory until the next render into the same container replaces them (one click listener is added
/// per container, the first time).
///
/// A payload that is not valid never throws: its issues are shown. Throws a `TypeError` when
/// `container` is not an element, and whatever the options conversion throws for bad options.
/// Returns a `RenderSummary`.
#[wasm_bindgen(js_name = renderRecordOperation, unchecked_return_type = "RenderSummary")]
pub fn render_record_operation(
    #[wasm_bindgen(unchecked_param_type = "RenderContainer")] container: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | object | RecordOperation")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let container = as_element(&container)?;
    let options = parse_options(&options)?;
    let document = container
        .owner_document()
        .ok_or_else(|| type_error("renderRecordOperation: the container is not in a document"))?;
    let container_id = install_listener(&container)?;
    let mut tokens = Vec::new();

    container.set_text_content(None);
    let root = document.create_element("section")?;
    root.set_class_name("gro");
    root.set_attribute("data-gro-render", &container_id.to_string())?;
    let mut dom = Dom::new(document, root.clone());

    // A `dyn` reader with a `JsValue` result: one copy of the input code for this, the tracker
    // and the request checker.
    let read: &mut ReadInput = &mut |bytes, lone| {
        let mut payload = parse_any_bytes(bytes, &options);
        payload.report = with_lone_surrogate(std::mem::take(&mut payload.report), lone);
        render_payload(&mut dom, &payload, &mut tokens);
        dom.finish()?;
        summary_object(&payload)
    };
    let rendered = with_input(&input, read);
    let summary = match rendered {
        Ok(summary) => summary?,
        Err(error) => {
            render_input_error(&mut dom, &error);
            dom.finish()?;
            failed_summary()?
        }
    };
    container.append_child(&root)?;
    TOKENS.with(|all| {
        let mut all = all.borrow_mut();
        match all.iter_mut().find(|(id, _)| *id == container_id) {
            Some((_, shown)) => *shown = tokens,
            None => all.push((container_id, tokens)),
        }
    });
    Ok(summary)
}

/// Reads the input's bytes into a JS value. The renderer, the tracker and the request checker pass
/// their readers to `with_input` as this one type, so its code (and `with_utf8`'s) is compiled
/// once for the three.
pub(crate) type ReadInput<'a> =
    dyn FnMut(&[u8], Option<LoneSurrogate>) -> Result<JsValue, JsValue> + 'a;

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// Accepts any element node (also from another realm, where `instanceof` fails).
fn as_element(value: &JsValue) -> Result<Element, JsValue> {
    if let Some(element) = value.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let node_type = if value.is_object() {
        js_sys::Reflect::get(value, &JsValue::from_str("nodeType"))?.as_f64()
    } else {
        None
    };
    if node_type == Some(1.0) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(type_error(
            "renderRecordOperation: the container must be an HTML element",
        ))
    }
}

/// Gives the container an id and, the first time, the one click listener that drives the token
/// buttons of everything rendered into it.
fn install_listener(container: &Element) -> Result<u32, JsValue> {
    let key = JsValue::from_str(CONTAINER_KEY);
    if let Some(id) = js_sys::Reflect::get(container, &key)?.as_f64() {
        if id >= 1.0 && id <= f64::from(u32::MAX) && id.fract() == 0.0 {
            // The check above makes the conversion exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            return Ok(id as u32);
        }
    }
    let id = NEXT_CONTAINER.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1).max(1));
        id
    });
    let listener = Closure::<dyn FnMut(Event)>::new(on_click);
    container.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())?;
    // The listener lives as long as the container: one per container, never per render.
    listener.forget();
    js_sys::Reflect::set(container, &key, &JsValue::from(id))?;
    Ok(id)
}

/// Handles clicks on the reveal and copy buttons. Errors are shown next to the token, never thrown.
fn on_click(event: Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(Some(button)) = target.closest("[data-gro-action]") else {
        return;
    };
    let Ok(Some(root)) = button.closest("[data-gro-render]") else {
        return;
    };
    let Ok(Some(wrapper)) = button.closest(".gro-token") else {
        return;
    };
    let container_id = root
        .get_attribute("data-gro-render")
        .and_then(|id| id.parse::<u32>().ok());
    let slot = button
        .get_attribute("data-gro-slot")
        .and_then(|slot| slot.parse::<usize>().ok());
    let (Some(container_id), Some(slot)) = (container_id, slot) else {
        return;
    };
    let token = TOKENS.with(|all| {
        all.borrow()
            .iter()
            .find(|(id, _)| *id == container_id)
            .and_then(|(_, tokens)| tokens.get(slot))
            .cloned()
    });
    let status = wrapper.query_selector(".gro-token-status").ok().flatten();
    let Some(token) = token else {
        if let Some(status) = status {
            status.set_text_content(Some("This token is no longer available: render again."));
        }
        return;
    };
    match button.get_attribute("data-gro-action").as_deref() {
        Some("reveal") => toggle_token(&wrapper, &button, &token),
        Some("copy") => copy_token(&token, status),
        _ => {}
    }
}

fn toggle_token(wrapper: &Element, button: &Element, token: &str) {
    let Ok(Some(value)) = wrapper.query_selector(".gro-token-value") else {
        return;
    };
    let revealed = button.get_attribute("aria-pressed").as_deref() == Some("true");
    // Hide when shown, show when hidden.
    let (text, pressed, label) = if revealed {
        (MASK, "false", "Reveal token")
    } else {
        (token, "true", "Hide token")
    };
    value.set_text_content(Some(text));
    let _ = value.set_attribute("data-revealed", pressed);
    let _ = button.set_attribute("aria-pressed", pressed);
    button.set_text_content(Some(label));
}

fn copy_token(token: &str, status: Option<Element>) {
    let say = move |status: &Option<Element>, text: &str| {
        if let Some(status) = status {
            status.set_text_content(Some(text));
        }
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let available = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|clipboard| clipboard.is_object())
        .unwrap_or(false);
    if !available {
        say(
            &status,
            "Copy failed: the clipboard is not available on this page.",
        );
        return;
    }
    let promise = navigator.clipboard().write_text(token);
    let ok_status = status.clone();
    let on_ok = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        say(&ok_status, "Token copied to the clipboard.");
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        say(
            &status,
            "Copy failed: the browser refused access to the clipboard.",
        );
    });
    let _ = promise.then2(&on_ok, &on_error);
    // One of the two runs, once; both are small and only made on a click.
    on_ok.forget();
    on_error.forget();
}

/// Builds the view depth first. `open` adds a child to the current parent and makes it the parent
/// until `close`; `child` and `leaf` add a child (`leaf` with a text); `attr` sets an attribute on
/// the element made last and `parent_attr` on the current parent. Every text goes through
/// `textContent`. The first DOM call that fails is kept and every later call does nothing, so a
/// render stops at the first error; `finish` returns it. (One small non-inlined method per DOM
/// step keeps the many call sites small: no element handles or error branches in the callers.)
struct Dom {
    document: Document,
    /// The open elements; the last is the current parent.
    stack: Vec<Element>,
    /// The element made last.
    last: Option<Element>,
    /// The first error.
    error: Option<JsValue>,
}

impl Dom {
    fn new(document: Document, root: Element) -> Dom {
        Dom {
            document,
            last: Some(root.clone()),
            stack: vec![root],
            error: None,
        }
    }

    /// The first error, if any.
    fn finish(&mut self) -> Result<(), JsValue> {
        match self.error.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Keeps the first error.
    fn check<T>(&mut self, result: Result<T, JsValue>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.error = Some(error);
                None
            }
        }
    }

    /// A new child of the current parent, with a class and, when `text` is set, a text (shortened
    /// when very long); it becomes the element made last.
    #[inline(never)]
    fn make(&mut self, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
        if self.error.is_some() {
            return None;
        }
        let made = self.document.create_element(tag).and_then(|element| {
            if !class.is_empty() {
                element.set_class_name(class);
            }
            if let Some(parent) = self.stack.last() {
                parent.append_child(&element)?;
            }
            if let Some(text) = text {
                element.set_text_content(Some(&shorten(text)));
            }
            Ok(element)
        });
        let element = self.check(made)?;
        self.last = Some(element.clone());
        Some(element)
    }

    /// Opens a child: the next elements go into it until `close`.
    #[inline(never)]
    fn open(&mut self, tag: &str, class: &str) {
        if let Some(element) = self.make(tag, class, None) {
            self.stack.push(element);
        }
    }

    /// Closes the current parent.
    #[inline(never)]
    fn close(&mut self) {
        if self.error.is_none() {
            self.stack.pop();
        }
    }

    /// A child with a class.
    #[inline(never)]
    fn child(&mut self, tag: &str, class: &str) {
        self.make(tag, class, None);
    }

    /// A child with a class and a text (shortened when very long).
    #[inline(never)]
    fn leaf(&mut self, tag: &str, class: &str, text: &str) {
        self.make(tag, class, Some(text));
    }

    /// Text only screen readers read.
    fn hidden(&mut self, text: &str) {
        self.leaf("span", "gro-visually-hidden", text);
    }

    /// Sets an attribute of the element made last.
    #[inline(never)]
    fn attr(&mut self, name: &str, value: &str) {
        if self.error.is_some() {
            return;
        }
        if let Some(element) = &self.last {
            let result = element.set_attribute(name, value);
            self.check(result);
        }
    }

    /// Sets an attribute of the current parent.
    #[inline(never)]
    fn parent_attr(&mut self, name: &str, value: &str) {
        if self.error.is_some() {
            return;
        }
        if let Some(element) = self.stack.last() {
            let result = element.set_attribute(name, value);
            self.check(result);
        }
    }

    /// Appends a text node to the current parent.
    #[inline(never)]
    fn append(&mut self, text: &str) {
        if self.error.is_some() {
            return;
        }
        let node = self.document.create_text_node(&shorten(text));
        if let Some(parent) = self.stack.last() {
            let result = parent.append_child(&node);
            self.check(result);
        }
    }
}

/// The text as shown: at most `MAX_SHOWN_CHARS` characters, with how much was left out.
fn shorten(text: &str) -> Cow<'_, str> {
    shorten_to(text, MAX_SHOWN_CHARS)
}

/// The text with at most `max` characters, with how much was left out.
#[inline(never)]
fn shorten_to(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let rest = text.get(cut..).map_or(0, |rest| rest.chars().count());
            let head = text.get(..cut).unwrap_or("");
            Cow::Owned(format!("{head}… ({rest} more characters not shown)"))
        }
    }
}

// Called from several places: one copy, not one per caller.
#[inline(never)]
fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

fn kind_title(kind: Option<PayloadKind>) -> &'static str {
    match kind {
        Some(PayloadKind::Operation) => "recordOperation",
        Some(PayloadKind::Collection) => "Collection of operations",
        Some(PayloadKind::Notifications) => "Change notifications",
        Some(PayloadKind::Array) => "Array of operations",
        None => "Unreadable payload",
    }
}

/// The status as a class: a documented member, `unknown`, `null` or `missing`.
fn status_key(status: &Field<OperationStatus<'_>>) -> &'static str {
    match status {
        Field::Value(OperationStatus::NotStarted) => "notStarted",
        Field::Value(OperationStatus::Running) => "running",
        Field::Value(OperationStatus::Completed) => "completed",
        Field::Value(OperationStatus::Failed) => "failed",
        Field::Value(OperationStatus::Undocumented(_)) => "unknown",
        Field::Null => "null",
        Field::Absent => "missing",
    }
}

/// What the badge says.
// Called from several places: one copy, not one per caller.
#[inline(never)]
fn status_label(status: &Field<OperationStatus<'_>>) -> String {
    match status {
        Field::Value(OperationStatus::Undocumented(value)) => {
            format!("unknown: {}", shorten_to(value, MAX_TITLE_CHARS))
        }
        Field::Value(status) => status.as_str().to_string(),
        Field::Null => "status null".to_string(),
        Field::Absent => "no status".to_string(),
    }
}

/// The order of the counts.
const STATUS_ORDER: [&str; 7] = [
    "notStarted",
    "running",
    "completed",
    "failed",
    "unknown",
    "null",
    "missing",
];

fn render_input_error(dom: &mut Dom, error: &JsValue) {
    dom.parent_attr("data-kind", "none");
    dom.parent_attr("data-valid", "false");
    dom.parent_attr("aria-label", "recordOperation payload");
    dom.open("header", "gro-summary");
    dom.leaf("h2", "gro-title", "Unreadable input");
    let message = js_sys::Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the input could not be read".to_string());
    dom.leaf("p", "gro-verdict", &format!("Invalid: {message}"));
    dom.attr("data-valid", "false");
    dom.close();
}

fn render_payload(dom: &mut Dom, payload: &AnyPayload<'_>, tokens: &mut Vec<String>) {
    let kind = payload.kind.map_or("none", PayloadKind::as_str);
    let valid = payload.report.is_valid();
    dom.parent_attr("data-kind", kind);
    dom.parent_attr("data-valid", bool_text(valid));
    dom.parent_attr("aria-label", "recordOperation payload");

    render_summary(dom, payload);

    // Each issue goes into the card of the operation it belongs to, or the document list. (The
    // core's grouping, which `parseAny` also uses: no second copy of it here.)
    let issues = &payload.report.issues;
    let grouped = crate::issues_by_operation(&payload.operations, issues);
    let mut in_card = vec![false; issues.len()];
    let per_card: Vec<Vec<&Issue>> = grouped
        .iter()
        .map(|indices| {
            indices
                .iter()
                .filter_map(|&index| {
                    if let Some(flag) = in_card.get_mut(index) {
                        *flag = true;
                    }
                    issues.get(index)
                })
                .collect()
        })
        .collect();
    let document_issues: Vec<&Issue> = issues
        .iter()
        .zip(&in_card)
        .filter_map(|(issue, &taken)| (!taken).then_some(issue))
        .collect();

    if !document_issues.is_empty() {
        dom.open("section", "gro-section gro-document-issues");
        dom.attr("aria-label", "Payload issues");
        dom.leaf(
            "h3",
            "gro-section-title",
            &format!("Payload issues ({})", document_issues.len()),
        );
        render_issues(dom, &document_issues);
        dom.close();
    }

    if !payload.operations.is_empty() {
        dom.open("section", "gro-section gro-operations");
        dom.attr("aria-label", "Operations");
        let total = payload.operations.len();
        if total > MAX_CARDS {
            dom.leaf(
                "p",
                "gro-note",
                &format!(
                    "Showing the first {MAX_CARDS} of {total} operations, with their issues; the counts above include all of them."
                ),
            );
        }
        for (entry, issues) in payload
            .operations
            .iter()
            .zip(per_card.iter())
            .take(MAX_CARDS)
        {
            render_card(dom, entry, issues, tokens);
        }
        dom.close();
    }

    if !payload.skipped.is_empty() {
        render_skipped(dom, &payload.skipped);
    }
}

fn render_summary(dom: &mut Dom, payload: &AnyPayload<'_>) {
    dom.open("header", "gro-summary");
    dom.leaf("h2", "gro-title", kind_title(payload.kind));

    let errors = payload.report.errors().count();
    let warnings = payload.report.warnings().count();
    let valid = payload.report.is_valid();
    let verdict = format!(
        "{}: {}, {}.",
        if valid { "Valid" } else { "Invalid" },
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    );
    dom.leaf("p", "gro-verdict", &verdict);
    dom.attr("data-valid", bool_text(valid));

    let several = !matches!(payload.kind, Some(PayloadKind::Operation) | None);
    if several {
        dom.leaf(
            "p",
            "gro-totals",
            &format!(
                "{}, {}.",
                plural(
                    payload.operations.len(),
                    "recordOperation",
                    "recordOperations"
                ),
                plural(
                    payload.skipped.len(),
                    "skipped resource",
                    "skipped resources"
                )
            ),
        );
        if !payload.operations.is_empty() {
            dom.open("ul", "gro-counts");
            dom.attr("aria-label", "Operations by status");
            for key in STATUS_ORDER {
                let count = payload
                    .operations
                    .iter()
                    .filter(|entry| status_key(&entry.operation.status) == key)
                    .count();
                if count == 0 {
                    continue;
                }
                dom.open("li", "gro-count");
                dom.attr("data-status", key);
                dom.leaf("span", "gro-badge", count_label(key));
                dom.attr("data-status", key);
                dom.leaf("span", "gro-count-value", &count.to_string());
                dom.close();
            }
            dom.close();
        }
    }
    if let Some(next_link) = &payload.next_link {
        dom.open("p", "gro-next-link");
        dom.append("More results (@odata.nextLink): ");
        dom.leaf("code", "", next_link);
        dom.close();
    }
    dom.close();
}

fn count_label(key: &str) -> &str {
    match key {
        "unknown" => "unknown status",
        "null" => "status null",
        "missing" => "no status",
        other => other,
    }
}

fn render_issues(dom: &mut Dom, issues: &[&Issue]) {
    dom.open("ol", "gro-issues");
    for issue in issues.iter().take(MAX_ISSUES) {
        dom.open("li", "gro-issue");
        let severity = issue.severity.as_str();
        dom.attr("data-severity", severity);
        dom.attr("data-code", issue.code.as_str());
        dom.attr("data-path", &issue.path);
        dom.attr("data-line", &issue.position.line.to_string());
        dom.attr("data-column", &issue.position.column.to_string());
        dom.open("p", "gro-issue-head");
        dom.leaf("span", "gro-severity", severity);
        dom.attr("data-severity", severity);
        dom.append(" ");
        dom.leaf("code", "gro-issue-code", issue.code.as_str());
        dom.append(" at ");
        let path = if issue.path.is_empty() {
            "(document)"
        } else {
            &issue.path
        };
        dom.leaf("code", "gro-issue-path", path);
        dom.append(" ");
        dom.leaf(
            "button",
            "gro-issue-locate",
            &format!(
                "Line {}, column {}",
                issue.position.line, issue.position.column
            ),
        );
        dom.attr("type", "button");
        dom.close();
        dom.leaf("p", "gro-issue-message", &issue.message);
        dom.close();
    }
    dom.close();
    if issues.len() > MAX_ISSUES {
        dom.leaf(
            "p",
            "gro-note",
            &format!("Showing the first {MAX_ISSUES} of {} issues.", issues.len()),
        );
    }
}

fn render_card(
    dom: &mut Dom,
    entry: &OperationEntry<'_>,
    issues: &[&Issue],
    tokens: &mut Vec<String>,
) {
    let operation = &entry.operation;
    let key = status_key(&operation.status);
    dom.open("article", "gro-card");
    dom.attr("data-status", key);
    dom.attr("data-path", &entry.path);
    dom.attr("data-terminal", bool_text(operation.is_terminal()));
    dom.attr("data-success", bool_text(operation.is_success()));
    let name = match &operation.id {
        Some(id) => format!("recordOperation {}", shorten_to(id, MAX_TITLE_CHARS)),
        None if entry.path.is_empty() => "recordOperation (no id)".to_string(),
        None => format!(
            "recordOperation at {}",
            shorten_to(&entry.path, MAX_TITLE_CHARS)
        ),
    };
    dom.attr("aria-label", &name);

    dom.open("header", "gro-card-header");
    dom.leaf("h3", "gro-card-title", &name);
    dom.leaf("span", "gro-badge", &status_label(&operation.status));
    dom.attr("data-status", key);
    if let Some(change) = &entry.change_type {
        dom.leaf("span", "gro-change", &format!("changeType: {change}"));
        dom.attr("data-change-type", change);
    }
    dom.close();

    render_stepper(dom, &operation.status);

    dom.open("dl", "gro-fields");
    open_field(dom, "Status", "status");
    render_status_text(dom, operation);
    close_field(dom);
    open_field(dom, "Completion reason", "completionReason");
    match &operation.completion_reason {
        Field::Value(reason) => {
            dom.leaf("code", "gro-reason", reason.as_str());
            dom.leaf("p", "gro-description", &reason.description());
        }
        other => render_missing(dom, other.is_null()),
    }
    close_field(dom);
    open_field(dom, "Result", "resultInfo");
    match &operation.result_info {
        Field::Value(info) => render_result(dom, info),
        Field::Null => {
            dom.leaf("span", "gro-null", "null");
            dom.append(" (no result reported)");
        }
        Field::Absent => dom.leaf("span", "gro-absent", "absent"),
    }
    close_field(dom);
    open_field(dom, "Recording location", "recordingLocation");
    render_location(dom, &operation.recording_location);
    close_field(dom);
    open_field(dom, "Recording access token", "recordingAccessToken");
    render_token(dom, &operation.recording_access_token, tokens);
    close_field(dom);
    open_field(dom, "clientContext", "clientContext");
    render_text_field(dom, &operation.client_context);
    close_field(dom);
    open_field(dom, "id", "id");
    render_optional(dom, operation.id.as_deref());
    close_field(dom);
    open_field(dom, "@odata.type", "odataType");
    render_optional(dom, operation.odata_type.as_deref());
    close_field(dom);
    if let Some(url) = &entry.resource_url {
        open_field(dom, "resourceUrl", "resourceUrl");
        dom.leaf("code", "", url);
        close_field(dom);
    }
    if !entry.path.is_empty() {
        open_field(dom, "JSON Pointer", "path");
        dom.leaf("code", "", &entry.path);
        close_field(dom);
    }
    dom.close();

    if !operation.extra.is_empty() {
        render_extra(dom, "Extra properties", &operation.extra);
    }
    if let Field::Value(info) = &operation.result_info {
        if !info.extra.is_empty() {
            render_extra(dom, "Extra resultInfo properties", &info.extra);
        }
    }
    if !issues.is_empty() {
        dom.open("section", "gro-card-issues");
        dom.attr("aria-label", &format!("Issues of {name}"));
        dom.leaf(
            "h4",
            "gro-section-title",
            &format!("Issues ({})", issues.len()),
        );
        render_issues(dom, issues);
        dom.close();
    }
    dom.close();
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// Opens one `dt`/`dd` pair; what follows goes into the `dd` until `close_field`.
#[inline(never)]
fn open_field(dom: &mut Dom, label: &str, field: &str) {
    dom.open("div", "gro-field");
    dom.attr("data-field", field);
    dom.leaf("dt", "", label);
    dom.open("dd", "");
}

/// Closes the pair `open_field` opened.
#[inline(never)]
fn close_field(dom: &mut Dom) {
    dom.close();
    dom.close();
}

/// `null` or `absent`.
#[inline(never)]
fn render_missing(dom: &mut Dom, null: bool) {
    if null {
        dom.leaf("span", "gro-null", "null");
    } else {
        dom.leaf("span", "gro-absent", "absent");
    }
}

fn render_text_field(dom: &mut Dom, field: &Field<Cow<'_, str>>) {
    match field {
        Field::Value(text) => render_optional(dom, Some(text)),
        other => render_missing(dom, other.is_null()),
    }
}

#[inline(never)]
fn render_optional(dom: &mut Dom, value: Option<&str>) {
    match value {
        Some("") => dom.leaf("span", "gro-empty", "empty string"),
        Some(text) => dom.leaf("code", "gro-value", text),
        None => dom.leaf("span", "gro-absent", "absent"),
    }
}

fn render_status_text(dom: &mut Dom, operation: &RecordOperation<'_>) {
    let key = status_key(&operation.status);
    dom.leaf("span", "gro-badge", &status_label(&operation.status));
    dom.attr("data-status", key);
    let meaning = match &operation.status {
        Field::Value(OperationStatus::Completed) if operation.is_success() => {
            "Finished: no more updates follow."
        }
        Field::Value(OperationStatus::Completed) => {
            "Finished, but resultInfo reports an error: no more updates follow."
        }
        Field::Value(OperationStatus::Failed) => "Did not complete: no more updates follow.",
        Field::Value(OperationStatus::NotStarted) => {
            "Accepted, not yet running: more updates will follow."
        }
        Field::Value(OperationStatus::Running) => {
            "Recording is under way: more updates will follow."
        }
        Field::Value(OperationStatus::Undocumented(_)) => {
            "Not a documented status (notStarted, running, completed, failed)."
        }
        Field::Null => "Sent as null: more updates will follow.",
        Field::Absent => "The payload has no status: more updates will follow.",
    };
    dom.leaf("p", "gro-description", meaning);
}

fn render_stepper(dom: &mut Dom, status: &Field<OperationStatus<'_>>) {
    // 0, 1, 2: the index of the current step; None: the status says nothing about it.
    let current = match status {
        Field::Value(OperationStatus::NotStarted) => Some(0),
        Field::Value(OperationStatus::Running) => Some(1),
        Field::Value(OperationStatus::Completed | OperationStatus::Failed) => Some(2),
        _ => None,
    };
    let last = match status {
        Field::Value(OperationStatus::Completed) => "completed",
        Field::Value(OperationStatus::Failed) => "failed",
        _ => "completed or failed",
    };
    dom.open("ol", "gro-stepper");
    dom.attr("aria-label", "Lifecycle");
    dom.attr("data-known", bool_text(current.is_some()));
    for (index, label) in ["notStarted", "running", last].into_iter().enumerate() {
        dom.open("li", "gro-step");
        dom.attr("data-step", label);
        let (state, spoken) = match current {
            Some(at) if index < at => ("done", " (done)"),
            Some(at) if index == at => ("current", " (current step)"),
            Some(_) => ("pending", " (not reached)"),
            None => ("unknown", " (unknown)"),
        };
        dom.attr("data-state", state);
        if state == "current" {
            dom.attr("aria-current", "step");
        }
        dom.leaf("span", "gro-step-label", label);
        dom.hidden(spoken);
        dom.close();
    }
    dom.close();
    if current.is_none() {
        let text = match status {
            Field::Value(OperationStatus::Undocumented(value)) => format!(
                "Unknown status \u{201c}{}\u{201d}: where the operation is cannot be told.",
                shorten_to(value, MAX_TITLE_CHARS)
            ),
            Field::Null => "Status is null: where the operation is cannot be told; more updates will follow.".to_string(),
            _ => "Status is missing: where the operation is cannot be told; more updates will follow.".to_string(),
        };
        dom.open("p", "gro-status-unknown");
        dom.attr("data-status", status_key(status));
        dom.leaf("span", "gro-status-unknown-mark", "?");
        dom.attr("aria-hidden", "true");
        dom.append(" ");
        dom.append(&text);
        dom.close();
    }
}

fn render_result(dom: &mut Dom, info: &ResultInfo<'_>) {
    dom.open("dl", "gro-result");
    let category = info.category().as_str();
    dom.attr("data-category", category);
    let number =
        |value: Option<i32>| value.map_or_else(|| "missing".to_string(), |v| v.to_string());
    open_field(dom, "Code", "code");
    dom.leaf("code", "gro-code", &number(info.code));
    close_field(dom);
    open_field(dom, "Subcode", "subcode");
    dom.leaf("code", "gro-subcode", &number(info.subcode));
    close_field(dom);
    open_field(dom, "Message", "message");
    match &info.message {
        Field::Value(message) if !message.is_empty() => dom.leaf("span", "gro-message", message),
        Field::Value(_) => dom.leaf("span", "gro-empty", "empty string"),
        other => render_missing(dom, other.is_null()),
    }
    close_field(dom);
    open_field(dom, "Category", "category");
    let label = match category {
        "success" => "success (2xx)",
        "clientError" => "client error (4xx)",
        "serverError" => "server error (5xx)",
        _ => "other",
    };
    dom.leaf("span", "gro-category", label);
    dom.attr("data-category", category);
    close_field(dom);
    dom.close();
}

fn render_location(dom: &mut Dom, location: &Field<Cow<'_, str>>) {
    match location {
        Field::Value(url) if crate::read::is_absolute_https(url) => {
            dom.leaf("a", "gro-link", url);
            dom.attr("href", url);
            dom.attr("rel", "noopener noreferrer nofollow");
            dom.attr("referrerpolicy", "no-referrer");
        }
        Field::Value(url) if url.is_empty() => dom.leaf("span", "gro-empty", "empty string"),
        Field::Value(url) => {
            dom.leaf("code", "gro-value gro-unsafe-url", url);
            dom.leaf(
                "p",
                "gro-description",
                "Not a link: only absolute https: URLs are linked.",
            );
        }
        other => render_missing(dom, other.is_null()),
    }
}

fn render_token(dom: &mut Dom, token: &Field<Cow<'_, str>>, tokens: &mut Vec<String>) {
    let token = match token {
        Field::Value(token) if token.is_empty() => {
            return dom.leaf("span", "gro-empty", "empty string");
        }
        Field::Value(token) => token,
        other => return render_missing(dom, other.is_null()),
    };
    let slot = tokens.len();
    tokens.push(token.to_string());
    dom.open("div", "gro-token");
    dom.leaf("code", "gro-token-value", MASK);
    dom.attr("data-revealed", "false");
    dom.hidden(&format!(" (hidden, {} characters)", token.chars().count()));
    dom.open("span", "gro-token-actions");
    let slot = slot.to_string();
    for (action, label) in [("reveal", "Reveal token"), ("copy", "Copy token")] {
        dom.leaf("button", "gro-button", label);
        dom.attr("type", "button");
        dom.attr("data-gro-action", action);
        dom.attr("data-gro-slot", &slot);
        if action == "reveal" {
            dom.attr("aria-pressed", "false");
        }
    }
    dom.close();
    dom.child("span", "gro-token-status");
    dom.attr("role", "status");
    dom.close();
}

// Called from several places: one copy, not one per caller.
#[inline(never)]
fn render_extra(dom: &mut Dom, caption: &str, extra: &[ExtraProperty<'_>]) {
    dom.open("div", "gro-table-wrap");
    dom.open("table", "gro-extra");
    dom.leaf("caption", "", caption);
    dom.open("thead", "");
    dom.open("tr", "");
    for label in ["Property", "Value (JSON as sent)"] {
        dom.leaf("th", "", label);
        dom.attr("scope", "col");
    }
    dom.close();
    dom.close();
    dom.open("tbody", "");
    for property in extra {
        dom.open("tr", "");
        dom.open("th", "");
        dom.attr("scope", "row");
        dom.leaf("code", "", &property.key);
        dom.close();
        dom.open("td", "");
        dom.leaf("code", "gro-raw", &property.raw_value);
        dom.close();
        dom.close();
    }
    dom.close();
    dom.close();
    dom.close();
}

fn render_skipped(dom: &mut Dom, skipped: &[SkippedResource]) {
    dom.open("section", "gro-section gro-skipped");
    dom.attr("aria-label", "Skipped resources");
    dom.leaf(
        "h3",
        "gro-section-title",
        &format!("Skipped resources ({})", skipped.len()),
    );
    dom.leaf(
        "p",
        "gro-description",
        "These resources are not recordOperations, so they are not shown as cards.",
    );
    // Grouped by type, in order of first appearance.
    let mut groups: Vec<(Option<&str>, Vec<&SkippedResource>)> = Vec::new();
    for resource in skipped {
        let kind = resource.odata_type.as_deref();
        match groups.iter_mut().find(|(seen, _)| *seen == kind) {
            Some((_, members)) => members.push(resource),
            None => groups.push((kind, vec![resource])),
        }
        if groups.len() > MAX_ISSUES {
            break;
        }
    }
    dom.open("ul", "gro-skipped-types");
    for (kind, members) in groups {
        dom.open("li", "gro-skipped-type");
        dom.attr("data-odata-type", kind.unwrap_or(""));
        dom.leaf("code", "", kind.unwrap_or("(no @odata.type)"));
        dom.append(&format!(" \u{d7} {}", members.len()));
        dom.open("ul", "");
        for resource in members.into_iter().take(MAX_ISSUES) {
            dom.open("li", "gro-skipped-item");
            dom.leaf("code", "", &resource.path);
            if let Some(id) = &resource.id {
                dom.append(" id ");
                dom.leaf("code", "", id);
            }
            dom.close();
        }
        dom.close();
        dom.close();
    }
    dom.close();
    dom.close();
}

fn summary_object(payload: &AnyPayload<'_>) -> Result<JsValue, JsValue> {
    let kind = payload
        .kind
        .map_or(JsValue::NULL, |kind| JsValue::from_str(kind.as_str()));
    build_summary(
        kind,
        payload.operations.len(),
        payload.skipped.len(),
        payload.report.is_valid(),
        payload.report.errors().count(),
        payload.report.warnings().count(),
    )
}

fn failed_summary() -> Result<JsValue, JsValue> {
    build_summary(JsValue::NULL, 0, 0, false, 1, 0)
}

fn build_summary(
    kind: JsValue,
    operations: usize,
    skipped: usize,
    valid: bool,
    errors: usize,
    warnings: usize,
) -> Result<JsValue, JsValue> {
    let object = js_sys::Object::new();
    let set =
        |key: &str, value: JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    // Counts far below 2^53 convert to f64 exactly.
    #[allow(clippy::cast_precision_loss)]
    let number = |count: usize| JsValue::from_f64(count as f64);
    set("kind", kind)?;
    set("operations", number(operations))?;
    set("skipped", number(skipped))?;
    set("valid", JsValue::from_bool(valid))?;
    set("errors", number(errors))?;
    set("warnings", number(warnings))?;
    Ok(object.into())
}
