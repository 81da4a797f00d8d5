//! `renderRecordOperation`: shows a payload of any shape as accessible HTML, built node by node.
//!
//! Every piece of payload text reaches the page through `textContent` or a text node, never through
//! markup parsing, so no payload can inject elements or scripts. The only attribute taken from the
//! payload that the browser acts on is a link's `href`, set only for an absolute `https:` URL (the
//! core's own rule). The recording access token never enters the DOM until its reveal button is
//! pressed: it waits in Rust memory, keyed by container, until the next render replaces it.
//!
//! The markup uses the `gro-` class prefix and is styled by the package's `style.css`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event};

use crate::bindings::input::{parse_options, with_input};
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
    /// The tokens of the cards currently shown, by container id, by slot.
    static TOKENS: RefCell<HashMap<u32, Vec<String>>> = RefCell::new(HashMap::new());
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
    let dom = Dom { document };
    let mut tokens = Vec::new();

    container.set_text_content(None);
    let root = dom.el("section", "gro")?;
    root.set_attribute("data-gro-render", &container_id.to_string())?;

    let rendered = with_input(&input, |bytes, lone| {
        let mut payload = parse_any_bytes(bytes, &options);
        payload.report = with_lone_surrogate(std::mem::take(&mut payload.report), lone);
        render_payload(&dom, &root, &payload, &mut tokens)?;
        summary_object(&payload)
    });
    let summary = match rendered {
        Ok(summary) => summary?,
        Err(error) => {
            render_input_error(&dom, &root, &error)?;
            failed_summary()?
        }
    };
    container.append_child(&root)?;
    TOKENS.with(|all| {
        all.borrow_mut().insert(container_id, tokens);
    });
    Ok(summary)
}

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
            .get(&container_id)
            .and_then(|tokens| tokens.get(slot))
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
    if revealed {
        value.set_text_content(Some(MASK));
        let _ = value.set_attribute("data-revealed", "false");
        let _ = button.set_attribute("aria-pressed", "false");
        button.set_text_content(Some("Reveal token"));
    } else {
        value.set_text_content(Some(token));
        let _ = value.set_attribute("data-revealed", "true");
        let _ = button.set_attribute("aria-pressed", "true");
        button.set_text_content(Some("Hide token"));
    }
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

/// Builds elements; every text goes through `textContent`.
struct Dom {
    document: Document,
}

impl Dom {
    /// A new element with a class.
    fn el(&self, tag: &str, class: &str) -> Result<Element, JsValue> {
        let element = self.document.create_element(tag)?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        Ok(element)
    }

    /// A new child element with a class.
    fn child(&self, parent: &Element, tag: &str, class: &str) -> Result<Element, JsValue> {
        let element = self.el(tag, class)?;
        parent.append_child(&element)?;
        Ok(element)
    }

    /// A new child element with a class and a text (shortened when very long).
    fn text(
        &self,
        parent: &Element,
        tag: &str,
        class: &str,
        text: &str,
    ) -> Result<Element, JsValue> {
        let element = self.child(parent, tag, class)?;
        element.set_text_content(Some(&shorten(text)));
        Ok(element)
    }

    /// Appends a text node.
    fn append(&self, parent: &Element, text: &str) -> Result<(), JsValue> {
        let node = self.document.create_text_node(&shorten(text));
        parent.append_child(&node)?;
        Ok(())
    }

    /// Text only screen readers read.
    fn hidden(&self, parent: &Element, text: &str) -> Result<Element, JsValue> {
        self.text(parent, "span", "gro-visually-hidden", text)
    }
}

/// The text as shown: at most `MAX_SHOWN_CHARS` characters, with how much was left out.
fn shorten(text: &str) -> String {
    shorten_to(text, MAX_SHOWN_CHARS)
}

/// The text with at most `max` characters, with how much was left out.
fn shorten_to(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let rest = text.get(cut..).map_or(0, |rest| rest.chars().count());
            let head = text.get(..cut).unwrap_or("");
            format!("{head}… ({rest} more characters not shown)")
        }
    }
}

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

fn render_input_error(dom: &Dom, root: &Element, error: &JsValue) -> Result<(), JsValue> {
    root.set_attribute("data-kind", "none")?;
    root.set_attribute("data-valid", "false")?;
    root.set_attribute("aria-label", "recordOperation payload")?;
    let header = dom.child(root, "header", "gro-summary")?;
    dom.text(&header, "h2", "gro-title", "Unreadable input")?;
    let message = js_sys::Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the input could not be read".to_string());
    let verdict = dom.text(&header, "p", "gro-verdict", &format!("Invalid: {message}"))?;
    verdict.set_attribute("data-valid", "false")?;
    Ok(())
}

fn render_payload(
    dom: &Dom,
    root: &Element,
    payload: &AnyPayload<'_>,
    tokens: &mut Vec<String>,
) -> Result<(), JsValue> {
    let kind = payload.kind.map_or("none", PayloadKind::as_str);
    let valid = payload.report.is_valid();
    root.set_attribute("data-kind", kind)?;
    root.set_attribute("data-valid", if valid { "true" } else { "false" })?;
    root.set_attribute("aria-label", "recordOperation payload")?;

    render_summary(dom, root, payload)?;

    // Each issue goes into the card of the operation it belongs to, or the document list.
    let cards: HashMap<&str, usize> = payload
        .operations
        .iter()
        .enumerate()
        .map(|(index, entry)| (entry.path.as_str(), index))
        .collect();
    let mut per_card: Vec<Vec<&Issue>> = vec![Vec::new(); payload.operations.len()];
    let mut document_issues = Vec::new();
    for issue in &payload.report.issues {
        match owning_card(&cards, &issue.path).and_then(|index| per_card.get_mut(index)) {
            Some(list) => list.push(issue),
            None => document_issues.push(issue),
        }
    }

    if !document_issues.is_empty() {
        let section = dom.child(root, "section", "gro-section gro-document-issues")?;
        section.set_attribute("aria-label", "Payload issues")?;
        dom.text(
            &section,
            "h3",
            "gro-section-title",
            &format!("Payload issues ({})", document_issues.len()),
        )?;
        render_issues(dom, &section, &document_issues)?;
    }

    if !payload.operations.is_empty() {
        let section = dom.child(root, "section", "gro-section gro-operations")?;
        section.set_attribute("aria-label", "Operations")?;
        let total = payload.operations.len();
        if total > MAX_CARDS {
            dom.text(
                &section,
                "p",
                "gro-note",
                &format!(
                    "Showing the first {MAX_CARDS} of {total} operations, with their issues; the counts above include all of them."
                ),
            )?;
        }
        for (entry, issues) in payload
            .operations
            .iter()
            .zip(per_card.iter())
            .take(MAX_CARDS)
        {
            render_card(dom, &section, entry, issues, tokens)?;
        }
    }

    if !payload.skipped.is_empty() {
        render_skipped(dom, root, &payload.skipped)?;
    }
    Ok(())
}

/// The card an issue belongs to: the operation whose path is the longest prefix of the issue's.
fn owning_card(cards: &HashMap<&str, usize>, path: &str) -> Option<usize> {
    let mut prefix = path;
    loop {
        if let Some(&index) = cards.get(prefix) {
            return Some(index);
        }
        let (parent, _) = prefix.rsplit_once('/')?;
        prefix = parent;
    }
}

fn render_summary(dom: &Dom, root: &Element, payload: &AnyPayload<'_>) -> Result<(), JsValue> {
    let header = dom.child(root, "header", "gro-summary")?;
    dom.text(&header, "h2", "gro-title", kind_title(payload.kind))?;

    let errors = payload.report.errors().count();
    let warnings = payload.report.warnings().count();
    let valid = payload.report.is_valid();
    let verdict = format!(
        "{}: {}, {}.",
        if valid { "Valid" } else { "Invalid" },
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    );
    let verdict_element = dom.text(&header, "p", "gro-verdict", &verdict)?;
    verdict_element.set_attribute("data-valid", if valid { "true" } else { "false" })?;

    let several = !matches!(payload.kind, Some(PayloadKind::Operation) | None);
    if several {
        dom.text(
            &header,
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
        )?;
        if !payload.operations.is_empty() {
            let list = dom.child(&header, "ul", "gro-counts")?;
            list.set_attribute("aria-label", "Operations by status")?;
            for key in STATUS_ORDER {
                let count = payload
                    .operations
                    .iter()
                    .filter(|entry| status_key(&entry.operation.status) == key)
                    .count();
                if count == 0 {
                    continue;
                }
                let item = dom.child(&list, "li", "gro-count")?;
                item.set_attribute("data-status", key)?;
                let badge = dom.text(&item, "span", "gro-badge", count_label(key))?;
                badge.set_attribute("data-status", key)?;
                dom.text(&item, "span", "gro-count-value", &count.to_string())?;
            }
        }
    }
    if let Some(next_link) = &payload.next_link {
        let paragraph = dom.child(&header, "p", "gro-next-link")?;
        dom.append(&paragraph, "More results (@odata.nextLink): ")?;
        dom.text(&paragraph, "code", "", next_link)?;
    }
    Ok(())
}

fn count_label(key: &str) -> &str {
    match key {
        "unknown" => "unknown status",
        "null" => "status null",
        "missing" => "no status",
        other => other,
    }
}

fn render_issues(dom: &Dom, parent: &Element, issues: &[&Issue]) -> Result<(), JsValue> {
    let list = dom.child(parent, "ol", "gro-issues")?;
    for issue in issues.iter().take(MAX_ISSUES) {
        let item = dom.child(&list, "li", "gro-issue")?;
        let severity = issue.severity.as_str();
        item.set_attribute("data-severity", severity)?;
        item.set_attribute("data-code", issue.code.as_str())?;
        item.set_attribute("data-path", &issue.path)?;
        item.set_attribute("data-line", &issue.position.line.to_string())?;
        item.set_attribute("data-column", &issue.position.column.to_string())?;
        let head = dom.child(&item, "p", "gro-issue-head")?;
        let badge = dom.text(&head, "span", "gro-severity", severity)?;
        badge.set_attribute("data-severity", severity)?;
        dom.append(&head, " ")?;
        dom.text(&head, "code", "gro-issue-code", issue.code.as_str())?;
        dom.append(&head, " at ")?;
        let path = if issue.path.is_empty() {
            "(document)"
        } else {
            &issue.path
        };
        dom.text(&head, "code", "gro-issue-path", path)?;
        dom.append(&head, " ")?;
        let locate = dom.text(
            &head,
            "button",
            "gro-issue-locate",
            &format!(
                "Line {}, column {}",
                issue.position.line, issue.position.column
            ),
        )?;
        locate.set_attribute("type", "button")?;
        dom.text(&item, "p", "gro-issue-message", &issue.message)?;
    }
    if issues.len() > MAX_ISSUES {
        dom.text(
            parent,
            "p",
            "gro-note",
            &format!("Showing the first {MAX_ISSUES} of {} issues.", issues.len()),
        )?;
    }
    Ok(())
}

fn render_card(
    dom: &Dom,
    parent: &Element,
    entry: &OperationEntry<'_>,
    issues: &[&Issue],
    tokens: &mut Vec<String>,
) -> Result<(), JsValue> {
    let operation = &entry.operation;
    let key = status_key(&operation.status);
    let card = dom.child(parent, "article", "gro-card")?;
    card.set_attribute("data-status", key)?;
    card.set_attribute("data-path", &entry.path)?;
    card.set_attribute("data-terminal", bool_text(operation.is_terminal()))?;
    card.set_attribute("data-success", bool_text(operation.is_success()))?;
    let name = match &operation.id {
        Some(id) => format!("recordOperation {}", shorten_to(id, MAX_TITLE_CHARS)),
        None if entry.path.is_empty() => "recordOperation (no id)".to_string(),
        None => format!(
            "recordOperation at {}",
            shorten_to(&entry.path, MAX_TITLE_CHARS)
        ),
    };
    card.set_attribute("aria-label", &name)?;

    let header = dom.child(&card, "header", "gro-card-header")?;
    dom.text(&header, "h3", "gro-card-title", &name)?;
    let badge = dom.text(
        &header,
        "span",
        "gro-badge",
        &status_label(&operation.status),
    )?;
    badge.set_attribute("data-status", key)?;
    if let Some(change) = &entry.change_type {
        let tag = dom.text(
            &header,
            "span",
            "gro-change",
            &format!("changeType: {change}"),
        )?;
        tag.set_attribute("data-change-type", change)?;
    }

    render_stepper(dom, &card, &operation.status)?;

    let fields = dom.child(&card, "dl", "gro-fields")?;
    field_row(dom, &fields, "Status", "status", |dd| {
        render_status_text(dom, dd, operation)
    })?;
    field_row(
        dom,
        &fields,
        "Completion reason",
        "completionReason",
        |dd| match &operation.completion_reason {
            Field::Value(reason) => {
                dom.text(dd, "code", "gro-reason", reason.as_str())?;
                dom.text(dd, "p", "gro-description", &reason.description())?;
                Ok(())
            }
            other => render_missing(dom, dd, other),
        },
    )?;
    field_row(
        dom,
        &fields,
        "Result",
        "resultInfo",
        |dd| match &operation.result_info {
            Field::Value(info) => render_result(dom, dd, info),
            Field::Null => {
                dom.text(dd, "span", "gro-null", "null")?;
                dom.append(dd, " (no result reported)")
            }
            Field::Absent => dom.text(dd, "span", "gro-absent", "absent").map(|_| ()),
        },
    )?;
    field_row(
        dom,
        &fields,
        "Recording location",
        "recordingLocation",
        |dd| render_location(dom, dd, &operation.recording_location),
    )?;
    field_row(
        dom,
        &fields,
        "Recording access token",
        "recordingAccessToken",
        |dd| render_token(dom, dd, &operation.recording_access_token, tokens),
    )?;
    field_row(dom, &fields, "clientContext", "clientContext", |dd| {
        render_text_field(dom, dd, &operation.client_context)
    })?;
    field_row(dom, &fields, "id", "id", |dd| {
        render_optional(dom, dd, operation.id.as_deref())
    })?;
    field_row(dom, &fields, "@odata.type", "odataType", |dd| {
        render_optional(dom, dd, operation.odata_type.as_deref())
    })?;
    if let Some(url) = &entry.resource_url {
        field_row(dom, &fields, "resourceUrl", "resourceUrl", |dd| {
            dom.text(dd, "code", "", url).map(|_| ())
        })?;
    }
    if !entry.path.is_empty() {
        field_row(dom, &fields, "JSON Pointer", "path", |dd| {
            dom.text(dd, "code", "", &entry.path).map(|_| ())
        })?;
    }

    if !operation.extra.is_empty() {
        render_extra(dom, &card, "Extra properties", &operation.extra)?;
    }
    if let Field::Value(info) = &operation.result_info {
        if !info.extra.is_empty() {
            render_extra(dom, &card, "Extra resultInfo properties", &info.extra)?;
        }
    }
    if !issues.is_empty() {
        let section = dom.child(&card, "section", "gro-card-issues")?;
        section.set_attribute("aria-label", &format!("Issues of {name}"))?;
        dom.text(
            &section,
            "h4",
            "gro-section-title",
            &format!("Issues ({})", issues.len()),
        )?;
        render_issues(dom, &section, issues)?;
    }
    Ok(())
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// One `dt`/`dd` pair; the `dd` is filled by `fill`.
fn field_row(
    dom: &Dom,
    list: &Element,
    label: &str,
    field: &str,
    fill: impl FnOnce(&Element) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let row = dom.child(list, "div", "gro-field")?;
    row.set_attribute("data-field", field)?;
    dom.text(&row, "dt", "", label)?;
    let value = dom.child(&row, "dd", "")?;
    fill(&value)
}

fn render_missing<T>(dom: &Dom, dd: &Element, field: &Field<T>) -> Result<(), JsValue> {
    if field.is_null() {
        dom.text(dd, "span", "gro-null", "null")?;
    } else {
        dom.text(dd, "span", "gro-absent", "absent")?;
    }
    Ok(())
}

fn render_text_field(
    dom: &Dom,
    dd: &Element,
    field: &Field<std::borrow::Cow<'_, str>>,
) -> Result<(), JsValue> {
    match field {
        Field::Value(text) => render_optional(dom, dd, Some(text)),
        other => render_missing(dom, dd, other),
    }
}

fn render_optional(dom: &Dom, dd: &Element, value: Option<&str>) -> Result<(), JsValue> {
    match value {
        Some("") => dom.text(dd, "span", "gro-empty", "empty string"),
        Some(text) => dom.text(dd, "code", "gro-value", text),
        None => dom.text(dd, "span", "gro-absent", "absent"),
    }
    .map(|_| ())
}

fn render_status_text(
    dom: &Dom,
    dd: &Element,
    operation: &RecordOperation<'_>,
) -> Result<(), JsValue> {
    let key = status_key(&operation.status);
    let badge = dom.text(dd, "span", "gro-badge", &status_label(&operation.status))?;
    badge.set_attribute("data-status", key)?;
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
    dom.text(dd, "p", "gro-description", meaning)?;
    Ok(())
}

fn render_stepper(
    dom: &Dom,
    card: &Element,
    status: &Field<OperationStatus<'_>>,
) -> Result<(), JsValue> {
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
    let list = dom.child(card, "ol", "gro-stepper")?;
    list.set_attribute("aria-label", "Lifecycle")?;
    list.set_attribute("data-known", bool_text(current.is_some()))?;
    for (index, label) in ["notStarted", "running", last].into_iter().enumerate() {
        let item = dom.child(&list, "li", "gro-step")?;
        item.set_attribute("data-step", label)?;
        let (state, spoken) = match current {
            Some(at) if index < at => ("done", " (done)"),
            Some(at) if index == at => ("current", " (current step)"),
            Some(_) => ("pending", " (not reached)"),
            None => ("unknown", " (unknown)"),
        };
        item.set_attribute("data-state", state)?;
        if state == "current" {
            item.set_attribute("aria-current", "step")?;
        }
        dom.text(&item, "span", "gro-step-label", label)?;
        dom.hidden(&item, spoken)?;
    }
    if current.is_none() {
        let text = match status {
            Field::Value(OperationStatus::Undocumented(value)) => format!(
                "Unknown status \u{201c}{}\u{201d}: where the operation is cannot be told.",
                shorten_to(value, MAX_TITLE_CHARS)
            ),
            Field::Null => "Status is null: where the operation is cannot be told; more updates will follow.".to_string(),
            _ => "Status is missing: where the operation is cannot be told; more updates will follow.".to_string(),
        };
        let mark = dom.child(card, "p", "gro-status-unknown")?;
        mark.set_attribute("data-status", status_key(status))?;
        dom.text(&mark, "span", "gro-status-unknown-mark", "?")?
            .set_attribute("aria-hidden", "true")?;
        dom.append(&mark, " ")?;
        dom.append(&mark, &text)?;
    }
    Ok(())
}

fn render_result(dom: &Dom, dd: &Element, info: &ResultInfo<'_>) -> Result<(), JsValue> {
    let list = dom.child(dd, "dl", "gro-result")?;
    let category = info.category().as_str();
    list.set_attribute("data-category", category)?;
    let number =
        |value: Option<i32>| value.map_or_else(|| "missing".to_string(), |v| v.to_string());
    field_row(dom, &list, "Code", "code", |d| {
        dom.text(d, "code", "gro-code", &number(info.code))
            .map(|_| ())
    })?;
    field_row(dom, &list, "Subcode", "subcode", |d| {
        dom.text(d, "code", "gro-subcode", &number(info.subcode))
            .map(|_| ())
    })?;
    field_row(dom, &list, "Message", "message", |d| match &info.message {
        Field::Value(message) if !message.is_empty() => {
            dom.text(d, "span", "gro-message", message).map(|_| ())
        }
        Field::Value(_) => dom.text(d, "span", "gro-empty", "empty string").map(|_| ()),
        other => render_missing(dom, d, other),
    })?;
    field_row(dom, &list, "Category", "category", |d| {
        let label = match category {
            "success" => "success (2xx)",
            "clientError" => "client error (4xx)",
            "serverError" => "server error (5xx)",
            _ => "other",
        };
        let tag = dom.text(d, "span", "gro-category", label)?;
        tag.set_attribute("data-category", category)
    })?;
    Ok(())
}

fn render_location(
    dom: &Dom,
    dd: &Element,
    location: &Field<std::borrow::Cow<'_, str>>,
) -> Result<(), JsValue> {
    match location {
        Field::Value(url) if crate::read::is_absolute_https(url) => {
            let link = dom.text(dd, "a", "gro-link", url)?;
            link.set_attribute("href", url)?;
            link.set_attribute("rel", "noopener noreferrer nofollow")?;
            link.set_attribute("referrerpolicy", "no-referrer")?;
            Ok(())
        }
        Field::Value(url) if url.is_empty() => dom
            .text(dd, "span", "gro-empty", "empty string")
            .map(|_| ()),
        Field::Value(url) => {
            dom.text(dd, "code", "gro-value gro-unsafe-url", url)?;
            dom.text(
                dd,
                "p",
                "gro-description",
                "Not a link: only absolute https: URLs are linked.",
            )?;
            Ok(())
        }
        other => render_missing(dom, dd, other),
    }
}

fn render_token(
    dom: &Dom,
    dd: &Element,
    token: &Field<std::borrow::Cow<'_, str>>,
    tokens: &mut Vec<String>,
) -> Result<(), JsValue> {
    let token = match token {
        Field::Value(token) if token.is_empty() => {
            return dom
                .text(dd, "span", "gro-empty", "empty string")
                .map(|_| ());
        }
        Field::Value(token) => token,
        other => return render_missing(dom, dd, other),
    };
    let slot = tokens.len();
    tokens.push(token.to_string());
    let wrapper = dom.child(dd, "div", "gro-token")?;
    let value = dom.text(&wrapper, "code", "gro-token-value", MASK)?;
    value.set_attribute("data-revealed", "false")?;
    dom.hidden(
        &wrapper,
        &format!(" (hidden, {} characters)", token.chars().count()),
    )?;
    let buttons = dom.child(&wrapper, "span", "gro-token-actions")?;
    for (action, label) in [("reveal", "Reveal token"), ("copy", "Copy token")] {
        let button = dom.text(&buttons, "button", "gro-button", label)?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-gro-action", action)?;
        button.set_attribute("data-gro-slot", &slot.to_string())?;
        if action == "reveal" {
            button.set_attribute("aria-pressed", "false")?;
        }
    }
    let status = dom.child(&wrapper, "span", "gro-token-status")?;
    status.set_attribute("role", "status")?;
    Ok(())
}

fn render_extra(
    dom: &Dom,
    card: &Element,
    caption: &str,
    extra: &[ExtraProperty<'_>],
) -> Result<(), JsValue> {
    let wrapper = dom.child(card, "div", "gro-table-wrap")?;
    let table = dom.child(&wrapper, "table", "gro-extra")?;
    dom.text(&table, "caption", "", caption)?;
    let head = dom.child(&table, "thead", "")?;
    let row = dom.child(&head, "tr", "")?;
    for label in ["Property", "Value (JSON as sent)"] {
        let cell = dom.text(&row, "th", "", label)?;
        cell.set_attribute("scope", "col")?;
    }
    let body = dom.child(&table, "tbody", "")?;
    for property in extra {
        let row = dom.child(&body, "tr", "")?;
        let key = dom.child(&row, "th", "")?;
        key.set_attribute("scope", "row")?;
        dom.text(&key, "code", "", &property.key)?;
        let value = dom.child(&row, "td", "")?;
        dom.text(&value, "code", "gro-raw", &property.raw_value)?;
    }
    Ok(())
}

fn render_skipped(dom: &Dom, root: &Element, skipped: &[SkippedResource]) -> Result<(), JsValue> {
    let section = dom.child(root, "section", "gro-section gro-skipped")?;
    section.set_attribute("aria-label", "Skipped resources")?;
    dom.text(
        &section,
        "h3",
        "gro-section-title",
        &format!("Skipped resources ({})", skipped.len()),
    )?;
    dom.text(
        &section,
        "p",
        "gro-description",
        "These resources are not recordOperations, so they are not shown as cards.",
    )?;
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
    let list = dom.child(&section, "ul", "gro-skipped-types")?;
    for (kind, members) in groups {
        let item = dom.child(&list, "li", "gro-skipped-type")?;
        item.set_attribute("data-odata-type", kind.unwrap_or(""))?;
        dom.text(&item, "code", "", kind.unwrap_or("(no @odata.type)"))?;
        dom.append(&item, &format!(" \u{d7} {}", members.len()))?;
        let inner = dom.child(&item, "ul", "")?;
        for resource in members.into_iter().take(MAX_ISSUES) {
            let entry = dom.child(&inner, "li", "gro-skipped-item")?;
            dom.text(&entry, "code", "", &resource.path)?;
            if let Some(id) = &resource.id {
                dom.append(&entry, " id ")?;
                dom.text(&entry, "code", "", id)?;
            }
        }
    }
    Ok(())
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
