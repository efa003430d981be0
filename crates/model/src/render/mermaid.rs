//! Mermaid flowchart output.

use super::{draw_edges, draw_nodes, edge_label, live_nodes, NodeRef};
use crate::graph::Graph;
use crate::model::EdgeKind;

/// Escape text for a quoted Mermaid label: everything but letters, digits, space and a few
/// safe punctuation marks becomes a `#code;` entity, so no user text can close the label,
/// start markup or inject a directive.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric()
            || matches!(c, ' ' | '.' | '-' | '_' | '/' | ':' | ',' | '@' | '+' | '=')
        {
            out.push(c);
        } else if c.is_control() {
            out.push_str("#65533;");
        } else {
            out.push_str(&format!("#{};", c as u32));
        }
    }
    out
}

fn node_id(n: NodeRef) -> String {
    match n {
        NodeRef::Stage(i) => format!("s{i}"),
        NodeRef::Image(i) => format!("i{i}"),
        NodeRef::Scratch => "scratch".to_string(),
    }
}

/// The graph as a Mermaid `flowchart TB`. Classes: `stage`, `target`, `image`, `scratch`,
/// `unreachable`. COPY edges are dashed with a label, mount edges dotted with a label.
pub fn render_mermaid(g: &Graph) -> String {
    let edges = draw_edges(g);
    let live_set = live_nodes(g, &edges);
    let mut out = String::from("flowchart TB\n");
    let mut classes: Vec<(String, &'static str)> = Vec::new();
    for n in draw_nodes(g) {
        let id = node_id(n);
        match n {
            NodeRef::Stage(i) => {
                let Some(s) = g.stages.get(i as usize) else {
                    continue;
                };
                let label = format!("{}<br/>{}", esc(&g.stage_label(i)), esc(&s.base_resolved));
                out.push_str(&format!("  {id}[\"{label}\"]\n"));
                classes.push((id.clone(), "stage"));
                if g.target == Some(i) {
                    classes.push((id.clone(), "target"));
                }
                if !s.reachable {
                    classes.push((id, "unreachable"));
                }
            }
            NodeRef::Image(i) => {
                let Some(im) = g.images.get(i as usize) else {
                    continue;
                };
                out.push_str(&format!("  {id}[/\"{}\"/]\n", esc(&im.reference)));
                classes.push((id.clone(), "image"));
                if !live_set.contains(&n) {
                    classes.push((id, "unreachable"));
                }
            }
            NodeRef::Scratch => {
                out.push_str(&format!("  {id}([\"scratch\"])\n"));
                classes.push((id, "scratch"));
            }
        }
    }
    let mut mount_links = Vec::new();
    for (k, e) in edges.iter().enumerate() {
        let label = edge_label(e);
        let from = node_id(e.from);
        let arrow = match (e.kind, label.is_empty()) {
            (EdgeKind::From, true) => "-->".to_string(),
            (EdgeKind::From, false) => format!("-->|\"{}\"|", esc(&label)),
            (_, _) => format!("-.->|\"{}\"|", esc(&label)),
        };
        if e.kind == EdgeKind::Mount {
            mount_links.push(k);
        }
        out.push_str(&format!("  {from} {arrow} s{}\n", e.to));
    }
    out.push_str("  classDef stage fill:#eef4ff,stroke:#3b6fd8,color:#10213f\n");
    out.push_str("  classDef target stroke-width:3px\n");
    out.push_str(
        "  classDef image fill:#ffffff,stroke:#6b7280,stroke-dasharray:5 3,color:#1f2937\n",
    );
    out.push_str(
        "  classDef scratch fill:#ffffff,stroke:#9ca3af,stroke-dasharray:2 2,color:#4b5563\n",
    );
    out.push_str("  classDef unreachable fill:#f3f4f6,stroke:#c0c4cc,color:#9ca3af\n");
    for (id, class) in classes {
        out.push_str(&format!("  class {id} {class}\n"));
    }
    for k in mount_links {
        out.push_str(&format!("  linkStyle {k} stroke-dasharray:2 4\n"));
    }
    out
}
