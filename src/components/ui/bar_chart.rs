use leptos::prelude::*;

/// One bar of a [`BarChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// `None`: nothing to measure (no case closed that month), drawn as "—", never as 0.
    pub value: Option<f64>,
    /// The period is not over yet (this month so far): drawn lighter, so a short bar
    /// does not read as a collapse.
    pub so_far: bool,
}

impl Bar {
    pub fn new(label: String, value: f64) -> Bar {
        Bar::maybe(label, Some(value))
    }

    pub fn maybe(label: String, value: Option<f64>) -> Bar {
        Bar {
            label,
            value,
            so_far: false,
        }
    }

    /// Marks the bar as a period not over yet (the chart says what the mark means).
    pub fn so_far(self, so_far: bool) -> Bar {
        Bar { so_far, ..self }
    }
}

/// Bars of plain (label, value) pairs.
pub fn bars(pairs: impl IntoIterator<Item = (String, f64)>) -> Vec<Bar> {
    pairs
        .into_iter()
        .map(|(label, value)| Bar::new(label, value))
        .collect()
}

/// Width of `text` in ems, near enough to lay out labels: CJK characters are square,
/// Latin letters and digits about half as wide.
fn width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| if c >= '\u{2e80}' { 1.0 } else { 0.62 })
        .sum()
}

/// A bar's label in at most two lines of `max_em` each, wrapped at spaces where there
/// are any (else between characters) and cut with "…" beyond: long cause names side by
/// side overlapped into one unreadable line.
fn label_lines(label: &str, max_em: f64) -> Vec<String> {
    if width_em(label) <= max_em {
        return vec![label.to_string()];
    }
    // Without spaces (Chinese), two halves read better than a full line and one orphan.
    if !label.contains(' ') && width_em(label) <= 2.0 * max_em {
        let chars: Vec<char> = label.chars().collect();
        let split = chars.len().div_ceil(2);
        let (first, second): (String, String) = (
            chars[..split].iter().collect(),
            chars[split..].iter().collect(),
        );
        if width_em(&first) <= max_em && width_em(&second) <= max_em {
            return vec![first, second];
        }
    }
    let pieces: Vec<String> = if label.contains(' ') {
        label.split(' ').map(|w| format!("{w} ")).collect()
    } else {
        label.chars().map(String::from).collect()
    };
    let mut lines: Vec<String> = vec![String::new()];
    for piece in pieces {
        let last = lines.len() - 1;
        if !lines[last].is_empty()
            && width_em(lines[last].trim_end()) + width_em(piece.trim_end()) > max_em
        {
            lines.push(String::new());
        }
        let last = lines.len() - 1;
        lines[last].push_str(&piece);
    }
    let mut lines: Vec<String> = lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect();
    let more = lines.len() > 2;
    lines.truncate(2);
    let count = lines.len();
    for (i, line) in lines.iter_mut().enumerate() {
        // A word too long for its line is cut too, not left to run into its neighbour.
        if width_em(line) > max_em || (more && i + 1 == count) {
            while width_em(line) + 0.62 > max_em && line.pop().is_some() {}
            line.push('…');
        }
    }
    lines
}

/// A vertical bar chart drawn as SVG: readable on a tablet, no chart library in the wasm.
/// Each bar carries its value as text, so the chart does not rely on reading the axis.
#[component]
pub fn BarChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] bars: Signal<Vec<Bar>>,
    /// Formats a bar's value for its label.
    #[prop(into)]
    label: Callback<f64, String>,
    /// A dashed line at this value (e.g. 1 for "no better than chance").
    #[prop(optional)]
    reference: Option<f64>,
) -> impl IntoView {
    const W: f64 = 600.0;
    const H: f64 = 240.0;
    const TOP: f64 = 24.0;
    /// The labels' font size in the chart's units (style: `.chart-label`).
    const LABEL: f64 = 18.0;
    let so_far = move || bars.with(|b| b.iter().any(|bar| bar.so_far));
    let chart = move || {
        let bars = bars.get();
        let max = bars
            .iter()
            .filter_map(|b| b.value)
            .chain(reference)
            .fold(0.0_f64, f64::max)
            .max(f64::MIN_POSITIVE);
        let n = bars.len().max(1) as f64;
        let slot = W / n;
        let lines: Vec<Vec<String>> = bars
            .iter()
            .map(|b| label_lines(&b.label, slot * 0.9 / LABEL))
            .collect();
        let two = lines.iter().any(|l| l.len() > 1);
        let bottom = if two { 32.0 + LABEL * 1.1 } else { 32.0 };
        let scale = (H - TOP - bottom) / max;
        let base = H - bottom;
        let reference_line = reference.map(|r| {
            let y = base - r * scale;
            view! { <line class="chart-ref" x1="0" x2=W y1=y y2=y/> }
        });
        let rects = bars
            .into_iter()
            .zip(lines)
            .enumerate()
            .map(|(i, (bar, lines))| {
                let cx = i as f64 * slot + slot / 2.0;
                let x = i as f64 * slot + slot * 0.15;
                let drawn = bar.value.map(|value| {
                    let h = (value.max(0.0) * scale).max(1.0);
                    let class = if bar.so_far { "chart-bar so-far" } else { "chart-bar" };
                    view! {
                        <rect class=class x=x y=base - h width=slot * 0.7 height=h/>
                        <text class="chart-value" x=cx y=base - h - 6.0 text-anchor="middle">{label.run(value)}</text>
                    }
                });
                let empty = bar.value.is_none().then(|| view! {
                    <text class="chart-value empty" x=cx y=base - 6.0 text-anchor="middle">"—"</text>
                });
                let text = if lines.len() == 1 {
                    view! { <text class="chart-label" x=cx y=H - 8.0 text-anchor="middle">{bar.label.clone()}</text> }.into_any()
                } else {
                    let first_y = H - 8.0 - LABEL * 1.1 * (lines.len() - 1) as f64;
                    view! {
                        <text class="chart-label" x=cx y=first_y text-anchor="middle">
                            {lines.into_iter().enumerate().map(|(k, line)| view! {
                                <tspan x=cx dy=if k == 0 { 0.0 } else { LABEL * 1.1 }>{line}</tspan>
                            }).collect_view()}
                        </text>
                    }.into_any()
                };
                view! {
                    <g>
                        <title>{bar.label}</title>
                        {drawn}
                        {empty}
                        {text}
                    </g>
                }
            })
            .collect_view();
        view! { {rects} {reference_line} }
    };
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title preserveAspectRatio="xMidYMid meet">
                {chart}
            </svg>
            <Show when=so_far>
                <p class="chart-legend so-far-legend">{crate::i18n::t("chart.so_far")}</p>
            </Show>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_stay_on_one_line() {
        assert_eq!(label_lines("危急", 4.0), vec!["危急"]);
        assert_eq!(label_lines("Nov", 2.5), vec!["Nov"]);
    }

    #[test]
    fn long_labels_wrap_at_spaces_and_are_cut_beyond_two_lines() {
        let lines = label_lines("Customer's staff neglected", 8.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| width_em(l) <= 8.0), "{lines:?}");
        assert!(lines[0].starts_with("Customer"));
        let cut = label_lines("a very long cause name that goes on and on", 6.0);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && width_em(&cut[1]) <= 6.0, "{cut:?}");
        let chinese = label_lines("忽视客户方员工", 4.0);
        assert_eq!(chinese, vec!["忽视客户", "方员工"]);
        // A single word wider than a line is cut, not left to overlap.
        let word = label_lines("Customer's staff", 4.0);
        assert!(word.iter().all(|l| width_em(l) <= 4.0), "{word:?}");
        // Halves, not a full line and an orphan.
        assert_eq!(label_lines("问题未解决", 4.0), vec!["问题未", "解决"]);
    }
}
