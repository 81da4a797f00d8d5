//! Which operation a delivery is about: its `id`, or the id at the end of its `resourceUrl`,
//! compared ignoring ASCII case and dashes (URLs carry the GUID uppercase without dashes).

/// The tracker's key for an id: dashes removed, ASCII letters lowercased.
pub fn normalize_id(id: &str) -> String {
    id.chars()
        .filter(|&c| c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The operation id at the end of a resource URL: `…/operations/{id}` or `…/operations('{id}')`,
/// as written. `None` when the URL does not name an operation.
pub fn id_from_resource_url(url: &str) -> Option<&str> {
    let lower = url.to_ascii_lowercase();
    if let Some(at) = rfind(&lower, "/operations/") {
        let rest = url.get(at + "/operations/".len()..)?;
        let id = rest.split(['/', '?', '#']).next().unwrap_or("");
        return (!id.is_empty()).then_some(id);
    }
    if let Some(at) = rfind(&lower, "/operations(") {
        let rest = url.get(at + "/operations(".len()..)?;
        let inner = rest.split(')').next().unwrap_or("");
        let id = inner.trim_matches(|c| c == '\'' || c == '"');
        return (!id.is_empty()).then_some(id);
    }
    None
}

/// Where `needle` last starts in `text` (bytes compared: no general substring searcher needed for
/// these short ASCII needles).
#[inline(never)]
fn rfind(text: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    text.as_bytes()
        .windows(needle.len())
        .rposition(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_ids() {
        assert_eq!(
            id_from_resource_url("communications/calls/abc/operations/0FE0623F58A44F8A?x=1"),
            Some("0FE0623F58A44F8A")
        );
        assert_eq!(
            id_from_resource_url("/communications/calls/abc/Operations('0fe0-62')"),
            Some("0fe0-62")
        );
        assert_eq!(id_from_resource_url("communications/calls/abc"), None);
        assert_eq!(id_from_resource_url("x/operations/"), None);
        assert_eq!(normalize_id("0fE0-623f"), "0fe0623f");
    }
}
