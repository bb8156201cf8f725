use leptos::prelude::*;

/// A vertical bar chart drawn as SVG: readable on a tablet, no chart library in the wasm.
/// Each bar carries its value as text, so the chart does not rely on reading the axis.
#[component]
pub fn BarChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] bars: Signal<Vec<(String, f64)>>,
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
    let chart = move || {
        let bars = bars.get();
        let max = bars
            .iter()
            .map(|(_, v)| *v)
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
            .map(|(i, (name, value))| {
                let h = (value.max(0.0) * scale).max(1.0);
                let x = i as f64 * slot + slot * 0.15;
                let cx = i as f64 * slot + slot / 2.0;
                view! {
                    <g>
                        <rect class="chart-bar" x=x y=base - h width=slot * 0.7 height=h/>
                        <text class="chart-value" x=cx y=base - h - 6.0 text-anchor="middle">{label.run(value)}</text>
                        <text class="chart-label" x=cx y=H - 8.0 text-anchor="middle">{name}</text>
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
        </figure>
    }
}
