//! A grouped bar chart written as plain SVG (no fonts or libraries needed to produce it; viewers
//! use their own sans-serif font).

use std::fmt::Write;

/// Bars of one case: one value per series (`None`: no bar), and a note under the label.
pub struct CaseBars {
    pub label: String,
    pub values: Vec<Option<f64>>,
    pub note: Option<String>,
}

/// A cluster of cases sharing dtype / causal / pass.
pub struct Group {
    pub label: String,
    pub cases: Vec<CaseBars>,
}

pub struct Chart {
    pub title: String,
    pub unit: String,
    /// Series names, in bar order (umfa first, then anchors).
    pub series: Vec<String>,
    pub groups: Vec<Group>,
}

const COLORS: [&str; 6] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#7f7f7f",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round axis maximum at or above `x` (1 to 8 times a power of ten, in steps that divide into
/// five ticks evenly enough to read).
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    for m in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * p >= x {
            return m * p;
        }
    }
    10.0 * p
}

fn fmt_value(v: f64) -> String {
    if v >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if v >= 100.0 || (v == v.trunc() && v.abs() < 1e15) {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

pub fn render(chart: &Chart) -> String {
    let n_series = chart.series.len().max(1);
    let (bar_w, bar_gap, case_gap, group_gap) = (22.0, 2.0, 18.0, 40.0);
    let case_w = n_series as f64 * (bar_w + bar_gap) - bar_gap;
    let (left, right, top, plot_h, bottom) = (72.0, 24.0, 64.0, 320.0, 86.0);
    // Text widths are estimated (no font metrics here): ~8 px a character at 12 px bold.
    let group_w = |g: &Group| {
        let bars = g.cases.len() as f64 * (case_w + case_gap) - case_gap;
        let notes = g
            .cases
            .iter()
            .filter_map(|c| c.note.as_ref())
            .map(|n| 5.5 * n.chars().count() as f64 - case_w)
            .fold(0f64, f64::max);
        (bars + notes.max(0.0)).max(8.0 * g.label.chars().count() as f64)
    };
    let mut width = left + right;
    for (gi, g) in chart.groups.iter().enumerate() {
        if gi > 0 {
            width += group_gap;
        }
        width += group_w(g);
    }
    width = width.max(left + 9.5 * chart.title.chars().count() as f64);
    let legend_w: f64 = chart
        .series
        .iter()
        .map(|s| 28.0 + 7.0 * s.len() as f64)
        .sum();
    width = width.max(left + legend_w + right).max(360.0);
    let height = top + plot_h + bottom;
    let max = chart
        .groups
        .iter()
        .flat_map(|g| g.cases.iter())
        .flat_map(|c| c.values.iter().flatten())
        .fold(0f64, |m, &v| m.max(v));
    let ymax = nice_ceiling(max * 1.08);
    let y = |v: f64| top + plot_h * (1.0 - v / ymax);

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif">"#
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="white"/>
<text x="{left}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        esc(&chart.title)
    );
    // Legend.
    let mut lx = left;
    for (i, name) in chart.series.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<rect x="{lx:.1}" y="36" width="12" height="12" fill="{}"/><text x="{:.1}" y="46" font-size="12">{}</text>"#,
            COLORS[i % COLORS.len()],
            lx + 16.0,
            esc(name)
        );
        lx += 28.0 + 7.0 * name.len() as f64;
    }
    // Axis and grid.
    for t in 0..=5 {
        let v = ymax * t as f64 / 5.0;
        let yy = y(v);
        let _ = writeln!(
            s,
            r##"<line x1="{left}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"##,
            width - right,
            left - 6.0,
            yy + 4.0,
            fmt_value(v)
        );
    }
    let _ = writeln!(
        s,
        r#"<text transform="translate(18 {:.1}) rotate(-90)" font-size="12" text-anchor="middle">{}</text>"#,
        top + plot_h / 2.0,
        esc(&chart.unit)
    );
    let _ = writeln!(
        s,
        r#"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="black"/>"#,
        top + plot_h,
        width - right,
        top + plot_h
    );
    // Bars.
    let mut x = left;
    for (gi, g) in chart.groups.iter().enumerate() {
        if gi > 0 {
            x += group_gap;
        }
        let gx0 = x;
        let gw = group_w(g);
        // Cases are centred in their group, which may be wider than its bars for its labels.
        x += (gw - (g.cases.len() as f64 * (case_w + case_gap) - case_gap)) / 2.0;
        for (ci, c) in g.cases.iter().enumerate() {
            if ci > 0 {
                x += case_gap;
            }
            for (si, v) in c.values.iter().enumerate() {
                let bx = x + si as f64 * (bar_w + bar_gap);
                if let Some(v) = v {
                    let by = y(*v);
                    let _ = writeln!(
                        s,
                        r#"<rect x="{bx:.1}" y="{by:.1}" width="{bar_w}" height="{:.1}" fill="{}"><title>{} {} {}: {} {}</title></rect>"#,
                        (top + plot_h - by).max(0.0),
                        COLORS[si % COLORS.len()],
                        esc(&g.label),
                        esc(&c.label),
                        esc(&chart.series[si]),
                        fmt_value(*v),
                        esc(&chart.unit)
                    );
                    let _ = writeln!(
                        s,
                        r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle">{}</text>"#,
                        bx + bar_w / 2.0,
                        by - 3.0,
                        fmt_value(*v)
                    );
                }
            }
            let cx = x + case_w / 2.0;
            let _ = writeln!(
                s,
                r#"<text x="{cx:.1}" y="{:.1}" font-size="12" text-anchor="middle">{}</text>"#,
                top + plot_h + 16.0,
                esc(&c.label)
            );
            if let Some(note) = &c.note {
                let _ = writeln!(
                    s,
                    r##"<text x="{cx:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#444">{}</text>"##,
                    top + plot_h + 30.0,
                    esc(note)
                );
            }
            x += case_w;
        }
        x = gx0 + gw;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" text-anchor="middle">{}</text>"#,
            (gx0 + x) / 2.0,
            top + plot_h + 52.0,
            esc(&g.label)
        );
    }
    s += "</svg>\n";
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_bars_and_escapes() {
        let chart = Chart {
            title: "a <b> & c".into(),
            unit: "GFLOP/s".into(),
            series: vec!["umfa".into(), "torch".into()],
            groups: vec![Group {
                label: "f32".into(),
                cases: vec![CaseBars {
                    label: "C1".into(),
                    values: vec![Some(100.0), Some(65.0)],
                    note: Some("1.54×".into()),
                }],
            }],
        };
        let svg = render(&chart);
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("a &lt;b&gt; &amp; c"));
        assert_eq!(svg.matches("<rect x=").count(), 2 + 2); // legend + bars
        assert_eq!(nice_ceiling(108.0), 150.0);
        assert_eq!(nice_ceiling(287.0), 300.0);
        assert_eq!(nice_ceiling(0.9), 1.0);
    }
}
