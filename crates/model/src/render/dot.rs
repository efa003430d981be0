//! Graphviz DOT output.

use super::{draw_edges, draw_nodes, edge_label, live_nodes, NodeRef};
use crate::graph::Graph;
use crate::model::EdgeKind;

/// Escape for a DOT double-quoted string: backslash and quote escaped, newlines as `\n`,
/// other control characters dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
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

/// The graph as a Graphviz `digraph` (top to bottom; images dashed, scratch dotted,
/// unreachable stages grey, the target bold; COPY edges dashed, mount edges dotted).
pub fn render_dot(g: &Graph) -> String {
    let edges = draw_edges(g);
    let live_set = live_nodes(g, &edges);
    let mut out = String::new();
    out.push_str("digraph stages {\n");
    out.push_str("  rankdir=TB;\n");
    out.push_str("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=12];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for n in draw_nodes(g) {
        let id = node_id(n);
        let live = live_set.contains(&n);
        let grey = if live {
            ""
        } else {
            ", color=\"gray60\", fontcolor=\"gray50\""
        };
        match n {
            NodeRef::Stage(i) => {
                let Some(s) = g.stages.get(i as usize) else {
                    continue;
                };
                let name = g.stage_label(i);
                let mut label = format!("{} [{}]\n{}", name, i, s.base_resolved);
                if let Some(p) = &s.platform {
                    label.push_str(&format!("\n--platform={p}"));
                }
                let bold = if g.target == Some(i) {
                    ", penwidth=2.5"
                } else {
                    ""
                };
                let style = if s.reachable {
                    "rounded"
                } else {
                    "rounded,filled"
                };
                let fill = if s.reachable {
                    ""
                } else {
                    ", fillcolor=\"gray95\""
                };
                out.push_str(&format!(
                    "  {id} [label=\"{}\", style=\"{style}\"{fill}{bold}{grey}];\n",
                    esc(&label)
                ));
            }
            NodeRef::Image(i) => {
                let Some(im) = g.images.get(i as usize) else {
                    continue;
                };
                out.push_str(&format!(
                    "  {id} [label=\"{}\", shape=box, style=\"dashed\"{grey}];\n",
                    esc(&im.reference)
                ));
            }
            NodeRef::Scratch => {
                out.push_str(&format!(
                    "  {id} [label=\"scratch\", shape=box, style=\"dotted\"{grey}];\n"
                ));
            }
        }
    }
    for e in &edges {
        let style = match e.kind {
            EdgeKind::From => "solid",
            EdgeKind::Copy => "dashed",
            EdgeKind::Mount => "dotted",
        };
        let label = edge_label(e);
        let label = if label.is_empty() {
            String::new()
        } else {
            format!(", label=\"{}\"", esc(&label))
        };
        let grey = if super::reachable(g, e.to) {
            ""
        } else {
            ", color=\"gray60\", fontcolor=\"gray50\""
        };
        out.push_str(&format!(
            "  {} -> s{} [style={style}{label}{grey}];\n",
            node_id(e.from),
            e.to
        ));
    }
    out.push_str("}\n");
    out
}
