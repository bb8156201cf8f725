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
    const BOTTOM: f64 = 32.0;
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
        let scale = (H - TOP - BOTTOM) / max;
        let base = H - BOTTOM;
        let reference_line = reference.map(|r| {
            let y = base - r * scale;
            view! { <line class="chart-ref" x1="0" x2=W y1=y y2=y/> }
        });
        let rects = bars
            .into_iter()
            .enumerate()
            .map(|(i, bar)| {
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
                view! {
                    <g>
                        {drawn}
                        {empty}
                        <text class="chart-label" x=cx y=H - 8.0 text-anchor="middle">{bar.label}</text>
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
