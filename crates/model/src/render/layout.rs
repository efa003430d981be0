//! A layered (Sugiyama-style) layout: cycle breaking, longest-path layering, wrapping of wide
//! layers, dummy nodes for long edges, barycentric crossing reduction and a simple
//! priority-free coordinate assignment. Deterministic: ties break on node order.

/// A node to place: its size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LNode {
    pub width: f64,
    pub height: f64,
}

/// Layout parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LOptions {
    /// Most real nodes in one row; wider layers wrap onto extra rows.
    pub max_per_row: usize,
    pub node_gap: f64,
    /// Gap next to a long edge's dummy node.
    pub dummy_gap: f64,
    pub row_gap: f64,
    pub margin: f64,
    pub dummy_width: f64,
    /// Give up (return `None`) when long edges would need more dummy nodes than this.
    pub max_dummies: usize,
}

/// The result: node centres (x) and tops (y), a polyline per edge from source to target.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// `(center_x, top_y)` per node.
    pub pos: Vec<(f64, f64)>,
    /// Points per edge, from the source's border to the target's border.
    pub routes: Vec<Vec<(f64, f64)>>,
    pub width: f64,
    pub height: f64,
}

struct Work {
    /// Row of every node, real and dummy.
    row: Vec<usize>,
    width: Vec<f64>,
    /// Edges between adjacent rows (upper, lower), over real and dummy nodes.
    segs: Vec<(usize, usize)>,
    /// Order of nodes per row.
    order: Vec<Vec<usize>>,
    preds: Vec<Vec<usize>>,
    succs: Vec<Vec<usize>>,
}

impl Work {
    fn neighbours(&self, v: usize, up: bool) -> &[usize] {
        let l = if up { &self.preds } else { &self.succs };
        l.get(v).map_or(&[][..], Vec::as_slice)
    }

    fn ranks(&self) -> Vec<usize> {
        let mut rank = vec![0usize; self.row.len()];
        for r in &self.order {
            for (i, &v) in r.iter().enumerate() {
                rank[v] = i;
            }
        }
        rank
    }
}

/// Above this many row-to-row segments, crossing reduction is skipped (it is quadratic) and
/// the initial order is kept: such graphs are not readable anyway.
const CROSSING_BUDGET: usize = 4000;

/// Lay out `nodes` and `edges` (`(from, to)` indices) top to bottom.
pub(crate) fn layout(nodes: &[LNode], edges: &[(usize, usize)], opt: LOptions) -> Option<Layout> {
    let n = nodes.len();
    let valid: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();

    // 1. Break cycles: DFS in node order, back edges are reversed for layering.
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &valid {
        adj[a].push(b);
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut reversed: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&w) = adj[v].get(*i) {
                *i += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed.push((v, w)),
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    let dag: Vec<(usize, usize)> = valid
        .iter()
        .map(|&(a, b)| {
            if reversed.contains(&(a, b)) {
                (b, a)
            } else {
                (a, b)
            }
        })
        .collect();

    // 2. Longest-path layering (Kahn order, smallest index first).
    let mut indeg = vec![0usize; n];
    for &(_, b) in &dag {
        indeg[b] += 1;
    }
    let mut layer = vec![0usize; n];
    let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = ready.pop_first() {
        for &(a, b) in &dag {
            if a == v {
                layer[b] = layer[b].max(layer[a] + 1);
                indeg[b] -= 1;
                if indeg[b] == 0 {
                    ready.insert(b);
                }
            }
        }
    }
    // 3. Sources sit just above their first user instead of at the top.
    for v in 0..n {
        let has_pred = dag.iter().any(|&(_, b)| b == v);
        if has_pred {
            continue;
        }
        if let Some(m) = dag
            .iter()
            .filter(|&&(a, _)| a == v)
            .map(|&(_, b)| layer[b])
            .min()
        {
            layer[v] = m.saturating_sub(1);
        }
    }

    // 4. Wrap wide layers onto several rows.
    let max_layer = layer.iter().copied().max().unwrap_or(0);
    let mut row = vec![0usize; n];
    let mut next_row = 0usize;
    for l in 0..=max_layer {
        let members: Vec<usize> = (0..n).filter(|&v| layer[v] == l).collect();
        let per = opt.max_per_row.max(1);
        let chunks = members.len().div_ceil(per).max(1);
        for (k, &v) in members.iter().enumerate() {
            row[v] = next_row + k / per;
        }
        next_row += chunks;
    }
    let rows = next_row.max(1);

    // 5. Dummy nodes for edges spanning several rows.
    let mut w = Work {
        row: row.clone(),
        width: nodes.iter().map(|x| x.width).collect(),
        segs: Vec::new(),
        order: vec![Vec::new(); rows],
        preds: Vec::new(),
        succs: Vec::new(),
    };
    let dummies: usize = dag
        .iter()
        .map(|&(a, b)| row[b].saturating_sub(row[a]).saturating_sub(1))
        .sum();
    if dummies > opt.max_dummies {
        return None;
    }
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(dag.len());
    for &(a, b) in &dag {
        let (ra, rb) = (row[a], row[b]);
        let mut chain = vec![a];
        if rb > ra {
            for r in ra + 1..rb {
                let d = w.row.len();
                w.row.push(r);
                w.width.push(opt.dummy_width);
                chain.push(d);
            }
        }
        chain.push(b);
        for pair in chain.windows(2) {
            if let [x, y] = pair {
                w.segs.push((*x, *y));
            }
        }
        chains.push(chain);
    }
    for v in 0..w.row.len() {
        if let Some(r) = w.order.get_mut(w.row[v]) {
            r.push(v);
        }
    }
    w.preds = vec![Vec::new(); w.row.len()];
    w.succs = vec![Vec::new(); w.row.len()];
    for &(a, b) in &w.segs {
        w.succs[a].push(b);
        w.preds[b].push(a);
    }

    // 6. Crossing reduction: barycentre sweeps, keeping the best order seen.
    let mut best = w.order.clone();
    let sweeps = if w.segs.len() > CROSSING_BUDGET {
        0
    } else {
        16
    };
    let mut best_cross = if sweeps > 0 { crossings(&w) } else { 0 };
    for it in 0..sweeps {
        let down = it % 2 == 0;
        let rows_iter: Vec<usize> = if down {
            (1..rows).collect()
        } else {
            (0..rows.saturating_sub(1)).rev().collect()
        };
        for r in rows_iter {
            let rank = w.ranks();
            let cur = w.order[r].clone();
            let mut keyed: Vec<(f64, usize, usize)> = cur
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let ns = w.neighbours(v, down);
                    let bc = if ns.is_empty() {
                        i as f64
                    } else {
                        ns.iter().map(|&u| rank[u] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (bc, i, v)
                })
                .collect();
            stagecraft_syntax::sort::sort_by(&mut keyed, |a, b| {
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
            });
            w.order[r] = keyed.into_iter().map(|k| k.2).collect();
        }
        let c = crossings(&w);
        if c < best_cross {
            best_cross = c;
            best = w.order.clone();
        }
    }
    w.order = best;

    // 7. X coordinates: pack, then pull towards neighbours while keeping separation.
    let total = w.row.len();
    let mut x = vec![0.0f64; total];
    for r in &w.order {
        let mut cur = 0.0;
        for &v in r {
            x[v] = cur + w.width[v] / 2.0;
            cur += w.width[v] + if v < n { opt.node_gap } else { opt.dummy_gap };
        }
    }
    // Rows that belong to a wrapped layer (a layer split over several rows).
    let mut layer_rows: Vec<Vec<usize>> = Vec::new();
    {
        let mut r0 = 0usize;
        for l in 0..=max_layer {
            let count = (0..n).filter(|&v| layer[v] == l).count();
            let chunks = count.div_ceil(opt.max_per_row.max(1)).max(1);
            layer_rows.push((r0..r0 + chunks).collect());
            r0 += chunks;
        }
    }
    let mut in_grid = vec![false; rows];
    for lr in layer_rows.iter().filter(|lr| lr.len() > 1) {
        for &r in lr {
            in_grid[r] = true;
        }
    }
    for it in 0..8 {
        sweep(&w, &mut x, it % 2 == 0, rows, n, opt, &vec![false; rows]);
    }
    // Wrapped layers become a grid: boxes in columns, long edges in the gutters between
    // columns, so a wide layer costs height instead of width.
    for lr in layer_rows.iter().filter(|lr| lr.len() > 1) {
        let reals: Vec<usize> = lr
            .iter()
            .flat_map(|&r| w.order[r].iter().copied().filter(|&v| v < n))
            .collect();
        if reals.is_empty() {
            continue;
        }
        let colw = reals.iter().map(|&v| w.width[v]).fold(0.0, f64::max) + opt.node_gap;
        let cols = lr
            .iter()
            .map(|&r| w.order[r].iter().filter(|&&v| v < n).count())
            .max()
            .unwrap_or(1)
            .max(1);
        let center = reals.iter().map(|&v| x[v]).sum::<f64>() / reals.len() as f64;
        let left = center - colw * cols as f64 / 2.0;
        for &r in lr {
            let mut c = 0usize;
            for &v in &w.order[r] {
                if v < n {
                    x[v] = left + colw * (c as f64 + 0.5);
                    c += 1;
                }
            }
        }
        // Each chain crossing this grid keeps one gutter through all its rows; several chains
        // in one gutter are spread a little.
        let mut used: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for chain in &chains {
            let ds: Vec<usize> = chain
                .iter()
                .copied()
                .filter(|&v| v >= n && lr.contains(&w.row[v]))
                .collect();
            if ds.is_empty() {
                continue;
            }
            let mean = ds.iter().map(|&d| x[d]).sum::<f64>() / ds.len() as f64;
            let g = ((mean - left) / colw).round().clamp(0.0, cols as f64) as usize;
            let k = used.entry(g).or_insert(0);
            let spread = (opt.node_gap / 2.0 - 3.0).max(0.0);
            let offset = if *k == 0 {
                0.0
            } else {
                let step = (*k).div_ceil(2) as f64 * 4.0;
                let sign = if *k % 2 == 1 { 1.0 } else { -1.0 };
                (sign * step).clamp(-spread, spread)
            };
            *k += 1;
            for d in ds {
                x[d] = left + colw * g as f64 + offset;
            }
        }
    }
    // Let the other rows settle around the grids.
    for it in 0..4 {
        sweep(&w, &mut x, it % 2 == 0, rows, n, opt, &in_grid);
    }
    let min_x = (0..total)
        .map(|v| x[v] - w.width[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if min_x.is_finite() {
        opt.margin - min_x
    } else {
        opt.margin
    };
    for v in x.iter_mut() {
        *v += shift;
    }
    let width = (0..total)
        .map(|v| x[v] + w.width[v] / 2.0)
        .fold(0.0f64, f64::max)
        + opt.margin;

    // 8. Y coordinates: each row as tall as its tallest node.
    let mut row_h = vec![0.0f64; rows];
    for v in 0..n {
        row_h[row[v]] = row_h[row[v]].max(nodes[v].height);
    }
    let mut row_y = vec![0.0f64; rows];
    let mut y = opt.margin;
    for r in 0..rows {
        row_y[r] = y;
        y += row_h[r] + opt.row_gap;
    }
    let height = y - opt.row_gap + opt.margin;

    let pos: Vec<(f64, f64)> = (0..n)
        .map(|v| {
            (
                x[v],
                row_y[row[v]] + (row_h[row[v]] - nodes[v].height) / 2.0,
            )
        })
        .collect();

    // 9. Routes: bottom of the upper node, through the dummies, top of the lower node; ports
    // spread along the side in the order of the other end's x.
    let mut routes: Vec<Vec<(f64, f64)>> = Vec::with_capacity(dag.len());
    // Each edge gets its own slot on each side, ordered by the x of its other end.
    let mut bottom: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    let mut top: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    for (ei, c) in chains.iter().enumerate() {
        if let (Some(&first), Some(&second)) = (c.first(), c.get(1)) {
            bottom[first].push((x[second], ei));
        }
        if let (Some(&last), Some(&before)) = (c.last(), c.get(c.len().saturating_sub(2))) {
            top[last].push((x[before], ei));
        }
    }
    for l in bottom.iter_mut().chain(top.iter_mut()) {
        stagecraft_syntax::sort::sort_by(l, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    let port = |v: usize, ei: usize, is_bottom: bool| -> f64 {
        let slots = if is_bottom { &bottom[v] } else { &top[v] };
        let k = slots.len();
        if k <= 1 {
            return x[v];
        }
        let idx = slots.iter().position(|&(_, e)| e == ei).unwrap_or(0) as f64;
        let span = (nodes[v].width * 0.7).min(22.0 * (k as f64 - 1.0));
        x[v] - span / 2.0 + span * idx / (k as f64 - 1.0)
    };
    for (ei, chain) in chains.iter().enumerate() {
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        let mut pts = Vec::with_capacity(chain.len());
        if row[a] == row[b] {
            pts.push((x[a], pos[a].1 + nodes[a].height));
            pts.push((x[b], pos[b].1 + nodes[b].height));
        } else {
            pts.push((port(a, ei, true), pos[a].1 + nodes[a].height));
            for &d in &chain[1..chain.len() - 1] {
                let ry = row_y[w.row[d]];
                pts.push((x[d], ry));
                pts.push((x[d], ry + row_h[w.row[d]]));
            }
            pts.push((port(b, ei, false), pos[b].1));
        }
        let orig = valid[ei];
        if reversed.contains(&orig) {
            pts.reverse();
        }
        routes.push(pts);
    }

    Some(Layout {
        pos,
        routes,
        width,
        height,
    })
}

/// One pass of the coordinate assignment: each row (except `fixed` ones) moves towards the
/// mean x of its neighbours in the row above (`down`) or below, keeping boxes apart.
fn sweep(
    w: &Work,
    x: &mut [f64],
    down: bool,
    rows: usize,
    n: usize,
    opt: LOptions,
    fixed: &[bool],
) {
    let rows_iter: Vec<usize> = if down {
        (1..rows).collect()
    } else {
        (0..rows.saturating_sub(1)).rev().collect()
    };
    for r in rows_iter {
        if fixed.get(r).copied().unwrap_or(false) {
            continue;
        }
        let ord = &w.order[r];
        if ord.is_empty() {
            continue;
        }
        let desired: Vec<f64> = ord
            .iter()
            .map(|&v| {
                let ns = w.neighbours(v, down);
                if ns.is_empty() {
                    x[v]
                } else {
                    ns.iter().map(|&u| x[u]).sum::<f64>() / ns.len() as f64
                }
            })
            .collect();
        // Long edges (dummies) may run closer to each other than boxes do.
        let sep = |i: usize| {
            let (a, b) = (ord[i - 1], ord[i]);
            let gap = if a < n && b < n {
                opt.node_gap
            } else {
                opt.dummy_gap
            };
            (w.width[a] + w.width[b]) / 2.0 + gap
        };
        let mut fwd = desired.clone();
        for i in 1..ord.len() {
            fwd[i] = fwd[i].max(fwd[i - 1] + sep(i));
        }
        let mut bwd = desired;
        for i in (0..ord.len() - 1).rev() {
            bwd[i] = bwd[i].min(bwd[i + 1] - sep(i + 1));
        }
        for (i, &v) in ord.iter().enumerate() {
            x[v] = (fwd[i] + bwd[i]) / 2.0;
        }
    }
}

/// Number of crossings between adjacent rows.
fn crossings(w: &Work) -> usize {
    let rank = w.ranks();
    let rows = w.order.len();
    let mut by_row: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rows];
    for &(a, b) in &w.segs {
        if let Some(l) = by_row.get_mut(w.row[a]) {
            l.push((rank[a], rank[b]));
        }
    }
    let mut total = 0;
    for l in &by_row {
        for (i, a) in l.iter().enumerate() {
            for b in &l[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    total += 1;
                }
            }
        }
    }
    total
}
