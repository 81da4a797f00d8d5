//! The README's issue-code table is generated from the code table in src/issue.rs; this test
//! fails when they differ. `UPDATE_README=1 cargo test --test docs` rewrites the table.

// Native only (proptest, the file system); the wasm suites are tests/node.rs and tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use graph_record_operation::IssueCode;

const START: &str = "<!-- issue-table:start";
const END: &str = "<!-- issue-table:end -->";

fn table() -> String {
    let mut out = String::from("| code | lenient severity | meaning |\n|---|---|---|\n");
    for code in IssueCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.lenient_severity(),
            code.description().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_lists_every_issue_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("table start marker");
    let body_start = start + readme[start..].find('\n').expect("marker line") + 1;
    let end = readme.find(END).expect("table end marker");
    let expected = table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..body_start], expected, &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[body_start..end],
        expected,
        "the README's issue table is out of date: run UPDATE_README=1 cargo test --test docs"
    );
}
