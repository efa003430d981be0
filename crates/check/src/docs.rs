//! Rule pages generated from the rule data: Markdown for `docs/rules/<Code>.md` and the web app,
//! plain text for `stagecraft explain`.

use crate::rules::{Origin, Rule};

fn severity_word(rule: &Rule) -> &'static str {
    rule.default_severity.as_str()
}

/// The Markdown page of a rule (what `docs/rules/<Code>.md` holds, byte for byte).
pub fn markdown(rule: &Rule) -> String {
    let origin = match rule.origin {
        Origin::BuildKit => format!(
            "BuildKit build check ([Docker's page]({})); stagecraft reproduces BuildKit's behaviour and message.",
            rule.url()
        ),
        Origin::Stagecraft => "stagecraft rule.".to_string(),
    };
    let experimental = if rule.experimental {
        "\n\n> Experimental: off unless enabled with `# check=experimental=".to_string()
            + rule.code
            + "`."
    } else {
        String::new()
    };
    format!(
        "<!-- Generated from crates/check/src/rules.rs; do not edit (run `cargo test -p stagecraft-check` with UPDATE_RULE_DOCS=1). -->\n\
# {code}\n\n\
{summary}\n\n\
Default severity: **{sev}**. Origin: {origin}{experimental}\n\n\
## What it reports\n\n{what}\n\n\
## Why it matters\n\n{why}\n\n\
## Bad\n\n```dockerfile\n{bad}```\n\n\
## Good\n\n```dockerfile\n{good}```\n\n\
## Fix\n\n{fix}\n\n\
Suppress one finding with `# stagecraft:ignore={code}` on the line before the instruction{skip}.\n",
        code = rule.code,
        summary = rule.summary,
        sev = severity_word(rule),
        what = rule.doc().what,
        why = rule.doc().why,
        bad = rule.doc().bad,
        good = rule.doc().good,
        fix = rule.doc().fix,
        skip = match rule.origin {
            Origin::BuildKit => format!(", or the whole file with `# check=skip={}`", rule.code),
            Origin::Stagecraft => String::new(),
        },
    )
}

fn indent(block: &str) -> String {
    block
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect::<String>()
}

/// The plain-text page `stagecraft explain <Code>` prints.
pub fn text(rule: &Rule) -> String {
    let origin = match rule.origin {
        Origin::BuildKit => "BuildKit build check",
        Origin::Stagecraft => "stagecraft rule",
    };
    let exp = if rule.experimental {
        format!(
            " (experimental: enable with `# check=experimental={}`)",
            rule.code
        )
    } else {
        String::new()
    };
    format!(
        "{code}: {summary}\n{origin}, default severity {sev}{exp}\n\nWHAT\n  {what}\n\nWHY\n  {why}\n\nBAD\n{bad}\nGOOD\n{good}\nFIX\n  {fix}\n\nMORE\n  {url}\n",
        code = rule.code,
        summary = rule.summary,
        sev = severity_word(rule),
        what = rule.doc().what,
        why = rule.doc().why,
        bad = indent(rule.doc().bad),
        good = indent(rule.doc().good),
        fix = rule.doc().fix,
        url = rule.url(),
    )
}

/// The index page `docs/rules/README.md`: one line per rule.
pub fn index_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from crates/check/src/rules.rs; do not edit. -->\n# Rules\n\n| Rule | Origin | Severity | Summary |\n|---|---|---|---|\n",
    );
    for r in crate::rules::all() {
        out.push_str(&format!(
            "| [{code}]({code}.md) | {origin} | {sev} | {summary} |\n",
            code = r.code,
            origin = r.origin.as_str(),
            sev = severity_word(r),
            summary = r.summary.replace('|', "\\|"),
        ));
    }
    out
}

/// Every rule's documentation as one JSON object, `{"Code": {"what", "why", "bad", "good",
/// "fix"}, …}`: the playground's `rule-docs.json`, fetched when a rule is first opened so the
/// page does not carry the text up front.
pub fn web_json() -> String {
    let mut out = String::from("{");
    for (i, rule) in crate::rules::all().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('\n');
        stagecraft_syntax::write_json_string(&mut out, rule.code);
        out.push_str(":{");
        let doc = rule.doc();
        let fields = [
            ("what", doc.what),
            ("why", doc.why),
            ("bad", doc.bad),
            ("good", doc.good),
            ("fix", doc.fix),
        ];
        for (k, (name, value)) in fields.into_iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            stagecraft_syntax::write_json_string(&mut out, name);
            out.push(':');
            stagecraft_syntax::write_json_string(&mut out, value);
        }
        out.push('}');
    }
    out.push_str("\n}\n");
    out
}
