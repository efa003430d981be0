//! Renderers of the stage [`Graph`]: Graphviz DOT, Mermaid flowchart and a self-contained SVG.
//! All are pure and deterministic, and escape every piece of user text for their format.

mod dot;
mod layout;
mod mermaid;
mod svg;

pub use dot::render_dot;
pub use mermaid::render_mermaid;
pub use svg::{render_svg, SizeLabel, SvgOptions};

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::{Graph, GraphSource};
use crate::model::EdgeKind;

/// A node of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NodeRef {
    Stage(u32),
    Image(u32),
    Scratch,
}

/// Edges merged by (source, target, kind): several `COPY --from=builder` lines between the
/// same two stages are drawn once, with a count.
#[derive(Debug, Clone)]
pub(crate) struct DrawEdge {
    pub from: NodeRef,
    pub to: u32,
    pub kind: EdgeKind,
    pub count: usize,
    pub onbuild: bool,
    /// The raw references and lines of the merged edges.
    pub uses: Vec<(String, u32)>,
    /// Byte span of the first merged edge's reference (its FROM word or `--from`/`--mount`
    /// flag), for selecting it in an editor.
    pub span: [u32; 2],
}

/// The nodes to draw: every stage, every image, and one scratch node if anything uses it.
pub(crate) fn draw_nodes(g: &Graph) -> Vec<NodeRef> {
    let mut nodes: Vec<NodeRef> = Vec::new();
    for (i, _) in g.images.iter().enumerate() {
        nodes.push(NodeRef::Image(i as u32));
    }
    if g.edges
        .iter()
        .any(|e| matches!(e.source, GraphSource::Scratch { .. }))
    {
        nodes.push(NodeRef::Scratch);
    }
    for s in &g.stages {
        nodes.push(NodeRef::Stage(s.index));
    }
    nodes
}

/// The edges to draw, merged, in order of first appearance.
pub(crate) fn draw_edges(g: &Graph) -> Vec<DrawEdge> {
    let image_index: BTreeMap<&str, u32> = g
        .images
        .iter()
        .enumerate()
        .map(|(i, im)| (im.reference.as_str(), i as u32))
        .collect();
    let mut out: Vec<DrawEdge> = Vec::new();
    let mut seen: BTreeMap<(NodeRef, u32, EdgeKind), usize> = BTreeMap::new();
    for e in &g.edges {
        let from = match &e.source {
            GraphSource::Stage { stage } => NodeRef::Stage(*stage),
            GraphSource::Image { image } => match image_index.get(image.as_str()) {
                Some(&i) => NodeRef::Image(i),
                None => continue,
            },
            GraphSource::Scratch { .. } => NodeRef::Scratch,
        };
        if let Some(d) = seen
            .get(&(from, e.to, e.kind))
            .and_then(|&k| out.get_mut(k))
        {
            d.count += 1;
            d.onbuild &= e.onbuild;
            d.uses.push((e.raw.clone(), e.line));
            continue;
        }
        seen.insert((from, e.to, e.kind), out.len());
        out.push(DrawEdge {
            from,
            to: e.to,
            kind: e.kind,
            count: 1,
            onbuild: e.onbuild,
            uses: vec![(e.raw.clone(), e.line)],
            span: e.span,
        });
    }
    out
}

/// Graphs beyond this many nodes or merged edges are not laid out (they would be unreadable
/// and slow); the SVG says so instead.
pub(crate) const MAX_DRAWN_NODES: usize = 400;
/// See [`MAX_DRAWN_NODES`].
pub(crate) const MAX_DRAWN_EDGES: usize = 3000;

/// The label drawn on an edge: nothing for FROM, `copy`, `mount`, with `×N` when merged.
pub(crate) fn edge_label(e: &DrawEdge) -> String {
    let base = match e.kind {
        EdgeKind::From => {
            if e.count > 1 {
                "from"
            } else {
                ""
            }
        }
        EdgeKind::Copy => "copy",
        EdgeKind::Mount => "mount",
    };
    let mut s = base.to_string();
    if e.count > 1 {
        s.push_str(&format!(" ×{}", e.count));
    }
    if e.onbuild {
        s.push_str(" (onbuild)");
    }
    s
}

/// True when the stage is reachable (absent stages count as reachable).
pub(crate) fn reachable(g: &Graph, stage: u32) -> bool {
    g.stages.get(stage as usize).is_none_or(|s| s.reachable)
}

/// The nodes that feed at least one reachable stage (stages: their own reachability).
pub(crate) fn live_nodes(g: &Graph, edges: &[DrawEdge]) -> BTreeSet<NodeRef> {
    let mut live: BTreeSet<NodeRef> = g
        .stages
        .iter()
        .filter(|s| s.reachable)
        .map(|s| NodeRef::Stage(s.index))
        .collect();
    for e in edges {
        if !matches!(e.from, NodeRef::Stage(_)) && reachable(g, e.to) {
            live.insert(e.from);
        }
    }
    live
}

/// A tooltip for a drawn edge: `COPY --from=builder (line 9, line 12)`.
pub(crate) fn edge_title(e: &DrawEdge) -> String {
    let what = match e.kind {
        EdgeKind::From => "FROM ",
        EdgeKind::Copy => "COPY --from=",
        EdgeKind::Mount => "RUN --mount from=",
    };
    let raw = e.uses.first().map_or("", |u| u.0.as_str());
    let lines: Vec<String> = e.uses.iter().map(|u| u.1.to_string()).collect();
    let onbuild = if e.onbuild { " (ONBUILD trigger)" } else { "" };
    format!(
        "{what}{raw}{onbuild}, line{} {}",
        if lines.len() > 1 { "s" } else { "" },
        lines.join(", ")
    )
}
